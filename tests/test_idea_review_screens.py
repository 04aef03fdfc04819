"""What the facilitators' idea screens show: the idea exactly as typed, the institution, no name.

The screens are HTML: an idea with `<`, `&` or a tag in it must be escaped, or Telegram (and the
emulator) answers 400 "can't parse entities" and the facilitator sees nothing. Personal data leaves
the bot only to the secretariat: facilitators see the author's institution, never the name.
"""

from __future__ import annotations

from bot.dev.emulator import SimUser
from bot.dev.emulator.client import BotMessage
from bot.dev.sandbox import FACILITATOR_ID, BotHarness, screen
from storage.models import Profile

# Valid-looking HTML, a bare "&" and a bare "<": every way an unescaped text can go wrong.
TRICKY = "Harga <b>kopi</b> & beras < Rp 10.000 di pasar Ruteng"


async def _author(harness: BotHarness) -> SimUser:
    user = await harness.user("Yosef", language_code="id")
    profile = Profile("Yosef Jehalu", "Kecamatan Cibal", "camat", "Cibal")
    await harness.repo.register_self(user.id, profile, 1, "online")
    await user.send(f"#ekonomi #5th {TRICKY}")
    assert "diterima" in ((await user.reply()).text or "")
    return user


async def _screen_or_fail(harness: BotHarness, user: SimUser, what: str) -> BotMessage:
    try:
        return await screen(user)
    except AssertionError as err:
        stats = await harness.client.stats()
        raise AssertionError(
            f"the {what} never arrived ({stats['responses_4xx']} requests refused with 4xx, "
            "e.g. 400 can't parse entities for unescaped HTML)"
        ) from err


async def _open_economy(harness: BotHarness, reader: SimUser) -> BotMessage:
    await reader.send("/rekapide")
    summary = await reader.reply()
    await reader.press("Smart Economy (1)", summary.message_id)
    return await _screen_or_fail(harness, reader, "list of latest ideas")


async def test_latest_ideas_show_html_characters_literally(harness: BotHarness) -> None:
    await _author(harness)
    facilitator = await harness.user("Fasil", user_id=FACILITATOR_ID)
    refused_before = (await harness.client.stats())["responses_4xx"]
    latest = await _open_economy(harness, facilitator)
    assert TRICKY in (latest.text or ""), f"the idea is not shown as typed: {latest.text!r}"
    await facilitator.press("🔎 #I-0001")
    full = await _screen_or_fail(harness, facilitator, "full idea")
    assert TRICKY in (full.text or ""), f"the idea is not shown as typed: {full.text!r}"
    assert (await harness.client.stats())["responses_4xx"] == refused_before


async def test_facilitators_see_the_institution_never_the_name(harness: BotHarness) -> None:
    await _author(harness)
    facilitator = await harness.user("Fasil", user_id=FACILITATOR_ID)
    latest = await _open_economy(harness, facilitator)
    assert "Kecamatan Cibal" in (latest.text or "")
    assert "Yosef" not in (latest.text or ""), "the author's name reached a facilitator"
    await facilitator.press("🔎 #I-0001")
    full = await _screen_or_fail(harness, facilitator, "full idea")
    assert "Kecamatan Cibal" in (full.text or "")
    assert "Yosef" not in (full.text or ""), "the author's name reached a facilitator"


async def test_the_secretariat_sees_the_name_on_both_screens(harness: BotHarness) -> None:
    await _author(harness)
    admin = await harness.admin()
    latest = await _open_economy(harness, admin)
    assert "Yosef Jehalu" in (latest.text or "")
    await admin.press("🔎 #I-0001")
    full = await _screen_or_fail(harness, admin, "full idea")
    assert "Yosef Jehalu" in (full.text or "") and "Kecamatan Cibal" in (full.text or "")
