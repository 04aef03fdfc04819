"""HTTP client of the emulator's control API: simulated users for end-to-end tests and demos.

Everything goes over HTTP, never through the emulator object, so a test exercises the same path
as a demo against a standalone ``python -m bot.dev.emulator``. Waiting for the bot uses the control
API's long-polling ``events`` endpoint rather than sleep loops, so tests are as fast as the bot.
"""

# The public API takes `timeout` arguments on purpose (tests read better with them).

from __future__ import annotations

import base64
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import aiohttp

from bot.dev.emulator.limits import FloodLimits

__all__ = ["BotMessage", "EmulatorClient", "EmulatorControlError", "SimUser"]

JSON = dict[str, Any]


class EmulatorControlError(RuntimeError):
    """The control API refused a request (4xx with ``{"error": ...}``)."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(f"{status}: {message}")
        self.status = status
        self.message = message


@dataclass(frozen=True)
class BotMessage:
    """A message the bot sent, in the form tests want to assert on."""

    message_id: int
    text: str | None
    buttons: list[list[str]]
    button_data: list[list[str | None]]
    reply_keyboard: list[list[str]] | None
    document: JSON | None
    photo: list[JSON] | None
    poll: JSON | None
    raw: JSON

    @classmethod
    def from_message(cls, message: JSON, markup: JSON | None = None) -> BotMessage:
        """Build from a Telegram message dict; ``markup`` is the full reply markup if known."""
        if markup is None:
            markup = message.get("emu_reply_markup") or message.get("reply_markup")
        inline = (message.get("reply_markup") or {}).get("inline_keyboard", [])
        keyboard: list[list[str]] | None = None
        if markup and "keyboard" in markup:
            keyboard = [
                [b["text"] if isinstance(b, dict) else str(b) for b in row]
                for row in markup["keyboard"]
            ]
        return cls(
            message_id=int(message["message_id"]),
            text=message.get("text", message.get("caption")),
            buttons=[[b["text"] for b in row] for row in inline],
            button_data=[[b.get("callback_data") for b in row] for row in inline],
            reply_keyboard=keyboard,
            document=message.get("document"),
            photo=message.get("photo"),
            poll=message.get("poll"),
            raw=message,
        )

    def button(self, text: str) -> str:
        """The callback_data of the inline button labelled ``text``."""
        for row_texts, row_data in zip(self.buttons, self.button_data, strict=True):
            for label, data in zip(row_texts, row_data, strict=True):
                if label == text and data is not None:
                    return data
        raise AssertionError(f"no button {text!r} with callback_data; buttons: {self.buttons}")


class EmulatorClient:
    """Control API client; owns an aiohttp session created on first use."""

    def __init__(self, control_url: str) -> None:
        self.control_url = control_url.rstrip("/")
        self._session: aiohttp.ClientSession | None = None

    async def __aenter__(self) -> EmulatorClient:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.close()

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()
            self._session = None

    def _http(self) -> aiohttp.ClientSession:
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession()
        return self._session

    async def request(
        self,
        method: str,
        path: str,
        *,
        json: Any = None,
        params: Mapping[str, str] | None = None,
        timeout: float = 30.0,
    ) -> Any:
        """One control call; raises :class:`EmulatorControlError` on a 4xx/5xx answer."""
        async with self._http().request(
            method,
            self.control_url + path,
            json=json,
            params=params,
            timeout=aiohttp.ClientTimeout(total=timeout),
        ) as response:
            if response.status >= 400:
                try:
                    body = await response.json()
                    message = str(body.get("error", body))
                except (aiohttp.ContentTypeError, ValueError):
                    message = await response.text()
                raise EmulatorControlError(response.status, message)
            if response.content_type == "application/json":
                return await response.json()
            return await response.read()

    async def user(
        self,
        first_name: str,
        *,
        last_name: str | None = None,
        username: str | None = None,
        language_code: str | None = "id",
        user_id: int | None = None,
    ) -> SimUser:
        """Create (or update) a simulated user with a private chat with the bot."""
        body: JSON = {"first_name": first_name}
        if last_name is not None:
            body["last_name"] = last_name
        if username is not None:
            body["username"] = username
        if language_code is not None:
            body["language_code"] = language_code
        if user_id is not None:
            body["id"] = user_id
        created = await self.request("POST", "/users", json=body)
        return SimUser(self, created)

    async def group(self, title: str, *, group_id: int | None = None) -> int:
        """Create a group chat; returns its (negative) id."""
        body: JSON = {"title": title}
        if group_id is not None:
            body["id"] = group_id
        created = await self.request("POST", "/groups", json=body)
        return int(created["id"])

    async def set_faults(
        self,
        error_rate: float = 0.0,
        hang_rate: float = 0.0,
        hang_seconds: float = 30.0,
        methods: Iterable[str] | None = None,
    ) -> None:
        await self.request(
            "POST",
            "/faults",
            json={
                "error_rate": error_rate,
                "hang_rate": hang_rate,
                "hang_seconds": hang_seconds,
                "methods": list(methods) if methods is not None else None,
            },
        )

    async def fail_next(
        self, method: str, count: int = 1, mode: str = "error", hang_seconds: float | None = None
    ) -> None:
        """The next ``count`` calls of ``method`` get 500 (``mode="hang"``: after a hang)."""
        body: JSON = {"method": method, "count": count, "mode": mode}
        if hang_seconds is not None:
            body["hang_seconds"] = hang_seconds
        await self.request("POST", "/faults/next", json=body)

    async def flood_next(self, method: str, count: int = 1, retry_after: int = 30) -> None:
        """The next ``count`` calls of ``method`` get 429 with ``retry_after``, held to it."""
        body: JSON = {"method": method, "count": count, "retry_after": retry_after}
        await self.request("POST", "/faults/flood", json=body)

    async def clear_faults(self) -> None:
        await self.request("DELETE", "/faults")

    async def set_limits(self, limits: FloodLimits | Mapping[str, Any]) -> None:
        body = limits.to_dict() if isinstance(limits, FloodLimits) else dict(limits)
        await self.request("POST", "/limits", json=body)

    async def stats(self) -> JSON:
        result: JSON = await self.request("GET", "/stats")
        return result

    async def commands(self) -> list[JSON]:
        result: list[JSON] = await self.request("GET", "/commands")
        return result

    async def download(self, file_id: str) -> bytes:
        async with self._http().get(f"{self.control_url}/files/{file_id}") as response:
            if response.status >= 400:
                raise EmulatorControlError(response.status, await response.text())
            return await response.read()

    async def redeliver(self, update_id: int) -> int:
        result = await self.request("POST", f"/updates/{update_id}/redeliver")
        return int(result["update_id"])

    async def wait_idle(self, quiet_ms: float = 150, timeout: float = 10.0) -> bool:
        result = await self.request(
            "GET",
            "/idle",
            params={"quiet_ms": str(quiet_ms), "wait": str(timeout)},
            timeout=timeout + 10,
        )
        return bool(result["idle"])

    async def events(
        self,
        chat_id: int,
        *,
        after: int = 0,
        wait: float = 0.0,
        types: Iterable[str] | None = None,
    ) -> tuple[list[JSON], int]:
        """Events of a chat with ``seq > after``, long-polling up to ``wait`` seconds."""
        params = {"after": str(after), "wait": str(wait)}
        if types is not None:
            params["types"] = ",".join(types)
        result = await self.request(
            "GET", f"/chats/{chat_id}/events", params=params, timeout=wait + 10
        )
        return list(result["events"]), int(result["last_seq"])

    async def chat_messages(self, chat_id: int) -> list[BotMessage]:
        raw = await self.request("GET", f"/chats/{chat_id}/messages")
        return [BotMessage.from_message(m) for m in raw]


class SimUser:
    """A simulated Telegram user; every action is a control API call.

    The user keeps a cursor into the event log of its chat: :meth:`reply` returns the next bot
    message after it and advances it, so a test reads the conversation in order.
    """

    def __init__(self, client: EmulatorClient, user: JSON, chat_id: int | None = None) -> None:
        self.client = client
        self.raw = user
        self.id: int = int(user["id"])
        self.first_name: str = user["first_name"]
        self.language_code: str | None = user.get("language_code")
        self.chat_id: int = chat_id if chat_id is not None else self.id
        self._cursor = 0
        self._mark_time: float | None = None

    @property
    def name(self) -> str:
        """'Yosef Jehalu (id 1001)': who this is, for failure messages."""
        full = " ".join(p for p in (self.first_name, self.raw.get("last_name")) if p)
        where = "" if self.chat_id == self.id else f", in chat {self.chat_id}"
        return f"{full} (id {self.id}{where})"

    def in_chat(self, chat_id: int) -> SimUser:
        """The same user acting in another chat (a group), with its own cursor."""
        return SimUser(self.client, self.raw, chat_id)

    # ---------------------------------------------------------------- actions

    async def _post_message(self, body: JSON) -> int:
        if self.chat_id != self.id:
            body["chat_id"] = self.chat_id
        result = await self.client.request("POST", f"/users/{self.id}/messages", json=body)
        return int(result["message_id"])

    async def send(self, text: str, *, reply_to_message_id: int | None = None) -> int:
        """Send a text (a command is just text starting with "/"); returns its message_id."""
        body: JSON = {"text": text}
        if reply_to_message_id is not None:
            body["reply_to_message_id"] = reply_to_message_id
        return await self._post_message(body)

    async def send_update(self, text: str) -> tuple[int, int]:
        """Like :meth:`send` but returns ``(message_id, update_id)`` (for redelivery tests)."""
        body: JSON = {"text": text}
        if self.chat_id != self.id:
            body["chat_id"] = self.chat_id
        result = await self.client.request("POST", f"/users/{self.id}/messages", json=body)
        return int(result["message_id"]), int(result["update_id"])

    async def send_photo(self, caption: str | None = None) -> int:
        body: JSON = {"photo": True}
        if caption is not None:
            body["caption"] = caption
        return await self._post_message(body)

    async def send_voice(self, duration: int = 3, caption: str | None = None) -> int:
        body: JSON = {"voice": {"duration": duration}}
        if caption is not None:
            body["caption"] = caption
        return await self._post_message(body)

    async def send_document(
        self,
        file_name: str = "catatan.pdf",
        mime_type: str = "application/pdf",
        content: bytes | None = None,
        caption: str | None = None,
        file_size: int | None = None,
    ) -> int:
        """Send a document; `file_size` without `content` fakes a large file cheaply."""
        document: JSON = {"file_name": file_name, "mime_type": mime_type}
        if file_size is not None:
            document["file_size"] = file_size
        if content is not None:
            document["content_b64"] = base64.b64encode(content).decode("ascii")
        body: JSON = {"document": document}
        if caption is not None:
            body["caption"] = caption
        return await self._post_message(body)

    async def send_sticker(self, emoji: str = "👍") -> int:
        return await self._post_message({"sticker": {"emoji": emoji}})

    async def share_contact(self, phone_number: str) -> int:
        return await self._post_message({"contact": {"phone_number": phone_number}})

    async def send_location(self, latitude: float, longitude: float) -> int:
        return await self._post_message(
            {"location": {"latitude": latitude, "longitude": longitude}}
        )

    async def press(self, button_text: str, message_id: int | None = None) -> str:
        """Press an inline button by its text (newest bot message having it if no id given)."""
        body: JSON = {"button_text": button_text}
        if message_id is not None:
            body["message_id"] = message_id
        if self.chat_id != self.id:
            body["chat_id"] = self.chat_id
        result = await self.client.request("POST", f"/users/{self.id}/callback", json=body)
        return str(result["callback_query_id"])

    async def press_data(self, message_id: int, data: str) -> str:
        """Send a callback query with arbitrary (possibly forged) data for a bot message."""
        body: JSON = {"message_id": message_id, "data": data}
        if self.chat_id != self.id:
            body["chat_id"] = self.chat_id
        result = await self.client.request("POST", f"/users/{self.id}/callback", json=body)
        return str(result["callback_query_id"])

    async def answer_poll(self, poll_id: str, option_ids: list[int]) -> None:
        """Vote (or retract with an empty list) in a poll the bot sent."""
        await self.client.request(
            "POST",
            f"/users/{self.id}/poll_answer",
            json={"poll_id": poll_id, "option_ids": option_ids},
        )

    async def block(self) -> None:
        await self.client.request("POST", f"/users/{self.id}/block")

    async def unblock(self) -> None:
        await self.client.request("POST", f"/users/{self.id}/unblock")

    # ---------------------------------------------------------------- observing the bot

    def mark(self) -> None:
        """Ignore everything the bot did so far; later waits only see newer events.

        Synchronous by design, so it resolves lazily: the next wait skips events stamped
        before this moment (the emulator runs on this host, so the clocks agree).
        """
        self._mark_time = time.time()

    async def _resolve_mark(self) -> None:
        if self._mark_time is None:
            return
        events, _ = await self.client.events(self.chat_id, after=self._cursor)
        for event in events:
            if event["ts"] <= self._mark_time:
                self._cursor = max(self._cursor, int(event["seq"]))
        self._mark_time = None

    async def _recent(self, limit: int = 10) -> list[JSON]:
        events, _ = await self.client.events(self.chat_id)
        return [
            {k: e.get(k) for k in ("seq", "type", "method", "message_id", "message", "text")}
            for e in events[-limit:]
        ]

    async def next_event(
        self,
        types: Iterable[str] = ("message", "edit"),
        timeout: float = 5.0,
        what: str | None = None,
    ) -> JSON:
        """The next event of the given types after the cursor; advances the cursor to it.

        On timeout the error says who waited for what (`what`, e.g. "the check-in
        confirmation"), how long, and the chat's latest events.
        """
        await self._resolve_mark()
        wanted = list(types)
        deadline = time.monotonic() + timeout
        while True:
            remaining = deadline - time.monotonic()
            events, _ = await self.client.events(
                self.chat_id, after=self._cursor, wait=max(0.0, remaining), types=wanted
            )
            if events:
                event = events[0]
                self._cursor = int(event["seq"])
                return event
            if remaining <= 0:
                expected = what or " or ".join(
                    {"message": "a new message", "edit": "an edit"}.get(w, f"a {w} event")
                    for w in wanted
                )
                raise AssertionError(
                    f"user {self.name} did not get {expected} from the bot within {timeout:g} s;"
                    f" the chat's latest events: {await self._recent()}"
                )

    async def reply(self, timeout: float = 5.0, what: str | None = None) -> BotMessage:
        """The next new message the bot sent to this chat; advances the cursor."""
        event = await self.next_event(("message",), timeout, what)
        return BotMessage.from_message(event["message"], event.get("reply_markup"))

    async def replies(self, count: int, timeout: float = 5.0) -> list[BotMessage]:
        """The next ``count`` new messages, all within ``timeout`` seconds in total."""
        deadline = time.monotonic() + timeout
        out: list[BotMessage] = []
        for _ in range(count):
            remaining = max(0.0, deadline - time.monotonic())
            try:
                out.append(await self.reply(remaining))
            except AssertionError as err:
                raise AssertionError(
                    f"user {self.name} expected {count} replies within {timeout:g} s, got "
                    f"{len(out)}: {[m.text for m in out]}; {err}"
                ) from err
        return out

    async def callback_answer(self, callback_query_id: str, timeout: float = 5.0) -> JSON:
        """The answerCallbackQuery the bot made for a press; does not move the cursor."""
        deadline = time.monotonic() + timeout
        after = 0
        while True:
            remaining = deadline - time.monotonic()
            events, _ = await self.client.events(
                self.chat_id, after=after, wait=max(0.0, remaining), types=["callback_answer"]
            )
            for event in events:
                if event.get("callback_query_id") == callback_query_id:
                    return event
                after = max(after, int(event["seq"]))
            if remaining <= 0:
                raise AssertionError(
                    f"the bot did not answer the button press {callback_query_id} of user "
                    f"{self.name} within {timeout:g} s; the chat's latest events: "
                    f"{await self._recent()}"
                )

    async def messages(self) -> list[BotMessage]:
        """The bot's current messages in this chat (edits applied, deleted ones gone)."""
        return await self.client.chat_messages(self.chat_id)

    async def latest(self) -> BotMessage:
        """The newest current bot message in this chat."""
        messages = await self.messages()
        if not messages:
            raise AssertionError(f"the bot has sent user {self.name} no message at all")
        return messages[-1]

    async def no_reply(self, within: float = 0.5) -> None:
        """Assert the bot sends or edits nothing in this chat for ``within`` seconds."""
        await self._resolve_mark()
        deadline = time.monotonic() + within
        while True:
            remaining = deadline - time.monotonic()
            events, _ = await self.client.events(
                self.chat_id,
                after=self._cursor,
                wait=max(0.0, remaining),
                types=["message", "edit"],
            )
            if events:
                summary = [(e["type"], (e.get("message") or {}).get("text")) for e in events]
                raise AssertionError(
                    f"user {self.name} expected no reply for {within:g} s, got {summary}"
                )
            if remaining <= 0:
                return
