"""A person's own data: `/dataku` shows all of it, `/hapusdata` erases it, a phone number is
shared only through Telegram's contact button (so it is always the user's own)."""

from __future__ import annotations

import io
import json
from typing import Any

from telegram import KeyboardButton, ReplyKeyboardMarkup, ReplyKeyboardRemove, Update
from telegram.constants import ParseMode
from telegram.ext import (
    Application,
    BaseHandler,
    CallbackQueryHandler,
    ConversationHandler,
    MessageHandler,
    filters,
)

from bot.core.context import BotContext
from handlers import buttons, menus
from handlers.commands import command_handler
from handlers.common import answer_alert, edit_or_send, esc, keyboard, say, user_lang
from handlers.ideas.draft import waiting_ideas
from handlers.texts import t

PREFIX = "priv"
BUTTONS: dict[str, tuple[buttons.Arg, ...]] = {"erase": (), "keep": (), "phone": ()}


async def my_data(update: Update, context: BotContext) -> None:
    """Send the user everything stored about them: a summary and the complete JSON file."""
    user, chat = update.effective_user, update.effective_chat
    assert user is not None and chat is not None
    lang = await user_lang(update, context)
    data = await context.services.privacy.data_of(user.id)
    person = data["participant"]
    profile = (
        esc(f"{person['full_name']} — {person['institution']}")
        if person
        else t(lang, "mydata_no_profile")
    )
    await say(
        update,
        context,
        "mydata_summary",
        lang=lang,
        profile=profile,
        registrations=len(data["registrations"]),
        ideas=len(data["ideas"]),
        attendance=len(data["attendance"]),
    )
    # Ideas kept but not saved yet (waiting for a tap, a form to end, or registration) are held
    # in the person's conversation data: they are theirs too, so the file shows them.
    data["ideas_not_saved_yet"] = waiting_ideas(context.user_state)
    payload = json.dumps(data, ensure_ascii=False, indent=2, default=str).encode()
    await context.bot.send_document(
        chat.id,
        io.BytesIO(payload),
        filename=f"data-{user.id}.json",
        caption=t(lang, "mydata_caption"),
    )


async def ask_erase(update: Update, context: BotContext) -> None:
    """Ask once more before erasing: it cannot be undone."""
    lang = await user_lang(update, context)
    markup = keyboard(
        [
            [(t(lang, "btn_erase_yes"), buttons.make(PREFIX, "erase"))],
            [(t(lang, "btn_no"), buttons.make(PREFIX, "keep"))],
        ]
    )
    await say(update, context, "erase_confirm", lang=lang, markup=markup)


async def on_button(update: Update, context: BotContext) -> None:
    """Erase, keep, or ask for the phone number."""
    user = update.effective_user
    query = update.callback_query
    assert user is not None and query is not None
    lang = await user_lang(update, context)
    button = buttons.parse(query.data, PREFIX, BUTTONS)
    if button is None:
        await answer_alert(update, t(lang, "invalid_button"))
        return
    if button.action == "keep":
        await edit_or_send(update, context, t(lang, "erase_cancelled"))
        return
    if button.action == "phone":
        await query.answer()
        await _ask_phone(update, context, lang)
        return
    await context.services.privacy.erase(user.id)
    forget_in_memory(context.application, user.id)
    # A granted role ends with the erasure, not at restart (the grant row is gone too).
    had_role = user.id in context.services.roles.granted
    context.services.roles.forget(user.id)
    if had_role:
        await menus.publish_for(context.application, user.id, context.role(user.id))
    note = t(lang, "erase_backup_note", backup_days=context.settings.backup_keep)
    await edit_or_send(update, context, f"{t(lang, 'erase_done')}\n{note}")
    # If an export or a backup was reading just then, the WAL still holds the old rows.
    await context.services.privacy.forget_traces()


def forget_in_memory(application: Application[Any, Any, Any, Any, Any, Any], user_id: int) -> None:
    """Drop what PTB keeps in memory about a user (form drafts, the cached language, the state
    of every conversation), so its next write to the persistence deletes rather than restores."""
    application.drop_user_data(user_id)
    for group in application.handlers.values():
        for handler in group:
            if not isinstance(handler, ConversationHandler):
                continue
            # PTB offers no public way to end another conversation; its tracking dict records
            # the removal, so the persisted state is deleted on the next write.
            conversations = handler._conversations
            for key in [k for k in conversations if user_id in k]:
                conversations.pop(key, None)


async def _ask_phone(update: Update, context: BotContext, lang: str) -> None:
    chat = update.effective_chat
    assert chat is not None
    markup = ReplyKeyboardMarkup(
        [[KeyboardButton(t(lang, "btn_share_phone"), request_contact=True)]],
        resize_keyboard=True,
        one_time_keyboard=True,
    )
    await context.bot.send_message(
        chat.id, t(lang, "phone_ask"), parse_mode=ParseMode.HTML, reply_markup=markup
    )


async def on_contact(update: Update, context: BotContext) -> None:
    """Keep the phone number a user shared with the contact button, if it is their own."""
    user, message = update.effective_user, update.effective_message
    assert user is not None and message is not None and message.contact is not None
    lang = await user_lang(update, context)
    contact = message.contact
    if contact.user_id != user.id:
        await say(update, context, "phone_not_own", lang=lang)
        return
    participant = await context.repo.set_phone(user.id, contact.phone_number)
    if participant is None:
        await say(update, context, "profile_none", lang=lang)
        return
    await message.reply_text(t(lang, "phone_saved"), reply_markup=ReplyKeyboardRemove())


def handlers() -> list[BaseHandler[Any, BotContext, Any]]:
    return [
        command_handler("dataku", my_data),
        command_handler("hapusdata", ask_erase),
        CallbackQueryHandler(on_button, pattern=buttons.pattern(PREFIX)),
        MessageHandler(filters.CONTACT & filters.ChatType.PRIVATE, on_contact),
    ]
