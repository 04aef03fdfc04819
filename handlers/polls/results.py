"""Results: `/hasil` (one poll's live result, or the latest polls) and the result message's
buttons: refresh, close after a confirmation, remind those without an answer."""

from __future__ import annotations

from typing import Any

from telegram import Update

from bot.core.context import BotContext
from bot.core.roles import Role
from handlers import buttons
from handlers.common import (
    answer_alert,
    esc,
    in_columns,
    keyboard,
    requires,
    say,
    send_html,
    user_lang,
)
from handlers.polls.form import FORM_BUTTONS, RESULT_BUTTONS, show
from handlers.polls.view import PREFIX, list_line, render_results, result_markup
from handlers.texts import t
from handlers.validation import parse_id

LIST_MAX = 10


async def _result_screen(context: BotContext, lang: str, poll_id: int) -> tuple[str, Any] | None:
    results = await context.services.polls.results(poll_id)
    if results is None:
        return None
    return render_results(lang, results, context.workshop.tz), result_markup(lang, results.poll)


async def _list_screen(context: BotContext, lang: str) -> tuple[str, Any]:
    polls = await context.services.polls.latest_polls(LIST_MAX)
    if not polls:
        return t(lang, "poll_none"), None
    lines = [t(lang, "poll_list_header"), *(list_line(lang, p) for p in polls)]
    rows = in_columns([(f"📊 #{p.id}", buttons.make(PREFIX, "show", p.id)) for p in polls], 5)
    return "\n".join(lines), keyboard(rows)


@requires(Role.FACILITATOR)
async def results_command(update: Update, context: BotContext) -> None:
    """`/hasil N`: one poll's live result; `/hasil`: the latest polls."""
    lang = await user_lang(update, context)
    message = update.effective_message
    assert message is not None
    parts = (message.text or "").split()
    if len(parts) > 1:
        poll_id = parse_id(parts[1].removeprefix("#"))
        if poll_id is None:
            await say(update, context, "results_usage", lang=lang)
            return
        screen = await _result_screen(context, lang, poll_id)
        if screen is None:
            await say(update, context, "poll_not_found", lang=lang, id=poll_id)
            return
        await send_html(update, context, screen[0], markup=screen[1])
        return
    text, markup = await _list_screen(context, lang)
    await send_html(update, context, text, markup=markup)


@requires(Role.FACILITATOR)
async def on_result_button(update: Update, context: BotContext) -> None:
    """Refresh, close (after a confirmation), remind those without an answer."""
    lang = await user_lang(update, context)
    query = update.callback_query
    assert query is not None
    button = buttons.parse(query.data, PREFIX, RESULT_BUTTONS)
    if button is None:
        # A step of a poll form that is over (a double tap on "send", an old message).
        known = buttons.parse(query.data, PREFIX, FORM_BUTTONS) is not None
        await answer_alert(update, t(lang, "poll_form_over" if known else "invalid_button"))
        return
    poll_id = button.int_arg()
    polls = context.services.polls
    poll = await polls.get_poll(poll_id)
    if poll is None:
        await answer_alert(update, t(lang, "poll_not_found", id=poll_id))
        return
    user = update.effective_user
    assert user is not None
    if button.action in ("res", "show"):
        screen = await _result_screen(context, lang, poll_id)
        assert screen is not None
        await show(update, context, *screen)
        return
    if not poll.is_open:
        await answer_alert(update, t(lang, "poll_already_closed", id=poll_id))
        return
    back = (t(lang, "back"), buttons.make(PREFIX, "res", poll_id))
    if button.action == "cls":
        markup = keyboard(
            [[(t(lang, "btn_poll_close_yes"), buttons.make(PREFIX, "clsok", poll_id))], [back]]
        )
        await show(
            update,
            context,
            t(lang, "poll_close_ask", id=poll_id, question=esc(poll.question)),
            markup,
        )
    elif button.action == "clsok":
        if not await context.jobs.polls.close_now(context.application, poll_id, by=user.id):
            await answer_alert(update, t(lang, "poll_already_closed", id=poll_id))
            return
        await show(update, context, t(lang, "poll_closing", id=poll_id))
    elif button.action == "rmd":
        count = len(await polls.unanswered_copies(poll_id))
        if count == 0:
            await answer_alert(update, t(lang, "poll_remind_nobody"))
            return
        markup = keyboard(
            [
                [
                    (
                        t(lang, "btn_poll_remind_yes", count=count),
                        buttons.make(PREFIX, "rmdok", poll_id),
                    )
                ],
                [back],
            ]
        )
        await show(update, context, t(lang, "poll_remind_ask", id=poll_id, count=count), markup)
    else:
        started = await context.jobs.polls.remind_unanswered(
            context.application, poll, by=user.id, report_to=user.id, lang=lang
        )
        if started is None:
            await answer_alert(update, t(lang, "poll_remind_running"))
        elif started == 0:
            await answer_alert(update, t(lang, "poll_remind_nobody"))
        else:
            await show(update, context, t(lang, "poll_remind_started", id=poll_id, count=started))
