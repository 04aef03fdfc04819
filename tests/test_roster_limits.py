"""Roster files that would exhaust memory are refused before or while they are read, with little
memory either way; a roster is read once, off the event loop, while the bot answers others."""

from __future__ import annotations

import asyncio
import time
import tracemalloc
from pathlib import Path

import pytest

from bot.dev.sandbox import BotHarness, screen
from handlers import roster_import
from handlers.roster_import import rules_for
from storage import roster
from storage.roster import RosterError, read_roster
from tests import roster_bombs as bombs

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
RULES = rules_for(["Cibal"])
PEAK_LIMIT = 100 * 2**20


def peak_of_refusal(data: bytes, name: str = "peserta.xlsx") -> tuple[str, int]:
    """The refusal's reason and the peak of memory Python allocated while reading."""
    tracemalloc.start()
    try:
        with pytest.raises(RosterError) as refused:
            read_roster(data, name, RULES)
        return refused.value.reason, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


@pytest.mark.parametrize(
    ("build", "what"),
    [
        # 22 million shared strings: 1.45 MB on the wire, 374 MB unpacked.
        (lambda: bombs.shared_strings_bomb(22_000_000), "shared strings"),
        # One row of a million cells (16 MB unpacked: under the part limit, so streamed).
        (lambda: bombs.one_huge_row(1_000_000), "one huge row"),
        # 2,000 columns in each of 20 rows, the <dimension> saying so.
        (lambda: bombs.many_columns(2000), "many columns"),
        # Only the <dimension> claims the whole sheet.
        (bombs.wide_dimension_only, "wide dimension"),
    ],
)
def test_bombs_are_refused_with_little_memory(build: object, what: str) -> None:
    data = build()  # type: ignore[operator]
    reason, peak = peak_of_refusal(data)
    assert reason == "too_large", what
    assert peak < PEAK_LIMIT, f"{what}: {peak / 2**20:.0f} MB"


def test_cells_in_narrow_columns_are_counted_too(monkeypatch: pytest.MonkeyPatch) -> None:
    """Half a million cells all in column A pass the width check; the cell count stops them."""
    cells = ['<row r="2">', *('<c r="A2"><v>1</v></c>' for _ in range(500_000)), "</row>"]
    data = bombs.xlsx([bombs.header_row(), *cells])
    reason, peak = peak_of_refusal(data)
    assert reason == "too_large" and peak < PEAK_LIMIT


def test_a_cell_of_many_elements_is_refused() -> None:
    runs = "".join("<t>x</t>" for _ in range(100_000))
    data = bombs.xlsx(
        [bombs.header_row(), f'<row r="2"><c r="A2" t="inlineStr"><is>{runs}</is></c></row>']
    )
    assert peak_of_refusal(data)[0] == "too_large"


def test_csv_limits() -> None:
    assert peak_of_refusal(bombs.csv_bomb_line(50_000), "peserta.csv")[0] == "too_large"
    wide = ("Nama,Instansi\n" + "a," * 500 + "\n").encode()
    assert peak_of_refusal(wide, "peserta.csv")[0] == "too_large"
    assert peak_of_refusal(b"Nama,Instansi\n" + b"x" * (6 * 2**20), "peserta.csv")[0] == "too_large"


def test_a_large_real_roster_is_read_whole() -> None:
    tracemalloc.start()
    try:
        parsed = read_roster(bombs.legit_roster(2000), "peserta.xlsx", RULES)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert len(parsed.rows) == 2000 and not parsed.problems
    assert parsed.rows[-1].profile.full_name == "Peserta Nomor 2001"
    assert parsed.rows[0].phone == "081200000002"
    assert peak < 30 * 2**20


async def test_a_bomb_sent_to_the_bot_is_refused_in_the_users_language(
    harness: BotHarness,
) -> None:
    admin = await harness.admin()
    for lang, words in (("id", "jauh lebih besar"), ("en", "far larger")):
        if lang == "en":
            await admin.send("/bahasa")
            await admin.press("English", (await admin.reply()).message_id)
            await screen(admin)
        await admin.send("/impor")
        await admin.reply()
        # 8 million strings (0.5 MB, 128 MB unpacked): the emulator's JSON upload stays small.
        bomb = bombs.shared_strings_bomb(8_000_000)
        await admin.send_document("peserta.xlsx", XLSX_MIME, bomb)
        refusal = (await admin.reply(timeout=20)).text or ""
        assert words in refusal and "peserta.xlsx" in refusal
        await admin.send("/batal")
        await admin.reply()
    row = await harness.repo.db.fetchone("SELECT COUNT(*) AS n FROM participants")
    assert row is not None and row["n"] == 0


async def test_the_bot_answers_others_while_a_roster_is_read_once(
    harness: BotHarness, monkeypatch: pytest.MonkeyPatch
) -> None:
    reads: list[float] = []
    real = roster_import.read_roster

    def slow_read(*args: object) -> object:
        started = time.monotonic()
        result = real(*args)  # type: ignore[arg-type]
        time.sleep(1.5)  # as on a slow, busy machine: the read blocks whatever runs it
        reads.append(time.monotonic() - started)
        return result

    monkeypatch.setattr(roster_import, "read_roster", slow_read)
    admin = await harness.admin()
    other = await harness.user("Maria")
    await admin.send("/impor")
    await admin.reply()
    await admin.send_document("peserta.xlsx", XLSX_MIME, bombs.legit_roster(2000))
    # Another user's /bantuan while the roster is being read. The bot shares this event loop:
    # time from when the test meant to ask, so a blocked loop counts too.
    asked = time.monotonic() + 0.3
    await asyncio.sleep(0.3)
    await other.send("/bantuan")
    await other.reply()
    answered = time.monotonic() - asked
    preview = await admin.reply(timeout=20)
    assert "2000 peserta siap diimpor" in (preview.text or "")
    assert answered < 1.0, f"/bantuan took {answered:.2f} s"
    await admin.press("Tahap I — Kesiapan daerah (SDM, kelembagaan, regulasi)")
    await screen(admin)
    assert "Diimpor: 2000" in ((await admin.reply(timeout=30)).text or "")
    assert len(reads) == 1, "the roster was read more than once"
    row = await harness.repo.db.fetchone("SELECT COUNT(*) AS n FROM participants")
    assert row is not None and row["n"] == 2000


def test_limits_leave_room_for_real_rosters() -> None:
    assert roster.MAX_WIDTH > roster.MAX_COLUMNS
    # Every row a sheet may have (blank ones included), twenty columns wide.
    assert (RULES.max_rows * 3 + roster.HEADER_SEARCH_ROWS) * 20 <= roster.MAX_CELLS


def test_parts_too_large_are_refused_before_any_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_parsing(*args: object) -> None:
        raise AssertionError("the file was parsed")

    monkeypatch.setattr(roster, "_read_xlsx", no_parsing)
    assert peak_of_refusal(bombs.shared_strings_bomb(22_000_000))[0] == "too_large"


def test_a_row_wider_than_a_roster_is_refused_without_a_dimension() -> None:
    data = bombs.xlsx([bombs.header_row(), bombs.many_columns_rows(200, rows=20)])
    assert peak_of_refusal(data)[0] == "too_large"


def test_a_shared_strings_table_larger_than_a_rosters_is_refused() -> None:
    # 150,000 strings unpack to 2.4 MB: within the part limits, over the count.
    assert peak_of_refusal(bombs.shared_strings_bomb(150_000))[0] == "too_large"


def test_elements_outside_cells_cost_no_memory() -> None:
    """Two million empty elements after the rows: read as a stream, each dropped once read."""
    rows = [bombs.header_row(), bombs.legit_rows(10)]
    data = bombs.xlsx([*rows, "</sheetData><junk>", "<x/>" * 2_000_000, "</junk><sheetData>"])
    tracemalloc.start()
    try:
        parsed = read_roster(data, "peserta.xlsx", RULES)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert len(parsed.rows) == 10
    assert peak < 20 * 2**20, f"{peak / 2**20:.0f} MB"


def test_cli_import_refuses_bombs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from bot import cli

    for key in ("BOT_TOKEN", "BOT_ADMIN_IDS", "BOT_WORKSHOP", "BOT_API_BASE_URL"):
        monkeypatch.delenv(key, raising=False)
    monkeypatch.setenv("BOT_DB_PATH", str(tmp_path / "bot.db"))
    no_env = str(tmp_path / "none.env")
    big = tmp_path / "besar.csv"
    big.write_bytes(b"Nama,Instansi\n" + b"x," * (3 * 2**20))
    assert cli.main(["--env-file", no_env, "import-roster", str(big), "--stage", "1"]) == 2
    # Refused by its size on disk, before it is read into memory.
    assert "larger than 5 MB" in capsys.readouterr().err
    bomb = tmp_path / "bom.xlsx"
    bomb.write_bytes(bombs.shared_strings_bomb(8_000_000))
    assert cli.main(["--env-file", no_env, "import-roster", str(bomb), "--stage", "1"]) == 2
    assert "far larger than any participant list" in capsys.readouterr().err
