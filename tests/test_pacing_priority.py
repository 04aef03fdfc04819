"""The overall pacing serves a chat's first message before other chats' bursts (issue 11).

While a few users flood the bot, the replies they get before their "slow down" notice take the
bot's 29 messages/s pacing; someone else's single reply must not queue behind them.
"""

from __future__ import annotations

import asyncio
from typing import Any

from bot.core.ratelimit import PacedRateLimiter, RankedGate


async def test_a_fresh_chat_is_sent_before_busy_chats_later_messages() -> None:
    limiter = PacedRateLimiter(overall_rate=20.0, chat_rate=1.0, chat_burst=3)
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
