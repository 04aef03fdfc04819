"""What every form (ConversationHandler) does the same way: leaving, stray input, roles.

`/batal` (`/cancel`) leaves any form and forgets its draft; another command in the middle of a
form is answered "finish it or /batal" (except help and language, which simply work); anything
else typed while buttons are shown points at the buttons, and if it is an idea it is kept and
offered once the form is over (`keep_or_point`, issue 13: nothing typed is dropped). A form that
needs a role checks it at every step, not only at its start (`guard_form`): a role revoked
mid-form ends the form.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Coroutine, Mapping
from typing import Any

from telegram import Update
from telegram.ext import Application, BaseHandler, ConversationHandler, MessageHandler, filters

from bot.core.context import BotContext
from bot.core.roles import Role
from handlers.commands import command_handler, pass_through
from handlers.common import END, has_role, refuse, say

Handler = BaseHandler[Update, BotContext, Any]
# Commands that work in the middle of a form: the form does not catch them.
PASS_THROUGH = pass_through()
TYPED = filters.TEXT & ~filters.COMMAND
NOT_TYPED = ~filters.TEXT & ~filters.COMMAND & ~filters.StatusUpdate.ALL


def reply_with(key: str) -> Callable[[Update, BotContext], Coroutine[Any, Any, None]]:
    """A callback that answers with one text and leaves the form where it was."""

    async def answer(update: Update, context: BotContext) -> None:
        await say(update, context, key)

    answer.__doc__ = f"Answer {key!r} and stay in the form."
    return answer


async def keep_or_point(update: Update, context: BotContext) -> None:
    """Something typed while a form waits for a button: an idea is kept, anything else pointed
    at the buttons."""
    from handlers.ideas import capture  # the ideas package builds its form with this module

    await capture.keep(update, context)


def conversation_state(conversation: ConversationHandler[Any], update: Update) -> object | None:
    """The state `conversation` is in for the user behind `update` (None: not in it)."""
    if update.effective_user is None or update.effective_chat is None:
        return None
    # PTB offers no public way to read a conversation's state (handlers/privacy.py ends them
    # through the same dict).
    return conversation._conversations.get(conversation._get_key(update))


def in_any_form(application: Application[Any, Any, Any, Any, Any, Any], update: Update) -> bool:
    """Is the user behind `update` in the middle of any form (conversation) now?"""
    return any(
        conversation_state(handler, update) is not None
        for group in application.handlers.values()
        for handler in group
        if isinstance(handler, ConversationHandler)
    )


class WhenIdle(BaseHandler[Update, BotContext, Any]):
    """An entry point that only starts its conversation when the user is not already in it.

    With `allow_reentry`, PTB tries every entry point before the current state's handlers; a
    catch-all entry point (any text) would otherwise swallow the answers the form waits for.
    """

    def __init__(self, inner: BaseHandler[Update, BotContext, Any]) -> None:
        super().__init__(inner.callback, block=inner.block)
        self.inner = inner
        # Every form of the application (`watch_forms`): a user in any of them is not idle.
        self.forms: list[ConversationHandler[Any]] = []

    def check_update(self, update: object) -> Any:
        if not isinstance(update, Update):
            return None
        if any(conversation_state(form, update) is not None for form in self.forms):
            return None
        return self.inner.check_update(update)

    async def handle_update(
        self,
        update: Update,
        application: Application[Any, BotContext, Any, Any, Any, Any],
        check_result: Any,
        context: BotContext,
    ) -> Any:
        return await self.inner.handle_update(update, application, check_result, context)


def watch_forms(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """Show every `WhenIdle` entry point every form; called once all handlers are added."""
    forms = [
        handler
        for group in application.handlers.values()
        for handler in group
        if isinstance(handler, ConversationHandler)
    ]
    for form in forms:
        for entry in form.entry_points:
            if isinstance(entry, WhenIdle):
                entry.forms = forms


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
        command_handler("batal", cancel_form(draft_key)),
        *extra,
        MessageHandler(filters.COMMAND & ~PASS_THROUGH, reply_with("command_in_conversation")),
        MessageHandler(~filters.COMMAND & ~filters.StatusUpdate.ALL, keep_or_point),
    ]


# The role a form needs: always the same, or read from its draft (one conversation may serve
# both participants and the secretariat, e.g. registration and offline entry).
RoleRule = Role | Callable[[Mapping[str, Any]], Role | None]
RECHECKED = "__role_rechecked__"


def guard_form(
    conversation: ConversationHandler[BotContext], *, draft_key: str, role: RoleRule
) -> ConversationHandler[BotContext]:
    """Re-check `role` before every step of `conversation` (each state and each fallback).

    Entry points check the role themselves (`requires`); this covers the steps after them, so a
    role revoked (or its holder erased) mid-form stops the form at the very next update, also a
    form resumed after a restart. On refusal the draft is forgotten, the form ends, nothing changes.
    """

    def needed(context: BotContext) -> Role | None:
        if isinstance(role, Role):
            return role
        draft = context.user_state.get(draft_key)
        return role(draft if isinstance(draft, Mapping) else {})

    # An entry point repeated as a fallback (/start) begins a new form and checks for itself.
    starts = {handler.callback for handler in conversation.entry_points}
    steps = [handler for handlers in conversation.states.values() for handler in handlers]
    for handler in [*steps, *conversation.fallbacks]:
        if handler.callback not in starts and not getattr(handler.callback, RECHECKED, False):
            handler.callback = _rechecked(handler.callback, needed, draft_key)
    return conversation


def _rechecked(
    callback: Callable[[Update, BotContext], Coroutine[Any, Any, Any]],
    needed: Callable[[BotContext], Role | None],
    draft_key: str,
) -> Callable[[Update, BotContext], Coroutine[Any, Any, Any]]:
    @functools.wraps(callback)
    async def step(update: Update, context: BotContext) -> Any:
        role = needed(context)
        if role is None or has_role(update, context, role):
            return await callback(update, context)
        context.user_state.pop(draft_key, None)
        await refuse(update, context, "role_lost")
        return END

    setattr(step, RECHECKED, True)
    return step
