"""What several benchmarks share: the bot under benchmark, started in its own process."""

from __future__ import annotations

import asyncio
import os
import sys


async def start_bot(module: str, *args: str) -> asyncio.subprocess.Process:
    """Run `python -m <module> --serve-bot <args>` and wait until it prints `ready`.

    The bot runs in its own process so the emulator and the simulated users do not share its
    event loop; a bot that exits before it is ready fails the benchmark instead of hanging it.
    """
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
    while (line := await bot.stdout.readline()).strip() != b"ready":
        if not line:
            await bot.wait()
            raise RuntimeError(f"{module} exited (code {bot.returncode}) before it was ready")
    return bot
