"""Log lines a small IT team can grep: `key=value` text (the default) or one JSON object a line.

Both carry the same fields: time, level, logger, message, and whatever a call adds with
`extra={...}` (ids, counts, durations; never names, phone numbers or texts people typed).
`BOT_LOG_FORMAT=json` suits journald/Loki/ELK; text suits `journalctl | grep user=123`.
Other libraries' DEBUG lines (request bodies, updates) are kept out unless
`BOT_LOG_PERSONAL_DATA=1` says otherwise.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from typing import IO, Any

FORMATS = ("text", "json")
# Attributes every LogRecord has; anything else on a record came from `extra=`.
_STANDARD = frozenset(vars(logging.makeLogRecord({}))) | {"message", "asctime", "taskName"}


def extra_fields(record: logging.LogRecord) -> dict[str, Any]:
    """The fields a log call added with `extra=`."""
    return {k: v for k, v in vars(record).items() if k not in _STANDARD and not k.startswith("_")}


def _time(record: logging.LogRecord) -> str:
    return dt.datetime.fromtimestamp(record.created).astimezone().isoformat(timespec="milliseconds")


class TextFormatter(logging.Formatter):
    """`<time> level=INFO logger=bot message key=value ...` (values with spaces quoted)."""

    def format(self, record: logging.LogRecord) -> str:
        parts = [
            _time(record),
            f"level={record.levelname}",
            f"logger={record.name}",
            record.getMessage(),
        ]
        for key, value in extra_fields(record).items():
            text = str(value)
            parts.append(f"{key}={json.dumps(text) if (' ' in text or not text) else text}")
        line = " ".join(parts)
        if record.exc_info:
            line += "\n" + self.formatException(record.exc_info)
        if record.stack_info:
            line += "\n" + self.formatStack(record.stack_info)
        return line


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, message, the extra fields, exc if any."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": _time(record),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for key, value in extra_fields(record).items():
            entry.setdefault(key, value)
        if record.exc_info:
            entry["exc"] = self.formatException(record.exc_info)
        if record.stack_info:
            entry["stack"] = self.formatStack(record.stack_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


# The bot's own loggers: their lines carry ids and counts, never what people sent.
OWN_LOGGERS = frozenset({"bot", "handlers", "storage", "__main__"})
# Libraries that log what people sent at DEBUG: python-telegram-bot every request's parameters
# and every update, the HTTP clients and servers their bodies, aiosqlite SQL parameters.
PAYLOAD_LOGGERS = (
    "telegram",
    "httpx",
    "httpcore",
    "hpack",
    "tornado",
    "aiohttp",
    "aiosqlite",
    "apscheduler",
    "asyncio",
)


class NoPersonalData(logging.Filter):
    """Drop other libraries' DEBUG records: they hold names, phone numbers and idea texts."""

    def filter(self, record: logging.LogRecord) -> bool:
        return record.levelno >= logging.INFO or record.name.split(".")[0] in OWN_LOGGERS


def keep_personal_data_out(allowed: bool = False) -> None:
    """Cap the libraries that log payloads at INFO (so their DEBUG records are never even
    made), unless `allowed` (BOT_LOG_PERSONAL_DATA=1, for debugging on a test bot)."""
    for name in PAYLOAD_LOGGERS:
        logger = logging.getLogger(name)
        if allowed:
            logger.setLevel(logging.NOTSET)
        elif logger.getEffectiveLevel() < logging.INFO:
            # Only ever quieter: a log already at WARNING (the demo) stays there.
            logger.setLevel(logging.INFO)


def setup_logging(
    level: str, fmt: str = "text", stream: IO[str] | None = None, *, personal_data: bool = False
) -> None:
    """Send the bot's log to stderr in `fmt`; quiet the HTTP libraries' per-request lines, and
    keep names, phone numbers and texts out of the log at every level unless `personal_data`.

    Like `logging.basicConfig`, a no-op for the handlers when the root logger already has one.
    """
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter() if fmt == "json" else TextFormatter())
    if not personal_data:
        handler.addFilter(NoPersonalData())
    logging.basicConfig(level=getattr(logging, level), handlers=[handler])
    keep_personal_data_out(personal_data)
    if not personal_data:
        # httpx logs every request's URL at INFO, and the URL holds the bot token.
        logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("aiohttp.access").setLevel(logging.WARNING)
    # Tornado (webhook mode) logs every request at INFO.
    logging.getLogger("tornado.access").setLevel(logging.WARNING)
