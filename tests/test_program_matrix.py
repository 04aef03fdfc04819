"""The Matriks Program and Quick win sheets (issue 14), exported through the bot (/ekspor as the
secretariat, via the emulator) and read back with openpyxl: groups of similar ideas, their
counts, order and horizons, the numeric horizon key and the group on every idea row."""

from __future__ import annotations

import asyncio
import datetime as dt
import io
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import openpyxl
import pytest
from openpyxl.worksheet.worksheet import Worksheet

import handlers.export
from bot import cli
from bot.core.config import DEFAULT_WORKSHOP
from bot.core.workshop import load_workshop
from bot.dev.sandbox import ADMIN_ID, BotHarness
from bot.rules.idea_rules import decide_submission
from handlers.texts import t
from storage.db import Database
from storage.export_matrix import (
    EXCEL_CELL_LIMIT,
    MATRIX_COLUMNS,
    GroupRow,
    group_horizon,
    reference_list,
)
from storage.ideas import IdeaRepository
from storage.models import DIMENSIONS, HORIZONS, NewIdea, Profile, idea_ref
from storage.polls import PollOption
from storage.repository import Repository
from tests.test_export_e2e import ask_export, cli_env, services
from tests.workbook_support import MARK

__all__ = ["cli_env"]  # the fixture, used by name

DIMS = {
    "governance": "Smart Governance (tata kelola)",
    "economy": "Smart Economy (ekonomi)",
    "living": "Smart Living (kehidupan)",
}
NAMES = ("Yosef Jehalu", "Maria Ndahur", "Fransiskus Jemarut", "Theresia Hamsi", "Agustinus Dagur")


@dataclass
class World:
    """What was seeded: idea ids by name, the participants' names."""

    ids: dict[str, int]
    withdrawn: int


async def seed(harness: BotHarness) -> World:
    """Five people, eleven ideas over two stages, supports, a prioritisation vote."""
    repo, svc = harness.repo, services(harness)
    await repo.set_registration_open(2, True)
    profiles = [
        Profile(NAMES[0], "Kecamatan Cibal", "camat", "Cibal"),
        Profile(NAMES[1], "Bappeda", "opd_staff"),
        Profile(NAMES[2], "Dinas Pariwisata", "opd_staff"),
        Profile(NAMES[3], "Dinas Kesehatan", "opd_staff"),
        Profile(NAMES[4], "Dinas Sosial", "opd_staff"),
    ]
    people = []
    for i, profile in enumerate(profiles):
        result = await repo.register_self(710001 + i, profile, 1, ("online", "offline")[i % 2])
        assert result.participant is not None
        people.append(result.participant.id)
    await repo.register_self(710004, profiles[3], 2, "online")
    a, b, c, d, e = people
    plan = {
        # name: (stage, author, dimension, horizon, text)
        "pasar_a": (1, a, "economy", "5", "Pasar desa online untuk kopi Manggarai"),
        "pasar_b": (1, b, "economy", "1", "Pasar online desa untuk kopi Manggarai"),
        "pasar_c": (1, c, "economy", "5", "pasar desa online kopi manggarai!"),
        "pasar_d": (2, d, "economy", "10", "Pasar kopi desa secara online"),
        "umkm": (1, b, "economy", "1", "Pelatihan UMKM pemasaran digital"),
        "ktp": (1, a, "governance", "10", "Aplikasi layanan KTP keliling"),
        "antrian": (2, d, "governance", "10", "Sistem antrian online di kantor camat"),
        "pusk_c": (1, c, "living", "unsure", "Puskesmas keliling"),
        "pusk_e": (1, e, "living", "1", "Puskesmas keliling setiap minggu"),
        "rs": (1, e, "living", "unsure", "Rumah sakit rujukan di Ruteng"),
    }
    ids: dict[str, int] = {}
    for name, (stage, author, dimension, horizon, text) in plan.items():
        result = await svc.ideas.submit(NewIdea(stage, author, dimension, horizon, text))
        assert result.idea is not None, name
        ids[name] = result.idea.id
    gone = await svc.ideas.submit(NewIdea(1, e, "economy", "5", "Pasar desa online kopi Manggarai"))
    assert gone.idea is not None
    await svc.ideas.edit(gone.idea.id, owner=None, changed_by=ADMIN_ID, withdraw=True)
    # Supports: two for Maria's copy (one by an author of the group), one by a newcomer.
    assert await svc.supports.add(ids["pasar_b"], d)
    assert await svc.supports.add(ids["pasar_b"], a)
    assert await svc.supports.add(ids["pasar_a"], e)
    # A prioritisation vote over two copies: ranks 5 and 2, 4 and 7 hand votes.
    now = dt.datetime(2026, 11, 29, 2, 0, tzinfo=dt.UTC)
    poll = await svc.polls.create_poll(
        stage=1,
        question="Prioritas ekonomi",
        options=[
            PollOption(0, "Pasar desa online", ids["pasar_a"]),
            PollOption(1, "pasar desa online kopi", ids["pasar_c"]),
        ],
        multiple=True,
        anonymous=False,
        audience={"kind": "all"},
        recipients=[],
        created_by=ADMIN_ID,
        now=now,
        kind="prioritisation",
        max_choices=2,
    )
    await svc.polls.add_hand_votes(poll.id, [(0, 4), (1, 7)], by=ADMIN_ID, now=now)
    await svc.polls.store_priority_ranks({ids["pasar_a"]: 5, ids["pasar_c"]: 2})
    return World(ids, gone.idea.id)


def table(sheet: Worksheet) -> list[dict[str, object]]:
    top = 2 if sheet.cell(row=1, column=1).value == MARK else 1  # the full one is marked
    header = [c.value for c in sheet[top]]
    return [
        dict(zip(header, row, strict=True))
        for row in sheet.iter_rows(min_row=top + 1, values_only=True)
    ]


async def export_book(harness: BotHarness, kind: str = "🔒 Lengkap") -> openpyxl.Workbook:
    admin = await harness.admin()
    document = await ask_export(admin, "📚 Semua tahap", kind)
    data = await harness.client.download(str(document["file_id"]))
    return openpyxl.load_workbook(io.BytesIO(data))


def refs(row: dict[str, object]) -> list[str]:
    return str(row["Referensi ide"]).split(", ")


async def test_matrix_groups_the_ideas_in_programme_order(harness: BotHarness) -> None:
    world = await seed(harness)
    book = await export_book(harness)
    assert book.sheetnames[:4] == ["Ringkasan", "Matriks Program", "Quick win", "Ide"]
    matrix = book["Matriks Program"]
    assert [c.value for c in matrix[2]] == [c.header for c in MATRIX_COLUMNS]  # below the mark
    rows = table(matrix)
    ids = world.ids

    # Every active idea is in exactly one group row; the withdrawn one in none.
    listed = [r for row in rows for r in refs(row)]
    assert sorted(listed) == sorted(idea_ref(i) for i in ids.values())
    assert idea_ref(world.withdrawn) not in listed
    assert all(row["Jumlah ide"] == len(refs(row)) for row in rows)

    # Programme order: dimension, then 1, 5, 10 years, then "belum tahu".
    dim_of = {label: key for key, label in DIMS.items()}
    keys = [
        (DIMENSIONS.index(dim_of[str(r["Dimensi"])]), (1, 5, 10, None).index(r["Jangka (tahun)"]))
        for r in rows
    ]
    assert keys == sorted(keys)
    assert [r["Kelompok"] for r in rows] == [
        idea_ref(ids["ktp"]),
        idea_ref(ids["antrian"]),
        idea_ref(ids["umkm"]),
        idea_ref(ids["pasar_a"]),
        idea_ref(ids["pusk_c"]),
        idea_ref(ids["rs"]),
    ]

    by_group = {r["Kelompok"]: r for r in rows}
    pasar = by_group[idea_ref(ids["pasar_a"])]
    assert refs(pasar) == [idea_ref(ids[n]) for n in ("pasar_a", "pasar_b", "pasar_c", "pasar_d")]
    # Most common horizon (two of four said 5 years); the others flagged.
    assert pasar["Jangka waktu"] == "Menengah · 5 tahun" and pasar["Jangka (tahun)"] == 5
    assert pasar["Jangka waktu campuran"] == "campuran: 1, 5, 10"
    # The most supported copy stands for the group.
    assert pasar["Ide perwakilan"] == "Pasar online desa untuk kopi Manggarai"
    # Four authors and one more supporter; supporters who are authors count once.
    assert pasar["Orang (pengusul + pendukung)"] == 5 and pasar["Dukungan"] == 3
    assert pasar["Peringkat prioritas terbaik"] == 2 and pasar["Suara prioritas"] == 7
    assert pasar["Instansi"] == "Kecamatan Cibal; Bappeda; Dinas Pariwisata; Dinas Kesehatan"
    assert pasar["Kecamatan"] == "Cibal" and pasar["Tahap pertama"] == 1

    # A tie between a year and "belum tahu": the year wins, the mix is said.
    pusk = by_group[idea_ref(ids["pusk_c"])]
    assert (
        pusk["Jangka (tahun)"] == 1 and pusk["Jangka waktu campuran"] == "campuran: 1, belum tahu"
    )
    assert pusk["Ide perwakilan"] == "Puskesmas keliling"  # no supports: the earliest
    rs = by_group[idea_ref(ids["rs"])]
    assert rs["Jangka waktu"] == "Belum tahu" and rs["Jangka (tahun)"] is None
    assert rs["Jangka waktu campuran"] is None and rs["Orang (pengusul + pendukung)"] == 1
    antrian = by_group[idea_ref(ids["antrian"])]
    assert antrian["Tahap pertama"] == 2 and antrian["Kecamatan"] is None
    assert antrian["Peringkat prioritas terbaik"] is None and antrian["Suara prioritas"] is None

    # Quick win: the 1-year groups only, same columns, in the same order.
    quick = table(book["Quick win"])
    assert [c.value for c in book["Quick win"][2]] == [c.header for c in MATRIX_COLUMNS]
    assert [r["Kelompok"] for r in quick] == [
        r["Kelompok"] for r in rows if r["Jangka (tahun)"] == 1
    ]
    assert [r["Kelompok"] for r in quick] == [idea_ref(ids["umkm"]), idea_ref(ids["pusk_c"])]


async def test_idea_rows_carry_horizon_key_and_group(harness: BotHarness) -> None:
    world = await seed(harness)
    book = await export_book(harness)
    ids = world.ids
    ideas = table(book["Ide"])
    # "Ide" stays in arrival order.
    assert [r["Referensi"] for r in ideas] == sorted(str(r["Referensi"]) for r in ideas)
    keys = {"Quick win · 1 tahun": 1, "Menengah · 5 tahun": 5, "Panjang · 10 tahun": 10}
    for row in ideas:
        assert row["Jangka (tahun)"] == keys.get(str(row["Jangka waktu"])), row
    key_cells = [c for c in next(book["Ide"].iter_cols(min_col=5, max_col=5, min_row=3))]
    assert {c.data_type for c in key_cells if c.value is not None} == {"n"}
    group = {r["Referensi"]: r["Kelompok"] for r in ideas}
    for name in ("pasar_a", "pasar_b", "pasar_c", "pasar_d"):
        assert group[idea_ref(ids[name])] == idea_ref(ids["pasar_a"])
    assert group[idea_ref(ids["pusk_e"])] == idea_ref(ids["pusk_c"])
    assert group[idea_ref(ids["rs"])] == idea_ref(ids["rs"])
    assert group[idea_ref(world.withdrawn)] is None

    # A dimension sheet reads as a programme table: by horizon, then as the ideas came in.
    economy = table(book[DIMS["economy"]])
    assert [r["Referensi"] for r in economy] == [
        idea_ref(ids[n]) for n in ("pasar_b", "umkm", "pasar_a", "pasar_c", "pasar_d")
    ]
    assert [r["Kelompok"] for r in economy][:2] == [idea_ref(ids["pasar_a"]), idea_ref(ids["umkm"])]
    living = table(book[DIMS["living"]])
    assert [r["Jangka (tahun)"] for r in living] == [1, None, None]


async def test_shareable_export_names_nobody_in_the_matrix(harness: BotHarness) -> None:
    await seed(harness)
    book = await export_book(harness, t("id", "btn_export_shareable"))
    for title in ("Matriks Program", "Quick win"):
        values = " ".join(
            str(v) for row in book[title].iter_rows(values_only=True) for v in row if v
        )
        assert "Bappeda" in values  # agencies, yes; people, no
        for name in NAMES:
            assert name not in values, (title, name)
            assert name.split()[1] not in values, (title, name)


async def test_grouping_runs_once_off_the_event_loop(
    harness: BotHarness, monkeypatch: pytest.MonkeyPatch
) -> None:
    world = await seed(harness)
    calls: list[tuple[str, int]] = []
    real = handlers.export.group_for_export

    def spy(ideas: Sequence[GroupRow]) -> dict[int, int]:
        calls.append((threading.current_thread().name, len(ideas)))
        return real(ideas)

    monkeypatch.setattr(handlers.export, "group_for_export", spy)
    book = await export_book(harness)
    # Once, over every active idea of the export, in the export's worker thread.
    assert calls == [(calls[0][0], len(world.ids))]
    assert calls[0][0] != threading.main_thread().name
    assert len(table(book["Matriks Program"])) == 6


def test_group_horizon_rule() -> None:
    def at(**counts: int) -> str:
        return HORIZONS[group_horizon([counts.get(h, 0) for h in ("y1", "y5", "y10", "unsure")])]

    assert at(y5=2, y1=1) == "5"
    assert at(y1=1, y10=1) == "1"  # a tie: the shorter
    assert at(unsure=3, y10=1) == "10"  # a named year beats "belum tahu"
    assert at(unsure=2) == "unsure"


async def _seed_copies(db_path: Path) -> None:
    db = await Database.open(db_path)
    try:
        repo = Repository(db)
        await repo.sync_workshop(load_workshop(DEFAULT_WORKSHOP))
        ideas = IdeaRepository(db, rule=decide_submission)
        for i, text in enumerate(
            ("Pasar desa online untuk kopi Manggarai", "Pasar online desa untuk kopi Manggarai")
        ):
            person = await repo.register_offline(
                Profile(NAMES[i], "Bappeda", "opd_staff"), 1, entered_by=ADMIN_ID
            )
            assert person.participant is not None
            await ideas.submit(NewIdea(1, person.participant.id, "economy", "5", text))
    finally:
        await db.close()


def test_command_line_export_groups_too(cli_env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    asyncio.run(_seed_copies(cli_env / "bot.db"))
    assert cli.main(["--env-file", str(cli_env / "none.env"), "export"]) == 0
    path = Path(capsys.readouterr().out.strip().splitlines()[-1])
    rows = table(openpyxl.load_workbook(path)["Matriks Program"])
    assert [(r["Referensi ide"], r["Orang (pengusul + pendukung)"]) for r in rows] == [
        ("#I-0001, #I-0002", 2)
    ]


def test_a_huge_group_lists_what_a_cell_holds() -> None:
    assert reference_list([1, 7]) == "#I-0001, #I-0007"
    text = reference_list(list(range(1, 5001)))
    assert len(text) <= EXCEL_CELL_LIMIT
    shown = text.split(", … ")[0].split(", ")
    assert shown[0] == "#I-0001" and text.endswith(f"(+{5000 - len(shown)} lainnya)")
