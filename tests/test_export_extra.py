"""The Kehadiran, Daftar hadir and Audit sheets, read back with openpyxl."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl

from handlers.export import export_labels
from storage.admin import AdminRepository
from storage.db import stamp, wall_clock
from storage.export import ExportRequest, write_export
from storage.models import Profile
from storage.repository import Repository
from tests.workbook_support import unmark


async def _seed(repo: Repository) -> None:
    camat = await repo.register_self(
        700001, Profile("Yosef Jehalu", "Kecamatan Cibal", "camat", "Cibal"), 1, "online"
    )
    await repo.register_offline(Profile("Maria Goreti", "Bappeda", "opd_staff"), 1, entered_by=9)
    assert camat.participant is not None
    now = stamp(wall_clock())
    async with repo.db.transaction() as conn:
        for sid, start in ((1, "08:30"), (2, "13:00")):
            await conn.execute(
                "INSERT INTO sessions (id, stage, day, start_time, end_time, title, title_en, "
                "updated_at) VALUES (?, 1, '2021-06-21', ?, '16:00', 'Sesi', 'Session', ?)",
                (sid, start, now),
            )
        await conn.execute(
            "INSERT INTO attendance (participant_id, session_id, mode, method, checked_in_at) "
            "VALUES (?, 2, 'online', 'button', '2021-06-21T05:05:00+00:00')",
            (camat.participant.id,),
        )
    await AdminRepository(repo.db).record(900001, "role.grant", "123", role="facilitator")


def _export(repo: Repository, tmp_path: Path, *, public: bool) -> openpyxl.Workbook:
    request = ExportRequest(
        db_path=repo.db.path,
        output=tmp_path / ("public.xlsx" if public else "full.xlsx"),
        labels=export_labels("id"),
        workshop_name="Bimtek",
        region="Kabupaten Manggarai",
        timezone="Asia/Makassar",
        stage=1,
        public=public,
    )
    book = openpyxl.load_workbook(write_export(request).path)
    return book if public else unmark(book)


async def test_attendance_grid_and_list(repo: Repository, tmp_path: Path) -> None:
    await _seed(repo)
    book = _export(repo, tmp_path, public=False)
    grid = book["Kehadiran"]
    header = [c.value for c in grid[1]]
    assert header[:6] == ["No. peserta", "Nama", "Jabatan", "Instansi", "Tahap", "Terdaftar"]
    assert header[-1] == "Jumlah hadir" and len(header) == 6 + 2 + 1
    rows = {r[1]: r for r in grid.iter_rows(min_row=2, values_only=True)}
    assert rows["Yosef Jehalu"][6:] == (None, "daring", 1)
    assert rows["Maria Goreti"][6:] == (None, None, 0)
    listing = book["Daftar hadir"]
    assert listing.max_row == 2
    at = listing.cell(row=2, column=10).value
    assert isinstance(at, dt.datetime) and at == dt.datetime(2021, 6, 21, 13, 5)  # WITA
    assert listing.cell(row=2, column=9).value == "tombol"


async def test_audit_sheet_hides_the_actor_in_the_public_workbook(
    repo: Repository, tmp_path: Path
) -> None:
    await _seed(repo)
    full = _export(repo, tmp_path, public=False)["Audit"]
    assert [c.value for c in full[1]][:3] == ["Waktu", "Oleh (ID Telegram)", "Tindakan"]
    assert full.cell(row=2, column=2).value == "900001"
    assert full.cell(row=2, column=3).value == "role.grant"
    # The shareable workbook has no Audit sheet at all (it is made of Telegram ids).
    assert "Audit" not in _export(repo, tmp_path, public=True).sheetnames
