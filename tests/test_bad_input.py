"""Every bad input gets a clear message in the user's language and changes nothing."""

from __future__ import annotations

from bot.dev.sandbox import BotHarness, screen
from tests.test_registration import register, start_registration


async def test_bad_names_are_refused_and_asked_again(harness: BotHarness) -> None:
    user = await harness.user("Yosef")
    await start_registration(user)
    await user.send("   ")
    assert "tidak boleh kosong" in ((await user.reply()).text or "")
    await user.send("Y" * 300)
    assert "terlalu panjang" in ((await user.reply()).text or "")
    await user.send("Y")
    assert "terlalu pendek" in ((await user.reply()).text or "")
    await user.send_sticker()
    assert "bukan stiker" in ((await user.reply()).text or "")
    await user.send_photo()
    assert "bukan stiker, foto" in ((await user.reply()).text or "")
    await user.send("Yosef Jehalu")
    assert "Dari mana" in ((await user.reply()).text or "")
    assert await harness.repo.participant_by_telegram(user.id) is None


async def test_bad_input_in_english(harness: BotHarness) -> None:
    user = await harness.user("Peter", language_code="en")
    await start_registration(user, "en")
    await user.send("P" * 300)
    assert "too long" in ((await user.reply()).text or "")
    await user.send_sticker()
    assert "not a sticker" in ((await user.reply()).text or "")
    await user.send("/frobnicate")
    assert "filling in a form" in ((await user.reply()).text or "")
    await user.send("/cancel")
    assert "Cancelled" in ((await user.reply()).text or "")
    await user.send("/frobnicate")
    assert "Unknown command /frobnicate" in ((await user.reply()).text or "")


async def test_unknown_command_and_stray_text(harness: BotHarness) -> None:
    user = await harness.user("Yosef")
    await user.send("/hapus_semua")
    assert "tidak dikenal" in ((await user.reply()).text or "")
    await user.send("halo bot")
    assert "/bantuan" in ((await user.reply()).text or "")
    await user.send("/batal")
    assert "Tidak ada proses" in ((await user.reply()).text or "")


async def test_typing_where_a_button_is_expected(harness: BotHarness) -> None:
    user = await harness.user("Yosef")
    await start_registration(user)
    await user.send("Yosef Jehalu")
    await user.reply()
    await user.press("Kantor kecamatan")
    await screen(user)
    await user.press("Cibal")
    await screen(user)
    await user.send("camat saja")
    assert "pilih salah satu tombol" in ((await user.reply()).text or "")


async def test_forged_button_data_changes_nothing(harness: BotHarness) -> None:
    user = await harness.user("Yosef")
    await start_registration(user)
    await user.send("Yosef Jehalu")
    kinds = await user.reply()
    for forged in ("reg:pos:raja", "reg:inst:999999", "reg:ik", "stg:cur:2", "zzz", "reg:ik:opd:x"):
        query_id = await user.press_data(kinds.message_id, forged)
        answer = await user.callback_answer(query_id)
        assert answer["show_alert"] is True
        assert answer["text"] in {
            "Tombol tidak dikenali. Tidak ada yang diubah.",
            "Maaf, perintah ini hanya untuk sekretariat.",
            "Tombol ini sudah tidak aktif. Ketik /start untuk mendaftar.",
        }, answer
    current = await harness.repo.current_stage()
    assert current is not None and current.number == 1
    # The form still goes on from where it was.
    await user.press("Kantor kecamatan", kinds.message_id)
    assert "kecamatan" in ((await screen(user)).text or "").lower()
    assert await harness.repo.participant_by_telegram(user.id) is None


async def test_non_secretariat_cannot_use_secretariat_commands(harness: BotHarness) -> None:
    user = await harness.user("Yosef")
    for command in ("/tahap", "/peserta 1", "/daftarluring", "/ubahtahap 1 tempat Aula"):
        await user.send(command)
        assert "hanya untuk sekretariat" in ((await user.reply()).text or ""), command
    stage = await harness.repo.get_stage(1)
    assert stage is not None and stage.venue.startswith("Media Center")
    await user.send("Bukan nama")  # no form was started by /daftarluring
    assert "/bantuan" in ((await user.reply()).text or "")


async def test_registering_twice_and_double_confirm(harness: BotHarness) -> None:
    user = await harness.user("Yosef")
    await start_registration(user)
    await user.send("Yosef Jehalu")
    await user.reply()
    await user.press("Kantor kecamatan")
    await screen(user)
    await user.press("Cibal")
    await screen(user)
    await user.press("Camat")
    await screen(user)
    await user.press("Daring (jarak jauh)")
    summary = await screen(user)
    confirm = summary.button("✅ Konfirmasi")
    first = await user.press_data(summary.message_id, confirm)
    second = await user.press_data(summary.message_id, confirm)
    assert "Terdaftar" in ((await screen(user)).text or "")
    stale = await user.callback_answer(second)
    assert "tidak aktif" in stale["text"]
    await user.callback_answer(first)
    assert len(await harness.repo.roster(1)) == 1

    await user.send("/start")
    await user.reply()  # welcome
    assert "sudah terdaftar" in ((await user.reply()).text or "")
    assert len(await harness.repo.roster(1)) == 1


async def test_closed_registration(harness: BotHarness) -> None:
    admin = await harness.admin()
    await admin.send("/tahap")
    stages = await admin.reply()
    await admin.press("Tutup pendaftaran I", stages.message_id)
    assert "ditutup" in ((await screen(admin)).text or "")
    user = await harness.user("Yosef")
    await user.send("/start")
    await user.reply()
    assert "belum dibuka atau sudah ditutup" in ((await user.reply()).text or "")
    assert await harness.repo.participant_by_telegram(user.id) is None


async def test_secretariat_edits_a_stage_with_checks(harness: BotHarness) -> None:
    admin = await harness.admin()
    await admin.send("/ubahtahap 3 tanggal 2021-11-09,2021-11-08")
    assert "diperbarui" in ((await admin.reply()).text or "")
    stage = await harness.repo.get_stage(3)
    assert stage is not None and [d.isoformat() for d in stage.days] == ["2021-11-08", "2021-11-09"]
    for bad, expected in (
        ("/ubahtahap", "Cara pakai"),
        ("/ubahtahap 3 warna merah", "tidak dikenal"),
        ("/ubahtahap 3 tanggal besok", "Tanggal tidak valid"),
        ("/ubahtahap 3 tautan ftp://x", "http"),
        ("/ubahtahap 9 tempat Aula", "tidak ada"),
    ):
        await admin.send(bad)
        assert expected in ((await admin.reply()).text or ""), bad
    assert await harness.repo.get_stage(9) is None
    again = await harness.repo.get_stage(3)
    assert again == stage


async def test_participant_list_usage(harness: BotHarness) -> None:
    admin = await harness.admin()
    await admin.send("/peserta satu")
    assert "Cara pakai" in ((await admin.reply()).text or "")
    await admin.send("/peserta 2")
    assert "Belum ada peserta" in ((await admin.reply()).text or "")
    user = await harness.user("Yosef")
    await register(user, "Yosef Jehalu")
