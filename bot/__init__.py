"""Bimtek Bot: wiring, configuration, command line and scheduling."""

import os

# Opt in to python-telegram-bot's future behaviour (durations as timedelta, e.g. 429's
# retry_after) instead of a deprecation warning on every flood-control answer.
os.environ.setdefault("PTB_TIMEDELTA", "true")
