"""Record times follow the application's clock: the database the app opens stamps rows with
settings.clock, so a test (or a rehearsal on a shifted clock) reads the times it set."""

from __future__ import annotations

from pathlib import Path

from bot.dev.emulator import Emulator
from bot.rules.timing import ShiftedClock
from storage.admin import AdminRepository
from storage.db import Database, LazyDatabase
from storage.models import Profile
from storage.repository import Repository
from tests.schedule_support import clocked_harness, wita


async def test_repositories_stamp_records_with_the_databases_clock(tmp_path: Path) -> None:
    clock = ShiftedClock(wita("2021-06-21 23:59"), ticking=False)
    db = await Database.open(tmp_path / "clock.db", clock=clock)
    try:
        from bot.core.config import DEFAULT_WORKSHOP
        from bot.core.workshop import load_workshop

        repo = Repository(db)
        await repo.sync_workshop(load_workshop(DEFAULT_WORKSHOP))
        await repo.register_self(5, Profile("Yosef Jehalu", "Bappeda", "camat"), 1, "online")
        row = await db.fetchone("SELECT registered_at FROM registrations")
        assert row is not None and row[0] == clock().isoformat(timespec="microseconds")
        await AdminRepository(db).grant(9, "facilitator", by=1)
        (entry,) = await AdminRepository(db).latest()
        assert entry.at == wita("2021-06-21 23:59")
    finally:
        await db.close()


async def test_the_lazy_opener_hands_its_clock_to_the_database(tmp_path: Path) -> None:
    clock = ShiftedClock(wita("2021-06-22 00:01"), ticking=False)
    opener = LazyDatabase(tmp_path / "lazy.db", clock=clock)
    db = await opener.get()
    try:
        assert db.now() == clock().isoformat(timespec="microseconds")
    finally:
        await opener.close()


async def test_the_app_stamps_records_with_settings_clock(
    emulator: Emulator, tmp_path: Path
) -> None:
    clock = ShiftedClock(wita("2021-06-21 08:30"), ticking=False)
    harness = await clocked_harness(emulator, tmp_path, clock)
    try:
        await harness.services.admin.record(1, "test.stamp", "x")
        (entry,) = [e for e in await harness.services.admin.latest() if e.action == "test.stamp"]
        assert entry.at == wita("2021-06-21 08:30")
    finally:
        await harness.close()
