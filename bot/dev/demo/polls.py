"""The demo's polls: one question to the whole room and the remote participants, then an idea vote.

A facilitator writes an anonymous poll in the chat (`/polling`), the bot sends every registered
participant of the current stage their own copy, most of them answer (online and in the room),
the facilitator adds the hands raised by people without Telegram and closes the poll; everyone
gets the final result. Then the facilitator puts the ideas of the busiest dimension to a vote
(`/prioritas`, at most 3 each), participants vote, and the ranking is kept on the ideas.
"""

from __future__ import annotations

import asyncio
import html
import re
from collections.abc import Callable, Sequence
from typing import Any

from bot.dev.demo.wait import wait_until
from bot.dev.emulator import SimUser
from bot.dev.sandbox import BotHarness, screen
from bot.jobs import polling
from handlers.texts import t

QUESTION = "Bagaimana sinyal internet di kantor atau kecamatan Anda?"
OPTIONS = ("Baik", "Cukup", "Buruk", "Tidak ada sinyal")
TIMEOUT = 60.0


def plain(text: str) -> str:
    """A bot message as the console shows it: no HTML tags or entities."""
    return html.unescape(re.sub(r"<[^>]+>", "", text))


async def _copies(harness: BotHarness, poll_id: int) -> dict[int, str]:
    """chat id → the Telegram poll id of that chat's copy, once every copy has gone out."""
    assert harness.app is not None
    repo = polling.repository(harness.app)

    async def all_sent() -> bool:
        return not await repo.pending_copies(poll_id)

    async def why() -> str:
        return f"{len(await repo.pending_copies(poll_id))} copies are still pending"

    await wait_until(
        all_sent, timeout=TIMEOUT, what=f"every copy of poll #{poll_id} was sent", why=why
    )
    return {c.chat_id: c.tg_poll_id for c in await repo.copies(poll_id) if c.tg_poll_id}


async def _finished(harness: BotHarness, poll_id: int) -> None:
    assert harness.app is not None
    repo = polling.repository(harness.app)

    async def done() -> bool:
        poll = await repo.get_poll(poll_id)
        return poll is not None and poll.finished_at is not None

    async def why() -> str:
        poll = await repo.get_poll(poll_id)
        return "there is no such poll" if poll is None else f"it is still {poll.status!r}"

    await wait_until(
        done, timeout=TIMEOUT, what=f"poll #{poll_id} was closed and its copies stopped", why=why
    )


async def _close(facilitator: SimUser, live_message_id: int) -> str:
    """Close by the live result's buttons; returns the final result the facilitator gets."""
    await facilitator.press(t("id", "btn_poll_close"), live_message_id)
    ask = await screen(facilitator, timeout=TIMEOUT)
    await facilitator.press(t("id", "btn_poll_close_yes"), ask.message_id)
    await screen(facilitator, timeout=TIMEOUT)
    return (await facilitator.reply(timeout=TIMEOUT)).text or ""


async def _vote(users: Sequence[SimUser], copies: dict[int, str], choose: Any) -> int:
    """Each user with a copy answers `choose(index)` (None: does not answer); how many did."""
    gate = asyncio.Semaphore(24)
    answered = 0

    async def one(index: int, user: SimUser) -> None:
        nonlocal answered
        choice = choose(index)
        if choice is None or user.id not in copies:
            return
        async with gate:
            await user.answer_poll(copies[user.id], choice)
        answered += 1

    await asyncio.gather(*(one(i, u) for i, u in enumerate(users)))
    return answered


async def demo_polls(
    harness: BotHarness,
    facilitator: SimUser,
    users: Sequence[SimUser],
    say: Callable[[str], None],
) -> dict[str, Any]:
    """Play a poll and an idea vote; returns what happened, counted."""
    assert harness.app is not None
    facilitator.mark()
    # 1. The poll, written in the chat.
    await facilitator.send(f"/polling {QUESTION}")
    await facilitator.reply(timeout=TIMEOUT)
    await facilitator.send("\n".join(OPTIONS))
    await facilitator.reply(timeout=TIMEOUT)
    for label in (
        t("id", "btn_poll_options_done"),
        t("id", "btn_poll_single"),
        t("id", "btn_poll_anonymous"),
        t("id", "btn_audience_all"),
    ):
        await facilitator.press(label)
        await screen(facilitator, timeout=TIMEOUT)
    await facilitator.send("2j")
    confirm = await facilitator.reply(timeout=TIMEOUT)
    await facilitator.press(t("id", "btn_poll_share_on"), confirm.message_id)
    confirm = await screen(facilitator, timeout=TIMEOUT)
    await facilitator.press(confirm.buttons[0][0], confirm.message_id)
    await screen(facilitator, timeout=TIMEOUT)
    live = await facilitator.reply(timeout=TIMEOUT)  # the live result, with its buttons
    poll = (await polling.repository(harness.app).latest_polls(1))[0]
    copies = await _copies(harness, poll.id)
    say(f"   /polling “{QUESTION}” — one copy each for {len(copies)} participants")

    # Most answer; people far from town mostly have a weak signal; one in eight stays silent.
    answered = await _vote(
        users, copies, lambda i: None if i % 8 == 7 else [(i * 7 + i // 5) % len(OPTIONS)]
    )
    await facilitator.send(f"/suaratangan {poll.id} 1 4\n2 3\n3 1")
    await facilitator.reply(timeout=TIMEOUT)
    await facilitator.reply(timeout=TIMEOUT)
    final = await _close(facilitator, live.message_id)
    await _finished(harness, poll.id)
    results = await polling.repository(harness.app).results(poll.id)
    assert results is not None
    say(f"   {results.voters} answered on Telegram, 8 hands counted in the room; final result:")
    for line in plain(final).splitlines()[3:]:
        if line.strip():
            say(f"   │ {line}")

    # 2. The idea vote on the busiest dimension.
    stage = await harness.repo.current_stage()
    assert stage is not None
    counts = await harness.ideas.counts_by_dimension(stage.number)
    busiest = max(counts, key=lambda c: c.total)
    idea_result: dict[str, Any] = {"idea_poll": None, "ranked": 0, "top": []}
    if busiest.total >= 2:
        await facilitator.send("/prioritas")
        await facilitator.reply(timeout=TIMEOUT)
        await facilitator.press(t("id", f"dim_{busiest.dimension}").split(" (")[0])
        ballot = await screen(facilitator, timeout=TIMEOUT)
        choices = ballot.buttons[0]
        await facilitator.press("3" if "3" in choices else choices[-1], ballot.message_id)
        await screen(facilitator, timeout=TIMEOUT)
        await facilitator.press(t("id", "btn_audience_all"))
        await screen(facilitator, timeout=TIMEOUT)
        await facilitator.press(t("id", "poll_deadline_none"))
        confirm = await screen(facilitator, timeout=TIMEOUT)
        await facilitator.press(confirm.buttons[0][0], confirm.message_id)
        await screen(facilitator, timeout=TIMEOUT)
        live = await facilitator.reply(timeout=TIMEOUT)
        vote = (await polling.repository(harness.app).latest_polls(1))[0]
        n_options = len(vote.options)
        copies = await _copies(harness, vote.id)
        say(
            f"   /prioritas: {n_options} ideas of {t('en', f'dim_{busiest.dimension}')} "
            f"put to {len(copies)} participants, at most {vote.max_choices} each"
        )
        limit = vote.max_choices or 1
        await _vote(
            users,
            copies,
            lambda i: (
                None
                if i % 5 == 4
                else sorted({(i + k * k) % n_options for k in range(1 + i % limit)})
            ),
        )
        final = await _close(facilitator, live.message_id)
        await _finished(harness, vote.id)
        ranking = plain(final).split("🏆", 1)[-1].splitlines()[1:]
        for line in ranking[:5]:
            say(f"   │ {line}")
        ranked = [
            idea
            for option in vote.options
            if option.idea_id is not None
            and (idea := await harness.ideas.get(option.idea_id)) is not None
            and idea.priority_rank is not None
        ]
        ranked.sort(key=lambda i: (i.priority_rank or 0, i.id))
        idea_result = {
            "idea_poll": vote.id,
            "ranked": len(ranked),
            "top": [i.ref for i in ranked[:3]],
        }
    return {
        "poll": poll.id,
        "recipients": results.recipients,
        "answered": answered,
        "voters": results.voters,
        "hand_votes": results.hand_total,
        **idea_result,
    }
