"""Free-form ideas: anything a participant sends outside a form is offered as an idea.

Plain text (also `ekonomi 5th …` without `#`), a photo with a plain caption or none, a voice note,
a document: the content is kept at once in the idea draft (persisted with the conversation after
every update), and the bot asks only what is missing — dimension, then horizon — one tap each,
the likeliest dimension first (the workshop file's `[keywords]`). A greeting, a thank-you, a
question to the bot or a single word is answered as such.

An idea that cannot be offered yet is kept in `user_data["idea_kept"]`: the sender is not
registered (registration follows), another form waits for a button, or another idea is being
tagged. `offer_kept` runs after every update and offers the next kept idea as soon as the user is
registered and in no form. Every reply that did not save says "Ide belum disimpan".
"""

from __future__ import annotations

from collections.abc import MutableMapping
from typing import Any

from telegram import Update

from bot.core.context import BotContext
from bot.rules.idea_rules import MAX_FILE_BYTES
from bot.rules.intake import Kind, classify, likeliest_dimension, ranked_dimensions
from bot.rules.intake import read_leading_tags as read_tags
from handlers.common import END, answer_alert, esc, say, send_html, user_lang
from handlers.forms import in_any_form
from handlers.ideas import submit
from handlers.ideas.draft import DRAFT, KEPT, _draft, ask_next, content_preview
from handlers.texts import t
from storage.models import Participant, Stage

_NOT_AN_IDEA = {
    Kind.GREETING: "intake_greeting",
    Kind.THANKS: "intake_thanks",
    Kind.QUESTION: "intake_question",
    Kind.SHORT: "intake_short",
}


def _read(update: Update, context: BotContext) -> tuple[Kind, dict[str, Any]]:
    """What the message is, and (for an idea) what it brings: content and tags in plain words."""
    message = update.effective_message
    assert message is not None
    raw = message.text or message.caption or ""
    plain = read_tags(raw)
    attachment, _ = submit.attachment_of(message)
    kind = classify(
        plain.text if (plain.dimension or plain.horizon) else raw,
        has_attachment=attachment is not None,
        min_chars=context.settings.idea_min_chars,
    )
    item = {
        "content": submit.content_of(message, plain.text),
        "dimension": plain.dimension,
        "horizon": plain.horizon,
    }
    return kind, item


async def _registered(context: BotContext, user_id: int) -> tuple[Participant, Stage] | None:
    """The user as a participant of the current stage, if they are registered for it."""
    stage = await context.repo.current_stage()
    if stage is None:
        return None
    participant = await context.repo.participant_by_telegram(user_id)
    if participant is None or not await context.repo.registration(participant.id, stage.number):
        return None
    return participant, stage


def _draft_of(item: dict[str, Any], participant: Participant, stage: Stage, keywords: Any) -> dict:
    content = item["content"]
    text = str(content.get("text") or "")
    draft: dict[str, Any] = {
        "purpose": "self",
        "participant_id": participant.id,
        "stage": stage.number,
        "content": content,
        "ranked": ranked_dimensions(text, keywords),
        "guess": likeliest_dimension(text, keywords),
    }
    for tag in ("dimension", "horizon"):
        if item.get(tag):
            draft[tag] = item[tag]
    return draft


def _source(content: dict[str, Any]) -> tuple[int, int]:
    return int(content["chat_id"]), int(content["message_id"])


def _keep(context: BotContext, item: dict[str, Any]) -> None:
    kept = context.user_state.get(KEPT)
    if not isinstance(kept, list):
        kept = []
    # A message delivered twice is kept once.
    if all(_source(k["content"]) != _source(item["content"]) for k in kept):
        kept.append(item)
    context.user_state[KEPT] = kept


async def on_free_form(update: Update, context: BotContext) -> int:
    """Offer a message sent outside any form as an idea (or answer a greeting or a question)."""
    user, message = update.effective_user, update.effective_message
    assert user is not None and message is not None
    lang = await user_lang(update, context)
    filed = await context.ideas.by_source(message.chat_id, message.message_id)
    if filed is not None:  # the same message delivered again: filed once
        await say(update, context, "idea_already_received", lang=lang, ref=filed.ref)
        return END
    kind, item = _read(update, context)
    author = await _registered(context, user.id)
    stage = await context.repo.current_stage()
    if kind is not Kind.IDEA:
        text = t(lang, _NOT_AN_IDEA[kind])
        if author is None and stage is not None:
            text += "\n" + t(lang, "intake_register_first", stage=esc(stage.title_in(lang)))
        await send_html(update, context, text)
        return END
    if stage is None:
        await say(update, context, "no_current_stage", lang=lang)
        return END
    if not stage.ideas_open:
        await say(update, context, "ideas_closed", lang=lang, stage=esc(stage.title_in(lang)))
        return END
    attachment = item["content"].get("attachment") or {}
    if (attachment.get("size") or 0) > MAX_FILE_BYTES:
        await say(update, context, "idea_file_too_big", lang=lang, max=MAX_FILE_BYTES // 2**20)
        return END
    preview = content_preview(lang, item["content"])
    if author is None:
        # "/daftar" in the reply is a link in Telegram: one tap sends it and opens the form.
        _keep(context, item)
        await say(
            update,
            context,
            "intake_kept_register",
            lang=lang,
            stage=esc(stage.title_in(lang)),
        )
        return END
    current = context.user_state.get(DRAFT)
    if isinstance(current, dict) and current.get("content"):
        if _source(current["content"]) == _source(item["content"]):
            return await ask_next(update, context, fresh=True)  # delivered again: ask again
        # An earlier idea still waits for its taps: this one waits its turn.
        _keep(context, item)
        await say(update, context, "intake_kept_next", lang=lang, idea=preview)
        return await ask_next(update, context, fresh=True)
    participant, stage = author
    context.user_state[DRAFT] = _draft_of(item, participant, stage, _keywords(context))
    return await ask_next(update, context, fresh=True)


def _keywords(context: BotContext) -> dict[str, tuple[str, ...]]:
    return context.workshop.keywords_by_dimension


async def on_early_content(update: Update, context: BotContext) -> int | None:
    """The idea typed (or sent) while /ide still asks for its dimension or horizon: keep it in
    the draft and ask on; a second one waits its turn."""
    draft = _draft(context)
    kind, item = _read(update, context)
    if kind is not Kind.IDEA:
        await say(update, context, "use_buttons")
        return None
    if draft.get("content"):
        # The idea being tagged comes first: this one waits its turn.
        _keep(context, item)
        lang = await user_lang(update, context)
        preview = content_preview(lang, item["content"])
        await say(update, context, "intake_kept_next", lang=lang, idea=preview)
        return await ask_next(update, context, fresh=True)
    draft["content"] = item["content"]
    for tag in ("dimension", "horizon"):
        if item.get(tag) and not draft.get(tag):
            draft[tag] = item[tag]
    text = str(item["content"].get("text") or "")
    draft.setdefault("ranked", ranked_dimensions(text, _keywords(context)))
    draft.setdefault("guess", likeliest_dimension(text, _keywords(context)))
    return await ask_next(update, context, fresh=True)


async def keep(update: Update, context: BotContext) -> None:
    """Something sent while a form waits for a button: an idea is kept for later, anything else
    is pointed at the buttons."""
    kind, item = _read(update, context)
    if kind is not Kind.IDEA:
        await say(update, context, "use_buttons")
        return
    _keep(context, item)
    await say(update, context, "intake_kept_form_open")


async def on_kept_tap(update: Update, context: BotContext) -> int:
    """A dimension or horizon tap on a kept idea offered outside the conversation (also after a
    restart): continue its draft."""
    draft = context.user_state.get(DRAFT)
    if isinstance(draft, dict) and draft.get("content") and draft.get("purpose") == "self":
        state = await submit.on_tag_button(update, context)
        return END if state is None else state
    lang = await user_lang(update, context)
    await answer_alert(update, t(lang, "stale_button"))
    return END


async def offer_kept(update: Update, context: BotContext) -> None:
    """After every update: offer the next kept idea once the user is registered and free."""
    data = context.user_data
    if not data or not data.get(KEPT) or data.get(DRAFT):
        return
    user, chat = update.effective_user, update.effective_chat
    if user is None or chat is None or chat.type != "private" or update.effective_message is None:
        return
    if in_any_form(context.application, update):
        return
    author = await _registered(context, user.id)
    if author is None or not author[1].ideas_open:
        return
    participant, stage = author
    kept: list[dict[str, Any]] = data[KEPT]
    while kept and not data.get(DRAFT):
        item = kept.pop(0)
        data[DRAFT] = _draft_of(item, participant, stage, _keywords(context))
        await ask_next(update, context, fresh=True)
    if not kept:
        data.pop(KEPT, None)


def forget_all_but_kept_ideas(user_state: MutableMapping[str, Any]) -> None:
    """Forget everything about a user who has not accepted the privacy notice, except the ideas
    they sent before registering: those wait for the registration (issue 13)."""
    kept = user_state.get(KEPT)
    user_state.clear()
    if kept:
        user_state[KEPT] = kept
