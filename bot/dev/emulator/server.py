"""An in-process Telegram Bot API emulator with a control API for tests and demos.

Why: the bot must never lose a participant's message, must respect Telegram's flood limits and
must survive Telegram's errors. None of that can be tested against the real Telegram, so the
emulator speaks the Bot API over real HTTP (python-telegram-bot talks to it unchanged through
``base_url``) and answers with Telegram's own object shapes, error codes and descriptions.
Simulated users act through a separate control API under ``/_emu`` (see ``client.py``).

The server is composed of one module per concern: ``state`` (users, chats, messages,
updates), ``faults`` (injected errors and 429 holds, with ``limits``), ``methods_messages``,
``methods_media``, ``methods_polls``, ``methods_updates``, ``methods_misc`` (the Bot API
methods) and ``control`` (the ``/_emu`` routes). ``Emulator`` here routes HTTP to them.

Delivery accounting: an update counts as *pending* until a ``getUpdates`` call has returned it.
Telegram only forgets an update when a later ``getUpdates`` carries an ``offset`` past it, so a
bot that has processed its last update still has it "unconfirmed" until its next poll; treating
"returned" as delivered is what makes ``/_emu/idle`` usable with a long-polling bot.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

from aiohttp import web

from bot.dev.emulator.api import (
    JSON,
    TOKEN_RE,
    ApiError,
    Call,
    MethodHandler,
    Upload,
    bad_request,
)
from bot.dev.emulator.control import ControlRoutes

if TYPE_CHECKING:
    from bot.dev.emulator.client import EmulatorClient

__all__ = ["ApiError", "Emulator"]


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


class Emulator(ControlRoutes):
    """The emulated Bot API server plus its control API; see the module docstring."""

    def _bot_api_methods(self) -> dict[str, MethodHandler]:
        """Every Bot API method the emulator serves, by its Telegram name."""
        return {
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
        }

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

    @staticmethod
    def _coerce(name: str, value: Any) -> Any:
        if name in _JSON_FIELDS and isinstance(value, str):
            try:
                return json.loads(value)
            except ValueError:
                return value
        return value

    async def _read_params(self, request: web.Request) -> tuple[JSON, dict[str, Upload]]:
        params: JSON = {}
        files: dict[str, Upload] = {}
        for key, query_value in request.query.items():
            params[key] = self._coerce(key, query_value)
        if request.method != "POST" or not request.body_exists:
            return params, files
        if request.content_type == "application/json":
            try:
                body = await request.json()
            except ValueError as err:
                raise bad_request("can't parse JSON encoded request body") from err
            if not isinstance(body, dict):
                raise bad_request("JSON body must be an object")
            params.update(body)
            return params, files
        form = await request.post()
        for key, value in form.items():
            if isinstance(value, web.FileField):
                files[key] = Upload(
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

    async def _handle_bot(self, request: web.Request) -> web.Response:
        match = TOKEN_RE.fullmatch(request.match_info["token"])
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
            delay = self._faults.latency / 2 if counts_inflight else 0.0
            await self._pause(delay)
            if fault is not None and fault[0] == "hang":
                await self._pause(fault[1])
            if fault is not None and fault[0] == "flood":
                self._forced_flood(params, int(fault[1]))
            if fault is not None and fault[0] != "slow":
                return self._json_error(ApiError(500, "Internal Server Error"))
            call = Call(method, params, files, request, self._bot_user())
            result = await handler(call)
            if fault is not None:  # slow: done, but the answer comes late (or never)
                self._slow_answers += 1
                await self._pause(fault[1])
            await self._pause(delay)
            return web.json_response({"ok": True, "result": result})
        except ApiError as err:
            return self._json_error(err)
        finally:
            if counts_inflight:
                self._inflight -= 1
                self._touch()
                self._notify()
