"""/ubahpeserta: the secretariat corrects a participant's name, institution, position or mode, or
withdraws a registration, for anyone, including people without Telegram.

The participant is found by name (like /idekertas), by number (P-0012), or by stage and the line
number of /peserta (`1 7`). One screen shows the person and their registrations with a button per
change; every button carries the participant (and stage) it acts on and everything is checked
again at the tap (the person still there, the registration still there, the stage not over). Each
change is written with its audit entry in one transaction (`storage.registration_changes`).

Its own persistent conversation, re-checking the secretariat role at every step (`guard_form`).
"""

from __future__ import annotations

import enum
import re
import warnings
from typing import Any

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import BaseHandler, CallbackQueryHandler, ConversationHandler, MessageHandler

from bot.core.context import BotContext
from bot.core.roles import Role
from handlers import buttons
from handlers.buttons import choice, small_int
from handlers.commands import command_handler
from handlers.common import (
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
from handlers.forms import END, NOT_TYPED, TYPED, form_fallbacks, guard_form, reply_with
from handlers.registration.changes import (
    changes,
    finished,
    other_mode,
    stage_short,
    switch_label,
)
from handlers.registration.steps import _kecamatan_named, profile_text
from handlers.texts import for_whom, t
from handlers.validation import (
    INSTITUTION_MAX,
    NAME_MAX,
    clean_text,
    institution_problem,
    name_problem,
)
from storage.models import MODES, POSITIONS, Participant, Stage
from storage.registration_changes import Outcome

CONVERSATION_NAME = "participant_edit"
PREFIX = "ped"
DRAFT = "ped"

BUTTONS: dict[str, tuple[buttons.Arg, ...]] = {
    "pick": (small_int,),  # participant
    "name": (small_int,),
    "inst": (small_int,),
    "pos": (small_int,),
    "setpos": (small_int, choice(*POSITIONS)),
    "mode": (small_int, small_int, choice(*MODES)),  # participant, stage, the mode to move to
    "wd": (small_int, small_int),  # participant, stage: ask
    "wdyes": (small_int, small_int),  # participant, stage: withdraw
    "back": (small_int,),
    "done": (),
}
_NUMBER = re.compile(r"^[Pp]-?(\d{1,7})$", re.ASCII)
_STAGE_LINE = re.compile(r"^(\d{1,2})\s+(\d{1,5})$", re.ASCII)
QUERY_MIN = 2


class State(enum.IntEnum):
    SEARCH = 1
    SCREEN = 2
    NAME = 3
    INSTITUTION = 4


# --- starting and finding ----------------------------------------------------------------------


@requires(Role.SECRETARIAT, refused=END)
async def start_edit(update: Update, context: BotContext) -> int:
    """Let the secretariat correct or withdraw a participant's registration."""
    context.user_state[DRAFT] = {}
    if context.args:
        return await _find(update, context, " ".join(context.args))
    await say(update, context, "pedit_ask")
    return State.SEARCH


async def on_search(update: Update, context: BotContext) -> int | None:
    """Find the participant from a typed name or number."""
    assert update.effective_message is not None
    return await _find(update, context, update.effective_message.text or "")


async def _find(update: Update, context: BotContext, typed: str) -> int:
    lang = await user_lang(update, context)
    typed = clean_text(typed)
    number = _NUMBER.match(typed)
    line = _STAGE_LINE.match(typed)
    found: list[Participant] = []
    if number or line:
        person = await _by_number(context, number, line)
        if person is None:
            await say(update, context, "pedit_no_number", lang=lang, number=esc(typed[:20]))
            return State.SEARCH
        found = [person]
    elif len(typed) < QUERY_MIN:
        await say(update, context, "paper_query_short", lang=lang)
        return State.SEARCH
    else:
        found = await changes(context).find(typed)
    if not found:
        await say(update, context, "pedit_no_match", lang=lang, query=esc(typed[:60]))
        return State.SEARCH
    if len(found) == 1:
        return await _show_screen(update, context, found[0].id, fresh=True)
    rows = [
        [(f"{p.full_name} — {p.institution}"[:60], buttons.make(PREFIX, "pick", p.id))]
        for p in found
    ]
    await say(update, context, "pedit_pick", lang=lang, markup=keyboard(rows))
    return State.SCREEN


async def _by_number(
    context: BotContext, number: re.Match[str] | None, line: re.Match[str] | None
) -> Participant | None:
    if number is not None:
        return await changes(context).get(int(number.group(1)))
    assert line is not None
    stage, index = int(line.group(1)), int(line.group(2))
    roster = await context.repo.roster(stage)  # the order /peserta numbers them in
    if not 1 <= index <= len(roster):
        return None
    return await changes(context).get(roster[index - 1].participant.id)


# --- the participant's screen ------------------------------------------------------------------


async def _screen(
    context: BotContext, lang: str, person: Participant
) -> tuple[str, InlineKeyboardMarkup]:
    stages = {s.number: s for s in await context.repo.list_stages()}
    registrations = await context.repo.registrations_of(person.id)
    lines = [
        t(
            lang,
            "profile_registration_line",
            stage=esc(stages[r.stage].title_in(lang)) if r.stage in stages else r.stage,
            mode=t(lang, f"mode_{r.mode}"),
        )
        for r in registrations
    ] or [t(lang, "profile_no_registrations")]
    pid = person.id
    rows = in_columns(
        [
            (f"✏️ {t(lang, 'field_' + field)}", buttons.make(PREFIX, action, pid))
            for field, action in (("name", "name"), ("institution", "inst"), ("position", "pos"))
        ]
    )
    for r in registrations:
        if r.stage not in stages or await finished(context, stages[r.stage]):
            continue  # a finished stage's registrations are a record
        to = other_mode(r.mode)
        rows.append(
            [
                (switch_label(lang, r.stage, to), buttons.make(PREFIX, "mode", pid, r.stage, to)),
                (
                    t(lang, "btn_pedit_withdraw", stage=stage_short(lang, r.stage)),
                    buttons.make(PREFIX, "wd", pid, r.stage),
                ),
            ]
        )
    rows.append([(t(lang, "btn_pedit_done"), buttons.make(PREFIX, "done"))])
    text = t(
        lang,
        "pedit_screen",
        pid=pid,
        no_tg=t(lang, "participants_no_telegram") if person.telegram_id is None else "",
        profile=profile_text(lang, person.profile),
        registrations="\n".join(lines),
    )
    return text, keyboard(rows)


async def _show_screen(
    update: Update,
    context: BotContext,
    pid: int,
    *,
    before: str = "",
    fresh: bool = False,
) -> int:
    """Show the participant's screen (after `before`, the outcome of the last change)."""
    lang = await user_lang(update, context)
    person = await changes(context).get(pid)
    if person is None:
        await _tell(update, context, t(lang, "pedit_gone"), fresh=fresh)
        return _finish(context)
    context.user_state[DRAFT] = {"pid": pid}
    text, markup = await _screen(context, lang, person)
    await _tell(update, context, f"{before}\n\n{text}" if before else text, markup, fresh=fresh)
    return State.SCREEN


async def _tell(
    update: Update,
    context: BotContext,
    text: str,
    markup: InlineKeyboardMarkup | None = None,
    *,
    fresh: bool = False,
) -> None:
    if update.callback_query is not None and not fresh:
        await edit_or_send(update, context, text, markup)
    else:
        await send_html(update, context, text, markup=markup)


def _finish(context: BotContext) -> int:
    context.user_state.pop(DRAFT, None)
    return END


def _back_button(lang: str, pid: int) -> InlineKeyboardMarkup:
    return keyboard([[(t(lang, "back"), buttons.make(PREFIX, "back", pid))]])


# --- buttons -----------------------------------------------------------------------------------


@requires(Role.SECRETARIAT, refused=END, forget=DRAFT)
async def on_button(update: Update, context: BotContext) -> int | None:
    """Handle every button of the edit screens (also a screen left open before a restart)."""
    lang = await user_lang(update, context)
    query = update.callback_query
    assert query is not None
    button = buttons.parse(query.data, PREFIX, BUTTONS)
    if button is None:
        await answer_alert(update, t(lang, "invalid_button"))
        return None
    if button.action == "done":
        await edit_or_send(update, context, t(lang, "pedit_done"))
        return _finish(context)
    pid = button.int_arg(0)
    person = await changes(context).get(pid)
    if person is None:
        await answer_alert(update, t(lang, "pedit_gone"))
        return None
    action = _ACTIONS[button.action]
    return await action(update, context, lang, person, button)


async def _pick(
    update: Update, context: BotContext, lang: str, person: Participant, button: buttons.Button
) -> int:
    return await _show_screen(update, context, person.id)


async def _ask_name(
    update: Update, context: BotContext, lang: str, person: Participant, button: buttons.Button
) -> int:
    context.user_state[DRAFT] = {"pid": person.id, "field": "name"}
    text = t(lang, "pedit_ask_name", old=esc(person.full_name))
    await _tell(update, context, text, _back_button(lang, person.id))
    return State.NAME


async def _ask_institution(
    update: Update, context: BotContext, lang: str, person: Participant, button: buttons.Button
) -> int:
    context.user_state[DRAFT] = {"pid": person.id, "field": "institution"}
    text = t(lang, "pedit_ask_institution", old=esc(person.institution))
    await _tell(update, context, text, _back_button(lang, person.id))
    return State.INSTITUTION


async def _ask_position(
    update: Update, context: BotContext, lang: str, person: Participant, button: buttons.Button
) -> int:
    rows = in_columns(
        [
            (t(lang, f"position_{p}"), buttons.make(PREFIX, "setpos", person.id, p))
            for p in POSITIONS
        ]
    )
    rows.append([(t(lang, "back"), buttons.make(PREFIX, "back", person.id))])
    old = t(lang, f"position_{person.position}")
    await _tell(update, context, t(lang, "pedit_ask_position", old=old), keyboard(rows))
    return State.SCREEN


async def _set_position(
    update: Update, context: BotContext, lang: str, person: Participant, button: buttons.Button
) -> int:
    return await _save(update, context, lang, person.id, "position", button.str_arg(1))


async def _registered_stage(
    update: Update, context: BotContext, lang: str, person: Participant, number: int
) -> Stage | None:
    """The stage, if the person is still registered for it and it is not over (else say why)."""
    stage = await context.repo.get_stage(number)
    if stage is None or await context.repo.registration(person.id, number) is None:
        await answer_alert(update, t(lang, "change_no_registration"))
        return None
    if await finished(context, stage):
        await answer_alert(
            update, t(lang, "change_stage_finished", stage=stage_short(lang, number))
        )
        return None
    return stage


async def _switch(
    update: Update, context: BotContext, lang: str, person: Participant, button: buttons.Button
) -> int | None:
    number, mode = button.int_arg(1), button.str_arg(2)
    stage = await _registered_stage(update, context, lang, person, number)
    if stage is None:
        return None
    actor = update.effective_user.id if update.effective_user else None
    result = await changes(context).switch_mode(person.id, number, mode, actor=actor)
    if result.outcome is Outcome.NOT_FOUND:
        await answer_alert(update, t(lang, "change_no_registration"))
        return None
    before = t(
        lang,
        "pedit_mode_saved",
        stage=esc(stage.title_in(lang)),
        name=esc(person.full_name),
        mode=t(lang, f"mode_{mode}"),
    )
    return await _show_screen(update, context, person.id, before=before)


async def _ask_withdraw(
    update: Update, context: BotContext, lang: str, person: Participant, button: buttons.Button
) -> int | None:
    number = button.int_arg(1)
    stage = await _registered_stage(update, context, lang, person, number)
    if stage is None:
        return None
    text = t(
        lang,
        "pedit_confirm_withdraw",
        name=esc(person.full_name),
        stage=esc(stage.title_in(lang)),
    )
    markup = keyboard(
        [
            [
                (
                    t(lang, "btn_pedit_withdraw_yes"),
                    buttons.make(PREFIX, "wdyes", person.id, number),
                ),
                (t(lang, "back"), buttons.make(PREFIX, "back", person.id)),
            ]
        ]
    )
    await _tell(update, context, text, markup)
    return State.SCREEN


async def _withdraw(
    update: Update, context: BotContext, lang: str, person: Participant, button: buttons.Button
) -> int | None:
    number = button.int_arg(1)
    stage = await _registered_stage(update, context, lang, person, number)
    if stage is None:
        return None
    actor = update.effective_user.id if update.effective_user else None
    if await changes(context).withdraw(person.id, number, actor=actor) is None:
        await answer_alert(update, t(lang, "change_no_registration"))
        return None
    before = t(lang, "pedit_withdrawn", name=esc(person.full_name), stage=esc(stage.title_in(lang)))
    return await _show_screen(update, context, person.id, before=before)


_ACTIONS = {
    "pick": _pick,
    "back": _pick,
    "name": _ask_name,
    "inst": _ask_institution,
    "pos": _ask_position,
    "setpos": _set_position,
    "mode": _switch,
    "wd": _ask_withdraw,
    "wdyes": _withdraw,
}


# --- typed answers -----------------------------------------------------------------------------


def _draft_pid(context: BotContext, field: str) -> int | None:
    draft = context.user_state.get(DRAFT)
    if (
        isinstance(draft, dict)
        and draft.get("field") == field
        and isinstance(draft.get("pid"), int)
    ):
        return int(draft["pid"])
    return None


async def on_name(update: Update, context: BotContext) -> int | None:
    """Take the participant's corrected name."""
    assert update.effective_message is not None
    pid = _draft_pid(context, "name")
    if pid is None:
        return _finish(context)
    name = clean_text(update.effective_message.text)
    problem = name_problem(name)
    if problem:
        key = problem if problem == "name_too_long" else for_whom(problem, staff=True)
        await say(update, context, key, max=NAME_MAX)
        return None
    return await _save(update, context, await user_lang(update, context), pid, "name", name)


async def on_institution(update: Update, context: BotContext) -> int | None:
    """Take the participant's corrected institution (a kecamatan is recognised by its name)."""
    assert update.effective_message is not None
    pid = _draft_pid(context, "institution")
    if pid is None:
        return _finish(context)
    name = clean_text(update.effective_message.text)
    problem = institution_problem(name)
    if problem:
        await say(update, context, problem, max=INSTITUTION_MAX)
        return None
    kecamatan = await _kecamatan_named(context, name)
    lang = await user_lang(update, context)
    return await _save(update, context, lang, pid, "institution", name, kecamatan=kecamatan)


async def _save(
    update: Update,
    context: BotContext,
    lang: str,
    pid: int,
    field: str,
    value: str,
    *,
    kecamatan: str | None = None,
) -> int:
    actor = update.effective_user.id if update.effective_user else None
    result = await changes(context).edit_profile(
        pid, field, value, actor=actor, kecamatan=kecamatan
    )
    if result.outcome is Outcome.NOT_FOUND:
        await _tell(update, context, t(lang, "pedit_gone"))
        return _finish(context)

    def shown(raw: str | None) -> str:
        return t(lang, f"position_{raw}") if field == "position" else esc(raw or "")

    label = t(lang, f"field_{field}")
    if result.outcome is Outcome.UNCHANGED:
        before = t(lang, "pedit_unchanged", field=label, new=shown(value))
    else:
        before = t(lang, "pedit_saved", field=label, old=shown(result.old), new=shown(value))
    return await _show_screen(update, context, pid, before=before)


def handlers() -> list[BaseHandler[Any, BotContext, Any]]:
    """The /ubahpeserta conversation."""
    screen_buttons = CallbackQueryHandler(on_button, pattern=buttons.pattern(PREFIX))
    with warnings.catch_warnings():
        # Buttons carry the participant they act on and are checked at every tap.
        warnings.filterwarnings("ignore", message="If 'per_message=False'")
        conversation: ConversationHandler[BotContext] = ConversationHandler(
            entry_points=[command_handler("ubahpeserta", start_edit), screen_buttons],
            states={
                State.SEARCH: [MessageHandler(TYPED, on_search), screen_buttons],
                State.SCREEN: [screen_buttons],
                State.NAME: [
                    MessageHandler(TYPED, on_name),
                    MessageHandler(NOT_TYPED, reply_with("text_expected")),
                    screen_buttons,
                ],
                State.INSTITUTION: [
                    MessageHandler(TYPED, on_institution),
                    MessageHandler(NOT_TYPED, reply_with("text_expected")),
                    screen_buttons,
                ],
            },
            fallbacks=form_fallbacks(DRAFT),
            name=CONVERSATION_NAME,
            persistent=True,
            allow_reentry=True,
        )
    guard_form(conversation, draft_key=DRAFT, role=Role.SECRETARIAT)
    return [conversation]
