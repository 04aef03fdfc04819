"""The demo's step on supports and attachments: two participants support an idea, a facilitator
sees the count in /rekapide, and the secretariat takes the workbook with the ideas' files as one
.zip from /ekspor."""

from __future__ import annotations

import asyncio
import io
import zipfile
from collections.abc import Callable, Sequence
from pathlib import Path

from bot.dev.emulator import SimUser
from bot.dev.sandbox import FACILITATOR_ID, BotHarness, screen
from handlers.texts import language_from_client, t
from storage.models import Idea

ZIP_TIMEOUT = 120.0


async def demo_attachments(
    harness: BotHarness, admin: SimUser, users: Sequence[SimUser], say: Callable[[str], None]
) -> str:
    """Supports shown to a facilitator, then the .zip export; the path of the saved .zip."""
    say("\n8b. Supports and attachments: two participants support idea #I-0001 (as the")
    say("    'Dukung ide ini' button does), a facilitator sees the count, the secretariat")
    say("    takes the workbook with the ideas' photos and documents as one .zip")
    idea = await harness.ideas.get(1)
    assert idea is not None, "the demo has no idea #I-0001 to support"
    supporters = 0
    for user in users:
        person = await harness.repo.participant_by_telegram(user.id)
        if person is not None and person.id != idea.participant_id:
            supporters += await harness.services.supports.add(idea.id, person.id)
        if supporters == 2:
            break
    document_author = users[2]
    document_author.mark()
    await document_author.send_document(
        "Proposal_pribadi.pdf",
        "application/pdf",
        b"%PDF-1.4 proposal pasar tani online",
        caption="#ekonomi #5th Pasar tani online untuk hasil kopi dan cengkeh (proposal terlampir)",
    )
    await document_author.reply(timeout=30, what="the receipt of the idea with a document")

    facilitator = await harness.user("Fasilitator", user_id=FACILITATOR_ID)
    lang = language_from_client(facilitator.language_code)
    facilitator.mark()
    await facilitator.send("/rekapide")
    summary = await facilitator.reply(timeout=30, what="the /rekapide summary")
    await facilitator.press(
        next(b for row in summary.buttons for b in row if b.startswith(_dimension(lang, idea))),
        summary.message_id,
    )
    await screen(facilitator, timeout=30)
    await facilitator.press(f"🔎 {idea.ref}")
    full = (await screen(facilitator, timeout=30)).text or ""
    line = next((x for x in full.splitlines() if "👍" in x), "")
    assert line, f"the supports of {idea.ref} are not shown in /rekapide: {full!r}"
    say(f"   /rekapide {idea.ref}: {line}")

    admin_lang = language_from_client(admin.language_code)
    admin.mark()
    await admin.send("/ekspor")
    await screen(admin, timeout=30)
    await admin.press(t(admin_lang, "export_all_stages"))
    await screen(admin, timeout=30)
    await admin.press(t(admin_lang, "btn_export_zip_public"))
    while True:
        message = await admin.reply(timeout=ZIP_TIMEOUT, what="the .zip (/ekspor)")
        if message.document is not None:
            break
    note = await admin.reply(timeout=ZIP_TIMEOUT, what="the note on the attachments")
    data = await harness.client.download(str(message.document["file_id"]))
    path = Path(harness.settings.export_dir) / str(message.document["file_name"])
    names = await asyncio.to_thread(_save, path, data)
    files = [n for n in names if n.startswith("lampiran/")]
    say(f"   {(note.text or '').splitlines()[0]}")
    say(f"   .zip received through the chat: {path}")
    say(f"   inside: the workbook and {len(files)} files, e.g. {', '.join(files[:3])}")
    return str(path)


def _dimension(lang: str, idea: Idea) -> str:
    return t(lang, f"dim_{idea.dimension}").split(" (")[0]


def _save(path: Path, data: bytes) -> list[str]:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return zipfile.ZipFile(io.BytesIO(data)).namelist()
