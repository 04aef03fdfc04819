"""Registration for a stage, profile edits, and the secretariat's entry of offline participants.

One persistent conversation serves all three, because they ask the same questions: a draft in
`user_data["reg"]` holds the answers so far, and `ask_next` asks for the first one missing.
Editing a field is just forgetting it and asking again. The draft and the conversation state are
persisted, so a restarted bot continues where the user was.

One module per flow:
- `steps`: the form's shared parts (constants, buttons, states, the draft, `ask_next`, the
  answers, and saving a registration or a profile).
- `register`: self-registration: /start (also from a room's QR code) and the privacy notice.
- `profile`: /profil and the buttons that edit one field of the profile.
- `offline`: /daftarluring, the secretariat's entry of an in-room participant without Telegram.
- `changes`: what the /profil switch and the secretariat's edit share (verbs, finished-stage rule).
- `edit`: /ubahpeserta, the secretariat's corrections and withdrawals (its own conversation).

`handlers()` builds the conversation (`CONVERSATION_NAME`) and is what `bot.app` registers.

Imports `bot.core`, other `handlers` modules and `storage` (never `bot.jobs` or `bot.app`).
"""

from __future__ import annotations

import warnings
from typing import Any

from telegram import Update
from telegram.ext import (
    BaseHandler,
    CallbackQueryHandler,
    ConversationHandler,
    MessageHandler,
)

from bot.core.context import BotContext
from handlers.commands import command_handler
from handlers.forms import NOT_TYPED, TYPED, form_fallbacks, guard_form, reply_with
from handlers.registration import edit, offline, profile, register, steps
from handlers.registration.register import parse_deep_link
from handlers.registration.steps import (
    BUTTONS,
    CONVERSATION_NAME,
    DRAFT,
    PREFIX,
    PROFILE_BUTTONS,
    PROFILE_PREFIX,
    State,
)

__all__ = [
    "BUTTONS",
    "CONVERSATION_NAME",
    "PREFIX",
    "PROFILE_BUTTONS",
    "PROFILE_PREFIX",
    "handlers",
    "parse_deep_link",
]


def handlers() -> list[BaseHandler[Any, BotContext, Any]]:
    """The registration conversation and /profil, in the order they must be tried."""
    Handler = BaseHandler[Update, BotContext, Any]

    def button(*actions: str) -> Handler:
        # Each screen accepts only its own buttons; any other one is stale or forged.
        return CallbackQueryHandler(
            steps.on_button, pattern=rf"^{PREFIX}:({'|'.join(actions)})(:|$)"
        )

    with warnings.catch_warnings():
        # Buttons are tracked per chat and user on purpose: stale presses are caught below.
        warnings.filterwarnings("ignore", message="If 'per_message=False'")
        conversation: ConversationHandler[BotContext] = ConversationHandler(
            entry_points=[
                command_handler("start", register.start),
                command_handler("daftarluring", offline.start_offline_entry),
                CallbackQueryHandler(
                    profile.start_profile_edit, pattern=rf"^{PROFILE_PREFIX}:edit(:|$)"
                ),
                CallbackQueryHandler(register.agree, pattern=rf"^{PREFIX}:agree(:|$)"),
            ],
            states={
                State.NAME: [
                    MessageHandler(TYPED, steps.on_name),
                    MessageHandler(NOT_TYPED, reply_with("text_expected")),
                ],
                State.INSTITUTION_KIND: [
                    button("ik"),
                    MessageHandler(TYPED, steps.on_institution_typed),
                ],
                State.INSTITUTION_PICK: [
                    button("inst", "back"),
                    MessageHandler(TYPED, steps.on_institution_typed),
                ],
                State.INSTITUTION_TYPED: [
                    MessageHandler(TYPED, steps.on_institution_typed),
                    MessageHandler(NOT_TYPED, reply_with("text_expected")),
                ],
                State.POSITION: [button("pos")],
                State.MODE: [button("mode")],
                State.STAGE: [button("stage")],
                State.CONFIRM: [button("ok", "edit")],
                State.EDIT_FIELD: [button("field")],
                # A form persisted at the notice by an earlier version of the bot.
                State.PRIVACY: [
                    CallbackQueryHandler(register.agree, pattern=rf"^{PREFIX}:agree(:|$)")
                ],
            },
            fallbacks=form_fallbacks(DRAFT, command_handler("start", register.start)),
            name=CONVERSATION_NAME,
            persistent=True,
            allow_reentry=True,
        )
    guard_form(conversation, draft_key=DRAFT, role=offline._role_needed)
    return [
        # The 🔁 switch under /profil is one tap, no form: tried first, it also works mid-form.
        CallbackQueryHandler(profile.switch_mode, pattern=rf"^{PROFILE_PREFIX}:mode(:|$)"),
        conversation,
        # Outside the form: refusing the notice must not end a form the person is filling in.
        CallbackQueryHandler(register.disagree, pattern=rf"^{PREFIX}:disagree$"),
        command_handler("profil", profile.show_profile),
        *edit.handlers(),
    ]
