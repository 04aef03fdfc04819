"""The delivery outbox under load: one reminder and one poll to 1,000 participants.

Both kinds go through the one outbox (`storage/outbox.py`) and its one sender
(`bot/jobs/outbox.py` `deliver`), driven end to end by the real bot in its own process against
the emulator enforcing Telegram's limits. Per kind: throughput against Telegram's ceiling of 30
messages/second (production pacing), and whether every participant got it exactly once, counted
from the emulator (messages per chat), not from the bot's own bookkeeping. Run twice: on a clean
network, then with 5% of the sends (sendMessage for the reminder, sendPoll for the poll) answered
HTTP 500.

The reminder is in SQLite before the bot starts, so the bot sends it at start-up; the poll is
written by a facilitator in the chat (`/polling`) once the reminder is out.

Run: `python -m bench outbox [--participants 1000] [--no-write]`.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import signal
import sqlite3
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

from bench.common import participants as make_participants
from bench.common import poll_by_chat, register, start_bot
from bench.report import write_section
from bot.dev.emulator import Emulator, EmulatorClient, SimUser
from bot.dev.emulator.limits import FloodLimits
from bot.dev.sandbox import FACILITATOR_ID, TEST_TOKEN, screen
from bot.rules.audience import AudienceSpec
from storage.db import Database
from storage.schedule import ScheduleRepository

CEILING = 30.0
TEXT = "Sesi pleno dimulai pukul 13.00 WITA"
QUESTION = "Apakah jaringan cukup?"
KINDS = ("reminder", "poll")


async def serve_bot(base_url: str, db_path: Path) -> None:
    """The bot's own process, with production settings; stops on SIGTERM."""
    from dataclasses import replace

    from bot.app import build_application
    from bot.core import runner
    from bot.core.config import Settings

    settings = replace(
        Settings(
            token=TEST_TOKEN,
            admin_ids=frozenset({1}),
            facilitator_ids=frozenset({FACILITATOR_ID}),
        ),
        db_path=db_path,
        api_base_url=base_url,
    )
    app = build_application(settings)
    stop = asyncio.Event()
    asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, stop.set)
    await runner.start(app, poll_timeout=1)
    print("ready", flush=True)
    await stop.wait()
    await runner.stop(app)


async def _prepare(db_path: Path, users: list[SimUser]) -> int:
    """Register everyone and schedule the reminder (due now) before the bot starts."""
    await register(db_path, users)
    db = await Database.open(db_path)
    try:
        now = dt.datetime.now(dt.UTC)
        reminder = await ScheduleRepository(db).add_reminder(
            stage=1,
            text=TEXT,
            due_at=now,
            audience=AudienceSpec("all", 1).to_dict(),
            created_by=FACILITATOR_ID,
            now=now,
        )
        return reminder.id
    finally:
        await db.close()


def _outbox(db_path: Path, kind: str, ref_id: int) -> Counter[str]:
    """The outbox rows of one broadcast by status, straight from the database."""
    column = "reminder_id" if kind == "reminder" else "poll_id"
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        rows = conn.execute(
            f"SELECT status, COUNT(*) FROM outbox WHERE kind = ? AND {column} = ? GROUP BY status",
            (kind, ref_id),
        ).fetchall()
    finally:
        conn.close()
    return Counter({str(status): int(n) for status, n in rows})


async def _until_delivered(db_path: Path, kind: str, ref_id: int, participants: int) -> None:
    """Wait until every outbox row of the broadcast has left 'pending'."""
    deadline = time.time() + 600
    while time.time() < deadline:
        rows = await asyncio.to_thread(_outbox, db_path, kind, ref_id)
        if sum(rows.values()) >= participants and not rows["pending"]:
            return
        await asyncio.sleep(0.2)
    raise TimeoutError(f"the {kind} was not delivered to {participants} within 600 s")


def _is(kind: str, message: dict[str, Any]) -> bool:
    if kind == "reminder":
        return TEXT in message.get("text", "")
    return QUESTION in (message.get("poll") or {}).get("question", "")


async def _per_chat(
    client: EmulatorClient, users: list[SimUser], kind: str
) -> tuple[Counter[int], list[float]]:
    """Messages of one kind per chat, and when each arrived (emulator time)."""
    gate = asyncio.Semaphore(50)
    counts: Counter[int] = Counter()
    stamps: list[float] = []

    async def one(user: SimUser) -> None:
        async with gate:
            events, _ = await client.events(user.chat_id, types=["message"])
        for event in events:
            if _is(kind, event.get("message") or {}):
                counts[user.id] += 1
                stamps.append(float(event["ts"]))

    await asyncio.gather(*(one(u) for u in users))
    return counts, stamps


def _figures(
    kind: str,
    participants: int,
    per_chat: Counter[int],
    stamps: list[float],
    rows: Counter[str],
    stats: dict[str, Any],
    wall_s: float,
) -> dict[str, Any]:
    """One kind's figures; `stats` holds the emulator's counters for that kind's broadcast only."""
    span = max(stamps) - min(stamps) if len(stamps) > 1 else 0.0
    throughput = (len(stamps) - 1) / span if span else 0.0
    requests = stats["requests"]
    return {
        "participants": participants,
        "sent": rows["sent"],
        "failed": rows["failed"],
        "pending": rows["pending"],
        "exactly_once": sum(1 for u in per_chat.values() if u == 1),
        "duplicated": sum(1 for u in per_chat.values() if u > 1),
        "lost": participants - len(per_chat),
        "throughput": throughput,
        "ratio": throughput / CEILING,
        "first_to_last_s": span,
        "wall_s": wall_s,
        "responses_429": stats["responses_429"],
        "responses_500": stats["responses_500"],
        "send_requests": requests,
        "requests_per_s": (requests - 1) / span if span else 0.0,
    }


def _since(after: dict[str, Any], before: dict[str, Any], method: str) -> dict[str, Any]:
    """The emulator's counters between two snapshots, for one send method."""
    return {
        "requests": after["requests"].get(method, 0) - before["requests"].get(method, 0),
        "responses_429": after["responses_429"] - before["responses_429"],
        "responses_500": after["responses_500"] - before["responses_500"],
    }


async def run_once(participants: int, error_rate: float) -> dict[str, dict[str, Any]]:
    """One reminder, then one poll, to `participants`; per kind, its figures."""
    with tempfile.TemporaryDirectory() as tmp:
        db_path = Path(tmp) / "bench.db"
        async with Emulator(limits=FloodLimits()) as emulator:
            client = emulator.client()
            users = await make_participants(client, participants, at_once=50)
            fac = await client.user("Fasilitator", user_id=FACILITATOR_ID)
            reminder_id = await _prepare(db_path, users)
            before = await client.stats()
            if error_rate:
                await client.set_faults(error_rate=error_rate, methods=["sendMessage"])
            bot = await start_bot("bench.outbox_bench", emulator.bot_api_base, str(db_path))
            started = time.time()
            await _until_delivered(db_path, "reminder", reminder_id, participants)
            reminder_wall = time.time() - started
            await fac.reply(timeout=120, what="the reminder's delivery report")
            await client.clear_faults()
            after = await client.stats()
            reminder_stats = _since(after, before, "sendMessage")
            # The poll: the facilitator's form on a clean network, then the sends with faults.
            await poll_by_chat(fac, QUESTION, anonymous=False)
            confirm = await screen(fac, timeout=30)
            before = await client.stats()
            if error_rate:
                await client.set_faults(error_rate=error_rate, methods=["sendPoll"])
            started = time.time()
            await fac.press(confirm.buttons[0][0], confirm.message_id)
            await _until_delivered(db_path, "poll", 1, participants)
            poll_wall = time.time() - started
            await client.clear_faults()
            poll_stats = _since(await client.stats(), before, "sendPoll")
            bot.send_signal(signal.SIGTERM)
            await bot.wait()
            result = {}
            for kind, ref_id, stats, wall in (
                ("reminder", reminder_id, reminder_stats, reminder_wall),
                ("poll", 1, poll_stats, poll_wall),
            ):
                per_chat, stamps = await _per_chat(client, users, kind)
                rows = await asyncio.to_thread(_outbox, db_path, kind, ref_id)
                result[kind] = _figures(kind, participants, per_chat, stamps, rows, stats, wall)
            await client.close()
    return result


def _table(clean: dict[str, dict[str, Any]], faulty: dict[str, dict[str, Any]]) -> str:
    runs = [(kind, run) for kind in KINDS for run in (clean, faulty)]

    def row(label: str, key: str, fmt: str = "{}") -> str:
        return f"| {label} | " + " | ".join(fmt.format(run[kind][key]) for kind, run in runs) + " |"

    return "\n".join(
        [
            "| measure | reminder, clean | reminder, 5% → 500 | poll, clean | poll, 5% → 500 |",
            "|---|---|---|---|---|",
            row("recipients", "participants"),
            row("delivered exactly once", "exactly_once"),
            row("lost (none arrived)", "lost"),
            row("duplicated (two or more)", "duplicated"),
            row("outbox rows sent / failed / pending", "sent"),
            row("send requests (incl. retries; reminder: + its report)", "send_requests"),
            row("throughput, first to last message (msg/s)", "throughput", "{:.1f}"),
            row("share of the 30 msg/s ceiling", "ratio", "{:.0%}"),
            row("send requests per second", "requests_per_s", "{:.1f}"),
            row("first to last message (s)", "first_to_last_s", "{:.1f}"),
            row("start of the broadcast → all rows done (s)", "wall_s", "{:.1f}"),
            row("429 answers (all waited out and retried)", "responses_429"),
            row("500 answers (all retried)", "responses_500"),
        ]
    )


async def _run(participants: int) -> tuple[dict[str, Any], dict[str, Any]]:
    clean = await run_once(participants, 0.0)
    faulty = await run_once(participants, 0.05)
    return clean, faulty


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if len(argv) == 3 and argv[0] == "--serve-bot":
        asyncio.run(serve_bot(argv[1], Path(argv[2])))
        return 0
    parser = argparse.ArgumentParser(prog="python -m bench outbox")
    parser.add_argument("--participants", type=int, default=1000)
    parser.add_argument("--no-write", action="store_true", help="do not update docs/BENCHMARKS.md")
    args = parser.parse_args(argv)
    n = args.participants
    print(f"Outbox benchmark: one reminder and one poll to {n} participants, twice")
    began = time.monotonic()
    clean, faulty = asyncio.run(_run(n))
    took = time.monotonic() - began
    for run in (clean, faulty):
        for figures in run.values():
            figures["sent"] = f"{figures['sent']} / {figures['failed']} / {figures['pending']}"
    results = [run[kind] for run in (clean, faulty) for kind in KINDS]
    ok = all(r["exactly_once"] == n and not r["lost"] and not r["duplicated"] for r in results)
    body = f"""
One reminder and one poll to {n} registered participants, both through the one delivery outbox
(`storage/outbox.py`, table `outbox`) and its one sender (`bot/jobs/outbox.py` `deliver`): the
real bot in its own process (production pacing: 29 messages/s overall, about 1/s per chat, 32
workers) against the local Bot API emulator enforcing Telegram's limits (30 messages per rolling
second, 1/s per chat). The reminder is in SQLite before the bot starts, so the bot sends it at
start-up; then a facilitator writes a named poll in the chat (`/polling`) for everyone. Then all
of it again with 5% of the sends (sendMessage for the reminder, sendPoll for the poll) answered
HTTP 500 (`set_faults(error_rate=0.05)`). Counts come from the emulator (messages per chat), not
from the bot's own bookkeeping. The whole run (both passes, {n} users made each time) took
{took:.0f} s. This one benchmark replaces `bench/reminder_bench.py` and the delivery half of
`bench/poll_bench.py` (the Polls section keeps the answer counting).

{_table(clean, faulty)}

Targets: throughput at least 90% of the ceiling on a clean network, zero lost, zero duplicated,
every 429 waited out; with 500s, everyone still gets each exactly once. Result:
{"met" if ok else "NOT met"}.

With 500s every failed attempt spends one of the paced slots (the limiter cannot know beforehand
which request will fail), so deliveries per second drop by about the share of failed requests.

How: every recipient gets a 'pending' outbox row before the first message leaves; a pool of
workers sends through the paced rate limiter (which waits out 429s per chat) and records each
answer at once; network errors and 5xx are retried with back-off (0.5 s doubling, 4 retries).
"""
    print(body)
    if not args.no_write:
        path = write_section(
            "Outbox (issue 12)", body, f"python -m bench outbox --participants {n}"
        )
        print(f"written to {path}")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
