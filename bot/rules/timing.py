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

_CLOCK = r"(\d{1,2})[:.](\d{2})"
_ISO_DAY = re.compile(rf"^(\d{{4}})-(\d{{1,2}})-(\d{{1,2}})\s+{_CLOCK}$")
_LOCAL_DAY = re.compile(rf"^(\d{{1,2}})[-/](\d{{1,2}})[-/](\d{{4}})\s+{_CLOCK}$")
_TIME_ONLY = re.compile(rf"^{_CLOCK}$")
NOW_WORDS = frozenset({"sekarang", "now"})

# One grammar of typed durations for reminders and poll deadlines: '30m', '30 menit', '2j',
# '2 jam', '1j30m', '1 hari'. "h" is "hari" (day) in Indonesian and "hour" in English, so it
# follows the user's language; the bot echoes the moment it understood before anything is sent.
_DURATION_PART = re.compile(r"(\d{1,5})\s*([a-z]*)\s*", re.ASCII)
_DURATION_UNITS: dict[str, int] = {
    "m": 1,
    "mnt": 1,
    "menit": 1,
    "min": 1,
    "mins": 1,
    "minute": 1,
    "minutes": 1,
    "j": 60,
    "jam": 60,
    "hour": 60,
    "hours": 60,
    "hr": 60,
    "hrs": 60,
    "hari": 1440,
    "d": 1440,
    "day": 1440,
    "days": 1440,
}
_H_UNIT = {"id": 1440, "en": 60}


def parse_duration(raw: str, lang: str, *, bare_minutes: bool = False) -> int | None:
    """Minutes of a typed duration ('30m', '2 jam', '1j30m', '+45'), or None if it is not one.

    A number without a unit is minutes only after a '+' or when `bare_minutes` is set (a
    reminder typed as '/pengingat 8 ...' is not eight minutes from now).
    """
    text = raw.strip().casefold()
    plus = text.startswith("+")
    text = text.removeprefix("+").strip()
    if not text:
        return None
    total, position, parts = 0, 0, 0
    for match in _DURATION_PART.finditer(text):
        if match.start() != position or not match.group(0):
            return None
        position = match.end()
        unit = match.group(2)
        if unit == "h":
            size = _H_UNIT.get(lang, _H_UNIT["id"])
        elif unit == "":
            if not (plus or bare_minutes):
                return None
            size = 1
        else:
            size = _DURATION_UNITS.get(unit, 0)
        if not size:
            return None
        total += int(match.group(1)) * size
        parts += 1
    if position != len(text) or parts == 0:
        return None
    return total


def parse_moment(raw: str, now: dt.datetime, tz: dt.tzinfo) -> dt.datetime | None:
    """A clock time ('14:30', today) or a day and time typed, in the workshop's zone."""
    text = raw.strip().casefold()
    local_now = now.astimezone(tz)
    try:
        if iso := _ISO_DAY.match(text):
            y, mo, d, h, mi = (int(g) for g in iso.groups())
            return dt.datetime(y, mo, d, h, mi, tzinfo=tz)
        if local := _LOCAL_DAY.match(text):
            d, mo, y, h, mi = (int(g) for g in local.groups())
            return dt.datetime(y, mo, d, h, mi, tzinfo=tz)
        if clock := _TIME_ONLY.match(text):
            h, mi = (int(g) for g in clock.groups())
            return dt.datetime.combine(local_now.date(), dt.time(h, mi), tzinfo=tz)
    except ValueError:  # 2021-02-30, 25:00 ...
        return None
    return None


def parse_when(raw: str, now: dt.datetime, tz: dt.tzinfo, lang: str = "id") -> dt.datetime | str:
    """The instant a facilitator typed, in the workshop's zone; or the key of the problem.

    Accepted: 'sekarang'/'now', a duration from now ('30m', '+30m', '2j', '2 jam', '1j30m',
    '+45' minutes; see `parse_duration`), '14:30' (today), '2021-06-21 08:00' and
    '21-06-2021 08:00'.
    """
    text = raw.strip().casefold()
    if text in NOW_WORDS:
        return now
    when: dt.datetime | None
    minutes = parse_duration(text, lang)
    if minutes is not None:
        if minutes == 0:
            return "when_bad"
        when = now + dt.timedelta(minutes=minutes)
    else:
        when = parse_moment(text, now, tz)
        if when is None:
            return "when_bad"
    if when < now - REMINDER_PAST_TOLERANCE:
        return "when_past"
    if when > now + REMINDER_MAX_AHEAD:
        return "when_too_far"
    return max(when.astimezone(dt.UTC), now)


def split_when(words: Sequence[str], lang: str = "id") -> tuple[str, int]:
    """How many leading words of a command make its time: 'day time', '1 jam 30 menit', '2 jam'
    take several, everything else one."""
    if len(words) >= 2 and _TIME_ONLY.match(words[1]) and re.match(r"^\d", words[0]):
        return f"{words[0]} {words[1]}", 2
    for count in range(min(len(words), 4), 1, -1):
        joined = " ".join(words[:count])
        if parse_duration(joined, lang) is not None:
            return joined, count
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
