"""Paper ideas: the secretariat types in an idea an offline participant wrote on paper (find the
participant, pick them, then the same steps as `/ide`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from telegram import Update

from bot.core.context import BotContext
from bot.core.roles import Role
from handlers import buttons
from handlers.common import (
    END,
    answer_alert,
    edit_or_send,
    esc,
    keyboard,
    requires,
    say,
    user_lang,
)
from handlers.ideas.draft import (
    BUTTONS,
    DRAFT,
    PREFIX,
    State,
    _draft,
    _finish,
    ask_next,
    set_aside,
)
from handlers.texts import t


@requires(Role.SECRETARIAT, refused=END)
async def start_paper_idea(update: Update, context: BotContext) -> int:
    """Let the secretariat type in an idea an offline participant wrote on paper."""
    set_aside(context)
    lang = await user_lang(update, context)
    stage = await context.repo.current_stage()
    if stage is None:
        await say(update, context, "no_current_stage", lang=lang)
        return _finish(context)
    context.user_state[DRAFT] = {"purpose": "paper", "stage": stage.number}
    return await ask_next(update, context, fresh=update.callback_query is not None)


# --- paper ideas -----------------------------------------------------------------------------


async def on_paper_search(update: Update, context: BotContext) -> int | None:
    """Find the participant whose paper idea is being typed in."""
    lang = await user_lang(update, context)
    message = update.effective_message
    assert message is not None
    query = (message.text or "").strip()
    if len(query) < 2:
        await say(update, context, "paper_query_short", lang=lang)
        return None
    draft = _draft(context)
    stage = await context.repo.get_stage(int(draft["stage"]))
    assert stage is not None
    found = await context.repo.search_participants(stage.number, query)
    if not found:
        await say(
            update,
            context,
            "paper_no_match",
            lang=lang,
            stage=esc(stage.title_in(lang)),
            query=esc(query[:60]),
        )
        return None
    rows = [
        [(f"{p.full_name} — {p.institution}"[:60], buttons.make(PREFIX, "pick", p.id))]
        for p in found
    ]
    await say(update, context, "paper_pick", lang=lang, markup=keyboard(rows))
    return State.PAPER_PICK


async def on_paper_pick(update: Update, context: BotContext) -> int | None:
    lang = await user_lang(update, context)
    query = update.callback_query
    assert query is not None
    button = buttons.parse(query.data, PREFIX, BUTTONS)
    draft = _draft(context)
    participant = (
        await context.repo.get_participant(button.int_arg())
        if button is not None and button.action == "pick"
        else None
    )
    registered = participant and await context.repo.registration(
        participant.id, int(draft["stage"])
    )
    if participant is None or not registered:
        await answer_alert(update, t(lang, "invalid_button"))
        return None
    draft.update(participant_id=participant.id, name=participant.full_name)
    chosen = t(
        lang, "paper_for", name=esc(participant.full_name), institution=esc(participant.institution)
    )
    await edit_or_send(update, context, chosen)
    return await ask_next(update, context, fresh=True)


def _role_needed(draft: Mapping[str, Any]) -> Role | None:
    """Typing in a paper idea (and seeing participants' names) is the secretariat's."""
    return Role.SECRETARIAT if draft.get("purpose") == "paper" else None
