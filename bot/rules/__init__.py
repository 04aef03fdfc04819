"""Rules: plain functions of the workshop's decisions, tested without Telegram or SQLite.

`timing` (the clock, time zones, too late), `audience` (who a reminder or poll reaches),
`idea_rules` (who may submit, the same idea twice), `poll_rules` (poll forms and counting).
May import storage's models (frozen dataclasses) only: no telegram, no aiosqlite or sqlite3,
nothing of bot.core, handlers, bot.jobs.
"""
