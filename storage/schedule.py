"""Sessions, attendance and reminders: the schedule's repository (the only SQL for them).

Times of day of a session are kept as the workshop file says them (date + HH:MM in the workshop's
zone), because that is what people read and edit; every instant the bot acts on (a reminder's due
time, a check-in) is stored in UTC as ISO text, so comparisons in SQL are plain string order.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import aiosqlite

from storage.db import Database, parse_ts, row_to
from storage.outbox import DELIVERY_STATUSES, EXPIRED, UNCERTAIN_PREFIX, DeliveryCounts, Outbox, ts

if TYPE_CHECKING:
    from storage.models import Workshop

CHECKIN_METHODS: tuple[str, ...] = ("qr", "button", "command", "secretariat")
__all__ = ["DELIVERY_STATUSES", "UNCERTAIN_PREFIX", "DeliveryCounts", "ts"]
# Columns the secretariat may change from the chat.
SESSION_FIELDS: tuple[str, ...] = (
    "day",
    "start_time",
    "end_time",
    "title",
    "title_en",
    "room",
    "online_link",
)


class SessionTimesError(ValueError):
    """A session that would end before (or when) it starts, e.g. 23:51–02:51 on one day.

    A session is one stretch of one day in the workshop's zone; one that runs past midnight is
    refused rather than stored with an end "before" its start.
    """

    def __init__(self, start: dt.time, end: dt.time) -> None:
        super().__init__(
            f"a session must end after it starts on the same day: "
            f"{start:%H:%M}–{end:%H:%M} ends at or before its start"
        )
        self.start = start
        self.end = end


def check_session_times(start: dt.time, end: dt.time) -> None:
    """Raise `SessionTimesError` unless the session ends after it starts, on its own day."""
    if end <= start:
        raise SessionTimesError(start, end)


@dataclass(frozen=True)
class Session:
    id: int
    stage: int
    day: dt.date
    start: dt.time
    end: dt.time
    title: str
    title_en: str
    room: str
    online_link: str

    def title_in(self, lang: str) -> str:
        return self.title_en if lang == "en" else self.title

    def starts_at(self, tz: dt.tzinfo) -> dt.datetime:
        """The start as an aware UTC instant (the day and time are in the workshop's zone)."""
        return dt.datetime.combine(self.day, self.start, tzinfo=tz).astimezone(dt.UTC)

    def ends_at(self, tz: dt.tzinfo) -> dt.datetime:
        return dt.datetime.combine(self.day, self.end, tzinfo=tz).astimezone(dt.UTC)


@dataclass(frozen=True)
class Attendance:
    participant_id: int
    session_id: int
    mode: str
    method: str
    checked_in_at: dt.datetime
    entered_by: int | None


@dataclass(frozen=True)
class CheckIn:
    """The outcome of a check-in: `created` False means the person was already checked in."""

    created: bool
    attendance: Attendance


@dataclass(frozen=True)
class Candidate:
    """Someone registered for a stage, with what the audience rules look at."""

    participant_id: int
    telegram_id: int | None
    full_name: str
    institution: str
    position: str
    mode: str
    language: str | None
    reachable: bool
    checked_in: bool
    has_idea: bool


@dataclass(frozen=True)
class Reminder:
    id: int
    kind: str
    stage: int
    session_id: int | None
    auto_key: str | None
    text: str
    due_at: dt.datetime
    audience: str  # JSON; bot/rules/audience.py reads it
    created_by: int | None
    status: str
    created_at: dt.datetime
    started_at: dt.datetime | None
    finished_at: dt.datetime | None


@dataclass(frozen=True)
class Delivery:
    id: int
    reminder_id: int
    participant_id: int
    chat_id: int
    language: str
    mode: str
    status: str
    attempts: int


@dataclass(frozen=True)
class AttendanceRow:
    """One check-in with who and where, for lists and the export."""

    participant_id: int
    full_name: str
    institution: str
    registered_mode: str
    session_id: int
    mode: str
    method: str
    checked_in_at: dt.datetime


def _session(row: aiosqlite.Row) -> Session:
    return Session(
        id=row["id"],
        stage=row["stage"],
        day=dt.date.fromisoformat(row["day"]),
        start=dt.time.fromisoformat(row["start_time"]),
        end=dt.time.fromisoformat(row["end_time"]),
        title=row["title"],
        title_en=row["title_en"],
        room=row["room"],
        online_link=row["online_link"],
    )


def _attendance(row: aiosqlite.Row) -> Attendance:
    return Attendance(
        participant_id=row["participant_id"],
        session_id=row["session_id"],
        mode=row["mode"],
        method=row["method"],
        checked_in_at=parse_ts(row["checked_in_at"]),
        entered_by=row["entered_by"],
    )


def _reminder(row: aiosqlite.Row) -> Reminder:
    return Reminder(
        id=row["id"],
        kind=row["kind"],
        stage=row["stage"],
        session_id=row["session_id"],
        auto_key=row["auto_key"],
        text=row["text"],
        due_at=parse_ts(row["due_at"]),
        audience=row["audience"],
        created_by=row["created_by"],
        status=row["status"],
        created_at=parse_ts(row["created_at"]),
        started_at=parse_ts(row["started_at"]) if row["started_at"] else None,
        finished_at=parse_ts(row["finished_at"]) if row["finished_at"] else None,
    )


def _delivery(row: aiosqlite.Row) -> Delivery:
    return row_to(Delivery, row)


class ScheduleRepository:
    """Sessions, check-ins and reminders; every verb that writes commits before it returns."""

    def __init__(self, db: Database) -> None:
        self.db = db
        # A reminder's deliveries: the outbox's verbs (storage/outbox.py), under their names.
        self.outbox = Outbox(db, "reminder", "reminder_id", _delivery)
        self.pending_deliveries = self.outbox.pending
        self.deliveries = self.outbox.rows
        self.record_delivery = self.outbox.mark
        self.delivery_counts = self.outbox.counts

    # --- sessions ------------------------------------------------------------------------

    async def sync_sessions(self, workshop: Workshop, now: dt.datetime) -> int:
        """Add the workshop file's sessions not yet in the database; returns how many.

        A session already there (same stage, day and start in the file) keeps whatever the
        secretariat changed in the chat, like stages do.
        """
        added = 0
        async with self.db.transaction() as conn:
            for spec in workshop.sessions:
                cur = await conn.execute(
                    "INSERT INTO sessions (stage, day, start_time, end_time, title, title_en, "
                    "room, online_link, seed_key, updated_at) "
                    "SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ? "
                    "WHERE EXISTS (SELECT 1 FROM stages WHERE number = ?) "
                    "ON CONFLICT (seed_key) DO NOTHING",
                    (
                        spec.stage,
                        spec.day.isoformat(),
                        spec.start.strftime("%H:%M"),
                        spec.end.strftime("%H:%M"),
                        spec.title,
                        spec.title_en,
                        spec.room,
                        spec.online_link,
                        spec.seed_key,
                        ts(now),
                        spec.stage,
                    ),
                )
                added += cur.rowcount if cur.rowcount and cur.rowcount > 0 else 0
        return added

    async def list_sessions(self, stage: int | None = None) -> list[Session]:
        sql = "SELECT * FROM sessions"
        params: tuple[Any, ...] = ()
        if stage is not None:
            sql += " WHERE stage = ?"
            params = (stage,)
        rows = await self.db.fetchall(sql + " ORDER BY day, start_time, stage, id", params)
        return [_session(r) for r in rows]

    async def get_session(self, session_id: int) -> Session | None:
        row = await self.db.fetchone("SELECT * FROM sessions WHERE id = ?", (session_id,))
        return _session(row) if row else None

    async def add_session(
        self,
        *,
        stage: int,
        day: dt.date,
        start: dt.time,
        end: dt.time,
        title: str,
        title_en: str,
        room: str,
        online_link: str,
        created_by: int | None,
        now: dt.datetime,
    ) -> Session | None:
        """Add a session to a stage; None when there is no such stage.

        Raises `SessionTimesError` when `end` is not after `start` (nothing is stored).
        """
        check_session_times(start, end)
        async with self.db.transaction() as conn:
            async with conn.execute("SELECT 1 FROM stages WHERE number = ?", (stage,)) as cur:
                if await cur.fetchone() is None:
                    return None
            cur2 = await conn.execute(
                "INSERT INTO sessions (stage, day, start_time, end_time, title, title_en, room, "
                "online_link, created_by, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    stage,
                    day.isoformat(),
                    start.strftime("%H:%M"),
                    end.strftime("%H:%M"),
                    title,
                    title_en,
                    room,
                    online_link,
                    created_by,
                    ts(now),
                ),
            )
            session_id = cur2.lastrowid
        session = await self.get_session(session_id or 0)
        assert session is not None
        return session

    async def update_session(
        self, session_id: int, field: str, value: str, now: dt.datetime
    ) -> Session | None:
        """Change one field of a session; None when there is no such session.

        The caller checks the value and tells the user; this refuses, as a last line, a day or
        time that does not parse (`ValueError`) and a change that would make the session end at
        or before its start (`SessionTimesError`), checked against the row inside the
        transaction so two edits cannot together make one.
        """
        if field not in SESSION_FIELDS:
            raise ValueError(f"unknown session field {field!r}")
        if field == "day":
            dt.date.fromisoformat(value)
        async with self.db.transaction() as conn:
            if field in ("start_time", "end_time"):
                async with conn.execute(
                    "SELECT start_time, end_time FROM sessions WHERE id = ?", (session_id,)
                ) as cur:
                    row = await cur.fetchone()
                if row is not None:
                    times = {"start_time": row["start_time"], "end_time": row["end_time"]}
                    times[field] = value
                    check_session_times(
                        dt.time.fromisoformat(times["start_time"]),
                        dt.time.fromisoformat(times["end_time"]),
                    )
            await conn.execute(
                f"UPDATE sessions SET {field} = ?, updated_at = ? WHERE id = ?",
                (value, ts(now), session_id),
            )
        return await self.get_session(session_id)

    # --- attendance ----------------------------------------------------------------------

    async def check_in(
        self,
        participant_id: int,
        session_id: int,
        *,
        mode: str,
        method: str,
        at: dt.datetime,
        entered_by: int | None = None,
    ) -> CheckIn:
        """Record that the person attends the session; a second check-in changes nothing."""
        if method not in CHECKIN_METHODS or mode not in ("offline", "online"):
            raise ValueError(f"bad check-in {mode!r}/{method!r}")
        async with self.db.transaction() as conn:
            cur = await conn.execute(
                "INSERT INTO attendance (participant_id, session_id, mode, method, "
                "checked_in_at, entered_by) VALUES (?, ?, ?, ?, ?, ?) "
                "ON CONFLICT (participant_id, session_id) DO NOTHING",
                (participant_id, session_id, mode, method, ts(at), entered_by),
            )
            created = bool(cur.rowcount and cur.rowcount > 0)
            async with conn.execute(
                "SELECT * FROM attendance WHERE participant_id = ? AND session_id = ?",
                (participant_id, session_id),
            ) as cur2:
                row = await cur2.fetchone()
        assert row is not None
        return CheckIn(created, _attendance(row))

    async def attendance(self, participant_id: int, session_id: int) -> Attendance | None:
        row = await self.db.fetchone(
            "SELECT * FROM attendance WHERE participant_id = ? AND session_id = ?",
            (participant_id, session_id),
        )
        return _attendance(row) if row else None

    async def attendance_rows(self, stage: int | None = None) -> list[AttendanceRow]:
        """Every check-in (of one stage, or all), in session and name order."""
        sql = (
            "SELECT a.*, p.full_name, p.institution, COALESCE(r.mode, a.mode) AS reg_mode "
            "FROM attendance a JOIN sessions s ON s.id = a.session_id "
            "JOIN participants p ON p.id = a.participant_id "
            "LEFT JOIN registrations r ON r.participant_id = p.id AND r.stage = s.stage"
        )
        params: tuple[Any, ...] = ()
        if stage is not None:
            sql += " WHERE s.stage = ?"
            params = (stage,)
        rows = await self.db.fetchall(
            sql + " ORDER BY s.day, s.start_time, s.id, p.full_name", params
        )
        return [
            row_to(AttendanceRow, r, times=("checked_in_at",), registered_mode=r["reg_mode"])
            for r in rows
        ]

    async def attendance_counts(self, session_id: int) -> tuple[int, int]:
        """(checked in online, checked in offline) for a session."""
        row = await self.db.fetchone(
            "SELECT COALESCE(SUM(mode = 'online'), 0), COALESCE(SUM(mode = 'offline'), 0) "
            "FROM attendance WHERE session_id = ?",
            (session_id,),
        )
        return (int(row[0]), int(row[1])) if row else (0, 0)

    # --- audiences -----------------------------------------------------------------------

    async def audience_candidates(
        self, stage: int, session_id: int | None = None
    ) -> list[Candidate]:
        """Everyone registered for `stage`, with the facts the audience rules filter on."""
        rows = await self.db.fetchall(
            "SELECT p.id, p.telegram_id, p.full_name, p.institution, p.position, r.mode, "
            "u.language, COALESCE(u.reachable, 1) AS reachable, "
            "EXISTS (SELECT 1 FROM attendance a WHERE a.participant_id = p.id "
            "        AND a.session_id = ?) AS checked_in, "
            "EXISTS (SELECT 1 FROM ideas i WHERE i.participant_id = p.id AND i.stage = r.stage "
            "        AND i.status = 'active') AS has_idea "
            "FROM registrations r JOIN participants p ON p.id = r.participant_id "
            "LEFT JOIN users u ON u.telegram_id = p.telegram_id "
            "WHERE r.stage = ? ORDER BY p.id",
            (session_id if session_id is not None else -1, stage),
        )
        flags = ("reachable", "checked_in", "has_idea")
        candidates = []
        for r in rows:
            given: dict[str, Any] = {"participant_id": r["id"]} | {f: bool(r[f]) for f in flags}
            candidates.append(row_to(Candidate, r, **given))
        return candidates

    async def stage_institutions(self, stage: int) -> list[str]:
        """The institutions of a stage's participants, most participants first."""
        rows = await self.db.fetchall(
            "SELECT p.institution FROM registrations r JOIN participants p "
            "ON p.id = r.participant_id WHERE r.stage = ? GROUP BY p.institution "
            "ORDER BY COUNT(*) DESC, p.institution",
            (stage,),
        )
        return [r["institution"] for r in rows]

    # --- reminders -----------------------------------------------------------------------

    async def upsert_auto_reminder(
        self,
        *,
        auto_key: str,
        stage: int,
        session_id: int,
        due_at: dt.datetime,
        audience: Mapping[str, Any],
        now: dt.datetime,
    ) -> None:
        """Create the automatic reminder `auto_key` once; follow its session if it moves.

        The unique key makes this idempotent across restarts. A reminder already sent (or being
        sent, or cancelled) is never touched; one not sent yet, or missed, takes the new time.
        """
        await self.db.execute(
            "INSERT INTO reminders (kind, stage, session_id, auto_key, due_at, audience, status, "
            "created_at) VALUES ('auto', ?, ?, ?, ?, ?, 'scheduled', ?) "
            "ON CONFLICT (auto_key) DO UPDATE SET due_at = excluded.due_at, "
            "stage = excluded.stage, session_id = excluded.session_id, status = 'scheduled' "
            "WHERE reminders.status IN ('scheduled', 'missed') "
            "AND (reminders.due_at != excluded.due_at "
            "OR reminders.session_id IS NOT excluded.session_id)",
            (stage, session_id, auto_key, ts(due_at), json.dumps(dict(audience)), ts(now)),
        )

    async def drop_auto_reminders(self, keep: Sequence[str]) -> int:
        """Cancel unsent automatic reminders whose slot no longer exists (settings changed)."""
        marks = ",".join("?" * len(keep)) or "''"
        async with self.db.transaction() as conn:
            cur = await conn.execute(
                "UPDATE reminders SET status = 'cancelled' WHERE kind = 'auto' "
                f"AND status = 'scheduled' AND auto_key NOT IN ({marks})",
                tuple(keep),
            )
            return cur.rowcount or 0

    async def add_reminder(
        self,
        *,
        stage: int,
        text: str,
        due_at: dt.datetime,
        audience: Mapping[str, Any],
        created_by: int | None,
        now: dt.datetime,
        session_id: int | None = None,
    ) -> Reminder:
        """Schedule a custom reminder; it is in SQLite before anyone is told it is scheduled."""
        reminder_id = await self.db.execute(
            "INSERT INTO reminders (kind, stage, session_id, text, due_at, audience, created_by, "
            "status, created_at) VALUES ('custom', ?, ?, ?, ?, ?, ?, 'scheduled', ?)",
            (
                stage,
                session_id,
                text,
                ts(due_at),
                json.dumps(dict(audience)),
                created_by,
                ts(now),
            ),
        )
        reminder = await self.get_reminder(reminder_id)
        assert reminder is not None
        return reminder

    async def get_reminder(self, reminder_id: int) -> Reminder | None:
        row = await self.db.fetchone("SELECT * FROM reminders WHERE id = ?", (reminder_id,))
        return _reminder(row) if row else None

    async def reminders(
        self, statuses: Sequence[str], *, kind: str | None = None, limit: int = 1000
    ) -> list[Reminder]:
        """Reminders in any of `statuses`, soonest first."""
        marks = ",".join("?" * len(statuses))
        sql = f"SELECT * FROM reminders WHERE status IN ({marks})"
        params: list[Any] = list(statuses)
        if kind is not None:
            sql += " AND kind = ?"
            params.append(kind)
        rows = await self.db.fetchall(sql + " ORDER BY due_at, id LIMIT ?", [*params, limit])
        return [_reminder(r) for r in rows]

    async def count_reminders(self, statuses: Sequence[str]) -> int:
        """How many reminders are in any of `statuses` (the queue, for /status)."""
        marks = ",".join("?" * len(statuses))
        row = await self.db.fetchone(
            f"SELECT COUNT(*) FROM reminders WHERE status IN ({marks})", list(statuses)
        )
        return int(row[0]) if row else 0

    async def cancel_reminder(self, reminder_id: int, now: dt.datetime) -> Reminder | None:
        """Cancel a reminder not sent yet; returns it as it now is (None if there is none)."""
        async with self.db.transaction() as conn:
            await conn.execute(
                "UPDATE reminders SET status = 'cancelled', finished_at = ? "
                "WHERE id = ? AND status = 'scheduled'",
                (ts(now), reminder_id),
            )
        return await self.get_reminder(reminder_id)

    async def mark_missed(self, reminder_id: int, now: dt.datetime) -> bool:
        """A reminder that fell due too long ago is not sent at all."""
        async with self.db.transaction() as conn:
            cur = await conn.execute(
                "UPDATE reminders SET status = 'missed', finished_at = ? "
                "WHERE id = ? AND status = 'scheduled'",
                (ts(now), reminder_id),
            )
            return bool(cur.rowcount)

    async def begin_sending(
        self,
        reminder_id: int,
        recipients: Sequence[tuple[int, int, str, str]],
        now: dt.datetime,
    ) -> bool:
        """Write a 'pending' delivery per recipient and mark the reminder 'sending', atomically.

        `recipients` are (participant_id, chat_id, language, mode). Returns False when the
        reminder was no longer 'scheduled' (cancelled meanwhile, or claimed already).
        """
        stamp = ts(now)
        async with self.db.transaction() as conn:
            cur = await conn.execute(
                "UPDATE reminders SET status = 'sending', started_at = ? "
                "WHERE id = ? AND status = 'scheduled'",
                (stamp, reminder_id),
            )
            if not cur.rowcount:
                return False
            await self.outbox.enqueue(conn, reminder_id, recipients, now)
        return True

    async def expire_pending(self, reminder_id: int, now: dt.datetime) -> int:
        """Give up on deliveries still pending (the bot was down past the grace)."""
        return await self.outbox.close_pending(reminder_id, now, status="failed", error=EXPIRED)

    async def finish_reminder(self, reminder_id: int, now: dt.datetime) -> None:
        """Close a broadcast: 'sent' if anything went out, else 'missed'."""
        async with self.db.transaction() as conn:
            await conn.execute(
                "UPDATE reminders SET finished_at = ?, status = CASE WHEN EXISTS ("
                "SELECT 1 FROM reminder_deliveries WHERE reminder_id = reminders.id "
                "AND status = 'sent') OR NOT EXISTS (SELECT 1 FROM reminder_deliveries "
                "WHERE reminder_id = reminders.id AND error = 'expired') "
                "THEN 'sent' ELSE 'missed' END WHERE id = ? AND status = 'sending'",
                (ts(now), reminder_id),
            )
