"""Pure rules for ideas: the hashtag fast path, what makes an idea's text acceptable, and who
may submit (collection open, not the same idea twice, not a runaway client).

A camat on a hilltop with one bar of signal sends one message, `#ekonomi #5th Pasar desa online`,
and must not need a single button; these functions decide what that message means.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from storage.models import DIMENSIONS, Accepted, IdeaOutcome, Refused, SubmissionFacts

# Indonesian and English words for each dimension and horizon, lower case, without '#'.
DIMENSION_TAGS: dict[str, tuple[str, ...]] = {
    "governance": ("tatakelola", "pemerintahan", "governance", "smartgovernance"),
    "branding": ("citradaerah", "citra", "branding", "smartbranding"),
    "economy": ("ekonomi", "economy", "smarteconomy"),
    "living": ("kehidupan", "living", "smartliving"),
    "society": ("masyarakat", "society", "smartsociety"),
    "environment": ("lingkungan", "environment", "smartenvironment"),
}
HORIZON_TAGS: dict[str, tuple[str, ...]] = {
    "1": ("1th", "1thn", "1tahun", "quickwin", "jangkapendek", "1y", "1yr", "1year", "shortterm"),
    "5": ("5th", "5thn", "5tahun", "jangkamenengah", "5y", "5yr", "5years", "mediumterm"),
    "10": ("10th", "10thn", "10tahun", "jangkapanjang", "10y", "10yr", "10years", "longterm"),
    "unsure": ("belumtahu", "unsure", "notsure"),
}
_TAG_TO_DIMENSION = {tag: dim for dim, tags in DIMENSION_TAGS.items() for tag in tags}
_TAG_TO_HORIZON = {tag: hor for hor, tags in HORIZON_TAGS.items() for tag in tags}
_HASHTAG = re.compile(r"#([\w]+)", re.UNICODE)
_LEADING = re.compile(r"^(?:\s*#\w+)+", re.UNICODE)

MAX_FILE_BYTES = 20 * 1024 * 1024  # what a bot can still fetch back through getFile


@dataclass(frozen=True)
class Tagged:
    """A fast-path message understood: its dimension, horizon and the idea itself."""

    dimension: str
    horizon: str
    text: str
    horizon_given: bool


@dataclass(frozen=True)
class TagProblem:
    """Why a fast-path message could not be filed; `key` is a text key."""

    key: str
    unknown: tuple[str, ...] = ()


def looks_tagged(text: str | None) -> bool:
    """Does the message start with a hashtag (the fast path)?"""
    return text is not None and text.lstrip().startswith("#")


def parse_tagged(message: str) -> Tagged | TagProblem:
    """Read the tags at the start of a message; the rest is the idea (hashtags in it stay)."""
    lead = _LEADING.match(message)
    head = lead.group(0) if lead else ""
    body = message[len(head) :]
    tags = [t.casefold() for t in _HASHTAG.findall(head)]
    unknown = tuple(
        f"#{t}" for t in tags if t not in _TAG_TO_DIMENSION and t not in _TAG_TO_HORIZON
    )
    if unknown:
        return TagProblem("hashtag_unknown", unknown)
    dimensions = {_TAG_TO_DIMENSION[t] for t in tags if t in _TAG_TO_DIMENSION}
    horizons = {_TAG_TO_HORIZON[t] for t in tags if t in _TAG_TO_HORIZON}
    if not dimensions:
        return TagProblem("hashtag_no_dimension")
    if len(dimensions) > 1:
        return TagProblem("hashtag_two_dimensions")
    if len(horizons) > 1:
        return TagProblem("hashtag_two_horizons")
    (dimension,) = dimensions
    horizon = next(iter(horizons), None)
    return Tagged(
        dimension=dimension,
        horizon=horizon or "unsure",
        text=body.strip(),
        horizon_given=horizon is not None,
    )


def dimension_tag_list(lang: str) -> str:
    """The tags to show in a hint: Indonesian words, or the English dimension names."""
    return " ".join(f"#{d if lang == 'en' else DIMENSION_TAGS[d][0]}" for d in DIMENSIONS)


def horizon_tag_list(lang: str) -> str:
    if lang == "en":
        return "#1y #5y #10y #unsure"
    return "#1th #5th #10th #belumtahu"


def text_problem(
    text: str, *, has_attachment: bool, min_chars: int, max_chars: int
) -> tuple[str, dict[str, Any]] | None:
    """Why an idea's text is not acceptable, as (text key, values), or None if it is."""
    stripped = text.strip()
    if len(stripped) > max_chars:
        return "idea_too_long", {"max": max_chars, "length": len(stripped)}
    if not stripped:
        return None if has_attachment else ("idea_empty", {})
    if has_attachment:
        return None  # a caption may be short: the photo or voice note is the idea
    if not any(ch.isalpha() for ch in stripped):
        return "idea_no_letters", {}
    if len(stripped) < min_chars:
        return "idea_too_short", {"min": min_chars}
    return None


RUNAWAY_WINDOW = dt.timedelta(seconds=60)


def fold_text(text: str) -> str:
    """Compare texts the way a reader would: case and spacing do not make an idea new."""
    return re.sub(r"\s+", " ", text).strip().casefold()


def same_idea(text: str, earlier: str) -> bool:
    """Is `text` the same idea as `earlier`? Empty texts (an attachment alone) never are."""
    return bool(text.strip()) and fold_text(text) == fold_text(earlier)


def decide_submission(facts: SubmissionFacts) -> Accepted | Refused:
    """May this idea be stored? Closed collection, repeated text, runaway client refuse it.

    Ideas the secretariat types in from paper are not counted against the per-minute limit: a
    clerk entering a stack of forms is not a runaway client.
    """
    if not facts.collection_open:
        return Refused(IdeaOutcome.CLOSED)
    for idea_id, earlier in facts.own_texts:
        if same_idea(facts.text, earlier):
            return Refused(IdeaOutcome.DUPLICATE_TEXT, same_as=idea_id)
    if not facts.typed_by_secretariat:
        since = facts.now - RUNAWAY_WINDOW
        if sum(1 for t in facts.recent_times if t > since) >= facts.per_minute:
            return Refused(IdeaOutcome.TOO_MANY)
    return Accepted()
