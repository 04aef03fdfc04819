"""The hashtag fast path: `#ekonomi #5th idea…` filed at once, without buttons; never refused.

A misspelt or unknown tag (`#ekonmi`, `#5`, `#tata_kelola`) is answered "Maksud Anda #ekonomi?"
with the closest known tags as buttons; two dimensions (or horizons) are a choice between them;
meanwhile the idea waits in the ideas conversation's draft (persisted with the conversation
state), and every reply says it is not saved yet. Sent before registering, it is kept and filed
right after the registration (`capture.keep_until_registered`). A horizon not typed at all
holds nothing back: the idea is filed as "not sure" and the horizon asked with one tap under the
confirmation.
"""

from __future__ import annotations

from telegram import Update

from bot.core.context import BotContext
from bot.rules.idea_rules import read_tags
from handlers.common import END, has_role, refuse, user_lang
from handlers.ideas import capture, mine, paper
from handlers.ideas.draft import (
    DRAFT,
    KEPT,
    State,
    _finish,
    ask_missing_tags,
    has_content,
    keep_for_later,
    tags_of,
)
from handlers.ideas.submit import (
    _author,
    attachment_of,
    content_of,
    content_problem,
    file_draft,
    keep_content,
    on_content,
    refuse_content,
)


async def on_tagged(update: Update, context: BotContext) -> int | None:
    """Keep a hashtag idea as a draft, ask what its tags leave open, then file it."""
    message = update.effective_message
    assert message is not None
    raw = message.text or message.caption or ""
    waiting = context.user_state.get(DRAFT)
    if isinstance(waiting, dict) and not has_content(waiting):
        needed = paper._role_needed(waiting)
        if needed is not None and not has_role(update, context, needed):
            context.user_state.pop(DRAFT, None)
            await refuse(update, context, "role_lost")
            return END
        # Typed into a step of another idea form: that step takes it (entry points win).
        if waiting.get("purpose") == "edit":
            return await mine.on_new_text(update, context)
        if waiting.get("purpose") == "paper" and not waiting.get("participant_id"):
            return await paper.on_paper_search(update, context)
        if waiting.get("horizon") and waiting.get("participant_id"):
            return await on_content(update, context)
    # An earlier idea still waiting for a tap is held, not replaced: nothing typed is lost.
    held = None
    if isinstance(waiting, dict) and has_content(waiting) and waiting.get("waiting"):
        held = waiting
        queued = [held, *context.user_state.get(KEPT, [])]
        if any(d.get("source") == [message.chat_id, message.message_id] for d in queued):
            return int(held["waiting"])  # the same message delivered again: already waiting
    state = await _take(update, context, raw)
    if held is None:
        return state
    if state == END:  # this one is filed: the earlier question is still the one open
        context.user_state[DRAFT] = held
        return int(held["waiting"])
    keep_for_later(context, held, first=True)  # asked again once this one is settled
    return state


async def _take(update: Update, context: BotContext, raw: str) -> int:
    """Keep the message's idea as the draft, ask what its tags leave open, or file it."""
    user = update.effective_user
    assert user is not None
    # One query on a busy morning: who may send, and the ideas a similar one may be among.
    view = await context.ideas.sender_view(user.id)
    reading = read_tags(raw)
    if not view.may_send:
        # Not registered for the stage: the idea is kept and filed right after registering;
        # otherwise (no stage, collection closed, nothing to keep) told why not.
        message = update.effective_message
        assert message is not None
        item = {**tags_of(reading), **content_of(message, reading.text)}
        too_big = attachment_of(message)[1]
        keepable = not too_big and content_problem(context, item) is None
        if not (keepable and await capture.keep_until_registered(update, context, item)):
            await _author(update, context, await user_lang(update, context))  # says why not
        return _finish(context)
    context.user_state[DRAFT] = {
        "purpose": "self",
        "participant_id": view.participant_id,
        "stage": view.stage,
        **tags_of(reading),
    }
    if not await keep_content(update, context, reading.text):
        return _finish(context)
    problem = content_problem(context, context.user_state[DRAFT])
    if problem is not None:  # empty or too short: the tags are kept and the idea asked for
        await refuse_content(update, context, problem)
        asked = await ask_missing_tags(update, context)
        return asked if asked is not None else State.CONTENT
    asked = await ask_missing_tags(update, context)
    if asked is not None:
        return asked
    return await file_draft(update, context, others=view.others)
