"""The demo's wording step (issue 13): what a person reads at the edges of the bot — the privacy
notice and its refusal, the next step after registering, an expired button, and the times the
bot understood before it schedules a reminder or closes a poll.

Nothing here adds a registration, an idea, a reminder or a poll: the demo's totals stay as they are.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from bot.dev.emulator import SimUser
from bot.dev.sandbox import BotHarness, screen
from handlers.texts import t


def _quote(say: Callable[[str], None], text: str | None, limit: int = 8) -> None:
    for line in (text or "").splitlines()[:limit]:
        say(f"   │ {line}")


async def demo_wording(
    harness: BotHarness,
    registered: SimUser,
    registered_reply: str,
    facilitator: SimUser,
    say: Callable[[str], None],
) -> dict[str, bool]:
    """Show the notice refused by a newcomer, a registration's last lines, an expired button
    pressed by a registered camat, and the echoed times of /pengingat and a poll deadline."""
    shown: dict[str, bool] = {}

    newcomer = await harness.user("Maria", last_name="Jelita")
    await newcomer.send("/start")
    await newcomer.reply(what="the welcome")
    notice = await newcomer.reply(what="the privacy notice")
    say("   A newcomer reads the privacy notice (who holds the data, in four short lines):")
    _quote(say, notice.text)
    say(f"   │ buttons: {' | '.join(notice.buttons[0])}")
    await newcomer.press(t("id", "btn_disagree"), notice.message_id)
    refused = await screen(newcomer)
    say(f"   She taps “Tidak setuju”: {(refused.text or '').splitlines()[-1]}")
    shown["refused"] = not await harness.services.privacy.accepted(newcomer.id)

    say("   A camat's registration ends with what to do next:")
    _quote(say, registered_reply.split("\n\n")[-1])
    shown["next_step"] = t("id", "registered_next") in registered_reply

    registered.mark()
    await registered.send("/bantuan")
    help_message = await registered.reply(what="the help")
    pressed = await registered.press_data(help_message.message_id, "reg:ok")
    answer = (await registered.callback_answer(pressed))["text"]
    say(f"   The camat taps an old registration button: “{answer}”")
    shown["expired"] = "/start" not in answer

    facilitator.mark()
    await facilitator.send("/pengingat 2 jam Sesi siang dimulai, silakan kembali ke ruangan.")
    pick = await facilitator.reply(what="the reminder's audience question")
    say("   /pengingat 2 jam …  →  " + (pick.text or "").splitlines()[0])
    await facilitator.press(t("id", "btn_discard"), pick.message_id)
    await screen(facilitator)

    await facilitator.send("/polling")
    await facilitator.reply(what="the poll's first question")
    for typed in ("Lanjut diskusi sesudah makan siang?", "Ya\nTidak"):
        await facilitator.send(typed)
        await facilitator.reply(what="the poll form's next question")
    steps: Sequence[str] = (
        t("id", "btn_poll_options_done"),
        t("id", "btn_poll_single"),
        t("id", "btn_poll_named"),
        t("id", "btn_audience_all"),
    )
    for label in steps:
        await facilitator.press(label)
        await screen(facilitator)
    await facilitator.send("2 jam")
    confirm = await screen(facilitator)
    deadline = next(
        (line for line in (confirm.text or "").splitlines() if line.startswith("Batas waktu")), ""
    )
    say(f"   poll deadline typed as “2 jam”  →  {deadline}")
    await facilitator.press(t("id", "btn_discard"), confirm.message_id)
    await screen(facilitator)
    shown["echo"] = "WITA" in (pick.text or "") and "WITA" in deadline
    return shown
