"""`bimtek-bot qr --session ID`: the check-in QR code of a session as a PNG, for printing.

The code is signed with a key derived from BOT_TOKEN, so the command needs the token; the bot's
username (part of the deep link) is asked from the Bot API unless `--username` gives it. The
session list comes from the bot's database, seeded from the workshop file if the bot never ran.
A bad setting or an unknown session prints one line and exits with 2.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from pathlib import Path

from bot.core.config import ConfigError, Settings, load_environment, load_settings
from bot.core.workshop import Workshop, load_workshop

EXIT_CONFIG = 2
EXIT_NETWORK = 1


def _fail(message: str, code: int = EXIT_CONFIG) -> int:
    print(f"bimtek-bot: error: {message}", file=sys.stderr)
    return code


async def _session_line(settings: Settings, workshop: Workshop, session_id: int) -> str | None:
    """'#3 Tahap 1, 2021-06-22 08:30–12:00: title', or None when there is no such session."""
    from storage.db import Database
    from storage.repository import Repository
    from storage.schedule import ScheduleRepository

    db = await Database.open(settings.db_path)
    try:
        await Repository(db).sync_workshop(workshop)
        schedule = ScheduleRepository(db)
        await schedule.sync_sessions(workshop, settings.clock())
        session = await schedule.get_session(session_id)
    finally:
        await db.close()
    if session is None:
        return None
    return (
        f"#{session.id} Tahap {session.stage}, {session.day.isoformat()} "
        f"{session.start:%H:%M}–{session.end:%H:%M}: {session.title}"
    )


async def _bot_username(settings: Settings) -> str:
    from telegram import Bot

    async with Bot(settings.token, base_url=settings.api_base_url) as bot:
        return bot.username


def _registration_payload(raw: str, workshop: Workshop) -> tuple[str, str, str] | None:
    """(payload, description, file name) of the QR code that opens registration for a stage."""
    stage_raw, _, mode = raw.partition(":")
    if not stage_raw.isdigit() or mode not in ("", "offline", "online"):
        return None
    stage = int(stage_raw)
    spec = next((s for s in workshop.stages if s.number == stage), None)
    if spec is None:
        return None
    payload = f"reg_{stage}" + (f"_{mode}" if mode else "")
    how = {"offline": " (in the room)", "online": " (online)", "": ""}[mode]
    name = f"qr_daftar_tahap_{stage}" + (f"_{mode}" if mode else "") + ".png"
    return payload, f"registration for {spec.title}{how}", name


def cmd_qr(args: argparse.Namespace) -> int:
    """Write the PNG QR code that checks people in to a session."""
    from telegram.error import TelegramError

    from bot.core import qr

    try:
        settings = load_settings(load_environment(Path(args.env_file)), require_admins=False)
        workshop = load_workshop(settings.workshop_path)
    except ConfigError as exc:
        return _fail(str(exc))
    if args.register:
        registration = _registration_payload(args.register, workshop)
        if registration is None:
            return _fail(
                f"--register: {args.register!r} is not STAGE or STAGE:offline|online "
                "of a stage in the workshop file"
            )
        payload, described, default_name = registration
    else:
        session_line = asyncio.run(_session_line(settings, workshop, args.session))
        if session_line is None:
            return _fail(f"--session: there is no session {args.session} (see /jadwal in the chat)")
        payload = qr.checkin_payload(args.session, settings.token)
        described, default_name = session_line, f"qr_sesi_{args.session}.png"
    username = args.username
    if not username:
        try:
            username = asyncio.run(_bot_username(settings))
        except TelegramError as exc:
            return _fail(f"cannot ask the Bot API for the bot's username: {exc}", EXIT_NETWORK)
    link = qr.deep_link(username, payload)
    output = Path(args.output) if args.output else settings.export_dir / default_name
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_bytes(qr.qr_png(link))
    print(f"{described}\n{link}\n{output}")
    return 0


def add_subcommands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    qr_parser = sub.add_parser(
        "qr",
        help="write a QR code (PNG): check-in to a session, or registration for a stage",
        description="Write the PNG QR code that checks participants in to a session as "
        "in-room (offline) — signed with BOT_TOKEN — or, with --register, the one that opens "
        "registration for a stage (and mode) for the room's poster.",
    )
    which = qr_parser.add_mutually_exclusive_group(required=True)
    which.add_argument("--session", type=int, help="check-in code of this session (/jadwal)")
    which.add_argument(
        "--register",
        metavar="STAGE[:MODE]",
        help="registration code for a stage, e.g. 1:offline for the room (mode: offline|online)",
    )
    qr_parser.add_argument(
        "--output", help="PNG file to write (default: BOT_EXPORT_DIR/qr_sesi_<ID>.png)"
    )
    qr_parser.add_argument(
        "--username", help="the bot's username, without asking the Bot API (getMe)"
    )
    qr_parser.set_defaults(func=cmd_qr)
