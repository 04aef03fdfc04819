"""The webhook's front door: who may hand the bot an update, and how large it may be.

python-telegram-bot's own webhook server reads a request's whole body (up to tornado's 100 MB
default) before it looks at the secret, so anyone who finds the URL can make the bot hold
megabytes per request. Here the secret (`X-Telegram-Bot-Api-Secret-Token`, compared in constant
time) and the declared size are checked as soon as the headers have arrived: a request without
the right secret gets 403, one larger than any update gets 413, and in both cases the connection
is closed without reading the body. A body is at most `MAX_BODY_BYTES`: Telegram's updates are a
few kilobytes (a message of 4,096 characters with entities and a reply is well under 64 kB).

What happens to a valid update is one function, `receive(update_json)`: by default it becomes an
`Update` on the application's queue, as in PTB's own server. Whoever makes updates durable
before they are acknowledged replaces it; the 200 goes out only after `receive` returns.
"""

from __future__ import annotations

import asyncio
import hmac
import json
import logging
import signal
from collections.abc import Awaitable, Callable
from contextlib import suppress
from typing import Any
from urllib.parse import urlsplit

from telegram import Update
from tornado.httpserver import HTTPServer
from tornado.web import Application as TornadoApplication
from tornado.web import HTTPError, RequestHandler, stream_request_body

from bot.core.config import Settings
from bot.core.context import BotApplication
from bot.core.inbox import find_inbox

log = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
MAX_BODY_BYTES = 1 * 2**20
# Seconds a client may take to send a (small) body once its headers were accepted.
BODY_TIMEOUT = 10.0

Receive = Callable[[dict[str, Any]], Awaitable[None]]


def queue_receiver(app: BotApplication) -> Receive:
    """Hand each update to the application's queue, as python-telegram-bot's server does."""

    async def receive(data: dict[str, Any]) -> None:
        update = Update.de_json(data, app.bot)
        await app.update_queue.put(update)

    return receive


@stream_request_body
class FrontDoor(RequestHandler):
    """POST only, with the secret, at most `MAX_BODY_BYTES`; anything else is never read."""

    SUPPORTED_METHODS = ("POST",)

    def initialize(self, secret: str, receive: Receive) -> None:
        self._secret = secret.encode()
        self._receive = receive
        self._chunks: list[bytes] = []
        self._size = 0

    def prepare(self) -> None:
        # Runs when the headers have arrived, before any of the body is read.
        given = self.request.headers.get(SECRET_HEADER, "").encode()
        if not hmac.compare_digest(given, self._secret):
            self._refuse(403)
            return
        declared = self.request.headers.get("Content-Length")
        if declared is not None and (not declared.isdigit() or int(declared) > MAX_BODY_BYTES):
            self._refuse(413)
            return
        # A chunked body (no Content-Length) is cut off by tornado past the cap.
        self.request.connection.set_max_body_size(MAX_BODY_BYTES)  # type: ignore[union-attr]

    def data_received(self, chunk: bytes) -> None:
        self._size += len(chunk)
        if self._size <= MAX_BODY_BYTES:
            self._chunks.append(chunk)

    async def post(self) -> None:
        if self._size > MAX_BODY_BYTES:
            self._refuse(413)
            return
        try:
            data = json.loads(b"".join(self._chunks))
        except ValueError:
            data = None
        if not isinstance(data, dict) or not isinstance(data.get("update_id"), int):
            self._refuse(400, close=False)
            return
        await self._receive(data)
        self.set_status(200)
        self.finish()

    def _refuse(self, status: int, *, close: bool = True) -> None:
        """Answer at once; before the body is read, close the connection so it never is."""
        log.info("webhook request refused", extra={"status": status})
        self.set_status(status)
        if close:
            self.set_header("Connection", "close")
        self.finish()

    def write_error(self, status_code: int, **kwargs: Any) -> None:
        # Refused before its body was read (a wrong method): the connection is closed after.
        self.set_header("Connection", "close")
        super().write_error(status_code, **kwargs)

    def log_exception(self, *args: Any) -> None:
        if isinstance(args[1], HTTPError):
            return  # a refused method: answered, nothing to report
        log.warning("webhook request failed", exc_info=args)


def webhook_path(settings: Settings) -> str:
    """The server's path: the path of the URL Telegram calls (a proxy passes it on unchanged)."""
    return "/" + urlsplit(settings.webhook_url).path.strip("/")


def start_server(settings: Settings, receive: Receive) -> HTTPServer:
    """Listen on BOT_WEBHOOK_LISTEN:BOT_WEBHOOK_PORT; must run inside the event loop."""
    routes = [
        (webhook_path(settings), FrontDoor, {"secret": settings.webhook_secret, "receive": receive})
    ]
    server = HTTPServer(
        TornadoApplication(routes),
        max_body_size=MAX_BODY_BYTES,
        body_timeout=BODY_TIMEOUT,
        idle_connection_timeout=60,
        xheaders=True,
    )
    server.listen(settings.webhook_port, address=settings.webhook_listen)
    return server


def webhook_kwargs(settings: Settings) -> dict[str, Any]:
    """What `run_webhook` / `Updater.start_webhook` get: the local server, the URL Telegram
    calls (its path is the server's path too, so a proxy passes it on unchanged) and the secret
    every request must carry in `X-Telegram-Bot-Api-Secret-Token` (403 otherwise)."""
    return {
        "listen": settings.webhook_listen,
        "port": settings.webhook_port,
        "url_path": urlsplit(settings.webhook_url).path.strip("/"),
        "webhook_url": settings.webhook_url,
        "secret_token": settings.webhook_secret,
        "allowed_updates": Update.ALL_TYPES,
    }


async def run_webhook(
    app: BotApplication,
    settings: Settings,
    receive: Receive | None = None,
    *,
    stop: asyncio.Event | None = None,
) -> None:
    """Run the bot in webhook mode until SIGINT or SIGTERM (or `stop` is set), with the same
    steps as `Application.run_webhook` (post_init, setWebhook, start; stop, shutdown,
    post_shutdown)."""
    await app.initialize()
    if app.post_init is not None:
        await app.post_init(app)
    kwargs = webhook_kwargs(settings)
    await app.bot.set_webhook(
        url=kwargs["webhook_url"],
        secret_token=kwargs["secret_token"],
        allowed_updates=kwargs["allowed_updates"],
    )
    inbox = find_inbox(app)
    # Through the inbox: each update is stored before its 200 (bot/core/inbox.py).
    server = start_server(settings, receive or (inbox.accept if inbox else queue_receiver(app)))
    await app.start()
    if inbox is not None:
        await inbox.start(polling=False)  # what was stored and not done, first
    stopped = stop or asyncio.Event()
    if stop is None:
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            with suppress(NotImplementedError, RuntimeError):
                loop.add_signal_handler(sig, stopped.set)
    try:
        await stopped.wait()
    finally:
        server.stop()
        await server.close_all_connections()
        if inbox is not None:
            await inbox.stop()  # finish what was taken
        if app.running:
            await app.stop()
        await app.shutdown()
        if app.post_shutdown is not None:
            await app.post_shutdown(app)
