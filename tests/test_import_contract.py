"""The layers hold (import-linter, `make lint`), and what the layering wrote out stays true."""

from __future__ import annotations

from telegram.constants import PollLimit

from bot.rules import poll_rules


def test_poll_limits_written_out_in_rules_agree_with_telegram() -> None:
    """bot.rules imports no Telegram, so it spells out the poll limits: they must still agree."""
    assert max(2, int(PollLimit.MIN_OPTION_NUMBER)) == poll_rules.MIN_OPTIONS
    assert min(10, int(PollLimit.MAX_OPTION_NUMBER)) == poll_rules.MAX_OPTIONS
    assert int(PollLimit.MAX_QUESTION_LENGTH) == poll_rules.QUESTION_MAX
    assert int(PollLimit.MAX_OPTION_LENGTH) == poll_rules.OPTION_MAX
