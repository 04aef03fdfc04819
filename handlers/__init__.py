"""Features: one module (or package) per feature, plus their views, texts and the cross-cutting
handlers (`guards`, `errors`, `menus`).

A new command is a row of `commands.py` plus its callback and texts. May import bot.core,
bot.rules and storage (repository verbs, never SQL); never bot.jobs or bot.app: a feature that
starts a background job calls `context.jobs` (interfaces in `bot.core.jobs`).
"""
