"""1,000 answers to a poll in one burst: counted once each, and how fast the live result has them.

A facilitator writes the poll in the chat (`/polling`); once every participant has its copy (the
delivery itself is measured by `python -m bench outbox`), all 1,000 participants answer at the
same moment. Measured:

- for the burst, the time from the last answer reaching Telegram (the emulator) to the live
  result (what `/hasil` adds up, read from the database) including it: target under 1 s;
- per answer, the time from the update reaching the bot to its commit;
- that every answer is counted exactly once (and the facilitator's `/hasil` shows them all).

Run twice: a named poll (answers come as `poll_answer` updates) and an anonymous one (only the
counts of each copy, as `poll` updates). The bot runs in its own process, as in production; this
process plays Telegram (the emulator, with its flood limits) and the users.

Run: `python -m bench.poll_bench [--participants 1000] [--no-write]` (or `make bench`).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import signal
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.common import POLL_OPTIONS, poll_by_chat, register, start_bot
from bench.common import participants as make_participants
from bench.report import write_section
from bot.dev.emulator import Emulator, SimUser
from bot.dev.emulator.limits import FloodLimits
from bot.dev.sandbox import FACILITATOR_ID, TEST_TOKEN, screen


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]


# --- the bot's process -------------------------------------------------------------------------


async def serve_bot(base_url: str, db_path: Path, out: Path) -> None:
    """The real bot with two probes: an answer update's arrival and its commit."""
    from dataclasses import replace

    from telegram import Update
    from telegram.ext import TypeHandler

    from bot.app import build_application
    from bot.core import runner
    from bot.core.config import Settings
    from bot.jobs import polling

    arrivals: dict[str, float] = {}
    commits: dict[str, float] = {}

    async def record_arrival(update: Update, _: Any) -> None:
        if update.poll_answer is not None:
            arrivals[f"a:{update.poll_answer.poll_id}"] = time.perf_counter()
        elif update.poll is not None:
            arrivals.setdefault(f"c:{update.poll.id}", time.perf_counter())

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
    app.add_handler(TypeHandler(Update, record_arrival), group=-100)
    await runner.start(app, poll_timeout=1)
    polls = polling.repository(app)
    record_answer, record_counts = polls.record_answer, polls.record_counts

    async def timed_answer(tg_poll_id: str, *args: Any, **kwargs: Any) -> Any:
        result = await record_answer(tg_poll_id, *args, **kwargs)
        commits[f"a:{tg_poll_id}"] = time.perf_counter()
        return result

    async def timed_counts(tg_poll_id: str, *args: Any, **kwargs: Any) -> Any:
        result = await record_counts(tg_poll_id, *args, **kwargs)
        commits.setdefault(f"c:{tg_poll_id}", time.perf_counter())
        return result

    polls.record_answer = timed_answer  # type: ignore[method-assign]
    polls.record_counts = timed_counts  # type: ignore[method-assign]
    stop = asyncio.Event()
    asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, stop.set)
    print("ready", flush=True)
    await stop.wait()
    await runner.stop(app)
    latencies = {k: (commits[k] - arrivals[k]) * 1000 for k in commits if k in arrivals}
    await asyncio.to_thread(out.write_text, json.dumps(latencies))


# --- Telegram, the facilitator and the participants ------------------------------------------


def _counted(db_path: Path, poll_id: int) -> tuple[int, int, int]:
    """(answers counted, distinct copies, sum of option counts) straight from the database."""
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        row = conn.execute(
            "SELECT COUNT(*), COUNT(DISTINCT copy_id), "
            "(SELECT COUNT(*) FROM poll_answers a, json_each(a.option_ids) WHERE a.poll_id = ?) "
            "FROM poll_answers WHERE poll_id = ? AND valid = 1",
            (poll_id, poll_id),
        ).fetchone()
    finally:
        conn.close()
    return int(row[0]), int(row[1]), int(row[2])


async def _round(
    fac: SimUser, users: list[SimUser], db_path: Path, poll_id: int, anonymous: bool
) -> dict[str, Any]:
    n = len(users)
    kind = "anonim" if anonymous else "bernama"
    await poll_by_chat(fac, f"Polling {poll_id} ({kind}): apakah jaringan cukup?", anonymous)
    confirm = await screen(fac, timeout=30)
    await fac.press(confirm.buttons[0][0], confirm.message_id)
    gate = asyncio.Semaphore(200)

    async def delivered(user: SimUser) -> tuple[str, float]:
        async with gate:
            message = await user.reply(timeout=300)
        assert message.poll is not None
        return str(message.poll["id"]), time.perf_counter()

    received = await asyncio.gather(*(delivered(u) for u in users))
    print(f"  poll #{poll_id} ({kind}) delivered to {n}; the burst…")
    await screen(fac, timeout=30)  # "sent"
    await fac.reply(timeout=30)  # the live result

    choices = [[i % len(POLL_OPTIONS)] for i in range(n)]
    burst_started = time.perf_counter()
    await asyncio.gather(
        *(
            u.answer_poll(poll_id_, c)
            for u, (poll_id_, _), c in zip(users, received, choices, strict=True)
        )
    )
    last_answer = time.perf_counter()
    deadline = last_answer + 60
    counted = (0, 0, 0)
    while time.perf_counter() < deadline:
        counted = await asyncio.to_thread(_counted, db_path, poll_id)
        if counted[0] >= n:
            break
        await asyncio.sleep(0.005)
    included = time.perf_counter() - last_answer
    await asyncio.sleep(1.0)  # anything counted twice would show now
    counted = await asyncio.to_thread(_counted, db_path, poll_id)
    await fac.send(f"/hasil {poll_id}")
    shown = (await fac.reply(timeout=30)).text or ""
    return {
        "kind": kind,
        "burst_s": last_answer - burst_started,
        "included_s": included,
        "answers": counted[0],
        "distinct": counted[1],
        "chosen": counted[2],
        "shown": f"{n} dari {n}" in shown,
        "poll_ids": [poll_id_ for poll_id_, _ in received],
    }


async def run(participants: int) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        db_path = Path(tmp) / "bench.db"
        metrics = Path(tmp) / "metrics.json"
        async with Emulator(limits=FloodLimits()) as emulator:
            client = emulator.client()
            users = await make_participants(client, participants, at_once=100)
            fac = await client.user("Fasilitator", user_id=FACILITATOR_ID)
            await register(db_path, users, offline_every=3)
            print(f"  {participants} participants registered; starting the bot…", flush=True)
            bot = await start_bot(
                "bench.poll_bench", emulator.bot_api_base, str(db_path), str(metrics)
            )
            rounds = [
                await _round(fac, users, db_path, 1, anonymous=False),
                await _round(fac, users, db_path, 2, anonymous=True),
            ]
            stats = await client.stats()
            bot.send_signal(signal.SIGTERM)
            await bot.wait()
            await client.close()
        latencies = json.loads(metrics.read_text())
    for r, key in zip(rounds, ("a", "c"), strict=True):
        values = [latencies[f"{key}:{i}"] for i in r.pop("poll_ids") if f"{key}:{i}" in latencies]
        values = values or [0.0]
        r.update(
            median_ms=statistics.median(values),
            p95_ms=percentile(values, 0.95),
            max_ms=max(values),
        )
    return {"participants": participants, "rounds": rounds, "responses_429": stats["responses_429"]}


def main(argv: list[str] | None = None) -> None:
    argv = sys.argv[1:] if argv is None else argv
    if len(argv) == 4 and argv[0] == "--serve-bot":
        asyncio.run(serve_bot(argv[1], Path(argv[2]), Path(argv[3])))
        return
    parser = argparse.ArgumentParser(prog="python -m bench.poll_bench")
    parser.add_argument("--participants", type=int, default=1000)
    parser.add_argument("--no-write", action="store_true", help="do not update docs/BENCHMARKS.md")
    args = parser.parse_args(argv)
    print(f"Poll benchmark: {args.participants} answers to a poll at once")
    result = asyncio.run(run(args.participants))
    rows = []
    for r in result["rounds"]:
        ok = r["answers"] == r["distinct"] == r["chosen"] == result["participants"]
        rows.append(
            f"| {r['kind']} | {r['burst_s']:.2f} s | {r['included_s'] * 1000:.0f} ms "
            f"| {r['median_ms']:.1f} / {r['p95_ms']:.1f} / {r['max_ms']:.0f} ms "
            f"| {r['answers']} ({'each once' if ok else 'MISMATCH'}) "
            f"| {'yes' if r['shown'] else 'NO'} |"
        )
    n = result["participants"]
    header = (
        "| poll | answers posted (burst) | last answer → live result has it "
        f"| update → commit, median / p95 / max | counted | `/hasil` shows {n} of {n} |\n"
        "|---|---|---|---|---|---|"
    )
    body = f"""
A facilitator writes a single-answer poll in the chat (`/polling`) for all {n} registered
participants of Tahap I (two thirds online, one third in the room); the bot sends {n} native
polls, one per private chat, through the local Bot API emulator enforcing Telegram's limits (30
messages/s overall, about 1/s per chat). Once every copy has arrived, all {n} participants
answer at the same moment. The bot runs in its own process; the emulator and the users in another.
Done twice: a named poll (each answer is a `poll_answer` update naming the voter) and an anonymous
one (only each copy's counts, as `poll` updates).

{header}
{chr(10).join(rows)}

Targets: the live result includes the last answer less than 1 s after it reaches Telegram; every
answer counted exactly once. (The copies' delivery is measured in the Outbox section.)
429 answers from the emulator: {result["responses_429"]} (waited out).

How: each copy's Telegram poll id is committed as soon as Telegram answers (the outbox); answers
that arrive together are committed together, one transaction and one thread hop per batch
(`PollRepository.record_answer` / `record_counts`), and the result is one aggregate query over
the answers (`PollRepository.results`).
"""
    print(body)
    if not args.no_write:
        path = write_section("Polls (issue 6)", body, "python -m bench.poll_bench")
        print(f"written to {path}")


if __name__ == "__main__":
    main()
