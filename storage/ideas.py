"""Idea repository: submit, edit with history, withdraw, and the live counts facilitators read.

`submit` reads the facts about an incoming idea, asks the submission rule handed in (a pure
function of bot.rules: closed collection, duplicate text, runaway client) and stores the idea, all
inside one transaction, and commits before it returns, so the handler's confirmation is never
ahead of the database. Duplicate delivery and an unregistered author are plain look-ups here.
An idea the secretariat types in from paper is written with its audit entry in that transaction.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import enum
import functools
import json
import sqlite3
from dataclasses import dataclass
from typing import Any

import aiosqlite

from storage.db import Clock, Database, parse_ts, row_to, stamp, wall_clock
from storage.models import (
    DIMENSIONS,
    HORIZONS,
    Attachment,
    DimensionCount,
    Idea,
    IdeaOutcome,
    IdeaResult,
    NewIdea,
    Refused,
    SubmissionFacts,
    SubmissionRule,
)

RUNAWAY_PER_MINUTE = 20

_IDEA_SELECT = (
    "SELECT i.*, p.full_name AS author, "
    "(SELECT COUNT(*) FROM idea_revisions r WHERE r.idea_id = i.id) AS revisions "
    "FROM ideas i JOIN participants p ON p.id = i.participant_id"
)


class EditOutcome(enum.Enum):
    DONE = "done"
    NOT_FOUND = "not_found"  # no such idea, or not the user's own
    CLOSED = "closed"
    WITHDRAWN = "withdrawn"


def _idea(row: aiosqlite.Row | sqlite3.Row) -> Idea:
    attachment = None
    if row["attachment_type"]:
        attachment = Attachment(
            type=row["attachment_type"],
            file_id=row["attachment_file_id"],
            unique_id=row["attachment_unique_id"],
            size=row["attachment_size"],
            mime=row["attachment_mime"],
            name=row["attachment_name"],
        )
    return row_to(Idea, row, times=("created_at", "updated_at"), attachment=attachment)


def _submit_one(
    conn: sqlite3.Connection, new: NewIdea, per_minute: int, clock: Clock, rule: SubmissionRule
) -> IdeaResult | BaseException:
    """One idea inside the batch transaction, in its own savepoint."""
    conn.execute("SAVEPOINT idea")
    try:
        result = _decide_and_insert(conn, new, per_minute, clock(), rule)
    except Exception as exc:
        conn.execute("ROLLBACK TO idea")
        conn.execute("RELEASE idea")
        return exc
    conn.execute("RELEASE idea")
    return result


def _submit_all(
    batch: list[tuple[NewIdea, int, asyncio.Future[IdeaResult]]],
    clock: Clock,
    rule: SubmissionRule,
    conn: sqlite3.Connection,
) -> list[IdeaResult | BaseException]:
    return [_submit_one(conn, new, per_minute, clock, rule) for new, per_minute, _ in batch]


def _select_idea(conn: sqlite3.Connection, where: str, params: tuple[Any, ...]) -> Idea | None:
    row = conn.execute(f"{_IDEA_SELECT} {where}", params).fetchone()
    return _idea(row) if row else None


def _facts(
    conn: sqlite3.Connection,
    new: NewIdea,
    participant_id: int,
    stage: int,
    collection_open: bool,
    moment: dt.datetime,
    per_minute: int,
) -> SubmissionFacts:
    """Read what the submission rule looks at; the rule itself lives in bot.rules."""
    texts = conn.execute(
        "SELECT id, text FROM ideas WHERE participant_id = ? AND stage = ? "
        "AND status = 'active' AND text != ''",
        (participant_id, stage),
    ).fetchall()
    # The newest `per_minute` self-sent times are all the per-minute limit can need.
    times = conn.execute(
        "SELECT created_at FROM ideas WHERE participant_id = ? AND entered_by IS NULL "
        "ORDER BY created_at DESC LIMIT ?",
        (participant_id, per_minute),
    ).fetchall()
    return SubmissionFacts(
        collection_open=collection_open,
        text=new.text.strip(),
        own_texts=tuple((int(r["id"]), r["text"]) for r in texts),
        recent_times=tuple(parse_ts(r["created_at"]) for r in times),
        typed_by_secretariat=new.entered_by is not None,
        now=moment,
        per_minute=per_minute,
    )


def _decide_and_insert(
    conn: sqlite3.Connection,
    new: NewIdea,
    per_minute: int,
    moment: dt.datetime,
    rule: SubmissionRule,
) -> IdeaResult:
    """Decide on one idea at `moment` (the application's clock) and store it if `rule` accepts.

    Facts, decision and insert share the batch transaction: two copies of one idea arriving
    together cannot both pass the duplicate check.
    """
    if new.source_chat_id is not None and new.source_message_id is not None:
        same = _select_idea(
            conn,
            "WHERE i.source_chat_id = ? AND i.source_message_id = ?",
            (new.source_chat_id, new.source_message_id),
        )
        if same is not None:
            return IdeaResult(IdeaOutcome.DUPLICATE_MESSAGE, same)
    stage = new.stage
    if stage is None:
        row = conn.execute("SELECT number FROM stages WHERE is_current = 1").fetchone()
        if row is None:
            return IdeaResult(IdeaOutcome.NO_STAGE)
        stage = int(row["number"])
    participant_id = new.participant_id
    if participant_id is None:
        row = conn.execute(
            "SELECT id FROM participants WHERE telegram_id = ?", (new.telegram_id,)
        ).fetchone()
        if row is None:
            return IdeaResult(IdeaOutcome.NOT_REGISTERED, stage=stage)
        participant_id = int(row["id"])
    context = conn.execute(
        "SELECT s.ideas_open, r.mode, p.institution, p.kecamatan FROM stages s "
        "JOIN registrations r ON r.stage = s.number AND r.participant_id = ? "
        "JOIN participants p ON p.id = r.participant_id WHERE s.number = ?",
        (participant_id, stage),
    ).fetchone()
    if context is None:
        return IdeaResult(IdeaOutcome.NOT_REGISTERED, stage=stage)
    facts = _facts(
        conn, new, participant_id, stage, bool(context["ideas_open"]), moment, per_minute
    )
    verdict = rule(facts)
    if isinstance(verdict, Refused):
        repeat = None
        if verdict.same_as is not None:
            repeat = _select_idea(conn, "WHERE i.id = ?", (verdict.same_as,))
        return IdeaResult(verdict.reason, repeat, stage=stage)
    now = stamp(moment)
    channel = "secretariat" if new.entered_by is not None else context["mode"]
    att = new.attachment
    cursor = conn.execute(
        "INSERT INTO ideas (stage, participant_id, dimension, horizon, text, channel, "
        "institution, kecamatan, attachment_type, attachment_file_id, "
        "attachment_unique_id, attachment_size, attachment_mime, attachment_name, "
        "source_chat_id, source_message_id, entered_by, created_at, updated_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            stage,
            participant_id,
            new.dimension,
            new.horizon,
            new.text.strip(),
            channel,
            context["institution"],
            context["kecamatan"],
            att.type if att else None,
            att.file_id if att else None,
            att.unique_id if att else None,
            att.size if att else None,
            att.mime if att else None,
            att.name if att else None,
            new.source_chat_id,
            new.source_message_id,
            new.entered_by,
            now,
            now,
        ),
    )
    stored = _select_idea(conn, "WHERE i.id = ?", (cursor.lastrowid,))
    if new.entered_by is not None and stored is not None:
        # A paper idea and its audit entry stand or fall together (same savepoint).
        conn.execute(
            "INSERT INTO audit_log (at, actor, action, subject, details) VALUES (?, ?, ?, ?, ?)",
            (
                now,
                new.entered_by,
                "idea.paper",
                stored.ref,
                json.dumps({"participant": f"P-{participant_id:04d}"}, sort_keys=True),
            ),
        )
    return IdeaResult(IdeaOutcome.STORED, stored, stage=stage)


@dataclass(frozen=True)
class SenderView:
    """What sending an idea by message needs to know, read in one query: the current stage,
    whether the sender may send to it, and the other participants' active ideas of that stage."""

    stage: int | None
    ideas_open: bool
    participant_id: int | None
    registered: bool
    others: list[tuple[int, str]]

    @property
    def may_send(self) -> bool:
        return bool(self.stage and self.participant_id and self.registered and self.ideas_open)


def _sender_views(telegram_ids: list[int], conn: sqlite3.Connection) -> list[SenderView]:
    """`SenderView`s for a batch of senders: the stage's active ideas are read once."""
    stage = conn.execute("SELECT number, ideas_open FROM stages WHERE is_current = 1").fetchone()
    if stage is None:
        return [SenderView(None, False, None, False, []) for _ in telegram_ids]
    number = int(stage["number"])
    ideas = conn.execute(
        "SELECT id, participant_id, text FROM ideas WHERE stage = ? AND status = 'active' "
        "AND text != '' ORDER BY id",
        (number,),
    ).fetchall()
    views = []
    for telegram_id in telegram_ids:
        me = conn.execute(
            "SELECT p.id, EXISTS (SELECT 1 FROM registrations r WHERE r.participant_id = p.id "
            "AND r.stage = ?) AS registered FROM participants p WHERE p.telegram_id = ?",
            (number, telegram_id),
        ).fetchone()
        pid = int(me["id"]) if me else None
        views.append(
            SenderView(
                stage=number,
                ideas_open=bool(stage["ideas_open"]),
                participant_id=pid,
                registered=bool(me and me["registered"]),
                others=[
                    (int(i["id"]), str(i["text"])) for i in ideas if i["participant_id"] != pid
                ],
            )
        )
    return views


class IdeaRepository:
    """Ideas and their history."""

    def __init__(self, db: Database, clock: Clock = wall_clock, *, rule: SubmissionRule) -> None:
        """`clock` is the application's (settings.clock): every time rule and stamp reads it;
        `rule` (bot.rules.idea_rules.decide_submission) decides who may submit."""
        self.db = db
        self.clock = clock
        self.rule = rule
        self._pending: list[tuple[NewIdea, int, asyncio.Future[IdeaResult]]] = []
        self._flusher: asyncio.Task[None] | None = None
        self._views: list[tuple[int, asyncio.Future[SenderView]]] = []
        self._view_reader: asyncio.Task[None] | None = None

    async def submit(self, new: NewIdea, *, per_minute: int = RUNAWAY_PER_MINUTE) -> IdeaResult:
        """Store an idea unless it is a repeat; committed when this returns.

        Ideas that arrive together (300 camat after the facilitator's "send your ideas now") are
        committed together: one transaction and one thread hop for the whole batch, each idea in
        its own savepoint so one failure cannot take the others with it.
        """
        if new.dimension not in DIMENSIONS or new.horizon not in HORIZONS:
            raise ValueError(f"bad tags {new.dimension!r}/{new.horizon!r}")
        future: asyncio.Future[IdeaResult] = asyncio.get_running_loop().create_future()
        self._pending.append((new, per_minute, future))
        if self._flusher is None or self._flusher.done():
            self._flusher = asyncio.create_task(self._flush())
        return await asyncio.shield(future)

    async def _flush(self) -> None:
        while self._pending:
            batch, self._pending = self._pending, []
            try:
                outcomes = await self.db.run_batch(
                    functools.partial(_submit_all, batch, self.clock, self.rule)
                )
            except Exception as exc:  # the transaction itself failed: nothing was stored
                for _, _, future in batch:
                    if not future.done():
                        future.set_exception(exc)
                continue
            for (_, _, future), outcome in zip(batch, outcomes, strict=True):
                if future.done():
                    continue
                if isinstance(outcome, BaseException):
                    future.set_exception(outcome)
                else:
                    future.set_result(outcome)

    async def get(self, idea_id: int) -> Idea | None:
        rows = await self.db.fetchall(f"{_IDEA_SELECT} WHERE i.id = ?", (idea_id,))
        return _idea(rows[0]) if rows else None

    async def active_texts(
        self, stage: int, *, excluding_participant: int | None = None
    ) -> list[tuple[int, str]]:
        """(id, text) of a stage's active ideas with a text, but none of one participant's."""
        rows = await self.db.fetchall(
            "SELECT id, text FROM ideas WHERE stage = ? AND status = 'active' AND text != '' "
            "AND participant_id IS NOT ? ORDER BY id",
            (stage, excluding_participant),
        )
        return [(int(r["id"]), str(r["text"])) for r in rows]

    async def sender_view(self, telegram_id: int) -> SenderView:
        """The current stage, the sender's right to send to it and the others' active ideas
        (id, text) in it. Views asked for together (300 camat sending at once) are read
        together: one thread hop and one read of the stage's ideas for the whole batch."""
        future: asyncio.Future[SenderView] = asyncio.get_running_loop().create_future()
        self._views.append((telegram_id, future))
        if self._view_reader is None or self._view_reader.done():
            self._view_reader = asyncio.create_task(self._read_views())
        return await asyncio.shield(future)

    async def _read_views(self) -> None:
        while self._views:
            batch, self._views = self._views, []
            try:
                views = await self.db.run_read(
                    functools.partial(_sender_views, [telegram_id for telegram_id, _ in batch])
                )
            except Exception as exc:
                for _, future in batch:
                    if not future.done():
                        future.set_exception(exc)
                continue
            for (_, future), view in zip(batch, views, strict=True):
                if not future.done():
                    future.set_result(view)

    async def by_source(self, chat_id: int, message_id: int) -> Idea | None:
        """The idea filed from this Telegram message, if any (a message delivered again)."""
        rows = await self.db.fetchall(
            f"{_IDEA_SELECT} WHERE i.source_chat_id = ? AND i.source_message_id = ?",
            (chat_id, message_id),
        )
        return _idea(rows[0]) if rows else None

    async def ideas_of(
        self, participant_id: int, stage: int, *, offset: int = 0, limit: int = 5
    ) -> tuple[list[Idea], int]:
        """A page of the participant's active ideas in a stage, newest first, and the total."""
        rows = await self.db.fetchall(
            f"{_IDEA_SELECT} WHERE i.participant_id = ? AND i.stage = ? AND i.status = 'active' "
            "ORDER BY i.id DESC LIMIT ? OFFSET ?",
            (participant_id, stage, limit, offset),
        )
        total = await self.db.fetchone(
            "SELECT COUNT(*) FROM ideas WHERE participant_id = ? AND stage = ? "
            "AND status = 'active'",
            (participant_id, stage),
        )
        return [_idea(r) for r in rows], int(total[0]) if total else 0

    async def edit(
        self,
        idea_id: int,
        *,
        owner: int | None,
        changed_by: int,
        text: str | None = None,
        dimension: str | None = None,
        horizon: str | None = None,
        withdraw: bool = False,
    ) -> tuple[EditOutcome, Idea | None]:
        """Change an idea, keeping the version it replaces; `owner` None skips the owner check."""
        if dimension is not None and dimension not in DIMENSIONS:
            raise ValueError(dimension)
        if horizon is not None and horizon not in HORIZONS:
            raise ValueError(horizon)
        async with self.db.transaction() as conn:
            async with conn.execute(
                "SELECT i.*, s.ideas_open FROM ideas i JOIN stages s ON s.number = i.stage "
                "WHERE i.id = ?",
                (idea_id,),
            ) as cur:
                row = await cur.fetchone()
            if row is None or (owner is not None and row["participant_id"] != owner):
                return EditOutcome.NOT_FOUND, None
            if not row["ideas_open"]:
                return EditOutcome.CLOSED, None
            if row["status"] != "active":
                return EditOutcome.WITHDRAWN, None
            now = stamp(self.clock())
            await conn.execute(
                "INSERT INTO idea_revisions (idea_id, text, dimension, horizon, status, "
                "changed_at, changed_by) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    idea_id,
                    row["text"],
                    row["dimension"],
                    row["horizon"],
                    row["status"],
                    now,
                    changed_by,
                ),
            )
            await conn.execute(
                "UPDATE ideas SET text = ?, dimension = ?, horizon = ?, status = ?, "
                "updated_at = ? WHERE id = ?",
                (
                    row["text"] if text is None else text.strip(),
                    dimension or row["dimension"],
                    horizon or row["horizon"],
                    "withdrawn" if withdraw else row["status"],
                    now,
                    idea_id,
                ),
            )
            return EditOutcome.DONE, await self._one(conn, "WHERE i.id = ?", (idea_id,))

    async def revisions(self, idea_id: int) -> list[dict[str, Any]]:
        rows = await self.db.fetchall(
            "SELECT text, dimension, horizon, status, changed_at, changed_by "
            "FROM idea_revisions WHERE idea_id = ? ORDER BY id",
            (idea_id,),
        )
        return [dict(r) for r in rows]

    async def counts_by_dimension(self, stage: int) -> list[DimensionCount]:
        """Active ideas of a stage per dimension and horizon, every dimension listed."""
        rows = await self.db.fetchall(
            "SELECT dimension, horizon, COUNT(*) AS n FROM ideas "
            "WHERE stage = ? AND status = 'active' GROUP BY dimension, horizon",
            (stage,),
        )
        table: dict[str, dict[str, int]] = {d: dict.fromkeys(HORIZONS, 0) for d in DIMENSIONS}
        for row in rows:
            table[row["dimension"]][row["horizon"]] = int(row["n"])
        return [DimensionCount(d, sum(h.values()), h) for d, h in table.items()]

    async def latest(self, stage: int, dimension: str, *, limit: int = 10) -> list[Idea]:
        rows = await self.db.fetchall(
            f"{_IDEA_SELECT} WHERE i.stage = ? AND i.dimension = ? AND i.status = 'active' "
            "ORDER BY i.id DESC LIMIT ?",
            (stage, dimension, limit),
        )
        return [_idea(r) for r in rows]

    async def count(self, stage: int | None = None) -> int:
        if stage is None:
            row = await self.db.fetchone("SELECT COUNT(*) FROM ideas")
        else:
            row = await self.db.fetchone("SELECT COUNT(*) FROM ideas WHERE stage = ?", (stage,))
        return int(row[0]) if row else 0

    @staticmethod
    async def _one(conn: aiosqlite.Connection, where: str, params: tuple[Any, ...]) -> Idea | None:
        async with conn.execute(f"{_IDEA_SELECT} {where}", params) as cur:
            row = await cur.fetchone()
        return _idea(row) if row else None
