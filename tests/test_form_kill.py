"""KILL TEST: the registration form survives a kill -9 at every step, right as the answer appears.

The bot runs as a child process (`python -m bot run`); after each of the person's steps the test
waits for the bot's answer to reach Telegram (the emulator) and kills the process at once, then
starts it again and the person goes on from the screen they see. The form must resume and finish
with one registration; afterwards nothing of the form is left (an idea is taken as an idea, and
/batal has nothing to cancel). About 20 s.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from pathlib import Path

from bot.dev.emulator import Emulator, SimUser
from bot.dev.emulator.client import BotMessage
from handlers.texts import t
from tests.kill_support import BotProcess, scalar

Step = Callable[[SimUser], Awaitable[object]]


def _press(key: str) -> Step:
    async def press(user: SimUser) -> None:
        await user.press(t("id", key))

    return press


def _press_text(text: str) -> Step:
    async def press(user: SimUser) -> None:
        await user.press(text)

    return press


def _send(text: str) -> Step:
    async def send(user: SimUser) -> None:
        await user.send(text)

    return send


# The person's steps through the form, each answered by a new screen.
STEPS: list[tuple[str, Step]] = [
    ("start", _send("/start")),
    ("agree to the privacy notice", _press("btn_agree")),
    ("name", _send("Yosef Jehalu")),
    ("kind of institution", _press("inst_kind_kecamatan")),
    ("institution", _press_text("Cibal")),
    ("position", _press("position_camat")),
    ("mode", _press("mode_online")),
    ("confirm", _press("btn_confirm")),
]


async def _answer(user: SimUser) -> BotMessage:
    """Wait for the bot's answer (a new message or an edit) to reach Telegram."""
    event = await user.next_event(("message", "edit"), 15)
    return BotMessage.from_message(event["message"], event.get("reply_markup"))


async def test_registration_resumes_after_a_kill_at_every_step(
    emulator: Emulator, tmp_path: Path
) -> None:
    db_path = tmp_path / "bot.db"
    client = emulator.client()
    bot = BotProcess(emulator, db_path)
    try:
        user = await client.user("Yosef", language_code="id")
        await bot.start()
        for what, step in STEPS:
            await step(user)
            await _answer(user)
            await bot.kill()  # right as the answer appears
            await bot.start()
            # A replayed step may show its screen again; the person goes on from the latest.
            assert await emulator.wait_idle(quiet_ms=300, timeout=15), f"stuck after {what}"
            user.mark()
        # A confirmation replayed after the kill finds the registration stored and says so
        # ("Anda sudah terdaftar … /profil") in place of "Terdaftar".
        last = (await user.messages())[-1].text or ""
        assert "Terdaftar" in last or "sudah terdaftar" in last, last
        registrations = scalar(db_path, "SELECT COUNT(*) FROM registrations")
        assert registrations == 1

        # The form is over: an idea is an idea, /batal has nothing to cancel.
        await user.send("#ekonomi #5th Pasar desa online untuk kopi Manggarai")
        assert "#I-0001" in ((await user.reply(timeout=10)).text or "")
        await user.send("/batal")
        assert (await user.reply(timeout=10)).text == t("id", "nothing_to_cancel")
        errors = [m.text for m in await user.messages() if m.text == t("id", "error_generic")]
        assert not errors, "a replayed step failed"
    finally:
        await bot.stop()
        await client.close()
    await asyncio.sleep(0)
