"""The error handler of last resort: log with context, reassure the user."""

from __future__ import annotations

import logging
import time

from telegram import Update
from telegram.constants import ParseMode
from telegram.error import Forbidden, NetworkError, TelegramError

from bot.core.context import BotContext
from handlers.common import say
from handlers.texts import t

log = logging.getLogger("bot.errors")


async def on_error(update: object, context: BotContext) -> None:
    """Log the failure; tell the user their data is safe unless Telegram itself is unreachable."""
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
    await _tell_secretariat(context, update_id, type(error).__name__, _kind(update))
    if not isinstance(update, Update) or update.effective_chat is None:
        return
    if isinstance(error, Forbidden | NetworkError):
        # The user blocked us, or we cannot reach Telegram: a reply would fail the same way.
        return
    try:
        await say(update, context, "error_generic")
    except TelegramError:
        log.warning("could not tell user %s about the failure", user_id)


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


async def _tell_secretariat(
    context: BotContext, update_id: int | None, error: str, kind: str
) -> None:
    """One short note per error type and minute: no names, no texts, no user ids."""
    now = time.monotonic()
    if now - _last_report.get(error, -REPORT_EVERY) < REPORT_EVERY:
        return
    _last_report[error] = now
    for admin_id in sorted(context.settings.admin_ids):
        try:
            await context.bot.send_message(
                admin_id,
                t("id", "error_report", error=error, update_id=update_id, kind=kind),
                parse_mode=ParseMode.HTML,
            )
        except TelegramError:
            log.warning("could not report the error to the secretariat member %s", admin_id)
