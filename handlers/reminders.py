"""/pengingat: facilitators and the secretariat schedule a reminder; /daftarpengingat lists them.

One message says it all (`/pengingat +30m Sesi siang dimulai`), which suits a facilitator on a
phone in the middle of a session; the audience is then picked with buttons and confirmed. The
reminder is committed to SQLite before the facilitator is told it is scheduled, and from there
`bot.jobs.scheduling` sends it, surviving restarts.
"""

from __future__ import annotations

import datetime as dt
import secrets
from typing import Any

from telegram import Update
from telegram.ext import BaseHandler, CallbackQueryHandler

from bot.core.context import BotContext
from bot.core.roles import Role
from bot.rules.audience import AUDIENCE_KINDS, AudienceSpec, select
from bot.rules.timing import (
    CHECKIN_OPENS_BEFORE,
    current_session,
    open_sessions,
    parse_when,
    split_when,
)
from handlers import buttons
from handlers.buttons import choice, small_int
from handlers.commands import command_handler
from handlers.common import (
    answer_alert,
    edit_or_send,
    esc,
    in_columns,
    keyboard,
    requires,
    say,
    send_html,
    user_lang,
)
from handlers.schedule_view import audience_label, format_moment
from handlers.texts import stage_name, t
from storage.schedule import Reminder, Session

PREFIX = "rem"
DRAFT = "remind"
TEXT_MAX = 3000
LIST_MAX = 15
CANCEL_BUTTONS_MAX = 10
INSTITUTIONS_MAX = 40


BUTTONS: dict[str, tuple[buttons.Arg, ...]] = {
    "aud": (choice(*AUDIENCE_KINDS), buttons.token),
    "inst": (small_int, buttons.token),
    "ok": (buttons.token,),
    "no": (buttons.token,),
    "cx": (small_int,),
}
# A custom reminder carries the session that is on (or starts soon) when it goes out: online
# recipients then get the link and the check-in button with it.
SESSION_LOOKAHEAD = dt.timedelta(minutes=90)


def _session_at(sessions: list[Session], tz: dt.tzinfo, due: dt.datetime) -> Session | None:
    running = open_sessions(sessions, tz, due)
    if running:
        return running[0]
    soon = [
        s
        for s in sessions
        if dt.timedelta(0) <= s.starts_at(tz) - CHECKIN_OPENS_BEFORE - due <= SESSION_LOOKAHEAD
    ]
    return min(soon, key=lambda s: s.starts_at(tz)) if soon else None


def parse_reminder_command(message_text: str, lang: str = "id") -> tuple[str, str]:
    """(time as typed, reminder text with its line breaks) from `/pengingat TIME text...`."""
    parts = message_text.split(maxsplit=1)
    rest = parts[1] if len(parts) > 1 else ""
    words = rest.split(maxsplit=4)
    when, count = split_when(words, lang)
    body_parts = rest.split(maxsplit=count) if count else [rest]
    body = body_parts[count] if len(body_parts) > count else ""
    return when, body.strip()


@requires(Role.FACILITATOR)
async def new_reminder(update: Update, context: BotContext) -> None:
    """Read the time and text, then ask who should get the reminder."""
    lang = await user_lang(update, context)
    message = update.effective_message
    assert message is not None
    tz = context.workshop.tz
    now = context.settings.clock()
    when_raw, text = parse_reminder_command(message.text or "", lang)
    if not when_raw:
        await say(update, context, "remind_usage", lang=lang, zone=now.astimezone(tz).tzname())
        return
    due = parse_when(when_raw, now, tz, lang)
    if isinstance(due, str):
        await say(update, context, due, lang=lang, value=esc(when_raw[:40]))
        return
    if not text:
        await say(update, context, "remind_text_empty", lang=lang)
        return
    if len(text) > TEXT_MAX:
        await say(update, context, "remind_text_too_long", lang=lang, max=TEXT_MAX)
        return
    stage = await context.repo.current_stage()
    if stage is None:
        await say(update, context, "remind_no_stage", lang=lang)
        return
    token = secrets.token_hex(3)
    context.user_state[DRAFT] = {
        "token": token,
        "text": text,
        "due": due.isoformat(),
        "stage": stage.number,
    }
    rows = [
        [(t(lang, f"btn_audience_{kind}"), buttons.make(PREFIX, "aud", kind, token))]
        for kind in AUDIENCE_KINDS
    ]
    rows.append([(t(lang, "btn_discard"), buttons.make(PREFIX, "no", token))])
    await say(
        update,
        context,
        "remind_pick_audience",
        lang=lang,
        markup=keyboard(rows),
        stage=esc(stage.title_in(lang)),
        when=format_moment(lang, due, tz),
        text=esc(text),
    )


def _draft_for(context: BotContext, token: str) -> dict[str, Any] | None:
    draft = context.user_state.get(DRAFT)
    if isinstance(draft, dict) and draft.get("token") == token:
        return draft
    return None


@requires(Role.FACILITATOR, forget=DRAFT)
async def on_button(update: Update, context: BotContext) -> None:
    """Audience, institution, confirm or discard a draft; or cancel a scheduled reminder."""
    lang = await user_lang(update, context)
    query = update.callback_query
    assert query is not None
    button = buttons.parse(query.data, PREFIX, BUTTONS)
    if button is None:
        await answer_alert(update, t(lang, "invalid_button"))
        return
    if button.action == "cx":
        await _cancel(update, context, lang, button.int_arg())
        return
    draft = _draft_for(context, button.str_arg(len(button.args) - 1))
    if draft is None:
        await answer_alert(update, t(lang, "remind_draft_gone"))
        return
    if button.action == "no":
        context.user_state.pop(DRAFT, None)
        await edit_or_send(update, context, t(lang, "remind_discarded"))
        return
    if button.action == "aud":
        await _pick_audience(update, context, lang, draft, button.str_arg())
    elif button.action == "inst":
        names = draft.get("institutions") or []
        index = button.int_arg()
        if index >= len(names):
            await answer_alert(update, t(lang, "invalid_button"))
            return
        draft["audience"] = AudienceSpec(
            "institution", draft["stage"], None, names[index]
        ).to_dict()
        await _confirm_screen(update, context, lang, draft)
    else:
        await _schedule(update, context, lang, draft)


async def _pick_audience(
    update: Update, context: BotContext, lang: str, draft: dict[str, Any], kind: str
) -> None:
    stage = int(draft["stage"])
    due = dt.datetime.fromisoformat(draft["due"])
    tz = context.workshop.tz
    if kind == "institution":
        names = (await context.schedule.stage_institutions(stage))[:INSTITUTIONS_MAX]
        if not names:
            await answer_alert(update, t(lang, "participants_none", stage=stage_name(lang, stage)))
            return
        draft["institutions"] = names
        rows = in_columns(
            [
                (name[:40], buttons.make(PREFIX, "inst", i, draft["token"]))
                for i, name in enumerate(names)
            ]
        )
        rows.append([(t(lang, "btn_discard"), buttons.make(PREFIX, "no", draft["token"]))])
        await edit_or_send(update, context, t(lang, "remind_pick_institution"), keyboard(rows))
        return
    session_id: int | None = None
    if kind == "not_checked_in":
        session = current_session(await context.schedule.list_sessions(stage), tz, due)
        if session is None:
            await answer_alert(update, t(lang, "remind_no_session"))
            return
        session_id = session.id
    draft["audience"] = AudienceSpec(kind, stage, session_id).to_dict()
    await _confirm_screen(update, context, lang, draft)


async def _confirm_screen(
    update: Update, context: BotContext, lang: str, draft: dict[str, Any]
) -> None:
    spec = AudienceSpec.from_dict(draft["audience"])
    session = await context.schedule.get_session(spec.session_id) if spec.session_id else None
    people = await context.schedule.audience_candidates(spec.stage, spec.session_id)
    due = dt.datetime.fromisoformat(draft["due"])
    token = draft["token"]
    markup = keyboard(
        [
            [
                (t(lang, "btn_schedule_reminder"), buttons.make(PREFIX, "ok", token)),
                (t(lang, "btn_discard"), buttons.make(PREFIX, "no", token)),
            ]
        ]
    )
    text = t(
        lang,
        "remind_confirm",
        when=format_moment(lang, due, context.workshop.tz),
        audience=audience_label(lang, spec, session),
        count=len(select(spec, people)),
        text=esc(draft["text"]),
    )
    await edit_or_send(update, context, text, markup)


async def _schedule(update: Update, context: BotContext, lang: str, draft: dict[str, Any]) -> None:
    user = update.effective_user
    assert user is not None
    if "audience" not in draft:
        await answer_alert(update, t(lang, "remind_draft_gone"))
        return
    spec = AudienceSpec.from_dict(draft["audience"])
    tz = context.workshop.tz
    due = dt.datetime.fromisoformat(draft["due"])
    now = context.settings.clock()
    session_id = spec.session_id
    if session_id is None:
        session = _session_at(await context.schedule.list_sessions(spec.stage), tz, due)
        session_id = session.id if session else None
    reminder = await context.schedule.add_reminder(
        stage=spec.stage,
        text=draft["text"],
        due_at=max(due, now),
        audience=spec.to_dict(),
        created_by=user.id,
        now=now,
        session_id=session_id,
    )
    context.user_state.pop(DRAFT, None)
    session = await context.schedule.get_session(session_id) if session_id else None
    await edit_or_send(
        update,
        context,
        t(
            lang,
            "remind_scheduled",
            id=reminder.id,
            when=format_moment(lang, reminder.due_at, tz),
            audience=audience_label(lang, spec, session),
        ),
    )
    await context.jobs.schedule.refresh(context.application)


def _list_screen(
    lang: str, reminders: list[Reminder], tz: dt.tzinfo, now: dt.datetime, labels: dict[int, str]
) -> tuple[str, Any]:
    if not reminders:
        return t(lang, "reminders_none"), None
    lines = [t(lang, "reminders_header", zone=now.astimezone(tz).tzname())]
    for reminder in reminders[:LIST_MAX]:
        preview = reminder.text.replace("\n", " ")
        preview = esc(preview[:80] + ("…" if len(preview) > 80 else ""))
        lines.append(
            t(
                lang,
                "reminders_line",
                id=reminder.id,
                when=format_moment(lang, reminder.due_at, tz),
                kind=t(lang, f"reminder_kind_{reminder.kind}"),
                audience=labels.get(reminder.id, "?"),
                preview=preview,
            )
        )
    if len(reminders) > LIST_MAX:
        lines.append(t(lang, "reminders_more", count=len(reminders) - LIST_MAX))
    cancellable = [r for r in reminders[:LIST_MAX] if r.status == "scheduled"]
    rows = in_columns(
        [
            (t(lang, "btn_cancel_reminder", id=r.id), buttons.make(PREFIX, "cx", r.id))
            for r in cancellable[:CANCEL_BUTTONS_MAX]
        ],
        columns=2,
    )
    return "\n\n".join(lines), keyboard(rows) if rows else None


async def _screen(context: BotContext, lang: str) -> tuple[str, Any]:
    now = context.settings.clock()
    reminders = [
        r
        for r in await context.schedule.reminders(["scheduled", "sending"])
        if r.due_at >= now - dt.timedelta(minutes=context.settings.reminder_grace_minutes)
    ]
    labels: dict[int, str] = {}
    for reminder in reminders[:LIST_MAX]:
        try:
            spec = AudienceSpec.from_json(reminder.audience)
        except ValueError:
            continue
        labels[reminder.id] = audience_label(lang, spec)
    return _list_screen(lang, reminders, context.workshop.tz, now, labels)


@requires(Role.FACILITATOR)
async def list_reminders(update: Update, context: BotContext) -> None:
    """List the reminders still to go out, with buttons to cancel them."""
    lang = await user_lang(update, context)
    text, markup = await _screen(context, lang)
    await send_html(update, context, text, markup=markup)


async def _cancel(update: Update, context: BotContext, lang: str, reminder_id: int) -> None:
    reminder = await context.schedule.get_reminder(reminder_id)
    if reminder is None:
        await answer_alert(update, t(lang, "invalid_button"))
        return
    if reminder.status == "scheduled":
        reminder = await context.schedule.cancel_reminder(reminder_id, context.settings.clock())
        assert reminder is not None
        cancelled = reminder.status == "cancelled"
    else:
        cancelled = False  # sent, being sent, or cancelled already (a double tap)
    if not cancelled:
        await answer_alert(
            update, t(lang, "reminder_not_cancellable", id=reminder_id, status=reminder.status)
        )
        return
    await context.jobs.schedule.rearm(context.application)
    text, markup = await _screen(context, lang)
    notice = t(lang, "reminder_cancelled", id=reminder_id)
    await edit_or_send(update, context, f"{notice}\n\n{text}", markup)


def handlers() -> list[BaseHandler[Any, BotContext, Any]]:
    return [
        command_handler("pengingat", new_reminder),
        command_handler("daftarpengingat", list_reminders),
        CallbackQueryHandler(on_button, pattern=buttons.pattern(PREFIX)),
    ]
