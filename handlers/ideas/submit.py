"""`/ide` with buttons: dimension, then horizon, then the idea itself (text, or a voice note,
photo or document with a caption); and filing an idea, shared with the fast path and paper ideas.

`file_draft` files a complete draft (tags and the idea itself), whichever flow built it: it
offers a similar active idea of the stage first (not for paper ideas), asks whether an over-long
idea is saved as it is or split at its paragraphs, and otherwise files at once; the draft waits
(persisted) for each tap. Whichever flow built the draft (`/ide`, a hashtag message, a free-form
message in `capture`) goes through it, so every idea of a participant gets both steps. An idea
arriving meanwhile is kept in `KEPT`, not lost, and offered once a tap settled the one before
(`after_tap`, `offer_next`).

Every idea is committed by `IdeaRepository.submit` before the confirmation goes out, and the
Telegram message it came from is stored with it, so a message delivered twice is filed once and
answered with the same reference.
"""

from __future__ import annotations

import dataclasses
import secrets
import sys
from typing import Any

from telegram import Message, Update

from bot.core.context import BotContext
from bot.core.roles import Role
from bot.rules.idea_rules import (
    MAX_FILE_BYTES,
    is_too_long,
    looks_tagged,
    read_tags,
    split_paragraphs,
    text_problem,
)
from handlers import buttons
from handlers.common import (
    END,
    answer_alert,
    answer_button,
    esc,
    has_role,
    in_columns,
    keyboard,
    say,
    send_html,
    user_lang,
)
from handlers.ideas import similar
from handlers.ideas.draft import (
    BUTTONS,
    DRAFT,
    KEPT,
    MINE,
    PREFIX,
    State,
    _draft,
    _finish,
    ask_missing_tags,
    ask_next,
    dimension_label,
    has_content,
    horizon_label,
    set_aside,
    wait_for_tap,
)
from handlers.ideas.paper import start_paper_idea
from handlers.texts import t
from storage.models import (
    HORIZONS,
    Attachment,
    Idea,
    IdeaOutcome,
    NewIdea,
    Participant,
    Stage,
)


def attachment_of(message: Message) -> tuple[Attachment | None, bool]:
    """The file an idea came with, and whether it is too large to be fetched back later."""
    attachment: Attachment | None = None
    if message.photo:
        size = message.photo[-1]
        attachment = Attachment("photo", size.file_id, size.file_unique_id, size.file_size)
    elif message.voice:
        voice = message.voice
        attachment = Attachment(
            "voice", voice.file_id, voice.file_unique_id, voice.file_size, voice.mime_type
        )
    elif message.document:
        doc = message.document
        attachment = Attachment(
            "document", doc.file_id, doc.file_unique_id, doc.file_size, doc.mime_type, doc.file_name
        )
    too_big = attachment is not None and (attachment.size or 0) > MAX_FILE_BYTES
    return attachment, too_big


async def _author(
    update: Update, context: BotContext, lang: str
) -> tuple[Participant, Stage] | None:
    """The sender as a participant of the current stage, or None after telling them why not."""
    user = update.effective_user
    assert user is not None
    stage = await context.repo.current_stage()
    if stage is None:
        await say(update, context, "no_current_stage", lang=lang)
        return None
    participant = await context.repo.participant_by_telegram(user.id)
    registered = participant and await context.repo.registration(participant.id, stage.number)
    if participant is None or not registered:
        await say(
            update, context, "ideas_not_registered", lang=lang, stage=esc(stage.title_in(lang))
        )
        return None
    if not stage.ideas_open:
        await say(update, context, "ideas_closed", lang=lang, stage=esc(stage.title_in(lang)))
        return None
    return participant, stage


# --- submitting ------------------------------------------------------------------------------


async def start_idea(update: Update, context: BotContext) -> int:
    """Start an idea: dimension, then horizon, then the idea itself."""
    set_aside(context)
    lang = await user_lang(update, context)
    author = await _author(update, context, lang)
    if author is None:
        return _finish(context)
    participant, stage = author
    context.user_state[DRAFT] = {
        "purpose": "self",
        "participant_id": participant.id,
        "stage": stage.number,
    }
    # From the "send another idea" button: keep the confirmation, ask below it.
    return await ask_next(update, context, fresh=update.callback_query is not None)


async def again(update: Update, context: BotContext) -> int:
    """The "send another idea" button under a confirmation."""
    query = update.callback_query
    assert query is not None
    button = buttons.parse(query.data, PREFIX, {"again": BUTTONS["again"]})
    paper = button is not None and button.str_arg() == "paper"
    if paper and not has_role(update, context, Role.SECRETARIAT):
        return await start_paper_idea(update, context)  # refused: the refusal answers the button
    await answer_button(update)
    return await (start_paper_idea if paper else start_idea)(update, context)


async def on_tag_button(update: Update, context: BotContext) -> int | None:
    """Take the dimension or horizon button."""
    lang = await user_lang(update, context)
    query = update.callback_query
    assert query is not None
    button = buttons.parse(query.data, PREFIX, BUTTONS)
    if button is None or button.action not in ("dim", "hor", "tdim", "thor"):
        await answer_alert(update, t(lang, "invalid_button"))
        return None
    draft = _draft(context)
    if button.action in ("tdim", "thor") and (
        not has_content(draft) or draft.get("token") != button.str_arg(1)
    ):
        await answer_alert(update, t(lang, "choice_expired"))  # another idea's question
        return None
    draft["dimension" if button.action in ("dim", "tdim") else "horizon"] = button.str_arg()
    if has_content(draft):  # a hashtag idea waiting for its tags
        asked = await ask_missing_tags(update, context)
        if asked is not None:
            return asked
        return await after_tap(update, context, await file_draft(update, context))
    return await ask_next(update, context)


async def on_content(update: Update, context: BotContext) -> int | None:
    """Take the idea itself: text, or a voice note, photo or document with a caption."""
    message = update.effective_message
    assert message is not None
    draft = _draft(context)
    if not draft.get("horizon") or not draft.get("participant_id"):
        return _finish(context)  # a draft lost with a cleared session; nothing to file
    raw = message.text or message.caption or ""
    if looks_tagged(raw):
        # Tags typed anyway: used when they are clear, else the buttons' choice stands.
        reading = read_tags(raw)
        if len(reading.dimensions) == 1 and len(reading.horizons) <= 1 and not reading.guesses:
            draft["dimension"] = reading.dimensions[0]
            draft["horizon"] = reading.horizons[0] if reading.horizons else draft["horizon"]
            raw = reading.text
    if not await keep_content(update, context, raw):
        return None
    return await file_draft(update, context)


CONTENT_KEYS = ("text", "attachment", "source", "length", "similar", "similar_checked", "token")


async def keep_content(update: Update, context: BotContext, text: str) -> bool:
    """Put the message's idea (text, file, where it came from) into the draft; False if too big."""
    message = update.effective_message
    assert message is not None
    _, too_big = attachment_of(message)
    if too_big:
        lang = await user_lang(update, context)
        refusal = t(lang, "idea_file_too_big", max=MAX_FILE_BYTES // 2**20)
        await send_html(update, context, f"{refusal}\n{t(lang, 'idea_not_saved')}")
        return False
    draft = _draft(context)
    for key in CONTENT_KEYS:
        draft.pop(key, None)
    draft.update(content_of(message, text))
    return True


def content_of(message: Message, text: str | None = None) -> dict[str, Any]:
    """What a message brings to a draft (JSON, persisted with it): the text (`text`, else the
    message's text or caption), the file, and where it came from (filed once per message)."""
    attachment, _ = attachment_of(message)
    return {
        "text": (message.text or message.caption or "") if text is None else text,
        "attachment": dataclasses.asdict(attachment) if attachment else None,
        "source": [message.chat_id, message.message_id],
    }


def content_problem(
    context: BotContext, draft: dict[str, Any]
) -> tuple[str, dict[str, Any]] | None:
    """Why the draft's idea cannot be filed (empty, too short); its length is a choice."""
    settings = context.settings
    return text_problem(
        str(draft.get("text") or ""),
        has_attachment=bool(draft.get("attachment")),
        min_chars=settings.idea_min_chars,
        max_chars=sys.maxsize,
    )


async def refuse_content(update: Update, context: BotContext, problem: tuple[str, Any]) -> None:
    """Say why the idea cannot be filed and that it is not saved; the draft keeps its tags."""
    lang = await user_lang(update, context)
    draft = _draft(context)
    for key in CONTENT_KEYS:
        draft.pop(key, None)
    key, values = problem
    await send_html(update, context, f"{t(lang, key, **values)}\n{t(lang, 'idea_not_saved')}")


async def file_draft(
    update: Update, context: BotContext, *, others: list[tuple[int, str]] | None = None
) -> int:
    """File a complete draft (tags and idea): a similar idea is offered first, an over-long one
    is kept as it is or split at its paragraphs; the draft waits for each tap.

    `others` are the stage's other active ideas when the caller has just read them.
    """
    draft = _draft(context)
    if not (draft.get("participant_id") and draft.get("dimension") and draft.get("horizon")):
        return _finish(context)
    problem = content_problem(context, draft)
    if problem is not None:
        await refuse_content(update, context, problem)
        return State.CONTENT
    paper = draft.get("purpose") == "paper"
    if not paper and not draft.get("similar_checked"):
        draft["similar_checked"] = True  # typed by the secretariat from paper: never asked
        waiting = await similar.propose(update, context, others)
        if waiting is not None:
            return waiting
    text = str(draft.get("text") or "")
    settings = context.settings
    chosen = draft.get("length")
    if chosen not in ("keep", "split") and is_too_long(text, settings.idea_max_chars):
        return await _ask_length(update, context, await user_lang(update, context), text)
    parts = split_paragraphs(text, min_chars=settings.idea_min_chars) if chosen == "split" else []
    parts = parts or [text]
    raw_attachment = draft.get("attachment")
    attachment = Attachment(**raw_attachment) if isinstance(raw_attachment, dict) else None
    source = draft.get("source")
    user = update.effective_user
    assert user is not None
    for index, part in enumerate(parts):
        filed = await _file(
            update,
            context,
            None,  # looked up after the commit: nothing but the idea before it on a busy morning
            participant_id=int(draft["participant_id"]),
            stage=int(draft["stage"]),
            dimension=str(draft["dimension"]),
            horizon=str(draft["horizon"]),
            text=part,
            # The file and the message's identity (delivered twice, filed once) go with the first.
            attachment=attachment if index == 0 else None,
            source=tuple(source) if index == 0 and isinstance(source, list) else None,
            entered_by=user.id if paper else None,
            for_name=draft.get("name"),
            hint_unsure=bool(draft.get("horizon_open")),
        )
        if not filed:
            for key in CONTENT_KEYS:
                draft.pop(key, None)
            return State.CONTENT
    return _finish(context)


async def _ask_length(update: Update, context: BotContext, lang: str, text: str) -> int:
    """An over-long idea: save it as it is, or split it at its paragraphs (when it has some)."""
    settings = context.settings
    draft = _draft(context)
    parts = split_paragraphs(text, min_chars=settings.idea_min_chars)
    token = secrets.token_hex(3)
    draft["token"] = token
    row = [(t(lang, "btn_keep_long"), buttons.make(PREFIX, "long", "keep", token))]
    if len(parts) > 1:
        row.append((t(lang, "btn_split_long"), buttons.make(PREFIX, "long", "split", token)))
    key = "idea_long_choice" if len(parts) > 1 else "idea_long_keep_only"
    values = {"length": len(text.strip()), "max": settings.idea_max_chars, "parts": len(parts)}
    question = f"{t(lang, key, **values)}\n{t(lang, 'idea_not_saved')}"
    return await wait_for_tap(update, context, question, [row], State.LENGTH)


async def on_length_button(update: Update, context: BotContext) -> int | None:
    """Take "Simpan apa adanya" or "Pecah per paragraf" for an over-long idea."""
    lang = await user_lang(update, context)
    query = update.callback_query
    assert query is not None
    button = buttons.parse(query.data, PREFIX, {"long": BUTTONS["long"]})
    if button is None:
        await answer_alert(update, t(lang, "invalid_button"))
        return None
    draft = context.user_state.get(DRAFT)
    if (
        not isinstance(draft, dict)
        or not has_content(draft)
        or draft.get("token") != button.str_arg(1)
    ):
        await answer_alert(update, t(lang, "choice_expired"))
        return None
    await answer_button(update)
    draft["length"] = button.str_arg(0)
    return await after_tap(update, context, await file_draft(update, context))


async def on_similar_button(update: Update, context: BotContext) -> int | None:
    """Take "Dukung ide ini" (counted, nothing filed) or "Tetap kirim ide baru" (filed)."""
    chosen = await similar.on_choice(update, context)
    if chosen == similar.FILE_IT:
        chosen = await file_draft(update, context)
    return await after_tap(update, context, chosen) if isinstance(chosen, int) else None


async def registered_author(
    context: BotContext, telegram_id: int
) -> tuple[Participant, Stage] | None:
    """The user as a participant of the current stage, if they are registered for it."""
    stage = await context.repo.current_stage()
    if stage is None:
        return None
    participant = await context.repo.participant_by_telegram(telegram_id)
    if participant is None or not await context.repo.registration(participant.id, stage.number):
        return None
    return participant, stage


async def after_tap(update: Update, context: BotContext, state: int) -> int:
    """When a tap has settled one idea, offer the next kept one, if any (asked below)."""
    return await offer_next(update, context) if state == END else state


async def offer_next(update: Update, context: BotContext) -> int:
    """Offer the kept ideas, oldest first, until one waits for a tap (its state) or none is left
    (END); they stay kept while the user is not registered or the stage takes no ideas."""
    kept = context.user_state.get(KEPT)
    if not isinstance(kept, list) or not kept:
        context.user_state.pop(KEPT, None)
        return END
    user = update.effective_user
    assert user is not None
    author = await registered_author(context, user.id)
    if author is None or not author[1].ideas_open:
        return END
    participant, stage = author
    state: int = END
    while state == END and kept:
        item = kept.pop(0)
        if not isinstance(item, dict) or not has_content(item):
            continue
        context.user_state[DRAFT] = {
            **item,
            "purpose": "self",
            "participant_id": participant.id,
            "stage": stage.number,
        }
        state = await ask_next(update, context, fresh=True)  # below the answer just given
    if not kept:
        context.user_state.pop(KEPT, None)
    return state


async def stale_choice(update: Update, context: BotContext) -> None:
    """A length or similar-idea button whose idea is already filed (or forged data)."""
    lang = await user_lang(update, context)
    query = update.callback_query
    assert query is not None
    known = buttons.parse(query.data, PREFIX, BUTTONS) is not None
    await answer_alert(update, t(lang, "choice_expired" if known else "invalid_button"))


async def _file(
    update: Update,
    context: BotContext,
    lang: str | None,
    *,
    participant_id: int | None,
    stage: int | None,
    dimension: str,
    horizon: str,
    text: str,
    attachment: Attachment | None = None,
    source: tuple[int, int] | None = None,
    telegram_id: int | None = None,
    entered_by: int | None = None,
    for_name: str | None = None,
    hint_unsure: bool = False,
) -> bool:
    """Commit, then confirm; True when the idea is (now or already) stored."""
    result = await context.ideas.submit(
        NewIdea(
            stage=stage,
            participant_id=participant_id,
            dimension=dimension,
            horizon=horizon,
            text=text,
            attachment=attachment,
            source_chat_id=source[0] if source else None,
            source_message_id=source[1] if source else None,
            entered_by=entered_by,
            telegram_id=telegram_id,
        )
    )
    idea = result.idea
    outcome = result.outcome
    lang = lang or await user_lang(update, context)
    if outcome is IdeaOutcome.STORED and idea is not None:
        await _confirm(update, context, lang, idea, for_name=for_name, hint_unsure=hint_unsure)
        return True
    if outcome is IdeaOutcome.DUPLICATE_MESSAGE and idea is not None:
        await say(update, context, "idea_already_received", lang=lang, ref=idea.ref)
        return True
    if outcome is IdeaOutcome.DUPLICATE_TEXT and idea is not None:
        await say(update, context, "idea_duplicate_text", lang=lang, ref=idea.ref)
        return True
    stage_row = await context.repo.get_stage(result.stage) if result.stage else None
    title = esc(stage_row.title_in(lang)) if stage_row else ""
    key = {
        IdeaOutcome.TOO_MANY: "idea_too_many",
        IdeaOutcome.CLOSED: "ideas_closed",
        IdeaOutcome.NOT_REGISTERED: "ideas_not_registered",
        IdeaOutcome.NO_STAGE: "no_current_stage",
    }[outcome]
    await say(update, context, key, lang=lang, stage=title)
    return outcome is not IdeaOutcome.TOO_MANY  # no point asking again for the others


async def _confirm(
    update: Update,
    context: BotContext,
    lang: str,
    idea: Idea,
    *,
    for_name: str | None,
    hint_unsure: bool,
) -> None:
    if for_name is not None:
        text = t(lang, "paper_stored", ref=idea.ref, name=esc(for_name))
        purpose = "paper"
    else:
        attachment = (
            f" · {t(lang, 'attachment_' + idea.attachment.type)}" if idea.attachment else ""
        )
        text = t(
            lang,
            "idea_received",
            ref=idea.ref,
            dimension=dimension_label(lang, idea.dimension),
            horizon=horizon_label(lang, idea.horizon),
            attachment=attachment,
        )
        purpose = "self"
    rows = [[(t(lang, "btn_another_idea"), buttons.make(PREFIX, "again", purpose))]]
    if hint_unsure and for_name is None:
        # No horizon was typed: one tap sets it (the /ideku re-tagging button).
        text += "\n" + t(lang, "idea_pick_horizon_below")
        choices = [
            (horizon_label(lang, h), buttons.make(MINE, "sethor", idea.id, h))
            for h in HORIZONS
            if h != "unsure"
        ]
        rows = [*in_columns(choices), *rows]
    markup = keyboard(rows)
    await send_html(update, context, text, markup=markup)


async def unsupported_content(update: Update, context: BotContext) -> None:
    """Refuse a sticker, location or anything else that cannot be an idea."""
    await say(update, context, "idea_unsupported")
