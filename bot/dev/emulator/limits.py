"""Flood limits of the emulated Telegram Bot API.

Telegram answers HTTP 429 with ``retry_after`` when a bot sends too fast: about 30 messages per
second overall, about one per second to the same private chat (short bursts tolerated) and 20
per minute to the same group. The bot has to pace itself; the emulator enforces the same limits
so that a bot that would lose messages in production loses them in tests too.

A request that is rejected does not consume a slot, so a client that waits ``retry_after``
seconds and retries is guaranteed to get through (unless others took the slot meanwhile). Like
Telegram, the emulator holds a client to the ``retry_after`` it was given: a retry before that
time is refused again, with the seconds still left, for the chat that hit its limit (or for every
chat when the overall limit was hit).
"""

from __future__ import annotations

import math
import time
from collections import deque
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass, fields
from typing import Any

__all__ = ["FloodControl", "FloodLimits"]


@dataclass
class FloodLimits:
    """The knobs of the flood control; defaults are Telegram's documented limits."""

    enabled: bool = True
    #: Rolling one-second window over every message-sending method, all chats together.
    overall_per_second: int = 30
    #: Refill rate of the token bucket of each private chat.
    per_chat_per_second: float = 1.0
    #: Capacity of that bucket: how many messages may go to one chat at once.
    per_chat_burst: int = 3
    #: Rolling 60-second window per group chat.
    group_per_minute: int = 20

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> FloodLimits:
        """Build limits from JSON, refusing unknown keys so a typo does not silently do nothing."""
        known = {f.name for f in fields(cls)}
        unknown = set(data) - known
        if unknown:
            raise ValueError(f"unknown flood limit fields: {sorted(unknown)}")
        limits = cls(**dict(data))
        if limits.overall_per_second < 1 or limits.group_per_minute < 1:
            raise ValueError("overall_per_second and group_per_minute must be >= 1")
        if limits.per_chat_per_second <= 0 or limits.per_chat_burst < 1:
            raise ValueError("per_chat_per_second must be > 0 and per_chat_burst >= 1")
        return limits

    def to_dict(self) -> dict[str, Any]:
        """JSON form, the inverse of :meth:`from_dict`."""
        return asdict(self)


@dataclass
class _Bucket:
    tokens: float
    updated: float


class FloodControl:
    """Decides, per message-sending request, whether it is within the limits.

    ``clock`` is injectable so the windows can be tested without sleeping.
    """

    def __init__(
        self, limits: FloodLimits | None = None, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self._clock = clock
        self.limits = limits or FloodLimits()
        self._overall: deque[float] = deque()
        self._buckets: dict[int, _Bucket] = {}
        self._groups: dict[int, deque[float]] = {}
        # Until when a chat (key: chat id) or every chat (key: None) must not send again.
        self._held: dict[int | None, float] = {}

    def reset(self, limits: FloodLimits | None = None) -> None:
        """Replace the limits and forget the history (a fresh start for a test)."""
        if limits is not None:
            self.limits = limits
        self._overall.clear()
        self._buckets.clear()
        self._groups.clear()
        self._held.clear()

    def hold(self, chat_id: int | None, seconds: float) -> None:
        """Refuse ``chat_id`` (``None``: every chat) for ``seconds``, as after a 429 given now."""
        until = self._clock() + seconds
        self._held[chat_id] = max(self._held.get(chat_id, until), until)

    def _held_for(self, chat_id: int, now: float) -> float:
        """Seconds ``chat_id`` is still held for by an earlier 429 (0 when free)."""
        left = 0.0
        for key in (None, chat_id):
            until = self._held.get(key)
            if until is None:
                continue
            if until <= now:
                del self._held[key]
            else:
                left = max(left, until - now)
        return left

    @staticmethod
    def _prune(window: deque[float], now: float, span: float) -> None:
        while window and window[0] <= now - span:
            window.popleft()

    def _bucket(self, chat_id: int, now: float) -> _Bucket:
        limits = self.limits
        bucket = self._buckets.get(chat_id)
        if bucket is None:
            bucket = _Bucket(tokens=float(limits.per_chat_burst), updated=now)
            self._buckets[chat_id] = bucket
        else:
            refill = (now - bucket.updated) * limits.per_chat_per_second
            bucket.tokens = min(float(limits.per_chat_burst), bucket.tokens + refill)
            bucket.updated = now
        return bucket

    def acquire(self, chat_id: int, is_group: bool) -> int | None:
        """Take a slot for one message to ``chat_id``.

        Returns ``None`` when allowed (the slot is consumed), otherwise the ``retry_after`` in
        whole seconds (at least 1) until every limit involved has a free slot again; nothing is
        consumed in that case. The ``retry_after`` given is held (see :meth:`hold`): asking again
        before it has passed gets another 429 with the time left, even if a slot freed meanwhile.
        """
        now = self._clock()
        # An earlier 429's retry_after binds even when the limits were switched off since: it is
        # what the client was told (and a forced 429 of the control API works the same way).
        held = self._held_for(chat_id, now) if self._held else 0.0
        if held > 0:
            return max(1, math.ceil(held - 1e-9))
        limits = self.limits
        if not limits.enabled:
            return None
        waits: list[float] = []
        overall_full = chat_full = False

        self._prune(self._overall, now, 1.0)
        if len(self._overall) >= limits.overall_per_second:
            # The slot frees when the oldest entry among the last N leaves the window.
            oldest = self._overall[len(self._overall) - limits.overall_per_second]
            waits.append(oldest + 1.0 - now)
            overall_full = True

        group_window: deque[float] | None = None
        bucket: _Bucket | None = None
        if is_group:
            group_window = self._groups.setdefault(chat_id, deque())
            self._prune(group_window, now, 60.0)
            if len(group_window) >= limits.group_per_minute:
                oldest = group_window[len(group_window) - limits.group_per_minute]
                waits.append(oldest + 60.0 - now)
                chat_full = True
        else:
            bucket = self._bucket(chat_id, now)
            if bucket.tokens < 1.0:
                waits.append((1.0 - bucket.tokens) / limits.per_chat_per_second)
                chat_full = True

        if waits:
            retry = max(1, math.ceil(max(waits) - 1e-9))
            # Held for the scope of the limit that was hit: the chat (private or group) when its
            # own limit was, every chat when the overall one was.
            if overall_full:
                self._held[None] = now + retry
            if chat_full:
                self._held[chat_id] = now + retry
            return retry

        self._overall.append(now)
        if group_window is not None:
            group_window.append(now)
        if bucket is not None:
            bucket.tokens -= 1.0
        return None
