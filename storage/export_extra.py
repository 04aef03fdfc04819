"""The *Kehadiran* (attendance) and *Audit* sheets of the export.

Kehadiran: one row per participant and stage, one column per session holding how they attended
(`luring` / `daring`) or nothing, and the number of sessions attended; *Daftar hadir* below it
lists each check-in with its method and time. Names only in the full workbook; the shareable one
shows the participant number, position and institution. Audit: the log of exports, role changes,
entries on behalf of others, imports and broadcasts, in the full workbook only (it holds
Telegram ids).
Both plug into `storage.export.SHEETS` and read the same read-only snapshot.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from storage.attendance_export import METHOD_WORDS, MODE_WORDS
from storage.workbook import Column

if TYPE_CHECKING:
    from storage.export import SheetContext

_SESSIONS = (
    "SELECT id, stage, day, start_time, title FROM sessions WHERE {where} "
    "ORDER BY stage, day, start_time, id"
)
_PEOPLE = (
    "SELECT p.id, p.full_name, p.position, p.institution, r.stage, r.mode FROM registrations r "
    "JOIN participants p ON p.id = r.participant_id WHERE {where} "
    "ORDER BY r.stage, p.institution, p.full_name"
)
_CHECKINS = (
    "SELECT a.participant_id, a.session_id, a.mode, a.method, a.checked_in_at, s.stage, "
    "s.day, s.start_time, s.title, p.full_name, p.position, p.institution FROM attendance a "
    "JOIN sessions s ON s.id = a.session_id JOIN participants p ON p.id = a.participant_id "
    "WHERE {where} ORDER BY a.checked_in_at, a.id"
)
LIST_COLUMNS = [
    Column("Sesi", 8, trusted=True),
    Column("Tahap", 7, trusted=True),
    Column("Judul sesi", 30),
    Column("No. peserta", 11, trusted=True),
    Column("Nama", 28, private=True),
    Column("Jabatan", 18, trusted=True),
    Column("Instansi", 30),
    Column("Kehadiran", 10, trusted=True),
    Column("Cara", 16, trusted=True),
    Column("Waktu hadir", 17, "when", trusted=True),
]
AUDIT_COLUMNS = [
    Column("Waktu", 17, "when", trusted=True),
    Column("Oleh (ID Telegram)", 16),
    Column("Tindakan", 24),
    Column("Objek", 18),
    Column("Rincian", 50, "wrap"),
]


def attendance_sheets(ctx: SheetContext) -> None:
    """Kehadiran (participants × sessions) and Daftar hadir (every check-in)."""
    where, params = ctx.stage_filter("stage")
    sessions = ctx.conn.execute(_SESSIONS.format(where=where), params).fetchall()
    if not sessions:
        return
    grid_columns = [
        Column("No. peserta", 11, trusted=True),
        Column("Nama", 28, private=True),
        Column("Jabatan", 18, trusted=True),
        Column("Instansi", 30),
        Column("Tahap", 7, trusted=True),
        Column("Terdaftar", 10, trusted=True),
        *(
            Column(f"#{sid} {day[8:10]}-{day[5:7]} {start} {title}"[:60], 14, trusted=True)
            for sid, _, day, start, title in sessions
        ),
        Column("Jumlah hadir", 10, trusted=True),
    ]
    where_r, params_r = ctx.stage_filter("r.stage")
    where_s, params_s = ctx.stage_filter("s.stage")
    checkins = ctx.conn.execute(_CHECKINS.format(where=where_s), params_s).fetchall()
    attended = {(row[0], row[1]): MODE_WORDS.get(row[2], row[2]) for row in checkins}
    grid = ctx.sheet("Kehadiran", grid_columns)
    positions = ctx.labels.positions
    for pid, name, position, institution, stage, mode in ctx.conn.execute(
        _PEOPLE.format(where=where_r), params_r
    ):
        cells = [
            attended.get((pid, sid)) if session_stage == stage else None
            for sid, session_stage, *_ in sessions
        ]
        grid.append(
            (
                f"P-{pid:04d}",
                name,
                positions.get(position, position),
                institution,
                stage,
                MODE_WORDS.get(mode, mode),
                *cells,
                sum(cell is not None for cell in cells),
            )
        )
    listing = ctx.sheet("Daftar hadir", LIST_COLUMNS)
    for pid, sid, mode, method, at, stage, _, _, title, name, position, institution in checkins:
        listing.append(
            (
                f"#{sid}",
                stage,
                title,
                f"P-{pid:04d}",
                name,
                positions.get(position, position),
                institution,
                MODE_WORDS.get(mode, mode),
                METHOD_WORDS.get(method, method),
                at,
            )
        )
    ctx.counts["attendance"] = len(checkins)


def audit_sheet(ctx: SheetContext) -> None:
    """Audit: who did what and when (the whole log: it is not per stage); full workbook only."""
    if ctx.request.public:
        # Its actors and subjects are Telegram ids: it is about the bot, not for sharing.
        return
    sheet = ctx.sheet("Audit", AUDIT_COLUMNS)
    for at, actor, action, subject, details in ctx.conn.execute(
        "SELECT at, actor, action, subject, details FROM audit_log ORDER BY id"
    ):
        who = "bot" if actor is None else "(dihapus)" if actor == 0 else str(actor)
        sheet.append((at, who, action, subject, details))
