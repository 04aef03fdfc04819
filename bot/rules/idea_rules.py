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

from rapidfuzz import fuzz, process

from storage.models import Accepted, IdeaOutcome, Refused, SubmissionFacts

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


def looks_tagged(text: str | None) -> bool:
    """Does the message start with a hashtag (the fast path)?"""
    return text is not None and text.lstrip().startswith("#")


# How close (rapidfuzz ratio, 0–100) an unknown tag must be to a known one to be offered.
TAG_GUESS_CUTOFF = 75.0
TAG_GUESS_LIMIT = 3
_KNOWN_TAGS = (*_TAG_TO_DIMENSION, *_TAG_TO_HORIZON)
_HORIZON_NUMBER = re.compile(r"^(10|5|1)(?:[^\d].*)?$")


@dataclass(frozen=True)
class TagGuess:
    """A known tag an unknown one probably meant: its kind, key and the word itself."""

    kind: str  # "dimension" or "horizon"
    key: str  # e.g. "economy", "5"
    word: str  # the known tag, without '#', e.g. "ekonomi"


@dataclass(frozen=True)
class TagReading:
    """What the tags at the start of a message say, whatever they are; nothing is refused.

    `dimensions` and `horizons` are the keys named by known tags (in order, without repeats);
    `guesses` are the known tags that unknown ones resemble (`#ekonmi` → ekonomi), closest first;
    `typed` are those unknown tags as typed. An unknown tag that resembles nothing stays in front
    of the idea's text, so nothing typed is lost.
    """

    dimensions: tuple[str, ...]
    horizons: tuple[str, ...]
    guesses: tuple[TagGuess, ...]
    typed: tuple[str, ...]
    text: str

    def guessed(self, kind: str) -> tuple[str, ...]:
        """The keys of one kind the unknown tags resemble, closest first, without repeats."""
        return tuple(dict.fromkeys(g.key for g in self.guesses if g.kind == kind))


def _fold_tag(tag: str) -> str:
    """`#Tata_Kelola` and `#tata-kelola` mean #tatakelola."""
    return tag.casefold().replace("_", "").replace("-", "")


def guess_tags(tag: str) -> tuple[TagGuess, ...]:
    """The known tags an unknown `tag` (without '#') probably meant, closest first."""
    folded = _fold_tag(tag)
    if folded in _TAG_TO_DIMENSION:
        return (TagGuess("dimension", _TAG_TO_DIMENSION[folded], folded),)
    if folded in _TAG_TO_HORIZON:
        return (TagGuess("horizon", _TAG_TO_HORIZON[folded], folded),)
    number = _HORIZON_NUMBER.match(folded)
    if number:  # #5, #5tahunan, #10thn: the number is the horizon
        key = number.group(1)
        return (TagGuess("horizon", key, HORIZON_TAGS[key][0]),)
    found = process.extract(
        folded,
        _KNOWN_TAGS,
        scorer=fuzz.ratio,
        limit=TAG_GUESS_LIMIT * 2,
        score_cutoff=TAG_GUESS_CUTOFF,
    )
    guesses: list[TagGuess] = []
    for word, _, _ in found:
        if word in _TAG_TO_DIMENSION:
            guess = TagGuess("dimension", _TAG_TO_DIMENSION[word], word)
        else:
            guess = TagGuess("horizon", _TAG_TO_HORIZON[word], word)
        if all((g.kind, g.key) != (guess.kind, guess.key) for g in guesses):
            guesses.append(guess)
    return tuple(guesses[:TAG_GUESS_LIMIT])


def read_tags(message: str) -> TagReading:
    """Read the tags at the start of a message, known, misspelt or unknown; the rest is the idea."""
    lead = _LEADING.match(message)
    head = lead.group(0) if lead else ""
    body = message[len(head) :].strip()
    dimensions: list[str] = []
    horizons: list[str] = []
    guesses: list[TagGuess] = []
    typed: list[str] = []
    kept: list[str] = []
    for raw in _HASHTAG.findall(head):
        tag = raw.casefold()
        if tag in _TAG_TO_DIMENSION:
            dimensions.append(_TAG_TO_DIMENSION[tag])
        elif tag in _TAG_TO_HORIZON:
            horizons.append(_TAG_TO_HORIZON[tag])
        elif found := guess_tags(tag):
            guesses.extend(found)
            typed.append(f"#{raw}")
        else:
            kept.append(f"#{raw}")
    text = " ".join([*kept, body]).strip() if kept else body
    return TagReading(
        dimensions=tuple(dict.fromkeys(dimensions)),
        horizons=tuple(dict.fromkeys(horizons)),
        guesses=tuple(guesses),
        typed=tuple(typed),
        text=text,
    )


def is_too_long(text: str, max_chars: int) -> bool:
    """Over the length kept for readability (the database has no limit)."""
    return len(text.strip()) > max_chars


_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v]*\n")


def split_paragraphs(text: str, *, min_chars: int) -> list[str]:
    """An idea cut at its blank lines; a paragraph too short to stand alone joins the next."""
    parts = [p.strip() for p in _PARAGRAPH_BREAK.split(text) if p.strip()]
    out: list[str] = []
    carry = ""
    for part in parts:
        part = f"{carry}\n{part}" if carry else part
        if len(part) < min_chars:
            carry = part
            continue
        out.append(part)
        carry = ""
    if carry:
        if out:
            out[-1] = f"{out[-1]}\n\n{carry}"
        else:
            out.append(carry)
    return out


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
