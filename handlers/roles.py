"""The secretariat grants and removes roles (`/peran`) and reads the audit log (`/audit`)."""

from __future__ import annotations

from typing import Any

from telegram import Update
from telegram.ext import BaseHandler

from bot.core.context import BotContext
from bot.core.roles import ROLE_BY_NAME, Role
from handlers import menus
from handlers.commands import command_handler
from handlers.common import chunk_lines, esc, requires, say, send_html, user_lang
from handlers.texts import t
from handlers.validation import TELEGRAM_ID_MAX, parse_id
from storage.privacy import ERASED_ACTOR, ERASED_SUBJECT

# What the secretariat may type, Indonesian first.
ACTIONS = {"tambah": "add", "add": "add", "beri": "add", "hapus": "remove", "remove": "remove"}
ROLE_WORDS = {
    "fasilitator": "facilitator",
    "facilitator": "facilitator",
    "sekretariat": "secretariat",
    "secretariat": "secretariat",
}


def parse_role_command(args: list[str]) -> tuple[str, int, str | None] | None:
    """(action, user id, role) from `/peran tambah 123 fasilitator` or `/peran hapus 123`."""
    if len(args) < 2 or args[0].casefold() not in ACTIONS:
        return None
    user_id = parse_id(args[1], min_value=1, max_value=TELEGRAM_ID_MAX)
    if user_id is None:
        return None
    action = ACTIONS[args[0].casefold()]
    if action == "add":
        if len(args) != 3 or args[2].casefold() not in ROLE_WORDS:
            return None
        return action, user_id, ROLE_WORDS[args[2].casefold()]
    return (action, user_id, None) if len(args) == 2 else None


def is_bad_id(args: list[str]) -> bool:
    """Digits where the user id goes, but no Telegram user can have that id (0, 20 digits)."""
    raw = args[1] if len(args) > 1 else ""
    return (
        raw.isascii()
        and raw.isdigit()
        and parse_id(raw, min_value=1, max_value=TELEGRAM_ID_MAX) is None
    )


@requires(Role.SECRETARIAT)
async def manage_roles(update: Update, context: BotContext) -> None:
    """List roles, or grant or remove one; every change is logged and the menu follows."""
    lang = await user_lang(update, context)
    actor = update.effective_user
    assert actor is not None
    args = list(context.args or [])
    book = context.services.roles
    if not args:
        lines = [t(lang, "roles_header")]
        for user_id, role in book.staff().items():
            lines.append(
                t(
                    lang,
                    "roles_line",
                    user_id=user_id,
                    role=t(lang, f"role_name_{role.name.lower()}"),
                    source=t(lang, "role_from_config") if book.is_configured(user_id) else "",
                )
            )
        lines.append("")
        lines.append(t(lang, "roles_usage"))
        await send_html(update, context, "\n".join(lines))
        return
    parsed = parse_role_command(args)
    if parsed is None:
        key = "role_bad_id" if is_bad_id(args) else "roles_usage"
        await say(
            update, context, key, lang=lang, user_id=esc(args[1][:24] if len(args) > 1 else "")
        )
        return
    action, user_id, role_name = parsed
    if user_id == context.bot.id:
        await say(update, context, "role_bot", lang=lang)
        return
    if user_id == actor.id:
        await say(update, context, "role_self", lang=lang)
        return
    if book.is_configured(user_id):
        await say(update, context, "role_configured", lang=lang, user_id=user_id)
        return
    admin = context.services.admin
    if action == "add":
        assert role_name is not None
        await admin.grant(user_id, role_name, by=actor.id)
        book.grant(user_id, ROLE_BY_NAME[role_name])
        await say(
            update,
            context,
            "role_granted",
            lang=lang,
            user_id=user_id,
            role=t(lang, f"role_name_{role_name}"),
        )
    else:
        if not await admin.revoke(user_id, by=actor.id):
            await say(update, context, "role_not_found", lang=lang, user_id=user_id)
            return
        book.forget(user_id)
        await say(update, context, "role_revoked", lang=lang, user_id=user_id)
    # The person's command menu follows their role (if they have opened the bot).
    await menus.publish_for(context.application, user_id, book.role_of(user_id))


def _actor(actor: int | None) -> str:
    """Who made an audit entry: a Telegram id, the bot itself, or someone since erased."""
    if actor is None:
        return "bot"
    return ERASED_SUBJECT if actor == ERASED_ACTOR else str(actor)


@requires(Role.SECRETARIAT)
async def show_audit(update: Update, context: BotContext) -> None:
    """Show the latest entries of the audit log."""
    lang = await user_lang(update, context)
    entries = await context.services.admin.latest(20)
    if not entries:
        await say(update, context, "audit_empty", lang=lang)
        return
    tz = context.workshop.tz
    lines = [t(lang, "audit_header", count=len(entries))]
    for entry in entries:
        lines.append(
            t(
                lang,
                "audit_line",
                at=entry.at.astimezone(tz).strftime("%d-%m %H:%M"),
                actor=_actor(entry.actor),
                action=esc(entry.action),
                subject=esc(entry.subject),
            )
        )
    for chunk in chunk_lines(lines):
        await send_html(update, context, chunk)


def handlers() -> list[BaseHandler[Any, BotContext, Any]]:
    return [
        command_handler("peran", manage_roles),
        command_handler("audit", show_audit),
    ]
