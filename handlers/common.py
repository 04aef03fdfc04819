"""Small helpers every handler module shares: language, replies, role checks, keyboards."""

from __future__ import annotations

import functools
import html
import logging
from collections.abc import Callable, Coroutine, Sequence
from typing import Any, TypeVar

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.constants import ChatType, ParseMode
from telegram.error import BadRequest
from telegram.ext import ConversationHandler

from bot.core.context import BotContext
from bot.core.roles import Role
from handlers.texts import LANGUAGES, language_from_client, t
from handlers.validation import parse_id, parse_stage
from storage.models import Stage
from storage.schedule import Session

MAX_MESSAGE_CHARS = 4096
log = logging.getLogger(__name__)
R = TypeVar("R")
Callback = Callable[[Update, BotContext], Coroutine[Any, Any, R]]


def esc(value: object) -> str:
    """Escape anything a user typed before it goes into an HTML message."""
    return html.escape(str(value), quote=False)


async def user_lang(update: Update, context: BotContext) -> str:
    """The user's chosen language, else their Telegram client's, else Indonesian."""
    user = update.effective_user
    if user is None:
        return "id"
    cached = context.user_state.get("lang")
    if cached in LANGUAGES:
        return str(cached)
    chosen = await context.repo.user_language(user.id)
    lang = chosen if chosen in LANGUAGES else language_from_client(user.language_code)
    context.user_state["lang"] = lang  # one look-up per user, not one per message
    return lang


async def say(
    update: Update,
    context: BotContext,
    key: str,
    *,
    markup: InlineKeyboardMarkup | None = None,
    lang: str | None = None,
    **values: Any,
) -> Message | None:
    """Send the text `key` to the chat the update came from, in the user's language."""
    lang = lang or await user_lang(update, context)
    return await send_html(update, context, t(lang, key, **values), markup=markup)


async def send_html(
    update: Update,
    context: BotContext,
    text: str,
    *,
    markup: InlineKeyboardMarkup | None = None,
) -> Message | None:
    chat = update.effective_chat
    if chat is None:
        return None
    return await context.bot.send_message(
        chat.id,
        text,
        parse_mode=ParseMode.HTML,
        reply_markup=markup,
        link_preview_options=None,
    )


async def in_private_chat(update: Update, context: BotContext) -> bool:
    """Files with participants' data are handled only in a private chat; elsewhere say so."""
    chat = update.effective_chat
    if chat is not None and chat.type == ChatType.PRIVATE:
        return True
    await say(update, context, "export_private_only")
    return False


async def answer_button(update: Update, text: str | None = None, *, alert: bool = False) -> bool:
    """Stop the button's spinner (with `text` as a pop-up when `alert`); False if Telegram refused.

    Answering is best effort: Telegram refuses a second answer and any answer after about 15 s
    (a press queued while the bot was down), and neither must fail the update.
    """
    query = update.callback_query
    if query is None:
        return False
    try:
        await query.answer(text, show_alert=alert)
    except BadRequest as exc:
        log.info("button not answered: %s", exc)
        return False
    return True


async def answer_alert(update: Update, text: str) -> None:
    """Answer a button press with a pop-up, so the refusal is seen right where the user tapped.

    If the press can no longer be answered, the text is sent as a message: a refusal is never lost.
    """
    query = update.callback_query
    if query is not None and not await answer_button(update, text, alert=True):
        chat = update.effective_chat
        if chat is not None:
            await query.get_bot().send_message(chat.id, text)  # plain, as the pop-up would be


def is_not_modified(error: BadRequest) -> bool:
    """Telegram refuses an edit that changes nothing (a double tap re-rendering the same screen)."""
    return "not modified" in str(error).lower()


async def edit_or_send(
    update: Update,
    context: BotContext,
    text: str,
    markup: InlineKeyboardMarkup | None = None,
) -> None:
    """Show the next screen in the message whose button was pressed, or as a new message.

    An edit that changes nothing (Telegram's "message is not modified") is success: the user
    already sees that screen.
    """
    query = update.callback_query
    if query is not None and isinstance(query.message, Message):
        await answer_button(update)
        try:
            await query.message.edit_text(text, parse_mode=ParseMode.HTML, reply_markup=markup)
        except BadRequest as exc:
            if not is_not_modified(exc):
                raise
        return
    await send_html(update, context, text, markup=markup)


def keyboard(rows: Sequence[Sequence[tuple[str, str]]]) -> InlineKeyboardMarkup:
    """An inline keyboard from rows of (label, callback_data)."""
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(label, callback_data=data) for label, data in row] for row in rows]
    )


def in_columns(buttons: Sequence[tuple[str, str]], columns: int = 2) -> list[list[tuple[str, str]]]:
    return [list(buttons[i : i + columns]) for i in range(0, len(buttons), columns)]


def chunk_lines(lines: Sequence[str], limit: int = MAX_MESSAGE_CHARS - 96) -> list[str]:
    """Join lines into as few messages as fit Telegram's length limit."""
    chunks: list[str] = []
    current = ""
    for line in lines:
        if len(line) > limit:
            line = line[: limit - 1] + "…"
        candidate = f"{current}\n{line}" if current else line
        if len(candidate) > limit:
            chunks.append(current)
            current = line
        else:
            current = candidate
    if current:
        chunks.append(current)
    return chunks


def requires(
    role: Role, *, refused: object = None, forget: str | None = None
) -> Callable[[Callback[Any]], Callback[Any]]:
    """Refuse the callback (politely, changing nothing) unless the user has `role`.

    `refused` is what the wrapped callback returns when refused: a conversation entry point
    passes `ConversationHandler.END` so that no conversation starts. `forget` names a draft in
    `user_data` that a refusal drops (a draft begun while the user still had the role).
    """

    def decorate(callback: Callback[Any]) -> Callback[Any]:
        @functools.wraps(callback)
        async def guarded(update: Update, context: BotContext) -> Any:
            user = update.effective_user
            if context.role(user.id if user else None) >= role:
                return await callback(update, context)
            key = "not_allowed" if role >= Role.SECRETARIAT else "not_allowed_facilitator"
            if forget is not None and context.user_data is not None:
                context.user_data.pop(forget, None)
            await refuse(update, context, key)
            return refused

        guarded.required_role = role  # type: ignore[attr-defined]  # read by the command table's test
        return guarded

    return decorate


async def refuse(update: Update, context: BotContext, key: str) -> None:
    """Say no: on the button that was pressed (answered once, with the refusal), else as a reply."""
    lang = await user_lang(update, context)
    if update.callback_query is not None:
        await answer_alert(update, t(lang, key))
    else:
        await say(update, context, key, lang=lang)


def has_role(update: Update, context: BotContext, role: Role) -> bool:
    """Whether the user behind the update holds `role` now (read at every update, not cached)."""
    user = update.effective_user
    return context.role(user.id if user else None) >= role


async def stage_argument(
    update: Update, context: BotContext, lang: str, usage_key: str
) -> Stage | None:
    """The stage `/command [N]` names, else the current one; None once the user was told why."""
    args = list(context.args or [])
    number = parse_stage(args[0]) if args else None
    if len(args) > 1 or (args and number is None):
        await say(update, context, usage_key, lang=lang)
        return None
    stage = await (
        context.repo.get_stage(number) if number is not None else context.repo.current_stage()
    )
    if stage is None:
        await say(update, context, "no_such_stage" if args else "no_current_stage", lang=lang)
    return stage


async def session_argument(
    update: Update, context: BotContext, lang: str, usage_key: str, *, min_args: int
) -> tuple[Session, list[str]] | None:
    """The session `/command ID ...` names, with the arguments (at least `min_args` of them);
    None once the user was told why not."""
    args = list(context.args or [])
    session_id = parse_id(args[0]) if args else None
    if len(args) < min_args or session_id is None:
        await say(update, context, usage_key, lang=lang)
        return None
    session = await context.schedule.get_session(session_id)
    if session is None:
        await say(update, context, "no_such_session", lang=lang, id=esc(args[0]))
        return None
    return session, args


END = ConversationHandler.END
