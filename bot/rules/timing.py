"""Time rules of the schedule, as pure functions: clocks, zones, windows, reminder times.

Everything here takes the current time as an argument (or from an injected clock), so tests set
the time instead of waiting for it or patching the standard library.
"""

from __future__ import annotations

import datetime as dt
import re
import time
from collections.abc import Callable, Sequence
from zoneinfo import ZoneInfo

from storage.schedule import Session

Clock = Callable[[], dt.datetime]

# Online participants may check in from half an hour before a session until it ends.
CHECKIN_OPENS_BEFORE = dt.timedelta(minutes=30)
# A reminder may be asked for up to a year ahead, and "now" tolerates a minute of typing.
REMINDER_MAX_AHEAD = dt.timedelta(days=366)
REMINDER_PAST_TOLERANCE = dt.timedelta(minutes=1)
# Ministry experts and national consultants mostly work from Jakarta.
EXPERT_ZONE = "Asia/Jakarta"
EXPERT_POSITIONS = frozenset({"ministry_expert", "consultant"})


class ShiftedClock:
    """A clock for tests and demos: real seconds pass, but from a chosen instant.

    `set` and `advance` jump it (e.g. past a reminder's time while the bot is stopped); a frozen
    clock (`ticking=False`) stands still until moved.
    """

    def __init__(self, start: dt.datetime, *, ticking: bool = True) -> None:
        self.ticking = ticking
        self.set(start)

    def set(self, moment: dt.datetime) -> None:
        if moment.tzinfo is None:
            raise ValueError("the clock needs an aware datetime")
        self._base = moment.astimezone(dt.UTC)
        self._anchor = time.monotonic()

    def advance(self, delta: dt.timedelta) -> None:
        self.set(self() + delta)

    def __call__(self) -> dt.datetime:
        if not self.ticking:
            return self._base
        return self._base + dt.timedelta(seconds=time.monotonic() - self._anchor)


# --- zones -------------------------------------------------------------------------------


def zone_label(tz: dt.tzinfo, at: dt.datetime) -> str:
    """'WITA', 'WIB', ... (the zone's own abbreviation at that instant)."""
    return at.astimezone(tz).tzname() or str(tz)


def second_zone(
    position: str | None, language_code: str | None, workshop_tz: dt.tzinfo
) -> ZoneInfo | None:
    """The zone to show beside the workshop's, for people who likely live elsewhere.

    The rule is deliberately simple: ministry experts and consultants, and anyone whose
    Telegram app is in English, are taken to work from Jakarta (WIB). Nobody gets a second
    zone equal to the workshop's.
    """
    expert = position in EXPERT_POSITIONS
    english = bool(language_code and language_code.lower().startswith("en"))
    if not (expert or english):
        return None
    zone = ZoneInfo(EXPERT_ZONE)
    probe = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
    if probe.astimezone(zone).utcoffset() == probe.astimezone(workshop_tz).utcoffset():
        return None
    return zone


def clock_range(session: Session, tz: dt.tzinfo, zone: dt.tzinfo) -> str:
    """'08:30–12:00 WITA' (or the same hours in another zone)."""
    start = session.starts_at(tz).astimezone(zone)
    end = session.ends_at(tz).astimezone(zone)
    return f"{start:%H:%M}–{end:%H:%M} {zone_label(zone, start)}"


# --- sessions ------------------------------------------------------------------------------


def checkin_window(session: Session, tz: dt.tzinfo) -> tuple[dt.datetime, dt.datetime]:
    return session.starts_at(tz) - CHECKIN_OPENS_BEFORE, session.ends_at(tz)


def checkin_open(session: Session, tz: dt.tzinfo, now: dt.datetime) -> bool:
    opens, closes = checkin_window(session, tz)
    return opens <= now <= closes


def open_sessions(sessions: Sequence[Session], tz: dt.tzinfo, now: dt.datetime) -> list[Session]:
    """Sessions whose check-in window contains `now`, soonest start first."""
    return sorted((s for s in sessions if checkin_open(s, tz, now)), key=lambda s: s.starts_at(tz))


def current_session(sessions: Sequence[Session], tz: dt.tzinfo, now: dt.datetime) -> Session | None:
    """The session people mean by 'the current one' at `now`.

    The one in progress (check-in open); else the next to start on the same local day; else
    the last one that ended that day. None on a day without sessions.
    """
    running = open_sessions(sessions, tz, now)
    if running:
        return running[0]
    today = now.astimezone(tz).date()
    same_day = sorted((s for s in sessions if s.day == today), key=lambda s: s.starts_at(tz))
    later = [s for s in same_day if s.starts_at(tz) > now]
    if later:
        return later[0]
    return same_day[-1] if same_day else None


def next_session(sessions: Sequence[Session], tz: dt.tzinfo, now: dt.datetime) -> Session | None:
    upcoming = sorted((s for s in sessions if s.starts_at(tz) > now), key=lambda s: s.starts_at(tz))
    return upcoming[0] if upcoming else None


# --- automatic reminders -----------------------------------------------------------------

SLOT_DAY_BEFORE = "day_before"
SLOT_SOON = "soon"


def day_before_key(stage: int, day: dt.date) -> str:
    """One reminder the evening before each day of a stage, listing that day's sessions."""
    return f"day:{stage}:{day.isoformat()}:{SLOT_DAY_BEFORE}"


def soon_key(session_id: int) -> str:
    """One reminder shortly before each session, with the room or link and check-in button."""
    return f"session:{session_id}:{SLOT_SOON}"


def day_before_due(day: dt.date, at: dt.time, tz: dt.tzinfo) -> dt.datetime:
    eve = day - dt.timedelta(days=1)
    return dt.datetime.combine(eve, at, tzinfo=tz).astimezone(dt.UTC)


def soon_due(session: Session, tz: dt.tzinfo, minutes: int) -> dt.datetime:
    return session.starts_at(tz) - dt.timedelta(minutes=minutes)


def first_sessions_of_days(sessions: Sequence[Session], tz: dt.tzinfo) -> list[Session]:
    """The earliest session of each (stage, day)."""
    first: dict[tuple[int, dt.date], Session] = {}
    for session in sorted(sessions, key=lambda s: s.starts_at(tz)):
        first.setdefault((session.stage, session.day), session)
    return list(first.values())


# --- typed reminder times --------------------------------------------------------------------

_RELATIVE = re.compile(
    r"^\+\s*(?:(\d{1,3})\s*(?:h|j|jam))?\s*(?:(\d{1,4})\s*(?:m|min|menit)?)?$", re.IGNORECASE
)
_CLOCK = r"(\d{1,2})[:.](\d{2})"
_ISO_DAY = re.compile(rf"^(\d{{4}})-(\d{{1,2}})-(\d{{1,2}})\s+{_CLOCK}$")
_LOCAL_DAY = re.compile(rf"^(\d{{1,2}})[-/](\d{{1,2}})[-/](\d{{4}})\s+{_CLOCK}$")
_TIME_ONLY = re.compile(rf"^{_CLOCK}$")
NOW_WORDS = frozenset({"sekarang", "now"})


def parse_when(raw: str, now: dt.datetime, tz: dt.tzinfo) -> dt.datetime | str:
    """The instant a facilitator typed, in the workshop's zone; or the key of the problem.

    Accepted: 'sekarang'/'now', '+30m', '+2h', '+1h30m', '+45' (minutes), '08:00' (today),
    '2021-06-21 08:00' and '21-06-2021 08:00'.
    """
    text = raw.strip().casefold()
    local_now = now.astimezone(tz)
    when: dt.datetime
    try:
        if text in NOW_WORDS:
            return now
        if (rel := _RELATIVE.match(text)) and (rel.group(1) or rel.group(2)):
            minutes = int(rel.group(1) or 0) * 60 + int(rel.group(2) or 0)
            if minutes == 0:
                return "when_bad"
            when = now + dt.timedelta(minutes=minutes)
        elif iso := _ISO_DAY.match(text):
            y, mo, d, h, mi = (int(g) for g in iso.groups())
            when = dt.datetime(y, mo, d, h, mi, tzinfo=tz)
        elif local := _LOCAL_DAY.match(text):
            d, mo, y, h, mi = (int(g) for g in local.groups())
            when = dt.datetime(y, mo, d, h, mi, tzinfo=tz)
        elif clock := _TIME_ONLY.match(text):
            h, mi = (int(g) for g in clock.groups())
            when = dt.datetime.combine(local_now.date(), dt.time(h, mi), tzinfo=tz)
        else:
            return "when_bad"
    except ValueError:  # 2021-02-30, 25:00 ...
        return "when_bad"
    if when < now - REMINDER_PAST_TOLERANCE:
        return "when_past"
    if when > now + REMINDER_MAX_AHEAD:
        return "when_too_far"
    return max(when.astimezone(dt.UTC), now)


def split_when(words: Sequence[str]) -> tuple[str, int]:
    """How many leading words of a command make its time: two for 'day time', else one."""
    if len(words) >= 2 and _TIME_ONLY.match(words[1]) and re.match(r"^\d", words[0]):
        return f"{words[0]} {words[1]}", 2
    return (words[0], 1) if words else ("", 0)


def past_grace(due_at: dt.datetime, now: dt.datetime, grace: dt.timedelta) -> bool:
    """Has a reminder waited longer than its grace (the bot was down when it fell due)?"""
    return now - due_at > grace


def reminder_too_late(
    due_at: dt.datetime,
    now: dt.datetime,
    grace: dt.timedelta,
    *,
    for_session: bool = False,
    session_ends_at: dt.datetime | None = None,
) -> bool:
    """Is a due reminder too late to send (then it is marked missed, never sent)?

    Past its grace it is; a reminder for a session (`for_session`: an automatic one tied to a
    session) is also too late once that session has ended, or if the session is gone
    (`session_ends_at` None).
    """
    if past_grace(due_at, now, grace):
        return True
    if for_session:
        return session_ends_at is None or now > session_ends_at
    return False
