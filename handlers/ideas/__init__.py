"""Ideas: `/ide` with buttons, the hashtag fast path, `/ideku` to edit or withdraw, paper ideas.

One module per flow:
- `draft`: the idea conversation's shared parts (constants, buttons, states, the draft,
  `ask_next`, the labels of dimensions and horizons).
- `submit`: `/ide` (dimension → horizon → the idea) and filing an idea, which the other flows
  share: every idea is committed by `IdeaRepository.submit` before the confirmation goes out.
- `hashtag`: the `#hashtag` fast path, filed at once when its tags are clear, else the idea
  waits as a draft while misspelt, doubled or missing tags are asked with one tap.
- `capture`: free-form ideas: plain text, a photo, a voice note or a document sent outside any
  form is kept in a draft and tagged with one tap each (entry points that start only while the
  user is in no form); ideas that must wait are kept and offered later (`after_handlers`).
- `similar`: an active idea of the stage that says the same, offered before filing
  ("Dukung ide ini" / "Tetap kirim ide baru").

Every flow files through `submit.file_draft` (one draft shape: `text`, `attachment`, `source` at
the draft's top level), so the similar-idea step and the over-long choice apply to all of them.
- `mine`: `/ideku`, the user's own ideas (paging, re-tagging, a new text, withdrawing).
- `paper`: paper ideas the secretariat types in for offline participants.
- `review`: the facilitators' and secretariat's view (`/rekapide`): counts, the latest of a
  dimension, one idea in full.

The submission flow, the secretariat's paper ideas and the edit of an idea's text share one
persistent conversation (`CONVERSATION_NAME`); `handlers()` builds it and is what `bot.app`
registers; `review.handlers()` is registered after it.

Imports `bot.core`, `bot.rules`, other `handlers` modules and `storage` (never `bot.jobs` or
`bot.app`).
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
    TypeHandler,
    filters,
)

from bot.core.context import BotContext
from handlers import buttons
from handlers.commands import command_handler
from handlers.forms import TYPED, WhenIdle, form_fallbacks, guard_form
from handlers.ideas import capture, hashtag, mine, paper, submit
from handlers.ideas.draft import (
    BUTTONS,
    CONVERSATION_NAME,
    DRAFT,
    MINE,
    MINE_BUTTONS,
    PREFIX,
    State,
    dimension_label,
    horizon_label,
)
from handlers.ideas.mine import idea_details

__all__ = [
    "BUTTONS",
    "MINE",
    "MINE_BUTTONS",
    "PREFIX",
    "after_handlers",
    "dimension_label",
    "handlers",
    "horizon_label",
    "idea_details",
]


def handlers() -> list[BaseHandler[Any, BotContext, Any]]:
    """The idea conversation, the fast path and /ideku, in the order they must be tried."""
    Handler = BaseHandler[Update, BotContext, Any]
    typed = TYPED
    content = typed | filters.PHOTO | filters.VOICE | filters.Document.ALL
    tagged = filters.ChatType.PRIVATE & (filters.Regex(r"^\s*#") | filters.CaptionRegex(r"^\s*#"))

    def tag_button(action: str) -> Handler:
        return CallbackQueryHandler(submit.on_tag_button, pattern=rf"^{PREFIX}:{action}:")

    hashtag_first = filters.Regex(r"^\s*#") | filters.CaptionRegex(r"^\s*#")
    free_form = filters.ChatType.PRIVATE & filters.UpdateType.MESSAGE & content & ~hashtag_first
    # The idea typed while /ide still asks for its tags is kept in the draft.
    early: Handler = MessageHandler(content, capture.on_early_content)

    with warnings.catch_warnings():
        # Buttons are tracked per chat and user on purpose: stale presses are caught later.
        warnings.filterwarnings("ignore", message="If 'per_message=False'")
        conversation: ConversationHandler[BotContext] = ConversationHandler(
            entry_points=[
                command_handler("ide", submit.start_idea),
                command_handler("idekertas", paper.start_paper_idea),
                CallbackQueryHandler(submit.again, pattern=rf"^{PREFIX}:again:"),
                CallbackQueryHandler(mine.start_text_edit, pattern=rf"^{MINE}:text:"),
                MessageHandler(tagged, hashtag.on_tagged),
                # Free-form ideas, and taps on a kept idea offered outside the conversation:
                # only for a user in no form (else the form's own handlers answer).
                WhenIdle(MessageHandler(free_form, capture.on_free_form)),
                WhenIdle(
                    CallbackQueryHandler(
                        capture.on_kept_tap, pattern=rf"^{PREFIX}:(tdim|thor|long|sim):"
                    )
                ),
            ],
            states={
                State.DIMENSION: [tag_button("dim"), tag_button("tdim"), early],
                State.HORIZON: [tag_button("hor"), tag_button("thor"), early],
                State.CONTENT: [
                    MessageHandler(content, submit.on_content),
                    MessageHandler(
                        ~filters.COMMAND & ~filters.StatusUpdate.ALL, submit.unsupported_content
                    ),
                ],
                State.PAPER_SEARCH: [MessageHandler(typed, paper.on_paper_search)],
                State.PAPER_PICK: [
                    CallbackQueryHandler(paper.on_paper_pick, pattern=rf"^{PREFIX}:pick:"),
                    MessageHandler(typed, paper.on_paper_search),
                ],
                State.NEW_TEXT: [MessageHandler(typed, mine.on_new_text)],
                State.LENGTH: [
                    CallbackQueryHandler(submit.on_length_button, pattern=rf"^{PREFIX}:long:")
                ],
                State.SIMILAR: [
                    CallbackQueryHandler(submit.on_similar_button, pattern=rf"^{PREFIX}:sim:")
                ],
            },
            fallbacks=form_fallbacks(DRAFT),
            name=CONVERSATION_NAME,
            persistent=True,
            allow_reentry=True,
        )
    guard_form(conversation, draft_key=DRAFT, role=paper._role_needed)
    return [
        conversation,
        # A tag, length or similar-idea button of an idea already filed (a second tap, a copy).
        CallbackQueryHandler(submit.stale_choice, pattern=rf"^{PREFIX}:(tdim|thor|long|sim):"),
        command_handler("ideku", mine.my_ideas),
        CallbackQueryHandler(mine.on_mine_button, pattern=buttons.pattern(MINE)),
    ]


def after_handlers() -> list[BaseHandler[Any, BotContext, Any]]:
    """Run after every update (a later group): offer a kept idea once the user is free."""
    return [TypeHandler(Update, capture.offer_kept)]
