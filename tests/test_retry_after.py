"""A 429's `retry_after` binds: the emulator refuses an early retry, the bot waits it out in full.

Telegram answers a retry that comes before `retry_after` with another 429, however long the
wait it asked for (30 s is common after a burst). The emulator does the same, and can be told to
answer with a long `retry_after`; the bot's rate limiter must wait the whole time and then deliver
the message exactly once, never dropping it for having met many 429s. Long waits run on a
virtual clock shared by the emulator and the limiter, so these tests take well under a second
(one end-to-end test waits 2 real seconds).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from typing import Any

import aiohttp
import pytest
from telegram.ext import ExtBot

from bot.core.ratelimit import PacedRateLimiter
from bot.dev.emulator import Emulator, EmulatorClient, FloodLimits
from bot.dev.emulator.limits import FloodControl
from bot.dev.sandbox import TEST_TOKEN, BotHarness, no_limits


class VirtualTime:
    """Monotonic seconds that pass only when someone sleeps (or the test advances them)."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds

    async def sleep(self, seconds: float) -> None:
        self.now += max(0.0, seconds)
        await asyncio.sleep(0)


@pytest.fixture
def vtime() -> VirtualTime:
    return VirtualTime()


@pytest.fixture
async def emu(vtime: VirtualTime) -> AsyncIterator[Emulator]:
    emulator = Emulator(limits=no_limits(), clock=vtime)
    await emulator.start()
    yield emulator
    await emulator.stop()


@pytest.fixture
async def control(emu: Emulator) -> AsyncIterator[EmulatorClient]:
    async with emu.client() as client:
        yield client


async def _send(emu: Emulator, chat_id: int, text: str) -> tuple[int, dict[str, Any]]:
    """sendMessage over raw HTTP: the status and the JSON answer, exactly as the emulator gave."""
    async with (
        aiohttp.ClientSession() as session,
        session.post(
            f"{emu.bot_api_base}{TEST_TOKEN}/sendMessage", json={"chat_id": chat_id, "text": text}
        ) as response,
    ):
        return response.status, await response.json()


def _retry_after(answer: tuple[int, dict[str, Any]]) -> int:
    status, body = answer
    assert status == 429, f"expected 429, the emulator answered {status}: {body}"
    retry = body["parameters"]["retry_after"]
    assert isinstance(retry, int)
    return retry


# --------------------------------------------------------------------------- the emulator


def test_flood_control_refuses_a_retry_before_retry_after(vtime: VirtualTime) -> None:
    chat = FloodControl(FloodLimits(per_chat_burst=1, per_chat_per_second=0.5), clock=vtime)
    assert chat.acquire(1, False) is None
    assert chat.acquire(1, False) == 2  # the bucket refills in 2 s
    vtime.advance(1.0)
    assert chat.acquire(1, False) == 1, "a retry 1 s into a 2 s retry_after must be refused"
    assert chat.acquire(2, False) is None, "a chat's hold must not hold other chats"
    vtime.advance(1.0)
    assert chat.acquire(1, False) is None

    # The overall window (2/s) frees 0.1 s after the 429, but the client was told 1 s.
    overall = FloodControl(FloodLimits(overall_per_second=2), clock=vtime)
    assert overall.acquire(1, False) is None
    assert overall.acquire(2, False) is None
    vtime.advance(0.9)
    assert overall.acquire(3, False) == 1
    vtime.advance(0.2)
    assert overall.acquire(4, False) == 1, "after an overall 429 every chat is held"
    vtime.advance(0.8)
    assert overall.acquire(4, False) is None

    group = FloodControl(FloodLimits(group_per_minute=1), clock=vtime)
    assert group.acquire(-5, True) is None
    vtime.advance(50.0)
    assert group.acquire(-5, True) == 10
    group.reset(FloodLimits(group_per_minute=100))
    assert group.acquire(-5, True) is None, "reset forgets the holds with the windows"


async def test_emulator_refuses_an_early_retry_of_a_forced_429(
    emu: Emulator, control: EmulatorClient, vtime: VirtualTime
) -> None:
    user, other = await control.user("Camat Cibal"), await control.user("Camat Reok")
    await control.flood_next("sendMessage", retry_after=30)
    first = await _send(emu, user.chat_id, "pengingat")
    assert _retry_after(first) == 30
    assert first[1]["description"] == "Too Many Requests: retry after 30"
    # An immediate retry, and one a second too early, are refused with the time still left.
    assert _retry_after(await _send(emu, user.chat_id, "pengingat")) == 30
    vtime.advance(29.2)
    assert _retry_after(await _send(emu, user.chat_id, "pengingat")) == 1
    # The hold is the chat's own: somebody else is served meanwhile.
    assert (await _send(emu, other.chat_id, "pengingat"))[0] == 200
    vtime.advance(0.8)
    assert (await _send(emu, user.chat_id, "pengingat"))[0] == 200
    assert [m.text for m in await user.messages()] == ["pengingat"]
    stats = await control.stats()
    assert stats["responses_429"] == 3 and stats["sent_messages"] == 2


async def test_flood_next_is_validated(control: EmulatorClient) -> None:
    from bot.dev.emulator import EmulatorControlError

    with pytest.raises(EmulatorControlError):
        await control.flood_next("sendMessage", retry_after=0)


# --------------------------------------------------------------------------- the rate limiter


@pytest.fixture
async def paced_bot(emu: Emulator, vtime: VirtualTime) -> AsyncIterator[ExtBot[int]]:
    """The bot's own rate limiter on the virtual clock, in front of a real PTB bot."""
    limiter = PacedRateLimiter(clock=vtime, sleep=vtime.sleep)
    bot: ExtBot[int] = ExtBot(TEST_TOKEN, base_url=emu.bot_api_base, rate_limiter=limiter)
    await bot.initialize()
    yield bot
    await bot.shutdown()


async def test_a_30_s_retry_after_is_waited_out_and_the_message_sent_once(
    paced_bot: ExtBot[int], control: EmulatorClient, vtime: VirtualTime
) -> None:
    user = await control.user("Camat Satar Mese")
    await control.flood_next("sendMessage", retry_after=30)
    started_real, started = time.monotonic(), vtime.now
    message = await paced_bot.send_message(user.chat_id, "Sesi siang dimulai 13.00 WITA")
    waited = vtime.now - started
    stats = await control.stats()
    assert stats["responses_429"] == 1, (
        f"the limiter retried before the 30 s were up: {stats['responses_429'] - 1} early "
        "retries refused by the emulator"
    )
    assert waited >= 30, f"the message went out {waited:.1f} s after a 429 asking for 30 s"
    assert stats["requests"]["sendMessage"] == 2
    assert [m.text for m in await user.messages()] == ["Sesi siang dimulai 13.00 WITA"]
    assert message.text == "Sesi siang dimulai 13.00 WITA"
    assert time.monotonic() - started_real < 5, "the virtual clock should keep this test fast"


async def test_many_429s_in_a_row_never_drop_the_message(
    paced_bot: ExtBot[int], control: EmulatorClient, vtime: VirtualTime
) -> None:
    user = await control.user("Camat Lelak")
    # More 429s in a row than any retry budget would allow, each waited out in full.
    await control.flood_next("sendMessage", count=40, retry_after=30)
    started = vtime.now
    await paced_bot.send_message(user.chat_id, "Jangan sampai hilang")
    assert [m.text for m in await user.messages()] == ["Jangan sampai hilang"]
    stats = await control.stats()
    assert stats["responses_429"] == 40 and stats["requests"]["sendMessage"] == 41
    assert vtime.now - started >= 40 * 30


async def test_the_bot_waits_out_a_429_end_to_end(paced_harness: BotHarness) -> None:
    """The real bot, in real time: a reply held by a 429 comes once, after `retry_after`."""
    user = await paced_harness.user("Peserta")
    await paced_harness.client.flood_next("sendMessage", retry_after=2)
    started = time.monotonic()
    await user.send("/bantuan")
    reply = await user.reply(timeout=10)
    elapsed = time.monotonic() - started
    assert "Perintah peserta" in (reply.text or "")
    assert elapsed >= 2, f"the reply came {elapsed:.2f} s after a 429 asking for 2 s"
    await user.no_reply(within=0.3)
    stats = await paced_harness.client.stats()
    assert stats["responses_429"] == 1 and stats["requests"]["sendMessage"] == 2
