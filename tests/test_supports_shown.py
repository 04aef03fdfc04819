"""Supports ("Dukung ide ini") are counted where the facilitators and the drafting team look: in
/rekapide (the latest list and one idea in full) and in the workbook's "Dukungan" column."""

from __future__ import annotations

import io

import openpyxl

from bot.dev.emulator import SimUser
from bot.dev.sandbox import FACILITATOR_ID, BotHarness, screen
from storage.models import Profile
from tests.test_export_e2e import ask_export
from tests.workbook_support import MARK

SUPPORTED = "Pelatihan pemasaran online untuk UMKM di Ruteng"
ALONE = "Koperasi petani kopi di Cibal"


async def _two_ideas_one_supported_twice(harness: BotHarness) -> None:
    author = await harness.user("Yosef")
    await harness.repo.register_self(
        author.id, Profile("Yosef Jehalu", "Kecamatan Cibal", "camat", "Cibal"), 1, "online"
    )
    for text in (SUPPORTED, ALONE):
        await author.send(f"#ekonomi #5th {text}")
        assert "diterima" in ((await author.reply()).text or "")
    for n, name in enumerate(("Maria Goreti", "Agus Ndala")):
        registered = await harness.repo.register_self(
            700 + n, Profile(name, "Bappeda", "opd_staff"), 1, "offline"
        )
        assert registered.participant is not None
        assert await harness.services.supports.add(1, registered.participant.id)


async def _latest_economy(reader: SimUser) -> str:
    await reader.send("/rekapide")
    summary = await reader.reply()
    await reader.press("Smart Economy (2)", summary.message_id)
    return (await screen(reader)).text or ""


async def test_rekapide_shows_the_supports_of_an_idea(harness: BotHarness) -> None:
    await _two_ideas_one_supported_twice(harness)
    facilitator = await harness.user("Fasil", user_id=FACILITATOR_ID)
    latest = await _latest_economy(facilitator)
    blocks = {ref: b for b in latest.split("\n\n") for ref in ("#I-0001", "#I-0002") if ref in b}
    assert "👍 Dukungan: 2" in blocks["#I-0001"], latest
    assert "Dukungan" not in blocks["#I-0002"], "an idea nobody supported shows a support line"
    await facilitator.press("🔎 #I-0001")
    full = (await screen(facilitator)).text or ""
    assert SUPPORTED in full and "👍 Dukungan: 2" in full, full


async def test_the_workbook_counts_supports_on_every_idea_row(harness: BotHarness) -> None:
    await _two_ideas_one_supported_twice(harness)
    admin = await harness.admin()
    document = await ask_export(admin, "Tahap I —", "🔒 Lengkap")
    data = await harness.client.download(str(document["file_id"]))
    book = openpyxl.load_workbook(io.BytesIO(data))
    economy = next(t for t in book.sheetnames if t.startswith("Smart Economy"))
    for title in ("Ide", economy):
        sheet = book[title]
        top = 2 if sheet.cell(row=1, column=1).value == MARK else 1  # the full one is marked
        header = [c.value for c in sheet[top]]
        column = header.index("Dukungan")
        rows = {r[0]: r[column] for r in sheet.iter_rows(min_row=top + 1, values_only=True)}
        assert rows["#I-0001"] == 2 and rows["#I-0002"] == 0, (title, rows)
