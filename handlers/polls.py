"""Polls: `/polling` asks the room and the remote participants at once; `/hasil` adds it up.

Facilitators and the secretariat write a poll in a short conversation (question → options →
single or several answers → anonymous or named → audience → deadline → confirm). The poll is
committed with a pending copy per recipient before the facilitator is told it is sent; then
`bot.jobs.polling` sends the native Telegram polls, closes them at the deadline and shares the
result.

Answers come back as `poll_answer` updates (named polls: who chose what) and `poll` updates
(the counts of one copy; all anonymous polls give). Both are matched to the copy they belong to:
an answer from anyone but the copy's recipient, or for a poll id the bot never sent, changes
nothing. People in the room without Telegram are counted by hand and entered here too
(`/suaratangan`, or the button on the result), shown apart from the Telegram answers.

Idea prioritisation (`/prioritas`, handlers/prioritisation.py) is a poll whose options are ideas;
it joins this conversation at the audience step.
"""

from __future__ import annotations

import datetime as dt
import enum
import logging
import secrets
import warnings
from typing import Any

from telegram import Update
from telegram.constants import ParseMode
from telegram.error import TelegramError
from telegram.ext import (
    BaseHandler,
    CallbackQueryHandler,
    ConversationHandler,
    MessageHandler,
    PollAnswerHandler,
    PollHandler,
    filters,
)

from bot.core.context import BotContext
from bot.core.jobs import PollRequest
from bot.core.roles import Role
from bot.rules.audience import AudienceSpec
from bot.rules.poll_rules import (
    DEADLINE_MAX_MINUTES,
    MAX_OPTIONS,
    MIN_OPTIONS,
    OPTION_MAX,
    QUESTION_MAX,
    options_problem,
    parse_deadline,
    parse_hand_votes,
    question_problem,
    split_options,
)
from handlers import buttons
from handlers.buttons import choice, small_int
from handlers.commands import command_handler, pass_through
from handlers.common import (
    END,
    answer_alert,
    answer_button,
    edit_or_send,
    esc,
    in_columns,
    keyboard,
    requires,
    say,
    send_html,
    user_lang,
)
from handlers.forms import guard_form
from handlers.poll_view import PREFIX, list_line, render_results, result_markup
from handlers.schedule_view import audience_label, format_moment
from handlers.texts import t
from handlers.validation import parse_id
from storage.admin import AdminRepository
from storage.models import DIMENSIONS
from storage.polls import AnswerOutcome, HandOutcome, Poll, PollOption

log = logging.getLogger(__name__)

CONVERSATION_NAME = "polls"
DRAFT = "poll"
# The audiences of a poll (the list); reminders have two more.
POLL_AUDIENCES: tuple[str, ...] = ("all", "online", "offline", "institution")
DEADLINE_BUTTONS: tuple[int, ...] = (0, 30, 60, 180, 1440)
INSTITUTIONS_MAX = 40
LIST_MAX = 10


class State(enum.IntEnum):
    QUESTION = 1
    OPTIONS = 2
    MULTIPLE = 3
    ANONYMOUS = 4
    AUDIENCE = 5
    DEADLINE = 6
    CONFIRM = 7
    HAND = 8
    PRIO_SCOPE = 9
    PRIO_N = 10


def new_token() -> str:
    """Ties the confirmation's buttons to one form: an older form's "send" sends nothing."""
    return secrets.token_hex(3)


# Buttons of the conversation (valid only in their step) and of the result message.
FORM_BUTTONS: dict[str, tuple[buttons.Arg, ...]] = {
    "optok": (),
    "multi": (choice("0", "1"),),
    "anon": (choice("0", "1"),),
    "aud": (choice(*POLL_AUDIENCES),),
    "inst": (small_int,),
    "dl": (small_int,),
    "share": (choice("0", "1"), buttons.token),
    "send": (buttons.token,),
    "drop": (),
    "pscope": (choice(*DIMENSIONS, "top"),),
    "pn": (small_int,),
}
RESULT_BUTTONS: dict[str, tuple[buttons.Arg, ...]] = {
    "res": (small_int,),
    "show": (small_int,),
    "cls": (small_int,),
    "clsok": (small_int,),
    "rmd": (small_int,),
    "rmdok": (small_int,),
}
HAND_BUTTON: dict[str, tuple[buttons.Arg, ...]] = {"hand": (small_int,)}


def draft_of(context: BotContext) -> dict[str, Any] | None:
    draft = context.user_state.get(DRAFT)
    return draft if isinstance(draft, dict) else None


def _finish(context: BotContext) -> int:
    context.user_state.pop(DRAFT, None)
    return END


async def form_button(update: Update, context: BotContext, lang: str) -> buttons.Button | None:
    """The pressed form button, or None after telling the user it is not valid here."""
    query = update.callback_query
    assert query is not None
    button = buttons.parse(query.data, PREFIX, FORM_BUTTONS)
    if button is None:
        await answer_alert(update, t(lang, "invalid_button"))
    return button


async def form_step(
    update: Update, context: BotContext, state: int
) -> tuple[str, buttons.Button, dict[str, Any]] | int:
    """Language, pressed button and draft of a form step; or what the step returns instead:
    the same state after a button that is not valid here, END when the form is already over."""
    lang = await user_lang(update, context)
    button = await form_button(update, context, lang)
    draft = draft_of(context)
    if button is None or draft is None:
        return state if draft else await form_over(update, context, lang)
    return lang, button, draft


async def show(
    update: Update,
    context: BotContext,
    text: str,
    markup: Any = None,
) -> None:
    """Edit the message whose button was pressed (or send a new one); an unchanged screen is
    not an error (Telegram refuses an edit that changes nothing)."""
    await edit_or_send(update, context, text, markup)


# --- the poll conversation ----------------------------------------------------------------------


@requires(Role.FACILITATOR, refused=END)
async def start_poll(update: Update, context: BotContext) -> int:
    """Start a poll; `/polling Question?` takes the question at once."""
    lang = await user_lang(update, context)
    stage = await context.repo.current_stage()
    if stage is None:
        await say(update, context, "poll_no_stage", lang=lang)
        return _finish(context)
    context.user_state[DRAFT] = {
        "kind": "poll",
        "stage": stage.number,
        "options": [],
        "token": new_token(),
    }
    message = update.effective_message
    text = (message.text or "") if message else ""
    parts = text.split(maxsplit=1)
    if len(parts) > 1 and parts[1].strip():
        return await _take_question(update, context, lang, parts[1])
    await say(update, context, "poll_ask_question", lang=lang, max=QUESTION_MAX)
    return State.QUESTION


async def _take_question(update: Update, context: BotContext, lang: str, text: str) -> int:
    problem = question_problem(text)
    if problem is not None:
        key, values = problem
        await send_html(update, context, t(lang, key, **values))
        return State.QUESTION
    draft = draft_of(context)
    if draft is None:
        return await form_over(update, context, lang)
    draft["question"] = text.strip()
    await say(
        update,
        context,
        "poll_ask_options",
        lang=lang,
        min=MIN_OPTIONS,
        max=MAX_OPTIONS,
        length=OPTION_MAX,
    )
    return State.OPTIONS


@requires(Role.FACILITATOR, refused=END)
async def on_question(update: Update, context: BotContext) -> int:
    """Take the question."""
    lang = await user_lang(update, context)
    message = update.effective_message
    assert message is not None
    return await _take_question(update, context, lang, message.text or "")


@requires(Role.FACILITATOR, refused=END)
async def on_options(update: Update, context: BotContext) -> int:
    """Add the options of one message (one per line); all or none of them."""
    lang = await user_lang(update, context)
    draft = draft_of(context)
    message = update.effective_message
    assert message is not None
    if draft is None:
        return await form_over(update, context, lang)
    existing: list[str] = list(draft.get("options") or [])
    new = split_options(message.text or "")
    problem = options_problem(existing, new)
    if problem is not None:
        key, values = problem
        await send_html(update, context, t(lang, key, **{k: esc(v) for k, v in values.items()}))
        return State.OPTIONS
    draft["options"] = existing + new
    if len(draft["options"]) >= MAX_OPTIONS:
        return await _ask_multiple(update, context, lang)
    lines = "\n".join(f"{i}. {esc(o)}" for i, o in enumerate(draft["options"], start=1))
    ready = len(draft["options"]) >= MIN_OPTIONS
    markup = (
        keyboard(
            [
                [(t(lang, "btn_poll_options_done"), buttons.make(PREFIX, "optok"))],
                [(t(lang, "btn_discard"), buttons.make(PREFIX, "drop"))],
            ]
        )
        if ready
        else None
    )
    await say(
        update,
        context,
        "poll_options_so_far" if ready else "poll_options_need_more",
        lang=lang,
        markup=markup,
        options=lines,
        count=len(draft["options"]),
        max=MAX_OPTIONS,
        min=MIN_OPTIONS,
    )
    return State.OPTIONS


@requires(Role.FACILITATOR, refused=END)
async def on_options_done(update: Update, context: BotContext) -> int:
    """Options are complete: ask single or several answers."""
    lang = await user_lang(update, context)
    draft = draft_of(context)
    if draft is None:
        return await form_over(update, context, lang)
    if len(draft.get("options") or []) < MIN_OPTIONS:
        await answer_alert(update, t(lang, "poll_too_few_options", min=MIN_OPTIONS))
        return State.OPTIONS
    return await _ask_multiple(update, context, lang)


def _either(lang: str, action: str, *choices: tuple[str, str]) -> Any:
    """One button per row: (text key, value) for a yes/no kind of question."""
    return keyboard(
        [[(t(lang, key), buttons.make(PREFIX, action, value))] for key, value in choices]
    )


async def _ask_multiple(update: Update, context: BotContext, lang: str) -> int:
    markup = _either(lang, "multi", ("btn_poll_single", "0"), ("btn_poll_multiple", "1"))
    await show(update, context, t(lang, "poll_ask_multiple"), markup)
    return State.MULTIPLE


@requires(Role.FACILITATOR, refused=END)
async def on_multiple(update: Update, context: BotContext) -> int:
    """Single or several answers; then anonymous or named."""
    step = await form_step(update, context, State.MULTIPLE)
    if isinstance(step, int):
        return step
    lang, button, draft = step
    draft["multiple"] = button.str_arg() == "1"
    markup = _either(lang, "anon", ("btn_poll_anonymous", "1"), ("btn_poll_named", "0"))
    await show(update, context, t(lang, "poll_ask_anonymous"), markup)
    return State.ANONYMOUS


@requires(Role.FACILITATOR, refused=END)
async def on_anonymous(update: Update, context: BotContext) -> int:
    """Anonymous or named; then the audience."""
    step = await form_step(update, context, State.ANONYMOUS)
    if isinstance(step, int):
        return step
    lang, button, draft = step
    draft["anonymous"] = button.str_arg() == "1"
    return await ask_audience(update, context, lang)


async def ask_audience(update: Update, context: BotContext, lang: str) -> int:
    """Who gets the poll (the prioritisation vote comes here too)."""
    rows = [
        [(t(lang, f"btn_audience_{kind}"), buttons.make(PREFIX, "aud", kind))]
        for kind in POLL_AUDIENCES
    ]
    rows.append([(t(lang, "btn_discard"), buttons.make(PREFIX, "drop"))])
    await show(update, context, t(lang, "poll_ask_audience"), keyboard(rows))
    return State.AUDIENCE


@requires(Role.FACILITATOR, refused=END)
async def on_audience(update: Update, context: BotContext) -> int:
    """An audience kind, or an institution from the list."""
    step = await form_step(update, context, State.AUDIENCE)
    if isinstance(step, int):
        return step
    lang, button, draft = step
    stage = int(draft["stage"])
    if button.action == "inst":
        names = draft.get("institutions") or []
        index = button.int_arg()
        if index >= len(names):
            await answer_alert(update, t(lang, "invalid_button"))
            return State.AUDIENCE
        draft["audience"] = AudienceSpec("institution", stage, None, names[index]).to_dict()
        return await _ask_deadline(update, context, lang)
    kind = button.str_arg()
    if kind == "institution":
        names = (await context.schedule.stage_institutions(stage))[:INSTITUTIONS_MAX]
        if not names:
            await answer_alert(update, t(lang, "participants_none", stage=stage))
            return State.AUDIENCE
        draft["institutions"] = names
        rows = in_columns(
            [(name[:40], buttons.make(PREFIX, "inst", i)) for i, name in enumerate(names)]
        )
        rows.append([(t(lang, "btn_discard"), buttons.make(PREFIX, "drop"))])
        await show(update, context, t(lang, "remind_pick_institution"), keyboard(rows))
        return State.AUDIENCE
    draft["audience"] = AudienceSpec(kind, stage).to_dict()
    return await _ask_deadline(update, context, lang)


def _deadline_label(lang: str, minutes: int) -> str:
    if minutes == 0:
        return t(lang, "poll_deadline_none")
    if minutes % 1440 == 0:
        return t(lang, "poll_deadline_days", n=minutes // 1440)
    if minutes % 60 == 0:
        return t(lang, "poll_deadline_hours", n=minutes // 60)
    return t(lang, "poll_deadline_minutes", n=minutes)


async def _ask_deadline(update: Update, context: BotContext, lang: str) -> int:
    rows = in_columns(
        [(_deadline_label(lang, m), buttons.make(PREFIX, "dl", m)) for m in DEADLINE_BUTTONS]
    )
    await show(update, context, t(lang, "poll_ask_deadline"), keyboard(rows))
    return State.DEADLINE


@requires(Role.FACILITATOR, refused=END)
async def on_deadline_button(update: Update, context: BotContext) -> int:
    """A deadline from the buttons."""
    step = await form_step(update, context, State.DEADLINE)
    if isinstance(step, int):
        return step
    lang, button, draft = step
    minutes = button.int_arg()
    if minutes > DEADLINE_MAX_MINUTES:
        await answer_alert(update, t(lang, "invalid_button"))
        return State.DEADLINE
    draft["deadline"] = minutes
    return await _confirm(update, context, lang, draft)


@requires(Role.FACILITATOR, refused=END)
async def on_deadline_text(update: Update, context: BotContext) -> int:
    """A typed deadline: '30m', '2j', '1 hari' ('2h' is two hours in English, two days in
    Indonesian, following the facilitator's language)."""
    lang = await user_lang(update, context)
    draft = draft_of(context)
    message = update.effective_message
    assert message is not None
    if draft is None:
        return await form_over(update, context, lang)
    parsed = parse_deadline(message.text or "", lang)
    if isinstance(parsed, str):
        await say(
            update,
            context,
            parsed,
            lang=lang,
            value=esc((message.text or "")[:40]),
            max=DEADLINE_MAX_MINUTES // 1440,
        )
        return State.DEADLINE
    draft["deadline"] = parsed
    return await _confirm(update, context, lang, draft)


async def _confirm(update: Update, context: BotContext, lang: str, draft: dict[str, Any]) -> int:
    spec = AudienceSpec.from_dict(draft["audience"])
    count = len(await context.jobs.polls.recipients_for(context.application, spec))
    if count == 0:
        await say(update, context, "poll_nobody", lang=lang, audience=audience_label(lang, spec))
        return await ask_audience(update, context, lang)
    minutes = int(draft.get("deadline") or 0)
    now = context.settings.clock()
    if minutes:
        until = format_moment(lang, now + dt.timedelta(minutes=minutes), context.workshop.tz)
        deadline = t(lang, "poll_deadline_at", label=_deadline_label(lang, minutes), when=until)
    else:
        deadline = t(lang, "poll_deadline_none")
    share = bool(draft.get("share"))
    options = "\n".join(f"{i}. {esc(o)}" for i, o in enumerate(draft["options"], start=1))
    if draft["kind"] == "prioritisation":
        kind = t(lang, "prio_kind_line", n=draft.get("max_choices") or 1)
    else:
        kind = "{} · {}".format(
            t(lang, "poll_multiple_yes" if draft.get("multiple") else "poll_multiple_no"),
            t(lang, "poll_anonymous_yes" if draft.get("anonymous") else "poll_anonymous_no"),
        )
    text = t(
        lang,
        "poll_confirm",
        question=esc(draft["question"]),
        options=options,
        kind=kind,
        audience=audience_label(lang, spec),
        count=count,
        deadline=deadline,
        share=t(lang, "poll_yes" if share else "poll_no"),
    )
    token = str(draft.get("token") or "000000")
    markup = keyboard(
        [
            [(t(lang, "btn_poll_send", count=count), buttons.make(PREFIX, "send", token))],
            [
                (
                    t(lang, "btn_poll_share_off" if share else "btn_poll_share_on"),
                    buttons.make(PREFIX, "share", "0" if share else "1", token),
                )
            ],
            [(t(lang, "btn_discard"), buttons.make(PREFIX, "drop"))],
        ]
    )
    await show(update, context, text, markup)
    return State.CONFIRM


@requires(Role.FACILITATOR, refused=END)
async def on_confirm(update: Update, context: BotContext) -> int:
    """Share the final result or not, then send."""
    step = await form_step(update, context, State.CONFIRM)
    if isinstance(step, int):
        return step
    lang, button, draft = step
    if button.str_arg(len(button.args) - 1) != draft.get("token"):
        await answer_alert(update, t(lang, "poll_form_over"))  # the screen of an older form
        return State.CONFIRM
    if button.action == "share":
        draft["share"] = button.str_arg() == "1"
        return await _confirm(update, context, lang, draft)
    return await _send(update, context, lang, draft)


async def _send(update: Update, context: BotContext, lang: str, draft: dict[str, Any]) -> int:
    user = update.effective_user
    assert user is not None
    spec = AudienceSpec.from_dict(draft["audience"])
    ideas: list[int | None] = list(draft.get("ideas") or [None] * len(draft["options"]))
    options = [
        PollOption(i, text, idea)
        for i, (text, idea) in enumerate(zip(draft["options"], ideas, strict=True))
    ]
    poll = await context.jobs.polls.launch(
        context.application,
        PollRequest(
            spec=spec,
            question=draft["question"],
            options=options,
            multiple=bool(draft.get("multiple")),
            anonymous=bool(draft.get("anonymous")),
            created_by=user.id,
            deadline_minutes=int(draft.get("deadline") or 0),
            share_results=bool(draft.get("share")),
            kind=draft["kind"],
            max_choices=draft.get("max_choices"),
            dimension=draft.get("dimension"),
        ),
    )
    if poll is None:
        await say(update, context, "poll_nobody", lang=lang, audience=audience_label(lang, spec))
        return await ask_audience(update, context, lang)
    _finish(context)
    results = await context.services.polls.results(poll.id)
    assert results is not None
    await show(
        update,
        context,
        t(lang, "poll_sent", id=poll.id, count=results.pending + results.recipients),
    )
    await send_html(
        update,
        context,
        render_results(lang, results, context.workshop.tz),
        markup=result_markup(lang, poll),
    )
    return END


@requires(Role.FACILITATOR, refused=END)
async def on_drop(update: Update, context: BotContext) -> int:
    """Discard the poll being written."""
    lang = await user_lang(update, context)
    await show(update, context, t(lang, "poll_discarded"))
    return _finish(context)


async def cancel(update: Update, context: BotContext) -> int:
    """Leave the form; nothing is sent."""
    await say(update, context, "poll_cancelled")
    return _finish(context)


async def form_over(update: Update, context: BotContext, lang: str) -> int:
    if update.callback_query is not None:
        await answer_alert(update, t(lang, "poll_form_over"))
    else:
        await say(update, context, "poll_form_over", lang=lang)
    return _finish(context)


async def command_in_conversation(update: Update, context: BotContext) -> None:
    await say(update, context, "poll_command_in_form")


async def use_buttons(update: Update, context: BotContext) -> None:
    await say(update, context, "use_buttons")


async def text_expected(update: Update, context: BotContext) -> None:
    await say(update, context, "text_expected")


# --- hand votes ---------------------------------------------------------------------------------


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


# --- results ------------------------------------------------------------------------------------


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


# --- answers from Telegram ------------------------------------------------------------------------


async def on_poll_answer(update: Update, context: BotContext) -> None:
    """Count a named poll's answer, if it comes from the copy's recipient."""
    answer = update.poll_answer
    if answer is None or answer.user is None:
        return  # voter_chat: a chat voting anonymously, never one of our private copies
    app = context.application
    polls = context.services.polls
    chosen = list(answer.option_ids)
    result = await polls.record_answer(answer.poll_id, answer.user.id, chosen)
    if result.outcome is AnswerOutcome.UNKNOWN_POLL and await context.jobs.polls.wait_recorded(
        app, answer.poll_id
    ):
        result = await polls.record_answer(answer.poll_id, answer.user.id, chosen)
    if result.outcome in (AnswerOutcome.UNKNOWN_POLL, AnswerOutcome.NOT_RECIPIENT):
        log.info("poll answer ignored: %s (poll %s)", result.outcome.value, result.poll_id)
        return
    if result.outcome is AnswerOutcome.INVALID and result.chat_id:
        lang = result.language or "id"
        try:
            await context.bot.send_message(
                result.chat_id,
                t(lang, "prio_invalid_notice", max=result.max_choices or 1, chosen=len(chosen)),
                parse_mode=ParseMode.HTML,
            )
        except TelegramError as exc:
            log.info("no notice about an invalid vote: %s", exc)


async def on_poll_update(update: Update, context: BotContext) -> None:
    """Keep the latest counts of an anonymous poll's copy."""
    poll = update.poll
    if poll is None or not poll.is_anonymous:
        return  # a named poll is counted from its answers; its counts add nothing
    app = context.application
    polls = context.services.polls
    counts = [o.voter_count for o in poll.options]
    result = await polls.record_counts(
        poll.id, counts, poll.total_voter_count, final=poll.is_closed
    )
    if result.outcome is AnswerOutcome.UNKNOWN_POLL and await context.jobs.polls.wait_recorded(
        app, poll.id
    ):
        await polls.record_counts(poll.id, counts, poll.total_voter_count, final=poll.is_closed)


def handlers() -> list[BaseHandler[Any, BotContext, Any]]:
    """The poll form (with idea votes and hand votes), results, and the answers' counting."""
    from handlers import prioritisation  # it builds on this module's steps

    typed = filters.TEXT & ~filters.COMMAND
    not_typed = ~filters.TEXT & ~filters.COMMAND & ~filters.StatusUpdate.ALL
    passes = pass_through("hasil")

    def form(action: str, callback: Any) -> CallbackQueryHandler[BotContext, Any]:
        return CallbackQueryHandler(callback, pattern=rf"^{PREFIX}:{action}(:|$)")

    with warnings.catch_warnings():
        # Buttons are tracked per chat and user on purpose: stale presses are caught later.
        warnings.filterwarnings("ignore", message="If 'per_message=False'")
        conversation: ConversationHandler[BotContext] = ConversationHandler(
            entry_points=[
                command_handler("polling", start_poll),
                command_handler("prioritas", prioritisation.start),
                command_handler("suaratangan", start_hand_command),
                form("hand", start_hand_button),
            ],
            states={
                State.QUESTION: [MessageHandler(typed, on_question)],
                State.OPTIONS: [
                    MessageHandler(typed, on_options),
                    form("optok", on_options_done),
                    form("drop", on_drop),
                ],
                State.MULTIPLE: [form("multi", on_multiple)],
                State.ANONYMOUS: [form("anon", on_anonymous)],
                State.AUDIENCE: [form("aud", on_audience), form("inst", on_audience)],
                State.DEADLINE: [
                    form("dl", on_deadline_button),
                    MessageHandler(typed, on_deadline_text),
                ],
                State.CONFIRM: [form("share", on_confirm), form("send", on_confirm)],
                State.HAND: [MessageHandler(typed, on_hand_text)],
                State.PRIO_SCOPE: [form("pscope", prioritisation.on_scope)],
                State.PRIO_N: [form("pn", prioritisation.on_choices)],
            },
            fallbacks=[
                command_handler("batal", cancel),
                form("drop", on_drop),
                MessageHandler(filters.COMMAND & ~passes, command_in_conversation),
                MessageHandler(not_typed, text_expected),
                MessageHandler(typed, use_buttons),
            ],
            name=CONVERSATION_NAME,
            persistent=True,
            allow_reentry=True,
        )
    guard_form(conversation, draft_key=DRAFT, role=Role.FACILITATOR)
    return [
        conversation,
        command_handler("hasil", results_command),
        CallbackQueryHandler(on_result_button, pattern=buttons.pattern(PREFIX)),
        PollAnswerHandler(on_poll_answer),
        PollHandler(on_poll_update),
    ]
