"""The export with attachments: fetch the ideas' files through the Bot API, write the workbook
with each idea's row linked to its file, and pack both into one .zip.

Used by `/ekspor` and `bimtek-bot export --attachments`. The bot only ever kept Telegram's
file_id, so the files are fetched now (getFile, then the file download): one at a time, to a
temporary folder beside the output (not in memory), bounded two ways — a file over the Bot API's
20 MB download limit is not fetched, and once the total would pass `max_total` the rest are not
either; the idea's row says which and why. The workbook is written in a worker thread as always.
"""

from __future__ import annotations

import asyncio
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from telegram import Bot
from telegram.error import TelegramError

from storage.attachments import (
    MAX_FILE_BYTES,
    AttachmentLink,
    AttachmentRow,
    read_attachments,
    write_zip,
)
from storage.export import ExportRequest, ExportResult, write_export

# progress(files done, files in all, bytes fetched so far)
FetchProgress = Callable[[int, int, int], None]


@dataclass(frozen=True)
class AttachmentNotes:
    """What an idea's "Lampiran" cell says when its file is not in the .zip (callers' texts)."""

    too_big: str  # {size} in MB
    over_total: str
    unavailable: str


@dataclass(frozen=True)
class ZipResult:
    path: Path
    export: ExportResult
    included: int
    skipped: int
    size: int


async def export_with_attachments(
    bot: Bot,
    request: ExportRequest,
    notes: AttachmentNotes,
    *,
    max_total: int,
    max_file: int = MAX_FILE_BYTES,
    progress: FetchProgress | None = None,
) -> ZipResult:
    """Write `request.output` with the suffix .zip: the workbook and the files it links to."""
    output = request.output.with_suffix(".zip")
    output.parent.mkdir(parents=True, exist_ok=True)
    rows = await asyncio.to_thread(read_attachments, request.db_path, request.stage)
    work = Path(tempfile.mkdtemp(prefix=".partial-attachments-", dir=output.parent))
    try:
        links: dict[int, AttachmentLink] = {}
        members: list[tuple[str, Path]] = []
        total = 0
        for done, row in enumerate(rows, start=1):
            size = await _fetch(bot, row, work, notes, links, max_file, max_total - total)
            if size is not None:
                members.append((row.member, work / row.member))
                total += size
            if progress is not None:
                progress(done, len(rows), total)
        workbook = work / request.output.with_suffix(".xlsx").name
        result = await asyncio.to_thread(
            write_export, replace(request, output=workbook, attachment_links=links)
        )
        path = await asyncio.to_thread(write_zip, output, result.path, members)
    finally:
        await asyncio.to_thread(shutil.rmtree, work, True)
    return ZipResult(path, result, len(members), len(rows) - len(members), path.stat().st_size)


async def _fetch(
    bot: Bot,
    row: AttachmentRow,
    work: Path,
    notes: AttachmentNotes,
    links: dict[int, AttachmentLink],
    max_file: int,
    room: int,
) -> int | None:
    """Download one idea's file into `work`; its size, or None (and the note why) if skipped."""

    def skip(note: str) -> None:
        links[row.idea_id] = AttachmentLink(note)

    def too_big(size: int) -> None:
        skip(notes.too_big.format(size=f"{size / 1024 / 1024:.0f}"))

    if row.size is not None and row.size > max_file:
        too_big(row.size)
        return None
    try:
        file = await bot.get_file(row.file_id)
        size = file.file_size if file.file_size is not None else row.size or 0
        if size > max_file:
            too_big(size)
            return None
        if size > room:
            skip(notes.over_total)
            return None
        target = work / row.member
        target.parent.mkdir(parents=True, exist_ok=True)
        await file.download_to_drive(target)
    except TelegramError:
        skip(notes.unavailable)
        return None
    size = target.stat().st_size
    links[row.idea_id] = AttachmentLink(row.member, row.member)
    return size
