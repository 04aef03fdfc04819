"""Hand votes: `/suaratangan` (or the result's button) adds the counts of people in the room
without Telegram, shown apart from the Telegram answers; a step of the poll conversation."""

from __future__ import annotations

from telegram import Update

from bot.core.context import BotContext
from bot.core.roles import Role
from bot.rules.poll_rules import parse_hand_votes
from handlers import buttons
from handlers.common import (
    END,
    answer_alert,
    answer_button,
    esc,
    requires,
    say,
    send_html,
    user_lang,
)
from handlers.polls.form import DRAFT, HAND_BUTTON, State, _finish, draft_of, form_over
from handlers.polls.view import PREFIX, render_results, result_markup
from handlers.texts import t
from handlers.validation import parse_id
from storage.admin import AdminRepository
from storage.polls import HandOutcome, Poll


def _option_list(poll: Poll) -> str:
    return "\n".join(f"{o.position + 1}. {esc(o.text)}" for o in poll.options)


async def _ask_hand(update: Update, context: BotContext, lang: str, poll: Poll) -> int:
    context.user_state[DRAFT] = {"kind": "hand", "poll": poll.id}
    text = t(
        lang,
        "hand_ask",
        id=poll.id,
        question=esc(poll.question),
        options=_option_list(poll),
    )
    await answer_button(update)
    await send_html(update, context, text)
    return State.HAND


@requires(Role.FACILITATOR, refused=END)
async def start_hand_button(update: Update, context: BotContext) -> int:
    """The result's "hand votes" button: ask for the counts."""
    lang = await user_lang(update, context)
    query = update.callback_query
    assert query is not None
    button = buttons.parse(query.data, PREFIX, HAND_BUTTON)
    if button is None:
        await answer_alert(update, t(lang, "invalid_button"))
        return END
    poll = await context.services.polls.get_poll(button.int_arg())
    if poll is None:
        await answer_alert(update, t(lang, "poll_not_found", id=button.int_arg()))
        return END
    return await _ask_hand(update, context, lang, poll)


@requires(Role.FACILITATOR, refused=END)
async def start_hand_command(update: Update, context: BotContext) -> int:
    """`/suaratangan POLL [option count ...]`: enter the counts now, or be asked for them."""
    lang = await user_lang(update, context)
    message = update.effective_message
    assert message is not None
    parts = (message.text or "").split(maxsplit=2)
    poll_id = parse_id(parts[1].removeprefix("#")) if len(parts) > 1 else None
    if poll_id is None:
        await say(update, context, "hand_usage", lang=lang)
        return END
    poll = await context.services.polls.get_poll(poll_id)
    if poll is None:
        await say(update, context, "poll_not_found", lang=lang, id=poll_id)
        return END
    if len(parts) < 3:
        return await _ask_hand(update, context, lang, poll)
    # "/suaratangan 3 1 12" is one pair; several pairs come one per line. No form is left
    # open: a mistake is answered and the command is typed again.
    context.user_state.pop(DRAFT, None)
    await _take_hand_votes(update, context, lang, poll, parts[2])
    return END


@requires(Role.FACILITATOR, refused=END)
async def on_hand_text(update: Update, context: BotContext) -> int:
    """The counts: 'option count' per line."""
    lang = await user_lang(update, context)
    draft = draft_of(context)
    message = update.effective_message
    assert message is not None
    if draft is None or draft.get("kind") != "hand":
        return await form_over(update, context, lang)
    poll = await context.services.polls.get_poll(int(draft["poll"]))
    if poll is None:
        return await form_over(update, context, lang)
    return await _take_hand_votes(update, context, lang, poll, message.text or "")


async def _take_hand_votes(
    update: Update, context: BotContext, lang: str, poll: Poll, text: str
) -> int:
    user = update.effective_user
    assert user is not None
    parsed = parse_hand_votes(text, len(poll.options))
    if isinstance(parsed, tuple):
        key, values = parsed
        await send_html(update, context, t(lang, key, **{k: esc(v) for k, v in values.items()}))
        return State.HAND
    polls = context.services.polls
    message = update.effective_message
    # The message they were typed in: replayed after a kill, it adds nothing twice.
    source = f"{message.chat_id}:{message.message_id}" if message else None
    outcome = await polls.add_hand_votes(
        poll.id, parsed, by=user.id, now=context.settings.clock(), source=source
    )
    if outcome is HandOutcome.NEGATIVE:
        await say(update, context, "hand_negative", lang=lang)
        return State.HAND
    if outcome is not HandOutcome.ADDED:
        await say(update, context, "poll_not_found", lang=lang, id=poll.id)
        return _finish(context)
    await AdminRepository(context.repo.db).record(
        user.id,
        "poll.hand_votes",
        f"poll:{poll.id}",
        entries=len(parsed),
        votes=sum(count for _, count in parsed),
        options=[position + 1 for position, _ in parsed],
    )
    fresh = await polls.get_poll(poll.id)
    if fresh is not None and not fresh.is_open:
        # the ranks follow the hands
        await context.jobs.polls.refresh_ranks(context.application, poll.id)
    _finish(context)
    results = await polls.results(poll.id)
    assert results is not None
    await say(update, context, "hand_added", lang=lang, id=poll.id, votes=sum(c for _, c in parsed))
    await send_html(
        update,
        context,
        render_results(lang, results, context.workshop.tz),
        markup=result_markup(lang, results.poll),
    )
    return END
