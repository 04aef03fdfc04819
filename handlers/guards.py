"""Checks that run before every feature (handler groups -3 and -2): group chats and floods.

The bot works only in private chats; in a group it answers `/bantuan` with a pointer to the
private chat and ignores everything else, so nothing personal is ever said in a group. A user
(or a stuck client) sending far more than a person could is slowed down with one notice per
window, and the extra updates are dropped before they reach any feature.
"""

from __future__ import annotations

import re
import time
from collections import defaultdict, deque

from telegram import Update
from telegram.constants import ChatType
from telegram.ext import ApplicationHandlerStop, BaseHandler, TypeHandler

from bot.core.context import BotContext
from bot.core.roles import Role
from handlers.common import answer_button, say, user_lang
from handlers.texts import t

HELP_IN_GROUP = re.compile(r"^/(bantuan|help|start)(@\w+)?(\s|$)")


class FloodGuard:
    """At most `limit` updates per user in `window` seconds; staff are not limited."""

    def __init__(self, limit: int = 40, window: float = 60.0) -> None:
        self.limit = limit
        self.window = window
        self._seen: defaultdict[int, deque[float]] = defaultdict(deque)
        self._warned: dict[int, float] = {}

    def allow(self, user_id: int, now: float) -> tuple[bool, bool]:
        """(allowed, warn): warn is True once per window for a user who is over the limit."""
        seen = self._seen[user_id]
        while seen and seen[0] <= now - self.window:
            seen.popleft()
        if len(seen) < self.limit:
            seen.append(now)
            return True, False
        warned_at = self._warned.get(user_id)
        warn = warned_at is None or warned_at <= now - self.window
        if warn:
            self._warned[user_id] = now
        return False, warn


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


def flood_guard(guard: FloodGuard) -> BaseHandler[Update, BotContext, None]:
    async def check(update: Update, context: BotContext) -> None:
        user = update.effective_user
        if user is None or context.role(user.id) >= Role.FACILITATOR:
            return
        if update.poll_answer is not None:
            return  # a vote is never dropped: Telegram itself limits how often one can vote
        allowed, warn = guard.allow(user.id, time.monotonic())
        if allowed:
            return
        if warn and update.effective_message is not None:
            await say(update, context, "flood_slow_down")
        raise ApplicationHandlerStop

    return TypeHandler(Update, check)


def handlers() -> list[tuple[int, BaseHandler[Update, BotContext, None]]]:
    """(group, handler) pairs: one handler per group, since a group runs only its first match."""
    return [(-3, TypeHandler(Update, private_only)), (-2, flood_guard(FloodGuard()))]
