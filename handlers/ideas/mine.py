"""`/ideku`: the user's own ideas of the current stage, a page at a time; view one, re-tag it,
edit its text (a step of the idea conversation) or withdraw it.
"""

from __future__ import annotations

from typing import Any

from telegram import Update

from bot.core.context import BotContext
from bot.rules.idea_rules import (
    text_problem,
)
from handlers import buttons
from handlers.common import (
    END,
    answer_alert,
    answer_button,
    edit_or_send,
    esc,
    in_columns,
    keyboard,
    say,
    send_html,
    user_lang,
)
from handlers.decisions_view import decision_text, other_stage_lines
from handlers.ideas.draft import (
    DRAFT,
    MINE,
    MINE_BUTTONS,
    PAGE_SIZE,
    PREVIEW_CHARS,
    State,
    _draft,
    _finish,
    _show,
    dimension_label,
    horizon_label,
    set_aside,
)
from handlers.texts import t
from storage.ideas import EditOutcome
from storage.models import (
    DIMENSIONS,
    HORIZONS,
    Idea,
    Participant,
)

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
    # What the drafting team decided about the author's ideas of other stages (issue 14).
    others = other_stage_lines(
        lang,
        [d for d in await context.decisions.of_author(participant.id) if d.stage != stage.number],
    )
    if total == 0:
        await _show(update, context, "\n\n".join([t(lang, "myideas_none", stage=title), *others]))
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
    decided = await context.decisions.for_ideas([i.id for i in ideas])
    lines += [
        t(
            lang,
            "myideas_line",
            ref=i.ref,
            dimension=dimension_label(lang, i.dimension),
            horizon=horizon_label(lang, i.horizon),
            text=_preview(i.text, lang),
        )
        + (f"\n{decision_text(lang, decided[i.id])}" if i.id in decided else "")
        for i in ideas
    ]
    lines += others
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
    set_aside(context)
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
