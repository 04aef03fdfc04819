"""Counting the answers Telegram reports: `poll_answer` updates (named polls: who chose what)
and `poll` updates (the counts of one anonymous copy). Both are matched to the copy they belong
to: an answer from anyone but the copy's recipient, or for a poll id the bot never sent, changes
nothing."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.constants import ParseMode
from telegram.error import TelegramError

from bot.core.context import BotContext
from handlers.texts import t
from storage.polls import AnswerOutcome

log = logging.getLogger(__name__)


async def on_poll_answer(update: Update, context: BotContext) -> None:
    """Count a named poll's answer, if it comes from the copy's recipient."""
    answer = update.poll_answer
    if answer is None or answer.user is None:
        return  # voter_chat: a chat voting anonymously, never one of our private copies
    app = context.application
    polls = context.services.polls
    chosen = list(answer.option_ids)
    result = await polls.record_answer(answer.poll_id, answer.user.id, chosen)
    if result.outcome is AnswerOutcome.UNKNOWN_POLL and await context.jobs.polls.wait_recorded(
        app, answer.poll_id
    ):
        result = await polls.record_answer(answer.poll_id, answer.user.id, chosen)
    if result.outcome in (AnswerOutcome.UNKNOWN_POLL, AnswerOutcome.NOT_RECIPIENT):
        log.info("poll answer ignored: %s (poll %s)", result.outcome.value, result.poll_id)
        return
    if result.outcome is AnswerOutcome.INVALID and result.chat_id:
        lang = result.language or "id"
        try:
            await context.bot.send_message(
                result.chat_id,
                t(lang, "prio_invalid_notice", max=result.max_choices or 1, chosen=len(chosen)),
                parse_mode=ParseMode.HTML,
            )
        except TelegramError as exc:
            log.info("no notice about an invalid vote: %s", exc)


async def on_poll_update(update: Update, context: BotContext) -> None:
    """Keep the latest counts of an anonymous poll's copy."""
    poll = update.poll
    if poll is None or not poll.is_anonymous:
        return  # a named poll is counted from its answers; its counts add nothing
    app = context.application
    polls = context.services.polls
    counts = [o.voter_count for o in poll.options]
    result = await polls.record_counts(
        poll.id, counts, poll.total_voter_count, final=poll.is_closed
    )
    if result.outcome is AnswerOutcome.UNKNOWN_POLL and await context.jobs.polls.wait_recorded(
        app, poll.id
    ):
        await polls.record_counts(poll.id, counts, poll.total_voter_count, final=poll.is_closed)
