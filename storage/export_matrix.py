"""The *Matriks Program* and *Quick win* sheets: the ideas as a master plan's programme table.

One row per group of similar ideas, in the order a programme table is written: dimension (in the
order of `storage.models.DIMENSIONS`), then the horizon 1, 5, 10 years, then "belum tahu"; within
one dimension and horizon the best prioritisation rank first (unranked groups after), then the
groups more people raised or supported, then the earliest. *Quick win* is the same table limited
to the 1-year groups.

Rules this module keeps (the drafting team reads them in the README):
- the groups come from `ExportRequest.group_ideas` (storage cannot import `bot.rules`: the caller
  injects `bot.rules.grouping.group_ideas`), run once per export over the active ideas of the
  exported stage(s), in whatever thread runs the export (the bot's worker thread);
- a group's reference is the reference of its earliest idea (#I-0042), whatever the grouping
  function names it;
- the representative text is the text of the group's most supported idea, the earliest one on a
  tie (so a group without supports shows its first idea), and never an empty text when a member
  has one;
- a group sits at its most common horizon among the members that named a year (1, 5 or 10);
  on a tie the shorter one (a quick win is easier to move later than to find); "belum tahu" only
  when no member named a year. A group whose members named different horizons says so
  ("campuran: 1, 5");
- "Orang" counts distinct people: the authors of the group's ideas and those who supported any
  of them (table `idea_supports`), each once;
- the prioritisation result is the group's best rank (`ideas.priority_rank`, from the latest
  prioritisation vote) and the most votes one of its ideas got in a prioritisation poll;
- the horizon's numeric key is 1, 5 or 10, and empty for "belum tahu": no made-up number can
  enter a sum or an average, and spreadsheets sort empty cells last either way.

Memory stays near the size of the ideas' ids: the per-idea facts are kept in `array` columns, the
representative texts are read back by id when their row is written.
"""

from __future__ import annotations

import time
from array import array
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from storage.models import DIMENSIONS, HORIZONS, idea_ref
from storage.workbook import Column

if TYPE_CHECKING:
    from storage.export import SheetContext

# What grouping gets, per active idea in id order: (idea id, dimension key, text); what it gives:
# each idea's group (any id; the export names a group by its earliest idea).
GroupRow = tuple[int, str, str]
Grouper = Callable[[Sequence[GroupRow]], Mapping[int, int]]

MATRIX_TITLE = "Matriks Program"
QUICK_WIN_TITLE = "Quick win"
# The horizon's number of years; "belum tahu" has none.
HORIZON_KEYS: dict[str, int | None] = {"1": 1, "5": 5, "10": 10, "unsure": None}
_HORIZON_ORDER = {h: i for i, h in enumerate(HORIZONS)}
_UNSURE = HORIZONS.index("unsure")
MIXED_WORD = "campuran"
# Excel refuses a cell longer than this; a group of thousands of copies lists what fits.
EXCEL_CELL_LIMIT = 32_767

MATRIX_COLUMNS = [
    Column("Dimensi", 24, trusted=True),
    Column("Jangka waktu", 17, trusted=True),
    Column("Jangka (tahun)", 9, trusted=True),
    Column("Kelompok", 10, trusted=True),
    Column("Ide perwakilan", 60, "wrap"),
    Column("Referensi ide", 22, "wrap", trusted=True),
    Column("Jumlah ide", 8, trusted=True),
    Column("Orang (pengusul + pendukung)", 12, trusted=True),
    Column("Dukungan", 9, trusted=True),
    Column("Peringkat prioritas terbaik", 11, trusted=True),
    Column("Suara prioritas", 9, trusted=True),
    Column("Jangka waktu campuran", 18, trusted=True),
    Column("Instansi", 32, "wrap"),
    Column("Kecamatan", 20, "wrap"),
    Column("Tahap pertama", 8, trusted=True),
]


def each_own_group(ideas: Sequence[GroupRow]) -> dict[int, int]:
    """No grouping: every idea is a group of its own (the default of an export request)."""
    return {idea_id: idea_id for idea_id, _, _ in ideas}


@dataclass(frozen=True)
class MatrixGroup:
    """One row of the matrix."""

    ref_id: int  # the earliest idea's id: the group's reference
    dimension: str
    horizon: str  # where the group sits
    horizons: tuple[str, ...]  # every horizon its ideas named, in HORIZONS order
    members: tuple[int, ...]  # idea ids, ascending
    people: int
    supports: int
    best_rank: int | None
    votes: int | None
    institutions: tuple[str, ...]
    kecamatan: tuple[str, ...]
    first_stage: int
    representative: int  # the idea whose text stands for the group

    @property
    def mixed(self) -> bool:
        return len(self.horizons) > 1


@dataclass
class ProgramMatrix:
    """The export's groups, computed once (`program_matrix`) and shared by every sheet."""

    group_of: dict[int, int]  # active idea id → its group's reference id
    groups: list[MatrixGroup]  # in the matrix's order
    grouping_seconds: float


def group_horizon(counts: Sequence[int]) -> int:
    """Where a group sits, from its members' count per horizon (indexes of HORIZONS)."""
    named = [(n, -i) for i, n in enumerate(counts) if i != _UNSURE and n]
    if not named:
        return _UNSURE
    return -max(named)[1]


def program_matrix(ctx: SheetContext) -> ProgramMatrix:
    """The export's groups of similar ideas: computed on the first call, then kept on `ctx`."""
    if ctx.matrix is None:
        ctx.matrix = _build(ctx)
    return ctx.matrix


def _build(ctx: SheetContext) -> ProgramMatrix:
    where, params = ctx.stage_filter("i.stage")
    conn = ctx.conn
    dim_index = {d: i for i, d in enumerate(DIMENSIONS)}
    ids, dims, hors, people, places, kecs, stages, ranks = (
        array("q"),
        array("b"),
        array("b"),
        array("q"),
        array("l"),
        array("l"),
        array("l"),
        array("l"),
    )
    has_text = array("b")
    names: dict[str | None, int] = {}
    inputs: list[GroupRow] = []
    for idea_id, stage, dimension, horizon, text, pid, institution, kecamatan, rank in conn.execute(
        "SELECT i.id, i.stage, i.dimension, i.horizon, i.text, i.participant_id, "
        "i.institution, i.kecamatan, i.priority_rank FROM ideas i "
        f"WHERE i.status = 'active' AND {where} ORDER BY i.id",
        params,
    ):
        ids.append(idea_id)
        dims.append(dim_index[dimension])
        hors.append(_HORIZON_ORDER[horizon])
        people.append(pid)
        places.append(names.setdefault(institution, len(names)))
        kecs.append(names.setdefault(kecamatan, len(names)))
        stages.append(stage)
        ranks.append(rank or 0)
        has_text.append(1 if text.strip() else 0)
        inputs.append((idea_id, dimension, text))
    ctx.report("grouping", 0, len(inputs))
    started = time.perf_counter()
    found = ctx.request.group_ideas(inputs) if inputs else {}
    grouping_seconds = time.perf_counter() - started
    del inputs
    ctx.report("grouping", len(ids), len(ids))
    name_of = {v: k for k, v in names.items()}

    # Members per group key, in id order; the group's reference is its first member.
    members: dict[int, list[int]] = {}
    for position, idea_id in enumerate(ids):
        members.setdefault(found.get(idea_id, -idea_id), []).append(position)
    supporters = _supporters(ctx)
    votes = _votes(ctx)
    group_of: dict[int, int] = {}
    groups: list[MatrixGroup] = []
    for positions in members.values():
        ref_id = ids[positions[0]]
        counts = [0] * len(HORIZONS)
        persons: set[int] = set()
        n_supports = 0
        best: tuple[int, int, int] | None = None  # (has text, supports, -id) of the representative
        institutions: dict[str, None] = {}
        places_kec: dict[str, None] = {}
        best_rank = best_votes = None
        for p in positions:
            idea_id = ids[p]
            group_of[idea_id] = ref_id
            counts[hors[p]] += 1
            persons.add(people[p])
            backers = supporters.get(idea_id, ())
            persons.update(backers)
            n_supports += len(backers)
            candidate = (has_text[p], len(backers), -idea_id)
            if best is None or candidate > best:
                best = candidate
            institutions[str(name_of[places[p]])] = None
            kec = name_of[kecs[p]]
            if kec:
                places_kec[kec] = None
            if ranks[p] and (best_rank is None or ranks[p] < best_rank):
                best_rank = ranks[p]
            got = votes.get(idea_id)
            if got is not None and (best_votes is None or got > best_votes):
                best_votes = got
        assert best is not None
        groups.append(
            MatrixGroup(
                ref_id=ref_id,
                dimension=DIMENSIONS[dims[positions[0]]],
                horizon=HORIZONS[group_horizon(counts)],
                horizons=tuple(h for h, n in zip(HORIZONS, counts, strict=True) if n),
                members=tuple(ids[p] for p in positions),
                people=len(persons),
                supports=n_supports,
                best_rank=best_rank,
                votes=best_votes,
                institutions=tuple(institutions),
                kecamatan=tuple(places_kec),
                first_stage=min(stages[p] for p in positions),
                representative=-best[2],
            )
        )
    groups.sort(key=_matrix_order)
    return ProgramMatrix(group_of, groups, grouping_seconds)


def _matrix_order(group: MatrixGroup) -> tuple[int, int, bool, int, int, int]:
    return (
        DIMENSIONS.index(group.dimension),
        _HORIZON_ORDER[group.horizon],
        group.best_rank is None,
        group.best_rank or 0,
        -group.people,
        group.ref_id,
    )


def _supporters(ctx: SheetContext) -> dict[int, list[int]]:
    """Who supported each active idea of the export (supports are few: kept whole)."""
    where, params = ctx.stage_filter("i.stage")
    found: dict[int, list[int]] = {}
    for idea_id, pid in ctx.conn.execute(
        "SELECT s.idea_id, s.participant_id FROM idea_supports s JOIN ideas i ON i.id = s.idea_id "
        f"WHERE i.status = 'active' AND {where}",
        params,
    ):
        found.setdefault(idea_id, []).append(pid)
    return found


def _votes(ctx: SheetContext) -> dict[int, int]:
    """Votes per idea in the latest prioritisation poll that offered it (answers + hand votes)."""
    where, params = ctx.stage_filter("p.stage")
    found: dict[int, int] = {}
    for idea_id, n in ctx.conn.execute(
        "SELECT o.idea_id, "
        "(SELECT COUNT(*) FROM poll_answers a, json_each(a.option_ids) j "
        " WHERE a.poll_id = o.poll_id AND a.valid = 1 AND CAST(j.value AS INTEGER) = o.position)"
        " + COALESCE((SELECT SUM(h.count) FROM poll_hand_votes h "
        "   WHERE h.poll_id = o.poll_id AND h.position = o.position), 0) "
        "FROM poll_options o JOIN polls p ON p.id = o.poll_id "
        f"WHERE p.kind = 'prioritisation' AND o.idea_id IS NOT NULL AND {where} "
        "ORDER BY p.id",
        params,
    ):
        found[int(idea_id)] = int(n)  # a later poll replaces an earlier one's count
    return found


# --- sheets ----------------------------------------------------------------------------------


def mixed_text(group: MatrixGroup, unsure_label: str) -> str | None:
    """'campuran: 1, 5' for a group whose ideas named different horizons; None otherwise."""
    if not group.mixed:
        return None
    words = [h if h != "unsure" else unsure_label.lower() for h in group.horizons]
    return f"{MIXED_WORD}: {', '.join(words)}"


def reference_list(members: Sequence[int]) -> str:
    """'#I-0001, #I-0007': every idea of the group, or as many as a cell holds and how many more."""
    text = ", ".join(idea_ref(i) for i in members)
    if len(text) <= EXCEL_CELL_LIMIT:
        return text
    cut = text.rfind(", ", 0, EXCEL_CELL_LIMIT - 40)
    shown = text.count(", ", 0, cut) + 1
    return f"{text[:cut]}, … (+{len(members) - shown} lainnya)"


def _rows(ctx: SheetContext, groups: Sequence[MatrixGroup]) -> Iterator[tuple[object, ...]]:
    labels = ctx.labels
    unsure = labels.horizons.get("unsure", "belum tahu")
    text_of = ctx.conn.cursor()
    for group in groups:
        row = text_of.execute(
            "SELECT text FROM ideas WHERE id = ?", (group.representative,)
        ).fetchone()
        yield (
            labels.dimensions.get(group.dimension, group.dimension),
            labels.horizons.get(group.horizon, group.horizon),
            HORIZON_KEYS[group.horizon],
            idea_ref(group.ref_id),
            row[0] if row else None,
            reference_list(group.members),
            len(group.members),
            group.people,
            group.supports,
            group.best_rank,
            group.votes,
            mixed_text(group, unsure),
            "; ".join(group.institutions),
            "; ".join(group.kecamatan) or None,
            group.first_stage,
        )


def matrix_sheets(ctx: SheetContext) -> None:
    """Matriks Program (every group) and Quick win (the 1-year groups), per dimension."""
    matrix = program_matrix(ctx)
    for title, groups in (
        (MATRIX_TITLE, matrix.groups),
        (QUICK_WIN_TITLE, [g for g in matrix.groups if g.horizon == "1"]),
    ):
        sheet = ctx.sheet(title, MATRIX_COLUMNS)
        for values in _rows(ctx, groups):
            sheet.append(values)
    ctx.counts["groups"] = len(matrix.groups)
