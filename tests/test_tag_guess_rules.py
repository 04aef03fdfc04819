"""Pure rules behind hashtag repair: which known tag a misspelt one meant, what the tags of a
message say whatever they are, and how an over-long idea is cut at its paragraphs."""

from __future__ import annotations

import pytest

from bot.rules.idea_rules import guess_tags, is_too_long, read_tags, split_paragraphs


@pytest.mark.parametrize(
    ("typed", "kind", "key"),
    [
        ("ekonmi", "dimension", "economy"),
        ("enviroment", "dimension", "environment"),
        ("tata_kelola", "dimension", "governance"),
        ("Tata-Kelola", "dimension", "governance"),
        ("lingkugan", "dimension", "environment"),
        ("masyrakat", "dimension", "society"),
        ("5", "horizon", "5"),
        ("10tahunan", "horizon", "10"),
        ("1", "horizon", "1"),
    ],
)
def test_a_misspelt_tag_is_guessed(typed: str, kind: str, key: str) -> None:
    best = guess_tags(typed)[0]
    assert (best.kind, best.key) == (kind, key)


@pytest.mark.parametrize("typed", ["kopi", "ruteng", "2", "x"])
def test_a_tag_like_no_known_one_is_not_guessed(typed: str) -> None:
    assert guess_tags(typed) == ()


def test_read_tags_keeps_what_it_cannot_place() -> None:
    reading = read_tags("#ekonomi #lingkugan #kopi #5th Pasar desa online")
    assert reading.dimensions == ("economy",) and reading.horizons == ("5",)
    assert reading.guessed("dimension") == ("environment",) and reading.typed == ("#lingkugan",)
    assert reading.text == "#kopi Pasar desa online"


def test_split_at_blank_lines_short_paragraphs_join_the_next() -> None:
    text = "Usulan:\n\nPasar desa online untuk kopi\n  \nBank sampah di setiap kelurahan\n\nok"
    assert split_paragraphs(text, min_chars=10) == [
        "Usulan:\nPasar desa online untuk kopi",
        "Bank sampah di setiap kelurahan\n\nok",
    ]
    assert split_paragraphs("satu paragraf saja", min_chars=10) == ["satu paragraf saja"]


def test_too_long_counts_the_stripped_text() -> None:
    assert is_too_long("x" * 11, 10) and not is_too_long("  " + "x" * 10 + "\n", 10)
