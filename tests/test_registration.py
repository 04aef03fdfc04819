"""Registration end to end: simulated users talk to the real bot through the emulator."""

from __future__ import annotations

from bot.dev.emulator import SimUser
from bot.dev.sandbox import ADMIN_ID, BotHarness, register_by_chat, screen, until_name_question

MARKUP_NAME = "<b>Ana</b> & _Sari_ *Dewi* [Jehalu]"


async def start_registration(user: SimUser, lang: str = "id") -> None:
    """Send /start, accept the privacy notice and wait for the name question."""
    await user.send("/start")
    await until_name_question(user, lang)


async def register(user: SimUser, name: str) -> str:
    """Register a camat of Cibal, online, for the current stage; returns the final text."""
    done = await register_by_chat(
        user,
        lang="id",
        name=name,
        kind="kecamatan",
        institution="Cibal",
        position="camat",
        mode="online",
    )
    return done.text or ""


async def test_registration_in_indonesian(harness: BotHarness) -> None:
    user = await harness.user("Yosef", language_code="id")
    await user.send("/start")
    welcome = await user.reply()
    assert "Selamat datang" in (welcome.text or "")
    notice = await user.reply()
    assert "Pemberitahuan privasi" in (notice.text or "") and "/hapusdata" in (notice.text or "")
    await user.press("✅ Setuju", notice.message_id)
    assert "Anda menyetujui" in ((await screen(user)).text or "")
    assert "Tahap I" in ((await user.reply()).text or "")
    assert "nama lengkap" in ((await user.reply()).text or "")

    await user.send("Yosef Jehalu, S.IP")
    kinds = await user.reply()
    assert kinds.buttons == [["Perangkat daerah"], ["Kantor kecamatan"], ["Lainnya (ketik)"]]
    await user.press("Kantor kecamatan")
    kecamatan = await screen(user)
    assert ["Satar Mese", "Satar Mese Barat"] in kecamatan.buttons
    await user.press("Cibal")
    assert "jabatan" in ((await screen(user)).text or "")
    await user.press("Camat")
    assert "Bagaimana Anda mengikuti" in ((await screen(user)).text or "")
    await user.press("Daring (jarak jauh)")
    summary = await screen(user)
    assert "Nama: Yosef Jehalu, S.IP" in (summary.text or "")
    assert "Instansi: Kecamatan Cibal" in (summary.text or "")
    await user.press("✅ Konfirmasi")
    done = await screen(user)
    assert "Terdaftar" in (done.text or "") and "Daring" in (done.text or "")
    assert "meet.example.org" in (done.text or "")

    participant = await harness.repo.participant_by_telegram(user.id)
    assert participant is not None
    assert (participant.full_name, participant.institution, participant.kecamatan) == (
        "Yosef Jehalu, S.IP",
        "Kecamatan Cibal",
        "Cibal",
    )
    assert participant.position == "camat"
    registration = await harness.repo.registration(participant.id, 1)
    assert registration is not None and registration.mode == "online"
    assert registration.channel == "self"


async def test_registration_in_english(harness: BotHarness) -> None:
    user = await harness.user("Peter", language_code="en-GB")
    await user.send("/start")
    assert "Welcome" in ((await user.reply()).text or "")
    notice = await user.reply()
    assert "Privacy notice" in (notice.text or "")
    await user.press("✅ I agree", notice.message_id)
    assert "Registration for" in ((await user.reply()).text or "")
    assert "full name" in ((await user.reply()).text or "")
    await user.send("Peter Wijaya")
    await user.reply()
    await user.press("Regional agency")
    await screen(user)
    await user.press("Bappeda")
    await screen(user)
    await user.press("Consultant")
    assert "How will you attend" in ((await screen(user)).text or "")
    await user.press("Offline (in room)")
    summary = await screen(user)
    assert "Please check your details" in (summary.text or "")
    await user.press("✅ Confirm")
    done = await screen(user)
    assert "Registered for" in (done.text or "") and "Media Center" in (done.text or "")
    participant = await harness.repo.participant_by_telegram(user.id)
    assert participant is not None and participant.institution == "Bappeda"
    assert participant.kecamatan is None and participant.position == "consultant"


async def test_language_switch(harness: BotHarness) -> None:
    user = await harness.user("Maria", language_code="id")
    await user.send("/bahasa")
    choose = await user.reply()
    await user.press("English", choose.message_id)
    assert "Language set to English" in ((await screen(user)).text or "")
    await user.send("/bantuan")
    assert "Participant commands" in ((await user.reply()).text or "")


async def test_deep_link_opens_registration_with_mode(harness: BotHarness) -> None:
    user = await harness.user("Rina")
    await user.send("/start reg_1_offline")
    await until_name_question(user, "id")
    await user.send("Rina Ndahur")
    await user.reply()
    await user.press("Perangkat daerah")
    await screen(user)
    await user.press("Dinas Kesehatan")
    await screen(user)
    await user.press("Staf OPD")
    summary = await screen(user)  # the mode came with the link: straight to the summary
    assert "Kehadiran: Luring (di ruangan)" in (summary.text or "")
    await user.press("✅ Konfirmasi")
    await screen(user)
    participant = await harness.repo.participant_by_telegram(user.id)
    assert participant is not None
    registration = await harness.repo.registration(participant.id, 1)
    assert registration is not None and registration.mode == "offline"


async def test_forged_deep_link_is_refused_and_falls_back(harness: BotHarness) -> None:
    user = await harness.user("Fian")
    await user.send("/start reg_99_offline'; DROP TABLE stages;--")
    assert "tidak dikenali" in ((await user.reply()).text or "")
    await until_name_question(user, "id")
    await user.send("/start reg_9")
    assert "tidak ada" in ((await user.reply()).text or "")
    assert len(await harness.repo.list_stages()) == 4


async def test_later_stage_reuses_profile_with_one_tap(harness: BotHarness) -> None:
    user = await harness.user("Yosef")
    await register(user, "Yosef Jehalu")
    admin = await harness.admin()
    await admin.send("/tahap")
    stages = await admin.reply()
    await admin.press("Buka pendaftaran II", stages.message_id)
    assert "Pendaftaran Tahap II dibuka" in ((await screen(admin)).text or "")
    await admin.press("Aktifkan Tahap II")
    assert "Tahap II sekarang tahap aktif" in ((await screen(admin)).text or "")

    await user.send("/start")
    await user.reply()  # welcome
    reuse = await user.reply()
    assert "Anda sudah punya profil" in (reuse.text or "")
    assert "Tahap II" in (reuse.text or "")
    await user.press("Luring (di ruangan)")
    done = await screen(user)
    assert "Terdaftar untuk" in (done.text or "") and "Tahap II" in (done.text or "")
    participant = await harness.repo.participant_by_telegram(user.id)
    assert participant is not None
    registrations = await harness.repo.registrations_of(participant.id)
    assert [(r.stage, r.mode) for r in registrations] == [(1, "online"), (2, "offline")]


async def test_secretariat_registers_offline_participant_and_lists(harness: BotHarness) -> None:
    admin = await harness.admin()
    await admin.send("/daftarluring")
    assert "tanpa Telegram" in ((await admin.reply()).text or "")
    await admin.send("Bernadus Jemarut")
    await admin.reply()
    await admin.send("Desa Golo Cador")  # typed instead of picked
    await admin.reply()
    await admin.press("Kepala desa/lurah")
    stage_question = await screen(admin)
    assert "tahap mana" in (stage_question.text or "")
    await admin.press(stage_question.buttons[0][0])
    summary = await screen(admin)
    assert "peserta luring" in (summary.text or "")
    await admin.press("✅ Konfirmasi")
    assert "terdaftar untuk" in ((await screen(admin)).text or "")

    roster = await harness.repo.roster(1)
    assert len(roster) == 1
    entry = roster[0]
    assert entry.participant.telegram_id is None
    assert entry.participant.institution == "Desa Golo Cador"
    assert (entry.registration.mode, entry.registration.channel) == ("offline", "secretariat")

    user = await harness.user("Yosef")
    await register(user, "Yosef Jehalu")
    await admin.send("/peserta")
    listing = (await admin.reply()).text or ""
    assert "Total 2 · daring 1 · luring 1" in listing
    assert "Kecamatan Cibal: 1 (1/0)" in listing
    assert "Bernadus Jemarut" in listing and "tanpa Telegram" in listing


async def test_restart_in_the_middle_of_registration_resumes(harness: BotHarness) -> None:
    user = await harness.user("Yosef")
    await start_registration(user)
    await user.send("Yosef Jehalu")
    kinds = await user.reply()
    await harness.restart()
    await user.press("Kantor kecamatan", kinds.message_id)
    await screen(user)
    await user.press("Reok")
    await screen(user)
    await user.press("Camat")
    await screen(user)
    await user.press("Daring (jarak jauh)")
    summary = await screen(user)
    assert "Nama: Yosef Jehalu" in (summary.text or "")
    await harness.restart()
    await user.press("✅ Konfirmasi", summary.message_id)
    assert "Terdaftar" in ((await screen(user)).text or "")
    participant = await harness.repo.participant_by_telegram(user.id)
    assert participant is not None and participant.kecamatan == "Reok"


async def test_edit_from_the_summary(harness: BotHarness) -> None:
    user = await harness.user("Yosef")
    await start_registration(user)
    await user.send("Yosef Jehal")
    await user.reply()
    await user.press("Lainnya (ketik)")
    await screen(user)
    await user.send("Kecamatan Wae Rii")
    await user.reply()
    await user.press("Camat")
    await screen(user)
    await user.press("Daring (jarak jauh)")
    await screen(user)
    await user.press("✏️ Ubah")
    await screen(user)
    await user.press("Nama")
    await screen(user)
    await user.send("Yosef Jehalu")
    summary = await user.reply()
    assert "Nama: Yosef Jehalu\n" in (summary.text or "")
    await user.press("✅ Konfirmasi")
    await screen(user)
    participant = await harness.repo.participant_by_telegram(user.id)
    assert participant is not None
    assert (participant.full_name, participant.kecamatan) == ("Yosef Jehalu", "Wae Ri'i")


async def test_markup_characters_are_shown_exactly_as_typed(harness: BotHarness) -> None:
    user = await harness.user("Ana")
    await start_registration(user)
    await user.send(MARKUP_NAME)
    await user.reply()
    await user.press("Lainnya (ketik)")
    await screen(user)
    await user.send("Komunitas <Kopi> & Co")
    await user.reply()
    await user.press("Lainnya")
    await screen(user)
    await user.press("Daring (jarak jauh)")
    summary = await screen(user)
    assert f"Nama: {MARKUP_NAME}" in (summary.text or "")
    assert "Instansi: Komunitas <Kopi> & Co" in (summary.text or "")
    await user.press("✅ Konfirmasi")
    await screen(user)
    await user.send("/profil")
    profile = await user.reply()
    assert f"Nama: {MARKUP_NAME}" in (profile.text or "")
    participant = await harness.repo.participant_by_telegram(user.id)
    assert participant is not None and participant.full_name == MARKUP_NAME


async def test_profile_edit(harness: BotHarness) -> None:
    user = await harness.user("Yosef")
    await register(user, "Yosef Jehalu")
    await user.send("/profil")
    profile = await user.reply()
    assert "Tahap I" in (profile.text or "") and "Daring" in (profile.text or "")
    await user.press("✏️ Jabatan", profile.message_id)
    await screen(user)
    await user.press("Konsultan")
    assert "Profil diperbarui" in ((await screen(user)).text or "")
    participant = await harness.repo.participant_by_telegram(user.id)
    assert participant is not None and participant.position == "consultant"


async def test_help_depends_on_role(harness: BotHarness) -> None:
    user = await harness.user("Yosef")
    await user.send("/bantuan")
    text = (await user.reply()).text or ""
    assert "/profil" in text and "/tahap" not in text
    admin = await harness.admin()
    await admin.send("/bantuan")
    text = (await admin.reply()).text or ""
    assert "/tahap" in text and "/daftarluring" in text
    menus = await harness.client.commands()
    scopes = {
        (m["scope"].get("type"), m["scope"].get("chat_id"), m["language_code"]) for m in menus
    }
    assert ("default", None, "") in scopes and ("default", None, "en") in scopes
    assert ("chat", ADMIN_ID, "") in scopes


async def test_form_survives_a_kill_right_after_the_answer(harness: BotHarness) -> None:
    """No clean stop (no final flush): the step the user just took is already in SQLite."""
    from bot.core import runner
    from bot.core.inbox import inbox_of

    user = await harness.user("Yosef")
    await start_registration(user)
    await user.send("Yosef Jehalu")
    kinds = await user.reply()
    killed = harness.app
    assert killed is not None
    await inbox_of(killed).stop()  # Telegram stops reaching the old process...
    harness.app = None  # ...which is abandoned without its shutdown (and its final flush)
    await harness.start()
    try:
        await user.press("Kantor kecamatan", kinds.message_id)
        question = await screen(user)
        assert "Pilih kecamatan" in (question.text or "")
    finally:
        await runner.stop(killed)
