"""Checks that run before every feature (handler groups -3 and -2): group chats and floods.

The bot works only in private chats; in a group it answers `/bantuan` with a pointer to the
private chat and ignores everything else, so nothing personal is ever said in a group. A user
(or a stuck client) sending far more than a person could is slowed down with one notice per
window, and the extra updates are dropped before they reach any feature.
"""

from __future__ import annotations

import re
from collections import defaultdict, deque
from typing import Protocol, runtime_checkable

from telegram import Update
from telegram.constants import ChatType
from telegram.ext import ApplicationHandlerStop, BaseHandler, TypeHandler

from bot.context import BotContext
from handlers.common import say

HELP_IN_GROUP = re.compile(r"^/(bantuan|help|start)(@\w+)?(\s|$)")


RUN = "run"
NOTICE = "notice"  # dropped, but kept to tell the sender to slow down
DROP = "drop"


class FloodGuard:
    """At most `limit` updates per user in `window` seconds and `backlog` waiting; staff exempt.

    Judged when an update arrives, before it waits for its turn or holds any shared capacity
    (bot/updates.py): what is over the limit is dropped there, with one notice per window.
    """

    def __init__(self, limit: int = 40, window: float = 60.0, backlog: int = 40) -> None:
        self.limit = limit
        self.window = window
        self.backlog = backlog
        self._seen: defaultdict[int, deque[float]] = defaultdict(deque)
        self._warned: dict[int, float] = {}

    def allow(self, user_id: int, now: float) -> tuple[bool, bool]:
        """(allowed, warn): warn is True once per window for a user who is over the limit."""
        seen = self._seen[user_id]
        while seen and seen[0] <= now - self.window:
            seen.popleft()
        if not seen:
            del self._seen[user_id]  # nobody's history is kept longer than a window
        if len(seen) < self.limit:
            self._seen[user_id].append(now)
            return True, False
        return False, self._warn(user_id, now)

    def _warn(self, user_id: int, now: float) -> bool:
        warned_at = self._warned.get(user_id)
        if warned_at is not None and warned_at > now - self.window:
            return False
        self._warned[user_id] = now
        return True

    def admit(self, user_id: int, queued: int, now: float) -> str:
        """RUN, NOTICE or DROP for a user's update arriving while `queued` of theirs wait."""
        if queued >= self.backlog:
            return NOTICE if self._warn(user_id, now) else DROP
        allowed, warn = self.allow(user_id, now)
        if allowed:
            return RUN
        return NOTICE if warn else DROP


async def private_only(update: Update, context: BotContext) -> None:
    """Outside private chats: a pointer for /bantuan, silence for everything else."""
    chat = update.effective_chat
    if chat is None or chat.type == ChatType.PRIVATE:
        return
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
