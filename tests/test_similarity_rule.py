"""The similarity measure's contract: symmetric, blind to case and filler words, and the store of
supports counts one per person (the quality on a labelled set is measured in bench/)."""

from __future__ import annotations

from bot.rules.idea_rules import decide_submission
from bot.rules.similarity import is_similar, most_similar, normalise, score
from storage.ideas import IdeaRepository
from storage.models import NewIdea, Profile
from storage.repository import Repository
from storage.supports import SupportRepository


def test_filler_words_case_and_affixes_do_not_make_an_idea_new() -> None:
    a = "Perlu pelatihan UMKM untuk pemasaran online"
    b = "pelatihan pemasaran online bagi umkm"
    assert score(a, b) == score(b, a)
    assert is_similar(a, b)
    assert not is_similar(a, "Perbaikan jalan desa menuju pasar")
    assert normalise("Yang di untuk") == ""
    assert not is_similar("yang di", "untuk ke")


def test_most_similar_returns_the_matching_ids_best_first() -> None:
    found = most_similar(
        "Bangun menara BTS supaya sinyal internet desa bagus",
        [
            (1, "Perbaikan jalan kabupaten"),
            (2, "Menara BTS untuk sinyal internet di desa"),
            (3, ""),
        ],
    )
    assert [key for key, _ in found] == [2]


async def test_a_person_supports_an_idea_once_and_never_their_own(repo: Repository) -> None:
    author = await repo.register_self(5, Profile("Yosef", "Bappeda", "opd_staff"), 1, "offline")
    other = await repo.register_self(6, Profile("Maria", "Dinas PU", "opd_staff"), 1, "online")
    assert author.participant is not None and other.participant is not None
    await repo.set_ideas_open(1, True)
    ideas = IdeaRepository(repo.db, rule=decide_submission)
    stored = await ideas.submit(NewIdea(1, author.participant.id, "economy", "1", "Pasar desa"))
    assert stored.idea is not None
    idea_id = stored.idea.id
    supports = SupportRepository(repo.db)
    assert await supports.add(idea_id, other.participant.id)
    assert not await supports.add(idea_id, other.participant.id)
    assert not await supports.add(idea_id, author.participant.id)
    assert await supports.count(idea_id) == 1
    assert await supports.counts([idea_id, idea_id + 1]) == {idea_id: 1}


def test_grouping_puts_the_same_idea_in_other_words_together_within_a_dimension() -> None:
    from bot.rules.grouping import GroupInput, group_ideas

    groups = group_ideas(
        [
            GroupInput(1, "economy", "Pelatihan pemasaran online untuk UMKM"),
            GroupInput(2, "living", "Perbaikan jalan desa menuju pasar"),
            GroupInput(3, "economy", "pelatihan UMKM pemasaran online"),
            GroupInput(4, "living", "Pelatihan pemasaran online untuk UMKM"),
        ]
    )
    assert groups == {1: 1, 2: 2, 3: 1, 4: 4}
