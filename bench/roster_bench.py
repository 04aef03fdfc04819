"""Peak memory of reading hostile roster files (issue 11): `python -m bench.roster_bench`.

Each file is read in a fresh process (so one result cannot inflate the next), capped at 1.5 GB of
address space so a bomb cannot take the machine down; the figure is the process's peak RSS.
`--code DIR` reads with the storage/handlers of another checkout (e.g. the code before the
limits, unpacked with `git archive`), to measure "before".
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CASES = [
    ("shared-strings bomb, 22 million strings", "shared_strings_bomb(22_000_000)"),
    ("shared-strings bomb, 1.5 million strings", "shared_strings_bomb(1_500_000)"),
    ("one row of a million cells", "one_huge_row(1_000_000)"),
    ("2,000 columns x 20 rows", "many_columns(2000)"),
    ("real roster, 2,000 participants", "legit_roster(2000)"),
]
_CHILD = """
import resource, sys, time
sys.path.insert(0, {root!r})
from tests import roster_bombs as bombs
data = bombs.{build}
for name in [m for m in sys.modules if m.split(".")[0] in ("storage", "handlers", "bot")]:
    del sys.modules[name]
sys.path.insert(0, {code!r})
from handlers.roster_import import rules_for
from storage.roster import RosterError, read_roster
cap = 1500 * 2**20
resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
started = time.perf_counter()
try:
    parsed = read_roster(data, "peserta.xlsx", rules_for(["Cibal"]))
    outcome = f"read, {{len(parsed.rows)}} rows"
except RosterError as error:
    outcome = f"refused ({{error.reason}})"
except MemoryError:
    outcome = "MemoryError at the 1.5 GB cap"
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(f"{{len(data) / 1e6:.2f}} MB | {{outcome}} | {{time.perf_counter() - started:.1f}} s | "
      f"{{peak / 1024:.0f}} MB | {{(peak - base) / 1024:.0f}} MB")
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--code", default=str(ROOT), help="checkout whose reader is measured")
    args = parser.parse_args(argv)
    print("| file | size | outcome | time | peak RSS | growth while reading |")
    print("|---|---|---|---|---|---|")
    for label, build in CASES:
        child = _CHILD.format(root=str(ROOT), code=args.code, build=build)
        result = subprocess.run(
            [sys.executable, "-c", child], capture_output=True, text=True, timeout=600, check=False
        )
        line = result.stdout.strip() or f"failed: {result.stderr.strip().splitlines()[-1:]}"
        print(f"| {label} | {line} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
