"""How a poll's result reads on a phone: text bars, percentages, turnout, hand votes, ranks.

Shared by /hasil, the live result message, the closing report and the final result participants
get, so a result looks the same wherever it appears.
"""

from __future__ import annotations

import datetime as dt

from telegram import InlineKeyboardMarkup

from bot.rules.poll_rules import bar, competition_ranks, percent, shorten
from handlers import buttons
from handlers.common import esc, keyboard
from handlers.ideas import dimension_label
from handlers.schedule_view import format_moment
from handlers.texts import t
from storage.polls import OptionTally, Poll, PollResults

PREFIX = "pol"


def prioritisation_question(lang: str, max_choices: int, dimension: str | None) -> str:
    """The question of an idea vote, in the recipient's language (within Telegram's 300)."""
    where = dimension_label(lang, dimension) if dimension else t(lang, "prio_scope_top")
    return t(lang, "prio_question", n=max_choices, scope=where)


def question_for(lang: str, poll: Poll) -> str:
    """What a recipient reads: the facilitator's words, or the idea vote's in their language."""
    if poll.kind == "prioritisation" and poll.max_choices is not None:
        return prioritisation_question(lang, poll.max_choices, poll.dimension)
    return poll.question


def status_line(lang: str, poll: Poll, tz: dt.tzinfo) -> str:
    if not poll.is_open:
        when = format_moment(lang, poll.closed_at, tz) if poll.closed_at else "?"
        return t(lang, "poll_status_closed", when=when)
    if poll.deadline_at is None:
        return t(lang, "poll_status_open")
    return t(lang, "poll_status_open_until", when=format_moment(lang, poll.deadline_at, tz))


def kind_line(lang: str, poll: Poll) -> str:
    if poll.kind == "prioritisation":
        return t(lang, "prio_kind_line", n=poll.max_choices or 1)
    answers = t(lang, "poll_multiple_yes" if poll.multiple else "poll_multiple_no")
    named = t(lang, "poll_anonymous_yes" if poll.anonymous else "poll_anonymous_no")
    return f"{answers} · {named}"


def ranks_of(results: PollResults) -> dict[int, int]:
    """Option position → rank by all votes (Telegram and hands); ties share a rank."""
    return competition_ranks({o.position: o.total for o in results.options})


def _option_lines(lang: str, results: PollResults, staff: bool) -> list[str]:
    lines: list[str] = []
    voters = results.voters
    for option in results.options:
        count = option.telegram
        line = t(
            lang,
            "poll_option_result",
            number=option.position + 1,
            text=esc(option.text),
            bar=bar(count, voters),
            percent=percent(count, voters),
            count=count,
        )
        if staff:
            line += t(lang, "poll_option_modes", online=option.online, offline=option.offline)
        lines.append(line)
    return lines


def _hand_lines(lang: str, results: PollResults) -> list[str]:
    if not results.hand_entries:
        return []
    hands = " · ".join(f"{o.position + 1}: {o.hand}" for o in results.options)
    combined = " · ".join(f"{o.position + 1}: {o.total}" for o in results.options)
    return [
        t(lang, "poll_hand_header", entries=results.hand_entries),
        hands,
        t(lang, "poll_combined", combined=combined),
    ]


def _ranking_lines(lang: str, results: PollResults) -> list[str]:
    ranks = ranks_of(results)
    ordered: list[OptionTally] = sorted(
        results.options, key=lambda o: (ranks[o.position], o.position)
    )
    lines = [t(lang, "prio_ranking_header")]
    for option in ordered:
        lines.append(
            t(
                lang,
                "prio_ranking_line",
                rank=ranks[option.position],
                text=esc(shorten(option.text, 60)),
                votes=option.total,
            )
        )
    return lines


def render_results(lang: str, results: PollResults, tz: dt.tzinfo, *, staff: bool = True) -> str:
    """The whole result as one HTML message (well under Telegram's 4,096 characters)."""
    poll = results.poll
    header = "poll_result_header" if staff else "poll_final_header"
    lines = [
        t(lang, header, id=poll.id, status=status_line(lang, poll, tz)),
        f"<b>{esc(question_for(lang, poll))}</b>",
        kind_line(lang, poll),
        "",
        *_option_lines(lang, results, staff),
        "",
        t(
            lang,
            "poll_turnout",
            voters=results.voters,
            recipients=results.recipients,
            percent=percent(results.voters, results.recipients),
            vo=results.voters_online,
            ro=results.recipients_online,
            vf=results.voters_offline,
            rf=results.recipients_offline,
        ),
    ]
    if staff and results.pending:
        lines.append(t(lang, "poll_pending", count=results.pending))
    if staff and results.undelivered:
        lines.append(t(lang, "poll_undelivered", count=results.undelivered))
    if staff and results.invalid:
        lines.append(t(lang, "poll_invalid", count=results.invalid, max=poll.max_choices or 1))
    hand = _hand_lines(lang, results)
    if hand:
        lines += ["", *hand]
    if poll.kind == "prioritisation":
        lines += ["", *_ranking_lines(lang, results)]
    return "\n".join(lines)


def result_markup(lang: str, poll: Poll) -> InlineKeyboardMarkup:
    """Refresh and hand votes always; remind and close while the poll is open."""
    rows = [
        [
            (t(lang, "btn_poll_refresh"), buttons.make(PREFIX, "res", poll.id)),
            (t(lang, "btn_poll_hand"), buttons.make(PREFIX, "hand", poll.id)),
        ]
    ]
    if poll.is_open:
        rows.append([(t(lang, "btn_poll_remind"), buttons.make(PREFIX, "rmd", poll.id))])
        rows.append([(t(lang, "btn_poll_close"), buttons.make(PREFIX, "cls", poll.id))])
    return keyboard(rows)


def list_line(lang: str, poll: Poll) -> str:
    state = t(lang, "poll_state_open" if poll.is_open else "poll_state_closed")
    return f"#{poll.id} · {state} · {esc(shorten(poll.question, 60))}"
