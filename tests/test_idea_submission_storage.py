"""Storage reads the facts and writes the result of the submission rule, in one transaction; a
paper idea and its audit entry are written together or not at all. Real SQLite, no Telegram."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.rules.idea_rules import decide_submission
from bot.rules.timing import ShiftedClock
from storage.admin import AdminRepository
from storage.ideas import IdeaRepository
from storage.models import Accepted, IdeaOutcome, NewIdea, Profile, Refused, SubmissionFacts
from storage.repository import Repository

START = dt.datetime(2021, 6, 21, 1, 0, tzinfo=dt.UTC)
CLERK = 777


async def participant(repo: Repository) -> int:
    result = await repo.register_self(
        5, Profile("Yosef Jehalu", "Bappeda", "opd_staff"), 1, "offline"
    )
    assert result.participant is not None
    await repo.set_ideas_open(1, True)
    return result.participant.id


async def test_paper_ideas_do_not_count_against_the_senders_own_limit(repo: Repository) -> None:
    pid = await participant(repo)
    ideas = IdeaRepository(repo.db, ShiftedClock(START, ticking=False), rule=decide_submission)
    for n in range(3):
        paper = NewIdea(1, pid, "economy", "5", f"Ide kertas {n} pasar desa", entered_by=CLERK)
        assert (await ideas.submit(paper, per_minute=2)).outcome is IdeaOutcome.STORED
    own = [NewIdea(1, pid, "living", "1", f"Ide sendiri {n} air bersih") for n in range(3)]
    outcomes = [(await ideas.submit(new, per_minute=2)).outcome for new in own]
    assert outcomes == [IdeaOutcome.STORED, IdeaOutcome.STORED, IdeaOutcome.TOO_MANY]


async def test_storage_hands_the_rule_the_facts_and_obeys_its_verdict(repo: Repository) -> None:
    pid = await participant(repo)
    seen: list[SubmissionFacts] = []

    def refuse_second(facts: SubmissionFacts) -> Accepted | Refused:
        seen.append(facts)
        if facts.own_texts:
            return Refused(IdeaOutcome.DUPLICATE_TEXT, same_as=facts.own_texts[0][0])
        return Accepted()

    ideas = IdeaRepository(repo.db, ShiftedClock(START, ticking=False), rule=refuse_second)
    first = await ideas.submit(NewIdea(1, pid, "economy", "5", "  Pasar desa online "))
    second = await ideas.submit(NewIdea(1, pid, "economy", "5", "Sesuatu yang lain sama sekali"))
    assert first.outcome is IdeaOutcome.STORED and first.idea is not None
    assert second.outcome is IdeaOutcome.DUPLICATE_TEXT and second.idea == first.idea
    assert await ideas.count() == 1
    assert seen[0].text == "Pasar desa online" and seen[0].collection_open
    assert seen[0].now == START and not seen[0].typed_by_secretariat
    assert seen[1].own_texts == ((first.idea.id, "Pasar desa online"),)
    assert seen[1].recent_times == (START,)


async def test_a_paper_idea_is_stored_with_its_audit_entry(repo: Repository) -> None:
    pid = await participant(repo)
    ideas = IdeaRepository(repo.db, ShiftedClock(START, ticking=False), rule=decide_submission)
    result = await ideas.submit(NewIdea(1, pid, "economy", "5", "Pasar desa", entered_by=CLERK))
    assert result.idea is not None
    (entry,) = await AdminRepository(repo.db).latest()
    assert (entry.actor, entry.action, entry.subject) == (CLERK, "idea.paper", result.idea.ref)
    assert entry.details == {"participant": f"P-{pid:04d}"}
    assert entry.at == START
    await ideas.submit(NewIdea(1, pid, "economy", "1", "Air bersih desa"))  # self-sent: no entry
    assert len(await AdminRepository(repo.db).latest()) == 1


async def test_a_paper_idea_whose_audit_entry_fails_is_not_stored(repo: Repository) -> None:
    pid = await participant(repo)
    ideas = IdeaRepository(repo.db, ShiftedClock(START, ticking=False), rule=decide_submission)
    await repo.db.execute("DROP TABLE audit_log")
    with pytest.raises(Exception, match="audit_log"):
        await ideas.submit(NewIdea(1, pid, "economy", "5", "Pasar desa", entered_by=CLERK))
    assert await ideas.count() == 0
