"""An in-process Telegram Bot API emulator with a control API for tests and demos.

Why: the bot must never lose a participant's message, must respect Telegram's flood limits and
must survive Telegram's errors. None of that can be tested against the real Telegram, so the
emulator speaks the Bot API over real HTTP (python-telegram-bot talks to it unchanged through
``base_url``) and answers with Telegram's own object shapes, error codes and descriptions.
Simulated users act through a separate control API under ``/_emu`` (see ``client.py``).

Delivery accounting: an update counts as *pending* until a ``getUpdates`` call has returned it.
Telegram only forgets an update when a later ``getUpdates`` carries an ``offset`` past it, so a
bot that has processed its last update still has it "unconfirmed" until its next poll; treating
"returned" as delivered is what makes ``/_emu/idle`` usable with a long-polling bot.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import copy
import hashlib
import json
import mimetypes
import random
import re
import time
from collections import Counter, deque
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from aiohttp import web
from telegram.constants import PollLimit

from bot.dev.emulator.limits import FloodControl, FloodLimits
from bot.dev.emulator.markup import EntityParseError, parse_text, utf16_len

if TYPE_CHECKING:
    from bot.dev.emulator.client import EmulatorClient

__all__ = ["ApiError", "Emulator"]

JSON = dict[str, Any]

_TOKEN_RE = re.compile(r"(\d+):([A-Za-z0-9_\-]+)")
_COMMAND_RE = re.compile(r"/[A-Za-z0-9_]{1,64}(?:@[A-Za-z0-9_]{3,64})?")
_HASHTAG_RE = re.compile(r"(?<![\w#])#\w+")
_BOT_COMMAND_RE = re.compile(r"[a-z0-9_]{1,32}")

#: Fields that python-telegram-bot JSON-encodes into form fields; everything else is a string.
_JSON_FIELDS = frozenset(
    {
        "reply_markup",
        "entities",
        "caption_entities",
        "options",
        "allowed_updates",
        "commands",
        "scope",
        "link_preview_options",
        "reply_parameters",
        "chat_id",
        "message_id",
        "message_ids",
        "offset",
        "limit",
        "timeout",
        "disable_notification",
        "protect_content",
        "is_anonymous",
        "allows_multiple_answers",
        "allows_revoting",
        "members_only",
        "correct_option_id",
        "correct_option_ids",
        "open_period",
        "close_date",
        "is_closed",
        "show_alert",
        "cache_time",
        "drop_pending_updates",
        "reply_to_message_id",
        "allow_sending_without_reply",
        "message_thread_id",
        "disable_web_page_preview",
        "disable_content_type_detection",
        "menu_button",
        "question_entities",
        "explanation_entities",
        "max_connections",
        "has_spoiler",
        "show_caption_above_media",
        "user_id",
        "from_chat_id",
        "allow_paid_broadcast",
    }
)

#: Methods that put a message on the wire and therefore count against the flood limits.
_FLOOD_METHODS = frozenset(
    {
        "sendMessage",
        "sendDocument",
        "sendPhoto",
        "sendVoice",
        "sendPoll",
        "editMessageText",
        "editMessageReplyMarkup",
        "editMessageCaption",
        "stopPoll",
    }
)

_INLINE_BUTTON_KINDS = frozenset(
    {
        "url",
        "callback_data",
        "web_app",
        "login_url",
        "switch_inline_query",
        "switch_inline_query_current_chat",
        "switch_inline_query_chosen_chat",
        "copy_text",
        "callback_game",
        "pay",
    }
)

_CHAT_ACTIONS = frozenset(
    {
        "typing",
        "upload_photo",
        "record_video",
        "upload_video",
        "record_voice",
        "upload_voice",
        "upload_document",
        "choose_sticker",
        "find_location",
        "record_video_note",
        "upload_video_note",
    }
)

#: Update types delivered when ``allowed_updates`` is empty (Telegram's default).
_DEFAULT_EXCLUDED_UPDATES = frozenset({"chat_member", "message_reaction", "message_reaction_count"})

_NOT_MODIFIED = (
    "Bad Request: message is not modified: specified new message content and reply markup are "
    "exactly the same as a current content and reply markup of the message"
)
_QUERY_TOO_OLD = "Bad Request: query is too old and response timeout expired or query ID is invalid"
_GET_UPDATES_CONFLICT = (
    "Conflict: terminated by other getUpdates request; make sure that only one bot instance is "
    "running"
)


class ApiError(Exception):
    """A Bot API error answer; raised inside method handlers and turned into JSON."""

    def __init__(self, code: int, description: str, parameters: JSON | None = None) -> None:
        super().__init__(description)
        self.code = code
        self.description = description
        self.parameters = parameters


class _ControlError(Exception):
    """A control API error: ``{"error": message}`` with an HTTP status."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


def _bad(description: str) -> ApiError:
    return ApiError(400, f"Bad Request: {description}")


@dataclass
class _Upload:
    """A file part of a multipart request."""

    filename: str
    content_type: str | None
    data: bytes


@dataclass
class _StoredFile:
    """A file known to the emulator: uploaded by the bot or sent by a simulated user."""

    file_id: str
    file_unique_id: str
    data: bytes
    file_name: str
    mime_type: str
    file_path: str


@dataclass
class _Call:
    """One Bot API request, parsed."""

    method: str
    params: JSON
    files: dict[str, _Upload]
    request: web.Request
    bot_user: JSON


@dataclass
class _Faults:
    error_rate: float = 0.0
    hang_rate: float = 0.0
    hang_seconds: float = 30.0
    methods: set[str] | None = None
    #: Per method, queued ``(mode, seconds)`` of the next calls to fail: ``error`` (500),
    #: ``hang`` (500 after ``seconds``) or ``flood`` (429 with ``retry_after=seconds``).
    next: dict[str, deque[tuple[str, float]]] = field(default_factory=dict)


_Handler = Callable[[_Call], Awaitable[Any]]


class Emulator:
    """The emulated Bot API server plus its control API; see the module docstring."""

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
        self._faults = _Faults()
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
        self._files: dict[str, _StoredFile] = {}
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
        self._inflight = 0
        self._last_activity = time.monotonic()
        self._methods: dict[str, tuple[str, _Handler]] = {
            name.lower(): (name, handler)
            for name, handler in {
                "getMe": self._m_get_me,
                "logOut": self._m_true,
                "close": self._m_true,
                "deleteWebhook": self._m_delete_webhook,
                "setWebhook": self._m_set_webhook,
                "getWebhookInfo": self._m_get_webhook_info,
                "getUpdates": self._m_get_updates,
                "sendMessage": self._m_send_message,
                "editMessageText": self._m_edit_message_text,
                "editMessageReplyMarkup": self._m_edit_message_reply_markup,
                "editMessageCaption": self._m_edit_message_caption,
                "deleteMessage": self._m_delete_message,
                "answerCallbackQuery": self._m_answer_callback_query,
                "setMyCommands": self._m_set_my_commands,
                "getMyCommands": self._m_get_my_commands,
                "deleteMyCommands": self._m_delete_my_commands,
                "setChatMenuButton": self._m_set_chat_menu_button,
                "getChatMenuButton": self._m_get_chat_menu_button,
                "sendChatAction": self._m_send_chat_action,
                "sendDocument": self._m_send_document,
                "sendPhoto": self._m_send_photo,
                "sendVoice": self._m_send_voice,
                "sendPoll": self._m_send_poll,
                "stopPoll": self._m_stop_poll,
                "getFile": self._m_get_file,
                "getChat": self._m_get_chat,
            }.items()
        }

    # ------------------------------------------------------------------ lifecycle

    async def start(self, host: str = "127.0.0.1", port: int = 0) -> None:
        """Start listening; ``port=0`` picks a free port (see :attr:`bot_api_base`)."""
        if self._runner is not None:
            raise RuntimeError("emulator already started")
        self._stopping = asyncio.Event()
        self._changed = asyncio.Event()
        app = web.Application(client_max_size=60 * 1024 * 1024)
        app.router.add_route("*", "/bot{token}/{method}", self._handle_bot)
        app.router.add_get("/file/bot{token}/{path:.+}", self._handle_file_download)
        control: list[tuple[str, str, Callable[[web.Request], Awaitable[Any]]]] = [
            ("POST", "/users", self._c_create_user),
            ("POST", "/groups", self._c_create_group),
            ("POST", "/users/{uid}/messages", self._c_user_message),
            ("POST", "/users/{uid}/callback", self._c_callback),
            ("POST", "/users/{uid}/poll_answer", self._c_poll_answer),
            ("POST", "/users/{uid}/block", self._c_block),
            ("POST", "/users/{uid}/unblock", self._c_unblock),
            ("POST", "/updates/{update_id}/redeliver", self._c_redeliver),
            ("GET", "/chats/{chat_id}/events", self._c_events),
            ("GET", "/chats/{chat_id}/messages", self._c_messages),
            ("POST", "/faults", self._c_set_faults),
            ("POST", "/faults/next", self._c_fail_next),
            ("POST", "/faults/flood", self._c_flood_next),
            ("DELETE", "/faults", self._c_clear_faults),
            ("POST", "/limits", self._c_set_limits),
            ("GET", "/limits", self._c_get_limits),
            ("GET", "/commands", self._c_commands),
            ("GET", "/stats", self._c_stats),
            ("GET", "/idle", self._c_idle),
        ]
        for verb, path, handler in control:
            app.router.add_route(verb, "/_emu" + path, self._control(handler))
        app.router.add_get("/_emu/files/{file_id}", self._c_file)
        runner = web.AppRunner(
            app, handler_cancellation=True, access_log=None, shutdown_timeout=0.5
        )
        await runner.setup()
        site = web.TCPSite(runner, host, port)
        await site.start()
        self._runner = runner
        self._host = host
        self._port = int(runner.addresses[0][1])

    async def stop(self) -> None:
        """Stop serving; pending long polls and hanging faults end at once."""
        self._stopping.set()
        self._notify()
        for timer in self._poll_timers.values():
            timer.cancel()
        self._poll_timers.clear()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> Emulator:
        await self.start()
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.stop()

    @property
    def port(self) -> int:
        if self._port is None:
            raise RuntimeError("emulator not started")
        return self._port

    @property
    def base_url(self) -> str:
        return f"http://{self._host}:{self.port}"

    @property
    def bot_api_base(self) -> str:
        """Pass as ``base_url`` to ``telegram.Bot``; the token is appended to it."""
        return f"{self.base_url}/bot"

    @property
    def file_api_base(self) -> str:
        """Pass as ``base_file_url`` to ``telegram.Bot`` so ``File.download_*`` works."""
        return f"{self.base_url}/file/bot"

    @property
    def control_url(self) -> str:
        return f"{self.base_url}/_emu"

    def client(self) -> EmulatorClient:
        """A control client for this emulator (the caller closes it)."""
        from bot.dev.emulator.client import EmulatorClient

        return EmulatorClient(self.control_url)

    # ------------------------------------------------------------------ state helpers

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
    ) -> _StoredFile:
        self._file_counter += 1
        n = self._file_counter
        digest = hashlib.sha256(f"{self.seed}:{n}:{kind}".encode()).hexdigest()
        file_id = f"{type_code}AgIAAxkBAA{n:06d}{digest[:24]}"
        ext = mimetypes.guess_extension(mime_type) or ""
        stored = _StoredFile(
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

    # ------------------------------------------------------------------ Bot API plumbing

    @staticmethod
    def _coerce(name: str, value: Any) -> Any:
        if name in _JSON_FIELDS and isinstance(value, str):
            try:
                return json.loads(value)
            except ValueError:
                return value
        return value

    async def _read_params(self, request: web.Request) -> tuple[JSON, dict[str, _Upload]]:
        params: JSON = {}
        files: dict[str, _Upload] = {}
        for key, query_value in request.query.items():
            params[key] = self._coerce(key, query_value)
        if request.method != "POST" or not request.body_exists:
            return params, files
        if request.content_type == "application/json":
            try:
                body = await request.json()
            except ValueError as err:
                raise _bad("can't parse JSON encoded request body") from err
            if not isinstance(body, dict):
                raise _bad("JSON body must be an object")
            params.update(body)
            return params, files
        form = await request.post()
        for key, value in form.items():
            if isinstance(value, web.FileField):
                files[key] = _Upload(
                    filename=value.filename or key,
                    content_type=value.content_type,
                    data=value.file.read(),
                )
            else:
                params[key] = self._coerce(key, value)
        return params, files

    def _json_error(self, err: ApiError) -> web.Response:
        body: JSON = {"ok": False, "error_code": err.code, "description": err.description}
        if err.parameters:
            body["parameters"] = err.parameters
        if err.code == 429:
            self._responses_429 += 1
        elif err.code == 500:
            self._responses_500 += 1
        elif 400 <= err.code < 500:
            self._responses_4xx += 1
        return web.json_response(body, status=err.code)

    def _pick_fault(self, method: str) -> tuple[str, float] | None:
        """The fault for this call, if any: queued ones first, then a seeded random draw.

        The RNG is drawn only while random faults are active and only for matching methods,
        so a given seed and request sequence always fail the same requests.
        """
        queued = self._faults.next.get(method)
        if queued:
            return queued.popleft()
        faults = self._faults
        if faults.error_rate <= 0 and faults.hang_rate <= 0:
            return None
        if faults.methods is None:
            if method == "getUpdates":
                return None
        elif method not in faults.methods:
            return None
        draw = self._rng.random()
        if draw < faults.error_rate:
            return "error", 0.0
        if draw < faults.error_rate + faults.hang_rate:
            return "hang", faults.hang_seconds
        return None

    async def _handle_bot(self, request: web.Request) -> web.Response:
        match = _TOKEN_RE.fullmatch(request.match_info["token"])
        raw_method = request.match_info["method"]
        if match is None:
            self._requests[raw_method] += 1
            return self._json_error(ApiError(401, "Unauthorized"))
        self._bot_id = int(match.group(1))
        known = self._methods.get(raw_method.lower())
        if known is None:
            self._requests[raw_method] += 1
            return self._json_error(ApiError(404, "Not Found"))
        method, handler = known
        self._requests[method] += 1
        counts_inflight = method != "getUpdates"
        if counts_inflight:
            self._inflight += 1
            self._touch()
        try:
            params, files = await self._read_params(request)
            fault = self._pick_fault(method)
            if fault is not None and fault[0] == "hang":
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._stopping.wait(), fault[1])
            if fault is not None and fault[0] == "flood":
                self._forced_flood(params, int(fault[1]))
            if fault is not None:
                return self._json_error(ApiError(500, "Internal Server Error"))
            call = _Call(method, params, files, request, self._bot_user())
            result = await handler(call)
            return web.json_response({"ok": True, "result": result})
        except ApiError as err:
            return self._json_error(err)
        finally:
            if counts_inflight:
                self._inflight -= 1
                self._touch()
                self._notify()

    async def _handle_file_download(self, request: web.Request) -> web.Response:
        if _TOKEN_RE.fullmatch(request.match_info["token"]) is None:
            return web.json_response(
                {"ok": False, "error_code": 401, "description": "Unauthorized"}, status=401
            )
        file_id = self._file_paths.get(request.match_info["path"])
        if file_id is None:
            return web.json_response(
                {"ok": False, "error_code": 404, "description": "Not Found"}, status=404
            )
        stored = self._files[file_id]
        return web.Response(body=stored.data, content_type=stored.mime_type)

    # ------------------------------------------------------------------ parameter helpers

    @staticmethod
    def _int(call: _Call, name: str, *, required: bool = True, default: int = 0) -> int:
        value = call.params.get(name)
        if value is None or value == "":
            if required:
                raise _bad(f"{name} is empty")
            return default
        if isinstance(value, bool):
            raise _bad(f"invalid {name} specified")
        if isinstance(value, int):
            return value
        if isinstance(value, float) and value.is_integer():
            return int(value)
        if isinstance(value, str):
            try:
                return int(value)
            except ValueError:
                pass
        raise _bad(f"invalid {name} specified")

    @staticmethod
    def _bool(call: _Call, name: str, default: bool = False) -> bool:
        value = call.params.get(name)
        if value is None:
            return default
        if isinstance(value, str):
            return value.lower() in ("true", "1")
        return bool(value)

    @staticmethod
    def _str(call: _Call, name: str) -> str | None:
        value = call.params.get(name)
        if value is None:
            return None
        return value if isinstance(value, str) else str(value)

    def _resolve_chat(self, call: _Call, name: str = "chat_id") -> JSON:
        value = call.params.get(name)
        if value is None or value == "":
            raise _bad(f"{name} is empty")
        if isinstance(value, str) and value.startswith("@"):
            for known in self._chats.values():
                if known.get("username", "").lower() == value[1:].lower():
                    return known
            raise _bad("chat not found")
        chat = self._chats.get(self._int(call, name))
        if chat is None:
            raise _bad("chat not found")
        return chat

    def _check_blocked(self, chat: JSON) -> None:
        if chat["type"] == "private" and chat["id"] in self._blocked:
            raise ApiError(403, "Forbidden: bot was blocked by the user")

    def _forced_flood(self, params: JSON, retry: int) -> None:
        """Answer 429 with ``retry_after=retry`` and hold the chat to it (every chat if none)."""
        chat_id = params.get("chat_id")
        try:
            key = int(chat_id) if chat_id is not None else None
        except (TypeError, ValueError):
            key = None
        self._flood.hold(key, retry)
        raise ApiError(429, f"Too Many Requests: retry after {retry}", {"retry_after": retry})

    def _acquire_flood(self, chat: JSON) -> None:
        retry = self._flood.acquire(chat["id"], chat["type"] != "private")
        if retry is not None:
            raise ApiError(429, f"Too Many Requests: retry after {retry}", {"retry_after": retry})

    def _text(
        self, text: Any, parse_mode: Any, entities: Any, *, caption: bool
    ) -> tuple[str, list[JSON]]:
        """Parse text per parse_mode and enforce Telegram's limits on the result."""
        raw = "" if text is None else str(text)
        try:
            plain, parsed = parse_text(raw, parse_mode if isinstance(parse_mode, str) else None)
        except EntityParseError as err:
            raise _bad(f"can't parse entities: {err}") from err
        except ValueError as err:
            raise _bad(f"unsupported parse_mode {parse_mode}") from err
        if not parse_mode and entities:
            if not isinstance(entities, list) or not all(isinstance(e, dict) for e in entities):
                raise _bad("can't parse entities JSON object")
            parsed = entities
        if caption:
            if utf16_len(plain) > 1024:
                raise _bad("message caption is too long")
        else:
            if not plain.strip():
                raise _bad("message text is empty")
            if utf16_len(plain) > 4096:
                raise _bad("message is too long")
        return plain, parsed

    def _reply_markup(self, value: Any, *, inline_only: bool = False) -> JSON | None:
        """Validate reply_markup like Telegram; returns the markup dict or None."""
        if value is None or value == "":
            return None
        if isinstance(value, str):
            try:
                value = json.loads(value)
            except ValueError as err:
                raise _bad("can't parse reply keyboard markup JSON object") from err
        if not isinstance(value, dict):
            raise _bad("can't parse reply keyboard markup JSON object")
        if "inline_keyboard" in value:
            rows = value["inline_keyboard"]
            if not isinstance(rows, list) or not all(isinstance(r, list) for r in rows):
                raise _bad(
                    'field "inline_keyboard" of the InlineKeyboardMarkup should be an Array of '
                    "Arrays"
                )
            count = 0
            for row in rows:
                for button in row:
                    count += 1
                    self._check_inline_button(button)
            if count > 100:
                raise _bad("reply markup is too long")
            return value
        if inline_only:
            raise _bad("inline keyboard expected")
        if "keyboard" in value:
            rows = value["keyboard"]
            if not isinstance(rows, list) or not all(isinstance(r, list) for r in rows):
                raise _bad('field "keyboard" of ReplyKeyboardMarkup should be an Array of Arrays')
            for row in rows:
                for button in row:
                    text = button.get("text") if isinstance(button, dict) else button
                    if not isinstance(text, str) or not text:
                        raise _bad("can't parse keyboard button: Text must be non-empty")
            return value
        if value.get("remove_keyboard") is True or value.get("force_reply") is True:
            return value
        raise _bad("can't parse reply keyboard markup JSON object")

    @staticmethod
    def _check_inline_button(button: Any) -> None:
        if not isinstance(button, dict):
            raise _bad("can't parse inline keyboard button: InlineKeyboardButton must be an Object")
        text = button.get("text")
        if not isinstance(text, str) or not text:
            raise _bad('can\'t parse inline keyboard button: Field "text" must be of type String')
        kinds = _INLINE_BUTTON_KINDS.intersection(button)
        if not kinds:
            raise _bad(
                "can't parse inline keyboard button: Text buttons are unallowed in the inline "
                "keyboard"
            )
        if "callback_data" in button:
            data = button["callback_data"]
            if not isinstance(data, str) or not 1 <= len(data.encode("utf-8")) <= 64:
                raise _bad("BUTTON_DATA_INVALID")
        if "url" in button:
            url = button["url"]
            if not isinstance(url, str) or not re.match(r"(https?|tg)://\S+", url):
                raise _bad("BUTTON_URL_INVALID")

    def _reply_to(self, call: _Call, chat: JSON) -> JSON | None:
        """Resolve reply_parameters / reply_to_message_id to the replied message."""
        target: Any = None
        allow_missing = self._bool(call, "allow_sending_without_reply")
        params = call.params.get("reply_parameters")
        if isinstance(params, dict):
            target = params.get("message_id")
            allow_missing = bool(params.get("allow_sending_without_reply", allow_missing))
        elif call.params.get("reply_to_message_id") not in (None, ""):
            target = self._int(call, "reply_to_message_id")
        if target is None:
            return None
        message = self._messages.get(chat["id"], {}).get(int(target))
        if message is None:
            if allow_missing:
                return None
            raise _bad("message to be replied not found")
        replied = dict(message)
        replied.pop("reply_to_message", None)
        return replied

    def _send(
        self,
        call: _Call,
        chat: JSON,
        content: JSON,
        markup: JSON | None,
        reply: JSON | None,
        *,
        flood: bool = True,
    ) -> JSON:
        """Store a bot message after every check passed, and log it.

        ``flood=False`` is for callers that took their flood slot before storing a file, so a
        rejected upload leaves nothing behind.
        """
        if flood:
            self._acquire_flood(chat)
        if reply is not None:
            content["reply_to_message"] = reply
        if markup is not None and "inline_keyboard" in markup:
            content["reply_markup"] = markup
        message = self._store_message(chat, call.bot_user, content)
        if markup is not None:
            self._markups[(chat["id"], message["message_id"])] = markup
        self._sent_messages += 1
        self._event(
            chat["id"],
            "message",
            call.method,
            message=message,
            message_id=message["message_id"],
            reply_markup=markup,
        )
        return message

    def _own_message(self, call: _Call, chat: JSON, *, action: str) -> JSON:
        if call.params.get("inline_message_id"):
            raise _bad(f"message to {action} not found")
        message_id = self._int(call, "message_id")
        message = self._messages.get(chat["id"], {}).get(message_id)
        if message is None:
            raise _bad(f"message to {action} not found")
        if not self._is_bot_message(message):
            raise _bad("message can't be edited")
        return message

    def _apply_edit(self, call: _Call, chat: JSON, message: JSON, changes: JSON) -> JSON:
        self._acquire_flood(chat)
        edited = {k: v for k, v in message.items() if k not in changes or changes[k] is not None}
        for key, value in changes.items():
            if value is not None:
                edited[key] = value
            else:
                edited.pop(key, None)
        edited["edit_date"] = int(time.time())
        self._messages[chat["id"]][message["message_id"]] = edited
        markup = edited.get("reply_markup")
        if markup is None:
            self._markups.pop((chat["id"], message["message_id"]), None)
        else:
            self._markups[(chat["id"], message["message_id"])] = markup
        self._event(
            chat["id"],
            "edit",
            call.method,
            message=edited,
            message_id=edited["message_id"],
            reply_markup=markup,
        )
        return edited

    # ------------------------------------------------------------------ Bot API methods

    async def _m_true(self, call: _Call) -> bool:
        return True

    async def _m_get_me(self, call: _Call) -> JSON:
        return {
            **call.bot_user,
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
            "can_connect_to_business": False,
            "has_main_web_app": False,
        }

    async def _m_delete_webhook(self, call: _Call) -> bool:
        self._webhook = {"url": ""}
        if self._bool(call, "drop_pending_updates"):
            self._updates.clear()
            self._notify()
        return True

    async def _m_set_webhook(self, call: _Call) -> bool:
        url = self._str(call, "url") or ""
        if url and not url.startswith("https://"):
            raise _bad("bad webhook: HTTPS url must be provided for webhook")
        self._webhook = {"url": url}
        if self._bool(call, "drop_pending_updates"):
            self._updates.clear()
        return True

    async def _m_get_webhook_info(self, call: _Call) -> JSON:
        return {
            "url": self._webhook["url"],
            "has_custom_certificate": False,
            "pending_update_count": len(self._updates),
        }

    def _polling_alive(self) -> bool:
        request = self._polling
        if request is None:
            return False
        transport = request.transport
        return transport is not None and not transport.is_closing()

    def _confirm(self, offset: int | None) -> None:
        if offset is None:
            return
        if offset < 0:
            keep = -offset
            self._updates = self._updates[-keep:] if keep else []
            return
        if self._updates and self._updates[0]["update_id"] < offset:
            self._updates = [u for u in self._updates if u["update_id"] >= offset]
            self._notify()

    def _filter_allowed(self) -> None:
        allowed = self._allowed_updates
        kept = []
        for update in self._updates:
            kind = next(k for k in update if k != "update_id")
            if (allowed is None and kind in _DEFAULT_EXCLUDED_UPDATES) or (
                allowed is not None and kind not in allowed
            ):
                continue
            kept.append(update)
        self._updates = kept

    async def _m_get_updates(self, call: _Call) -> list[JSON]:
        if self._webhook["url"]:
            raise ApiError(
                409,
                "Conflict: can't use getUpdates method while webhook is active; use "
                "deleteWebhook to delete the webhook first",
            )
        if self._polling_alive():
            # A bot that cancels its long poll and polls again at once (PTB does so on
            # stop) races the server noticing the dropped connection; allow it a moment.
            grace = time.monotonic() + 0.2
            while True:
                changed = self._changed
                remaining = grace - time.monotonic()
                if not self._polling_alive() or remaining <= 0:
                    break
                await self._wait_change(changed, remaining)
            if self._polling_alive():
                raise ApiError(409, _GET_UPDATES_CONFLICT)
        offset = self._int(call, "offset", required=False, default=0) or None
        limit = min(100, max(1, self._int(call, "limit", required=False, default=100)))
        timeout = max(0, self._int(call, "timeout", required=False, default=0))
        allowed = call.params.get("allowed_updates")
        if isinstance(allowed, list):
            self._allowed_updates = set(allowed) if allowed else None
        self._polling = call.request
        try:
            deadline = time.monotonic() + timeout
            while True:
                changed = self._changed
                self._confirm(offset)
                self._filter_allowed()
                batch = [u for u in self._updates if offset is None or u["update_id"] >= offset]
                batch = batch[:limit]
                remaining = deadline - time.monotonic()
                if batch or remaining <= 0 or self._stopping.is_set():
                    break
                await self._wait_change(changed, remaining)
            if batch:
                self._delivered.update(u["update_id"] for u in batch)
                self._touch()
                self._notify()
            return copy.deepcopy(batch)
        finally:
            if self._polling is call.request:
                self._polling = None
                self._notify()

    async def _m_send_message(self, call: _Call) -> JSON:
        chat = self._resolve_chat(call)
        self._check_blocked(chat)
        text, entities = self._text(
            call.params.get("text"),
            call.params.get("parse_mode"),
            call.params.get("entities"),
            caption=False,
        )
        markup = self._reply_markup(call.params.get("reply_markup"))
        reply = self._reply_to(call, chat)
        content: JSON = {"text": text}
        if entities:
            content["entities"] = entities
        return self._send(call, chat, content, markup, reply)

    async def _m_edit_message_text(self, call: _Call) -> JSON:
        chat = self._resolve_chat(call)
        self._check_blocked(chat)
        message = self._own_message(call, chat, action="edit")
        text, entities = self._text(
            call.params.get("text"),
            call.params.get("parse_mode"),
            call.params.get("entities"),
            caption=False,
        )
        markup = self._reply_markup(call.params.get("reply_markup"), inline_only=True)
        if "text" not in message:
            raise _bad("there is no text in the message to edit")
        if (
            message["text"] == text
            and message.get("entities", []) == entities
            and message.get("reply_markup") == markup
        ):
            raise _bad(_NOT_MODIFIED)
        # Like Telegram, an edit without reply_markup removes the inline keyboard.
        return self._apply_edit(
            call,
            chat,
            message,
            {"text": text, "entities": entities or None, "reply_markup": markup},
        )

    async def _m_edit_message_caption(self, call: _Call) -> JSON:
        chat = self._resolve_chat(call)
        self._check_blocked(chat)
        message = self._own_message(call, chat, action="edit")
        caption, entities = self._text(
            call.params.get("caption"),
            call.params.get("parse_mode"),
            call.params.get("caption_entities"),
            caption=True,
        )
        markup = self._reply_markup(call.params.get("reply_markup"), inline_only=True)
        if not any(k in message for k in ("document", "photo", "voice", "video", "audio")):
            raise _bad("there is no caption in the message to edit")
        if (
            message.get("caption", "") == caption
            and message.get("caption_entities", []) == entities
            and message.get("reply_markup") == markup
        ):
            raise _bad(_NOT_MODIFIED)
        return self._apply_edit(
            call,
            chat,
            message,
            {
                "caption": caption or None,
                "caption_entities": entities or None,
                "reply_markup": markup,
            },
        )

    async def _m_edit_message_reply_markup(self, call: _Call) -> JSON:
        chat = self._resolve_chat(call)
        self._check_blocked(chat)
        message = self._own_message(call, chat, action="edit")
        markup = self._reply_markup(call.params.get("reply_markup"), inline_only=True)
        if message.get("reply_markup") == markup:
            raise _bad(_NOT_MODIFIED)
        return self._apply_edit(call, chat, message, {"reply_markup": markup})

    async def _m_delete_message(self, call: _Call) -> bool:
        chat = self._resolve_chat(call)
        message_id = self._int(call, "message_id")
        messages = self._messages.get(chat["id"], {})
        if message_id not in messages:
            raise _bad("message to delete not found")
        del messages[message_id]
        self._markups.pop((chat["id"], message_id), None)
        self._event(chat["id"], "delete", call.method, message_id=message_id)
        return True

    async def _m_answer_callback_query(self, call: _Call) -> bool:
        query_id = self._str(call, "callback_query_id")
        query = self._callbacks.get(query_id or "")
        if (
            query is None
            or query["answered"]
            or time.monotonic() - query["created"] > self.callback_query_ttl
        ):
            raise _bad(_QUERY_TOO_OLD)
        text = self._str(call, "text")
        if text is not None and len(text) > 200:
            raise _bad("MESSAGE_TOO_LONG")
        query["answered"] = True
        self._event(
            query["chat_id"],
            "callback_answer",
            call.method,
            callback_query_id=query_id,
            message_id=query["message_id"],
            text=text,
            show_alert=self._bool(call, "show_alert"),
            url=self._str(call, "url"),
        )
        return True

    def _commands_key(self, call: _Call) -> tuple[str, str]:
        scope = call.params.get("scope") or {"type": "default"}
        if not isinstance(scope, dict) or "type" not in scope:
            raise _bad("can't parse BotCommandScope JSON object")
        if (
            scope["type"] in ("chat", "chat_administrators", "chat_member")
            and scope.get("chat_id") not in self._chats
        ):
            raise _bad("chat not found")
        language = self._str(call, "language_code") or ""
        if language and not re.fullmatch(r"[a-z]{2}", language):
            raise _bad("invalid language code specified")
        return json.dumps(scope, sort_keys=True), language

    async def _m_set_my_commands(self, call: _Call) -> bool:
        commands = call.params.get("commands")
        if not isinstance(commands, list):
            raise _bad("can't parse commands JSON object")
        if len(commands) > 100:
            raise _bad("too many commands specified")
        for command in commands:
            if not isinstance(command, dict):
                raise _bad("can't parse BotCommand JSON object")
            name = command.get("command")
            description = command.get("description")
            if not isinstance(name, str) or not _BOT_COMMAND_RE.fullmatch(name):
                raise _bad("BOT_COMMAND_INVALID")
            if not isinstance(description, str) or not 1 <= len(description) <= 256:
                raise _bad("command description must be non-empty")
        scope, language = self._commands_key(call)
        key = (scope, language)
        if commands:
            self._commands[key] = {
                "scope": json.loads(scope),
                "language_code": language,
                "commands": [
                    {"command": c["command"], "description": c["description"]} for c in commands
                ],
            }
        else:
            self._commands.pop(key, None)
        return True

    async def _m_get_my_commands(self, call: _Call) -> list[JSON]:
        entry = self._commands.get(self._commands_key(call))
        return copy.deepcopy(entry["commands"]) if entry else []

    async def _m_delete_my_commands(self, call: _Call) -> bool:
        self._commands.pop(self._commands_key(call), None)
        return True

    async def _m_set_chat_menu_button(self, call: _Call) -> bool:
        key = "default"
        if call.params.get("chat_id") not in (None, ""):
            key = str(self._resolve_chat(call)["id"])
        button = call.params.get("menu_button") or {"type": "default"}
        if not isinstance(button, dict) or "type" not in button:
            raise _bad("can't parse menu button JSON object")
        self._menu_buttons[key] = button
        return True

    async def _m_get_chat_menu_button(self, call: _Call) -> JSON:
        key = "default"
        if call.params.get("chat_id") not in (None, ""):
            key = str(self._resolve_chat(call)["id"])
        return (
            self._menu_buttons.get(key) or self._menu_buttons.get("default") or {"type": "commands"}
        )

    async def _m_send_chat_action(self, call: _Call) -> bool:
        chat = self._resolve_chat(call)
        self._check_blocked(chat)
        action = self._str(call, "action")
        if action not in _CHAT_ACTIONS:
            raise _bad("wrong parameter action in request")
        self._event(chat["id"], "chat_action", call.method, action=action)
        return True

    def _input_file(self, call: _Call, name: str) -> tuple[_StoredFile | None, _Upload | None]:
        """Resolve a file parameter to a stored file (by id) or a fresh upload."""
        upload = call.files.get(name)
        value = call.params.get(name)
        if upload is None and isinstance(value, str) and value.startswith("attach://"):
            upload = call.files.get(value[len("attach://") :])
        if upload is not None:
            return None, upload
        if not isinstance(value, str) or not value:
            raise _bad(f"there is no {name} in the request")
        stored = self._files.get(value)
        if stored is not None:
            return stored, None
        if value.startswith(("http://", "https://")):
            name_part = value.rstrip("/").rsplit("/", 1)[-1] or "file"
            mime = mimetypes.guess_type(name_part)[0] or "application/octet-stream"
            return None, _Upload(filename=name_part, content_type=mime, data=b"")
        raise _bad("wrong file identifier/HTTP URL specified")

    def _caption_content(self, call: _Call) -> JSON:
        caption, entities = self._text(
            call.params.get("caption"),
            call.params.get("parse_mode"),
            call.params.get("caption_entities"),
            caption=True,
        )
        content: JSON = {}
        if caption:
            content["caption"] = caption
        if entities:
            content["caption_entities"] = entities
        return content

    async def _m_send_document(self, call: _Call) -> JSON:
        chat = self._resolve_chat(call)
        self._check_blocked(chat)
        stored, upload = self._input_file(call, "document")
        content = self._caption_content(call)
        markup = self._reply_markup(call.params.get("reply_markup"))
        reply = self._reply_to(call, chat)
        self._acquire_flood(chat)
        if upload is not None:
            mime = (
                upload.content_type
                if upload.content_type and upload.content_type != "application/octet-stream"
                else mimetypes.guess_type(upload.filename)[0] or "application/octet-stream"
            )
            stored = self._new_file(upload.data, upload.filename, mime, "documents")
        assert stored is not None
        content["document"] = {
            "file_id": stored.file_id,
            "file_unique_id": stored.file_unique_id,
            "file_name": stored.file_name,
            "mime_type": stored.mime_type,
            "file_size": len(stored.data),
        }
        return self._send(call, chat, content, markup, reply, flood=False)

    def _photo_sizes(self, stored: _StoredFile) -> list[JSON]:
        return [
            {
                "file_id": stored.file_id,
                "file_unique_id": stored.file_unique_id,
                "width": width,
                "height": width * 3 // 4,
                "file_size": len(stored.data) * width // 1280 or 1,
            }
            for width in (90, 320, 1280)
        ]

    async def _m_send_photo(self, call: _Call) -> JSON:
        chat = self._resolve_chat(call)
        self._check_blocked(chat)
        stored, upload = self._input_file(call, "photo")
        content = self._caption_content(call)
        markup = self._reply_markup(call.params.get("reply_markup"))
        reply = self._reply_to(call, chat)
        self._acquire_flood(chat)
        if upload is not None:
            stored = self._new_file(upload.data, upload.filename, "image/jpeg", "photos", "AgAC")
        assert stored is not None
        content["photo"] = self._photo_sizes(stored)
        return self._send(call, chat, content, markup, reply, flood=False)

    async def _m_send_voice(self, call: _Call) -> JSON:
        chat = self._resolve_chat(call)
        self._check_blocked(chat)
        stored, upload = self._input_file(call, "voice")
        content = self._caption_content(call)
        markup = self._reply_markup(call.params.get("reply_markup"))
        reply = self._reply_to(call, chat)
        self._acquire_flood(chat)
        if upload is not None:
            stored = self._new_file(upload.data, upload.filename, "audio/ogg", "voice", "AwAC")
        assert stored is not None
        content["voice"] = {
            "file_id": stored.file_id,
            "file_unique_id": stored.file_unique_id,
            "duration": int(call.params.get("duration") or 1),
            "mime_type": stored.mime_type or "audio/ogg",
            "file_size": len(stored.data),
        }
        return self._send(call, chat, content, markup, reply, flood=False)

    async def _m_send_poll(self, call: _Call) -> JSON:
        chat = self._resolve_chat(call)
        self._check_blocked(chat)
        question = self._str(call, "question") or ""
        if (
            not PollLimit.MIN_QUESTION_LENGTH
            <= len(question.strip())
            <= (PollLimit.MAX_QUESTION_LENGTH)
        ):
            raise _bad("POLL_QUESTION_INVALID")
        raw_options = call.params.get("options")
        if not isinstance(raw_options, list):
            raise _bad("can't parse options JSON object")
        texts: list[str] = []
        for option in raw_options:
            text = option.get("text") if isinstance(option, dict) else option
            if not isinstance(text, str) or not (
                PollLimit.MIN_OPTION_LENGTH <= len(text.strip()) <= PollLimit.MAX_OPTION_LENGTH
            ):
                raise _bad("POLL_OPTION_INVALID")
            texts.append(text)
        if len(texts) < PollLimit.MIN_OPTION_NUMBER:
            raise _bad(f"poll must have at least {PollLimit.MIN_OPTION_NUMBER} option")
        if len(texts) > PollLimit.MAX_OPTION_NUMBER:
            raise _bad(f"poll can have at most {PollLimit.MAX_OPTION_NUMBER} options")
        poll_type = self._str(call, "type") or "regular"
        if poll_type not in ("regular", "quiz"):
            raise _bad("POLL_TYPE_INVALID")
        open_period = self._int(call, "open_period", required=False, default=0)
        if open_period and not (
            PollLimit.MIN_OPEN_PERIOD <= open_period <= PollLimit.MAX_OPEN_PERIOD
        ):
            raise _bad("POLL_OPEN_PERIOD_INVALID")
        correct: list[int] = []
        if poll_type == "quiz":
            raw_correct = call.params.get("correct_option_ids")
            if raw_correct is None and call.params.get("correct_option_id") is not None:
                raw_correct = [self._int(call, "correct_option_id")]
            if not isinstance(raw_correct, list) or not raw_correct:
                raise _bad("wrong correct option specified")
            correct = [int(c) for c in raw_correct]
            if any(not 0 <= c < len(texts) for c in correct):
                raise _bad("wrong correct option specified")
        markup = self._reply_markup(call.params.get("reply_markup"))
        reply = self._reply_to(call, chat)
        self._acquire_flood(chat)
        poll_id = str(5_300_000_000_000_000_000 + len(self._polls) + 1)
        poll: JSON = {
            "id": poll_id,
            "question": question,
            "options": [
                {"text": text, "voter_count": 0, "persistent_id": str(index)}
                for index, text in enumerate(texts)
            ],
            "total_voter_count": 0,
            "is_closed": self._bool(call, "is_closed"),
            "is_anonymous": self._bool(call, "is_anonymous", default=True),
            "type": poll_type,
            "allows_multiple_answers": self._bool(call, "allows_multiple_answers"),
            "allows_revoting": self._bool(call, "allows_revoting", default=poll_type != "quiz"),
            "members_only": self._bool(call, "members_only"),
        }
        if correct:
            poll["correct_option_ids"] = correct
        if open_period:
            poll["open_period"] = open_period
            poll["close_date"] = int(time.time()) + open_period
        message = self._send(call, chat, {"poll": poll}, markup, reply, flood=False)
        self._polls[poll_id] = {
            "chat_id": chat["id"],
            "message_id": message["message_id"],
            "votes": {},
        }
        if open_period:
            loop = asyncio.get_running_loop()
            self._poll_timers[poll_id] = loop.call_later(
                open_period, self._close_poll, poll_id, "openPeriod"
            )
        return message

    def _poll_message(self, poll_id: str) -> JSON | None:
        info = self._polls.get(poll_id)
        if info is None:
            return None
        return self._messages.get(info["chat_id"], {}).get(info["message_id"])

    def _close_poll(self, poll_id: str, method: str) -> JSON | None:
        """Close a poll (stopPoll or open_period expiry) and tell the bot, as Telegram does."""
        timer = self._poll_timers.pop(poll_id, None)
        if timer is not None:
            timer.cancel()
        message = self._poll_message(poll_id)
        if message is None or message["poll"]["is_closed"]:
            return None
        message["poll"]["is_closed"] = True
        self._event(
            message["chat"]["id"],
            "edit",
            method,
            message=message,
            message_id=message["message_id"],
            reply_markup=message.get("reply_markup"),
        )
        self._enqueue({"poll": copy.deepcopy(message["poll"])})
        return message

    async def _m_stop_poll(self, call: _Call) -> JSON:
        chat = self._resolve_chat(call)
        self._check_blocked(chat)
        message = self._own_message(call, chat, action="edit")
        if "poll" not in message:
            raise _bad("message with poll to stop not found")
        if message["poll"]["is_closed"]:
            raise _bad("poll has already been closed")
        markup = self._reply_markup(call.params.get("reply_markup"), inline_only=True)
        self._acquire_flood(chat)
        if markup is not None:
            message["reply_markup"] = markup
            self._markups[(chat["id"], message["message_id"])] = markup
        self._close_poll(message["poll"]["id"], call.method)
        return copy.deepcopy(message["poll"])

    async def _m_get_file(self, call: _Call) -> JSON:
        file_id = self._str(call, "file_id") or ""
        stored = self._files.get(file_id)
        if stored is None:
            raise _bad("invalid file_id")
        return {
            "file_id": stored.file_id,
            "file_unique_id": stored.file_unique_id,
            "file_size": len(stored.data),
            "file_path": stored.file_path,
        }

    async def _m_get_chat(self, call: _Call) -> JSON:
        chat = dict(self._resolve_chat(call))
        chat.update(
            {
                "accent_color_id": 0,
                "max_reaction_count": 11,
                "accepted_gift_types": {
                    "unlimited_gifts": True,
                    "limited_gifts": True,
                    "unique_gifts": True,
                    "premium_subscription": True,
                    "gifts_from_channels": True,
                },
            }
        )
        return chat

    # ------------------------------------------------------------------ control API

    def _control(
        self, handler: Callable[[web.Request], Awaitable[Any]]
    ) -> Callable[[web.Request], Awaitable[web.StreamResponse]]:
        async def wrapped(request: web.Request) -> web.StreamResponse:
            try:
                result = await handler(request)
            except _ControlError as err:
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
            raise _ControlError(400, "body must be JSON") from err
        if not isinstance(body, dict):
            raise _ControlError(400, "body must be a JSON object")
        return body

    def _user(self, request: web.Request) -> JSON:
        try:
            uid = int(request.match_info["uid"])
        except ValueError as err:
            raise _ControlError(400, "user id must be an integer") from err
        user = self._users.get(uid)
        if user is None:
            raise _ControlError(404, f"no user {uid}")
        return user

    async def _c_create_user(self, request: web.Request) -> JSON:
        body = await self._body(request)
        first_name = body.get("first_name")
        if not isinstance(first_name, str) or not first_name:
            raise _ControlError(400, "first_name is required")
        uid = body.get("id")
        if uid is None:
            while self._next_user_id in self._users:
                self._next_user_id += 1
            uid = self._next_user_id
            self._next_user_id += 1
        if not isinstance(uid, int) or uid <= 0:
            raise _ControlError(400, "id must be a positive integer")
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
            raise _ControlError(400, "title is required")
        gid = body.get("id")
        if gid is None:
            while self._next_group_id in self._chats:
                self._next_group_id -= 1
            gid = self._next_group_id
            self._next_group_id -= 1
        if not isinstance(gid, int) or gid >= 0:
            raise _ControlError(400, "group id must be a negative integer")
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
                raise _ControlError(400, "text must be non-empty")
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
                raise _ControlError(400, "contact.phone_number is required")
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
            raise _ControlError(
                400, "one of text, photo, voice, document, sticker, contact, location is required"
            )
        return content

    def _user_chat(self, user: JSON, body: JSON) -> JSON:
        chat_id = body.get("chat_id")
        if chat_id is None:
            return self._chats[user["id"]]
        chat = self._chats.get(chat_id) if isinstance(chat_id, int) else None
        if chat is None:
            raise _ControlError(404, f"no chat {chat_id}")
        return chat

    async def _c_user_message(self, request: web.Request) -> JSON:
        user = self._user(request)
        body = await self._body(request)
        chat = self._user_chat(user, body)
        if chat["type"] == "private" and user["id"] in self._blocked:
            raise _ControlError(409, "the user has blocked the bot; unblock first")
        content = self._user_content(user, body)
        reply_id = body.get("reply_to_message_id")
        if reply_id is not None:
            replied = self._messages.get(chat["id"], {}).get(int(reply_id))
            if replied is None:
                raise _ControlError(404, f"no message {reply_id} in chat {chat['id']}")
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
            raise _ControlError(400, "update id must be an integer") from err
        original = self._update_log.get(update_id)
        if original is None:
            raise _ControlError(404, f"no update {update_id}")
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
                raise _ControlError(404, f"no bot message {message_id} in chat {chat['id']}")
        elif button_text is not None:
            candidates = [
                m
                for m in reversed(messages.values())
                if self._is_bot_message(m) and self._find_button(m, button_text)
            ]
            if not candidates:
                raise _ControlError(404, f"no bot message with a button {button_text!r}")
            message = candidates[0]
        else:
            raise _ControlError(400, "message_id or button_text is required")
        if button_text is not None:
            button = self._find_button(message, button_text)
            if button is None:
                raise _ControlError(
                    404, f"message {message['message_id']} has no button {button_text!r}"
                )
            if "callback_data" not in button:
                raise _ControlError(400, f"button {button_text!r} has no callback_data")
            data = button["callback_data"]
        if not isinstance(data, str):
            raise _ControlError(400, "data or button_text is required")
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
            raise _ControlError(404, f"no poll {poll_id}")
        poll = message["poll"]
        option_ids = body.get("option_ids", [])
        if not isinstance(option_ids, list) or not all(isinstance(o, int) for o in option_ids):
            raise _ControlError(400, "option_ids must be a list of integers")
        if poll["is_closed"]:
            raise _ControlError(400, "the poll is closed")
        if any(not 0 <= o < len(poll["options"]) for o in option_ids):
            raise _ControlError(400, "option id out of range")
        if len(set(option_ids)) != len(option_ids):
            raise _ControlError(400, "duplicate option ids")
        if len(option_ids) > 1 and not poll["allows_multiple_answers"]:
            raise _ControlError(400, "the poll allows only one answer")
        votes: dict[int, list[int]] = info["votes"]
        previous = votes.get(user["id"])
        if previous and not poll["allows_revoting"]:
            raise _ControlError(400, "the poll does not allow changing a vote")
        if not option_ids and not previous:
            raise _ControlError(400, "nothing to retract")
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
            raise _ControlError(400, f"{name} must be a number") from err

    def _chat_id(self, request: web.Request) -> int:
        try:
            return int(request.match_info["chat_id"])
        except ValueError as err:
            raise _ControlError(400, "chat id must be an integer") from err

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

    def set_faults(
        self,
        error_rate: float = 0.0,
        hang_rate: float = 0.0,
        hang_seconds: float = 30.0,
        methods: Iterable[str] | None = None,
    ) -> None:
        """Fail a seeded-random share of requests with 500 (or hang, then 500), unperformed."""
        if not (0 <= error_rate <= 1 and 0 <= hang_rate <= 1 and error_rate + hang_rate <= 1):
            raise ValueError("rates must be within 0..1 and sum to at most 1")
        self._faults.error_rate = float(error_rate)
        self._faults.hang_rate = float(hang_rate)
        self._faults.hang_seconds = float(hang_seconds)
        self._faults.methods = (
            {self._canonical(m) for m in methods} if methods is not None else None
        )

    def _canonical(self, method: str) -> str:
        known = self._methods.get(method.lower())
        return known[0] if known else method

    def fail_next(
        self, method: str, count: int = 1, mode: str = "error", hang_seconds: float | None = None
    ) -> None:
        """Make the next ``count`` calls of ``method`` fail (``error``) or hang, then fail.

        A hang lasts ``hang_seconds`` (default: the one of :meth:`set_faults`, 30 s).
        """
        if mode not in ("error", "hang"):
            raise ValueError("mode must be 'error' or 'hang'")
        seconds = self._faults.hang_seconds if hang_seconds is None else float(hang_seconds)
        queue = self._faults.next.setdefault(self._canonical(method), deque())
        queue.extend([(mode, seconds)] * count)

    def flood_next(self, method: str, count: int = 1, retry_after: int = 30) -> None:
        """Answer the next ``count`` calls of ``method`` with 429 and ``retry_after``.

        As after a real 429, the chat of the call (every chat when it has none) is then held to
        it: a retry before ``retry_after`` seconds is refused again.
        """
        if retry_after < 1 or count < 1:
            raise ValueError("retry_after and count must be at least 1")
        queue = self._faults.next.setdefault(self._canonical(method), deque())
        queue.extend([("flood", float(retry_after))] * count)

    def clear_faults(self) -> None:
        """Remove every random and queued fault (the RNG keeps its position)."""
        self._faults = _Faults()

    def set_limits(self, limits: FloodLimits) -> None:
        """Replace the flood limits and forget the windows so far."""
        self._flood.reset(limits)

    @property
    def limits(self) -> FloodLimits:
        return self._flood.limits

    async def _c_set_faults(self, request: web.Request) -> JSON:
        body = await self._body(request)
        try:
            self.set_faults(
                error_rate=float(body.get("error_rate", 0.0)),
                hang_rate=float(body.get("hang_rate", 0.0)),
                hang_seconds=float(body.get("hang_seconds", 30.0)),
                methods=body.get("methods"),
            )
        except (TypeError, ValueError) as err:
            raise _ControlError(400, str(err)) from err
        return {"ok": True}

    async def _c_fail_next(self, request: web.Request) -> JSON:
        body = await self._body(request)
        method = body.get("method")
        if not isinstance(method, str) or not method:
            raise _ControlError(400, "method is required")
        try:
            hang_seconds = body.get("hang_seconds")
            self.fail_next(
                method,
                int(body.get("count", 1)),
                str(body.get("mode", "error")),
                None if hang_seconds is None else float(hang_seconds),
            )
        except ValueError as err:
            raise _ControlError(400, str(err)) from err
        return {"ok": True}

    async def _c_flood_next(self, request: web.Request) -> JSON:
        body = await self._body(request)
        method = body.get("method")
        if not isinstance(method, str) or not method:
            raise _ControlError(400, "method is required")
        try:
            self.flood_next(method, int(body.get("count", 1)), int(body.get("retry_after", 30)))
        except (TypeError, ValueError) as err:
            raise _ControlError(400, str(err)) from err
        return {"ok": True}

    async def _c_clear_faults(self, request: web.Request) -> JSON:
        self.clear_faults()
        return {"ok": True}

    async def _c_set_limits(self, request: web.Request) -> JSON:
        body = await self._body(request)
        try:
            limits = FloodLimits.from_dict(body)
        except (TypeError, ValueError) as err:
            raise _ControlError(400, str(err)) from err
        self.set_limits(limits)
        return limits.to_dict()

    async def _c_get_limits(self, request: web.Request) -> JSON:
        return self._flood.limits.to_dict()

    async def _c_commands(self, request: web.Request) -> list[JSON]:
        return copy.deepcopy(list(self._commands.values()))

    def stats(self) -> JSON:
        """Counters of what the bot did; ``responses_4xx`` excludes the 429s counted apart."""
        return {
            "requests": dict(self._requests),
            "responses_429": self._responses_429,
            "responses_500": self._responses_500,
            "responses_4xx": self._responses_4xx,
            "sent_messages": self._sent_messages,
            "pending_updates": self._pending_count(),
            "unconfirmed_updates": len(self._updates),
            "inflight": self._inflight,
        }

    async def _c_stats(self, request: web.Request) -> JSON:
        return self.stats()

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

    async def _c_idle(self, request: web.Request) -> JSON:
        quiet_ms = self._query_number(request, "quiet_ms", 150)
        wait = min(self._query_number(request, "wait", 10), 300.0)
        return {"idle": await self.wait_idle(quiet_ms, wait)}
