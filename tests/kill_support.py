"""The real bot in its own process (`python -m bot run`), killed with SIGKILL by the tests.

The emulator and the simulated users live in the test process; the bot is a child process
pointed at the emulator by BOT_API_BASE_URL, so a kill is a real kill -9: no shutdown, no flush,
whatever was in its memory is gone. BOT_KILL_TEST_SRC may name another source tree to run (the
figures "before" were measured with it on the code before the inbox).
"""

from __future__ import annotations

import asyncio
import os
import signal
import sqlite3
import sys
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

from bot.dev.emulator import Emulator
from bot.dev.sandbox import ADMIN_ID, FACILITATOR_ID, TEST_TOKEN

ROOT = Path(__file__).resolve().parent.parent


class BotProcess:
    """`python -m bot run` against the emulator, on the database at `db_path`."""

    def __init__(self, emulator: Emulator, db_path: Path, **env: str) -> None:
        self.emulator = emulator
        self.db_path = db_path
        self.extra_env = env
        self.proc: asyncio.subprocess.Process | None = None
        self.log = db_path.with_suffix(".log")

    async def start(self, timeout: float = 15.0) -> None:
        src = Path(os.environ.get("BOT_KILL_TEST_SRC", ROOT))
        env = {
            **os.environ,
            "PYTHONPATH": str(src),
            "PYTHONDONTWRITEBYTECODE": "1",
            "BOT_TOKEN": TEST_TOKEN,
            "BOT_ADMIN_IDS": str(ADMIN_ID),
            "BOT_FACILITATOR_IDS": str(FACILITATOR_ID),
            "BOT_DB_PATH": str(self.db_path),
            "BOT_EXPORT_DIR": str(self.db_path.parent / "exports"),
            "BOT_API_BASE_URL": self.emulator.bot_api_base,
            "BOT_LOG_LEVEL": "WARNING",
            **self.extra_env,
        }
        polls_before = self.emulator.stats()["requests"].get("getUpdates", 0)
        with self.log.open("ab") as log:
            self.proc = await asyncio.create_subprocess_exec(
                sys.executable,
                "-m",
                "bot",
                "--env-file",
                os.devnull,
                "run",
                env=env,
                cwd=src,
                stdout=log,
                stderr=log,
            )
        # Ready when it polls: post_init (and the inbox's replay) ran.
        await wait_for(
            lambda: self.emulator.stats()["requests"].get("getUpdates", 0) > polls_before,
            timeout,
            f"the bot process did not poll within {timeout} s (log: {self.log})",
        )

    async def kill(self) -> None:
        """kill -9: no shutdown, no flush."""
        assert self.proc is not None
        self.proc.send_signal(signal.SIGKILL)
        await self.proc.wait()
        self.proc = None

    async def stop(self) -> None:
        """A clean stop (SIGTERM), as systemd or Docker would."""
        if self.proc is None:
            return
        self.proc.send_signal(signal.SIGTERM)
        try:
            await asyncio.wait_for(self.proc.wait(), 20)
        except TimeoutError:
            self.proc.kill()
            await self.proc.wait()
        self.proc = None


async def wait_for(
    condition: Callable[[], bool | Awaitable[bool]], timeout: float, what: str
) -> None:
    deadline = time.monotonic() + timeout
    while True:
        result = condition()
        if not isinstance(result, bool):
            result = await result
        if result:
            return
        if time.monotonic() > deadline:
            raise AssertionError(what)
        await asyncio.sleep(0.02)


def query(db_path: Path, sql: str, params: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
    """Read the bot's database from outside, as the drafting team would."""
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, timeout=10)
    try:
        return list(conn.execute(sql, params).fetchall())
    finally:
        conn.close()


def scalar(db_path: Path, sql: str, params: tuple[object, ...] = ()) -> int:
    return int(query(db_path, sql, params)[0][0])
