"""Groups of similar ideas for the drafting team's workbook, with the same measure as at the
moment of sending (`bot.rules.similarity`), so an idea the sender was told is "the same" lands in
the same group.

Ideas are grouped within their dimension (a programme table is written per dimension); a group is
named by its earliest idea. Pure: no telegram, no SQL; the export receives `group_ideas` as a
callable from the layer that calls it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from bot.rules.similarity import THRESHOLD, most_similar


@dataclass(frozen=True)
class GroupInput:
    """What grouping needs of an idea."""

    idea_id: int
    dimension: str
    text: str


def group_ideas(ideas: Sequence[GroupInput], *, threshold: float = THRESHOLD) -> dict[int, int]:
    """Each idea's group, as the id of the group's earliest idea (an idea alone is its own group).

    Single linkage within a dimension: an idea joins the group of the first earlier idea it is
    similar to.
    """
    group: dict[int, int] = {}
    by_dimension: dict[str, list[GroupInput]] = {}
    for idea in sorted(ideas, key=lambda i: i.idea_id):
        by_dimension.setdefault(idea.dimension, []).append(idea)
    for members in by_dimension.values():
        seen: list[tuple[int, str]] = []
        for idea in members:
            found = most_similar(idea.text, seen, limit=1, threshold=threshold)
            group[idea.idea_id] = group[found[0][0]] if found else idea.idea_id
            seen.append((idea.idea_id, idea.text))
    return group
