"""The demo's session day: reminders go out, people check in, a facilitator nudges the rest.

The secretariat adds a session of Tahap I for the next morning (09:00–12:00 in the workshop's
zone) and the bot restarts with a clock it can move (a real restart: reminders come from SQLite,
not from memory). The just-before reminder reaches everyone registered, in-room participants check
in with the room's QR code, most online ones with the reminder's button, and a facilitator reminds
those not checked in yet. The bot's usual clock is put back at the end.

Every time here comes from the bot's injected clock, never the wall clock's hour, so the day plays
the same at 10:00, at 22:30 and across midnight.
"""

from __future__ import annotations

import asyncio
import datetime as dt
from dataclasses import replace
from typing import Any

from bot.core.context import SERVICES_KEY, Services
from bot.dev.demo.wait import DidNotHappen, first_found, reply_containing, wait_until
from bot.dev.emulator import SimUser
from bot.dev.sandbox import FACILITATOR_ID, BotHarness, screen
from bot.jobs import scheduling
from bot.rules.timing import ShiftedClock
from handlers.texts import t
from storage.schedule import ScheduleRepository, SessionTimesError

# The demo's session: a morning of the workshop, well inside one day.
SESSION_START = dt.time(9, 0)
SESSION_END = dt.time(12, 0)
# Time the demo needs between adding the session and moving the clock to its reminder.
SETUP_MARGIN = dt.timedelta(minutes=2)
REMINDER_TIMEOUT = 30.0


def _services(harness: BotHarness) -> Services:
    assert harness.app is not None
    services = harness.app.bot_data[SERVICES_KEY]
    assert isinstance(services, Services)
    return services


def session_day(now: dt.datetime, tz: dt.tzinfo, lead: dt.timedelta) -> dt.date:
    """The first day, in the workshop's zone, whose 09:00 session is still `lead` ahead of `now`.

    From the injected clock, not the wall clock's hour: late in the evening it is the next day,
    and the session never runs past midnight.
    """
    day = now.astimezone(tz).date()
    while dt.datetime.combine(day, SESSION_START, tzinfo=tz) - lead <= now + SETUP_MARGIN:
        day += dt.timedelta(days=1)
    return day


async def _gather(jobs: list[Any], limit: int = 24) -> list[Any]:
    gate = asyncio.Semaphore(limit)

    async def run(job: Any) -> Any:
        async with gate:
            return await job

    return list(await asyncio.gather(*(run(j) for j in jobs)))


async def demo_session_day(
    harness: BotHarness, admin: SimUser, users: list[SimUser]
) -> dict[str, Any]:
    """Play a session of Tahap I on the next workshop morning; returns what happened, counted.

    The workshop file's sessions are in 2021, so their reminders were missed long ago (and are
    never sent late): the secretariat adds a session 09:00–12:00 on the first day whose reminder
    is still ahead by the bot's clock, and the clock is moved to a second before that
    reminder, then to five minutes after the start.
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
        day = session_day(clock(), tz, dt.timedelta(minutes=minutes))
        stage = await harness.repo.get_stage(1)
        if stage is None:
            raise DidNotHappen("the workshop has no Tahap I to hold a session in")
        try:
            session = await services.schedule.add_session(
                stage=1,
                day=day,
                start=SESSION_START,
                end=SESSION_END,
                title="Kesiapan daerah (demo)",
                title_en="Readiness (demo)",
                room="Media Center Kantor Bupati",
                online_link=stage.online_link,
                created_by=admin.id,
                now=clock(),
            )
        except SessionTimesError as refused:
            raise DidNotHappen(f"the demo's session could not be added: {refused}") from refused
        assert session is not None
        start = session.starts_at(tz)
        admin.mark()  # the delivery report of the reminder comes after this
        clock.set(start - dt.timedelta(minutes=minutes, seconds=1))
        assert harness.app is not None
        await scheduling.refresh(harness.app)
        return await _play(harness, admin, users, clock, session.id, start)
    finally:
        harness.settings = original
        await harness.restart()


async def _soon_reminder_state(
    schedule: ScheduleRepository, session_id: int, clock: ShiftedClock
) -> str:
    """Why the just-before reminder of a session has not gone out, in one sentence."""
    key = f"session:{session_id}:soon"
    every = ["scheduled", "sending", "sent", "missed", "cancelled"]
    found = [r for r in await schedule.reminders(every, kind="auto") if r.auto_key == key]
    if not found:
        return f"there is no reminder {key!r} at all"
    reminder = found[0]
    counts = await schedule.delivery_counts(reminder.id)
    return (
        f"the reminder of session {session_id} is {reminder.status!r} "
        f"(due {reminder.due_at:%Y-%m-%d %H:%M:%S} UTC, the bot's clock says "
        f"{clock():%Y-%m-%d %H:%M:%S} UTC; {counts.sent} sent, {counts.pending} pending)"
    )


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

    key = f"session:{session_id}:soon"

    async def sent() -> list[Any]:
        return [r for r in await schedule.reminders(["sent"], kind="auto") if r.auto_key == key]

    async def soon_sent() -> bool:
        return bool(await sent())

    async def why() -> str:
        return await _soon_reminder_state(schedule, session_id, clock)

    await wait_until(
        soon_sent,
        timeout=REMINDER_TIMEOUT,
        what=f"the just-before reminder of session {session_id} was sent to the participants",
        why=why,
    )
    soon = first_found(await sent(), f"the sent reminder of session {session_id}")
    reminded = (await schedule.delivery_counts(soon.id)).sent
    # The secretariat gets the delivery report of the automatic reminder.
    await reply_containing(
        admin, f"#{soon.id}", timeout=30, what=f"the delivery report of reminder #{soon.id}"
    )

    # Five minutes after the start: the check-in is open.
    clock.set(start + dt.timedelta(minutes=5))
    modes: dict[int, str] = {}
    for user in users:
        participant = await repo.participant_by_telegram(user.id)
        registration = await repo.registration(participant.id, 1) if participant else None
        if registration is not None:
            modes[user.id] = registration.mode

    await admin.send(f"/qr {session_id}")
    qr_message = await reply_containing(
        admin, "?start=", timeout=15, what=f"the check-in link of session {session_id} (/qr)"
    )
    payload = (qr_message.text or "").split("?start=")[1].split()[0]

    async def scan(user: SimUser) -> bool:
        user.mark()
        await user.send(f"/start {payload}")
        answer = await user.reply(timeout=30, what="an answer to the room's check-in QR code")
        return "✅" in (answer.text or "")

    async def tap(user: SimUser) -> bool:
        """Tap the check-in button of the newest reminder, whatever its language."""
        for message in reversed(await user.messages()):
            data = [d for row in message.button_data for d in row if d and d.startswith("hdr:in:")]
            if data:
                user.mark()
                await user.press_data(message.message_id, data[0])
                answer = await user.reply(timeout=30, what="an answer to the ✅ Hadir button")
                return "✅" in (answer.text or "")
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
    pick = await facilitator.reply(timeout=15, what="the choice of who gets the reminder")
    await facilitator.press(t("id", "btn_audience_not_checked_in"), pick.message_id)
    confirm = await screen(facilitator, timeout=15)
    await facilitator.press(t("id", "btn_schedule_reminder"), confirm.message_id)
    await screen(facilitator, timeout=15)
    report = await facilitator.reply(timeout=60, what="the delivery report of the nudge")
    custom = await schedule.reminders(["sent"], kind="custom")
    nudged = (await schedule.delivery_counts(custom[-1].id)).sent if custom else 0
    online_count, offline_count = await schedule.attendance_counts(session_id)
    return {
        "session_id": session_id,
        "reminded": reminded,
        "qr_checkins": sum(qr_results),
        "button_checkins": sum(button_results),
        "nudged_not_checked_in": nudged,
        "attendance_online": online_count,
        "attendance_offline": offline_count,
        "report": report.text or "",
    }
