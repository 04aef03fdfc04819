"""python-telegram-bot persistence kept in the bot's own SQLite database.

Conversation states and `user_data` (a registration in progress) live beside the data they lead
to, as JSON rather than pickle, so a restarted bot resumes every conversation where it was and a
backup of one file holds everything. PTB hands changes over after every update (bot/inbox.py),
every `update_interval` seconds and on a clean shutdown; they are staged and written by `commit`,
all in one transaction.
"""

from __future__ import annotations

import json
import logging
import sqlite3
from typing import Any

from telegram.ext import BasePersistence, PersistenceInput
from telegram.ext._utils.types import ConversationDict, ConversationKey

from storage.db import LazyDatabase

log = logging.getLogger(__name__)

UserData = dict[str, Any]
# ("user", user_id), ("conversation", name, encoded key) or ("statement", sql, params)
_Key = tuple[Any, ...]
_UNKNOWN = object()


class SQLitePersistence(BasePersistence[UserData, dict[str, Any], dict[str, Any]]):
    """Conversations and user data in the `ptb_*` tables; chat, bot and callback data unused."""

    def __init__(self, db: LazyDatabase, update_interval: float = 1.0) -> None:
        super().__init__(
            store_data=PersistenceInput(
                bot_data=False, chat_data=False, user_data=True, callback_data=False
            ),
            update_interval=update_interval,
        )
        self._db = db
        # PTB hands over every user_data that was merely read; write only what changed.
        self._written: dict[_Key, str | None] = {}
        self._pending: dict[_Key, str | None] = {}

    async def get_user_data(self) -> dict[int, UserData]:
        rows = await (await self._db.get()).fetchall("SELECT user_id, data FROM ptb_user_data")
        return {int(r["user_id"]): json.loads(r["data"]) for r in rows}

    async def get_chat_data(self) -> dict[int, dict[str, Any]]:
        return {}

    async def get_bot_data(self) -> dict[str, Any]:
        return {}

    async def get_callback_data(self) -> None:
        return None

    async def get_conversations(self, name: str) -> ConversationDict:
        rows = await (await self._db.get()).fetchall(
            "SELECT key, state FROM ptb_conversations WHERE name = ?", (name,)
        )
        return {tuple(json.loads(r["key"])): json.loads(r["state"]) for r in rows}

    async def update_conversation(
        self, name: str, key: ConversationKey, new_state: object | None
    ) -> None:
        encoded_key = json.dumps(list(key))
        encoded_state = None if new_state is None else json.dumps(new_state)
        self._stage(("conversation", name, encoded_key), encoded_state)

    async def update_user_data(self, user_id: int, data: UserData) -> None:
        if not data:
            # Nothing to keep; and a user erased a moment ago must not come back as a row.
            self._stage(("user", user_id), None)
            return
        self._stage(("user", user_id), json.dumps(data, ensure_ascii=False, sort_keys=True))

    def _stage(self, key: _Key, encoded: str | None) -> None:
        # Staged, not written: `commit` writes everything one update changed (the form's state
        # and its draft) in one transaction, so a kill never leaves one without the other.
        if key not in self._pending and self._written.get(key, _UNKNOWN) == encoded:
            return
        self._pending[key] = encoded

    def stage_statement(self, sql: str, params: tuple[Any, ...]) -> None:
        """Write one more statement with the next commit (the inbox marks its update done)."""
        self._pending[("statement", sql, params)] = None

    @property
    def staged(self) -> int:
        """Changes handed over but not written yet."""
        return len(self._pending)

    async def commit(self) -> None:
        """Write every staged change in one transaction (after PTB's `update_persistence`)."""
        if not self._pending:
            return
        db = await self._db.get()
        pending: dict[_Key, str | None] = {}
        try:
            async with db.transaction() as conn:
                # Taken inside the write lock: a commit that waited writes the newer values.
                pending, self._pending = self._pending, {}
                for key, encoded in pending.items():
                    await conn.execute(*_statement(key, encoded))
        except BaseException:
            # Rolled back: stage them again (unless staged anew meanwhile) for the next try.
            self._pending = {**pending, **self._pending}
            raise
        self._written.update((k, v) for k, v in pending.items() if k[0] != "statement")

    async def drop_user_data(self, user_id: int) -> None:
        self._pending.pop(("user", user_id), None)
        self._written.pop(("user", user_id), None)
        await (await self._db.get()).execute(
            "DELETE FROM ptb_user_data WHERE user_id = ?", (user_id,)
        )

    async def update_chat_data(self, chat_id: int, data: dict[str, Any]) -> None:
        return None

    async def update_bot_data(self, data: dict[str, Any]) -> None:
        return None

    async def update_callback_data(self, data: Any) -> None:
        return None

    async def drop_chat_data(self, chat_id: int) -> None:
        return None

    async def refresh_user_data(self, user_id: int, user_data: UserData) -> None:
        return None

    async def refresh_chat_data(self, chat_id: int, chat_data: dict[str, Any]) -> None:
        return None

    async def refresh_bot_data(self, bot_data: dict[str, Any]) -> None:
        return None

    async def flush(self) -> None:
        """The last write at shutdown; a disk that refuses it must not stop the shutdown."""
        try:
            await self.commit()
        except sqlite3.Error as exc:
            log.error(
                "persistence lost at shutdown: %s (%s changes)", type(exc).__name__, self.staged
            )


def _statement(key: _Key, encoded: str | None) -> tuple[str, tuple[Any, ...]]:
    if key[0] == "statement":
        return key[1], key[2]
    if key[0] == "user":
        if encoded is None:
            return "DELETE FROM ptb_user_data WHERE user_id = ?", (key[1],)
        return (
            "INSERT INTO ptb_user_data (user_id, data) VALUES (?, ?) "
            "ON CONFLICT (user_id) DO UPDATE SET data = excluded.data",
            (key[1], encoded),
        )
    _, name, encoded_key = key
    if encoded is None:
        return "DELETE FROM ptb_conversations WHERE name = ? AND key = ?", (name, encoded_key)
    return (
        "INSERT INTO ptb_conversations (name, key, state) VALUES (?, ?, ?) "
        "ON CONFLICT (name, key) DO UPDATE SET state = excluded.state",
        (name, encoded_key, encoded),
    )
