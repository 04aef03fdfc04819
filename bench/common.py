"""What several benchmarks share: the bot in its own process, its participants, the poll form."""

from __future__ import annotations

import asyncio
import os
import sys
from pathlib import Path

from bot.core.config import DEFAULT_WORKSHOP
from bot.core.workshop import load_workshop
from bot.dev.emulator import EmulatorClient, SimUser
from bot.dev.sandbox import screen
from handlers.texts import t
from storage.db import Database
from storage.models import Profile
from storage.repository import Repository


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


async def register(db_path: Path, users: list[SimUser], offline_every: int = 0) -> None:
    """Sync the workshop and register every user for Tahap I, straight into SQLite.

    With `offline_every` = k, every k-th user is in the room instead of online.
    """
    db = await Database.open(db_path)
    try:
        repo = Repository(db)
        await repo.sync_workshop(load_workshop(DEFAULT_WORKSHOP))
        for i, user in enumerate(users):
            await repo.touch_user(user.id, user.first_name, None)
            mode = (
                "offline" if offline_every and i % offline_every == offline_every - 1 else "online"
            )
            await repo.register_self(
                user.id, Profile(f"Peserta {i:04d}", "Bappeda", "opd_staff"), 1, mode
            )
    finally:
        await db.close()


POLL_OPTIONS = ["Cukup", "Kurang", "Belum tahu"]


async def poll_by_chat(fac: SimUser, question: str, anonymous: bool) -> None:
    """The facilitator's /polling form, up to the confirmation screen (not sent yet)."""
    await fac.send(f"/polling {question}")
    await fac.reply(timeout=30)
    await fac.send("\n".join(POLL_OPTIONS))
    await fac.reply(timeout=30)
    await fac.press("✅ Selesai")
    await screen(fac, timeout=30)
    await fac.press("Satu jawaban")
    await screen(fac, timeout=30)
    await fac.press("🕶 Anonim" if anonymous else "👤 Bernama")
    await screen(fac, timeout=30)
    await fac.press(t("id", "btn_audience_all"))
    await screen(fac, timeout=30)
    await fac.press("Tanpa batas waktu")


async def participants(client: EmulatorClient, count: int, *, at_once: int) -> list[SimUser]:
    """`count` simulated participants, created `at_once` at a time (the emulator's control API)."""
    gate = asyncio.Semaphore(at_once)

    async def make(i: int) -> SimUser:
        async with gate:
            return await client.user(f"Peserta{i:04d}")

    return list(await asyncio.gather(*(make(i) for i in range(count))))
