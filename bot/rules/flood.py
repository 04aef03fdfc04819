"""The flood rule: how much one user may send before the rest is dropped (a pure policy).

Judged when an update arrives, before it waits for its turn or holds any shared capacity
(`bot.core.updates`): what is over the limit is dropped there, with one notice per window.
"""

from __future__ import annotations

from collections import defaultdict, deque

RUN = "run"
NOTICE = "notice"  # dropped, but kept to tell the sender to slow down
DROP = "drop"


class FloodGuard:
    """At most `limit` updates per user in `window` seconds and `backlog` waiting; staff exempt.

    Staff exemption is the caller's: the processor asks `exempt` before judging.
    """

    def __init__(self, limit: int = 40, window: float = 60.0, backlog: int = 40) -> None:
        self.limit = limit
        self.window = window
        self.backlog = backlog
        self._seen: defaultdict[int, deque[float]] = defaultdict(deque)
        self._warned: dict[int, float] = {}

    def allow(self, user_id: int, now: float) -> tuple[bool, bool]:
        """(allowed, warn): warn is True once per window for a user who is over the limit."""
        seen = self._seen[user_id]
        while seen and seen[0] <= now - self.window:
            seen.popleft()
        if not seen:
            del self._seen[user_id]  # nobody's history is kept longer than a window
        if len(seen) < self.limit:
            self._seen[user_id].append(now)
            return True, False
        return False, self._warn(user_id, now)

    def _warn(self, user_id: int, now: float) -> bool:
        warned_at = self._warned.get(user_id)
        if warned_at is not None and warned_at > now - self.window:
            return False
        self._warned[user_id] = now
        return True

    def admit(self, user_id: int, queued: int, now: float) -> str:
        """RUN, NOTICE or DROP for a user's update arriving while `queued` of theirs wait."""
        if queued >= self.backlog:
            return NOTICE if self._warn(user_id, now) else DROP
        allowed, warn = self.allow(user_id, now)
        if allowed:
            return RUN
        return NOTICE if warn else DROP
