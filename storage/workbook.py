"""The workbook writer: openpyxl in write-only mode, an output adapter with no Telegram in it.

Write-only mode streams every row to a temporary file, so a sheet of 100,000 ideas costs the
same memory as a sheet of ten. The price is ordering: the frozen header and the column widths
must be set before the first row (they are written at the top of the sheet XML); the auto-filter
and charts are written at the tail, so they are set when the sheet is closed.

Every value goes through `Sheet.append`, which is where the workbook keeps its promises:
- a string that Excel or another spreadsheet could take for a formula (`=`, `+`, `-`, `@`, a
  leading tab or carriage return) is stored as a plain string with Excel's quote prefix, so it
  appears exactly as typed and is never evaluated (formula injection);
- control characters XML cannot carry are dropped instead of failing the whole export;
- datetimes become real Excel dates in the workshop's time zone (Excel has no time zones, and
  openpyxl refuses aware datetimes, so the zone is applied and then dropped).
"""

from __future__ import annotations

import datetime as dt
import os
import re
import tempfile
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal
from zoneinfo import ZoneInfo

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

MAX_SHEET_TITLE = 31
_FORBIDDEN_IN_TITLE = re.compile(r"[/\\?*\[\]:]")
# What makes Excel, LibreOffice or Google Sheets read a typed value as a formula.
RISKY_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
# Give the event loop's thread the interpreter lock this often (see `Sheet.append`).
YIELD_EVERY_ROWS = 50

# text: as is; wrap: long text, wrapped and top-aligned; when: a stored UTC timestamp (ISO text
# or aware datetime) shown in the workshop's zone; a naive datetime is taken as already local.
Kind = Literal["text", "wrap", "when"]


@dataclass(frozen=True)
class Column:
    """One column of a sheet: its header and how its cells are written."""

    header: str
    width: float = 14.0
    kind: Kind = "text"
    # Phone numbers and Telegram ids: left out of the public (shareable) workbook.
    private: bool = False
    # Only the bot's own words (labels, references, numbers), never what a user typed: these
    # cells skip the formula and control-character checks, which is most of a big export's cost.
    trusted: bool = False


def sheet_title(label: str, taken: set[str] | frozenset[str] = frozenset()) -> str:
    """A valid, unique sheet title from any label: no `/ \\ ? * [ ] :`, at most 31 characters."""
    base = _FORBIDDEN_IN_TITLE.sub(" ", label)
    base = re.sub(r"\s+", " ", base).strip().strip("'") or "Sheet"
    base = base[:MAX_SHEET_TITLE].rstrip()
    title, n = base, 2
    folded = {t.casefold() for t in taken}
    while title.casefold() in folded:
        suffix = f" ({n})"
        title = base[: MAX_SHEET_TITLE - len(suffix)].rstrip() + suffix
        n += 1
    return title


def clean_string(value: str) -> str:
    """Drop the control characters an XML file cannot carry (a pasted text may have them)."""
    return ILLEGAL_CHARACTERS_RE.sub("", value) if ILLEGAL_CHARACTERS_RE.search(value) else value


class Sheet:
    """A write-only sheet with a bold frozen header, auto-filter, widths and safe cells."""

    def __init__(
        self,
        book: XlsxBook,
        ws: WriteOnlyWorksheet,
        columns: Sequence[Column],
        *,
        public: bool,
        freeze: bool,
        autofilter: bool,
    ) -> None:
        self.book = book
        self.ws = ws
        keep = [i for i, c in enumerate(columns) if not (public and c.private)]
        self._keep: list[int] | None = keep if len(keep) != len(columns) else None
        self.columns: tuple[Column, ...] = tuple(columns[i] for i in keep)
        self._wrap = frozenset(i for i, c in enumerate(self.columns) if c.kind == "wrap")
        self._when = tuple(i for i, c in enumerate(self.columns) if c.kind == "when")
        self._checked = tuple(i for i, c in enumerate(self.columns) if not c.trusted)
        # Each wrapped cell copies this style; assigning `alignment` per cell would hash the
        # Alignment object every time (a tenth of the export at 100,000 ideas).
        template = WriteOnlyCell(ws, "")
        template.alignment = book.wrap
        self._wrap_style = template._style
        self._autofilter = autofilter
        # A summary sheet has wider tables below its header: filter only the headed columns.
        self._filter_width = next(
            (i for i, c in enumerate(self.columns) if not c.header), len(self.columns)
        )
        self.rows = 0
        self.filter_rows: int | None = None
        # On the main thread (the command line) nobody waits for the interpreter lock.
        self._cooperative = threading.current_thread() is not threading.main_thread()
        for index, column in enumerate(self.columns, start=1):
            ws.column_dimensions[get_column_letter(index)].width = column.width
        if freeze and self.columns:
            ws.freeze_panes = "A2"
        if self.columns:
            self.header([c.header for c in self.columns])

    @property
    def title(self) -> str:
        return str(self.ws.title)

    def header(self, values: Sequence[object]) -> None:
        """A bold row: the sheet's own header, or the header of a table further down."""
        cells: list[Any] = []
        for value in values:
            if value is None or value == "":
                cells.append(None)
                continue
            cell = self._cell(value if not isinstance(value, str) else clean_string(value))
            if isinstance(value, str):
                cell.data_type = "s"  # a header is never a formula either
            cell.font = self.book.header_font
            cell.fill = self.book.header_fill
            cells.append(cell)
        self.ws.append(cells)
        self.rows += 1

    def append(self, values: Sequence[object]) -> None:
        """Write one row; `values` follow the sheet's full column list, private ones included."""
        row = [values[i] for i in self._keep] if self._keep is not None else list(values)
        if len(row) < len(self.columns):
            row += [None] * (len(self.columns) - len(row))
        for i in self._when:
            value = row[i]
            if isinstance(value, str) or (
                isinstance(value, dt.datetime) and value.tzinfo is not None
            ):
                row[i] = self.book.local(value)
        for i in self._checked:
            value = row[i]
            if type(value) is str:
                if ILLEGAL_CHARACTERS_RE.search(value):
                    value = ILLEGAL_CHARACTERS_RE.sub("", value)
                if value[:1] in RISKY_PREFIXES:
                    row[i] = self._literal(value, wrap=i in self._wrap)
                elif i in self._wrap:
                    row[i] = Cell(
                        self.ws, row=1, column=1, value=value, style_array=self._wrap_style
                    )
                else:
                    row[i] = value
        self.ws.append(row)
        self.rows += 1
        if self._cooperative and self.rows % YIELD_EVERY_ROWS == 0:
            # In the bot the export runs in a worker thread, and without this the event loop's
            # thread waits for the interpreter lock behind it (measured while exporting 100,000
            # ideas: median reply 720 ms, p95 7 s). sleep(0) hands the lock over (median 15 ms);
            # os.sched_yield is cheaper but re-takes the lock before the other thread wakes.
            time.sleep(0)

    def blank(self) -> None:
        self.ws.append([])
        self.rows += 1

    def end_filter(self) -> None:
        """Close the auto-filter range here: rows after this (other tables) are not in it."""
        self.filter_rows = self.rows

    def _cell(self, value: object) -> WriteOnlyCell:
        return WriteOnlyCell(self.ws, value)

    def _literal(self, text: str, *, wrap: bool) -> WriteOnlyCell:
        cell = WriteOnlyCell(self.ws, text)
        # openpyxl takes a leading "=" for a formula: force a plain string, and set Excel's
        # quote prefix so re-entering the cell in Excel does not evaluate it either.
        cell.data_type = "s"
        cell.quotePrefix = True
        if wrap:
            cell.alignment = self.book.wrap
        return cell

    def close(self) -> None:
        """Set the auto-filter over the rows written (it is written at the sheet's tail)."""
        if self._autofilter and self._filter_width:
            last = get_column_letter(self._filter_width)
            self.ws.auto_filter.ref = f"A1:{last}{max(1, self.filter_rows or self.rows)}"


class XlsxBook:
    """A write-only workbook whose sheets convert values safely; saved atomically."""

    def __init__(self, timezone: str) -> None:
        self.tz = ZoneInfo(timezone)
        self.workbook = Workbook(write_only=True)
        self.header_font = Font(bold=True)
        self.header_fill = PatternFill("solid", fgColor="DDEBF7")
        self.wrap = Alignment(wrap_text=True, vertical="top")
        self.sheets: list[Sheet] = []

    def titles(self) -> set[str]:
        return {s.title for s in self.sheets}

    def sheet(
        self,
        title: str,
        columns: Sequence[Column],
        *,
        public: bool = False,
        freeze: bool = True,
        autofilter: bool = True,
    ) -> Sheet:
        """Add a sheet after the existing ones; `title` is made valid and unique."""
        ws = self.workbook.create_sheet(sheet_title(title, self.titles()))
        sheet = Sheet(self, ws, columns, public=public, freeze=freeze, autofilter=autofilter)
        self.sheets.append(sheet)
        return sheet

    def local(self, value: dt.datetime | str) -> dt.datetime:
        """A stored UTC timestamp (ISO text or aware datetime) as naive workshop-zone time."""
        when = dt.datetime.fromisoformat(value) if isinstance(value, str) else value
        if when.tzinfo is None:
            when = when.replace(tzinfo=dt.UTC)
        # Whole seconds: what a reader filters and sorts by; Excel would round to ms anyway.
        return when.astimezone(self.tz).replace(tzinfo=None, microsecond=0)

    def save(self, path: Path) -> Path:
        """Write the file next to `path` first and rename it, so no half-written file is left."""
        for sheet in self.sheets:
            sheet.close()
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(prefix=".partial-", suffix=".xlsx", dir=path.parent)
        os.close(fd)
        try:
            self.workbook.save(temp)
            os.replace(temp, path)
        except BaseException:
            Path(temp).unlink(missing_ok=True)
            raise
        return path
