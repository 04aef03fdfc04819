"""The update processor: users' updates concurrently, one user's in order, floods cut at the door.

A conversation must see a user's messages one at a time (PTB warns that concurrent updates and
ConversationHandler do not mix), but one slow reply must not hold up 300 other users, and one user
sending 300 messages in ten seconds must cost the others nothing. So:

- each user has a FIFO turn (a lock; asyncio's locks wake waiters in order): their updates run
  one after the other, in the order Telegram numbered them;
- the shared capacity (`max_running` updates at once) is taken only once it is the update's turn,
  never while it waits behind the same user's earlier updates;
- on arrival, before it waits for anything, an update is judged by the flood policy
  (`bot.rules.flood.FloodGuard`): over the user's rate or backlog it is dropped: its coroutine is
  closed unstarted and `process_update` returns at once. The first drop in a window is kept as a
  notice instead: it runs at once, out of turn, only far enough for the guard to say "slow down",
  and whatever of that user's is still waiting is dropped when its turn comes (the flood is
  collapsed: its replies would otherwise take their share of Telegram's 30 messages/s).

Staff and poll answers are never dropped (the check `exempt` is set once services are open).
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any

from telegram import Update
from telegram.ext import BaseUpdateProcessor

from bot.rules.flood import DROP, NOTICE, FloodGuard

log = logging.getLogger(__name__)

Key = int | str

# PTB's own semaphore is taken before `do_process_update` is called, i.e. while waiting for the
# user's turn; it is set out of reach so that only `max_running` below bounds the work.
_UNBOUNDED = 1_000_000


def update_key(update: object) -> Key:
    """Whose turn an update waits for: its user, else its chat, else its poll."""
    if isinstance(update, Update):
        if update.effective_user is not None:
            return update.effective_user.id
        if update.effective_chat is not None:
            return update.effective_chat.id
        if update.poll is not None:
            return f"poll:{update.poll.id}"  # counts of one copy, in order; copies in parallel
    return 0


class PerUserUpdateProcessor(BaseUpdateProcessor):
    """Per-user FIFO turns, a shared limit held only while running, floods dropped on arrival."""

    def __init__(
        self,
        max_running: int = 256,
        *,
        guard: FloodGuard | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(_UNBOUNDED)
        self.guard = guard or FloodGuard()
        self.max_running = max_running
        self.exempt: Callable[[int], bool] = lambda _user_id: False
        self.dropped = 0  # updates closed unprocessed, for tests and benchmarks
        self._running = asyncio.BoundedSemaphore(max_running)
        self._turns: dict[Key, asyncio.Lock] = {}
        self._queued: dict[Key, int] = {}  # waiting or running, per key
        self._notices: set[int] = set()  # update ids
        self._dropped_ids: set[int] = set()  # dropped, not yet collected by `forget_dropped`
        self._verdicts: dict[int, str | None] = {}  # judged on arrival, by update id
        self._cuts: dict[Key, int] = {}  # per key: how many times its backlog was dropped
        self._clock = clock

    def is_notice(self, update: object) -> bool:
        """True for an update kept only to tell its sender to slow down."""
        return isinstance(update, Update) and update.update_id in self._notices

    def drop_on_arrival(self, update: object) -> bool:
        """Judge an update as it arrives, before it is stored; True: drop it unstored.

        A flood's excess is never processed, so it need not be made durable either: it costs
        no write, no slot, no wait. A kept update remembers its verdict for `process_update`.
        """
        verdict = self._judge(update, update_key(update))
        if verdict == DROP:
            self.dropped += 1
            return True
        if isinstance(update, Update):
            self._verdicts[update.update_id] = verdict
        return False

    def forget_verdict(self, update: object) -> None:
        """An update judged on arrival that will not be processed (a copy already stored)."""
        if isinstance(update, Update):
            self._verdicts.pop(update.update_id, None)

    def forget_dropped(self, update: object) -> bool:
        """Was this update dropped unprocessed? (Asked once, after `process_update` returned.)

        A dropped update changed nothing, so the inbox acknowledges it without a persistence
        round: a flood's hundreds of updates must not queue for the database writer ahead of
        everyone else's replies.
        """
        if not isinstance(update, Update):
            return False
        try:
            self._dropped_ids.remove(update.update_id)
        except KeyError:
            return False
        return True

    def _drop(self, update: object) -> None:
        self.dropped += 1
        if isinstance(update, Update):
            self._dropped_ids.add(update.update_id)

    def _judge(self, update: object, key: Key) -> str | None:
        """The flood verdict for an update about to queue (None: let it in)."""
        if not isinstance(update, Update) or not isinstance(key, int):
            return None
        user = update.effective_user
        if user is None or update.poll_answer is not None:
            return None  # a vote is never dropped: Telegram itself limits how often one votes
        if self.exempt(user.id):
            return None
        return self.guard.admit(user.id, self._queued.get(key, 0), self._clock())

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        key = update_key(update)
        if isinstance(update, Update) and update.update_id in self._verdicts:
            verdict = self._verdicts.pop(update.update_id)
        else:
            verdict = self._judge(update, key)
        if verdict == DROP:
            self._drop(update)
            if isinstance(coroutine, Coroutine):
                coroutine.close()  # never started: closing it is all the clean-up there is
            return
        if verdict == NOTICE and isinstance(update, Update):
            # The flood is collapsed: what the user still has waiting is dropped too (below,
            # when its turn comes), so a flood's replies do not eat into everyone's 30/s.
            self._cuts[key] = self._cuts.get(key, 0) + 1
            # Said at once, not after the backlog: it reaches no feature (the guard stops it),
            # so it cannot disturb the conversation the user's turn protects.
            self.dropped += 1
            self._notices.add(update.update_id)
            started = False
            try:
                async with self._running:
                    started = True
                    await coroutine
            finally:
                self._notices.discard(update.update_id)
                if not started and isinstance(coroutine, Coroutine):
                    coroutine.close()  # cancelled while waiting (the bot is stopping)
            return
        self._queued[key] = self._queued.get(key, 0) + 1
        turn = self._turns.setdefault(key, asyncio.Lock())
        cut = self._cuts.get(key, 0)
        started = False
        try:
            async with turn:
                if self._cuts.get(key, 0) != cut:
                    self._drop(update)
                    return  # collapsed by a flood notice while it waited (closed below)
                async with self._running:
                    started = True
                    await coroutine
        finally:
            if not started and isinstance(coroutine, Coroutine):
                coroutine.close()  # dropped, or cancelled while waiting (the bot is stopping)
            left = self._queued[key] - 1
            if left:
                self._queued[key] = left
            else:
                del self._queued[key]
                self._turns.pop(key, None)
                self._cuts.pop(key, None)

    async def initialize(self) -> None:
        return None

    async def shutdown(self) -> None:
        return None
