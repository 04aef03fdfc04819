"""Daftar hadir: check-in by the room's QR code, by button or /hadir online, or by the secretariat.

Attendance is one row per participant and session with how they attended (mode) and how the
check-in came (method). A check-in is refused, with a clear message and nothing recorded, when the
session is not open for check-in (from 30 minutes before until its end), when the person is not
registered for its stage, when they already checked in, and when a QR payload is forged.

The mode recorded is how the person attended this time, not how they registered: whoever scans
the room's code is in the room (offline); whoever checks in by button or /hadir is online.
"""

from __future__ import annotations

from typing import Any

from telegram import Update
from telegram.constants import ParseMode
from telegram.ext import BaseHandler, CallbackQueryHandler

from bot.core import qr
from bot.core.context import BotContext
from bot.core.roles import Role
from bot.rules.timing import checkin_open, checkin_window, clock_range, next_session, open_sessions
from handlers import buttons
from handlers.buttons import small_int
from handlers.commands import command_handler
from handlers.common import (
    answer_alert,
    answer_button,
    chunk_lines,
    esc,
    in_columns,
    keyboard,
    requires,
    say,
    send_html,
    session_argument,
    stage_argument,
    user_lang,
)
from handlers.schedule_view import CHECKIN_PREFIX, format_day, session_block
from handlers.texts import t
from handlers.validation import parse_id
from storage.models import Participant
from storage.schedule import Session

PREFIX = CHECKIN_PREFIX
BUTTONS: dict[str, tuple[buttons.Arg, ...]] = {
    "in": (small_int,),  # an online participant checks in (button on the reminder)
    "mk": (small_int, small_int),  # the secretariat marks session, participant
    "qr": (small_int,),  # the secretariat asks for a session's QR code
}
MARK_QUERY_MIN = 2
MARK_CHOICES = 10


async def _check_in(
    update: Update,
    context: BotContext,
    lang: str,
    session: Session,
    participant: Participant,
    *,
    mode: str,
    method: str,
) -> str:
    """Check `participant` in and return the answer to show (success or the refusal)."""
    tz = context.workshop.tz
    now = context.settings.clock()
    registration = await context.repo.registration(participant.id, session.stage)
    if registration is None:
        stage = await context.repo.get_stage(session.stage)
        title = stage.title_in(lang) if stage else str(session.stage)
        return t(lang, "checkin_wrong_stage", stage=esc(title))
    existing = await context.schedule.attendance(participant.id, session.id)
    if existing is not None:
        return _already(lang, session, existing.mode, existing.checked_in_at, tz)
    if not checkin_open(session, tz, now):
        opens, closes = checkin_window(session, tz)
        return t(
            lang,
            "checkin_not_open",
            title=esc(session.title_in(lang)),
            opens=f"{opens.astimezone(tz):%H:%M}",
            closes=f"{closes.astimezone(tz):%H:%M %Z}",
            day=format_day(lang, session.day),
        )
    result = await context.schedule.check_in(
        participant.id, session.id, mode=mode, method=method, at=now
    )
    if not result.created:  # a double tap that raced the first
        return _already(lang, session, result.attendance.mode, result.attendance.checked_in_at, tz)
    return t(
        lang,
        "checkin_done",
        mode=t(lang, f"mode_{mode}"),
        session=session_block(lang, session, tz, mode),
    )


def _already(lang: str, session: Session, mode: str, at: Any, tz: Any) -> str:
    return t(
        lang,
        "checkin_already",
        title=esc(session.title_in(lang)),
        time=f"{at.astimezone(tz):%H:%M %Z}",
        mode=t(lang, f"mode_{mode}"),
    )


async def checkin_deep_link(update: Update, context: BotContext, payload: str) -> bool:
    """Check in by the room's QR code (`/start in_<session>_<token>`); True when handled."""
    user = update.effective_user
    assert user is not None
    await context.repo.touch_user(user.id, "", None)  # never their Telegram name
    lang = await user_lang(update, context)
    session_id = qr.parse_checkin_payload(payload, context.settings.token)
    if session_id is None:
        await say(update, context, "checkin_forged", lang=lang)
        return True
    session = await context.schedule.get_session(session_id)
    if session is None:
        await say(update, context, "checkin_no_session", lang=lang)
        return True
    participant = await context.repo.participant_by_telegram(user.id)
    if participant is None:
        await say(update, context, "checkin_not_registered", lang=lang)
        return True
    # Whoever scans the code in the room is in the room, whatever they registered as.
    text = await _check_in(update, context, lang, session, participant, mode="offline", method="qr")
    await send_html(update, context, text)
    return True


async def checkin_command(update: Update, context: BotContext) -> None:
    """Check in to the session in progress (/hadir), as an online participant."""
    user = update.effective_user
    assert user is not None
    lang = await user_lang(update, context)
    participant = await context.repo.participant_by_telegram(user.id)
    if participant is None:
        await say(update, context, "checkin_not_registered", lang=lang)
        return
    tz = context.workshop.tz
    now = context.settings.clock()
    stages = {r.stage for r in await context.repo.registrations_of(participant.id)}
    sessions = await context.schedule.list_sessions()
    running = open_sessions(sessions, tz, now)
    mine = [s for s in running if s.stage in stages]
    if mine:
        text = await _check_in(
            update, context, lang, mine[0], participant, mode="online", method="command"
        )
        await send_html(update, context, text)
        return
    if running:  # a session is on, but of a stage the person is not registered for
        text = await _check_in(
            update, context, lang, running[0], participant, mode="online", method="command"
        )
        await send_html(update, context, text)
        return
    lines = [t(lang, "checkin_none_open")]
    upcoming = next_session([s for s in sessions if s.stage in stages], tz, now)
    if upcoming is not None:
        lines.append(
            t(
                lang,
                "checkin_next",
                title=esc(upcoming.title_in(lang)),
                day=format_day(lang, upcoming.day),
                time=clock_range(upcoming, tz, tz),
            )
        )
    await send_html(update, context, "\n".join(lines))


async def on_button(update: Update, context: BotContext) -> None:
    """Handle the check-in button of a reminder and the secretariat's buttons."""
    lang = await user_lang(update, context)
    query = update.callback_query
    assert query is not None and update.effective_user is not None
    button = buttons.parse(query.data, PREFIX, BUTTONS)
    if button is None:
        await answer_alert(update, t(lang, "invalid_button"))
        return
    if button.action == "mk":
        await _mark_button(update, context)
        return
    if button.action == "qr":
        await _qr_button(update, context)
        return
    session = await context.schedule.get_session(button.int_arg())
    if session is None:
        await answer_alert(update, t(lang, "checkin_no_session"))
        return
    participant = await context.repo.participant_by_telegram(update.effective_user.id)
    if participant is None:
        await answer_alert(update, t(lang, "checkin_not_registered"))
        return
    text = await _check_in(
        update, context, lang, session, participant, mode="online", method="button"
    )
    await answer_button(update)
    await send_html(update, context, text)


# --- the secretariat -------------------------------------------------------------------------


@requires(Role.SECRETARIAT)
async def mark_attendance(update: Update, context: BotContext) -> None:
    """Record the attendance of someone without Telegram: /catathadir SESSION name."""
    lang = await user_lang(update, context)
    named = await session_argument(update, context, lang, "mark_usage", min_args=2)
    if named is None:
        return
    session, args = named
    query = " ".join(args[1:]).strip()
    if len(query) < MARK_QUERY_MIN:
        await say(update, context, "mark_usage", lang=lang)
        return
    matches = await context.repo.search_participants(session.stage, query, limit=MARK_CHOICES)
    if not matches:
        stage = await context.repo.get_stage(session.stage)
        await say(
            update,
            context,
            "mark_no_match",
            lang=lang,
            stage=esc(stage.title_in(lang) if stage else session.stage),
            query=esc(query[:100]),
        )
        return
    if len(matches) == 1:
        admin = update.effective_user.id if update.effective_user else 0
        await send_html(update, context, await _mark(context, lang, session, matches[0], admin))
        return
    rows = in_columns(
        [
            (f"{p.full_name} — {p.institution}"[:60], buttons.make(PREFIX, "mk", session.id, p.id))
            for p in matches
        ],
        columns=1,
    )
    await say(update, context, "mark_pick", lang=lang, markup=keyboard(rows), id=session.id)


async def _mark(
    context: BotContext, lang: str, session: Session, person: Participant, entered_by: int
) -> str:
    registration = await context.repo.registration(person.id, session.stage)
    mode = registration.mode if registration else "offline"
    result = await context.schedule.check_in(
        person.id,
        session.id,
        mode=mode,
        method="secretariat",
        at=context.settings.clock(),
        entered_by=entered_by,
    )
    key = "mark_done" if result.created else "mark_already"
    return t(
        lang,
        key,
        name=esc(person.full_name),
        id=session.id,
        mode=t(lang, f"mode_{result.attendance.mode}"),
    )


@requires(Role.SECRETARIAT)
async def _mark_button(update: Update, context: BotContext) -> None:
    lang = await user_lang(update, context)
    query = update.callback_query
    assert query is not None
    button = buttons.parse(query.data, PREFIX, BUTTONS)
    assert button is not None
    session = await context.schedule.get_session(button.int_arg(0))
    person = await context.repo.get_participant(button.int_arg(1))
    if (
        session is None
        or person is None
        or await context.repo.registration(person.id, session.stage) is None
    ):
        await answer_alert(update, t(lang, "invalid_button"))
        return
    await answer_button(update)
    admin = update.effective_user.id if update.effective_user else 0
    await send_html(update, context, await _mark(context, lang, session, person, admin))


@requires(Role.SECRETARIAT)
async def send_qr(update: Update, context: BotContext) -> None:
    """Send the PNG QR code of a session's check-in (/qr ID), or buttons to pick the session."""
    lang = await user_lang(update, context)
    args = list(context.args or [])
    if args:
        session_id = parse_id(args[0])
        if len(args) > 1 or session_id is None:
            await say(update, context, "qr_usage", lang=lang)
            return
        session = await context.schedule.get_session(session_id)
        if session is None:
            await say(update, context, "no_such_session", lang=lang, id=esc(args[0]))
            return
        await _send_qr(update, context, lang, session)
        return
    stage = await context.repo.current_stage()
    sessions = await context.schedule.list_sessions(stage.number if stage else None)
    if not sessions:
        await say(update, context, "qr_usage", lang=lang)
        return
    rows = [
        [
            (
                f"#{s.id} {s.day:%d-%m} {s.start:%H:%M} {s.title_in(lang)}"[:60],
                buttons.make(PREFIX, "qr", s.id),
            )
        ]
        for s in sessions[:20]
    ]
    await say(update, context, "qr_pick", lang=lang, markup=keyboard(rows))


@requires(Role.SECRETARIAT)
async def _qr_button(update: Update, context: BotContext) -> None:
    lang = await user_lang(update, context)
    query = update.callback_query
    assert query is not None
    button = buttons.parse(query.data, PREFIX, BUTTONS)
    assert button is not None
    session = await context.schedule.get_session(button.int_arg())
    if session is None:
        await answer_alert(update, t(lang, "checkin_no_session"))
        return
    await answer_button(update)
    await _send_qr(update, context, lang, session)


async def _send_qr(update: Update, context: BotContext, lang: str, session: Session) -> None:
    chat = update.effective_chat
    assert chat is not None
    link = qr.deep_link(
        context.bot.username, qr.checkin_payload(session.id, context.settings.token)
    )
    tz = context.workshop.tz
    caption = t(
        lang,
        "qr_caption",
        id=session.id,
        title=esc(session.title_in(lang)),
        day=format_day(lang, session.day),
        time=clock_range(session, tz, tz),
        link=esc(link),
    )
    await context.bot.send_photo(
        chat.id,
        photo=qr.qr_png(link),
        caption=caption,
        parse_mode=ParseMode.HTML,
        filename=f"qr_sesi_{session.id}.png",
    )


@requires(Role.SECRETARIAT)
async def attendance_summary(update: Update, context: BotContext) -> None:
    """Show who checked in to each session of a stage (/kehadiran [N])."""
    lang = await user_lang(update, context)
    stage = await stage_argument(update, context, lang, "attendance_usage")
    if stage is None:
        return
    sessions = await context.schedule.list_sessions(stage.number)
    if not sessions:
        await say(update, context, "schedule_none", lang=lang, stage=esc(stage.title_in(lang)))
        return
    registered = (await context.repo.stage_counts(stage.number)).total
    tz = context.workshop.tz
    lines = [t(lang, "attendance_header", stage=esc(stage.title_in(lang)))]
    for session in sessions:
        online, offline = await context.schedule.attendance_counts(session.id)
        lines.append(
            t(
                lang,
                "attendance_line",
                id=session.id,
                day=f"{session.day:%d-%m}",
                time=clock_range(session, tz, tz),
                title=esc(session.title_in(lang)),
                present=online + offline,
                online=online,
                offline=offline,
                registered=registered,
            )
        )
    for chunk in chunk_lines(lines):
        await send_html(update, context, chunk)


def handlers() -> list[BaseHandler[Any, BotContext, Any]]:
    return [
        command_handler("hadir", checkin_command),
        command_handler("catathadir", mark_attendance),
        command_handler("qr", send_qr),
        command_handler("kehadiran", attendance_summary),
        CallbackQueryHandler(on_button, pattern=buttons.pattern(PREFIX)),
    ]
