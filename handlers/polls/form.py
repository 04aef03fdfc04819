"""The `/polling` conversation: question → options → single or several answers → anonymous or
named → audience → deadline → confirm; and the form's shared steps (its state, draft and
buttons) that idea votes (`prioritisation`) and hand votes (`hand_votes`) join.

The poll is committed with a pending copy per recipient before the facilitator is told it is sent;
then `bot.jobs.polling` sends the native Telegram polls, closes them at the deadline and shares the
result.
"""

from __future__ import annotations

import datetime as dt
import enum
import logging
import math
import secrets
from typing import Any

from telegram import Update

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
    question_problem,
    split_options,
)
from handlers import buttons
from handlers.buttons import choice, small_int
from handlers.common import (
    END,
    answer_alert,
    edit_or_send,
    esc,
    in_columns,
    keyboard,
    requires,
    say,
    send_html,
    user_lang,
)
from handlers.polls.view import PREFIX, render_results, result_markup
from handlers.schedule_view import audience_label, format_moment
from handlers.texts import stage_name, t
from storage.models import DIMENSIONS
from storage.polls import PollOption

log = logging.getLogger(__name__)

CONVERSATION_NAME = "polls"
DRAFT = "poll"
# The audiences of a poll (the list); reminders have two more.
POLL_AUDIENCES: tuple[str, ...] = ("all", "online", "offline", "institution")
DEADLINE_BUTTONS: tuple[int, ...] = (0, 30, 60, 180, 1440)
INSTITUTIONS_MAX = 40


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
    lang = await _yes_or_no(update, context, State.MULTIPLE, "multiple")
    if isinstance(lang, int):
        return lang
    markup = _either(lang, "anon", ("btn_poll_anonymous", "1"), ("btn_poll_named", "0"))
    await show(update, context, t(lang, "poll_ask_anonymous"), markup)
    return State.ANONYMOUS


@requires(Role.FACILITATOR, refused=END)
async def on_anonymous(update: Update, context: BotContext) -> int:
    """Anonymous or named; then the audience."""
    lang = await _yes_or_no(update, context, State.ANONYMOUS, "anonymous")
    if isinstance(lang, int):
        return lang
    return await ask_audience(update, context, lang)


async def _yes_or_no(update: Update, context: BotContext, state: State, field: str) -> str | int:
    """Keep a two-choice step's answer in the draft's `field`; the language, or the step to stay."""
    step = await form_step(update, context, state)
    if isinstance(step, int):
        return step
    lang, button, draft = step
    draft[field] = button.str_arg() == "1"
    return lang


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
            await answer_alert(update, t(lang, "participants_none", stage=stage_name(lang, stage)))
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
    zone = context.settings.clock().astimezone(context.workshop.tz).tzname()
    await show(update, context, t(lang, "poll_ask_deadline", zone=zone), keyboard(rows))
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
    draft.pop("deadline_at", None)
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
    now = context.settings.clock()
    parsed = parse_deadline(message.text or "", lang, now, context.workshop.tz)
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
    # A typed duration counts from now; the moment is kept so that confirming a minute later
    # does not move a deadline typed as '14:30'.
    draft["deadline_at"] = (now + dt.timedelta(minutes=parsed)).isoformat() if parsed else None
    return await _confirm(update, context, lang, draft)


def _deadline_minutes(draft: dict[str, Any], now: dt.datetime) -> int:
    """Minutes from `now` to the deadline typed or chosen (0: none; at least 1 otherwise)."""
    minutes = int(draft.get("deadline") or 0)
    at = draft.get("deadline_at")
    if minutes and isinstance(at, str):
        left = dt.datetime.fromisoformat(at) - now
        minutes = max(1, math.ceil(left / dt.timedelta(minutes=1)))
    return minutes


async def _confirm(update: Update, context: BotContext, lang: str, draft: dict[str, Any]) -> int:
    spec = AudienceSpec.from_dict(draft["audience"])
    count = len(await context.jobs.polls.recipients_for(context.application, spec))
    if count == 0:
        await say(update, context, "poll_nobody", lang=lang, audience=audience_label(lang, spec))
        return await ask_audience(update, context, lang)
    now = context.settings.clock()
    minutes = _deadline_minutes(draft, now)
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
            deadline_minutes=_deadline_minutes(draft, context.settings.clock()),
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


async def text_expected(update: Update, context: BotContext) -> None:
    await say(update, context, "text_expected")
