"""The delivery outbox: one bookkeeping and one sender for reminders and poll copies, jobs armed
one way.

- a delivery row is flipped once, from 'pending' only: a second answer for it changes nothing,
  so a row already sent is never resent nor rewritten (reminders and poll copies alike);
- a send left unanswered is kept 'uncertain' (stored failed, error prefixed) and counted apart;
- a poll, its pending copies and its audit entry are written in one transaction;
- the rows of the two old delivery tables move into the outbox (migration 0007);
- `arm_all` arms reminders, polls and the backup; arming again arms nothing twice and keeps the
  runners (so two passes never send side by side).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from bot.dev.emulator import Emulator
from bot.dev.sandbox import BotHarness
from bot.jobs import ops, polling, scheduling
from bot.jobs.start import arm_all
from bot.rules.audience import AudienceSpec
from bot.rules.timing import ShiftedClock
from storage.admin import AdminRepository
from storage.db import Database, stamp, wall_clock
from storage.outbox import UNCERTAIN_PREFIX
from storage.polls import Poll, PollOption, Recipient
from storage.schedule import ScheduleRepository
from tests.schedule_support import clocked_harness, register, schedule, services, wita
from tests.test_migrations import _fill


@pytest.fixture
async def bot(emulator: Emulator, tmp_path: Path) -> AsyncIterator[BotHarness]:
    clock = ShiftedClock(wita("2021-06-21 09:00"), ticking=False)
    harness = await clocked_harness(emulator, tmp_path, clock)
    yield harness
    await harness.close()


async def _recipients(bot: BotHarness, count: int) -> list[Recipient]:
    users = [await bot.user(f"Penerima{i}") for i in range(count)]
    pids = [await register(bot, user, name=f"Penerima {i}") for i, user in enumerate(users)]
    return [Recipient(p, u.id, "id", "online") for p, u in zip(pids, users, strict=True)]


async def _poll(bot: BotHarness, recipients: list[Recipient], **extra: Any) -> Poll:
    assert bot.app is not None
    clock = services(bot).settings.clock
    return await polling.repository(bot.app).create_poll(
        stage=1,
        question="Prioritas pertama?",
        options=[PollOption(0, "Pasar"), PollOption(1, "Jalan")],
        multiple=False,
        anonymous=False,
        audience=AudienceSpec("all", 1).to_dict(),
        recipients=recipients,
        created_by=None,
        now=clock(),
        **extra,
    )


async def test_a_poll_copy_is_flipped_once_from_pending(bot: BotHarness) -> None:
    assert bot.app is not None
    polls = polling.repository(bot.app)
    now = services(bot).settings.clock()
    poll = await _poll(bot, await _recipients(bot, 3))
    first, second, third = await polls.pending_copies(poll.id)
    await polls.record_copy(first.id, "sent", attempts=1, now=now, message_id=7, tg_poll_id="t1")
    # A late second answer for the same copy (a worker resending it) changes nothing.
    await polls.record_copy(first.id, "failed", attempts=2, now=now, error="late")
    await polls.record_copy(second.id, "uncertain", attempts=1, now=now, error="no answer")
    copies = {c.id: c for c in await polls.copies(poll.id)}
    assert copies[first.id].status == "sent", "a sent copy was flipped again"
    assert (copies[first.id].message_id, copies[first.id].tg_poll_id) == (7, "t1")
    assert copies[first.id].attempts == 1
    assert [c.id for c in await polls.pending_copies(poll.id)] == [third.id]
    counts = await polls.outbox.counts(poll.id)
    assert (counts.sent, counts.failed, counts.uncertain, counts.pending) == (1, 1, 1, 1)
    row = await bot.repo.db.fetchone("SELECT error FROM poll_copies WHERE id = ?", (second.id,))
    assert row is not None and row["error"] == UNCERTAIN_PREFIX + "no answer"
    assert await polls.cancel_pending(poll.id, now) == 1
    assert await polls.pending_copies(poll.id) == []


async def test_a_reminder_delivery_is_flipped_once_from_pending(bot: BotHarness) -> None:
    repo = schedule(bot)
    now = services(bot).settings.clock()
    recipients = await _recipients(bot, 2)
    reminder = await repo.add_reminder(
        stage=1, text="Besok pukul 08.00", due_at=now, audience=AudienceSpec("all", 1).to_dict(),
        created_by=None, now=now,
    )  # fmt: skip
    rows = [(r.participant_id, r.chat_id, r.language, r.mode) for r in recipients]
    assert await repo.begin_sending(reminder.id, rows, now)
    assert not await repo.begin_sending(reminder.id, rows, now), "a reminder was claimed twice"
    first, second = await repo.pending_deliveries(reminder.id)
    await repo.record_delivery(first.id, "sent", attempts=1, now=now, message_id=11)
    await repo.record_delivery(first.id, "blocked", attempts=2, now=now, error="late")
    await repo.record_delivery(second.id, "uncertain", attempts=1, now=now)
    statuses = [d.status for d in await repo.deliveries(reminder.id)]
    assert statuses == ["sent", "failed"], "a sent delivery was flipped again"
    counts = await repo.delivery_counts(reminder.id)
    assert (counts.sent, counts.failed, counts.uncertain, counts.blocked) == (1, 1, 1, 0)
    with pytest.raises(ValueError):
        await repo.record_delivery(second.id, "pending", attempts=1, now=now)


async def test_a_poll_and_its_audit_entry_are_one_transaction(
    bot: BotHarness, monkeypatch: pytest.MonkeyPatch
) -> None:
    recipients = await _recipients(bot, 2)

    async def broken(*args: Any, **kwargs: Any) -> None:
        raise RuntimeError("the audit log is full")

    monkeypatch.setattr(AdminRepository, "log_in", staticmethod(broken))
    with pytest.raises(RuntimeError):
        await _poll(bot, recipients)
    for table in ("polls", "poll_copies", "poll_options"):
        row = await bot.repo.db.fetchone(f"SELECT COUNT(*) FROM {table}")
        assert row is not None and row[0] == 0, f"{table} kept rows of a poll never logged"
    monkeypatch.undo()
    poll = await _poll(bot, recipients)
    [entry] = [e for e in await services(bot).admin.latest() if e.action == "poll.send"]
    assert entry.subject == f"poll:{poll.id}" and entry.details["recipients"] == 2


def _armed(bot: BotHarness) -> Counter[str]:
    assert bot.app is not None and bot.app.job_queue is not None
    return Counter(job.name or "" for job in bot.app.job_queue.jobs())


async def test_jobs_are_armed_one_way_and_arming_twice_arms_nothing_twice(
    bot: BotHarness,
) -> None:
    assert bot.app is not None
    clock = services(bot).settings.clock
    later = clock() + dt.timedelta(hours=2)
    await schedule(bot).add_reminder(
        stage=1, text="Nanti", due_at=later, audience=AudienceSpec("all", 1).to_dict(),
        created_by=None, now=clock(),
    )  # fmt: skip
    poll = await _poll(bot, await _recipients(bot, 1), deadline_at=later)
    await arm_all(bot.app)
    armed = _armed(bot)
    assert armed[ops.BACKUP_JOB] == 1, f"no daily backup armed: {dict(armed)}"
    assert armed[f"{polling.JOB_PREFIX}{poll.id}"] == 1, f"no poll deadline armed: {dict(armed)}"
    assert [n for n in armed if n.startswith(scheduling.JOB_PREFIX)], "no reminder armed"
    reminders, polls = scheduling.runner(bot.app), polling.runner(bot.app)
    await arm_all(bot.app)
    again = _armed(bot)
    doubled = {name: n for name, n in again.items() if n > 1}
    assert not doubled, f"arming twice armed these twice: {doubled}"
    assert scheduling.runner(bot.app) is reminders, "a second reminder runner was made"
    assert polling.runner(bot.app) is polls, "a second poll runner was made"


async def test_the_old_delivery_rows_move_into_the_outbox(tmp_path: Path) -> None:
    """Migration 0007: poll copies keep their ids (their answers still point at them), reminder
    deliveries follow; both old names still read the same rows."""
    path = tmp_path / "v6.db"
    old = await Database.open(path, target_version=6)
    await _fill(old, 6)
    now = stamp(wall_clock())
    async with old.transaction() as conn:
        await conn.execute(
            "INSERT INTO reminders (id, kind, stage, due_at, audience, status, created_at) "
            "VALUES (4, 'custom', 1, ?, '{}', 'sending', ?)",
            (now, now),
        )
        await conn.execute(
            "INSERT INTO reminder_deliveries (reminder_id, participant_id, chat_id, status, "
            "attempts, error, updated_at) VALUES (4, 1, 555, 'failed', 1, 'uncertain: x', ?)",
            (now,),
        )
    await old.close()

    db = await Database.open(path)
    rows = await db.fetchall("SELECT id, kind, poll_id, reminder_id, status FROM outbox")
    assert [tuple(r) for r in rows] == [
        (1, "poll", 1, None, "sent"),
        (2, "reminder", None, 4, "failed"),
    ]
    answer = await db.fetchone("SELECT copy_id FROM poll_answers")
    assert answer is not None and answer[0] == 1
    copy = await db.fetchone("SELECT tg_poll_id, chat_id FROM poll_copies WHERE id = 1")
    assert copy is not None and tuple(copy) == ("5301", 555)
    counts = await ScheduleRepository(db).delivery_counts(4)
    assert (counts.failed, counts.uncertain) == (1, 1)
    assert await db.fetchall("PRAGMA foreign_key_check") == []
    await db.close()
