"""The error handler of last resort: log with context, tell the user the truth.

Two kinds of failure reach it. Most are bugs or Telegram trouble: the user hears "something went
wrong, your data is safe" (nothing half-written: every write is one transaction). A failing
*storage* (disk full, read-only, I/O error) is different: what the person just sent was NOT saved,
and they must be told so, by what it was (an idea, a vote, a registration), and asked to send it
again later; the secretariat is told once per `STORAGE_REPORT_EVERY`, not once per sender.
"""

from __future__ import annotations

import logging
import time
from types import TracebackType
from typing import Any

from telegram import Update
from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden, NetworkError, TelegramError

from bot.core.context import BotContext
from handlers.common import say, user_lang
from handlers.texts import t
from storage.db import is_write_failure as is_storage_failure

log = logging.getLogger("bot.errors")

# What was being saved, told by the storage verb on the way (the innermost wins).
_WHAT_BY_VERB = {
    "IdeaRepository.submit": "idea",
    "IdeaRepository.edit": "idea",
    "_submit_all": "idea",
    "PollRepository.record_answer": "vote",
    "PollRepository.record_counts": "vote",
    "PollRepository.add_hand_votes": "vote",
    "_apply_all": "vote",
    "Repository.register_self": "registration",
    "Repository.register_offline": "registration",
    "Repository.update_profile": "registration",
}
# Storage failures waiting to be told, per update: sent once the update is processed
# (`tell_storage_failure`), so a person hears one message, about the thing they sent.
STORAGE_FAILURES_KEY = "errors:storage_failures"
STORAGE_REPORT_EVERY = 600.0
RETRY_KEY = "errors:retry"
_STORAGE_REPORT_KEY = "storage"


def what_failed(error: BaseException) -> str:
    """idea, vote, registration or other: which storage verb the failure went through."""
    found = "other"
    tb: TracebackType | None = error.__traceback__
    while tb is not None:
        code = tb.tb_frame.f_code
        found = _WHAT_BY_VERB.get(code.co_qualname, _WHAT_BY_VERB.get(code.co_name, found))
        tb = tb.tb_next
    return found


async def on_error(update: object, context: BotContext) -> None:
    """Log the failure; tell the user the truth unless Telegram itself is unreachable."""
    error = context.error
    user_id = (
        update.effective_user.id if isinstance(update, Update) and update.effective_user else None
    )
    update_id = update.update_id if isinstance(update, Update) else None
    # An exception's message can repeat what a user typed: at ERROR only its type and where.
    log.error(
        "update %s from user %s failed: %s",
        update_id,
        user_id,
        type(error).__name__,
        exc_info=error if not isinstance(error, TelegramError) else None,
    )
    log.debug("update %s failed with: %s", update_id, error)
    if error is not None and is_storage_failure(error):
        await _tell_secretariat_storage(context, error)
        if isinstance(update, Update) and update.effective_user is not None:
            _note_storage_failure(context, update.update_id, what_failed(error))
        return
    await _tell_secretariat(context, update_id, type(error).__name__, _kind(update))
    if not isinstance(update, Update) or update.effective_chat is None:
        return
    if isinstance(error, NetworkError) and not isinstance(error, BadRequest):
        # Telegram failed (a 500, a time-out) in the middle: the inbox handles the update again
        # a little later (handlers are idempotent), so a stored idea still gets its answer.
        retries: set[int] = context.application.bot_data.setdefault(RETRY_KEY, set())
        retries.add(update.update_id)
    if isinstance(error, Forbidden | NetworkError):
        # The user blocked us, or we cannot reach Telegram: a reply would fail the same way.
        return
    try:
        await say(update, context, "error_generic")
    except TelegramError:
        log.warning("could not tell user %s about the failure", user_id)


def _note_storage_failure(context: BotContext, update_id: int, what: str) -> None:
    pending: dict[int, str] = context.application.bot_data.setdefault(STORAGE_FAILURES_KEY, {})
    # The most specific wins: a failed idea says "idea", even if a bookkeeping write failed too.
    if pending.get(update_id, "other") == "other":
        pending[update_id] = what


def take_retry(app: Any, update: Update) -> bool:
    """Whether Telegram failed while this update was handled (see `on_error`); forgets it."""
    retries = app.bot_data.get(RETRY_KEY)
    if not retries or update.update_id not in retries:
        return False
    retries.discard(update.update_id)
    return True


async def tell_storage_failure(app: Any, update: Update) -> None:
    """After an update is processed: if a write failed, tell the person once what was lost."""
    pending = app.bot_data.get(STORAGE_FAILURES_KEY)
    if not pending or update.update_id not in pending:
        return
    what = pending.pop(update.update_id)
    user = update.effective_user
    if user is None:
        return
    context = BotContext.from_update(update, app)
    try:
        lang = await user_lang(update, context)
    except Exception:  # the disk that failed may refuse the language look-up too
        lang = "en" if (user.language_code or "").startswith("en") else "id"
    try:
        # A poll answer comes without a chat: the private chat with the person has their id.
        await app.bot.send_message(
            update.effective_chat.id if update.effective_chat else user.id,
            t(lang, f"storage_failed_{what}"),
            parse_mode=ParseMode.HTML,
        )
    except TelegramError:
        log.warning("could not tell user %s that their %s was not saved", user.id, what)


_last_report: dict[str, float] = {}
REPORT_EVERY = 60.0


def _kind(update: object) -> str:
    if not isinstance(update, Update):
        return "job"
    if update.callback_query is not None:
        return "button"
    if update.effective_message is not None:
        return "message"
    return "update"


async def _tell_secretariat_storage(context: BotContext, error: BaseException) -> None:
    """One note per `STORAGE_REPORT_EVERY` however many senders the failing disk turns away."""
    now = time.monotonic()
    last = _last_report.get(_STORAGE_REPORT_KEY)
    if last is not None and now - last < STORAGE_REPORT_EVERY:
        return
    _last_report[_STORAGE_REPORT_KEY] = now
    name = getattr(error, "sqlite_errorname", None) or type(error).__name__
    text = t("id", "storage_failed_report", error=name, minutes=int(STORAGE_REPORT_EVERY // 60))
    await _send_to_secretariat(context, text)


async def _tell_secretariat(
    context: BotContext, update_id: int | None, error: str, kind: str
) -> None:
    """One short note per error type and minute: no names, no texts, no user ids."""
    now = time.monotonic()
    if now - _last_report.get(error, -REPORT_EVERY) < REPORT_EVERY:
        return
    _last_report[error] = now
    await _send_to_secretariat(
        context, t("id", "error_report", error=error, update_id=update_id, kind=kind)
    )


async def _send_to_secretariat(context: BotContext, text: str) -> None:
    for admin_id in sorted(context.settings.admin_ids):
        try:
            await context.bot.send_message(admin_id, text, parse_mode=ParseMode.HTML)
        except TelegramError:
            log.warning("could not report the error to the secretariat member %s", admin_id)
