"""The `bimtek-bot` command line: run the real bot, or the demo against the local emulator.

Package `bot.cli` (top layer, beside `bot.dev`): this module is the entry point
(`entry_point`); `export`, `ops` and `schedule` hold the subcommands of their area. May import
every layer below (bot.app, bot.jobs, handlers, bot.core, bot.rules, storage) and bot.dev.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from bot.cli import decisions as cli_decisions
from bot.cli import export as cli_export
from bot.cli import ops as cli_ops
from bot.cli import schedule as cli_schedule
from bot.core.config import ConfigError, load_environment, load_settings

EXIT_CONFIG = 2


def _setup_logging(level: str, fmt: str = "text", *, personal_data: bool = False) -> None:
    # key=value pairs after the message keep the log greppable by user, update or stage;
    # BOT_LOG_FORMAT=json writes one JSON object per line instead (bot/core/logfmt.py).
    from bot.core.logfmt import setup_logging

    setup_logging(level, fmt, personal_data=personal_data)


def _fail(message: str) -> int:
    print(f"bimtek-bot: error: {message}", file=sys.stderr)
    return EXIT_CONFIG


def cmd_run(args: argparse.Namespace) -> int:
    """Run the bot for real: long polling Telegram (or BOT_API_BASE_URL), or a webhook."""
    from bot.app import build_application
    from bot.core.workshop import load_workshop

    try:
        settings = load_settings(cli_ops.run_overrides(args, load_environment(Path(args.env_file))))
        cli_ops.check_webhook_support(settings)
        workshop = load_workshop(settings.workshop_path)
    except ConfigError as exc:
        return _fail(str(exc))
    _setup_logging(
        settings.log_level, settings.log_format, personal_data=settings.log_personal_data
    )
    app = build_application(settings, workshop=workshop)
    logging.getLogger("bot").info(
        "starting workshop=%r region=%r db=%s", workshop.name, workshop.region, settings.db_path
    )
    cli_ops.serve(app, settings)
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    """Run a scripted hybrid workshop against the built-in Bot API emulator."""
    from bot.dev.demo import run_demo

    try:
        env = load_environment(Path(args.env_file))
        settings = load_settings(env, require_token=False, require_admins=False)
    except ConfigError as exc:
        return _fail(str(exc))
    _setup_logging("WARNING" if not args.verbose else "INFO")
    return asyncio.run(run_demo(settings, participants=args.participants, db_path=Path(args.db)))


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="bimtek-bot",
        description="Telegram bot for a hybrid Smart City Bimtek workshop (Tahap I–IV).",
    )
    parser.add_argument(
        "--env-file", default=".env", help="file with BOT_* settings (default: .env)"
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    run = sub.add_parser(
        "run",
        help="run the bot against Telegram (needs BOT_TOKEN and BOT_ADMIN_IDS)",
        description="Run the bot for real. Settings come from the environment and .env: "
        "BOT_TOKEN, BOT_ADMIN_IDS, BOT_FACILITATOR_IDS, BOT_DB_PATH, BOT_WORKSHOP, "
        "BOT_EXPORT_DIR, BOT_API_BASE_URL, BOT_LOG_LEVEL.",
    )
    cli_ops.add_run_options(run)
    run.set_defaults(func=cmd_run)

    demo = sub.add_parser(
        "demo",
        help="run a scripted workshop against the local Bot API emulator (no token needed)",
        description="Start the local Bot API emulator, run the real bot against it and play a "
        "hybrid workshop with simulated participants. No token, no internet.",
    )
    demo.add_argument(
        "--participants", type=int, default=48, help="simulated participants (default 48)"
    )
    demo.add_argument(
        "--db",
        default="data/demo.db",
        help="demo database, recreated each run (default data/demo.db)",
    )
    demo.add_argument("--verbose", action="store_true", help="show the bot's log")
    demo.set_defaults(func=cmd_demo)
    # export, roster-template, import-roster (the drafting team's workbook; no token needed).
    cli_export.add_subcommands(sub)
    # import-decisions: the drafting team's decisions from their workbook (issue 14).
    cli_decisions.add_subcommands(sub)
    # qr: the check-in QR code of a session, for printing (needs BOT_TOKEN).
    cli_schedule.add_subcommands(sub)
    # backup, restore, health (operations; no token needed except `health --telegram`).
    cli_ops.add_subcommands(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    return int(args.func(args))


def entry_point() -> None:
    sys.exit(main())


if __name__ == "__main__":
    entry_point()
