"""Helpers for the schedule, check-in and reminder tests: a clocked bot, many participants."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Awaitable, Callable, Iterable
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from bot.core.context import SERVICES_KEY, Services
from bot.core.ratelimit import PacedRateLimiter, Pacer
from bot.dev.demo.wait import wait_until
from bot.dev.emulator import Emulator, SimUser
from bot.dev.sandbox import BotHarness
from bot.jobs import scheduling
from bot.rules.timing import ShiftedClock
from storage.models import Profile
from storage.schedule import ScheduleRepository

WITA = ZoneInfo("Asia/Makassar")


def wita(text: str) -> dt.datetime:
    """'2021-06-21 08:30' in the workshop's zone, as an aware UTC instant."""
    return dt.datetime.fromisoformat(text).replace(tzinfo=WITA).astimezone(dt.UTC)


async def clocked_harness(
    emulator: Emulator, tmp_path: Path, clock: ShiftedClock, *, fast: bool = True, **overrides: Any
) -> BotHarness:
    settings = BotHarness.settings_for(
        emulator, tmp_path / "bot.db", fast=fast, clock=clock, **overrides
    )
    harness = BotHarness(emulator, settings)
    await harness.start()
    return harness


def services(harness: BotHarness) -> Services:
    assert harness.app is not None, "the bot is not running"
    found = harness.app.bot_data[SERVICES_KEY]
    assert isinstance(found, Services)
    return found


def schedule(harness: BotHarness) -> ScheduleRepository:
    return services(harness).schedule


def unpace_overall(harness: BotHarness, rate: float = 400.0) -> None:
    """Lift the overall pacing (29/s) for tests that only count messages, not time them."""
    assert harness.app is not None
    limiter = harness.app.bot.rate_limiter
    assert isinstance(limiter, PacedRateLimiter)
    limiter._overall = Pacer(rate, 1.0)


async def register(
    harness: BotHarness,
    user: SimUser | None,
    *,
    name: str,
    stage: int = 1,
    mode: str = "online",
    institution: str = "Bappeda",
    position: str = "opd_staff",
) -> int:
    """Register someone directly (not by chat); returns the participant id.

    Like a registration by chat, the user is first 'seen' by the bot (a `users` row), which is
    what lets a 403 mark them unreachable.
    """
    repo = harness.repo
    profile = Profile(name, institution, position)
    if user is None:
        result = await repo.register_offline(profile, stage, entered_by=1)
    else:
        await repo.touch_user(user.id, user.first_name, None)
        stage_row = await repo.get_stage(stage)
        assert stage_row is not None
        if not stage_row.registration_open:
            await repo.set_registration_open(stage, True)
        result = await repo.register_self(user.id, profile, stage, mode)
    assert result.participant is not None, result
    return result.participant.id


async def many_users(harness: BotHarness, count: int, *, mode: str = "online") -> list[SimUser]:
    """`count` emulator users created concurrently, each registered for Tahap I."""
    gate = asyncio.Semaphore(50)

    async def one(i: int) -> SimUser:
        async with gate:
            return await harness.user(f"Peserta{i:04d}")

    users = await asyncio.gather(*(one(i) for i in range(count)))
    for i, user in enumerate(users):
        await register(harness, user, name=f"Peserta {i:04d}", mode=mode)
    return list(users)


async def messages_per_chat(
    harness: BotHarness, users: Iterable[SimUser], contains: str
) -> dict[int, int]:
    """How many bot messages containing `contains` each user's chat holds."""
    gate = asyncio.Semaphore(50)

    async def count(user: SimUser) -> tuple[int, int]:
        async with gate:
            messages = await harness.client.chat_messages(user.chat_id)
        return user.id, sum(contains in (m.text or "") for m in messages)

    return dict(await asyncio.gather(*(count(u) for u in users)))


async def wait_for(
    predicate: Callable[[], Awaitable[bool]],
    timeout: float = 10.0,
    step: float = 0.02,
    *,
    what: str | None = None,
    why: Callable[[], Awaitable[str]] | None = None,
) -> None:
    """Poll an async predicate until it holds; else fail saying what did not happen."""
    await wait_until(
        predicate,
        timeout=timeout,
        step=step,
        what=what or f"{getattr(predicate, '__name__', 'the condition')} held",
        why=why,
    )


async def wait_finished(harness: BotHarness, reminder_id: int, timeout: float = 20.0) -> str:
    """Wait until a reminder's broadcast is over; returns its final status."""
    repo = schedule(harness)

    async def done() -> bool:
        reminder = await repo.get_reminder(reminder_id)
        return reminder is not None and reminder.status in ("sent", "missed", "cancelled")

    async def why() -> str:
        reminder = await repo.get_reminder(reminder_id)
        if reminder is None:
            return f"there is no reminder #{reminder_id}"
        counts = await repo.delivery_counts(reminder_id)
        return (
            f"it is still {reminder.status!r} with {counts.sent} sent, {counts.pending} pending, "
            f"{counts.failed} failed, {counts.blocked} blocked"
        )

    await wait_for(done, timeout, what=f"reminder #{reminder_id} finished sending", why=why)
    reminder = await repo.get_reminder(reminder_id)
    assert reminder is not None
    return reminder.status


async def run_due(harness: BotHarness) -> list[int]:
    assert harness.app is not None
    return await scheduling.run_due(harness.app)
