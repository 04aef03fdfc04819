"""Who may do what: pure rules, tested without Telegram."""

from __future__ import annotations

import enum

from bot.config import Settings


class Role(enum.IntEnum):
    """Roles in increasing order of what they may do."""

    PARTICIPANT = 0
    FACILITATOR = 1
    SECRETARIAT = 2


def role_of(user_id: int | None, settings: Settings) -> Role:
    """The role of a Telegram user; anyone not named in the settings is a participant."""
    if user_id is None:
        return Role.PARTICIPANT
    if user_id in settings.admin_ids:
        return Role.SECRETARIAT
    if user_id in settings.facilitator_ids:
        return Role.FACILITATOR
    return Role.PARTICIPANT


def may(user_id: int | None, settings: Settings, needed: Role) -> bool:
    return role_of(user_id, settings) >= needed
