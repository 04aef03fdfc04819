"""Storage: SQLite (WAL, foreign keys), numbered migrations, repositories, workbooks in and out.

The bottom layer: imports no telegram, no handlers and nothing of `bot`. A new sheet of the
export is a writer function (taking a `SheetContext`) appended to `SHEETS` in `export.py`, in
its own module here when it is big (as `poll_export.py`, `export_extra.py`).
"""
