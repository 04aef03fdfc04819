"""How a decision about an idea reads for its author: in /ideku and in the note of decisions.

Rendered in the reader's language from the stored decision (storage/decisions.py); the team's
own note stays in the workbook (it is written for the team, not for the author).
"""

from __future__ import annotations

from collections.abc import Sequence

from handlers.common import esc
from handlers.texts import t
from storage.decisions import AuthorDecision, Decision
from storage.models import idea_ref

PREVIEW_CHARS = 60


def decision_text(lang: str, decision: Decision) -> str:
    """'🏛 Keputusan tim penyusun: diterima · program “…” · penanggung jawab: Bappeda'."""
    parts = [t(lang, "decision_summary", status=t(lang, f"decision_status_{decision.status}"))]
    if decision.merged_into is not None:
        parts.append(t(lang, "decision_merged", ref=idea_ref(decision.merged_into)))
    if decision.programme:
        parts.append(t(lang, "decision_programme", programme=esc(decision.programme)))
    if decision.agency:
        parts.append(t(lang, "decision_agency", agency=esc(decision.agency)))
    if decision.horizon is not None:
        parts.append(t(lang, "decision_horizon", years=decision.horizon))
    return " · ".join(parts)


def preview(text: str) -> str:
    short = text if len(text) <= PREVIEW_CHARS else text[: PREVIEW_CHARS - 1] + "…"
    return esc(short) if short else "—"


def other_stage_lines(lang: str, decided: Sequence[AuthorDecision]) -> list[str]:
    """The block of /ideku about the author's decided ideas of other stages."""
    if not decided:
        return []
    return [t(lang, "myideas_other_decisions")] + [
        t(
            lang,
            "myideas_other_decision_line",
            ref=idea_ref(d.idea_id),
            text=preview(d.text),
            decision=decision_text(lang, d.decision),
        )
        for d in decided
    ]


def render_note(lang: str, decided: Sequence[AuthorDecision]) -> str:
    """The one short note to an author: each of their decided ideas with its decision."""
    lines = [t(lang, "note_header")]
    lines += [
        t(
            lang,
            "note_line",
            ref=idea_ref(d.idea_id),
            text=preview(d.text),
            decision=decision_text(lang, d.decision),
        )
        for d in decided
    ]
    lines.append(t(lang, "note_footer"))
    text = "\n\n".join(lines)
    if len(text) > 4000:  # an author with very many ideas: the note points at /ideku instead
        text = text[:3900].rsplit("\n\n", 1)[0] + "\n\n…\n\n" + t(lang, "note_footer")
    return text
