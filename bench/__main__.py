"""`python -m bench [NAME [ARGS...]]`: run one benchmark by name, or every benchmark.

Each benchmark is a module with `main(argv)` (or `main()`); add yours to `BENCHMARKS`.
"""

from __future__ import annotations

import importlib
import inspect
import sys

BENCHMARKS = {
    "ideas": "bench.ideas_bench",
    "outbox": "bench.outbox_bench",
    "export": "bench.export_bench",
    "polls": "bench.poll_bench",
    "flood": "bench.flood_bench",
    "delivery": "bench.delivery_bench",
    "roster": "bench.roster_bench",
    "similarity": "bench.similarity_bench",
    "grouping": "bench.grouping_bench",
    "matrix": "bench.matrix_bench",
}


def run(name: str, argv: list[str]) -> int:
    main = importlib.import_module(BENCHMARKS[name]).main
    result = main(argv) if inspect.signature(main).parameters else main()
    return int(result or 0)


def main(argv: list[str]) -> int:
    if argv and argv[0] in ("-h", "--help"):
        print(f"usage: python -m bench [{'|'.join(BENCHMARKS)}] [ARGS...]")
        return 0
    if argv:
        if argv[0] not in BENCHMARKS:
            print(f"unknown benchmark {argv[0]!r}; known: {', '.join(BENCHMARKS)}", file=sys.stderr)
            return 2
        return run(argv[0], argv[1:])
    status = 0
    for name in BENCHMARKS:
        status |= run(name, [])
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
