"""The ideas' files beside the workbook: which ideas have one, their names inside the .zip, and the
.zip itself (the workbook at its root, the files under `lampiran/`).

Files are named by the idea's reference (`lampiran/I-0042.jpg`), never by the name the sender's
phone gave them (often a person's name), in every kind of export. The files are fetched from
Telegram by the layer above (storage imports no telegram); the workbook links each idea's row to
its file by a relative hyperlink, which works once the .zip is unpacked, in Excel and LibreOffice.

Imports only the standard library and `storage.models`.
"""

from __future__ import annotations

import mimetypes
import os
import sqlite3
import tempfile
import urllib.parse
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from storage.models import idea_ref

FOLDER = "lampiran"
# The Bot API lets a bot download files up to 20 MB (getFile); bigger ones are listed, not fetched.
MAX_FILE_BYTES = 20 * 1024 * 1024
_DEFAULT_EXTENSION = {"photo": ".jpg", "voice": ".ogg", "document": ".bin"}
# Already compressed: stored as they are in the .zip (deflating them costs time and saves nothing).
_STORED = (".jpg", ".jpeg", ".png", ".ogg", ".oga", ".mp3", ".mp4", ".zip", ".xlsx", ".docx")


@dataclass(frozen=True)
class AttachmentRow:
    """An active idea's file, as stored: what fetching and naming need."""

    idea_id: int
    type: str
    file_id: str
    size: int | None
    mime: str | None

    @property
    def member(self) -> str:
        """Its path in the .zip: `lampiran/I-0042.jpg` (the reference, the type's extension)."""
        extension = None
        if self.mime and self.type != "photo":
            extension = mimetypes.guess_extension(self.mime)
        extension = extension or _DEFAULT_EXTENSION.get(self.type, ".bin")
        return f"{FOLDER}/{idea_ref(self.idea_id).lstrip('#')}{extension}"


@dataclass(frozen=True)
class AttachmentLink:
    """What an idea's "Lampiran" cell shows: the file's path in the .zip, linked, or why not."""

    text: str
    target: str | None = None


def read_attachments(db_path: Path, stage: int | None) -> list[AttachmentRow]:
    """The files of the active ideas of `stage` (None: every stage), in idea order."""
    uri = f"file:{urllib.parse.quote(str(db_path.resolve()))}?mode=ro"
    conn = sqlite3.connect(uri, uri=True)
    try:
        where, params = ("AND stage = ?", (stage,)) if stage is not None else ("", ())
        rows = conn.execute(
            "SELECT id, attachment_type, attachment_file_id, attachment_size, attachment_mime "
            "FROM ideas WHERE status = 'active' AND attachment_file_id IS NOT NULL "
            f"{where} ORDER BY id",
            params,
        ).fetchall()
    finally:
        conn.close()
    return [AttachmentRow(int(r[0]), str(r[1]), str(r[2]), r[3], r[4]) for r in rows]


def write_zip(output: Path, workbook: Path, members: Sequence[tuple[str, Path]]) -> Path:
    """One .zip: `workbook` at the root under its own name, then each (name, file) given; written
    beside `output` first and renamed, so no half-written .zip is left."""
    output.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(prefix=".partial-", suffix=".zip", dir=output.parent)
    os.close(fd)
    try:
        with zipfile.ZipFile(temp, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            archive.write(workbook, workbook.name, compress_type=zipfile.ZIP_STORED)
            for name, path in members:
                stored = name.lower().endswith(_STORED)
                archive.write(path, name, compress_type=zipfile.ZIP_STORED if stored else None)
        os.replace(temp, output)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    return output
