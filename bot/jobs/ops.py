"""Operations inside the running bot: the daily backup job and the figures `/status` shows.

`arm` is called once from `post_init`: it notes when the bot started (for the uptime) and puts a
daily job on the application's job queue (PTB's APScheduler) at BOT_BACKUP_TIME in the workshop's
time zone. The job copies the database with SQLite's online backup API in a worker thread, so
the bot keeps answering while it runs, and writes the result to the audit log.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
from contextlib import suppress
from pathlib import Path
from typing import Any

from bot.core.config import Settings
from bot.core.context import BotContext, Services
from bot.core.jobs import AnyApplication, StageLine, Status
from bot.jobs.work import services as services_of
from storage.backup import (
    BackupResult,
    backup_database,
    database_size,
    default_backup_dir,
    latest_schema_version,
    list_backups,
)

log = logging.getLogger(__name__)

STARTED_KEY = "ops_started_at"
BACKUP_JOB = "backup:daily"
# A daily job may run a little late (a busy loop, a suspended VM) but not a day late.
BACKUP_JOB_KWARGS: dict[str, Any] = {"misfire_grace_time": 3600, "coalesce": True}


def backup_dir(settings: Settings) -> Path:
    """BOT_BACKUP_DIR, else `backups/` beside the database."""
    return settings.backup_dir or default_backup_dir(settings.db_path)


async def arm(app: AnyApplication) -> None:
    """Note the start time and schedule the daily backup (unless BOT_BACKUP_TIME is off)."""
    services = services_of(app)
    app.bot_data.setdefault(STARTED_KEY, services.settings.clock())
    at = services.settings.backup_time
    if at is None:
        log.info("daily backup is off")
        return
    queue = app.job_queue
    assert queue is not None, "python-telegram-bot[job-queue] is required"
    for job in queue.get_jobs_by_name(BACKUP_JOB):
        job.schedule_removal()
    queue.run_daily(
        _daily_backup,
        time=at.replace(tzinfo=services.workshop.tz),
        name=BACKUP_JOB,
        job_kwargs=BACKUP_JOB_KWARGS,
    )
    log.info(
        "daily backup armed",
        extra={"at": at.strftime("%H:%M"), "tz": services.workshop.timezone},
    )


async def _daily_backup(context: BotContext) -> None:
    """Job callback: back the database up (an error goes to the error handler and the log)."""
    await run_backup(context.services)


async def run_backup(services: Services) -> BackupResult:
    """Back up now, off the event loop, and record it in the audit log; the daily job's work."""
    settings = services.settings
    try:
        result = await asyncio.to_thread(
            backup_database,
            settings.db_path,
            backup_dir(settings),
            keep=settings.backup_keep,
            now=settings.clock(),
        )
    except Exception as exc:
        log.exception("backup failed", extra={"db": str(settings.db_path)})
        # In /audit too, so the secretariat sees it where it sees the successful ones; the
        # error itself goes on to the error handler (log, note to the secretariat).
        with suppress(Exception):
            await services.admin.record(None, "backup.failed", type(exc).__name__)
        raise
    await services.admin.record(None, "backup", result.path.name, size=result.size)
    log.info(
        "backup written",
        extra={
            "path": str(result.path),
            "size": result.size,
            "ms": round(result.seconds * 1000),
            "pruned": len(result.pruned),
        },
    )
    return result


async def status(app: AnyApplication) -> Status:
    """Gather the figures of /status (read-only)."""
    services = services_of(app)
    settings = services.settings
    stages = []
    for stage in await services.repo.list_stages():
        counts = await services.repo.stage_counts(stage.number)
        stages.append(
            StageLine(
                stage.number,
                stage.title,
                stage.title_en,
                stage.is_current,
                counts.total,
                await services.ideas.count(stage.number),
            )
        )
    folder = backup_dir(settings)
    backups = await asyncio.to_thread(list_backups, folder, settings.db_path)
    started = app.bot_data.get(STARTED_KEY)
    return Status(
        started_at=started if isinstance(started, dt.datetime) else None,
        now=settings.clock(),
        webhook=bool(settings.webhook_url),
        stages=tuple(stages),
        ideas=await services.ideas.count(),
        reminders_queued=await services.schedule.count_reminders(["scheduled"]),
        reminders_sending=await services.schedule.count_reminders(["sending"]),
        last_backup=backups[0] if backups else None,
        backups=len(backups),
        backup_time=settings.backup_time,
        backup_keep=settings.backup_keep,
        backup_dir=folder,
        db_size=database_size(settings.db_path),
        schema_version=await services.repo.db.schema_version(),
        latest_schema=latest_schema_version(),
    )
