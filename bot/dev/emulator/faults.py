"""Fault injection: Telegram's errors, hangs, slow answers, latency and forced 429s.

Random faults are drawn from the emulator's seeded RNG so a seed replays the same failures;
queued faults (``fail_next``, ``flood_next``) come first. A 429, forced or from the limits in
``limits.py``, holds the chat to its ``retry_after``. ``FaultInjection`` is a mixin of
``Emulator``; it imports only ``api`` and ``limits``.
"""

from __future__ import annotations

import asyncio
import contextlib
import random
from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass, field

from bot.dev.emulator.api import (
    JSON,
    ApiError,
    MethodHandler,
)
from bot.dev.emulator.limits import FloodControl, FloodLimits


@dataclass
class FaultSettings:
    error_rate: float = 0.0
    hang_rate: float = 0.0
    hang_seconds: float = 30.0
    #: Performed (the message is delivered), but answered only after ``slow_seconds``.
    slow_rate: float = 0.0
    slow_seconds: float = 7.0
    #: Round-trip network delay of every request but getUpdates: half before it is
    #: performed, half before the answer leaves.
    latency: float = 0.0
    methods: set[str] | None = None
    #: Per method, queued ``(mode, seconds)`` of the next calls to fail or answer slowly:
    #: ``error`` (500), ``hang`` (500 after ``seconds``), ``flood`` (429 with
    #: ``retry_after=seconds``) or ``slow`` (performed, answered after ``seconds``).
    next: dict[str, deque[tuple[str, float]]] = field(default_factory=dict)


class FaultInjection:
    """Fault settings and the flood checks every sending method goes through."""

    _faults: FaultSettings
    _rng: random.Random
    _flood: FloodControl
    _stopping: asyncio.Event
    _methods: dict[str, tuple[str, MethodHandler]]

    def _pick_fault(self, method: str) -> tuple[str, float] | None:
        """The fault for this call, if any: queued ones first, then a seeded random draw.

        The RNG is drawn only while random faults are active and only for matching methods,
        so a given seed and request sequence always fail the same requests.
        """
        queued = self._faults.next.get(method)
        if queued:
            return queued.popleft()
        faults = self._faults
        if faults.error_rate <= 0 and faults.hang_rate <= 0 and faults.slow_rate <= 0:
            return None
        if faults.methods is None:
            if method == "getUpdates":
                return None
        elif method not in faults.methods:
            return None
        draw = self._rng.random()
        if draw < faults.error_rate:
            return "error", 0.0
        if draw < faults.error_rate + faults.hang_rate:
            return "hang", faults.hang_seconds
        if draw < faults.error_rate + faults.hang_rate + faults.slow_rate:
            return "slow", faults.slow_seconds
        return None

    async def _pause(self, seconds: float) -> None:
        """Wait `seconds`, or less if the emulator stops meanwhile."""
        if seconds > 0:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._stopping.wait(), seconds)

    def _forced_flood(self, params: JSON, retry: int) -> None:
        """Answer 429 with ``retry_after=retry`` and hold the chat to it (every chat if none)."""
        chat_id = params.get("chat_id")
        try:
            key = int(chat_id) if chat_id is not None else None
        except (TypeError, ValueError):
            key = None
        self._flood.hold(key, retry)
        raise ApiError(429, f"Too Many Requests: retry after {retry}", {"retry_after": retry})

    def _acquire_flood(self, chat: JSON) -> None:
        retry = self._flood.acquire(chat["id"], chat["type"] != "private")
        if retry is not None:
            raise ApiError(429, f"Too Many Requests: retry after {retry}", {"retry_after": retry})

    def set_faults(
        self,
        error_rate: float = 0.0,
        hang_rate: float = 0.0,
        hang_seconds: float = 30.0,
        methods: Iterable[str] | None = None,
        *,
        slow_rate: float = 0.0,
        slow_seconds: float = 7.0,
        latency: float = 0.0,
    ) -> None:
        """Fail a seeded-random share of requests with 500 (or hang, then 500), unperformed.

        ``slow_rate``: a share performed at once but answered only after ``slow_seconds`` (a
        client that gives up sooner never learns the message was delivered). ``latency``: the
        round trip of every request but getUpdates.
        """
        rates = (error_rate, hang_rate, slow_rate)
        if not (all(0 <= r <= 1 for r in rates) and sum(rates) <= 1):
            raise ValueError("rates must be within 0..1 and sum to at most 1")
        if latency < 0 or slow_seconds < 0:
            raise ValueError("latency and slow_seconds must not be negative")
        self._faults.error_rate = float(error_rate)
        self._faults.hang_rate = float(hang_rate)
        self._faults.hang_seconds = float(hang_seconds)
        self._faults.slow_rate = float(slow_rate)
        self._faults.slow_seconds = float(slow_seconds)
        self._faults.latency = float(latency)
        self._faults.methods = (
            {self._canonical(m) for m in methods} if methods is not None else None
        )

    def _canonical(self, method: str) -> str:
        known = self._methods.get(method.lower())
        return known[0] if known else method

    def fail_next(
        self, method: str, count: int = 1, mode: str = "error", hang_seconds: float | None = None
    ) -> None:
        """Make the next ``count`` calls of ``method`` fail (``error``) or hang, then fail.

        A hang lasts ``hang_seconds`` (default: the one of :meth:`set_faults`, 30 s). ``slow``:
        performed, then answered after ``hang_seconds`` (default: ``slow_seconds``, 7 s).
        """
        if mode not in ("error", "hang", "slow"):
            raise ValueError("mode must be 'error', 'hang' or 'slow'")
        default = self._faults.slow_seconds if mode == "slow" else self._faults.hang_seconds
        seconds = default if hang_seconds is None else float(hang_seconds)
        queue = self._faults.next.setdefault(self._canonical(method), deque())
        queue.extend([(mode, seconds)] * count)

    def flood_next(self, method: str, count: int = 1, retry_after: int = 30) -> None:
        """Answer the next ``count`` calls of ``method`` with 429 and ``retry_after``.

        As after a real 429, the chat of the call (every chat when it has none) is then held to
        it: a retry before ``retry_after`` seconds is refused again.
        """
        if retry_after < 1 or count < 1:
            raise ValueError("retry_after and count must be at least 1")
        queue = self._faults.next.setdefault(self._canonical(method), deque())
        queue.extend([("flood", float(retry_after))] * count)

    def clear_faults(self) -> None:
        """Remove every random and queued fault (the RNG keeps its position)."""
        self._faults = FaultSettings()

    def set_limits(self, limits: FloodLimits) -> None:
        """Replace the flood limits and forget the windows so far."""
        self._flood.reset(limits)

    @property
    def limits(self) -> FloodLimits:
        return self._flood.limits
