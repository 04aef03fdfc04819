"""The *Polling* sheet of the export: every poll, option by option, and the named answers.

One row per option of each poll: the poll (question, kind, anonymous or named, status, times),
its turnout (delivered copies, voters, online and in the room), the option's Telegram answers by
mode, its hand votes apart, the total and, for idea votes, the rank. The named answers of named
polls (who chose what) have their own sheet, *Jawaban polling*, with its own columns: the
participant's number, position and institution, and their name in the full workbook only;
anonymous polls never name anyone.

The sheets are added only when the exported stage has polls, so a workbook without polls keeps its
usual sheets. It plugs into `storage.export.SHEETS` (the extension point) and reads the same
read-only snapshot as the other sheets.
"""

from __future__ import annotations

import json
from collections import defaultdict
from typing import TYPE_CHECKING

from storage.models import idea_ref
from storage.workbook import Column

if TYPE_CHECKING:
    from storage.export import SheetContext

SHEET_TITLE = "Polling"
ANSWERS_TITLE = "Jawaban polling"
POLL_COLUMNS = [
    Column("Polling", 9),
    Column("Tahap", 7),
    Column("Jenis", 14),
    Column("Pertanyaan", 40, "wrap"),
    Column("Anonim", 9),
    Column("Jawaban ganda", 10),
    Column("Maks. pilihan", 9),
    Column("Status", 10),
    Column("Dibuat", 17, "when"),
    Column("Batas waktu", 17, "when"),
    Column("Ditutup", 17, "when"),
    Column("Penerima", 10),
    Column("Penerima daring", 10),
    Column("Penerima luring", 10),
    Column("Menjawab", 10),
    Column("Partisipasi (%)", 11, "percent"),
    Column("Tidak sah", 9),
    Column("No. pilihan", 8),
    Column("Pilihan", 40, "wrap"),
    Column("Ide", 10),
    Column("Daring", 9),
    Column("Luring", 9),
    Column("Suara tangan", 10),
    Column("Total", 9),
    Column("Peringkat", 10),
]
ANSWER_COLUMNS = [
    Column("Polling", 9, trusted=True),
    Column("No. peserta", 11, trusted=True),
    Column("Nama", 28, private=True),
    Column("Jabatan", 18, trusted=True),
    Column("Instansi", 30),
    Column("Kehadiran", 10, trusted=True),
    Column("Jawaban", 50, "wrap"),
    Column("Sah", 7, trusted=True),
    Column("Waktu jawab", 19, "when", trusted=True),
]
KIND_WORDS = {"poll": "polling", "prioritisation": "prioritas ide"}
STATUS_WORDS = {"open": "terbuka", "closed": "ditutup"}


def _ranks(totals: dict[int, int]) -> dict[int, int]:
    ordered = sorted(totals.values(), reverse=True)
    first: dict[int, int] = {}
    for index, value in enumerate(ordered, start=1):
        first.setdefault(value, index)
    return {key: first[value] for key, value in totals.items()}


def poll_sheet(ctx: SheetContext) -> None:
    """Polling: one row per option of each poll; named answers below (full export only)."""
    where, params = ctx.stage_filter("p.stage")
    polls = ctx.conn.execute(
        "SELECT p.id, p.stage, p.kind, p.question, p.anonymous, p.multiple, p.max_choices, "
        f"p.status, p.created_at, p.deadline_at, p.closed_at FROM polls p WHERE {where} "
        "ORDER BY p.id",
        params,
    ).fetchall()
    if not polls:
        return
    labels = ctx.labels
    modes = labels.modes
    sheet = ctx.sheet(SHEET_TITLE, POLL_COLUMNS)
    named: list[int] = []
    for (
        poll_id,
        stage,
        kind,
        question,
        anonymous,
        multiple,
        max_choices,
        status,
        created,
        deadline,
        closed,
    ) in polls:
        if not anonymous:
            named.append(poll_id)
        delivered: dict[str, int] = defaultdict(int)
        for mode, n in ctx.conn.execute(
            "SELECT mode, COUNT(*) FROM poll_copies WHERE poll_id = ? AND status = 'sent' "
            "GROUP BY mode",
            (poll_id,),
        ):
            delivered[mode] = n
        voters = invalid = 0
        for valid, n in ctx.conn.execute(
            "SELECT valid, COUNT(*) FROM poll_answers WHERE poll_id = ? GROUP BY valid",
            (poll_id,),
        ):
            if valid:
                voters = n
            else:
                invalid = n
        counts: dict[tuple[int, str], int] = {}
        for position, mode, n in ctx.conn.execute(
            "SELECT CAST(j.value AS INTEGER), c.mode, COUNT(*) FROM poll_answers a "
            "JOIN poll_copies c ON c.id = a.copy_id, json_each(a.option_ids) j "
            "WHERE a.poll_id = ? AND a.valid = 1 GROUP BY 1, 2",
            (poll_id,),
        ):
            counts[(position, mode)] = n
        hands = dict(
            ctx.conn.execute(
                "SELECT position, SUM(count) FROM poll_hand_votes WHERE poll_id = ? "
                "GROUP BY position",
                (poll_id,),
            ).fetchall()
        )
        options = ctx.conn.execute(
            "SELECT position, text, idea_id FROM poll_options WHERE poll_id = ? ORDER BY position",
            (poll_id,),
        ).fetchall()
        totals = {
            position: counts.get((position, "online"), 0)
            + counts.get((position, "offline"), 0)
            + int(hands.get(position, 0))
            for position, _, _ in options
        }
        ranks = _ranks(totals) if kind == "prioritisation" else {}
        recipients = delivered["online"] + delivered["offline"]
        for position, text, idea_id in options:
            sheet.append(
                (
                    f"#{poll_id}",
                    stage,
                    KIND_WORDS.get(kind, kind),
                    question,
                    labels.yes if anonymous else labels.no,
                    labels.yes if multiple else labels.no,
                    max_choices,
                    STATUS_WORDS.get(status, status),
                    created,
                    deadline,
                    closed,
                    recipients,
                    delivered["online"],
                    delivered["offline"],
                    voters,
                    voters / recipients if recipients else 0,
                    invalid,
                    position + 1,
                    text,
                    idea_ref(idea_id) if idea_id is not None else None,
                    counts.get((position, "online"), 0),
                    counts.get((position, "offline"), 0),
                    int(hands.get(position, 0)),
                    totals[position],
                    ranks.get(position),
                )
            )
    if not named:
        return
    answers = ctx.sheet(ANSWERS_TITLE, ANSWER_COLUMNS)
    positions = labels.positions
    marks = ",".join("?" * len(named))
    for (
        poll_id,
        pid,
        name,
        position,
        institution,
        mode,
        option_ids,
        valid,
        answered,
    ) in ctx.conn.execute(
        "SELECT a.poll_id, pa.id, pa.full_name, pa.position, pa.institution, c.mode, "
        "a.option_ids, a.valid, "
        "a.answered_at FROM poll_answers a JOIN poll_copies c ON c.id = a.copy_id "
        f"JOIN participants pa ON pa.id = c.participant_id WHERE a.poll_id IN ({marks}) "
        "ORDER BY a.poll_id, pa.institution, pa.full_name",
        named,
    ):
        texts = dict(
            ctx.conn.execute(
                "SELECT position, text FROM poll_options WHERE poll_id = ?", (poll_id,)
            ).fetchall()
        )
        chosen = "; ".join(f"{p + 1}. {texts.get(p, '?')}" for p in json.loads(option_ids))
        answers.append(
            (
                f"#{poll_id}",
                f"P-{pid:04d}",
                name,
                positions.get(position, position),
                institution,
                modes.get(mode, mode),
                chosen,
                labels.yes if valid else labels.no,
                answered,
            )
        )
