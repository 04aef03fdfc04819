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
import logging
import posixpath
import re
import unicodedata
import zipfile
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from itertools import chain, islice
from typing import IO, Any
from xml.etree import ElementTree

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.datavalidation import DataValidation

from storage.admin import AdminRepository
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
log = logging.getLogger(__name__)


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
    """Every row of an .xlsx or .csv list, checked; raises `RosterError` if the file is unusable.

    A file is refused before it is parsed when its parts are larger than any roster's, and while
    it is parsed as soon as it holds more cells, wider rows or more rows than a roster has: a
    roster is a few thousand rows of about ten columns, and memory stays a few megabytes.
    """
    name = filename.lower()
    if name.endswith(".csv"):
        rows = _csv_rows(data, rules)
        return _check_rows(list(islice(rows, HEADER_SEARCH_ROWS)), rows, rules)
    if not name.endswith(".xlsx"):
        raise RosterError("wrong_type")
    if len(data) > MAX_FILE_BYTES:
        raise RosterError("too_large", max=rules.max_rows)
    try:
        book = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise RosterError("unreadable") from exc
    with book:
        _check_parts(book, rules)
        try:
            return _read_xlsx(book, rules)
        except (RosterError, MemoryError):
            raise
        except Exception as exc:
            # A damaged or forged file can fail in zipfile or the XML parser, each its own way.
            raise RosterError("unreadable") from exc


# Limits no real roster reaches. The template filled with 2,000 participants is about 60 kB;
# its sheet unpacks to about 1 MB and its shared strings to less.
MAX_FILE_BYTES = 5 * 2**20  # the upload limit of /impor
MAX_PARTS = 100  # files inside the .xlsx
MAX_PART_BYTES = 20 * 2**20  # one part, unpacked
MAX_TOTAL_BYTES = 40 * 2**20  # all parts, unpacked
MAX_SHARED_STRINGS = 100_000
MAX_SHARED_CHARS = 4_000_000
MAX_WIDTH = 100  # columns a row may reach (the header is looked for in the first MAX_COLUMNS)
MAX_CELLS = 200_000
MAX_CSV_LINE = 20_000  # characters
MAX_UNIT_ELEMENTS = 1_000  # XML elements in one cell or one shared string


def _too_large(rules: RosterRules, what: str) -> RosterError:
    log.info("roster refused before import: %s", what)
    return RosterError("too_large", max=rules.max_rows)


def _check_parts(book: zipfile.ZipFile, rules: RosterRules) -> None:
    """Refuse, from the zip directory alone, parts that unpack larger than a roster's."""
    parts = book.infolist()
    if len(parts) > MAX_PARTS:
        raise _too_large(rules, f"{len(parts)} parts")
    total = 0
    for part in parts:
        # zipfile never unpacks more than the size the directory declares (it fails instead).
        if part.file_size > MAX_PART_BYTES:
            raise _too_large(rules, f"part {part.filename} unpacks to {part.file_size} bytes")
        total += part.file_size
    if total > MAX_TOTAL_BYTES:
        raise _too_large(rules, f"parts unpack to {total} bytes")


_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PKG = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_CELL_REF = re.compile(r"^([A-Z]{1,3})(\d{1,7})$")


def _xml(book: zipfile.ZipFile, name: str) -> IO[bytes]:
    """A part of the workbook, refused if it declares a DTD (entities could expand it)."""
    with book.open(name) as part:
        start = part.read(4096)
    if b"<!DOCTYPE" in start.upper() or b"<!ENTITY" in start.upper():
        raise RosterError("unreadable")
    return book.open(name)


def _part_name(target: str) -> str:
    """A relationship target of xl/workbook.xml as a name inside the zip."""
    return target.lstrip("/") if target.startswith("/") else posixpath.normpath(f"xl/{target}")


def _sheets(book: zipfile.ZipFile) -> tuple[list[str], str | None]:
    """The worksheets' part names in workbook order, and the shared strings' part, if any."""
    with _xml(book, "xl/_rels/workbook.xml.rels") as rels_file:
        rels = ElementTree.parse(rels_file).getroot()
    targets: dict[str, str] = {}
    shared = None
    for rel in rels.iter(f"{_PKG}Relationship"):
        kind = rel.get("Type", "").rsplit("/", 1)[-1]
        target = _part_name(rel.get("Target", ""))
        if kind == "sharedStrings":
            shared = target
        elif kind == "worksheet":
            targets[rel.get("Id", "")] = target
    with _xml(book, "xl/workbook.xml") as workbook_file:
        workbook = ElementTree.parse(workbook_file).getroot()
    order = [s.get(f"{_REL}id", "") for s in workbook.iter(f"{_MAIN}sheet")]
    return [targets[r] for r in order if r in targets], shared


def _elements(part: IO[bytes], unit: str, rules: RosterRules) -> Iterator[tuple[str, Any]]:
    """("start"|"end", element) events of a part, with every element taken out of the tree once
    it has ended, except inside a `unit` (a cell, a shared string) until that unit ends: memory
    holds one unit, whatever the part's size. A unit of more than a few elements is refused."""
    parents: list[Any] = []
    inside = 0  # elements in the current unit
    for event, element in ElementTree.iterparse(part, events=("start", "end")):
        if event == "start":
            if inside or element.tag == unit:
                inside += 1
                if inside > MAX_UNIT_ELEMENTS:
                    raise _too_large(rules, f"a {unit} of more than {MAX_UNIT_ELEMENTS} elements")
            parents.append(element)
            yield event, element
            continue
        parents.pop()
        yield event, element
        if element.tag == unit:
            inside = 0
        if not inside and parents:
            parents[-1].remove(element)


def _shared_strings(book: zipfile.ZipFile, name: str | None, rules: RosterRules) -> list[str]:
    """The shared-strings table, read as a stream and refused once it outgrows a roster's."""
    strings: list[str] = []
    if name is None or name not in book.namelist():
        return strings
    chars = 0
    si = f"{_MAIN}si"
    with _xml(book, name) as part:
        for event, element in _elements(part, si, rules):
            if event != "end" or element.tag != si:
                continue
            # Plain text, or rich-text runs; phonetic guides (rPh) are not part of the text.
            runs = element.findall(f"{_MAIN}t") + element.findall(f"{_MAIN}r/{_MAIN}t")
            text = "".join(t.text or "" for t in runs)
            strings.append(text)
            chars += len(text)
            if len(strings) > MAX_SHARED_STRINGS or chars > MAX_SHARED_CHARS:
                raise _too_large(rules, "shared strings")
    return strings


def _column(ref: str | None, previous: int) -> int:
    """The 1-based column of a cell reference like `AB12`; the next one if there is none."""
    if not ref:
        return previous + 1
    match = _CELL_REF.match(ref)
    if match is None:
        raise RosterError("unreadable")
    number = 0
    for letter in match.group(1):
        number = number * 26 + ord(letter) - 64
    return number


def _cell_value(cell: ElementTree.Element, shared: list[str]) -> Any:
    kind = cell.get("t", "n")
    if kind == "inlineStr":
        return "".join(t.text or "" for t in cell.iter(f"{_MAIN}t"))
    raw = cell.findtext(f"{_MAIN}v")
    if raw is None:
        return None
    if kind == "s":
        index = int(raw)
        if not 0 <= index < len(shared):
            raise RosterError("unreadable")
        return shared[index]
    if kind == "b":
        return raw == "1"
    if kind in ("str", "e"):
        return raw
    try:
        return int(raw)
    except ValueError:
        return float(raw)


def _sheet_rows(
    book: zipfile.ZipFile, name: str, shared: list[str], rules: RosterRules, budget: list[int]
) -> Iterator[tuple[int, list[Any]]]:
    """(row number, the first MAX_COLUMNS values) of each row of a worksheet, as a stream.

    Each cell leaves the XML tree once read, so a row of a million cells costs no more than a
    short one until the width limit stops it; `budget` counts cells across sheets."""
    row_limit = rules.max_rows * 3 + HEADER_SEARCH_ROWS
    cell, row, dimension = f"{_MAIN}c", f"{_MAIN}row", f"{_MAIN}dimension"
    values: list[Any] = []
    number = column = 0
    with _xml(book, name) as part:
        for event, element in _elements(part, cell, rules):
            tag = element.tag
            if event == "start":
                if tag == row:
                    number = int(element.get("r") or number + 1)
                    values, column = [], 0
                elif tag == dimension:
                    _check_dimension(element.get("ref", ""), rules, row_limit)
            elif tag == cell:
                column = _column(element.get("r"), column)
                budget[0] -= 1
                if column > MAX_WIDTH:
                    raise _too_large(rules, f"a cell in column {column}")
                if budget[0] < 0:
                    raise _too_large(rules, "too many cells")
                if column <= MAX_COLUMNS:
                    values.extend([None] * (column - len(values)))
                    values[column - 1] = _cell_value(element, shared)
            elif tag == row:
                if number > row_limit:
                    raise RosterError("too_many_rows", max=rules.max_rows)
                yield number, values


def _check_dimension(ref: str, rules: RosterRules, row_limit: int) -> None:
    """The sheet's own statement of its used range (`A1:E2001`), checked before its rows."""
    last = ref.split(":")[-1]
    match = _CELL_REF.match(last)
    if match is None:
        return  # absent or odd: the limits while reading still hold
    if _column(last, 0) > MAX_WIDTH:
        raise _too_large(rules, f"dimension {ref}")
    if int(match.group(2)) > row_limit:
        raise RosterError("too_many_rows", max=rules.max_rows)


def _read_xlsx(book: zipfile.ZipFile, rules: RosterRules) -> ParsedRoster:
    sheets, shared_name = _sheets(book)
    shared = _shared_strings(book, shared_name, rules)
    budget = [MAX_CELLS]
    # The first sheet with a recognisable header row (the template has it first).
    for sheet in sheets:
        sheet_rows = _sheet_rows(book, sheet, shared, rules, budget)
        head = list(islice(sheet_rows, HEADER_SEARCH_ROWS))
        if _find_header(head) is not None:
            return _check_rows(head, sheet_rows, rules)
    raise RosterError("no_header")


def _csv_rows(data: bytes, rules: RosterRules) -> Iterator[tuple[int, list[Any]]]:
    if len(data) > MAX_FILE_BYTES:
        raise _too_large(rules, f"{len(data)} bytes")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Excel on Windows saves CSV in the ANSI code page.
        text = data.decode("cp1252", errors="replace")
    if "\x00" in text:
        raise RosterError("unreadable")
    start = 0
    while start < len(text):
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        if end - start > MAX_CSV_LINE:
            raise _too_large(rules, f"a line of {end - start} characters")
        start = end + 1
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
                if len(row) > MAX_WIDTH:
                    raise _too_large(rules, f"a row of {len(row)} fields")
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
            (participant_id, stage, repo.db.now(), entered_by),
        )
        return cursor.rowcount == 1
