"""The notes of decisions to idea authors: one short message per author, paced and restart-safe.

A sending (`decision_notes` row) and one outbox row of kind 'note' per author are written
'pending' together (storage/decisions.py `start_notes`), before the first message leaves. This
module sends the pending rows through the one sender of the outbox (`bot.jobs.outbox.deliver`:
the runner's workers, retries and the application's pacing) and flips each row right after
Telegram answered, so a stop mid-way leaves exactly the unsent authors pending, and the pass
started at the next start (`arm`) sends those, once. Each note is rendered at send time, in the
author's language, from the decisions stored then.
"""

from __future__ import annotations

import logging

from telegram import Message
from telegram.constants import ParseMode
from telegram.error import TelegramError

from bot.core.context import BotContext
from bot.core.jobs import AnyApplication
from bot.jobs.broadcast import Outcome
from bot.jobs.outbox import deliver
from bot.jobs.work import WorkRunner
from bot.jobs.work import services as services_of
from handlers.decisions_view import render_note
from handlers.texts import t
from storage.decisions import NoteDelivery

log = logging.getLogger(__name__)
RUNNER_KEY = "decision_note_runner"
JOB_NAME = "decision-notes:start"


class NoteRunner(WorkRunner):
    """Sends the pending notes one pass at a time, in a task of the application."""

    def __init__(self, app: AnyApplication) -> None:
        super().__init__(app, run_open, "decision-notes")


def runner(app: AnyApplication) -> NoteRunner:
    found = app.bot_data.get(RUNNER_KEY)
    if not isinstance(found, NoteRunner):
        raise RuntimeError("decision notes are not armed (post_init has not run)")
    return found


async def arm(app: AnyApplication) -> None:
    """A first pass as soon as the job queue runs: finishes a sending a stop cut short."""
    if not isinstance(app.bot_data.get(RUNNER_KEY), NoteRunner):
        app.bot_data[RUNNER_KEY] = NoteRunner(app)
    queue = app.job_queue
    assert queue is not None, "python-telegram-bot[job-queue] is required"
    for job in queue.get_jobs_by_name(JOB_NAME):
        job.schedule_removal()
    queue.run_once(_wake, 0, name=JOB_NAME)


async def _wake(context: BotContext) -> None:
    """Job callback: notes may be pending."""
    runner(context.application).wake()


async def wake(app: AnyApplication) -> None:
    """Send what is pending now (a sending was just written)."""
    runner(app).wake()


async def run_open(app: AnyApplication) -> list[int]:
    """Send every pending note of every unfinished sending; returns the sendings finished."""
    services = services_of(app)
    decisions = services.decisions
    current = runner(app)
    finished: list[int] = []
    texts: dict[int, str] = {}  # outbox row → its note, rendered before the sending starts
    async with current.lock:
        for note_id in await decisions.open_notes():
            if not app.running:
                return finished
            pending = await decisions.pending_notes(note_id)
            for row in pending:
                told = (
                    await decisions.of_author(row.participant_id)
                    if row.participant_id is not None and row.chat_id
                    else []
                )
                if told:
                    texts[row.id] = render_note(row.language, told)
                else:  # erased or unlinked since: nothing to tell, nobody to tell it to
                    await decisions.record_note(
                        row.id, "failed", attempts=0, now=services.settings.clock(),
                        error="nothing to tell",
                    )  # fmt: skip

            async def send(row: NoteDelivery) -> Message:
                return await app.bot.send_message(
                    row.chat_id, texts[row.id], parse_mode=ParseMode.HTML, **current.policy.timeouts
                )

            async def record(row: NoteDelivery, outcome: Outcome) -> None:
                await decisions.record_note(
                    row.id,
                    outcome.status,
                    attempts=row.attempts + outcome.attempts,
                    now=services.settings.clock(),
                    message_id=outcome.message_id,
                    error=outcome.error,
                )

            tally = await deliver(app, current, [r for r in pending if r.id in texts], send, record)
            if tally.interrupted:
                log.info("decision notes %d interrupted; the rest go at the next start", note_id)
                return finished
            await decisions.finish_notes(note_id, services.settings.clock())
            await _report(app, note_id)
            finished.append(note_id)
    return finished


async def _report(app: AnyApplication, note_id: int) -> None:
    """Tell whoever asked for the notes how it went (and keep it in the audit log)."""
    services = services_of(app)
    counts = await services.decisions.note_counts(note_id)
    creator = await services.decisions.note_creator(note_id)
    await services.admin.record(
        creator,
        "broadcast.decision_notes",
        f"N-{note_id}",
        sent=counts.sent,
        blocked=counts.blocked,
        failed=counts.failed,
        uncertain=counts.uncertain,
    )
    targets = [creator] if creator else sorted(services.settings.admin_ids)
    for chat_id in targets:
        lang = await services.repo.user_language(chat_id) or "id"
        text = t(
            lang,
            "notes_report",
            id=note_id,
            sent=counts.sent,
            blocked=counts.blocked,
            failed=counts.failed,
        )
        try:
            await app.bot.send_message(chat_id, text, parse_mode=ParseMode.HTML)
        except TelegramError as exc:
            log.info("no notes report to %s: %s", chat_id, exc)
