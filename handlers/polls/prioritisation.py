"""Idea prioritisation: participants vote on up to 10 ideas, the result ranks them.

`/prioritas` lets the facilitator pick a dimension (or the stage's top ideas); `/prioritas #I-0012
#I-0015 …` takes the ideas named. Each option is an idea's reference and its text shortened to
Telegram's 100 characters. Then the facilitator chooses N, how many ideas each participant may
pick, and the vote joins the poll form at the audience step.

Telegram polls allow several answers but not "at most N", so the bot enforces N itself: the vote
is a several-answer poll whose question says "choose at most N"; an answer with more than N
choices is kept but not counted (shown as invalid in the result), and the voter is told
privately to take the vote back and choose again. That needs to know who voted what, so idea
votes are always named polls (the facilitator still sees only counts; names are only in the
secretariat's full export). When the vote closes, each idea keeps its rank (`ideas.
priority_rank`): most votes (Telegram and hand votes together) first, ties share a rank
(1, 2, 2, 4).
"""

from __future__ import annotations

from typing import Any

from telegram import Update

from bot.core.context import BotContext
from bot.core.roles import Role
from bot.rules.poll_rules import MAX_OPTIONS, idea_option_text, parse_idea_refs
from handlers import buttons
from handlers.common import END, answer_alert, esc, in_columns, keyboard, requires, say, user_lang
from handlers.ideas import dimension_label
from handlers.polls.form import (
    DRAFT,
    State,
    ask_audience,
    form_step,
    new_token,
    show,
)
from handlers.polls.view import PREFIX, prioritisation_question
from handlers.texts import t
from storage.models import DIMENSIONS, idea_ref
from storage.polls import IdeaChoice

# How many ideas each participant may pick: offered when fewer than the ideas on the ballot.
CHOICES: tuple[int, ...] = (1, 2, 3, 5)


@requires(Role.FACILITATOR, refused=END)
async def start(update: Update, context: BotContext) -> int:
    """Start an idea vote: by dimension or the stage's top ideas, or on the ideas named."""
    lang = await user_lang(update, context)
    stage = await context.repo.current_stage()
    if stage is None:
        await say(update, context, "poll_no_stage", lang=lang)
        return END
    message = update.effective_message
    parts = ((message.text or "") if message else "").split(maxsplit=1)
    draft: dict[str, Any] = {
        "kind": "prioritisation",
        "stage": stage.number,
        "dimension": None,
        "token": new_token(),
    }
    if len(parts) > 1 and parts[1].strip():
        ids = parse_idea_refs(parts[1])
        if ids is None:
            await say(update, context, "prio_usage", lang=lang)
            return END
        if len(ids) > MAX_OPTIONS:
            await say(update, context, "prio_too_many", lang=lang, max=MAX_OPTIONS)
            return END
        repo = context.services.polls
        ideas = await repo.ideas_by_ids(stage.number, ids)
        missing = [idea_ref(i) for i in ids if i not in {idea.id for idea in ideas}]
        if missing:
            await say(update, context, "prio_not_found", lang=lang, refs=", ".join(missing))
            return END
        if len(ideas) < 2:
            await say(update, context, "prio_too_few", lang=lang)
            return END
        context.user_state[DRAFT] = draft
        return await _ask_choices(update, context, lang, draft, ideas)
    context.user_state[DRAFT] = draft
    scopes = [
        (dimension_label(lang, d).split(" (")[0], buttons.make(PREFIX, "pscope", d))
        for d in DIMENSIONS
    ]
    rows = in_columns(scopes)
    rows.append([(t(lang, "btn_prio_top"), buttons.make(PREFIX, "pscope", "top"))])
    rows.append([(t(lang, "btn_discard"), buttons.make(PREFIX, "drop"))])
    await say(update, context, "prio_ask_scope", lang=lang, markup=keyboard(rows), max=MAX_OPTIONS)
    return State.PRIO_SCOPE


@requires(Role.FACILITATOR, refused=END)
async def on_scope(update: Update, context: BotContext) -> int:
    """A dimension (or the top of the stage): its ideas go on the ballot."""
    step = await form_step(update, context, State.PRIO_SCOPE)
    if isinstance(step, int):
        return step
    lang, button, draft = step
    scope = button.str_arg()
    dimension = None if scope == "top" else scope
    ideas = await context.services.polls.idea_candidates(
        int(draft["stage"]), dimension, limit=MAX_OPTIONS
    )
    if len(ideas) < 2:
        await answer_alert(update, t(lang, "prio_too_few"))
        return State.PRIO_SCOPE
    draft["dimension"] = dimension
    return await _ask_choices(update, context, lang, draft, ideas)


async def _ask_choices(
    update: Update,
    context: BotContext,
    lang: str,
    draft: dict[str, Any],
    ideas: list[IdeaChoice],
) -> int:
    draft["ideas"] = [idea.id for idea in ideas]
    draft["options"] = [idea_option_text(idea_ref(idea.id), idea.text) for idea in ideas]
    offered = [n for n in CHOICES if n < len(ideas)]
    rows = [[(str(n), buttons.make(PREFIX, "pn", n)) for n in offered]]
    rows.append([(t(lang, "btn_discard"), buttons.make(PREFIX, "drop"))])
    options = "\n".join(f"{i}. {esc(o)}" for i, o in enumerate(draft["options"], start=1))
    await show(
        update,
        context,
        t(lang, "prio_ask_choices", count=len(ideas), options=options),
        keyboard(rows),
    )
    return State.PRIO_N


@requires(Role.FACILITATOR, refused=END)
async def on_choices(update: Update, context: BotContext) -> int:
    """N: how many ideas each participant may pick; then the audience."""
    step = await form_step(update, context, State.PRIO_N)
    if isinstance(step, int):
        return step
    lang, button, draft = step
    if not draft.get("ideas"):
        return State.PRIO_N
    n = button.int_arg()
    if not 1 <= n < len(draft["ideas"]):
        await answer_alert(update, t(lang, "invalid_button"))
        return State.PRIO_N
    draft.update(
        max_choices=n,
        multiple=n > 1,
        anonymous=False,
        question=prioritisation_question(lang, n, draft.get("dimension")),
    )
    return await ask_audience(update, context, lang)
