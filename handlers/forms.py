"""What every form (ConversationHandler) does the same way: leaving, and stray input.

`/batal` (`/cancel`) leaves any form and forgets its draft; another command in the middle of a
form is answered "finish it or /batal" (except help and language, which simply work); anything
else typed while buttons are shown points at the buttons.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Any

from telegram import Update
from telegram.ext import BaseHandler, CommandHandler, MessageHandler, filters

from bot.context import BotContext
from handlers.common import END, say

Handler = BaseHandler[Update, BotContext, Any]
# Commands that work in the middle of a form: the form does not catch them.
PASS_THROUGH = filters.Regex(r"^/(bantuan|help|bahasa|language)(@\w+)?\b")
TYPED = filters.TEXT & ~filters.COMMAND
NOT_TYPED = ~filters.TEXT & ~filters.COMMAND & ~filters.StatusUpdate.ALL


def reply_with(key: str) -> Callable[[Update, BotContext], Coroutine[Any, Any, None]]:
    """A callback that answers with one text and leaves the form where it was."""

    async def answer(update: Update, context: BotContext) -> None:
        await say(update, context, key)

    answer.__doc__ = f"Answer {key!r} and stay in the form."
    return answer


def cancel_form(draft_key: str) -> Callable[[Update, BotContext], Coroutine[Any, Any, int]]:
    """A callback that leaves the form without saving anything."""

    async def cancel(update: Update, context: BotContext) -> int:
        """Leave the form; nothing is saved."""
        context.user_state.pop(draft_key, None)
        await say(update, context, "cancelled")
        return END

    return cancel


def form_fallbacks(draft_key: str, *extra: Handler) -> list[Handler]:
    """/batal first, then `extra` (e.g. /start restarting the form), then stray input."""
    return [
        CommandHandler(["batal", "cancel"], cancel_form(draft_key)),
        *extra,
        MessageHandler(filters.COMMAND & ~PASS_THROUGH, reply_with("command_in_conversation")),
        MessageHandler(~filters.COMMAND & ~filters.StatusUpdate.ALL, reply_with("use_buttons")),
    ]
