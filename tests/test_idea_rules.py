"""The hashtag fast path and the text rules, without Telegram."""

from __future__ import annotations

import pytest

from bot.rules.idea_rules import (
    DIMENSION_TAGS,
    HORIZON_TAGS,
    Tagged,
    TagProblem,
    looks_tagged,
    parse_tagged,
    text_problem,
)


@pytest.mark.parametrize(
    ("tag", "dimension"), [(tag, dim) for dim, tags in DIMENSION_TAGS.items() for tag in tags]
)
def test_every_dimension_word(tag: str, dimension: str) -> None:
    parsed = parse_tagged(f"#{tag.upper()} Sebuah ide yang cukup panjang")
    assert isinstance(parsed, Tagged) and parsed.dimension == dimension
    assert parsed.horizon == "unsure" and not parsed.horizon_given


@pytest.mark.parametrize(
    ("tag", "horizon"), [(tag, hor) for hor, tags in HORIZON_TAGS.items() for tag in tags]
)
def test_every_horizon_word(tag: str, horizon: str) -> None:
    parsed = parse_tagged(f"#ekonomi #{tag.title()} Pasar desa online")
    assert isinstance(parsed, Tagged) and parsed.horizon == horizon and parsed.horizon_given


def test_the_issue_example() -> None:
    parsed = parse_tagged("#ekonomi #5th Pasar desa online untuk kopi Manggarai")
    assert parsed == Tagged("economy", "5", "Pasar desa online untuk kopi Manggarai", True)


def test_hashtags_inside_the_idea_stay() -> None:
    parsed = parse_tagged("#Lingkungan\n#10TH Bank sampah #Ruteng di tiap kelurahan")
    assert isinstance(parsed, Tagged)
    assert parsed.text == "Bank sampah #Ruteng di tiap kelurahan"


@pytest.mark.parametrize(
    ("message", "key"),
    [
        ("#ekonomi #kopi enak", "hashtag_unknown"),
        ("#5th Pasar desa online", "hashtag_no_dimension"),
        ("#ekonomi #lingkungan Pasar", "hashtag_two_dimensions"),
        ("#ekonomi #1th #10th Pasar", "hashtag_two_horizons"),
    ],
)
def test_problems(message: str, key: str) -> None:
    parsed = parse_tagged(message)
    assert isinstance(parsed, TagProblem) and parsed.key == key


def test_unknown_tags_are_named() -> None:
    parsed = parse_tagged("#ekonomy #5th x")
    assert isinstance(parsed, TagProblem) and parsed.unknown == ("#ekonomy",)


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
