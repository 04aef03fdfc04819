"""The delivery outbox: the bookkeeping of everything the bot sends to many people.

Every broadcast (a reminder, a poll's copies) writes one row per recipient 'pending' before the
first message leaves, in the same transaction that claims the broadcast; each row is flipped
once, right after Telegram answered for good:

- sent: Telegram accepted it (its message id is kept);
- blocked: 403, the person blocked the bot;
- failed: 400, or a network error / 5xx after the retries, or expired (the bot was down too long);
- uncertain: the request left and no answer came. Telegram may have delivered it, so it is
  never sent again; stored as 'failed' with the error prefixed `UNCERTAIN_PREFIX` (the tables'
  CHECK constraints predate it) and counted apart.

A row is flipped only from 'pending' (`WHERE status = 'pending'`), so a second answer for the
same row changes nothing: a row is sent at most once by the bot's own bookkeeping. Only a row in
flight when the process died can go out twice.

`Outbox` is the one implementation of these verbs (enqueue, pending, mark, close_pending, counts);
each kind of broadcast names its table and the column of what it delivers: the reminders'
`reminder_deliveries.reminder_id` (`storage.schedule`), the polls' `poll_copies.poll_id`
(`storage.polls`), which add only what is theirs. Imports only `storage.db`.
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
    """The per-recipient delivery rows of one kind of broadcast: `table`, keyed by `ref`.

    Rows are read as `build(row)` (a reminder's `Delivery`, a poll's `PollCopy`).
    """

    def __init__(
        self, db: Database, table: str, ref: str, build: Callable[[aiosqlite.Row], T]
    ) -> None:
        self.db = db
        self.table = table
        self.ref = ref
        self._build = build

    async def pending(self, ref_id: int) -> list[T]:
        """The rows still to send (a broadcast cut short resumes with exactly these)."""
        rows = await self.db.fetchall(
            f"SELECT * FROM {self.table} WHERE {self.ref} = ? AND status = 'pending' ORDER BY id",
            (ref_id,),
        )
        return [self._build(r) for r in rows]

    async def rows(self, ref_id: int) -> list[T]:
        rows = await self.db.fetchall(
            f"SELECT * FROM {self.table} WHERE {self.ref} = ? ORDER BY id", (ref_id,)
        )
        return [self._build(r) for r in rows]

    async def enqueue(
        self,
        conn: aiosqlite.Connection,
        columns: Sequence[str],
        rows: Sequence[Sequence[Any]],
        now: dt.datetime,
    ) -> None:
        """Write a 'pending' row per recipient, inside the caller's transaction (so the
        broadcast and its rows are committed together); a recipient already there is kept."""
        names = ", ".join(columns)
        marks = ", ".join("?" for _ in columns)
        await conn.executemany(
            f"INSERT INTO {self.table} ({names}, status, updated_at) "
            f"VALUES ({marks}, 'pending', ?) ON CONFLICT DO NOTHING",
            [(*row, ts(now)) for row in rows],
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

        `extra` are further columns of the table written with it (a poll copy's `tg_poll_id`).
        """
        status, error = stored_outcome(status, error)
        columns = {"message_id": message_id, **extra, "error": error}
        assignments = "".join(f", {column} = ?" for column in columns)
        await self.db.execute(
            f"UPDATE {self.table} SET status = ?, attempts = ?{assignments}, updated_at = ? "
            "WHERE id = ? AND status = 'pending'",
            (status, attempts, *columns.values(), ts(now), row_id),
        )

    async def close_pending(
        self, ref_id: int, now: dt.datetime, *, status: str, error: str | None = None
    ) -> int:
        """Give up on the rows still pending (expired, cancelled); how many."""
        async with self.db.transaction() as conn:
            cur = await conn.execute(
                f"UPDATE {self.table} SET status = ?, error = COALESCE(?, error), "
                f"updated_at = ? WHERE {self.ref} = ? AND status = 'pending'",
                (status, error, ts(now), ref_id),
            )
            return cur.rowcount or 0

    async def counts(self, ref_id: int) -> DeliveryCounts:
        rows = await self.db.fetchall(
            "SELECT status, COUNT(*) AS n, SUM(status = 'failed' AND error LIKE ? || '%') AS u "
            f"FROM {self.table} WHERE {self.ref} = ? GROUP BY status",
            (UNCERTAIN_PREFIX, ref_id),
        )
        counts = {r["status"]: int(r["n"]) for r in rows}
        uncertain = sum(int(r["u"] or 0) for r in rows)
        return DeliveryCounts(
            **{s: counts.get(s, 0) for s in DELIVERY_STATUSES}, uncertain=uncertain
        )
