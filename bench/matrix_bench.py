"""Matriks Program benchmark (issue 14): grouping and the export with groups at 1k–100k ideas.

For each size a fresh database (`bot/dev/benchdata.py`, 2,000 participants, one stage) whose idea
texts are replaced by short programme sentences with copies among them (templates of Indonesian
verbs × objects × places, reordered, with typos), so that grouping has real work to do. Then,
each in its own process so that one does not inflate the other's memory:
1. grouping alone: the active ideas read as the export reads them, through the callable the bot
   injects (`handlers.export.group_for_export`, i.e. `bot.rules.grouping.group_ideas`);
2. `write_export` with that grouping, as `bimtek-bot export` runs it, timing the grouping inside;
3. openpyxl's write-only floor: the very cell values that export wrote (recorded with the same
   groups), written by a plain write-only loop; only that loop and the save are timed.

Grouping that would take longer than `--group-budget` seconds (predicted from the smaller sizes,
and enforced by a time-out) is reported as not run; the export at that size then uses a linear
stand-in (ideas whose normalised texts are identical, within a dimension), which the table says.
Re-run after a change to grouping with `python -m bench matrix`; results go to docs/BENCHMARKS.md
under "## Matriks Program (issue 14)".
"""

from __future__ import annotations

import argparse
import dataclasses
import gc
import json
import math
import random
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from bench.export_bench import ROOT, _request, _rss_mb, _versions, build

TITLE = "Matriks Program (issue 14)"
TARGET_RATIO = 1.5
SIZES = (1_000, 5_000, 20_000, 100_000)

VERBS = (
    "Membangun", "Mengembangkan", "Membuat", "Menyediakan", "Meningkatkan", "Digitalisasi",
    "Pelatihan", "Sosialisasi", "Integrasi", "Penguatan", "Pendataan", "Pemetaan",
)  # fmt: skip
OBJECTS = (
    "aplikasi pelayanan KTP", "pasar desa online", "sistem antrian puskesmas", "bank sampah",
    "wifi gratis di taman", "data terpadu kemiskinan", "promosi wisata Danau Ranamese",
    "pemasaran kopi Manggarai", "CCTV lalu lintas", "e-retribusi pasar", "perpustakaan digital",
    "sistem peringatan dini banjir", "layanan ambulans desa", "literasi digital guru",
    "UMKM tenun songke", "portal satu data", "aduan masyarakat lewat WhatsApp",
    "pengelolaan air bersih", "panel surya sekolah", "izin usaha online", "jaringan internet desa",
    "pemantauan harga pangan", "rekam medis elektronik", "festival budaya Congkasae",
)  # fmt: skip
PLACES = (
    "di setiap kecamatan", "untuk desa terpencil", "di Ruteng", "bagi pelajar", "untuk petani",
    "di kantor camat", "bagi pelaku usaha", "di seluruh kabupaten", "untuk ibu hamil", "",
)  # fmt: skip


def idea_text(rng: random.Random) -> str:
    """A short programme sentence; a fifth of them reordered or with a typo (copies that differ)."""
    words = f"{rng.choice(VERBS)} {rng.choice(OBJECTS)} {rng.choice(PLACES)}".split()
    roll = rng.random()
    if roll < 0.1 and len(words) > 3:
        i = rng.randrange(len(words) - 1)
        words[i], words[i + 1] = words[i + 1], words[i]
    elif roll < 0.2:
        i = rng.randrange(len(words))
        if len(words[i]) > 4:
            j = rng.randrange(1, len(words[i]) - 1)
            words[i] = words[i][:j] + words[i][j + 1 :]
    return " ".join(words)


def rewrite_texts(db: Path, seed: int = 14) -> None:
    rng = random.Random(seed)
    with sqlite3.connect(db) as conn:
        ids = [r[0] for r in conn.execute("SELECT id FROM ideas ORDER BY id")]
        conn.executemany(
            "UPDATE ideas SET text = ? WHERE id = ?", [(idea_text(rng), i) for i in ids]
        )
        conn.commit()
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")


# --- the grouping the export gets ------------------------------------------------------------

Grouper = Callable[[Sequence[tuple[int, str, str]]], Mapping[int, int]]


def _grouper(kind: str) -> Grouper:
    if kind == "real":
        from handlers.export import group_for_export

        return group_for_export
    from bot.rules.similarity import normalise

    def identical(ideas: Sequence[tuple[int, str, str]]) -> dict[int, int]:
        first: dict[tuple[str, str], int] = {}
        return {i: first.setdefault((d, normalise(t)), i) for i, d, t in ideas}

    return identical


# --- children --------------------------------------------------------------------------------


def child_export(db: Path, out: Path, kind: str) -> dict[str, Any]:
    from storage.export import write_export

    inner = _grouper(kind)
    timed: dict[str, Any] = {}

    def grouping(ideas: Sequence[tuple[int, str, str]]) -> Mapping[int, int]:
        started = time.perf_counter()
        found = inner(ideas)
        timed["seconds"] = time.perf_counter() - started
        timed["groups"] = found
        return found

    request = dataclasses.replace(_request(db, out), group_ideas=grouping)
    before = _rss_mb()
    started = time.perf_counter()
    result = write_export(request)
    seconds = time.perf_counter() - started
    peak = _rss_mb()
    # The floor writes the same cells: it gets these very groups.
    groups: Mapping[int, int] = timed.get("groups", {})
    out.with_suffix(".groups.json").write_text(json.dumps(list(groups.items())))
    sizes: dict[int, int] = {}
    for g in groups.values():
        sizes[g] = sizes.get(g, 0) + 1
    return {
        "seconds": seconds,
        "grouping_seconds": timed.get("seconds", 0.0),
        "groups": len(sizes),
        "largest": max(sizes.values(), default=0),
        "peak_rss_mb": peak,
        "rss_before_mb": before,
        "size_mb": result.size / 1024 / 1024,
        "ideas": result.ideas,
        "sheets": len(result.sheets),
    }


def child_floor(db: Path, out: Path, groups_file: Path) -> dict[str, Any]:
    from openpyxl import Workbook
    from openpyxl.cell.cell import Cell
    from openpyxl.worksheet._write_only import WriteOnlyWorksheet

    from storage.export import write_export

    groups = {int(k): int(v) for k, v in json.loads(groups_file.read_text())}
    recorded: dict[str, list[list[Any]]] = {}
    original = WriteOnlyWorksheet.append

    def record(self: WriteOnlyWorksheet, row: Any) -> None:
        recorded.setdefault(self.title, []).append(
            [c.value if isinstance(c, Cell) else c for c in row]
        )

    request = dataclasses.replace(
        _request(db, out.with_name("recording.xlsx")), group_ideas=lambda _: groups
    )
    WriteOnlyWorksheet.append = record  # type: ignore[method-assign]
    try:
        write_export(request)
    finally:
        WriteOnlyWorksheet.append = original  # type: ignore[method-assign]
    cells = sum(len(r) for rows in recorded.values() for r in rows)
    gc.collect()
    started = time.perf_counter()
    book = Workbook(write_only=True)
    for title, rows in recorded.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    book.save(out)
    return {"seconds": time.perf_counter() - started, "cells": cells}


def _run_child(args: list[str], timeout: float | None = None) -> dict[str, Any] | None:
    """A child's figures; None when it ran past `timeout`."""
    try:
        proc = subprocess.run(
            [sys.executable, "-m", "bench", "matrix", "--child", *args],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=False,
            timeout=timeout,
        )
    except subprocess.TimeoutExpired:
        return None
    if proc.returncode != 0:
        raise RuntimeError(f"{args[0]} child failed:\n{proc.stderr}")
    result: dict[str, Any] = json.loads(proc.stdout.strip().splitlines()[-1])
    return result


# --- report ----------------------------------------------------------------------------------


def _exponent(points: list[tuple[int, float]]) -> float | None:
    """The growth exponent between the two largest sizes measured (1 linear, 2 quadratic)."""
    if len(points) < 2:
        return None
    (n1, t1), (n2, t2) = points[-2], points[-1]
    if t1 <= 0 or t2 <= 0:
        return None
    return math.log(t2 / t1) / math.log(n2 / n1)


def report(rows: list[dict[str, Any]], budget: float, repeat: int) -> str:
    lines = [
        f"{_versions()}.",
        "",
        "| ideas | groups (largest) | export with groups: time (of which grouping) | peak memory "
        f"| openpyxl floor, same cells | export ÷ floor (target ≤ {TARGET_RATIO}×) | export "
        "without its grouping ÷ floor |",
        "|---|---|---|---|---|---|---|",
    ]
    for row in rows:
        export, floor = row["export"], row["floor"]
        ratio = export["seconds"] / floor["seconds"]
        bare = (export["seconds"] - export["grouping_seconds"]) / floor["seconds"]
        verdict = "met" if ratio <= TARGET_RATIO else "**missed**"
        if row["kind"] == "real":
            groups = f"{export['groups']:,} ({export['largest']:,})"
            timing = f"{export['seconds']:.1f} s ({export['grouping_seconds']:.1f} s)"
        else:
            groups = f"{export['groups']:,} ({export['largest']:,}), stand-in: identical texts"
            timing = (
                f"{export['seconds']:.1f} s (stand-in {export['grouping_seconds']:.1f} s; the real "
                f"grouping not run: predicted {row['predicted']:.0f} s, over the {budget:.0f} s "
                "budget)"
            )
        lines.append(
            f"| {row['ideas']:,} | {groups} | {timing} | {export['peak_rss_mb']:.0f} MB "
            f"| {floor['seconds']:.1f} s | {ratio:.2f}× ({verdict}) | {bare:.2f}× |"
        )
    grouped = [(r["ideas"], r["export"]["grouping_seconds"]) for r in rows if r["kind"] == "real"]
    # The export's own part (without the grouping it calls) is comparable at every size.
    exported = [
        (r["ideas"], r["export"]["seconds"] - r["export"]["grouping_seconds"]) for r in rows
    ]
    floors = [(r["ideas"], r["floor"]["seconds"]) for r in rows]
    memory = [(r["ideas"], r["export"]["peak_rss_mb"]) for r in rows]
    growth = []
    for what, points in (
        ("grouping", grouped),
        ("export without its grouping", exported),
        ("openpyxl floor", floors),
    ):
        exponent = _exponent(points)
        if exponent is not None:
            n1, n2 = points[-2][0], points[-1][0]
            growth.append(f"{what} time ∝ n^{exponent:.2f} between {n1:,} and {n2:,} ideas")
    if len(memory) >= 2:
        growth.append(
            f"export peak memory {memory[0][1]:.0f} MB at {memory[0][0]:,} ideas, "
            f"{memory[-1][1]:.0f} MB at {memory[-1][0]:,}"
        )
    runs = "; ".join(
        f"{r['ideas']:,}: export {', '.join(map(str, r['runs']['export']))}, floor "
        f"{', '.join(map(str, r['runs']['floor']))}"
        for r in rows
    )
    lines += [
        "",
        "Growth (1 = linear, 2 = quadratic): " + "; ".join(growth) + ".",
        "",
        f"Every run, in seconds (best of {repeat} counts; the machine is shared): {runs}.",
        "",
        "How: 2,000 participants and one stage from `bot/dev/benchdata.py`; the idea texts "
        "replaced by short programme sentences (12 verbs × 24 objects × 10 places, a tenth "
        "reordered and a tenth with a typo), so copies exist as in a workshop. The export and "
        "the floor each run in a fresh process, in rounds; peak memory is the export process's "
        "VmHWM (interpreter, libraries and grouping included). The export is `write_export` as "
        "the command line runs it, with the grouping the bot injects "
        "(`handlers.export.group_for_export` → `bot.rules.grouping.group_ideas`), timed inside; "
        "the floor writes the cell values that export produced, recorded with the same groups, "
        "in a plain write-only loop, and times only that loop and the save. Grouping predicted "
        "(from the smaller sizes) or found to take longer than the budget is not run; the export "
        "at that size uses a linear stand-in (identical normalised texts), so the export's own "
        "part is still measured. Re-run with `--group-budget SECONDS` to measure it anyway.",
        "",
    ]
    return "\n".join(lines)


# --- main ------------------------------------------------------------------------------------


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench matrix", description=__doc__)
    parser.add_argument("--sizes", default=",".join(str(n) for n in SIZES))
    parser.add_argument("--participants", type=int, default=2_000)
    parser.add_argument(
        "--group-budget", type=float, default=180.0, help="seconds grouping may take per size"
    )
    parser.add_argument("--repeat", type=int, default=2, help="rounds of timing (best counts)")
    parser.add_argument("--no-write", action="store_true", help="do not update the doc")
    parser.add_argument("--child", choices=("export", "floor"), help=argparse.SUPPRESS)
    parser.add_argument("paths", nargs="*", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child == "export":
        db, out = Path(args.paths[0]), Path(args.paths[1])
        print(json.dumps(child_export(db, out, args.paths[2])))
        return 0
    if args.child == "floor":
        db, out, groups = (Path(p) for p in args.paths)
        print(json.dumps(child_floor(db, out, groups)))
        return 0

    command = "python -m bench matrix" + (" " + " ".join(argv) if argv else "")
    sizes = [int(s) for s in args.sizes.split(",")]
    workdir = Path(tempfile.mkdtemp(prefix="bimtek-matrix-bench-"))
    rows: list[dict[str, Any]] = []
    try:
        for n in sizes:
            db = workdir / f"ideas-{n}.db"
            print(f"{n:,} ideas: building…", flush=True)
            build(db, ideas=n, participants=args.participants)
            rewrite_texts(db)
            done = [
                (r["ideas"], r["export"]["grouping_seconds"]) for r in rows if r["kind"] == "real"
            ]
            exponent = _exponent(done) or 2.0
            predicted = done[-1][1] * (n / done[-1][0]) ** exponent if done else 0.0
            kind = "real" if predicted <= args.group_budget else "stand-in"
            out = workdir / f"export-{n}.xlsx"
            runs: dict[str, list[dict[str, Any]]] = {"export": [], "floor": []}
            for round_ in range(1, args.repeat + 1):
                found = None
                if kind == "real":
                    # The export's own time on top of the budget before giving up on grouping.
                    found = _run_child(
                        ["export", str(db), str(out), kind],
                        timeout=args.group_budget + 20 + n / 500,
                    )
                    if found is None:
                        kind, predicted = "stand-in", max(predicted, args.group_budget)
                        runs["export"].clear()
                if found is None:
                    found = _run_child(["export", str(db), str(out), kind])
                assert found is not None
                runs["export"].append(found)
                floor = _run_child(
                    [
                        "floor",
                        str(db),
                        str(workdir / "floor.xlsx"),
                        str(out.with_suffix(".groups.json")),
                    ]
                )
                assert floor is not None
                runs["floor"].append(floor)
                print(
                    f"  round {round_}: export {found['seconds']:.1f} s (grouping "
                    f"{found['grouping_seconds']:.1f} s, {kind}), floor {floor['seconds']:.1f} s",
                    flush=True,
                )
            rows.append(
                {
                    "ideas": n,
                    "kind": kind,
                    "predicted": predicted,
                    "export": min(runs["export"], key=lambda r: r["seconds"]),
                    "floor": min(runs["floor"], key=lambda r: r["seconds"]),
                    "runs": {k: [round(r["seconds"], 1) for r in v] for k, v in runs.items()},
                }
            )
            db.unlink()
        section = report(rows, args.group_budget, args.repeat)
        print()
        print(section)
        if not args.no_write:
            from bench.report import write_section

            doc = write_section(TITLE, section, command)
            print(f"written to {doc.relative_to(ROOT)}")
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    return 0
