"""The control API under ``/_emu``: what ``EmulatorClient`` and ``SimUser`` call.

Simulated users are created, write messages, press buttons, answer polls and block the bot;
tests read what the bot sent (events, messages, files), set faults and limits, and wait until
the bot is idle. Routes are listed in ``server.py``; the handlers are here.
"""

from __future__ import annotations

import base64
import copy
import hashlib
import mimetypes
import re
import time
from collections.abc import Awaitable, Callable
from typing import Any

from aiohttp import web

from bot.dev.emulator.api import (
    JSON,
    ControlError,
)
from bot.dev.emulator.limits import FloodLimits
from bot.dev.emulator.markup import utf16_len
from bot.dev.emulator.methods_media import MediaMethods
from bot.dev.emulator.methods_misc import MiscMethods
from bot.dev.emulator.methods_polls import PollMethods
from bot.dev.emulator.methods_updates import UpdateMethods

_COMMAND_RE = re.compile(r"/[A-Za-z0-9_]{1,64}(?:@[A-Za-z0-9_]{3,64})?")

_HASHTAG_RE = re.compile(r"(?<![\w#])#\w+")


class ControlRoutes(MediaMethods, PollMethods, UpdateMethods, MiscMethods):
    """The ``/_emu`` handlers; every ``_c_*`` answers JSON or raises ``ControlError``."""

    def _control(
        self, handler: Callable[[web.Request], Awaitable[Any]]
    ) -> Callable[[web.Request], Awaitable[web.StreamResponse]]:
        async def wrapped(request: web.Request) -> web.StreamResponse:
            try:
                result = await handler(request)
            except ControlError as err:
                return web.json_response({"error": err.message}, status=err.status)
            if isinstance(result, web.StreamResponse):
                return result
            return web.json_response(result)

        return wrapped

    @staticmethod
    async def _body(request: web.Request) -> JSON:
        if not request.body_exists:
            return {}
        try:
            body = await request.json()
        except ValueError as err:
            raise ControlError(400, "body must be JSON") from err
        if not isinstance(body, dict):
            raise ControlError(400, "body must be a JSON object")
        return body

    def _user(self, request: web.Request) -> JSON:
        try:
            uid = int(request.match_info["uid"])
        except ValueError as err:
            raise ControlError(400, "user id must be an integer") from err
        user = self._users.get(uid)
        if user is None:
            raise ControlError(404, f"no user {uid}")
        return user

    async def _c_create_user(self, request: web.Request) -> JSON:
        body = await self._body(request)
        first_name = body.get("first_name")
        if not isinstance(first_name, str) or not first_name:
            raise ControlError(400, "first_name is required")
        uid = body.get("id")
        if uid is None:
            while self._next_user_id in self._users:
                self._next_user_id += 1
            uid = self._next_user_id
            self._next_user_id += 1
        if not isinstance(uid, int) or uid <= 0:
            raise ControlError(400, "id must be a positive integer")
        user: JSON = {"id": uid, "is_bot": False, "first_name": first_name}
        for key in ("last_name", "username", "language_code"):
            if body.get(key):
                user[key] = str(body[key])
        self._users[uid] = user
        self._chats[uid] = self._chat_dict_for_user(user)
        return user

    async def _c_create_group(self, request: web.Request) -> JSON:
        body = await self._body(request)
        title = body.get("title")
        if not isinstance(title, str) or not title:
            raise ControlError(400, "title is required")
        gid = body.get("id")
        if gid is None:
            while self._next_group_id in self._chats:
                self._next_group_id -= 1
            gid = self._next_group_id
            self._next_group_id -= 1
        if not isinstance(gid, int) or gid >= 0:
            raise ControlError(400, "group id must be a negative integer")
        chat = {"id": gid, "type": "group", "title": title}
        self._chats[gid] = chat
        return chat

    def _user_file(
        self,
        data: bytes,
        file_name: str,
        mime: str,
        kind: str,
        code: str,
        declared_size: int | None = None,
    ) -> JSON:
        """Store a file a user sent; `declared_size` fakes a large file without its bytes."""
        stored = self._new_file(data, file_name, mime, kind, code)
        return {
            "file_id": stored.file_id,
            "file_unique_id": stored.file_unique_id,
            "file_size": declared_size if declared_size is not None else len(data),
        }

    def _user_content(self, user: JSON, body: JSON) -> JSON:
        """Build the message content a simulated user sends (text, media, contact...)."""
        content: JSON = {}
        caption = body.get("caption")
        if isinstance(caption, str) and caption:
            content["caption"] = caption
        if isinstance(body.get("text"), str):
            text: str = body["text"]
            if not text:
                raise ControlError(400, "text must be non-empty")
            content["text"] = text
            entities: list[JSON] = []
            command = _COMMAND_RE.match(text)
            if command is not None:
                entities.append(
                    {"type": "bot_command", "offset": 0, "length": utf16_len(command.group())}
                )
            for tag in _HASHTAG_RE.finditer(text):
                entities.append(
                    {
                        "type": "hashtag",
                        "offset": utf16_len(text[: tag.start()]),
                        "length": utf16_len(tag.group()),
                    }
                )
            if entities:
                content["entities"] = entities
        elif body.get("photo"):
            data = hashlib.sha256(f"photo:{self._file_counter}".encode()).digest() * 64
            stored = self._new_file(data, "photo.jpg", "image/jpeg", "photos", "AgAC")
            content["photo"] = self._photo_sizes(stored)
        elif isinstance(body.get("voice"), dict):
            voice = body["voice"]
            duration = int(voice.get("duration", 3))
            data = b"OggS" + bytes(1000 * max(1, duration))
            content["voice"] = {
                **self._user_file(data, "voice.ogg", "audio/ogg", "voice", "AwAC"),
                "duration": duration,
                "mime_type": "audio/ogg",
            }
        elif isinstance(body.get("document"), dict):
            doc = body["document"]
            file_name = str(doc.get("file_name") or "file.bin")
            mime = str(
                doc.get("mime_type")
                or mimetypes.guess_type(file_name)[0]
                or "application/octet-stream"
            )
            declared = int(doc["file_size"]) if doc.get("file_size") is not None else None
            if doc.get("content_b64"):
                data = base64.b64decode(doc["content_b64"])
            else:
                data = bytes(min(declared if declared is not None else 1024, 4096))
            content["document"] = {
                **self._user_file(data, file_name, mime, "documents", "BQAC", declared),
                "file_name": file_name,
                "mime_type": mime,
            }
        elif isinstance(body.get("sticker"), dict):
            sticker = {
                **self._user_file(bytes(256), "sticker.webp", "image/webp", "stickers", "CAAC"),
                "type": "regular",
                "width": 512,
                "height": 512,
                "is_animated": False,
                "is_video": False,
            }
            sticker["emoji"] = str(body["sticker"].get("emoji") or "👍")
            content["sticker"] = sticker
        elif isinstance(body.get("contact"), dict):
            contact = body["contact"]
            if not contact.get("phone_number"):
                raise ControlError(400, "contact.phone_number is required")
            content["contact"] = {
                "phone_number": str(contact["phone_number"]),
                "first_name": str(contact.get("first_name") or user["first_name"]),
                "user_id": int(contact.get("user_id", user["id"])),
            }
            if user.get("last_name") and "first_name" not in contact:
                content["contact"]["last_name"] = user["last_name"]
        elif isinstance(body.get("location"), dict):
            location = body["location"]
            content["location"] = {
                "latitude": float(location.get("latitude", -8.61)),
                "longitude": float(location.get("longitude", 120.46)),
            }
        else:
            raise ControlError(
                400, "one of text, photo, voice, document, sticker, contact, location is required"
            )
        return content

    def _user_chat(self, user: JSON, body: JSON) -> JSON:
        chat_id = body.get("chat_id")
        if chat_id is None:
            return self._chats[user["id"]]
        chat = self._chats.get(chat_id) if isinstance(chat_id, int) else None
        if chat is None:
            raise ControlError(404, f"no chat {chat_id}")
        return chat

    async def _c_user_message(self, request: web.Request) -> JSON:
        user = self._user(request)
        body = await self._body(request)
        chat = self._user_chat(user, body)
        if chat["type"] == "private" and user["id"] in self._blocked:
            raise ControlError(409, "the user has blocked the bot; unblock first")
        content = self._user_content(user, body)
        reply_id = body.get("reply_to_message_id")
        if reply_id is not None:
            replied = self._messages.get(chat["id"], {}).get(int(reply_id))
            if replied is None:
                raise ControlError(404, f"no message {reply_id} in chat {chat['id']}")
            replied = dict(replied)
            replied.pop("reply_to_message", None)
            content["reply_to_message"] = replied
        message = self._store_message(chat, user, content)
        update_id = self._enqueue({"message": copy.deepcopy(message)})
        return {"message_id": message["message_id"], "update_id": update_id}

    async def _c_redeliver(self, request: web.Request) -> JSON:
        try:
            update_id = int(request.match_info["update_id"])
        except ValueError as err:
            raise ControlError(400, "update id must be an integer") from err
        original = self._update_log.get(update_id)
        if original is None:
            raise ControlError(404, f"no update {update_id}")
        payload = {k: copy.deepcopy(v) for k, v in original.items() if k != "update_id"}
        return {"update_id": self._enqueue(payload)}

    @staticmethod
    def _find_button(message: JSON, text: str) -> JSON | None:
        markup = message.get("reply_markup") or {}
        for row in markup.get("inline_keyboard", []):
            for button in row:
                if button.get("text") == text:
                    return dict(button)
        return None

    async def _c_callback(self, request: web.Request) -> JSON:
        user = self._user(request)
        body = await self._body(request)
        chat = self._user_chat(user, body)
        messages = self._messages.get(chat["id"], {})
        message_id = body.get("message_id")
        button_text = body.get("button_text")
        data = body.get("data")
        if message_id is not None:
            message = messages.get(int(message_id))
            if message is None or not self._is_bot_message(message):
                raise ControlError(404, f"no bot message {message_id} in chat {chat['id']}")
        elif button_text is not None:
            candidates = [
                m
                for m in reversed(messages.values())
                if self._is_bot_message(m) and self._find_button(m, button_text)
            ]
            if not candidates:
                raise ControlError(404, f"no bot message with a button {button_text!r}")
            message = candidates[0]
        else:
            raise ControlError(400, "message_id or button_text is required")
        if button_text is not None:
            button = self._find_button(message, button_text)
            if button is None:
                raise ControlError(
                    404, f"message {message['message_id']} has no button {button_text!r}"
                )
            if "callback_data" not in button:
                raise ControlError(400, f"button {button_text!r} has no callback_data")
            data = button["callback_data"]
        if not isinstance(data, str):
            raise ControlError(400, "data or button_text is required")
        query_id = str(6_200_000_000_000_000_000 + self._next_callback)
        self._next_callback += 1
        self._callbacks[query_id] = {
            "chat_id": chat["id"],
            "message_id": message["message_id"],
            "user_id": user["id"],
            "created": time.monotonic(),
            "answered": False,
        }
        chat_instance = str(-(abs(chat["id"]) * 7919 + 4_000_000_000_000_000))
        update_id = self._enqueue(
            {
                "callback_query": {
                    "id": query_id,
                    "from": user,
                    "message": copy.deepcopy(message),
                    "chat_instance": chat_instance,
                    "data": data,
                }
            }
        )
        return {
            "callback_query_id": query_id,
            "update_id": update_id,
            "message_id": message["message_id"],
        }

    async def _c_poll_answer(self, request: web.Request) -> JSON:
        user = self._user(request)
        body = await self._body(request)
        poll_id = str(body.get("poll_id", ""))
        info = self._polls.get(poll_id)
        message = self._poll_message(poll_id)
        if info is None or message is None:
            raise ControlError(404, f"no poll {poll_id}")
        poll = message["poll"]
        option_ids = body.get("option_ids", [])
        if not isinstance(option_ids, list) or not all(isinstance(o, int) for o in option_ids):
            raise ControlError(400, "option_ids must be a list of integers")
        if poll["is_closed"]:
            raise ControlError(400, "the poll is closed")
        if any(not 0 <= o < len(poll["options"]) for o in option_ids):
            raise ControlError(400, "option id out of range")
        if len(set(option_ids)) != len(option_ids):
            raise ControlError(400, "duplicate option ids")
        if len(option_ids) > 1 and not poll["allows_multiple_answers"]:
            raise ControlError(400, "the poll allows only one answer")
        votes: dict[int, list[int]] = info["votes"]
        previous = votes.get(user["id"])
        if previous and not poll["allows_revoting"]:
            raise ControlError(400, "the poll does not allow changing a vote")
        if not option_ids and not previous:
            raise ControlError(400, "nothing to retract")
        if option_ids:
            votes[user["id"]] = list(option_ids)
        else:
            votes.pop(user["id"], None)
        for index, option in enumerate(poll["options"]):
            option["voter_count"] = sum(1 for v in votes.values() if index in v)
        poll["total_voter_count"] = len(votes)
        update_id: int | None = None
        if not poll["is_anonymous"]:
            update_id = self._enqueue(
                {
                    "poll_answer": {
                        "poll_id": poll_id,
                        "user": user,
                        "option_ids": list(option_ids),
                        "option_persistent_ids": [
                            poll["options"][o]["persistent_id"] for o in option_ids
                        ],
                    }
                }
            )
        poll_update_id = self._enqueue({"poll": copy.deepcopy(poll)})
        return {"update_id": update_id, "poll_update_id": poll_update_id}

    def _member_update(self, user: JSON, old: str, new: str) -> None:
        def member(status: str) -> JSON:
            item: JSON = {"status": status, "user": self._bot_user()}
            if status == "kicked":
                item["until_date"] = 0
            return item

        self._enqueue(
            {
                "my_chat_member": {
                    "chat": self._chats[user["id"]],
                    "from": user,
                    "date": int(time.time()),
                    "old_chat_member": member(old),
                    "new_chat_member": member(new),
                }
            }
        )

    async def _c_block(self, request: web.Request) -> JSON:
        user = self._user(request)
        if user["id"] not in self._blocked:
            self._blocked.add(user["id"])
            self._member_update(user, "member", "kicked")
        return {"blocked": True}

    async def _c_unblock(self, request: web.Request) -> JSON:
        user = self._user(request)
        if user["id"] in self._blocked:
            self._blocked.discard(user["id"])
            self._member_update(user, "kicked", "member")
        return {"blocked": False}

    @staticmethod
    def _query_number(request: web.Request, name: str, default: float) -> float:
        raw = request.query.get(name)
        if raw is None or raw == "":
            return default
        try:
            return float(raw)
        except ValueError as err:
            raise ControlError(400, f"{name} must be a number") from err

    def _chat_id(self, request: web.Request) -> int:
        try:
            return int(request.match_info["chat_id"])
        except ValueError as err:
            raise ControlError(400, "chat id must be an integer") from err

    def _with_markup(self, message: JSON) -> JSON:
        """A message for the control API, with any non-inline reply markup attached."""
        out = copy.deepcopy(message)
        markup = self._markups.get((message["chat"]["id"], message["message_id"]))
        if markup is not None:
            out["emu_reply_markup"] = copy.deepcopy(markup)
        return out

    async def _c_events(self, request: web.Request) -> JSON:
        chat_id = self._chat_id(request)
        after = int(self._query_number(request, "after", 0))
        wait = min(self._query_number(request, "wait", 0), 300.0)
        raw_types = request.query.get("types", "")
        types = {t for t in raw_types.split(",") if t} or None
        deadline = time.monotonic() + wait
        while True:
            changed = self._changed
            found = [
                e
                for e in self._events.get(chat_id, [])
                if e["seq"] > after and (types is None or e["type"] in types)
            ]
            remaining = deadline - time.monotonic()
            if found or remaining <= 0 or self._stopping.is_set():
                return {"events": copy.deepcopy(found), "last_seq": self._seq}
            await self._wait_change(changed, remaining)

    async def _c_messages(self, request: web.Request) -> list[JSON]:
        chat_id = self._chat_id(request)
        return [
            self._with_markup(m)
            for m in self._messages.get(chat_id, {}).values()
            if self._is_bot_message(m)
        ]

    async def _c_file(self, request: web.Request) -> web.Response:
        stored = self._files.get(request.match_info["file_id"])
        if stored is None:
            return web.json_response({"error": "no such file"}, status=404)
        return web.Response(
            body=stored.data,
            content_type=stored.mime_type,
            headers={"Content-Disposition": f'attachment; filename="{stored.file_name}"'},
        )

    async def _c_set_faults(self, request: web.Request) -> JSON:
        body = await self._body(request)
        try:
            self.set_faults(
                error_rate=float(body.get("error_rate", 0.0)),
                hang_rate=float(body.get("hang_rate", 0.0)),
                hang_seconds=float(body.get("hang_seconds", 30.0)),
                methods=body.get("methods"),
                slow_rate=float(body.get("slow_rate", 0.0)),
                slow_seconds=float(body.get("slow_seconds", 7.0)),
                latency=float(body.get("latency", 0.0)),
            )
        except (TypeError, ValueError) as err:
            raise ControlError(400, str(err)) from err
        return {"ok": True}

    async def _c_fail_next(self, request: web.Request) -> JSON:
        body = await self._body(request)
        method = body.get("method")
        if not isinstance(method, str) or not method:
            raise ControlError(400, "method is required")
        try:
            hang_seconds = body.get("hang_seconds")
            self.fail_next(
                method,
                int(body.get("count", 1)),
                str(body.get("mode", "error")),
                None if hang_seconds is None else float(hang_seconds),
            )
        except ValueError as err:
            raise ControlError(400, str(err)) from err
        return {"ok": True}

    async def _c_flood_next(self, request: web.Request) -> JSON:
        body = await self._body(request)
        method = body.get("method")
        if not isinstance(method, str) or not method:
            raise ControlError(400, "method is required")
        try:
            self.flood_next(method, int(body.get("count", 1)), int(body.get("retry_after", 30)))
        except (TypeError, ValueError) as err:
            raise ControlError(400, str(err)) from err
        return {"ok": True}

    async def _c_clear_faults(self, request: web.Request) -> JSON:
        self.clear_faults()
        return {"ok": True}

    async def _c_set_limits(self, request: web.Request) -> JSON:
        body = await self._body(request)
        try:
            limits = FloodLimits.from_dict(body)
        except (TypeError, ValueError) as err:
            raise ControlError(400, str(err)) from err
        self.set_limits(limits)
        return limits.to_dict()

    async def _c_get_limits(self, request: web.Request) -> JSON:
        return self._flood.limits.to_dict()

    async def _c_commands(self, request: web.Request) -> list[JSON]:
        return copy.deepcopy(list(self._commands.values()))

    async def _c_stats(self, request: web.Request) -> JSON:
        return self.stats()

    async def _c_idle(self, request: web.Request) -> JSON:
        quiet_ms = self._query_number(request, "quiet_ms", 150)
        wait = min(self._query_number(request, "wait", 10), 300.0)
        return {"idle": await self.wait_idle(quiet_ms, wait)}
