"""Send one message to many people through the bot, recording each outcome as it comes.

Pacing is not done here: every request goes through the application's `PacedRateLimiter`, which
spaces messages under Telegram's limits (overall and per chat) and waits out 429s. This module adds
what a broadcast needs on top: a bounded pool of workers (so Telegram's latency does not cap the
rate, and people using the bot meanwhile wait behind a few dozen messages, not a thousand), retries
with back-off for network errors and 5xx answers, and a verdict per recipient:

- sent: Telegram accepted the message;
- blocked: 403 Forbidden (the user blocked the bot or deleted the account);
- failed: 400 (e.g. chat not found), or still a network error / 5xx after the retries.

Outcomes are reported to a callback one by one, right after Telegram answers, so the caller can
commit each to SQLite before the next worker moves on: a broadcast killed half-way leaves exactly
the unsent recipients pending.
"""

from __future__ import annotations

import asyncio
import functools
import logging
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from telegram import Message
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TelegramError

log = logging.getLogger(__name__)

T = TypeVar("T")

SENT = "sent"
BLOCKED = "blocked"
FAILED = "failed"


@dataclass(frozen=True)
class Outcome:
    status: str  # sent, blocked or failed
    attempts: int
    message_id: int | None = None
    error: str | None = None


@dataclass(frozen=True)
class Tally:
    sent: int = 0
    blocked: int = 0
    failed: int = 0
    interrupted: bool = False  # stopped before every recipient was tried

    def add(self, outcome: Outcome) -> Tally:
        return Tally(
            self.sent + (outcome.status == SENT),
            self.blocked + (outcome.status == BLOCKED),
            self.failed + (outcome.status == FAILED),
            self.interrupted,
        )


@dataclass(frozen=True)
class RetryPolicy:
    """Retries after a network error or a 5xx: `retries` more tries, waits doubling."""

    retries: int = 4
    backoff: float = 0.5
    max_backoff: float = 8.0

    def wait(self, attempt: int) -> float:
        return float(min(self.backoff * 2 ** (attempt - 1), self.max_backoff))


async def send_with_retries(
    send: Callable[[], Awaitable[Message]],
    policy: RetryPolicy = RetryPolicy(),
    keep_going: Callable[[], bool] = lambda: True,
) -> Outcome | None:
    """Send once, retrying what may succeed later; never raises for a Telegram answer.

    None means "not decided": the bot is stopping, so a retry is left for the next start
    instead of holding the shutdown up.
    """
    attempt = 0
    while True:
        if attempt and not keep_going():
            return None
        attempt += 1
        try:
            message = await send()
        except Forbidden as exc:
            return Outcome(BLOCKED, attempt, error=str(exc)[:200])
        except BadRequest as exc:  # before NetworkError: BadRequest is a subclass of it
            return Outcome(FAILED, attempt, error=str(exc)[:200])
        except RetryAfter as exc:
            # The rate limiter gave up waiting (it retries many times first): keep waiting.
            pause = exc.retry_after
            seconds = pause.total_seconds() if hasattr(pause, "total_seconds") else float(pause)
            if attempt > policy.retries:
                return Outcome(FAILED, attempt, error=f"flood control: {exc}"[:200])
            await asyncio.sleep(seconds)
        except NetworkError as exc:  # also TimedOut and 5xx answers
            if attempt > policy.retries:
                return Outcome(FAILED, attempt, error=str(exc)[:200])
            await asyncio.sleep(policy.wait(attempt))
        except TelegramError as exc:
            return Outcome(FAILED, attempt, error=str(exc)[:200])
        else:
            return Outcome(SENT, attempt, message_id=message.message_id)


class Broadcast(Generic[T]):
    """Deliver `send(item)` for each item with `workers` in parallel; report each outcome.

    `keep_going` is asked before each item: when it says no (the bot is stopping), workers
    finish what they are sending and take nothing new; the rest stays pending for next time.
    """

    def __init__(
        self,
        send: Callable[[T], Awaitable[Message]],
        on_outcome: Callable[[T, Outcome], Awaitable[None]],
        *,
        workers: int = 32,
        policy: RetryPolicy = RetryPolicy(),
        keep_going: Callable[[], bool] = lambda: True,
    ) -> None:
        self._send = send
        self._on_outcome = on_outcome
        self._workers = max(1, workers)
        self._policy = policy
        self._keep_going = keep_going

    async def run(self, items: Sequence[T]) -> Tally:
        queue: asyncio.Queue[T] = asyncio.Queue()
        for item in items:
            queue.put_nowait(item)
        tally = Tally()
        stopped = False

        async def worker() -> None:
            nonlocal tally, stopped
            while not queue.empty():
                if not self._keep_going():
                    stopped = True
                    return
                item = queue.get_nowait()
                outcome = await send_with_retries(
                    functools.partial(self._send, item), self._policy, self._keep_going
                )
                if outcome is None:  # stopping: the item stays pending
                    stopped = True
                    return
                await self._on_outcome(item, outcome)
                tally = tally.add(outcome)

        # A TaskGroup: if recording an outcome fails, the other workers stop too.
        async with asyncio.TaskGroup() as group:
            for _ in range(min(self._workers, len(items)) or 1):
                group.create_task(worker())
        if stopped:
            return Tally(tally.sent, tally.blocked, tally.failed, interrupted=True)
        return tally
