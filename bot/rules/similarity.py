"""When do two short ideas say the same thing? One measure, used where an idea is sent (to offer
"Dukung ide ini") and where the workbook groups similar ideas, so both agree.

Ideas are a sentence or two of Indonesian (sometimes English), typed on a phone: typos, missing
words, "di" / "untuk" / "yang" everywhere. The measure folds case and punctuation, drops the
words that carry no meaning, cuts the commonest Indonesian affixes, and compares what is left
with rapidfuzz (offline, no model to download). Its threshold is tuned on a labelled set of
pairs in `bench/` (precision and recall in docs/BENCHMARKS.md).

Pure functions: imports only rapidfuzz and the standard library.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence

from rapidfuzz import fuzz, process

# A score (0–100) at or above this says "the same idea".
THRESHOLD = 72.0

_WORD = re.compile(r"[^\W_]+", re.UNICODE)
# Words that carry no idea of their own (Indonesian and English), whitespace-separated.
_STOPWORD_TEXT = """
yang di ke dari dan atau untuk dengan dalam pada oleh agar supaya sehingga karena bagi
ini itu ada adalah akan perlu harus bisa dapat lebih sangat juga serta secara para kita
kami saya mereka nya pak bu bapak ibu mohon tolong usul usulan ide saran sebaiknya
dibuat diadakan membuat mengadakan adanya tiap setiap semua seluruh kab kabupaten kec
the a an of for to in on and or with by be should need needs we our is are more
"""
_STOPWORDS = frozenset(_STOPWORD_TEXT.split())
_PREFIXES = (
    "meng",
    "meny",
    "mem",
    "men",
    "me",
    "peng",
    "peny",
    "pem",
    "pen",
    "pe",
    "di",
    "ber",
    "ter",
)
_SUFFIXES = ("nya", "kan", "an", "i")


@functools.lru_cache(maxsize=65536)
def _stem(word: str) -> str:
    """A crude Indonesian stem: enough to make "pelatihan" meet "latih" and "pasarnya" "pasar"."""
    if len(word) <= 4 or not word.isalpha():
        return word
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            word = word[: -len(suffix)]
            break
    for prefix in _PREFIXES:
        if word.startswith(prefix) and len(word) - len(prefix) >= 4:
            return word[len(prefix) :]
    return word


@functools.lru_cache(maxsize=65536)
def normalise(text: str) -> str:
    """The words that carry the idea, folded and stemmed, in their order."""
    words = (w for w in _WORD.findall(text.casefold()) if w not in _STOPWORDS)
    return " ".join(_stem(w) for w in words)


def _score_normalised(a: str, b: str) -> float:
    if not a or not b:
        return 0.0
    return float(fuzz.token_set_ratio(a, b) * 0.5 + fuzz.token_sort_ratio(a, b) * 0.5)


def score(a: str, b: str) -> float:
    """How much two ideas say the same thing, 0–100 (symmetric)."""
    return _score_normalised(normalise(a), normalise(b))


def is_similar(a: str, b: str, *, threshold: float = THRESHOLD) -> bool:
    """Do `a` and `b` say the same thing? Texts with no meaningful word never do."""
    return score(a, b) >= threshold


def most_similar(
    text: str,
    candidates: Iterable[tuple[int, str]],
    *,
    limit: int = 3,
    threshold: float = THRESHOLD,
) -> list[tuple[int, float]]:
    """The ids of the candidates that say what `text` says, best first, with their scores."""
    query = normalise(text)
    if not query:
        return []
    pairs: Sequence[tuple[int, str]] = list(candidates)
    choices = {key: normalise(body) for key, body in pairs}
    found = process.extract(
        query,
        choices,
        scorer=lambda q, c, **_: _score_normalised(q, c),
        limit=limit,
        score_cutoff=threshold,
    )
    return [(int(key), float(value)) for _, value, key in found]
