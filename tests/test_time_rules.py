"""Time is an input: sessions never end before they start, and rules read the injected clock.

Each rule here is checked with a clock far from the wall clock (2021), so a rule that reads
`datetime.now` instead of the application's clock gives a different answer and fails the test.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.dev.demo.schedule import SESSION_END, SESSION_START, session_day
from bot.dev.demo.wait import DidNotHappen, first_found, wait_until
from bot.dev.emulator import Emulator
from bot.dev.sandbox import BotHarness, screen
from bot.rules.idea_rules import decide_submission
from bot.rules.timing import ShiftedClock
from handlers.texts import t
from storage.ideas import EditOutcome, IdeaRepository
from storage.models import IdeaOutcome, NewIdea, Profile
from storage.polls import PollOption, PollRepository, Recipient
from storage.repository import Repository
from storage.schedule import ScheduleRepository, SessionTimesError
from tests.schedule_support import WITA, clocked_harness, wita

# --- a session ends after it starts, at every layer ------------------------------------------


async def _session_count(schedule: ScheduleRepository) -> int:
    return len(await schedule.list_sessions())


async def test_storage_refuses_a_session_that_ends_before_it_starts(repo: Repository) -> None:
    schedule = ScheduleRepository(repo.db)
    now = wita("2021-06-20 10:00")

    def session(start: str, end: str) -> dict[str, object]:
        return {
            "stage": 1,
            "day": dt.date(2021, 6, 21),
            "start": dt.time.fromisoformat(start),
            "end": dt.time.fromisoformat(end),
            "title": "Sesi",
            "title_en": "Session",
            "room": "Aula",
            "online_link": "https://meet.example.org/x",
            "created_by": None,
            "now": now,
        }

    # 23:51 + 3 h as a time of day: the wrap past midnight the demo used to store.
    for start, end in (("23:51", "02:51"), ("10:00", "10:00"), ("13:00", "09:00")):
        with pytest.raises(SessionTimesError, match=f"{start}–{end} ends at or before its start"):
            await schedule.add_session(**session(start, end))  # type: ignore[arg-type]
    assert await _session_count(schedule) == 0
    added = await schedule.add_session(**session("21:00", "23:59"))  # type: ignore[arg-type]
    assert added is not None and (added.start, added.end) == (dt.time(21), dt.time(23, 59))

    # Editing one time at a time: checked against the other, inside the transaction.
    with pytest.raises(SessionTimesError):
        await schedule.update_session(added.id, "end_time", "20:30", now)
    with pytest.raises(SessionTimesError):
        await schedule.update_session(added.id, "start_time", "23:59", now)
    with pytest.raises(ValueError):
        await schedule.update_session(added.id, "day", "2021-02-30", now)
    assert await schedule.get_session(added.id) == added
    moved = await schedule.update_session(added.id, "start_time", "08:00", now)
    assert moved is not None and moved.start == dt.time(8)
    moved = await schedule.update_session(added.id, "end_time", "09:30", now)
    assert moved is not None and (moved.start, moved.end) == (dt.time(8), dt.time(9, 30))


async def test_ubahsesi_refuses_an_end_before_the_start(emulator: Emulator, tmp_path: Path) -> None:
    clock = ShiftedClock(wita("2021-06-20 10:00"), ticking=False)
    bot = await clocked_harness(emulator, tmp_path, clock)
    try:
        admin = await bot.admin()
        schedule = bot.services.schedule
        before = await schedule.get_session(1)
        assert before is not None and before.start == dt.time(8, 30)
        for command in ("/ubahsesi 1 selesai 08:00", "/tambahsesi 1 2021-06-21 23:51-02:51 X"):
            await admin.send(command)
            answer = (await admin.reply()).text or ""
            assert "Jam selesai harus sesudah jam mulai" in answer, command
        assert await schedule.get_session(1) == before
        assert await _session_count(schedule) == 8
    finally:
        await bot.close()


async def test_ubahsesi_tells_the_user_when_another_edit_got_there_first(
    emulator: Emulator, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two secretariat members edit one session: the check in storage has the last word."""
    clock = ShiftedClock(wita("2021-06-20 10:00"), ticking=False)
    bot = await clocked_harness(emulator, tmp_path, clock)
    try:
        admin = await bot.admin()
        schedule = bot.services.schedule
        current = await schedule.get_session(1)
        assert current is not None and current.start == dt.time(8, 30)
        # What the handler read a moment ago: the start was still 06:00 then.
        stale = dataclasses.replace(current, start=dt.time(6, 0))

        async def read_before_the_other_edit(self: object, session_id: int) -> object:
            return stale

        monkeypatch.setattr(ScheduleRepository, "get_session", read_before_the_other_edit)
        await admin.send("/ubahsesi 1 selesai 08:00")
        answer = (await admin.reply()).text or ""
        monkeypatch.undo()
        assert "Jam selesai harus sesudah jam mulai" in answer
        assert await schedule.get_session(1) == current
    finally:
        await bot.close()


# --- the demo's session day comes from the injected clock ------------------------------------


@pytest.mark.parametrize(
    ("now", "day"),
    [
        ("2026-11-29 06:00", "2026-11-29"),  # early: that same morning
        ("2026-11-29 07:57", "2026-11-29"),  # the reminder at 08:00 is still ahead
        ("2026-11-29 07:59", "2026-11-30"),  # too close to that reminder: the next morning
        ("2026-11-29 19:57", "2026-11-30"),  # the old demo wrapped past midnight from here ...
        ("2026-11-29 22:30", "2026-11-30"),
        ("2026-11-29 23:59:59", "2026-11-30"),  # ... to here
        ("2026-11-30 00:00", "2026-11-30"),
    ],
)
def test_demo_session_day_is_built_from_the_clock(now: str, day: str) -> None:
    assert session_day(wita(now), WITA, dt.timedelta(minutes=60)).isoformat() == day
    assert SESSION_START < SESSION_END


# --- rules read the application's clock ------------------------------------------------------


async def test_ideas_per_minute_window_reads_the_injected_clock(repo: Repository) -> None:
    clock = ShiftedClock(wita("2021-06-21 09:00"), ticking=False)
    ideas = IdeaRepository(repo.db, clock, rule=decide_submission)
    result = await repo.register_self(
        5, Profile("Yosef Jehalu", "Bappeda", "opd_staff"), 1, "online"
    )
    assert result.participant is not None
    await repo.set_ideas_open(1, True)

    async def send(n: int) -> IdeaOutcome:
        new = NewIdea(1, result.participant.id, "economy", "5", f"Ide nomor {n} untuk pasar desa")
        return (await ideas.submit(new, per_minute=3)).outcome

    assert [await send(n) for n in range(3)] == [IdeaOutcome.STORED] * 3
    assert await send(3) is IdeaOutcome.TOO_MANY
    clock.advance(dt.timedelta(seconds=59))
    assert await send(4) is IdeaOutcome.TOO_MANY  # still within the minute by the clock
    clock.advance(dt.timedelta(seconds=2))
    assert await send(5) is IdeaOutcome.STORED  # a minute later by the clock, not the wall
    stored = await ideas.get(4)
    assert stored is not None and stored.created_at == wita("2021-06-21 09:01:01")
    done, edited = await ideas.edit(1, owner=None, changed_by=9, text="Pasar desa daring")
    assert done is EditOutcome.DONE and edited is not None
    assert edited.updated_at == wita("2021-06-21 09:01:01")
    history = await ideas.revisions(1)
    assert history[0]["changed_at"] == wita("2021-06-21 09:01:01").isoformat(
        timespec="microseconds"
    )


async def test_poll_answers_are_stamped_by_the_injected_clock(repo: Repository) -> None:
    clock = ShiftedClock(wita("2021-06-21 10:15"), ticking=False)
    polls = PollRepository(repo.db, clock)
    result = await repo.register_self(
        5, Profile("Yosef Jehalu", "Bappeda", "opd_staff"), 1, "online"
    )
    assert result.participant is not None
    poll = await polls.create_poll(
        stage=1,
        question="Sinyal?",
        options=[PollOption(0, "Baik"), PollOption(1, "Buruk")],
        multiple=False,
        anonymous=False,
        audience={"kind": "all", "stage": 1},
        recipients=[Recipient(result.participant.id, 5, "id", "online")],
        created_by=None,
        now=clock(),
    )
    copy = (await polls.copies(poll.id))[0]
    await polls.record_copy(copy.id, "sent", attempts=1, now=clock(), tg_poll_id="tg-1")
    clock.advance(dt.timedelta(minutes=3))
    await polls.record_answer("tg-1", 5, [1])
    row = await repo.db.fetchone("SELECT answered_at FROM poll_answers")
    assert row is not None and row[0] == wita("2021-06-21 10:18").isoformat(timespec="microseconds")


@pytest.fixture
async def clocked(emulator: Emulator, tmp_path: Path) -> AsyncIterator[BotHarness]:
    bot = await clocked_harness(emulator, tmp_path, ShiftedClock(wita("2021-06-21 09:00")))
    yield bot
    await bot.close()


async def test_the_bot_stamps_ideas_and_answers_by_its_own_clock(clocked: BotHarness) -> None:
    """The running bot hands its clock to the idea and poll repositories."""
    user = await clocked.user("Yosef")
    profile = Profile("Yosef Jehalu", "Kecamatan Cibal", "camat", "Cibal")
    await clocked.repo.register_self(user.id, profile, 1, "online")
    await user.send("#ekonomi #5th Pasar desa online untuk kopi dan vanili")
    assert "diterima" in ((await user.reply()).text or "")
    idea = await clocked.ideas.get(1)
    assert idea is not None
    assert wita("2021-06-21 09:00") <= idea.created_at < wita("2021-06-21 09:01")
    assert clocked.services.polls.clock is clocked.settings.clock


async def test_export_caption_and_file_name_read_the_injected_clock(clocked: BotHarness) -> None:
    admin = await clocked.admin()
    await admin.send("/ekspor")
    await screen(admin)
    await admin.press(t("id", "export_all_stages"))
    await screen(admin)
    await admin.press(t("id", "btn_export_full"))
    document = None
    for _ in range(4):
        message = await admin.reply(timeout=30)
        if message.document is not None:
            document = message
            break
    assert document is not None and document.document is not None
    assert "21-06-2021 09:0" in (document.text or "")
    assert "_semua-tahap_20210621-090" in str(document.document["file_name"])


# --- waiting helpers say what did not happen -------------------------------------------------


async def test_waits_say_what_did_not_happen(harness: BotHarness) -> None:
    async def never() -> bool:
        return False

    async def why() -> str:
        return "the reminder of session 3 was marked missed"

    with pytest.raises(DidNotHappen) as caught:
        await wait_until(never, timeout=0.2, what="user Camat Cibal got a reminder", why=why)
    assert str(caught.value) == (
        "not within 0.2 s: user Camat Cibal got a reminder; "
        "the reminder of session 3 was marked missed"
    )
    with pytest.raises(DidNotHappen, match="none found: the sent reminder of session 3"):
        first_found([], "the sent reminder of session 3")

    user = await harness.user("Camat", last_name="Cibal")
    with pytest.raises(AssertionError) as silent:
        await user.reply(timeout=0.2, what="the check-in confirmation")
    assert str(silent.value).startswith(
        f"user Camat Cibal (id {user.id}) did not get the check-in confirmation from the bot "
        "within 0.2 s"
    )
