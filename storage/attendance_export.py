"""The *Kehadiran* (attendance) sheet of the export, as plain Python rows.

No openpyxl here: the workbook writer lays these rows out. Two tables:

- the grid: one row per participant registered for the stage, one column per session, each cell
  `luring` / `daring` (how they attended) or empty, then how many sessions they attended;
- the list: one row per check-in, with the session, the person, mode, method and local time.

Times are naive datetimes in the workshop's zone, because Excel refuses zone-aware ones
(shared/PITFALLS.md).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from storage.db import Database, parse_ts
from storage.schedule import ScheduleRepository

MODE_WORDS = {"offline": "luring", "online": "daring"}
METHOD_WORDS = {
    "qr": "kode QR",
    "button": "tombol",
    "command": "perintah /hadir",
    "secretariat": "sekretariat",
}


@dataclass(frozen=True)
class AttendanceSheet:
    grid_header: list[str]
    grid_rows: list[list[object]]
    list_header: list[str]
    list_rows: list[list[object]]


def _local(moment: dt.datetime, tz: dt.tzinfo) -> dt.datetime:
    return moment.astimezone(tz).replace(tzinfo=None)


async def attendance_sheet(
    db: Database, tz: dt.tzinfo, stage: int | None = None
) -> AttendanceSheet:
    """The Kehadiran sheet of one stage (or of every stage when `stage` is None)."""
    schedule = ScheduleRepository(db)
    sessions = await schedule.list_sessions(stage)
    sql = (
        "SELECT p.id, p.full_name, p.institution, p.telegram_id, r.stage, r.mode "
        "FROM registrations r JOIN participants p ON p.id = r.participant_id"
    )
    params: tuple[object, ...] = ()
    if stage is not None:
        sql += " WHERE r.stage = ?"
        params = (stage,)
    people = await db.fetchall(sql + " ORDER BY r.stage, p.institution, p.full_name", params)
    checkins = await db.fetchall(
        "SELECT a.participant_id, a.session_id, a.mode, a.method, a.checked_in_at "
        "FROM attendance a JOIN sessions s ON s.id = a.session_id"
        + (" WHERE s.stage = ?" if stage is not None else ""),
        params,
    )
    attended: dict[tuple[int, int], str] = {
        (row["participant_id"], row["session_id"]): row["mode"] for row in checkins
    }

    columns = [f"#{s.id} {s.day:%d-%m} {s.start:%H:%M} {s.title}" for s in sessions]
    grid_header = [
        "No",
        "Nama",
        "Instansi",
        "Tahap",
        "Terdaftar",
        "Telegram",
        *columns,
        "Jumlah hadir",
    ]
    grid_rows: list[list[object]] = []
    for number, person in enumerate(people, start=1):
        cells: list[object] = []
        count = 0
        for session in sessions:
            if session.stage != person["stage"]:
                cells.append("")
                continue
            mode = attended.get((person["id"], session.id))
            count += mode is not None
            cells.append(MODE_WORDS.get(mode, "") if mode else "")
        grid_rows.append(
            [
                number,
                person["full_name"],
                person["institution"],
                person["stage"],
                MODE_WORDS[person["mode"]],
                "ya" if person["telegram_id"] is not None else "tidak",
                *cells,
                count,
            ]
        )

    by_id = {s.id: s for s in sessions}
    names = {p["id"]: (p["full_name"], p["institution"]) for p in people}
    list_header = [
        "Sesi",
        "Tanggal",
        "Mulai",
        "Judul sesi",
        "Nama",
        "Instansi",
        "Kehadiran",
        "Cara",
        "Waktu hadir",
    ]
    list_rows: list[list[object]] = []
    ordered = sorted(
        checkins,
        key=lambda r: (
            by_id[r["session_id"]].day,
            by_id[r["session_id"]].start,
            r["session_id"],
            names.get(r["participant_id"], ("", ""))[0],
        ),
    )
    for row in ordered:
        session = by_id[row["session_id"]]
        name, institution = names.get(row["participant_id"], ("?", "?"))
        list_rows.append(
            [
                session.id,
                session.day,
                session.start.strftime("%H:%M"),
                session.title,
                name,
                institution,
                MODE_WORDS[row["mode"]],
                METHOD_WORDS[row["method"]],
                _local(parse_ts(row["checked_in_at"]), tz),
            ]
        )
    return AttendanceSheet(grid_header, grid_rows, list_header, list_rows)
