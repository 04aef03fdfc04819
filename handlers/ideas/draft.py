"""The idea conversation's shared parts: its constants, buttons, states and draft, the labels of
dimensions and horizons, and `ask_next`, which asks for the first thing a draft is missing.

The submission flow, the secretariat's paper ideas and the edit of an idea's text share one
persistent conversation; a draft in `user_data["idea"]` says which.

A draft may carry its `content` before its tags (an idea sent as plain text, a photo, a voice
note: `capture`): then `ask_next` asks only for what is missing and files the draft through
`submit.file_draft` once the last tag is there. Ideas that must wait (the sender is not
registered yet, or another form is open) are kept in `user_data["idea_kept"]`, offered one by
one when the user is free (`capture.offer_kept`).
"""

from __future__ import annotations

import enum
import html
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
from handlers.texts import t
from storage.models import (
    DIMENSIONS,
    HORIZONS,
)

CONVERSATION_NAME = "ideas"
PREFIX = "idea"
MINE = "mine"
DRAFT = "idea"
KEPT = "idea_kept"  # ideas waiting for a form to end or for registration (capture)
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
    # 20–29: free-form ideas (capture). None yet: a content draft uses the states above.


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


def set_aside(context: BotContext) -> None:
    """Before a new form replaces the draft: a kept idea still waiting for its taps goes back to
    the kept ones (offered again once the new form is over), never lost."""
    draft = context.user_state.get(DRAFT)
    if isinstance(draft, dict) and draft.get("content") and draft.get("purpose") == "self":
        item = {
            "content": draft["content"],
            "dimension": draft.get("dimension"),
            "horizon": draft.get("horizon"),
        }
        kept = context.user_state.get(KEPT)
        context.user_state[KEPT] = [item, *(kept if isinstance(kept, list) else [])]
        context.user_state.pop(DRAFT, None)


def _finish(context: BotContext) -> int:
    context.user_state.pop(DRAFT, None)
    return END


async def ask_next(update: Update, context: BotContext, *, fresh: bool = False) -> int:
    """Ask for the first thing the draft is missing (as a new message when `fresh`)."""
    lang = await user_lang(update, context)
    draft = _draft(context)
    if draft.get("purpose") == "paper" and not draft.get("participant_id"):
        await _show(update, context, t(lang, "paper_start"), fresh=fresh)
        return State.PAPER_SEARCH
    content = draft.get("content")
    if not draft.get("dimension"):
        ranked = [d for d in draft.get("ranked") or () if d in DIMENSIONS]
        order = [*ranked, *(d for d in DIMENSIONS if d not in ranked)]
        rows = in_columns(
            [(dimension_label(lang, d), buttons.make(PREFIX, "dim", d)) for d in order]
        )
        if content:
            question = t(lang, "intake_ask_dimension", idea=content_preview(lang, content))
            if draft.get("guess"):
                guess = dimension_label(lang, draft["guess"])
                question += "\n" + t(lang, "intake_guess", dimension=guess)
        else:
            question = t(lang, "ask_dimension")
        await _show(update, context, question, keyboard(rows), fresh=fresh)
        return State.DIMENSION
    dimension = dimension_label(lang, draft["dimension"])
    if not draft.get("horizon"):
        rows = in_columns(
            [(horizon_label(lang, h), buttons.make(PREFIX, "hor", h)) for h in HORIZONS]
        )
        question = (
            t(lang, "intake_ask_horizon", idea=content_preview(lang, content), dimension=dimension)
            if content
            else t(lang, "ask_horizon", dimension=dimension)
        )
        await _show(update, context, question, keyboard(rows), fresh=fresh)
        return State.HORIZON
    if content:
        # The idea itself came first (capture): everything is there, file it.
        from handlers.ideas.submit import file_draft  # submit builds on this module

        return await file_draft(update, context)
    horizon = horizon_label(lang, draft["horizon"])
    await _show(update, context, t(lang, "ask_idea_content", dimension=dimension, horizon=horizon))
    return State.CONTENT


def content_preview(lang: str, content: dict[str, Any]) -> str:
    """The kept idea in one short line (escaped), so the question says which idea it is."""
    text = " ".join(str(content.get("text") or "").split())
    if len(text) > PREVIEW_CHARS:
        text = text[: PREVIEW_CHARS - 1] + "…"
    attachment = content.get("attachment") or {}
    label = t(lang, f"attachment_{attachment['type']}") if attachment.get("type") else ""
    return html.escape(" · ".join(part for part in (label, text) if part), quote=False)


async def _show(
    update: Update, context: BotContext, text: str, markup: Any = None, *, fresh: bool = False
) -> None:
    """Answer a button in place; typed text, or a `fresh` question, as a new message."""
    if update.callback_query is not None and not fresh:
        await edit_or_send(update, context, text, markup)
    else:
        await send_html(update, context, text, markup=markup)
