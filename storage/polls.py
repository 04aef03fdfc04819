"""Polls: one copy per recipient, answers added up across copies, hand votes, idea ranks.

Telegram gives each private chat its own copy of a poll with its own `poll.id`, so the bot keeps
a row per copy (who got it, in which chat, as which message and poll id) and adds the copies up.
A copy reaches exactly one person, so it holds at most one answer:

- named polls: the `poll_answer` updates, accepted only from the copy's recipient (a vote from
  anyone else, or for a poll id the bot never sent, changes nothing); a changed answer replaces
  the earlier one, a retracted answer (no options) deletes it;
- anonymous polls: Telegram names nobody and sends only the counts of the copy (`poll`
  updates); the latest counts are the copy's answer, at most one voter per copy (a copy
  forwarded to others could gather more votes, which one person's copy must not add up to).

Answers arrive in bursts (300 phones a second after "please vote now"): like ideas, those that
arrive together are written together, one transaction and one thread hop for the batch, and each
caller learns its outcome once the batch is committed.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import enum
import functools
import json
import sqlite3
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

import aiosqlite

from storage.admin import AdminRepository
from storage.db import Database, parse_ts, row_to
from storage.outbox import UNCERTAIN_PREFIX, Outbox, ts

POLL_KINDS: tuple[str, ...] = ("poll", "prioritisation")
COPY_STATUSES: tuple[str, ...] = ("pending", "sent", "failed", "blocked", "cancelled")
RESULT_STATUSES: tuple[str, ...] = ("sent", "failed", "blocked")
__all__ = ["UNCERTAIN_PREFIX"]


@dataclass(frozen=True)
class PollOption:
    position: int  # Telegram's option id
    text: str
    idea_id: int | None = None


@dataclass(frozen=True)
class Poll:
    id: int
    stage: int
    kind: str
    question: str
    options: tuple[PollOption, ...]
    multiple: bool
    anonymous: bool
    max_choices: int | None
    dimension: str | None
    audience: str  # JSON; bot/rules/audience.py reads it
    deadline_at: dt.datetime | None
    share_results: bool
    status: str
    created_by: int | None
    created_at: dt.datetime
    closed_at: dt.datetime | None
    closed_by: int | None
    finished_at: dt.datetime | None

    @property
    def is_open(self) -> bool:
        return self.status == "open"


@dataclass(frozen=True)
class Recipient:
    """Who gets a copy: resolved from the audience when the poll is created."""

    participant_id: int
    chat_id: int
    language: str
    mode: str


@dataclass(frozen=True)
class PollCopy:
    id: int
    poll_id: int
    participant_id: int | None
    chat_id: int
    language: str
    mode: str
    status: str
    attempts: int
    message_id: int | None
    tg_poll_id: str | None
    stopped_at: dt.datetime | None


class AnswerOutcome(enum.Enum):
    COUNTED = "counted"  # stored: a new or changed answer
    RETRACTED = "retracted"  # the answer was taken back
    INVALID = "invalid"  # stored but not counted: more choices than the poll allows
    UNKNOWN_POLL = "unknown_poll"  # a poll id the bot never sent
    NOT_RECIPIENT = "not_recipient"  # a vote from someone the copy was not sent to
    FINISHED = "finished"  # the poll's closing is over: its result is final
    IGNORED = "ignored"  # e.g. a stale count update, options out of range


@dataclass(frozen=True)
class AnswerResult:
    outcome: AnswerOutcome
    poll_id: int | None = None
    chat_id: int | None = None
    language: str | None = None
    max_choices: int | None = None


class HandOutcome(enum.Enum):
    ADDED = "added"
    NO_POLL = "no_poll"
    BAD_OPTION = "bad_option"
    NEGATIVE = "negative"  # a correction would take an option below zero


@dataclass(frozen=True)
class OptionTally:
    position: int
    text: str
    idea_id: int | None
    online: int
    offline: int
    hand: int

    @property
    def telegram(self) -> int:
        return self.online + self.offline

    @property
    def total(self) -> int:
        return self.telegram + self.hand


@dataclass(frozen=True)
class PollResults:
    poll: Poll
    options: tuple[OptionTally, ...]
    recipients_online: int  # copies delivered
    recipients_offline: int
    voters_online: int  # copies with a counted answer
    voters_offline: int
    invalid: int  # answers with more choices than allowed
    pending: int  # copies not sent yet
    undelivered: int  # failed or blocked
    hand_entries: int

    @property
    def recipients(self) -> int:
        return self.recipients_online + self.recipients_offline

    @property
    def voters(self) -> int:
        return self.voters_online + self.voters_offline

    @property
    def hand_total(self) -> int:
        return sum(o.hand for o in self.options)


@dataclass(frozen=True)
class IdeaChoice:
    """An idea as a prioritisation vote needs it."""

    id: int
    text: str
    dimension: str
    priority_rank: int | None


def _poll(row: aiosqlite.Row | sqlite3.Row, options: Sequence[PollOption]) -> Poll:
    def when(column: str) -> dt.datetime | None:
        return parse_ts(row[column]) if row[column] else None

    return Poll(
        id=row["id"],
        stage=row["stage"],
        kind=row["kind"],
        question=row["question"],
        options=tuple(options),
        multiple=bool(row["multiple"]),
        anonymous=bool(row["anonymous"]),
        max_choices=row["max_choices"],
        dimension=row["dimension"],
        audience=row["audience"],
        deadline_at=when("deadline_at"),
        share_results=bool(row["share_results"]),
        status=row["status"],
        created_by=row["created_by"],
        created_at=parse_ts(row["created_at"]),
        closed_at=when("closed_at"),
        closed_by=row["closed_by"],
        finished_at=when("finished_at"),
    )


def _copy(row: aiosqlite.Row) -> PollCopy:
    return row_to(PollCopy, row, times=("stopped_at",))


# --- answers, inside the batch transaction (plain sqlite3 on the batch connection) ------------

_COPY_FOR_ANSWER = (
    "SELECT c.id, c.poll_id, c.chat_id, c.language, c.final_counts, p.anonymous, "
    "p.max_choices, p.finished_at, "
    "(SELECT COUNT(*) FROM poll_options o WHERE o.poll_id = p.id) AS n_options "
    "FROM poll_copies c JOIN polls p ON p.id = c.poll_id WHERE c.tg_poll_id = ?"
)


def _store(
    conn: sqlite3.Connection,
    row: sqlite3.Row,
    option_ids: Sequence[int],
    *,
    valid: bool,
    source: str,
    raw: Sequence[int] | None,
    now: str,
) -> None:
    conn.execute(
        "INSERT INTO poll_answers (copy_id, poll_id, option_ids, valid, source, raw_counts, "
        "answered_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (copy_id) DO UPDATE SET "
        "option_ids = excluded.option_ids, valid = excluded.valid, source = excluded.source, "
        "raw_counts = excluded.raw_counts, answered_at = excluded.answered_at",
        (
            row["id"],
            row["poll_id"],
            json.dumps(sorted(option_ids)),
            int(valid),
            source,
            json.dumps(list(raw)) if raw is not None else None,
            now,
        ),
    )


def _apply_answer(
    conn: sqlite3.Connection, tg_poll_id: str, user_id: int, option_ids: Sequence[int], now: str
) -> AnswerResult:
    row = conn.execute(_COPY_FOR_ANSWER, (tg_poll_id,)).fetchone()
    if row is None:
        return AnswerResult(AnswerOutcome.UNKNOWN_POLL)
    poll_id = int(row["poll_id"])
    if row["anonymous"]:
        return AnswerResult(AnswerOutcome.IGNORED, poll_id)  # counted from the poll's counts
    if not user_id or row["chat_id"] != user_id:
        return AnswerResult(AnswerOutcome.NOT_RECIPIENT, poll_id)
    if row["finished_at"]:
        return AnswerResult(AnswerOutcome.FINISHED, poll_id)
    chosen = list(option_ids)
    if len(set(chosen)) != len(chosen) or any(not 0 <= o < row["n_options"] for o in chosen):
        return AnswerResult(AnswerOutcome.IGNORED, poll_id)
    found = AnswerResult(
        AnswerOutcome.COUNTED, poll_id, row["chat_id"], row["language"], row["max_choices"]
    )
    if not chosen:
        conn.execute("DELETE FROM poll_answers WHERE copy_id = ?", (row["id"],))
        return replace(found, outcome=AnswerOutcome.RETRACTED)
    valid = row["max_choices"] is None or len(chosen) <= row["max_choices"]
    _store(conn, row, chosen, valid=valid, source="answer", raw=None, now=now)
    return found if valid else replace(found, outcome=AnswerOutcome.INVALID)


def _apply_counts(
    conn: sqlite3.Connection,
    tg_poll_id: str,
    counts: Sequence[int],
    total: int,
    final: bool,
    now: str,
) -> AnswerResult:
    row = conn.execute(_COPY_FOR_ANSWER, (tg_poll_id,)).fetchone()
    if row is None:
        return AnswerResult(AnswerOutcome.UNKNOWN_POLL)
    poll_id = int(row["poll_id"])
    if not row["anonymous"]:
        return AnswerResult(AnswerOutcome.IGNORED, poll_id)  # named: counted from the answers
    if row["finished_at"]:
        return AnswerResult(AnswerOutcome.FINISHED, poll_id)
    if (row["final_counts"] and not final) or len(counts) != row["n_options"]:
        return AnswerResult(AnswerOutcome.IGNORED, poll_id)  # older than the final state
    if final:
        conn.execute("UPDATE outbox SET final_counts = 1 WHERE id = ?", (row["id"],))
    chosen = [i for i, count in enumerate(counts) if count > 0]
    if total <= 0 or not chosen:
        conn.execute("DELETE FROM poll_answers WHERE copy_id = ?", (row["id"],))
        return AnswerResult(AnswerOutcome.RETRACTED, poll_id)
    _store(conn, row, chosen, valid=True, source="counts", raw=counts, now=now)
    return AnswerResult(AnswerOutcome.COUNTED, poll_id)


Work = Callable[[sqlite3.Connection, str], AnswerResult]


def _wall_clock() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _apply_all(
    batch: Sequence[tuple[Work, asyncio.Future[AnswerResult]]],
    clock: Callable[[], dt.datetime],
    conn: sqlite3.Connection,
) -> list[AnswerResult | BaseException]:
    now = ts(clock())
    results: list[AnswerResult | BaseException] = []
    for work, _ in batch:
        conn.execute("SAVEPOINT answer")
        try:
            results.append(work(conn, now))
        except Exception as exc:  # one bad update must not take the batch with it
            conn.execute("ROLLBACK TO answer")
            results.append(exc)
        conn.execute("RELEASE answer")
    return results


class PollRepository:
    """Polls, their copies, answers and hand votes; every write commits before it returns."""

    def __init__(self, db: Database, clock: Callable[[], dt.datetime] = _wall_clock) -> None:
        """`clock` is the application's (settings.clock); answers are stamped with it."""
        self.db = db
        self.clock = clock
        # A poll's copies: the outbox's verbs (storage/outbox.py), under their names;
        # `record_copy` takes the copy's `tg_poll_id` too.
        self.outbox = Outbox(db, "poll", "poll_id", _copy)
        self.pending_copies = self.outbox.pending
        self.copies = self.outbox.rows
        self.record_copy = self.outbox.mark
        self._pending: list[tuple[Work, asyncio.Future[AnswerResult]]] = []
        self._flusher: asyncio.Task[None] | None = None

    # --- creating and reading polls ----------------------------------------------------------

    async def create_poll(
        self,
        *,
        stage: int,
        question: str,
        options: Sequence[PollOption],
        multiple: bool,
        anonymous: bool,
        audience: Mapping[str, Any],
        recipients: Sequence[Recipient],
        created_by: int | None,
        now: dt.datetime,
        deadline_at: dt.datetime | None = None,
        share_results: bool = False,
        kind: str = "poll",
        max_choices: int | None = None,
        dimension: str | None = None,
    ) -> Poll:
        """The poll, its options, a pending copy per recipient and its audit entry
        ('poll.send'), in one transaction."""
        if kind not in POLL_KINDS:
            raise ValueError(kind)
        stamp = ts(now)
        async with self.db.transaction() as conn:
            cur = await conn.execute(
                "INSERT INTO polls (stage, kind, question, multiple, anonymous, max_choices, "
                "dimension, audience, deadline_at, share_results, created_by, created_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    stage,
                    kind,
                    question,
                    int(multiple),
                    int(anonymous),
                    max_choices,
                    dimension,
                    json.dumps(dict(audience), ensure_ascii=False, sort_keys=True),
                    ts(deadline_at) if deadline_at else None,
                    int(share_results),
                    created_by,
                    stamp,
                ),
            )
            poll_id = cur.lastrowid
            await conn.executemany(
                "INSERT INTO poll_options (poll_id, position, text, idea_id) VALUES (?, ?, ?, ?)",
                [(poll_id, i, o.text, o.idea_id) for i, o in enumerate(options)],
            )
            await self.outbox.enqueue(
                conn,
                poll_id or 0,
                [(r.participant_id, r.chat_id, r.language, r.mode) for r in recipients],
                now,
            )
            await AdminRepository(self.db).log_in(
                conn,
                created_by,
                "poll.send",
                f"poll:{poll_id}",
                kind=kind,
                recipients=len(recipients),
                options=len(options),
                anonymous=anonymous,
                ideas=[o.idea_id for o in options if o.idea_id is not None],
            )
        poll = await self.get_poll(poll_id or 0)
        assert poll is not None
        return poll

    async def get_poll(self, poll_id: int) -> Poll | None:
        row = await self.db.fetchone("SELECT * FROM polls WHERE id = ?", (poll_id,))
        if row is None:
            return None
        return _poll(row, await self._options(poll_id))

    async def _options(self, poll_id: int) -> list[PollOption]:
        rows = await self.db.fetchall(
            "SELECT position, text, idea_id FROM poll_options WHERE poll_id = ? ORDER BY position",
            (poll_id,),
        )
        return [PollOption(r["position"], r["text"], r["idea_id"]) for r in rows]

    async def _polls(self, where: str, params: Sequence[Any] = ()) -> list[Poll]:
        rows = await self.db.fetchall(f"SELECT * FROM polls {where}", params)
        return [_poll(r, await self._options(r["id"])) for r in rows]

    async def latest_polls(self, limit: int = 10) -> list[Poll]:
        return await self._polls("ORDER BY id DESC LIMIT ?", (limit,))

    async def open_polls(self) -> list[Poll]:
        return await self._polls("WHERE status = 'open' ORDER BY id")

    async def unfinished_closed_polls(self) -> list[Poll]:
        """Polls closed whose copies are not all stopped yet (e.g. the bot stopped half-way)."""
        return await self._polls("WHERE status = 'closed' AND finished_at IS NULL ORDER BY id")

    async def due_polls(self, now: dt.datetime) -> list[Poll]:
        return await self._polls(
            "WHERE status = 'open' AND deadline_at IS NOT NULL AND deadline_at <= ? ORDER BY id",
            (ts(now),),
        )

    # --- sending --------------------------------------------------------------------------

    async def cancel_pending(self, poll_id: int, now: dt.datetime) -> int:
        """Copies never sent when the poll closed: they will not be."""
        return await self.outbox.close_pending(poll_id, now, status="cancelled")

    # --- closing --------------------------------------------------------------------------

    async def close_poll(self, poll_id: int, *, by: int | None, now: dt.datetime) -> bool:
        """Open → closed; False if it was closed already (a double tap, the deadline first)."""
        async with self.db.transaction() as conn:
            cur = await conn.execute(
                "UPDATE polls SET status = 'closed', closed_at = ?, closed_by = ? "
                "WHERE id = ? AND status = 'open'",
                (ts(now), by, poll_id),
            )
            return bool(cur.rowcount)

    async def copies_to_stop(self, poll_id: int) -> list[PollCopy]:
        rows = await self.db.fetchall(
            "SELECT * FROM poll_copies WHERE poll_id = ? AND status = 'sent' "
            "AND stopped_at IS NULL AND message_id IS NOT NULL AND chat_id != 0 ORDER BY id",
            (poll_id,),
        )
        return [_copy(r) for r in rows]

    async def record_stop(
        self,
        copy: PollCopy,
        *,
        now: dt.datetime,
        counts: Sequence[int] | None = None,
        total: int = 0,
        error: str | None = None,
    ) -> None:
        """A copy is stopped (or could not be: blocked, deleted); its final counts if any."""
        if counts is not None and copy.tg_poll_id is not None:
            await self.record_counts(copy.tg_poll_id, counts, total, final=True)
        await self.db.execute(
            "UPDATE outbox SET stopped_at = ?, error = COALESCE(?, error), updated_at = ? "
            "WHERE id = ?",
            (ts(now), error, ts(now), copy.id),
        )

    async def copies_for_result(self, poll_id: int) -> list[PollCopy]:
        """Recipients still to get the final result."""
        rows = await self.db.fetchall(
            "SELECT * FROM poll_copies WHERE poll_id = ? AND status = 'sent' "
            "AND result_status IS NULL AND chat_id != 0 ORDER BY id",
            (poll_id,),
        )
        return [_copy(r) for r in rows]

    async def record_result(self, copy_id: int, status: str, now: dt.datetime) -> None:
        if status not in RESULT_STATUSES:
            raise ValueError(status)
        await self.db.execute(
            "UPDATE outbox SET result_status = ?, updated_at = ? WHERE id = ?",
            (status, ts(now), copy_id),
        )

    async def finish_poll(self, poll_id: int, now: dt.datetime) -> bool:
        """The closing is over. An anonymous poll's copies lose their link to the people.

        While it was open, the bot had to know which chat held which copy (to stop it, to
        remind those who had not answered); once closed, the counts stay and the link goes.
        """
        async with self.db.transaction() as conn:
            cur = await conn.execute(
                "UPDATE polls SET finished_at = ? WHERE id = ? AND finished_at IS NULL",
                (ts(now), poll_id),
            )
            await conn.execute(
                "UPDATE outbox SET participant_id = NULL, chat_id = 0 WHERE poll_id = ? "
                "AND EXISTS (SELECT 1 FROM polls WHERE id = ? AND anonymous = 1)",
                (poll_id, poll_id),
            )
            return bool(cur.rowcount)

    # --- reminding --------------------------------------------------------------------------

    async def unanswered_copies(self, poll_id: int) -> list[PollCopy]:
        """Delivered copies, not stopped, without a counted answer."""
        rows = await self.db.fetchall(
            "SELECT c.* FROM poll_copies c WHERE c.poll_id = ? AND c.status = 'sent' "
            "AND c.stopped_at IS NULL AND c.chat_id != 0 AND NOT EXISTS ("
            "SELECT 1 FROM poll_answers a WHERE a.copy_id = c.id AND a.valid = 1) ORDER BY c.id",
            (poll_id,),
        )
        return [_copy(r) for r in rows]

    async def mark_reminded(self, copy_id: int, now: dt.datetime) -> None:
        await self.db.execute("UPDATE outbox SET reminded_at = ? WHERE id = ?", (ts(now), copy_id))

    # --- answers ----------------------------------------------------------------------------

    async def record_answer(
        self, tg_poll_id: str, user_id: int, option_ids: Sequence[int]
    ) -> AnswerResult:
        """A `poll_answer` (named polls); committed when this returns."""
        return await self._submit(
            functools.partial(
                _apply_answer, tg_poll_id=tg_poll_id, user_id=user_id, option_ids=tuple(option_ids)
            )
        )

    async def record_counts(
        self, tg_poll_id: str, counts: Sequence[int], total: int, *, final: bool = False
    ) -> AnswerResult:
        """A `poll` update's counts (anonymous polls); `final` for a stopped copy's counts."""
        return await self._submit(
            functools.partial(
                _apply_counts,
                tg_poll_id=tg_poll_id,
                counts=tuple(counts),
                total=total,
                final=final,
            )
        )

    async def _submit(self, work: Callable[..., AnswerResult]) -> AnswerResult:
        def bound(conn: sqlite3.Connection, now: str) -> AnswerResult:
            return work(conn, now=now)

        future: asyncio.Future[AnswerResult] = asyncio.get_running_loop().create_future()
        self._pending.append((bound, future))
        if self._flusher is None or self._flusher.done():
            self._flusher = asyncio.create_task(self._flush())
        return await asyncio.shield(future)

    async def _flush(self) -> None:
        while self._pending:
            batch, self._pending = self._pending, []
            try:
                outcomes = await self.db.run_batch(functools.partial(_apply_all, batch, self.clock))
            except Exception as exc:  # the transaction itself failed: nothing was stored
                for _, future in batch:
                    if not future.done():
                        future.set_exception(exc)
                continue
            for (_, future), outcome in zip(batch, outcomes, strict=True):
                if future.done():
                    continue
                if isinstance(outcome, BaseException):
                    future.set_exception(outcome)
                else:
                    future.set_result(outcome)

    # --- hand votes -------------------------------------------------------------------------

    async def add_hand_votes(
        self,
        poll_id: int,
        votes: Sequence[tuple[int, int]],
        *,
        by: int,
        now: dt.datetime,
        source: str | None = None,
    ) -> HandOutcome:
        """Add counted hand votes, (position, count) pairs, all or nothing.

        `source` names the message they were typed in: given again, nothing is added twice.
        """
        async with self.db.transaction() as conn:
            async with conn.execute("SELECT 1 FROM polls WHERE id = ?", (poll_id,)) as cur:
                if await cur.fetchone() is None:
                    return HandOutcome.NO_POLL
            if source is not None:
                async with conn.execute(
                    "SELECT 1 FROM poll_hand_votes WHERE source = ? AND poll_id = ?",
                    (source, poll_id),
                ) as cur:
                    if await cur.fetchone() is not None:
                        return HandOutcome.ADDED
            async with conn.execute(
                "SELECT o.position, COALESCE((SELECT SUM(h.count) FROM poll_hand_votes h "
                "WHERE h.poll_id = o.poll_id AND h.position = o.position), 0) AS n "
                "FROM poll_options o WHERE o.poll_id = ?",
                (poll_id,),
            ) as cur:
                current = {int(r["position"]): int(r["n"]) for r in await cur.fetchall()}
            after = dict(current)
            for position, count in votes:
                if position not in current or count == 0:
                    return HandOutcome.BAD_OPTION
                after[position] += count
            if any(n < 0 for n in after.values()):
                return HandOutcome.NEGATIVE
            await conn.executemany(
                "INSERT INTO poll_hand_votes (poll_id, position, count, entered_by, entered_at, "
                "source) VALUES (?, ?, ?, ?, ?, ?)",
                [(poll_id, position, count, by, ts(now), source) for position, count in votes],
            )
        return HandOutcome.ADDED

    # --- results ----------------------------------------------------------------------------

    async def results(self, poll_id: int) -> PollResults | None:
        """The poll added up: answers of every copy by mode, hand votes apart, turnout."""
        poll = await self.get_poll(poll_id)
        if poll is None:
            return None
        copies = await self.db.fetchall(
            "SELECT status, mode, COUNT(*) AS n FROM poll_copies WHERE poll_id = ? "
            "GROUP BY status, mode",
            (poll_id,),
        )
        delivered = {"online": 0, "offline": 0}
        pending = undelivered = 0
        for row in copies:
            if row["status"] == "sent":
                delivered[row["mode"]] += int(row["n"])
            elif row["status"] == "pending":
                pending += int(row["n"])
            elif row["status"] in ("failed", "blocked"):
                undelivered += int(row["n"])
        voters = {"online": 0, "offline": 0}
        invalid = 0
        for row in await self.db.fetchall(
            "SELECT c.mode, a.valid, COUNT(*) AS n FROM poll_answers a "
            "JOIN poll_copies c ON c.id = a.copy_id WHERE a.poll_id = ? GROUP BY c.mode, a.valid",
            (poll_id,),
        ):
            if row["valid"]:
                voters[row["mode"]] += int(row["n"])
            else:
                invalid += int(row["n"])
        by_option: dict[tuple[int, str], int] = {}
        for row in await self.db.fetchall(
            "SELECT CAST(j.value AS INTEGER) AS position, c.mode, COUNT(*) AS n "
            "FROM poll_answers a JOIN poll_copies c ON c.id = a.copy_id, json_each(a.option_ids) j "
            "WHERE a.poll_id = ? AND a.valid = 1 GROUP BY position, c.mode",
            (poll_id,),
        ):
            by_option[(int(row["position"]), row["mode"])] = int(row["n"])
        hands: dict[int, int] = {}
        entries = 0
        for row in await self.db.fetchall(
            "SELECT position, SUM(count) AS n, COUNT(*) AS entries FROM poll_hand_votes "
            "WHERE poll_id = ? GROUP BY position",
            (poll_id,),
        ):
            hands[int(row["position"])] = int(row["n"])
            entries += int(row["entries"])
        tallies = tuple(
            OptionTally(
                position=o.position,
                text=o.text,
                idea_id=o.idea_id,
                online=by_option.get((o.position, "online"), 0),
                offline=by_option.get((o.position, "offline"), 0),
                hand=hands.get(o.position, 0),
            )
            for o in poll.options
        )
        return PollResults(
            poll=poll,
            options=tallies,
            recipients_online=delivered["online"],
            recipients_offline=delivered["offline"],
            voters_online=voters["online"],
            voters_offline=voters["offline"],
            invalid=invalid,
            pending=pending,
            undelivered=undelivered,
            hand_entries=entries,
        )

    # --- prioritisation ---------------------------------------------------------------------

    async def idea_candidates(
        self, stage: int, dimension: str | None, *, limit: int = 10
    ) -> list[IdeaChoice]:
        """Ideas for a vote: of one dimension, or of the whole stage.

        Ideas ranked by an earlier vote come first (best rank first), so a vote on the stage's
        top ideas takes the winners of the dimension votes; then the newest.
        """
        sql = (
            "SELECT id, text, dimension, priority_rank FROM ideas WHERE stage = ? "
            "AND status = 'active' AND text != ''"
        )
        params: list[Any] = [stage]
        if dimension is not None:
            sql += " AND dimension = ?"
            params.append(dimension)
        rows = await self.db.fetchall(
            sql + " ORDER BY priority_rank IS NULL, priority_rank, id DESC LIMIT ?",
            [*params, limit],
        )
        return [IdeaChoice(r["id"], r["text"], r["dimension"], r["priority_rank"]) for r in rows]

    async def ideas_by_ids(self, stage: int, idea_ids: Sequence[int]) -> list[IdeaChoice]:
        """The active ideas of `stage` among `idea_ids`, in the order given."""
        if not idea_ids:
            return []
        marks = ",".join("?" * len(idea_ids))
        rows = await self.db.fetchall(
            "SELECT id, text, dimension, priority_rank FROM ideas WHERE stage = ? "
            f"AND status = 'active' AND text != '' AND id IN ({marks})",
            [stage, *idea_ids],
        )
        found = {
            r["id"]: IdeaChoice(r["id"], r["text"], r["dimension"], r["priority_rank"])
            for r in rows
        }
        return [found[i] for i in idea_ids if i in found]

    async def store_priority_ranks(self, ranks: Mapping[int, int]) -> int:
        """Keep each idea's rank from a prioritisation vote (the latest vote wins)."""
        async with self.db.transaction() as conn:
            await conn.executemany(
                "UPDATE ideas SET priority_rank = ? WHERE id = ?",
                [(rank, idea_id) for idea_id, rank in ranks.items()],
            )
        return len(ranks)
