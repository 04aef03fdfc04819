"""Bimtek Bot: everything but the feature handlers and the storage, in layers.

A module imports only from its own layer or the layers below it (import-linter checks it in
`make lint`; the contract is `[tool.importlinter]` in pyproject.toml):

    bot.cli  : bot.dev      entry points (the `bimtek-bot` command line) and development
                            tools (emulator, demo, sandbox, bench data)
    bot.app                 wiring: the only place that knows every handler and every job
    bot.jobs                background jobs: reminders, polls, broadcast, backups
    handlers                the features (commands, forms, buttons, views, texts)
    bot.core                Telegram plumbing and services: context, config, workshop, roles,
                            rate limiter, runner, persistence, the job interfaces
    bot.rules               plain rules: no Telegram, no SQL
    storage                 SQLite, migrations, repositories, workbooks (knows no bot)

Features reach the jobs through the Protocols of `bot.core.jobs` (`context.jobs`), which
`bot.app` fills with the `bot.jobs` modules.
"""

import os

# Opt in to python-telegram-bot's future behaviour (durations as timedelta, e.g. 429's
# retry_after) instead of a deprecation warning on every flood-control answer.
os.environ.setdefault("PTB_TIMEDELTA", "true")
