"""What the participant's switch in /profil and the secretariat's edit form share: the change
verbs (`storage.registration_changes`), the rule that a finished stage's registrations stay as
they were, short stage labels for buttons, and where a person goes once their mode changed.
"""

from __future__ import annotations

from bot.core.context import BotContext
from bot.rules.registration_rules import stage_finished
from handlers.common import esc
from handlers.texts import t
from storage.models import Stage
from storage.registration_changes import RegistrationChanges

_ROMAN = ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))


def roman(number: int) -> str:
    """Stage numbers as the workshop writes them: Tahap I, II, III, IV."""
    if not 0 < number < 40:
        return str(number)
    out = ""
    for value, letters in _ROMAN:
        while number >= value:
            out += letters
            number -= value
    return out


def changes(context: BotContext) -> RegistrationChanges:
    """The change verbs over the bot's database (stateless: made when needed)."""
    return RegistrationChanges(context.repo.db)


def stage_short(lang: str, number: int) -> str:
    """'Tahap II': short enough for a button."""
    return t(lang, "stage_short", n=roman(number))


def switch_label(lang: str, stage: int, to_mode: str) -> str:
    """The button that moves a registration for `stage` to `to_mode`."""
    return t(
        lang,
        "btn_switch_mode",
        stage=stage_short(lang, stage),
        mode=t(lang, f"mode_word_{to_mode}"),
    )


def other_mode(mode: str) -> str:
    return "online" if mode == "offline" else "offline"


async def finished(context: BotContext, stage: Stage) -> bool:
    """Whether `stage` is over by the bot's clock (its registrations are then a record)."""
    sessions = await context.schedule.list_sessions(stage.number)
    return stage_finished(stage.days, sessions, context.workshop.tz, context.settings.clock())


def where_to_go(lang: str, stage: Stage | None, mode: str) -> str:
    """The link for people online, the venue for people in the room ('' when not set)."""
    if stage is None:
        return ""
    if mode == "online" and stage.online_link:
        return "\n" + t(lang, "registered_online_link", link=esc(stage.online_link))
    if mode == "offline" and stage.venue:
        return "\n" + t(lang, "registered_venue", venue=esc(stage.venue))
    return ""
