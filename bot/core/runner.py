"""Start and stop the bot inside a running event loop: the tests, the demo and `bimtek-bot run`.

The same steps as `Application.run_polling`, in the same order (`post_init`, `post_shutdown`),
except that updates are fetched by the inbox (bot/core/inbox.py), which confirms them to Telegram
only once they are stored, instead of PTB's `Updater`.
"""

from __future__ import annotations

import asyncio
import contextlib
import signal
from typing import Any

from bot.core.context import BotApplication
from bot.core.inbox import inbox_of


async def start(
    app: BotApplication, *, poll_timeout: float = 10.0, webhook: dict[str, Any] | None = None
) -> None:
    """Open everything, replay stored updates, then long-poll (or serve the webhook)."""
    await app.initialize()
    if app.post_init is not None:
        await app.post_init(app)
    await app.start()
    if webhook is not None:
        assert app.updater is not None
        # PTB's webhook server puts each update into the application's queue, which is the
        # inbox: stored before the HTTP 200.
        await app.updater.start_webhook(**webhook)
    await inbox_of(app).start(polling=webhook is None, timeout=poll_timeout)


async def stop(app: BotApplication) -> None:
    """Stop cleanly: stop fetching, finish processing, flush persistence, close."""
    if app.updater is not None and app.updater.running:
        await app.updater.stop()
    await inbox_of(app).stop()
    if app.running:
        await app.stop()
    await app.shutdown()
    if app.post_shutdown is not None:
        await app.post_shutdown(app)


async def serve(app: BotApplication, *, webhook: dict[str, Any] | None = None) -> None:
    """Run until SIGINT or SIGTERM (`bimtek-bot run`)."""
    stopped = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError):
            loop.add_signal_handler(sig, stopped.set)
    await start(app, webhook=webhook)
    try:
        await stopped.wait()
    finally:
        await stop(app)
