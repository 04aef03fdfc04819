"""Waiting in the demo and the tests: poll until something happens, or say what did not.

A wait that runs out raises `DidNotHappen` with a sentence naming what was awaited and, when the
caller can tell, why (e.g. "the reminder of session 3 was marked missed"), never a bare
traceback or a `StopIteration` from `next()` over nothing.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable, Iterable
from typing import TypeVar

from bot.dev.emulator import BotMessage, SimUser

T = TypeVar("T")


class DidNotHappen(AssertionError):
    """Something awaited did not happen in time; the message says what (and why, if known)."""


async def wait_until(
    check: Callable[[], Awaitable[bool]],
    *,
    timeout: float,
    what: str,
    why: Callable[[], Awaitable[str]] | None = None,
    step: float = 0.1,
) -> None:
    """Poll `check` until it holds; else raise `DidNotHappen`.

    `what` completes "... did not happen": e.g. "the reminder of session 3 was sent".
    `why`, asked only on failure, adds what the state was instead.
    """
    deadline = time.monotonic() + timeout
    while not await check():
        if time.monotonic() > deadline:
            reason = f"; {await why()}" if why is not None else ""
            raise DidNotHappen(f"not within {timeout:g} s: {what}{reason}")
        await asyncio.sleep(step)


def first_found(items: Iterable[T], what: str) -> T:
    """The first item, or `DidNotHappen` saying which one was missing (instead of `next()`)."""
    for item in items:
        return item
    raise DidNotHappen(f"none found: {what}")


async def reply_containing(user: SimUser, needle: str, *, timeout: float, what: str) -> BotMessage:
    """The user's next bot message containing `needle`, skipping others (reports, nudges).

    Raises `DidNotHappen` naming the user, what they waited for and what came instead.
    """
    deadline = time.monotonic() + timeout
    skipped: list[str] = []
    while True:
        remaining = deadline - time.monotonic()
        try:
            message = await user.reply(timeout=max(0.0, remaining), what=what)
        except AssertionError as err:
            instead = f"; it got only {skipped[-3:]}" if skipped else ""
            raise DidNotHappen(
                f"not within {timeout:g} s: user {user.name} got {what}{instead} ({err})"
            ) from err
        if needle in (message.text or ""):
            return message
        skipped.append((message.text or "")[:80])
