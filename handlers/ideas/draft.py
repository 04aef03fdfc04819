"""The idea conversation's shared parts: its constants, buttons, states and draft, the labels of
dimensions and horizons, and `ask_next`, which asks for the first thing a draft is missing.

The submission flow, the secretariat's paper ideas and the edit of an idea's text share one
persistent conversation; a draft in `user_data["idea"]` says which.
"""

from __future__ import annotations

import enum
from typing import Any

from telegram import Update

from bot.core.context import BotContext
from handlers import buttons
from handlers.buttons import choice, small_int
from handlers.common import (
    END,
    edit_or_send,
    in_columns,
    keyboard,
    send_html,
    user_lang,
)
from handlers.texts import for_whom, t
from storage.models import (
    DIMENSIONS,
    HORIZONS,
)

CONVERSATION_NAME = "ideas"
PREFIX = "idea"
MINE = "mine"
DRAFT = "idea"
PAGE_SIZE = 5
PREVIEW_CHARS = 160

BUTTONS: dict[str, tuple[buttons.Arg, ...]] = {
    "dim": (choice(*DIMENSIONS),),
    "hor": (choice(*HORIZONS),),
    "again": (choice("self", "paper"),),
    "pick": (small_int,),
}
MINE_BUTTONS: dict[str, tuple[buttons.Arg, ...]] = {
    "page": (small_int,),
    "view": (small_int,),
    "text": (small_int,),
    "dim": (small_int,),
    "setdim": (small_int, choice(*DIMENSIONS)),
    "hor": (small_int,),
    "sethor": (small_int, choice(*HORIZONS)),
    "wd": (small_int,),
    "wdyes": (small_int,),
}


class State(enum.IntEnum):
    DIMENSION = 1
    HORIZON = 2
    CONTENT = 3
    PAPER_SEARCH = 4
    PAPER_PICK = 5
    NEW_TEXT = 6


def dimension_label(lang: str, dimension: str) -> str:
    return t(lang, f"dim_{dimension}")


def horizon_label(lang: str, horizon: str) -> str:
    return t(lang, f"horizon_{horizon}")


def _draft(context: BotContext) -> dict[str, Any]:
    draft = context.user_state.get(DRAFT)
    if not isinstance(draft, dict):
        draft = {}
        context.user_state[DRAFT] = draft
    return draft


def _finish(context: BotContext) -> int:
    context.user_state.pop(DRAFT, None)
    return END


async def ask_next(update: Update, context: BotContext, *, fresh: bool = False) -> int:
    """Ask for the first thing the draft is missing (as a new message when `fresh`)."""
    lang = await user_lang(update, context)
    draft = _draft(context)
    staff = draft.get("purpose") == "paper"  # the secretariat types in someone else's idea
    if staff and not draft.get("participant_id"):
        await _show(update, context, t(lang, "paper_start"), fresh=fresh)
        return State.PAPER_SEARCH
    if not draft.get("dimension"):
        rows = in_columns(
            [(dimension_label(lang, d), buttons.make(PREFIX, "dim", d)) for d in DIMENSIONS]
        )
        await _show(
            update,
            context,
            t(lang, for_whom("ask_dimension", staff=staff)),
            keyboard(rows),
            fresh=fresh,
        )
        return State.DIMENSION
    dimension = dimension_label(lang, draft["dimension"])
    if not draft.get("horizon"):
        rows = in_columns(
            [(horizon_label(lang, h), buttons.make(PREFIX, "hor", h)) for h in HORIZONS]
        )
        question = t(lang, for_whom("ask_horizon", staff=staff), dimension=dimension)
        await _show(update, context, question, keyboard(rows))
        return State.HORIZON
    horizon = horizon_label(lang, draft["horizon"])
    key = for_whom("ask_idea_content", staff=staff)
    await _show(update, context, t(lang, key, dimension=dimension, horizon=horizon))
    return State.CONTENT


async def _show(
    update: Update, context: BotContext, text: str, markup: Any = None, *, fresh: bool = False
) -> None:
    """Answer a button in place; typed text, or a `fresh` question, as a new message."""
    if update.callback_query is not None and not fresh:
        await edit_or_send(update, context, text, markup)
    else:
        await send_html(update, context, text, markup=markup)
