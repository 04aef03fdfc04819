"""The similarity measure keeps its quality: labelled pairs keep their verdicts, and over the whole
labelled set of bench/similarity_pairs.py precision and recall stay near what docs/BENCHMARKS.md
reports (a change that degrades the measure badly fails here, not only in the benchmark)."""

from __future__ import annotations

import pytest

from bench.similarity_pairs import FRESH, PAIRS
from bot.rules.similarity import THRESHOLD, is_similar, most_similar, normalise, score

SAME = [
    ("Pelatihan UMKM pemasaran online", "pelatihan pemasaran digital utk umkm"),
    (
        "Perlu menara BTS di Kecamatan Cibal supaya sinyal internet bagus",
        "Bangun tower BTS di Cibal agar sinyal internet kuat",
    ),
    (
        "Pembelajaran jarak jauh untuk sekolah di desa terpencil",
        "PJJ bagi sekolah2 di desa terpencil",
    ),
    (
        "Promosi wisata Wae Rebo lewat media sosial",
        "promosi wisata wae rebo di medsos (instagram, tiktok)",
    ),
    ("Waste bank in every village", "Bank sampah di setiap desa"),
    ("Perbaikan jalan rusak ke Kecamatan Lelak", "jalan ke lelak rusak parah mohon diperbaiki"),
    ("Lampu lalu lintas di simpang pasar Ruteng", "traffic light di simpang pasar ruteng"),
]
APART = [
    # related: the same topic, another idea
    ("Pelatihan UMKM pemasaran online", "Modal usaha UMKM dengan bunga rendah"),
    ("Pelayanan KTP online", "Pelayanan akta kelahiran online"),
    ("Dana desa untuk internet desa", "Dana desa untuk jalan desa"),
    ("e-KTP jemput bola ke desa", "Akta kematian jemput bola ke desa"),
    ("Bank sampah di setiap kelurahan", "Bank desa untuk simpan pinjam"),
    # unrelated
    ("Pelayanan KTP online", "Festival kopi Manggarai tiap tahun"),
]


@pytest.mark.parametrize(("a", "b"), SAME)
def test_the_same_idea_in_other_words_is_similar(a: str, b: str) -> None:
    assert is_similar(a, b), f"{score(a, b):.1f}: {normalise(a)!r} vs {normalise(b)!r}"
    assert score(a, b) == score(b, a)


@pytest.mark.parametrize(("a", "b"), APART)
def test_another_idea_on_the_same_topic_stays_apart(a: str, b: str) -> None:
    assert not is_similar(a, b), f"{score(a, b):.1f}: {normalise(a)!r} vs {normalise(b)!r}"


def test_affixes_abbreviations_and_phrases_fold_to_one_term() -> None:
    assert normalise("pemasaran") == normalise("pasar")
    assert normalise("penanaman pohon") == normalise("tanam pohon")
    assert normalise("diperbaiki") == normalise("perbaikan")
    assert normalise("media sosial") == normalise("medsos") == "medsos"
    assert normalise("traffic light") == normalise("lampu lalu lintas")
    assert normalise("utk desa2 yg terpencil") == normalise("untuk desa yang terpencil")
    assert normalise("digitalisasi") != "gitalisasi"


@pytest.mark.parametrize("pairs", [PAIRS, FRESH], ids=["labelled", "fresh"])
def test_precision_and_recall_on_the_labelled_pairs_stay_high(pairs: list) -> None:
    found = [(score(a, b) >= THRESHOLD, label == "same") for a, b, label in pairs]
    tp = sum(1 for hit, same in found if hit and same)
    fp = sum(1 for hit, same in found if hit and not same)
    fn = sum(1 for hit, same in found if not hit and same)
    precision, recall = tp / (tp + fp), tp / (tp + fn)
    assert precision >= 0.9 and recall >= 0.8, f"precision {precision:.2f}, recall {recall:.2f}"


def test_most_similar_ranks_the_same_idea_above_a_related_one() -> None:
    found = most_similar(
        "pelatihan pemasaran online bagi umkm",
        [
            (7, "Modal usaha UMKM dengan bunga rendah"),
            (8, "Pelatihan UMKM pemasaran online"),
            (9, "Pelatihan UMKM pemasaran online di kecamatan Reok"),
        ],
    )
    assert [key for key, _ in found] == [8, 9]
