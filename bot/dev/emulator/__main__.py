"""Run the emulator standalone: ``python -m bot.dev.emulator --port 8081``.

For demos and manual testing: start it, point the bot's Bot API base URL at the printed
address, and drive users through the control API (``EmulatorClient``) or curl.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib

from bot.dev.emulator.limits import FloodLimits
from bot.dev.emulator.server import Emulator


def _parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bot.dev.emulator", description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8081)
    parser.add_argument("--bot-username", default="bimtek_demo_bot")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--no-limits", action="store_true", help="disable the flood limits (no 429 answers)"
    )
    return parser.parse_args(argv)


async def _serve(args: argparse.Namespace) -> None:
    emulator = Emulator(
        bot_username=args.bot_username,
        limits=FloodLimits(enabled=not args.no_limits),
        seed=args.seed,
    )
    await emulator.start(args.host, args.port)
    print(f"Bot API base URL:  {emulator.bot_api_base}", flush=True)
    print(f"File base URL:     {emulator.file_api_base}", flush=True)
    print(f"Control API:       {emulator.control_url}", flush=True)
    print("Press Ctrl-C to stop.", flush=True)
    try:
        await asyncio.Event().wait()
    finally:
        await emulator.stop()


def main(argv: list[str] | None = None) -> None:
    args = _parse_args(argv)
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(_serve(args))


if __name__ == "__main__":
    main()
