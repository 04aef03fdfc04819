"""The demo's hashtag repair and similar ideas: a camat's misspelt tag is filed with the tag the
bot suggests, and another camat's near-duplicate becomes a support of the first idea."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from bot.dev.emulator import SimUser
from bot.dev.sandbox import BotHarness, screen
from handlers.texts import t

IDEA = "Koperasi desa menjual kopi Arabika Cibal lewat toko daring milik kabupaten"
NEAR = "koperasi desa jual kopi arabika cibal lewat toko online milik kabupaten"


def _quote(say: Callable[[str], None], text: str | None) -> None:
    for line in (text or "").splitlines():
        say(f"   │ {line}")


async def demo_tags(
    harness: BotHarness,
    users: Sequence[SimUser],
    people: Sequence[Any],
    say: Callable[[str], None],
) -> dict[str, Any]:
    """A misspelt tag filed with one tap, then a near-duplicate supported with one tap, by two
    registered camat writing in Indonesian (`people` are the demo's persons of `users`)."""
    say("\n5c. A camat types a misspelt tag; another sends almost the same idea")
    camats = [
        user
        for user, person in zip(users, people, strict=True)
        if person.position == "camat" and person.lang == "id"
    ]
    first, second = camats[0], camats[1]
    first.mark()  # skip what the bot sent them in earlier steps
    second.mark()
    await first.send(f"#ekonmi {IDEA}")
    question = await first.reply(timeout=30, what="the suggested tag")
    say(f"   {first.name} sends: #ekonmi {IDEA}")
    _quote(say, question.text)
    await first.press(t("id", "dim_economy"), question.message_id)
    filed = await first.reply(timeout=30, what="the confirmation after the suggested tag")
    say(f"   {first.name} taps “{t('id', 'dim_economy')}”:")
    _quote(say, filed.text)

    await second.send(f"#ekonomi #5th {NEAR}")
    shown = await second.reply(timeout=30, what="the similar idea")
    say(f"   {second.name} sends: #ekonomi #5th {NEAR}")
    _quote(say, shown.text)
    await second.press(t("id", "btn_support_idea"), shown.message_id)
    supported = await screen(second, timeout=30)
    say(f"   {second.name} taps “{t('id', 'btn_support_idea')}”:")
    _quote(say, supported.text)
    return {
        "filed": "diterima" in (filed.text or ""),
        "supported": "tercatat" in (supported.text or ""),
    }
