"""The drafting team's decisions: exported with drop-downs, filled in as the team would, given back
to the bot (or the command line), applied all or nothing, carried by the next export and shown to
the author in /ideku."""

from __future__ import annotations

import asyncio
import io
from pathlib import Path

import openpyxl
import pytest

from bot import cli
from bot.dev.emulator import SimUser
from bot.dev.sandbox import BotHarness, screen
from handlers.export import export_labels
from handlers.texts import t
from storage.decisions import HEADERS, DecisionRepository
from storage.export import ExportRequest, write_export
from storage.models import NewIdea, Profile
from tests.test_export_e2e import XLSX_MIME, ask_export
from tests.workbook_support import MARK

H = HEADERS  # field → column header of the Ide sheet


async def seed(harness: BotHarness) -> dict[str, int]:
    """A camat (Indonesian) with three ideas, an expert (English) with one; returns their ids."""
    yosef = await harness.repo.register_self(
        700001, Profile("Yosef Jehalu", "Kecamatan Cibal", "camat", "Cibal"), 1, "online"
    )
    peter = await harness.repo.register_self(
        700002, Profile("Peter Wijaya", "Kementerian Kominfo", "ministry_expert"), 1, "online"
    )
    assert yosef.participant is not None and peter.participant is not None
    ids: dict[str, int] = {}
    for key, pid, dimension, text in (
        ("pasar", yosef.participant.id, "economy", "Pasar desa online untuk kopi Manggarai"),
        ("kopi", yosef.participant.id, "economy", "Aplikasi jual kopi petani Manggarai"),
        ("sampah", yosef.participant.id, "environment", "Bank sampah di setiap kelurahan"),
        ("clinic", peter.participant.id, "living", "Mobile clinic schedule by SMS"),
    ):
        result = await harness.ideas.submit(NewIdea(1, pid, dimension, "5", text))
        assert result.idea is not None
        ids[key] = result.idea.id
    return ids


def ref(idea_id: int) -> str:
    return f"#I-{idea_id:04d}"


def export_file(harness: BotHarness, path: Path) -> bytes:
    """The workbook the drafting team gets from /ekspor (the shareable one, every stage)."""
    workshop = harness.services.workshop
    request = ExportRequest(
        db_path=harness.settings.db_path,
        output=path,
        labels=export_labels("id"),
        workshop_name=workshop.name,
        region=workshop.region,
        timezone=workshop.timezone,
        public=True,
        now=harness.settings.clock(),
    )
    return write_export(request).path.read_bytes()


def fill(data: bytes, rows: dict[str, dict[str, object]]) -> bytes:
    """Type decisions into the Ide sheet by reference and header, as the team does in Excel."""
    book = openpyxl.load_workbook(io.BytesIO(data))
    sheet = book["Ide"]
    top = 2 if sheet.cell(row=1, column=1).value == MARK else 1  # the full one is marked
    column = {str(c.value): c.column for c in sheet[top]}
    found = set()
    for row in range(top + 1, sheet.max_row + 1):
        reference = sheet.cell(row, column[H["ref"]]).value
        for header, value in rows.get(str(reference), {}).items():
            sheet.cell(row, column[header]).value = value
            found.add(reference)
    assert found == set(rows), f"references not in the sheet: {set(rows) - found}"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def decision_cells(data: bytes) -> dict[str, dict[str, object]]:
    """The decision columns of every idea row, by reference."""
    book = openpyxl.load_workbook(io.BytesIO(data))
    sheet = book["Ide"]
    top = 2 if sheet.cell(row=1, column=1).value == MARK else 1  # the full one is marked
    header = [str(c.value) for c in sheet[top]]
    rows: dict[str, dict[str, object]] = {}
    for values in sheet.iter_rows(min_row=top + 1, values_only=True):
        cells = dict(zip(header, values, strict=False))
        rows[str(cells[H["ref"]])] = {H[f]: cells[H[f]] for f in H if f != "ref"}
    return rows


def summary_counts(data: bytes) -> dict[str, object]:
    """The block of Ringkasan that counts ideas by decision."""
    rows = list(openpyxl.load_workbook(io.BytesIO(data))["Ringkasan"].iter_rows(values_only=True))
    start = next(i for i, r in enumerate(rows) if r[0] == "Ide per keputusan tim penyusun")
    return {str(r[0]): r[1] for r in rows[start + 2 : start + 7]}


async def send_workbook(admin: SimUser, data: bytes, caption: str | None = None) -> str:
    """Send the filled workbook; the bot's replies as one text."""
    await admin.send_document("keputusan.xlsx", XLSX_MIME, data, caption=caption)
    first = await admin.reply(timeout=10, what="the bot's answer to the workbook")
    texts = [first.text or ""]
    while True:
        try:
            texts.append((await admin.reply(timeout=0.5)).text or "")
        except AssertionError:
            return "\n".join(texts)


def good_rows(ids: dict[str, int]) -> dict[str, dict[str, object]]:
    return {
        ref(ids["pasar"]): {
            H["status"]: "diterima",
            H["horizon"]: 1,
            H["agency"]: "Dinas Komunikasi dan Informatika",
            H["category"]: "aplikasi",
            H["programme"]: "Pasar Digital Desa",
            H["note"]: "quick win 2022",
        },
        ref(ids["kopi"]): {H["status"]: "digabung", H["merged_into"]: ref(ids["pasar"])},
        ref(ids["clinic"]): {H["status"]: "perlu kajian", H["agency"]: "Dinas Kesehatan"},
    }


async def test_decisions_round_trip_through_the_chat(harness: BotHarness, tmp_path: Path) -> None:
    ids = await seed(harness)
    admin = await harness.admin()
    # The drafting team works on the shareable workbook (the first choice of /ekspor).
    document = await ask_export(admin, "📚 Semua tahap", t("id", "btn_export_shareable"))
    exported = await harness.client.download(str(document["file_id"]))

    # The decision columns are there, empty, with drop-downs (agencies from a hidden sheet).
    book = openpyxl.load_workbook(io.BytesIO(exported))
    assert book["Daftar pilihan"].sheet_state == "hidden"
    header = [c.value for c in book["Ide"][1]]
    lists = {
        header[next(iter(dv.sqref.ranges)).min_col - 1]: dv.formula1
        for dv in book["Ide"].data_validations.dataValidation
    }
    assert lists[H["status"]] == '"diterima,digabung,ditolak,perlu kajian"'
    assert lists[H["horizon"]] == '"1,5,10"'
    assert lists[H["agency"]].startswith("'Daftar pilihan'!$C$2:$C$")
    agencies = [r[2] for r in book["Daftar pilihan"].iter_rows(min_row=2, values_only=True) if r[2]]
    assert "Dinas Kesehatan" in agencies and len(",".join(agencies)) > 255
    assert all(v is None for row in decision_cells(exported).values() for v in row.values())

    filled = fill(exported, good_rows(ids))
    reply = await send_workbook(admin, filled, caption="/keputusan")
    assert "3 baru, 0 diubah, 0 tanpa perubahan" in reply, reply

    stored = await harness.services.decisions.for_ideas(list(ids.values()))
    pasar = stored[ids["pasar"]]
    assert (pasar.status, pasar.horizon, pasar.agency, pasar.category, pasar.programme) == (
        "accepted",
        1,
        "Dinas Komunikasi dan Informatika",
        "application",
        "Pasar Digital Desa",
    )
    assert pasar.decided_by == admin.id and pasar.version == 1
    assert stored[ids["kopi"]].merged_into == ids["pasar"]
    assert stored[ids["clinic"]].status == "review"
    assert ids["sampah"] not in stored
    audit = [e for e in await harness.services.admin.latest(50) if e.action == "decision.set"]
    assert len(audit) == 3

    # The next export carries them, and the summary counts ideas by decision.
    again = export_file(harness, tmp_path / "again.xlsx")
    cells = decision_cells(again)
    assert cells[ref(ids["pasar"])] == good_rows(ids)[ref(ids["pasar"])] | {H["merged_into"]: None}
    assert cells[ref(ids["kopi"])][H["merged_into"]] == ref(ids["pasar"])
    assert summary_counts(again) == {
        "diterima": 1,
        "digabung": 1,
        "ditolak": 0,
        "perlu kajian": 1,
        "belum diputuskan": 1,
    }

    # Given back unchanged (the form this time): nothing changes, nothing is audited again.
    await admin.send("/keputusan")
    assert "Impor keputusan" in ((await admin.reply()).text or "")
    reply = await send_workbook(admin, again)
    assert "0 baru, 0 diubah, 3 tanpa perubahan" in reply, reply
    after = await harness.services.decisions.for_ideas(list(ids.values()))
    assert after == stored
    audit = [e for e in await harness.services.admin.latest(50) if e.action == "decision.set"]
    assert len(audit) == 3

    # One change: one new version, one audit entry.
    changed = fill(again, {ref(ids["clinic"]): {H["status"]: "ditolak"}})
    reply = await send_workbook(admin, changed, caption="/decisions")
    assert "0 baru, 1 diubah, 2 tanpa perubahan" in reply, reply
    clinic = await harness.services.decisions.get(ids["clinic"])
    assert clinic is not None and (clinic.status, clinic.version) == ("rejected", 2)

    # The author sees what became of their ideas in /ideku, in their language.
    yosef = await harness.user("Yosef", user_id=700001)
    await yosef.send("/ideku")
    page = (await yosef.reply()).text or ""
    assert "Keputusan tim penyusun: diterima" in page, page
    assert "Pasar Digital Desa" in page and "Dinas Komunikasi dan Informatika" in page
    assert f"digabung ke {ref(ids['pasar'])}" in page
    peter = await harness.user("Peter", user_id=700002, language_code="en")
    await peter.send("/myideas")
    page = (await peter.reply()).text or ""
    assert "Drafting team's decision: rejected" in page and "Dinas Kesehatan" in page, page


async def test_a_file_with_bad_rows_applies_nothing(harness: BotHarness, tmp_path: Path) -> None:
    ids = await seed(harness)
    admin = await harness.admin()
    exported = export_file(harness, tmp_path / "x.xlsx")
    rows = {
        ref(ids["pasar"]): {H["status"]: "diterima", H["programme"]: "Pasar Digital Desa"},  # good
        ref(ids["kopi"]): {H["status"]: "diterma"},
        ref(ids["sampah"]): {H["status"]: "digabung", H["merged_into"]: ref(ids["sampah"])},
        ref(ids["clinic"]): {
            H["status"]: "diterima",
            H["horizon"]: 7,
            H["agency"]: "Dinas Atlantis",
            H["category"]: "robot",
        },
    }
    bad = fill(exported, rows)
    reply = await send_workbook(admin, bad, caption="/keputusan")
    row_of = {ref(ids[k]): i + 2 for i, k in enumerate(("pasar", "kopi", "sampah", "clinic"))}
    assert "Tidak ada keputusan yang diterapkan: 5 masalah" in reply, reply
    expected = [
        f"Ide, baris {row_of[ref(ids['kopi'])]}: keputusan “diterma” tidak dikenal",
        f"Ide, baris {row_of[ref(ids['sampah'])]}: ide tidak bisa digabung ke dirinya sendiri",
        f"Ide, baris {row_of[ref(ids['clinic'])]}: jangka waktu “7” tidak dikenal",
        f"Ide, baris {row_of[ref(ids['clinic'])]}: instansi “Dinas Atlantis” tidak ada",
        f"Ide, baris {row_of[ref(ids['clinic'])]}: kategori “robot” tidak dikenal",
    ]
    for line in expected:
        assert line in reply, f"{line!r} not reported in {reply!r}"
    # Nothing applied, not even the good row.
    assert await harness.services.decisions.for_ideas(list(ids.values())) == {}

    # Merged without a target, and a target that does not exist.
    worse = fill(
        exported,
        {
            ref(ids["kopi"]): {H["status"]: "digabung"},
            ref(ids["pasar"]): {H["status"]: "digabung", H["merged_into"]: "#I-9999"},
        },
    )
    reply = await send_workbook(admin, worse, caption="/keputusan")
    assert f"baris {row_of[ref(ids['kopi'])]}: keputusan “digabung” perlu kolom" in reply, reply
    assert "ide tujuan penggabungan #I-9999 tidak ada" in reply, reply
    assert await harness.services.decisions.for_ideas(list(ids.values())) == {}


async def test_only_the_secretariat_may_import(harness: BotHarness, tmp_path: Path) -> None:
    ids = await seed(harness)
    filled = fill(export_file(harness, tmp_path / "x.xlsx"), good_rows(ids))
    yosef = await harness.user("Yosef", user_id=700001)
    await yosef.send_document("keputusan.xlsx", XLSX_MIME, filled, caption="/keputusan")
    assert (await yosef.reply()).text == "Maaf, perintah ini hanya untuk sekretariat."
    await yosef.send("/keputusan")
    assert (await yosef.reply()).text == "Maaf, perintah ini hanya untuk sekretariat."
    assert await harness.services.decisions.for_ideas(list(ids.values())) == {}

    # A granted secretariat member whose role is revoked while the bot waits for the file.
    admin = await harness.admin()
    staff = await harness.user("Staf Baru")
    await admin.send(f"/peran tambah {staff.id} sekretariat")
    assert "sekarang" in ((await admin.reply()).text or "")
    await staff.send("/keputusan")
    assert "Impor keputusan" in ((await staff.reply()).text or "")
    await admin.send(f"/peran hapus {staff.id}")
    assert "dicabut" in ((await admin.reply()).text or "")
    await staff.send_document("keputusan.xlsx", XLSX_MIME, filled)
    refusal = await screen(staff)
    assert "tidak lagi memiliki peran" in (refusal.text or ""), refusal.text
    assert await harness.services.decisions.for_ideas(list(ids.values())) == {}


async def test_a_file_far_larger_than_an_export_is_refused_unread(
    harness: BotHarness, tmp_path: Path
) -> None:
    await seed(harness)
    admin = await harness.admin()
    await admin.send_document("besar.xlsx", XLSX_MIME, file_size=50 * 2**20, caption="/keputusan")
    assert "terlalu besar" in ((await admin.reply()).text or "")
    # An .xlsx whose shared strings unpack far beyond any export's: refused from the zip directory.
    import zipfile

    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/sharedStrings.xml", b"<sst>" + b"a" * (30 * 2**20) + b"</sst>")
    reply = await send_workbook(admin, bomb.getvalue(), caption="/keputusan")
    assert "jauh lebih besar daripada berkas ekspor" in reply, reply


def test_cli_import_decisions(
    harness_db: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    bad = tmp_path / "bad.xlsx"
    good = tmp_path / "good.xlsx"
    db_file, ids = harness_db, CLI_IDS
    exported = (tmp_path / "export.xlsx").read_bytes()
    bad.write_bytes(fill(exported, {ref(ids["kopi"]): {H["status"]: "diterma"}}))
    good.write_bytes(fill(exported, good_rows(ids)))
    no_env = str(tmp_path / "none.env")

    assert cli.main(["--env-file", no_env, "import-decisions", str(bad)]) == 1
    err = capsys.readouterr().err
    assert "Ide, row 3: decision “diterma” is unknown" in err, err
    assert asyncio.run(_stored(db_file)) == {}

    assert cli.main(["--env-file", no_env, "import-decisions", str(good)]) == 0
    assert "3 new, 0 changed, 0 unchanged" in capsys.readouterr().out
    stored = asyncio.run(_stored(db_file))
    assert stored[ids["pasar"]] == ("accepted", None)  # by the command line: no Telegram user
    assert cli.main(["--env-file", no_env, "import-decisions", str(good)]) == 0
    assert "0 new, 0 changed, 3 unchanged" in capsys.readouterr().out


CLI_IDS: dict[str, int] = {}


async def _stored(db_file: Path) -> dict[int, tuple[str, int | None]]:
    from storage.db import Database

    db = await Database.open(db_file)
    try:
        found = await DecisionRepository(db).for_ideas(list(CLI_IDS.values()))
    finally:
        await db.close()
    return {k: (d.status, d.decided_by) for k, d in found.items()}


@pytest.fixture
def harness_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A database with the seed and its export beside it, for the command line."""
    from bot.dev.emulator import Emulator
    from bot.dev.sandbox import no_limits

    async def make() -> None:
        emulator = Emulator(limits=no_limits())
        await emulator.start()
        harness = BotHarness(
            emulator, BotHarness.settings_for(emulator, tmp_path / "bot.db", fast=True)
        )
        await harness.start()
        try:
            CLI_IDS.clear()
            CLI_IDS.update(await seed(harness))
            export_file(harness, tmp_path / "export.xlsx")
        finally:
            await harness.close()
            await emulator.stop()

    asyncio.run(make())
    for key in ("BOT_TOKEN", "BOT_ADMIN_IDS", "BOT_WORKSHOP", "BOT_API_BASE_URL"):
        monkeypatch.delenv(key, raising=False)
    monkeypatch.setenv("BOT_DB_PATH", str(tmp_path / "bot.db"))
    return tmp_path / "bot.db"


async def test_the_full_workbooks_drop_downs_start_below_its_mark_and_header(
    harness: BotHarness, tmp_path: Path
) -> None:
    await seed(harness)
    workshop = harness.services.workshop
    request = ExportRequest(
        db_path=harness.settings.db_path,
        output=tmp_path / "full.xlsx",
        labels=export_labels("id"),
        workshop_name=workshop.name,
        region=workshop.region,
        timezone=workshop.timezone,
        now=harness.settings.clock(),
    )
    book = openpyxl.load_workbook(write_export(request).path)
    assert book["Ide"].cell(row=1, column=1).value == MARK
    validations = book["Ide"].data_validations.dataValidation
    assert validations and all(next(iter(v.sqref.ranges)).min_row == 3 for v in validations)
    agency = next(v for v in validations if v.formula1.startswith("'Daftar pilihan'"))
    first = book["Daftar pilihan"][agency.formula1.split("!")[1].split(":")[0].replace("$", "")]
    assert first.row == 3 and first.value and first.value != MARK  # the first agency
