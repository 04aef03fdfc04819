"""Ideas: `/ide` with buttons, the hashtag fast path, `/ideku` to edit or withdraw, paper ideas.

The submission flow, the secretariat's paper ideas and the edit of an idea's text share one
persistent conversation; a draft in `user_data["idea"]` says which, and `ask_next` asks for the
first thing missing. Every idea is committed by `IdeaRepository.submit` before the confirmation
goes out, and the Telegram message it came from is stored with it, so a message delivered twice
is filed once and answered with the same reference.
"""

from __future__ import annotations

import enum
import warnings
from collections.abc import Mapping
from typing import Any

from telegram import Message, Update
from telegram.ext import (
    BaseHandler,
    CallbackQueryHandler,
    ConversationHandler,
    MessageHandler,
    filters,
)

from bot.core.context import BotContext
from bot.core.roles import Role
from bot.rules.idea_rules import (
    MAX_FILE_BYTES,
    Tagged,
    dimension_tag_list,
    horizon_tag_list,
    looks_tagged,
    parse_tagged,
    text_problem,
)
from handlers import buttons
from handlers.buttons import choice, small_int
from handlers.commands import command_handler
from handlers.common import (
    END,
    answer_alert,
    answer_button,
    edit_or_send,
    esc,
    has_role,
    in_columns,
    keyboard,
    requires,
    say,
    send_html,
    user_lang,
)
from handlers.forms import TYPED, form_fallbacks, guard_form
from handlers.texts import t
from storage.ideas import EditOutcome
from storage.models import (
    DIMENSIONS,
    HORIZONS,
    Attachment,
    Idea,
    IdeaOutcome,
    NewIdea,
    Participant,
    Stage,
)

CONVERSATION_NAME = "ideas"
PREFIX = "idea"
MINE = "mine"
DRAFT = "idea"
PAGE_SIZE = 5
PREVIEW_CHARS = 160

BUTTONS: dict[str, tuple[buttons.Arg, ...]] = {
    "dim": (choice(*DIMENSIONS),),
    "hor": (choice(*HORIZONS),),
    "again": (choice("self", "paper"),),
    "pick": (small_int,),
}
MINE_BUTTONS: dict[str, tuple[buttons.Arg, ...]] = {
    "page": (small_int,),
    "view": (small_int,),
    "text": (small_int,),
    "dim": (small_int,),
    "setdim": (small_int, choice(*DIMENSIONS)),
    "hor": (small_int,),
    "sethor": (small_int, choice(*HORIZONS)),
    "wd": (small_int,),
    "wdyes": (small_int,),
}


class State(enum.IntEnum):
    DIMENSION = 1
    HORIZON = 2
    CONTENT = 3
    PAPER_SEARCH = 4
    PAPER_PICK = 5
    NEW_TEXT = 6


def dimension_label(lang: str, dimension: str) -> str:
    return t(lang, f"dim_{dimension}")


def horizon_label(lang: str, horizon: str) -> str:
    return t(lang, f"horizon_{horizon}")


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


def _draft(context: BotContext) -> dict[str, Any]:
    draft = context.user_state.get(DRAFT)
    if not isinstance(draft, dict):
        draft = {}
        context.user_state[DRAFT] = draft
    return draft


def _finish(context: BotContext) -> int:
    context.user_state.pop(DRAFT, None)
    return END


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


@requires(Role.SECRETARIAT, refused=END)
async def start_paper_idea(update: Update, context: BotContext) -> int:
    """Let the secretariat type in an idea an offline participant wrote on paper."""
    lang = await user_lang(update, context)
    stage = await context.repo.current_stage()
    if stage is None:
        await say(update, context, "no_current_stage", lang=lang)
        return _finish(context)
    context.user_state[DRAFT] = {"purpose": "paper", "stage": stage.number}
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


async def ask_next(update: Update, context: BotContext, *, fresh: bool = False) -> int:
    """Ask for the first thing the draft is missing (as a new message when `fresh`)."""
    lang = await user_lang(update, context)
    draft = _draft(context)
    if draft.get("purpose") == "paper" and not draft.get("participant_id"):
        await _show(update, context, t(lang, "paper_start"), fresh=fresh)
        return State.PAPER_SEARCH
    if not draft.get("dimension"):
        rows = in_columns(
            [(dimension_label(lang, d), buttons.make(PREFIX, "dim", d)) for d in DIMENSIONS]
        )
        await _show(update, context, t(lang, "ask_dimension"), keyboard(rows), fresh=fresh)
        return State.DIMENSION
    dimension = dimension_label(lang, draft["dimension"])
    if not draft.get("horizon"):
        rows = in_columns(
            [(horizon_label(lang, h), buttons.make(PREFIX, "hor", h)) for h in HORIZONS]
        )
        await _show(update, context, t(lang, "ask_horizon", dimension=dimension), keyboard(rows))
        return State.HORIZON
    horizon = horizon_label(lang, draft["horizon"])
    await _show(update, context, t(lang, "ask_idea_content", dimension=dimension, horizon=horizon))
    return State.CONTENT


async def _show(
    update: Update, context: BotContext, text: str, markup: Any = None, *, fresh: bool = False
) -> None:
    """Answer a button in place; typed text, or a `fresh` question, as a new message."""
    if update.callback_query is not None and not fresh:
        await edit_or_send(update, context, text, markup)
    else:
        await send_html(update, context, text, markup=markup)


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
    lang = await user_lang(update, context)
    message = update.effective_message
    assert message is not None
    draft = _draft(context)
    if not draft.get("horizon") or not draft.get("participant_id"):
        return _finish(context)  # a draft lost with a cleared session; nothing to file
    dimension, horizon = draft["dimension"], draft["horizon"]
    user = update.effective_user
    assert user is not None
    raw = message.text or message.caption or ""
    if looks_tagged(raw):
        parsed = parse_tagged(raw)
        if isinstance(parsed, Tagged):
            dimension, horizon, raw = parsed.dimension, parsed.horizon, parsed.text
    filed = await _file(
        update,
        context,
        lang,
        participant_id=int(draft["participant_id"]),
        stage=int(draft["stage"]),
        dimension=dimension,
        horizon=horizon,
        text=raw,
        entered_by=user.id if draft.get("purpose") == "paper" else None,
        for_name=draft.get("name"),
    )
    return _finish(context) if filed else None


async def on_tagged(update: Update, context: BotContext) -> None:
    """The fast path: `#ekonomi #5th idea…` filed at once, without buttons."""
    message = update.effective_message
    assert message is not None
    raw = message.text or message.caption or ""
    parsed = parse_tagged(raw)
    if not isinstance(parsed, Tagged):
        lang = await user_lang(update, context)
        await say(
            update,
            context,
            parsed.key,
            lang=lang,
            tags=esc(" ".join(parsed.unknown)),
            dimension_tags=dimension_tag_list(lang),
            horizon_tags=horizon_tag_list(lang),
        )
        return
    # Everything else (registered? collection open? which stage?) is decided in the same
    # transaction that files the idea: one database round trip on a busy morning.
    user = update.effective_user
    assert user is not None
    await _file(
        update,
        context,
        None,  # the language is looked up after the commit, for the reply
        participant_id=None,
        stage=None,
        telegram_id=user.id,
        dimension=parsed.dimension,
        horizon=parsed.horizon,
        text=parsed.text,
        hint_unsure=not parsed.horizon_given,
    )


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
) -> bool:
    """Validate, commit, then confirm; True when the idea is (now or already) stored."""
    message = update.effective_message
    assert message is not None
    attachment, too_big = attachment_of(message)
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
            source_chat_id=message.chat_id,
            source_message_id=message.message_id,
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


# --- paper ideas -----------------------------------------------------------------------------


async def on_paper_search(update: Update, context: BotContext) -> int | None:
    """Find the participant whose paper idea is being typed in."""
    lang = await user_lang(update, context)
    message = update.effective_message
    assert message is not None
    query = (message.text or "").strip()
    if len(query) < 2:
        await say(update, context, "paper_query_short", lang=lang)
        return None
    draft = _draft(context)
    stage = await context.repo.get_stage(int(draft["stage"]))
    assert stage is not None
    found = await context.repo.search_participants(stage.number, query)
    if not found:
        await say(
            update,
            context,
            "paper_no_match",
            lang=lang,
            stage=esc(stage.title_in(lang)),
            query=esc(query[:60]),
        )
        return None
    rows = [
        [(f"{p.full_name} — {p.institution}"[:60], buttons.make(PREFIX, "pick", p.id))]
        for p in found
    ]
    await say(update, context, "paper_pick", lang=lang, markup=keyboard(rows))
    return State.PAPER_PICK


async def on_paper_pick(update: Update, context: BotContext) -> int | None:
    lang = await user_lang(update, context)
    query = update.callback_query
    assert query is not None
    button = buttons.parse(query.data, PREFIX, BUTTONS)
    draft = _draft(context)
    participant = (
        await context.repo.get_participant(button.int_arg())
        if button is not None and button.action == "pick"
        else None
    )
    registered = participant and await context.repo.registration(
        participant.id, int(draft["stage"])
    )
    if participant is None or not registered:
        await answer_alert(update, t(lang, "invalid_button"))
        return None
    draft.update(participant_id=participant.id, name=participant.full_name)
    chosen = t(
        lang, "paper_for", name=esc(participant.full_name), institution=esc(participant.institution)
    )
    await edit_or_send(update, context, chosen)
    return await ask_next(update, context, fresh=True)


# --- the user's own ideas --------------------------------------------------------------------


def _preview(text: str, lang: str) -> str:
    if not text:
        return t(lang, "idea_no_text")
    return esc(text if len(text) <= PREVIEW_CHARS else text[: PREVIEW_CHARS - 1] + "…")


def idea_details(lang: str, idea: Idea, tz: Any, *, author: str | None) -> str:
    """One idea in full, as the author and the secretariat see it."""
    created = idea.created_at.astimezone(tz).strftime("%d-%m-%Y %H:%M")
    edited = t(lang, "idea_edited_note", count=idea.revisions) if idea.revisions else ""
    attachment = (
        t(lang, "idea_attachment_line", attachment=t(lang, f"attachment_{idea.attachment.type}"))
        if idea.attachment
        else ""
    )
    return t(
        lang,
        "idea_full",
        ref=idea.ref,
        dimension=dimension_label(lang, idea.dimension),
        horizon=horizon_label(lang, idea.horizon),
        author=esc(author) if author else "—",
        institution=esc(idea.institution),
        channel=t(lang, f"channel_{idea.channel}"),
        created=created,
        edited=edited,
        attachment=attachment,
        text=esc(idea.text) if idea.text else t(lang, "idea_no_text"),
    )


async def my_ideas(update: Update, context: BotContext) -> None:
    """List the user's own ideas of the current stage, a page at a time."""
    lang = await user_lang(update, context)
    await _my_page(update, context, lang, 0)


async def _my_page(update: Update, context: BotContext, lang: str, page: int) -> None:
    user = update.effective_user
    assert user is not None
    stage = await context.repo.current_stage()
    participant = await context.repo.participant_by_telegram(user.id)
    if stage is None or participant is None:
        await _show(update, context, t(lang, "profile_none"))
        return
    ideas, total = await context.ideas.ideas_of(
        participant.id, stage.number, offset=page * PAGE_SIZE, limit=PAGE_SIZE
    )
    title = esc(stage.title_in(lang))
    if total == 0:
        await _show(update, context, t(lang, "myideas_none", stage=title))
        return
    if not ideas:  # a page past the end (an old message): show the first
        page = 0
        ideas, total = await context.ideas.ideas_of(participant.id, stage.number, limit=PAGE_SIZE)
    first = page * PAGE_SIZE + 1
    lines = [
        t(
            lang,
            "myideas_header",
            stage=title,
            first=first,
            last=first + len(ideas) - 1,
            total=total,
        )
    ]
    lines += [
        t(
            lang,
            "myideas_line",
            ref=i.ref,
            dimension=dimension_label(lang, i.dimension),
            horizon=horizon_label(lang, i.horizon),
            text=_preview(i.text, lang),
        )
        for i in ideas
    ]
    rows = in_columns([(f"🔎 {i.ref}", buttons.make(MINE, "view", i.id)) for i in ideas], 3)
    nav: list[tuple[str, str]] = []
    if page > 0:
        nav.append((t(lang, "btn_prev"), buttons.make(MINE, "page", page - 1)))
    if first - 1 + len(ideas) < total:
        nav.append((t(lang, "btn_next"), buttons.make(MINE, "page", page + 1)))
    if nav:
        rows.append(nav)
    await _show(update, context, "\n\n".join(lines), keyboard(rows))


async def _own_idea(
    update: Update, context: BotContext, lang: str, idea_id: int
) -> tuple[Participant, Idea] | None:
    """The idea if it is the user's own; anyone else's is answered as not found."""
    user = update.effective_user
    assert user is not None
    participant = await context.repo.participant_by_telegram(user.id)
    idea = await context.ideas.get(idea_id)
    if participant is None or idea is None or idea.participant_id != participant.id:
        await answer_alert(update, t(lang, "idea_not_found"))
        return None
    return participant, idea


def _idea_actions(lang: str, idea: Idea) -> Any:
    rows = [
        [(t(lang, "btn_edit_text"), buttons.make(MINE, "text", idea.id))],
        [
            (t(lang, "btn_edit_dimension"), buttons.make(MINE, "dim", idea.id)),
            (t(lang, "btn_edit_horizon"), buttons.make(MINE, "hor", idea.id)),
        ],
        [(t(lang, "btn_withdraw"), buttons.make(MINE, "wd", idea.id))],
        [(t(lang, "back"), buttons.make(MINE, "page", 0))],
    ]
    return keyboard(rows)


async def on_mine_button(update: Update, context: BotContext) -> None:
    """View, re-tag or withdraw one of the user's own ideas."""
    lang = await user_lang(update, context)
    query = update.callback_query
    assert query is not None
    button = buttons.parse(query.data, MINE, MINE_BUTTONS)
    if button is None or button.action == "text":
        await answer_alert(update, t(lang, "invalid_button"))
        return
    if button.action == "page":
        await _my_page(update, context, lang, button.int_arg())
        return
    owned = await _own_idea(update, context, lang, button.int_arg())
    if owned is None:
        return
    participant, idea = owned
    tz = context.workshop.tz
    if button.action == "view":
        await edit_or_send(
            update,
            context,
            idea_details(lang, idea, tz, author=participant.full_name),
            _idea_actions(lang, idea),
        )
        return
    if button.action in ("dim", "hor"):
        values = DIMENSIONS if button.action == "dim" else HORIZONS
        label = dimension_label if button.action == "dim" else horizon_label
        rows = in_columns(
            [
                (label(lang, v), buttons.make(MINE, f"set{button.action}", idea.id, v))
                for v in values
            ]
        )
        rows.append([(t(lang, "back"), buttons.make(MINE, "view", idea.id))])
        await edit_or_send(
            update,
            context,
            idea_details(lang, idea, tz, author=participant.full_name),
            keyboard(rows),
        )
        return
    if button.action == "wd":
        rows = [
            [
                (t(lang, "btn_yes_withdraw"), buttons.make(MINE, "wdyes", idea.id)),
                (t(lang, "btn_no"), buttons.make(MINE, "view", idea.id)),
            ]
        ]
        await edit_or_send(
            update, context, t(lang, "confirm_withdraw", ref=idea.ref), keyboard(rows)
        )
        return
    user = update.effective_user
    assert user is not None
    outcome, changed = await context.ideas.edit(
        idea.id,
        owner=participant.id,
        changed_by=user.id,
        dimension=button.str_arg(1) if button.action == "setdim" else None,
        horizon=button.str_arg(1) if button.action == "sethor" else None,
        withdraw=button.action == "wdyes",
    )
    if outcome is not EditOutcome.DONE or changed is None:
        await answer_alert(update, t(lang, _EDIT_REFUSALS[outcome]))
        return
    if button.action == "wdyes":
        await edit_or_send(update, context, t(lang, "idea_withdrawn", ref=changed.ref))
        return
    notice = t(lang, "idea_updated", ref=changed.ref)
    details = idea_details(lang, changed, tz, author=participant.full_name)
    await edit_or_send(update, context, f"{notice}\n\n{details}", _idea_actions(lang, changed))


_EDIT_REFUSALS = {
    EditOutcome.NOT_FOUND: "idea_not_found",
    EditOutcome.CLOSED: "idea_edit_closed",
    EditOutcome.WITHDRAWN: "idea_is_withdrawn",
}


async def start_text_edit(update: Update, context: BotContext) -> int | None:
    """Ask for the new text of one of the user's own ideas."""
    lang = await user_lang(update, context)
    query = update.callback_query
    assert query is not None
    button = buttons.parse(query.data, MINE, MINE_BUTTONS)
    if button is None:
        await answer_alert(update, t(lang, "invalid_button"))
        return END
    owned = await _own_idea(update, context, lang, button.int_arg())
    if owned is None:
        return END
    _, idea = owned
    stage = await context.repo.get_stage(idea.stage)
    if stage is None or not stage.ideas_open:
        await answer_alert(update, t(lang, "idea_edit_closed"))
        return END
    if idea.status != "active":
        await answer_alert(update, t(lang, "idea_is_withdrawn"))
        return END
    context.user_state[DRAFT] = {"purpose": "edit", "idea_id": idea.id}
    await answer_button(update)
    await send_html(update, context, t(lang, "ask_new_text", ref=idea.ref))
    return State.NEW_TEXT


async def on_new_text(update: Update, context: BotContext) -> int | None:
    """Replace the idea's text, keeping the old one in its history."""
    lang = await user_lang(update, context)
    message, user = update.effective_message, update.effective_user
    assert message is not None and user is not None
    draft = _draft(context)
    participant = await context.repo.participant_by_telegram(user.id)
    idea = await context.ideas.get(int(draft.get("idea_id", 0)))
    if participant is None or idea is None or idea.participant_id != participant.id:
        await say(update, context, "idea_not_found", lang=lang)
        return _finish(context)
    text = message.text or ""
    problem = text_problem(
        text,
        has_attachment=idea.attachment is not None,
        min_chars=context.settings.idea_min_chars,
        max_chars=context.settings.idea_max_chars,
    )
    if problem is not None:
        key, values = problem
        await say(update, context, key, lang=lang, **values)
        return None
    outcome, changed = await context.ideas.edit(
        idea.id, owner=participant.id, changed_by=user.id, text=text
    )
    if outcome is not EditOutcome.DONE or changed is None:
        await say(update, context, _EDIT_REFUSALS[outcome], lang=lang)
    else:
        await say(update, context, "idea_updated", lang=lang, ref=changed.ref)
    return _finish(context)


# --- leaving -----------------------------------------------------------------------------------


def handlers() -> list[BaseHandler[Any, BotContext, Any]]:
    """The idea conversation, the fast path and /ideku, in the order they must be tried."""
    Handler = BaseHandler[Update, BotContext, Any]
    typed = TYPED
    content = typed | filters.PHOTO | filters.VOICE | filters.Document.ALL

    def tag_button(action: str) -> Handler:
        return CallbackQueryHandler(on_tag_button, pattern=rf"^{PREFIX}:{action}:")

    with warnings.catch_warnings():
        # Buttons are tracked per chat and user on purpose: stale presses are caught later.
        warnings.filterwarnings("ignore", message="If 'per_message=False'")
        conversation: ConversationHandler[BotContext] = ConversationHandler(
            entry_points=[
                command_handler("ide", start_idea),
                command_handler("idekertas", start_paper_idea),
                CallbackQueryHandler(again, pattern=rf"^{PREFIX}:again:"),
                CallbackQueryHandler(start_text_edit, pattern=rf"^{MINE}:text:"),
            ],
            states={
                State.DIMENSION: [tag_button("dim")],
                State.HORIZON: [tag_button("hor")],
                State.CONTENT: [
                    MessageHandler(content, on_content),
                    MessageHandler(
                        ~filters.COMMAND & ~filters.StatusUpdate.ALL, unsupported_content
                    ),
                ],
                State.PAPER_SEARCH: [MessageHandler(typed, on_paper_search)],
                State.PAPER_PICK: [
                    CallbackQueryHandler(on_paper_pick, pattern=rf"^{PREFIX}:pick:"),
                    MessageHandler(typed, on_paper_search),
                ],
                State.NEW_TEXT: [MessageHandler(typed, on_new_text)],
            },
            fallbacks=form_fallbacks(DRAFT),
            name=CONVERSATION_NAME,
            persistent=True,
            allow_reentry=True,
        )
    guard_form(conversation, draft_key=DRAFT, role=_role_needed)
    tagged = filters.ChatType.PRIVATE & (filters.Regex(r"^\s*#") | filters.CaptionRegex(r"^\s*#"))
    return [
        conversation,
        MessageHandler(tagged, on_tagged),
        command_handler("ideku", my_ideas),
        CallbackQueryHandler(on_mine_button, pattern=buttons.pattern(MINE)),
    ]


def _role_needed(draft: Mapping[str, Any]) -> Role | None:
    """Typing in a paper idea (and seeing participants' names) is the secretariat's."""
    return Role.SECRETARIAT if draft.get("purpose") == "paper" else None
