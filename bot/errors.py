"""The error handler of last resort: log with context, reassure the user."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.error import Forbidden, NetworkError, TelegramError

from bot.context import BotContext
from handlers.common import say

log = logging.getLogger("bot.errors")


async def on_error(update: object, context: BotContext) -> None:
    """Log the failure; tell the user their data is safe unless Telegram itself is unreachable."""
    error = context.error
    user_id = (
        update.effective_user.id if isinstance(update, Update) and update.effective_user else None
    )
    update_id = update.update_id if isinstance(update, Update) else None
    log.error(
        "update %s from user %s failed: %s: %s",
        update_id,
        user_id,
        type(error).__name__,
        error,
        exc_info=error if not isinstance(error, TelegramError) else None,
    )
    if not isinstance(update, Update) or update.effective_chat is None:
        return
    if isinstance(error, Forbidden | NetworkError):
        # The user blocked us, or we cannot reach Telegram: a reply would fail the same way.
        return
    try:
        await say(update, context, "error_generic")
    except TelegramError:
        log.warning("could not tell user %s about the failure", user_id)
