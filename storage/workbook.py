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
  openpyxl refuses aware datetimes, so the zone is applied and then dropped), shown with the
  zone's abbreviation (e.g. `21-06-2021 08:30 WITA`) through the number format.

Every sheet is also set up to be read and printed as it opens: a named font, wrapped bold
headers, row heights estimated from the text (LibreOffice does not fit rows of a file written by
openpyxl, and long text would overlap the rows below), landscape pages fitted to the width with
the header row repeated on every page and page numbers in the footer. A workbook with personal
data (`XlsxBook(private_mark=...)`) says so in a red first row of every sheet, in every page's
header and with a red sheet tab.
"""

from __future__ import annotations

import datetime as dt
import math
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
from openpyxl.worksheet.properties import PageSetupProperties

MAX_SHEET_TITLE = 31
_FORBIDDEN_IN_TITLE = re.compile(r"[/\\?*\[\]:]")
# What makes Excel, LibreOffice or Google Sheets read a typed value as a formula.
RISKY_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
# Give the event loop's thread the interpreter lock this often (see `Sheet.append`).
YIELD_EVERY_ROWS = 50

# The font of every cell (a named font, so Excel and LibreOffice measure text alike).
FONT_NAME = "Calibri"
FONT_SIZE = 11
# Points per line of text in that font, and the tallest row Excel accepts.
LINE_HEIGHT = 15.0
MAX_ROW_HEIGHT = 409.0
# Characters of ordinary text that fit in one unit of column width (a unit is the width of "0";
# most letters are narrower, a little less than 1 keeps LibreOffice's wider wrap covered).
CHARS_PER_WIDTH = 1.05
PERCENT_FORMAT = "0%"
# A time cell shows "21-06-2021 08:30 WITA": a narrower column shows "###" instead.
WHEN_WIDTH = 22.0
PRIVATE_FILL = "C00000"

# text: as is; wrap: long text, wrapped and top-aligned; when: a stored UTC timestamp (ISO text
# or aware datetime) shown in the workshop's zone; a naive datetime is taken as already local;
# percent: a fraction (0.25) shown as a percentage (25%).
Kind = Literal["text", "wrap", "when", "percent"]


@dataclass(frozen=True)
class Column:
    """One column of a sheet: its header and how its cells are written."""

    header: str
    width: float = 14.0
    kind: Kind = "text"
    # Names, phone numbers, Telegram ids, file ids and names: left out of the shareable workbook.
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


def text_lines(text: str, width: float) -> int:
    """How many lines `text` takes in a wrapped cell `width` units wide (an estimate)."""
    per_line = max(1, int(width * CHARS_PER_WIDTH) - 1)
    return sum(max(1, math.ceil(len(part) / per_line)) for part in text.split("\n"))


def row_height(lines: int) -> float | None:
    """The height (points) of a row whose tallest cell has `lines` lines; None: the default."""
    if lines <= 1:
        return None
    return min(MAX_ROW_HEIGHT, lines * LINE_HEIGHT + 3)


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
        self._wrap_widths = tuple((i, self.columns[i].width) for i in sorted(self._wrap))
        self._when = tuple(i for i, c in enumerate(self.columns) if c.kind == "when")
        self._percent = tuple(i for i, c in enumerate(self.columns) if c.kind == "percent")
        self._checked = tuple(i for i, c in enumerate(self.columns) if not c.trusted)
        # Each wrapped cell copies this style; assigning `alignment` per cell would hash the
        # Alignment object every time (a tenth of the export at 100,000 ideas).
        template = WriteOnlyCell(ws, "")
        template.alignment = book.wrap
        template.font = book.font
        self._wrap_style = template._style
        stamp = WriteOnlyCell(ws, "")
        stamp.number_format = book.when_format
        stamp.font = book.font
        self._when_style = stamp._style
        percent = WriteOnlyCell(ws, "")
        percent.number_format = PERCENT_FORMAT
        percent.font = book.font
        self._percent_style = percent._style
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
            width = max(column.width, WHEN_WIDTH) if column.kind == "when" else column.width
            ws.column_dimensions[get_column_letter(index)].width = width
        self._print_setup()
        # The header row: 1, or 2 below the personal-data mark.
        self.header_row = 2 if book.private_mark else 1
        if freeze and self.columns:
            ws.freeze_panes = f"A{self.header_row + 1}"
        if book.private_mark:
            self._mark_row(book.private_mark)
        if self.columns:
            self.header([c.header for c in self.columns])
            ws.print_title_rows = f"1:{self.header_row}"

    def _print_setup(self) -> None:
        """Landscape A4 fitted to the page width, page numbers below, the mark above."""
        ws = self.ws
        ws.page_setup.orientation = "landscape"
        ws.page_setup.paperSize = "9"  # A4
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0  # as many pages down as it takes
        ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
        ws.oddFooter.center.text = self.book.page_footer
        ws.oddFooter.left.text = "&A"  # the sheet's name
        if self.book.private_mark:
            ws.oddHeader.center.text = self.book.private_mark
            ws.oddHeader.center.color = PRIVATE_FILL
            ws.sheet_properties.tabColor = PRIVATE_FILL

    def _mark_row(self, text: str) -> None:
        cell = WriteOnlyCell(self.ws, text)
        cell.data_type = "s"
        cell.font = self.book.mark_font
        cell.fill = self.book.mark_fill
        self.ws.append([cell])
        self.rows += 1

    @property
    def title(self) -> str:
        return str(self.ws.title)

    def header(self, values: Sequence[object]) -> None:
        """A bold row: the sheet's own header, or the header of a table further down."""
        cells: list[Any] = []
        lines = 1
        for index, value in enumerate(values):
            if value is None or value == "":
                cells.append(None)
                continue
            cell = self._cell(value if not isinstance(value, str) else clean_string(value))
            if isinstance(value, str):
                cell.data_type = "s"  # a header is never a formula either
                width = self.columns[index].width if index < len(self.columns) else 10.0
                # A lone title (a table's name) runs on over the empty cells beside it.
                if len(values) > 1:
                    lines = max(lines, text_lines(value, width))
            cell.font = self.book.header_font
            cell.fill = self.book.header_fill
            cell.alignment = self.book.header_alignment
            cells.append(cell)
        self._append(cells, lines)

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
                value = self.book.local(value)
            if isinstance(value, dt.datetime):
                row[i] = Cell(self.ws, row=1, column=1, value=value, style_array=self._when_style)
        for i in self._percent:
            value = row[i]
            if isinstance(value, int | float):
                row[i] = Cell(
                    self.ws, row=1, column=1, value=value, style_array=self._percent_style
                )
        lines = 1
        for i, width in self._wrap_widths:
            value = row[i]
            if type(value) is str and (len(value) > width or "\n" in value):
                lines = max(lines, text_lines(str(value), width))
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
        self._append(row, lines)
        if self._cooperative and self.rows % YIELD_EVERY_ROWS == 0:
            # In the bot the export runs in a worker thread, and without this the event loop's
            # thread waits for the interpreter lock behind it (measured while exporting 100,000
            # ideas: median reply 720 ms, p95 7 s). sleep(0) hands the lock over (median 15 ms);
            # os.sched_yield is cheaper but re-takes the lock before the other thread wakes.
            time.sleep(0)

    def _append(self, row: list[Any], lines: int) -> None:
        """Append `row`, as tall as `lines` lines of text (write-only mode writes a row's
        height with the row, so it is set just before and dropped just after)."""
        height = row_height(lines)
        index = self.rows + 1
        if height is not None:
            # The writer merges this mapping into the row's attributes (`r`, then these).
            self.ws.row_dimensions[index] = {"ht": f"{height:g}", "customHeight": "1"}
        self.ws.append(row)
        self.rows += 1
        if height is not None:
            del self.ws.row_dimensions[index]

    def percent(self, fraction: float) -> Cell:
        """A cell showing `fraction` (0.25) as a percentage (25%), for tables below the header."""
        return Cell(self.ws, row=1, column=1, value=fraction, style_array=self._percent_style)

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
            first = self.header_row
            self.ws.auto_filter.ref = f"A{first}:{last}{max(first, self.filter_rows or self.rows)}"


def zone_label(tz: ZoneInfo, now: dt.datetime | None = None) -> str:
    """WITA, WIB, CET...: the zone's abbreviation; "UTC+08" where the zone has only numbers."""
    moment = (now or dt.datetime.now(dt.UTC)).astimezone(tz)
    name = moment.tzname() or ""
    if name and name[0].isalpha():
        return name
    offset = moment.utcoffset() or dt.timedelta()
    hours, rest = divmod(int(offset.total_seconds()) // 60, 60)
    return f"UTC{hours:+03d}" + (f":{rest:02d}" if rest else "")


class XlsxBook:
    """A write-only workbook whose sheets convert values safely; saved atomically."""

    def __init__(
        self,
        timezone: str,
        *,
        private_mark: str | None = None,
        page_footer: str = "&P / &N",
        now: dt.datetime | None = None,
    ) -> None:
        self.tz = ZoneInfo(timezone)
        self.workbook = Workbook(write_only=True)
        # The zone's own abbreviation (WITA for Asia/Makassar), or its UTC offset if it has none.
        self.zone_label = zone_label(self.tz, now)
        self.when_format = f'dd-mm-yyyy hh:mm "{self.zone_label}"'
        self.private_mark = private_mark
        self.page_footer = page_footer
        self.font = Font(name=FONT_NAME, size=FONT_SIZE)
        self.header_font = Font(name=FONT_NAME, size=FONT_SIZE, bold=True)
        self.header_fill = PatternFill("solid", fgColor="DDEBF7")
        self.header_alignment = Alignment(wrap_text=True, vertical="top")
        self.mark_font = Font(name=FONT_NAME, size=FONT_SIZE + 1, bold=True, color="FFFFFF")
        self.mark_fill = PatternFill("solid", fgColor=PRIVATE_FILL)
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
