"""Fixtures: a real SQLite file per test, the emulator on 127.0.0.1, and the real bot."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.dev.emulator import Emulator
from bot.dev.sandbox import BotHarness, no_limits
from storage.db import Database
from storage.repository import Repository


@pytest.fixture
async def db(tmp_path: Path) -> AsyncIterator[Database]:
    database = await Database.open(tmp_path / "test.db")
    yield database
    await database.close()


@pytest.fixture
async def repo(db: Database) -> Repository:
    from bot.core.config import DEFAULT_WORKSHOP
    from bot.core.workshop import load_workshop

    repository = Repository(db)
    await repository.sync_workshop(load_workshop(DEFAULT_WORKSHOP))
    return repository


@pytest.fixture
async def emulator() -> AsyncIterator[Emulator]:
    emu = Emulator(limits=no_limits())
    await emu.start()
    yield emu
    await emu.stop()


@pytest.fixture
async def paced_harness(emulator: Emulator, tmp_path: Path) -> AsyncIterator[BotHarness]:
    """The bot with its production pacing."""
    h = BotHarness(emulator, BotHarness.settings_for(emulator, tmp_path / "bot.db"))
    await h.start()
    yield h
    await h.close()


@pytest.fixture
async def harness(emulator: Emulator, tmp_path: Path) -> AsyncIterator[BotHarness]:
    # Pacing per chat is tested on its own (test_flood.py); elsewhere it would only add waiting.
    h = BotHarness(emulator, BotHarness.settings_for(emulator, tmp_path / "bot.db", fast=True))
    await h.start()
    yield h
    await h.close()
