"""The profile: /profil shows it with the stage registrations, and its buttons edit one field
through the form's steps (`steps`), which save it. A 🔁 button per registration of a stage not yet
over switches it between online and in the room at once (`switch_mode`), audited; reminders and
/jadwal read the mode when they are sent or shown, so they follow from the next one.
"""

from __future__ import annotations

from telegram import Update

from bot.core.context import BotContext
from handlers import buttons
from handlers.buttons import choice, small_int
from handlers.common import answer_alert, edit_or_send, esc, keyboard, say, user_lang
from handlers.forms import END
from handlers.registration.changes import (
    changes,
    finished,
    other_mode,
    stage_short,
    switch_label,
    where_to_go,
)
from handlers.registration.steps import (
    DRAFT,
    PROFILE_BUTTONS,
    PROFILE_PREFIX,
    _draft_from_participant,
    ask_next,
    profile_text,
)
from handlers.texts import t
from storage.models import MODES
from storage.registration_changes import Outcome

# prof:mode:<stage>:<mode>: the mode the registration moves to, so a second tap changes nothing.
SWITCH_BUTTONS: dict[str, tuple[buttons.Arg, ...]] = {"mode": (small_int, choice(*MODES))}


async def show_profile(update: Update, context: BotContext) -> None:
    """Show the profile and registrations, with buttons to edit the profile."""
    user = update.effective_user
    assert user is not None
    lang = await user_lang(update, context)
    participant = await context.repo.participant_by_telegram(user.id)
    if participant is None:
        await say(update, context, "profile_none", lang=lang)
        return
    stages = {s.number: s for s in await context.repo.list_stages()}
    registrations = await context.repo.registrations_of(participant.id)
    lines = [
        t(
            lang,
            "profile_registration_line",
            stage=esc(stages[r.stage].title_in(lang)) if r.stage in stages else r.stage,
            mode=t(lang, f"mode_{r.mode}"),
        )
        for r in registrations
    ] or [t(lang, "profile_no_registrations")]
    rows = [
        [(f"✏️ {t(lang, 'field_' + f)}", buttons.make(PROFILE_PREFIX, "edit", f))]
        for f in ("name", "institution", "position")
    ]
    switches = [
        [
            (
                switch_label(lang, r.stage, other_mode(r.mode)),
                buttons.make(PROFILE_PREFIX, "mode", r.stage, other_mode(r.mode)),
            )
        ]
        for r in registrations
        if r.stage in stages and not await finished(context, stages[r.stage])
    ]
    if switches:
        rows += switches
        lines.append(t(lang, "profile_switch_hint"))
    # The phone number is optional and only ever taken from Telegram's contact button.
    rows.append([(t(lang, "btn_add_phone"), buttons.make("priv", "phone"))])
    markup = keyboard(rows)
    await say(
        update,
        context,
        "profile_show",
        lang=lang,
        markup=markup,
        profile=profile_text(lang, participant.profile)
        + (
            f"\n{t(lang, 'profile_phone', phone=esc(participant.phone))}"
            if participant.phone
            else ""
        ),
        registrations="\n".join(lines),
    )


async def start_profile_edit(update: Update, context: BotContext) -> int | None:
    """Edit one field of the profile, from the buttons under /profil."""
    lang = await user_lang(update, context)
    query = update.callback_query
    assert query is not None and update.effective_user is not None
    button = buttons.parse(query.data, PROFILE_PREFIX, PROFILE_BUTTONS)
    if button is None:
        await answer_alert(update, t(lang, "invalid_button"))
        return None
    participant = await context.repo.participant_by_telegram(update.effective_user.id)
    if participant is None:
        await answer_alert(update, t(lang, "profile_none"))
        return END
    draft = {"purpose": "profile", **_draft_from_participant(participant)}
    field = button.str_arg()
    draft.pop(field, None)
    if field == "institution":
        draft.pop("kecamatan", None)
    context.user_state[DRAFT] = draft
    return await ask_next(update, context)


async def switch_mode(update: Update, context: BotContext) -> None:
    """Move the user's registration for a stage between online and in the room."""
    lang = await user_lang(update, context)
    query = update.callback_query
    user = update.effective_user
    assert query is not None and user is not None
    button = buttons.parse(query.data, PROFILE_PREFIX, SWITCH_BUTTONS)
    if button is None:
        await answer_alert(update, t(lang, "invalid_button"))
        return
    number, mode = button.int_arg(0), button.str_arg(1)
    # Everything is checked again at the tap: the button may be old.
    participant = await context.repo.participant_by_telegram(user.id)
    if participant is None:
        await answer_alert(update, t(lang, "profile_none"))
        return
    stage = await context.repo.get_stage(number)
    registration = stage and await context.repo.registration(participant.id, number)
    if stage is None or not registration:
        await answer_alert(update, t(lang, "change_no_registration"))
        return
    label = stage_short(lang, number)
    if await finished(context, stage):
        await answer_alert(update, t(lang, "change_stage_finished", stage=label))
        return
    result = await changes(context).switch_mode(participant.id, number, mode, actor=user.id)
    if result.outcome is Outcome.NOT_FOUND:
        await answer_alert(update, t(lang, "change_no_registration"))
        return
    if result.outcome is Outcome.UNCHANGED:
        word = t(lang, f"mode_word_{mode}")
        await answer_alert(update, t(lang, "switched_mode_same", stage=label, mode=word))
        return
    text = t(lang, "switched_mode", stage=esc(stage.title_in(lang)), mode=t(lang, f"mode_{mode}"))
    await edit_or_send(update, context, text + where_to_go(lang, stage, mode))
