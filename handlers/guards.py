"""Checks that run before every feature (handler groups -3 and -2): group chats and floods.

The bot works only in private chats; in a group it answers `/bantuan` with a pointer to the
private chat and ignores everything else, so nothing personal is ever said in a group. A user
(or a stuck client) sending far more than a person could is slowed down with one notice per
window, and the extra updates are dropped before they reach any feature.
"""

from __future__ import annotations

import re
from typing import Protocol, runtime_checkable

from telegram import Update
from telegram.constants import ChatType
from telegram.ext import ApplicationHandlerStop, BaseHandler, TypeHandler

from bot.core.context import BotContext
from handlers.common import answer_button, say, user_lang
from handlers.texts import t

HELP_IN_GROUP = re.compile(r"^/(bantuan|help|start)(@\w+)?(\s|$)")


async def private_only(update: Update, context: BotContext) -> None:
    """Outside private chats: a pointer for /bantuan, silence for everything else."""
    chat = update.effective_chat
    if chat is None or chat.type == ChatType.PRIVATE:
        return
    if update.callback_query is not None:
        # A button under an old message in a group: stop its spinner with a pointer.
        lang = await user_lang(update, context)
        await answer_button(update, t(lang, "group_button"))
        raise ApplicationHandlerStop
    message = update.effective_message
    if message is not None and message.text and HELP_IN_GROUP.match(message.text):
        await say(update, context, "group_pointer", bot=context.bot.username)
    raise ApplicationHandlerStop


def flood_guard() -> BaseHandler[Update, BotContext, None]:
    """Say "slow down" for an update the update processor kept only for that."""

    async def check(update: Update, context: BotContext) -> None:
        processor = context.application.update_processor
        if not (isinstance(processor, NoticeSource) and processor.is_notice(update)):
            return
        if update.callback_query is not None:
            await update.callback_query.answer()  # stop the button's spinner
        if update.effective_message is not None:
            await say(update, context, "flood_slow_down")
        raise ApplicationHandlerStop

    return TypeHandler(Update, check)


@runtime_checkable
class NoticeSource(Protocol):
    def is_notice(self, update: object) -> bool: ...


def handlers() -> list[tuple[int, BaseHandler[Update, BotContext, None]]]:
    """(group, handler) pairs: one handler per group, since a group runs only its first match."""
    return [(-3, TypeHandler(Update, private_only)), (-2, flood_guard())]
