"""A background pass that looks for work (due reminders, polls to send or close) on request.

`wake()` starts a pass in a task of the application, or asks the running one to look again when
it ends; a pass is never run twice at once, so nothing is sent twice by two passes. A stop of
the application waits for the task; its workers notice `app.running` turned False.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any

from bot.core.context import SERVICES_KEY, Services
from bot.core.jobs import AnyApplication
from bot.jobs.broadcast import RetryPolicy


def services(app: AnyApplication) -> Services:
    """The application's services (opened by `post_init`)."""
    found = app.bot_data.get(SERVICES_KEY)
    if not isinstance(found, Services):
        raise RuntimeError("services are not open (post_init has not run)")
    return found


class WorkRunner:
    """One pass at a time of `work(app)`, in a task named `name`."""

    def __init__(
        self, app: AnyApplication, work: Callable[[AnyApplication], Awaitable[Any]], name: str
    ) -> None:
        self.app = app
        self.lock = asyncio.Lock()
        self.task: asyncio.Task[None] | None = None
        self.workers = 32
        self.policy = RetryPolicy()
        self._work = work
        self._name = name
        self._again = False

    def wake(self) -> None:
        """Look for work now (again, if a pass is already running)."""
        if self.task is not None and not self.task.done():
            self._again = True
            return
        if not self.app.running:
            return  # the start-up job wakes the runner once the application runs
        self.task = self.app.create_task(self._loop(), name=self._name)

    async def _loop(self) -> None:
        while True:
            self._again = False
            await self._work(self.app)
            if not self._again or not self.app.running:
                return

    def kill(self) -> None:
        """Cancel the running pass at once, as if the process died (for tests and benchmarks)."""
        if self.task is not None:
            self.task.cancel()

    async def idle(self) -> None:
        """Wait until the running pass (if any) is over."""
        while self.task is not None and not self.task.done():
            await asyncio.wait({self.task})
