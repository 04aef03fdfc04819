"""Command menus per role and language (Telegram command scopes).

Participants get the default menu; each facilitator and secretariat member gets a menu for their
own chat with their extra commands. Telegram refuses a chat-scoped menu until the user has opened
the bot, so a staff member who had not gets theirs on their first message. The menus are built
from the command table (`handlers/commands.py`); the descriptions are the texts `menu_<command>`.
"""

from __future__ import annotations

import logging
from typing import Any

from telegram import BotCommand, BotCommandScopeChat, BotCommandScopeDefault, Update
from telegram.error import TelegramError
from telegram.ext import Application

from bot.core.context import BotContext
from bot.core.roles import Role, RoleBook
from handlers.commands import MENU_LANGUAGES, menu
from handlers.texts import t

log = logging.getLogger(__name__)
PUBLISHED = "menus_published"


def commands_for(role: Role, lang: str) -> list[BotCommand]:
    """`role`'s menu in `lang`, built from the command table."""
    return [BotCommand(row.name(lang), t(lang, row.menu_key)) for row in menu(role)]


async def publish_for(
    app: Application[Any, Any, Any, Any, Any, Any], user_id: int, role: Role
) -> bool:
    """Give one staff member their menu; False if Telegram does not know their chat yet."""
    for lang in MENU_LANGUAGES:
        try:
            await app.bot.set_my_commands(
                commands_for(role, lang),
                scope=BotCommandScopeChat(user_id),
                language_code=None if lang == "id" else lang,
            )
        except TelegramError as exc:
            log.info("no command menu for user %s yet: %s", user_id, exc)
            return False
    return True


async def publish_all(app: Application[Any, Any, Any, Any, Any, Any], roles: RoleBook) -> None:
    """The default menu in Indonesian and English, then each staff member's own."""
    for lang in MENU_LANGUAGES:
        await app.bot.set_my_commands(
            commands_for(Role.PARTICIPANT, lang),
            scope=BotCommandScopeDefault(),
            language_code=None if lang == "id" else lang,
        )
    published: set[int] = set()
    for user_id, role in roles.staff().items():
        if await publish_for(app, user_id, role):
            published.add(user_id)
    app.bot_data[PUBLISHED] = published


async def publish_on_first_contact(update: Update, context: BotContext) -> None:
    """Runs before every update (group -1); acts only for staff without a menu yet."""
    user = update.effective_user
    if user is None:
        return
    role = context.role(user.id)
    if role is Role.PARTICIPANT:
        return
    published: set[int] = context.bot_data.setdefault(PUBLISHED, set())
    if user.id not in published and await publish_for(context.application, user.id, role):
        published.add(user.id)
