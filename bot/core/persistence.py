"""python-telegram-bot persistence kept in the bot's own SQLite database.

Conversation states and `user_data` (a registration in progress) live beside the data they lead
to, as JSON rather than pickle, so a restarted bot resumes every conversation where it was and a
backup of one file holds everything. PTB writes here every `update_interval` seconds and on a
clean shutdown.
"""

from __future__ import annotations

import json
from typing import Any

from telegram.ext import BasePersistence, PersistenceInput
from telegram.ext._utils.types import ConversationDict, ConversationKey

from storage.db import LazyDatabase

UserData = dict[str, Any]


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
        self._written: dict[object, str] = {}

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
        encoded_state = json.dumps(new_state)
        if self._written.get((name, encoded_key)) == encoded_state:
            return
        db = await self._db.get()
        if new_state is None:
            await db.execute(
                "DELETE FROM ptb_conversations WHERE name = ? AND key = ?", (name, encoded_key)
            )
        else:
            await db.execute(
                "INSERT INTO ptb_conversations (name, key, state) VALUES (?, ?, ?) "
                "ON CONFLICT (name, key) DO UPDATE SET state = excluded.state",
                (name, encoded_key, encoded_state),
            )
        self._written[(name, encoded_key)] = encoded_state

    async def update_user_data(self, user_id: int, data: UserData) -> None:
        if not data:
            # Nothing to keep; and a user erased a moment ago must not come back as a row.
            await self.drop_user_data(user_id)
            return
        encoded = json.dumps(data, ensure_ascii=False, sort_keys=True)
        if self._written.get(user_id) == encoded:
            return
        await (await self._db.get()).execute(
            "INSERT INTO ptb_user_data (user_id, data) VALUES (?, ?) "
            "ON CONFLICT (user_id) DO UPDATE SET data = excluded.data",
            (user_id, encoded),
        )
        self._written[user_id] = encoded

    async def drop_user_data(self, user_id: int) -> None:
        self._written.pop(user_id, None)
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
        return None
