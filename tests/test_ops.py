"""Operations: online backups while the bot writes, restore, /status, health, webhook, logs."""

from __future__ import annotations

import asyncio
import datetime as dt
import io
import json
import logging
import socket
import sqlite3
import time
from contextlib import closing
from dataclasses import replace
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from bot import cli
from bot.app import build_application
from bot.core import runner
from bot.core.config import DEFAULT_WORKSHOP, ConfigError, load_settings
from bot.core.logfmt import JsonFormatter, TextFormatter
from bot.core.webhook import webhook_kwargs
from bot.core.workshop import load_workshop
from bot.dev.emulator import Emulator, SimUser
from bot.dev.sandbox import FACILITATOR_ID, TEST_TOKEN, BotHarness, distinct
from bot.jobs import ops
from handlers.status import render_status
from storage.backup import (
    BackupError,
    backup_database,
    inspect_database,
    latest_schema_version,
    list_backups,
    restore_database,
)
from storage.db import Database
from storage.models import Profile
from storage.repository import Repository
from tests.test_ideas import participant

LATEST = latest_schema_version()
REFUSED = "Maaf, perintah ini hanya untuk sekretariat."


def connect(path: Path) -> closing[sqlite3.Connection]:
    """A connection closed at the end of the block (sqlite3's own `with` only commits)."""
    return closing(sqlite3.connect(path, isolation_level=None))


def ideas_in(path: Path) -> tuple[int, int]:
    """(count, highest id) of the ideas in a database file."""
    with connect(path) as conn:
        count, top = conn.execute("SELECT COUNT(*), COALESCE(MAX(id), 0) FROM ideas").fetchone()
    return int(count), int(top)


def file_state(path: Path) -> tuple[bytes, list[str]]:
    """The bytes of a database and the names beside it: what 'nothing changed' compares."""
    return path.read_bytes(), sorted(p.name for p in path.parent.iterdir())


# --- backups --------------------------------------------------------------------------------


async def test_backup_while_participants_send_ideas(harness: BotHarness) -> None:
    users = [await participant(harness, f"Camat{i}") for i in range(8)]
    per_user = 5

    async def send_ideas(user: SimUser) -> None:
        for n in range(per_user):
            await user.send(f"#ekonomi #5th Usulan {distinct(user.id * 100 + n)}")
            await asyncio.sleep(0.01)

    def check(path: Path) -> int:
        """The copy is sound and one snapshot; returns how many ideas it holds."""
        assert inspect_database(path).schema_version == LATEST  # integrity_check: ok
        count, top = ideas_in(path)
        # Ideas are committed in id order, so a consistent copy holds exactly ideas 1..n, never
        # a later idea without an earlier one.
        assert count == top
        with connect(path) as conn:
            assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
            assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        assert not path.with_name(path.name + "-wal").is_file()
        return count

    total = len(users) * per_user
    sending = asyncio.gather(*(send_ideas(u) for u in users))
    results, counts = [], []
    # Back up again and again while the bot stores the ideas and answers.
    while not sending.done() or await harness.ideas.count() < total:
        results.append(await ops.run_backup(harness.services))
        counts.append(check(results[-1].path))
        await asyncio.sleep(0.01)
    await sending
    for user in users:
        confirmations = await user.replies(per_user, timeout=10)
        assert all("diterima" in (m.text or "") for m in confirmations)
    results.append(await ops.run_backup(harness.services))
    counts.append(check(results[-1].path))

    assert await harness.ideas.count() == total
    assert counts == sorted(counts) and counts[-1] == total
    assert any(0 < c < total for c in counts)  # some were taken in the middle of the writing
    # Only the last BOT_BACKUP_KEEP (14) are kept, the newest ones.
    kept = list_backups(harness.settings.db_path.parent / "backups", harness.settings.db_path)
    assert [b.path for b in kept] == [r.path for r in reversed(results)][:14]
    audit = [e for e in await harness.services.admin.latest(100) if e.action == "backup"]
    assert len(audit) == len(results) and audit[0].subject == results[-1].path.name
    assert audit[0].details == {"size": results[-1].size} and audit[0].actor is None


async def test_keep_last_n_and_leave_other_files_alone(db: Database, tmp_path: Path) -> None:
    folder = tmp_path / "backups"
    folder.mkdir()
    (folder / "notes.txt").write_text("jangan dihapus")
    (folder / "other-20200101-000000Z.db").write_bytes(b"another database's backup")
    start = dt.datetime(2021, 6, 21, 18, 0, tzinfo=dt.UTC)
    made = [
        backup_database(db.path, folder, keep=3, now=start + dt.timedelta(days=d)).path
        for d in range(5)
    ]
    assert made[0].name == "test-20210621-180000Z.db"
    left = sorted(p.name for p in folder.iterdir())
    assert left == sorted([p.name for p in made[2:]] + ["notes.txt", "other-20200101-000000Z.db"])
    # Taken in the same second: named -2, -3 and kept or pruned in the order they were made.
    later = start + dt.timedelta(days=9)
    same = [backup_database(db.path, folder, keep=3, now=later).path for _ in range(3)]
    assert [p.name for p in same] == [
        "test-20210630-180000Z.db",
        "test-20210630-180000Z-2.db",
        "test-20210630-180000Z-3.db",
    ]
    newest = list_backups(folder, db.path)
    assert [b.path for b in newest] == [same[2], same[1], same[0]]


async def test_backup_of_a_missing_database_is_refused(tmp_path: Path) -> None:
    with pytest.raises(BackupError) as refused:
        backup_database(tmp_path / "none.db", tmp_path / "backups", keep=3)
    assert refused.value.reason == "missing"
    assert not (tmp_path / "none.db").exists() and not (tmp_path / "backups").exists()


# --- restore ----------------------------------------------------------------------------------


async def test_restore_brings_back_the_old_data_and_the_bot_starts_on_it(
    harness: BotHarness,
) -> None:
    user = await participant(harness, "Yosef")
    await user.send("#ekonomi #5th Pasar desa online untuk kopi Manggarai")
    await user.reply()
    backup = await ops.run_backup(harness.services)

    # Afterwards the data changes: another idea, another participant.
    await user.send("#lingkungan #1th Bank sampah di setiap kelurahan Ruteng")
    await user.reply()
    await participant(harness, "Maria")
    db_path = harness.settings.db_path

    # Refused while the bot has the database open; nothing changes.
    with pytest.raises(BackupError) as busy:
        restore_database(backup.path, db_path)
    assert busy.value.reason == "in_use"
    assert not list(db_path.parent.glob("*.before-restore-*"))
    assert await harness.ideas.count() == 2

    await harness.stop()
    result = restore_database(backup.path, db_path)
    assert result.kept_aside is not None and result.kept_aside.name.startswith("bot.db.before-")
    assert ideas_in(result.kept_aside)[0] == 2  # the replaced database is kept, whole
    assert not db_path.with_name("bot.db-wal").is_file()

    await harness.start()
    assert await harness.ideas.count() == 1
    assert (await harness.ideas.get(1)).text == "Pasar desa online untuk kopi Manggarai"
    assert await harness.repo.participant_by_telegram(user.id) is not None
    assert len(await harness.repo.roster(1)) == 1
    await user.send("/ideku")
    assert "Pasar desa online" in ((await user.reply()).text or "")


async def test_restore_of_an_older_schema_is_migrated_at_start(
    harness: BotHarness, tmp_path: Path
) -> None:
    old_path = tmp_path / "old" / "bimtek.db"
    old = await Database.open(old_path, target_version=2)
    repo = Repository(old)
    await repo.sync_workshop(load_workshop(DEFAULT_WORKSHOP))
    await repo.register_self(
        555, Profile("Yosef Jehalu", "Kecamatan Cibal", "camat", "Cibal"), 1, "online"
    )
    await old.close()
    backup = backup_database(old_path, tmp_path / "old" / "backups", keep=2)
    assert backup.info.schema_version == 2

    await harness.stop()
    restore_database(backup.path, harness.settings.db_path)
    await harness.start()
    assert await harness.repo.db.schema_version() == LATEST
    assert await harness.repo.participant_by_telegram(555) is not None


async def test_restore_refuses_what_is_not_a_sound_bot_database(
    harness: BotHarness, tmp_path: Path
) -> None:
    good = (await ops.run_backup(harness.services)).path
    await harness.stop()
    db_path = harness.settings.db_path

    files = tmp_path / "files"
    files.mkdir()
    junk = files / "catatan.db"
    junk.write_text("bukan basis data " * 300)
    empty = files / "empty.db"
    with connect(empty) as conn:
        conn.execute("CREATE TABLE notes (text TEXT)")
    newer = files / "newer.db"
    newer.write_bytes(good.read_bytes())
    with connect(newer) as conn:
        conn.execute(f"PRAGMA user_version = {LATEST + 1}")
    cut = files / "cut.db"
    cut.write_bytes(good.read_bytes()[: good.stat().st_size // 2])

    before = file_state(db_path)
    cases = {junk: "not_database", empty: "not_bot", newer: "newer", tmp_path / "no.db": "missing"}
    for source, reason in cases.items():
        with pytest.raises(BackupError) as refused:
            restore_database(source, db_path)
        assert refused.value.reason == reason, source
    with pytest.raises(BackupError) as truncated:
        restore_database(cut, db_path)
    assert truncated.value.reason in {"corrupt", "not_database"}
    assert file_state(db_path) == before  # nothing changed, nothing moved aside
    await harness.start()


# --- the command line -------------------------------------------------------------------------


@pytest.fixture
def cli_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for key in (
        "BOT_TOKEN",
        "BOT_ADMIN_IDS",
        "BOT_WORKSHOP",
        "BOT_API_BASE_URL",
        "BOT_BACKUP_DIR",
        "BOT_BACKUP_KEEP",
        "BOT_WEBHOOK_URL",
        "BOT_WEBHOOK_SECRET",
    ):
        monkeypatch.delenv(key, raising=False)
    monkeypatch.setenv("BOT_DB_PATH", str(tmp_path / "data" / "bimtek.db"))
    return tmp_path


async def _bot_database(path: Path, *, version: int | None = None) -> None:
    db = await Database.open(path, target_version=version)
    repo = Repository(db)
    await repo.sync_workshop(load_workshop(DEFAULT_WORKSHOP))
    await repo.register_self(
        555, Profile("Yosef Jehalu", "Kecamatan Cibal", "camat", "Cibal"), 1, "online"
    )
    await db.close()


def test_cli_backup_and_restore(
    cli_env: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    no_env = str(cli_env / "none.env")
    db_path = cli_env / "data" / "bimtek.db"
    assert cli.main(["--env-file", no_env, "backup"]) == 2  # no database yet
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "BOT_DB_PATH" in err[0]

    asyncio.run(_bot_database(db_path))
    assert cli.main(["--env-file", no_env, "backup"]) == 0
    first = Path(capsys.readouterr().out.strip())
    assert first.parent == cli_env / "data" / "backups" and first.name.startswith("bimtek-")
    assert (
        cli.main(["--env-file", no_env, "backup", "--output", str(cli_env / "b"), "--keep", "1"])
        == 0
    )
    assert (
        cli.main(["--env-file", no_env, "backup", "--output", str(cli_env / "b"), "--keep", "1"])
        == 0
    )
    assert len(list((cli_env / "b").iterdir())) == 1
    (cli_env / "afile").write_text("x")
    assert cli.main(["--env-file", no_env, "backup", "--output", str(cli_env / "afile")]) == 2
    monkeypatch.setenv("BOT_BACKUP_KEEP", "0")
    assert cli.main(["--env-file", no_env, "backup"]) == 2
    assert "BOT_BACKUP_KEEP" in capsys.readouterr().err
    monkeypatch.delenv("BOT_BACKUP_KEEP")

    with connect(db_path) as conn:
        conn.execute("DELETE FROM registrations")
    # Without --yes it asks; anything but yes (or no terminal at all) changes nothing.
    for answer in ("n\n", ""):
        monkeypatch.setattr("sys.stdin", io.StringIO(answer))
        assert cli.main(["--env-file", no_env, "restore", str(first)]) == 1
        assert "not confirmed" in capsys.readouterr().err
    assert not list(db_path.parent.glob("*.before-restore-*"))
    monkeypatch.setattr("sys.stdin", io.StringIO("ya\n"))
    assert cli.main(["--env-file", no_env, "restore", str(first)]) == 0
    assert capsys.readouterr().out.strip() == f"restored {db_path} from {first}"
    with connect(db_path) as conn:
        assert conn.execute("SELECT COUNT(*) FROM registrations").fetchone()[0] == 1

    (cli_env / "junk.db").write_text("bukan basis data " * 300)
    assert cli.main(["--env-file", no_env, "restore", str(cli_env / "junk.db"), "--yes"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("bimtek-bot: error: FILE:")


def test_cli_health(cli_env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    no_env = str(cli_env / "none.env")
    db_path = cli_env / "data" / "bimtek.db"

    def health(*extra: str) -> tuple[int, list[str], float]:
        started = time.monotonic()
        code = cli.main(["--env-file", no_env, "health", *extra])
        return code, capsys.readouterr().out.strip().splitlines(), time.monotonic() - started

    code, lines, _ = health()
    assert code == 1 and len(lines) == 1 and lines[0].startswith("fail database:")
    assert not db_path.exists()  # a health check never creates the database

    asyncio.run(_bot_database(db_path, version=2))
    code, lines, _ = health()
    assert code == 1 and lines[0].startswith("fail database: schema version 2")

    asyncio.run(_bot_database(db_path))  # migrated to the latest version
    code, lines, seconds = health()
    assert code == 0 and len(lines) == 1
    assert lines[0].startswith(f"ok schema={LATEST} participants=1 ")
    assert seconds < 2.0

    code, lines, _ = health("--telegram")  # needs a token
    assert code == 1 and lines == [
        "fail config: BOT_TOKEN: is not set; get a token from @BotFather"
    ]

    db_path.write_text("bukan basis data " * 300)
    code, lines, _ = health()
    assert code == 1 and lines[0].startswith("fail database:")


async def test_cli_health_asks_telegram(
    emulator: Emulator, cli_env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    await _bot_database(cli_env / "data" / "bimtek.db")
    monkeypatch.setenv("BOT_TOKEN", TEST_TOKEN)
    monkeypatch.setenv("BOT_API_BASE_URL", emulator.bot_api_base)
    out = io.StringIO()
    monkeypatch.setattr("sys.stdout", out)
    args = ["--env-file", str(cli_env / "none.env"), "health", "--telegram"]
    # The command runs its own event loop; the emulator serves from this one.
    assert await asyncio.to_thread(cli.main, args) == 0
    assert " bot=@" in out.getvalue()

    with socket.socket() as closed:  # a port nobody listens on
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    monkeypatch.setenv("BOT_API_BASE_URL", f"http://127.0.0.1:{port}/bot")
    out.seek(0)
    out.truncate()
    started = time.monotonic()
    assert await asyncio.to_thread(cli.main, [*args, "--timeout", "1"]) == 1
    assert out.getvalue().startswith("fail telegram:") and time.monotonic() - started < 2.0


def test_webhook_settings_need_the_secret(
    cli_env: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    base = {"BOT_TOKEN": TEST_TOKEN, "BOT_ADMIN_IDS": "1"}
    with pytest.raises(ConfigError) as missing:
        load_settings({**base, "BOT_WEBHOOK_URL": "https://bot.example.go.id/tg"})
    assert missing.value.setting == "BOT_WEBHOOK_SECRET"
    for bad in ({"BOT_WEBHOOK_URL": "http://bot.example.go.id/tg"}, {"BOT_BACKUP_TIME": "25:00"}):
        with pytest.raises(ConfigError):
            load_settings({**base, "BOT_WEBHOOK_SECRET": "abc", **bad})
    with pytest.raises(ConfigError) as bad_secret:
        load_settings({**base, "BOT_WEBHOOK_SECRET": "spasi tidak boleh"})
    assert bad_secret.value.setting == "BOT_WEBHOOK_SECRET"
    settings = load_settings(
        {**base, "BOT_WEBHOOK_URL": "https://bot.example.go.id/tg/", "BOT_WEBHOOK_SECRET": "s-1"}
    )
    assert webhook_kwargs(settings)["url_path"] == "tg"
    assert settings.backup_time == dt.time(2, 0) and settings.backup_keep == 14
    assert "s-1" not in repr(settings)
    assert load_settings({**base, "BOT_BACKUP_TIME": "off"}).backup_time is None

    monkeypatch.setenv("BOT_TOKEN", TEST_TOKEN)
    monkeypatch.setenv("BOT_ADMIN_IDS", "1")
    no_env = str(cli_env / "none.env")
    assert cli.main(["--env-file", no_env, "run", "--webhook", "https://bot.example.go.id/tg"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "BOT_WEBHOOK_SECRET" in err[0]
    assert not (cli_env / "data").exists()  # nothing written


# --- /status ---------------------------------------------------------------------------------


async def test_status_for_the_secretariat(harness: BotHarness) -> None:
    user = await participant(harness, "Yosef")
    await user.send("#ekonomi #5th Pasar desa online untuk kopi Manggarai")
    await user.reply()
    admin = await harness.admin()
    await admin.send("/status")
    text = (await admin.reply()).text or ""
    assert "Status Bimtek Bot" in text and "Aktif sejak" in text and "menarik pesan berkala" in text
    assert "Tahap I" in text and ": 1 peserta, 1 ide" in text
    assert "Ide seluruhnya: 1" in text
    assert "Pengingat dalam antrean:" in text
    assert "Cadangan terakhir: belum ada" in text
    assert "setiap hari pukul 02:00 WITA" in text
    assert f"versi skema {LATEST} (terbaru {LATEST})" in text

    backup = await ops.run_backup(harness.services)
    await admin.send("/status")
    text = (await admin.reply()).text or ""
    assert f"Cadangan terakhir: {backup.path.name}" in text and "1 tersimpan" in text

    status = await ops.status(harness.app)  # type: ignore[arg-type]
    english = render_status(status, "en", harness.services.workshop.tz)
    assert f"Last backup: <code>{backup.path.name}</code>" in english and "1 kept" in english
    assert "Reminders queued: " in english and f"schema version {LATEST}" in english


async def test_status_is_refused_to_participants_and_facilitators(harness: BotHarness) -> None:
    user = await participant(harness, "Yosef")
    facilitator = await harness.user("Fasilitator", user_id=FACILITATOR_ID)
    audit_before = await harness.services.admin.latest(50)
    for who in (user, facilitator):
        await who.send("/status")
        reply = (await who.reply()).text or ""
        assert reply == REFUSED
    assert await harness.services.admin.latest(50) == audit_before
    assert not (harness.settings.db_path.parent / "backups").exists()


async def test_daily_backup_job_is_armed_in_the_workshop_zone(harness: BotHarness) -> None:
    assert harness.app is not None and harness.app.job_queue is not None
    jobs = harness.app.job_queue.get_jobs_by_name(ops.BACKUP_JOB)
    assert len(jobs) == 1
    fire = jobs[0].next_t
    assert fire is not None
    local = fire.astimezone(harness.services.workshop.tz)
    assert (local.hour, local.minute) == (2, 0)
    # The job's own callback, run now: a verified backup and an audit entry.
    await jobs[0].run(harness.app)
    entries = await harness.services.admin.latest(5)
    assert entries[0].action == "backup"
    assert inspect_database(harness.settings.db_path.parent / "backups" / entries[0].subject)


# --- webhook mode ----------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _help_update(update_id: int, user: SimUser) -> dict[str, Any]:
    sender = {"id": user.id, "is_bot": False, "first_name": user.first_name, "language_code": "id"}
    return {
        "update_id": update_id,
        "message": {
            "message_id": update_id,
            "date": int(time.time()),
            "chat": {"id": user.id, "type": "private", "first_name": user.first_name},
            "from": sender,
            "text": "/bantuan",
            "entities": [{"type": "bot_command", "offset": 0, "length": 8}],
        },
    }


async def test_webhook_checks_the_secret_token(emulator: Emulator, tmp_path: Path) -> None:
    secret = "rahasia-kominfo-123"
    settings = replace(
        BotHarness.settings_for(emulator, tmp_path / "bot.db", fast=True),
        webhook_url="https://bot.example.go.id/telegram/hook",
        webhook_secret=secret,
        webhook_port=_free_port(),
    )
    app = build_application(settings, workshop=load_workshop(DEFAULT_WORKSHOP))
    client = emulator.client()
    await app.initialize()
    try:
        assert app.post_init is not None and app.updater is not None
        await app.post_init(app)
        await app.updater.start_webhook(**webhook_kwargs(settings))
        await app.start()
        info = await app.bot.get_webhook_info()
        assert info.url == "https://bot.example.go.id/telegram/hook"

        user = await client.user("Yosef")
        url = f"http://127.0.0.1:{settings.webhook_port}/telegram/hook"
        header = "X-Telegram-Bot-Api-Secret-Token"
        async with aiohttp.ClientSession() as http:
            for n, headers in enumerate(({}, {header: "salah"}, {header: secret.upper()}), 1):
                async with http.post(url, json=_help_update(n, user), headers=headers) as answer:
                    assert answer.status == 403
            await user.no_reply(0.3)
            assert app.update_queue.empty()

            async with http.post(url, json=_help_update(9, user), headers={header: secret}) as ok:
                assert ok.status == 200
        assert "/ide" in ((await user.reply()).text or "")
    finally:
        await runner.stop(app)
        await client.close()


# --- logs ------------------------------------------------------------------------------------


def _record(message: str, **extra: Any) -> logging.LogRecord:
    record = logging.getLogger("bot.ops").makeRecord(
        "bot.ops", logging.INFO, __file__, 1, message, (), None, extra=extra
    )
    return record


def test_json_log_lines_parse() -> None:
    line = JsonFormatter().format(_record("backup written", path="data/b 1.db", size=4096))
    entry = json.loads(line)
    assert entry["level"] == "INFO" and entry["logger"] == "bot.ops"
    assert entry["message"] == "backup written"
    assert entry["path"] == "data/b 1.db" and entry["size"] == 4096
    assert dt.datetime.fromisoformat(entry["time"]).tzinfo is not None
    assert "\n" not in line

    try:
        raise ValueError("boom")
    except ValueError:
        record = logging.getLogger("bot").makeRecord(
            "bot", logging.ERROR, __file__, 1, "failed", (), __import__("sys").exc_info()
        )
    entry = json.loads(JsonFormatter().format(record))
    assert "ValueError: boom" in entry["exc"]

    text = TextFormatter().format(_record("backup written", path="data/b 1.db", size=4096))
    assert 'level=INFO logger=bot.ops backup written path="data/b 1.db" size=4096' in text


async def test_demo_step_backs_up_and_shows_status(harness: BotHarness) -> None:
    from bot.dev.demo.ops import demo_ops

    user = await participant(harness, "Yosef")
    await user.send("#ekonomi #5th Pasar desa online untuk kopi Manggarai")
    await user.reply()
    lines: list[str] = []
    result = await demo_ops(harness, await harness.admin(), lines.append)
    assert result["status"] and result["verified"] and result["audited"]
    assert Path(result["backup"]).parent == harness.settings.db_path.parent / "backups"
    assert any("integrity ok, 1 participants, 1 ideas" in line for line in lines)


def test_the_deploy_settings_example_is_valid() -> None:
    from dotenv import dotenv_values

    example = Path(__file__).parent.parent / "deploy" / "env.example"
    env = {k: v or "" for k, v in dotenv_values(example).items()}
    settings = load_settings({**env, "BOT_TOKEN": TEST_TOKEN, "BOT_ADMIN_IDS": "1"})
    assert settings.db_path == Path("/opt/bimtek-bot/data/bimtek.db")
    assert (settings.backup_time, settings.backup_keep, settings.webhook_url) == (
        dt.time(2, 0),
        14,
        "",
    )


async def test_a_failing_daily_backup_is_reported(emulator: Emulator, tmp_path: Path) -> None:
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the backups should go")
    settings = BotHarness.settings_for(emulator, tmp_path / "bot.db", fast=True, backup_dir=blocked)
    harness = BotHarness(emulator, settings)
    await harness.start()
    try:
        admin = await harness.admin()
        assert harness.app is not None and harness.app.job_queue is not None
        (job,) = harness.app.job_queue.get_jobs_by_name(ops.BACKUP_JOB)
        admin.mark()
        await job.run(harness.app)
        note = (await admin.reply()).text or ""
        assert "FileExistsError" in note and "(job)" in note
        entries = await harness.services.admin.latest(1)
        assert (entries[0].action, entries[0].subject) == ("backup.failed", "FileExistsError")
    finally:
        await harness.close()
