"""The rules as plain functions: who may submit an idea, what counts as the same idea twice, when a
reminder is too late. No Telegram, no SQLite: plain data in, a decision out."""

from __future__ import annotations

import datetime as dt

from bot.rules.idea_rules import decide_submission, fold_text, same_idea
from bot.rules.timing import past_grace, reminder_too_late
from storage.models import Accepted, IdeaOutcome, Refused, SubmissionFacts

NOW = dt.datetime(2021, 6, 21, 1, 0, tzinfo=dt.UTC)


def facts(**changes: object) -> SubmissionFacts:
    base: dict[str, object] = {
        "collection_open": True,
        "text": "Pasar desa online",
        "own_texts": (),
        "recent_times": (),
        "typed_by_secretariat": False,
        "now": NOW,
        "per_minute": 3,
    }
    base.update(changes)
    return SubmissionFacts(**base)  # type: ignore[arg-type]


def test_an_open_collection_accepts_a_new_idea() -> None:
    assert decide_submission(facts()) == Accepted()


def test_a_closed_collection_refuses_before_anything_else() -> None:
    closed = facts(collection_open=False, own_texts=((7, "Pasar desa online"),))
    assert decide_submission(closed) == Refused(IdeaOutcome.CLOSED)


def test_the_same_text_twice_names_the_earlier_idea() -> None:
    again = facts(text="  pasar   DESA online ", own_texts=((3, "Lain"), (7, "Pasar desa online")))
    assert decide_submission(again) == Refused(IdeaOutcome.DUPLICATE_TEXT, same_as=7)


def test_what_counts_as_the_same_idea() -> None:
    assert fold_text("  Pasar\n desa  ONLINE ") == "pasar desa online"
    assert same_idea("Pasar desa online", "PASAR  desa online")
    assert not same_idea("Pasar desa online", "Pasar kota online")
    assert not same_idea("", "")  # a photo alone is never a repeat of another photo alone
    assert not same_idea("   ", "")


def test_a_runaway_client_is_refused_at_the_limit_within_the_minute() -> None:
    just_inside = NOW - dt.timedelta(seconds=59)
    at_limit = facts(recent_times=(NOW, NOW - dt.timedelta(seconds=10), just_inside))
    assert decide_submission(at_limit) == Refused(IdeaOutcome.TOO_MANY)
    one_outside = facts(recent_times=(NOW, just_inside, NOW - dt.timedelta(seconds=60)))
    assert decide_submission(one_outside) == Accepted()
    below = facts(recent_times=(NOW, just_inside))
    assert decide_submission(below) == Accepted()


def test_paper_ideas_typed_by_the_secretariat_are_not_rate_limited() -> None:
    stack = facts(typed_by_secretariat=True, recent_times=(NOW,) * 10)
    assert decide_submission(stack) == Accepted()


def test_a_repeat_is_reported_before_the_rate_limit() -> None:
    both = facts(own_texts=((9, "Pasar desa online"),), recent_times=(NOW,) * 5)
    assert decide_submission(both) == Refused(IdeaOutcome.DUPLICATE_TEXT, same_as=9)


GRACE = dt.timedelta(minutes=30)


def test_a_reminder_is_too_late_only_past_its_grace() -> None:
    due = NOW - GRACE
    assert not past_grace(due, NOW, GRACE)
    assert past_grace(due - dt.timedelta(microseconds=1), NOW, GRACE)
    assert not reminder_too_late(due, NOW, GRACE)
    assert reminder_too_late(due - dt.timedelta(seconds=1), NOW, GRACE)


def test_a_session_reminder_is_too_late_once_its_session_ended_or_is_gone() -> None:
    due = NOW - dt.timedelta(minutes=5)
    ends = NOW + dt.timedelta(minutes=1)
    assert not reminder_too_late(due, NOW, GRACE, for_session=True, session_ends_at=ends)
    assert reminder_too_late(
        due, NOW, GRACE, for_session=True, session_ends_at=NOW - dt.timedelta(seconds=1)
    )
    assert not reminder_too_late(due, NOW, GRACE, for_session=True, session_ends_at=NOW)
    assert reminder_too_late(due, NOW, GRACE, for_session=True, session_ends_at=None)
    # a reminder not tied to a session ignores session times
    assert not reminder_too_late(due, NOW, GRACE, session_ends_at=NOW - dt.timedelta(hours=1))
