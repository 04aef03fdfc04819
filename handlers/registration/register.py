"""Self-registration: /start (also from a room's QR code), the privacy notice, and the first
question; the rest of the form is `steps`.
"""

from __future__ import annotations

import re
from typing import Any

from telegram import Message, Update

from bot.core.context import BotContext
from handlers import buttons
from handlers.checkin import checkin_deep_link
from handlers.common import answer_alert, edit_or_send, esc, keyboard, say, send_html, user_lang
from handlers.forms import END
from handlers.ideas.capture import forget_all_but_kept_ideas
from handlers.registration.steps import (
    AGREE_BUTTON,
    DRAFT,
    NO_MODE,
    PREFIX,
    _draft,
    _draft_from_participant,
    ask_next,
)
from handlers.texts import t
from storage.models import Participant, Stage

DISAGREE_DATA = buttons.make(PREFIX, "disagree")
_DEEP_LINK = re.compile(r"^reg_(\d{1,2})(?:_(offline|online))?$", re.ASCII)


def parse_deep_link(payload: str) -> tuple[int, str | None] | None:
    """`reg_<stage>[_<mode>]`, as printed in a QR code for the room."""
    match = _DEEP_LINK.match(payload)
    if not match:
        return None
    return int(match.group(1)), match.group(2)


async def start(update: Update, context: BotContext) -> int:
    """Greet the user and register them for the current stage (or the deep link's)."""
    if context.args and context.args[0].startswith("in_"):
        await checkin_deep_link(update, context, context.args[0])
        return END
    user = update.effective_user
    assert user is not None
    lang = await user_lang(update, context)
    accepted = await context.services.privacy.accepted(user.id)
    if accepted:
        # Only what the bot needs to reach them: never their Telegram name (data minimisation).
        await context.repo.touch_user(user.id, "", None, lang)
    context.user_state.pop(DRAFT, None)

    stage_number: int | None = None
    mode: str | None = None
    if context.args:
        parsed = parse_deep_link(context.args[0])
        if parsed is None:
            await say(update, context, "bad_deep_link", lang=lang)
        else:
            stage_number, mode = parsed
    else:
        workshop = context.workshop
        name = workshop.name_en if lang == "en" else workshop.name
        await say(
            update, context, "welcome", lang=lang, workshop=esc(name), region=esc(workshop.region)
        )

    stage = await (
        context.repo.get_stage(stage_number)
        if stage_number is not None
        else context.repo.current_stage()
    )
    if stage is None:
        await say(
            update, context, "no_such_stage" if stage_number else "no_current_stage", lang=lang
        )
        return END

    participant = await context.repo.participant_by_telegram(user.id)
    if participant is not None:
        existing = await context.repo.registration(participant.id, stage.number)
        if existing is not None:
            await say(
                update,
                context,
                "already_registered",
                lang=lang,
                stage=esc(stage.title_in(lang)),
                mode=t(lang, f"mode_{existing.mode}"),
            )
            return END
    if not stage.registration_open:
        await say(
            update, context, "registration_closed", lang=lang, stage=esc(stage.title_in(lang))
        )
        return END

    if not accepted:
        # Nothing about the person is stored before they accept: no form state, no draft, not
        # even the cached language (only the ideas they sent, which wait for the registration);
        # the button carries the stage and mode it was shown for.
        agree = buttons.make(PREFIX, "agree", stage.number, mode or NO_MODE)
        await say(
            update,
            context,
            "privacy_notice",
            lang=lang,
            markup=keyboard(
                [[(t(lang, "btn_agree"), agree), (t(lang, "btn_disagree"), DISAGREE_DATA)]]
            ),
            organiser=esc(context.workshop.organiser or context.workshop.region),
            region=esc(context.workshop.region),
            backup_days=context.settings.backup_keep,
        )
        forget_all_but_kept_ideas(context.user_state)
        return END
    return await _begin_for(update, context, lang, stage, mode, participant)


async def _begin_for(
    update: Update,
    context: BotContext,
    lang: str,
    stage: Stage,
    mode: str | None,
    participant: Participant | None,
) -> int:
    draft: dict[str, Any] = {"purpose": "self", "stage": stage.number, "mode": mode}
    if participant is not None:
        draft.update(_draft_from_participant(participant), reuse=True)
    context.user_state[DRAFT] = draft
    return await _begin(update, context, lang, stage)


async def agree(update: Update, context: BotContext) -> int:
    """Take the accepted privacy notice, then begin the registration it was shown for."""
    user = update.effective_user
    query = update.callback_query
    assert user is not None and query is not None
    lang = await user_lang(update, context)
    button = buttons.parse(query.data, PREFIX, AGREE_BUTTON)
    stage: Stage | None = None
    mode = NO_MODE
    if button is not None:
        stage, mode = await context.repo.get_stage(button.int_arg()), button.str_arg(1)
    elif query.data == f"{PREFIX}:agree":
        # A notice shown before the button carried its stage: the current one.
        stage = await context.repo.current_stage()
    if stage is None:
        await answer_alert(update, t(lang, "invalid_button"))
        return END
    await context.services.privacy.accept(user.id)
    await context.repo.touch_user(user.id, "", None, lang)
    notice = query.message.text_html if isinstance(query.message, Message) else ""
    await edit_or_send(update, context, f"{notice}\n\n{t(lang, 'privacy_agreed')}")
    participant = await context.repo.participant_by_telegram(user.id)
    return await _begin_for(
        update, context, lang, stage, None if mode == NO_MODE else mode, participant
    )


async def disagree(update: Update, context: BotContext) -> None:
    """Take a refused privacy notice: store nothing, say what the person can do instead."""
    user = update.effective_user
    query = update.callback_query
    assert user is not None and query is not None
    lang = await user_lang(update, context)
    if await context.services.privacy.accepted(user.id):
        # An old notice of someone who has accepted since: erasure is /hapusdata, not this.
        await answer_alert(update, t(lang, "stale_button"))
        return
    notice = query.message.text_html if isinstance(query.message, Message) else ""
    await edit_or_send(update, context, f"{notice}\n\n{t(lang, 'privacy_declined')}")
    context.user_state.clear()  # not even the cached language is kept


async def _begin(update: Update, context: BotContext, lang: str, stage: Stage) -> int:
    if not _draft(context).get("reuse"):
        await send_html(update, context, t(lang, "reg_for_stage", stage=esc(stage.title_in(lang))))
    return await ask_next(update, context, fresh=True)
