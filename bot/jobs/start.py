"""How every background job starts: one way, `arm_all(app)`, called once from `post_init`.

A job module (reminders, polls, the daily backup) exposes `async arm(app)`: it reads what SQLite
holds (reminders to come, open polls, the backup time), puts its wake-up jobs on PTB's job queue
(replacing any of its earlier ones, so arming twice arms nothing twice) and a first pass that
runs as soon as the job queue starts, which resumes whatever a stop cut short. A new background
job is a module with `arm` added to `JOBS`.
"""

from __future__ import annotations

from typing import Any, Protocol

from bot.core.jobs import AnyApplication
from bot.jobs import notes, ops, polling, scheduling


class JobModule(Protocol):
    async def arm(self, app: AnyApplication) -> Any: ...


# In this order: the reminders first (they load the sessions), then the polls; the decision
# notes (issue 14) after them.
JOBS: tuple[JobModule, ...] = (scheduling, ops, polling, notes)


async def arm_all(app: AnyApplication) -> None:
    """Arm every background job (from `post_init`, once the services are open)."""
    for module in JOBS:
        await module.arm(app)
