"""`bimtek-bot export`, `roster-template` and `import-roster`: the workbook without the chat.

None of them needs BOT_TOKEN: they read and write the bot's database directly (safe while the
bot runs, SQLite in WAL mode). A bad setting or argument prints one line and exits with 2, like
`run`.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from bot.core.config import ConfigError, Settings, load_environment, load_settings
from bot.core.workshop import Workshop, load_workshop

if TYPE_CHECKING:
    from bot.core.attachments import ZipResult
    from storage.export import ExportRequest

EXIT_CONFIG = 2
# Who registered a participant imported from the command line (no Telegram user did).
CLI_USER = 0


def _fail(message: str) -> int:
    print(f"bimtek-bot: error: {message}", file=sys.stderr)
    return EXIT_CONFIG


def _load(args: argparse.Namespace) -> tuple[Settings, Workshop]:
    env = load_environment(Path(args.env_file))
    settings = load_settings(env, require_token=False, require_admins=False)
    return settings, load_workshop(settings.workshop_path)


async def _migrate(
    db_path: Path, *, audit: tuple[str, str, dict[str, object]] | None = None
) -> None:
    """Bring an older database up to the current schema (a no-op when the bot already did);
    `audit` (action, subject, details) is recorded in the audit log on the way."""
    from storage.admin import AdminRepository
    from storage.db import Database

    db = await Database.open(db_path)
    if audit is not None:
        action, subject, details = audit
        await AdminRepository(db).record(None, action, subject, **details)
    await db.close()


def cmd_export(args: argparse.Namespace) -> int:
    """Write the drafting team's workbook from the database."""
    from handlers.export import export_labels, group_for_export
    from storage.export import (
        PROGRESS_EVERY,
        ExportError,
        ExportRequest,
        default_output,
        write_export,
    )

    try:
        settings, workshop = _load(args)
        if args.attachments:  # the files are fetched through the Bot API: the token is needed
            env = load_environment(Path(args.env_file))
            settings = load_settings(env, require_token=True, require_admins=False)
    except ConfigError as exc:
        return _fail(str(exc))
    if not settings.db_path.is_file():
        return _fail(f"BOT_DB_PATH: database {str(settings.db_path)!r} does not exist")
    output = (
        Path(args.output)
        if args.output
        else default_output(
            settings.export_dir,
            workshop.region,
            args.stage,
            timezone=workshop.timezone,
            public=not args.full,
            now=settings.clock(),
        )
    )
    if output.is_dir():
        return _fail(f"--output: {str(output)!r} is a directory, not a file name")
    subject = f"stage {args.stage}" if args.stage else "all stages"
    details: dict[str, object] = {"public": not args.full}
    audit = ("export.cli", subject, details)
    asyncio.run(_migrate(settings.db_path, audit=audit))

    def progress(what: str, done: int, total: int) -> None:
        if total >= PROGRESS_EVERY and what == "ideas":
            print(f"ideas: {done:,} of {total:,}", file=sys.stderr, flush=True)

    request = ExportRequest(
        db_path=settings.db_path,
        output=output,
        labels=export_labels("id"),
        workshop_name=workshop.name,
        region=workshop.region,
        timezone=workshop.timezone,
        stage=args.stage,
        public=not args.full,
        now=settings.clock(),
        villages=dict(workshop.villages),
        group_ideas=group_for_export,
    )
    if args.attachments:
        return _export_zip(settings, request, args.max_total)
    try:
        result = write_export(request, progress=progress)
    except ExportError as exc:
        return _fail(f"{'--stage' if exc.about == 'stage' else 'BOT_DB_PATH'}: {exc}")
    kind = "shareable workbook" if result.public else "FULL workbook with personal data"
    print(
        f"exported {result.ideas:,} ideas and {result.registrations:,} registrations "
        f"({kind}) in {result.seconds:.1f} s ({result.size / 1024 / 1024:.1f} MB)",
        file=sys.stderr,
    )
    print(result.path)
    return 0


def _export_zip(settings: Settings, request: ExportRequest, max_total_mb: int) -> int:
    """`export --attachments`: the workbook and the ideas' files in one .zip, with progress."""
    from telegram import Bot

    from bot.app import file_base_url
    from bot.core.attachments import export_with_attachments
    from handlers.export import attachment_notes
    from storage.export import ExportError

    step = 1

    def progress(done: int, total: int, size: int) -> None:
        nonlocal step
        if done == total or done >= step:
            print(
                f"attachments: {done:,} of {total:,} ({size / 1024 / 1024:.1f} MB)",
                file=sys.stderr,
                flush=True,
            )
            step = done + max(1, total // 20)

    async def run() -> ZipResult:
        bot = Bot(
            settings.token,
            base_url=settings.api_base_url,
            base_file_url=file_base_url(settings.api_base_url),
        )
        async with bot:
            return await export_with_attachments(
                bot,
                request,
                attachment_notes(),
                max_total=max_total_mb * 1024 * 1024,
                progress=progress,
            )

    try:
        zipped = asyncio.run(run())
    except ExportError as exc:
        return _fail(f"{'--stage' if exc.about == 'stage' else 'BOT_DB_PATH'}: {exc}")
    print(
        f"exported {zipped.export.ideas:,} ideas with {zipped.included:,} attachments "
        f"({zipped.skipped:,} not included, see the Lampiran column) "
        f"({zipped.size / 1024 / 1024:.1f} MB)",
        file=sys.stderr,
    )
    print(zipped.path)
    return 0


def cmd_roster_template(args: argparse.Namespace) -> int:
    """Write the roster template (.xlsx) for the secretariat to fill in."""
    from handlers.roster_import import TEMPLATE_NAME, template_for

    try:
        settings, workshop = _load(args)
    except ConfigError as exc:
        return _fail(str(exc))
    output = Path(args.output) if args.output else settings.export_dir / TEMPLATE_NAME
    if output.is_dir():
        return _fail(f"--output: {str(output)!r} is a directory, not a file name")
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_bytes(template_for(list(workshop.kecamatan)))
    print(output)
    return 0


def cmd_import_roster(args: argparse.Namespace) -> int:
    """Register the participants of an .xlsx or .csv list as offline for a stage."""
    from storage.roster import MAX_FILE_BYTES, ROSTER_EXTENSIONS

    try:
        settings, workshop = _load(args)
    except ConfigError as exc:
        return _fail(str(exc))
    source = Path(args.file)
    if not source.is_file():
        return _fail(f"FILE: {str(source)!r} does not exist")
    if not source.name.lower().endswith(ROSTER_EXTENSIONS):
        return _fail(f"FILE: {source.name!r} is not an .xlsx or .csv file")
    if source.stat().st_size > MAX_FILE_BYTES:
        # Not even read: no roster comes near (the chat's upload limit is the same).
        return _fail(f"FILE: {source.name!r} is larger than {MAX_FILE_BYTES // 2**20} MB")
    return asyncio.run(_import(settings, workshop, source.name, source.read_bytes(), args.stage))


async def _import(
    settings: Settings, workshop: Workshop, name: str, data: bytes, stage: int
) -> int:
    from handlers.roster_import import describe_problem, rules_for
    from handlers.texts import t
    from storage.db import Database
    from storage.repository import Repository
    from storage.roster import RosterError, import_roster, read_roster

    db = await Database.open(settings.db_path)
    try:
        repo = Repository(db)
        await repo.sync_workshop(workshop)
        if await repo.get_stage(stage) is None:
            return _fail(f"--stage: there is no stage {stage}")
        rules = rules_for([i.name for i in await repo.institutions("kecamatan")])
        try:
            parsed = read_roster(data, name, rules)
        except RosterError as error:
            message = t(
                "en",
                f"roster_error_{error.reason}",
                name=name,
                max=error.values.get("max", rules.max_rows),
            )
            return _fail(message)
        report = await import_roster(repo, parsed, stage, entered_by=CLI_USER)
    finally:
        await db.close()
    print(
        f"stage {stage}: imported {report.imported}, already present {report.already}, "
        f"rows with problems {len(report.problems)}"
    )
    for problem in report.problems:
        print(describe_problem("en", problem, html=False))
    return 0


def add_subcommands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `export`, `roster-template` and `import-roster` to the `bimtek-bot` parser."""
    export = sub.add_parser(
        "export",
        help="write the Excel workbook for the drafting team (no token needed)",
        description="Write the workbook (Ringkasan, Ide, one sheet per dimension, Peserta, "
        "Partisipasi) from the database in BOT_DB_PATH. Safe while the bot runs. By default the "
        "shareable one, without names; --full for the one with personal data.",
    )
    export.add_argument(
        "--stage", type=int, default=None, help="only this stage (default: every stage)"
    )
    export.add_argument(
        "--output",
        default=None,
        help="file to write (default: BOT_EXPORT_DIR/bimtek_<region>_tahap-<N>_<time>.xlsx)",
    )
    export.add_argument(
        "--full",
        action="store_true",
        help="the full workbook WITH PERSONAL DATA (names, phones, Telegram ids), for the "
        "secretariat only; default: the shareable one (participants by number, position and "
        "institution)",
    )
    export.add_argument(
        "--attachments",
        action="store_true",
        help="one .zip with the workbook and the ideas' photos, voice notes and documents, "
        "fetched through the Bot API (needs BOT_TOKEN); files over 20 MB are listed, not fetched",
    )
    export.add_argument(
        "--max-total",
        type=int,
        default=1024,
        metavar="MB",
        help="with --attachments: stop adding files once the .zip would pass this size "
        "(default 1024)",
    )
    # The shareable workbook is the default now; the old flag is accepted and changes nothing.
    export.add_argument("--public", action="store_true", help=argparse.SUPPRESS)
    export.set_defaults(func=cmd_export)

    template = sub.add_parser(
        "roster-template",
        help="write the .xlsx template of the offline participant list",
        description="Write the roster template the secretariat fills in and imports.",
    )
    template.add_argument(
        "--output",
        default=None,
        help="file to write (default: BOT_EXPORT_DIR/templat_peserta_luring.xlsx)",
    )
    template.set_defaults(func=cmd_roster_template)

    roster = sub.add_parser(
        "import-roster",
        help="register the participants of an .xlsx or .csv list as offline for a stage",
        description="Import a list of offline participants. Rows with problems are listed with "
        "their row number and reason; the others are imported. Importing the same file again "
        "registers nobody twice.",
    )
    roster.add_argument("file", metavar="FILE", help="the .xlsx or .csv list")
    roster.add_argument("--stage", type=int, required=True, help="stage number")
    roster.set_defaults(func=cmd_import_roster)
