"""The overall pacing serves a chat's first message before other chats' bursts (issue 11).

While a few users flood the bot, the replies they get before their "slow down" notice take the
bot's 29 messages/s pacing; someone else's single reply must not queue behind them.
"""

from __future__ import annotations

import asyncio
from typing import Any

from bot.core.ratelimit import PacedRateLimiter, RankedGate


async def test_a_fresh_chat_is_sent_before_busy_chats_later_messages() -> None:
    # No overall burst: every message waits its even slot, so the order of the turns shows.
    limiter = PacedRateLimiter(overall_rate=20.0, overall_burst=1, chat_rate=1.0, chat_burst=3)
    sent: list[tuple[int, int]] = []

    async def send(chat_id: int, n: int) -> bool:
        sent.append((chat_id, n))
        return True

    async def message(chat_id: int, n: int) -> None:
        data: dict[str, Any] = {"chat_id": chat_id}
        await limiter.process_request(send, (chat_id, n), {}, "sendMessage", data, None)

    # Three chats each get three messages at once (within their own burst) ...
    flood = [asyncio.create_task(message(chat, n)) for n in range(3) for chat in (11, 12, 13)]
    await asyncio.sleep(0.01)
    # ... and then one other chat its one reply.
    await message(99, 0)
    await asyncio.gather(*flood)
    assert len(sent) == 10
    first_of_99 = sent.index((99, 0))
    seconds = [i for i, (_chat, n) in enumerate(sent) if n > 0]
    assert first_of_99 < min(seconds), (
        f"chat 99's only message went out after another chat's second message: {sent}"
    )


async def test_the_gate_skips_a_cancelled_waiter_and_frees_itself() -> None:
    gate = RankedGate()
    await gate.acquire(1)
    waiter = asyncio.create_task(gate.acquire(0))
    await asyncio.sleep(0)
    waiter.cancel()
    await asyncio.sleep(0)
    gate.release()
    # Nobody holds it now: the next acquire does not wait.
    await asyncio.wait_for(gate.acquire(1), timeout=1)
    gate.release()


class _Clock:
    """Seconds that pass only when the limiter sleeps (or the test moves them)."""

    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.now += max(0.0, seconds)
        await asyncio.sleep(0)


async def _send_all(limiter: PacedRateLimiter, clock: _Clock, chats: list[int]) -> list[float]:
    times: list[float] = []

    async def send() -> bool:
        times.append(clock.now)
        return True

    await asyncio.gather(
        *(limiter.process_request(send, (), {}, "sendMessage", {"chat_id": c}, None) for c in chats)
    )
    return times


async def test_a_reply_after_a_quiet_moment_leaves_at_once_and_no_second_holds_over_29() -> None:
    clock = _Clock()
    limiter = PacedRateLimiter(clock=clock, sleep=clock.sleep)
    # One reply, then another chat's reply 10 ms later: no wait for the next even slot (34 ms).
    first = await _send_all(limiter, clock, [1])
    clock.now += 0.01
    second = await _send_all(limiter, clock, [2])
    assert second[0] - first[0] < 0.011, "a reply after a quiet moment waited for an even slot"
    # A broadcast to 200 chats: a small burst at first, then evenly; never 30 in one second.
    clock.now += 5
    times = sorted(await _send_all(limiter, clock, list(range(100, 300))))
    busiest = max(sum(1 for t in times if start <= t < start + 1.0) for start in times)
    assert busiest <= 29, f"{busiest} messages left within one second"
    assert times[4] == times[0], "the burst after a quiet moment was not used"
    assert times[-1] - times[0] < 200 / 29 + 0.5, "the broadcast was slower than 29 a second"


def test_a_place_is_held_from_sending_until_a_second_after_the_answer() -> None:
    from bot.core.ratelimit import WindowCap

    cap = WindowCap(limit=2)
    cap.start()
    cap.start()
    # Both still in flight: Telegram may not even have seen them yet; look again soon.
    assert cap.wait_needed(10.0) == WindowCap.POLL
    cap.finish(10.5)  # the first answer came back late
    assert abs(cap.wait_needed(10.6) - 0.9) < 1e-9  # until 11.5, a second after the answer
    cap.finish(10.7)
    assert cap.wait_needed(11.5) == 0.0  # the first place is free again
