"""Rules for what users type, as pure functions returning a text key on failure."""

from __future__ import annotations

import re

NAME_MIN = 2
NAME_MAX = 100
INSTITUTION_MAX = 120
_SPACES = re.compile(r"\s+")


def clean_text(raw: str | None) -> str:
    """Collapse runs of white space (names are often pasted with stray line breaks)."""
    return _SPACES.sub(" ", raw or "").strip()


def name_problem(name: str) -> str | None:
    if not name:
        return "name_empty"
    if len(name) < NAME_MIN:
        return "name_too_short"
    if len(name) > NAME_MAX:
        return "name_too_long"
    return None


def institution_problem(name: str) -> str | None:
    if not name:
        return "institution_empty"
    if len(name) > INSTITUTION_MAX:
        return "institution_too_long"
    return None


# Telegram user and chat ids are below 2**52; SQLite's INTEGER is a signed 64-bit number.
TELEGRAM_ID_MAX = 2**52
SQLITE_INTEGER_MAX = 2**63 - 1
ROW_ID_MAX = 999_999_999


def parse_id(raw: str | None, *, max_value: int = ROW_ID_MAX, min_value: int = 0) -> int | None:
    """A number typed or sent as button data: ASCII digits only, within the range, else None.

    `str.isdigit()` alone accepts '²' (which `int()` refuses) and `int()` accepts '٣' (an
    Arabic-Indic three): neither is a number anybody typed on purpose.
    """
    if not raw or len(raw) > 19 or not raw.isascii() or not raw.isdigit():
        return None
    value = int(raw)
    if value < min_value or value > min(max_value, SQLITE_INTEGER_MAX):
        return None
    return value


STAGE_MAX = 99  # stage numbers are one or two digits
_ROMAN_DIGITS = ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))


def _roman(number: int) -> str:
    letters = ""
    for value, digits in _ROMAN_DIGITS:
        while number >= value:
            letters += digits
            number -= value
    return letters


# Up to IX: a workshop series has four stages, and a lone "x" is more likely a typo than ten.
_ROMAN_STAGES = {_roman(n): n for n in range(1, 10)}


def parse_stage(raw: str | None) -> int | None:
    """A stage number typed as the workshop writes it ('II', 'ii') or as digits ('2')."""
    if raw and raw.upper() in _ROMAN_STAGES:
        return _ROMAN_STAGES[raw.upper()]
    return parse_id(raw, max_value=STAGE_MAX)
