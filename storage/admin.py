"""Roles granted from the chat and the audit log: who may do what, and who did what."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from storage.db import Database, parse_ts

ROLE_NAMES = ("facilitator", "secretariat")


@dataclass(frozen=True)
class RoleGrant:
    telegram_id: int
    role: str
    granted_by: int
    granted_at: dt.datetime


@dataclass(frozen=True)
class AuditEntry:
    id: int
    at: dt.datetime
    actor: int | None
    action: str
    subject: str
    details: dict[str, Any]


class AdminRepository:
    """Granted roles and the audit log."""

    def __init__(self, db: Database) -> None:
        self.db = db

    async def grants(self) -> list[RoleGrant]:
        rows = await self.db.fetchall("SELECT * FROM roles ORDER BY role, telegram_id")
        return [
            RoleGrant(r["telegram_id"], r["role"], r["granted_by"], parse_ts(r["granted_at"]))
            for r in rows
        ]

    async def grant(self, telegram_id: int, role: str, *, by: int) -> None:
        """Give a role (replacing another granted one) and log it, in one transaction."""
        if role not in ROLE_NAMES:
            raise ValueError(role)
        async with self.db.transaction() as conn:
            await conn.execute(
                "INSERT INTO roles (telegram_id, role, granted_by, granted_at) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (telegram_id) DO UPDATE SET role = excluded.role, "
                "granted_by = excluded.granted_by, granted_at = excluded.granted_at",
                (telegram_id, role, by, self.db.now()),
            )
            await self._log(conn, by, "role.grant", str(telegram_id), {"role": role})

    async def revoke(self, telegram_id: int, *, by: int) -> bool:
        async with self.db.transaction() as conn:
            cursor = await conn.execute("DELETE FROM roles WHERE telegram_id = ?", (telegram_id,))
            if cursor.rowcount == 0:
                return False
            await self._log(conn, by, "role.revoke", str(telegram_id), {})
        return True

    async def record(
        self, actor: int | None, action: str, subject: str = "", **details: Any
    ) -> None:
        """Add an entry to the audit log (details: counts and ids, never names or phones)."""
        async with self.db.transaction() as conn:
            await self._log(conn, actor, action, subject, details)

    async def log_in(
        self, conn: Any, actor: int | None, action: str, subject: str = "", **details: Any
    ) -> None:
        """`record`, inside the caller's transaction (what it records is committed with it)."""
        await self._log(conn, actor, action, subject, details)

    async def latest(self, limit: int = 20) -> list[AuditEntry]:
        rows = await self.db.fetchall("SELECT * FROM audit_log ORDER BY id DESC LIMIT ?", (limit,))
        return [_entry(r) for r in rows]

    async def _log(
        self, conn: Any, actor: int | None, action: str, subject: str, details: dict[str, Any]
    ) -> None:
        await conn.execute(
            "INSERT INTO audit_log (at, actor, action, subject, details) VALUES (?, ?, ?, ?, ?)",
            (
                self.db.now(),
                actor,
                action,
                subject,
                json.dumps(details, sort_keys=True, default=str),
            ),
        )


def _entry(row: Any) -> AuditEntry:
    return AuditEntry(
        id=row["id"],
        at=parse_ts(row["at"]),
        actor=row["actor"],
        action=row["action"],
        subject=row["subject"],
        details=json.loads(row["details"]),
    )
