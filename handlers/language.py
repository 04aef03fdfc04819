"""/bahasa (/language): switch between Bahasa Indonesia and English."""

from __future__ import annotations

from typing import Any

from telegram import Update
from telegram.ext import BaseHandler, CallbackQueryHandler

from bot.core.context import BotContext
from handlers import buttons
from handlers.buttons import choice
from handlers.commands import command_handler
from handlers.common import answer_alert, edit_or_send, keyboard, say, user_lang
from handlers.texts import LANGUAGES, t

PREFIX = "lang"
BUTTONS: dict[str, tuple[buttons.Arg, ...]] = {"set": (choice(*LANGUAGES),)}


async def choose_language(update: Update, context: BotContext) -> None:
    """Offer the two languages as buttons."""
    rows = [[(t(code, "language_name"), buttons.make(PREFIX, "set", code))] for code in LANGUAGES]
    await say(update, context, "choose_language", markup=keyboard(rows))


async def set_language(update: Update, context: BotContext) -> None:
    """Store the chosen language; every later reply uses it."""
    query = update.callback_query
    assert query is not None and update.effective_user is not None
    button = buttons.parse(query.data, PREFIX, BUTTONS)
    if button is None:
        await answer_alert(update, t(await user_lang(update, context), "invalid_button"))
        return
    lang = button.str_arg()
    await context.repo.set_user_language(update.effective_user.id, lang)
    context.user_state["lang"] = lang
    await edit_or_send(update, context, t(lang, "language_set"))


def handlers() -> list[BaseHandler[Any, BotContext, Any]]:
    return [
        command_handler("bahasa", choose_language),
        CallbackQueryHandler(set_language, pattern=buttons.pattern(PREFIX)),
    ]
