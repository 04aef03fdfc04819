"""Polls: `/polling` asks the room and the remote participants at once; `/hasil` adds it up.

One module per flow:
- `form`: the `/polling` conversation (question → options → single or several answers →
  anonymous or named → audience → deadline → confirm) and the steps other flows join. The poll is
  committed with a pending copy per recipient before the facilitator is told it is sent; then
  `bot.jobs.polling` sends the native Telegram polls, closes them at the deadline and shares the
  result.
- `prioritisation`: idea votes (`/prioritas`), a poll whose options are ideas; it joins the form
  at the audience step.
- `hand_votes`: `/suaratangan` (or the result's button), people in the room without Telegram
  counted by hand, shown apart from the Telegram answers.
- `results`: `/hasil` and the result message's buttons (refresh, close, remind).
- `counting`: the `poll_answer` and `poll` updates Telegram sends, matched to the copy they belong
  to.
- `view`: how a result looks (shared with `bot.jobs.polling`'s closing report and final result).

`handlers()` is what `bot.app` registers. Imports `bot.core`, `bot.rules`, other `handlers`
modules and `storage` (never `bot.jobs` or `bot.app`: jobs are reached through `context.jobs`).
"""

from __future__ import annotations

import warnings
from typing import Any

from telegram.ext import (
    BaseHandler,
    CallbackQueryHandler,
    ConversationHandler,
    MessageHandler,
    PollAnswerHandler,
    PollHandler,
    filters,
)

from bot.core.context import BotContext
from bot.core.roles import Role
from handlers import buttons
from handlers.commands import command_handler, pass_through
from handlers.forms import guard_form, keep_or_point
from handlers.polls import counting, form, hand_votes, prioritisation, results
from handlers.polls.form import (
    CONVERSATION_NAME,
    DRAFT,
    FORM_BUTTONS,
    HAND_BUTTON,
    RESULT_BUTTONS,
    State,
)
from handlers.polls.view import PREFIX

__all__ = ["FORM_BUTTONS", "HAND_BUTTON", "PREFIX", "RESULT_BUTTONS", "handlers"]


def handlers() -> list[BaseHandler[Any, BotContext, Any]]:
    """The poll form (with idea votes and hand votes), results, and the answers' counting."""
    typed = filters.TEXT & ~filters.COMMAND
    not_typed = ~filters.TEXT & ~filters.COMMAND & ~filters.StatusUpdate.ALL
    passes = pass_through("hasil")

    def step(action: str, callback: Any) -> CallbackQueryHandler[BotContext, Any]:
        return CallbackQueryHandler(callback, pattern=rf"^{PREFIX}:{action}(:|$)")

    with warnings.catch_warnings():
        # Buttons are tracked per chat and user on purpose: stale presses are caught later.
        warnings.filterwarnings("ignore", message="If 'per_message=False'")
        conversation: ConversationHandler[BotContext] = ConversationHandler(
            entry_points=[
                command_handler("polling", form.start_poll),
                command_handler("prioritas", prioritisation.start),
                command_handler("suaratangan", hand_votes.start_hand_command),
                step("hand", hand_votes.start_hand_button),
            ],
            states={
                State.QUESTION: [MessageHandler(typed, form.on_question)],
                State.OPTIONS: [
                    MessageHandler(typed, form.on_options),
                    step("optok", form.on_options_done),
                    step("drop", form.on_drop),
                ],
                State.MULTIPLE: [step("multi", form.on_multiple)],
                State.ANONYMOUS: [step("anon", form.on_anonymous)],
                State.AUDIENCE: [step("aud", form.on_audience), step("inst", form.on_audience)],
                State.DEADLINE: [
                    step("dl", form.on_deadline_button),
                    MessageHandler(typed, form.on_deadline_text),
                ],
                State.CONFIRM: [step("share", form.on_confirm), step("send", form.on_confirm)],
                State.HAND: [MessageHandler(typed, hand_votes.on_hand_text)],
                State.PRIO_SCOPE: [step("pscope", prioritisation.on_scope)],
                State.PRIO_N: [step("pn", prioritisation.on_choices)],
            },
            fallbacks=[
                command_handler("batal", form.cancel),
                step("drop", form.on_drop),
                MessageHandler(filters.COMMAND & ~passes, form.command_in_conversation),
                MessageHandler(not_typed, form.text_expected),
                MessageHandler(typed, keep_or_point),  # an idea typed meanwhile is kept
            ],
            name=CONVERSATION_NAME,
            persistent=True,
            allow_reentry=True,
        )
    guard_form(conversation, draft_key=DRAFT, role=Role.FACILITATOR)
    return [
        conversation,
        command_handler("hasil", results.results_command),
        CallbackQueryHandler(results.on_result_button, pattern=buttons.pattern(PREFIX)),
        PollAnswerHandler(counting.on_poll_answer),
        PollHandler(counting.on_poll_update),
    ]
