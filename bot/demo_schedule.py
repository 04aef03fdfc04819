"""The demo's session day: reminders go out, people check in, a facilitator nudges the rest.

The secretariat adds a session of Tahap I for today and the bot restarts with a clock it can move
(a real restart: reminders come from SQLite, not from memory). The just-before reminder reaches
everyone registered, in-room participants check in with the room's QR code, most online ones with
the reminder's button, and a facilitator reminds those not checked in yet. The bot's usual clock
is put back at the end.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import time
from dataclasses import replace
from typing import Any

from bot import scheduling
from bot.context import SERVICES_KEY, Services
from bot.emulator import SimUser
from bot.sandbox import FACILITATOR_ID, BotHarness, screen
from bot.timing import ShiftedClock
from handlers.texts import t


def _services(harness: BotHarness) -> Services:
    assert harness.app is not None
    services = harness.app.bot_data[SERVICES_KEY]
    assert isinstance(services, Services)
    return services


async def _until(check: Any, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if await check():
            return True
        await asyncio.sleep(0.1)
    return False


async def _gather(jobs: list[Any], limit: int = 24) -> list[Any]:
    gate = asyncio.Semaphore(limit)

    async def run(job: Any) -> Any:
        async with gate:
            return await job

    return list(await asyncio.gather(*(run(j) for j in jobs)))


async def demo_session_day(
    harness: BotHarness, admin: SimUser, users: list[SimUser]
) -> dict[str, Any]:
    """Play a session of Tahap I held today; returns what happened, counted.

    The workshop file's sessions are in 2021, so their reminders were missed long ago (and are
    never sent late): the secretariat adds today's session, and the bot's clock is moved to two
    seconds before its reminder, then to five minutes after its start.
    """
    original = harness.settings
    services = _services(harness)
    tz = services.workshop.tz
    clock = ShiftedClock(original.clock())
    minutes = original.reminder_before_minutes or 60
    harness.settings = replace(original, clock=clock, reminder_before_minutes=minutes)
    await harness.restart()
    try:
        services = _services(harness)
        local = (clock() + dt.timedelta(minutes=minutes + 2)).astimezone(tz)
        start_local = local.replace(second=0, microsecond=0) + dt.timedelta(minutes=1)
        stage = await harness.repo.get_stage(1)
        assert stage is not None
        session = await services.schedule.add_session(
            stage=1,
            day=start_local.date(),
            start=start_local.time(),
            end=(start_local + dt.timedelta(hours=3)).time(),
            title="Kesiapan daerah (demo)",
            title_en="Readiness (demo)",
            room="Media Center Kantor Bupati",
            online_link=stage.online_link,
            created_by=admin.id,
            now=clock(),
        )
        assert session is not None
        start = session.starts_at(tz)
        clock.set(start - dt.timedelta(minutes=minutes, seconds=2))
        assert harness.app is not None
        await scheduling.refresh(harness.app)
        return await _play(harness, admin, users, clock, session.id, start)
    finally:
        harness.settings = original
        await harness.restart()


async def _play(
    harness: BotHarness,
    admin: SimUser,
    users: list[SimUser],
    clock: ShiftedClock,
    session_id: int,
    start: dt.datetime,
) -> dict[str, Any]:
    schedule = _services(harness).schedule
    repo = harness.repo

    async def soon_sent() -> bool:
        found = [
            r
            for r in await schedule.reminders(["sent"], kind="auto")
            if r.auto_key == f"session:{session_id}:soon"
        ]
        return bool(found)

    await _until(soon_sent, timeout=60)
    soon = next(
        r
        for r in await schedule.reminders(["sent"], kind="auto")
        if r.auto_key == f"session:{session_id}:soon"
    )
    reminded = (await schedule.delivery_counts(soon.id)).sent

    # Five minutes after the start: the check-in is open.
    clock.set(start + dt.timedelta(minutes=5))
    modes: dict[int, str] = {}
    for user in users:
        participant = await repo.participant_by_telegram(user.id)
        registration = await repo.registration(participant.id, 1) if participant else None
        if registration is not None:
            modes[user.id] = registration.mode

    admin.mark()
    await admin.send(f"/qr {session_id}")
    qr_message = await admin.reply(timeout=15)
    link = (qr_message.text or "").split("?start=")
    payload = link[1].split()[0] if len(link) > 1 else ""

    async def scan(user: SimUser) -> bool:
        user.mark()
        await user.send(f"/start {payload}")
        return "✅" in ((await user.reply(timeout=30)).text or "")

    async def tap(user: SimUser) -> bool:
        """Tap the check-in button of the newest reminder, whatever its language."""
        for message in reversed(await user.messages()):
            data = [d for row in message.button_data for d in row if d and d.startswith("hdr:in:")]
            if data:
                user.mark()
                await user.press_data(message.message_id, data[0])
                return "✅" in ((await user.reply(timeout=30)).text or "")
        return False

    offline = [u for u in users if modes.get(u.id) == "offline"]
    online = [u for u in users if modes.get(u.id) == "online"]
    # Two in three online participants tap the button; the others forget.
    tapping = [u for i, u in enumerate(online) if i % 3 != 2]
    qr_results = await _gather([scan(u) for u in offline])
    button_results = await _gather([tap(u) for u in tapping])

    facilitator = await harness.user("Fasilitator", user_id=FACILITATOR_ID)
    facilitator.mark()
    await facilitator.send(
        "/pengingat sekarang Sesi sudah dimulai. Silakan tekan Hadir untuk mengisi daftar hadir."
    )
    pick = await facilitator.reply(timeout=15)
    await facilitator.press(t("id", "btn_audience_not_checked_in"), pick.message_id)
    confirm = await screen(facilitator, timeout=15)
    await facilitator.press(t("id", "btn_schedule_reminder"), confirm.message_id)
    await screen(facilitator, timeout=15)
    report = await facilitator.reply(timeout=60)
    custom = await schedule.reminders(["sent"], kind="custom")
    nudged = (await schedule.delivery_counts(custom[-1].id)).sent if custom else 0
    online_count, offline_count = await schedule.attendance_counts(session_id)
    return {
        "reminded": reminded,
        "qr_checkins": sum(qr_results),
        "button_checkins": sum(button_results),
        "nudged_not_checked_in": nudged,
        "attendance_online": online_count,
        "attendance_offline": offline_count,
        "report": report.text or "",
    }
