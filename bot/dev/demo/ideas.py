"""The demo's round of ideas: every participant sends one, the secretariat types in paper ones,
a facilitator reads the counts."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from typing import Any

from bot.dev.demo.data import assign
from bot.dev.emulator import SimUser
from bot.dev.emulator.client import BotMessage
from bot.dev.sandbox import FACILITATOR_ID, BotHarness, screen
from bot.rules.idea_rules import DIMENSION_TAGS, HORIZON_TAGS
from handlers.texts import t


async def _as_new(user: SimUser, lang: str, reply: BotMessage) -> str:
    """A demo with more people than ideas repeats texts: a similar idea shown is sent as new."""
    if any(t(lang, "btn_send_as_new") in row for row in reply.buttons):
        await user.press(t(lang, "btn_send_as_new"), reply.message_id)
        return (await screen(user, timeout=30)).text or ""
    return reply.text or ""


async def _by_hashtag(user: SimUser, lang: str, dimension: str, horizon: str, text: str) -> str:
    dim_tag = DIMENSION_TAGS[dimension][0] if lang == "id" else dimension
    hor_tag = HORIZON_TAGS[horizon][0] if lang == "id" else f"{horizon}y"
    tags = f"#{dim_tag}" if horizon == "unsure" else f"#{dim_tag} #{hor_tag}"
    user.mark()  # skip reminders and other messages from earlier steps
    await user.send(f"{tags} {text}")
    return await _as_new(user, lang, await user.reply(timeout=30))


async def _by_buttons(
    user: SimUser, lang: str, dimension: str, horizon: str, text: str, *, photo: bool
) -> str:
    user.mark()
    await user.send("/ide" if lang == "id" else "/idea")
    await user.reply(timeout=30)
    await user.press(t(lang, f"dim_{dimension}"))
    await screen(user, timeout=30)
    await user.press(t(lang, f"horizon_{horizon}"))
    await screen(user, timeout=30)
    if photo:
        await user.send_photo(caption=text)
    else:
        await user.send(text)
    return await _as_new(user, lang, await user.reply(timeout=30))


async def _paper(admin: SimUser, name_part: str, dimension: str, horizon: str, text: str) -> str:
    admin.mark()  # skip whatever the bot sent the secretariat before
    await admin.send("/idekertas")
    await admin.reply(timeout=30)
    await admin.send(name_part)
    pick = await admin.reply(timeout=30)
    await admin.press(pick.buttons[0][0], pick.message_id)
    await screen(admin, timeout=30)
    await admin.reply(timeout=30)
    await admin.press(t("id", f"dim_{dimension}"))
    await screen(admin, timeout=30)
    await admin.press(t("id", f"horizon_{horizon}"))
    await screen(admin, timeout=30)
    await admin.send_photo(caption=text)
    return (await admin.reply(timeout=30)).text or ""


async def demo_ideas(
    harness: BotHarness,
    admin: SimUser,
    users: Sequence[tuple[SimUser, str, str]],
    paper_names: Sequence[str],
    run_all: Callable[[Sequence[Awaitable[str]], str, int], Awaitable[list[str]]],
    say: Callable[[str], None],
) -> dict[str, Any]:
    """Play the round; `users` are (user, language, voice), `run_all` runs jobs with a
    progress bar. Every sender writes their own idea from `bot.dev.demo.data`, in their voice."""
    ideas = assign([voice for _, _, voice in users])
    jobs: list[Awaitable[str]] = []  # one per user, all users at once
    for index, ((user, lang, _), idea) in enumerate(zip(users, ideas, strict=True)):
        dimension, horizon, text = idea.dimension, idea.horizon, idea.text
        if index % 3 == 0:
            jobs.append(_by_buttons(user, lang, dimension, horizon, text, photo=index % 2 == 0))
        else:
            jobs.append(_by_hashtag(user, lang, dimension, horizon, text))
    results = await run_all(jobs, "ideas by chat", len(jobs))
    received = sum(("diterima" in r or "received" in r) for r in results)

    cards = assign(["paper"] * len(paper_names))
    paper_jobs: list[Awaitable[str]] = [
        _paper(admin, name.split()[-1], card.dimension, card.horizon, card.text)
        for name, card in zip(paper_names, cards, strict=True)
    ]
    # One secretariat member, one chat: the paper ideas are typed in one after the other.
    paper = await run_all(paper_jobs, "paper ideas (secretariat)", 1)
    stored_paper = sum("disimpan" in r for r in paper)

    facilitator = await harness.user("Fasilitator", user_id=FACILITATOR_ID)
    facilitator.mark()
    await facilitator.send("/rekapide")
    summary = await facilitator.reply(timeout=30)
    say("   Facilitator's /rekapide:")
    for line in (summary.text or "").splitlines():
        say(f"   │ {line}")
    counts = await harness.ideas.counts_by_dimension(1)
    return {
        "distinct": len({idea.text for idea in ideas + cards}),
        "sent": len(jobs),
        "received": received,
        "paper": stored_paper,
        "stored": sum(c.total for c in counts),
        "per_dimension": {c.dimension: c.total for c in counts},
    }
