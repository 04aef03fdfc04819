"""Fast grouping means the same as the slow one: the indexed version (prefix filter, ideas with the
same words decided once) gives exactly the groups of comparing each idea with every earlier group
leader, and groups never chain ideas that do not say what their group's first idea says."""

from __future__ import annotations

from collections import defaultdict

from bot.dev.benchdata import idea_texts
from bot.rules.grouping import GroupInput, group_ideas, group_ideas_pairwise
from bot.rules.similarity import is_similar


def _ideas(n: int, seed: int) -> list[GroupInput]:
    return [GroupInput(i + 1, d, text) for i, (d, text) in enumerate(idea_texts(n, seed=seed))]


def test_indexed_grouping_equals_comparing_every_leader() -> None:
    for seed in (1, 2, 3):
        ideas = _ideas(400, seed)
        fast = group_ideas(ideas)
        assert fast == group_ideas_pairwise(ideas)
        # Not a trivial agreement: there are groups of several ideas, and ideas alone.
        sizes = defaultdict(int)
        for group in fast.values():
            sizes[group] += 1
        assert max(sizes.values()) >= 5 and min(sizes.values()) == 1


def test_every_idea_of_a_group_says_what_its_first_idea_says() -> None:
    ideas = _ideas(300, 7)
    text = {i.idea_id: i.text for i in ideas}
    dimension = {i.idea_id: i.dimension for i in ideas}
    for idea_id, group in group_ideas(ideas).items():
        assert group <= idea_id
        assert dimension[group] == dimension[idea_id]
        if group != idea_id:
            assert is_similar(text[idea_id], text[group]), (text[idea_id], text[group])


def test_typos_abbreviations_and_filler_join_the_first_idea() -> None:
    ideas = [
        GroupInput(10, "society", "Pembelajaran jarak jauh untuk sekolah di desa terpencil"),
        GroupInput(11, "society", "PJJ bagi sekolah2 di desa terpencil"),
        GroupInput(12, "society", "Mohon pembelajaran jarak jauh utk sekolah2 desa terpencl"),
        GroupInput(13, "society", "Tablet untuk siswa SD"),
        GroupInput(14, "living", "PJJ bagi sekolah2 di desa terpencil"),
        GroupInput(15, "society", "terima kasih"),
        GroupInput(16, "society", "yang di"),
    ]
    assert group_ideas(ideas) == {10: 10, 11: 10, 12: 10, 13: 13, 14: 14, 15: 15, 16: 16}
