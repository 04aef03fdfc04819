"""Inline-button data: built and parsed in one place, so forged data is refused uniformly.

Every feature owns a prefix (`reg`, `stg`, `lang`, `prof`, ...); data is `prefix:action[:arg...]`
and never longer than Telegram's 64 bytes. `parse` returns None for anything that is not exactly
one of the declared shapes, which handlers answer with "unrecognised button, nothing changed".
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from handlers.validation import parse_id

MAX_CALLBACK_BYTES = 64

Arg = Callable[[str], object]


class BadArg(ValueError):
    """An argument of button data does not have the declared shape."""


def choice(*allowed: str) -> Arg:
    def check(raw: str) -> str:
        if raw not in allowed:
            raise BadArg(raw)
        return raw

    return check


def small_int(raw: str) -> int:
    value = parse_id(raw)
    if value is None:
        raise BadArg(raw)
    return value


def token(raw: str) -> str:
    """A six-hex-digit one-time token: binds a confirm button to the draft it confirms."""
    if len(raw) != 6 or any(c not in "0123456789abcdef" for c in raw):
        raise BadArg(raw)
    return raw


@dataclass(frozen=True)
class Button:
    """Parsed button data."""

    action: str
    args: tuple[object, ...]

    def int_arg(self, index: int = 0) -> int:
        value = self.args[index]
        assert isinstance(value, int)
        return value

    def str_arg(self, index: int = 0) -> str:
        value = self.args[index]
        assert isinstance(value, str)
        return value


def make(prefix: str, action: str, *args: object) -> str:
    data = ":".join([prefix, action, *(str(a) for a in args)])
    if len(data.encode()) > MAX_CALLBACK_BYTES:
        raise ValueError(f"callback data over {MAX_CALLBACK_BYTES} bytes: {data!r}")
    return data


def parse(data: str | None, prefix: str, spec: Mapping[str, Sequence[Arg]]) -> Button | None:
    """Parse `data` against the shapes declared for `prefix`; None if it matches none."""
    if not data or len(data.encode()) > MAX_CALLBACK_BYTES:
        return None
    parts = data.split(":")
    if len(parts) < 2 or parts[0] != prefix or parts[1] not in spec:
        return None
    checks = spec[parts[1]]
    raw_args = parts[2:]
    if len(raw_args) != len(checks):
        return None
    try:
        args = tuple(check(raw) for check, raw in zip(checks, raw_args, strict=True))
    except BadArg:
        return None
    return Button(parts[1], args)


def pattern(prefix: str) -> str:
    """The regex a CallbackQueryHandler uses to route a feature's buttons."""
    return rf"^{prefix}:"
