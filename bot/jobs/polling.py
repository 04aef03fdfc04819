"""Polls at run time: sending the copies, deadlines that survive restarts, closing, reminding.

A poll is committed (with a pending copy per recipient) before anyone is told it is sent; from
there this module does the rest, in a task of the application, the way `bot.jobs.scheduling` sends
reminders:

- sending: every pending copy goes out through `bot.jobs.broadcast` (paced by the application's rate
  limiter, 403 → unreachable, 429 waited out), and each copy's message id and Telegram poll id
  are committed as soon as Telegram answers, so a broadcast cut short resumes at the next start
  with exactly the copies still pending;
- deadline: Telegram's own `open_period` is far too short for a poll that stays open for a day,
  so the bot stops every copy itself. The deadline lives in SQLite; a wake-up job is armed per
  open poll (and re-armed at every start), and `run_due` asks SQLite what is due, so a job that
  fires early, late or twice changes nothing; a deadline that passed while the bot was down
  closes the poll as soon as it is back;
- closing (by hand or deadline): the poll is marked closed at once, every delivered copy is
  stopped (`stopPoll`; for anonymous polls its final counts are the copy's answer), idea ranks
  are stored, participants get the final result if the facilitator chose so, and the facilitator
  gets the final result. Each step is recorded per copy, so a closing cut short resumes.

The clock is `Settings.clock` (aware UTC), as for reminders.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
from dataclasses import dataclass
from typing import Any, cast

from telegram import Message, ReplyParameters
from telegram import Poll as TelegramPoll
from telegram.constants import ParseMode
from telegram.error import TelegramError

from bot.core.context import BotContext
from bot.core.jobs import AnyApplication, PollRequest
from bot.jobs.broadcast import FAILED, SENT, UNCERTAIN, Outcome, Tally
from bot.jobs.outbox import deliver, resolve_audience
from bot.jobs.work import WorkRunner
from bot.jobs.work import services as services_of
from bot.rules.audience import AudienceSpec
from handlers.common import esc
from handlers.polls.view import question_for, ranks_of, render_results, result_markup
from handlers.texts import t
from storage.admin import AdminRepository
from storage.polls import Poll, PollCopy, PollRepository, PollResults, Recipient

log = logging.getLogger(__name__)


RUNNER_KEY = "poll_runner"
JOB_PREFIX = "poll:"
START_JOB = f"{JOB_PREFIX}start"
# Lateness is judged by `run_due` from SQLite, not by APScheduler (default grace: 1 s).
JOB_KWARGS: dict[str, Any] = {"misfire_grace_time": None, "coalesce": True}
# A wake-up job may fire a hair before our clock says the deadline has come.
JOB_MARGIN = 0.05
# How long an answer may wait for its copy's poll id to be committed (it can overtake it).
UNRECORDED_WAIT = 5.0


def repository(app: AnyApplication) -> PollRepository:
    """The application's poll repository (one per run, opened with the services: it batches
    answers)."""
    return services_of(app).polls


@dataclass(frozen=True)
class _Done:
    """What `Broadcast` needs of a result: a message id (stopPoll answers with a Poll)."""

    message_id: int


class PollRunner(WorkRunner):
    """Sends, closes and finishes polls one pass at a time, in a task of the application."""

    def __init__(self, app: AnyApplication) -> None:
        super().__init__(app, run_due, "polls")
        self.closing: set[int] = set()  # closed by hand: their sending stops at once
        self.reminding: set[int] = set()  # a reminder broadcast is running
        # Telegram poll ids sent but not committed yet: an answer may arrive in between.
        self.unrecorded: dict[str, asyncio.Event] = {}
        self.side_tasks: set[asyncio.Task[Any]] = set()

    async def idle(self) -> None:
        """Wait until the running pass and the reminder broadcasts (if any) are over."""
        await super().idle()
        while self.side_tasks:
            await asyncio.wait(set(self.side_tasks))

    async def wait_recorded(self, tg_poll_id: str) -> bool:
        """Wait for a copy just sent to be committed; False if it is not one of ours."""
        event = self.unrecorded.get(tg_poll_id)
        if event is None:
            return False
        try:
            await asyncio.wait_for(event.wait(), UNRECORDED_WAIT)
        except TimeoutError:
            return False
        return True


def runner(app: AnyApplication) -> PollRunner:
    found = app.bot_data.get(RUNNER_KEY)
    if not isinstance(found, PollRunner):
        found = PollRunner(app)
        app.bot_data[RUNNER_KEY] = found
    return found


async def wait_recorded(app: AnyApplication, tg_poll_id: str) -> bool:
    """Wait for a copy just sent to be committed; False if it is not one of ours."""
    return await runner(app).wait_recorded(tg_poll_id)


# --- start-up and deadlines --------------------------------------------------------------------


async def arm(app: AnyApplication) -> int:
    """One wake-up job per open poll with a deadline, and a first pass; returns the deadline jobs.

    Called from `post_init` (through `bot.jobs.start.arm_all`); the first pass runs as soon as
    the job queue starts and resumes whatever a stop cut short (copies to send, copies to stop,
    results to share).
    """
    armed = await _ensure_jobs(app, replace=True)
    queue = app.job_queue
    assert queue is not None, "python-telegram-bot[job-queue] is required"
    for job in queue.get_jobs_by_name(START_JOB):
        job.schedule_removal()
    queue.run_once(_wake, 0, name=START_JOB, job_kwargs=JOB_KWARGS)
    runner(app).wake()
    return armed


def _job_name(poll_id: int) -> str:
    return f"{JOB_PREFIX}{poll_id}"


def arm_deadline(app: AnyApplication, poll: Poll) -> None:
    """(Re)arm the wake-up job of one poll's deadline."""
    queue = app.job_queue
    assert queue is not None
    if poll.deadline_at is None:
        return
    for job in queue.get_jobs_by_name(_job_name(poll.id)):
        job.schedule_removal()
    now = services_of(app).settings.clock()
    # Delays come from our clock, so a test's clock and the job queue agree.
    delay = max(0.0, (poll.deadline_at - now).total_seconds()) + JOB_MARGIN
    queue.run_once(_wake, delay, name=_job_name(poll.id), data=poll.id, job_kwargs=JOB_KWARGS)


async def _ensure_jobs(app: AnyApplication, *, replace: bool = False) -> int:
    """Every open poll with a deadline has its job (a job that fired early is gone: re-add)."""
    queue = app.job_queue
    assert queue is not None
    armed = 0
    for poll in await repository(app).open_polls():
        if poll.deadline_at is None:
            continue
        if replace or not queue.get_jobs_by_name(_job_name(poll.id)):
            arm_deadline(app, poll)
            armed += 1
    return armed


async def _wake(context: BotContext) -> None:
    """Job callback: a deadline may have come."""
    runner(context.application).wake()


def jobs_armed(app: AnyApplication) -> list[Any]:
    """The deadline jobs in the job queue (for tests)."""
    queue = app.job_queue
    if queue is None:
        return []
    return [j for j in queue.jobs() if (j.name or "").startswith(JOB_PREFIX)]


# --- what handlers call -----------------------------------------------------------------------


async def recipients_for(app: AnyApplication, spec: AudienceSpec) -> list[Recipient]:
    """The audience's members the bot can message, as copies to send."""
    candidates = await resolve_audience(services_of(app).schedule, spec)
    return [
        Recipient(c.participant_id, int(c.telegram_id or 0), c.language or "id", c.mode)
        for c in candidates
    ]


async def launch(app: AnyApplication, request: PollRequest) -> Poll | None:
    """Commit the poll with a pending copy per recipient (and its audit entry, in the same
    transaction), then send in the background.

    None when the audience has nobody the bot can reach (nothing is stored then).
    """
    services = services_of(app)
    now = services.settings.clock()
    spec = request.spec
    recipients = await recipients_for(app, spec)
    if not recipients:
        return None
    minutes = request.deadline_minutes
    poll = await repository(app).create_poll(
        stage=spec.stage,
        question=request.question,
        options=request.options,
        multiple=request.multiple,
        anonymous=request.anonymous,
        audience=spec.to_dict(),
        recipients=recipients,
        created_by=request.created_by,
        now=now,
        deadline_at=now + dt.timedelta(minutes=minutes) if minutes else None,
        share_results=request.share_results,
        kind=request.kind,
        max_choices=request.max_choices,
        dimension=request.dimension,
    )
    arm_deadline(app, poll)
    runner(app).wake()
    return poll


async def close_now(app: AnyApplication, poll_id: int, *, by: int) -> bool:
    """Close a poll by hand; False if it was closed already. Stopping follows in the background."""
    services = services_of(app)
    closed = await repository(app).close_poll(poll_id, by=by, now=services.settings.clock())
    if closed:
        current = runner(app)
        current.closing.add(poll_id)
        for job in app.job_queue.get_jobs_by_name(_job_name(poll_id)) if app.job_queue else ():
            job.schedule_removal()
        current.wake()
    return closed


async def remind_unanswered(
    app: AnyApplication, poll: Poll, *, by: int, report_to: int, lang: str
) -> int | None:
    """Remind the recipients without an answer, in the background; how many (None: running)."""
    current = runner(app)
    if poll.id in current.reminding:
        return None
    copies = await repository(app).unanswered_copies(poll.id)
    if not copies:
        return 0
    current.reminding.add(poll.id)
    task = app.create_task(_remind(app, poll, copies, by, report_to, lang), name="poll-remind")
    current.side_tasks.add(task)
    task.add_done_callback(current.side_tasks.discard)
    return len(copies)


async def refresh_ranks(app: AnyApplication, poll_id: int) -> int:
    """Store the idea ranks of a prioritisation vote from its current result."""
    polls = repository(app)
    results = await polls.results(poll_id)
    if results is None or results.poll.kind != "prioritisation":
        return 0
    ranks = ranks_of(results)
    by_idea = {o.idea_id: ranks[o.position] for o in results.options if o.idea_id is not None}
    return await polls.store_priority_ranks(by_idea)


# --- the runner's pass ------------------------------------------------------------------------


async def run_due(app: AnyApplication) -> None:
    """Close due polls, finish closed ones, send pending copies; serialised by the lock."""
    services = services_of(app)
    polls = repository(app)
    current = runner(app)
    async with current.lock:
        now = services.settings.clock()
        for poll in await polls.due_polls(now):
            await polls.close_poll(poll.id, by=None, now=now)
        for poll in await polls.unfinished_closed_polls():
            if not app.running:
                return
            await _finish(app, poll)
        for poll in await polls.open_polls():
            if not app.running:
                return
            if await polls.pending_copies(poll.id):
                await _send(app, poll)
        if app.running:
            await _ensure_jobs(app)


async def _send(app: AnyApplication, poll: Poll) -> Tally:
    services = services_of(app)
    polls = repository(app)
    current = runner(app)
    clock = services.settings.clock
    pending = await polls.pending_copies(poll.id)
    poll_ids: dict[int, str] = {}
    texts = [o.text for o in poll.options]

    async def send(copy: PollCopy) -> Message:
        message = await app.bot.send_poll(
            copy.chat_id,
            question_for(copy.language, poll),
            texts,
            is_anonymous=poll.anonymous,
            allows_multiple_answers=poll.multiple,
            **current.policy.timeouts,
        )
        if message.poll is not None:
            poll_ids[copy.id] = message.poll.id
            current.unrecorded[message.poll.id] = asyncio.Event()
        return message

    async def record(copy: PollCopy, outcome: Outcome) -> None:
        tg_poll_id = poll_ids.pop(copy.id, None)
        try:
            await polls.record_copy(
                copy.id,
                outcome.status,
                attempts=copy.attempts + outcome.attempts,
                now=clock(),
                message_id=outcome.message_id,
                tg_poll_id=tg_poll_id,
                error=outcome.error,
            )
        finally:
            if tg_poll_id is not None:
                event = current.unrecorded.pop(tg_poll_id, None)
                if event is not None:
                    event.set()

    def keep_going() -> bool:
        due = poll.deadline_at is not None and clock() >= poll.deadline_at
        return app.running and poll.id not in current.closing and not due

    tally = await deliver(app, current, pending, send, record, keep_going=keep_going)
    if tally.interrupted:
        log.info("poll %d: sending stopped (closing, deadline or shutdown)", poll.id)
    return tally


async def _finish(app: AnyApplication, poll: Poll) -> None:
    """Stop every copy, store ranks, share the result, tell the facilitator; resumable."""
    services = services_of(app)
    polls = repository(app)
    current = runner(app)
    clock = services.settings.clock
    await polls.cancel_pending(poll.id, clock())
    finals: dict[int, TelegramPoll] = {}

    async def stop(copy: PollCopy) -> Message:
        assert copy.message_id is not None
        finals[copy.id] = await app.bot.stop_poll(
            copy.chat_id, copy.message_id, **current.policy.timeouts
        )
        return cast(Message, _Done(copy.message_id))

    async def record_stop(copy: PollCopy, outcome: Outcome) -> None:
        final = finals.pop(copy.id, None)
        counts = [o.voter_count for o in final.options] if final and poll.anonymous else None
        await polls.record_stop(
            copy,
            now=clock(),
            counts=counts,
            total=final.total_voter_count if final else 0,
            error=outcome.error if outcome.status != SENT else None,
        )

    tally = await deliver(app, current, await polls.copies_to_stop(poll.id), stop, record_stop)
    if tally.interrupted:
        return
    await refresh_ranks(app, poll.id)
    if poll.share_results and not await _share(app, poll):
        return
    finished = await polls.finish_poll(poll.id, clock())
    current.closing.discard(poll.id)
    results = await polls.results(poll.id)
    if not finished or results is None:
        return
    await AdminRepository(services.repo.db).record(
        poll.closed_by,
        "poll.close",
        f"poll:{poll.id}",
        by_deadline=poll.closed_by is None,
        recipients=results.recipients,
        voters=results.voters,
        hand_votes=results.hand_total,
        shared=poll.share_results,
    )
    await _report(app, results.poll.created_by, results)


async def _share(app: AnyApplication, poll: Poll) -> bool:
    """Send each recipient the final result, in their language; False if cut short."""
    services = services_of(app)
    polls = repository(app)
    current = runner(app)
    clock = services.settings.clock
    results = await polls.results(poll.id)
    assert results is not None
    tz = services.workshop.tz
    rendered: dict[str, str] = {}

    async def send(copy: PollCopy) -> Message:
        if copy.language not in rendered:
            rendered[copy.language] = render_results(copy.language, results, tz, staff=False)
        return await app.bot.send_message(
            copy.chat_id,
            rendered[copy.language],
            parse_mode=ParseMode.HTML,
            **current.policy.timeouts,
        )

    async def record(copy: PollCopy, outcome: Outcome) -> None:
        # Uncertain (sent, never answered) is not resent; the result counts it as failed.
        status = FAILED if outcome.status == UNCERTAIN else outcome.status
        await polls.record_result(copy.id, status, clock())

    tally = await deliver(app, current, await polls.copies_for_result(poll.id), send, record)
    return not tally.interrupted


async def _report(app: AnyApplication, chat_id: int | None, results: PollResults) -> None:
    """The final result to the facilitator who asked the question."""
    if chat_id is None:
        return
    services = services_of(app)
    lang = await services.repo.user_language(chat_id) or "id"
    text = render_results(lang, results, services.workshop.tz)
    try:
        await app.bot.send_message(
            chat_id, text, parse_mode=ParseMode.HTML, reply_markup=result_markup(lang, results.poll)
        )
    except TelegramError as exc:
        log.info("no final result to %s: %s", chat_id, exc)


async def _remind(
    app: AnyApplication, poll: Poll, copies: list[PollCopy], by: int, report_to: int, lang: str
) -> None:
    services = services_of(app)
    polls = repository(app)
    current = runner(app)
    clock = services.settings.clock
    try:

        async def send(copy: PollCopy) -> Message:
            text = t(
                copy.language, "poll_remind_text", question=esc(question_for(copy.language, poll))
            )
            reply = (
                ReplyParameters(copy.message_id, allow_sending_without_reply=True)
                if copy.message_id
                else None
            )
            return await app.bot.send_message(
                copy.chat_id,
                text,
                parse_mode=ParseMode.HTML,
                reply_parameters=reply,
                **current.policy.timeouts,
            )

        async def record(copy: PollCopy, outcome: Outcome) -> None:
            if outcome.status == SENT:
                await polls.mark_reminded(copy.id, clock())

        tally = await deliver(app, current, copies, send, record)
        await AdminRepository(services.repo.db).record(
            by,
            "poll.remind",
            f"poll:{poll.id}",
            sent=tally.sent,
            blocked=tally.blocked,
            failed=tally.failed,
        )
        try:
            await app.bot.send_message(
                report_to,
                t(
                    lang,
                    "poll_remind_done",
                    id=poll.id,
                    sent=tally.sent,
                    failed=tally.failed + tally.blocked,
                ),
                parse_mode=ParseMode.HTML,
            )
        except TelegramError as exc:
            log.info("no reminder report to %s: %s", report_to, exc)
    finally:
        current.reminding.discard(poll.id)
