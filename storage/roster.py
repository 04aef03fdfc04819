"""Roster import: the template, reading .xlsx and .csv lists row by row, and registering them.

The secretariat often has the list of in-room participants as a spreadsheet before the day. Each
row is checked on its own: good rows are imported, bad ones come back with their row number and
a reason key (the handler turns it into words), and nothing is imported twice — the repository
takes the same folded name at the same institution for the same person, so sending the same file
again registers nobody new.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from itertools import chain, islice
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.datavalidation import DataValidation

from storage.admin import AdminRepository
from storage.db import utc_now
from storage.models import POSITIONS, Profile, RegisterOutcome
from storage.repository import Repository, name_key

TEMPLATE_HEADERS = {
    "name": "Nama lengkap",
    "institution": "Instansi",
    "kecamatan": "Kecamatan",
    "position": "Jabatan",
    "phone": "Telepon",
}
# Header words recognised for each field, folded (lower case, letters and digits only).
_HEADER_WORDS: dict[str, frozenset[str]] = {
    "name": frozenset({"nama", "namalengkap", "namapeserta", "name", "fullname"}),
    "institution": frozenset(
        {"instansi", "asalinstansi", "institution", "opd", "perangkatdaerah", "unitkerja"}
    ),
    "kecamatan": frozenset({"kecamatan", "district", "subdistrict"}),
    "position": frozenset({"jabatan", "position"}),
    "phone": frozenset(
        {
            "telepon",
            "telp",
            "notelp",
            "notelepon",
            "nomortelepon",
            "hp",
            "nohp",
            "nomorhp",
            "phone",
            "whatsapp",
            "wa",
            "nowa",
        }
    ),
}
ROSTER_EXTENSIONS = (".xlsx", ".csv")
HEADER_SEARCH_ROWS = 10
MAX_COLUMNS = 40


class RosterError(Exception):
    """The file as a whole cannot be used; `reason` is a text key suffix."""

    def __init__(self, reason: str, **values: Any) -> None:
        super().__init__(reason)
        self.reason = reason
        self.values = values


@dataclass(frozen=True)
class RosterRules:
    """What a row must satisfy; the caller passes the bot's limits and words."""

    # Folded position word (either language's label, or the key) → position key.
    positions: Mapping[str, str]
    kecamatan: Sequence[str]
    name_min: int = 2
    name_max: int = 100
    institution_max: int = 120
    max_rows: int = 2000


@dataclass(frozen=True)
class RosterRow:
    row: int
    profile: Profile
    phone: str | None


@dataclass(frozen=True)
class RowProblem:
    """A row that is not imported: `reason` is a text key suffix, `value` what was found."""

    row: int
    reason: str
    value: str = ""


@dataclass(frozen=True)
class ParsedRoster:
    rows: tuple[RosterRow, ...]
    problems: tuple[RowProblem, ...]


@dataclass(frozen=True)
class ImportReport:
    stage: int
    imported: int
    already: int
    problems: tuple[RowProblem, ...]


def fold(text: str) -> str:
    """Case, accents and everything but letters and digits ignored: 'No. HP' → 'nohp'."""
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text.casefold() if c.isalnum())


def position_words(labels: Iterable[tuple[str, str]]) -> dict[str, str]:
    """Folded word → position key, from (key, label) pairs; the keys themselves match too."""
    words = {fold(key): key for key in POSITIONS}
    for key, label in labels:
        words[fold(label)] = key
    return words


# --- the template ----------------------------------------------------------------------------


def roster_template(position_labels: Sequence[str], kecamatan: Sequence[str]) -> bytes:
    """An .xlsx with the header row, drop-down lists for position and kecamatan, and a guide."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Peserta"
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="DDEBF7")
    for column, (field, header) in enumerate(TEMPLATE_HEADERS.items(), start=1):
        cell = sheet.cell(row=1, column=column, value=header)
        cell.font, cell.fill = bold, fill
        letter = cell.column_letter
        sheet.column_dimensions[letter].width = {"name": 32, "institution": 36}.get(field, 22)
    # Typed phone numbers stay text, so Excel keeps the leading 0 of 0812...
    sheet.column_dimensions["E"].number_format = "@"
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = "A1:E1"

    guide = book.create_sheet("Petunjuk")
    guide.column_dimensions["A"].width = 28
    guide.column_dimensions["B"].width = 24
    guide.column_dimensions["C"].width = 70
    guide.append(["Jabatan", "Kecamatan", "Petunjuk"])
    for cell in guide[1]:
        cell.font, cell.fill = bold, fill
    notes = [
        "Satu peserta per baris di lembar Peserta, mulai baris 2.",
        "Wajib: Nama lengkap dan Instansi. Kecamatan, Jabatan dan Telepon boleh kosong.",
        "Jabatan dan Kecamatan: pilih dari daftar di lembar ini.",
        "Telepon: 0812... atau +62812...",
        "Mengirim berkas yang sama dua kali tidak mendaftarkan siapa pun dua kali.",
    ]
    for i in range(max(len(position_labels), len(kecamatan), len(notes))):
        guide.append(
            [
                position_labels[i] if i < len(position_labels) else None,
                kecamatan[i] if i < len(kecamatan) else None,
                notes[i] if i < len(notes) else None,
            ]
        )
    for row in guide.iter_rows(min_row=2, min_col=3, max_col=3):
        row[0].alignment = Alignment(wrap_text=True, vertical="top")
    if position_labels:
        positions = DataValidation(
            type="list", formula1=f"Petunjuk!$A$2:$A${1 + len(position_labels)}", allow_blank=True
        )
        sheet.add_data_validation(positions)
        positions.add("D2:D2001")
    if kecamatan:
        places = DataValidation(
            type="list", formula1=f"Petunjuk!$B$2:$B${1 + len(kecamatan)}", allow_blank=True
        )
        sheet.add_data_validation(places)
        places.add("C2:C2001")
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


# --- reading ---------------------------------------------------------------------------------


def read_roster(data: bytes, filename: str, rules: RosterRules) -> ParsedRoster:
    """Every row of an .xlsx or .csv list, checked; raises `RosterError` if the file is unusable."""
    name = filename.lower()
    if name.endswith(".csv"):
        rows = _csv_rows(data)
        return _check_rows(list(islice(rows, HEADER_SEARCH_ROWS)), rows, rules)
    if not name.endswith(".xlsx"):
        raise RosterError("wrong_type")
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:
        # A damaged or forged file can fail in zipfile, openpyxl or lxml, each its own way.
        raise RosterError("unreadable") from exc
    try:
        # The first sheet with a recognisable header row (the template has it first).
        for sheet in book.worksheets:
            values = sheet.iter_rows(values_only=True, max_col=MAX_COLUMNS)
            sheet_rows = ((n, list(v)) for n, v in enumerate(values, start=1))
            head = list(islice(sheet_rows, HEADER_SEARCH_ROWS))
            if _find_header(head) is not None:
                return _check_rows(head, sheet_rows, rules)
        raise RosterError("no_header")
    except RosterError:
        raise
    except Exception as exc:
        raise RosterError("unreadable") from exc
    finally:
        book.close()


def _csv_rows(data: bytes) -> Iterator[tuple[int, list[Any]]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Excel on Windows saves CSV in the ANSI code page.
        text = data.decode("cp1252", errors="replace")
    if "\x00" in text:
        raise RosterError("unreadable")
    sample = text[:4096]
    dialect: Any
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        # Excel with Indonesian regional settings separates with ';'.
        dialect = _Semicolon if sample.count(";") > sample.count(",") else csv.excel
    reader = csv.reader(io.StringIO(text), dialect)

    def rows() -> Iterator[tuple[int, list[Any]]]:
        try:
            for number, row in enumerate(reader, start=1):
                yield number, list(row[:MAX_COLUMNS])
        except csv.Error as exc:
            raise RosterError("unreadable") from exc

    return rows()


class _Semicolon(csv.excel):
    delimiter = ";"


def _find_header(rows: Sequence[tuple[int, list[Any]]]) -> tuple[int, dict[str, int]] | None:
    """(index in `rows`, field → column) of the header row, if one is near the top."""
    for index, (_, values) in enumerate(rows[:HEADER_SEARCH_ROWS]):
        columns: dict[str, int] = {}
        for column, value in enumerate(values):
            if not isinstance(value, str):
                continue
            word = fold(value)
            for field, words in _HEADER_WORDS.items():
                if word in words and field not in columns:
                    columns[field] = column
        if "name" in columns and "institution" in columns:
            return index, columns
    return None


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return re.sub(r"\s+", " ", str(value)).strip()


def _phone(value: Any) -> str | None:
    """Digits with an optional leading +; None if it is not a phone number."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        if isinstance(value, float) and not value.is_integer():
            return None
        raw = str(int(value))
    else:
        raw = _text(value)
    compact = re.sub(r"[\s().\-/]", "", raw)
    if not re.fullmatch(r"\+?\d{8,15}", compact):
        return None
    if compact.startswith("8"):
        # A number typed into Excel loses its leading 0: 812... was 0812...
        compact = "0" + compact
    return compact


def _check_rows(
    head: Sequence[tuple[int, list[Any]]],
    rest: Iterator[tuple[int, list[Any]]],
    rules: RosterRules,
) -> ParsedRoster:
    header = _find_header(head)
    if header is None:
        raise RosterError("no_header")
    start, columns = header
    kecamatan = {fold(k): k for k in rules.kecamatan}
    rows: list[RosterRow] = []
    problems: list[RowProblem] = []
    seen: dict[str, int] = {}
    count = 0
    # A sheet formatted down to row 1,048,576 is mostly blank rows: stop reading well before.
    physical_limit = rules.max_rows * 3 + HEADER_SEARCH_ROWS
    for number, values in chain(head[start + 1 :], rest):
        if number > physical_limit:
            raise RosterError("too_many_rows", max=rules.max_rows)
        if all(_text(v) == "" for v in values):
            continue
        count += 1
        if count > rules.max_rows:
            raise RosterError("too_many_rows", max=rules.max_rows)
        cells = {
            field: values[column] if column < len(values) else None
            for field, column in columns.items()
        }
        problem, row = _check_row(number, cells, rules, kecamatan)
        if problem is not None:
            problems.append(problem)
            continue
        assert row is not None
        key = name_key(row.profile.full_name, row.profile.institution)
        if key in seen:
            problems.append(RowProblem(number, "duplicate", str(seen[key])))
            continue
        seen[key] = number
        rows.append(row)
    if count == 0:
        raise RosterError("empty")
    return ParsedRoster(tuple(rows), tuple(problems))


def _check_row(
    number: int, cells: Mapping[str, Any], rules: RosterRules, kecamatan: Mapping[str, str]
) -> tuple[RowProblem | None, RosterRow | None]:
    name = _text(cells.get("name"))
    if not name:
        return RowProblem(number, "name_empty"), None
    if len(name) < rules.name_min:
        return RowProblem(number, "name_too_short", name), None
    if len(name) > rules.name_max:
        return RowProblem(number, "name_too_long", name[:40]), None
    institution = _text(cells.get("institution"))
    if not institution:
        return RowProblem(number, "institution_empty"), None
    if len(institution) > rules.institution_max:
        return RowProblem(number, "institution_too_long", institution[:40]), None

    place_raw = _text(cells.get("kecamatan"))
    place: str | None = None
    if place_raw:
        place = kecamatan.get(fold(place_raw).removeprefix("kecamatan"))
        if place is None:
            return RowProblem(number, "kecamatan_unknown", place_raw[:40]), None
    else:
        # "Kecamatan Cibal" as the institution says where they are from.
        folded = fold(institution)
        if folded.startswith("kecamatan"):
            place = kecamatan.get(folded.removeprefix("kecamatan"))

    position_raw = _text(cells.get("position"))
    position = "other"
    if position_raw:
        found = rules.positions.get(fold(position_raw))
        if found is None:
            return RowProblem(number, "position_unknown", position_raw[:40]), None
        position = found

    phone_raw = cells.get("phone")
    phone = None
    if _text(phone_raw):
        phone = _phone(phone_raw)
        if phone is None:
            return RowProblem(number, "phone_invalid", _text(phone_raw)[:40]), None
    return None, RosterRow(number, Profile(name, institution, position, place), phone)


# --- importing -------------------------------------------------------------------------------


async def import_roster(
    repo: Repository, parsed: ParsedRoster, stage: int, *, entered_by: int
) -> ImportReport:
    """Register every good row as an offline participant of `stage`; each row commits on its own.

    Someone already registered for the stage under the same name and institution (also by
    themselves, through Telegram) counts as already present. A Telegram participant of another
    stage is registered for this one as in the room, not entered a second time.
    """
    if await repo.get_stage(stage) is None:
        raise ValueError(f"there is no stage {stage}")
    imported = already = 0
    for row in parsed.rows:
        key = name_key(row.profile.full_name, row.profile.institution)
        existing = await repo.db.fetchone(
            "SELECT p.id, p.telegram_id, "
            "EXISTS (SELECT 1 FROM registrations r WHERE r.participant_id = p.id AND r.stage = ?) "
            "AS registered FROM participants p WHERE p.name_key = ? "
            "ORDER BY registered DESC, p.telegram_id IS NULL, p.id LIMIT 1",
            (stage, key),
        )
        if existing is not None and existing["registered"]:
            already += 1
            continue
        if existing is not None and existing["telegram_id"] is not None:
            if await _register_existing(repo, existing["id"], stage, entered_by):
                imported += 1
            else:
                already += 1
            continue
        result = await repo.register_offline(
            row.profile, stage, entered_by=entered_by, channel="import", phone=row.phone
        )
        if result.outcome is RegisterOutcome.CREATED:
            imported += 1
        else:
            already += 1
    await AdminRepository(repo.db).record(
        entered_by or None,
        "roster.import",
        f"stage {stage}",
        imported=imported,
        already=already,
        problems=len(parsed.problems),
    )
    return ImportReport(stage, imported, already, parsed.problems)


async def _register_existing(
    repo: Repository, participant_id: int, stage: int, entered_by: int
) -> bool:
    async with repo.db.transaction() as conn:
        cursor = await conn.execute(
            "INSERT INTO registrations (participant_id, stage, mode, channel, registered_at, "
            "registered_by) VALUES (?, ?, 'offline', 'import', ?, ?) "
            "ON CONFLICT (participant_id, stage) DO NOTHING",
            (participant_id, stage, utc_now(), entered_by),
        )
        return cursor.rowcount == 1
