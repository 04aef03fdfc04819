"""Backups taken at the same moment never fail, and each is a sound, separate copy."""

from __future__ import annotations

import asyncio
import datetime as dt
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from bot.core.config import DEFAULT_WORKSHOP
from bot.core.workshop import load_workshop
from storage import backup
from storage.backup import BackupResult, inspect_database, list_backups
from storage.backup import backup_database as take_backup
from storage.db import Database
from storage.models import Profile
from storage.repository import Repository


async def _bot_database(path: Path) -> None:
    db = await Database.open(path)
    repo = Repository(db)
    await repo.sync_workshop(load_workshop(DEFAULT_WORKSHOP))
    await repo.register_self(555, Profile("Yosef Jehalu", "Bappeda", "camat"), 1, "online")
    await db.close()


@pytest.mark.parametrize("stale_listing", [False, True])
def test_three_backups_in_the_same_second_all_succeed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, stale_listing: bool
) -> None:
    if stale_listing:
        # Each process read the folder before any other had finished: all pick the same name.
        monkeypatch.setattr(
            backup, "_next_name", lambda folder, db, now: folder / backup.backup_name(db, now)
        )
    db_path = tmp_path / "bimtek.db"
    asyncio.run(_bot_database(db_path))
    folder = tmp_path / "backups"
    now = dt.datetime(2021, 6, 21, 1, 0, tzinfo=dt.UTC)  # one name for all three, unless...
    start = threading.Barrier(3)
    results: list[BackupResult] = []
    errors: list[BaseException] = []

    def one() -> None:
        start.wait()
        try:
            results.append(take_backup(db_path, folder, keep=10, now=now))
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=one) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert not errors, f"concurrent backups failed: {errors!r}"
    paths = {r.path for r in results}
    assert len(paths) == 3, f"three backups, three files: {sorted(p.name for p in paths)}"
    for path in paths:
        assert inspect_database(path).participants == 1
    assert {b.path for b in list_backups(folder, db_path)} == paths
    assert sorted(p.name for p in folder.iterdir()) == sorted(p.name for p in paths), (
        "a temporary file was left behind"
    )


def test_three_backup_commands_at_once_all_succeed(tmp_path: Path) -> None:
    db_path = tmp_path / "data" / "bimtek.db"
    asyncio.run(_bot_database(db_path))
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("BOT_") or key == "BOT_LOG_LEVEL"
    }
    env["BOT_DB_PATH"] = str(db_path)
    command = [sys.executable, "-m", "bot", "--env-file", str(tmp_path / "none.env"), "backup"]
    runs = [
        subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        for _ in range(3)
    ]
    outcomes = [(run.wait(60), *run.communicate()) for run in runs]
    assert [code for code, _, _ in outcomes] == [0, 0, 0], [err for _, _, err in outcomes]
    written = {Path(out.decode().strip()) for _, out, _ in outcomes}
    assert len(written) == 3
    for path in written:
        assert inspect_database(path).participants == 1
