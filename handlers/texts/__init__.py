"""User-facing texts, one module per language with shared keys; Bahasa Indonesia first."""

from __future__ import annotations

from typing import Any

from handlers.texts import en
from handlers.texts import id as indonesian

LANGUAGES: tuple[str, ...] = ("id", "en")
DEFAULT_LANGUAGE = "id"
_CATALOGUES: dict[str, dict[str, str]] = {"id": indonesian.TEXTS, "en": en.TEXTS}


def language_from_client(language_code: str | None) -> str:
    """Telegram clients set English as 'en', 'en-US', ...; everything else gets Indonesian."""
    if language_code and language_code.lower().startswith("en"):
        return "en"
    return DEFAULT_LANGUAGE


def t(lang: str, key: str, **values: Any) -> str:
    """The text `key` in `lang`, falling back to Indonesian, with `values` filled in."""
    catalogue = _CATALOGUES.get(lang, _CATALOGUES[DEFAULT_LANGUAGE])
    template = catalogue.get(key) or _CATALOGUES[DEFAULT_LANGUAGE][key]
    return template.format(**values) if values else template


def for_whom(key: str, *, staff: bool) -> str:
    """`key`, or its staff variant `<key>_staff` when staff fill a form for someone else:
    the question asks about "peserta", not "Anda"."""
    return f"{key}_staff" if staff else key


_ROMAN = ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))


def roman(number: int) -> str:
    """A stage number as the workshop writes it: 1 → 'I', 4 → 'IV' (Tahap I–IV)."""
    if number < 1:
        return str(number)
    digits = []
    for value, letters in _ROMAN:
        while number >= value:
            digits.append(letters)
            number -= value
    return "".join(digits)


def stage_name(lang: str, number: int) -> str:
    """'Tahap II' / 'Stage II': a stage named by its number only."""
    return t(lang, "stage_numbered", n=roman(number))
