"""One user's flood costs the others nothing: its excess is dropped before it waits for anything."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Coroutine
from typing import Any

from telegram import Chat, Message, Update, User

from bot.core.updates import PerUserUpdateProcessor
from bot.dev.sandbox import BotHarness
from bot.rules.flood import DROP, NOTICE, RUN, FloodGuard
from tests.schedule_support import wait_for


def _update(update_id: int, user_id: int) -> Update:
    user = User(user_id, f"U{user_id}", is_bot=False)
    chat = Chat(user_id, Chat.PRIVATE)
    message = Message(update_id, None, chat, from_user=user, text="x")  # type: ignore[arg-type]
    return Update(update_id, message=message)


def test_the_guard_drops_over_the_backlog_and_the_rate_with_one_notice() -> None:
    guard = FloodGuard(limit=3, window=10, backlog=2)
    assert guard.admit(1, queued=0, now=0) == RUN
    assert guard.admit(1, queued=2, now=0) == NOTICE  # backlog full: the first drop says so
    assert guard.admit(1, queued=2, now=1) == DROP  # ... once per window
    assert guard.admit(1, queued=1, now=1) == RUN
    assert guard.admit(1, queued=0, now=2) == RUN
    assert guard.admit(1, queued=0, now=3) == DROP  # 3 in 10 s: over the rate, warned already
    assert guard.admit(2, queued=0, now=3) == RUN  # others are not affected
    assert guard.admit(1, queued=0, now=11) == RUN


async def test_waiting_for_a_users_turn_holds_no_shared_capacity() -> None:
    # One slot only: while user 1's first update runs, their next ones wait for their turn;
    # user 2's update must still get the slot, and user 1's run strictly in order.
    processor = PerUserUpdateProcessor(max_running=1, guard=FloodGuard(backlog=100))
    release = asyncio.Event()
    order: list[str] = []

    async def work(name: str, block: bool = False) -> None:
        order.append(f"start {name}")
        if block:
            await release.wait()
        order.append(f"end {name}")

    first = asyncio.create_task(processor.process_update(_update(1, 1), work("a1", block=True)))
    await asyncio.sleep(0)
    queued = [
        asyncio.create_task(processor.process_update(_update(i, 1), work(f"a{i}")))
        for i in range(2, 6)
    ]
    await asyncio.sleep(0)
    other = asyncio.create_task(processor.process_update(_update(9, 2), work("b")))
    await asyncio.sleep(0.05)
    assert not other.done(), "user 2 ran although the only slot was taken"
    release.set()
    await asyncio.wait_for(asyncio.gather(first, *queued, other), 2)
    mine = [step for step in order if step.split()[1].startswith("a")]
    assert mine == [f"{edge} a{i}" for i in range(1, 6) for edge in ("start", "end")]
    assert order.index("start b") < order.index("start a2"), (
        "user 2 waited behind user 1's queue: waiting updates held the shared slot"
    )


async def test_a_dropped_update_is_closed_and_returns_at_once() -> None:
    processor = PerUserUpdateProcessor(guard=FloodGuard(limit=1, window=60, backlog=5))
    ran: list[int] = []

    async def work(n: int) -> None:
        ran.append(n)

    await processor.process_update(_update(1, 1), work(1))
    notice = _update(2, 1)
    # The first one over the limit runs, marked, only for the guard to say "slow down".
    seen: list[bool] = []

    async def notify() -> None:
        seen.append(processor.is_notice(notice))

    await processor.process_update(notice, notify())
    assert seen == [True] and not processor.is_notice(notice)
    coroutine: Coroutine[Any, Any, None] = work(3)
    # Returns although nothing ran: an inbox marks the update done when this returns.
    await asyncio.wait_for(processor.process_update(_update(3, 1), coroutine), 0.5)
    assert ran == [1] and processor.dropped == 2
    assert coroutine.cr_frame is None, "the dropped update's coroutine was left open"


async def test_a_flood_from_one_user_does_not_delay_another(paced_harness: BotHarness) -> None:
    """300 messages from one user at once; another user's /bantuan is answered promptly."""
    processor = paced_harness.app.update_processor
    assert isinstance(processor, PerUserUpdateProcessor)
    # 10 admitted, not 40: paced at about 1 reply/s per chat, the test then ends in seconds.
    processor.guard = FloodGuard(limit=10, window=60, backlog=10)
    flooder = await paced_harness.user("Banjir")
    other = await paced_harness.user("Tenang")
    flood = asyncio.gather(*(flooder.send(f"/bantuan {i}") for i in range(300)))
    await asyncio.sleep(0.3)  # the flood is arriving
    started = time.monotonic()
    await other.send("/bantuan")
    reply = await other.reply(timeout=10)
    took = time.monotonic() - started
    await flood
    assert "Perintah peserta" in (reply.text or "")
    assert took < 2.0, f"another user's /bantuan took {took:.1f} s during a flood"
    # The excess is dropped on arrival, not queued: at most 10 admitted, and once the notice
    # is due, what still waits is dropped too.

    async def all_judged() -> bool:
        return processor.dropped >= 290

    await wait_for(all_judged, timeout=10)
    # The notice is said at once, not after the admitted ones (per-chat pacing aside).
    told = time.monotonic()
    while "Terlalu banyak" not in ((await flooder.reply(timeout=5)).text or ""):
        assert time.monotonic() - told < 5, "no 'slow down' notice within 5 s"
    await paced_harness.client.wait_idle(quiet_ms=1500, timeout=20)
    texts = [m.text or "" for m in await flooder.messages()]
    assert sum("Terlalu banyak" in t for t in texts) == 1
    helps = sum("Perintah peserta" in t for t in texts)
    assert 1 <= helps <= 10, f"{helps} of the flood were answered"
    assert processor.dropped == 300 - helps
    # What is dropped on arrival is never written: a flood costs the others no database write.
    db = paced_harness.repo.db
    stored = await db.fetchone("SELECT COUNT(*) AS n FROM inbox")
    assert stored is not None and stored["n"] <= 40, f"{stored['n']} flood updates were stored"

    async def all_acknowledged() -> bool:
        return await db.fetchone("SELECT 1 FROM inbox WHERE done_at IS NULL") is None

    await wait_for(all_acknowledged, timeout=5)


async def test_a_notice_collapses_what_the_flooder_still_has_waiting() -> None:
    processor = PerUserUpdateProcessor(guard=FloodGuard(limit=100, window=60, backlog=3))
    release = asyncio.Event()
    ran: list[int] = []

    async def work(n: int) -> None:
        ran.append(n)
        if n == 1:
            await release.wait()

    first = asyncio.create_task(processor.process_update(_update(1, 1), work(1)))
    await asyncio.sleep(0)
    waiting = [work(n) for n in (2, 3)]
    queued = [
        asyncio.create_task(processor.process_update(_update(n, 1), c))
        for n, c in zip((2, 3), waiting, strict=True)
    ]
    await asyncio.sleep(0)
    notified: list[bool] = []
    notice = _update(4, 1)

    async def notify() -> None:
        notified.append(processor.is_notice(notice))

    # The fourth while three wait: the notice runs at once, though update 1 still holds the turn.
    await asyncio.wait_for(processor.process_update(notice, notify()), 1)
    assert notified == [True]
    release.set()
    await asyncio.wait_for(asyncio.gather(first, *queued), 1)
    assert ran == [1], "updates waiting behind a flood were processed"
    assert all(c.cr_frame is None for c in waiting) and processor.dropped == 3
    # The user's next update, once the flood is over, runs as usual.
    await processor.process_update(_update(5, 1), work(5))
    assert ran == [1, 5]
