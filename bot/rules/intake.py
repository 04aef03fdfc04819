"""Pure rules for free-form ideas: is a message sent outside any form an idea, which tags does it
already carry in plain words, and which dimension do its words suggest?

A camat writes "Perlu menara BTS di Kecamatan Cibal supaya sinyal internet bagus" the way he
writes in any chat. These functions decide that it is an idea (a greeting, a thank-you, a question
to the bot or a single word is not), read `ekonomi 5th …` written without `#` as tags, and rank
the dimensions by the keywords of the workshop file, so the likeliest is offered first.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from bot.rules.idea_rules import DIMENSION_TAGS, HORIZON_TAGS
from storage.models import DIMENSIONS


class Kind(enum.Enum):
    """What a message sent outside any form is."""

    IDEA = "idea"
    GREETING = "greeting"
    THANKS = "thanks"
    QUESTION = "question"
    SHORT = "short"  # one or two words, or too short to be an idea


# Whole messages that greet or acknowledge; fillers may surround them ("halo pak admin").
_GREETINGS = (
    "halo", "hallo", "helo", "hai", "hi", "hello", "hey", "pagi", "siang", "sore", "malam",
    "selamat pagi", "selamat siang", "selamat sore", "selamat malam", "selamat datang",
    "assalamualaikum", "assalamu alaikum", "salam", "shalom", "permisi", "good morning",
    "good afternoon", "good evening", "ok", "oke", "okay", "okey", "baik", "siap", "ya", "iya",
    "sip", "mantap", "tes", "test", "coba",
)  # fmt: skip
_THANKS = (
    "terima kasih", "terimakasih", "makasih", "trims", "thanks", "thank you", "thx", "tq",
    "tengkyu", "matur nuwun",
)  # fmt: skip
_FILLERS = frozenset(
    [
        "pak",
        "bu",
        "bapak",
        "ibu",
        "kak",
        "mas",
        "mbak",
        "admin",
        "bot",
        "min",
        "semua",
        "sekalian",
        "juga",
        "banyak",
        "sekali",
        "ya",
        "yaa",
        "dan",
        "sudah",
        "dulu",
        "everyone",
        "all",
        "very",
        "much",
        "so",
        "sir",
        "madam",
    ]
)
# A question about the bot or the workshop rather than a proposal.
_QUESTION_WORDS = frozenset(
    [
        "bagaimana",
        "gimana",
        "bgmn",
        "apa",
        "apakah",
        "kapan",
        "dimana",
        "mana",
        "siapa",
        "kenapa",
        "mengapa",
        "berapa",
        "bisakah",
        "how",
        "what",
        "when",
        "where",
        "who",
        "why",
        "can",
        "could",
        "is",
        "are",
        "do",
        "does",
    ]
)
_ABOUT_THE_BOT = (
    "cara", "caranya", "bot", "jadwal", "tautan", "link", "zoom", "sesi", "bantuan", "help",
    "menu", "perintah", "command", "schedule", "register", "daftar", "mendaftar", "kirim ide",
    "mengirim ide", "send an idea", "send ideas", "how do i", "how to", "acara", "dimulai",
)  # fmt: skip

_WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*", re.UNICODE)


def _words(text: str) -> list[str]:
    return [w.casefold() for w in _WORD.findall(text)]


def _phrase_in(phrase: str, words: Sequence[str]) -> bool:
    parts = phrase.split()
    n = len(parts)
    return any(list(words[i : i + n]) == parts for i in range(len(words) - n + 1))


def _only(words: list[str], phrases: Sequence[str]) -> bool:
    """Are `words` nothing but `phrases` and fillers (and at least one phrase)?"""
    rest = list(words)
    found = False
    for phrase in sorted(phrases, key=lambda p: -len(p.split())):
        parts = phrase.split()
        n = len(parts)
        i = 0
        while i <= len(rest) - n:
            if rest[i : i + n] == parts:
                del rest[i : i + n]
                found = True
            else:
                i += 1
    return found and all(w in _FILLERS for w in rest)


def classify(text: str, *, has_attachment: bool, min_chars: int = 10) -> Kind:
    """Is a message sent outside any form an idea? A file (photo, voice, document) always is."""
    if has_attachment:
        return Kind.IDEA
    words = _words(text)
    if _only(words, _THANKS):
        return Kind.THANKS
    if _only(words, _GREETINGS):
        return Kind.GREETING
    # A word or two ("jalan rusak", "sudah daftar") is chat, not yet an idea to file.
    if len(words) < 3 or len(text.strip()) < min_chars:
        return Kind.SHORT
    asks = text.rstrip().endswith("?") or (words[0] in _QUESTION_WORDS)
    if asks and len(words) <= 15 and any(_phrase_in(p, words) for p in _ABOUT_THE_BOT):
        return Kind.QUESTION
    return Kind.IDEA


# --- tags written as plain words -------------------------------------------------------------

# Plain-word spellings of the tags (the hashtag words, and the same with spaces).
_PLAIN_DIMENSIONS: dict[str, str] = {
    **{tag: dim for dim, tags in DIMENSION_TAGS.items() for tag in tags},
    "tata kelola": "governance",
    "citra daerah": "branding",
    "smart governance": "governance",
    "smart branding": "branding",
    "smart economy": "economy",
    "smart living": "living",
    "smart society": "society",
    "smart environment": "environment",
}
_PLAIN_HORIZONS: dict[str, str] = {
    **{tag: hor for hor, tags in HORIZON_TAGS.items() for tag in tags},
    "1 th": "1", "1 thn": "1", "1 tahun": "1", "satu tahun": "1", "jangka pendek": "1",
    "quick win": "1", "5 th": "5", "5 thn": "5", "5 tahun": "5", "lima tahun": "5",
    "jangka menengah": "5", "10 th": "10", "10 thn": "10", "10 tahun": "10",
    "sepuluh tahun": "10", "jangka panjang": "10", "belum tahu": "unsure", "1 year": "1",
    "5 years": "5", "10 years": "10", "short term": "1", "medium term": "5", "long term": "10",
    "not sure": "unsure",
}  # fmt: skip
_LEAD_SEPARATORS = " \t\n,.;:-–—|/·"


@dataclass(frozen=True)
class Plain:
    """A free-form message read: the tags its first words carry, and the idea that follows."""

    text: str
    dimension: str | None = None
    horizon: str | None = None


def read_leading_tags(text: str) -> Plain:
    """Read dimension and horizon words at the start (`ekonomi 5th …`, `5 tahun, ekonomi: …`).

    Only the start counts: "ekonomi" in the middle of a sentence is part of the idea. A word is
    taken as a tag once; a second dimension (or horizon) word ends the tags.
    """
    rest = text.lstrip(_LEAD_SEPARATORS + "#")
    dimension: str | None = None
    horizon: str | None = None
    while rest:
        match = _match_lead(rest, _PLAIN_DIMENSIONS) if dimension is None else None
        if match is not None:
            dimension, length = match
        else:
            match = _match_lead(rest, _PLAIN_HORIZONS) if horizon is None else None
            if match is None:
                break
            horizon, length = match
        rest = rest[length:].lstrip(_LEAD_SEPARATORS + "#")
    if dimension is None and horizon is None:
        return Plain(text.strip())
    return Plain(rest.strip(), dimension, horizon)


def _match_lead(text: str, table: Mapping[str, str]) -> tuple[str, int] | None:
    folded = text.casefold()
    for phrase in sorted(table, key=len, reverse=True):
        if folded.startswith(phrase):
            end = len(phrase)
            if end == len(folded) or not folded[end].isalnum():
                return table[phrase], end
    return None


# --- the likeliest dimension -----------------------------------------------------------------


def dimension_scores(text: str, keywords: Mapping[str, Sequence[str]]) -> dict[str, int]:
    """How many keywords of each dimension the text uses (a word counts once per dimension).

    A keyword matches a whole word or phrase; a keyword of five letters or more also matches
    inside a longer word, for Indonesian affixes ("layanan" in "pelayanan", "ekonomi" in
    "perekonomian").
    """
    words = _words(text)
    scores: dict[str, int] = {}
    for dimension in DIMENSIONS:
        terms = (*keywords.get(dimension, ()), *DIMENSION_TAGS.get(dimension, ()))
        score = 0
        for term in dict.fromkeys(t.casefold().strip() for t in terms if t.strip()):
            if " " in term:
                score += _phrase_in(term, words)
            elif any(w == term or (len(term) >= 5 and term in w) for w in words):
                score += 1
        scores[dimension] = score
    return scores


def ranked_dimensions(text: str, keywords: Mapping[str, Sequence[str]]) -> list[str]:
    """All dimensions, the likeliest first (ties keep the usual order)."""
    scores = dimension_scores(text, keywords)
    return sorted(DIMENSIONS, key=lambda d: -scores[d])


def likeliest_dimension(text: str, keywords: Mapping[str, Sequence[str]]) -> str | None:
    """The one dimension the words point to, or None when none does or two tie at the top."""
    scores = dimension_scores(text, keywords)
    best = max(scores.values(), default=0)
    top = [d for d, s in scores.items() if s == best]
    return top[0] if best > 0 and len(top) == 1 else None
