"""The one sender of the delivery outbox: every broadcast the bot makes goes through `deliver`.

Reminders, poll copies, the stopping of poll copies, shared results and poll reminders all send
the same way: the runner's pool of workers and retry policy (`bot.jobs.broadcast.Broadcast`), a
403 marks the person unreachable (`handlers.reach`), and each outcome is committed by the caller's
`record` right after Telegram answered, before the worker takes the next recipient. What each
kind keeps of an outcome (a row of `storage.outbox`, a stop, a result) is the caller's `record`.

The restart path is the same for every kind too: the rows still 'pending' are the work, and a
runner's pass (`bot.jobs.work.WorkRunner`) started at every start sends them, once.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from typing import Protocol, TypeVar

from telegram import Message

from bot.core.jobs import AnyApplication
from bot.jobs.broadcast import BLOCKED, Broadcast, Outcome, Tally
from bot.jobs.work import WorkRunner
from bot.rules.audience import AudienceSpec, select
from handlers import reach
from storage.schedule import Candidate, ScheduleRepository


class ToChat(Protocol):
    """A recipient: whatever names the private chat a message goes to."""

    @property
    def chat_id(self) -> int: ...


R = TypeVar("R", bound=ToChat)


async def deliver(
    app: AnyApplication,
    runner: WorkRunner,
    items: Sequence[R],
    send: Callable[[R], Awaitable[Message]],
    record: Callable[[R, Outcome], Awaitable[None]],
    *,
    keep_going: Callable[[], bool] | None = None,
) -> Tally:
    """Send to every item (until `keep_going`, by default "the bot runs", says stop)."""

    async def on_outcome(item: R, outcome: Outcome) -> None:
        if outcome.status == BLOCKED:
            await reach.mark_unreachable(app, item.chat_id)
        await record(item, outcome)

    return await Broadcast(
        send,
        on_outcome,
        workers=runner.workers,
        policy=runner.policy,
        keep_going=keep_going or (lambda: app.running),
    ).run(items)


async def resolve_audience(schedule: ScheduleRepository, spec: AudienceSpec) -> list[Candidate]:
    """The recipients of `spec` now: one read of the facts, then the pure rule (`select`)."""
    people = await schedule.audience_candidates(spec.stage, spec.session_id)
    return select(spec, people)
