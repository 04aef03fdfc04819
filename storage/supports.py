"""Supports of ideas ("Dukung ide ini"): one per person and idea, counted wherever ideas are.

Imports only `storage.db`.
"""

from __future__ import annotations

from collections.abc import Iterable

from storage.db import Database


class SupportRepository:
    """Who supports which idea (table `idea_supports`, migration 0008)."""

    def __init__(self, db: Database) -> None:
        self.db = db

    async def add(self, idea_id: int, participant_id: int) -> bool:
        """Record a support; False when this person already supported this idea (or wrote it).

        Committed when this returns, so the person may be told it counted.
        """
        async with self.db.transaction() as conn:
            cursor = await conn.execute(
                "INSERT INTO idea_supports (idea_id, participant_id, created_at) "
                "SELECT id, ?, ? FROM ideas "
                "WHERE id = ? AND status = 'active' AND participant_id != ? "
                "ON CONFLICT (idea_id, participant_id) DO NOTHING",
                (participant_id, self.db.now(), idea_id, participant_id),
            )
            return cursor.rowcount == 1

    async def count(self, idea_id: int) -> int:
        row = await self.db.fetchone(
            "SELECT COUNT(*) AS n FROM idea_supports WHERE idea_id = ?", (idea_id,)
        )
        return int(row["n"]) if row else 0

    async def counts(self, idea_ids: Iterable[int]) -> dict[int, int]:
        """Supports per idea for the ids given (ideas without support are absent)."""
        ids = list(idea_ids)
        if not ids:
            return {}
        marks = ",".join("?" * len(ids))
        rows = await self.db.fetchall(
            f"SELECT idea_id, COUNT(*) AS n FROM idea_supports WHERE idea_id IN ({marks}) "
            "GROUP BY idea_id",
            ids,
        )
        return {int(r["idea_id"]): int(r["n"]) for r in rows}
