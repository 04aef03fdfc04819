"""The demo's look inside the workbook: which one is shareable, and participation that adds up.

The workbook the demo received is the shareable one (/ekspor offers it first). This step reads
it back, checks that no registered participant's name, phone or Telegram id appears in any
cell, and prints the participation totals of its *Partisipasi* sheet: people counted once,
registrations per stage, check-ins, ideas and votes, and the kecamatan with their villages.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path

import openpyxl

from bot.dev.sandbox import BotHarness
from storage.models import Participant

Say = Callable[[str], None]


async def demo_workbook(harness: BotHarness, path: str, say: Say) -> None:
    """Print what the shareable workbook at `path` holds about participation; check privacy."""
    people: dict[int, Participant] = {}
    for stage in await harness.repo.list_stages():
        for entry in await harness.repo.roster(stage.number):
            people[entry.participant.id] = entry.participant
    await asyncio.to_thread(_report, Path(path), list(people.values()), say)


def _report(path: Path, people: list[Participant], say: Say) -> None:
    book = openpyxl.load_workbook(path, read_only=True)
    try:
        personal = {p.full_name for p in people}
        personal |= {p.phone for p in people if p.phone}
        personal |= {str(p.telegram_id) for p in people if p.telegram_id is not None}
        found = 0
        rows: list[tuple[object, ...]] = []
        for ws in book.worksheets:
            for row in ws.iter_rows(values_only=True):
                if ws.title == "Partisipasi":
                    rows.append((*row, *([None] * (10 - len(row)))))
                found += sum(1 for v in row if v is not None and str(v) in personal)
    finally:
        book.close()
    say(
        f"   {path.name}: the shareable workbook (no '_DATA-PRIBADI' in its name); "
        f"cells naming any of the {len(people)} participants (name, phone, Telegram id): {found}"
    )
    say("   the full one with names is the secretariat's second button, marked on every sheet")
    say("   participation (Partisipasi sheet): people / registrations / checked in / ideas / votes")
    block = ""
    for row in rows:
        first = row[0] if row else None
        if isinstance(first, str) and row[1] is None:
            block = first
            continue
        if block == "Per tahap" and isinstance(row[1], int):
            people_n, regs, _on, _off, present_on, present_off, ideas, votes, _ = row[1:10]
            say(
                f"     {str(first)[:38]:<38} {people_n:>4} people {regs:>4} registrations "
                f"{int(str(present_on)) + int(str(present_off)):>4} checked in "
                f"{ideas:>4} ideas {votes:>4} votes"
            )
        elif block.startswith("Per kecamatan") and isinstance(row[1], int) and row[1]:
            say(f"     kecamatan {first}: {row[1]} people, {row[7]} ideas")
        elif block.startswith("Desa/kelurahan") and isinstance(row[2], int):
            say(f"     village {row[1]}: {row[2]} people, counted under kecamatan {first}")
