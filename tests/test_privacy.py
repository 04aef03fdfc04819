"""Privacy end to end: the notice, /dataku, erasure that keeps ideas anonymised, the phone."""

from __future__ import annotations

import json

from bot.dev.sandbox import BotHarness, screen
from tests.test_ideas import participant
from tests.test_registration import register


async def test_no_registration_without_accepting_the_notice(harness: BotHarness) -> None:
    user = await harness.user("Yosef")
    await user.send("/start")
    await user.reply()  # welcome
    notice = await user.reply()
    assert notice.buttons == [["✅ Setuju", "Tidak setuju"]]
    await user.send("Yosef Jehalu")  # typing instead of agreeing: no form waits for a name
    assert "/bantuan" in ((await user.reply()).text or "")
    assert not await harness.services.privacy.accepted(user.id)
    forged = await user.press_data(notice.message_id, "reg:ok")
    assert "tidak aktif" in (await user.callback_answer(forged))["text"]
    assert await harness.repo.participant_by_telegram(user.id) is None


async def test_returning_user_is_not_asked_again(harness: BotHarness) -> None:
    user = await harness.user("Yosef")
    await register(user, "Yosef Jehalu")
    await harness.repo.set_registration_open(2, True)
    await harness.repo.set_current_stage(2)
    await user.send("/start")
    await user.reply()  # welcome
    assert "Anda sudah punya profil" in ((await user.reply()).text or "")


async def test_my_data_has_everything_stored(harness: BotHarness) -> None:
    user = await harness.user("Yosef")
    await register(user, "Yosef Jehalu")
    await user.send("#ekonomi #5th Pasar desa online untuk kopi")
    await user.reply()
    await user.send("/dataku")
    summary = await user.reply()
    assert "Yosef Jehalu — Kecamatan Cibal" in (summary.text or "")
    assert "Pendaftaran: 1 · Ide: 1" in (summary.text or "")
    document = await user.reply()
    assert document.document is not None
    data = json.loads(await harness.client.download(document.document["file_id"]))
    assert data["participant"]["full_name"] == "Yosef Jehalu"
    assert data["telegram_user"]["telegram_id"] == user.id
    assert data["ideas"][0]["text"] == "Pasar desa online untuk kopi"
    assert data["registrations"][0]["mode"] == "online"


async def test_erasure_removes_personal_data_and_keeps_ideas(harness: BotHarness) -> None:
    user = await harness.user("Yosef")
    await register(user, "Yosef Jehalu")
    await user.send("#ekonomi #5th Pasar desa online untuk kopi")
    await user.reply()
    participant_before = await harness.repo.participant_by_telegram(user.id)
    assert participant_before is not None
    await harness.repo.set_phone(user.id, "6281234567890")

    await user.send("/hapusdata")
    ask = await user.reply()
    await user.press("Tidak", ask.message_id)
    assert "Tidak jadi dihapus" in ((await screen(user)).text or "")
    assert await harness.repo.participant_by_telegram(user.id) is not None

    await user.send("/hapusdata")
    ask = await user.reply()
    await user.press("Ya, hapus data saya", ask.message_id)
    assert "sudah dihapus" in ((await screen(user)).text or "")

    assert await harness.repo.participant_by_telegram(user.id) is None
    erased = await harness.repo.get_participant(participant_before.id)
    assert erased is not None
    assert erased.full_name == f"(dihapus) P-{erased.id:04d}"
    assert erased.phone is None and erased.telegram_id is None
    idea = await harness.ideas.get(1)
    assert idea is not None and idea.text == "Pasar desa online untuk kopi"
    assert idea.author.startswith("(dihapus)") and idea.institution == "Kecamatan Cibal"
    db = harness.repo.db
    assert await db.fetchone("SELECT 1 FROM users WHERE telegram_id = ?", (user.id,)) is None
    assert await db.fetchone("SELECT 1 FROM ideas WHERE source_chat_id = ?", (user.id,)) is None
    roster = await harness.repo.roster(1)
    assert [entry.participant.full_name for entry in roster] == [erased.full_name]
    await user.send("/dataku")
    summary = await user.reply()
    assert "Profil: belum ada" in (summary.text or "")


async def test_phone_only_through_the_contact_button_and_only_ones_own(
    harness: BotHarness,
) -> None:
    user = await participant(harness)
    await user.send("/profil")
    profile = await user.reply()
    await user.press("📱 Tambah nomor HP", profile.message_id)
    ask = await user.reply()
    assert ask.reply_keyboard == [["📱 Bagikan nomor HP"]]
    await user.share_contact("6281234567890")
    assert "Nomor HP disimpan" in ((await user.reply()).text or "")
    saved = await harness.repo.participant_by_telegram(user.id)
    assert saved is not None and saved.phone == "+6281234567890"
    await user.send("/profil")
    assert "Nomor HP: +6281234567890" in ((await user.reply()).text or "")


async def test_erased_person_is_gone_from_future_exports(harness: BotHarness) -> None:
    import openpyxl

    from handlers.export import run_export

    user = await harness.user("Yosef")
    await register(user, "Yosef Jehalu")
    await user.send("#ekonomi #5th Pasar desa online untuk kopi")
    await user.reply()
    await harness.repo.set_phone(user.id, "6281234567890")
    await user.send("/hapusdata")
    ask = await user.reply()
    await user.press("Ya, hapus data saya", ask.message_id)
    await screen(user)

    class Context:  # what run_export reads from a handler's context
        services = harness.services
        workshop = harness.services.workshop
        settings = harness.services.settings

    result = await run_export(Context(), 1, public=False)  # type: ignore[arg-type]
    book = openpyxl.load_workbook(result.path)
    cells = [
        str(cell)
        for sheet in book.worksheets
        for row in sheet.iter_rows(values_only=True)
        for cell in row
        if cell is not None
    ]
    assert not any("Yosef" in c or "81234567890" in c or str(user.id) in c for c in cells)
    assert "Pasar desa online untuk kopi" in cells  # the idea stays, without its author


async def test_my_data_shows_an_idea_kept_before_registering(harness: BotHarness) -> None:
    user = await harness.user("Yosef")
    kept = "Perlu menara BTS di Kecamatan Cibal supaya sinyal internet bagus untuk pelayanan desa"
    await user.send(kept)
    await user.reply()  # kept until registration
    await user.send("/dataku")
    await user.reply()  # summary: no profile yet
    document = await user.reply()
    assert document.document is not None
    data = json.loads(await harness.client.download(document.document["file_id"]))
    assert data["ideas_not_saved_yet"] == [{"text": kept, "attachment": None}]
    assert data["participant"] is None
