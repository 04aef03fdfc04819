"""Similar ideas at the moment of sending: before a participant's own idea is filed, an active
idea of the same stage (someone else's) that says the same thing is shown, and the sender chooses
"Dukung ide ini" (a support, counted once per person) or "Tetap kirim ide baru".

The idea waits in the conversation's draft until the tap (persisted, so a restart loses nothing).
Every tap is checked again: the button must belong to the draft waiting now, the sender must
still be registered, the stage still open and the idea still active. Paper ideas the
secretariat types in never come here (`submit.file_draft` decides).
"""

from __future__ import annotations

import secrets
from typing import Any

from telegram import Update

from bot.core.context import BotContext
from bot.rules.similarity import most_similar
from handlers import buttons
from handlers.common import answer_alert, answer_button, esc, keyboard, user_lang
from handlers.ideas.draft import (
    BUTTONS,
    DRAFT,
    PREFIX,
    State,
    _finish,
    _show,
    dimension_label,
    has_content,
    wait_for_tap,
)
from handlers.texts import t

# Enough of the other idea to recognise it; the message stays far below Telegram's 4096.
SHOWN_CHARS = 700
FILE_IT = "file"  # `on_choice`'s answer when the sender chose to send their idea as a new one


def _waiting(context: BotContext) -> dict[str, Any] | None:
    draft = context.user_state.get(DRAFT)
    return draft if isinstance(draft, dict) and has_content(draft) else None


async def propose(
    update: Update, context: BotContext, others: list[tuple[int, str]] | None = None
) -> int | None:
    """Show the closest active idea of the stage that says the same; None if there is none.

    `others`: the stage's other active ideas (id, text) if the caller has just read them."""
    draft = _waiting(context)
    if draft is None:
        return None
    text = str(draft.get("text") or "").strip()
    if not text:
        return None  # a photo or voice note alone: nothing to compare
    stage, participant_id = int(draft["stage"]), int(draft["participant_id"])
    if others is None:
        others = await context.ideas.active_texts(stage, excluding_participant=participant_id)
    found = most_similar(text, others, limit=1)
    if not found:
        return None
    idea = await context.ideas.get(found[0][0])
    if idea is None or idea.status != "active" or idea.participant_id == participant_id:
        return None
    lang = await user_lang(update, context)
    token = secrets.token_hex(3)
    draft["similar"], draft["token"] = idea.id, token
    shown = idea.text if len(idea.text) <= SHOWN_CHARS else idea.text[:SHOWN_CHARS] + "…"
    message = t(
        lang,
        "similar_found",
        ref=idea.ref,
        dimension=dimension_label(lang, idea.dimension),
        text=esc(shown),
    )
    rows = [
        [(t(lang, "btn_support_idea"), buttons.make(PREFIX, "sim", "support", idea.id, token))],
        [(t(lang, "btn_send_as_new"), buttons.make(PREFIX, "sim", "new", idea.id, token))],
    ]
    unsaved = t(lang, "idea_not_saved")
    return await wait_for_tap(update, context, f"{message}\n{unsaved}", rows, State.SIMILAR)


async def on_choice(update: Update, context: BotContext) -> int | str | None:
    """Take "Dukung ide ini" or "Tetap kirim ide baru"; FILE_IT when the idea is to be filed."""
    lang = await user_lang(update, context)
    query = update.callback_query
    assert query is not None
    button = buttons.parse(query.data, PREFIX, {"sim": BUTTONS["sim"]})
    if button is None:
        await answer_alert(update, t(lang, "invalid_button"))
        return None
    choice, idea_id, token = button.str_arg(0), button.int_arg(1), button.str_arg(2)
    draft = _waiting(context)
    if draft is None or draft.get("similar") != idea_id or draft.get("token") != token:
        await answer_alert(update, t(lang, "choice_expired"))
        return None
    if choice == "new":
        await answer_button(update)
        return FILE_IT
    return await _support(update, context, lang, draft, idea_id)


async def _support(
    update: Update, context: BotContext, lang: str, draft: dict[str, Any], idea_id: int
) -> int | None:
    """Count the sender's support for the idea shown, after checking everything again."""
    user = update.effective_user
    assert user is not None
    stage_number = int(draft["stage"])
    participant = await context.repo.participant_by_telegram(user.id)
    registered = participant is not None and (
        await context.repo.registration(participant.id, stage_number)
    )
    stage = await context.repo.get_stage(stage_number)
    title = esc(stage.title_in(lang)) if stage else ""
    if participant is None or not registered or participant.id != draft.get("participant_id"):
        await _show(update, context, t(lang, "ideas_not_registered", stage=title))
        return _finish(context)
    if stage is None or not stage.ideas_open:
        await _show(update, context, t(lang, "ideas_closed", stage=title))
        return _finish(context)
    idea = await context.ideas.get(idea_id)
    if idea is None or idea.status != "active" or idea.stage != stage_number:
        # Withdrawn since it was shown: the sender's idea may still go in as a new one.
        ref = idea.ref if idea else ""
        token = str(draft["token"])
        rows = [[(t(lang, "btn_send_as_new"), buttons.make(PREFIX, "sim", "new", idea_id, token))]]
        await _show(
            update,
            context,
            f"{t(lang, 'similar_gone', ref=ref)}\n{t(lang, 'idea_not_saved')}",
            keyboard(rows),
        )
        return None
    added = await context.supports.add(idea_id, participant.id)
    count = await context.supports.count(idea_id)
    key = "support_counted" if added else "support_already"
    await _show(update, context, t(lang, key, ref=idea.ref, count=count))
    return _finish(context)
