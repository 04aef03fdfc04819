"""`/hapusdata` leaves no trace of the person: not in any table, not in the conversation store, not
in the database file or its write-ahead log, not in a fresh export (full or public), not in the
roles the bot holds in memory; a document's file name never reaches a facilitator. Also: nothing
about a person is stored before they accept the privacy notice, and backups older than the
retention the notice states are deleted."""

from __future__ import annotations

import asyncio
import datetime as dt
import sqlite3
import zipfile
from pathlib import Path

from bot.core.roles import Role
from bot.dev.sandbox import FACILITATOR_ID, BotHarness, screen
from handlers.export import export_labels
from handlers.texts import t
from storage.backup import backup_name, list_backups, prune_backups
from storage.export import ExportRequest, open_snapshot, write_export
from storage.models import Profile
from storage.privacy import PrivacyRepository
from storage.repository import Repository
from tests.test_ideas import idea_by_buttons
from tests.test_registration import register

TG_FIRST, TG_LAST, TG_USERNAME = "Zakarias", "Quirinovski", "zakarias_q77"
FULL_NAME = "Zakarias Quirinovski Ndoen"
PHONE = "6281299887766"
FILE_NAME = "Usulan_Zakarias_Quirinovski.pdf"


def secrets_of(user_id: int) -> list[bytes]:
    """Everything that would identify the erased person, as bytes to look for."""
    words = [FULL_NAME, TG_FIRST, TG_LAST, TG_USERNAME, PHONE, PHONE[2:], FILE_NAME, str(user_id)]
    found = [w.encode() for w in words]
    found += [w.encode("utf-16-le") for w in (FULL_NAME, TG_LAST)]
    return found


def rows_naming(db_path: Path, user_id: int) -> list[str]:
    """Every table.column whose value is the person's id, or text holding one of their words."""
    hits = []
    words = [w.decode() for w in secrets_of(user_id)[:8]]
    with sqlite3.connect(db_path) as conn:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        for table in tables:
            columns = [r[1] for r in conn.execute(f"PRAGMA table_info({table})")]
            for column in columns:
                for (value,) in conn.execute(f"SELECT {column} FROM {table}"):
                    if value == user_id or (
                        isinstance(value, str) and any(w in value for w in words)
                    ):
                        hits.append(f"{table}.{column}={value!r}")
    return hits


def read(path: Path) -> bytes:
    return path.read_bytes() if path.exists() else b""


def export_bytes(harness: BotHarness, tmp: Path, *, public: bool) -> bytes:
    """A fresh workbook, every member of the zip unpacked and joined."""
    workshop = harness.services.workshop
    output = tmp / ("public.xlsx" if public else "full.xlsx")
    request = ExportRequest(
        db_path=harness.settings.db_path,
        output=output,
        labels=export_labels(),
        workshop_name=workshop.name,
        region=workshop.region,
        timezone=workshop.timezone,
        public=public,
    )
    write_export(request)
    with zipfile.ZipFile(output) as book:
        return b"".join(book.read(name) for name in book.namelist())


async def until(check: object, what: str, timeout: float = 5.0) -> None:
    deadline = asyncio.get_running_loop().time() + timeout
    while not check():  # type: ignore[operator]
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError(f"within {timeout} s: {what} did not happen")
        await asyncio.sleep(0.1)


async def test_erasure_leaves_no_trace(harness: BotHarness, tmp_path: Path) -> None:
    user = await harness.user(TG_FIRST)
    await harness.client.user(TG_FIRST, last_name=TG_LAST, username=TG_USERNAME, user_id=user.id)
    assert "Terdaftar" in await register(user, FULL_NAME)
    await user.share_contact(PHONE)
    assert "disimpan" in ((await user.reply()).text or "")
    await user.send("#ekonomi #5th Pasar desa online untuk kopi Colol")
    await user.reply()
    await idea_by_buttons(user, t("id", "dim_society"), t("id", "horizon_unsure"))
    await user.send_document(file_name=FILE_NAME, content=b"%PDF-1.4 usulan", caption="Lihat")
    assert "diterima" in ((await user.reply()).text or "")

    # A facilitator opens the document: it comes under the idea's reference, not the file name.
    facilitator = await harness.user("Fasil", user_id=FACILITATOR_ID)
    await facilitator.send("/rekapide")
    summary = await facilitator.reply()
    await facilitator.press("Smart Society (1)", summary.message_id)
    await screen(facilitator)
    await facilitator.press("🔎 #I-0002")
    await screen(facilitator)
    await facilitator.press("📎 Buka lampiran")
    sent = await facilitator.reply()
    assert sent.document is not None and sent.document["file_name"] == "I-0002.pdf"
    assert await harness.client.download(sent.document["file_id"]) == b"%PDF-1.4 usulan"

    # The person gets a role (audited with their id), acts as staff, then erases themselves.
    admin = await harness.admin()
    await admin.send(f"/peran tambah {user.id} fasilitator")
    assert "fasilitator" in ((await admin.reply()).text or "").lower()
    assert harness.services.roles.role_of(user.id) is Role.FACILITATOR
    # What they do as staff is audited under their id (as a poll or a reminder would be).
    await harness.services.admin.record(user.id, "poll.create", "#1", stage=1)
    # They ask to erase, open another idea's form, and confirm the erasure in the middle of it.
    await user.send("/hapusdata")
    ask = await user.reply()
    await idea_by_buttons(user, t("id", "dim_living"), t("id", "horizon_unsure"))
    await user.press("Ya, hapus data saya", ask.message_id)
    done = (await screen(user)).text or ""
    assert "sudah dihapus" in done and f"dalam {harness.settings.backup_keep} hari" in done
    await harness.client.wait_idle()
    await asyncio.sleep(1.5)  # PTB's next write to its persistence (every second)

    # Nobody keeps a power they lost: the role is gone from memory and from the database.
    assert harness.services.roles.role_of(user.id) is Role.PARTICIPANT
    db_path = harness.settings.db_path
    assert rows_naming(db_path, user.id) == []
    raw = {"database": read(db_path), "wal": read(Path(f"{db_path}-wal"))}
    raw["full export"] = export_bytes(harness, tmp_path, public=False)
    raw["public export"] = export_bytes(harness, tmp_path, public=True)
    for where, data in raw.items():
        for secret in secrets_of(user.id):
            assert secret not in data, f"{secret!r} is still in the {where}"
    # The ideas stay, anonymised, for the drafting team.
    kept = await harness.ideas.get(1)
    assert kept is not None and kept.text == "Pasar desa online untuk kopi Colol"
    # The audit log still shows what happened, naming nobody.
    await admin.send("/audit")
    audit = (await admin.reply()).text or ""
    assert "role.grant (dihapus)" in audit and str(user.id) not in audit
    assert "(dihapus) · poll.create #1" in audit
    # The form they had open is gone with them: what they type next files nothing.
    await user.send("Ide yang tidak boleh tersimpan atas nama siapa pun")
    await user.reply()
    assert await harness.ideas.count() == 2


async def test_nothing_is_stored_before_the_notice_is_accepted(harness: BotHarness) -> None:
    user = await harness.user(TG_FIRST)
    await harness.client.user(TG_FIRST, last_name=TG_LAST, username=TG_USERNAME, user_id=user.id)
    await user.send("/start")
    await user.reply()  # welcome
    notice = await user.reply()
    # The notice says how long backups keep data.
    days = harness.settings.backup_keep
    assert f"terhapus dalam {days} hari" in (notice.text or "")
    await harness.client.wait_idle()
    await asyncio.sleep(1.5)
    db_path = harness.settings.db_path
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("SELECT COUNT(*) FROM users").fetchone() == (0,)
    assert rows_naming(db_path, user.id) == []
    await user.press(t("id", "btn_agree"), notice.message_id)
    await screen(user)
    await harness.client.wait_idle()
    with sqlite3.connect(db_path) as conn:
        row = conn.execute("SELECT first_name, username FROM users").fetchone()
    assert row == ("", None)  # reachable and accepted, but never their Telegram name


def test_backups_older_than_the_retention_are_deleted(tmp_path: Path) -> None:
    db_path = tmp_path / "bimtek.db"
    folder = tmp_path / "backups"
    folder.mkdir()
    now = dt.datetime(2026, 11, 29, 2, 0, tzinfo=dt.UTC)
    for age in (0, 1, 13, 14, 15, 40):
        (folder / backup_name(db_path, now - dt.timedelta(days=age, minutes=1))).write_bytes(b"")
    removed = prune_backups(folder, db_path, 14, now=now)
    assert len(removed) == 3  # 14 days and a minute, 15 and 40 days old
    left = [(now - b.taken_at).days for b in list_backups(folder, db_path)]
    assert left == [0, 1, 13]


async def test_the_wal_is_emptied_once_a_reader_lets_go(repo: Repository, tmp_path: Path) -> None:
    """An export reading at the moment of the erasure holds the WAL; it is emptied right after."""
    profile = Profile(FULL_NAME, "Kecamatan Cibal", "camat", "Cibal")
    await repo.register_self(700001, profile, 1, "online")
    privacy = PrivacyRepository(repo.db)
    reader = open_snapshot(repo.db.path)  # as an export does: one read transaction
    reader.execute("SELECT COUNT(*) FROM participants").fetchone()
    await privacy.erase(700001)
    wal = Path(f"{repo.db.path}-wal")
    assert FULL_NAME.encode() in read(wal)  # the reader still needs the old pages

    async def export_finishes() -> None:
        await asyncio.sleep(0.3)
        reader.close()

    finishing = asyncio.create_task(export_finishes())
    assert await privacy.forget_traces()
    await finishing
    assert read(wal) == b""
    assert FULL_NAME.encode() not in read(repo.db.path)


async def test_every_column_naming_who_acted_is_erased(repo: Repository) -> None:
    """A later migration that adds a `*_by` column must add it to the erasure as well."""
    from storage.privacy import _ACTED_BY, _ACTED_BY_REQUIRED

    found = set()
    for table in await repo.db.fetchall("SELECT name FROM sqlite_master WHERE type = 'table'"):
        for column in await repo.db.fetchall(f"PRAGMA table_info({table['name']})"):
            if column["name"].endswith("_by") or column["name"] == "actor":
                found.add((table["name"], column["name"]))
    assert found == set(_ACTED_BY) | set(_ACTED_BY_REQUIRED)
