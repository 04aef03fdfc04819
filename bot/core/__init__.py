"""Core: Telegram plumbing and the services every feature receives.

`context` (BotContext, Services), `config` (settings from the environment), `workshop` (the
workshop file; `workshops/` holds the example), `roles`, `ratelimit` (the paced rate limiter),
`runner` (running the bot), `persistence` (conversations in SQLite), `logfmt`, `qr`, and
`jobs`: the interfaces of the background jobs that features call. May import bot.rules and
storage; never handlers, bot.jobs, bot.app, bot.cli or bot.dev.
"""
