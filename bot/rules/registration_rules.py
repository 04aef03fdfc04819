"""When a registration may still change: pure rules, tested without Telegram or SQL.

A participant (from /profil) or the secretariat may switch a registration between online and in
the room, or withdraw it, while its stage has not finished. A stage has finished once the last of
its days (the stage's own dates and its sessions' ends, in the workshop's zone) is behind the
clock; a stage with neither dates nor sessions has not finished, since it has not even been dated.
Names, institutions and positions are a person's profile, not a stage's: they can always be
corrected.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from storage.schedule import Session


def stage_ends_at(
    days: Iterable[dt.date], sessions: Iterable[Session], tz: dt.tzinfo
) -> dt.datetime | None:
    """The moment a stage is over: the end of its last day or session, whichever is later."""
    ends: list[dt.datetime] = []
    for day in days:
        ends.append(dt.datetime.combine(day + dt.timedelta(days=1), dt.time(), tzinfo=tz))
    for session in sessions:
        end = session.ends_at(tz)
        if end <= session.starts_at(tz):
            end += dt.timedelta(days=1)  # a session past midnight ends the next day
        ends.append(end)
    return max(ends).astimezone(dt.UTC) if ends else None


def stage_finished(
    days: Iterable[dt.date], sessions: Iterable[Session], tz: dt.tzinfo, now: dt.datetime
) -> bool:
    """Whether the stage is over, so its registrations are a record, no longer a plan."""
    ends = stage_ends_at(days, sessions, tz)
    return ends is not None and now >= ends
