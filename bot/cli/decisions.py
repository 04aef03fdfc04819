"""`bimtek-bot import-decisions FILE`: the drafting team's decisions, without the chat.

Reads the "Ide" sheet of the workbook the team filled in (the same reader and checks as
/keputusan), and applies every row in one transaction, or none if any row has a problem (each
is printed by sheet and row). Needs no token; safe while the bot runs (SQLite in WAL mode).
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from pathlib import Path

from bot.core.config import ConfigError, Settings, load_environment, load_settings
from bot.core.workshop import Workshop, load_workshop

EXIT_CONFIG = 2
EXIT_PROBLEMS = 1


def _fail(message: str) -> int:
    print(f"bimtek-bot: error: {message}", file=sys.stderr)
    return EXIT_CONFIG


def cmd_import_decisions(args: argparse.Namespace) -> int:
    """Apply the decisions of a returned workbook; exit 1 (nothing applied) if a row is wrong."""
    from storage.decisions import MAX_FILE_BYTES

    try:
        env = load_environment(Path(args.env_file))
        settings = load_settings(env, require_token=False, require_admins=False)
        workshop = load_workshop(settings.workshop_path)
    except ConfigError as exc:
        return _fail(str(exc))
    source = Path(args.file)
    if not source.is_file():
        return _fail(f"FILE: {str(source)!r} does not exist")
    if not source.name.lower().endswith(".xlsx"):
        return _fail(f"FILE: {source.name!r} is not an .xlsx workbook")
    if source.stat().st_size > MAX_FILE_BYTES:
        return _fail(f"FILE: {source.name!r} is larger than {MAX_FILE_BYTES // 2**20} MB")
    if not settings.db_path.is_file():
        return _fail(f"BOT_DB_PATH: database {str(settings.db_path)!r} does not exist")
    return asyncio.run(_import(settings, workshop, source.name, source.read_bytes()))


async def _import(settings: Settings, workshop: Workshop, name: str, data: bytes) -> int:
    from handlers.decisions import report_lines
    from handlers.texts import t
    from storage.db import Database
    from storage.decisions import DecisionFileError, DecisionRepository, read_decision_file
    from storage.repository import Repository

    try:
        sheet = read_decision_file(data)
    except DecisionFileError as error:
        sheet_name = error.values.get("sheet", "Ide")
        return _fail(t("en", f"decisions_error_{error.reason}", name=name, sheet=sheet_name))
    db = await Database.open(settings.db_path, clock=settings.clock)
    try:
        await Repository(db).sync_workshop(workshop)
        report = await DecisionRepository(db).apply(sheet, by=None)
    finally:
        await db.close()
    for line in report_lines("en", name, report, html=False):
        print(line, file=sys.stderr if report.problems else sys.stdout)
    return EXIT_PROBLEMS if report.problems else 0


def add_subcommands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `import-decisions` to the `bimtek-bot` parser."""
    decisions = sub.add_parser(
        "import-decisions",
        help="apply the drafting team's decisions from the exported workbook they filled in",
        description="Read the decision columns of the Ide sheet (Keputusan, Digabung ke, Jangka "
        "waktu final, Instansi penanggung jawab, Kategori rencana aksi, Nama program, Catatan) "
        "and store them. Every row with a problem is listed by sheet and row and then nothing "
        "is applied (exit 1). Rows that change nothing are left as they are.",
    )
    decisions.add_argument("file", metavar="FILE", help="the .xlsx workbook from `export`")
    decisions.set_defaults(func=cmd_import_decisions)
