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
