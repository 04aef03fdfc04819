"""Start the bot of a benchmark in its own process and wait until it says it is ready."""

from __future__ import annotations

import asyncio
import os
import sys


async def start_bot(module: str, *args: str) -> asyncio.subprocess.Process:
    """`python -m <module> --serve-bot <args>`, quiet logs; returns once it printed 'ready'."""
    bot = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        module,
        "--serve-bot",
        *args,
        stdout=asyncio.subprocess.PIPE,
        env={**os.environ, "BOT_LOG_LEVEL": "WARNING"},
    )
    assert bot.stdout is not None
    while (await bot.stdout.readline()).strip() != b"ready":
        if bot.stdout.at_eof():
            raise RuntimeError(f"the bot of {module} ended before it was ready")
    return bot
