"""The demo's look at the workbook's Matriks Program (issue 14): the groups of similar ideas per
dimension and horizon, and the quick wins, as the drafting team will open them."""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import openpyxl


def _read(path: Path) -> tuple[list[dict[str, object]], int]:
    book = openpyxl.load_workbook(path, read_only=True)
    try:
        rows = book["Matriks Program"].iter_rows(values_only=True)
        header = [str(h) for h in next(rows)]
        groups = [dict(zip(header, row, strict=False)) for row in rows]
        quick = sum(1 for _ in book["Quick win"].iter_rows(min_row=2, values_only=True))
    finally:
        book.close()
    return groups, quick


async def demo_matrix(workbook: str, say: Callable[[str], None]) -> None:
    """Say what the workbook's Matriks Program and Quick win sheets hold."""
    groups, quick = await asyncio.to_thread(_read, Path(workbook))
    ideas = sum(int(str(g["Jumlah ide"])) for g in groups)
    per_dimension = Counter(str(g["Dimensi"]).split(" (")[0] for g in groups)
    say(f"   Matriks Program: {ideas} ideas in {len(groups)} groups of similar ideas — ")
    say("     " + ", ".join(f"{d} {n}" for d, n in per_dimension.items()))
    merged = [g for g in groups if int(str(g["Jumlah ide"])) > 1]
    if merged:
        top = max(merged, key=lambda g: int(str(g["Orang (pengusul + pendukung)"])))
        say(
            f"   largest: {top['Kelompok']} ({top['Jumlah ide']} ideas, "
            f"{top['Orang (pengusul + pendukung)']} people) “{str(top['Ide perwakilan'])[:60]}”"
        )
    mixed = sum(1 for g in groups if g["Jangka waktu campuran"])
    say(f"   {mixed} groups mix horizons (flagged); Quick win sheet: {quick} one-year groups")
