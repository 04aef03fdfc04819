"""The inbox table: updates stored before they are confirmed to Telegram (see 0006_inbox.sql)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from storage.db import Database

# Telegram keeps an unconfirmed update for 24 hours; a done row older than that is never
# redelivered, so its update_id is no longer needed to recognise a copy.
KEEP_DONE = dt.timedelta(hours=25)


_DONE = "UPDATE inbox SET body = NULL, done_at = ? WHERE update_id = ?"


@dataclass(frozen=True)
class InboxEntry:
    update_id: int
    body: str


class InboxStore:
    """Repository verbs of the inbox."""

    def __init__(self, db: Database) -> None:
        self.db = db

    async def add(self, entries: Sequence[InboxEntry]) -> set[int]:
        """Store a batch in one transaction; returns the update_ids that were new."""
        new: set[int] = set()
        if not entries:
            return new
        now = self.db.now()
        async with self.db.transaction() as conn:
            for entry in entries:
                cur = await conn.execute(
                    "INSERT INTO inbox (update_id, body, received_at) VALUES (?, ?, ?) "
                    "ON CONFLICT (update_id) DO NOTHING",
                    (entry.update_id, entry.body, now),
                )
                if cur.rowcount:
                    new.add(entry.update_id)
                await cur.close()
        return new

    async def pending(self) -> list[InboxEntry]:
        """Updates stored but not processed to the end, oldest first."""
        rows = await self.db.fetchall(
            "SELECT update_id, body FROM inbox WHERE done_at IS NULL ORDER BY update_id"
        )
        return [InboxEntry(int(r["update_id"]), str(r["body"])) for r in rows]

    async def next_offset(self) -> int | None:
        """The getUpdates offset that confirms everything already stored."""
        row = await self.db.fetchone("SELECT MAX(update_id) AS last FROM inbox")
        if row is None or row["last"] is None:
            return None
        return int(row["last"]) + 1

    def done_statement(self, update_id: int) -> tuple[str, tuple[object, ...]]:
        """`mark_done` as one statement, to be written in another transaction (persistence)."""
        return _DONE, (self.db.now(), update_id)

    async def mark_done(self, update_ids: Iterable[int]) -> None:
        """Processing finished: erase the bodies, keep the ids to recognise a copy."""
        now = self.db.now()
        ids = [(now, i) for i in update_ids]
        if not ids:
            return
        async with self.db.transaction() as conn:
            await conn.executemany(_DONE, ids)

    async def prune(self, now: dt.datetime) -> int:
        """Forget done rows older than a redelivery can be; the newest row stays (the offset)."""
        cutoff = (now.astimezone(dt.UTC) - KEEP_DONE).isoformat(timespec="microseconds")
        async with self.db.transaction() as conn:
            cur = await conn.execute(
                "DELETE FROM inbox WHERE done_at IS NOT NULL AND done_at < ? "
                "AND update_id < (SELECT MAX(update_id) FROM inbox)",
                (cutoff,),
            )
            count = cur.rowcount
            await cur.close()
        return count

    async def count_pending(self) -> int:
        row = await self.db.fetchone("SELECT COUNT(*) AS n FROM inbox WHERE done_at IS NULL")
        return int(row["n"]) if row else 0
