"""Participation that adds up: people and registrations, every agency and kecamatan, villages.

The Partisipasi sheet of the workbook the secretariat gets through /ekspor, read back.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl.worksheet.worksheet import Worksheet

from bot.core.config import DEFAULT_WORKSHOP, ConfigError
from bot.core.workshop import load_workshop
from bot.dev.sandbox import BotHarness
from tests.workbook_support import ask_export, load, seed_workshop

# people, registrations, registered online, offline, checked in online, offline (people),
# active ideas, poll answers, voters
Z = [0] * 9


def blocks(sheet: Worksheet) -> dict[str, dict[object, list[object]]]:
    """Each table of the sheet by its title: first column → the other cells."""
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    found: dict[str, dict[object, list[object]]] = {}
    index = 0
    while index < len(rows):
        row = rows[index]
        title = row[0]
        is_title = isinstance(title, str) and all(v is None for v in row[1:])
        if is_title and index + 1 < len(rows) and rows[index + 1][0] is not None:
            table: dict[object, list[object]] = {}
            index += 2  # the title, then the table's header
            while index < len(rows) and any(v is not None for v in rows[index]):
                table[rows[index][0]] = rows[index][1:]
                index += 1
            found[str(title)] = table
        index += 1
    return found


async def test_people_and_registrations_add_up(harness: BotHarness) -> None:
    seeded = await seed_workshop(harness)
    admin = await harness.admin()
    _, data = await ask_export(admin, full=False)
    book = load(data)
    tables = blocks(book["Partisipasi"])
    stages = {str(k)[:9]: v[:9] for k, v in tables["Per tahap"].items()}
    # The camat registered for two stages: one person, two registrations.
    assert stages["Tahap I —"] == [4, 4, 2, 2, 1, 2, 4, 2, 2]
    assert stages["Tahap II "] == [1, 1, 1, 0, 0, 0, 1, 0, 0]
    assert stages["Jumlah"] == [4, 5, 3, 2, 1, 2, 5, 2, 2]
    # Registrations add up across stages; people do not (counted once).
    assert sum(int(str(v[1])) for k, v in stages.items() if k != "Jumlah") == 5
    assert sum(int(str(v[0])) for k, v in stages.items() if k != "Jumlah") == 5 != 4
    sessions = tables["Per sesi"]
    first = next(v for k, v in sessions.items() if str(k).startswith("#1 "))
    assert first[3:8] == [4, 1, 2, 3, 0.75]  # registered in the stage; online, offline, both, %
    cell = next(c for row in book["Partisipasi"].iter_rows() for c in row if c.value == 0.75)
    assert cell.number_format == "0%"
    assert seeded.camat  # (the seeding's ids are used by the other test files)


async def test_every_agency_and_kecamatan_with_zeros_villages_under_kecamatan(
    harness: BotHarness,
) -> None:
    await seed_workshop(harness)
    admin = await harness.admin()
    _, data = await ask_export(admin, full=False)
    tables = blocks(load(data)["Partisipasi"])
    workshop = load_workshop(harness.settings.workshop_path)
    agencies = tables["Per perangkat daerah dan instansi"]
    assert list(agencies)[: len(workshop.opd)] == list(workshop.opd)
    assert agencies["Bappeda"][:9] == [1, 1, 0, 1, 0, 1, 1, 0, 0]
    assert agencies["Inspektorat"][:9] == Z  # took no part, still listed
    kecamatan = tables["Per kecamatan (desa/kelurahan termasuk)"]
    assert list(kecamatan) == list(workshop.kecamatan)
    # Cibal: its camat (two stages) and the head of Desa Golo Bilas (entered by the secretariat).
    assert kecamatan["Cibal"][:9] == [2, 3, 2, 1, 1, 1, 4, 1, 1]
    # Wae Ri'i: the head of Golo Cador, who typed "Pemdes Golo Cador" registering by chat.
    assert kecamatan["Wae Ri'i"][:9] == [1, 1, 1, 0, 0, 0, 0, 1, 1]
    assert kecamatan["Reok"][:9] == Z
    villages = tables["Desa/kelurahan (dihitung di kecamatannya)"]
    assert villages["Cibal"][:2] == ["Golo Bilas", 1]
    assert villages["Wae Ri'i"][:2] == ["Golo Cador", 1]
    # Nobody is counted twice or lost: agencies and kecamatan add up to the people.
    people = sum(int(str(v[0])) for v in agencies.values()) + sum(
        int(str(v[0])) for v in kecamatan.values()
    )
    assert people == 4


def test_workshop_file_villages_belong_to_its_kecamatan(tmp_path: Path) -> None:
    base = DEFAULT_WORKSHOP.read_text(encoding="utf-8").split("\n[villages]")[0]
    workshop = load_workshop(DEFAULT_WORKSHOP)
    assert len(workshop.villages) >= 24
    assert {k for _, k in workshop.villages} == set(workshop.kecamatan)
    # A kecamatan is recognised however its apostrophe is written.
    good = tmp_path / "good.toml"
    good.write_text(base + '\n[villages]\n"Wae Ri\'i" = ["Ranaka"]\n', encoding="utf-8")
    assert load_workshop(good).villages == (("Ranaka", "Wae Ri'i"),)
    for body, problem in (
        ('"Borong" = ["Golo Bilas"]', "not a kecamatan"),
        ('"Cibal" = ["Golo Bilas"]\n"Reok" = ["golo bilas"]', "listed twice"),
        ('"Cibal" = "Golo Bilas"', "list of names"),
    ):
        bad = tmp_path / "bad.toml"
        bad.write_text(base + "\n[villages]\n" + body + "\n", encoding="utf-8")
        with pytest.raises(ConfigError, match=problem):
            load_workshop(bad)
