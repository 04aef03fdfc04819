"""A reminder reaches each person once: a slow answer from Telegram makes no second copy, a send
left unanswered is not repeated, and whoever writes to the bot again can be reached again."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
from telegram.error import NetworkError, TimedOut

from bot.dev.emulator import Emulator
from bot.dev.sandbox import BotHarness
from bot.jobs import polling, scheduling
from bot.jobs.broadcast import RetryPolicy, may_have_arrived
from bot.rules.audience import AudienceSpec
from bot.rules.timing import ShiftedClock
from storage.polls import PollOption, Recipient
from tests.schedule_support import (
    clocked_harness,
    many_users,
    messages_per_chat,
    register,
    run_due,
    schedule,
    services,
    unpace_overall,
    wita,
)


@pytest.fixture
async def bot(emulator: Emulator, tmp_path: Path) -> AsyncIterator[BotHarness]:
    clock = ShiftedClock(wita("2021-06-21 09:00"), ticking=False)
    harness = await clocked_harness(emulator, tmp_path, clock)
    yield harness
    await harness.close()


async def _remind(bot: BotHarness, text: str, created_by: int | None = None) -> int:
    clock = services(bot).settings.clock
    spec = AudienceSpec("all", 1)
    reminder = await schedule(bot).add_reminder(
        stage=1, text=text, due_at=clock(), audience=spec.to_dict(), created_by=created_by,
        now=clock(),
    )  # fmt: skip
    return reminder.id


def _cause(exc: NetworkError, cause: Exception) -> NetworkError:
    exc.__cause__ = cause
    return exc


def test_only_what_provably_did_not_arrive_is_retried() -> None:
    request = httpx.Request("POST", "http://telegram.invalid/bot1/sendMessage")
    maybe = [
        _cause(TimedOut(), httpx.ReadTimeout("read", request=request)),
        _cause(NetworkError("x"), httpx.RemoteProtocolError("closed", request=request)),
        _cause(NetworkError("x"), httpx.ReadError("reset", request=request)),
    ]
    never = [
        _cause(TimedOut(), httpx.ConnectTimeout("connect", request=request)),
        _cause(TimedOut(), httpx.PoolTimeout("pool", request=request)),
        _cause(NetworkError("x"), httpx.ConnectError("refused", request=request)),
        NetworkError("Bad Gateway"),  # answered: Telegram says it did nothing
        NetworkError("Internal Server Error (500)"),
    ]
    assert [may_have_arrived(e) for e in maybe] == [True] * len(maybe)
    assert [may_have_arrived(e) for e in never] == [False] * len(never)


async def test_slow_answers_make_no_second_copy(bot: BotHarness) -> None:
    """5 % of sends are delivered but answered only after 6 s, beyond PTB's 5 s default."""
    assert bot.app is not None
    scheduling.runner(bot.app).policy = RetryPolicy(backoff=0.01, send_timeout=12)
    users = await many_users(bot, 100)
    unpace_overall(bot)
    await bot.client.set_faults(slow_rate=0.05, slow_seconds=6, methods=["sendMessage"])
    reminder_id = await _remind(bot, "Sesi pleno dimulai")
    await run_due(bot)
    stats = await bot.client.stats()
    assert stats["slow_answers"] >= 2, "the emulator answered nothing slowly"
    per_chat = await messages_per_chat(bot, users, "Sesi pleno dimulai")
    twice = sorted(uid for uid, n in per_chat.items() if n != 1)
    assert not twice, f"{len(twice)} of 100 did not get the reminder exactly once"
    counts = await schedule(bot).delivery_counts(reminder_id)
    assert (counts.sent, counts.failed, counts.uncertain) == (100, 0, 0)


async def test_an_unanswered_send_is_not_repeated_and_is_reported(bot: BotHarness) -> None:
    assert bot.app is not None
    scheduling.runner(bot.app).policy = RetryPolicy(backoff=0.01, send_timeout=0.5)
    admin = await bot.admin()
    users = [await bot.user(f"Peserta{i}") for i in range(3)]
    for i, user in enumerate(users):
        await register(bot, user, name=f"Peserta {i}")
    # Delivered, but the answer comes after the bot stopped waiting.
    await bot.client.fail_next("sendMessage", mode="slow", hang_seconds=1.5)
    reminder_id = await _remind(bot, "Besok sesi dua", created_by=admin.id)
    await run_due(bot)
    per_chat = await messages_per_chat(bot, users, "Besok sesi dua")
    assert sorted(per_chat.values()) == [1, 1, 1], per_chat
    counts = await schedule(bot).delivery_counts(reminder_id)
    assert (counts.sent, counts.failed, counts.uncertain) == (2, 1, 1)
    [uncertain] = [d for d in await schedule(bot).deliveries(reminder_id) if d.status != "sent"]
    assert uncertain.attempts == 1
    report = (await admin.reply()).text or ""
    assert "Terkirim: 2" in report and "Termasuk 1 yang terkirim tetapi tidak dijawab" in report


async def test_a_message_after_blocking_makes_the_user_reachable_again(bot: BotHarness) -> None:
    user = await bot.user("Kembali")
    await register(bot, user, name="Sempat Blokir")
    await user.block()
    first = await _remind(bot, "Pengingat pertama")
    await run_due(bot)
    assert [d.status for d in await schedule(bot).deliveries(first)] == ["blocked"]
    second = await _remind(bot, "Pengingat kedua")
    await run_due(bot)
    assert await schedule(bot).deliveries(second) == [], "an unreachable user was sent to"

    await user.unblock()
    await user.send("/jadwal")  # not /start, not a check-in: any message will do
    await user.reply()
    third = await _remind(bot, "Pengingat ketiga")
    await run_due(bot)
    assert [d.status for d in await schedule(bot).deliveries(third)] == ["sent"]
    assert await messages_per_chat(bot, [user], "Pengingat ketiga") == {user.id: 1}
    # Remembered in the database too, not only in memory: a restart keeps it.
    row = await bot.repo.db.fetchone(
        "SELECT reachable FROM users WHERE telegram_id = ?", (user.id,)
    )
    assert row is not None and row["reachable"] == 1


async def test_an_unanswered_poll_copy_is_not_sent_twice(bot: BotHarness) -> None:
    assert bot.app is not None
    polling.runner(bot.app).policy = RetryPolicy(backoff=0.01, send_timeout=0.5)
    users = [await bot.user(f"Pemilih{i}") for i in range(2)]
    pids = [await register(bot, user, name=f"Pemilih {i}") for i, user in enumerate(users)]
    clock = services(bot).settings.clock
    await bot.client.fail_next("sendPoll", mode="slow", hang_seconds=1.5)
    poll = await polling.repository(bot.app).create_poll(
        stage=1,
        question="Prioritas pertama?",
        options=[PollOption(0, "Pasar"), PollOption(1, "Jalan")],
        multiple=False,
        anonymous=False,
        audience=AudienceSpec("all", 1).to_dict(),
        recipients=[Recipient(p, u.id, "id", "online") for p, u in zip(pids, users, strict=True)],
        created_by=None,
        now=clock(),
    )
    await polling.run_due(bot.app)
    for user in users:
        events, _ = await bot.client.events(user.chat_id)
        polls = [e for e in events if e["method"] == "sendPoll"]
        assert len(polls) == 1, f"{user.first_name} got {len(polls)} copies of the poll"
    copies = await polling.repository(bot.app).copies(poll.id)
    assert sorted(c.status for c in copies) == ["failed", "sent"]
    [unsure] = [c for c in copies if c.status == "failed"]
    assert unsure.attempts == 1
    row = await bot.repo.db.fetchone("SELECT error FROM poll_copies WHERE id = ?", (unsure.id,))
    assert row is not None and str(row["error"]).startswith("uncertain: ")
