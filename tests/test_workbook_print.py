"""Readable and printable as it opens: fonts, wrapped headers, row heights for long text,
landscape pages fitted to the width with the header repeated and page numbers, percentages,
times labelled with the workshop's zone. The workbook comes through /ekspor and is read back.
"""

from __future__ import annotations

import datetime as dt
import math

from bot.dev.sandbox import BotHarness
from storage.workbook import LINE_HEIGHT, text_lines, zone_label
from tests.workbook_support import LONG_IDEA, ask_export, load, seed_workshop


async def test_every_sheet_prints_landscape_fitted_with_its_header_repeated(
    harness: BotHarness,
) -> None:
    await seed_workshop(harness)
    admin = await harness.admin()
    _, data = await ask_export(admin, full=False)
    book = load(data)
    for ws in book.worksheets:
        setup = ws.page_setup
        assert setup.orientation == "landscape", ws.title
        assert (setup.fitToWidth, setup.fitToHeight) == (1, 0), ws.title
        assert ws.sheet_properties.pageSetUpPr.fitToPage, ws.title
        assert ws.print_title_rows == "$1:$1", (ws.title, ws.print_title_rows)
        assert "&P" in (ws.oddFooter.center.text or ""), f"{ws.title}: no page number"
        header = [c for c in ws[1] if c.value is not None]
        assert header and all(c.font.b and c.font.name == "Calibri" for c in header), ws.title
        assert all(c.alignment.wrap_text for c in header), f"{ws.title}: header not wrapped"


async def test_long_text_gets_a_row_tall_enough_short_text_keeps_the_default(
    harness: BotHarness,
) -> None:
    await seed_workshop(harness)
    admin = await harness.admin()
    _, data = await ask_export(admin, full=False)
    ideas = load(data)["Ide"]
    width = ideas.column_dimensions["F"].width
    heights = {}
    for row in ideas.iter_rows(min_row=2):
        heights[row[5].value] = ideas.row_dimensions[row[0].row].height
        assert row[5].alignment.wrap_text
    assert text_lines(LONG_IDEA, width) >= 4
    # Whatever the estimate, the row holds the lines the text takes at a generous 1.2
    # characters per unit of width (ordinary letters are narrower than the "0" a unit is), and
    # is not more than twice as tall as that.
    needed = math.ceil(len(LONG_IDEA) / (width * 1.2))
    height = heights[LONG_IDEA]
    assert height is not None and needed * LINE_HEIGHT <= height <= 2 * needed * LINE_HEIGHT
    assert heights["Data kesehatan terpadu"] is None  # one line: the default height


async def test_percentages_and_times_say_what_they_are(harness: BotHarness) -> None:
    await seed_workshop(harness)
    admin = await harness.admin()
    _, data = await ask_export(admin, full=False)
    book = load(data)
    column = [c.value for c in book["Ide"][1]].index("Dikirim") + 1
    sent = book["Ide"].cell(row=2, column=column)
    assert isinstance(sent.value, dt.datetime) and sent.number_format.endswith('"WITA"')
    summary = {r[0]: r[1] for r in book["Ringkasan"].iter_rows(values_only=True) if r[0]}
    assert summary["Zona waktu"] == "Asia/Makassar (WITA)"
    percents = [
        c
        for row in book["Partisipasi"].iter_rows()
        for c in row
        if isinstance(c.value, float) and 0 < c.value <= 1
    ]
    assert percents and all(c.number_format == "0%" for c in percents)


def test_zone_label_falls_back_to_the_offset() -> None:
    from zoneinfo import ZoneInfo

    moment = dt.datetime(2021, 6, 21, tzinfo=dt.UTC)
    assert zone_label(ZoneInfo("Asia/Makassar"), moment) == "WITA"
    assert zone_label(ZoneInfo("Asia/Jakarta"), moment) == "WIB"
    # A zone whose abbreviation is only numbers (tzdata writes "+0545") gets a readable offset.
    assert zone_label(ZoneInfo("Asia/Kathmandu"), moment) == "UTC+05:45"


async def test_named_poll_answers_have_their_own_aligned_table(harness: BotHarness) -> None:
    seeded = await seed_workshop(harness)
    admin = await harness.admin()
    _, data = await ask_export(admin, full=False)
    book = load(data)
    polling = book["Polling"]
    # The option rows only: no second table under the Polling sheet's columns.
    assert all(r[0] == "#1" for r in polling.iter_rows(min_row=2, values_only=True))
    answers = book["Jawaban polling"]
    header = [c.value for c in answers[1]]
    assert header == [
        "Polling",
        "No. peserta",
        "Jabatan",
        "Instansi",
        "Kehadiran",
        "Jawaban",
        "Sah",
        "Waktu jawab",
    ]
    rows = [
        dict(zip(header, r, strict=True)) for r in answers.iter_rows(min_row=2, values_only=True)
    ]
    assert {r["No. peserta"] for r in rows} == {
        f"P-{seeded.camat:04d}",
        f"P-{seeded.chat_village_head:04d}",
    }
    assert all(isinstance(r["Waktu jawab"], dt.datetime) for r in rows)
    assert {r["Jawaban"] for r in rows} == {"1. Ya", "3. Belum tahu"}
    # Wide enough for the time with its zone: no "###" in Excel or LibreOffice.
    for ws in book.worksheets:
        for cell in ws[2]:
            if isinstance(cell.value, dt.datetime):
                shown = f"{cell.value:%d-%m-%Y %H:%M} WITA"
                width = ws.column_dimensions[cell.column_letter].width
                assert width >= len(shown), (ws.title, cell.coordinate, width)
