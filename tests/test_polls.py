"""Polls end to end: one result from 50 copies, answers changed and taken back, deadlines,
forged answers, hand votes, limits, roles, restarts; plus the pure rules."""

from __future__ import annotations

import asyncio
import json
import re
from collections.abc import Sequence
from pathlib import Path

import openpyxl
import pytest

from bot.core.jobs import PollRequest
from bot.dev.demo.wait import first_found
from bot.dev.emulator import SimUser
from bot.dev.emulator.client import BotMessage
from bot.dev.sandbox import FACILITATOR_ID, BotHarness, screen
from bot.jobs import polling
from bot.rules.audience import AudienceSpec
from bot.rules.poll_rules import (
    bar,
    competition_ranks,
    idea_option_text,
    options_problem,
    parse_deadline,
    parse_hand_votes,
    parse_idea_refs,
    question_problem,
    split_options,
)
from handlers.texts import t
from storage.export import ExportRequest, write_export
from storage.polls import AnswerOutcome, Poll, PollOption, PollRepository, PollResults
from tests.schedule_support import register, unpace_overall, wait_for
from tests.workbook_support import unmark

# --- helpers -------------------------------------------------------------------------------------


def polls_of(harness: BotHarness) -> PollRepository:
    assert harness.app is not None
    return polling.repository(harness.app)


async def people(
    harness: BotHarness, count: int, *, offline_every: int = 3, stage: int = 1
) -> list[SimUser]:
    """`count` participants registered through the Repository (fast); every third in the room."""
    unpace_overall(harness)
    gate = asyncio.Semaphore(50)

    async def one(i: int) -> SimUser:
        async with gate:
            return await harness.user(f"Peserta{i:03d}")

    users = list(await asyncio.gather(*(one(i) for i in range(count))))
    for i, user in enumerate(users):
        mode = "offline" if i % offline_every == offline_every - 1 else "online"
        await register(harness, user, name=f"Peserta {i:03d}", mode=mode, stage=stage)
    return users


def mode_of(index: int, offline_every: int = 3) -> str:
    return "offline" if index % offline_every == offline_every - 1 else "online"


async def facilitator(harness: BotHarness) -> SimUser:
    return await harness.user("Fasilitator", user_id=FACILITATOR_ID)


async def sent(harness: BotHarness, poll_id: int) -> dict[int, str]:
    """Wait until every copy is sent; chat id → that copy's Telegram poll id."""

    async def done() -> bool:
        return not await polls_of(harness).pending_copies(poll_id)

    await wait_for(done, timeout=20, what=f"every copy of poll #{poll_id} was sent")
    return {
        c.chat_id: c.tg_poll_id
        for c in await polls_of(harness).copies(poll_id)
        if c.tg_poll_id is not None
    }


async def results_when(harness: BotHarness, poll_id: int, voters: int) -> PollResults:
    """The result once it counts `voters` voters (answers are processed concurrently)."""
    found: list[PollResults] = []

    async def ready() -> bool:
        results = await polls_of(harness).results(poll_id)
        assert results is not None
        found[:] = [results]
        return results.voters == voters

    async def why() -> str:
        return f"it counts {found[0].voters if found else 'nothing'}"

    await wait_for(ready, timeout=10, what=f"poll #{poll_id} counted {voters} voters", why=why)
    await asyncio.sleep(0.2)  # nothing more is coming
    results = await polls_of(harness).results(poll_id)
    assert results is not None and results.voters == voters, results
    return results


async def launch(
    harness: BotHarness,
    *,
    options: Sequence[str] = ("Ya", "Tidak", "Belum tahu"),
    anonymous: bool = False,
    multiple: bool = False,
    audience: str = "all",
    deadline_minutes: float = 0,
    share: bool = False,
    question: str = "Apakah jaringan internet kecamatan cukup untuk layanan daring?",
) -> Poll:
    """A poll as the form would make it (the form itself is tested on its own)."""
    assert harness.app is not None
    poll = await polling.launch(
        harness.app,
        PollRequest(
            spec=AudienceSpec(audience, 1),
            question=question,
            options=[PollOption(i, o) for i, o in enumerate(options)],
            multiple=multiple,
            anonymous=anonymous,
            created_by=FACILITATOR_ID,
            deadline_minutes=deadline_minutes,
            share_results=share,
        ),
    )
    assert poll is not None
    return poll


async def answer_all(
    users: Sequence[SimUser], ids: dict[int, str], choices: Sequence[list[int]]
) -> None:
    await asyncio.gather(
        *(u.answer_poll(ids[u.id], c) for u, c in zip(users, choices, strict=False))
    )


def counts(results: PollResults) -> list[int]:
    return [o.telegram for o in results.options]


async def poll_by_chat(
    fac: SimUser,
    question: str,
    options: str,
    *,
    multiple: bool = False,
    anonymous: bool = False,
    audience: str = "all",
    deadline: str | None = None,
) -> tuple[BotMessage, BotMessage]:
    """Walk the /polling form; returns (the confirmation screen, the live result message)."""
    await fac.send("/polling")
    assert "Polling baru" in ((await fac.reply()).text or "")
    await fac.send(question)
    assert "pilihan jawaban" in ((await fac.reply()).text or "")
    await fac.send(options)
    assert "Selesai" in str((await fac.reply()).buttons)
    await fac.press("✅ Selesai")
    assert "Berapa jawaban" in ((await screen(fac)).text or "")
    await fac.press("Lebih dari satu" if multiple else "Satu jawaban")
    assert "Anonim atau bernama" in ((await screen(fac)).text or "")
    await fac.press("🕶 Anonim" if anonymous else "👤 Bernama")
    assert "Siapa yang menerima" in ((await screen(fac)).text or "")
    await fac.press(t("id", f"btn_audience_{audience}"))
    assert "Kapan polling ditutup" in ((await screen(fac)).text or "")
    if deadline is None:
        await fac.press("Tanpa batas waktu")
    else:
        await fac.send(deadline)
    confirm = await screen(fac)
    assert "Periksa polling" in (confirm.text or ""), confirm.text
    await fac.press(confirm.buttons[0][0], confirm.message_id)
    assert "sedang dikirim" in ((await screen(fac)).text or "")
    return confirm, await fac.reply()


# --- pure rules ----------------------------------------------------------------------------------


def test_rules_limits_deadlines_ranks() -> None:
    assert question_problem("  ") == ("poll_question_empty", {})
    assert question_problem("x" * 300) is None
    assert question_problem("x" * 301) == ("poll_question_too_long", {"max": 300, "length": 301})
    assert split_options("1. Ya\n\n- Tidak\n• Belum tahu \n2024 anggaran") == [
        "Ya",
        "Tidak",
        "Belum tahu",
        "2024 anggaran",
    ]
    assert options_problem(["Ya"], ["ya"]) == ("poll_option_duplicate", {"option": "ya"})
    assert options_problem([], ["x" * 101])[0] == "poll_option_too_long"  # type: ignore[index]
    assert options_problem([str(i) for i in range(8)], ["a", "b", "c"]) == (
        "poll_too_many_options",
        {"max": 10, "have": 8},
    )
    assert options_problem([], []) == ("poll_option_empty", {})
    assert parse_deadline("30m", "id") == 30
    assert parse_deadline("2j", "id") == 120
    assert parse_deadline("2h", "en") == 120  # two hours in English
    assert parse_deadline("1h", "id") == 1440  # one day (hari) in Indonesian
    assert parse_deadline("1d", "en") == parse_deadline("1 hari", "id") == 1440
    assert parse_deadline("45", "id") == 45
    assert parse_deadline("tanpa", "id") == 0
    assert parse_deadline("8 hari", "id") == "poll_deadline_too_long"
    assert parse_deadline("besok", "id") == "poll_deadline_bad"
    assert parse_deadline("0m", "en") == "poll_deadline_bad"
    assert parse_hand_votes("1 12\n2: 3\n3=-1", 3) == [(0, 12), (1, 3), (2, -1)]
    assert parse_hand_votes("4 2", 3) == ("hand_bad_option", {"number": 4, "max": 3})
    assert parse_hand_votes("satu dua", 3)[0] == "hand_bad_line"  # type: ignore[index]
    assert parse_hand_votes("1 0", 3)[0] == "hand_bad_count"  # type: ignore[index]
    assert competition_ranks({"a": 5, "b": 3, "c": 3, "d": 1, "e": 0}) == {
        "a": 1,
        "b": 2,
        "c": 2,
        "d": 4,
        "e": 5,
    }
    assert competition_ranks({"a": 0, "b": 0}) == {"a": 1, "b": 1}
    option = idea_option_text("#I-0042", "Pasar desa online " * 20)
    assert len(option) <= 100 and option.startswith("#I-0042 Pasar desa") and option.endswith("…")
    assert idea_option_text("#I-0001", "Wifi  desa") == "#I-0001 Wifi desa"
    assert parse_idea_refs("#I-0012 I-15, 7 #i-0012") == [12, 15, 7]
    assert parse_idea_refs("#I-0012 ide") is None
    assert bar(9, 20) == "█████░░░░░" and bar(0, 0) == "░" * 10 and bar(20, 20) == "█" * 10


# --- the form and a named poll to 50 --------------------------------------------------------------


async def test_named_poll_to_50_counts_changed_and_retracted_answers(harness: BotHarness) -> None:
    users = await people(harness, 50)
    fac = await facilitator(harness)
    confirm, live = await poll_by_chat(
        fac,
        "Apakah jaringan internet kecamatan cukup untuk layanan daring?",
        "1. Cukup\n2. Kurang\n3. Belum tahu",
    )
    assert "50 orang" in (confirm.text or "") and "bernama" in (confirm.text or "")
    assert "Polling #1" in (live.text or "") and live.buttons[0] == [
        "🔄 Perbarui",
        "✋ Catat suara tangan",
    ]
    ids = await sent(harness, 1)
    assert len(ids) == 50 and len(set(ids.values())) == 50  # one copy, one poll id each
    copy = await users[0].reply()
    assert copy.poll is not None and not copy.poll["is_anonymous"]
    assert [o["text"] for o in copy.poll["options"]] == ["Cukup", "Kurang", "Belum tahu"]

    # 20 answer: 12 "Cukup", 8 "Kurang"; then 3 change to "Kurang", 2 take it back.
    first = users[:20]
    await answer_all(first, ids, [[0]] * 12 + [[1]] * 8)
    await results_when(harness, 1, 20)
    await answer_all(first[:3], ids, [[1]] * 3)
    await answer_all(first[3:5], ids, [[], []])
    results = await results_when(harness, 1, 18)
    assert counts(results) == [7, 11, 0]
    online = sum(mode_of(i) == "online" for i in [0, 1, 2, *range(5, 20)])
    assert (results.voters_online, results.voters_offline) == (online, 18 - online)
    assert (results.recipients_online, results.recipients_offline) == (34, 16)
    assert sum(o.online for o in results.options) == online

    await fac.press("🔄 Perbarui", live.message_id)
    text = (await screen(fac)).text or ""
    assert "1. Cukup\n████░░░░░░ 39% · 7 (daring" in text  # 7 of 18 voters
    assert "2. Kurang\n██████░░░░ 61% · 11" in text
    assert "Menjawab: 18 dari 50 (36%)" in text and f"daring {online}/34" in text
    assert "Belum terkirim" not in text

    await fac.send("/hasil")
    listing = await fac.reply()
    assert "#1" in (listing.text or "") and listing.buttons == [["📊 #1"]]
    await fac.send("/hasil 1")
    assert "7" in ((await fac.reply()).text or "")
    await fac.send("/hasil 99")
    assert "Polling #99 tidak ada" in ((await fac.reply()).text or "")
    entries = await harness.services.admin.latest()
    sent_entry = first_found(
        (e for e in entries if e.action == "poll.send"), "a poll.send audit entry"
    )
    assert sent_entry.details["recipients"] == 50 and sent_entry.actor == FACILITATOR_ID


async def test_anonymous_poll_adds_up_the_counts_of_every_copy(harness: BotHarness) -> None:
    users = await people(harness, 50)
    poll = await launch(harness, anonymous=True, multiple=True)
    ids = await sent(harness, poll.id)
    copy = await users[0].reply()
    assert (
        copy.poll is not None and copy.poll["is_anonymous"] and copy.poll["allows_multiple_answers"]
    )
    await answer_all(users[:15], ids, [[0, 1]] * 10 + [[2]] * 5)
    results = await results_when(harness, poll.id, 15)
    assert counts(results) == [10, 10, 5]
    await answer_all(users[:2], ids, [[2], [2]])  # changed
    await answer_all(users[2:3], ids, [[]])  # taken back
    results = await results_when(harness, poll.id, 14)
    assert counts(results) == [7, 7, 7]
    online = sum(mode_of(i) == "online" for i in range(14))
    assert results.voters_online == online and results.voters_offline == 14 - online
    # Telegram names nobody in an anonymous poll; nothing says who answered once it is closed.
    assert harness.app is not None
    await polling.close_now(harness.app, poll.id, by=FACILITATOR_ID)
    await polling.runner(harness.app).idle()
    db = harness.repo.db
    linked = await db.fetchone(
        "SELECT COUNT(*) FROM poll_copies WHERE poll_id = ? AND participant_id IS NOT NULL",
        (poll.id,),
    )
    assert linked is not None and linked[0] == 0
    final = await polls_of(harness).results(poll.id)
    assert final is not None and counts(final) == [7, 7, 7] and final.voters == 14


async def test_forged_and_foreign_answers_change_nothing(harness: BotHarness) -> None:
    users = await people(harness, 6, offline_every=2)  # 3 online, 3 in the room
    outsider = users[1]  # in the room: not in an "online" poll's audience
    poll = await launch(harness, audience="online")
    ids = await sent(harness, poll.id)
    assert outsider.id not in ids and len(ids) == 3
    await users[0].answer_poll(ids[users[0].id], [1])
    await results_when(harness, poll.id, 1)
    # Someone else votes in the first user's copy (a forwarded poll, a forged update).
    await outsider.answer_poll(ids[users[0].id], [0])
    await users[2].answer_poll(ids[users[0].id], [0])
    await asyncio.sleep(0.3)
    results = await results_when(harness, poll.id, 1)
    assert counts(results) == [0, 1, 0]
    repo = polls_of(harness)
    assert (await repo.record_answer("no-such-poll", users[0].id, [0])).outcome is (
        AnswerOutcome.UNKNOWN_POLL
    )
    forged = await repo.record_answer(ids[users[0].id], outsider.id, [2])
    assert forged.outcome is AnswerOutcome.NOT_RECIPIENT
    out_of_range = await repo.record_answer(ids[users[0].id], users[0].id, [7])
    assert out_of_range.outcome is AnswerOutcome.IGNORED
    assert counts(await results_when(harness, poll.id, 1)) == [0, 1, 0]


# --- deadlines, closing, restarts -----------------------------------------------------------


async def test_deadline_stops_every_copy_and_shares_the_result(harness: BotHarness) -> None:
    users = await people(harness, 12)
    fac = await facilitator(harness)
    poll = await launch(harness, deadline_minutes=1.5 / 60, share=True)  # 1.5 seconds
    assert harness.app is not None
    assert [j.name for j in polling.jobs_armed(harness.app)] == [f"poll:{poll.id}"]
    ids = await sent(harness, poll.id)
    await answer_all(users[:5], ids, [[0], [0], [1], [2], [0]])
    await results_when(harness, poll.id, 5)

    async def finished() -> bool:
        found = await polls_of(harness).get_poll(poll.id)
        return found is not None and found.finished_at is not None

    await wait_for(finished, timeout=15, what=f"poll #{poll.id} was finished")
    closed = await polls_of(harness).get_poll(poll.id)
    assert closed is not None and closed.status == "closed" and closed.closed_by is None
    for copy in await polls_of(harness).copies(poll.id):
        assert copy.stopped_at is not None
    for user in users:
        messages = await user.messages()
        assert messages[0].poll is not None and messages[0].poll["is_closed"]
        assert "Hasil akhir polling #1" in (messages[-1].text or "")
    report = await fac.reply()
    assert "Polling #1" in (report.text or "") and "ditutup" in (report.text or "")
    assert "3 dari 12" not in (report.text or "") and "5 dari 12" in (report.text or "")
    # A vote after the end changes nothing (Telegram refuses it on a closed poll anyway).
    late = await polls_of(harness).record_answer(ids[users[9].id], users[9].id, [1])
    assert late.outcome is AnswerOutcome.FINISHED
    entry = first_found(
        (e for e in await harness.services.admin.latest() if e.action == "poll.close"),
        "a poll.close entry in the audit log",
    )
    assert entry.details["by_deadline"] and entry.details["voters"] == 5


async def test_restart_keeps_counting_and_still_closes_at_the_deadline(
    harness: BotHarness,
) -> None:
    users = await people(harness, 8)
    poll = await launch(harness, deadline_minutes=3 / 60)  # 3 seconds
    ids = await sent(harness, poll.id)
    await answer_all(users[:3], ids, [[0], [1], [1]])
    await results_when(harness, poll.id, 3)
    await harness.restart()
    unpace_overall(harness)
    await answer_all(users[3:6], ids, [[2], [2], [0]])
    results = await results_when(harness, poll.id, 6)
    assert counts(results) == [2, 2, 2]

    async def finished() -> bool:
        found = await polls_of(harness).get_poll(poll.id)
        return found is not None and found.finished_at is not None

    await wait_for(finished, timeout=15, what=f"poll #{poll.id} was finished")
    for user in users:
        assert (await user.messages())[0].poll["is_closed"]  # type: ignore[index]


async def test_close_by_hand_after_confirmation_and_remind_the_rest(harness: BotHarness) -> None:
    users = await people(harness, 6)
    fac = await facilitator(harness)
    poll = await launch(harness)
    ids = await sent(harness, poll.id)
    await answer_all(users[:2], ids, [[0], [1]])
    await results_when(harness, poll.id, 2)
    await fac.send(f"/hasil {poll.id}")
    live = await fac.reply()
    for user in users:
        await user.reply()  # the poll
    await fac.press("🔔 Kirim pengingat", live.message_id)
    ask = await screen(fac)
    assert "4 orang" in (ask.text or "")
    await fac.press("🔔 Kirim ke 4", ask.message_id)
    assert "sedang dikirim ke 4 orang" in ((await screen(fac)).text or "")
    assert "terkirim 4, gagal 0" in ((await fac.reply()).text or "")
    for user in users[2:]:
        reminder = await user.reply()
        assert "Mohon jawab polling ini" in (reminder.text or "")
        assert (
            reminder.raw["reply_to_message"]["message_id"] == (await user.messages())[0].message_id
        )
    for user in users[:2]:
        await user.no_reply(within=0.1)

    await fac.send(f"/hasil {poll.id}")
    live = await fac.reply()
    await fac.press("⏹ Tutup sekarang", live.message_id)
    ask = await screen(fac)
    assert "Tutup polling #1 sekarang?" in (ask.text or "")
    await fac.press("« Kembali", ask.message_id)
    assert "Polling #1" in ((await screen(fac)).text or "")
    current = await polls_of(harness).get_poll(poll.id)
    assert current is not None and current.is_open
    await fac.press("⏹ Tutup sekarang", live.message_id)
    ask = await screen(fac)
    await fac.press("⏹ Ya, tutup", ask.message_id)
    assert "ditutup" in ((await screen(fac)).text or "")
    again = await fac.press_data(ask.message_id, f"pol:clsok:{poll.id}")  # a double tap
    assert "sudah ditutup" in (await fac.callback_answer(again))["text"]
    final = await fac.reply()
    assert "ditutup" in (final.text or "") and "2 dari 6" in (final.text or "")
    assert final.buttons == [["🔄 Perbarui", "✋ Catat suara tangan"]]
    for user in users:
        assert (await user.messages())[0].poll["is_closed"]  # type: ignore[index]


# --- hand votes ---------------------------------------------------------------------------------


async def test_hand_votes_are_added_and_shown_apart(harness: BotHarness) -> None:
    users = await people(harness, 4)
    fac = await facilitator(harness)
    poll = await launch(harness)
    ids = await sent(harness, poll.id)
    await answer_all(users[:3], ids, [[0], [0], [1]])
    await results_when(harness, poll.id, 3)
    await fac.send(f"/hasil {poll.id}")
    live = await fac.reply()
    await fac.press("✋ Catat suara tangan", live.message_id)
    ask = await fac.reply()
    assert "Suara angkat tangan — polling #1" in (ask.text or "") and "1. Ya" in (ask.text or "")
    await fac.send("4 12")
    assert "Tidak ada pilihan nomor 4" in ((await fac.reply()).text or "")
    await fac.send("1 banyak")
    assert "tidak terbaca" in ((await fac.reply()).text or "")
    await fac.send("1 12\n2 3")
    assert "15 suara tangan dicatat" in ((await fac.reply()).text or "")
    text = (await fac.reply()).text or ""
    assert "1. Ya\n███████░░░ 67% · 2" in text  # Telegram answers: 2 of 3
    assert "Suara angkat tangan" in text and "1: 12 · 2: 3 · 3: 0" in text
    assert "Telegram + tangan: 1: 14 · 2: 4 · 3: 0" in text
    # A correction may not take an option below zero; the command form works too.
    await fac.send(f"/suaratangan {poll.id} 2 -5")
    assert "kurang dari nol" in ((await fac.reply()).text or "")
    await fac.send(f"/suaratangan {poll.id} 2 -1")
    assert "-1 suara tangan" in ((await fac.reply()).text or "")
    await fac.reply()
    results = await polls_of(harness).results(poll.id)
    assert results is not None
    assert [o.hand for o in results.options] == [12, 2, 0] and counts(results) == [2, 1, 0]
    assert results.hand_entries == 3
    await fac.send("/suaratangan")
    assert "Cara pakai" in ((await fac.reply()).text or "")
    await fac.send("/suaratangan 77")
    assert "Polling #77 tidak ada" in ((await fac.reply()).text or "")
    hands = [e for e in await harness.services.admin.latest() if e.action == "poll.hand_votes"]
    assert len(hands) == 2 and hands[-1].details == {"entries": 2, "options": [1, 2], "votes": 15}


# --- roles and bad input ------------------------------------------------------------------------


async def test_participants_cannot_create_or_close_polls(harness: BotHarness) -> None:
    users = await people(harness, 2)
    poll = await launch(harness)
    await sent(harness, poll.id)
    someone = users[0]
    await someone.reply()  # the poll
    for command in (
        "/polling Siapa ketua?",
        "/poll",
        "/hasil 1",
        "/suaratangan 1 1 5",
        "/prioritas",
    ):
        await someone.send(command)
        assert "hanya untuk fasilitator" in ((await someone.reply()).text or ""), command
    for data in ("pol:clsok:1", "pol:cls:1", "pol:rmdok:1", "pol:send", "pol:hand:1", "pol:res:1"):
        query = await someone.press_data((await someone.messages())[0].message_id, data)
        assert "hanya untuk fasilitator" in (await someone.callback_answer(query))["text"], data
    await someone.send("Siapa ketua?")  # no form was started
    assert "bantuan" in ((await someone.reply()).text or "")
    current = await polls_of(harness).get_poll(poll.id)
    assert current is not None and current.is_open
    results = await polls_of(harness).results(poll.id)
    assert results is not None and results.hand_total == 0
    assert len(await polls_of(harness).latest_polls()) == 1


async def test_form_refuses_what_telegram_would_refuse(harness: BotHarness) -> None:
    await people(harness, 3)
    fac = await facilitator(harness)
    await fac.send("/polling")
    await fac.reply()
    await fac.send("x" * 301)
    assert "terlalu panjang: 301 karakter" in ((await fac.reply()).text or "")
    await fac.send_sticker()
    assert "teks biasa" in ((await fac.reply()).text or "")
    await fac.send("Kapan sesi berikutnya?")
    await fac.reply()
    await fac.send("Pagi\n" + "y" * 101)
    assert "Pilihan ke-2 terlalu panjang: 101 karakter" in ((await fac.reply()).text or "")
    await fac.send("Pagi")
    need_more = await fac.reply()
    assert "paling sedikit 2" in (need_more.text or "") and need_more.buttons == []
    await fac.send("pagi")
    assert "sudah ada" in ((await fac.reply()).text or "")
    await fac.send("\n".join(f"Jam {i}" for i in range(10)))
    assert "Paling banyak 10 pilihan (sudah ada 1)" in ((await fac.reply()).text or "")
    await fac.send("\n".join(f"Jam {i}" for i in range(9)))  # 10 in all: the form moves on
    assert "Berapa jawaban" in ((await fac.reply()).text or "")
    stale = await fac.press_data(need_more.message_id, "pol:optok")
    assert "sudah selesai" in (await fac.callback_answer(stale))["text"]
    await fac.press("Satu jawaban")
    await screen(fac)
    await fac.press("👤 Bernama")
    await screen(fac)
    await fac.press(t("id", "btn_audience_online"))
    await screen(fac)
    await fac.send("besok pagi")
    assert "bukan waktu yang saya kenal" in ((await fac.reply()).text or "")
    await fac.send("8h")  # 8 hari
    assert "paling lama 7 hari" in ((await fac.reply()).text or "")
    await fac.send("/rekapide")  # another feature's command works; the form waits
    assert "Rekap ide" in ((await fac.reply()).text or "")
    await fac.send("/apaini")
    assert "sedang membuat polling" in ((await fac.reply()).text or "")
    await fac.send("2j")
    confirm = await fac.reply()
    assert "2 jam — ditutup" in (confirm.text or "")
    await fac.press("📢 Bagikan hasil", confirm.message_id)
    toggled = await screen(fac)
    assert "Hasil akhir dikirim ke peserta: ya" in (toggled.text or "")
    await fac.send("/batal")
    assert "Tidak ada polling yang dikirim" in ((await fac.reply()).text or "")
    assert await polls_of(harness).latest_polls() == []
    late = await fac.press_data(confirm.message_id, confirm.button_data[0][0] or "")
    assert "sudah selesai" in (await fac.callback_answer(late))["text"]
    assert await polls_of(harness).latest_polls() == []


async def test_english_facilitator_and_a_poll_with_nobody_to_reach(harness: BotHarness) -> None:
    await people(harness, 3, offline_every=100)  # all online
    fac = await harness.user("Facilitator", user_id=FACILITATOR_ID, language_code="en")
    await fac.send("/poll Is the venue easy to reach?")
    assert "answer options" in ((await fac.reply()).text or "")
    await fac.send("Yes\nNo")
    await fac.reply()
    await fac.press("✅ Done")
    await screen(fac)
    await fac.press("One answer")
    await screen(fac)
    await fac.press("🕶 Anonymous")
    await screen(fac)
    await fac.press(t("en", "btn_audience_offline"))
    await screen(fac)
    await fac.send("2h")
    nobody = await fac.reply()
    assert "Nobody the bot can reach" in (nobody.text or "")
    assert "Who gets this poll?" in ((await fac.reply()).text or "")
    await fac.press(t("en", "btn_audience_all"))
    await screen(fac)
    await fac.send("2h")
    confirm = await fac.reply()
    assert "2 hours — closes" in (confirm.text or "") and "3 people" in (confirm.text or "")
    await fac.press("📤 Send to 3", confirm.message_id)
    await screen(fac)
    live = await fac.reply()
    assert "Poll #1" in (live.text or "") and "anonymous" in (live.text or "")
    poll = await polls_of(harness).get_poll(1)
    assert poll is not None and poll.anonymous and poll.deadline_at is not None


# --- privacy and export ---------------------------------------------------------------------------


async def test_my_data_has_my_answers_and_erasure_unlinks_them(harness: BotHarness) -> None:
    users = await people(harness, 3)
    poll = await launch(harness)
    ids = await sent(harness, poll.id)
    await answer_all(users, ids, [[1], [0], [0]])
    await results_when(harness, poll.id, 3)
    privacy = harness.services.privacy
    data = await privacy.data_of(users[0].id)
    assert len(data["poll_answers"]) == 1
    mine = data["poll_answers"][0]
    assert mine["poll"] == poll.id and json.loads(mine["options"]) == ["Tidak"]
    await privacy.erase(users[0].id)
    assert (await privacy.data_of(users[0].id))["poll_answers"] == []
    db = harness.repo.db
    row = await db.fetchone(
        "SELECT COUNT(*) FROM poll_copies WHERE chat_id = ? OR participant_id = ?",
        (users[0].id, 1),
    )
    assert row is not None and row[0] == 0
    results = await polls_of(harness).results(poll.id)
    assert results is not None and counts(results) == [2, 1, 0]  # still counted, nameless


async def test_export_has_a_polling_sheet(harness: BotHarness, tmp_path: Path) -> None:
    from handlers.export import export_labels

    users = await people(harness, 4)
    named = await launch(harness, question="=SUM(A1) bernama?")
    ids = await sent(harness, named.id)
    anonymous = await launch(harness, anonymous=True)
    ids2 = await sent(harness, anonymous.id)
    await answer_all(users, ids, [[0], [1], [1], [2]])
    await answer_all(users[:2], ids2, [[0], [0]])
    await results_when(harness, named.id, 4)
    await results_when(harness, anonymous.id, 2)
    assert (
        await polls_of(harness).add_hand_votes(
            named.id, [(1, 5)], by=1, now=harness.settings.clock()
        )
        is not None
    )

    def export(public: bool) -> openpyxl.Workbook:
        request = ExportRequest(
            db_path=harness.repo.db.path,
            output=tmp_path / f"book-{public}.xlsx",
            labels=export_labels("id"),
            workshop_name="Bimtek",
            region="Kabupaten Manggarai",
            timezone="Asia/Makassar",
            public=public,
        )
        book = openpyxl.load_workbook(write_export(request).path)
        return book if public else unmark(book)

    book = export(False)
    sheet = book["Polling"]
    header = [c.value for c in sheet[1]]
    rows = [[c.value for c in r] for r in sheet.iter_rows(min_row=2)]
    first = dict(zip(header, rows[0], strict=False))
    assert first["Polling"] == "#1" and first["Pertanyaan"] == "=SUM(A1) bernama?"
    assert sheet.cell(row=2, column=4).data_type == "s"  # a formula-looking question stays text
    second = dict(zip(header, rows[1], strict=False))
    assert second["Pilihan"] == "Tidak" and second["Suara tangan"] == 5 and second["Total"] == 7
    assert first["Penerima"] == 4 and first["Menjawab"] == 4 and first["Partisipasi (%)"] == 1
    assert sheet.cell(row=2, column=header.index("Partisipasi (%)") + 1).number_format == "0%"
    assert sheet.max_row == 1 + 6  # two polls of three options; the answers have their sheet
    answers = [[c.value for c in r] for r in book["Jawaban polling"].iter_rows(min_row=2)]
    names = [r[2] for r in answers if r[0] == "#1" and str(r[2]).startswith("Peserta")]
    assert len(names) == 4  # the named answers, with names, in the full export
    assert not any(r[0] == "#2" for r in answers)
    shared = export(True)
    assert shared["Polling"].max_row == 1 + 6
    named_cells = [
        (ws.title, c.coordinate, c.value)
        for ws in shared.worksheets
        for r in ws.iter_rows()
        for c in r
        if re.search(r"Peserta \d{3}", str(c.value or ""))
    ]
    assert not named_cells
    # The shareable one keeps the named answers by participant number, never by name.
    assert [c.value for c in shared["Jawaban polling"][1]][:3] == [
        "Polling",
        "No. peserta",
        "Jabatan",
    ]
    assert shared["Jawaban polling"].max_row == 1 + 4


@pytest.mark.parametrize("lang", ["id", "en"])
def test_result_texts_fit_one_message(lang: str) -> None:
    import datetime as dt

    from handlers.polls.view import render_results
    from storage.polls import OptionTally

    poll = Poll(
        id=1,
        stage=1,
        kind="prioritisation",
        question="q" * 300,
        options=tuple(PollOption(i, "o" * 100, i + 1) for i in range(10)),
        multiple=True,
        anonymous=False,
        max_choices=3,
        dimension="economy",
        audience="{}",
        deadline_at=dt.datetime(2021, 6, 21, tzinfo=dt.UTC),
        share_results=True,
        status="open",
        created_by=1,
        created_at=dt.datetime(2021, 6, 21, tzinfo=dt.UTC),
        closed_at=None,
        closed_by=None,
        finished_at=None,
    )
    tallies = tuple(OptionTally(i, "o" * 100, i + 1, 999, 999, 99999) for i in range(10))
    results = PollResults(poll, tallies, 9999, 9999, 9999, 9999, 99, 9999, 99, 999)
    text = render_results(lang, results, dt.UTC)
    assert len(text) < 4096


async def test_demo_polls(harness: BotHarness) -> None:
    from bot.dev.demo.polls import demo_polls
    from storage.models import NewIdea

    users = await people(harness, 10)
    for i, text in enumerate(("Pasar desa online", "Wifi gratis di alun-alun", "Bank sampah")):
        await harness.ideas.submit(NewIdea(1, i + 1, "economy", "5", text, entered_by=1))
    lines: list[str] = []
    outcome = await demo_polls(harness, await facilitator(harness), users, lines.append)
    assert outcome["recipients"] == 10 and outcome["voters"] == outcome["answered"] == 9
    assert outcome["hand_votes"] == 8 and outcome["ranked"] == 3 and len(outcome["top"]) == 3
    assert any("│ 1." in line for line in lines), lines
    for user in users:
        texts = [m.text or "" for m in await user.messages()]
        assert any("Hasil akhir polling #1" in text for text in texts)


async def test_an_answer_may_overtake_the_commit_of_its_copy(harness: BotHarness) -> None:
    """Telegram can deliver a vote before the bot has stored the copy's poll id: it waits."""
    assert harness.app is not None
    current = polling.runner(harness.app)
    assert not await current.wait_recorded("never-sent")
    event = asyncio.Event()
    current.unrecorded["5300"] = event
    waiting = asyncio.create_task(current.wait_recorded("5300"))
    await asyncio.sleep(0.05)
    assert not waiting.done()
    event.set()
    assert await waiting
