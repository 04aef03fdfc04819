"""Pacing under Telegram's flood limits: overall, per private chat, and per group.

PTB's `AIORateLimiter` lets a burst of 30 through and then, on any 429, pauses every request for
`retry_after`; it has no per-chat limit at all, so one user tapping quickly stalls everybody
(see shared/PITFALLS.md: 46 429s in a 48-user demo). This limiter spaces requests evenly just under
the overall limit, gives each chat its own small burst budget, and waits out a 429 only for the
chat it concerns, retrying until the request goes through.

Overall, requests are spaced evenly just under 30 a second, but a few may leave at once after a
quiet moment (a small burst), and no rolling second ever holds more than 29: a participant's reply
does not wait for the next even slot behind a reply that just left (issue 11).

The overall turns go first to chats that had no message in their last interval: while a few
users flood the bot, the replies they get before their "slow down" notice wait behind everyone
else's first reply, not ahead of it (issue 11).

A 429 is waited out in full: Telegram refuses (again with 429) a retry that comes before its
`retry_after`, however long that is. And a message is never dropped for having met too many 429s:
each one was waited out, so each retry is as good as the first try.
"""

from __future__ import annotations

import asyncio
import contextlib
import heapq
import itertools
import logging
import time
from collections import OrderedDict, deque
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any

from telegram.error import RetryAfter
from telegram.ext import BaseRateLimiter

log = logging.getLogger(__name__)

JSONResult = bool | dict[str, Any] | list[dict[str, Any]]

# Methods that put something into a chat, and therefore count against the flood limits.
LIMITED_METHODS = frozenset(
    {
        "sendMessage",
        "sendDocument",
        "sendPhoto",
        "sendVoice",
        "sendPoll",
        "sendMediaGroup",
        "copyMessage",
        "forwardMessage",
        "editMessageText",
        "editMessageCaption",
        "editMessageReplyMarkup",
        "stopPoll",
    }
)


class Pacer:
    """GCRA pacing: `burst` requests at once, then one every `interval` seconds.

    The theoretical arrival time is committed with the moment the request actually leaves, not
    the moment it was planned: a request held up by the overall pacing must not let the next one
    to the same chat go out early (Telegram counts arrivals).
    """

    def __init__(self, rate: float, period: float, burst: int = 1, margin: float = 1.0) -> None:
        self.interval = period / rate * margin
        self.burst = burst
        self.lock = asyncio.Lock()
        self._tat = 0.0  # theoretical arrival time of the next request

    def wait_needed(self, now: float) -> float:
        return max(0.0, self._tat - (self.burst - 1) * self.interval - now)

    def commit(self, sent_at: float) -> None:
        self._tat = max(self._tat, sent_at) + self.interval

    def recently_sent(self, now: float) -> bool:
        """Whether a request left less than one interval ago (or one is booked ahead)."""
        return self._tat > now

    def push_back(self, until: float) -> None:
        """Nothing more before `until` (after a 429 told us so)."""
        self._tat = max(self._tat, until + (self.burst - 1) * self.interval)


class WindowCap:
    """At most `limit` requests in any rolling `period` seconds, as Telegram counts them.

    A request occupies its place from the moment it leaves until `period` after its answer came
    back: Telegram received it somewhere in between, so however the event loop stalls or the
    network delays one request and not the next, no second at Telegram's end holds more than
    `limit`. Together with a `Pacer` that allows a small burst, a reply that comes after a quiet
    moment leaves at once instead of waiting for the next even slot.
    """

    POLL = 0.01  # how often to look again while the place we wait for is still in flight

    def __init__(self, limit: int, period: float = 1.0) -> None:
        self.limit = limit
        self.period = period
        self._done: deque[float] = deque()  # when answers came back, in that order
        self._in_flight = 0

    def wait_needed(self, now: float) -> float:
        while self._done and self._done[0] <= now - self.period:
            self._done.popleft()
        excess = len(self._done) + self._in_flight - self.limit + 1
        if excess <= 0:
            return 0.0
        if excess > len(self._done):
            return self.POLL  # the oldest places are requests still in flight
        return self._done[excess - 1] + self.period - now

    def start(self) -> None:
        self._in_flight += 1

    def finish(self, answered_at: float) -> None:
        self._in_flight -= 1
        self._done.append(answered_at)


class RankedGate:
    """A lock handed on by rank, then by arrival: the waiter with the lowest rank goes next."""

    def __init__(self) -> None:
        self._busy = False
        self._waiters: list[tuple[int, int, asyncio.Future[None]]] = []
        self._order = itertools.count()

    async def acquire(self, rank: int) -> None:
        if not self._busy and not self._waiters:
            self._busy = True
            return
        future: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        heapq.heappush(self._waiters, (rank, next(self._order), future))
        try:
            await future
        except asyncio.CancelledError:
            if future.done() and not future.cancelled():
                self.release()  # handed over just as it was cancelled: hand it on
            raise

    def release(self) -> None:
        while self._waiters:
            future = heapq.heappop(self._waiters)[2]
            if not future.done():  # a cancelled waiter is skipped
                future.set_result(None)
                return
        self._busy = False


# Ranks for the overall turn: a chat with nothing sent in its last interval goes first.
FRESH, BUSY = 0, 1


class PacedRateLimiter(BaseRateLimiter[int]):
    """Overall pacing at `overall_rate`/s, per-chat bursts, and patient retries on 429.

    A call may cap its own retries with `rate_limit_args` (an int); by default there is no cap.
    """

    def __init__(
        self,
        *,
        overall_rate: float = 29.0,
        overall_burst: int = 5,
        chat_rate: float = 1.0,
        chat_burst: int = 3,
        group_per_minute: float = 19.0,
        max_chats: int = 10_000,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        """`clock` (monotonic seconds) and `sleep` are injectable so a test can move time."""
        self._clock = clock
        self._sleep = sleep
        # Even spacing at `overall_rate`, with `overall_burst` at once after a quiet moment;
        # never more than `overall_rate` in any one second.
        self._overall = Pacer(overall_rate, 1.0, burst=overall_burst)
        self._window = WindowCap(int(overall_rate))
        self._gate = RankedGate()  # the overall turns, fresh chats first
        self._chat_rate = chat_rate
        self._chat_burst = chat_burst
        self._group_per_minute = group_per_minute
        self._chats: OrderedDict[int | str, Pacer] = OrderedDict()
        self._max_chats = max_chats
        self.retries = 0  # 429s waited out, for benchmarks and the demo

    async def initialize(self) -> None:
        return None

    async def shutdown(self) -> None:
        return None

    def _chat_pacer(self, chat_id: int | str) -> Pacer:
        pacer = self._chats.get(chat_id)
        if pacer is None:
            is_group = isinstance(chat_id, str) or chat_id < 0
            pacer = (
                Pacer(self._group_per_minute, 60.0, burst=3, margin=1.03)
                if is_group
                else Pacer(self._chat_rate, 1.0, burst=self._chat_burst, margin=1.03)
            )
            self._chats[chat_id] = pacer
            if len(self._chats) > self._max_chats:
                self._chats.popitem(last=False)
        else:
            self._chats.move_to_end(chat_id)
        return pacer

    async def _wait_turn(self, chat_id: int | str | None) -> None:
        if chat_id is None:
            await self._overall_turn()
            return
        pacer = self._chat_pacer(chat_id)
        # One request per chat plans at a time; the overall slot is booked only once the
        # chat's own turn has come, so a busy chat does not hold a place in the shared queue.
        async with pacer.lock:
            wait = pacer.wait_needed(self._clock())
            if wait:
                await self._sleep(wait)
            # A chat that had a message in its last interval (a burst, a flood's replies) waits
            # for the overall turn behind chats that had none: someone's first reply does not
            # queue behind another's tenth.
            await self._overall_turn(BUSY if pacer.recently_sent(self._clock()) else FRESH)
            pacer.commit(self._clock())

    async def _overall_turn(self, rank: int = FRESH) -> None:
        # Requests take their overall turn one at a time and the slot is committed at the moment
        # the request leaves: after the event loop stalls, the requests held up go out spaced,
        # not in a burst that Telegram would count into one second.
        await self._gate.acquire(rank)
        try:
            while wait := max(
                self._overall.wait_needed(self._clock()), self._window.wait_needed(self._clock())
            ):
                await self._sleep(wait)
            self._overall.commit(self._clock())
            self._window.start()
        finally:
            self._gate.release()

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, JSONResult]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> JSONResult:
        if endpoint not in LIMITED_METHODS:
            return await callback(*args, **kwargs)
        chat_id: int | str | None = data.get("chat_id")
        with contextlib.suppress(ValueError, TypeError):
            chat_id = int(chat_id)  # type: ignore[arg-type]
        attempt = 0
        while True:
            await self._wait_turn(chat_id)
            try:
                try:
                    return await callback(*args, **kwargs)
                finally:
                    self._window.finish(self._clock())
            except RetryAfter as exc:
                attempt += 1
                self.retries += 1
                if rate_limit_args is not None and attempt > rate_limit_args:
                    raise
                pause = exc.retry_after
                seconds = pause.total_seconds() if hasattr(pause, "total_seconds") else float(pause)
                log.info("429 on %s to chat %s: waiting %.1f s", endpoint, chat_id, seconds)
                # The full retry_after from now (the answer's arrival): an earlier retry would
                # only be refused again.
                until = self._clock() + seconds
                if chat_id is not None:
                    self._chat_pacer(chat_id).push_back(until)
                else:
                    self._overall.push_back(until)
