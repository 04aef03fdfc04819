"""Groups of similar ideas for the drafting team's workbook, with the same measure as at the
moment of sending (`bot.rules.similarity`), so an idea the sender was told is "the same" lands in
the same group.

Ideas are grouped within their dimension (a programme table is written per dimension); a group is
named by its earliest idea, its *leader*. In the order ideas came in, an idea joins the group of
the earliest leader it is similar to, or else leads a new group. So every idea of a group says
what the group's first idea says, and that first idea can stand for the group in the workbook.
(Single linkage — one group for every chain of similar ideas — was measured and dropped: on
20,000 synthetic ideas it chained 3,382 of them into one group, "air bersih untuk ibu hamil di
desa terpencil" ~ "ambulans desa untuk ibu hamil di desa terpencil" ~ …; see docs/BENCHMARKS.md.)

Near-linear, not quadratic: comparing every idea with every leader is quadratic in a big
workshop. Two similar ideas share at least about half of their words (`_min_matched`), and every
matched pair of words shares its first letters (`similarity.block_keys`). So a leader is indexed
only under the rarest keys of its words (the "prefix filter" of set-similarity joins: if two ideas
share at least t of their keys, the rarest n − t + 1 keys of each have one in common), and an idea
is compared only with the leaders found under its own rarest keys; a bound on sizes skips most of
those before words are matched, and ideas with the same words are decided once. Common words
("desa", "online") are almost never among an idea's rarest keys, which keeps the lists short. The
result equals comparing every idea with every leader (`group_ideas_pairwise`; a test checks).

Pure: no telegram, no SQL; the export receives `group_ideas` as a callable from the layer that
calls it.
"""

from __future__ import annotations

import functools
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from bot.rules.similarity import THRESHOLD, block_keys, score_from_counts, score_terms, terms


@dataclass(frozen=True)
class GroupInput:
    """What grouping needs of an idea."""

    idea_id: int
    dimension: str
    text: str


@functools.lru_cache(maxsize=256)
def _min_matched(size: int, threshold: float) -> int:
    """The fewest matched words an idea of `size` words needs to reach `threshold` with anyone
    (the best case: the other idea is exactly the matched words)."""
    for matched in range(1, size + 1):
        if score_from_counts(matched, size, matched) >= threshold:
            return matched
    return size + 1


def group_ideas(ideas: Sequence[GroupInput], *, threshold: float = THRESHOLD) -> dict[int, int]:
    """Each idea's group, as the id of the group's first idea (an idea alone is its own group)."""
    group: dict[int, int] = {}
    for members in _by_dimension(ideas).values():
        group.update(_group_dimension(members, threshold))
    return group


def _by_dimension(ideas: Sequence[GroupInput]) -> dict[str, list[GroupInput]]:
    by_dimension: dict[str, list[GroupInput]] = defaultdict(list)
    for idea in ideas:
        by_dimension[idea.dimension].append(idea)
    for members in by_dimension.values():
        members.sort(key=lambda i: i.idea_id)
    return by_dimension


def _group_dimension(members: Sequence[GroupInput], threshold: float) -> dict[int, int]:
    words = [terms(m.text) for m in members]
    distinct = set(words)
    distinct.discard(())
    frequency: Counter[tuple[str, int]] = Counter(k for own in distinct for k in block_keys(own))
    # key → positions of the leaders indexed under it, in the order they came.
    index: dict[tuple[str, int], list[int]] = defaultdict(list)
    decided: dict[tuple[str, ...], int] = {}
    group: dict[int, int] = {}
    for i, (member, own) in enumerate(zip(members, words, strict=True)):
        if not own:  # no word that carries an idea: similar to nothing
            group[member.idea_id] = member.idea_id
            continue
        # The same words decide the same way: the earliest similar leader is still the earliest
        # (later leaders are later), and a leader is the earliest leader similar to itself.
        leader = decided.get(own)
        if leader is None:
            size = len(own)
            prefix = sorted(block_keys(own), key=lambda k: (frequency[k], k))
            prefix = prefix[: size - _min_matched(size, threshold) + 1]
            candidates = sorted({j for key in prefix for j in index.get(key, ())})
            for j in candidates:
                other = words[j]
                # No more words can match than the smaller idea has.
                if score_from_counts(min(size, len(other)), size, len(other)) < threshold:
                    continue
                if score_terms(own, other) >= threshold:
                    leader = members[j].idea_id
                    break
            if leader is None:
                leader = member.idea_id
                for key in prefix:
                    index[key].append(i)
            decided[own] = leader
        group[member.idea_id] = leader
    return group


def group_ideas_pairwise(
    ideas: Sequence[GroupInput], *, threshold: float = THRESHOLD
) -> dict[int, int]:
    """The same groups by comparing each idea with every leader before it (quadratic): the
    reference the fast version is tested against."""
    group: dict[int, int] = {}
    for members in _by_dimension(ideas).values():
        leaders: list[tuple[int, tuple[str, ...]]] = []
        for member in members:
            own = terms(member.text)
            leader = next(
                (lid for lid, words in leaders if score_terms(own, words) >= threshold), None
            )
            if leader is None:
                leader = member.idea_id
                if own:
                    leaders.append((leader, own))
            group[member.idea_id] = leader
    return group
