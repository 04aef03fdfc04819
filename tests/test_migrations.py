"""Migrations from every earlier schema version, on a database with data in it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.core.config import DEFAULT_WORKSHOP
from bot.core.workshop import load_workshop
from storage.db import Database, migrations, stamp, wall_clock
from storage.repository import Repository

# The expectation is read from the files themselves, not from the code that loads them.
MIGRATION_DIR = Path(__file__).resolve().parents[1] / "storage" / "migrations"
FILES = sorted(p.name for p in MIGRATION_DIR.glob("*.sql"))
LATEST = int(FILES[-1][:4])


async def _fill(db: Database, version: int) -> None:
    """Write the kind of data each version could hold, with plain SQL of that version."""
    now = stamp(wall_clock())
    async with db.transaction() as conn:
        await conn.execute(
            "INSERT INTO stages (number, title, title_en, registration_open, is_current, "
            "updated_at) VALUES (1, 'Tahap I', 'Stage I', 1, 1, ?)",
            (now,),
        )
        await conn.execute(
            "INSERT INTO participants (id, telegram_id, full_name, name_key, institution, "
            "position, created_at, updated_at) VALUES (1, 555, 'Yosef Jehalu', 'yosef jehalu|x', "
            "'Kecamatan Cibal', 'camat', ?, ?)",
            (now, now),
        )
        await conn.execute(
            "INSERT INTO registrations (participant_id, stage, mode, channel, registered_at) "
            "VALUES (1, 1, 'online', 'self', ?)",
            (now,),
        )
        await conn.execute(
            "INSERT INTO ptb_conversations (name, key, state) VALUES ('registration', '[5,5]', '3')"
        )
        if version >= 2:
            await conn.execute(
                "INSERT INTO ideas (stage, participant_id, dimension, horizon, text, channel, "
                "institution, created_at, updated_at) VALUES (1, 1, 'economy', '5', "
                "'Pasar desa online', 'online', 'Kecamatan Cibal', ?, ?)",
                (now, now),
            )
        if version >= 3:
            await conn.execute(
                "INSERT INTO sessions (id, stage, day, start_time, end_time, title, title_en, "
                "updated_at) VALUES (1, 1, '2021-06-21', '08:30', '12:00', 'Pembukaan', "
                "'Opening', ?)",
                (now,),
            )
            await conn.execute(
                "INSERT INTO attendance (participant_id, session_id, mode, method, "
                "checked_in_at) VALUES (1, 1, 'online', 'button', ?)",
                (now,),
            )
        if version >= 5:
            await conn.execute(
                "INSERT INTO polls (id, stage, question, audience, created_at) "
                'VALUES (1, 1, \'Jaringan cukup?\', \'{"kind": "all", "stage": 1}\', ?)',
                (now,),
            )
            await conn.execute(
                "INSERT INTO poll_options (poll_id, position, text) VALUES (1, 0, 'Ya'), "
                "(1, 1, 'Tidak')"
            )
            # From version 7 on, poll copies are rows of the outbox (poll_copies is a view).
            copies = "outbox (kind, " if version >= 7 else "poll_copies ("
            kind = "'poll', " if version >= 7 else ""
            await conn.execute(
                f"INSERT INTO {copies}id, poll_id, participant_id, chat_id, mode, status, "
                f"tg_poll_id, updated_at) VALUES ({kind}1, 1, 1, 555, 'online', 'sent', '5301', ?)",
                (now,),
            )
            await conn.execute(
                "INSERT INTO poll_answers (copy_id, poll_id, option_ids, source, answered_at) "
                "VALUES (1, 1, '[0]', 'answer', ?)",
                (now,),
            )
            await conn.execute(
                "INSERT INTO poll_hand_votes (poll_id, position, count, entered_by, entered_at) "
                "VALUES (1, 1, 7, 900001, ?)",
                (now,),
            )


@pytest.mark.parametrize("start", range(1, LATEST))
async def test_upgrade_from_every_earlier_version(tmp_path: Path, start: int) -> None:
    path = tmp_path / f"v{start}.db"
    old = await Database.open(path, target_version=start)
    assert await old.schema_version() == start
    await _fill(old, start)
    await old.close()

    db = await Database.open(path)
    assert await db.schema_version() == LATEST
    repo = Repository(db)
    await repo.sync_workshop(load_workshop(DEFAULT_WORKSHOP))  # what the bot does at start
    participant = await repo.participant_by_telegram(555)
    assert participant is not None and participant.full_name == "Yosef Jehalu"
    registration = await repo.registration(participant.id, 1)
    assert registration is not None and registration.mode == "online"
    stage = await repo.get_stage(1)
    assert stage is not None and stage.title == "Tahap I" and stage.ideas_open
    conversation = await db.fetchone("SELECT state FROM ptb_conversations")
    assert conversation is not None and conversation["state"] == "3"
    ideas = await db.fetchone("SELECT COUNT(*) FROM ideas")
    assert ideas is not None and ideas[0] == (1 if start >= 2 else 0)
    if start >= 3:
        attendance = await db.fetchone("SELECT COUNT(*) FROM attendance")
        assert attendance is not None and attendance[0] == 1
    integrity = await db.fetchone("PRAGMA integrity_check")
    assert integrity is not None and integrity[0] == "ok"
    violations = await db.fetchall("PRAGMA foreign_key_check")
    assert violations == []
    await db.close()


def test_migration_files_are_numbered_1_to_n_and_all_shipped() -> None:
    bad = [name for name in FILES if not re.fullmatch(r"\d{4}_[a-z0-9_]+\.sql", name)]
    assert bad == [], f"migration files not named NNNN_name.sql: {bad}"
    numbers = [int(name[:4]) for name in FILES]
    assert numbers == list(range(1, len(FILES) + 1)), f"gaps or duplicates: {FILES}"
    assert [name for _, name, _ in migrations()] == FILES


async def test_a_new_database_is_at_the_highest_file_number(tmp_path: Path) -> None:
    db = await Database.open(tmp_path / "new.db")
    assert await db.schema_version() == LATEST
    await db.close()


@pytest.mark.parametrize("version", range(1, LATEST + 1))
async def test_each_migration_applies_from_the_previous_version(
    tmp_path: Path, version: int
) -> None:
    db = await Database.open(tmp_path / "step.db", target_version=version - 1)
    assert await db.schema_version() == version - 1
    if version > 1:
        await _fill(db, version - 1)
    assert await db.migrate(version) == [FILES[version - 1]]
    assert await db.schema_version() == version
    violations = await db.fetchall("PRAGMA foreign_key_check")
    assert violations == []
    await db.close()
