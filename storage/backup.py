"""Online backups and restores of the bot's SQLite database (no Telegram here).

A backup is taken with SQLite's online backup API in one step, which reads one consistent snapshot
while the bot goes on writing (WAL mode: readers never block the writer), never by copying the
file, which could catch a page half written or miss what is still in the `-wal` file. Each copy is
written under a temporary name, checked with `PRAGMA integrity_check`, made self-contained
(journal mode DELETE, no `-wal` beside it) and only then renamed to its final name, so a file
named like a backup is always a good one. The last N are kept, none older than N days.

A restore refuses anything that is not a sound bot database of this version or an earlier one
(the migrations bring an older one up to date at the next start), refuses while another process
has the database open (the bot must be stopped), and keeps the current database aside as
`<db>.before-restore-<time>`.

Everything here is synchronous and quick to reason about; the bot runs it off the event loop with
`asyncio.to_thread`.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import sqlite3
import time
import uuid
from contextlib import closing, suppress
from dataclasses import dataclass
from pathlib import Path

from storage.db import migrations

SUFFIX = ".db"
PARTIAL = ".partial"
_STAMP_FORMAT = "%Y%m%d-%H%M%S"
# `<stem>-YYYYmmdd-HHMMSSZ.db`, with `-2`, `-3`... when two fall in the same second.
_NAME = re.compile(r"^(?P<stem>.+)-(?P<stamp>\d{8}-\d{6})Z(?:-(?P<n>\d+))?\.db$")
# Tables every version of the bot's schema has: a database without them is someone else's.
_BOT_TABLES = ("stages", "participants", "registrations", "users")


class BackupError(Exception):
    """A backup or restore was refused or failed; `reason` is a short word for tests and logs."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason


@dataclass(frozen=True)
class DatabaseInfo:
    """What a database file holds, read without changing it."""

    path: Path
    schema_version: int
    participants: int
    ideas: int
    size: int


@dataclass(frozen=True)
class BackupFile:
    path: Path
    taken_at: dt.datetime
    size: int


@dataclass(frozen=True)
class BackupResult:
    path: Path
    size: int
    seconds: float
    info: DatabaseInfo
    pruned: tuple[Path, ...]


@dataclass(frozen=True)
class RestoreResult:
    restored: DatabaseInfo
    kept_aside: Path | None


def latest_schema_version() -> int:
    return len(migrations())


def default_backup_dir(db_path: Path) -> Path:
    """Backups live beside the database unless BOT_BACKUP_DIR says otherwise."""
    return db_path.parent / "backups"


def database_size(db_path: Path) -> int:
    """Bytes on disk: the database and its write-ahead log (not checkpointed yet)."""
    total = 0
    for path in (db_path, Path(f"{db_path}-wal")):
        with suppress(OSError):
            total += path.stat().st_size
    return total


def backup_name(db_path: Path, now: dt.datetime) -> str:
    return f"{db_path.stem}-{now.astimezone(dt.UTC).strftime(_STAMP_FORMAT)}Z{SUFFIX}"


def list_backups(backup_dir: Path, db_path: Path) -> list[BackupFile]:
    """The backups of `db_path` in `backup_dir`, newest first (other files are left alone)."""
    found: list[tuple[tuple[str, int], BackupFile]] = []
    if not backup_dir.is_dir():
        return []
    for entry in backup_dir.iterdir():
        match = _NAME.match(entry.name)
        if match is None or match["stem"] != db_path.stem or not entry.is_file():
            continue
        taken = dt.datetime.strptime(match["stamp"], _STAMP_FORMAT).replace(tzinfo=dt.UTC)
        order = (match["stamp"], int(match["n"] or 1))
        try:
            size = entry.stat().st_size
        except FileNotFoundError:
            continue  # pruned meanwhile by a backup running at the same moment
        found.append((order, BackupFile(entry, taken, size)))
    found.sort(key=lambda item: item[0], reverse=True)
    return [backup for _, backup in found]


def prune_backups(
    backup_dir: Path, db_path: Path, keep: int, *, now: dt.datetime | None = None
) -> list[Path]:
    """Delete all but the `keep` newest backups, and every backup older than `keep` days (the
    privacy notice promises that erased data is gone from backups after that); returns what was
    deleted. Ages are read from the names, in UTC."""
    if keep < 1:
        raise ValueError("keep at least one backup")
    oldest = (now or dt.datetime.now(dt.UTC)) - retention(keep)
    removed: list[Path] = []
    for index, old in enumerate(list_backups(backup_dir, db_path)):
        if index < keep and old.taken_at >= oldest:
            continue
        old.path.unlink(missing_ok=True)
        removed.append(old.path)
    return removed


def retention(keep: int) -> dt.timedelta:
    """How long a backup (and so an erased person's data in it) is kept at most."""
    return dt.timedelta(days=keep)


def inspect_database(path: Path, *, integrity: bool = True) -> DatabaseInfo:
    """Check that `path` is a sound bot database this code can run; describe it.

    Raises `BackupError` with reason `missing`, `not_database`, `corrupt`, `not_bot` or `newer`.
    `integrity=False` skips `PRAGMA integrity_check`, which reads every page (the health check
    must answer in well under two seconds).
    """
    if not path.is_file():
        raise BackupError("missing", f"{str(path)!r} does not exist or is not a file")
    try:
        # mode=ro: looking at a file must never create or change it.
        conn = sqlite3.connect(_read_only(path), uri=True, timeout=1.0)
    except sqlite3.Error as exc:
        raise BackupError("not_database", f"{path.name} cannot be opened: {exc}") from None
    with closing(conn):
        try:
            check = "PRAGMA integrity_check" if integrity else "PRAGMA schema_version"
            result = [str(row[0]) for row in conn.execute(check)]
            version = int(conn.execute("PRAGMA user_version").fetchone()[0])
            tables = {
                r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")
            }
        except sqlite3.DatabaseError as exc:
            raise BackupError(
                "not_database", f"{path.name} is not a readable SQLite database ({exc})"
            ) from None
        if integrity and result != ["ok"]:
            raise BackupError("corrupt", f"{path.name} failed the integrity check: {result[0]}")
        if version < 1 or not set(_BOT_TABLES) <= tables:
            raise BackupError("not_bot", f"{path.name} is not a Bimtek Bot database")
        latest = latest_schema_version()
        if version > latest:
            raise BackupError(
                "newer",
                f"{path.name} has schema version {version}, newer than this bot's {latest}: "
                "upgrade the bot first",
            )
        participants = int(conn.execute("SELECT COUNT(*) FROM participants").fetchone()[0])
        ideas = 0
        if "ideas" in tables:
            ideas = int(conn.execute("SELECT COUNT(*) FROM ideas").fetchone()[0])
    return DatabaseInfo(path, version, participants, ideas, database_size(path))


def backup_database(
    db_path: Path, backup_dir: Path, *, keep: int, now: dt.datetime | None = None
) -> BackupResult:
    """Copy the live database into `backup_dir` consistently, verify it, keep the last `keep`."""
    if not db_path.is_file():
        raise BackupError("missing", f"database {str(db_path)!r} does not exist")
    started = time.monotonic()
    now = now or dt.datetime.now(dt.UTC)
    backup_dir.mkdir(parents=True, exist_ok=True)
    # A name no other backup (another process, the same second) can be writing to.
    partial = backup_dir / f".{db_path.stem}-{uuid.uuid4().hex}{PARTIAL}"
    try:
        _copy(db_path, partial)
        info = inspect_database(partial)
        target = _claim_name(partial, backup_dir, db_path, now)
    finally:
        partial.unlink(missing_ok=True)
    pruned = prune_backups(backup_dir, db_path, keep, now=now)
    size = target.stat().st_size
    info = DatabaseInfo(target, info.schema_version, info.participants, info.ideas, size)
    return BackupResult(target, size, time.monotonic() - started, info, tuple(pruned))


def restore_database(
    source: Path, db_path: Path, *, now: dt.datetime | None = None
) -> RestoreResult:
    """Put the backup `source` in place of `db_path`, keeping the current database aside.

    Raises `BackupError`: the reasons of `inspect_database`, or `in_use` while another process
    (the bot) has the database open.
    """
    inspect_database(source)
    now = now or dt.datetime.now(dt.UTC)
    db_path.parent.mkdir(parents=True, exist_ok=True)
    staging = db_path.with_name(db_path.name + ".restoring")
    try:
        # Through the backup API too, so a source still in WAL mode arrives whole.
        _copy(source, staging)
        _settle_inbox(staging)
        restored = inspect_database(staging)
        kept_aside = _move_aside(db_path, now) if db_path.exists() else None
        # A log left without its database would be replayed into the restored one.
        for leftover in (Path(f"{db_path}-wal"), Path(f"{db_path}-shm")):
            leftover.unlink(missing_ok=True)
        os.replace(staging, db_path)
    finally:
        staging.unlink(missing_ok=True)
    info = DatabaseInfo(
        db_path, restored.schema_version, restored.participants, restored.ideas, restored.size
    )
    return RestoreResult(info, kept_aside)


def _settle_inbox(path: Path) -> None:
    """Mark the backup's unprocessed updates done: the running bot processed them back then.

    Replayed now, after a restore, they would act hours late on the restored data.
    """
    conn = sqlite3.connect(path)
    try:
        if conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'inbox'").fetchone():
            with conn:
                conn.execute(
                    "UPDATE inbox SET body = NULL, done_at = received_at WHERE done_at IS NULL"
                )
    finally:
        conn.close()


def _copy(source: Path, target: Path) -> None:
    """One-step online backup of `source` into a new self-contained file `target`."""
    target.unlink(missing_ok=True)
    src = sqlite3.connect(_read_only(source), uri=True, timeout=30)
    try:
        dst = sqlite3.connect(target)
        try:
            # pages=-1: the whole database in one step, i.e. one read transaction and one
            # snapshot; stepwise copying restarts whenever the bot commits in between.
            src.backup(dst, pages=-1)
            dst.execute("PRAGMA journal_mode = DELETE")
            dst.commit()
        finally:
            dst.close()
    except sqlite3.DatabaseError as exc:
        target.unlink(missing_ok=True)
        raise BackupError("not_database", f"cannot copy {source.name}: {exc}") from None
    finally:
        src.close()


def _move_aside(db_path: Path, now: dt.datetime) -> Path:
    """Rename the current database (with its WAL folded in) to `<db>.before-restore-<time>`."""
    _fold_wal(db_path)
    stamp = now.astimezone(dt.UTC).strftime(_STAMP_FORMAT)
    aside = _free_name(db_path.with_name(f"{db_path.name}.before-restore-{stamp}Z"))
    os.replace(db_path, aside)
    # Normally gone after the checkpoint; a file SQLite cannot read keeps its log beside it.
    with suppress(FileNotFoundError):
        os.replace(f"{db_path}-wal", f"{aside}-wal")
    Path(f"{db_path}-shm").unlink(missing_ok=True)
    return aside


def _fold_wal(db_path: Path) -> None:
    """Checkpoint the WAL into the database file, refusing while anyone else has it open."""
    conn = sqlite3.connect(db_path, isolation_level=None, timeout=0.2)
    try:
        # An exclusive lock in WAL mode is refused while any other connection is open, even an
        # idle one: the surest sign that the bot is still running.
        conn.execute("PRAGMA locking_mode = EXCLUSIVE")
        conn.execute("BEGIN EXCLUSIVE")
        conn.execute("COMMIT")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.execute("PRAGMA journal_mode = DELETE")
    except sqlite3.DatabaseError as exc:
        if exc.sqlite_errorname in {"SQLITE_BUSY", "SQLITE_LOCKED"}:
            raise BackupError(
                "in_use", f"database {str(db_path)!r} is in use: stop the bot before restoring"
            ) from None
        # Not readable as a database (the reason to restore, often): it is moved aside as it is.
    finally:
        conn.close()


def _claim_name(partial: Path, backup_dir: Path, db_path: Path, now: dt.datetime) -> Path:
    """Give the finished `partial` its backup name, never replacing another backup's.

    A hard link appears whole and fails if the name is taken (by a backup of the same second
    that another process finished first); then the next number is tried.
    """
    target = _next_name(backup_dir, db_path, now)
    match = _NAME.match(target.name)
    assert match is not None
    n = int(match["n"] or 1)
    stamp = match["stamp"]
    for _ in range(1000):
        try:
            os.link(partial, target)
        except FileExistsError:
            n += 1
            target = backup_dir / f"{db_path.stem}-{stamp}Z-{n}{SUFFIX}"
            continue
        return target
    raise BackupError("busy", f"no free backup name in {str(backup_dir)!r}")


def _next_name(backup_dir: Path, db_path: Path, now: dt.datetime) -> Path:
    """The name for a new backup; one taken in the same second as others sorts after them."""
    first = backup_dir / backup_name(db_path, now)
    stamp = now.astimezone(dt.UTC).strftime(_STAMP_FORMAT)
    taken = [
        int(match["n"] or 1)
        for entry in backup_dir.iterdir()
        if (match := _NAME.match(entry.name))
        and match["stem"] == db_path.stem
        and match["stamp"] == stamp
    ]
    if not taken:
        return first
    return first.with_name(f"{db_path.stem}-{stamp}Z-{max(taken) + 1}{SUFFIX}")


def _read_only(path: Path) -> str:
    """A URI that opens `path` read-only (never creating it), whatever characters it has."""
    return f"{path.resolve().as_uri()}?mode=ro"


def _free_name(path: Path) -> Path:
    """`path`, or the same with `-2`, `-3`... after it when it is taken."""
    n = 2
    candidate = path
    while candidate.exists():
        candidate = path.with_name(f"{path.name}-{n}")
        n += 1
    return candidate
