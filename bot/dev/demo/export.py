"""The demo's last step: the secretariat asks for the workbook in the chat, as they would."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

from bot.dev.emulator import SimUser
from bot.dev.sandbox import BotHarness, screen
from handlers.texts import language_from_client, t

EXPORT_TIMEOUT = 120.0


async def demo_export(harness: BotHarness, admin: SimUser) -> str:
    """Run /ekspor (all stages, the shareable workbook: the one offered first) through the chat;
    save what arrives; its path."""
    lang = language_from_client(admin.language_code)
    admin.mark()
    await admin.send("/ekspor")
    await screen(admin)
    await admin.press(t(lang, "export_all_stages"))
    await screen(admin)
    await admin.press(t(lang, "btn_export_shareable"))
    deadline = time.monotonic() + EXPORT_TIMEOUT
    while True:
        message = await admin.reply(
            timeout=max(0.1, deadline - time.monotonic()), what="the workbook (/ekspor)"
        )
        if message.document is not None:
            break
    # "✅ Workbook … terkirim", after the document.
    await admin.reply(timeout=EXPORT_TIMEOUT, what="the note that the workbook was sent")
    data = await harness.client.download(str(message.document["file_id"]))
    path = Path(harness.settings.export_dir) / str(message.document["file_name"])
    await asyncio.to_thread(_save, path, data)
    return str(path)


def _save(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
