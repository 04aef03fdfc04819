"""Settings read once from the environment (and a `.env` file), validated with clear errors.

Every problem is reported as a `ConfigError` naming the setting, so the command line can print one
line and exit with code 2 before anything is written to disk.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dotenv import dotenv_values

from bot.core.logfmt import FORMATS

TELEGRAM_API_BASE = "https://api.telegram.org/bot"
DEFAULT_WORKSHOP = Path(__file__).parent / "workshops" / "manggarai.toml"
_TOKEN_RE = re.compile(r"^\d{1,20}:[A-Za-z0-9_-]{20,100}$")


class ConfigError(Exception):
    """A setting is missing or invalid; the message names the setting."""

    def __init__(self, setting: str, problem: str) -> None:
        super().__init__(f"{setting}: {problem}")
        self.setting = setting


def _utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


@dataclass(frozen=True)
class Settings:
    """Everything the bot needs to start, already validated."""

    token: str
    admin_ids: frozenset[int]
    facilitator_ids: frozenset[int] = frozenset()
    db_path: Path = Path("data/bimtek.db")
    workshop_path: Path = DEFAULT_WORKSHOP
    export_dir: Path = Path("exports")
    api_base_url: str = TELEGRAM_API_BASE
    log_level: str = "INFO"
    idea_min_chars: int = 10
    idea_max_chars: int = 2000
    # Pacing per private chat (Telegram: about 1 message/s, short bursts tolerated). Not read
    # from the environment: tests that do not test pacing raise it to run fast.
    chat_rate: float = 1.0
    chat_burst: int = 3
    # Automatic reminders before each session: the day before at this local time (None: off)
    # and this many minutes before the start (0: off); a reminder that fell due while the bot
    # was down is sent late only within the grace, else marked missed.
    reminder_day_before: dt.time | None = dt.time(16, 0)
    reminder_before_minutes: int = 60
    reminder_grace_minutes: int = 30
    # Operations: daily backups (dir None: `backups/` beside the database; time None: off, in
    # the workshop's time zone), webhook mode (url empty: long polling) and the log format.
    backup_dir: Path | None = None
    backup_keep: int = 14
    backup_time: dt.time | None = dt.time(2, 0)
    webhook_url: str = ""
    webhook_secret: str = field(default="", repr=False)
    webhook_listen: str = "127.0.0.1"
    webhook_port: int = 8443
    log_format: str = "text"
    # Let libraries log request bodies and updates (names, phones, texts) at DEBUG.
    log_personal_data: bool = False
    # The current time as an aware UTC datetime; tests inject a controllable clock here.
    clock: Callable[[], dt.datetime] = field(default=_utc_now, compare=False, repr=False)
    extra: Mapping[str, str] = field(default_factory=dict)


def _parse_ids(setting: str, raw: str) -> frozenset[int]:
    ids: set[int] = set()
    for part in raw.replace(";", ",").split(","):
        part = part.strip()
        if not part:
            continue
        if not re.fullmatch(r"\d{1,20}", part):
            raise ConfigError(setting, f"{part!r} is not a Telegram user id (digits only)")
        ids.add(int(part))
    return frozenset(ids)


def _int_setting(env: Mapping[str, str], name: str, default: int, low: int, high: int) -> int:
    raw = env.get(name, "").strip()
    if not raw:
        return default
    if not raw.isdigit() or not low <= int(raw) <= high:
        raise ConfigError(name, f"must be a whole number from {low} to {high}")
    return int(raw)


def _reminder_settings(env: Mapping[str, str]) -> tuple[dt.time | None, int, int]:
    """BOT_REMINDER_DAY_BEFORE (HH:MM or 'off'), _BEFORE_MINUTES and _GRACE_MINUTES."""
    day_before: dt.time | None = dt.time(16, 0)
    raw = env.get("BOT_REMINDER_DAY_BEFORE", "").strip()
    if raw.casefold() in {"off", "none", "0"}:
        day_before = None
    elif raw:
        if not re.fullmatch(r"\d{1,2}:\d{2}", raw):
            raise ConfigError("BOT_REMINDER_DAY_BEFORE", "must be a time of day (HH:MM) or 'off'")
        try:
            day_before = dt.time.fromisoformat(raw.zfill(5))
        except ValueError:
            raise ConfigError("BOT_REMINDER_DAY_BEFORE", f"{raw!r} is not a time of day") from None
    minutes: list[int] = []
    for name, default in (("BOT_REMINDER_BEFORE_MINUTES", 60), ("BOT_REMINDER_GRACE_MINUTES", 30)):
        raw = env.get(name, "").strip()
        if raw and (not raw.isdigit() or int(raw) > 24 * 60):
            raise ConfigError(name, "must be a whole number of minutes from 0 to 1440")
        minutes.append(int(raw) if raw else default)
    return day_before, minutes[0], minutes[1]


def _ops_settings(env: Mapping[str, str]) -> dict[str, Any]:
    """BOT_BACKUP_*, BOT_WEBHOOK_* and BOT_LOG_FORMAT, as keyword arguments of `Settings`."""
    backup_raw = env.get("BOT_BACKUP_DIR", "").strip()
    backup_dir = Path(backup_raw) if backup_raw else None
    if backup_dir is not None and backup_dir.exists() and not backup_dir.is_dir():
        raise ConfigError("BOT_BACKUP_DIR", f"{backup_raw!r} is not a directory")
    backup_time: dt.time | None = dt.time(2, 0)
    raw = env.get("BOT_BACKUP_TIME", "").strip()
    if raw.casefold() in {"off", "none"}:
        backup_time = None
    elif raw:
        try:
            if not re.fullmatch(r"\d{1,2}:\d{2}", raw):
                raise ValueError(raw)
            backup_time = dt.time.fromisoformat(raw.zfill(5))
        except ValueError:
            raise ConfigError("BOT_BACKUP_TIME", "must be a time of day (HH:MM) or 'off'") from None

    url = env.get("BOT_WEBHOOK_URL", "").strip()
    secret = env.get("BOT_WEBHOOK_SECRET", "").strip()
    if url and not re.match(r"^https://[^\s/]+", url):
        raise ConfigError("BOT_WEBHOOK_URL", f"{url!r} is not an https:// URL (Telegram needs TLS)")
    if url and not secret:
        raise ConfigError(
            "BOT_WEBHOOK_SECRET",
            "is required in webhook mode: 1-256 characters A-Z a-z 0-9 _ - "
            "(e.g. the output of `openssl rand -hex 32`)",
        )
    if secret and not re.fullmatch(r"[A-Za-z0-9_-]{1,256}", secret):
        raise ConfigError("BOT_WEBHOOK_SECRET", "must be 1-256 characters A-Z a-z 0-9 _ -")
    listen = env.get("BOT_WEBHOOK_LISTEN", "").strip() or "127.0.0.1"

    log_format = env.get("BOT_LOG_FORMAT", "").strip().lower() or "text"
    if log_format not in FORMATS:
        raise ConfigError("BOT_LOG_FORMAT", "must be text or json")
    return {
        "backup_dir": backup_dir,
        "backup_keep": _int_setting(env, "BOT_BACKUP_KEEP", 14, 1, 1000),
        "backup_time": backup_time,
        "webhook_url": url,
        "webhook_secret": secret,
        "webhook_listen": listen,
        "webhook_port": _int_setting(env, "BOT_WEBHOOK_PORT", 8443, 1, 65535),
        "log_format": log_format,
        "log_personal_data": _flag(env, "BOT_LOG_PERSONAL_DATA"),
    }


def _flag(env: Mapping[str, str], name: str) -> bool:
    raw = env.get(name, "").strip().casefold()
    if raw in {"", "0", "no", "false", "off"}:
        return False
    if raw in {"1", "yes", "true", "on"}:
        return True
    raise ConfigError(name, "must be 1 or 0")


def load_environment(env_file: Path | None = Path(".env")) -> dict[str, str]:
    """Merge the `.env` file under the real environment (the environment wins)."""
    merged: dict[str, str] = {}
    if env_file is not None and env_file.is_file():
        merged.update({k: v for k, v in dotenv_values(env_file).items() if v is not None})
    merged.update(os.environ)
    return merged


def load_settings(
    env: Mapping[str, str], *, require_token: bool = True, require_admins: bool = True
) -> Settings:
    """Build `Settings` from a mapping of environment variables or raise `ConfigError`."""
    token = env.get("BOT_TOKEN", "").strip()
    if require_token:
        if not token:
            raise ConfigError("BOT_TOKEN", "is not set; get a token from @BotFather")
        if not _TOKEN_RE.match(token):
            raise ConfigError("BOT_TOKEN", "does not look like a bot token (<digits>:<secret>)")

    admin_ids = _parse_ids("BOT_ADMIN_IDS", env.get("BOT_ADMIN_IDS", ""))
    if require_admins and not admin_ids:
        raise ConfigError(
            "BOT_ADMIN_IDS", "is not set; give the secretariat's Telegram user ids, comma-separated"
        )
    facilitator_ids = _parse_ids("BOT_FACILITATOR_IDS", env.get("BOT_FACILITATOR_IDS", ""))

    workshop_raw = env.get("BOT_WORKSHOP", "").strip()
    workshop_path = Path(workshop_raw) if workshop_raw else DEFAULT_WORKSHOP
    if not workshop_path.is_file():
        raise ConfigError("BOT_WORKSHOP", f"file {str(workshop_path)!r} does not exist")

    db_raw = env.get("BOT_DB_PATH", "").strip() or "data/bimtek.db"
    db_path = Path(db_raw)
    if db_path.exists() and db_path.is_dir():
        raise ConfigError("BOT_DB_PATH", f"{db_raw!r} is a directory, not a database file")

    export_dir = Path(env.get("BOT_EXPORT_DIR", "").strip() or "exports")
    if export_dir.exists() and not export_dir.is_dir():
        raise ConfigError("BOT_EXPORT_DIR", f"{str(export_dir)!r} is not a directory")

    base_url = env.get("BOT_API_BASE_URL", "").strip() or TELEGRAM_API_BASE
    if not re.match(r"^https?://[^\s/]+", base_url):
        raise ConfigError("BOT_API_BASE_URL", f"{base_url!r} is not an http(s) URL")

    log_level = env.get("BOT_LOG_LEVEL", "INFO").strip().upper() or "INFO"
    if log_level not in {"DEBUG", "INFO", "WARNING", "ERROR"}:
        raise ConfigError("BOT_LOG_LEVEL", "must be one of DEBUG, INFO, WARNING, ERROR")

    idea_min = _int_setting(env, "BOT_IDEA_MIN_CHARS", 10, 1, 500)
    idea_max = _int_setting(env, "BOT_IDEA_MAX_CHARS", 2000, 20, 4000)
    if idea_min >= idea_max:
        raise ConfigError("BOT_IDEA_MIN_CHARS", "must be smaller than BOT_IDEA_MAX_CHARS")

    day_before, before_minutes, grace_minutes = _reminder_settings(env)
    return Settings(
        token=token,
        idea_min_chars=idea_min,
        idea_max_chars=idea_max,
        admin_ids=admin_ids,
        facilitator_ids=facilitator_ids,
        db_path=db_path,
        workshop_path=workshop_path,
        export_dir=export_dir,
        api_base_url=base_url,
        log_level=log_level,
        reminder_day_before=day_before,
        reminder_before_minutes=before_minutes,
        reminder_grace_minutes=grace_minutes,
        **_ops_settings(env),
    )
