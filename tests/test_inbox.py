"""The inbox: stored before confirmed, processed from there, each update once."""

from __future__ import annotations

import asyncio
import json
import socket
import sqlite3
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from bot.app import build_application
from bot.core import webhook
from bot.core.config import DEFAULT_WORKSHOP
from bot.core.inbox import inbox_of
from bot.core.persistence import SQLitePersistence
from bot.core.workshop import load_workshop
from bot.dev.emulator import Emulator, SimUser
from bot.dev.sandbox import BotHarness
from storage.db import LazyDatabase


def _help_update(update_id: int, user: SimUser) -> dict[str, Any]:
    sender = {"id": user.id, "is_bot": False, "first_name": user.first_name, "language_code": "id"}
    return {
        "update_id": update_id,
        "message": {
            "message_id": update_id,
            "date": int(time.time()),
            "chat": {"id": user.id, "type": "private", "first_name": user.first_name},
            "from": sender,
            "text": "/bantuan",
            "entities": [{"type": "bot_command", "offset": 0, "length": 8}],
        },
    }


def _inbox(db_path: Path) -> list[tuple[int, str | None, str | None]]:
    conn = sqlite3.connect(db_path)
    try:
        return list(conn.execute("SELECT update_id, body, done_at FROM inbox ORDER BY update_id"))
    finally:
        conn.close()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


async def test_webhook_answers_200_only_once_the_update_is_stored(
    emulator: Emulator, tmp_path: Path
) -> None:
    """`run --webhook` (the front door of bot/core/webhook.py) hands updates to the inbox."""
    secret = "rahasia-kominfo-123"
    settings = replace(
        BotHarness.settings_for(emulator, tmp_path / "bot.db", fast=True),
        webhook_url="https://bot.example.go.id/telegram/hook",
        webhook_secret=secret,
        webhook_port=_free_port(),
    )
    app = build_application(settings, workshop=load_workshop(DEFAULT_WORKSHOP))
    client = emulator.client()
    stop = asyncio.Event()
    running = asyncio.create_task(webhook.run_webhook(app, settings, stop=stop))
    try:
        for _ in range(100):
            if app.running:
                break
            await asyncio.sleep(0.05)
        assert app.running, "the bot did not start in webhook mode within 5 s"
        user = await client.user("Yosef")
        url = f"http://127.0.0.1:{settings.webhook_port}/telegram/hook"
        headers = {webhook.SECRET_HEADER: secret}
        async with aiohttp.ClientSession() as http:
            async with http.post(url, json=_help_update(41, user), headers=headers) as ok:
                assert ok.status == 200
                # Telegram forgets the update now: it must be in the database already.
                assert [row[0] for row in _inbox(settings.db_path)] == [41]
            assert "/ide" in ((await user.reply()).text or "")
            # Telegram sends it again (our 200 was lost on the way): processed once only.
            async with http.post(url, json=_help_update(41, user), headers=headers) as again:
                assert again.status == 200
            await user.no_reply(0.5)
    finally:
        stop.set()
        await running
        await client.close()
    [(_, body, done_at)] = _inbox(settings.db_path)
    assert body is None and done_at is not None  # done, its body erased


async def test_an_update_stored_before_a_crash_is_processed_at_the_next_start(
    harness: BotHarness,
) -> None:
    user = await harness.user("Maria")
    await harness.stop()
    # The state a kill leaves: stored (Telegram was told), not processed.
    conn = sqlite3.connect(harness.settings.db_path)
    with conn:
        conn.execute(
            "INSERT INTO inbox (update_id, body, received_at) VALUES (?, ?, '2026-01-01')",
            (7, json.dumps(_help_update(7, user))),
        )
    conn.close()
    await harness.start()
    assert "/ide" in ((await user.reply()).text or "")
    await harness.client.wait_idle()
    await harness.stop()
    [(update_id, body, done_at)] = _inbox(harness.settings.db_path)
    assert (update_id, body) == (7, None) and done_at is not None


async def test_the_same_update_accepted_twice_is_processed_once(harness: BotHarness) -> None:
    user = await harness.user("Yosef")
    assert harness.app is not None
    inbox = inbox_of(harness.app)
    await inbox.accept(_help_update(5, user))
    await inbox.accept(_help_update(5, user))
    assert "/ide" in ((await user.reply()).text or "")
    await user.no_reply(0.5)


async def test_form_state_and_draft_are_written_in_one_transaction(tmp_path: Path) -> None:
    opener = LazyDatabase(tmp_path / "bot.db")
    persistence = SQLitePersistence(opener)
    await persistence.update_conversation("registration", (5, 5), 3)
    await persistence.update_user_data(5, {"registration": {"name": "Yosef"}})
    db = await opener.get()
    await db.execute("DROP TABLE ptb_user_data")  # the second write of the pair will fail
    with pytest.raises(sqlite3.OperationalError):
        await persistence.commit()
    assert await db.fetchall("SELECT * FROM ptb_conversations") == []  # not one without the other
    assert persistence.staged == 2  # kept for the next try
    await opener.close()


async def test_an_update_is_done_only_together_with_the_form_state_it_led_to(
    harness: BotHarness,
) -> None:
    user = await harness.user("Yosef")
    # The draft's table is gone: the form's state cannot be written, so neither may "done".
    await harness.repo.db.execute("DROP TABLE ptb_user_data")
    await user.send("/start")
    await user.reply()
    assert await harness.client.wait_idle()
    rows = _inbox(harness.settings.db_path)
    assert rows and all(done_at is None for _, _, done_at in rows), rows


async def test_an_idea_whose_answer_failed_gets_it_when_handled_again(harness: BotHarness) -> None:
    """Telegram answers 500 to the confirmation: the idea is stored; the answer comes later."""
    from tests.test_ideas import participant

    user = await participant(harness)
    await harness.client.fail_next("sendMessage")
    await user.send("#ekonomi #5th Pasar desa online untuk kopi Manggarai")
    # Handled again ~2 s later: the idea is found stored and its number told.
    assert "#I-0001" in ((await user.reply(timeout=6)).text or "")
    assert await harness.ideas.count() == 1
    await user.no_reply(0.5)


async def test_done_rows_are_forgotten_after_a_day_but_the_offset_stays(tmp_path: Path) -> None:
    import datetime as dt

    from storage.db import Database
    from storage.inbox import InboxEntry, InboxStore

    db = await Database.open(tmp_path / "bot.db")
    store = InboxStore(db)
    assert await store.add([InboxEntry(i, "{}") for i in (1, 2, 3)]) == {1, 2, 3}
    assert await store.add([InboxEntry(3, "{}"), InboxEntry(4, "{}")]) == {4}  # 3: a copy
    await store.mark_done([1, 2, 3, 4])
    later = dt.datetime.now(dt.UTC) + dt.timedelta(hours=26)
    assert await store.prune(dt.datetime.now(dt.UTC)) == 0  # a copy may still come
    assert await store.prune(later) == 3
    assert await store.next_offset() == 5 and await store.pending() == []
    await db.close()
