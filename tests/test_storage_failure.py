"""A disk that refuses writes: each sender is told THIS was not saved; the secretariat once."""

from __future__ import annotations

import sqlite3

import pytest

from bot.dev.sandbox import BotHarness
from handlers import errors
from handlers.texts import t
from storage.db import Database
from storage.models import Profile


def test_a_full_disk_and_a_read_only_file_are_storage_failures() -> None:
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE t (x BLOB)")
    conn.execute("CREATE TABLE u (x UNIQUE)")
    conn.execute("PRAGMA max_page_count = 2")
    with pytest.raises(sqlite3.OperationalError) as full:
        conn.execute("INSERT INTO t VALUES (zeroblob(100000))")
    conn.execute("PRAGMA query_only = 1")
    with pytest.raises(sqlite3.OperationalError) as read_only:
        conn.execute("INSERT INTO t VALUES (1)")
    with pytest.raises(sqlite3.OperationalError) as bad_sql:
        conn.execute("SELECT nothing FROM t")
    with pytest.raises(sqlite3.IntegrityError) as constraint:
        conn.execute("PRAGMA query_only = 0")
        conn.execute("INSERT INTO u VALUES (1), (1)")
    assert errors.is_storage_failure(full.value)
    assert errors.is_storage_failure(read_only.value)
    assert not errors.is_storage_failure(bad_sql.value)  # a bug, not the disk
    assert not errors.is_storage_failure(constraint.value)
    assert not errors.is_storage_failure(ValueError("database or disk is full"))


async def _read_only(db: Database, on: bool) -> None:
    """Both connections refuse (or accept again) every write, as a read-only disk would."""
    flag = int(on)
    await db.fetchone(f"PRAGMA query_only = {flag}")
    if on:
        # The batch connection (ideas, poll answers): set before it is read-only.
        await db.run_batch(lambda conn: conn.execute(f"PRAGMA query_only = {flag}"))
    else:
        db._batch_executor.submit(
            lambda: db._batch_conn and db._batch_conn.execute("PRAGMA query_only = 0")
        ).result()


async def test_read_only_disk_each_sender_told_not_saved_secretariat_once(
    harness: BotHarness,
) -> None:
    errors._last_report.clear()
    users = [
        await harness.user(f"Camat{i}", language_code="en" if i == 4 else "id") for i in range(5)
    ]
    for i, user in enumerate(users):
        profile = Profile(f"Camat {i} Jehalu", "Kecamatan Cibal", "camat", "Cibal")
        await harness.repo.register_self(user.id, profile, 1, "online")
    admin = await harness.admin()
    db = harness.repo.db
    await _read_only(db, True)
    try:
        for i, user in enumerate(users):
            await user.send(f"#ekonomi #5th Pasar desa online nomor {i} untuk kopi Manggarai")
        for i, user in enumerate(users):
            lang = "en" if i == 4 else "id"
            reply = await user.reply()
            assert reply.text == t(lang, "storage_failed_idea").replace("<b>", "").replace(
                "</b>", ""
            ), f"{user.first_name} got {reply.text!r}"
            await user.no_reply(0.2)
        notes = [m for m in await admin.messages() if "basis data" in (m.text or "")]
        assert len(notes) == 1, f"the secretariat got {len(notes)} notes"
        assert await harness.ideas.count() == 0
    finally:
        await _read_only(db, False)
    # The disk is back: sending again stores it.
    await users[0].send("#ekonomi #5th Pasar desa online nomor 0 untuk kopi Manggarai")
    assert "#I-0001" in ((await users[0].reply()).text or "")
    assert await harness.ideas.count() == 1


async def test_read_only_disk_a_vote_is_told_not_recorded(harness: BotHarness) -> None:
    from tests.test_polls import launch, people, sent

    errors._last_report.clear()
    users = await people(harness, 2)
    poll = await launch(harness)
    ids = await sent(harness, poll.id)
    for user in users:
        await user.reply()  # the poll itself
    db = harness.repo.db
    await _read_only(db, True)
    try:
        await users[0].answer_poll(ids[users[0].id], [0])
        reply = await users[0].reply()
        assert reply.text == t("id", "storage_failed_vote").replace("<b>", "").replace("</b>", "")
    finally:
        await _read_only(db, False)
