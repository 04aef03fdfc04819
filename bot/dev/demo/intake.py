"""The demo's free-form idea (issue 13): a camat writes as in any chat, without hashtags; the bot
keeps the idea at once, proposes the likeliest dimension first and files it after two taps."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from bot.dev.emulator import SimUser
from bot.dev.emulator.client import BotMessage
from bot.dev.sandbox import BotHarness, screen
from handlers.texts import t


async def _reply_with(user: SimUser, needle: str, what: str) -> BotMessage:
    """The next reply containing `needle` (a reminder may arrive in between)."""
    for _ in range(6):
        reply = await user.reply(timeout=30, what=what)
        if needle in (reply.text or ""):
            return reply
    raise AssertionError(f"the camat did not get {what}")


async def demo_intake(
    harness: BotHarness, camats: Sequence[tuple[SimUser, str]], say: Callable[[str], None]
) -> dict[str, Any]:
    """A camat sends a greeting, then a plain idea, and files it with two taps."""
    user, kecamatan = next(((u, k) for u, k in camats if k == "Cibal"), camats[0])
    idea = (
        f"Perlu menara BTS di Kecamatan {kecamatan} supaya sinyal internet bagus untuk "
        "pelayanan desa"
    )
    say("\n5b. A camat writes as in any chat, without hashtags or /ide")
    user.mark()
    await user.send("Selamat pagi")
    greeting = await _reply_with(user, "/ide", "an answer to the greeting")
    say(f"   “Selamat pagi” → {(greeting.text or '').splitlines()[0]} (not an idea)")
    say(f"   “{idea}” →")
    await user.send(idea)
    question = await _reply_with(user, t("id", "dim_governance")[:5], "the dimension question")
    for line in (question.text or "").splitlines():
        say(f"   │ {line}")
    say(f"   │ [{question.buttons[0][0]}] (first button) …")
    await user.press(question.buttons[0][0], question.message_id)
    horizon = await screen(user, timeout=30)
    say(f"   tap 1: {question.buttons[0][0]} → {(horizon.text or '').splitlines()[-1]}")
    await user.press(t("id", "horizon_5"), horizon.message_id)
    done = await _reply_with(user, "diterima", "the idea's confirmation")
    say(f"   tap 2: {t('id', 'horizon_5')} → {(done.text or '').splitlines()[0]}")
    stored = await harness.ideas.count(1)
    return {"filed": "diterima" in (done.text or ""), "stored": stored}
