"""`/ide` with buttons: dimension, then horizon, then the idea itself (text, or a voice note,
photo or document with a caption); and filing an idea, shared with the fast path and paper ideas.

Every idea is committed by `IdeaRepository.submit` before the confirmation goes out, and the
Telegram message it came from is stored with it, so a message delivered twice is filed once and
answered with the same reference.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any

from telegram import Message, Update

from bot.core.context import BotContext
from bot.core.roles import Role
from bot.rules.idea_rules import (
    MAX_FILE_BYTES,
    Tagged,
    looks_tagged,
    parse_tagged,
    text_problem,
)
from handlers import buttons
from handlers.common import (
    answer_alert,
    answer_button,
    esc,
    has_role,
    keyboard,
    say,
    send_html,
    user_lang,
)
from handlers.ideas.draft import (
    BUTTONS,
    DRAFT,
    PREFIX,
    State,
    _draft,
    _finish,
    ask_next,
    dimension_label,
    horizon_label,
    set_aside,
)
from handlers.ideas.paper import start_paper_idea
from handlers.texts import t
from storage.models import (
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
    if button is None or button.action not in ("dim", "hor"):
        await answer_alert(update, t(lang, "invalid_button"))
        return None
    _draft(context)["dimension" if button.action == "dim" else "horizon"] = button.str_arg()
    return await ask_next(update, context)


async def on_content(update: Update, context: BotContext) -> int | None:
    """Take the idea itself: text, or a voice note, photo or document with a caption."""
    message = update.effective_message
    assert message is not None
    draft = _draft(context)
    if not draft.get("horizon") or not draft.get("participant_id"):
        return _finish(context)  # a draft lost with a cleared session; nothing to file
    content = content_of(message)
    raw = str(content["text"])
    if looks_tagged(raw):
        parsed = parse_tagged(raw)
        if isinstance(parsed, Tagged):
            draft.update(dimension=parsed.dimension, horizon=parsed.horizon)
            content["text"] = parsed.text
    draft["content"] = content
    state = await file_draft(update, context)
    return None if state == State.CONTENT else state  # refused: send it again


def content_of(message: Message, text: str | None = None) -> dict[str, Any]:
    """What a message brings to a draft (JSON, persisted with it): the text (`text`, else the
    message's text or caption), the file, and where it came from (filed once per message)."""
    attachment, _ = attachment_of(message)
    return {
        "text": (message.text or message.caption or "") if text is None else text,
        "attachment": dataclasses.asdict(attachment) if attachment else None,
        "chat_id": message.chat_id,
        "message_id": message.message_id,
    }


def _attachment_in(content: Mapping[str, Any]) -> Attachment | None:
    raw = content.get("attachment")
    return Attachment(**raw) if isinstance(raw, dict) else None


async def file_draft(update: Update, context: BotContext) -> int:
    """File the draft, whose dimension, horizon and content are all there; committed before the
    confirmation. Refused (too short, a file too large), the draft keeps its tags and the
    conversation waits for the idea again."""
    lang = await user_lang(update, context)
    draft = _draft(context)
    content = draft.get("content")
    if not isinstance(content, dict) or not draft.get("participant_id"):
        return _finish(context)  # a draft lost with a cleared session; nothing to file
    user = update.effective_user
    assert user is not None
    paper = draft.get("purpose") == "paper"
    filed = await _file(
        update,
        context,
        lang,
        participant_id=int(draft["participant_id"]),
        stage=int(draft["stage"]),
        dimension=str(draft["dimension"]),
        horizon=str(draft["horizon"]),
        text=str(content.get("text") or ""),
        entered_by=user.id if paper else None,
        for_name=draft.get("name"),
        content=content,
    )
    if filed:
        return _finish(context)
    draft.pop("content", None)
    return State.CONTENT


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
    telegram_id: int | None = None,
    entered_by: int | None = None,
    for_name: str | None = None,
    hint_unsure: bool = False,
    content: Mapping[str, Any] | None = None,
) -> bool:
    """Validate, commit, then confirm; True when the idea is (now or already) stored.

    The idea is the update's message, or `content` kept in a draft (filed by a later tap).
    """
    message = update.effective_message
    assert message is not None
    if content is None:
        attachment, too_big = attachment_of(message)
        source = (message.chat_id, message.message_id)
    else:
        attachment = _attachment_in(content)
        too_big = attachment is not None and (attachment.size or 0) > MAX_FILE_BYTES
        source = (int(content["chat_id"]), int(content["message_id"]))
    if too_big:
        await say(update, context, "idea_file_too_big", lang=lang, max=MAX_FILE_BYTES // 2**20)
        return False
    settings = context.settings
    problem = text_problem(
        text,
        has_attachment=attachment is not None,
        min_chars=settings.idea_min_chars,
        max_chars=settings.idea_max_chars,
    )
    if problem is not None:
        key, values = problem
        await say(update, context, key, lang=lang, **values)
        return False
    result = await context.ideas.submit(
        NewIdea(
            stage=stage,
            participant_id=participant_id,
            dimension=dimension,
            horizon=horizon,
            text=text,
            attachment=attachment,
            source_chat_id=source[0],
            source_message_id=source[1],
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
        if hint_unsure:
            text += "\n" + t(lang, "idea_unsure_hint")
        purpose = "self"
    markup = keyboard([[(t(lang, "btn_another_idea"), buttons.make(PREFIX, "again", purpose))]])
    await send_html(update, context, text, markup=markup)


async def unsupported_content(update: Update, context: BotContext) -> None:
    """Refuse a sticker, location or anything else that cannot be an idea."""
    await say(update, context, "idea_unsupported")
