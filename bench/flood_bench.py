"""Other users' reply time while one or four users flood the bot (issue 11, finding 4).

Three phases against one running bot, through the emulator's real limits (30 messages/s
overall, about 1/s per chat): quiet, then 1 flooder, then 4 flooders, each flooder sending 300
messages evenly over 10 s. Meanwhile 20 other users take turns sending `/bantuan`, 10 a second,
and the time from each send to the bot's reply is measured. Target: median and p95 during a
flood within 2 × the quiet figures.

The bot runs in its own process, as in production; this process plays Telegram and the users.

Run: `python -m bench flood` (or `python -m bench.flood_bench [--no-write]`).
"""

from __future__ import annotations

import argparse
import asyncio
import signal
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.common import start_bot
from bench.report import write_section
from bot.dev.emulator import Emulator
from bot.dev.emulator.client import SimUser
from bot.dev.emulator.limits import FloodLimits
from bot.dev.sandbox import TEST_TOKEN

PROBES = 20
PROBE_RATE = 10.0  # /bantuan per second, taking turns among the probes
FLOOD_MESSAGES = 300
FLOOD_SECONDS = 10.0
DRAIN_SECONDS = 12.0  # between phases: the flooders' admitted backlog is answered


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]


async def serve_bot(base_url: str, db_path: Path) -> None:
    """The real bot, production settings (pacing, flood rules), until SIGTERM."""
    from dataclasses import replace

    from bot.app import build_application
    from bot.core import runner
    from bot.core.config import Settings

    settings = replace(
        Settings(token=TEST_TOKEN, admin_ids=frozenset({1})), db_path=db_path, api_base_url=base_url
    )
    app = build_application(settings)
    await runner.start(app, poll_timeout=1)
    stop = asyncio.Event()
    asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, stop.set)
    print("ready", flush=True)
    await stop.wait()
    await runner.stop(app)


async def serve_flooders(control_url: str, count: int, tag: str) -> None:
    """`count` users flooding at the word "go" on stdin, from their own process.

    Their HTTP clients do not share the measuring process's event loop: only Telegram (the
    emulator) and the bot are shared with the users being measured, as in real life.
    """
    from bot.dev.emulator import EmulatorClient

    async with EmulatorClient(control_url) as client:
        users = [await client.user(f"Banjir{tag}{i}") for i in range(count)]
        print("ready", flush=True)
        await asyncio.to_thread(sys.stdin.readline)
        await asyncio.gather(*(flood(u) for u in users))
        print(" ".join(str(u.chat_id) for u in users), flush=True)


async def flood(user: SimUser) -> None:
    gap = FLOOD_SECONDS / FLOOD_MESSAGES
    start = time.perf_counter()
    for i in range(FLOOD_MESSAGES):
        await asyncio.sleep(max(0.0, start + i * gap - time.perf_counter()))
        await user.send(f"pesan {i}")


async def probe(users: list[SimUser], seconds: float) -> list[float]:
    """Users take turns sending /bantuan; returns each reply time in ms."""
    times: list[float] = []

    async def one(user: SimUser) -> None:
        user.mark()
        sent = time.perf_counter()
        await user.send("/bantuan")
        await user.reply(timeout=120)
        times.append((time.perf_counter() - sent) * 1000)

    tasks = []
    start = time.perf_counter()
    for i in range(int(seconds * PROBE_RATE)):
        await asyncio.sleep(max(0.0, start + i / PROBE_RATE - time.perf_counter()))
        tasks.append(asyncio.create_task(one(users[i % len(users)])))
    await asyncio.gather(*tasks)
    return times


async def phase(probes: list[SimUser], control_url: str, flooders: int) -> dict[str, Any]:
    chats: list[int] = []
    proc: asyncio.subprocess.Process | None = None
    if flooders:
        proc = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "bench.flood_bench",
            "--flood",
            control_url,
            str(flooders),
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
        )
        assert proc.stdin is not None and proc.stdout is not None
        while (await proc.stdout.readline()).strip() != b"ready":
            pass
        proc.stdin.write(b"go\n")
        await proc.stdin.drain()
        await asyncio.sleep(0.5)  # the flood is under way
    times = await probe(probes, FLOOD_SECONDS - 1.0)
    if proc is not None:
        assert proc.stdout is not None
        chats = [int(c) for c in (await proc.stdout.readline()).split()]
        await proc.wait()
    return {
        "chats": chats,
        "median_ms": statistics.median(times),
        "p95_ms": percentile(times, 0.95),
        "max_ms": max(times),
        "samples": len(times),
    }


async def run() -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        db_path = Path(tmp) / "bench.db"
        async with Emulator(limits=FloodLimits()) as emulator:
            client = emulator.client()
            probes = [await client.user(f"Tenang{i}") for i in range(PROBES)]
            bot = await start_bot("bench.flood_bench", emulator.bot_api_base, str(db_path))
            results: dict[str, Any] = {}
            print("  quiet…", flush=True)
            results["quiet"] = await phase(probes, emulator.control_url, 0)
            for flooders in (1, 4):
                await asyncio.sleep(DRAIN_SECONDS)
                print(f"  {flooders} flooding…", flush=True)
                results[f"flood{flooders}"] = await phase(probes, emulator.control_url, flooders)
            await asyncio.sleep(DRAIN_SECONDS)
            chats = results["flood1"]["chats"] + results["flood4"]["chats"]
            answered = [len(await client.chat_messages(chat)) for chat in chats]
            results["flooder_replies"] = answered
            bot.send_signal(signal.SIGTERM)
            await bot.wait()
            await client.close()
    return results


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if len(argv) == 3 and argv[0] == "--flood":
        asyncio.run(serve_flooders(argv[1], int(argv[2]), argv[2]))
        return 0
    if len(argv) == 3 and argv[0] == "--serve-bot":
        asyncio.run(serve_bot(argv[1], Path(argv[2])))
        return 0
    parser = argparse.ArgumentParser(prog="python -m bench.flood_bench")
    parser.add_argument("--no-write", action="store_true", help="do not update docs/BENCHMARKS.md")
    args = parser.parse_args(argv)
    print("Flood benchmark: other users' reply time while 1 and 4 users flood the bot")
    r = asyncio.run(run())
    quiet = r["quiet"]

    def row(name: str, label: str) -> str:
        m = r[name]
        return (
            f"| {label} | {m['median_ms']:.0f} ms ({m['median_ms'] / quiet['median_ms']:.2f} ×) "
            f"| {m['p95_ms']:.0f} ms ({m['p95_ms'] / quiet['p95_ms']:.2f} ×) "
            f"| {m['max_ms']:.0f} ms | {m['samples']} |"
        )

    ratios = {
        q: max(r[k][q] / quiet[q] for k in ("flood1", "flood4")) for q in ("median_ms", "p95_ms")
    }
    verdict = ", ".join(
        f"{name} {'met' if ratios[q] <= 2 else 'NOT met'} (worst {ratios[q]:.2f} ×)"
        for name, q in (("median", "median_ms"), ("p95", "p95_ms"))
    )
    body = f"""
{PROBES} users take turns sending `/bantuan` ({PROBE_RATE:.0f} a second) and time the bot's reply:
first with nobody else about, then while 1 and 4 other users each send {FLOOD_MESSAGES} messages in
{FLOOD_SECONDS:.0f} s. The bot runs in its own process with production settings, against the
emulator enforcing Telegram's limits (30 messages/s overall, about 1/s per chat); the flooders
send from a process of their own.

| others' reply time | median | 95th percentile | max | samples |
|---|---|---|---|---|
{row("quiet", "quiet")}
{row("flood1", "1 user flooding")}
{row("flood4", "4 users flooding")}

Target: median and p95 within 2 × quiet: {verdict}. Messages the bot sent each flooder (out of
{FLOOD_MESSAGES} sent): {", ".join(map(str, r["flooder_replies"]))}: the excess is dropped on
arrival (bot/core/updates.py: at most 40 a minute and 40 waiting per user; beyond, one "slow down"
notice, and what the user still has waiting is dropped too), before it waits for the user's turn
or takes one of the shared processing slots.

Two things keep a flood from costing the others: the excess is judged as it arrives, before it
is stored, so it costs no database write (the inbox stores only what will be processed, and
acknowledges the rest with the batch); and the outbound pacing lets a reply leave at once after
a quiet moment (a burst of 5) instead of waiting for the next even slot behind a flooder's reply,
while never letting more than 29 go out in any rolling second (bot/core/ratelimit.py).
Before these two (main at 9d69823, this benchmark; five runs): p95 with 4 flooders 16–39 ms
against 7–10 ms quiet (up to 4 ×), the median within 1.3 ×. Also in the figure: the emulator
serving 120 extra requests/s, and a 2-core machine shared with other jobs.

Before issue 11 (main at 6d6ea5d, this benchmark, same machine; median / p95): quiet 5 ms /
7 ms; 1 user flooding 5 ms / 3.4 s (max 16.4 s); 4 users flooding 20.2 s / 36.3 s; each flooder
got 41 messages. Each waiting update held
one of 256 processing slots while it waited for its sender's turn, and the flood rule ran only
once it had that turn.
"""
    print(body)
    if not args.no_write:
        path = write_section("Floods (issue 11)", body, "python -m bench flood")
        print(f"written to {path}")
    return 0 if max(ratios.values()) <= 2.0 else 1


if __name__ == "__main__":
    sys.exit(main())
