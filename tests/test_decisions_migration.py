"""Migration 0009 rebuilds the outbox (kind 'note'): every poll copy, its answer and reminder
delivery survives with its id, and the old views still read them."""

from __future__ import annotations

from pathlib import Path

from storage.db import Database
from tests.test_migrations import _fill


async def test_the_outbox_rebuild_keeps_poll_answers_and_views(tmp_path: Path) -> None:
    path = tmp_path / "v8.db"
    old = await Database.open(path, target_version=8)
    await _fill(old, 8)
    async with old.transaction() as conn:
        await conn.execute(
            "INSERT INTO reminders (id, kind, stage, text, due_at, audience, status, created_at) "
            "VALUES (1, 'custom', 1, 'Sesi dimulai', '2021-06-21T00:00:00+00:00', '{}', 'sent', "
            "'2021-06-20T00:00:00+00:00')"
        )
        await conn.execute(
            "INSERT INTO outbox (kind, reminder_id, participant_id, chat_id, status, updated_at) "
            "VALUES ('reminder', 1, 1, 555, 'sent', '2021-06-21T00:00:00+00:00')"
        )
    await old.close()

    db = await Database.open(path)
    answer = await db.fetchone(
        "SELECT a.option_ids, c.tg_poll_id FROM poll_answers a JOIN poll_copies c "
        "ON c.id = a.copy_id WHERE a.poll_id = 1"
    )
    assert answer is not None and (answer[0], answer[1]) == ("[0]", "5301")
    delivery = await db.fetchone("SELECT chat_id, status FROM reminder_deliveries")
    assert delivery is not None and (delivery[0], delivery[1]) == (555, "sent")
    assert await db.fetchall("PRAGMA foreign_key_check") == []
    # The new kind is accepted, and needs its sending.
    note = await db.execute("INSERT INTO decision_notes (created_at) VALUES ('x')")
    await db.execute(
        "INSERT INTO outbox (kind, note_id, participant_id, chat_id, updated_at, note_version) "
        "VALUES ('note', ?, 1, 555, 'x', 'v1')",
        (note,),
    )
    await db.close()
