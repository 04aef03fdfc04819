"""What a person may ask of their personal data (UU 27/2022): see all of it, or have it erased.

Erasing keeps the contributions (the drafting team keeps the content) but cuts every link to the
person: name, phone, Telegram id, chat and conversation state. Their institution and kecamatan
stay on their ideas, since the master plan is written per agency and kecamatan.
"""

from __future__ import annotations

import asyncio
import json
import logging
from typing import Any

from storage.db import Database
from storage.registration_changes import scrub_names_in

log = logging.getLogger(__name__)
ERASED_SUBJECT = "(dihapus)"
ERASED_ACTOR = 0  # an audit entry made by someone since erased
# Columns that hold the Telegram id of whoever did something (staff, or the person for
# themselves); erasure empties them.
_ACTED_BY = (
    ("participants", "created_by"),
    ("registrations", "registered_by"),
    ("ideas", "entered_by"),
    ("idea_revisions", "changed_by"),
    ("sessions", "created_by"),
    ("attendance", "entered_by"),
    ("reminders", "created_by"),
    ("polls", "created_by"),
    ("polls", "closed_by"),
)
# NOT NULL in the schema, or NULL means something else (an audit entry by the bot itself).
_ACTED_BY_REQUIRED = (
    ("roles", "granted_by"),
    ("poll_hand_votes", "entered_by"),
    ("audit_log", "actor"),
    # issue 14: NULL there means "from the command line".
    ("idea_decisions", "decided_by"),
    ("decision_notes", "created_by"),
)


class PrivacyRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def accept(self, telegram_id: int) -> None:
        now = self.db.now()
        await self.db.execute(
            "INSERT INTO users (telegram_id, first_seen, last_seen, privacy_accepted_at) "
            "VALUES (?, ?, ?, ?) ON CONFLICT (telegram_id) DO UPDATE SET "
            "privacy_accepted_at = "
            "COALESCE(users.privacy_accepted_at, excluded.privacy_accepted_at)",
            (telegram_id, now, now, now),
        )

    async def accepted(self, telegram_id: int) -> bool:
        row = await self.db.fetchone(
            "SELECT privacy_accepted_at FROM users WHERE telegram_id = ?", (telegram_id,)
        )
        return bool(row and row["privacy_accepted_at"])

    async def data_of(self, telegram_id: int) -> dict[str, Any]:
        """Everything stored about one Telegram user, as plain data."""
        user = await self.db.fetchone("SELECT * FROM users WHERE telegram_id = ?", (telegram_id,))
        person = await self.db.fetchone(
            "SELECT * FROM participants WHERE telegram_id = ?", (telegram_id,)
        )
        data: dict[str, Any] = {
            "telegram_user": dict(user) if user else None,
            "participant": None,
            "registrations": [],
            "ideas": [],
            "attendance": [],
            "reminders_received": [],
            "poll_answers": [],
        }
        if person is None:
            return data
        pid = person["id"]
        data["participant"] = {k: person[k] for k in person.keys() if k != "name_key"}  # noqa: SIM118
        data["registrations"] = await self._rows(
            "SELECT stage, mode, channel, registered_at FROM registrations "
            "WHERE participant_id = ? ORDER BY stage",
            pid,
        )
        data["ideas"] = await self._rows(
            "SELECT id, stage, dimension, horizon, text, channel, status, attachment_type, "
            "created_at, updated_at FROM ideas WHERE participant_id = ? ORDER BY id",
            pid,
        )
        data["attendance"] = await self._rows(
            "SELECT session_id, mode, method, checked_in_at FROM attendance "
            "WHERE participant_id = ? ORDER BY session_id",
            pid,
        )
        data["reminders_received"] = await self._rows(
            "SELECT reminder_id, status, updated_at FROM reminder_deliveries "
            "WHERE participant_id = ? ORDER BY reminder_id",
            pid,
        )
        # Answers to polls, with the options chosen (anonymous polls: only while still linked).
        data["poll_answers"] = await self._rows(
            "SELECT p.id AS poll, p.question, p.anonymous, a.valid, a.answered_at, "
            "(SELECT json_group_array(o.text) FROM json_each(a.option_ids) j "
            " JOIN poll_options o ON o.poll_id = p.id AND o.position = j.value) AS options "
            "FROM poll_answers a JOIN poll_copies c ON c.id = a.copy_id "
            "JOIN polls p ON p.id = c.poll_id WHERE c.participant_id = ? ORDER BY p.id",
            pid,
        )
        return data

    async def erase(self, telegram_id: int) -> int | None:
        """Erase the person's personal data; returns the participant number, if there was one."""
        now = self.db.now()
        async with self.db.transaction() as conn:
            async with conn.execute(
                "SELECT id FROM participants WHERE telegram_id = ?", (telegram_id,)
            ) as cur:
                row = await cur.fetchone()
            pid = int(row["id"]) if row else None
            if pid is not None:
                await conn.execute(
                    "UPDATE participants SET full_name = ?, name_key = ?, phone = NULL, "
                    "telegram_id = NULL, erased_at = ?, updated_at = ? WHERE id = ?",
                    (f"(dihapus) P-{pid:04d}", f"erased:{pid}", now, now, pid),
                )
                await conn.execute(
                    # A note of decisions (issue 14) still pending is not sent to the erased chat.
                    "UPDATE outbox SET chat_id = 0 WHERE kind IN ('reminder', 'note') "
                    "AND participant_id = ?",
                    (pid,),
                )
                # Poll answers stay counted; the copy they were given on no longer names anyone.
                await conn.execute(
                    "UPDATE outbox SET participant_id = NULL, chat_id = 0 "
                    "WHERE kind = 'poll' AND participant_id = ?",
                    (pid,),
                )
                # A document's file name often is the author's name.
                await conn.execute(
                    "UPDATE ideas SET attachment_name = NULL WHERE participant_id = ?", (pid,)
                )
                # The secretariat's name corrections keep the old and new name in the audit.
                await scrub_names_in(conn, pid)
            # The Telegram message an idea came from names the user's chat: cut the link.
            await conn.execute(
                "UPDATE ideas SET source_chat_id = NULL WHERE source_chat_id = ?", (telegram_id,)
            )
            # Whatever the person did as staff stays, without their id.
            for table, column in _ACTED_BY:
                await conn.execute(
                    f"UPDATE {table} SET {column} = NULL WHERE {column} = ?", (telegram_id,)
                )
            for table, column in _ACTED_BY_REQUIRED:
                await conn.execute(
                    f"UPDATE {table} SET {column} = ? WHERE {column} = ?",
                    (ERASED_ACTOR, telegram_id),
                )
            # Audit entries about the person (role grants) name them by their id.
            await conn.execute(
                "UPDATE audit_log SET subject = ? WHERE subject = ?",
                (ERASED_SUBJECT, str(telegram_id)),
            )
            for table, column in (
                ("users", "telegram_id"),
                ("ptb_user_data", "user_id"),
                ("roles", "telegram_id"),
            ):
                await conn.execute(f"DELETE FROM {table} WHERE {column} = ?", (telegram_id,))
            # Conversation keys are [chat_id, user_id]; in a private chat both are the user.
            await conn.execute(
                "DELETE FROM ptb_conversations WHERE key = ?",
                (json.dumps([telegram_id, telegram_id]),),
            )
            # Updates of theirs still in the inbox (the one being handled now, at least) carry
            # their name as Telegram sent it: the bodies go (handled from memory, not replayed).
            await conn.execute(
                "UPDATE inbox SET body = NULL, done_at = COALESCE(done_at, ?) "
                "WHERE body IS NOT NULL AND (instr(body, ?) > 0 OR instr(body, ?) > 0)",
                (now, f'"id": {telegram_id},', f'"id": {telegram_id}}}'),
            )
            await conn.execute(
                "INSERT INTO audit_log (at, actor, action, subject, details) "
                "VALUES (?, NULL, 'privacy.erase', ?, '{}')",
                (now, f"P-{pid:04d}" if pid else "user without registration"),
            )
        # One quick try; the caller tries again for longer once the person has their answer.
        await self.forget_traces(attempts=1)
        return pid

    async def forget_traces(self, attempts: int = 20) -> bool:
        """Move every change into the database file and empty the WAL, so the old versions of
        the erased rows are nowhere on disk (freed space is zeroed: `secure_delete`). A reader
        (an export, a backup) can hold the WAL for a moment: try again for a few seconds."""
        for attempt in range(attempts):
            if await self.db.checkpoint():
                return True
            if attempt + 1 < attempts:
                await asyncio.sleep(0.1 * (attempt + 1))
        if attempts > 1:
            log.warning("the write-ahead log could not be emptied after an erasure")
        return False

    async def _rows(self, sql: str, *params: Any) -> list[dict[str, Any]]:
        return [dict(r) for r in await self.db.fetchall(sql, params)]
