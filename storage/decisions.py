"""The drafting team's decisions about ideas: stored per idea, read back from their workbook.

The export's "Ide" sheet carries decision columns (storage/export_decisions.py); the team fills
them in Excel or LibreOffice and gives the file back. `read_decision_file` reads that sheet as a
stream with the roster reader's limits (storage/roster.py: parts checked in the zip directory
before any parsing, cells, rows and shared strings counted while parsing), so memory stays
bounded whatever the file. `DecisionRepository.apply` checks every row against the database and
applies all of them in one transaction, or none: a single row with a problem leaves everything
as it was. An unchanged row changes nothing (its version stays); each applied decision is
audited.

Decisions are keyed by the idea, so they survive any regrouping and every re-export. Each change
raises the decision's `version`; the notes to authors (kind 'note' of the outbox) are sent once
per author and version of the decisions about their ideas.

Imports only storage.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import re
import unicodedata
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import islice
from typing import Any
from xml.etree import ElementTree

import aiosqlite

from storage import roster
from storage.admin import AdminRepository
from storage.db import Database
from storage.outbox import DeliveryCounts, Outbox, ts

STATUSES: tuple[str, ...] = ("accepted", "merged", "rejected", "review")
# The words of the workbook (its drop-down lists): the drafting team works in Indonesian.
STATUS_WORDS: dict[str, str] = {
    "accepted": "diterima",
    "merged": "digabung",
    "rejected": "ditolak",
    "review": "perlu kajian",
}
CATEGORIES: tuple[str, ...] = ("policy", "infrastructure", "application", "literacy")
CATEGORY_WORDS: dict[str, str] = {
    "policy": "kebijakan dan kelembagaan",
    "infrastructure": "infrastruktur",
    "application": "aplikasi",
    "literacy": "literasi",
}
HORIZON_YEARS: tuple[int, ...] = (1, 5, 10)
IDEA_SHEET = "Ide"
# Field → header of its column in the "Ide" sheet.
HEADERS: dict[str, str] = {
    "ref": "Referensi",
    "status": "Keputusan",
    "merged_into": "Digabung ke",
    "horizon": "Jangka waktu final (tahun)",
    "agency": "Instansi penanggung jawab",
    "category": "Kategori rencana aksi",
    "programme": "Nama program",
    "note": "Catatan tim penyusun",
}
DECISION_FIELDS: tuple[str, ...] = tuple(f for f in HEADERS if f != "ref")
PROGRAMME_MAX = 200
NOTE_MAX = 1000
# An export of a whole workshop is a few thousand ideas; this leaves room for far more.
MAX_FILE_BYTES = 20 * 2**20  # what a bot may download from Telegram
MAX_ROWS = 30_000
MAX_CELLS = 1_500_000
_REF = re.compile(r"^#?\s*I\s*-?\s*0*(\d{1,9})$", re.IGNORECASE)


class DecisionFileError(Exception):
    """The file as a whole cannot be used; `reason` is a text key suffix."""

    def __init__(self, reason: str, **values: Any) -> None:
        super().__init__(reason)
        self.reason = reason
        self.values = values


@dataclass(frozen=True)
class Decision:
    """What the team decided about one idea (`agency` is the institution's name)."""

    idea_id: int
    status: str
    merged_into: int | None = None
    horizon: int | None = None
    agency: str | None = None
    category: str | None = None
    programme: str | None = None
    note: str | None = None
    version: int = 0
    decided_by: int | None = None
    decided_at: dt.datetime | None = None

    def content(self) -> tuple[object, ...]:
        """What the team decides (not who, when or which version): equal means unchanged."""
        return (
            self.status,
            self.merged_into,
            self.horizon,
            self.agency,
            self.category,
            self.programme,
            self.note,
        )


@dataclass(frozen=True)
class SheetRow:
    """A row of the returned sheet: its number and the raw cells of the decision columns."""

    row: int
    ref: Any
    cells: Mapping[str, Any]


@dataclass(frozen=True)
class DecisionSheet:
    sheet: str
    rows: tuple[SheetRow, ...]


@dataclass(frozen=True)
class Problem:
    """A row that cannot be applied: `reason` is a text key suffix, `value` what was found."""

    sheet: str
    row: int
    reason: str
    value: str = ""


@dataclass(frozen=True)
class ApplyReport:
    """What an import did: new decisions, changed ones, rows that changed nothing."""

    applied: int = 0
    changed: int = 0
    unchanged: int = 0
    problems: tuple[Problem, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.problems


def fold(text: str) -> str:
    """Case, accents, spaces and punctuation ignored: 'Perlu  Kajian' → 'perlukajian'."""
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text.casefold() if c.isalnum())


_STATUS_BY_WORD: dict[str, str] = {
    **{fold(w): k for k, w in STATUS_WORDS.items()},
    **{fold(k): k for k in STATUSES},
    fold("needs review"): "review",
    fold("kajian"): "review",
}
_CATEGORY_BY_WORD: dict[str, str] = {
    **{fold(w): k for k, w in CATEGORY_WORDS.items()},
    **{fold(k): k for k in CATEGORIES},
    fold("kebijakan"): "policy",
    fold("kelembagaan"): "policy",
    fold("policy and institutions"): "policy",
    fold("aplikasi perangkat lunak"): "application",
}


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return re.sub(r"\s+", " ", str(value)).strip()


def parse_ref(value: Any) -> int | None:
    """'#I-0042', 'I-42' or 42 → 42; None if it is not an idea reference."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return int(value) if float(value).is_integer() and value > 0 else None
    match = _REF.match(_text(value))
    return int(match.group(1)) if match and int(match.group(1)) > 0 else None


def _horizon(value: Any) -> int | None:
    text = _text(value).lower()
    for suffix in ("tahun", "years", "year", "th", "thn", "y"):
        text = text.removesuffix(suffix).strip()
    return int(text) if text.isdigit() and int(text) in HORIZON_YEARS else None


def version_of(decisions: Iterable[Decision]) -> str:
    """The version of an author's decisions: changes whenever any of them changes."""
    parts = sorted(f"{d.idea_id}:{d.version}" for d in decisions)
    return hashlib.sha1(",".join(parts).encode()).hexdigest()[:16]


# --- reading the returned workbook -----------------------------------------------------------

_RULES = roster.RosterRules(positions={}, kecamatan=(), max_rows=MAX_ROWS)


def read_decision_file(data: bytes) -> DecisionSheet:
    """The decision columns of every row of the "Ide" sheet of an .xlsx, read as a stream.

    Refused (DecisionFileError) before parsing when the file or its unpacked parts are larger
    than an export's, and while parsing as soon as it holds more cells or rows than one.
    """
    if len(data) > MAX_FILE_BYTES:
        raise DecisionFileError("too_large")
    try:
        book = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise DecisionFileError("unreadable") from exc
    with book:
        try:
            roster._check_parts(book, _RULES)
            return _read_sheet(book)
        except roster.RosterError as exc:
            raise DecisionFileError(
                "too_large" if exc.reason in ("too_large", "too_many_rows") else "unreadable"
            ) from exc
        except (DecisionFileError, MemoryError):
            raise
        except Exception as exc:
            # A damaged or forged file can fail in zipfile or the XML parser, each its own way.
            raise DecisionFileError("unreadable") from exc


def _named_sheets(book: zipfile.ZipFile) -> dict[str, str]:
    """Sheet title → its part inside the zip."""
    with roster._xml(book, "xl/_rels/workbook.xml.rels") as rels_file:
        rels = ElementTree.parse(rels_file).getroot()
    targets = {
        rel.get("Id", ""): roster._part_name(rel.get("Target", ""))
        for rel in rels.iter(f"{roster._PKG}Relationship")
        if rel.get("Type", "").endswith("/worksheet")
    }
    with roster._xml(book, "xl/workbook.xml") as workbook_file:
        workbook = ElementTree.parse(workbook_file).getroot()
    return {
        s.get("name", ""): targets[s.get(f"{roster._REL}id", "")]
        for s in workbook.iter(f"{roster._MAIN}sheet")
        if s.get(f"{roster._REL}id", "") in targets
    }


def _read_sheet(book: zipfile.ZipFile) -> DecisionSheet:
    parts = _named_sheets(book)
    part = parts.get(IDEA_SHEET)
    if part is None:
        raise DecisionFileError("no_sheet", sheet=IDEA_SHEET)
    _, shared_name = roster._sheets(book)
    shared = roster._shared_strings(book, shared_name, _RULES)
    rows = roster._sheet_rows(book, part, shared, _RULES, [MAX_CELLS])
    head = list(islice(rows, roster.HEADER_SEARCH_ROWS))
    found = _find_header(head)
    if found is None:
        raise DecisionFileError("no_columns", sheet=IDEA_SHEET)
    start, columns = found
    kept: list[SheetRow] = []
    for number, values in [*head[start + 1 :], *rows]:

        def cell(name: str, values: list[Any] = values) -> Any:
            index = columns.get(name)
            return values[index] if index is not None and index < len(values) else None

        cells = {name: cell(name) for name in DECISION_FIELDS}
        ref = cell("ref")
        if _text(ref) == "" and all(_text(v) == "" for v in cells.values()):
            continue
        kept.append(SheetRow(number, ref, cells))
    return DecisionSheet(IDEA_SHEET, tuple(kept))


def _find_header(rows: Sequence[tuple[int, list[Any]]]) -> tuple[int, dict[str, int]] | None:
    wanted = {fold(h): f for f, h in HEADERS.items()}
    for index, (_, values) in enumerate(rows):
        columns: dict[str, int] = {}
        for column, value in enumerate(values):
            name = wanted.get(fold(value)) if isinstance(value, str) else None
            if name is not None and name not in columns:
                columns[name] = column
        if "ref" in columns and "status" in columns:
            return index, columns
    return None


# --- checking --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Known:
    """What the rows are checked against: the ideas that exist, the agencies by folded name."""

    ideas: frozenset[int]
    agencies: Mapping[str, str] = field(default_factory=dict)


def check_rows(sheet: DecisionSheet, known: Known) -> tuple[list[Decision], list[Problem]]:
    """Every row as a decision, or its problems (a row may have several)."""
    decisions: list[Decision] = []
    problems: list[Problem] = []
    seen: dict[int, int] = {}
    for row in sheet.rows:
        found: list[tuple[str, str]] = []
        decision = _check_row(row, known, found)
        if decision is not None and decision.idea_id in seen:
            found.append(("duplicate", str(seen[decision.idea_id])))
        problems += [Problem(sheet.sheet, row.row, reason, value) for reason, value in found]
        if decision is not None and not found:
            seen[decision.idea_id] = row.row
            if decision.status:  # a row without any decision changes nothing
                decisions.append(decision)
    return decisions, problems


def _check_row(row: SheetRow, known: Known, found: list[tuple[str, str]]) -> Decision | None:
    raw = {name: _text(row.cells.get(name)) for name in DECISION_FIELDS}
    idea_id = parse_ref(row.ref)
    if idea_id is None:
        found.append(("ref_invalid", _text(row.ref)[:40]))
        return None
    if idea_id not in known.ideas:
        found.append(("ref_unknown", _text(row.ref)[:40]))
        return None
    if not any(raw.values()):
        return Decision(idea_id, "")
    status = _STATUS_BY_WORD.get(fold(raw["status"]))
    if not raw["status"]:
        found.append(("status_empty", ""))
    elif status is None:
        found.append(("status_unknown", raw["status"][:40]))
    merged_into = None
    if raw["merged_into"]:
        merged_into = parse_ref(row.cells.get("merged_into"))
        if merged_into is None:
            found.append(("merged_invalid", raw["merged_into"][:40]))
        elif merged_into == idea_id:
            found.append(("merged_self", raw["merged_into"][:40]))
        elif merged_into not in known.ideas:
            found.append(("merged_unknown", raw["merged_into"][:40]))
        elif status is not None and status != "merged":
            found.append(("merged_not_merged", raw["merged_into"][:40]))
    elif status == "merged":
        found.append(("merged_missing", ""))
    horizon = None
    if raw["horizon"]:
        horizon = _horizon(row.cells.get("horizon"))
        if horizon is None:
            found.append(("horizon_unknown", raw["horizon"][:40]))
    agency = None
    if raw["agency"]:
        agency = known.agencies.get(fold(raw["agency"]))
        if agency is None:
            found.append(("agency_unknown", raw["agency"][:40]))
    category = None
    if raw["category"]:
        category = _CATEGORY_BY_WORD.get(fold(raw["category"]))
        if category is None:
            found.append(("category_unknown", raw["category"][:40]))
    if len(raw["programme"]) > PROGRAMME_MAX:
        found.append(("programme_too_long", raw["programme"][:40]))
    note = _text(row.cells.get("note"))
    if len(note) > NOTE_MAX:
        found.append(("note_too_long", note[:40]))
    if status is None:
        return None
    return Decision(
        idea_id,
        status,
        merged_into=merged_into,
        horizon=horizon,
        agency=agency,
        category=category,
        programme=raw["programme"] or None,
        note=note or None,
    )


# --- the repository --------------------------------------------------------------------------


@dataclass(frozen=True)
class AuthorDecision:
    """One of an author's ideas with its decision, for /ideku and the note."""

    idea_id: int
    stage: int
    text: str
    decision: Decision


@dataclass(frozen=True)
class NotePlan:
    """Before sending notes: authors to tell now, already told this version, unreachable."""

    to_send: int
    already: int
    unreachable: int


@dataclass(frozen=True)
class NoteDelivery:
    """A note to one author (an outbox row of kind 'note')."""

    id: int
    note_id: int
    participant_id: int | None
    chat_id: int
    language: str
    attempts: int
    note_version: str | None


def _delivery(row: aiosqlite.Row) -> NoteDelivery:
    return NoteDelivery(
        row["id"],
        row["note_id"],
        row["participant_id"],
        row["chat_id"],
        row["language"],
        row["attempts"],
        row["note_version"],
    )


_DECISION_SELECT = (
    "SELECT d.idea_id, d.status, d.merged_into, d.horizon, inst.name AS agency, d.category, "
    "d.programme, d.note, d.version, d.decided_by, d.decided_at "
    "FROM idea_decisions d LEFT JOIN institutions inst ON inst.id = d.agency_id"
)


def _decision(row: Any) -> Decision:
    return Decision(
        idea_id=row["idea_id"],
        status=row["status"],
        merged_into=row["merged_into"],
        horizon=row["horizon"],
        agency=row["agency"],
        category=row["category"],
        programme=row["programme"],
        note=row["note"],
        version=row["version"],
        decided_by=row["decided_by"],
        decided_at=dt.datetime.fromisoformat(row["decided_at"]),
    )


# Authors who can be told (a Telegram account, not erased) with decisions about their ideas.
_AUTHORS = (
    "SELECT DISTINCT p.id, p.telegram_id, COALESCE(u.language, 'id') AS language, "
    "COALESCE(u.reachable, 1) AS reachable "
    "FROM idea_decisions d JOIN ideas i ON i.id = d.idea_id "
    "JOIN participants p ON p.id = i.participant_id "
    "LEFT JOIN users u ON u.telegram_id = p.telegram_id "
    "WHERE p.telegram_id IS NOT NULL ORDER BY p.id"
)


class DecisionRepository:
    """Decisions per idea, their import, and the notes that tell authors about them."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self.outbox = Outbox(db, "note", "note_id", _delivery)
        self.pending_notes = self.outbox.pending
        self.record_note = self.outbox.mark

    # --- decisions ---

    async def get(self, idea_id: int) -> Decision | None:
        row = await self.db.fetchone(_DECISION_SELECT + " WHERE d.idea_id = ?", (idea_id,))
        return _decision(row) if row else None

    async def for_ideas(self, idea_ids: Sequence[int]) -> dict[int, Decision]:
        found: dict[int, Decision] = {}
        for start in range(0, len(idea_ids), 500):
            chunk = list(idea_ids[start : start + 500])
            marks = ",".join("?" * len(chunk))
            for row in await self.db.fetchall(
                _DECISION_SELECT + f" WHERE d.idea_id IN ({marks})", chunk
            ):
                found[row["idea_id"]] = _decision(row)
        return found

    async def of_author(self, participant_id: int) -> list[AuthorDecision]:
        """The decisions about a participant's ideas, in the order the ideas came."""
        rows = await self.db.fetchall(
            _DECISION_SELECT.replace("SELECT ", "SELECT i.stage, i.text, ", 1)
            + " JOIN ideas i ON i.id = d.idea_id WHERE i.participant_id = ? ORDER BY d.idea_id",
            (participant_id,),
        )
        return [AuthorDecision(r["idea_id"], r["stage"], r["text"], _decision(r)) for r in rows]

    async def agencies(self) -> list[tuple[int, str]]:
        """The workshop's agencies (its OPD list), in the file's order."""
        rows = await self.db.fetchall(
            "SELECT id, name FROM institutions WHERE kind = 'opd' ORDER BY sort_order, name"
        )
        return [(r["id"], r["name"]) for r in rows]

    async def apply(self, sheet: DecisionSheet, *, by: int | None) -> ApplyReport:
        """Check every row, then apply all of them in one transaction, or none if any has a
        problem. Unchanged rows change nothing; each applied decision is audited."""
        admin = AdminRepository(self.db)
        async with self.db.transaction() as conn:
            known = await self._known(conn, sheet)
            decisions, problems = check_rows(sheet, known)
            if problems:
                return ApplyReport(problems=tuple(problems))
            agency_ids = {name: agency_id for agency_id, name in await self.agencies()}
            stored = await self.for_ideas([d.idea_id for d in decisions])
            applied = changed = unchanged = 0
            now = self.db.now()
            for decision in decisions:
                before = stored.get(decision.idea_id)
                if before is not None and before.content() == decision.content():
                    unchanged += 1
                    continue
                version = before.version + 1 if before is not None else 1
                await conn.execute(
                    "INSERT INTO idea_decisions (idea_id, status, merged_into, horizon, agency_id, "
                    "category, programme, note, version, decided_by, decided_at) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (idea_id) DO UPDATE SET "
                    "status = excluded.status, merged_into = excluded.merged_into, "
                    "horizon = excluded.horizon, agency_id = excluded.agency_id, "
                    "category = excluded.category, programme = excluded.programme, "
                    "note = excluded.note, version = excluded.version, "
                    "decided_by = excluded.decided_by, decided_at = excluded.decided_at",
                    (
                        decision.idea_id,
                        decision.status,
                        decision.merged_into,
                        decision.horizon,
                        agency_ids.get(decision.agency) if decision.agency else None,
                        decision.category,
                        decision.programme,
                        decision.note,
                        version,
                        by,
                        now,
                    ),
                )
                await admin.log_in(
                    conn,
                    by,
                    "decision.set",
                    f"I-{decision.idea_id:04d}",
                    status=decision.status,
                    version=version,
                    merged_into=decision.merged_into,
                    horizon=decision.horizon,
                )
                if before is None:
                    applied += 1
                else:
                    changed += 1
        return ApplyReport(applied, changed, unchanged)

    async def _known(self, conn: aiosqlite.Connection, sheet: DecisionSheet) -> Known:
        wanted: set[int] = set()
        for row in sheet.rows:
            for value in (row.ref, row.cells.get("merged_into")):
                ref = parse_ref(value)
                if ref is not None:
                    wanted.add(ref)
        ideas: set[int] = set()
        ordered = sorted(wanted)
        for start in range(0, len(ordered), 500):
            chunk = ordered[start : start + 500]
            marks = ",".join("?" * len(chunk))
            async with conn.execute(f"SELECT id FROM ideas WHERE id IN ({marks})", chunk) as cur:
                ideas.update(int(r[0]) for r in await cur.fetchall())
        agencies = {fold(name): name for _, name in await self.agencies()}
        return Known(frozenset(ideas), agencies)

    # --- notes to authors ---

    async def _authors(self) -> list[tuple[int, int, str, bool, str, bool]]:
        """(participant, chat, language, reachable, version, already told) per author."""
        authors = await self.db.fetchall(_AUTHORS)
        result = []
        for author in authors:
            version = version_of(d.decision for d in await self.of_author(author["id"]))
            told = await self.db.fetchone(
                "SELECT 1 FROM outbox WHERE kind = 'note' AND participant_id = ? "
                "AND note_version = ?",
                (author["id"], version),
            )
            result.append(
                (
                    author["id"],
                    author["telegram_id"],
                    author["language"],
                    bool(author["reachable"]),
                    version,
                    told is not None,
                )
            )
        return result

    async def note_plan(self) -> NotePlan:
        """How many authors a sending now would tell, and how many it would skip."""
        to_send = already = unreachable = 0
        for _, _, _, reachable, _, told in await self._authors():
            if told:
                already += 1
            elif not reachable:
                unreachable += 1
            else:
                to_send += 1
        return NotePlan(to_send, already, unreachable)

    async def start_notes(self, *, by: int | None, now: dt.datetime) -> int | None:
        """Write a pending note per author not yet told this version, with the sending, in one
        transaction; the sending's id, or None when there is nobody to tell."""
        authors = [a for a in await self._authors() if a[3] and not a[5]]
        if not authors:
            return None
        async with self.db.transaction() as conn:
            cursor = await conn.execute(
                "INSERT INTO decision_notes (created_by, created_at) VALUES (?, ?)", (by, ts(now))
            )
            note_id = int(cursor.lastrowid or 0)
            await conn.executemany(
                "INSERT INTO outbox (kind, note_id, participant_id, chat_id, language, "
                "status, updated_at, note_version) VALUES ('note', ?, ?, ?, ?, 'pending', ?, ?) "
                "ON CONFLICT DO NOTHING",
                [
                    (note_id, pid, chat, lang, ts(now), version)
                    for pid, chat, lang, _, version, _ in authors
                ],
            )
            await AdminRepository(self.db).log_in(
                conn, by, "decision.notes", f"N-{note_id}", authors=len(authors)
            )
        return note_id

    async def open_notes(self) -> list[int]:
        """Sendings not finished (cut short by a stop): the next start finishes them."""
        rows = await self.db.fetchall(
            "SELECT id FROM decision_notes WHERE finished_at IS NULL ORDER BY id"
        )
        return [int(r["id"]) for r in rows]

    async def finish_notes(self, note_id: int, now: dt.datetime) -> None:
        await self.db.execute(
            "UPDATE decision_notes SET finished_at = ? WHERE id = ? AND finished_at IS NULL",
            (ts(now), note_id),
        )

    async def note_counts(self, note_id: int) -> DeliveryCounts:
        return await self.outbox.counts(note_id)

    async def note_creator(self, note_id: int) -> int | None:
        row = await self.db.fetchone(
            "SELECT created_by FROM decision_notes WHERE id = ?", (note_id,)
        )
        return row["created_by"] if row else None
