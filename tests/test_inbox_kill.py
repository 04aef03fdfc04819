"""Kill -9 tests: nothing Telegram was told the bot received is lost, nothing is applied twice.

KILL TESTS: each runs the real bot as a child process (`python -m bot run`), kills it with
SIGKILL in the middle of a burst (1,000 answers to a named poll; 300 ideas at once), starts it
again and counts every answer and idea in the database. Each takes 10–25 s.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

from bot.core.ratelimit import PacedRateLimiter, Pacer
from bot.dev.emulator import Emulator, SimUser
from bot.dev.sandbox import BotHarness, distinct, screen
from handlers.texts import t
from storage.models import Profile
from tests.kill_support import BotProcess, scalar, wait_for

OPTIONS = ["Cukup", "Kurang", "Belum tahu"]


async def _registered(harness: BotHarness, count: int, prefix: str) -> list[SimUser]:
    users = [await harness.user(f"{prefix}{i:04d}") for i in range(count)]
    for i, user in enumerate(users):
        await harness.repo.register_self(
            user.id, Profile(f"{prefix} {i:04d}", "Bappeda", "opd_staff"), 1, "online"
        )
    return users


def _unpaced(harness: BotHarness) -> None:
    """Setup only: lift the 29/s overall pace so 1,000 polls go out in seconds, not 35."""
    assert harness.app is not None
    limiter = harness.app.bot.rate_limiter
    assert isinstance(limiter, PacedRateLimiter)
    limiter._overall = Pacer(100_000.0, 1.0)


async def _send_named_poll(harness: BotHarness, users: list[SimUser]) -> list[str]:
    """The facilitator's /polling form; returns each user's copy's poll id."""
    fac = await harness.user("Fasilitator", user_id=900002)
    await fac.send("/polling Apakah jaringan cukup?")
    await fac.reply()
    await fac.send("\n".join(OPTIONS))
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
    await fac.press(confirm.buttons[0][0], confirm.message_id)
    gate = asyncio.Semaphore(100)

    async def delivered(user: SimUser) -> str:
        async with gate:
            message = await user.reply(timeout=60)
        assert message.poll is not None
        return str(message.poll["id"])

    return list(await asyncio.gather(*(delivered(u) for u in users)))


async def test_kill_during_1000_poll_answers_loses_none_counts_none_twice(
    emulator: Emulator, tmp_path: Path
) -> None:
    db_path = tmp_path / "bot.db"
    harness = BotHarness(emulator, BotHarness.settings_for(emulator, db_path, fast=True))
    await harness.start()
    _unpaced(harness)
    users = await _registered(harness, 1000, "Peserta")
    poll_ids = await _send_named_poll(harness, users)
    await harness.stop()  # the users keep acting through its emulator client

    bot = BotProcess(emulator, db_path)
    await bot.start()
    counted = "SELECT COUNT(*) FROM poll_answers WHERE valid = 1"
    try:
        burst = asyncio.gather(
            *(
                u.answer_poll(p, [i % 3])
                for i, (u, p) in enumerate(zip(users, poll_ids, strict=True))
            )
        )
        # Near the end of the burst, while answers are fetched and not all processed.
        await wait_for(lambda: scalar(db_path, counted) >= 700, 30, "700 answers not counted")
        await bot.kill()
        at_kill = scalar(db_path, counted)
        await burst
        await bot.start()
        await wait_for(
            lambda: scalar(db_path, counted) >= 1000 and emulator.stats()["pending_updates"] == 0,
            20,
            f"after the restart, not all 1,000 answers were counted "
            f"({scalar(db_path, counted)}; {at_kill} at the kill)",
        )
        await asyncio.sleep(0.5)  # a replay applied twice would show now
    finally:
        await bot.stop()
        await harness.close()
    total = scalar(db_path, counted)
    people = scalar(
        db_path,
        "SELECT COUNT(DISTINCT c.participant_id) FROM poll_answers a "
        "JOIN poll_copies c ON c.id = a.copy_id",
    )
    # Each person's own choice (person i chose option i % 3), not another's or a stale one.
    wrong = scalar(
        db_path,
        "SELECT COUNT(*) FROM poll_answers a JOIN poll_copies c ON c.id = a.copy_id "
        "JOIN participants p ON p.id = c.participant_id "
        "WHERE a.option_ids != json_array(CAST(substr(p.full_name, -4) AS INTEGER) % 3)",
    )
    print(f"KILL poll: {at_kill} counted at the kill, {total} of 1000 after the restart")
    assert (total, people, wrong) == (1000, 1000, 0)


async def test_kill_during_300_ideas_loses_none_stores_none_twice(
    emulator: Emulator, tmp_path: Path
) -> None:
    db_path = tmp_path / "bot.db"
    harness = BotHarness(emulator, BotHarness.settings_for(emulator, db_path, fast=True))
    await harness.start()
    users = await _registered(harness, 300, "Penggagas")
    await harness.stop()  # the users keep acting through its emulator client

    bot = BotProcess(emulator, db_path)
    await bot.start()
    stored = "SELECT COUNT(*) FROM ideas"
    try:
        burst = asyncio.gather(
            *(u.send(f"#ekonomi #5th Usulan {distinct(i)}") for i, u in enumerate(users))
        )
        await wait_for(lambda: scalar(db_path, stored) >= 150, 30, "150 ideas not stored")
        await bot.kill()
        at_kill = scalar(db_path, stored)
        await burst
        await bot.start()
        await wait_for(
            lambda: scalar(db_path, stored) >= 300 and emulator.stats()["pending_updates"] == 0,
            25,
            f"after the restart, not all 300 ideas were stored "
            f"({scalar(db_path, stored)}; {at_kill} at the kill)",
        )
        assert await emulator.wait_idle(quiet_ms=300, timeout=20)
        told = [
            {m.text for m in await user.messages() if "#I-" in (m.text or "")} for user in users
        ]
    finally:
        await bot.stop()
        await harness.close()
    total = scalar(db_path, stored)
    texts = scalar(db_path, "SELECT COUNT(DISTINCT text) FROM ideas")
    print(f"KILL ideas: {at_kill} stored at the kill, {total} of 300 after the restart")
    assert (total, texts) == (300, 300)
    # Every sender was told their idea's number (a replayed one may be told twice, same number).
    assert all(told), f"{told.count(set())} senders were never told their idea was saved"
