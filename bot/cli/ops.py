"""`bimtek-bot backup`, `restore` and `health`, and webhook mode for `run`.

- `backup` copies the database with SQLite's online backup API (safe while the bot runs),
  verifies the copy and keeps the last BOT_BACKUP_KEEP; prints the file.
- `restore FILE` puts a backup back: refused unless FILE is a sound bot database of this version
  or an earlier one, refused while the bot runs; the current database is kept aside. Asks first
  unless `--yes`.
- `health` answers monitoring (systemd, Docker HEALTHCHECK, a cron job) in one line: exit 0 and
  `ok ...`, or exit 1 and `fail ...`. Always 1 on failure, config errors included: Docker
  reserves exit code 2 of a health check.
- `run --webhook URL` (or BOT_WEBHOOK_URL) receives updates on an HTTP server behind a TLS proxy
  instead of long polling; Telegram's secret token header is required and checked.

Bad settings or arguments print one line and exit with 2, like the other commands.
"""

from __future__ import annotations

import argparse
import asyncio
import importlib.util
import logging
import sys
import time
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from bot.core.config import ConfigError, Settings, load_environment, load_settings
from storage.backup import (
    BackupError,
    DatabaseInfo,
    backup_database,
    default_backup_dir,
    inspect_database,
    latest_schema_version,
    restore_database,
)

if TYPE_CHECKING:
    from bot.core.context import BotApplication

EXIT_FAILED = 1
EXIT_CONFIG = 2
HEALTH_TIMEOUT = 1.5


def _fail(message: str, code: int = EXIT_CONFIG) -> int:
    print(f"bimtek-bot: error: {message}", file=sys.stderr)
    return code


def _settings(args: argparse.Namespace, *, require_token: bool = False) -> Settings:
    env = load_environment(Path(args.env_file))
    return load_settings(env, require_token=require_token, require_admins=False)


def _mb(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MB"


def _describe(info: DatabaseInfo) -> str:
    return (
        f"schema {info.schema_version}, {info.participants:,} participants, "
        f"{info.ideas:,} ideas, {_mb(info.size)}"
    )


# --- backup and restore ----------------------------------------------------------------------


def cmd_backup(args: argparse.Namespace) -> int:
    """Write a verified online backup of the database and keep the last N."""
    try:
        settings = _settings(args)
    except ConfigError as exc:
        return _fail(str(exc))
    if not settings.db_path.is_file():
        return _fail(f"BOT_DB_PATH: database {str(settings.db_path)!r} does not exist")
    folder = Path(args.output) if args.output else settings.backup_dir
    folder = folder or default_backup_dir(settings.db_path)
    if folder.exists() and not folder.is_dir():
        return _fail(f"--output: {str(folder)!r} is not a directory")
    keep = args.keep if args.keep is not None else settings.backup_keep
    try:
        result = backup_database(settings.db_path, folder, keep=keep, now=settings.clock())
    except BackupError as exc:
        return _fail(f"backup failed: {exc}", EXIT_FAILED)
    print(
        f"backup verified ({_describe(result.info)}) in {result.seconds:.1f} s; "
        f"kept the last {keep}, removed {len(result.pruned)}",
        file=sys.stderr,
    )
    print(result.path)
    return 0


def _confirmed(question: str) -> bool:
    print(question, end=" ", file=sys.stderr, flush=True)
    try:
        answer = input()
    except EOFError:
        return False
    return answer.strip().casefold() in {"y", "yes", "ya"}


def cmd_restore(args: argparse.Namespace) -> int:
    """Replace the database by a backup, keeping the current one aside."""
    try:
        settings = _settings(args)
    except ConfigError as exc:
        return _fail(str(exc))
    source = Path(args.file)
    try:
        info = inspect_database(source)
    except BackupError as exc:
        return _fail(f"FILE: {exc}")
    target = settings.db_path
    print(f"{source}: {_describe(info)}", file=sys.stderr)
    if not args.yes and not _confirmed(
        f"Replace {target} by this backup? The current database is kept as "
        f"{target.name}.before-restore-<time>. Stop the bot first. [y/N]"
    ):
        return _fail("restore not confirmed; nothing changed", EXIT_FAILED)
    try:
        result = restore_database(source, target, now=settings.clock())
    except BackupError as exc:
        return _fail(f"restore refused: {exc}", EXIT_FAILED)
    if result.kept_aside is not None:
        print(f"previous database kept as {result.kept_aside}", file=sys.stderr)
    latest = latest_schema_version()
    if result.restored.schema_version < latest:
        print(
            f"schema {result.restored.schema_version} is brought up to {latest} when the bot "
            "starts",
            file=sys.stderr,
        )
    print(f"restored {target} from {source}")
    return 0


# --- health ----------------------------------------------------------------------------------


async def _get_me(settings: Settings, timeout: float) -> str:
    from telegram import Bot
    from telegram.request import HTTPXRequest

    request = HTTPXRequest(connect_timeout=timeout, read_timeout=timeout, write_timeout=timeout)
    bot = Bot(settings.token, base_url=settings.api_base_url, request=request)
    async with asyncio.timeout(timeout):
        async with bot:  # initialize() is getMe
            return bot.username


def cmd_health(args: argparse.Namespace) -> int:
    """One line for monitoring: `ok ...` and exit 0, or `fail ...` and exit 1."""
    started = time.monotonic()

    def fail(what: str, problem: object) -> int:
        print(f"fail {what}: {problem}")
        return EXIT_FAILED

    try:
        settings = _settings(args, require_token=args.telegram)
    except ConfigError as exc:
        return fail("config", exc)
    try:
        info = inspect_database(settings.db_path, integrity=False)
    except BackupError as exc:
        return fail("database", exc)
    latest = latest_schema_version()
    if info.schema_version != latest:
        return fail(
            "database",
            f"schema version {info.schema_version}, this bot's is {latest} "
            "(migrations run when the bot starts: is it running this version?)",
        )
    parts = [
        "ok",
        f"schema={info.schema_version}",
        f"participants={info.participants}",
        f"ideas={info.ideas}",
        f"size={info.size}",
    ]
    if args.telegram:
        from telegram.error import TelegramError

        try:
            username = asyncio.run(_get_me(settings, args.timeout))
        except TimeoutError:
            return fail("telegram", f"getMe did not answer within {args.timeout:g} s")
        except (TelegramError, OSError) as exc:
            return fail("telegram", f"getMe failed: {exc}")
        parts.append(f"bot=@{username}")
    parts.append(f"ms={round((time.monotonic() - started) * 1000)}")
    print(" ".join(parts))
    return 0


# --- run: polling or webhook -----------------------------------------------------------------


def run_overrides(args: argparse.Namespace, env: Mapping[str, str]) -> dict[str, str]:
    """The environment with `run --webhook/--listen/--port` on top (validated by load_settings)."""
    merged = dict(env)
    for option, name in (
        ("webhook", "BOT_WEBHOOK_URL"),
        ("listen", "BOT_WEBHOOK_LISTEN"),
        ("port", "BOT_WEBHOOK_PORT"),
    ):
        value = getattr(args, option, None)
        if value is not None:
            merged[name] = str(value)
    return merged


def check_webhook_support(settings: Settings) -> None:
    """Webhook mode needs tornado (python-telegram-bot[webhooks]); say so before starting."""
    if settings.webhook_url and importlib.util.find_spec("tornado") is None:
        raise ConfigError(
            "BOT_WEBHOOK_URL", "webhook mode needs python-telegram-bot[webhooks] (tornado)"
        )


def serve(app: BotApplication, settings: Settings) -> None:
    """Run until stopped: long polling, or the webhook server when BOT_WEBHOOK_URL is set.

    Either way updates go through the inbox (bot/core/inbox.py): confirmed to Telegram (the next
    getUpdates offset, or the webhook's HTTP 200) only once they are stored.
    """
    log = logging.getLogger("bot")
    if settings.webhook_url:
        log.info(
            "webhook mode",
            extra={
                "url": settings.webhook_url,
                "listen": settings.webhook_listen,
                "port": settings.webhook_port,
            },
        )
        # Our own front door: the secret and the size are checked before any body is read.
        from bot.core.webhook import run_webhook

        asyncio.run(run_webhook(app, settings))
    else:
        log.info("long polling mode")
        from bot.core import runner

        asyncio.run(runner.serve(app))


def add_run_options(run: argparse.ArgumentParser) -> None:
    """`run --webhook URL [--listen ADDR] [--port N]`."""
    run.add_argument(
        "--webhook",
        metavar="URL",
        help="receive updates at this https:// URL (behind a TLS proxy) instead of long polling; "
        "needs BOT_WEBHOOK_SECRET (default: BOT_WEBHOOK_URL, else polling)",
    )
    run.add_argument("--listen", help="address of the local webhook server (default 127.0.0.1)")
    run.add_argument("--port", type=int, help="port of the local webhook server (default 8443)")


def _positive(raw: str) -> int:
    if not raw.isdigit() or int(raw) < 1:
        raise argparse.ArgumentTypeError("must be a whole number of at least 1")
    return int(raw)


def add_subcommands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `backup`, `restore` and `health` to the `bimtek-bot` parser."""
    backup = sub.add_parser(
        "backup",
        help="write a verified online backup of the database (safe while the bot runs)",
        description="Copy the database with SQLite's online backup API, check the copy with "
        "PRAGMA integrity_check and keep the last N. The bot also does this every day at "
        "BOT_BACKUP_TIME.",
    )
    backup.add_argument(
        "--output",
        metavar="DIR",
        help="folder for backups (default: BOT_BACKUP_DIR, else backups/ beside the database)",
    )
    backup.add_argument(
        "--keep",
        type=_positive,
        metavar="N",
        help="keep the last N backups (default: BOT_BACKUP_KEEP, 14)",
    )
    backup.set_defaults(func=cmd_backup)

    restore = sub.add_parser(
        "restore",
        help="replace the database by a backup (stop the bot first)",
        description="Check FILE (a sound Bimtek Bot database, not newer than this version), keep "
        "the current database as <db>.before-restore-<time> and put FILE in its place. Older "
        "backups are migrated when the bot starts.",
    )
    restore.add_argument("file", metavar="FILE", help="the backup to restore")
    restore.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    restore.set_defaults(func=cmd_restore)

    health = sub.add_parser(
        "health",
        help="one-line health check for monitoring (exit 0 ok, 1 failing)",
        description="Check that the database opens at the latest schema version and answers a "
        "query; with --telegram also that getMe succeeds. Prints one line.",
    )
    health.add_argument(
        "--telegram", action="store_true", help="also call getMe on BOT_API_BASE_URL"
    )
    health.add_argument(
        "--timeout",
        type=float,
        default=HEALTH_TIMEOUT,
        help=f"seconds to wait for getMe (default {HEALTH_TIMEOUT:g})",
    )
    health.set_defaults(func=cmd_health)
