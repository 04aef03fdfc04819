"""Background jobs: what the bot does on its own, in tasks and PTB's job queue.

- `scheduling`: reminders kept in SQLite, armed at start and re-armed on edits.
- `polling`: sending native polls, closing them at the deadline, sharing results.
- `outbox`: the one sender of the delivery outbox (storage/outbox.py): reminders, poll copies,
  stops, shared results and poll reminders all go through `deliver`.
- `broadcast`: the paced pool of workers and the retry policy under it.
- `work`: the runner that keeps a job's tasks and waits for them at shutdown.
- `ops`: the daily backup and the figures of /status.
- `start`: how every job starts: each module's `arm(app)`, all called by `arm_all` in post_init.

Each implements an interface of `bot.core.jobs` (PollJobs, ScheduleJobs, OpsJobs), which
`bot.app` wires; features call them through `context.jobs`. May import handlers (views,
texts, `handlers.common`), bot.core, bot.rules and storage; never bot.app, bot.cli or bot.dev.
"""
