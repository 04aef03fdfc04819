"""`/status` for the secretariat: is the bot healthy, how full is it, when was the last backup."""

from __future__ import annotations

import datetime as dt
from typing import Any

from telegram import Update
from telegram.ext import BaseHandler

from bot.core.context import BotContext
from bot.core.jobs import Status
from bot.core.roles import Role
from handlers.commands import command_handler
from handlers.common import esc, requires, send_html, user_lang
from handlers.texts import t


def human_size(size: int, lang: str) -> str:
    """'840 KB', '12.5 MB' (a decimal comma in Indonesian)."""
    text = f"{size / 1024:.0f} KB" if size < 1024 * 1024 else f"{size / 1024 / 1024:.1f} MB"
    return text.replace(".", ",") if lang == "id" else text


def human_duration(span: dt.timedelta, lang: str) -> str:
    minutes = max(0, int(span.total_seconds()) // 60)
    days, rest = divmod(minutes, 24 * 60)
    if days:
        return t(lang, "status_days", d=days, h=rest // 60, m=rest % 60)
    return t(lang, "status_hours", h=rest // 60, m=rest % 60)


def render_status(status: Status, lang: str, tz: dt.tzinfo) -> str:
    """The /status message (HTML)."""

    def local(moment: dt.datetime) -> str:
        return moment.astimezone(tz).strftime("%d-%m-%Y %H:%M %Z")

    lines = [t(lang, "status_header")]
    if status.started_at is not None and status.uptime is not None:
        lines.append(
            t(
                lang,
                "status_uptime",
                since=local(status.started_at),
                uptime=human_duration(status.uptime, lang),
                mode=t(lang, "status_mode_webhook" if status.webhook else "status_mode_polling"),
            )
        )
    lines.append("")
    lines.append(t(lang, "status_stages"))
    for stage in status.stages:
        lines.append(
            t(
                lang,
                "status_stage_line",
                marker="▶" if stage.is_current else "•",
                title=esc(stage.title_en if lang == "en" else stage.title),
                participants=stage.participants,
                ideas=stage.ideas,
            )
        )
    lines.append(t(lang, "status_ideas", ideas=status.ideas))
    lines.append(
        t(
            lang,
            "status_reminders",
            queued=status.reminders_queued,
            sending=status.reminders_sending,
        )
    )
    lines.append("")
    backup = status.last_backup
    if backup is None:
        lines.append(t(lang, "status_backup_none"))
    else:
        lines.append(
            t(
                lang,
                "status_backup",
                name=esc(backup.path.name),
                size=human_size(backup.size, lang),
                at=local(backup.taken_at),
                ago=human_duration(status.now - backup.taken_at, lang),
                count=status.backups,
            )
        )
    if status.backup_time is None:
        lines.append(t(lang, "status_backup_off"))
    else:
        lines.append(
            t(
                lang,
                "status_backup_daily",
                time=status.backup_time.strftime("%H:%M"),
                zone=status.now.astimezone(tz).strftime("%Z"),
                keep=status.backup_keep,
                dir=esc(status.backup_dir),
            )
        )
    lines.append(
        t(
            lang,
            "status_database",
            size=human_size(status.db_size, lang),
            version=status.schema_version,
            latest=status.latest_schema,
        )
    )
    return "\n".join(lines)


@requires(Role.SECRETARIAT)
async def show_status(update: Update, context: BotContext) -> None:
    """Show uptime, participants and ideas per stage, the reminder queue and the last backup."""
    lang = await user_lang(update, context)
    status = await context.jobs.ops.status(context.application)
    await send_html(update, context, render_status(status, lang, context.workshop.tz))


def handlers() -> list[BaseHandler[Any, BotContext, Any]]:
    return [command_handler("status", show_status)]
