"""Offline entry: the secretariat registers an in-room participant who has no Telegram
(/daftarluring); the form's steps are `steps`, with the stage asked instead of the mode.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from telegram import Update

from bot.core.context import BotContext
from bot.core.roles import Role
from handlers.common import requires, say
from handlers.forms import END
from handlers.registration.steps import DRAFT, State


@requires(Role.SECRETARIAT, refused=END)
async def start_offline_entry(update: Update, context: BotContext) -> int:
    """Let the secretariat register an in-room participant who has no Telegram."""
    context.user_state[DRAFT] = {"purpose": "offline", "mode": "offline"}
    await say(update, context, "offline_entry_start")
    return State.NAME


def _role_needed(draft: Mapping[str, Any]) -> Role | None:
    """Entering an offline participant is the secretariat's; registering oneself is anyone's."""
    return Role.SECRETARIAT if draft.get("purpose") == "offline" else None
