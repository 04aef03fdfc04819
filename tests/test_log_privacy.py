"""Logs hold no names, phone numbers or idea texts at any level, DEBUG included, unless
BOT_LOG_PERSONAL_DATA says so (python-telegram-bot logs every request's parameters at DEBUG)."""

from __future__ import annotations

import io
import logging
from dataclasses import replace
from pathlib import Path

import pytest

from bot.core.config import load_settings
from bot.core.logfmt import NoPersonalData, TextFormatter
from bot.dev.emulator import Emulator
from bot.dev.sandbox import BotHarness
from tests.test_registration import register

NAME = "Yohanes Quintarelli"
PHONE = "6281377766655"
IDEA = "Pasar kopi Colol dengan pembayaran QRIS di setiap desa"


async def walk(harness: BotHarness) -> None:
    """A registration, a phone number and an idea, as a participant would send them."""
    user = await harness.user("Yohanes", last_name="Quintarelli")
    assert "Terdaftar" in await register(user, NAME)
    await user.share_contact(PHONE)
    await user.reply()
    await user.send(f"#ekonomi #5th {IDEA}")
    assert "diterima" in ((await user.reply()).text or "")


def leaked(records: list[logging.LogRecord]) -> list[str]:
    found = []
    formatter = TextFormatter()
    for record in records:
        line = formatter.format(record)
        found += [f"{word!r} in {line[:200]}" for word in (NAME, PHONE, IDEA) if word in line]
    return found


async def test_debug_log_holds_no_personal_data(
    emulator: Emulator, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    harness = BotHarness(
        emulator, BotHarness.settings_for(emulator, tmp_path / "bot.db", fast=True)
    )
    await harness.start()
    try:
        await walk(harness)
    finally:
        await harness.close()
    assert len(caplog.records) > 0
    assert leaked(caplog.records) == []


async def test_the_setting_lets_them_in(
    emulator: Emulator, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """The check above can see a leak: with BOT_LOG_PERSONAL_DATA=1 the same walk shows one."""
    caplog.set_level(logging.DEBUG)
    settings = BotHarness.settings_for(emulator, tmp_path / "bot.db", fast=True)
    harness = BotHarness(emulator, replace(settings, log_personal_data=True))
    await harness.start()
    try:
        await walk(harness)
    finally:
        await harness.close()
        logging.getLogger("telegram").setLevel(logging.INFO)
    assert leaked(caplog.records) != []


def test_the_handler_filter_drops_other_libraries_debug_lines() -> None:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(NoPersonalData())
    for name, level in (("telegram.ext.ExtBot", logging.DEBUG), ("bot.work", logging.DEBUG)):
        handler.handle(logging.makeLogRecord({"name": name, "levelno": level, "msg": name}))
    handler.handle(
        logging.makeLogRecord({"name": "telegram.ext", "levelno": logging.WARNING, "msg": "w"})
    )
    assert stream.getvalue().split() == ["bot.work", "w"]


def test_setting() -> None:
    env = {"BOT_TOKEN": "123456789:TEST-token-for-the-local-emulator", "BOT_ADMIN_IDS": "1"}
    assert not load_settings(env).log_personal_data
    assert load_settings({**env, "BOT_LOG_PERSONAL_DATA": "1"}).log_personal_data
