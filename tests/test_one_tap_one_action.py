"""A button that acts acts once: a double tap, an old screen or forged data does nothing more.

Telegram keeps an inline keyboard on screen until the bot's edit arrives, so a second tap on
"send" is a normal thing for a person on a slow connection to do. Each of these flows ties its
final button to a one-time token (the export's nonce, the reminder's draft, the poll form's
token) and must refuse the second use, and any button of an older form, changing nothing.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.dev.emulator import Emulator, SimUser
from bot.dev.sandbox import FACILITATOR_ID, BotHarness, screen
from bot.jobs import polling
from bot.rules.timing import ShiftedClock
from handlers.texts import t
from storage.admin import AdminRepository
from tests.schedule_support import clocked_harness, register, schedule, wita


@pytest.fixture
async def clock() -> ShiftedClock:
    return ShiftedClock(wita("2021-06-21 09:00"), ticking=False)


@pytest.fixture
async def bot(emulator: Emulator, tmp_path: Path, clock: ShiftedClock) -> AsyncIterator[BotHarness]:
    harness = await clocked_harness(emulator, tmp_path, clock)
    yield harness
    await harness.close()


async def _double_tap(user: SimUser, message_id: int, data: str) -> tuple[str, str]:
    """Two taps on the same button before the bot has answered the first."""
    first, second = await asyncio.gather(
        user.press_data(message_id, data), user.press_data(message_id, data)
    )
    return first, second


# --- /ekspor ---------------------------------------------------------------------------------


async def test_double_tap_on_export_gives_one_document(bot: BotHarness) -> None:
    admin = await bot.admin()
    await admin.send("/ekspor")
    menu = await admin.reply()
    await admin.press(next(b for row in menu.buttons for b in row if b.startswith("Tahap I —")))
    kinds = await screen(admin)
    full, public = kinds.button("🔒 Lengkap"), kinds.button("📤 Untuk dibagikan")
    # A double tap on "full", and a third tap on "public" of the same screen, all before the
    # bot answered. (A repeated identical edit is refused by Telegram as "message is not
    # modified", which would hide a second export of the same kind: hence the third tap.)
    taps = await asyncio.gather(
        *(admin.press_data(kinds.message_id, data) for data in (full, full, public))
    )
    document = await admin.reply(timeout=20)
    assert document.document is not None
    # One user's taps are handled in order: once the last is answered, all have been decided
    # (an accepted one logs its export right after its answer).
    answers = [await admin.callback_answer(tap, timeout=20) for tap in taps]
    assert await bot.client.wait_idle(quiet_ms=500, timeout=20)
    exports = [e for e in await AdminRepository(bot.repo.db).latest(20) if e.action == "export"]
    assert len(exports) == 1, f"three taps on one screen started {len(exports)} exports"
    documents = [m for m in await admin.messages() if m.document is not None]
    assert len(documents) == 1, f"three taps on one screen gave {len(documents)} documents"
    refused = [a.get("text") for a in answers if a.get("text") == t("id", "export_stale")]
    assert len(refused) == 2, answers


# --- /pengingat ------------------------------------------------------------------------------


async def test_double_tap_on_schedule_stores_one_reminder(bot: BotHarness) -> None:
    admin = await bot.admin()
    await register(bot, await bot.user("Yosef"), name="Yosef Jehalu")
    await admin.send("/pengingat +30m Sesi siang di Aula")
    pick = await admin.reply()
    await admin.press(t("id", "btn_audience_all"), pick.message_id)
    confirm = await screen(admin)
    data = confirm.button(t("id", "btn_schedule_reminder"))
    _, second = await _double_tap(admin, confirm.message_id, data)
    assert "dijadwalkan" in ((await screen(admin)).text or "")
    assert await bot.client.wait_idle(quiet_ms=300)
    custom = await schedule(bot).reminders(["scheduled"], kind="custom")
    assert len(custom) == 1, f"a double tap on Jadwalkan scheduled {len(custom)} reminders"
    refusal = await admin.callback_answer(second)
    assert refusal.get("text") == t("id", "remind_draft_gone"), refusal
    # A third tap, long after, on the same old screen: still nothing.
    late = await admin.callback_answer(await admin.press_data(confirm.message_id, data))
    assert late.get("text") == t("id", "remind_draft_gone")
    assert len(await schedule(bot).reminders(["scheduled"], kind="custom")) == 1


# --- /polling --------------------------------------------------------------------------------


async def _form_to_confirm(fac: SimUser, question: str) -> int:
    """Walk the /polling form to its confirmation screen; returns that screen's message id."""
    await fac.send("/polling")
    await fac.reply()
    await fac.send(question)
    await fac.reply()
    await fac.send("Ya\nTidak")
    await fac.reply()
    await fac.press("✅ Selesai")
    await screen(fac)
    await fac.press("Satu jawaban")
    await screen(fac)
    await fac.press("👤 Bernama")
    await screen(fac)
    await fac.press(t("id", "btn_audience_all"))
    await screen(fac)
    await fac.press("Tanpa batas waktu")
    confirm = await screen(fac)
    assert "Periksa polling" in (confirm.text or ""), confirm.text
    return confirm.message_id


async def test_poll_confirm_of_an_older_form_or_forged_sends_nothing(bot: BotHarness) -> None:
    assert bot.app is not None
    participant = await bot.user("Yosef")
    await register(bot, participant, name="Yosef Jehalu")
    fac = await bot.user("Fasilitator", user_id=FACILITATOR_ID)
    old = await _form_to_confirm(fac, "Pertanyaan lama yang dibatalkan?")
    old_screen = next(m for m in await fac.messages() if m.message_id == old)
    old_send = old_screen.button_data[0][0]
    assert old_send is not None
    await fac.send("/batal")
    assert "Dibatalkan" in ((await fac.reply()).text or "")
    new = await _form_to_confirm(fac, "Apakah sinyal di kecamatan cukup?")
    polls = polling.repository(bot.app)

    # The old form's "send" while the new form waits for its confirmation.
    stale = await fac.callback_answer(await fac.press_data(old, old_send))
    assert await polls.latest_polls() == [], "the older form's confirm button sent a poll"
    assert stale.get("text") == t("id", "poll_form_over"), stale
    # The new screen's button with a forged token.
    forged_data = old_send.rsplit(":", 1)[0] + ":ffffff"
    forged = await fac.callback_answer(await fac.press_data(new, forged_data))
    assert await polls.latest_polls() == [], "a forged confirm button sent a poll"
    assert forged.get("text") == t("id", "poll_form_over"), forged
    await participant.no_reply(within=0.3)

    # The form is still there: its own button sends exactly the new question.
    new_screen = next(m for m in await fac.messages() if m.message_id == new)
    await fac.press(new_screen.buttons[0][0], new)
    assert "sedang dikirim" in ((await screen(fac)).text or "")
    sent = await polls.latest_polls()
    assert [p.question for p in sent] == ["Apakah sinyal di kecamatan cukup?"]
