"""/ekspor, /impor and /templatpeserta end to end through the emulator; the same by the CLI."""

from __future__ import annotations

import asyncio
import csv
import io
from pathlib import Path

import openpyxl
import pytest

from bot import cli
from bot.core.config import DEFAULT_WORKSHOP
from bot.core.context import SERVICES_KEY, Services
from bot.core.workshop import load_workshop
from bot.dev.demo.wait import first_found
from bot.dev.emulator import SimUser
from bot.dev.sandbox import ADMIN_ID, FACILITATOR_ID, BotHarness, screen
from bot.rules.idea_rules import decide_submission
from storage.db import Database
from storage.ideas import IdeaRepository
from storage.models import NewIdea, Profile
from storage.repository import Repository
from tests.workbook_support import unmark

RISKY = ("=1+1", "+62 812 3456 7890", "-x", "@SUM(A1)")
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def services(harness: BotHarness) -> Services:
    assert harness.app is not None
    found = harness.app.bot_data[SERVICES_KEY]
    assert isinstance(found, Services)
    return found


async def seed(repo: Repository, ideas: IdeaRepository) -> list[str]:
    """Two participants of Tahap I (one without Telegram), and their ideas; returns the texts."""
    yosef = await repo.register_self(
        700001, Profile("Yosef Jehalu", "Kecamatan Cibal", "camat", "Cibal"), 1, "online"
    )
    maria = await repo.register_offline(
        Profile("Maria Ndahur", "Bappeda", "opd_staff"), 1, entered_by=ADMIN_ID, phone="081234567"
    )
    assert yosef.participant is not None and maria.participant is not None
    texts = [*RISKY, "Pasar desa online untuk kopi Manggarai"]
    for i, text in enumerate(texts):
        result = await ideas.submit(
            NewIdea(1, yosef.participant.id, ("economy", "governance")[i % 2], "5", text)
        )
        assert result.idea is not None
    await ideas.submit(
        NewIdea(1, maria.participant.id, "living", "1", "Puskesmas keliling", entered_by=ADMIN_ID)
    )
    return [*texts, "Puskesmas keliling"]


async def ask_export(admin: SimUser, stage_button: str, kind_button: str) -> dict[str, object]:
    """Walk /ekspor to the document (the stage button named by its start, or its end)."""
    await admin.send("/ekspor")
    menu = await admin.reply()
    assert "Ekspor Excel" in (menu.text or "")
    labels = [label for row in menu.buttons for label in row]
    button = first_found(
        (b for b in labels if stage_button in (b[: len(stage_button)], b)),
        f"a button {stage_button!r} among {labels}",
    )
    await admin.press(button)
    kinds = await screen(admin)
    # The shareable workbook first, the full one with personal data a deliberate second.
    assert kinds.buttons[:2] == [["📤 Untuk dibagikan"], ["🔒 Lengkap"]]
    await admin.press(kind_button)
    assert "Menyiapkan" in ((await screen(admin)).text or "")
    document = await admin.reply(timeout=20)
    assert document.document is not None
    done = await admin.reply()
    assert "terkirim" in (done.text or "")
    return document.document


async def test_secretariat_gets_the_workbook(harness: BotHarness) -> None:
    texts = await seed(harness.repo, services(harness).ideas)
    admin = await harness.admin()
    document = await ask_export(admin, "Tahap I —", "🔒 Lengkap")
    name = str(document["file_name"])
    assert name.startswith("bimtek_kabupaten-manggarai_tahap-1_") and name.endswith(".xlsx")
    data = await harness.client.download(str(document["file_id"]))
    assert name.endswith("_DATA-PRIBADI.xlsx")
    book = unmark(openpyxl.load_workbook(io.BytesIO(data)))
    assert book.sheetnames[:4] == ["Ringkasan", "Matriks Program", "Quick win", "Ide"]
    # The workshop file has sessions, so attendance comes after the participants; audit last.
    assert book.sheetnames[-5:] == ["Peserta", "Partisipasi", "Kehadiran", "Daftar hadir", "Audit"]
    assert book["Audit"].max_row >= 2  # at least this export itself
    ideas = book["Ide"]
    written = {ideas.cell(row=r, column=6).value for r in range(2, ideas.max_row + 1)}
    assert written == set(texts)
    for row in range(2, ideas.max_row + 1):
        assert ideas.cell(row=row, column=6).data_type == "s"
    people = book["Peserta"]
    assert [c.value for c in people[1]][-2:] == ["Telepon", "ID Telegram"]
    # The copy the bot keeps is the same file, under the export folder.
    assert (harness.settings.export_dir / name).read_bytes() == data


async def test_public_workbook_from_the_chat_has_no_phone_or_ids(harness: BotHarness) -> None:
    await seed(harness.repo, services(harness).ideas)
    admin = await harness.admin()
    document = await ask_export(admin, "📚 Semua tahap", "📤 Untuk dibagikan")
    assert not str(document["file_name"]).endswith("_DATA-PRIBADI.xlsx")
    book = openpyxl.load_workbook(
        io.BytesIO(await harness.client.download(str(document["file_id"])))
    )
    headers = [c.value for c in book["Peserta"][1]]
    assert "Telepon" not in headers and "ID Telegram" not in headers
    values = {str(c.value) for ws in book.worksheets for row in ws.iter_rows() for c in row}
    assert "081234567" not in values and "700001" not in values


async def test_export_is_refused_to_everyone_else(harness: BotHarness) -> None:
    participant = await harness.user("Yosef")
    facilitator = await harness.user("Fasilitator", user_id=FACILITATOR_ID)
    for user in (participant, facilitator):
        await user.send("/ekspor")
        refusal = await user.reply()
        assert "hanya untuk sekretariat" in (refusal.text or "")
        # A forged export button changes nothing and sends nothing.
        query = await user.press_data(refusal.message_id, "exp:go:1:full:1")
        answer = await user.callback_answer(query)
        assert "hanya untuk sekretariat" in answer["text"]
        await user.no_reply(0.3)
    assert list(harness.settings.export_dir.glob("*.xlsx")) == []


async def test_forged_stale_and_group_exports_are_refused(harness: BotHarness) -> None:
    admin = await harness.admin()
    await admin.send("/ekspor")
    menu = await admin.reply()
    for forged in ("exp:st:99", "exp:st:x", "exp:go:1:all:1", "exp:zzz"):
        answer = await admin.callback_answer(await admin.press_data(menu.message_id, forged))
        assert "Tombol tidak dikenali" in answer["text"]
    await admin.press("📚 Semua tahap")
    await screen(admin)
    # A kind button with the wrong one-time number (an old message, a replay) exports nothing.
    stale = await admin.callback_answer(await admin.press_data(menu.message_id, "exp:go:1:full:7"))
    assert "sudah dipakai" in stale["text"]
    await admin.no_reply(0.3)
    assert list(harness.settings.export_dir.glob("*.xlsx")) == []

    # In a group the bot says nothing personal: no menu, no workbook.
    group = await harness.client.group("Bimtek Manggarai")
    in_group = admin.in_chat(group)
    await in_group.send("/ekspor")
    await in_group.no_reply(0.5)
    assert list(harness.settings.export_dir.glob("*.xlsx")) == []


async def test_export_of_a_stage_without_ideas(harness: BotHarness) -> None:
    admin = await harness.admin()
    document = await ask_export(admin, "Tahap III —", "🔒 Lengkap")
    book = unmark(
        openpyxl.load_workbook(io.BytesIO(await harness.client.download(str(document["file_id"]))))
    )
    assert book["Ide"].max_row == 1 and book["Peserta"].max_row == 1


# --- roster import -----------------------------------------------------------------------------


def roster_xlsx(rows: list[list[object]]) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Nama lengkap", "Instansi", "Kecamatan", "Jabatan", "Telepon"])
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


ROSTER = [
    ["Kornelius Jaong", "Dinas Pertanian", None, "Staf Perangkat Daerah", "0812 3456 7890"],
    ["Veronika Dagur", "Kecamatan Reok", "Reok", "Camat", None],
    [None, "Bappeda", None, None, None],
    ["Agustinus Nampar", "Dinas Sosial", None, "Bupati", None],
    ["kornelius  jaong", "Dinas Pertanian", None, None, None],
]


async def import_file(admin: SimUser, name: str, data: bytes, mime: str = XLSX_MIME) -> str:
    await admin.send("/impor")
    assert "Impor daftar peserta luring" in ((await admin.reply()).text or "")
    await admin.send_document(name, mime, data)
    preview = await admin.reply()
    assert "2 peserta siap diimpor, 3 baris bermasalah" in (preview.text or "")
    await admin.press("Tahap I — Kesiapan daerah (SDM, kelembagaan, regulasi)")
    assert "Mengimpor 2 peserta" in ((await screen(admin)).text or "")
    report = (await admin.reply()).text or ""
    problems = (await admin.reply()).text or ""
    return report + "\n" + problems


async def test_roster_import_by_sending_a_document(harness: BotHarness) -> None:
    admin = await harness.admin()
    data = roster_xlsx(ROSTER)
    report = await import_file(admin, "peserta.xlsx", data)
    assert "Diimpor: 2" in report and "Sudah terdaftar: 0" in report
    assert "Baris 4: nama lengkap kosong" in report
    assert "Baris 5: jabatan “Bupati” tidak dikenal" in report
    assert "Baris 6: peserta yang sama dengan baris 2" in report
    roster = await harness.repo.roster(1)
    people = {e.participant.full_name: e for e in roster}
    assert set(people) == {"Kornelius Jaong", "Veronika Dagur"}
    assert people["Kornelius Jaong"].participant.phone == "081234567890"
    assert people["Veronika Dagur"].participant.kecamatan == "Reok"
    assert {e.registration.channel for e in roster} == {"import"}
    assert {e.registration.mode for e in roster} == {"offline"}

    # The same file again imports nobody new.
    again = await import_file(admin, "peserta.xlsx", data)
    assert "Diimpor: 0" in again and "Sudah terdaftar: 2" in again
    assert len(await harness.repo.roster(1)) == 2


async def test_roster_import_of_a_csv(harness: BotHarness) -> None:
    admin = await harness.admin()
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(["Nama lengkap", "Instansi", "Kecamatan", "Jabatan", "Telepon"])
    writer.writerows([["" if v is None else v for v in row] for row in ROSTER])
    report = await import_file(admin, "peserta.csv", out.getvalue().encode("utf-8-sig"), "text/csv")
    assert "Diimpor: 2" in report and "Baris 5: jabatan" in report


async def test_bad_roster_files_are_refused_and_change_nothing(harness: BotHarness) -> None:
    admin = await harness.admin()
    await admin.send("/impor")
    await admin.reply()
    await admin.send("Kornelius Jaong, Dinas Pertanian")
    assert "berkas (dokumen) .xlsx atau .csv" in ((await admin.reply()).text or "")
    await admin.send_sticker()
    assert "berkas (dokumen)" in ((await admin.reply()).text or "")
    await admin.send_document("peserta.pdf", "application/pdf", b"%PDF-1.4")
    assert "bukan .xlsx atau .csv" in ((await admin.reply()).text or "")
    await admin.send_document("peserta.xlsx", XLSX_MIME, b"this is not a zip file")
    assert "tidak bisa dibaca" in ((await admin.reply()).text or "")
    await admin.send_document("peserta.csv", "text/csv", b"foo,bar\n1,2\n")
    assert "Baris judul kolom tidak ditemukan" in ((await admin.reply()).text or "")
    await admin.send_document("kosong.xlsx", XLSX_MIME, roster_xlsx([]))
    assert "tidak berisi peserta" in ((await admin.reply()).text or "")
    await admin.send_document("buruk.xlsx", XLSX_MIME, roster_xlsx([[None, "Bappeda"]]))
    assert "Baris 2: nama lengkap kosong" in ((await admin.reply()).text or "")
    assert "Tidak ada baris yang bisa diimpor" in ((await admin.reply()).text or "")
    await admin.send("/frobnicate")
    assert "sedang mengimpor" in ((await admin.reply()).text or "")
    await admin.send("/batal")
    assert "Impor dibatalkan" in ((await admin.reply()).text or "")
    assert await harness.repo.roster(1) == []


async def test_roster_import_is_refused_to_participants(harness: BotHarness) -> None:
    user = await harness.user("Yosef")
    await user.send("/impor")
    assert "hanya untuk sekretariat" in ((await user.reply()).text or "")
    await user.send_document("peserta.xlsx", XLSX_MIME, roster_xlsx(ROSTER))
    assert "Impor daftar" not in ((await user.reply()).text or "")
    await user.send("/templatpeserta")
    assert "hanya untuk sekretariat" in ((await user.reply()).text or "")
    assert await harness.repo.roster(1) == []


async def test_stale_stage_button_after_the_import(harness: BotHarness) -> None:
    admin = await harness.admin()
    await import_file(admin, "peserta.xlsx", roster_xlsx(ROSTER))
    messages = await admin.messages()
    preview = first_found(
        (m for m in messages if "Mengimpor" in (m.text or "")), "the import preview message"
    )
    answer = await admin.callback_answer(await admin.press_data(preview.message_id, "imp:stage:1"))
    assert "tidak aktif" in answer["text"]
    assert len(await harness.repo.roster(1)) == 2


async def test_template_from_the_chat_can_be_filled_and_imported(harness: BotHarness) -> None:
    admin = await harness.admin()
    await admin.send("/templatpeserta")
    message = await admin.reply()
    assert message.document is not None
    assert message.document["file_name"] == "templat_peserta_luring.xlsx"
    data = await harness.client.download(str(message.document["file_id"]))
    book = openpyxl.load_workbook(io.BytesIO(data))
    assert [c.value for c in book["Peserta"][1]] == [
        "Nama lengkap",
        "Instansi",
        "Kecamatan",
        "Jabatan",
        "Telepon",
    ]
    assert "Cibal" in [c.value for c in book["Petunjuk"]["B"]]
    book["Peserta"].append(["Rofinus Tanggur", "Kecamatan Cibal", "Cibal", "Camat", "081299887766"])
    out = io.BytesIO()
    book.save(out)
    await admin.send("/impor")
    await admin.reply()
    await admin.send_document("isi.xlsx", XLSX_MIME, out.getvalue())
    assert "1 peserta siap" in ((await admin.reply()).text or "")


# --- the command line ---------------------------------------------------------------------------


async def _seed_file(db_path: Path) -> None:
    db = await Database.open(db_path)
    try:
        repo = Repository(db)
        await repo.sync_workshop(load_workshop(DEFAULT_WORKSHOP))
        await seed(repo, IdeaRepository(db, rule=decide_submission))
    finally:
        await db.close()


@pytest.fixture
def cli_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for key in ("BOT_TOKEN", "BOT_ADMIN_IDS", "BOT_WORKSHOP", "BOT_API_BASE_URL"):
        monkeypatch.delenv(key, raising=False)
    monkeypatch.setenv("BOT_DB_PATH", str(tmp_path / "bot.db"))
    monkeypatch.setenv("BOT_EXPORT_DIR", str(tmp_path / "exports"))
    return tmp_path


def test_cli_export(cli_env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    asyncio.run(_seed_file(cli_env / "bot.db"))
    no_env = str(cli_env / "none.env")
    assert cli.main(["--env-file", no_env, "export", "--stage", "1"]) == 0
    path = Path(capsys.readouterr().out.strip().splitlines()[-1])
    assert path.parent == cli_env / "exports" and path.name.startswith("bimtek_kabupaten-manggarai")
    book = openpyxl.load_workbook(path)
    assert book["Ide"].max_row == 7

    # The default is the shareable workbook (unmarked); the old --public flag still gives it.
    assert book["Peserta"]["A1"].value == "No. peserta"
    assert "ID Telegram" not in [c.value for c in book["Peserta"][1]]
    public = cli_env / "share.xlsx"
    assert cli.main(["--env-file", no_env, "export", "--output", str(public), "--public"]) == 0
    assert "ID Telegram" not in [c.value for c in openpyxl.load_workbook(public)["Peserta"][1]]
    full = cli_env / "full.xlsx"
    assert cli.main(["--env-file", no_env, "export", "--output", str(full), "--full"]) == 0
    assert "ID Telegram" in [c.value for c in unmark(openpyxl.load_workbook(full))["Peserta"][1]]

    assert cli.main(["--env-file", no_env, "export", "--stage", "9"]) == 2
    assert "--stage: there is no stage 9" in capsys.readouterr().err


def test_cli_export_without_a_database_exits_2(
    cli_env: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["--env-file", str(cli_env / "none.env"), "export"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "BOT_DB_PATH" in err[0]
    assert not (cli_env / "bot.db").exists()


def test_cli_roster_template_and_import(cli_env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    no_env = str(cli_env / "none.env")
    assert cli.main(["--env-file", no_env, "roster-template"]) == 0
    template = Path(capsys.readouterr().out.strip())
    assert template == cli_env / "exports" / "templat_peserta_luring.xlsx"

    roster = cli_env / "peserta.xlsx"
    roster.write_bytes(roster_xlsx(ROSTER))
    assert cli.main(["--env-file", no_env, "import-roster", str(roster), "--stage", "1"]) == 0
    out = capsys.readouterr().out
    assert "imported 2, already present 0, rows with problems 3" in out
    assert "Row 5: unknown position “Bupati”" in out
    assert cli.main(["--env-file", no_env, "import-roster", str(roster), "--stage", "1"]) == 0
    assert "imported 0, already present 2" in capsys.readouterr().out

    assert cli.main(["--env-file", no_env, "import-roster", str(roster), "--stage", "9"]) == 2
    assert cli.main(["--env-file", no_env, "import-roster", "nope.xlsx", "--stage", "1"]) == 2
    assert "FILE" in capsys.readouterr().err


async def test_demo_step_saves_the_workbook(harness: BotHarness) -> None:
    from bot.dev.demo.export import demo_export

    await seed(harness.repo, services(harness).ideas)
    admin = await harness.admin()
    await admin.send("/bantuan")
    await admin.reply()
    path = Path(await demo_export(harness, admin))
    assert path.parent == harness.settings.export_dir and path.suffix == ".xlsx"
    assert "semua-tahap" in path.name
    assert openpyxl.load_workbook(path)["Ide"].max_row == 7
