"""The export with attachments: one .zip holding the workbook and the ideas' files, each idea's row
linked to its file inside the .zip; files named by the idea, never by the sender's file name;
files over the limit or past the total listed with the reason, not fetched."""

from __future__ import annotations

import asyncio
import io
import zipfile
from pathlib import Path

import openpyxl
import pytest

from bot import cli
from bot.core.attachments import AttachmentNotes, export_with_attachments
from bot.dev.emulator import SimUser
from bot.dev.sandbox import BotHarness, screen
from handlers.export import export_labels
from storage.export import ExportRequest
from storage.models import Profile
from tests.workbook_support import MARK

PRIVATE_NAME = "Catatan_Maria_Goreti_pribadi"
PDF = b"%PDF-1.4 usulan pasar online lengkap"


async def _ideas_with_files(harness: BotHarness) -> SimUser:
    author = await harness.user("Yosef")
    await harness.repo.register_self(
        author.id, Profile("Yosef Jehalu", "Kecamatan Cibal", "camat", "Cibal"), 1, "online"
    )
    await author.send_photo(caption="#tatakelola #1th Papan pengumuman digital di kantor camat")
    assert "#I-0001" in ((await author.reply()).text or "")
    await author.send_document(
        f"{PRIVATE_NAME}.pdf", "application/pdf", PDF, caption="#ekonomi #5th Pasar tani online"
    )
    assert "#I-0002" in ((await author.reply()).text or "")
    await author.send("#lingkungan #10th Bank sampah di setiap kelurahan")
    assert "#I-0003" in ((await author.reply()).text or "")
    return author


async def _zip_from_chat(harness: BotHarness, kind_button: str) -> zipfile.ZipFile:
    admin = await harness.admin()
    await admin.send("/ekspor")
    stages = (await admin.reply()).buttons
    await admin.press(next(b for row in stages for b in row if b.startswith("Tahap I —")))
    kinds = await screen(admin)
    assert ["📎 Lengkap + lampiran", "📎 Publik + lampiran"] in kinds.buttons
    await admin.press(kind_button)
    assert "Menyiapkan" in ((await screen(admin)).text or "")
    document = (await admin.reply(timeout=20, what="the .zip")).document
    assert document is not None and str(document["file_name"]).endswith(".zip")
    done = (await admin.reply(what="the note on the files")).text or ""
    assert "2 lampiran" in done, done
    return zipfile.ZipFile(io.BytesIO(await harness.client.download(str(document["file_id"]))))


def _links(archive: zipfile.ZipFile) -> dict[str, tuple[str, str | None]]:
    """Reference → (Lampiran cell text, its link target) in the workbook inside the .zip."""
    (workbook,) = [n for n in archive.namelist() if n.endswith(".xlsx")]
    book = openpyxl.load_workbook(io.BytesIO(archive.read(workbook)))
    sheet = book["Ide"]
    top = 2 if sheet.cell(row=1, column=1).value == MARK else 1  # the full one is marked
    column = [c.value for c in sheet[top]].index("Lampiran")
    return {
        str(row[0].value): (
            str(row[column].value),
            row[column].hyperlink.target if row[column].hyperlink else None,
        )
        for row in sheet.iter_rows(min_row=top + 1)
    }


async def test_the_zip_links_every_idea_row_to_its_file_inside_it(harness: BotHarness) -> None:
    await _ideas_with_files(harness)
    archive = await _zip_from_chat(harness, "📎 Lengkap + lampiran")
    links = _links(archive)
    names = archive.namelist()
    assert (
        links["#I-0001"][1] == "lampiran/I-0001.jpg"
        and links["#I-0002"][1] == "lampiran/I-0002.pdf"
    )
    assert links["#I-0003"][1] is None  # no file, no link
    for ref in ("#I-0001", "#I-0002"):
        assert links[ref][1] in names, f"{ref} links to {links[ref][1]}, not in {names}"
    # The very bytes the participant sent.
    assert archive.read("lampiran/I-0002.pdf") == PDF
    photo = await harness.ideas.get(1)
    assert photo is not None and photo.attachment is not None
    assert archive.read("lampiran/I-0001.jpg") == await harness.client.download(
        photo.attachment.file_id
    )


async def test_the_shareable_zip_holds_no_original_file_name(harness: BotHarness) -> None:
    await _ideas_with_files(harness)
    archive = await _zip_from_chat(harness, "📎 Publik + lampiran")
    assert not [n for n in archive.namelist() if PRIVATE_NAME in n]
    for name in archive.namelist():
        if name.endswith(".xlsx"):  # the workbook is a zip itself: look inside it too
            inner = zipfile.ZipFile(io.BytesIO(archive.read(name)))
            contents = b"".join(inner.read(n) for n in inner.namelist())
        else:
            contents = archive.read(name)
        assert PRIVATE_NAME.encode() not in contents, f"the sender's file name is in {name}"


async def test_files_over_the_limit_or_the_total_are_listed_not_fetched(
    harness: BotHarness, tmp_path: Path
) -> None:
    await _ideas_with_files(harness)
    assert harness.app is not None
    request = ExportRequest(
        db_path=harness.settings.db_path,
        output=tmp_path / "bimtek.xlsx",
        labels=export_labels("id"),
        workshop_name="Bimtek",
        region="Kabupaten Manggarai",
        timezone="Asia/Makassar",
        stage=1,
    )
    notes = AttachmentNotes("too big: {size} MB", "over the total", "unavailable")
    seen: list[tuple[int, int]] = []
    # The photo (the first file) fits, the document does not fit in what is left.
    photo = await harness.ideas.get(1)
    assert photo is not None and photo.attachment is not None
    photo_size = len(await harness.client.download(photo.attachment.file_id))
    zipped = await export_with_attachments(
        harness.app.bot,
        request,
        notes,
        max_total=photo_size + len(PDF) - 1,
        progress=lambda done, total, size: seen.append((done, total)),
    )
    assert zipped.path == tmp_path / "bimtek.zip" and (zipped.included, zipped.skipped) == (1, 1)
    assert seen == [(1, 2), (2, 2)]
    with zipfile.ZipFile(zipped.path) as archive:
        links = _links(archive)
        assert links["#I-0002"] == ("over the total", None)
        assert "lampiran/I-0002.pdf" not in archive.namelist()
    zipped = await export_with_attachments(
        harness.app.bot, request, notes, max_total=10**9, max_file=len(PDF) - 1
    )
    with zipfile.ZipFile(zipped.path) as archive:
        links = _links(archive)
        assert links["#I-0002"][1] is None and links["#I-0002"][0].startswith("too big")
        assert links["#I-0001"][1] is None  # the photo is bigger than that too
    left = await asyncio.to_thread(lambda: list(tmp_path.glob(".partial-*")))
    assert not left, f"temporary files were left behind: {left}"


def test_the_workbook_says_why_a_file_is_missing() -> None:
    from handlers.export import attachment_notes

    notes = attachment_notes()
    assert "20 MB" in notes.too_big.format(size="31") and "31" in notes.too_big.format(size="31")


async def test_cli_writes_the_zip_with_progress(
    harness: BotHarness,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    await _ideas_with_files(harness)
    monkeypatch.setenv("BOT_TOKEN", harness.settings.token)
    monkeypatch.setenv("BOT_API_BASE_URL", harness.settings.api_base_url)
    monkeypatch.setenv("BOT_DB_PATH", str(harness.settings.db_path))
    monkeypatch.setenv("BOT_EXPORT_DIR", str(tmp_path / "exports"))
    monkeypatch.delenv("BOT_ADMIN_IDS", raising=False)
    args = ["--env-file", str(tmp_path / "none.env"), "export", "--attachments", "--public"]
    assert await asyncio.to_thread(cli.main, args) == 0
    out, err = capsys.readouterr()
    path = Path(out.strip().splitlines()[-1])
    assert path.parent == tmp_path / "exports" and path.suffix == ".zip"
    assert "attachments: 1 of 2" in err and "attachments: 2 of 2" in err, err
    assert "with 2 attachments" in err, err
    archive = await asyncio.to_thread(zipfile.ZipFile, path)
    links = _links(archive)
    assert links["#I-0002"][1] == "lampiran/I-0002.pdf"
    assert archive.read("lampiran/I-0002.pdf") == PDF

    monkeypatch.delenv("BOT_TOKEN")
    assert await asyncio.to_thread(cli.main, args) == 2
    assert "BOT_TOKEN" in capsys.readouterr().err
