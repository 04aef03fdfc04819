"""Free-form ideas: anything a participant sends outside a form is offered as an idea.

Plain text (also `ekonomi 5th …` without `#`), a photo with a plain caption or none, a voice note,
a document: the content is kept at once in the idea draft (persisted with the conversation after
every update), and the bot asks only what is missing — dimension, then horizon — one tap each,
the likeliest dimension first (the workshop file's `[keywords]`). A greeting, a thank-you, a
question to the bot or a single word is answered as such.

The draft has the shape of every idea draft (`text`, `attachment`, `source` at its top level,
see `draft`), and is filed by `submit.file_draft`, so a free-form idea also gets the similar-idea
step and the choice for an over-long text. An idea that cannot be offered yet is kept,
draft-shaped, in `user_data["idea_kept"]`: the sender is not registered (registration follows),
another form waits for a button, or another idea is being tagged. `offer_kept` runs after every
update and offers the next kept idea as soon as the user is registered and in no form. Every
reply that did not save says "Ide belum disimpan".
"""

from __future__ import annotations

from collections.abc import MutableMapping
from typing import Any

from telegram import Update

from bot.core.context import BotContext
from bot.rules.idea_rules import MAX_FILE_BYTES, looks_tagged
from bot.rules.idea_rules import read_tags as read_hashtags
from bot.rules.intake import Kind, classify, likeliest_dimension, ranked_dimensions
from bot.rules.intake import read_leading_tags as read_tags
from handlers.common import END, esc, say, send_html, user_lang
from handlers.forms import in_any_form
from handlers.ideas import submit
from handlers.ideas.draft import (
    DRAFT,
    KEPT,
    _draft,
    ask_next,
    content_preview,
    has_content,
    keep_for_later,
    tags_of,
)
from handlers.texts import t

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
    attachment, _ = submit.attachment_of(message)
    if looks_tagged(raw):
        # Hashtags kept while another form waits: read as the fast path reads them (a misspelt
        # tag suggested, two dimensions a choice) once the idea is offered.
        reading = read_hashtags(raw)
        text = reading.text
        item: dict[str, Any] = {**tags_of(reading), **submit.content_of(message, text)}
        kind = Kind.IDEA if attachment is not None or text.strip() else Kind.SHORT
        return kind, item
    plain = read_tags(raw)
    kind = classify(
        plain.text if (plain.dimension or plain.horizon) else raw,
        has_attachment=attachment is not None,
        min_chars=context.settings.idea_min_chars,
    )
    item = submit.content_of(message, plain.text)
    for tag, value in (("dimension", plain.dimension), ("horizon", plain.horizon)):
        if value:
            item[tag] = value
    # The likeliest dimension by the idea's words (the workshop file's [keywords]) first.
    keywords = context.workshop.keywords_by_dimension
    item["ranked"] = ranked_dimensions(plain.text, keywords)
    item["guess"] = likeliest_dimension(plain.text, keywords)
    return kind, item


def _keep(context: BotContext, item: dict[str, Any]) -> None:
    keep_for_later(context, item)  # a message delivered twice is kept once


async def keep_until_registered(update: Update, context: BotContext, item: dict[str, Any]) -> bool:
    """An idea (draft-shaped `item`) from someone not registered for the stage that takes ideas:
    kept, and filed right after the registration (`offer_kept`); False if it cannot be."""
    user = update.effective_user
    assert user is not None
    stage = await context.repo.current_stage()
    if stage is None or not stage.ideas_open:
        return False
    if await submit.registered_author(context, user.id) is not None:
        return False
    _keep(context, item)
    # "/daftar" in the reply is a link in Telegram: one tap sends it and opens the form.
    lang = await user_lang(update, context)
    await say(update, context, "intake_kept_register", lang=lang, stage=esc(stage.title_in(lang)))
    return True


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
    author = await submit.registered_author(context, user.id)
    stage = await context.repo.current_stage()
    if kind is not Kind.IDEA:
        text = t(lang, _NOT_AN_IDEA[kind])
        if author is None and stage is not None:
            text += "\n" + t(lang, "intake_register_first", stage=esc(stage.title_in(lang)))
        waiting = context.user_state.get(DRAFT)
        if isinstance(waiting, dict) and has_content(waiting):
            text += "\n" + t(lang, "idea_not_saved")  # an idea offered earlier waits for a tap
        await send_html(update, context, text)
        return END
    if stage is None:
        await say(update, context, "no_current_stage", lang=lang)
        return END
    if not stage.ideas_open:
        await say(update, context, "ideas_closed", lang=lang, stage=esc(stage.title_in(lang)))
        return END
    attachment = item.get("attachment") or {}
    if (attachment.get("size") or 0) > MAX_FILE_BYTES:
        refusal = t(lang, "idea_file_too_big", max=MAX_FILE_BYTES // 2**20)
        await send_html(update, context, f"{refusal}\n{t(lang, 'idea_not_saved')}")
        return END
    preview = content_preview(lang, item)
    if author is None:
        await keep_until_registered(update, context, item)
        return END
    current = context.user_state.get(DRAFT)
    if isinstance(current, dict) and has_content(current):
        if current.get("source") == item["source"]:
            return await ask_next(update, context, fresh=True)  # delivered again: ask again
        # An earlier idea still waits for its taps: this one waits its turn.
        _keep(context, item)
        await say(update, context, "intake_kept_next", lang=lang, idea=preview)
        return await ask_next(update, context, fresh=True)
    participant, stage = author
    context.user_state[DRAFT] = {
        **item,
        "purpose": "self",
        "participant_id": participant.id,
        "stage": stage.number,
    }
    return await ask_next(update, context, fresh=True)


async def on_early_content(update: Update, context: BotContext) -> int | None:
    """The idea typed (or sent) while /ide still asks for its dimension or horizon: keep it in
    the draft and ask on; a second one waits its turn."""
    draft = _draft(context)
    kind, item = _read(update, context)
    if kind is not Kind.IDEA:
        await point_at_buttons(update, context)
        return None
    if has_content(draft):
        # The idea being tagged comes first: this one waits its turn.
        _keep(context, item)
        lang = await user_lang(update, context)
        preview = content_preview(lang, item)
        await say(update, context, "intake_kept_next", lang=lang, idea=preview)
        return await ask_next(update, context, fresh=True)
    for key, value in item.items():
        if key not in ("dimension", "horizon") or not draft.get(key):
            draft[key] = value
    return await ask_next(update, context, fresh=True)


async def point_at_buttons(update: Update, context: BotContext) -> None:
    """Not an idea, typed while a form waits for a button: point at the buttons (and say that
    an idea waiting for its tap is not saved yet)."""
    lang = await user_lang(update, context)
    text = t(lang, "use_buttons")
    draft = context.user_state.get(DRAFT)
    if isinstance(draft, dict) and has_content(draft):
        text += "\n" + t(lang, "idea_not_saved")
    await send_html(update, context, text)


async def keep(update: Update, context: BotContext) -> None:
    """Something sent while a form waits for a button: an idea is kept for later, anything else
    is pointed at the buttons."""
    kind, item = _read(update, context)
    if kind is not Kind.IDEA:
        await point_at_buttons(update, context)
        return
    _keep(context, item)
    await say(update, context, "intake_kept_form_open")


async def on_kept_tap(update: Update, context: BotContext) -> int:
    """A tag, length or similar-idea tap on a kept idea offered outside the conversation (by
    `offer_kept`, also after a restart): continue its draft."""
    draft = context.user_state.get(DRAFT)
    query = update.callback_query
    assert query is not None
    if isinstance(draft, dict) and has_content(draft) and draft.get("purpose") == "self":
        action = str(query.data or "").split(":")[1:2]
        take = {
            "long": submit.on_length_button,
            "sim": submit.on_similar_button,
        }.get(action[0] if action else "", submit.on_tag_button)
        state = await take(update, context)
        return END if state is None else state
    await submit.stale_choice(update, context)
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
    # Outside the conversation: a tap on what it asks comes back through `on_kept_tap`.
    await submit.offer_next(update, context)


def forget_all_but_kept_ideas(user_state: MutableMapping[str, Any]) -> None:
    """Forget everything about a user who has not accepted the privacy notice, except the ideas
    they sent before registering: those wait for the registration (issue 13)."""
    kept = user_state.get(KEPT)
    user_state.clear()
    if kept:
        user_state[KEPT] = kept
