"""The workshop file (TOML): region, time zone, stages, institution lists, villages and the
keywords that suggest each dimension of an idea sent without tags.

Stages are data, not code: this file seeds the database, after which the secretariat edits stages
from the chat; its models (frozen dataclasses) live in storage.models. A malformed file is a
`ConfigError` naming `BOT_WORKSHOP`.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.core.config import ConfigError
from storage.models import DIMENSIONS, SessionSpec, StageSpec, Workshop

__all__ = ["SessionSpec", "StageSpec", "Workshop", "load_workshop"]

_SETTING = "BOT_WORKSHOP"


def _str(table: dict[str, Any], key: str, where: str, default: str | None = None) -> str:
    value = table.get(key, default)
    if not isinstance(value, str) or (default is None and not value.strip()):
        raise ConfigError(_SETTING, f"{where}: '{key}' must be a non-empty text")
    return value.strip()


def _names(table: dict[str, Any], key: str) -> tuple[str, ...]:
    value = table.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise ConfigError(_SETTING, f"[institutions] '{key}' must be a list of names")
    names = tuple(v.strip() for v in value)
    if len(set(names)) != len(names):
        raise ConfigError(_SETTING, f"[institutions] '{key}' lists a name twice")
    return names


def _stage(raw: Any, index: int) -> StageSpec:
    where = f"stage #{index + 1}"
    if not isinstance(raw, dict):
        raise ConfigError(_SETTING, f"{where} is not a table")
    number = raw.get("number")
    if not isinstance(number, int) or not 1 <= number <= 20:
        raise ConfigError(_SETTING, f"{where}: 'number' must be a whole number from 1 to 20")
    days_raw = raw.get("days", [])
    if not isinstance(days_raw, list):
        raise ConfigError(_SETTING, f"{where}: 'days' must be a list of dates")
    days: list[dt.date] = []
    for day in days_raw:
        if isinstance(day, dt.date):
            days.append(day)
            continue
        try:
            days.append(dt.date.fromisoformat(str(day)))
        except ValueError:
            raise ConfigError(_SETTING, f"{where}: {day!r} is not a date (YYYY-MM-DD)") from None
    title = _str(raw, "title", where)
    return StageSpec(
        number=number,
        title=title,
        title_en=_str(raw, "title_en", where, default=title) or title,
        days=tuple(sorted(days)),
        venue=_str(raw, "venue", where, default=""),
        online_link=_str(raw, "online_link", where, default=""),
        registration_open=bool(raw.get("registration_open", False)),
        is_current=bool(raw.get("current", False)),
    )


def _clock_time(raw: Any, key: str, where: str) -> dt.time:
    if isinstance(raw, dt.time):
        return raw.replace(second=0, microsecond=0)
    if isinstance(raw, str):
        try:
            return dt.time.fromisoformat(raw.strip()).replace(second=0, microsecond=0)
        except ValueError:
            pass
    raise ConfigError(_SETTING, f"{where}: '{key}' must be a time of day (HH:MM)")


def _session(raw: Any, index: int, stages: dict[int, StageSpec]) -> SessionSpec:
    where = f"session #{index + 1}"
    if not isinstance(raw, dict):
        raise ConfigError(_SETTING, f"{where} is not a table")
    number = raw.get("stage")
    if not isinstance(number, int) or number not in stages:
        raise ConfigError(_SETTING, f"{where}: 'stage' must be the number of a stage in the file")
    day_raw = raw.get("day")
    if isinstance(day_raw, dt.date) and not isinstance(day_raw, dt.datetime):
        day = day_raw
    else:
        try:
            day = dt.date.fromisoformat(str(day_raw))
        except ValueError:
            raise ConfigError(_SETTING, f"{where}: 'day' must be a date (YYYY-MM-DD)") from None
    start = _clock_time(raw.get("start"), "start", where)
    end = _clock_time(raw.get("end"), "end", where)
    if end <= start:
        raise ConfigError(_SETTING, f"{where}: 'end' must be after 'start'")
    title = _str(raw, "title", where)
    stage = stages[number]
    return SessionSpec(
        stage=number,
        day=day,
        start=start,
        end=end,
        title=title,
        title_en=_str(raw, "title_en", where, default=title) or title,
        # A session is held where its stage is, unless the file says otherwise.
        room=_str(raw, "room", where, default=stage.venue),
        online_link=_str(raw, "online_link", where, default=stage.online_link),
    )


def _sessions(raw: Any, stages: tuple[StageSpec, ...]) -> tuple[SessionSpec, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, list):
        raise ConfigError(_SETTING, "[[sessions]] must be a list of tables")
    by_number = {s.number: s for s in stages}
    sessions = tuple(_session(item, i, by_number) for i, item in enumerate(raw))
    keys = [s.seed_key for s in sessions]
    if len(set(keys)) != len(keys):
        raise ConfigError(_SETTING, "two sessions of a stage start on the same day and time")
    return tuple(sorted(sessions, key=lambda s: (s.stage, s.day, s.start)))


def _fold(name: str) -> str:
    """A kecamatan name compared loosely: "Wae Ri'i" and "wae rii" are the same."""
    return "".join(ch for ch in name.casefold() if ch.isalnum())


def _villages(raw: Any, kecamatan: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    """[villages]: kecamatan = [its villages and wards]; every kecamatan must be in the list."""
    if raw is None:
        return ()
    if not isinstance(raw, dict):
        raise ConfigError(_SETTING, "[villages] must be a table: kecamatan = [villages]")
    known = {_fold(k): k for k in kecamatan}
    pairs: list[tuple[str, str]] = []
    seen: set[str] = set()
    for name, villages in raw.items():
        where = known.get(_fold(name))
        if where is None:
            raise ConfigError(_SETTING, f"[villages] {name!r} is not a kecamatan of [institutions]")
        if not isinstance(villages, list) or not all(
            isinstance(v, str) and v.strip() for v in villages
        ):
            raise ConfigError(_SETTING, f"[villages] {name!r} must be a list of names")
        for village in villages:
            if _fold(village) in seen:
                raise ConfigError(_SETTING, f"[villages] {village.strip()!r} is listed twice")
            seen.add(_fold(village))
            pairs.append((village.strip(), where))
    return tuple(pairs)


def _keywords(raw: Any) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """`[keywords]`: per dimension, words (Indonesian and English) that suggest it."""
    if raw is None:
        return ()
    if not isinstance(raw, dict):
        raise ConfigError(_SETTING, "[keywords] must be a table of word lists per dimension")
    pairs: list[tuple[str, tuple[str, ...]]] = []
    for dimension, words in raw.items():
        if dimension not in DIMENSIONS:
            known = ", ".join(DIMENSIONS)
            raise ConfigError(_SETTING, f"[keywords] '{dimension}' is not a dimension ({known})")
        if not isinstance(words, list) or not all(isinstance(w, str) and w.strip() for w in words):
            raise ConfigError(_SETTING, f"[keywords] '{dimension}' must be a list of words")
        pairs.append((dimension, tuple(dict.fromkeys(w.strip().casefold() for w in words))))
    return tuple(pairs)


def load_workshop(path: Path) -> Workshop:
    """Read and validate a workshop file."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(_SETTING, f"cannot read {str(path)!r}: {exc.strerror}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(_SETTING, f"{str(path)!r} is not valid TOML: {exc}") from None

    head = data.get("workshop")
    if not isinstance(head, dict):
        raise ConfigError(_SETTING, "the file has no [workshop] table")
    timezone = _str(head, "timezone", "[workshop]")
    try:
        ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError):
        raise ConfigError(_SETTING, f"unknown time zone {timezone!r}") from None

    raw_stages = data.get("stages")
    if not isinstance(raw_stages, list) or not raw_stages:
        raise ConfigError(_SETTING, "the file has no [[stages]]")
    stages = tuple(_stage(raw, i) for i, raw in enumerate(raw_stages))
    numbers = [s.number for s in stages]
    if len(set(numbers)) != len(numbers):
        raise ConfigError(_SETTING, "two stages have the same number")
    if sum(s.is_current for s in stages) > 1:
        raise ConfigError(_SETTING, "more than one stage is marked current")

    institutions = data.get("institutions", {})
    if not isinstance(institutions, dict):
        raise ConfigError(_SETTING, "[institutions] must be a table")
    name = _str(head, "name", "[workshop]")
    kecamatan = _names(institutions, "kecamatan")
    return Workshop(
        name=name,
        name_en=_str(head, "name_en", "[workshop]", default=name) or name,
        region=_str(head, "region", "[workshop]"),
        timezone=timezone,
        stages=tuple(sorted(stages, key=lambda s: s.number)),
        opd=_names(institutions, "opd"),
        kecamatan=kecamatan,
        sessions=_sessions(data.get("sessions"), stages),
        villages=_villages(data.get("villages"), kecamatan),
        organiser=_str(head, "organiser", "[workshop]", default=""),
        keywords=_keywords(data.get("keywords")),
    )
