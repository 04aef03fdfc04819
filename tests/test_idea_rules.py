"""The hashtag fast path and the text rules, without Telegram."""

from __future__ import annotations

import pytest

from bot.rules.idea_rules import (
    DIMENSION_TAGS,
    HORIZON_TAGS,
    looks_tagged,
    read_tags,
    text_problem,
)


@pytest.mark.parametrize(
    ("tag", "dimension"), [(tag, dim) for dim, tags in DIMENSION_TAGS.items() for tag in tags]
)
def test_every_dimension_word(tag: str, dimension: str) -> None:
    parsed = read_tags(f"#{tag.upper()} Sebuah ide yang cukup panjang")
    assert parsed.dimensions == (dimension,) and parsed.horizons == () and not parsed.guesses


@pytest.mark.parametrize(
    ("tag", "horizon"), [(tag, hor) for hor, tags in HORIZON_TAGS.items() for tag in tags]
)
def test_every_horizon_word(tag: str, horizon: str) -> None:
    parsed = read_tags(f"#ekonomi #{tag.title()} Pasar desa online")
    assert parsed.horizons == (horizon,) and parsed.text == "Pasar desa online"


def test_the_issue_example() -> None:
    parsed = read_tags("#ekonomi #5th Pasar desa online untuk kopi Manggarai")
    assert (parsed.dimensions, parsed.horizons) == (("economy",), ("5",))
    assert parsed.text == "Pasar desa online untuk kopi Manggarai"


def test_hashtags_inside_the_idea_stay() -> None:
    parsed = read_tags("#Lingkungan\n#10TH Bank sampah #Ruteng di tiap kelurahan")
    assert parsed.text == "Bank sampah #Ruteng di tiap kelurahan"


def test_two_dimensions_and_two_horizons_are_both_kept_for_a_choice() -> None:
    parsed = read_tags("#ekonomi #lingkungan #1th #10th Pasar")
    assert parsed.dimensions == ("economy", "environment") and parsed.horizons == ("1", "10")


def test_looks_tagged() -> None:
    assert (
        looks_tagged("  #ekonomi x") and not looks_tagged("ide #ekonomi") and not looks_tagged(None)
    )


@pytest.mark.parametrize(
    ("text", "attachment", "key"),
    [
        ("", False, "idea_empty"),
        ("   ", False, "idea_empty"),
        ("pendek", False, "idea_too_short"),
        ("🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂", False, "idea_no_letters"),
        ("x" * 2001, False, "idea_too_long"),
        ("x" * 2001, True, "idea_too_long"),
        ("", True, None),
        ("ok", True, None),
        ("Pasar desa online", False, None),
    ],
)
def test_text_rules(text: str, attachment: bool, key: str | None) -> None:
    problem = text_problem(text, has_attachment=attachment, min_chars=10, max_chars=2000)
    assert (problem[0] if problem else None) == key
