"""Who may do what: pure rules, tested without Telegram.

The secretariat named in `BOT_ADMIN_IDS` and facilitators in `BOT_FACILITATOR_IDS` hold their role
by configuration (it cannot be taken away from the chat, so nobody can lock the secretariat out);
the secretariat grants and removes further roles from the chat, kept in the database and mirrored
in a `RoleBook` in memory so a role check costs no query.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping

from bot.core.config import Settings


class Role(enum.IntEnum):
    """Roles in increasing order of what they may do."""

    PARTICIPANT = 0
    FACILITATOR = 1
    SECRETARIAT = 2


ROLE_BY_NAME = {"facilitator": Role.FACILITATOR, "secretariat": Role.SECRETARIAT}
EMPTY: Mapping[int, Role] = {}


def role_of(user_id: int | None, settings: Settings, granted: Mapping[int, Role] = EMPTY) -> Role:
    """The highest role a Telegram user holds by configuration or by grant."""
    if user_id is None:
        return Role.PARTICIPANT
    by_settings = (
        Role.SECRETARIAT
        if user_id in settings.admin_ids
        else Role.FACILITATOR
        if user_id in settings.facilitator_ids
        else Role.PARTICIPANT
    )
    return max(by_settings, granted.get(user_id, Role.PARTICIPANT))


class RoleBook:
    """Roles granted from the chat, in memory; the database is the record."""

    def __init__(self, settings: Settings, granted: Mapping[int, Role] = EMPTY) -> None:
        self.settings = settings
        self.granted: dict[int, Role] = dict(granted)

    def role_of(self, user_id: int | None) -> Role:
        return role_of(user_id, self.settings, self.granted)

    def grant(self, user_id: int, role: Role) -> None:
        self.granted[user_id] = role

    def forget(self, user_id: int) -> None:
        """Drop a granted role at once: revoked (`/peran hapus`) or holder erased (`/hapusdata`).

        Every role check reads this book, so the next update of that user is already refused,
        also in the middle of a form; no restart is needed.
        """
        self.granted.pop(user_id, None)

    def is_configured(self, user_id: int) -> bool:
        return user_id in self.settings.admin_ids or user_id in self.settings.facilitator_ids

    def staff(self) -> dict[int, Role]:
        """Everyone with more than the participant role."""
        ids = set(self.settings.admin_ids) | set(self.settings.facilitator_ids) | set(self.granted)
        return {user_id: self.role_of(user_id) for user_id in sorted(ids)}
