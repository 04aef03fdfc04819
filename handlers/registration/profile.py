"""The profile: /profil shows it with the stage registrations, and its buttons edit one field
through the form's steps (`steps`), which save it.
"""

from __future__ import annotations

from telegram import Update

from bot.core.context import BotContext
from handlers import buttons
from handlers.common import answer_alert, esc, keyboard, say, user_lang
from handlers.forms import END
from handlers.registration.steps import (
    DRAFT,
    PROFILE_BUTTONS,
    PROFILE_PREFIX,
    _draft_from_participant,
    ask_next,
    profile_text,
)
from handlers.texts import t


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
    lines = [
        t(
            lang,
            "profile_registration_line",
            stage=esc(stages[r.stage].title_in(lang)) if r.stage in stages else r.stage,
            mode=t(lang, f"mode_{r.mode}"),
        )
        for r in await context.repo.registrations_of(participant.id)
    ] or [t(lang, "profile_no_registrations")]
    rows = [
        [(f"✏️ {t(lang, 'field_' + f)}", buttons.make(PROFILE_PREFIX, "edit", f))]
        for f in ("name", "institution", "position")
    ]
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
