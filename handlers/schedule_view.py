"""How sessions and reminders read: dates, times in one or two zones, room or link by mode.

Shared by /jadwal, check-in answers and the reminder broadcasts (which render one message per
recipient language and mode), so a session looks the same wherever it appears.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from telegram import InlineKeyboardMarkup

from bot.core.workshop import Workshop
from bot.rules.audience import AudienceSpec
from bot.rules.timing import SLOT_SOON, clock_range
from handlers import buttons
from handlers.common import esc, keyboard
from handlers.texts import roman, t
from storage.models import Stage
from storage.schedule import Reminder, Session

CHECKIN_PREFIX = "hdr"


def format_day(lang: str, day: dt.date) -> str:
    """'Senin, 21 Juni 2021' / 'Monday, 21 June 2021', without relying on the OS locale."""
    weekdays = t(lang, "weekdays").split(",")
    months = t(lang, "months").split(",")
    return t(
        lang,
        "day_format",
        weekday=weekdays[day.weekday()],
        day=day.day,
        month=months[day.month - 1],
        year=day.year,
    )


def format_moment(lang: str, moment: dt.datetime, tz: dt.tzinfo) -> str:
    """'Senin, 21 Juni 2021 08:00 WITA'."""
    local = moment.astimezone(tz)
    return f"{format_day(lang, local.date())} {local:%H:%M} {local.tzname()}"


def place_line(lang: str, session: Session, mode: str | None) -> str:
    """The room for people in it, the link for people online; both when the mode is unknown."""
    room = (
        t(lang, "place_room", room=esc(session.room))
        if session.room
        else t(lang, "place_room_unset")
    )
    link = (
        t(lang, "place_link", link=esc(session.online_link))
        if session.online_link
        else t(lang, "place_link_unset")
    )
    if mode == "offline":
        return room
    if mode == "online":
        return link
    return f"{room}\n{link}"


def session_block(
    lang: str,
    session: Session,
    tz: dt.tzinfo,
    mode: str | None,
    *,
    zone2: dt.tzinfo | None = None,
    prefix: str = "",
) -> str:
    time = clock_range(session, tz, tz)
    if zone2 is not None:
        time += f" ({clock_range(session, tz, zone2)})"
    return t(
        lang,
        "session_block",
        title=f"{prefix}{esc(session.title_in(lang))}",
        day=format_day(lang, session.day),
        time=time,
        place=place_line(lang, session, mode),
    )


def checkin_button(lang: str, session_id: int) -> InlineKeyboardMarkup:
    return keyboard([[(t(lang, "btn_checkin"), buttons.make(CHECKIN_PREFIX, "in", session_id))]])


def audience_label(lang: str, spec: AudienceSpec, session: Session | None = None) -> str:
    if spec.kind == "institution":
        return t(lang, "audience_institution", institution=esc(spec.institution or ""))
    if spec.kind == "not_checked_in":
        what = f"#{spec.session_id}" if session is None else esc(session.title_in(lang))
        return t(lang, "audience_not_checked_in", session=what)
    return t(lang, f"audience_{spec.kind}", stage=roman(spec.stage))


def render_reminder(
    workshop: Workshop,
    reminder: Reminder,
    sessions: Sequence[Session],
    stage: Stage | None,
    lang: str,
    mode: str,
) -> tuple[str, InlineKeyboardMarkup | None]:
    """The text (and check-in button) one recipient gets, in their language and mode.

    `sessions` are what the reminder is about: the day's sessions for the evening-before
    reminder, the one session otherwise (none for a custom reminder outside any session).
    """
    tz = workshop.tz
    stage_title = esc(stage.title_in(lang)) if stage else str(reminder.stage)
    blocks = "\n\n".join(session_block(lang, s, tz, mode) for s in sessions)
    soon = reminder.kind == "custom" or (reminder.auto_key or "").endswith(f":{SLOT_SOON}")
    if reminder.kind == "custom":
        text = t(lang, "reminder_custom", text=esc(reminder.text))
        if blocks:
            text += "\n\n" + blocks
    elif sessions and soon:
        start = sessions[0].starts_at(tz)
        minutes = max(0, round((start - reminder.due_at).total_seconds() / 60))
        text = t(lang, "reminder_soon", minutes=minutes, stage=stage_title, session=blocks)
    else:
        text = t(lang, "reminder_day_before", stage=stage_title, session=blocks)
    if len(sessions) == 1 and soon and mode == "online":
        text += "\n\n" + t(lang, "reminder_checkin_hint")
        return text, checkin_button(lang, sessions[0].id)
    return text, None
