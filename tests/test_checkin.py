"""Check-in: the room's QR code, the reminder's button, /hadir, the secretariat; every refusal."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.core import qr
from bot.dev.demo.wait import first_found
from bot.dev.emulator import Emulator
from bot.dev.sandbox import TEST_TOKEN, BotHarness, screen
from bot.rules.timing import ShiftedClock
from storage.schedule import Reminder
from tests.schedule_support import clocked_harness, register, run_due, schedule, wita

IN_SESSION_1 = "2021-06-21 09:00"  # Tahap I, first session (08:30–12:00 WITA)


@pytest.fixture
async def clock() -> ShiftedClock:
    return ShiftedClock(wita(IN_SESSION_1), ticking=False)


@pytest.fixture
async def bot(emulator: Emulator, tmp_path: Path, clock: ShiftedClock) -> AsyncIterator[BotHarness]:
    harness = await clocked_harness(emulator, tmp_path, clock)
    yield harness
    await harness.close()


def test_payload_is_signed_and_fits_a_deep_link() -> None:
    payload = qr.checkin_payload(12, TEST_TOKEN)
    assert len(payload) <= 64 and payload.startswith("in_12_")
    assert all(c.isalnum() or c in "_-" for c in payload)
    assert qr.parse_checkin_payload(payload, TEST_TOKEN) == 12
    assert qr.parse_checkin_payload(payload, "987:another-bot-token-xxxxxxxxxxxxxxx") is None
    token = payload.removeprefix("in_12_")
    assert qr.parse_checkin_payload(f"in_13_{token}", TEST_TOKEN) is None
    png = qr.qr_png(qr.deep_link("@bimtek_demo_bot", payload))
    assert png.startswith(b"\x89PNG")


async def test_qr_check_in_and_the_refusals(bot: BotHarness, clock: ShiftedClock) -> None:
    admin = await bot.admin()
    await admin.send("/qr 1")
    photo = await admin.reply()
    assert photo.photo, "the QR code comes as a photo"
    caption = photo.text or ""
    assert "sesi #1" in caption and "https://t.me/bimtek_demo_bot?start=in_1_" in caption
    payload = caption.split("?start=")[1].split()[0]
    assert qr.parse_checkin_payload(payload, TEST_TOKEN) == 1

    # Registered online, but scanning the room's code: checked in as in the room.
    rina = await bot.user("Rina")
    pid = await register(bot, rina, name="Rina Ndahur", mode="online")
    await rina.send(f"/start {payload}")
    done = (await rina.reply()).text or ""
    assert "Kehadiran tercatat (Luring" in done and "Ruang: Media Center" in done
    attendance = await schedule(bot).attendance(pid, 1)
    assert attendance is not None
    assert (attendance.mode, attendance.method) == ("offline", "qr")
    assert attendance.checked_in_at == wita(IN_SESSION_1)

    await rina.send(f"/start {payload}")
    assert "sudah tercatat hadir" in ((await rina.reply()).text or "")

    # The same code at another time of day: outside the window, nothing recorded.
    late = await bot.user("Telat")
    late_pid = await register(bot, late, name="Telat Datang", mode="offline")
    clock.set(wita("2021-06-21 12:30"))
    await late.send(f"/start {payload}")
    text = (await late.reply()).text or ""
    assert "hanya dibuka 08:00–12:00 WITA" in text and "Senin, 21 Juni 2021" in text
    assert await schedule(bot).attendance(late_pid, 1) is None
    clock.set(wita(IN_SESSION_1))

    # Registered for another stage only.
    other = await bot.user("Lain")
    other_pid = await register(bot, other, name="Orang Lain", stage=2, mode="offline")
    await other.send(f"/start {payload}")
    assert "tidak terdaftar untuk <b>" not in (text := (await other.reply()).text or "")
    assert "tidak terdaftar untuk Tahap I" in text
    assert await schedule(bot).attendance(other_pid, 1) is None

    # Not registered at all.
    stranger = await bot.user("Asing")
    await stranger.send(f"/start {payload}")
    assert "belum terdaftar" in ((await stranger.reply()).text or "")

    rows = await schedule(bot).attendance_rows(1)
    assert [(r.participant_id, r.session_id) for r in rows] == [(pid, 1)]


async def test_forged_payloads_are_refused(bot: BotHarness) -> None:
    user = await bot.user("Nakal")
    pid = await register(bot, user, name="Si Nakal", mode="offline")
    genuine = qr.checkin_payload(1, TEST_TOKEN)
    token = genuine.removeprefix("in_1_")
    forged = [
        "in_1_AAAAAAAAAAAAAAAA",  # right shape, wrong signature
        f"in_2_{token}",  # another session with session 1's signature
        "in_1_" + token[:-1],  # cut short
        "in_1",
        "in_",
        "in_1_" + token + "x",
        "in_1_'; DROP TABLE attendance;--",
        qr.checkin_payload(1, "111:a-different-bot-token-aaaaaaaaaaaaa"),
    ]
    for payload in forged:
        await user.send(f"/start {payload}")
        assert "Kode QR ini tidak sah" in ((await user.reply()).text or ""), payload
    # Genuinely signed, but the session does not exist.
    await user.send(f"/start {qr.checkin_payload(999, TEST_TOKEN)}")
    assert "sudah tidak ada" in ((await user.reply()).text or "")
    assert await schedule(bot).attendance_rows() == []
    assert await schedule(bot).attendance(pid, 1) is None
    # Registration deep links still work beside check-in ones.
    await user.send("/start reg_1_offline")
    assert "sudah terdaftar" in ((await user.reply()).text or "")


async def _soon_reminder(bot: BotHarness) -> Reminder:
    reminders = await schedule(bot).reminders(["scheduled"])
    return first_found(
        (r for r in reminders if r.auto_key == "session:1:soon"),
        "the scheduled just-before reminder of session 1",
    )


async def test_button_check_in_from_the_reminder(emulator: Emulator, tmp_path: Path) -> None:
    clock = ShiftedClock(wita("2021-06-21 07:00"), ticking=False)
    bot = await clocked_harness(emulator, tmp_path, clock)
    try:
        await _button_check_in(bot, clock)
    finally:
        await bot.close()


async def _button_check_in(bot: BotHarness, clock: ShiftedClock) -> None:
    online = await bot.user("Yosef")
    offline = await bot.user("Rina")
    online_pid = await register(bot, online, name="Yosef Jehalu", mode="online")
    await register(bot, offline, name="Rina Ndahur", mode="offline")
    reminder = await _soon_reminder(bot)
    clock.set(reminder.due_at)
    assert reminder.id in await run_due(bot)

    message = await online.reply()
    assert "Sesi dimulai 60 menit lagi" in (message.text or "")
    assert "Tautan: https://meet.example.org" in (message.text or "")
    assert message.buttons == [["✅ Hadir"]]
    in_room = await offline.reply()
    assert in_room.buttons == [] and "Ruang: Media Center" in (in_room.text or "")

    # An hour before: too early to check in.
    await online.press("✅ Hadir", message.message_id)
    assert "hanya dibuka 08:00–12:00" in ((await online.reply()).text or "")
    assert await schedule(bot).attendance(online_pid, 1) is None

    clock.set(wita("2021-06-21 08:35"))
    await online.press("✅ Hadir", message.message_id)
    assert "Kehadiran tercatat (Daring" in ((await online.reply()).text or "")
    attendance = await schedule(bot).attendance(online_pid, 1)
    assert attendance is not None and (attendance.mode, attendance.method) == ("online", "button")
    await online.press("✅ Hadir", message.message_id)
    assert "sudah tercatat hadir" in ((await online.reply()).text or "")

    # Forged button data: refused with an alert, nothing recorded.
    for data in ("hdr:in:abc", "hdr:in", "hdr:in:1:2", "hdr:zz:1"):
        query = await online.press_data(message.message_id, data)
        answer = await online.callback_answer(query)
        assert "Tombol tidak dikenali" in (answer.get("text") or ""), data
    query = await online.press_data(message.message_id, "hdr:in:999")
    assert "sudah tidak ada" in ((await online.callback_answer(query)).get("text") or "")
    # Someone not registered sending the button's data from their own chat.
    stranger = await bot.user("Asing")
    await stranger.send("/jadwal")
    own = await stranger.reply()
    query = await stranger.press_data(own.message_id, "hdr:in:1")
    assert "belum terdaftar" in ((await stranger.callback_answer(query)).get("text") or "")
    assert len(await schedule(bot).attendance_rows()) == 1


async def test_hadir_command(bot: BotHarness, clock: ShiftedClock) -> None:
    user = await bot.user("Yosef", language_code="en")
    pid = await register(bot, user, name="Yosef Jehalu", mode="online")
    await user.send("/checkin")
    assert "Attendance recorded (Online" in ((await user.reply()).text or "")
    attendance = await schedule(bot).attendance(pid, 1)
    assert attendance is not None and attendance.method == "command"
    await user.send("/hadir")
    assert "already checked in" in ((await user.reply()).text or "")

    clock.set(wita("2021-06-21 12:20"))  # between the sessions: nothing open yet
    await user.send("/hadir")
    text = (await user.reply()).text or ""
    assert "No session is in progress" in text
    assert "Next session: <b>" not in text and "Discussion: people and institutions" in text

    clock.set(wita("2021-06-21 13:10"))
    other = await bot.user("Lain")
    other_pid = await register(bot, other, name="Orang Lain", stage=2)
    await other.send("/hadir")
    assert "tidak terdaftar untuk Tahap I" in ((await other.reply()).text or "")
    assert await schedule(bot).attendance(other_pid, 2) is None

    stranger = await bot.user("Asing")
    await stranger.send("/hadir")
    assert "belum terdaftar" in ((await stranger.reply()).text or "")


async def test_secretariat_marks_people_without_telegram(bot: BotHarness) -> None:
    admin = await bot.admin()
    paper_pid = await register(bot, None, name="Bernadus Jemarut", mode="offline")
    await register(bot, None, name="Bernadus Ndahur", mode="offline")
    await admin.send("/catathadir 1 Jemarut")
    assert "Bernadus Jemarut tercatat hadir di sesi #1 (Luring" in (
        (await admin.reply()).text or ""
    )
    attendance = await schedule(bot).attendance(paper_pid, 1)
    assert attendance is not None and attendance.method == "secretariat"
    assert attendance.entered_by == admin.id

    await admin.send("/catathadir 2 Bernadus")
    pick = await admin.reply()
    assert "Siapa yang hadir di sesi #2" in (pick.text or "") and len(pick.buttons) == 2
    await admin.press(pick.buttons[1][0], pick.message_id)
    assert "tercatat hadir di sesi #2" in ((await admin.reply()).text or "")
    await admin.press(pick.buttons[1][0], pick.message_id)
    assert "sudah tercatat hadir" in ((await admin.reply()).text or "")
    query = await admin.press_data(pick.message_id, "hdr:mk:2:999")
    assert "Tombol tidak dikenali" in ((await admin.callback_answer(query)).get("text") or "")

    for command, expected in (
        ("/catathadir", "Cara pakai"),
        ("/catathadir 1", "Cara pakai"),
        ("/catathadir x Bernadus", "Cara pakai"),
        ("/catathadir 1 B", "Cara pakai"),
        ("/catathadir 99 Bernadus", "Sesi #99 tidak ada"),
        ("/catathadir 1 Siapa", "Tidak ada peserta"),
        ("/qr 99", "Sesi #99 tidak ada"),
        ("/qr satu", "Cara pakai"),
        ("/kehadiran x", "Cara pakai: /kehadiran"),
        ("/kehadiran 9", "tidak ada"),
    ):
        await admin.send(command)
        assert expected in ((await admin.reply()).text or ""), command

    await admin.send("/kehadiran")
    summary = (await admin.reply()).text or ""
    assert "#1 21-06 08:30–12:00 WITA" in summary and "<b>1</b> hadir" not in summary
    assert "1 hadir (daring 0, luring 1) dari 2" in summary

    # Participants may not do any of it.
    user = await bot.user("Yosef")
    for command in ("/catathadir 1 Bernadus", "/qr 1", "/kehadiran"):
        await user.send(command)
        assert "hanya untuk sekretariat" in ((await user.reply()).text or ""), command
    await user.send("/jadwal")
    own = await user.reply()
    query = await user.press_data(own.message_id, f"hdr:mk:1:{paper_pid}")
    assert "hanya untuk sekretariat" in ((await user.callback_answer(query)).get("text") or "")
    assert len(await schedule(bot).attendance_rows()) == 2


async def test_qr_buttons_for_the_current_stage(bot: BotHarness) -> None:
    admin = await bot.admin()
    await admin.send("/qr")
    pick = await admin.reply()
    assert len(pick.buttons) == 4 and pick.buttons[0][0].startswith("#1 21-06 08:30")
    await admin.press(pick.buttons[2][0], pick.message_id)
    photo = await screen(admin)
    assert photo.photo and "sesi #3" in (photo.text or "")
    png = await bot.client.download(photo.photo[-1]["file_id"])
    assert png.startswith(b"\x89PNG")


def test_cli_writes_the_qr_png(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from bot.cli import main

    monkeypatch.chdir(tmp_path)
    for name in ("BOT_TOKEN", "BOT_ADMIN_IDS", "BOT_DB_PATH", "BOT_WORKSHOP", "BOT_EXPORT_DIR"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("BOT_DB_PATH", str(tmp_path / "bot.db"))
    monkeypatch.setenv("BOT_EXPORT_DIR", str(tmp_path / "exports"))
    assert main(["qr", "--session", "1", "--username", "bimtek_demo_bot"]) == 2  # no token
    monkeypatch.setenv("BOT_TOKEN", TEST_TOKEN)
    assert main(["qr", "--session", "99", "--username", "bimtek_demo_bot"]) == 2
    output = tmp_path / "qr1.png"
    assert (
        main(["qr", "--session", "1", "--username", "bimtek_demo_bot", "--output", str(output)])
        == 0
    )
    assert output.read_bytes().startswith(b"\x89PNG")
    assert main(["qr", "--session", "2", "--username", "bimtek_demo_bot"]) == 0
    assert (tmp_path / "exports" / "qr_sesi_2.png").is_file()


def test_cli_writes_the_registration_qr_for_the_room(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from bot.cli import main

    monkeypatch.chdir(tmp_path)
    for name in ("BOT_ADMIN_IDS", "BOT_DB_PATH", "BOT_WORKSHOP"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("BOT_TOKEN", TEST_TOKEN)
    monkeypatch.setenv("BOT_EXPORT_DIR", str(tmp_path / "exports"))
    args = ["qr", "--username", "bimtek_demo_bot", "--register"]
    assert main([*args, "1:offline"]) == 0
    assert "https://t.me/bimtek_demo_bot?start=reg_1_offline" in capsys.readouterr().out
    poster = tmp_path / "exports" / "qr_daftar_tahap_1_offline.png"
    assert poster.read_bytes().startswith(b"\x89PNG")
    for bad in ("9", "1:kantor", "satu"):
        assert main([*args, bad]) == 2, bad
    with pytest.raises(SystemExit):  # --session and --register together
        main(["qr", "--session", "1", "--register", "1"])
