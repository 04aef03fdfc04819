"""The demo's registration-changes step (issue 13): a camat who will come to the room after all
switches from /profil, and /jadwal follows; the secretariat corrects the misspelt name of a person
without Telegram (/ubahpeserta). Both changes show in the audit log.
"""

from __future__ import annotations

from collections.abc import Callable

from bot.dev.demo.wait import first_found
from bot.dev.emulator import SimUser
from bot.dev.sandbox import BotHarness, screen


async def demo_regchange(
    harness: BotHarness,
    admin: SimUser,
    camat: SimUser,
    misspelt: tuple[str, str],
    say: Callable[[str], None],
) -> None:
    """Switch the camat to the room; correct `misspelt` (as stored, as it should read)."""
    say("\n5d. Registrations change: a camat comes to the room after all (/profil), and the")
    say("    secretariat corrects a misspelt name of someone without Telegram (/ubahpeserta)")
    camat.mark()
    await camat.send("/profil")
    profile = await camat.reply(timeout=30)
    labels = [label for row in profile.buttons for label in row]
    switch = first_found(
        (label for label in labels if label.startswith("🔁")),
        f"a 🔁 switch button under the camat's /profil (buttons: {labels})",
    )
    await camat.press(switch, profile.message_id)
    switched = ((await screen(camat, timeout=30)).text or "").splitlines()
    say(f"   camat: /profil → {switch} → {switched[0]}")
    for line in switched[1:]:
        say(f"   │ {line}")
    camat.mark()
    await camat.send("/jadwal")
    schedule = ((await camat.reply(timeout=30)).text or "").splitlines()
    say("   camat: /jadwal now gives the room, not the link:")
    for line in schedule[:6]:
        say(f"   │ {line}")

    wrong, right = misspelt
    admin.mark()
    await admin.send(f"/ubahpeserta {wrong.split()[-1]}")
    card = await admin.reply(timeout=30)
    picks = [label for row in card.buttons for label in row]
    if wrong in " ".join(picks):  # several people matched: pick the one meant
        await admin.press(first_found((p for p in picks if wrong in p), wrong), card.message_id)
        card = await screen(admin, timeout=30)
    await admin.press("✏️ Nama", card.message_id)
    await screen(admin, timeout=30)
    await admin.send(right)
    saved = ((await admin.reply(timeout=30)).text or "").splitlines()
    say(f"   secretariat: /ubahpeserta {wrong.split()[-1]} → ✏️ Nama → {right!r}: {saved[0]}")
    await admin.press("Selesai")
    await screen(admin, timeout=30)
    entries = await harness.services.admin.latest(10)
    audited = [e for e in entries if e.action in ("registration.mode", "participant.edit")]
    for entry in reversed(audited):
        say(f"   audit: {entry.action} {entry.subject} {entry.details}")
