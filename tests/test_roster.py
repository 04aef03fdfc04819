"""Roster files read row by row (.xlsx and .csv), and imported without duplicates."""

from __future__ import annotations

import csv
import io

import openpyxl
import pytest

from handlers.roster_import import describe_problem, rules_for, template_for
from storage.models import Profile
from storage.repository import Repository
from storage.roster import ParsedRoster, RosterError, RowProblem, import_roster, read_roster

KECAMATAN = ["Cibal", "Reok", "Satar Mese Barat"]
RULES = rules_for(KECAMATAN)
HEADER = ["Nama lengkap", "Instansi", "Kecamatan", "Jabatan", "Telepon"]
GOOD = [
    ["Kornelius Jaong", "Dinas Pertanian", None, "Staf Perangkat Daerah", "0812-3456-7890"],
    ["Veronika Dagur", "Kecamatan Reok", None, "camat", 81234567891],
    ["Peter Wijaya", "Kementerian Kominfo – Aptika", None, "narasumber / tenaga ahli", None],
    [
        "Margareta Hamsi",
        "Desa Golo",
        "kecamatan satar mese barat",
        "Kepala Desa/Lurah",
        "+62 812 1111 2222",
    ],
]
BAD = [
    [None, "Bappeda", None, None, None],  # row 6
    ["Y", "Bappeda", None, None, None],
    ["N" * 101, "Bappeda", None, None, None],
    ["Sabina Jelalu", None, None, None, None],
    ["Sabina Jelalu", "I" * 121, None, None, None],
    ["Sabina Jelalu", "Bappeda", "Atlantis", None, None],
    ["Sabina Jelalu", "Bappeda", None, "Bupati", None],
    ["Sabina Jelalu", "Bappeda", None, None, "telepon kantor"],
    ["  kornelius   JAONG ", "Dinas Pertanian", None, None, None],  # row 14: same as row 2
]
REASONS = [
    "name_empty",
    "name_too_short",
    "name_too_long",
    "institution_empty",
    "institution_too_long",
    "kecamatan_unknown",
    "position_unknown",
    "phone_invalid",
    "duplicate",
]


def xlsx(
    rows: list[list[object]], header: list[str] | None = None, *, title_rows: int = 0
) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for _ in range(title_rows):
        sheet.append(["DAFTAR HADIR BIMTEK SMART CITY"])
    sheet.append(header or HEADER)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def as_csv(rows: list[list[object]], delimiter: str = ",", encoding: str = "utf-8-sig") -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter)
    writer.writerow(HEADER)
    writer.writerows([["" if v is None else v for v in row] for row in rows])
    return out.getvalue().encode(encoding)


def check_parsed(parsed: ParsedRoster) -> None:
    assert [r.row for r in parsed.rows] == [2, 3, 4, 5]
    profiles = {r.profile.full_name: (r.profile, r.phone) for r in parsed.rows}
    kornelius, phone = profiles["Kornelius Jaong"]
    assert (kornelius.institution, kornelius.position, phone) == (
        "Dinas Pertanian",
        "opd_staff",
        "081234567890",
    )
    veronika, phone = profiles["Veronika Dagur"]
    # The kecamatan is read from the institution; Excel's number lost its leading 0.
    assert (veronika.kecamatan, veronika.position, phone) == ("Reok", "camat", "081234567891")
    assert profiles["Peter Wijaya"][0].position == "ministry_expert"
    margareta, phone = profiles["Margareta Hamsi"]
    assert (margareta.kecamatan, phone) == ("Satar Mese Barat", "+6281211112222")
    assert profiles["Peter Wijaya"][0].institution == "Kementerian Kominfo – Aptika"
    assert [(p.row, p.reason) for p in parsed.problems] == list(
        zip(range(6, 15), REASONS, strict=True)
    )
    assert parsed.problems[-1].value == "2"


def test_xlsx_good_bad_and_duplicate_rows() -> None:
    parsed = read_roster(xlsx(GOOD + BAD), "peserta.XLSX", RULES)
    check_parsed(parsed)


@pytest.mark.parametrize(
    ("delimiter", "encoding"), [(",", "utf-8-sig"), (";", "utf-8"), (";", "cp1252")]
)
def test_csv_good_bad_and_duplicate_rows(delimiter: str, encoding: str) -> None:
    parsed = read_roster(as_csv(GOOD + BAD, delimiter, encoding), "peserta.csv", RULES)
    check_parsed(parsed)


def test_header_below_a_title_and_in_english() -> None:
    header = ["No", "Full name", "Institution", "Position", "Phone"]
    rows: list[list[object]] = [[1, "Peter Wijaya", "Kementerian Kominfo", "Consultant", None]]
    parsed = read_roster(xlsx(rows, header, title_rows=2), "list.xlsx", RULES)
    assert [r.row for r in parsed.rows] == [4]
    assert parsed.rows[0].profile.position == "consultant"


@pytest.mark.parametrize(
    ("data", "name", "reason"),
    [
        (b"PK\x03\x04 broken", "a.xlsx", "unreadable"),
        (b"", "a.xlsx", "unreadable"),
        (b"\x00\x01\x02", "a.csv", "unreadable"),
        (b"%PDF-1.4", "a.pdf", "wrong_type"),
        (b"nama;alamat\nYosef;Ruteng\n", "a.csv", "no_header"),
        (b"Nama lengkap,Instansi\n,\n\n", "a.csv", "empty"),
    ],
)
def test_unusable_files(data: bytes, name: str, reason: str) -> None:
    with pytest.raises(RosterError) as error:
        read_roster(data, name, RULES)
    assert error.value.reason == reason


def test_too_many_rows() -> None:
    rows: list[list[object]] = [[f"Peserta {i}", "Bappeda"] for i in range(RULES.max_rows + 1)]
    with pytest.raises(RosterError) as error:
        read_roster(xlsx(rows), "big.xlsx", RULES)
    assert error.value.reason == "too_many_rows" and error.value.values["max"] == RULES.max_rows


def test_the_template_is_recognised() -> None:
    data = template_for(KECAMATAN)
    with pytest.raises(RosterError) as error:
        read_roster(data, "templat.xlsx", RULES)
    assert error.value.reason == "empty"
    book = openpyxl.load_workbook(io.BytesIO(data))
    book["Peserta"].append(["Rofinus Tanggur", "Kecamatan Cibal", "Cibal", "Camat", "0812998877"])
    out = io.BytesIO()
    book.save(out)
    parsed = read_roster(out.getvalue(), "templat.xlsx", RULES)
    assert parsed.rows[0].profile.kecamatan == "Cibal"
    assert book["Peserta"].data_validations.dataValidation  # the drop-down lists


def test_problems_in_words() -> None:
    problem = RowProblem(12, "position_unknown", "<b>Bupati</b>")
    assert describe_problem("id", problem) == (
        "Baris 12: jabatan “&lt;b&gt;Bupati&lt;/b&gt;” tidak dikenal"
    )
    assert describe_problem("en", problem, html=False) == "Row 12: unknown position “<b>Bupati</b>”"
    too_long = describe_problem("id", RowProblem(3, "institution_too_long", "x"))
    assert too_long == "Baris 3: instansi lebih dari 120 karakter"


async def test_import_then_the_same_file_again(repo: Repository) -> None:
    parsed = read_roster(xlsx(GOOD + BAD), "peserta.xlsx", RULES)
    report = await import_roster(repo, parsed, 1, entered_by=900001)
    assert (report.imported, report.already, len(report.problems)) == (4, 0, 9)
    roster = await repo.roster(1)
    assert len(roster) == 4
    assert {e.registration.channel for e in roster} == {"import"}
    assert {e.registration.mode for e in roster} == {"offline"}
    assert all(e.participant.telegram_id is None for e in roster)

    again = await import_roster(repo, parsed, 1, entered_by=900001)
    assert (again.imported, again.already) == (0, 4)
    assert len(await repo.roster(1)) == 4

    # The same people for another stage: registered again, not entered again.
    await repo.set_registration_open(2, True)
    later = await import_roster(repo, parsed, 2, entered_by=900001)
    assert later.imported == 4
    assert {e.participant.id for e in await repo.roster(2)} == {e.participant.id for e in roster}


async def test_someone_registered_through_telegram_is_not_entered_twice(repo: Repository) -> None:
    telegram = await repo.register_self(
        700001, Profile("Kornelius Jaong", "Dinas Pertanian", "opd_staff"), 1, "online"
    )
    assert telegram.participant is not None
    parsed = read_roster(xlsx(GOOD[:1]), "peserta.xlsx", RULES)
    report = await import_roster(repo, parsed, 1, entered_by=900001)
    assert (report.imported, report.already) == (0, 1)
    # For another stage the Telegram participant is registered as in the room.
    report = await import_roster(repo, parsed, 2, entered_by=900001)
    assert report.imported == 1
    registration = await repo.registration(telegram.participant.id, 2)
    assert registration is not None and registration.mode == "offline"
    assert registration.channel == "import"
    assert len(await repo.roster(2)) == 1


async def test_import_into_a_missing_stage_is_refused(repo: Repository) -> None:
    parsed = read_roster(xlsx(GOOD), "peserta.xlsx", RULES)
    with pytest.raises(ValueError):
        await import_roster(repo, parsed, 9, entered_by=900001)
    assert await repo.roster(1) == []
