"""Telegram's flood limits: the bot paces itself, and waits out a 429 without losing anything."""

from __future__ import annotations

import asyncio

from bot.core.ratelimit import Pacer
from bot.dev.emulator.limits import FloodLimits
from bot.dev.sandbox import BotHarness


def test_pacer_allows_a_burst_then_one_per_interval() -> None:
    pacer = Pacer(rate=1.0, period=1.0, burst=3)
    waits = []
    for _ in range(5):
        waits.append(pacer.wait_needed(100.0))
        pacer.commit(100.0 + waits[-1])
    assert waits == [0.0, 0.0, 0.0, 1.0, 2.0]
    # After a quiet spell the burst is available again.
    assert pacer.wait_needed(110.0) == 0.0


def test_pacer_counts_from_the_actual_send_time() -> None:
    pacer = Pacer(rate=1.0, period=1.0, burst=1)
    assert pacer.wait_needed(0.0) == 0.0
    pacer.commit(0.5)  # planned at 0, left at 0.5 (held up elsewhere)
    assert pacer.wait_needed(1.0) == 0.5


async def test_429s_are_waited_out_and_nothing_is_lost(paced_harness: BotHarness) -> None:
    # Telegram lowers limits at will; here it allows 5 messages a second, the bot paces for 29.
    await paced_harness.client.set_limits(FloodLimits(overall_per_second=5))
    users = [await paced_harness.user(f"Peserta{i}") for i in range(20)]
    await asyncio.gather(*(u.send("/bantuan") for u in users))
    replies = await asyncio.gather(*(u.reply(timeout=20) for u in users))
    assert all("Perintah peserta" in (r.text or "") for r in replies)
    stats = await paced_harness.client.stats()
    assert stats["responses_429"] > 0
    assert stats["requests"]["sendMessage"] == 20 + stats["responses_429"]


async def test_pacing_under_real_limits_gives_no_429(paced_harness: BotHarness) -> None:
    await paced_harness.client.set_limits(FloodLimits())
    users = [await paced_harness.user(f"Peserta{i}") for i in range(40)]
    await asyncio.gather(*(u.send("/bantuan") for u in users))
    await asyncio.gather(*(u.reply(timeout=10) for u in users))
    # Three messages in quick succession to one chat: within its burst, no 429 either.
    for _ in range(3):
        await users[0].send("/bantuan")
    await users[0].replies(3)
    assert (await paced_harness.client.stats())["responses_429"] == 0
