"""Idea prioritisation end to end: a vote on a dimension's ideas, at most N choices enforced,
ranks with ties kept on the ideas, hand votes moving the ranks, ideas chosen by reference."""

from __future__ import annotations

import asyncio

from bot.dev.demo.wait import first_found
from bot.dev.emulator import SimUser
from bot.dev.sandbox import ADMIN_ID, BotHarness, screen
from bot.jobs import polling
from handlers.texts import t
from storage.models import NewIdea
from tests.test_polls import (
    answer_all,
    facilitator,
    people,
    polls_of,
    results_when,
    sent,
)

TEXTS = [
    "Pasar desa online untuk kopi Manggarai dan hasil bumi lainnya",
    "Aplikasi pembayaran retribusi pasar tanpa uang tunai",
    "Pelatihan pemasaran digital untuk UMKM tenun songke",
    "Sistem informasi harga komoditas pertanian per kecamatan",
    "Koperasi digital untuk petani kopi di Satar Mese",
]


async def ideas_for(
    harness: BotHarness, users: list[SimUser], dimension: str = "economy"
) -> list[int]:
    """One idea per text, each from its own participant (entered as paper ideas: no rate limit)."""
    ids = []
    for i, text in enumerate(TEXTS):
        participant = await harness.repo.participant_by_telegram(users[i].id)
        assert participant is not None
        result = await harness.ideas.submit(
            NewIdea(1, participant.id, dimension, "5", text, entered_by=ADMIN_ID)
        )
        assert result.idea is not None
        ids.append(result.idea.id)
    return ids


async def test_vote_on_a_dimension_ranks_ideas_with_ties(harness: BotHarness) -> None:
    users = await people(harness, 10)
    await harness.repo.set_user_language(users[9].id, "en")
    idea_ids = await ideas_for(harness, users)
    fac = await facilitator(harness)
    await fac.send("/prioritas")
    scope = await fac.reply()
    assert "Pemungutan suara prioritas ide" in (scope.text or "")
    assert ["⭐ Ide teratas"] in scope.buttons
    await fac.press("Smart Economy", scope.message_id)
    ballot = await screen(fac)
    assert "Ide yang dipilih (5)" in (ballot.text or "")
    assert "1. #I-0005 Koperasi digital untuk petani kopi" in (ballot.text or "")  # newest first
    assert ballot.buttons[0] == ["1", "2", "3"]
    forged = await fac.press_data(ballot.message_id, "pol:pn:5")  # N must be under 5
    assert "tidak dikenali" in (await fac.callback_answer(forged))["text"]
    await fac.press("2", ballot.message_id)
    await screen(fac)
    await fac.press(t("id", "btn_audience_all"))
    await screen(fac)
    await fac.press("Tanpa batas waktu")
    confirm = await screen(fac)
    assert "Pilih paling banyak 2 ide" in (confirm.text or "") and "10 orang" in (
        confirm.text or ""
    )
    await fac.press(confirm.buttons[0][0], confirm.message_id)
    await screen(fac)
    live = await fac.reply()
    assert "🏆" in (live.text or "")

    ids = await sent(harness, 1)
    copy = (await users[0].reply()).poll
    assert copy is not None and not copy["is_anonymous"] and copy["allows_multiple_answers"]
    assert (
        copy["question"]
        == "Pilih paling banyak 2 ide untuk diprioritaskan — Smart Economy (ekonomi)"
    )
    assert copy["options"][0]["text"].startswith("#I-0005 Koperasi digital")
    english = (await users[9].reply()).poll
    assert english is not None and english["question"].startswith("Choose at most 2 ideas")

    # Positions 0..4 are ideas 5..1: 5, 3, 3, 1, 0 votes; a seventh voter picks three.
    choices = [[0, 1], [0, 1], [0, 2], [0, 2], [0, 3], [1, 2], [0, 1, 2]]
    await answer_all(users[:7], ids, choices)
    results = await results_when(harness, 1, 6)
    assert [o.telegram for o in results.options] == [5, 3, 3, 1, 0] and results.invalid == 1
    assert (await users[6].reply()).poll is not None
    notice = await users[6].reply()
    assert "belum dihitung" in (notice.text or "") and "paling banyak 2" in (notice.text or "")
    await users[6].answer_poll(ids[users[6].id], [])
    await users[6].answer_poll(ids[users[6].id], [4])
    results = await results_when(harness, 1, 7)
    assert [o.telegram for o in results.options] == [5, 3, 3, 1, 1] and results.invalid == 0

    await fac.press("🔄 Perbarui", live.message_id)
    text = (await screen(fac)).text or ""
    assert "🏆 <b>Peringkat</b>" not in text and "Peringkat" in text
    for line in ("1. #I-0005", "2. #I-0004", "2. #I-0003", "4. #I-0002", "4. #I-0001"):
        assert line in text, line
    await fac.press("⏹ Tutup sekarang", live.message_id)
    await fac.press("⏹ Ya, tutup", (await screen(fac)).message_id)
    await screen(fac)
    assert harness.app is not None
    await polling.runner(harness.app).idle()
    final = (await fac.reply()).text or ""
    assert "ditutup" in final and "4. #I-0001" in final
    ranks = {i: (await harness.ideas.get(i)).priority_rank for i in idea_ids}  # type: ignore[union-attr]
    assert ranks == {idea_ids[4]: 1, idea_ids[3]: 2, idea_ids[2]: 2, idea_ids[1]: 4, idea_ids[0]: 4}

    # Hands in the room count too: three for idea 1 lift it to second place.
    await fac.send("/suaratangan 1 5 3")
    assert "3 suara tangan" in ((await fac.reply()).text or "")
    await fac.reply()
    ranks = {i: (await harness.ideas.get(i)).priority_rank for i in idea_ids}  # type: ignore[union-attr]
    assert ranks == {idea_ids[4]: 1, idea_ids[0]: 2, idea_ids[3]: 3, idea_ids[2]: 3, idea_ids[1]: 5}
    entry = first_found(
        (e for e in await harness.services.admin.latest() if e.action == "poll.send"),
        "a poll.send entry in the audit log",
    )
    assert entry.details["kind"] == "prioritisation" and entry.details["ideas"] == idea_ids[::-1]

    # The stage's top ideas: the ranked ones first, best first.
    await fac.send("/prioritas")
    await fac.reply()
    await fac.press("⭐ Ide teratas")
    top = (await screen(fac)).text or ""
    assert top.index("#I-0005") < top.index("#I-0001") < top.index("#I-0004")


async def test_vote_on_ideas_named_by_reference(harness: BotHarness) -> None:
    users = await people(harness, 6)
    await ideas_for(harness, users)
    fac = await facilitator(harness)
    await fac.send("/prioritas #I-0002, I-4 1")
    ballot = await fac.reply()
    assert "Ide yang dipilih (3)" in (ballot.text or "")
    assert (ballot.text or "").index("#I-0002") < (ballot.text or "").index("#I-0001")
    assert ballot.buttons[0] == ["1", "2"]
    await fac.press("1", ballot.message_id)
    await screen(fac)
    await fac.press(t("id", "btn_audience_online"))
    await screen(fac)
    await fac.send("1j")
    confirm = await fac.reply()
    await fac.press(confirm.buttons[0][0], confirm.message_id)
    await screen(fac)
    await fac.reply()
    poll = await polls_of(harness).get_poll(1)
    assert poll is not None and poll.max_choices == 1 and not poll.multiple
    assert [o.idea_id for o in poll.options] == [2, 4, 1] and poll.deadline_at is not None
    ids = await sent(harness, 1)
    online = [u for u in users if u.id in ids]
    await asyncio.gather(*(u.answer_poll(ids[u.id], [1]) for u in online))
    results = await results_when(harness, 1, len(online))
    assert [o.telegram for o in results.options] == [0, len(online), 0]

    for command, expected in (
        ("/prioritas #I-0099 #I-0001", "#I-0099"),
        ("/prioritas ide bagus", "Cara pakai"),
        ("/prioritas " + " ".join(str(i) for i in range(1, 12)), "Paling banyak 10 ide"),
        ("/prioritas 3", "paling sedikit 2 ide"),
    ):
        await fac.send(command)
        assert expected in ((await fac.reply()).text or ""), command
    assert len(await polls_of(harness).latest_polls()) == 1


async def test_a_dimension_without_enough_ideas_is_refused(harness: BotHarness) -> None:
    users = await people(harness, 2)
    await harness.ideas.submit(
        NewIdea(1, 1, "living", "1", "Puskesmas keliling dengan jadwal daring", entered_by=ADMIN_ID)
    )
    assert users
    fac = await facilitator(harness)
    await fac.send("/prioritas")
    scope = await fac.reply()
    query = await fac.press("Smart Living", scope.message_id)
    assert "paling sedikit 2 ide" in (await fac.callback_answer(query))["text"]
    await fac.send("/batal")
    assert "Tidak ada polling" in ((await fac.reply()).text or "")
    assert await polls_of(harness).latest_polls() == []
