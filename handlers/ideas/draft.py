"""The idea conversation's shared parts: its constants, buttons, states and draft, the labels of
dimensions and horizons, and `ask_next`, which asks for the first thing a draft is missing.

The submission flow, the secretariat's paper ideas and the edit of an idea's text share one
persistent conversation; a draft in `user_data["idea"]` says which.

A draft may hold the idea itself before its tags: `text`, `attachment` (a dict) and `source`
([chat_id, message_id]) at its top level (`has_content`): a hashtag message whose tags are unclear
(`hashtag`), or a plain message, photo, voice note or document sent outside a form (`capture`).
Then `ask_next` asks only what is missing (`ask_missing_tags`, one tap each, every question saying
the idea is not saved yet) and files the draft through `submit.file_draft` once the last tag is
there. Ideas that must wait (the sender is not registered yet, another form is open, another idea
waits for a tap) are kept, draft-shaped, in `user_data["idea_kept"]` (`KEPT`) and offered one by
one when the user is free (`submit.offer_next`).
"""

from __future__ import annotations

import enum
import html
import secrets
from typing import Any

from telegram import Update

from bot.core.context import BotContext
from bot.rules.idea_rules import TagReading
from handlers import buttons
from handlers.buttons import choice, small_int, token
from handlers.common import (
    END,
    edit_or_send,
    esc,
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
KEPT = "idea_kept"  # ideas waiting for a tap on another, a form to end, or registration
PAGE_SIZE = 5
PREVIEW_CHARS = 160

BUTTONS: dict[str, tuple[buttons.Arg, ...]] = {
    "dim": (choice(*DIMENSIONS),),
    "hor": (choice(*HORIZONS),),
    "again": (choice("self", "paper"),),
    "pick": (small_int,),
    # tags: an over-long idea kept as it is or split; a similar idea supported or not
    "long": (choice("keep", "split"), token),
    "sim": (choice("support", "new"), small_int, token),
    "tdim": (choice(*DIMENSIONS), token),  # the tags of a draft holding its idea
    "thor": (choice(*HORIZONS), token),
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
    # 20–29: free-form ideas (capture). None: a draft holding its idea uses the states here.
    # tags (30–39): a draft holding its idea waits for a tap
    LENGTH = 30
    SIMILAR = 31


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


# What a draft holding its idea keeps when it is set aside and offered again later.
KEPT_KEYS = (
    "text",
    "attachment",
    "source",
    "dimension",
    "horizon",
    "horizon_open",
    "dim_choices",
    "dim_guess",
    "hor_choices",
    "hor_guess",
    "length",
    "ranked",
    "guess",
)


def keep_for_later(context: BotContext, draft: dict[str, Any], *, first: bool = False) -> bool:
    """Keep a draft holding its idea (its content and tags) in `KEPT`, oldest first (`first`: in
    front); False when the same message is already kept (delivered twice)."""
    item = {key: draft[key] for key in KEPT_KEYS if draft.get(key) is not None}
    if draft.get("similar_checked") and draft.get("waiting") != State.SIMILAR:
        item["similar_checked"] = True  # "send as new" already chosen: not asked again
    kept = context.user_state.get(KEPT)
    if not isinstance(kept, list):
        kept = []
    if item.get("source") and any(k.get("source") == item["source"] for k in kept):
        return False
    context.user_state[KEPT] = [item, *kept] if first else [*kept, item]
    return True


def set_aside(context: BotContext) -> None:
    """Before a new form replaces the draft: a kept idea still waiting for its taps goes back to
    the kept ones (offered again once the new form is over), never lost."""
    draft = context.user_state.get(DRAFT)
    if isinstance(draft, dict) and has_content(draft) and draft.get("purpose") == "self":
        keep_for_later(context, draft, first=True)
        context.user_state.pop(DRAFT, None)


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
    if has_content(draft):
        # The idea itself came first (a hashtag or free-form message): ask what is missing,
        # then file it.
        if fresh:
            draft["fresh"] = True
        asked = await ask_missing_tags(update, context)
        if asked is not None:
            return asked
        from handlers.ideas.submit import file_draft  # submit builds on this module

        return await file_draft(update, context)
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


def content_preview(lang: str, draft: dict[str, Any]) -> str:
    """The draft's idea in one short line (escaped), so a question says which idea it is."""
    text = " ".join(str(draft.get("text") or "").split())
    if len(text) > PREVIEW_CHARS:
        text = text[: PREVIEW_CHARS - 1] + "…"
    attachment = draft.get("attachment") or {}
    label = t(lang, f"attachment_{attachment['type']}") if attachment.get("type") else ""
    return html.escape(" · ".join(part for part in (label, text) if part), quote=False)


# --- tags: a draft that already holds its idea (a hashtag message) ----------------------------


def has_content(draft: dict[str, Any]) -> bool:
    """Does the draft already hold the idea itself (its text or file)?"""
    return "text" in draft or bool(draft.get("attachment"))


def tags_of(reading: TagReading) -> dict[str, Any]:
    """A draft's tags from the hashtags typed: settled ones, or the choices to offer."""
    tags: dict[str, Any] = {}
    for kind, named, one, many, guess in (
        ("dimension", reading.dimensions, "dimension", "dim_choices", "dim_guess"),
        ("horizon", reading.horizons, "horizon", "hor_choices", "hor_guess"),
    ):
        guessed = [key for key in reading.guessed(kind) if key not in named]
        if len(named) == 1 and not guessed:
            tags[one] = named[0]
        elif named:
            tags[many] = [*named, *guessed]  # "#ekonomi #lingkugan": a choice between the two
        elif guessed:
            tags[many] = guessed
            tags[guess] = next(
                g.word if kind == "dimension" else g.key
                for g in reading.guesses
                if g.kind == kind and g.key == guessed[0]
            )
    if "horizon" not in tags and "hor_choices" not in tags:
        # No horizon typed at all: never holds the idea back; filed as "not sure" and asked
        # with one tap under the confirmation.
        tags["horizon"], tags["horizon_open"] = "unsure", True
    return tags


def _tag_rows(
    chosen: list[str], everything: tuple[str, ...], make: Any, *, others: bool
) -> list[list[tuple[str, str]]]:
    """The likely choices first, one per row; then, if `others`, the rest in two columns."""
    rows = [[make(key)] for key in chosen]
    if others:
        rows += in_columns([make(key) for key in everything if key not in chosen])
    return rows


async def ask_missing_tags(update: Update, context: BotContext) -> int | None:
    """Ask the dimension, then the horizon, of a draft holding its idea; None when both known.

    Misspelt tags are offered first ("Maksud Anda #ekonomi?"), two tags named are a choice
    between them; every question says the idea is not saved yet.
    """
    draft = _draft(context)
    if draft.get("dimension") and draft.get("horizon"):
        return None
    lang = await user_lang(update, context)
    unsaved = t(lang, "idea_not_saved")
    # Bound to this draft: a button of an earlier question cannot tag another idea.
    tag = draft["token"] = secrets.token_hex(3)
    if not draft.get("dimension"):
        chosen = [d for d in draft.get("dim_choices") or [] if d in DIMENSIONS]
        guess = draft.get("dim_guess")
        ranked = [d for d in draft.get("ranked") or () if d in DIMENSIONS]
        if guess:
            question = t(lang, "tag_did_you_mean", tag=esc(f"#{guess}"))
        elif len(chosen) > 1:
            question = t(lang, "tag_pick_dimension")
        elif not chosen and "ranked" in draft:
            # A free-form idea: which idea, and the likeliest dimension by its words first.
            question = t(lang, "intake_ask_dimension", idea=content_preview(lang, draft))
            if draft.get("guess") in DIMENSIONS:
                label = dimension_label(lang, draft["guess"])
                question += "\n" + t(lang, "intake_guess", dimension=label)
            rows = in_columns(
                [
                    (dimension_label(lang, d), buttons.make(PREFIX, "tdim", d, tag))
                    for d in [*ranked, *(d for d in DIMENSIONS if d not in ranked)]
                ]
            )
            return await wait_for_tap(update, context, question, rows, State.DIMENSION)
        else:
            question = t(lang, "ask_dimension")
        rows = _tag_rows(
            chosen,
            DIMENSIONS,
            lambda d: (dimension_label(lang, d), buttons.make(PREFIX, "tdim", d, tag)),
            others=bool(guess) or len(chosen) < 2,
        )
        return await wait_for_tap(update, context, f"{question}\n{unsaved}", rows, State.DIMENSION)
    if not draft.get("horizon"):
        chosen = [h for h in draft.get("hor_choices") or [] if h in HORIZONS]
        guess = draft.get("hor_guess")
        dimension = dimension_label(lang, draft["dimension"])
        if guess:
            question = t(lang, "tag_did_you_mean", tag=esc(horizon_label(lang, guess)))
        elif len(chosen) > 1:
            question = t(lang, "tag_pick_horizon", dimension=dimension)
        elif not chosen and "ranked" in draft:
            question = t(
                lang, "intake_ask_horizon", idea=content_preview(lang, draft), dimension=dimension
            )
            rows = in_columns(
                [(horizon_label(lang, h), buttons.make(PREFIX, "thor", h, tag)) for h in HORIZONS]
            )
            return await wait_for_tap(update, context, question, rows, State.HORIZON)
        else:
            question = t(lang, "ask_horizon", dimension=dimension)
        rows = _tag_rows(
            chosen,
            HORIZONS,
            lambda h: (horizon_label(lang, h), buttons.make(PREFIX, "thor", h, tag)),
            others=bool(guess) or len(chosen) < 2,
        )
        return await wait_for_tap(update, context, f"{question}\n{unsaved}", rows, State.HORIZON)
    return None


async def wait_for_tap(
    update: Update, context: BotContext, text: str, rows: Any, state: State
) -> State:
    """Show a question about a draft holding its idea and remember which one it waits for.

    A draft resumed after another idea's question (`fresh` set) asks below, not in place of, the
    answer just given.
    """
    draft = _draft(context)
    draft["waiting"] = int(state)
    await _show(update, context, text, keyboard(rows), fresh=bool(draft.pop("fresh", False)))
    return state


def waiting_ideas(user_state: dict[str, Any]) -> list[dict[str, Any]]:
    """The ideas a person sent that wait unsaved (the open draft, then the kept ones), as
    /dataku shows them: text and kind of attachment, no Telegram file ids."""
    drafts = [user_state.get(DRAFT), *(user_state.get(KEPT) or [])]
    shown: list[dict[str, Any]] = []
    for draft in drafts:
        if not isinstance(draft, dict) or not (draft.get("text") or draft.get("attachment")):
            continue
        attachment = draft.get("attachment")
        kind = attachment.get("type") if isinstance(attachment, dict) else None
        shown.append({"text": draft.get("text") or "", "attachment": kind})
    return shown
