"""Write one benchmark's section of docs/BENCHMARKS.md, leaving the other sections alone."""

from __future__ import annotations

import datetime as dt
import platform
import re
from pathlib import Path

DOC = Path(__file__).resolve().parent.parent / "docs" / "BENCHMARKS.md"
HEADER = (
    "# Benchmarks\n\n"
    "Measured, not asserted in tests: each section is rewritten by the command it names.\n"
)


def machine() -> str:
    import os

    return f"{platform.python_implementation()} {platform.python_version()}, {os.cpu_count()} cores"


def write_section(title: str, body: str, command: str) -> Path:
    """Replace (or add) the section `## {title}` with `body`, stamped with date and command."""
    text = DOC.read_text(encoding="utf-8") if DOC.exists() else HEADER
    stamp = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    section = (
        f"## {title}\n\nCommand: `{command}` — run {stamp} on {machine()}.\n\n{body.strip()}\n"
    )
    pattern = re.compile(rf"^## {re.escape(title)}\n.*?(?=^## |\Z)", re.S | re.M)
    if pattern.search(text):
        text = pattern.sub(lambda _: section + "\n", text)
    else:
        text = text.rstrip() + "\n\n" + section
    DOC.parent.mkdir(parents=True, exist_ok=True)
    DOC.write_text(text.rstrip() + "\n", encoding="utf-8")
    return DOC
