"""The summary sheet written step by step and the per-dimension sheets sharing the idea sheet's
columns: read back with openpyxl, every block where it was and every shared column the same."""

from __future__ import annotations

from pathlib import Path

from storage.export import IDEA_COLUMNS
from storage.repository import Repository
from tests.test_workbook import Seeded, export, seeded

__all__ = ["seeded"]  # the fixture, used by name


async def test_dimension_sheets_mirror_the_idea_sheet(
    repo: Repository, seeded: Seeded, tmp_path: Path
) -> None:
    ranked = seeded.ideas[0]
    await repo.db.execute("UPDATE ideas SET priority_rank = 3 WHERE id = ?", (ranked.id,))
    _, book = export(repo, tmp_path)
    checked = 0
    for row in book["Ide"].iter_rows(min_row=2, values_only=True):
        if row[15] == "dibatalkan":
            continue
        # Without dimension and status, and without the decision columns of the Ide sheet.
        expected = (*row[:2], *row[3:15], *row[16 : len(IDEA_COLUMNS)])
        assert expected in list(book[str(row[2])].iter_rows(min_row=2, values_only=True)), row
        checked += 1
    assert checked == 7  # six active ideas in Tahap I, one in Tahap II
    ranked_rows = [
        r
        for r in book[str(book["Ide"]["C2"].value)].iter_rows(values_only=True)
        if r[0] == ranked.ref
    ]
    assert ranked_rows and ranked_rows[0][-3] == 3  # then "Dukungan" and "Kelompok"


async def test_summary_blocks_in_order_with_the_per_stage_counts(
    repo: Repository, seeded: Seeded, tmp_path: Path
) -> None:
    _, book = export(repo, tmp_path)
    firsts = [r[0] for r in book["Ringkasan"].iter_rows(values_only=True)]
    blocks = [
        "Lokakarya",
        "Per tahap",
        "Ide per dimensi dan jangka waktu",
        "Kehadiran daring dan luring",
    ]
    assert [firsts.index(b) for b in blocks] == sorted(firsts.index(b) for b in blocks)
    rows = list(book["Ringkasan"].iter_rows(values_only=True))
    start = firsts.index("Per tahap") + 2
    per_stage = [r[1:5] for r in rows[start : start + 2]]
    assert per_stage == [(2, 1, 1, 6), (1, 0, 1, 1)]
