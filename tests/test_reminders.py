"""Reminders end to end: on time, once, after restarts and kills, to exactly their audience."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.dev.demo.wait import first_found
from bot.dev.emulator import Emulator
from bot.dev.emulator.limits import FloodLimits
from bot.dev.sandbox import FACILITATOR_ID, BotHarness, screen
from bot.jobs import scheduling
from bot.jobs.broadcast import RetryPolicy
from bot.rules.audience import AudienceSpec, select
from bot.rules.timing import ShiftedClock
from storage.models import NewIdea, Profile
from storage.schedule import Candidate
from tests.schedule_support import (
    clocked_harness,
    many_users,
    messages_per_chat,
    register,
    run_due,
    schedule,
    services,
    unpace_overall,
    wait_finished,
    wait_for,
    wita,
)

TOMORROW = "besok ada sesi"


@pytest.fixture
async def clock() -> ShiftedClock:
    return ShiftedClock(wita("2021-06-21 09:00"), ticking=False)


@pytest.fixture
async def bot(emulator: Emulator, tmp_path: Path, clock: ShiftedClock) -> AsyncIterator[BotHarness]:
    harness = await clocked_harness(emulator, tmp_path, clock)
    yield harness
    await harness.close()


async def _custom(
    bot: BotHarness, spec: AudienceSpec, text: str, *, created_by: int | None = None
) -> int:
    clock = services(bot).settings.clock
    reminder = await schedule(bot).add_reminder(
        stage=spec.stage,
        text=text,
        due_at=clock(),
        audience=spec.to_dict(),
        created_by=created_by,
        now=clock(),
        session_id=spec.session_id,
    )
    return reminder.id


# --- pure audience rules ---------------------------------------------------------------------


def _candidate(pid: int, **changes: object) -> Candidate:
    base: dict[str, object] = {
        "participant_id": pid,
        "telegram_id": 1000 + pid,
        "full_name": f"P{pid}",
        "institution": "Bappeda",
        "position": "opd_staff",
        "mode": "online",
        "language": None,
        "reachable": True,
        "checked_in": False,
        "has_idea": False,
    }
    base.update(changes)
    return Candidate(**base)  # type: ignore[arg-type]


def test_audience_rules() -> None:
    people = [
        _candidate(1),
        _candidate(2, mode="offline", institution="bappeda"),
        _candidate(3, checked_in=True, has_idea=True, institution="Dinas Kesehatan"),
        _candidate(4, telegram_id=None, mode="offline"),
        _candidate(5, reachable=False),
    ]

    def ids(spec: AudienceSpec) -> list[int]:
        return [p.participant_id for p in select(spec, people)]

    assert ids(AudienceSpec("all", 1)) == [1, 2, 3]
    assert ids(AudienceSpec("online", 1)) == [1, 3]
    assert ids(AudienceSpec("offline", 1)) == [2]
    assert ids(AudienceSpec("not_checked_in", 1, session_id=7)) == [1, 2]
    assert ids(AudienceSpec("no_idea", 1)) == [1, 2]
    assert ids(AudienceSpec("institution", 1, institution="BAPPEDA")) == [1, 2]
    spec = AudienceSpec("institution", 1, institution="Dinas Kesehatan")
    assert AudienceSpec.from_json(json.dumps(spec.to_dict())) == spec
    for bad in ('{"kind": "everyone", "stage": 1}', '{"kind": "all"}', "[]", "nonsense"):
        with pytest.raises(ValueError):
            AudienceSpec.from_json(bad)
    with pytest.raises(ValueError):
        AudienceSpec("not_checked_in", 1)
    with pytest.raises(ValueError):
        AudienceSpec("institution", 1, institution=" ")


# --- on time, once ---------------------------------------------------------------------------


async def test_reminder_fires_at_the_configured_local_time(
    emulator: Emulator, tmp_path: Path
) -> None:
    # The evening-before reminder at 17:30 WITA instead of 16:00 (BOT_REMINDER_DAY_BEFORE).
    clock = ShiftedClock(wita("2021-06-20 17:29:58.5"))
    bot = await clocked_harness(emulator, tmp_path, clock, reminder_day_before=dt.time(17, 30))
    try:
        online, offline, other_stage = [await bot.user(n) for n in ("Yosef", "Rina", "Lain")]
        await register(bot, online, name="Yosef Jehalu", mode="online")
        await register(bot, offline, name="Rina Ndahur", mode="offline")
        await register(bot, other_stage, name="Orang Lain", stage=2)
        await online.no_reply(within=0.4)  # not a moment early
        message = await online.reply(timeout=5)
        assert clock() >= wita("2021-06-20 17:30")
        text = message.text or ""
        assert TOMORROW in text and "Tahap I" in text
        assert "Pembukaan dan paparan" in text and "Diskusi SDM" in text  # the day's sessions
        assert text.count("Tautan: https://meet.example.org/bimtek-manggarai-tahap-1") == 2
        assert "Ruang:" not in text and message.buttons == []
        in_room = (await offline.reply()).text or ""
        assert "Ruang: Media Center Kantor Bupati" in in_room and "Tautan" not in in_room
        await other_stage.no_reply(within=0.3)
        reminder = first_found(
            (
                r
                for r in await schedule(bot).reminders(["sent"])
                if r.auto_key == "day:1:2021-06-21:day_before"
            ),
            "the sent evening-before reminder of 2021-06-21",
        )
        assert reminder.due_at == wita("2021-06-20 17:30")
        assert reminder.started_at is not None and reminder.started_at >= reminder.due_at
    finally:
        await bot.close()


async def test_restart_before_the_time_still_delivers_once(
    emulator: Emulator, tmp_path: Path
) -> None:
    clock = ShiftedClock(wita("2021-06-20 15:59:58"))
    bot = await clocked_harness(emulator, tmp_path, clock)
    try:
        users = [await bot.user(f"Peserta{i}") for i in range(3)]
        for i, user in enumerate(users):
            await register(bot, user, name=f"Peserta {i}", mode=("online", "offline")[i % 2])
        await bot.stop()
        stopped = clock()
        await bot.start()
        for user in users:
            assert TOMORROW in ((await user.reply(timeout=6)).text or "")
        claimed = await schedule(bot).reminders(["sending", "sent"])
        started = {r.auto_key: r.started_at for r in claimed}
        sent_at = started["day:1:2021-06-21:day_before"]
        assert sent_at is not None and sent_at >= stopped, (
            "the reminder went out before the restart"
        )
        await asyncio.sleep(0.5)
        assert set((await messages_per_chat(bot, users, TOMORROW)).values()) == {1}
        await bot.restart()
        await asyncio.sleep(0.3)
        assert set((await messages_per_chat(bot, users, TOMORROW)).values()) == {1}
    finally:
        await bot.close()


async def test_due_while_down_sent_late_within_grace_else_missed(
    emulator: Emulator, tmp_path: Path
) -> None:
    clock = ShiftedClock(wita("2021-06-20 15:50"), ticking=False)
    bot = await clocked_harness(emulator, tmp_path, clock)
    try:
        user = await bot.user("Yosef")
        await register(bot, user, name="Yosef Jehalu")
        await bot.stop()
        clock.set(wita("2021-06-20 16:20"))  # 20 minutes late: within the 30-minute grace
        await bot.start()
        assert TOMORROW in ((await user.reply()).text or "")
        await bot.stop()
        clock.set(wita("2021-06-21 08:15"))  # 45 minutes after the 07:30 reminder: too late
        await bot.start()
        await scheduling.runner(bot.app).idle()  # type: ignore[arg-type]
        await user.no_reply(within=0.3)
        statuses = {
            r.auto_key: r.status
            for r in await schedule(bot).reminders(["scheduled", "sent", "missed"])
        }
        assert statuses["day:1:2021-06-21:day_before"] == "sent"
        assert statuses["session:1:soon"] == "missed"
        assert statuses["session:2:soon"] == "scheduled"
        assert await messages_per_chat(bot, [user], "Tahap I") == {user.id: 1}
    finally:
        await bot.close()


# --- audiences -------------------------------------------------------------------------------


async def test_each_audience_gets_exactly_its_members(bot: BotHarness, clock: ShiftedClock) -> None:
    names = ("Ana", "Budi", "Citra", "Dodi", "Eka", "Fajar")
    a, b, c, d, e, f = [await bot.user(n) for n in names]
    pa = await register(bot, a, name="Ana", mode="online", institution="Dinas Kesehatan")
    pb = await register(bot, b, name="Budi", mode="offline", institution="Bappeda")
    pc = await register(bot, c, name="Citra", mode="online", institution="Bappeda")
    pd = await register(bot, d, name="Dodi", mode="offline", institution="Dinas Kesehatan")
    pe = await register(bot, e, name="Eka", mode="online", institution="Bappeda")
    await register(bot, f, name="Fajar", stage=2)  # another stage: never in a Tahap I audience
    await register(bot, None, name="Gregorius", mode="offline")  # no Telegram
    await schedule(bot).check_in(pc, 1, mode="online", method="command", at=clock())
    await bot.ideas.submit(
        NewIdea(stage=1, participant_id=pe, dimension="economy", horizon="5", text="Pasar kopi")
    )
    expected = {
        AudienceSpec("all", 1): {pa, pb, pc, pd, pe},
        AudienceSpec("online", 1): {pa, pc, pe},
        AudienceSpec("offline", 1): {pb, pd},
        AudienceSpec("not_checked_in", 1, session_id=1): {pa, pb, pd, pe},
        AudienceSpec("no_idea", 1): {pa, pb, pc, pd},
        AudienceSpec("institution", 1, institution="Bappeda"): {pb, pc, pe},
    }
    users = {pa: a, pb: b, pc: c, pd: d, pe: e}
    for spec, members in expected.items():
        reminder_id = await _custom(bot, spec, f"Untuk {spec.kind}")
        assert reminder_id in await run_due(bot)
        deliveries = await schedule(bot).deliveries(reminder_id)
        assert {x.participant_id for x in deliveries} == members, spec.kind
        assert all(x.status == "sent" for x in deliveries)
        for pid, user in users.items():
            got = await messages_per_chat(bot, [user], f"Untuk {spec.kind}")
            assert got[user.id] == (1 if pid in members else 0), (spec.kind, pid)
    assert await messages_per_chat(bot, [f], "Untuk") == {f.id: 0}


async def test_facilitator_schedules_for_those_not_checked_in(
    bot: BotHarness, clock: ShiftedClock
) -> None:
    facilitator = await bot.user("Fasilitator", user_id=FACILITATOR_ID)
    present, online, offline = [await bot.user(n) for n in ("Hadir", "Daring", "Luring")]
    p_present = await register(bot, present, name="Sudah Hadir")
    p_online = await register(bot, online, name="Belum Daring", mode="online")
    await register(bot, offline, name="Belum Luring", mode="offline")
    await schedule(bot).check_in(p_present, 1, mode="online", method="button", at=clock())

    await facilitator.send("/pengingat sekarang Silakan isi daftar hadir <sekarang>")
    pick = await facilitator.reply()
    assert "Kirim ke siapa?" in (pick.text or "") and len(pick.buttons) == 7
    assert "Silakan isi daftar hadir <sekarang>" in (pick.text or "")
    await facilitator.press("Belum hadir di sesi", pick.message_id)
    confirm = await screen(facilitator)
    assert "yang belum hadir di sesi Pembukaan" in (confirm.text or "")
    assert "saat ini 2 orang" in (confirm.text or "")
    await facilitator.press("✅ Jadwalkan", confirm.message_id)
    assert "dijadwalkan" in ((await screen(facilitator)).text or "")

    got = await online.reply()
    assert "📣 Pengingat" in (got.text or "") and "<sekarang>" in (got.text or "")
    assert "Tautan: https://meet.example.org" in (got.text or "") and got.buttons == [["✅ Hadir"]]
    in_room = await offline.reply()
    assert "Ruang: Media Center" in (in_room.text or "") and in_room.buttons == []
    await present.no_reply(within=0.2)
    report = (await facilitator.reply()).text or ""
    assert "Laporan pengingat" in report and "Terkirim: 2" in report and "Diblokir: 0" in report

    await online.press("✅ Hadir", got.message_id)
    assert "Kehadiran tercatat (Daring" in ((await online.reply()).text or "")
    assert await schedule(bot).attendance(p_online, 1) is not None


async def test_reminder_commands_refuse_bad_input(bot: BotHarness) -> None:
    facilitator = await bot.user("Fasilitator", user_id=FACILITATOR_ID, language_code="en")
    cases = [
        ("/remind", "Usage:"),
        ("/remind tomorrow Hello", "is not a time I know"),
        ("/remind 08:00 Hello", "in the past"),
        ("/remind 2030-01-01 08:00 Hello", "too far"),
        ("/remind +30m", "Write the reminder's text"),
        ("/remind +30m " + "x" * 3001, "too long"),
    ]
    for command, expected in cases:
        await facilitator.send(command)
        assert expected in ((await facilitator.reply()).text or ""), command

    participant = await bot.user("Yosef")
    await participant.send("/pengingat +5m Halo semua")
    assert "hanya untuk fasilitator dan sekretariat" in ((await participant.reply()).text or "")
    await participant.send("/daftarpengingat")
    assert "hanya untuk fasilitator" in ((await participant.reply()).text or "")

    await facilitator.send("/remind +30m Afternoon session")
    pick = await facilitator.reply()
    for data in ("rem:aud:everyone:abcdef", "rem:aud:all", "rem:ok:ABCDEF", "rem:cx:x"):
        query = await facilitator.press_data(pick.message_id, data)
        assert "Unrecognised" in ((await facilitator.callback_answer(query)).get("text") or "")
    query = await facilitator.press_data(pick.message_id, "rem:ok:abcdef")  # another draft
    assert "no longer valid" in ((await facilitator.callback_answer(query)).get("text") or "")
    own = (await participant.messages())[-1]
    query = await participant.press_data(own.message_id, "rem:cx:1")
    answer = await participant.callback_answer(query)
    assert "hanya untuk fasilitator" in (answer.get("text") or "")
    await facilitator.press("✖️ Cancel", pick.message_id)
    assert "nothing was scheduled" in ((await screen(facilitator)).text or "")
    custom = await schedule(bot).reminders(["scheduled", "sending", "sent"], kind="custom")
    assert custom == []


async def test_list_and_cancel(bot: BotHarness, clock: ShiftedClock) -> None:
    admin = await bot.admin()
    user = await bot.user("Yosef")
    await register(bot, user, name="Yosef Jehalu", institution="Bappeda")
    await admin.send("/pengingat +30m Sesi siang di Aula")
    pick = await admin.reply()
    await admin.press("Satu instansi…", pick.message_id)
    institutions = await screen(admin)
    await admin.press("Bappeda", institutions.message_id)
    confirm = await screen(admin)
    assert "peserta dari Bappeda" in (confirm.text or "") and "1 orang" in (confirm.text or "")
    await admin.press("✅ Jadwalkan", confirm.message_id)
    done = (await screen(admin)).text or ""
    assert "Senin, 21 Juni 2021 09:30 WITA" in done
    custom = await schedule(bot).reminders(["scheduled"], kind="custom")
    assert len(custom) == 1 and custom[0].due_at == wita("2021-06-21 09:30")
    assert scheduling.jobs_armed(bot.app)  # type: ignore[arg-type]

    await admin.send("/daftarpengingat")
    listing = await admin.reply()
    assert f"#{custom[0].id}" in (listing.text or "") and "Sesi siang di Aula" in (
        listing.text or ""
    )
    await admin.press(f"Batalkan #{custom[0].id}", listing.message_id)
    assert f"Pengingat #{custom[0].id} dibatalkan" in ((await screen(admin)).text or "")
    query = await admin.press_data(listing.message_id, f"rem:cx:{custom[0].id}")
    assert "tidak bisa dibatalkan" in ((await admin.callback_answer(query)).get("text") or "")

    clock.set(wita("2021-06-21 09:31"))
    await run_due(bot)
    await user.no_reply(within=0.3)
    cancelled = await schedule(bot).get_reminder(custom[0].id)
    assert cancelled is not None and cancelled.status == "cancelled"


# --- delivery that survives anything -----------------------------------------------------------


async def test_blocked_user_is_recorded_and_skipped(bot: BotHarness) -> None:
    admin = await bot.admin()
    stays, leaves = await bot.user("Tetap"), await bot.user("Pergi")
    await register(bot, stays, name="Tetap Ikut")
    p_leaves = await register(bot, leaves, name="Sudah Pergi")
    await leaves.block()
    first = await _custom(bot, AudienceSpec("all", 1), "Pertama", created_by=admin.id)
    await run_due(bot)
    statuses = {d.participant_id: d.status for d in await schedule(bot).deliveries(first)}
    assert statuses[p_leaves] == "blocked"
    report = (await admin.reply()).text or ""
    assert "Terkirim: 1" in report and "Diblokir: 1" in report

    second = await _custom(bot, AudienceSpec("all", 1), "Kedua", created_by=admin.id)
    await run_due(bot)
    assert p_leaves not in {d.participant_id for d in await schedule(bot).deliveries(second)}
    report = (await admin.reply()).text or ""
    assert "Diblokir: 0" in report and "memblokir bot): 1" in report
    assert (await stays.replies(2))[1].text is not None


async def test_network_errors_are_retried_and_missing_chats_fail(bot: BotHarness) -> None:
    assert bot.app is not None
    scheduling.runner(bot.app).policy = RetryPolicy(retries=4, backoff=0.01)
    user = await bot.user("Yosef")
    await register(bot, user, name="Yosef Jehalu")
    # Registered once, but Telegram no longer knows the chat: 400 "chat not found".
    ghost = await bot.repo.register_self(777_777, Profile("Hantu", "Bappeda", "other"), 1, "online")
    assert ghost.participant is not None
    await bot.client.fail_next("sendMessage", count=3)
    reminder_id = await _custom(bot, AudienceSpec("all", 1), "Coba lagi")
    await run_due(bot)
    deliveries = {d.participant_id: d for d in await schedule(bot).deliveries(reminder_id)}
    ghost_delivery = deliveries[ghost.participant.id]
    assert ghost_delivery.status == "failed"
    sent = [d for d in deliveries.values() if d.status == "sent"]
    assert len(sent) == 1
    # Each recipient's final answer plus the three 500s, whoever they fell on.
    assert sum(d.attempts for d in deliveries.values()) == 2 + 3
    assert await messages_per_chat(bot, [user], "Coba lagi") == {user.id: 1}


async def test_kill_mid_broadcast_then_restart_delivers_exactly_once(bot: BotHarness) -> None:
    assert bot.app is not None
    facilitator = await bot.user("Fasilitator", user_id=FACILITATOR_ID)
    users = await many_users(bot, 500)
    unpace_overall(bot, rate=250)
    reminder_id = await _custom(
        bot, AudienceSpec("all", 1), "Sesi pleno dimulai", created_by=FACILITATOR_ID
    )
    scheduling.runner(bot.app).wake()
    repo = schedule(bot)

    async def some_sent() -> bool:
        return (await repo.delivery_counts(reminder_id)).sent >= 120

    await wait_for(
        some_sent, timeout=10, step=0.005, what="120 of 500 deliveries were recorded as sent"
    )
    # The network dies: from now on every message hangs (and is never delivered) ...
    await bot.client.set_faults(hang_rate=1.0, hang_seconds=60, methods=["sendMessage"])
    await asyncio.sleep(0.3)  # ... the requests already answered are recorded ...
    scheduling.runner(bot.app).kill()  # ... and the process dies mid-broadcast.
    await bot.stop()
    await bot.client.clear_faults()

    bot_app_counts = await _counts_offline(bot, reminder_id)
    assert 120 <= bot_app_counts["sent"] < 500 and bot_app_counts["pending"] > 0

    await bot.start()
    unpace_overall(bot, rate=250)
    assert await wait_finished(bot, reminder_id) == "sent"
    counts = await schedule(bot).delivery_counts(reminder_id)
    assert (counts.sent, counts.pending, counts.failed) == (500, 0, 0)
    per_chat = await messages_per_chat(bot, users, "Sesi pleno dimulai")
    assert sorted(set(per_chat.values())) == [1] and len(per_chat) == 500
    report = (await facilitator.reply(timeout=5)).text or ""
    assert "Terkirim: 500" in report


async def _counts_offline(bot: BotHarness, reminder_id: int) -> dict[str, int]:
    """Delivery counts read from the database file while the bot is stopped."""
    from storage.db import Database

    db = await Database.open(bot.settings.db_path)
    try:
        rows = await db.fetchall(
            "SELECT status, COUNT(*) AS n FROM reminder_deliveries WHERE reminder_id = ? "
            "GROUP BY status",
            (reminder_id,),
        )
    finally:
        await db.close()
    counts = {"pending": 0, "sent": 0, "failed": 0, "blocked": 0}
    counts.update({r["status"]: int(r["n"]) for r in rows})
    return counts


async def test_429s_are_waited_out_and_nothing_is_dropped(paced_harness: BotHarness) -> None:
    bot = paced_harness
    await bot.client.set_limits(FloodLimits(overall_per_second=5))
    users = [await bot.user(f"Peserta{i}") for i in range(20)]
    for i, user in enumerate(users):
        await register(bot, user, name=f"Peserta {i}")
    reminder_id = await _custom(bot, AudienceSpec("all", 1), "Jangan lupa makan siang")
    await run_due(bot)
    counts = await schedule(bot).delivery_counts(reminder_id)
    assert (counts.sent, counts.failed, counts.pending) == (20, 0, 0)
    per_chat = await messages_per_chat(bot, users, "Jangan lupa makan siang")
    assert set(per_chat.values()) == {1}
    stats = await bot.client.stats()
    assert stats["responses_429"] > 0


async def _play_session_day(harness: BotHarness) -> dict[str, object]:
    from bot.dev.demo.schedule import demo_session_day

    admin = await harness.admin()
    users = [await harness.user(f"Peserta{i}") for i in range(9)]
    for i, user in enumerate(users):
        await register(harness, user, name=f"Peserta {i}", mode="offline" if i < 3 else "online")
    await register(harness, None, name="Tanpa Telegram", mode="offline")
    result = await demo_session_day(harness, admin, users)
    assert result["reminded"] == 9
    assert (result["qr_checkins"], result["button_checkins"]) == (3, 4)
    assert result["nudged_not_checked_in"] == 2  # the two online who forgot to tap
    assert (result["attendance_online"], result["attendance_offline"]) == (4, 3)
    assert "Terkirim: 2" in str(result["report"])
    return result


async def test_demo_session_day(harness: BotHarness) -> None:
    """The demo's session day by the wall clock, whatever hour the suite runs at."""
    await _play_session_day(harness)


@pytest.mark.parametrize(
    ("moment", "session_day"),
    [
        # Late evening: a session built from "now + 1 h, 3 h long" would wrap past midnight.
        ("2026-11-29 22:30", "2026-11-30"),
        ("2026-11-29 23:59", "2026-11-30"),
        # Midnight passes while the day is being set up.
        ("2026-11-29 23:59:59.8", "2026-11-30"),
        # Early morning: the session is still that morning.
        ("2026-11-30 06:00", "2026-11-30"),
    ],
    ids=["22:30 WITA", "23:59 WITA", "across midnight", "06:00 WITA"],
)
async def test_demo_session_day_at_any_hour(
    emulator: Emulator, tmp_path: Path, moment: str, session_day: str
) -> None:
    """The session day plays the same at the edges of the workshop's day (WITA)."""
    clock = ShiftedClock(wita(moment))
    bot = await clocked_harness(emulator, tmp_path, clock)
    try:
        result = await _play_session_day(bot)
        session = await schedule(bot).get_session(int(str(result["session_id"])))
        assert session is not None
        assert (session.day.isoformat(), f"{session.start:%H:%M}", f"{session.end:%H:%M}") == (
            session_day,
            "09:00",
            "12:00",
        )
        # The bot's own clock is back: the demo moved only its copy.
        assert bot.settings.clock is clock
    finally:
        await bot.close()


async def test_send_with_retries_verdicts() -> None:
    from telegram import Chat, Message
    from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TimedOut

    from bot.jobs.broadcast import send_with_retries

    message = Message(1, dt.datetime(2021, 6, 21, tzinfo=dt.UTC), Chat(5, "private"))
    policy = RetryPolicy(retries=2, backoff=0.001)

    def failing(*errors: Exception) -> object:
        queue = list(errors)

        async def send() -> Message:
            if queue:
                raise queue.pop(0)
            return message

        return send

    cases = [
        (failing(), ("sent", 1)),
        (failing(Forbidden("Forbidden: bot was blocked by the user")), ("blocked", 1)),
        (failing(BadRequest("Chat not found")), ("failed", 1)),
        (failing(NetworkError("Internal Server Error (500)"), TimedOut()), ("sent", 3)),
        (failing(*[NetworkError("Bad Gateway")] * 3), ("failed", 3)),
        (failing(RetryAfter(dt.timedelta(seconds=0.001))), ("sent", 2)),
    ]
    for send, (status, attempts) in cases:
        outcome = await send_with_retries(send, policy)  # type: ignore[arg-type]
        assert outcome is not None and (outcome.status, outcome.attempts) == (status, attempts)
    # Stopping: no retry, the recipient stays pending for the next start.
    stopping = await send_with_retries(
        failing(NetworkError("x")),  # type: ignore[arg-type]
        policy,
        keep_going=lambda: False,
    )
    assert stopping is None
