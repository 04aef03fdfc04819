"""The rules of polls as pure functions: limits, typed options and deadlines, hand votes, ranks.

No Telegram and no SQL here, so every rule is tested on its own.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Hashable, Mapping, Sequence
from typing import TypeVar

from bot.rules.timing import parse_duration, parse_moment

# The issue asks for 2 to 10 options; Telegram (Bot API of PTB 22.8) allows 2 to 12: the
# stricter of the two. Lengths are Telegram's (`telegram.constants.PollLimit`, written out here
# because rules import no Telegram; tests/test_import_contract.py checks they still agree).
MIN_OPTIONS = 2
MAX_OPTIONS = 10
QUESTION_MAX = 300
OPTION_MAX = 100
# A poll stays open from a minute to a week (remote camat answer when they have signal).
DEADLINE_MAX_MINUTES = 7 * 24 * 60
# A hand-vote entry: how many hands went up for one option (a negative number corrects).
HAND_MAX = 100_000
BAR_WIDTH = 10

K = TypeVar("K", bound=Hashable)

# Leading list markers people type before options ("1. Ya", "- Tidak", "• Mungkin").
_MARKER = re.compile(r"^\s*(?:\d{1,2}[.)]|[-•*])\s+", re.ASCII)
NO_DEADLINE_WORDS = frozenset({"tidak", "tidak ada", "tanpa", "none", "no", "-", "0"})
_IDEA_REF = re.compile(r"^#?(?:i-?)?(\d{1,6})$", re.IGNORECASE | re.ASCII)
_HAND_LINE = re.compile(r"^(\d{1,3})\s*(?:[:=x×]\s*|\s+)([+-]?\d{1,6})$", re.ASCII)


def question_problem(text: str) -> tuple[str, dict[str, int]] | None:
    """Why a typed question cannot be a Telegram poll's question, as (text key, values)."""
    stripped = text.strip()
    if not stripped:
        return "poll_question_empty", {}
    if len(stripped) > QUESTION_MAX:
        return "poll_question_too_long", {"max": QUESTION_MAX, "length": len(stripped)}
    return None


def split_options(text: str) -> list[str]:
    """One option per non-empty line, without the list markers people type."""
    return [_MARKER.sub("", line).strip() for line in text.splitlines() if line.strip()]


def options_problem(
    existing: Sequence[str], new: Sequence[str]
) -> tuple[str, dict[str, object]] | None:
    """Why `new` options cannot be added to `existing` ones (then none of them is added)."""
    if not new:
        return "poll_option_empty", {}
    for index, option in enumerate(new, start=len(existing) + 1):
        if len(option) > OPTION_MAX:
            return "poll_option_too_long", {
                "number": index,
                "max": OPTION_MAX,
                "length": len(option),
            }
    seen = {o.casefold() for o in existing}
    for option in new:
        if option.casefold() in seen:
            return "poll_option_duplicate", {"option": option}
        seen.add(option.casefold())
    if len(existing) + len(new) > MAX_OPTIONS:
        return "poll_too_many_options", {"max": MAX_OPTIONS, "have": len(existing)}
    return None


def parse_deadline(
    text: str, lang: str, now: dt.datetime | None = None, tz: dt.tzinfo | None = None
) -> int | str:
    """Minutes until the deadline (0: no deadline), or the text key of the problem.

    The same units as `/pengingat` (`bot.rules.timing.parse_duration`): '30m', '45 menit',
    '2j' / '2 jam', '1 hari'; 'h' follows the language (hari in Indonesian, hour in English); a
    bare number is minutes. With `now` and `tz`, a clock time ('14:30', today) or a day and time
    ('2021-06-21 14:30') in the workshop's zone is read too.
    """
    folded = re.sub(r"\s+", " ", text.strip().casefold())
    if folded in NO_DEADLINE_WORDS:
        return 0
    minutes = parse_duration(folded, lang, bare_minutes=True)
    if minutes is None and now is not None and tz is not None:
        moment = parse_moment(folded, now, tz)
        if moment is not None:
            if moment <= now:
                return "poll_deadline_past"
            minutes = math.ceil((moment - now) / dt.timedelta(minutes=1))
    if minutes is None or minutes < 1:
        return "poll_deadline_bad"
    if minutes > DEADLINE_MAX_MINUTES:
        return "poll_deadline_too_long"
    return minutes


def parse_hand_votes(
    text: str, n_options: int
) -> list[tuple[int, int]] | tuple[str, dict[str, object]]:
    """'2 15' lines → [(position from 0, count)]; or (text key, values) of the first problem."""
    votes: list[tuple[int, int]] = []
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if not lines:
        return "hand_bad_line", {"line": ""}
    for line in lines:
        match = _HAND_LINE.match(line)
        if match is None:
            return "hand_bad_line", {"line": line[:40]}
        number, count = int(match.group(1)), int(match.group(2))
        if not 1 <= number <= n_options:
            return "hand_bad_option", {"number": number, "max": n_options}
        if count == 0 or abs(count) > HAND_MAX:
            return "hand_bad_count", {"line": line[:40], "max": HAND_MAX}
        votes.append((number - 1, count))
    return votes


def parse_idea_refs(text: str) -> list[int] | None:
    """'#I-0012 I-15, 7' → [12, 15, 7] (repeats dropped); None if a word is not a reference."""
    found: list[int] = []
    for word in re.split(r"[\s,;]+", text.strip()):
        if not word:
            continue
        match = _IDEA_REF.match(word)
        if match is None:
            return None
        number = int(match.group(1))
        if number not in found:
            found.append(number)
    return found


def competition_ranks(totals: Mapping[K, int]) -> dict[K, int]:
    """Rank by votes, most first; ties share a rank and the next is skipped (1, 2, 2, 4)."""
    ordered = sorted(totals.values(), reverse=True)
    first_place: dict[int, int] = {}
    for index, value in enumerate(ordered, start=1):
        first_place.setdefault(value, index)
    return {key: first_place[value] for key, value in totals.items()}


def shorten(text: str, limit: int) -> str:
    """At most `limit` characters on one line, cut at a word with '…' when too long."""
    flat = re.sub(r"\s+", " ", text).strip()
    if len(flat) <= limit:
        return flat
    cut = flat[: limit - 1]
    if " " in cut[limit // 2 :]:
        cut = cut[: cut.rfind(" ")]
    return cut.rstrip(" ,.;:-") + "…"


def idea_option_text(ref: str, text: str) -> str:
    """'#I-0042 Pasar desa online …': the reference and the idea, within Telegram's 100."""
    return f"{ref} {shorten(text, OPTION_MAX - len(ref) - 1)}"


def _half_up(value: float) -> int:
    """4.5 → 5, as people round (Python's round() would give 4)."""
    return int(value + 0.5)


def percent(part: int, whole: int) -> int:
    return _half_up(100 * part / whole) if whole else 0


def bar(part: int, whole: int, width: int = BAR_WIDTH) -> str:
    """'████░░░░░░': readable on a phone, in any font that has the block characters."""
    filled = _half_up(width * part / whole) if whole else 0
    filled = min(width, max(0, filled))
    return "█" * filled + "░" * (width - filled)
