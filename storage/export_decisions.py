"""The decision columns of the export's "Ide" sheet, their drop-down lists, and the summary's
count of ideas by decision.

Pre-filled with the stored decisions (storage/decisions.py), so a workbook exported after an
import carries what the team decided, and giving it back again changes nothing. The drop-down
lists are data validations of the write-only sheet (written at the sheet's tail on save); a
list longer than Excel's 255 characters for an inline list (the agencies) points at a range of
a hidden list sheet instead.

Imports only storage.
"""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING

from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation

from storage.decisions import (
    CATEGORIES,
    CATEGORY_WORDS,
    HEADERS,
    HORIZON_YEARS,
    STATUS_WORDS,
    STATUSES,
)
from storage.models import idea_ref
from storage.workbook import Column, Sheet

if TYPE_CHECKING:
    from storage.export import SheetContext

DECISION_COLUMNS = [
    Column(HEADERS["status"], 14, trusted=True),
    Column(HEADERS["merged_into"], 11, trusted=True),
    Column(HEADERS["horizon"], 11, trusted=True),
    Column(HEADERS["agency"], 30, trusted=True),
    Column(HEADERS["category"], 22, trusted=True),
    Column(HEADERS["programme"], 30, "wrap"),
    Column(HEADERS["note"], 30, "wrap"),
]
LIST_SHEET = "Daftar pilihan"
INLINE_LIST_MAX = 255  # Excel's limit for a list typed into the validation itself
_LAST_ROW = 1_048_576
Cells = tuple[object, ...]
_NONE: Cells = (None,) * len(DECISION_COLUMNS)


class DecisionCells:
    """The stored decisions, read once, as the cells of each idea's row."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._cells: dict[int, Cells] = {}
        for idea_id, status, merged, horizon, agency, category, programme, note in conn.execute(
            "SELECT d.idea_id, d.status, d.merged_into, d.horizon, inst.name, d.category, "
            "d.programme, d.note FROM idea_decisions d "
            "LEFT JOIN institutions inst ON inst.id = d.agency_id"
        ):
            self._cells[idea_id] = (
                STATUS_WORDS.get(status, status),
                idea_ref(merged) if merged else None,
                horizon,
                agency,
                CATEGORY_WORDS.get(category, category) if category else None,
                programme,
                note,
            )

    def cells(self, idea_id: int) -> Cells:
        return self._cells.get(idea_id, _NONE)


def add_drop_downs(ctx: SheetContext, sheet: Sheet) -> None:
    """Drop-down lists on the decision columns of `sheet`, long ones from a hidden list sheet."""
    agencies = [
        str(name)
        for (name,) in ctx.conn.execute(
            "SELECT name FROM institutions WHERE kind = 'opd' ORDER BY sort_order, name"
        )
    ]
    lists: dict[str, list[str]] = {
        "status": [STATUS_WORDS[s] for s in STATUSES],
        "horizon": [str(h) for h in HORIZON_YEARS],
        "agency": agencies,
        "category": [CATEGORY_WORDS[c] for c in CATEGORIES],
    }
    book = ctx.book
    hidden = book.sheet(LIST_SHEET, [Column(HEADERS[f], 30, trusted=True) for f in lists])
    hidden.ws.sheet_state = "hidden"
    for i in range(max(len(v) for v in lists.values())):
        hidden.append([values[i] if i < len(values) else None for values in lists.values()])
    headers = [c.header for c in sheet.columns]
    for index, (name, values) in enumerate(lists.items(), start=1):
        if not values or HEADERS[name] not in headers:
            continue
        inline = ",".join(values)
        if len(inline) + 2 <= INLINE_LIST_MAX and not any("," in v for v in values):
            formula = f'"{inline}"'
        else:
            letter = get_column_letter(index)
            top = hidden.header_row + 1  # the full workbook's sheets open with their mark row
            formula = (
                f"{quote_sheetname(hidden.title)}!${letter}${top}:${letter}${top - 1 + len(values)}"
            )
        validation = DataValidation(type="list", formula1=formula, allow_blank=True)
        validation.showErrorMessage = True
        validation.errorTitle = HEADERS[name]
        validation.error = "Pilih dari daftar."
        column = get_column_letter(headers.index(HEADERS[name]) + 1)
        validation.add(f"{column}{sheet.header_row + 1}:{column}{_LAST_ROW}")
        sheet.ws.data_validations.append(validation)


def decision_summary(
    ctx: SheetContext, sheet: Sheet, idea_where: str, params: tuple[object, ...]
) -> None:
    """Ringkasan: ideas of the export by the team's decision, and those not decided yet."""
    counts = dict.fromkeys(STATUSES, 0)
    undecided = 0
    for status, n in ctx.conn.execute(
        "SELECT d.status, COUNT(*) FROM ideas i LEFT JOIN idea_decisions d ON d.idea_id = i.id "
        f"WHERE i.status = 'active' AND {idea_where} GROUP BY d.status",
        params,
    ):
        if status is None:
            undecided = int(n)
        else:
            counts[status] = int(n)
    sheet.blank()
    sheet.header(["Ide per keputusan tim penyusun"])
    sheet.header(["Keputusan", "Ide"])
    for status in STATUSES:
        sheet.append([STATUS_WORDS[status], counts[status]])
    sheet.append(["belum diputuskan", undecided])
