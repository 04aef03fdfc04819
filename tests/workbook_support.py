"""Reading exported workbooks back in tests: the full workbook's personal-data mark."""

from __future__ import annotations

import re

from openpyxl import Workbook

from handlers.texts import t

MARK = t("id", "xlsx_private_mark")


def unmark(book: Workbook) -> Workbook:
    """Check the full workbook's first row says it holds personal data on every sheet, and drop
    it, so the sheet's header is row 1 again (as in the shareable workbook)."""
    for ws in book.worksheets:
        assert ws.cell(row=1, column=1).value == MARK, f"sheet {ws.title!r} is not marked"
        ws.delete_rows(1)
        # delete_rows moves cells, not the sheet's settings: move those up by one row too.
        if ws.freeze_panes == "A3":
            ws.freeze_panes = "A2"
        if ws.auto_filter.ref:
            ws.auto_filter.ref = shift_up(ws.auto_filter.ref)
    return book


def shift_up(ref: str) -> str:
    """ "A2:P9" → "A1:P8"."""
    return re.sub(r"\d+", lambda m: str(int(m.group()) - 1), ref)
