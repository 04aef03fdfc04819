"""The demo's operations step: the secretariat reads /status; the nightly backup runs, is checked.

The backup goes through `ops.run_backup`, the very code of the daily job (online backup API in a
worker thread, verified copy, audit entry), while the bot keeps running; the copy is then opened
on its own and checked again, as the IT team would before trusting it.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

from bot.dev.emulator import SimUser
from bot.dev.sandbox import BotHarness
from bot.jobs import ops
from storage.backup import inspect_database


async def demo_ops(
    harness: BotHarness, admin: SimUser, say: Callable[[str], None]
) -> dict[str, Any]:
    """Show /status, make the daily backup now and verify it; returns what the summary needs."""
    admin.mark()
    await admin.send("/status")
    status = (await admin.reply(timeout=30)).text or ""
    for line in status.splitlines():
        if line.strip():
            say(f"   │ {line}")

    result = await ops.run_backup(harness.services)
    checked = await asyncio.to_thread(inspect_database, result.path)
    live_ideas = await harness.ideas.count()
    say(
        f"   daily backup (run now): {result.path} — {result.size / 1024:.0f} KB in "
        f"{result.seconds * 1000:.0f} ms, integrity ok, {checked.participants} participants, "
        f"{checked.ideas} ideas (live database: {live_ideas})"
    )
    audit = await harness.services.admin.latest(1)
    recorded = bool(audit) and audit[0].action == "backup" and audit[0].subject == result.path.name
    return {
        "status": "Status" in status,
        "backup": str(result.path),
        "size": result.size,
        "verified": checked.ideas == live_ideas,
        "audited": recorded,
    }
