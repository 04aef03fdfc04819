"""Development tools (top layer, beside `bot.cli`): never part of the running bot.

- `bot.dev.emulator`: the local Telegram Bot API emulator (`python -m bot.dev.emulator`);
  a new Bot API method goes into the `methods_*.py` module of its concern and the table in
  `server.py` (its control side into `control.py` and `client.py`).
- `bot.dev.demo`: `bimtek-bot demo`, a scripted workshop against the emulator, a module per act.
- `bot.dev.sandbox`: `BotHarness`, the real bot wired to an emulator (tests, demo, benchmarks).
- `bot.dev.benchdata`: fills a database quickly for the export benchmark.

May import every layer (bot.app, bot.jobs, handlers, bot.core, bot.rules, storage) and bot.cli.
"""
