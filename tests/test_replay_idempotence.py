"""What a replay after a kill does again: the same message handled twice changes nothing twice.

The inbox replays an update whose processing had not finished (bot/core/inbox.py). Here the emulator
delivers the same message a second time (`redeliver`, as a replay would hand it over again) and
the stored result is checked: one idea, one registration, one answer per person, hand votes once.
"""

from __future__ import annotations

from bot.dev.sandbox import BotHarness
from storage.models import Profile, RegisterOutcome
from tests.test_ideas import participant
from tests.test_polls import answer_all, facilitator, launch, people, polls_of, results_when, sent


async def test_an_idea_handled_twice_is_stored_once(harness: BotHarness) -> None:
    user = await participant(harness)
    _, update_id = await user.send_update("#ekonomi #5th Pasar desa online untuk kopi Manggarai")
    assert "#I-0001" in ((await user.reply()).text or "")
    await harness.client.redeliver(update_id)
    assert "#I-0001" in ((await user.reply()).text or "")  # told its number again, not a new one
    assert await harness.ideas.count() == 1


async def test_a_registration_confirmed_twice_registers_once(harness: BotHarness) -> None:
    """The confirm step replayed from its own state: the second time finds it stored."""
    user = await harness.user("Yosef")
    profile = Profile("Yosef Jehalu", "Kecamatan Cibal", "camat", "Cibal")
    first = await harness.repo.register_self(user.id, profile, 1, "online")
    again = await harness.repo.register_self(user.id, profile, 1, "online")
    assert first.outcome is RegisterOutcome.CREATED
    assert again.outcome is RegisterOutcome.ALREADY_REGISTERED
    assert len(await harness.repo.roster(1)) == 1
    offline = Profile("Maria Goreti", "Kecamatan Cibal", "camat", "Cibal")
    await harness.repo.register_offline(offline, 1, entered_by=900001)
    again = await harness.repo.register_offline(offline, 1, entered_by=900001)
    assert again.outcome is RegisterOutcome.ALREADY_REGISTERED
    assert len(await harness.repo.roster(1)) == 2


async def test_answers_and_hand_votes_handled_twice_count_once(harness: BotHarness) -> None:
    users = await people(harness, 3)
    fac = await facilitator(harness)
    poll = await launch(harness)
    ids = await sent(harness, poll.id)
    await answer_all(users, ids, [[0], [0], [1]])
    await answer_all(users, ids, [[0], [0], [1]])  # the same answers delivered again
    results = await results_when(harness, poll.id, 3)
    assert results.voters == 3
    _, update_id = await fac.send_update(f"/suaratangan {poll.id} 1 12")
    assert "12 suara tangan dicatat" in ((await fac.reply()).text or "")
    await fac.reply()  # the result
    await harness.client.redeliver(update_id)
    await fac.reply()
    hands = await polls_of(harness).results(poll.id)
    assert hands is not None
    assert hands.hand_total == 12
