"""The demo's trust step: a role granted from the chat, a privacy request, the audit log."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from bot.dev.emulator import SimUser
from bot.dev.sandbox import BotHarness, screen


async def demo_admin(
    harness: BotHarness,
    admin: SimUser,
    new_facilitator: SimUser,
    asks_for_data: SimUser,
    wants_erasure: SimUser,
    say: Callable[[str], None],
) -> dict[str, Any]:
    """Grant a facilitator role, answer /dataku, erase one person, show the audit log."""
    admin.mark()
    await admin.send(f"/peran tambah {new_facilitator.id} fasilitator")
    granted = (await admin.reply(timeout=30)).text or ""
    say(f"   secretariat: /peran tambah {new_facilitator.id} fasilitator → {granted}")
    new_facilitator.mark()
    await new_facilitator.send("/rekapide")
    first_line = ((await new_facilitator.reply(timeout=30)).text or "").splitlines()[0]
    say(f"   the new facilitator: /rekapide → {first_line}")

    asks_for_data.mark()
    await asks_for_data.send("/dataku")
    await asks_for_data.reply(timeout=30)
    document = await asks_for_data.reply(timeout=30)
    assert document.document is not None
    data = json.loads(await harness.client.download(document.document["file_id"]))
    say(
        f"   a participant: /dataku → {document.document['file_name']} with "
        f"{len(data['registrations'])} registration(s), {len(data['ideas'])} idea(s)"
    )

    wants_erasure.mark()
    participant = await harness.repo.participant_by_telegram(wants_erasure.id)
    await wants_erasure.send("/hapusdata")
    ask = await wants_erasure.reply(timeout=30)
    await wants_erasure.press("Ya, hapus data saya", ask.message_id)
    done = (await screen(wants_erasure, timeout=30)).text or ""
    say(f"   another participant: /hapusdata → {done}")
    erased = await harness.repo.get_participant(participant.id) if participant else None
    if erased is not None:
        tid = erased.telegram_id
        say(f"   their row now reads: {erased.full_name}, phone {erased.phone}, telegram id {tid}")

    admin.mark()
    await admin.send("/audit")
    audit = (await admin.reply(timeout=30)).text or ""
    for line in audit.splitlines()[:8]:
        say(f"   │ {line}")
    return {
        "granted": "sekarang fasilitator" in granted,
        "erased": erased is not None and erased.telegram_id is None,
        "data_file": bool(data.get("participant")),
    }
