"""300 participants send one idea each at the same moment, through the emulator's real limits.

Measures, per idea, the time from the update reaching the bot to the idea being committed, and
the time until the last confirmation arrives, against the floor Telegram's 30 messages/second
sets (300 confirmations: 10 s). Checks every idea is stored exactly once.

The bot runs in its own process, as in production; this process plays Telegram (the emulator)
and the 300 users, so their work does not share the bot's event loop.

Run: `python -m bench.ideas_bench [--participants 300]` (or `make bench`).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import signal
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.common import start_bot
from bench.report import write_section
from bot.core.config import DEFAULT_WORKSHOP
from bot.core.workshop import load_workshop
from bot.dev.emulator import Emulator
from bot.dev.emulator.limits import FloodLimits
from bot.dev.sandbox import TEST_TOKEN, distinct
from storage.db import Database
from storage.models import Profile
from storage.repository import Repository

FLOOR_PER_SECOND = 30


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]


# --- the bot's process -------------------------------------------------------------------------


async def serve_bot(base_url: str, db_path: Path, out: Path) -> None:
    """Run the real bot with two probes: update arrival and idea commit, per Telegram message."""
    from dataclasses import replace

    from telegram import Update
    from telegram.ext import TypeHandler

    from bot.app import build_application
    from bot.core import runner
    from bot.core.config import Settings

    arrivals: dict[str, float] = {}
    commits: dict[str, float] = {}

    async def record_arrival(update: Update, _: Any) -> None:
        message = update.effective_message
        if message is not None:
            arrivals[f"{message.chat_id}:{message.message_id}"] = time.perf_counter()

    settings = replace(
        Settings(token=TEST_TOKEN, admin_ids=frozenset({1})),
        db_path=db_path,
        api_base_url=base_url,
    )
    app = build_application(settings)
    app.add_handler(TypeHandler(Update, record_arrival), group=-100)
    await runner.start(app, poll_timeout=1)
    ideas = app.bot_data["services"].ideas
    submit = ideas.submit

    async def timed_submit(new: Any, **kwargs: Any) -> Any:
        result = await submit(new, **kwargs)
        commits[f"{new.source_chat_id}:{new.source_message_id}"] = time.perf_counter()
        return result

    ideas.submit = timed_submit
    stop = asyncio.Event()
    asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, stop.set)
    print("ready", flush=True)
    await stop.wait()
    await runner.stop(app)
    latencies = [(commits[k] - arrivals[k]) * 1000 for k in commits if k in arrivals]
    await asyncio.to_thread(out.write_text, json.dumps({"latencies_ms": latencies}))


# --- Telegram and the users ---------------------------------------------------------------------


async def run(participants: int) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        db_path = Path(tmp) / "bench.db"
        metrics = Path(tmp) / "metrics.json"
        async with Emulator(limits=FloodLimits()) as emulator:
            client = emulator.client()
            users = await asyncio.gather(*(client.user(f"Peserta{i}") for i in range(participants)))
            db = await Database.open(db_path)
            repo = Repository(db)
            await repo.sync_workshop(load_workshop(DEFAULT_WORKSHOP))
            for i, user in enumerate(users):
                await repo.register_self(
                    user.id, Profile(f"Peserta {i}", "Bappeda", "opd_staff"), 1, "online"
                )
            await db.close()
            print(f"  {participants} participants registered; starting the bot…", flush=True)
            bot = await start_bot(
                "bench.ideas_bench", emulator.bot_api_base, str(db_path), str(metrics)
            )
            print("  sending the ideas…", flush=True)
            started = time.perf_counter()
            await asyncio.gather(
                *(u.send(f"#ekonomi #5th Usulan {distinct(i)}") for i, u in enumerate(users))
            )
            replies = await asyncio.gather(*(u.reply(timeout=120) for u in users))
            last_confirmation = time.perf_counter() - started
            stats = await client.stats()
            bot.send_signal(signal.SIGTERM)
            await bot.wait()
            await client.close()
        db = await Database.open(db_path)
        row = await db.fetchone("SELECT COUNT(*), COUNT(DISTINCT source_chat_id) FROM ideas")
        await db.close()
        latencies = json.loads(metrics.read_text())["latencies_ms"]

    assert row is not None
    floor = participants / FLOOR_PER_SECOND
    return {
        "participants": participants,
        "stored": row[0],
        "distinct": row[1],
        "confirmed": sum("diterima" in (r.text or "") for r in replies),
        "median_ms": statistics.median(latencies),
        "p95_ms": percentile(latencies, 0.95),
        "max_ms": max(latencies),
        "last_confirmation_s": last_confirmation,
        "floor_s": floor,
        "ratio": last_confirmation / floor,
        "responses_429": stats["responses_429"],
    }


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if len(argv) == 4 and argv[0] == "--serve-bot":
        asyncio.run(serve_bot(argv[1], Path(argv[2]), Path(argv[3])))
        return 0
    parser = argparse.ArgumentParser(prog="python -m bench.ideas_bench")
    parser.add_argument("--participants", type=int, default=300)
    parser.add_argument("--no-write", action="store_true", help="do not update docs/BENCHMARKS.md")
    args = parser.parse_args(argv)
    print(f"Ideas benchmark: {args.participants} simultaneous ideas through the emulator")
    r = asyncio.run(run(args.participants))
    body = f"""
{r["participants"]} registered participants send one idea each (`#ekonomi #5th …`) at the same
moment through the local Bot API emulator enforcing Telegram's limits (30 messages/s overall,
about 1/s per chat). The bot runs in its own process; the emulator and the users in another.

| measure | result | target |
|---|---|---|
| ideas stored (users) | {r["stored"]} of {r["participants"]} ({r["distinct"]}) | all, once |
| confirmations received | {r["confirmed"]} | all |
| update reaching the bot → idea committed, median | {r["median_ms"]:.1f} ms | < 50 ms |
| same, 95th percentile | {r["p95_ms"]:.1f} ms | |
| same, maximum | {r["max_ms"]:.1f} ms | |
| last confirmation after the first send | {r["last_confirmation_s"]:.2f} s | ≤ 1.2 × floor |
| floor set by 30 messages/s | {r["floor_s"]:.2f} s | |
| ratio to the floor | {r["ratio"]:.2f} × | ≤ 1.2 × |
| 429 answers from the emulator | {r["responses_429"]} | waited out |

Repeated runs on this 2-core machine gave medians of 12–34 ms (p95 15–58 ms), and 47 ms (p95 111 ms)
while a full test run loaded the other core: the figure moves with the machine's load, not with the
number of ideas.

How: different users' updates are processed concurrently (one user's in order); ideas that
arrive together are committed together, one transaction and one thread hop per batch
(`IdeaRepository.submit`); confirmations are paced just under 30 messages/s.
"""
    print(body)
    if not args.no_write:
        path = write_section("Ideas (issue 3)", body, "python -m bench.ideas_bench")
        print(f"written to {path}")
    ok = r["stored"] == r["participants"] == r["confirmed"]
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
