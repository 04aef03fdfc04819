"""Sessions: the workshop file, /jadwal in each mode and zone, the secretariat's edits."""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.core.config import DEFAULT_WORKSHOP, ConfigError, load_settings
from bot.core.workshop import load_workshop
from bot.dev.emulator import Emulator
from bot.dev.sandbox import BotHarness
from bot.rules.timing import (
    ShiftedClock,
    current_session,
    parse_when,
    second_zone,
    split_when,
)
from handlers.reminders import parse_reminder_command
from storage.schedule import Session
from tests.schedule_support import WITA, clocked_harness, register, schedule, wita


@pytest.fixture
async def clock() -> ShiftedClock:
    return ShiftedClock(wita("2021-06-20 10:00"), ticking=False)


@pytest.fixture
async def bot(emulator: Emulator, tmp_path: Path, clock: ShiftedClock) -> AsyncIterator[BotHarness]:
    harness = await clocked_harness(emulator, tmp_path, clock)
    yield harness
    await harness.close()


# --- the workshop file and settings ----------------------------------------------------------


def test_workshop_file_has_sessions_with_room_and_link() -> None:
    workshop = load_workshop(DEFAULT_WORKSHOP)
    stage_1 = [s for s in workshop.sessions if s.stage == 1]
    assert [(s.day.isoformat(), f"{s.start:%H:%M}", f"{s.end:%H:%M}") for s in stage_1] == [
        ("2021-06-21", "08:30", "12:00"),
        ("2021-06-21", "13:00", "16:00"),
        ("2021-06-22", "08:30", "12:00"),
        ("2021-06-22", "13:00", "16:00"),
    ]
    assert all(s.room == "Media Center Kantor Bupati" for s in workshop.sessions)
    assert stage_1[0].online_link.endswith("tahap-1")
    assert {s.stage for s in workshop.sessions} == {1, 2}


@pytest.mark.parametrize(
    ("body", "problem"),
    [
        ('stage = 9\nday = 2021-06-21\nstart = "08:00"\nend = "09:00"\ntitle = "x"', "stage"),
        ('stage = 1\nday = "21/06"\nstart = "08:00"\nend = "09:00"\ntitle = "x"', "day"),
        ('stage = 1\nday = 2021-06-21\nstart = "8h"\nend = "09:00"\ntitle = "x"', "start"),
        ('stage = 1\nday = 2021-06-21\nstart = "10:00"\nend = "09:00"\ntitle = "x"', "after"),
        ('stage = 1\nday = 2021-06-21\nstart = "08:00"\nend = "09:00"\ntitle = ""', "title"),
    ],
)
def test_bad_sessions_in_the_workshop_file(tmp_path: Path, body: str, problem: str) -> None:
    base = DEFAULT_WORKSHOP.read_text(encoding="utf-8").split("[[sessions]]")[0]
    path = tmp_path / "w.toml"
    institutions = "\n[institutions]\nopd = []\n"
    path.write_text(f"{base}[[sessions]]\n{body}\n{institutions}", encoding="utf-8")
    with pytest.raises(ConfigError, match=problem):
        load_workshop(path)


def test_reminder_settings_from_the_environment() -> None:
    env = {"BOT_REMINDER_DAY_BEFORE": "17:30", "BOT_REMINDER_BEFORE_MINUTES": "15"}
    settings = load_settings(env, require_token=False, require_admins=False)
    assert settings.reminder_day_before == dt.time(17, 30)
    assert settings.reminder_before_minutes == 15
    assert settings.reminder_grace_minutes == 30
    off = load_settings(
        {"BOT_REMINDER_DAY_BEFORE": "off", "BOT_REMINDER_GRACE_MINUTES": "0"},
        require_token=False,
        require_admins=False,
    )
    assert off.reminder_day_before is None and off.reminder_grace_minutes == 0
    for name, value in (
        ("BOT_REMINDER_DAY_BEFORE", "25:00"),
        ("BOT_REMINDER_DAY_BEFORE", "sore"),
        ("BOT_REMINDER_BEFORE_MINUTES", "-5"),
        ("BOT_REMINDER_GRACE_MINUTES", "99999"),
    ):
        with pytest.raises(ConfigError, match=name):
            load_settings({name: value}, require_token=False, require_admins=False)


# --- pure time rules -------------------------------------------------------------------------


def _session(sid: int, day: str, start: str, end: str) -> Session:
    return Session(
        sid,
        1,
        dt.date.fromisoformat(day),
        dt.time.fromisoformat(start),
        dt.time.fromisoformat(end),
        f"S{sid}",
        f"S{sid}",
        "room",
        "https://x",
    )


def test_current_session_rules() -> None:
    sessions = [
        _session(1, "2021-06-21", "08:30", "12:00"),
        _session(2, "2021-06-21", "13:00", "16:00"),
    ]

    def at(text: str) -> int | None:
        found = current_session(sessions, WITA, wita(text))
        return found.id if found else None

    assert at("2021-06-21 07:00") == 1  # next that day
    assert at("2021-06-21 08:05") == 1  # check-in open 30 min before
    assert at("2021-06-21 12:10") == 2  # between sessions: the next one
    assert at("2021-06-21 12:40") == 2  # its check-in is open
    assert at("2021-06-21 18:00") == 2  # evening: the last one of the day
    assert at("2021-06-22 09:00") is None


def test_parse_when() -> None:
    now = wita("2021-06-21 09:00")
    assert parse_when("+30m", now, WITA) == wita("2021-06-21 09:30")
    assert parse_when("+1j30m", now, WITA) == wita("2021-06-21 10:30")
    assert parse_when("+1h30m", now, WITA, "en") == wita("2021-06-21 10:30")
    assert parse_when("+2j", now, WITA) == wita("2021-06-21 11:00")
    assert parse_when("+45", now, WITA) == wita("2021-06-21 09:45")
    assert parse_when("13:00", now, WITA) == wita("2021-06-21 13:00")
    assert parse_when("2021-06-22 08:00", now, WITA) == wita("2021-06-22 08:00")
    assert parse_when("22-06-2021 08.00", now, WITA) == wita("2021-06-22 08:00")
    assert parse_when("sekarang", now, WITA) == now
    assert parse_when("08:00", now, WITA) == "when_past"
    assert parse_when("2023-01-01 08:00", now, WITA) == "when_too_far"
    for bad in ("besok", "+0m", "+", "2021-02-30 08:00", "25:00", ""):
        assert parse_when(bad, now, WITA) == "when_bad", bad
    assert split_when(["2021-06-22", "08:00", "Halo"]) == ("2021-06-22 08:00", 2)
    assert split_when(["08:00", "Sesi"]) == ("08:00", 1)
    assert parse_reminder_command("/pengingat +30m Baris satu\nbaris dua") == (
        "+30m",
        "Baris satu\nbaris dua",
    )
    assert parse_reminder_command("/pengingat 2021-06-22 08:00 Pagi") == (
        "2021-06-22 08:00",
        "Pagi",
    )
    assert parse_reminder_command("/pengingat") == ("", "")


def test_second_zone_rule() -> None:
    assert second_zone("ministry_expert", "id", WITA) is not None
    assert second_zone("consultant", None, WITA) is not None
    assert second_zone("opd_staff", "en-US", WITA) is not None
    assert second_zone("camat", "id", WITA) is None
    # No second zone when the workshop is in Jakarta time already.
    assert second_zone("ministry_expert", "en", WITA.__class__("Asia/Jakarta")) is None


# --- /jadwal -----------------------------------------------------------------------------------


async def test_schedule_shows_room_offline_and_link_online(bot: BotHarness) -> None:
    offline = await bot.user("Rina")
    online = await bot.user("Yosef")
    await register(bot, offline, name="Rina Ndahur", mode="offline")
    await register(bot, online, name="Yosef Jehalu", mode="online", position="camat")

    await offline.send("/jadwal")
    text = (await offline.reply()).text or ""
    assert "Jadwal Tahap I" in text and "Luring" in text
    assert "Senin, 21 Juni 2021 · 08:30–12:00 WITA" in text
    assert "Ruang: Media Center Kantor Bupati" in text
    assert "meet.example.org" not in text and "WIB" not in text

    await online.send("/jadwal")
    text = (await online.reply()).text or ""
    assert "Tautan: https://meet.example.org/bimtek-manggarai-tahap-1" in text
    assert "Ruang:" not in text


async def test_schedule_for_an_expert_in_english_shows_wib_too(bot: BotHarness) -> None:
    expert = await bot.user("Peter", language_code="en")
    await register(bot, expert, name="Peter Wijaya", mode="online", position="ministry_expert")
    await expert.send("/schedule")
    text = (await expert.reply()).text or ""
    assert "Schedule of Stage I" in text
    assert "Monday, 21 June 2021 · 08:30–12:00 WITA (07:30–11:00 WIB)" in text
    assert "Times in WITA; in brackets: WIB." in text


async def test_schedule_for_someone_not_registered(bot: BotHarness) -> None:
    user = await bot.user("Tamu")
    await user.send("/jadwal")
    text = (await user.reply()).text or ""
    assert "belum terdaftar" in text
    assert "Ruang:" in text and "Tautan:" in text


async def test_staff_see_session_numbers(bot: BotHarness) -> None:
    admin = await bot.admin()
    await admin.send("/jadwal")
    text = (await admin.reply()).text or ""
    assert "#1 Pembukaan" in text and "Tahap II" in text


# --- the secretariat edits sessions ------------------------------------------------------------


async def test_edit_session_moves_its_reminders(bot: BotHarness) -> None:
    admin = await bot.admin()
    repo = schedule(bot)
    before = {r.auto_key: r.due_at for r in await repo.reminders(["scheduled"])}
    assert before["session:1:soon"] == wita("2021-06-21 07:30")
    assert before["day:1:2021-06-21:day_before"] == wita("2021-06-20 16:00")

    await admin.send("/ubahsesi 1 mulai 09:00")
    assert "Sesi #1 diubah" in ((await admin.reply()).text or "")
    await admin.send("/ubahsesi 1 ruang Aula <Bappeda>")
    assert "Aula &lt;Bappeda&gt;" not in ((await admin.reply()).text or "")
    session = await repo.get_session(1)
    assert session is not None and session.start == dt.time(9, 0)
    assert session.room == "Aula <Bappeda>"
    after = {r.auto_key: r.due_at for r in await repo.reminders(["scheduled"])}
    assert after["session:1:soon"] == wita("2021-06-21 08:00")
    assert len(after) == len(before)

    await admin.send("/ubahsesi 1 hari 2021-06-23")
    await admin.reply()
    after = {r.auto_key: r.due_at for r in await repo.reminders(["scheduled"])}
    assert after["day:1:2021-06-23:day_before"] == wita("2021-06-22 16:00")

    # A restart keeps the secretariat's changes and creates no reminder twice.
    count = len(await repo.reminders(["scheduled", "cancelled"]))
    await bot.restart()
    repo = schedule(bot)
    session = await repo.get_session(1)
    assert session is not None and session.room == "Aula <Bappeda>"
    assert len(await repo.list_sessions()) == 8
    assert len(await repo.reminders(["scheduled", "cancelled"])) == count


async def test_bad_session_edits_change_nothing(bot: BotHarness) -> None:
    admin = await bot.admin()
    repo = schedule(bot)
    before = await repo.get_session(1)
    cases = [
        ("/ubahsesi", "Cara pakai"),
        ("/ubahsesi 1 warna merah", "tidak dikenal"),
        ("/ubahsesi 99 ruang Aula", "Sesi #99 tidak ada"),
        ("/ubahsesi 1 mulai 8 pagi", "Jam “8 pagi” tidak valid"),
        ("/ubahsesi 1 mulai 25:00", "tidak valid"),
        ("/ubahsesi 1 selesai 07:00", "sesudah jam mulai"),
        ("/ubahsesi 1 hari 2021-13-01", "Tanggal"),
        ("/ubahsesi 1 tautan javascript:alert(1)", "http"),
        ("/ubahsesi 1 ruang " + "x" * 300, "terlalu panjang"),
        ("/tambahsesi 3 2021-11-08 12:00-08:00 Salah", "sesudah jam mulai"),
        ("/tambahsesi 3 kemarin 08:00-09:00 Salah", "Tanggal"),
        ("/tambahsesi 9 2021-11-08 08:00-09:00 Salah", "tidak ada"),
        ("/tambahsesi", "Cara pakai"),
    ]
    for command, expected in cases:
        await admin.send(command)
        assert expected in ((await admin.reply()).text or ""), command
    assert await repo.get_session(1) == before
    assert len(await repo.list_sessions()) == 8

    participant = await bot.user("Yosef")
    for command in ("/ubahsesi 1 ruang Rumah", "/tambahsesi 3 2021-11-08 08:00-09:00 X"):
        await participant.send(command)
        assert "hanya untuk sekretariat" in ((await participant.reply()).text or "")
    assert await repo.get_session(1) == before


async def test_add_session_for_a_later_stage(bot: BotHarness) -> None:
    admin = await bot.admin()
    await admin.send("/tambahsesi 3 2021-11-08 08:30-12:00 Paparan inovasi")
    text = (await admin.reply()).text or ""
    assert "Sesi #9 ditambahkan" in text and "Paparan inovasi" in text
    repo = schedule(bot)
    session = await repo.get_session(9)
    assert session is not None and session.stage == 3
    keys = {r.auto_key for r in await repo.reminders(["scheduled"])}
    assert {"session:9:soon", "day:3:2021-11-08:day_before"} <= keys
