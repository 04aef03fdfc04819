"""The registration form's shared steps: constants, buttons, states, the draft, the questions
(`ask_next`), the answers, and saving what the draft holds.

Self-registration, profile edits and the secretariat's offline entry all run through these steps;
they differ only in how they begin (`register`, `profile`, `offline`) and in the draft's
`purpose`, which decides what is asked and how it is saved.
"""

from __future__ import annotations

import enum
from typing import Any

from telegram import Update

from bot.core.context import BotContext
from handlers import buttons
from handlers.buttons import choice, small_int
from handlers.common import (
    answer_alert,
    edit_or_send,
    esc,
    in_columns,
    keyboard,
    say,
    send_html,
    user_lang,
)
from handlers.forms import END
from handlers.texts import for_whom, t
from handlers.validation import (
    INSTITUTION_MAX,
    NAME_MAX,
    clean_text,
    institution_problem,
    name_problem,
)
from storage.models import MODES, POSITIONS, Participant, Profile, RegisterOutcome, Stage
from storage.roster import fold

CONVERSATION_NAME = "registration"
PREFIX = "reg"
PROFILE_PREFIX = "prof"
DRAFT = "reg"
_EDITABLE = ("name", "institution", "position", "mode", "stage")

BUTTONS: dict[str, tuple[buttons.Arg, ...]] = {
    "ik": (choice("opd", "kecamatan", "other"),),
    "inst": (small_int,),
    "back": (),
    "pos": (choice(*POSITIONS),),
    "mode": (choice(*MODES),),
    "stage": (small_int,),
    "ok": (),
    "edit": (),
    "field": (choice(*_EDITABLE),),
}
NO_MODE = "-"
AGREE_BUTTON: dict[str, tuple[buttons.Arg, ...]] = {"agree": (small_int, choice(*MODES, NO_MODE))}
PROFILE_BUTTONS: dict[str, tuple[buttons.Arg, ...]] = {
    "edit": (choice("name", "institution", "position"),),
}


class State(enum.IntEnum):
    NAME = 1
    INSTITUTION_KIND = 2
    INSTITUTION_PICK = 3
    INSTITUTION_TYPED = 4
    POSITION = 5
    MODE = 6
    STAGE = 7
    CONFIRM = 8
    EDIT_FIELD = 9
    PRIVACY = 10


def _draft(context: BotContext) -> dict[str, Any]:
    draft = context.user_state.get(DRAFT)
    if not isinstance(draft, dict):
        draft = {}
        context.user_state[DRAFT] = draft
    return draft


def _profile_of(draft: dict[str, Any]) -> Profile:
    return Profile(
        full_name=draft["name"],
        institution=draft["institution"],
        position=draft["position"],
        kecamatan=draft.get("kecamatan"),
    )


def profile_text(lang: str, profile: Profile) -> str:
    return t(
        lang,
        "profile_lines",
        name=esc(profile.full_name),
        institution=esc(profile.institution),
        position=t(lang, f"position_{profile.position}"),
    )


def _draft_from_participant(participant: Participant) -> dict[str, Any]:
    return {
        "name": participant.full_name,
        "institution": participant.institution,
        "kecamatan": participant.kecamatan,
        "position": participant.position,
    }


# --- asking ----------------------------------------------------------------------------------


def _for_someone_else(draft: dict[str, Any]) -> bool:
    """The secretariat fills the form for a participant: questions speak of "peserta"."""
    return draft.get("purpose") == "offline"


async def ask_next(update: Update, context: BotContext, *, fresh: bool = False) -> int:
    """Ask for the first answer the draft is missing, or show the confirmation screen.

    The question replaces the screen whose button was pressed, unless `fresh` asks for a new
    message (after a screen that must stay readable, such as the accepted privacy notice).
    """
    lang = await user_lang(update, context)
    draft = _draft(context)
    purpose = draft.get("purpose")
    staff = _for_someone_else(draft)
    if not draft.get("name"):
        await _show(update, context, t(lang, for_whom("ask_name", staff=staff)), fresh=fresh)
        return State.NAME
    if not draft.get("institution"):
        question = t(lang, for_whom("ask_institution_kind", staff=staff))
        await _show(update, context, question, _institution_kinds(lang), fresh=fresh)
        return State.INSTITUTION_KIND
    if not draft.get("position"):
        question = t(lang, for_whom("ask_position", staff=staff))
        await _show(update, context, question, _positions(lang), fresh=fresh)
        return State.POSITION
    if purpose == "profile":
        return await _save_profile(update, context, lang)
    if purpose == "offline" and not draft.get("stage"):
        stages = await context.repo.list_stages()
        rows = in_columns(
            [(s.title_in(lang)[:60], buttons.make(PREFIX, "stage", s.number)) for s in stages], 1
        )
        await _show(update, context, t(lang, "ask_stage"), keyboard(rows), fresh=fresh)
        return State.STAGE
    stage = await context.repo.get_stage(int(draft["stage"]))
    if stage is None:
        await say(update, context, "no_such_stage", lang=lang)
        return _finish(context)
    if not draft.get("mode"):
        text = t(lang, "ask_mode", stage=esc(stage.title_in(lang)))
        if draft.get("reuse"):
            text = t(
                lang,
                "reuse_profile",
                profile=profile_text(lang, _profile_of(draft)),
                stage=esc(stage.title_in(lang)),
            )
        await _show(update, context, text, _modes(lang), fresh=fresh)
        return State.MODE
    await _show(update, context, _summary(lang, draft, stage), _confirm_buttons(lang), fresh=fresh)
    return State.CONFIRM


def _summary(lang: str, draft: dict[str, Any], stage: Stage) -> str:
    if draft.get("reuse") and not draft.get("editing"):
        return t(
            lang,
            "reuse_profile_mode_known",
            profile=profile_text(lang, _profile_of(draft)),
            stage=esc(stage.title_in(lang)),
            mode=t(lang, f"mode_{draft['mode']}"),
        )
    key = "offline_confirm_summary" if draft.get("purpose") == "offline" else "confirm_summary"
    return t(
        lang,
        key,
        name=esc(draft["name"]),
        institution=esc(draft["institution"]),
        position=t(lang, f"position_{draft['position']}"),
        stage=esc(stage.title_in(lang)),
        mode=t(lang, f"mode_{draft['mode']}"),
    )


async def _show(
    update: Update, context: BotContext, text: str, markup: Any = None, *, fresh: bool = False
) -> None:
    """Answer a button in place (one edit, kind to slow links); answer typed text anew."""
    if update.callback_query is not None and not fresh:
        await edit_or_send(update, context, text, markup)
    else:
        await send_html(update, context, text, markup=markup)


def _institution_kinds(lang: str) -> Any:
    return keyboard(
        [
            [(t(lang, "inst_kind_opd"), buttons.make(PREFIX, "ik", "opd"))],
            [(t(lang, "inst_kind_kecamatan"), buttons.make(PREFIX, "ik", "kecamatan"))],
            [(t(lang, "inst_kind_other"), buttons.make(PREFIX, "ik", "other"))],
        ]
    )


def _positions(lang: str) -> Any:
    return keyboard(
        in_columns([(t(lang, f"position_{p}"), buttons.make(PREFIX, "pos", p)) for p in POSITIONS])
    )


def _modes(lang: str) -> Any:
    return keyboard([[(t(lang, f"mode_{m}"), buttons.make(PREFIX, "mode", m))] for m in MODES])


def _confirm_buttons(lang: str) -> Any:
    return keyboard(
        [
            [
                (t(lang, "btn_confirm"), buttons.make(PREFIX, "ok")),
                (t(lang, "btn_edit"), buttons.make(PREFIX, "edit")),
            ]
        ]
    )


# --- answers ---------------------------------------------------------------------------------


async def on_name(update: Update, context: BotContext) -> int | None:
    """Take the typed full name."""
    assert update.effective_message is not None
    name = clean_text(update.effective_message.text)
    problem = name_problem(name)
    if problem:
        if problem != "name_too_long":  # the only one that does not say whose name
            problem = for_whom(problem, staff=_for_someone_else(_draft(context)))
        await say(update, context, problem, max=NAME_MAX)
        return None
    _draft(context)["name"] = name
    return await ask_next(update, context)


async def on_institution_typed(update: Update, context: BotContext) -> int | None:
    """Take an institution typed instead of picked (also accepted while the buttons show)."""
    assert update.effective_message is not None
    name = clean_text(update.effective_message.text)
    problem = institution_problem(name)
    if problem:
        await say(update, context, problem, max=INSTITUTION_MAX)
        return None
    draft = _draft(context)
    kecamatan = await _kecamatan_named(context, name)
    # A kecamatan typed by hand is written as the region writes it ('wae rii' → Wae Ri'i).
    draft["institution"] = f"{t('id', 'kecamatan_prefix')} {kecamatan}" if kecamatan else name
    draft["kecamatan"] = kecamatan
    return await ask_next(update, context)


async def _kecamatan_named(context: BotContext, typed: str) -> str | None:
    """Recognise 'Kecamatan Cibal' or 'cibal' typed by a camat as the kecamatan Cibal, and
    'wae rii' as Wae Ri'i (case, spaces and apostrophes ignored)."""
    folded = fold(typed).removeprefix("kecamatan")
    for institution in await context.repo.institutions("kecamatan"):
        if fold(institution.name) == folded:
            return institution.name
    return None


async def on_button(update: Update, context: BotContext) -> int | None:
    """Handle every button of the registration screens."""
    lang = await user_lang(update, context)
    query = update.callback_query
    assert query is not None
    button = buttons.parse(query.data, PREFIX, BUTTONS)
    if button is None:
        await answer_alert(update, t(lang, "invalid_button"))
        return None
    handler = _BUTTON_ACTIONS.get(button.action)
    assert handler is not None
    return await handler(update, context, button, lang)


async def _pick_kind(update: Update, context: BotContext, button: buttons.Button, lang: str) -> int:
    kind = button.str_arg()
    staff = _for_someone_else(_draft(context))
    if kind == "other":
        await _show(update, context, t(lang, for_whom("ask_institution_typed", staff=staff)))
        return State.INSTITUTION_TYPED
    institutions = await context.repo.institutions(kind)
    rows = in_columns([(i.name, buttons.make(PREFIX, "inst", i.id)) for i in institutions])
    rows.append([(t(lang, "back"), buttons.make(PREFIX, "back"))])
    question = t(lang, for_whom(f"ask_institution_{kind}", staff=staff))
    await _show(update, context, question, keyboard(rows))
    return State.INSTITUTION_PICK


async def _pick_institution(
    update: Update, context: BotContext, button: buttons.Button, lang: str
) -> int | None:
    institution = await context.repo.get_institution(button.int_arg())
    if institution is None:
        await answer_alert(update, t(lang, "invalid_button"))
        return None
    draft = _draft(context)
    if institution.kind == "kecamatan":
        draft["institution"] = f"{t('id', 'kecamatan_prefix')} {institution.name}"
        draft["kecamatan"] = institution.name
    else:
        draft["institution"] = institution.name
        draft["kecamatan"] = None
    return await ask_next(update, context)


async def _back(update: Update, context: BotContext, button: buttons.Button, lang: str) -> int:
    question = t(lang, for_whom("ask_institution_kind", staff=_for_someone_else(_draft(context))))
    await _show(update, context, question, _institution_kinds(lang))
    return State.INSTITUTION_KIND


async def _pick_position(
    update: Update, context: BotContext, button: buttons.Button, lang: str
) -> int:
    _draft(context)["position"] = button.str_arg()
    return await ask_next(update, context)


async def _pick_mode(update: Update, context: BotContext, button: buttons.Button, lang: str) -> int:
    draft = _draft(context)
    draft["mode"] = button.str_arg()
    if draft.get("reuse") and not draft.get("editing"):
        # A returning participant registers for a later stage with this one tap.
        return await _register(update, context, lang)
    return await ask_next(update, context)


async def _pick_stage(
    update: Update, context: BotContext, button: buttons.Button, lang: str
) -> int | None:
    stage = await context.repo.get_stage(button.int_arg())
    if stage is None:
        await answer_alert(update, t(lang, "invalid_button"))
        return None
    _draft(context)["stage"] = stage.number
    return await ask_next(update, context)


async def _confirm(update: Update, context: BotContext, button: buttons.Button, lang: str) -> int:
    return await _register(update, context, lang)


async def _edit(update: Update, context: BotContext, button: buttons.Button, lang: str) -> int:
    draft = _draft(context)
    last = "stage" if draft.get("purpose") == "offline" else "mode"
    fields = ("name", "institution", "position", last)
    rows = in_columns([(t(lang, f"field_{f}"), buttons.make(PREFIX, "field", f)) for f in fields])
    await _show(update, context, t(lang, "ask_edit_field"), keyboard(rows))
    return State.EDIT_FIELD


async def _forget_field(
    update: Update, context: BotContext, button: buttons.Button, lang: str
) -> int | None:
    draft = _draft(context)
    field = button.str_arg()
    if field == "stage" and draft.get("purpose") != "offline":
        await answer_alert(update, t(lang, "invalid_button"))
        return None
    if field == "mode" and draft.get("purpose") == "offline":
        await answer_alert(update, t(lang, "invalid_button"))
        return None
    draft.pop(field, None)
    if field == "institution":
        draft.pop("kecamatan", None)
    draft["editing"] = True
    return await ask_next(update, context)


_BUTTON_ACTIONS = {
    "ik": _pick_kind,
    "inst": _pick_institution,
    "back": _back,
    "pos": _pick_position,
    "mode": _pick_mode,
    "stage": _pick_stage,
    "ok": _confirm,
    "edit": _edit,
    "field": _forget_field,
}


# --- saving ----------------------------------------------------------------------------------


async def _register(update: Update, context: BotContext, lang: str) -> int:
    """Commit the registration, then tell the user (never the other way round)."""
    user = update.effective_user
    assert user is not None
    draft = _draft(context)
    profile = _profile_of(draft)
    stage_number = int(draft["stage"])
    if draft.get("purpose") == "offline":
        result = await context.repo.register_offline(profile, stage_number, entered_by=user.id)
    else:
        result = await context.repo.register_self(user.id, profile, stage_number, draft["mode"])
    stage = await context.repo.get_stage(stage_number)
    stage_title = esc(stage.title_in(lang)) if stage else str(stage_number)
    mode = t(lang, f"mode_{draft['mode']}")
    outcome = result.outcome
    if outcome is RegisterOutcome.CREATED and result.participant is not None:
        if draft.get("purpose") == "offline":
            await context.services.admin.record(
                user.id,
                "registration.offline",
                f"P-{result.participant.id:04d}",
                stage=stage_number,
            )
            text = t(
                lang,
                "offline_registered",
                name=esc(profile.full_name),
                stage=stage_title,
                pid=result.participant.id,
            )
        else:
            text = t(lang, "registered", stage=stage_title, mode=mode, pid=result.participant.id)
            if stage and draft["mode"] == "online" and stage.online_link:
                text += "\n" + t(lang, "registered_online_link", link=esc(stage.online_link))
            if stage and draft["mode"] == "offline" and stage.venue:
                text += "\n" + t(lang, "registered_venue", venue=esc(stage.venue))
            text += "\n\n" + t(lang, "registered_next")
    elif outcome is RegisterOutcome.ALREADY_REGISTERED:
        if draft.get("purpose") == "offline":
            text = t(lang, "offline_already", name=esc(profile.full_name), stage=stage_title)
        else:
            assert result.registration is not None
            text = t(
                lang,
                "already_registered",
                stage=stage_title,
                mode=t(lang, f"mode_{result.registration.mode}"),
            )
    elif outcome is RegisterOutcome.STAGE_CLOSED:
        text = t(lang, "registration_closed", stage=stage_title)
    else:
        text = t(lang, "no_such_stage")
    await _show(update, context, text)
    return _finish(context)


async def _save_profile(update: Update, context: BotContext, lang: str) -> int:
    user = update.effective_user
    assert user is not None
    participant = await context.repo.update_profile(user.id, _profile_of(_draft(context)))
    if participant is None:
        await _show(update, context, t(lang, "profile_none"))
    else:
        await _show(
            update,
            context,
            t(lang, "profile_updated", profile=profile_text(lang, participant.profile)),
        )
    return _finish(context)


def _finish(context: BotContext) -> int:
    context.user_state.pop(DRAFT, None)
    return END
