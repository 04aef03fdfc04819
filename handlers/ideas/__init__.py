"""Ideas: `/ide` with buttons, the hashtag fast path, `/ideku` to edit or withdraw, paper ideas.

One module per flow:
- `draft`: the idea conversation's shared parts (constants, buttons, states, the draft,
  `ask_next`, the labels of dimensions and horizons).
- `submit`: `/ide` (dimension → horizon → the idea) and filing an idea, which the other flows
  share: every idea is committed by `IdeaRepository.submit` before the confirmation goes out.
- `hashtag`: the `#hashtag` fast path, filed at once when its tags are clear, else the idea
  waits as a draft while misspelt, doubled or missing tags are asked with one tap.
- `similar`: an active idea of the stage that says the same, offered before filing
  ("Dukung ide ini" / "Tetap kirim ide baru").
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
    filters,
)

from bot.core.context import BotContext
from handlers import buttons
from handlers.commands import command_handler
from handlers.forms import TYPED, form_fallbacks, guard_form
from handlers.ideas import hashtag, mine, paper, submit
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
            ],
            states={
                State.DIMENSION: [tag_button("dim"), tag_button("tdim")],
                State.HORIZON: [tag_button("hor"), tag_button("thor")],
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
