"""When do two short ideas say the same thing? One measure, used where an idea is sent (to offer
"Dukung ide ini") and where the workbook groups similar ideas, so both agree.

Ideas are a sentence or two of Indonesian (sometimes English), typed on a phone: typos,
abbreviations ("utk", "umkm", "pjj"), missing words, "di" / "untuk" / "yang" everywhere. The
measure works on the words that carry the idea:

1. `normalise`: fold case and punctuation, spell out chat abbreviations and reduplication
   ("desa2"), turn a few fixed phrases and common English words into one Indonesian term
   ("media sosial" = "medsos", "village" = "desa"), drop filler words, cut the commonest
   Indonesian affixes with their sound changes ("pemasaran" → "pasar", "penanaman" → "tanam").
2. `score`: match the words of one idea to the other's one to one — equal, one the start of the
   other ("perpus" / "perpustakaan"), or a typo away (rapidfuzz ratio, same first three letters).
   Words left over on BOTH sides are what makes two ideas different ("pelatihan UMKM" vs
   "pelatihan petani"): each such pair counts fully against the score. Words left over on one
   side only are detail ("BTS di Cibal" vs "tower BTS di Cibal supaya sinyal kuat"): they count
   a third as much.

   score = 100 · m / (m + min(ua, ub) + EXTRA · |ua − ub|), m matched words, ua/ub unmatched.

The constants and THRESHOLD are tuned on the labelled pairs in `bench/` (precision and recall,
tuning and held-out, in docs/BENCHMARKS.md). Every matched word pair shares its first three
letters (`block_keys`), which lets grouping compare only ideas that share one.

Pure functions: imports only rapidfuzz and the standard library.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Iterable, Sequence

from rapidfuzz import fuzz

# A score (0–100) at or above this says "the same idea".
THRESHOLD = 72.0
# How much a word only one side has counts against the score, relative to a differing word.
EXTRA = 0.3
# Two different words match as a typo at or above this rapidfuzz ratio.
TYPO_RATIO = 80.0
# Shortest word that may match as the start of a longer one, or as a typo.
MIN_PARTIAL = 4
# Letters two matching words always share at their start (see `block_keys`).
KEY_LETTERS = 3

_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_REDUPLICATED = re.compile(r"^([^\W\d_]{3,})2$")

# Chat spellings and abbreviations, each to the word it stands for (before filler words go).
_ABBREVIATIONS = {
    "yg": "yang",
    "dgn": "dengan",
    "dg": "dengan",
    "utk": "untuk",
    "tdk": "tidak",
    "gak": "tidak",
    "spy": "supaya",
    "krn": "karena",
    "jg": "juga",
    "dr": "dari",
    "dlm": "dalam",
    "pd": "pada",
    "sdh": "sudah",
    "blm": "belum",
    "tsb": "tersebut",
    "kab": "kabupaten",
    "kec": "kecamatan",
    "kel": "kelurahan",
    "ds": "desa",
    "info": "informasi",
    "perpus": "perpustakaan",
    "lab": "laboratorium",
    "bis": "bus",
    "hoax": "hoaks",
    "oleh2": "oleholeh",
    "wa": "whatsapp",
    "hp": "handphone",
    "telp": "telepon",
    "pemda": "pemerintah",
    "ektp": "ktp",
    "ojol": "ojek online",
    "medsos": "media sosial",
    "pjj": "pembelajaran jarak jauh",
    "tte": "tanda tangan elektronik",
    "pju": "penerangan jalan umum",
    "plts": "listrik tenaga surya",
    "das": "daerah aliran sungai",
    "ews": "peringatan dini",
    "rs": "rumah sakit",
    "dpt": "dapat",
    "rakor": "rapat koordinasi",
}
# Common English words of the six dimensions, to their Indonesian term (ideas mix both).
_ENGLISH = {
    "village": "desa",
    "villages": "desa",
    "school": "sekolah",
    "schools": "sekolah",
    "hospital": "rumah sakit",
    "clinic": "klinik",
    "health": "kesehatan",
    "training": "pelatihan",
    "train": "pelatihan",
    "marketing": "pemasaran",
    "market": "pasar",
    "queue": "antrian",
    "waste": "sampah",
    "garbage": "sampah",
    "trash": "sampah",
    "tourism": "pariwisata",
    "tourist": "wisata",
    "coffee": "kopi",
    "promote": "promosi",
    "promotion": "promosi",
    "youth": "pemuda",
    "literacy": "literasi",
    "service": "layanan",
    "services": "layanan",
    "public": "publik",
    "road": "jalan",
    "roads": "jalan",
    "water": "air",
    "clean": "bersih",
    "farmer": "petani",
    "farmers": "petani",
    "small": "kecil",
    "business": "usaha",
    "businesses": "usaha",
    "tower": "menara",
    "free": "gratis",
    "card": "kartu",
    "cards": "kartu",
    "id": "ktp",
    "online": "online",
    "daring": "online",
    "internet": "internet",
    "regency": "kabupaten",
    "disaster": "bencana",
    "landslide": "longsor",
    "teacher": "guru",
    "teachers": "guru",
    "student": "siswa",
    "students": "siswa",
    "scholarship": "beasiswa",
    "library": "perpustakaan",
    "children": "anak",
    "elderly": "lansia",
    "fingerprint": "sidik jari",
    "app": "aplikasi",
    "application": "aplikasi",
    "website": "website",
    "situs": "website",
    "web": "website",
    "transportasi": "angkutan",
    "transport": "angkutan",
    "update": "pembaruan",
    "residents": "masyarakat",
    "community": "masyarakat",
    "warga": "masyarakat",
    "penduduk": "masyarakat",
}
# Fixed phrases that are one term (after abbreviations and English are spelled out).
_PHRASES = {
    ("media", "sosial"): "medsos",
    ("small", "business"): "umkm",
    ("usaha", "kecil"): "umkm",
    ("kecil", "usaha"): "umkm",
    ("ojek", "online"): "ojol",
    ("pembelajaran", "jarak", "jauh"): "pjj",
    ("belajar", "jarak", "jauh"): "pjj",
    ("tanda", "tangan", "elektronik"): "tte",
    ("tanda", "tangan", "digital"): "tte",
    ("penerangan", "jalan", "umum"): "pju",
    ("lampu", "jalan"): "pju",
    ("lampu", "lalu", "lintas"): "lalulintas",
    ("traffic", "light"): "lalulintas",
    ("traffic", "lights"): "lalulintas",
    ("daerah", "aliran", "sungai"): "das",
    ("peringatan", "dini"): "ews",
    ("early", "warning"): "ews",
    ("rumah", "sakit"): "rs",
    ("sidik", "jari"): "fingerprint",
    ("tenaga", "surya"): "surya",
    ("open", "data"): "opendata",
    ("data", "terbuka"): "opendata",
    ("mal", "pelayanan"): "mpp",
    ("mall", "pelayanan"): "mpp",
    ("mal", "pelayanan", "publik"): "mpp",
    ("mall", "pelayanan", "publik"): "mpp",
    ("call", "center"): "callcenter",
    ("nomor", "darurat"): "callcenter",
}
_LONGEST_PHRASE = max(len(p) for p in _PHRASES)
# The phrases' terms are kept as they are (no stemming: "medsos" is no "me-dsos").
_TERMS = frozenset(_PHRASES.values())
# Words that carry no idea of their own (Indonesian and English), whitespace-separated.
_STOPWORD_TEXT = """
yang di ke dari dan atau untuk dengan dalam pada oleh agar supaya sehingga karena bagi kepada
ini itu ada adalah akan perlu harus bisa dapat lebih sangat juga serta secara para kita tersebut
kami saya mereka nya pak bu bapak ibu mohon tolong usul usulan ide saran sebaiknya masih sudah
dibuat diadakan membuat mengadakan adanya tiap setiap semua seluruh kabupaten belum dpt
lewat via melalui pakai memakai menggunakan digunakan guna sampai hingga jadi menjadi dijadikan
tidak biar nanti mari ayo terutama khususnya misalnya seperti bisa dengan
the a an of for to in on and or with by be should need needs we our is are more every each all
via using use make made have has please at from into
"""
_STOPWORDS = frozenset(_STOPWORD_TEXT.split())
# Stems of verbs that only say "let there be" (bangun, sediakan, adakan, tambah ...).
_VERB_STEM_TEXT = "bangun sedia ada buat laku pasang gunakan perlu"
_VERB_STEMS = frozenset(_VERB_STEM_TEXT.split())
# Root words that look affixed and are not ("digital" is no "di-gital").
_ROOT_TEXT = """
    digital dinas dini diskusi disiplin dinamis distribusi minal terminal menara mentah
    pelabuhan penyu perdana pemuda perahu perempuan pesan peta petani pelita berita bersih
    beras berat beranda teras terang teknologi kecil keluarga kelompok kelola
    pegawai pemerintah perda pengawas pendopo
"""
_ROOTS = frozenset(_ROOT_TEXT.split())
_SUFFIXES = ("nya", "kan", "an", "i")
# Prefix → what replaces it before a vowel (Indonesian nasal assimilation), or None to drop.
_NASAL = (
    ("meng", ""),
    ("peng", ""),
    ("meny", "s"),
    ("peny", "s"),
    ("mem", "p"),
    ("pem", "p"),
    ("men", "t"),
    ("pen", "t"),
)
_PLAIN_PREFIXES = ("ber", "ter", "per", "mem", "pem", "men", "pen", "me", "pe", "di", "be", "ke")
# "peng-" / "meng-" before a vowel drop a "k" from these roots ("pengelolaan" is "kelola").
_K_ROOT_TEXT = "kelola kembang kirim kumpul kaji kenal kuat kendali kurang kemas"
_K_ROOTS = frozenset(_K_ROOT_TEXT.split())
# Roots that start like a prefix, with whatever suffix follows ("digitalisasi").
_ROOT_STARTS = ("digital", "dinas", "diskusi", "disiplin", "distribusi", "terminal", "teknolog")
_VOWELS = frozenset("aeiou")


def _strip_prefix(word: str) -> str:
    for prefix, replacement in _NASAL:
        if word.startswith(prefix) and len(word) - len(prefix) >= MIN_PARTIAL - 1:
            rest = word[len(prefix) :]
            if rest[0] in _VOWELS:
                if not replacement and "k" + rest in _K_ROOTS:
                    return "k" + rest
                return replacement + rest
            if prefix in ("meng", "peng", "meny", "peny"):
                return rest
    for prefix in _PLAIN_PREFIXES:
        if word.startswith(prefix) and len(word) - len(prefix) >= MIN_PARTIAL:
            return word[len(prefix) :]
    return word


@functools.lru_cache(maxsize=65536)
def _stem(word: str) -> str:
    """A crude Indonesian stem: "pelatihan" meets "latih", "pemasaran" "pasar", "desanya" "desa"."""
    if len(word) <= MIN_PARTIAL or not word.isalpha() or word in _ROOTS:
        return word
    if word.startswith(_ROOT_STARTS):
        return word
    for suffix in _SUFFIXES:
        if suffix == "kan" and word.startswith(("pe", "ke")):
            suffix = "an"  # "per-baik-an", "ke-giat-an": a noun takes "-an", not "-kan"
        if word.endswith(suffix) and len(word) - len(suffix) >= MIN_PARTIAL:
            word = word[: -len(suffix)]
            break
    if word in _ROOTS:
        return word
    stripped = _strip_prefix(word)
    if stripped != word and stripped not in _ROOTS:
        # One more layer: "di-per-baiki", "ke-ber-sihan".
        again = _strip_prefix(stripped)
        if again != stripped and len(again) >= MIN_PARTIAL and stripped[:3] in ("per", "ber"):
            return again
    return stripped


def _spelled_out(text: str) -> list[str]:
    words: list[str] = []
    for word in _WORD.findall(text.casefold()):
        found = _REDUPLICATED.match(word)
        if found:
            word = found.group(1)
        word = _ABBREVIATIONS.get(word, word)
        word = _ENGLISH.get(word, word)
        words.extend(word.split())
    return words


def _joined_phrases(words: list[str]) -> list[str]:
    out: list[str] = []
    i = 0
    while i < len(words):
        for size in range(min(_LONGEST_PHRASE, len(words) - i), 1, -1):
            term = _PHRASES.get(tuple(words[i : i + size]))
            if term is not None:
                out.append(term)
                i += size
                break
        else:
            out.append(words[i])
            i += 1
    return out


@functools.lru_cache(maxsize=65536)
def normalise(text: str) -> str:
    """The words that carry the idea, spelled out, folded and stemmed, in their order."""
    words = _joined_phrases(_spelled_out(text))
    stems = (w if w in _TERMS else _stem(w) for w in words if w not in _STOPWORDS)
    return " ".join(s for s in stems if s not in _VERB_STEMS and s not in _STOPWORDS)


@functools.lru_cache(maxsize=65536)
def terms(text: str) -> tuple[str, ...]:
    """The distinct words of `normalise(text)`, sorted."""
    return tuple(sorted(set(normalise(text).split())))


def block_key(word: str) -> str:
    """What any word matching `word` shares with it: its first KEY_LETTERS letters."""
    return word[:KEY_LETTERS]


def block_keys(words: Sequence[str]) -> list[tuple[str, int]]:
    """The keys of an idea's words, numbered when repeated: two ideas with m matched words share
    at least m of these (grouping compares only ideas that share one)."""
    seen: Counter[str] = Counter()
    keys = []
    for word in words:
        key = block_key(word)
        keys.append((key, seen[key]))
        seen[key] += 1
    return keys


def _words_match(a: str, b: str) -> bool:
    if a == b:
        return True
    if len(a) < MIN_PARTIAL or len(b) < MIN_PARTIAL or a[:KEY_LETTERS] != b[:KEY_LETTERS]:
        return False
    if a.startswith(b) or b.startswith(a):
        return True
    return fuzz.ratio(a, b) >= TYPO_RATIO


def _matched(a: Sequence[str], b: Sequence[str]) -> int:
    """How many words of `a` match a word of `b`, one to one (exact matches first)."""
    in_b = set(b)
    rest_a = [w for w in a if w not in in_b]
    if not rest_a:
        return len(a)
    exact = len(a) - len(rest_a)
    in_a = set(a)
    # Only words with the same first letters can match (`_words_match`): look only at those.
    rest_b: dict[str, list[str]] = {}
    for word in b:
        if word not in in_a and len(word) >= MIN_PARTIAL:
            rest_b.setdefault(word[:KEY_LETTERS], []).append(word)
    found = 0
    for word in rest_a:
        options = rest_b.get(word[:KEY_LETTERS]) if len(word) >= MIN_PARTIAL else None
        if not options:
            continue
        for j, other in enumerate(options):
            if _words_match(word, other):
                found += 1
                del options[j]
                break
    return exact + found


def score_from_counts(matched: int, size_a: int, size_b: int) -> float:
    """The score of two ideas of `size_a` and `size_b` words of which `matched` match."""
    if matched <= 0:
        return 0.0
    ua, ub = size_a - matched, size_b - matched
    return 100.0 * matched / (matched + min(ua, ub) + EXTRA * abs(ua - ub))


def score_terms(a: Sequence[str], b: Sequence[str]) -> float:
    """`score` of two ideas already reduced to `terms`."""
    if not a or not b:
        return 0.0
    if len(a) > len(b):
        a, b = b, a
    return score_from_counts(_matched(a, b), len(a), len(b))


def score(a: str, b: str) -> float:
    """How much two ideas say the same thing, 0–100 (symmetric)."""
    return score_terms(terms(a), terms(b))


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
    query = terms(text)
    if not query:
        return []
    found = []
    for order, (key, body) in enumerate(candidates):
        value = score_terms(query, terms(body))
        if value >= threshold:
            found.append((-value, order, int(key)))
    found.sort()
    return [(key, -neg) for neg, _, key in found[:limit]]
