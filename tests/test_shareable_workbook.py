"""The drafting team's workbook is shareable by default; the full one says what it holds.

Through the emulator: the secretariat asks /ekspor, presses the first (shareable) or the second
(full) button, and the workbook that arrives is read back cell by cell and part by part.
"""

from __future__ import annotations

from bot.dev.sandbox import BotHarness
from handlers.texts import t
from storage.export_participation import Places, fold
from tests.workbook_support import (
    CAMAT,
    MARK,
    STAFF_PHONE,
    ask_export,
    every_value,
    load,
    raw_parts,
    seed_workshop,
)


async def test_shareable_workbook_names_nobody(harness: BotHarness) -> None:
    seeded = await seed_workshop(harness)
    admin = await harness.admin()
    name, data = await ask_export(admin, full=False)
    assert "DATA-PRIBADI" not in name
    book = load(data)
    leaks = [
        (sheet, cell, text)
        for sheet, cell, text in every_value(book)
        if any(secret in text for secret in seeded.personal)
    ]
    assert not leaks, f"personal data in the shareable workbook: {leaks}"
    # Not in any part of the file either: page headers, chart titles, names, comments.
    raw = [
        (part, s) for part, text in raw_parts(data).items() for s in seeded.personal if s in text
    ]
    assert not raw, f"personal data inside the shareable .xlsx: {raw}"
    assert "Audit" not in book.sheetnames
    # People appear by participant number with position (and institution in its own column).
    authors = {str(r[6]) for r in book["Ide"].iter_rows(min_row=2, values_only=True)}
    assert f"P-{seeded.camat:04d} · Camat" in authors
    assert f"P-{seeded.village_head:04d} · {t('id', 'position_village_head')}" in authors
    people = book["Peserta"]
    header = [c.value for c in people[1]]
    assert "Nama" not in header and "Telepon" not in header and "ID Telegram" not in header
    rows = {r[0]: r for r in people.iter_rows(min_row=2, values_only=True)}
    staff = rows[f"P-{seeded.staff:04d}"]
    assert "Bappeda" in staff and t("id", "position_opd_staff") in staff
    for sheet in ("Kehadiran", "Daftar hadir"):
        header = [c.value for c in book[sheet][1]]
        assert {"No. peserta", "Jabatan", "Instansi"} <= set(header), (sheet, header)
        assert "Nama" not in header, sheet
    assert "File ID lampiran" not in [c.value for c in book["Ide"][1]]
    # No sheet carries the full workbook's mark.
    assert all(ws.cell(row=1, column=1).value != MARK for ws in book.worksheets)


async def test_full_workbook_is_marked_on_every_sheet(harness: BotHarness) -> None:
    await seed_workshop(harness)
    admin = await harness.admin()
    name, data = await ask_export(admin, full=True)
    assert name.endswith("_DATA-PRIBADI.xlsx")
    book = load(data)
    for ws in book.worksheets:
        first = ws.cell(row=1, column=1)
        assert first.value == MARK, f"sheet {ws.title!r} is not marked in its first row"
        assert first.font.b and first.fill.fgColor.rgb.endswith("C00000"), ws.title
        assert MARK in (ws.oddHeader.center.text or ""), f"sheet {ws.title!r}: no mark on paper"
        assert ws.freeze_panes == "A3", ws.title
        assert ws.print_title_rows == "$1:$2", (ws.title, ws.print_title_rows)
    assert "Audit" in book.sheetnames
    values = {text for _, _, text in every_value(book)}
    assert CAMAT in values and STAFF_PHONE in values


def test_villages_match_loosely() -> None:
    places = Places.of(
        ("Cibal", "Wae Rii", "Satar Mese", "Satar Mese Barat"),
        {"Golo Bilas": "Cibal", "Wae Ri'i": "Wae Rii", "Golo Bilas Utara": "Satar Mese"},
    )
    assert places.village_of("Desa Golo Bilas") == ("Golo Bilas", "Cibal")
    assert places.village_of("PEMDES GOLO-BILAS, Kec. Cibal") == ("Golo Bilas", "Cibal")
    assert places.village_of("Desa Golo Bilas Utara") == ("Golo Bilas Utara", "Satar Mese")
    assert places.village_of("Kantor Desa Wae Rii") == ("Wae Ri'i", "Wae Rii")
    assert places.village_of("Kecamatan Wae Rii") is None  # the kecamatan, not its village
    assert places.kecamatan_of("Kecamatan Wae Ri'i", None) == "Wae Rii"
    assert places.kecamatan_of("Kec. Satar Mese Barat", None) == "Satar Mese Barat"
    assert places.kecamatan_of("Bappeda", None) is None
    assert places.kecamatan_of("Kecamatan Cibal", "cibal") == "Cibal"
    assert fold("Wae Ri’i") == "wae rii"


async def test_demo_step_says_which_workbook_is_shareable(harness: BotHarness) -> None:
    from bot.dev.demo.workbook import demo_workbook

    await seed_workshop(harness)
    admin = await harness.admin()
    name, data = await ask_export(admin, full=False)
    path = harness.settings.export_dir / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    said: list[str] = []
    await demo_workbook(harness, str(path), said.append)
    text = "\n".join(said)
    assert "the shareable workbook" in text
    assert "(name, phone, Telegram id): 0" in text
    assert any(line.strip().startswith("Jumlah") and " 4 people" in line for line in said), text
    assert "village Golo Bilas: 1 people, counted under kecamatan Cibal" in text
