"""The workbook read back with openpyxl: sheets, headers, rows, dates, charts, no formulas."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

import openpyxl
import pytest
from openpyxl.chart import BarChart, PieChart
from openpyxl.utils import get_column_letter
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from bot.dev.demo.wait import first_found
from bot.rules.idea_rules import decide_submission
from handlers.export import export_labels
from handlers.texts import t
from storage.export import (
    DIMENSION_COLUMNS,
    IDEA_COLUMNS,
    PARTICIPANT_COLUMNS,
    ExportError,
    ExportRequest,
    ExportResult,
    SheetContext,
    SheetWriter,
    export_filename,
    write_export,
)
from storage.export_decisions import DECISION_COLUMNS
from storage.ideas import IdeaRepository
from storage.models import Attachment, Idea, NewIdea, Profile
from storage.repository import Repository
from storage.workbook import MAX_SHEET_TITLE, Column, sheet_title
from tests.workbook_support import unmark

WITA = ZoneInfo("Asia/Makassar")
RISKY = ("=1+1", "+6281234567890", "-x", "@SUM(A1)", '=HYPERLINK("http://evil","klik")')
DIMENSION_SHEETS = [
    "Smart Governance (tata kelola)",
    "Smart Branding (citra daerah)",
    "Smart Economy (ekonomi)",
    "Smart Living (kehidupan)",
    "Smart Society (masyarakat)",
    "Smart Environment (lingkungan)",
]
# "Daftar pilihan": the hidden lists of the decision columns (issue 14).
SHEETS = [
    "Ringkasan",
    "Matriks Program",
    "Quick win",
    "Ide",
    *DIMENSION_SHEETS,
    "Daftar pilihan",
    "Peserta",
    "Partisipasi",
    "Audit",
]


class Seeded:
    def __init__(self, ideas: list[Idea], withdrawn: Idea) -> None:
        self.ideas = ideas
        self.withdrawn = withdrawn


@pytest.fixture
async def seeded(repo: Repository) -> Seeded:
    """Tahap I: a camat online, an agency staffer offline with a phone; Tahap II: the camat."""
    ideas = IdeaRepository(repo.db, rule=decide_submission)
    camat = await repo.register_self(
        700001, Profile("Yosef Jehalu", "Kecamatan Cibal", "camat", "Cibal"), 1, "online"
    )
    await repo.set_registration_open(2, True)
    await repo.register_self(
        700001, Profile("Yosef Jehalu", "Kecamatan Cibal", "camat", "Cibal"), 2, "offline"
    )
    staff = await repo.register_offline(
        Profile("=cmd|' /C calc'!A0", "Bappeda", "opd_staff"),
        1,
        entered_by=900001,
        phone="+6281299990000",
    )
    assert camat.participant is not None and staff.participant is not None
    stored: list[Idea] = []
    for i, text in enumerate(RISKY):
        result = await ideas.submit(
            NewIdea(1, camat.participant.id, ("economy", "governance", "living")[i % 3], "5", text)
        )
        assert result.idea is not None
        stored.append(result.idea)
    photo = await ideas.submit(
        NewIdea(
            1,
            staff.participant.id,
            "environment",
            "1",
            "Bank sampah di setiap desa\x0b dengan\x00 insentif",
            attachment=Attachment("photo", "AgACphotoFileId"),
            entered_by=900001,
        )
    )
    assert photo.idea is not None
    stored.append(photo.idea)
    later = await ideas.submit(NewIdea(2, camat.participant.id, "branding", "10", "Festival kopi"))
    assert later.idea is not None
    stored.append(later.idea)
    gone = await ideas.submit(NewIdea(1, camat.participant.id, "economy", "unsure", "Ditarik"))
    assert gone.idea is not None
    await ideas.edit(gone.idea.id, owner=None, changed_by=700001, withdraw=True)
    return Seeded(stored, gone.idea)


def export(
    repo: Repository,
    tmp_path: Path,
    sheets: list[SheetWriter] | None = None,
    **options: object,
) -> tuple[ExportResult, Workbook]:
    request = ExportRequest(
        db_path=repo.db.path,
        output=tmp_path / "out" / "book.xlsx",
        labels=export_labels("id"),
        workshop_name="Bimtek Penyusunan Masterplan Smart City",
        region="Kabupaten Manggarai",
        timezone="Asia/Makassar",
        **options,  # type: ignore[arg-type]
    )
    result = write_export(request, sheets=sheets)
    book = openpyxl.load_workbook(result.path)
    # The full workbook (the default of a request) is marked on every sheet: see
    # tests/test_shareable_workbook.py; the checks here read it as the shareable one reads.
    return result, book if options.get("public") else unmark(book)


def column(sheet: Worksheet, header: str) -> list[object]:
    index = [c.value for c in sheet[1]].index(header) + 1
    return [sheet.cell(row=r, column=index).value for r in range(2, sheet.max_row + 1)]


async def test_every_sheet_with_headers_and_rows(
    repo: Repository, seeded: Seeded, tmp_path: Path
) -> None:
    result, book = export(repo, tmp_path, stage=1)
    assert book.sheetnames == SHEETS
    assert result.sheets == tuple(SHEETS)
    assert result.ideas == 7 and result.registrations == 2
    ideas = book["Ide"]
    # issue 14: the decision columns follow the idea's own.
    assert [c.value for c in ideas[1]] == [c.header for c in [*IDEA_COLUMNS, *DECISION_COLUMNS]]
    assert ideas.max_row == 1 + 7  # every idea of the stage, the withdrawn one too
    assert column(ideas, "Referensi")[0] == "#I-0001"
    assert column(ideas, "Status").count("dibatalkan") == 1
    counts = {"governance": 2, "economy": 2, "living": 1, "environment": 1}
    for key, title in zip(
        ("governance", "branding", "economy", "living", "society", "environment"),
        DIMENSION_SHEETS,
        strict=True,
    ):
        sheet = book[title]
        assert [c.value for c in sheet[1]] == [c.header for c in DIMENSION_COLUMNS]
        assert sheet.max_row == 1 + counts.get(key, 0), title
    people = book["Peserta"]
    assert [c.value for c in people[1]] == [c.header for c in PARTICIPANT_COLUMNS]
    assert people.max_row == 3
    assert set(column(people, "Bisa dihubungi lewat Telegram")) == {"Ya", "Tidak"}
    assert "+6281299990000" in column(people, "Telepon")
    assert "700001" in column(people, "ID Telegram")

    for ws in book.worksheets:
        assert ws.freeze_panes == "A2", ws.title
        assert ws.auto_filter.ref is not None and ws.auto_filter.ref.startswith("A1:"), ws.title
        assert all(c.font.b for c in ws[1] if c.value is not None), ws.title
        assert ws.column_dimensions["A"].width > 8
    last = get_column_letter(len(IDEA_COLUMNS) + len(DECISION_COLUMNS))
    assert ideas.auto_filter.ref == f"A1:{last}8"
    text_cell = ideas.cell(row=2, column=6)
    assert text_cell.alignment.wrap_text


async def test_idea_details(repo: Repository, seeded: Seeded, tmp_path: Path) -> None:
    _, book = export(repo, tmp_path, stage=1)
    ideas = book["Ide"]
    row = first_found(
        (r for r in ideas.iter_rows(min_row=2) if r[11].value == "foto"), "an idea row with a photo"
    )
    values = [c.value for c in row]
    assert values[2:5] == ["Smart Environment (lingkungan)", "Quick win · 1 tahun", 1]
    # Control characters XML cannot carry are dropped, the words kept.
    assert values[5] == "Bank sampah di setiap desa dengan insentif"
    assert values[6] == "=cmd|' /C calc'!A0" and row[6].data_type == "s"
    assert values[7:13] == [
        "Bappeda",
        None,
        "Luring (di ruangan)",
        "dimasukkan sekretariat",
        "foto",
        "AgACphotoFileId",
    ]


async def test_dates_are_real_datetimes_in_the_workshop_zone(
    repo: Repository, seeded: Seeded, tmp_path: Path
) -> None:
    _, book = export(repo, tmp_path, stage=1)
    ideas = book["Ide"]
    first = seeded.ideas[0]
    sent = ideas.cell(row=2, column=14)
    assert sent.is_date and isinstance(sent.value, dt.datetime)
    expected = first.created_at.astimezone(WITA).replace(tzinfo=None, microsecond=0)
    assert sent.value == expected and sent.value.tzinfo is None
    # Not UTC: WITA is 8 hours ahead.
    utc = first.created_at.replace(tzinfo=None, microsecond=0)
    assert sent.value - utc == dt.timedelta(hours=8)
    withdrawn = first_found(
        (r for r in ideas.iter_rows(min_row=2) if r[15].value == "dibatalkan"),
        "a withdrawn idea row",
    )
    assert isinstance(withdrawn[14].value, dt.datetime) and withdrawn[14].value >= expected
    registered = book["Peserta"].cell(row=2, column=9)
    assert registered.is_date and isinstance(registered.value, dt.datetime)
    summary = book["Ringkasan"]
    exported = first_found(
        (r[1] for r in summary.iter_rows() if r[0].value == "Waktu ekspor"),
        "the time of export on the summary sheet",
    )
    assert isinstance(exported.value, dt.datetime)
    now = dt.datetime.now(WITA).replace(tzinfo=None)
    assert abs(now - exported.value) < dt.timedelta(minutes=1)


async def test_formula_like_ideas_stay_plain_strings(
    repo: Repository, seeded: Seeded, tmp_path: Path
) -> None:
    _, book = export(repo, tmp_path)
    found = {}
    for ws in book.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if cell.value in RISKY:
                    assert cell.data_type == "s", (ws.title, cell.coordinate)
                    assert cell.quotePrefix, (ws.title, cell.coordinate)
                    found.setdefault(cell.value, set()).add(ws.title)
                assert cell.data_type != "f", (ws.title, cell.coordinate, cell.value)
    assert set(found) == set(RISKY)
    assert found["=1+1"] == {"Ide", "Smart Economy (ekonomi)", "Matriks Program"}


async def test_summary_counts_and_charts(repo: Repository, seeded: Seeded, tmp_path: Path) -> None:
    _, book = export(repo, tmp_path, stage=1)
    summary = book["Ringkasan"]
    rows = {r[0].value: [c.value for c in r[1:]] for r in summary.iter_rows() if r[0].value}
    assert rows["Peserta Daring (jarak jauh)"][0] == 1
    assert rows["Peserta Luring (di ruangan)"][0] == 1
    assert rows["Ide aktif"][0] == 6 and rows["Ide dibatalkan"][0] == 1
    assert rows["Smart Economy (ekonomi)"][:5] == [0, 2, 0, 0, 2]
    assert rows["Smart Environment (lingkungan)"][:5] == [1, 0, 0, 0, 1]
    charts = summary._charts
    assert {type(c) for c in charts} == {BarChart, PieChart}
    assert summary.auto_filter.ref == "A1:B13"
    # Per agency and kecamatan: the Partisipasi sheet (people, registrations, online, offline,
    # checked in online, offline, active ideas); the camat's office counts under the kecamatan.
    share = book["Partisipasi"]
    rows = {r[0].value: [c.value for c in r[1:]] for r in share.iter_rows() if r[0].value}
    assert rows["Bappeda"][:7] == [1, 1, 0, 1, 0, 0, 1]
    assert rows["Cibal"][:7] == [1, 1, 1, 0, 0, 0, 5]
    assert rows["Reok"][:7] == [0] * 7  # every kecamatan listed, even without anyone


async def test_public_workbook_has_no_phone_or_telegram_id(
    repo: Repository, seeded: Seeded, tmp_path: Path
) -> None:
    result, book = export(repo, tmp_path, public=True)
    headers = [c.value for c in book["Peserta"][1]]
    assert "Telepon" not in headers and "ID Telegram" not in headers
    assert headers == [c.header for c in PARTICIPANT_COLUMNS if not c.private]
    every = {str(c.value) for ws in book.worksheets for row in ws.iter_rows() for c in row}
    assert "+6281299990000" not in every and "700001" not in every
    assert t("id", "xlsx_kind_shareable") in every
    assert result.registrations == 3  # both stages


async def test_all_stages(repo: Repository, seeded: Seeded, tmp_path: Path) -> None:
    result, book = export(repo, tmp_path)
    assert result.ideas == 8
    assert sorted(set(column(book["Ide"], "Tahap"))) == [1, 2]
    assert book["Smart Branding (citra daerah)"].max_row == 2
    stage = first_found(
        (r[1].value for r in book["Ringkasan"].iter_rows() if r[0].value == "Tahap"),
        "the stage on the summary sheet",
    )
    assert stage == "Semua tahap"


async def test_stage_without_ideas_is_still_a_valid_workbook(
    repo: Repository, seeded: Seeded, tmp_path: Path
) -> None:
    result, book = export(repo, tmp_path, stage=3)
    assert book.sheetnames == SHEETS
    assert result.ideas == 0 and result.registrations == 0
    assert book["Ide"].max_row == 1 and book["Peserta"].max_row == 1
    assert len(book["Ringkasan"]._charts) == 2


async def test_empty_database_and_bad_requests(repo: Repository, tmp_path: Path) -> None:
    _, book = export(repo, tmp_path)
    assert book.sheetnames == SHEETS
    with pytest.raises(ExportError) as error:
        export(repo, tmp_path, stage=9)
    assert error.value.about == "stage"
    with pytest.raises(ExportError):
        write_export(
            ExportRequest(
                tmp_path / "missing.db",
                tmp_path / "x.xlsx",
                export_labels(),
                "w",
                "r",
                "Asia/Makassar",
            )
        )
    assert not (tmp_path / "x.xlsx").exists()
    assert not (tmp_path / "missing.db").exists()


async def test_later_features_add_sheets(repo: Repository, seeded: Seeded, tmp_path: Path) -> None:
    from storage.export import SHEETS as WRITERS

    def attendance(ctx: SheetContext) -> None:
        sheet = ctx.sheet("Kehadiran", [Column("Nama", 20), Column("Hadir", 10, "when")])
        sheet.append(["Yosef", "2021-06-21T01:00:00+00:00"])

    _, book = export(repo, tmp_path, stage=1, sheets=[*WRITERS, attendance])
    assert book.sheetnames[-1] == "Kehadiran"
    assert book["Kehadiran"]["B2"].value == dt.datetime(2021, 6, 21, 9, 0)


def test_sheet_titles_are_valid_and_unique() -> None:
    assert sheet_title("Ide: per/dimensi [baru]?*") == "Ide per dimensi baru"
    long = sheet_title("x" * 50)
    assert len(long) == MAX_SHEET_TITLE
    assert sheet_title("Ide", {"ide"}) == "Ide (2)"
    assert len(sheet_title("y" * 40, {"y" * 31})) <= MAX_SHEET_TITLE


def test_file_name_says_region_stage_and_time() -> None:
    when = dt.datetime(2026, 11, 27, 15, 30)
    name = export_filename("Kabupaten Manggarai", 1, when, public=False)
    assert name == "bimtek_kabupaten-manggarai_tahap-1_20261127-1530_DATA-PRIBADI.xlsx"
    assert export_filename("Kota Bau-Bau", None, when, public=True) == (
        "bimtek_kota-bau-bau_semua-tahap_20261127-1530.xlsx"
    )
