"""Help, and the answers of last resort: unknown commands, stray text, unknown buttons."""

from __future__ import annotations

from typing import Any

from telegram import Update
from telegram.ext import BaseHandler, CallbackQueryHandler, MessageHandler, filters

from bot.core.context import BotContext
from handlers.commands import command_handler, help_sections
from handlers.common import answer_alert, esc, say, send_html, user_lang
from handlers.texts import t


async def show_help(update: Update, context: BotContext) -> None:
    """List the commands the user's role may use."""
    lang = await user_lang(update, context)
    user = update.effective_user
    role = context.role(user.id if user else None)
    parts = ["\n".join(t(lang, key) for key in keys) for keys in help_sections(role)]
    await send_html(update, context, "\n\n".join(parts))


async def nothing_to_cancel(update: Update, context: BotContext) -> None:
    """Answer /batal outside any conversation."""
    await say(update, context, "nothing_to_cancel")


async def unknown_command(update: Update, context: BotContext) -> None:
    """Name the unknown command and point at /bantuan."""
    message = update.effective_message
    command = (message.text or "").split()[0] if message and message.text else "?"
    await say(update, context, "unknown_command", command=esc(command[:64]))


async def stray_message(update: Update, context: BotContext) -> None:
    """Point a message nobody asked for at /bantuan."""
    await say(update, context, "free_text_hint")


async def stale_button(update: Update, context: BotContext) -> None:
    """Refuse a button whose screen is over (a double tap, an old message) or forged data."""
    lang = await user_lang(update, context)
    query = update.callback_query
    known = query is not None and (query.data or "").split(":")[0] in {"reg", "prof"}
    if not known:
        await answer_alert(update, t(lang, "invalid_button"))
        return
    await answer_alert(update, await stale_text(update, context, lang))


async def stale_text(update: Update, context: BotContext, lang: str) -> str:
    """What to do instead of an expired button: /start only for someone not registered yet."""
    user = update.effective_user
    participant = await context.repo.participant_by_telegram(user.id) if user else None
    return t(lang, "stale_button" if participant is not None else "stale_button_unregistered")


def handlers() -> list[BaseHandler[Any, BotContext, Any]]:
    """Help first; the catch-alls must be registered after every feature."""
    return [command_handler("bantuan", show_help)]


def catch_all_handlers() -> list[BaseHandler[Any, BotContext, Any]]:
    return [
        command_handler("batal", nothing_to_cancel),
        MessageHandler(filters.COMMAND, unknown_command),
        MessageHandler(filters.ChatType.PRIVATE & ~filters.StatusUpdate.ALL, stray_message),
        CallbackQueryHandler(stale_button),
    ]
