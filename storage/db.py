"""The SQLite connection: pragmas, numbered migrations and serialised transactions.

One aiosqlite connection serves the whole bot. aiosqlite already runs every statement on one
thread; the asyncio lock here keeps one coroutine's transaction from interleaving with another's.
"""

from __future__ import annotations

import asyncio
import dataclasses
import datetime as dt
import logging
import re
import sqlite3
from collections.abc import AsyncIterator, Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import aiosqlite

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

log = logging.getLogger(__name__)

T = TypeVar("T")
D = TypeVar("D", bound="DataclassInstance")
_MIGRATION_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")


Clock = Callable[[], dt.datetime]


def wall_clock() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def stamp(moment: dt.datetime) -> str:
    """Timestamps are stored as ISO 8601 text in UTC, to the microsecond."""
    return moment.astimezone(dt.UTC).isoformat(timespec="microseconds")


def parse_ts(value: str) -> dt.datetime:
    return dt.datetime.fromisoformat(value)


def row_to(
    cls: type[D], row: aiosqlite.Row | sqlite3.Row, *, times: Iterable[str] = (), **given: Any
) -> D:
    """A row as the frozen dataclass whose field names are its columns.

    `times` name timestamp columns (parsed; NULL stays None); `given` fills fields that are not
    columns (or overrides them).
    """
    stamps = set(times)
    values = dict(given)
    for item in dataclasses.fields(cls):
        if item.name not in values:
            value = row[item.name]
            values[item.name] = parse_ts(value) if item.name in stamps and value else value
    return cls(**values)


def migrations() -> list[tuple[int, str, str]]:
    """The migration scripts shipped in `storage/migrations`, as (version, name, sql), in order."""
    found: list[tuple[int, str, str]] = []
    for entry in resources.files("storage.migrations").iterdir():
        match = _MIGRATION_NAME.match(entry.name)
        if match:
            found.append((int(match.group(1)), entry.name, entry.read_text(encoding="utf-8")))
    found.sort()
    for expected, (version, name, _) in enumerate(found, start=1):
        if version != expected:
            raise RuntimeError(f"migration {name} is out of sequence (expected {expected:04d})")
    return found


# SQLite's primary result codes of a write that the disk refused (sqlite3.h).
_WRITE_FAILURES = {
    5: "SQLITE_BUSY",
    6: "SQLITE_LOCKED",
    8: "SQLITE_READONLY",
    10: "SQLITE_IOERR",
    13: "SQLITE_FULL",
    14: "SQLITE_CANTOPEN",
}
_WRITE_FAILURE_TEXTS = (
    "database or disk is full",
    "readonly database",
    "disk i/o error",
    "unable to open database",
    "database is locked",
)


def is_write_failure(error: BaseException | None) -> bool:
    """A write the disk refused: full, read-only, I/O error, locked for too long."""
    seen = 0
    while error is not None and seen < 5:
        if isinstance(error, sqlite3.OperationalError | sqlite3.DatabaseError) and not isinstance(
            error, sqlite3.IntegrityError | sqlite3.ProgrammingError
        ):
            code = getattr(error, "sqlite_errorcode", None)
            if isinstance(code, int) and (code & 0xFF) in _WRITE_FAILURES:
                return True
            if any(text in str(error).lower() for text in _WRITE_FAILURE_TEXTS):
                return True
        error = error.__cause__ or error.__context__
        seen += 1
    return False


class Database:
    """An open SQLite database with the schema at the latest version."""

    def __init__(self, conn: aiosqlite.Connection, path: Path, clock: Clock = wall_clock) -> None:
        self._conn = conn
        # The application's clock (settings.clock) when the app opened it: record times follow it.
        self.clock = clock
        # `_lock` guards the aiosqlite connection (one coroutine's transaction must not take in
        # another's statements); `_write_lock` keeps the two connections from writing at once.
        self._lock = _ReentrantLock()
        self._write_lock = _ReentrantLock()
        self.path = path
        # A second, synchronous connection on its own thread runs whole batches of statements
        # in one hop (see `run_batch`); aiosqlite costs a thread hop per statement.
        self._batch_executor = ThreadPoolExecutor(1, thread_name_prefix="sqlite-batch")
        self._batch_conn: sqlite3.Connection | None = None

    @classmethod
    async def open(
        cls, path: Path, *, target_version: int | None = None, clock: Clock = wall_clock
    ) -> Database:
        """Open (creating if needed) and migrate the database at `path`; `clock` stamps records."""
        if str(path) != ":memory:":
            path.parent.mkdir(parents=True, exist_ok=True)
        conn = await aiosqlite.connect(path, isolation_level=None)
        conn.row_factory = aiosqlite.Row
        await conn.execute("PRAGMA journal_mode = WAL")
        await conn.execute("PRAGMA synchronous = NORMAL")
        await conn.execute("PRAGMA foreign_keys = ON")
        await conn.execute("PRAGMA busy_timeout = 5000")
        # Erased personal data must not linger in freed pages or free space of a page.
        await conn.execute("PRAGMA secure_delete = ON")
        db = cls(conn, path, clock)
        await db.migrate(target_version)
        return db

    def now(self) -> str:
        """The stamp of this moment by the database's clock, for a record's time columns."""
        return stamp(self.clock())

    async def close(self) -> None:
        async with self._write_lock, self._lock:
            if self._batch_conn is not None:
                await asyncio.get_running_loop().run_in_executor(
                    self._batch_executor, self._batch_conn.close
                )
                self._batch_conn = None
            self._batch_executor.shutdown(wait=True)
            await self._conn.close()

    async def run_batch(self, work: Callable[[sqlite3.Connection], T]) -> T:
        """Run `work` on the batch connection inside one write transaction, in one thread hop.

        Takes the write lock that `transaction()` takes too, so the two connections never write
        at once, but not the connection lock: reads go on while a batch is written (WAL).
        """
        async with self._write_lock:
            loop = asyncio.get_running_loop()
            return await loop.run_in_executor(self._batch_executor, self._in_transaction, work)

    async def run_read(self, work: Callable[[sqlite3.Connection], T]) -> T:
        """Run read-only `work` on the batch connection in one thread hop, as one snapshot.

        No write lock: it reads beside the writers (WAL), and works on a read-only disk too.
        """
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._batch_executor, self._in_snapshot, work)

    def _batch_connection(self) -> sqlite3.Connection:
        if self._batch_conn is None:
            conn = sqlite3.connect(self.path, isolation_level=None)
            conn.row_factory = sqlite3.Row
            conn.execute("PRAGMA foreign_keys = ON")
            conn.execute("PRAGMA busy_timeout = 5000")
            conn.execute("PRAGMA synchronous = NORMAL")
            conn.execute("PRAGMA secure_delete = ON")
            self._batch_conn = conn
        return self._batch_conn

    def _in_snapshot(self, work: Callable[[sqlite3.Connection], T]) -> T:
        conn = self._batch_connection()
        conn.execute("BEGIN DEFERRED")
        try:
            return work(conn)
        finally:
            conn.execute("COMMIT")

    def _in_transaction(self, work: Callable[[sqlite3.Connection], T]) -> T:
        conn = self._batch_connection()
        conn.execute("BEGIN IMMEDIATE")
        try:
            result = work(conn)
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")
        return result

    async def schema_version(self) -> int:
        async with self._conn.execute("PRAGMA user_version") as cur:
            row = await cur.fetchone()
        return int(row[0]) if row else 0

    async def migrate(self, target_version: int | None = None) -> list[str]:
        """Apply every migration above the current `user_version`, each in its own transaction."""
        applied: list[str] = []
        current = await self.schema_version()
        for version, name, sql in migrations():
            if version <= current or (target_version is not None and version > target_version):
                continue
            # executescript commits implicitly, so the script runs inside its own BEGIN/COMMIT.
            await self._conn.executescript(
                f"BEGIN IMMEDIATE;\n{sql}\nPRAGMA user_version = {version};\nCOMMIT;"
            )
            applied.append(name)
            log.info("applied migration %s", name)
        return applied

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[aiosqlite.Connection]:
        """A write transaction: committed when the block ends, rolled back if it raises."""
        async with self._write_lock, self._lock:
            if self._lock.depth > 1:
                yield self._conn
                return
            await self._conn.execute("BEGIN IMMEDIATE")
            try:
                yield self._conn
            except BaseException:
                await self._conn.execute("ROLLBACK")
                raise
            await self._conn.execute("COMMIT")

    async def checkpoint(self) -> bool:
        """Copy the WAL into the database file and truncate it to zero bytes; False if a reader
        (an export's snapshot, a backup) kept it from completing."""
        async with self._write_lock, self._lock:
            # Never wait inside SQLite for the reader: that would hold this connection.
            await self._conn.execute("PRAGMA busy_timeout = 0")
            try:
                async with self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)") as cur:
                    row = await cur.fetchone()
            finally:
                await self._conn.execute("PRAGMA busy_timeout = 5000")
        return row is not None and row[0] == 0

    async def fetchall(self, sql: str, params: Iterable[Any] = ()) -> list[aiosqlite.Row]:
        async with self._lock, self._conn.execute(sql, tuple(params)) as cur:
            return list(await cur.fetchall())

    async def fetchone(self, sql: str, params: Iterable[Any] = ()) -> aiosqlite.Row | None:
        async with self._lock, self._conn.execute(sql, tuple(params)) as cur:
            return await cur.fetchone()

    async def execute(self, sql: str, params: Iterable[Any] = ()) -> int:
        """Run one write statement in its own transaction; returns the last row id."""
        async with self.transaction() as conn, conn.execute(sql, tuple(params)) as cur:
            return cur.lastrowid or 0


class LazyDatabase:
    """Opens the database on first use and hands out the same connection after that.

    python-telegram-bot reads persisted conversations in `Application.initialize`, before
    `post_init` runs, so whoever asks first opens the file.
    """

    def __init__(self, path: Path, *, clock: Clock = wall_clock) -> None:
        self.path = path
        self.clock = clock
        self._db: Database | None = None
        self._lock = asyncio.Lock()

    async def get(self) -> Database:
        async with self._lock:
            if self._db is None:
                self._db = await Database.open(self.path, clock=self.clock)
            return self._db

    async def close(self) -> None:
        async with self._lock:
            if self._db is not None:
                await self._db.close()
                self._db = None


class _ReentrantLock:
    """An asyncio lock the same task may take again (a repository verb calling another)."""

    def __init__(self) -> None:
        self._lock = asyncio.Lock()
        self._owner: object = None
        self.depth = 0

    async def __aenter__(self) -> None:
        task = asyncio.current_task()
        if self._owner is task and task is not None:
            self.depth += 1
            return
        await self._lock.acquire()
        self._owner = task
        self.depth = 1

    async def __aexit__(self, *exc: object) -> None:
        self.depth -= 1
        if self.depth == 0:
            self._owner = None
            self._lock.release()
