"""Run an application inside an already running event loop (the demo and the tests).

`Application.run_polling` owns its event loop, which the demo and the tests cannot give it: they
run the Bot API emulator in the same loop. This runs the same steps in the same order, including
`post_init` and `post_shutdown`.
"""

from __future__ import annotations

from telegram import Update

from bot.core.context import BotApplication


async def start(app: BotApplication, *, poll_timeout: float = 10.0) -> None:
    await app.initialize()
    if app.post_init is not None:
        await app.post_init(app)
    assert app.updater is not None
    await app.updater.start_polling(
        poll_interval=0.0, timeout=int(poll_timeout), allowed_updates=Update.ALL_TYPES
    )
    await app.start()


async def stop(app: BotApplication) -> None:
    """Stop cleanly: fetched updates are confirmed and persistence is flushed."""
    assert app.updater is not None
    if app.updater.running:
        await app.updater.stop()
    if app.running:
        await app.stop()
    await app.shutdown()
    if app.post_shutdown is not None:
        await app.post_shutdown(app)
