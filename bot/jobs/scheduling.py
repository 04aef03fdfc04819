"""Reminders that survive restarts: SQLite holds them, the job queue only wakes the bot up.

PTB's job queue (APScheduler 3) keeps jobs in memory, and its SQLAlchemy job store cannot pickle
PTB's jobs (shared/PITFALLS.md). So the reminders live in the `reminders` table and `arm`, called
from `post_init`, re-creates one `run_once` job per reminder still to come. A job does not carry
the reminder: it only wakes the `ReminderRunner`, which asks SQLite what is due (`run_due`). That
makes the job queue's own quirks harmless: a job that fires late, early, twice, or not at all
(APScheduler's default misfire grace is 1 s) changes nothing, because the start-up pass and the
status columns decide.

What happens to a reminder:

- due while the bot runs: sent (status scheduled → sending → sent);
- due while the bot was down: sent late once if at most BOT_REMINDER_GRACE_MINUTES late, else
  marked missed and never sent; an automatic reminder is not sent after its session ended;
- a broadcast cut short (crash, kill, restart): its delivery rows say who is still pending; the
  next start sends to exactly those, within the same grace;
- the bot is stopping: workers finish the message in hand and take no new one.

The clock is `Settings.clock` (aware UTC), so tests move time instead of waiting for it.
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
from typing import Any

from telegram import Message
from telegram.constants import ParseMode
from telegram.error import TelegramError
from telegram.ext import Job

from bot.core.context import BotContext, Services
from bot.core.jobs import AnyApplication
from bot.jobs.broadcast import Outcome, Tally
from bot.jobs.outbox import deliver, resolve_audience
from bot.jobs.work import WorkRunner
from bot.jobs.work import services as services_of
from bot.rules.audience import AudienceSpec, unreachable_members
from bot.rules.timing import (
    SLOT_DAY_BEFORE,
    day_before_due,
    day_before_key,
    first_sessions_of_days,
    past_grace,
    reminder_too_late,
    soon_due,
    soon_key,
)
from handlers.schedule_view import audience_label, render_reminder
from handlers.texts import t
from storage.schedule import Delivery, Reminder

log = logging.getLogger(__name__)


RUNNER_KEY = "reminder_runner"
JOB_PREFIX = "reminder:"
# No limit on lateness for the wake-up jobs: lateness is judged by `run_due`, not APScheduler.
JOB_KWARGS: dict[str, Any] = {"misfire_grace_time": None, "coalesce": True}


class ReminderRunner(WorkRunner):
    """Sends due reminders one pass at a time, in a task of the application.

    `Application.stop` waits for the task; the workers notice `app.running` turned False and
    stop taking recipients, so a stop takes a moment, not the rest of a broadcast.
    """

    def __init__(self, app: AnyApplication) -> None:
        super().__init__(app, run_due, "reminders")


def runner(app: AnyApplication) -> ReminderRunner:
    found = app.bot_data.get(RUNNER_KEY)
    if not isinstance(found, ReminderRunner):
        raise RuntimeError("reminders are not armed (post_init has not run)")
    return found


# --- start-up and re-arming ----------------------------------------------------------------


async def arm(app: AnyApplication) -> None:
    """Load sessions, make the automatic reminders, and arm a wake-up for each reminder.

    Called once from `post_init`, before the application runs; whatever is already due is
    handled by a wake-up job that fires as soon as the job queue starts.
    """
    services = services_of(app)
    now = services.settings.clock()
    added = await services.schedule.sync_sessions(services.workshop, now)
    if added:
        log.info("sessions added from the workshop file: %d", added)
    await ensure_auto_reminders(services, now)
    if not isinstance(app.bot_data.get(RUNNER_KEY), ReminderRunner):
        # Armed again: the same runner, so two passes never send side by side.
        app.bot_data[RUNNER_KEY] = ReminderRunner(app)
    await rearm(app)
    queue = app.job_queue
    assert queue is not None, "python-telegram-bot[job-queue] is required"
    for job in queue.get_jobs_by_name(f"{JOB_PREFIX}start"):
        job.schedule_removal()
    queue.run_once(_wake, 0, name=f"{JOB_PREFIX}start", job_kwargs=JOB_KWARGS)


async def ensure_auto_reminders(services: Services, now: dt.datetime) -> None:
    """The evening-before and just-before reminders, per the settings.

    Idempotent thanks to their unique keys: a restart creates nothing twice, and a reminder not
    sent yet follows its session when the secretariat moves it.
    """
    settings = services.settings
    tz = services.workshop.tz
    sessions = await services.schedule.list_sessions()
    wanted: list[tuple[str, int, int, dt.datetime]] = []  # key, stage, session, due
    if settings.reminder_day_before is not None:
        for first in first_sessions_of_days(sessions, tz):
            due = day_before_due(first.day, settings.reminder_day_before, tz)
            wanted.append((day_before_key(first.stage, first.day), first.stage, first.id, due))
    if settings.reminder_before_minutes > 0:
        for session in sessions:
            due = soon_due(session, tz, settings.reminder_before_minutes)
            wanted.append((soon_key(session.id), session.stage, session.id, due))
    for key, stage, session_id, due in wanted:
        await services.schedule.upsert_auto_reminder(
            auto_key=key,
            stage=stage,
            session_id=session_id,
            due_at=due,
            audience=AudienceSpec("all", stage).to_dict(),
            now=now,
        )
    await services.schedule.drop_auto_reminders([key for key, *_ in wanted])


async def rearm(app: AnyApplication) -> int:
    """One wake-up job per scheduled reminder (replacing any earlier one); returns how many."""
    services = services_of(app)
    queue = app.job_queue
    assert queue is not None
    now = services.settings.clock()
    for job in queue.jobs():
        if job.name and job.name.startswith(JOB_PREFIX) and job.name != f"{JOB_PREFIX}start":
            job.schedule_removal()
    armed = 0
    for reminder in await services.schedule.reminders(["scheduled"]):
        # Delays come from our clock, so a test's clock and the job queue agree.
        delay = max(0.0, (reminder.due_at - now).total_seconds())
        queue.run_once(
            _wake, delay, name=f"{JOB_PREFIX}{reminder.id}", data=reminder.id, job_kwargs=JOB_KWARGS
        )
        armed += 1
    return armed


async def refresh(app: AnyApplication) -> None:
    """After sessions or reminders changed: follow sessions with the automatic ones, re-arm."""
    services = services_of(app)
    await ensure_auto_reminders(services, services.settings.clock())
    await rearm(app)
    runner(app).wake()


async def _wake(context: BotContext) -> None:
    """Job callback: a reminder may be due."""
    runner(context.application).wake()


# --- sending ----------------------------------------------------------------------------------


async def run_due(app: AnyApplication, now: dt.datetime | None = None) -> list[int]:
    """Send every due reminder and finish broadcasts cut short; returns the reminders handled.

    Serialised by the runner's lock, so the wake-up jobs, the runner and a test calling this
    directly never send the same reminder side by side.
    """
    services = services_of(app)
    handled: list[int] = []
    async with runner(app).lock:
        clock = services.settings.clock
        now = now or clock()
        grace = dt.timedelta(minutes=services.settings.reminder_grace_minutes)
        for reminder in await services.schedule.reminders(["sending"]):
            if not app.running:
                return handled
            if past_grace(reminder.due_at, now, grace):
                expired = await services.schedule.expire_pending(reminder.id, now)
                log.warning(
                    "reminder %d: %d deliveries expired after a restart", reminder.id, expired
                )
                await services.schedule.finish_reminder(reminder.id, now)
                await _report(app, reminder)
            else:
                await _broadcast(app, reminder)
            handled.append(reminder.id)
        for reminder in await services.schedule.reminders(["scheduled"]):
            if not app.running:
                return handled
            if reminder.due_at > now:
                break
            if await _too_late(services, reminder, now, grace):
                await services.schedule.mark_missed(reminder.id, now)
                log.info("reminder %d missed (due %s)", reminder.id, reminder.due_at.isoformat())
                handled.append(reminder.id)
                continue
            if await _start(services, reminder, now):
                fresh = await services.schedule.get_reminder(reminder.id)
                assert fresh is not None
                await _broadcast(app, fresh)
                handled.append(reminder.id)
        if app.running:
            await _arm_next(app)
    return handled


async def _arm_next(app: AnyApplication) -> None:
    """Make sure the next reminder has a wake-up job.

    A job that fired a moment early (APScheduler runs on the event loop's clock, ours is the
    wall clock) found nothing due and is gone; this puts it back.
    """
    services = services_of(app)
    queue = app.job_queue
    assert queue is not None
    upcoming = await services.schedule.reminders(["scheduled"], limit=1)
    if not upcoming:
        return
    name = f"{JOB_PREFIX}{upcoming[0].id}"
    if not queue.get_jobs_by_name(name):
        delay = max(0.0, (upcoming[0].due_at - services.settings.clock()).total_seconds())
        queue.run_once(_wake, delay, name=name, data=upcoming[0].id, job_kwargs=JOB_KWARGS)


async def _too_late(
    services: Services, reminder: Reminder, now: dt.datetime, grace: dt.timedelta
) -> bool:
    """Read what the rule needs (the session's end, if the reminder is tied to one) and ask it."""
    tied = reminder.kind == "auto" and reminder.session_id is not None
    ends = None
    if tied and reminder.session_id is not None and not past_grace(reminder.due_at, now, grace):
        session = await services.schedule.get_session(reminder.session_id)
        ends = session.ends_at(services.workshop.tz) if session else None
    return reminder_too_late(reminder.due_at, now, grace, for_session=tied, session_ends_at=ends)


async def _start(services: Services, reminder: Reminder, now: dt.datetime) -> bool:
    """Resolve the audience and write a pending delivery per recipient, before any sending."""
    try:
        spec = AudienceSpec.from_json(reminder.audience)
    except ValueError:
        log.error("reminder %d has a malformed audience %r", reminder.id, reminder.audience)
        await services.schedule.mark_missed(reminder.id, now)
        return False
    recipients = await resolve_audience(services.schedule, spec)
    rows = [
        (c.participant_id, int(c.telegram_id or 0), c.language or "id", c.mode) for c in recipients
    ]
    return await services.schedule.begin_sending(reminder.id, rows, now)


async def _broadcast(app: AnyApplication, reminder: Reminder) -> Tally:
    services = services_of(app)
    schedule = services.schedule
    session = await schedule.get_session(reminder.session_id) if reminder.session_id else None
    sessions = [session] if session else []
    if session is not None and (reminder.auto_key or "").endswith(f":{SLOT_DAY_BEFORE}"):
        # The evening before: every session of that day.
        sessions = [s for s in await schedule.list_sessions(session.stage) if s.day == session.day]
    stage = await services.repo.get_stage(reminder.stage)
    render = functools.partial(render_reminder, services.workshop, reminder, sessions, stage)
    pending = await schedule.pending_deliveries(reminder.id)
    current = runner(app)

    async def send(delivery: Delivery) -> Message:
        text, markup = render(delivery.language, delivery.mode)
        return await app.bot.send_message(
            delivery.chat_id,
            text,
            parse_mode=ParseMode.HTML,
            reply_markup=markup,
            **current.policy.timeouts,
        )

    async def record(delivery: Delivery, outcome: Outcome) -> None:
        await schedule.record_delivery(
            delivery.id,
            outcome.status,
            attempts=delivery.attempts + outcome.attempts,
            now=services.settings.clock(),
            message_id=outcome.message_id,
            error=outcome.error,
        )

    tally = await deliver(app, current, pending, send, record)
    if tally.interrupted:
        log.info("reminder %d interrupted; the rest is sent at the next start", reminder.id)
        return tally
    await schedule.finish_reminder(reminder.id, services.settings.clock())
    await _report(app, reminder)
    return tally


async def _report(app: AnyApplication, reminder: Reminder) -> None:
    """Tell whoever asked for the reminder (the secretariat, for automatic ones) how it went."""
    services = services_of(app)
    counts = await services.schedule.delivery_counts(reminder.id)
    await services.admin.record(
        reminder.created_by,
        "broadcast.reminder",
        f"R-{reminder.id}",
        kind=reminder.kind,
        sent=counts.sent,
        blocked=counts.blocked,
        failed=counts.failed,
        uncertain=counts.uncertain,
    )
    try:
        spec: AudienceSpec | None = AudienceSpec.from_json(reminder.audience)
    except ValueError:
        spec = None
    skipped = 0
    session = None
    if spec is not None:
        people = await services.schedule.audience_candidates(spec.stage, spec.session_id)
        skipped = len(unreachable_members(spec, people))
        if spec.session_id is not None:
            session = await services.schedule.get_session(spec.session_id)
    targets = (
        [reminder.created_by]
        if reminder.created_by is not None
        else sorted(services.settings.admin_ids)
    )
    for chat_id in targets:
        lang = await services.repo.user_language(chat_id) or "id"
        text = t(
            lang,
            "reminder_report",
            id=reminder.id,
            audience=audience_label(lang, spec, session) if spec else "?",
            sent=counts.sent,
            blocked=counts.blocked,
            failed=counts.failed,
            skipped=skipped,
        )
        if counts.uncertain:
            text += "\n" + t(lang, "reminder_report_uncertain", uncertain=counts.uncertain)
        try:
            await app.bot.send_message(chat_id, text, parse_mode=ParseMode.HTML)
        except TelegramError as exc:
            log.info("no delivery report to %s: %s", chat_id, exc)


def jobs_armed(app: AnyApplication) -> list[Job[Any]]:
    """The wake-up jobs currently in the job queue (for tests and /daftarpengingat)."""
    queue = app.job_queue
    if queue is None:
        return []
    return [j for j in queue.jobs() if (j.name or "").startswith(JOB_PREFIX)]
