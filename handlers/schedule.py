"""/jadwal: each participant's sessions in their mode; the secretariat adds and edits sessions.

Offline participants see the room, online participants the link. Times are in the workshop's
zone, and for people who likely live elsewhere also in their own
(see `bot.rules.timing.second_zone`:
ministry experts, consultants and English-speaking users get WIB beside WITA).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from telegram import Update
from telegram.ext import BaseHandler

from bot.core.context import BotContext
from bot.core.roles import Role
from bot.rules.timing import second_zone, zone_label
from handlers.commands import command_handler
from handlers.common import (
    chunk_lines,
    esc,
    requires,
    say,
    send_html,
    session_argument,
    user_lang,
)
from handlers.schedule_view import session_block
from handlers.texts import t
from handlers.validation import parse_stage
from storage.models import Stage
from storage.schedule import Session, SessionTimesError

# Field names the secretariat types (Indonesian first, English accepted) → session columns.
SESSION_FIELDS = {
    "judul": "title",
    "title": "title",
    "judul_en": "title_en",
    "title_en": "title_en",
    "hari": "day",
    "tanggal": "day",
    "day": "day",
    "date": "day",
    "mulai": "start_time",
    "start": "start_time",
    "selesai": "end_time",
    "end": "end_time",
    "ruang": "room",
    "room": "room",
    "tempat": "room",
    "tautan": "online_link",
    "link": "online_link",
}
SESSION_VALUE_MAX = 200
_HHMM = re.compile(r"^(\d{1,2})[:.](\d{2})$", re.ASCII)
_RANGE = re.compile(r"^(\d{1,2}[:.]\d{2})-(\d{1,2}[:.]\d{2})$", re.ASCII)


def parse_clock(raw: str) -> dt.time | None:
    match = _HHMM.match(raw.strip())
    if not match:
        return None
    hour, minute = int(match.group(1)), int(match.group(2))
    if hour > 23 or minute > 59:
        return None
    return dt.time(hour, minute)


def parse_session_edit(args: list[str], session: Session | None) -> tuple[str, str] | str:
    """(column, stored value) from `/ubahsesi ID field value...`, or the key of the problem."""
    if len(args) < 3:
        return "editsession_usage"
    column = SESSION_FIELDS.get(args[1].casefold())
    if column is None:
        return "editsession_bad_field"
    value = " ".join(args[2:]).strip()
    if len(value) > SESSION_VALUE_MAX:
        return "editsession_too_long"
    if column == "day":
        try:
            return column, dt.date.fromisoformat(value).isoformat()
        except ValueError:
            return "editsession_bad_day"
    if column in ("start_time", "end_time"):
        clock = parse_clock(value)
        if clock is None:
            return "editsession_bad_time"
        if session is not None:
            start = clock if column == "start_time" else session.start
            end = clock if column == "end_time" else session.end
            if end <= start:
                return "editsession_end_before_start"
        return column, clock.strftime("%H:%M")
    if column == "online_link" and not re.match(r"^https?://\S+$", value):
        return "editsession_bad_link"
    return column, value


def parse_new_session(args: list[str]) -> tuple[int, dt.date, dt.time, dt.time, str] | str:
    """(stage, day, start, end, title) from `/tambahsesi N YYYY-MM-DD HH:MM-HH:MM Title`."""
    number = parse_stage(args[0]) if args else None
    if len(args) < 4 or number is None:
        return "addsession_usage"
    try:
        day = dt.date.fromisoformat(args[1])
    except ValueError:
        return "editsession_bad_day"
    match = _RANGE.match(args[2])
    start = parse_clock(match.group(1)) if match else None
    end = parse_clock(match.group(2)) if match else None
    if start is None or end is None:
        return "editsession_bad_time"
    if end <= start:
        return "editsession_end_before_start"
    title = " ".join(args[3:]).strip()
    if len(title) > SESSION_VALUE_MAX:
        return "editsession_too_long"
    return number, day, start, end, title


async def show_schedule(update: Update, context: BotContext) -> None:
    """Show the user's sessions: room or link by how they attend, times in their zones."""
    user = update.effective_user
    assert user is not None
    lang = await user_lang(update, context)
    tz = context.workshop.tz
    staff = context.role(user.id) >= Role.FACILITATOR
    participant = await context.repo.participant_by_telegram(user.id)
    registrations = (
        await context.repo.registrations_of(participant.id) if participant is not None else []
    )
    zone2 = second_zone(participant.position if participant else None, user.language_code, tz)
    stages = {s.number: s for s in await context.repo.list_stages()}
    # (stage, mode or None when not registered) in the order to show them.
    shown: list[tuple[Stage, str | None]] = []
    if staff:
        modes = {r.stage: r.mode for r in registrations}
        shown = [(s, modes.get(s.number)) for s in stages.values()]
    elif registrations:
        shown = [(stages[r.stage], r.mode) for r in registrations if r.stage in stages]
    else:
        current = await context.repo.current_stage()
        if current is None:
            await say(update, context, "schedule_no_stage", lang=lang)
            return
        shown = [(current, None)]

    lines: list[str] = []
    any_session = False
    for stage, mode in shown:
        sessions = await context.schedule.list_sessions(stage.number)
        if staff and not sessions:
            continue
        title = esc(stage.title_in(lang))
        if mode is None:
            lines.append(t(lang, "schedule_header_unregistered", stage=title))
        else:
            lines.append(t(lang, "schedule_header", stage=title, mode=t(lang, f"mode_{mode}")))
        if not sessions:
            lines.append(t(lang, "schedule_none", stage=title))
        for session in sessions:
            any_session = True
            block = session_block(
                lang, session, tz, mode, zone2=zone2, prefix=f"#{session.id} " if staff else ""
            )
            if participant is not None and mode is not None:
                attended = await context.schedule.attendance(participant.id, session.id)
                if attended is not None:
                    block += "\n" + t(lang, "schedule_checked_in")
            lines.append("")
            lines.append(block)
        lines.append("")
    if not lines:
        await say(update, context, "schedule_none", lang=lang, stage="—")
        return
    if zone2 is not None and any_session:
        now = context.settings.clock()
        lines.append(
            t(lang, "schedule_zone_note", zone=zone_label(tz, now), zone2=zone_label(zone2, now))
        )
    for chunk in chunk_lines([line for line in lines]):
        await send_html(update, context, chunk.strip())


@requires(Role.SECRETARIAT)
async def edit_session(update: Update, context: BotContext) -> None:
    """Change a session's title, day, times, room or link: /ubahsesi ID field value."""
    lang = await user_lang(update, context)
    named = await session_argument(update, context, lang, "editsession_usage", min_args=3)
    if named is None:
        return
    session, args = named
    parsed = parse_session_edit(args, session)
    if isinstance(parsed, str):
        await say(
            update,
            context,
            parsed,
            lang=lang,
            field=esc(args[1]),
            value=esc(" ".join(args[2:])[:SESSION_VALUE_MAX]),
            max=SESSION_VALUE_MAX,
        )
        return
    column, value = parsed
    try:
        await context.schedule.update_session(session.id, column, value, context.settings.clock())
    except SessionTimesError:  # another edit changed the other time meanwhile
        await say(update, context, "editsession_end_before_start", lang=lang)
        return
    # Automatic reminders follow the session's new day and time.
    await context.jobs.schedule.refresh(context.application)
    await say(
        update,
        context,
        "editsession_done",
        lang=lang,
        id=session.id,
        field=esc(args[1]),
        value=esc(value),
    )


@requires(Role.SECRETARIAT)
async def add_session(update: Update, context: BotContext) -> None:
    """Add a session to a stage: /tambahsesi N YYYY-MM-DD HH:MM-HH:MM Title."""
    lang = await user_lang(update, context)
    args = list(context.args or [])
    parsed = parse_new_session(args)
    if isinstance(parsed, str):
        value = args[1] if parsed == "editsession_bad_day" and len(args) > 1 else ""
        if parsed == "editsession_bad_time" and len(args) > 2:
            value = args[2]
        await say(update, context, parsed, lang=lang, value=esc(value), max=SESSION_VALUE_MAX)
        return
    number, day, start, end, title = parsed
    stage = await context.repo.get_stage(number)
    if stage is None:
        await say(update, context, "no_such_stage", lang=lang)
        return
    user = update.effective_user
    session = await context.schedule.add_session(
        stage=number,
        day=day,
        start=start,
        end=end,
        title=title,
        title_en=title,
        room=stage.venue,
        online_link=stage.online_link,
        created_by=user.id if user else None,
        now=context.settings.clock(),
    )
    assert session is not None
    await context.jobs.schedule.refresh(context.application)
    block = session_block(lang, session, context.workshop.tz, None, prefix=f"#{session.id} ")
    await say(update, context, "addsession_done", lang=lang, id=session.id, session=block)


def handlers() -> list[BaseHandler[Any, BotContext, Any]]:
    return [
        command_handler("jadwal", show_schedule),
        command_handler("ubahsesi", edit_session),
        command_handler("tambahsesi", add_session),
    ]
