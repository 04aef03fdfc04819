"""The emulator's state: users, chats, messages, files, the updates queue and its accounting.

``EmulatorState`` holds every dictionary the Bot API methods and the control API read and
write, plus the helpers that keep them consistent (storing a message, queueing an update,
logging a bot-side event, waking long polls) and the parameter parsers of Bot API calls.
"""

from __future__ import annotations

import asyncio
import contextlib
import copy
import hashlib
import mimetypes
import random
import time
from collections import Counter
from collections.abc import Callable
from typing import Any

from aiohttp import web

from bot.dev.emulator.api import (
    JSON,
    ApiError,
    Call,
    MethodHandler,
    StoredFile,
    bad_request,
)
from bot.dev.emulator.faults import FaultInjection, FaultSettings
from bot.dev.emulator.limits import FloodControl, FloodLimits


class EmulatorState(FaultInjection):
    """The state shared by every part of ``Emulator``; see the module docstring."""

    #: Seconds after which a callback query can no longer be answered (Telegram: 15 minutes).
    callback_query_ttl: float = 900.0

    def __init__(
        self,
        *,
        bot_username: str = "bimtek_demo_bot",
        limits: FloodLimits | None = None,
        seed: int = 0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        """``clock`` (monotonic seconds) drives the flood limits, so a test can move time."""
        self.bot_username = bot_username
        self.seed = seed
        self._flood = FloodControl(limits, clock=clock)
        self._rng = random.Random(seed)
        self._faults = FaultSettings()
        self._runner: web.AppRunner | None = None
        self._port: int | None = None
        self._host = "127.0.0.1"
        self._changed = asyncio.Event()
        self._stopping = asyncio.Event()
        self._bot_id = 0
        # Chats and users.
        self._users: dict[int, JSON] = {}
        self._chats: dict[int, JSON] = {}
        self._blocked: set[int] = set()
        self._next_user_id = 100001
        self._next_group_id = -100001
        # Messages: chat -> message_id -> message dict (current state).
        self._messages: dict[int, dict[int, JSON]] = {}
        self._markups: dict[tuple[int, int], JSON] = {}
        self._last_message_id: dict[int, int] = {}
        # Updates.
        self._updates: list[JSON] = []
        self._update_log: dict[int, JSON] = {}
        self._delivered: set[int] = set()
        self._next_update_id = 1000
        self._allowed_updates: set[str] | None = None
        self._polling: web.Request | None = None
        self._webhook: JSON = {"url": ""}
        # Bot-side activity.
        self._events: dict[int, list[JSON]] = {}
        self._seq = 0
        self._callbacks: dict[str, JSON] = {}
        self._next_callback = 1
        self._polls: dict[str, JSON] = {}
        self._poll_timers: dict[str, asyncio.TimerHandle] = {}
        self._files: dict[str, StoredFile] = {}
        self._file_paths: dict[str, str] = {}
        self._file_counter = 0
        self._commands: dict[tuple[str, str], JSON] = {}
        self._menu_buttons: dict[str, JSON] = {}
        # Statistics.
        self._requests: Counter[str] = Counter()
        self._responses_429 = 0
        self._responses_500 = 0
        self._responses_4xx = 0
        self._sent_messages = 0
        self._slow_answers = 0  # requests performed, then answered late (slow fault)
        self._inflight = 0
        self._last_activity = time.monotonic()
        self._methods = {
            name.lower(): (name, handler) for name, handler in self._bot_api_methods().items()
        }

    def _bot_api_methods(self) -> dict[str, MethodHandler]:
        """The Bot API methods by their Telegram name (``Emulator`` lists them)."""
        return {}

    def _notify(self) -> None:
        """Wake every long poll (getUpdates, events, idle) so it re-checks its condition."""
        self._changed.set()
        self._changed = asyncio.Event()

    async def _wait_change(self, event: asyncio.Event, seconds: float) -> None:
        if seconds <= 0 or self._stopping.is_set():
            return
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(event.wait(), seconds)

    def _touch(self) -> None:
        self._last_activity = time.monotonic()

    def _bot_user(self) -> JSON:
        return {
            "id": self._bot_id,
            "is_bot": True,
            "first_name": "Bimtek Bot",
            "username": self.bot_username,
        }

    def _is_bot_message(self, message: JSON) -> bool:
        return bool(message.get("from", {}).get("is_bot"))

    def _pending_count(self) -> int:
        return sum(1 for u in self._updates if u["update_id"] not in self._delivered)

    def _enqueue(self, payload: JSON) -> int:
        update_id = self._next_update_id
        self._next_update_id += 1
        update = {"update_id": update_id, **payload}
        self._updates.append(update)
        self._update_log[update_id] = update
        self._touch()
        self._notify()
        return update_id

    def _event(self, chat_id: int, event_type: str, method: str, **fields_: Any) -> JSON:
        self._seq += 1
        event = {
            "seq": self._seq,
            "ts": time.time(),
            "type": event_type,
            "method": method,
            "chat_id": chat_id,
            **copy.deepcopy(fields_),
        }
        self._events.setdefault(chat_id, []).append(event)
        self._notify()
        return event

    def _next_mid(self, chat_id: int) -> int:
        mid = self._last_message_id.get(chat_id, 0) + 1
        self._last_message_id[chat_id] = mid
        return mid

    def _store_message(self, chat: JSON, sender: JSON, content: JSON) -> JSON:
        chat_id = chat["id"]
        message = {
            "message_id": self._next_mid(chat_id),
            "from": sender,
            "chat": chat,
            "date": int(time.time()),
            **content,
        }
        self._messages.setdefault(chat_id, {})[message["message_id"]] = message
        return message

    def _new_file(
        self, data: bytes, file_name: str, mime_type: str, kind: str, type_code: str = "BQAC"
    ) -> StoredFile:
        self._file_counter += 1
        n = self._file_counter
        digest = hashlib.sha256(f"{self.seed}:{n}:{kind}".encode()).hexdigest()
        file_id = f"{type_code}AgIAAxkBAA{n:06d}{digest[:24]}"
        ext = mimetypes.guess_extension(mime_type) or ""
        stored = StoredFile(
            file_id=file_id,
            file_unique_id=f"AgAD{digest[24:36]}",
            data=data,
            file_name=file_name,
            mime_type=mime_type,
            file_path=f"{kind}/file_{n}{ext}",
        )
        self._files[file_id] = stored
        self._file_paths[stored.file_path] = file_id
        return stored

    def _chat_dict_for_user(self, user: JSON) -> JSON:
        chat: JSON = {"id": user["id"], "type": "private", "first_name": user["first_name"]}
        for key in ("last_name", "username"):
            if user.get(key):
                chat[key] = user[key]
        return chat

    @staticmethod
    def _int(call: Call, name: str, *, required: bool = True, default: int = 0) -> int:
        value = call.params.get(name)
        if value is None or value == "":
            if required:
                raise bad_request(f"{name} is empty")
            return default
        if isinstance(value, bool):
            raise bad_request(f"invalid {name} specified")
        if isinstance(value, int):
            return value
        if isinstance(value, float) and value.is_integer():
            return int(value)
        if isinstance(value, str):
            try:
                return int(value)
            except ValueError:
                pass
        raise bad_request(f"invalid {name} specified")

    @staticmethod
    def _bool(call: Call, name: str, default: bool = False) -> bool:
        value = call.params.get(name)
        if value is None:
            return default
        if isinstance(value, str):
            return value.lower() in ("true", "1")
        return bool(value)

    @staticmethod
    def _str(call: Call, name: str) -> str | None:
        value = call.params.get(name)
        if value is None:
            return None
        return value if isinstance(value, str) else str(value)

    def _resolve_chat(self, call: Call, name: str = "chat_id") -> JSON:
        value = call.params.get(name)
        if value is None or value == "":
            raise bad_request(f"{name} is empty")
        if isinstance(value, str) and value.startswith("@"):
            for known in self._chats.values():
                if known.get("username", "").lower() == value[1:].lower():
                    return known
            raise bad_request("chat not found")
        chat = self._chats.get(self._int(call, name))
        if chat is None:
            raise bad_request("chat not found")
        return chat

    def _check_blocked(self, chat: JSON) -> None:
        if chat["type"] == "private" and chat["id"] in self._blocked:
            raise ApiError(403, "Forbidden: bot was blocked by the user")

    def stats(self) -> JSON:
        """Counters of what the bot did; ``responses_4xx`` excludes the 429s counted apart."""
        return {
            "requests": dict(self._requests),
            "responses_429": self._responses_429,
            "responses_500": self._responses_500,
            "responses_4xx": self._responses_4xx,
            "sent_messages": self._sent_messages,
            "slow_answers": self._slow_answers,
            "pending_updates": self._pending_count(),
            "unconfirmed_updates": len(self._updates),
            "inflight": self._inflight,
        }

    async def wait_idle(self, quiet_ms: float = 150, timeout: float = 10.0) -> bool:
        """Wait until nothing is pending or in flight and nothing happened for ``quiet_ms``."""
        quiet = quiet_ms / 1000.0
        deadline = time.monotonic() + timeout
        while True:
            changed = self._changed
            now = time.monotonic()
            busy = self._pending_count() > 0 or self._inflight > 0
            quiet_left = self._last_activity + quiet - now
            if not busy and quiet_left <= 0:
                return True
            remaining = deadline - now
            if remaining <= 0 or self._stopping.is_set():
                return False
            step = remaining if busy else min(remaining, quiet_left)
            await self._wait_change(changed, step)
