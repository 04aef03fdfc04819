"""The demo's ideas read like a workshop: distinct, in people's own voices, horizons that fit."""

from __future__ import annotations

from collections import Counter

from bot.core.config import DEFAULT_WORKSHOP
from bot.core.workshop import load_workshop
from bot.dev.demo import _voice, cast
from bot.dev.demo.data import IDEAS, VOICES, assign
from bot.rules.idea_rules import DIMENSION_TAGS, HORIZON_TAGS, fold_text, read_tags
from storage.models import DIMENSIONS, HORIZONS


def test_the_corpus_is_distinct_and_well_formed() -> None:
    folded = [fold_text(i.text) for i in IDEAS]
    assert len(set(folded)) == len(IDEAS) >= 40
    assert len({i.key for i in IDEAS}) == len(IDEAS)
    for idea in IDEAS:
        assert idea.dimension in DIMENSIONS and idea.horizon in HORIZONS, idea.key
        assert idea.voice in VOICES, idea.key
        assert 10 <= len(idea.text) <= 300 and "#" not in idea.text, idea.key
        assert "(" not in idea.text[-4:], "no '(n)' copies"
    assert set(Counter(i.dimension for i in IDEAS)) == set(DIMENSIONS)
    assert set(Counter(i.horizon for i in IDEAS)) == set(HORIZONS)
    lengths = sorted(len(i.text) for i in IDEAS)
    assert lengths[0] < 50 and lengths[-1] > 120  # short and long


def test_near_duplicates_say_the_same_in_other_words() -> None:
    by_key = {i.key: i for i in IDEAS}
    pairs = [(i, by_key[i.near]) for i in IDEAS if i.near is not None]
    assert len(pairs) >= 4
    for idea, other in pairs:
        assert other.key != idea.key and fold_text(other.text) != fold_text(idea.text)
        assert other.dimension == idea.dimension, (idea.key, other.key)


def test_the_default_demo_sends_over_forty_distinct_ideas_in_their_voices() -> None:
    workshop = load_workshop(DEFAULT_WORKSHOP)
    people = cast(48, workshop.kecamatan, workshop.opd)
    voices = [_voice(p) for p in people]
    ideas = assign(voices)
    cards = assign(["paper"] * 3)
    assert len({i.text for i in ideas + cards}) == 51
    assert all(i.voice == v for i, v in zip(ideas, voices, strict=True))
    assert any(i.voice == "expert" and i.near for i in ideas)  # a near-duplicate in English
    used = {i.key for i in ideas + cards}
    assert sum(1 for i in ideas + cards if i.near in used) >= 4
    # More people than ideas: texts come round again, nobody is left without one.
    assert len(assign(["opd"] * 100)) == 100


def test_every_demo_idea_is_filed_as_tagged_by_the_fast_path() -> None:
    for idea in IDEAS:
        for tags in (DIMENSION_TAGS[idea.dimension][0], idea.dimension):
            horizon = "" if idea.horizon == "unsure" else f" #{HORIZON_TAGS[idea.horizon][0]}"
            parsed = read_tags(f"#{tags}{horizon} {idea.text}")
            assert not parsed.guesses, (idea.key, parsed)
            horizons = () if idea.horizon == "unsure" else (idea.horizon,)
            assert (parsed.dimensions, parsed.horizons, parsed.text) == (
                (idea.dimension,),
                horizons,
                idea.text,
            )
