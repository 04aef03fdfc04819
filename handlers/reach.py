"""Who can be reached: a broadcast that meets a 403 marks the user unreachable; any message or
button press from them in their private chat marks them reachable again.

Telegram lets nobody write to a bot they block (writing unblocks it), so an update from the
private chat is proof enough. The unreachable ids are kept in memory so that this check, run for
every update, costs a set lookup, not a query.
"""

from __future__ import annotations

from typing import Any

from telegram import Update
from telegram.constants import ChatType
from telegram.ext import Application

from bot.core.context import SERVICES_KEY, BotContext, Services

AnyApplication = Application[Any, Any, Any, Any, Any, Any]

UNREACHABLE_KEY = "unreachable_ids"


def _ids(app: AnyApplication) -> set[int]:
    found = app.bot_data.get(UNREACHABLE_KEY)
    if not isinstance(found, set):
        found = set()
        app.bot_data[UNREACHABLE_KEY] = found
    return found


async def load(app: AnyApplication, services: Services) -> None:
    """Read the unreachable ids once, at start."""
    app.bot_data[UNREACHABLE_KEY] = await services.repo.unreachable_ids()


async def mark_unreachable(app: AnyApplication, telegram_id: int) -> None:
    """A send was refused with 403: the user blocked the bot (or deleted the account)."""
    services = app.bot_data[SERVICES_KEY]
    await services.repo.mark_unreachable(telegram_id)
    _ids(app).add(telegram_id)


async def note_contact(update: Update, context: BotContext) -> None:
    """An update from someone marked unreachable, in their private chat: reachable again."""
    user = update.effective_user
    chat = update.effective_chat
    if user is None or chat is None or chat.type != ChatType.PRIVATE:
        return
    ids = _ids(context.application)
    if user.id in ids:
        await context.repo.mark_reachable(user.id)
        ids.discard(user.id)
