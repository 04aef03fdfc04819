"""What a person typed never becomes a formula in the sheets *Kehadiran* and *Daftar hadir*.

openpyxl writes a string starting with `=` as a formula unless the cell is forced to a string
(shared/PITFALLS.md); Excel would then evaluate a participant's "name". Read back, such a cell has
`data_type == "f"` instead of `"s"`.
"""

from __future__ import annotations

from pathlib import Path

import openpyxl

from handlers.export import export_labels
from storage.db import stamp, wall_clock
from storage.export import ExportRequest, write_export
from storage.models import Profile
from storage.repository import Repository
from tests.workbook_support import unmark

NAME = '=HYPERLINK("http://contoh.invalid/x","klik")'
INSTITUTION = "=1+1"
TITLE = "@SUM(1;2) Pembukaan"


async def _seed(repo: Repository) -> None:
    person = await repo.register_offline(Profile(NAME, INSTITUTION, "opd_staff"), 1, entered_by=9)
    assert person.participant is not None
    async with repo.db.transaction() as conn:
        await conn.execute(
            "INSERT INTO sessions (id, stage, day, start_time, end_time, title, title_en, "
            "updated_at) VALUES (1, 1, '2021-06-21', '08:30', '12:00', ?, 'Opening', ?)",
            (TITLE, stamp(wall_clock())),
        )
        await conn.execute(
            "INSERT INTO attendance (participant_id, session_id, mode, method, checked_in_at) "
            "VALUES (?, 1, 'offline', 'secretariat', '2021-06-21T01:00:00+00:00')",
            (person.participant.id,),
        )


def _cells(sheet: openpyxl.worksheet.worksheet.Worksheet, header: str) -> list[openpyxl.cell.Cell]:
    headers = [c.value for c in sheet[1]]
    column = headers.index(header) + 1
    return [sheet.cell(row=r, column=column) for r in range(2, sheet.max_row + 1)]


async def test_formula_like_names_stay_strings_in_the_attendance_sheets(
    repo: Repository, tmp_path: Path
) -> None:
    await _seed(repo)
    request = ExportRequest(
        db_path=repo.db.path,
        output=tmp_path / "hadir.xlsx",
        labels=export_labels("id"),
        workshop_name="Bimtek",
        region="Kabupaten Manggarai",
        timezone="Asia/Makassar",
        stage=1,
        public=False,
    )
    book = unmark(openpyxl.load_workbook(write_export(request).path))
    for sheet_name, header, expected in (
        ("Daftar hadir", "Nama", NAME),
        ("Daftar hadir", "Instansi", INSTITUTION),
        ("Daftar hadir", "Judul sesi", TITLE),
        ("Kehadiran", "Nama", NAME),
        ("Kehadiran", "Instansi", INSTITUTION),
    ):
        cells = _cells(book[sheet_name], header)
        assert len(cells) == 1, f"{sheet_name}: expected one row, found {len(cells)}"
        cell = cells[0]
        assert (cell.value, cell.data_type) == (expected, "s"), (
            f"{sheet_name} / {header}: {cell.value!r} was written as type {cell.data_type!r}, "
            "not as a plain string"
        )
