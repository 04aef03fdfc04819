"""The background jobs as the features see them: interfaces, implemented by `bot.jobs`.

A feature that must start or wake a background job (launch a poll, re-arm the reminders, read
the figures of /status) calls these interfaces through `jobs(app)` (or `context.jobs`);
`bot.app` puts the implementations (the modules of `bot.jobs`) there in `post_init`. So
`handlers` never import `bot.jobs`, and `bot.jobs` may import the handlers' views and texts.

Every method takes the application first, as the job modules' functions do: a module of
`bot.jobs` is itself the implementation (mypy checks it against the Protocol in `bot.app`).
Imports only `bot.core`, `bot.rules` and `storage` (models), never handlers or jobs.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from telegram.ext import Application

from bot.rules.audience import AudienceSpec
from storage.backup import BackupFile
from storage.polls import Poll, PollOption, Recipient

AnyApplication = Application[Any, Any, Any, Any, Any, Any]
JOBS_KEY = "jobs"


@dataclass(frozen=True)
class PollRequest:
    """A poll as the facilitator asked for it (the form's answers), for `PollJobs.launch`."""

    spec: AudienceSpec
    question: str
    options: Sequence[PollOption]
    multiple: bool
    anonymous: bool
    created_by: int
    deadline_minutes: float = 0
    share_results: bool = False
    kind: str = "poll"
    max_choices: int | None = None
    dimension: str | None = None


class PollJobs(Protocol):
    """Sending, closing and counting polls (`bot.jobs.polling`)."""

    async def recipients_for(self, app: AnyApplication, spec: AudienceSpec) -> list[Recipient]: ...

    async def launch(self, app: AnyApplication, request: PollRequest) -> Poll | None: ...

    async def close_now(self, app: AnyApplication, poll_id: int, *, by: int) -> bool: ...

    async def remind_unanswered(
        self, app: AnyApplication, poll: Poll, *, by: int, report_to: int, lang: str
    ) -> int | None: ...

    async def refresh_ranks(self, app: AnyApplication, poll_id: int) -> int: ...

    async def wait_recorded(self, app: AnyApplication, tg_poll_id: str) -> bool: ...


class ScheduleJobs(Protocol):
    """Reminders and the schedule's automatic reminders (`bot.jobs.scheduling`)."""

    async def refresh(self, app: AnyApplication) -> None: ...

    async def rearm(self, app: AnyApplication) -> int: ...


@dataclass(frozen=True)
class StageLine:
    number: int
    title: str
    title_en: str
    is_current: bool
    participants: int
    ideas: int


@dataclass(frozen=True)
class Status:
    """What the secretariat sees in /status."""

    started_at: dt.datetime | None
    now: dt.datetime
    webhook: bool
    stages: tuple[StageLine, ...]
    ideas: int
    reminders_queued: int
    reminders_sending: int
    last_backup: BackupFile | None
    backups: int
    backup_time: dt.time | None
    backup_keep: int
    backup_dir: Path
    db_size: int
    schema_version: int
    latest_schema: int

    @property
    def uptime(self) -> dt.timedelta | None:
        return None if self.started_at is None else self.now - self.started_at


class OpsJobs(Protocol):
    """The daily backup and the figures of /status (`bot.jobs.ops`)."""

    async def status(self, app: AnyApplication) -> Status: ...


class NoteJobs(Protocol):
    """The notes of decisions to idea authors (`bot.jobs.notes`)."""

    async def wake(self, app: AnyApplication) -> None: ...


@dataclass(frozen=True)
class Jobs:
    """The background jobs a feature may call, as `bot.app` wired them."""

    polls: PollJobs
    schedule: ScheduleJobs
    ops: OpsJobs
    notes: NoteJobs


def jobs(app: AnyApplication) -> Jobs:
    """The application's jobs (put there by `bot.app`)."""
    found = app.bot_data.get(JOBS_KEY)
    if not isinstance(found, Jobs):
        raise RuntimeError("jobs are not wired (bot.app's build_application has not run)")
    return found
