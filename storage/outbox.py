"""The delivery outbox: the bookkeeping of everything the bot sends to many people.

Every broadcast (a reminder, a poll's copies) writes one row per recipient 'pending' before the
first message leaves, in the same transaction that claims the broadcast; each row is flipped
once, right after Telegram answered for good:

- sent: Telegram accepted it (its message id is kept);
- blocked: 403, the person blocked the bot;
- failed: 400, or a network error / 5xx after the retries, or expired (the bot was down too long);
- uncertain: the request left and no answer came. Telegram may have delivered it, so it is
  never sent again; stored as 'failed' with the error prefixed `UNCERTAIN_PREFIX` (so every
  reader of 'failed' keeps its meaning) and counted apart.

A row is flipped only from 'pending' (`WHERE status = 'pending'`), so a second answer for the
same row changes nothing: a row is sent at most once by the bot's own bookkeeping. Only a row in
flight when the process died can go out twice.

All rows live in one table, `outbox` (migration 0007): `kind` says what a row delivers and
which reference column is set (`reminder_id`, `poll_id`). `Outbox` is the one implementation
of these verbs (enqueue, pending, mark, close_pending, counts), bound per kind by the reminders'
(`storage.schedule`) and the polls' repositories (`storage.polls`), which add only what is
theirs. The old tables' names remain as read-only views (`reminder_deliveries`, `poll_copies`).
Imports only `storage.db`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

import aiosqlite

from storage.db import Database

PENDING = "pending"
SENT = "sent"
FAILED = "failed"
BLOCKED = "blocked"
UNCERTAIN = "uncertain"
DELIVERY_STATUSES: tuple[str, ...] = (PENDING, SENT, FAILED, BLOCKED)
# A send that left but was never answered is stored 'failed' with this error prefix: Telegram
# may have delivered it, so it is not sent again, and the report counts it apart.
UNCERTAIN_PREFIX = "uncertain: "
EXPIRED = "expired"

T = TypeVar("T")
# What a broadcast delivers (`outbox.kind`) and the column naming which one.
KINDS = {"reminder": "reminder_id", "poll": "poll_id", "note": "note_id"}


def ts(moment: dt.datetime) -> str:
    """An aware instant as stored: UTC ISO 8601 to the microsecond (sorts as text)."""
    if moment.tzinfo is None:
        raise ValueError("naive datetime: every instant must carry its time zone")
    return moment.astimezone(dt.UTC).isoformat(timespec="microseconds")


@dataclass(frozen=True)
class DeliveryCounts:
    pending: int = 0
    sent: int = 0
    failed: int = 0  # includes the uncertain ones
    blocked: int = 0
    uncertain: int = 0  # sent, never answered: perhaps delivered

    @property
    def total(self) -> int:
        return self.pending + self.sent + self.failed + self.blocked


def stored_outcome(status: str, error: str | None) -> tuple[str, str | None]:
    """The (status, error) a final outcome is stored as; ValueError for a non-final status."""
    if status == UNCERTAIN:
        return FAILED, UNCERTAIN_PREFIX + (error or "")
    if status not in (SENT, FAILED, BLOCKED):
        raise ValueError(status)
    return status, error


class Outbox(Generic[T]):
    """The outbox rows of one kind of broadcast (`kind`, whose reference column is `ref`).

    Rows are read as `build(row)` (a reminder's `Delivery`, a poll's `PollCopy`).
    """

    def __init__(
        self, db: Database, kind: str, ref: str, build: Callable[[aiosqlite.Row], T]
    ) -> None:
        if kind not in KINDS or ref != KINDS[kind]:
            raise ValueError(f"{kind}/{ref}")
        self.db = db
        self.kind = kind
        self.ref = ref
        self._build = build

    async def pending(self, ref_id: int) -> list[T]:
        """The rows still to send (a broadcast cut short resumes with exactly these)."""
        rows = await self.db.fetchall(
            f"SELECT * FROM outbox WHERE {self.ref} = ? AND status = 'pending' ORDER BY id",
            (ref_id,),
        )
        return [self._build(r) for r in rows]

    async def rows(self, ref_id: int) -> list[T]:
        rows = await self.db.fetchall(
            f"SELECT * FROM outbox WHERE {self.ref} = ? ORDER BY id", (ref_id,)
        )
        return [self._build(r) for r in rows]

    async def enqueue(
        self,
        conn: aiosqlite.Connection,
        ref_id: int,
        recipients: Sequence[tuple[int | None, int, str, str]],
        now: dt.datetime,
    ) -> None:
        """Write a 'pending' row per recipient (participant, chat, language, mode), inside the
        caller's transaction, so the broadcast and its rows are committed together; a
        recipient already there is kept."""
        await conn.executemany(
            f"INSERT INTO outbox (kind, {self.ref}, participant_id, chat_id, language, mode, "
            "status, updated_at) VALUES (?, ?, ?, ?, ?, ?, 'pending', ?) ON CONFLICT DO NOTHING",
            [(self.kind, ref_id, *recipient, ts(now)) for recipient in recipients],
        )

    async def mark(
        self,
        row_id: int,
        status: str,
        *,
        attempts: int,
        now: dt.datetime,
        message_id: int | None = None,
        error: str | None = None,
        **extra: Any,
    ) -> None:
        """Flip one row from 'pending' once Telegram has answered for good (else no change).

        `extra` are further columns written with it (a poll copy's `tg_poll_id`).
        """
        status, error = stored_outcome(status, error)
        columns = {"message_id": message_id, **extra, "error": error}
        assignments = "".join(f", {column} = ?" for column in columns)
        await self.db.execute(
            f"UPDATE outbox SET status = ?, attempts = ?{assignments}, updated_at = ? "
            "WHERE id = ? AND kind = ? AND status = 'pending'",
            (status, attempts, *columns.values(), ts(now), row_id, self.kind),
        )

    async def close_pending(
        self, ref_id: int, now: dt.datetime, *, status: str, error: str | None = None
    ) -> int:
        """Give up on the rows still pending (expired, cancelled); how many."""
        async with self.db.transaction() as conn:
            cur = await conn.execute(
                "UPDATE outbox SET status = ?, error = COALESCE(?, error), updated_at = ? "
                f"WHERE {self.ref} = ? AND status = 'pending'",
                (status, error, ts(now), ref_id),
            )
            return cur.rowcount or 0

    async def counts(self, ref_id: int) -> DeliveryCounts:
        rows = await self.db.fetchall(
            "SELECT status, COUNT(*) AS n, SUM(status = 'failed' AND error LIKE ? || '%') AS u "
            f"FROM outbox WHERE {self.ref} = ? GROUP BY status",
            (UNCERTAIN_PREFIX, ref_id),
        )
        counts = {r["status"]: int(r["n"]) for r in rows}
        uncertain = sum(int(r["u"] or 0) for r in rows)
        return DeliveryCounts(
            **{s: counts.get(s, 0) for s in DELIVERY_STATUSES}, uncertain=uncertain
        )
