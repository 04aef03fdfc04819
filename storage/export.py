"""The drafting team's workbook: every read it needs, and the sheets it is made of.

`write_export` is synchronous on purpose: the bot runs it in a worker thread
(`asyncio.to_thread`) and the command line calls it directly. It reads through its own read-only
`sqlite3` connection, never the bot's aiosqlite one, so a big export neither waits for nor holds
up the bot's writes: SQLite in WAL mode lets one writer and any number of readers work at once,
and the whole export reads one consistent snapshot (one read transaction).

Ideas are streamed row by row from the cursor into write-only sheets, so memory does not grow
with the number of ideas. Rows are tuples rather than the repository's dataclasses here: at
100,000 ideas, building an `Idea` per row would be most of the export's cost.

Later features add their sheets by appending a writer to `SHEETS` (see the marker there): a
writer gets a `SheetContext` with the read-only connection, the workbook and the request.
"""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
import time
import unicodedata
import urllib.parse
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from openpyxl.cell import WriteOnlyCell
from openpyxl.chart import BarChart, PieChart, Reference
from openpyxl.chart.label import DataLabelList
from openpyxl.styles import Font

from storage.attachments import AttachmentLink
from storage.export_decisions import (
    DECISION_COLUMNS,
    DecisionCells,
    add_drop_downs,
    decision_summary,
)
from storage.export_extra import attendance_sheets, audit_sheet
from storage.export_matrix import (
    HORIZON_KEYS,
    Grouper,
    ProgramMatrix,
    each_own_group,
    matrix_sheets,
    program_matrix,
)
from storage.export_participation import author_sql, participation_sheet
from storage.models import DIMENSIONS, HORIZONS, MODES, idea_ref
from storage.poll_export import poll_sheet
from storage.workbook import Column, Sheet, XlsxBook

Progress = Callable[[str, int, int], None]
PROGRESS_EVERY = 10_000
# Telegram lets a bot send documents up to 50 MB.
TELEGRAM_DOCUMENT_LIMIT = 50 * 1024 * 1024


@dataclass(frozen=True)
class ExportLabels:
    """Words the workbook shows for stored keys; the caller takes them from the bot's texts."""

    dimensions: Mapping[str, str]
    horizons: Mapping[str, str]
    positions: Mapping[str, str]
    modes: Mapping[str, str]
    idea_channels: Mapping[str, str]
    registration_channels: Mapping[str, str]
    attachments: Mapping[str, str]
    statuses: Mapping[str, str]
    all_stages: str
    kind_full: str
    kind_public: str
    yes: str
    no: str
    # workbook (issue 14): the mark on every sheet of the full workbook, the page footer.
    private_mark: str = "BERISI DATA PRIBADI — hanya untuk sekretariat"
    page_footer: str = "Halaman &P dari &N"


@dataclass(frozen=True)
class ExportRequest:
    """What to export, and from where to where."""

    db_path: Path
    output: Path
    labels: ExportLabels
    workshop_name: str
    region: str
    timezone: str
    stage: int | None = None  # None: every stage
    # The shareable workbook: participants by number, position and institution, never by name;
    # no phone, Telegram id, file id or file name, no Audit sheet. /ekspor and `bimtek-bot
    # export` make it unless the secretariat asks for the full one.
    public: bool = False
    now: dt.datetime | None = None
    # Idea id → its "Lampiran" cell in an export with attachments (a link into the .zip).
    attachment_links: Mapping[int, AttachmentLink] | None = None
    # Villages and wards (desa / kelurahan) → their kecamatan, from the workshop file.
    villages: Mapping[str, str] = field(default_factory=dict)
    # Groups of similar ideas for the Matriks Program (the caller passes bot.rules' grouping).
    group_ideas: Grouper = each_own_group


@dataclass(frozen=True)
class ExportResult:
    path: Path
    stage: int | None
    public: bool
    ideas: int
    registrations: int
    sheets: tuple[str, ...]
    seconds: float
    size: int


@dataclass(frozen=True)
class StageInfo:
    number: int
    title: str


@dataclass
class SheetContext:
    """What a sheet writer gets: the snapshot to read, the workbook to write, the request."""

    conn: sqlite3.Connection
    book: XlsxBook
    request: ExportRequest
    stages: tuple[StageInfo, ...]
    now: dt.datetime
    progress: Progress | None = None
    counts: dict[str, int] = field(default_factory=dict)
    matrix: ProgramMatrix | None = None  # the groups, computed once (storage.export_matrix)

    @property
    def labels(self) -> ExportLabels:
        return self.request.labels

    def stage_filter(self, column: str) -> tuple[str, tuple[Any, ...]]:
        """An SQL condition (and its parameters) limiting `column` to the exported stage."""
        if self.request.stage is None:
            return "1 = 1", ()
        return f"{column} = ?", (self.request.stage,)

    def sheet(self, title: str, columns: list[Column], **options: Any) -> Sheet:
        return self.book.sheet(title, columns, public=self.request.public, **options)

    def report(self, what: str, done: int, total: int) -> None:
        if self.progress is not None:
            self.progress(what, done, total)


SheetWriter = Callable[[SheetContext], None]


class ExportError(Exception):
    """The export cannot be made; `about` names what is wrong ("database" or "stage")."""

    def __init__(self, about: str, message: str) -> None:
        super().__init__(message)
        self.about = about


# --- file names ------------------------------------------------------------------------------


def slug(text: str) -> str:
    """'Kabupaten Manggarai' → 'kabupaten-manggarai' (ASCII, for file names)."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-") or "bimtek"


def export_filename(region: str, stage: int | None, when: dt.datetime, *, public: bool) -> str:
    """bimtek_kabupaten-manggarai_tahap-1_20261127-1530.xlsx (time in the workshop's zone)."""
    part = f"tahap-{stage}" if stage is not None else "semua-tahap"
    suffix = "" if public else "_DATA-PRIBADI"
    return f"bimtek_{slug(region)}_{part}_{when:%Y%m%d-%H%M}{suffix}.xlsx"


def default_output(
    export_dir: Path,
    region: str,
    stage: int | None,
    *,
    timezone: str,
    public: bool,
    now: dt.datetime | None = None,
) -> Path:
    """Where an export goes when nobody names a path: the export folder, named by region, stage
    and the time in the workshop's zone."""
    moment = (now or dt.datetime.now(dt.UTC)).astimezone(ZoneInfo(timezone))
    return export_dir / export_filename(region, stage, moment, public=public)


# --- reading ---------------------------------------------------------------------------------


def open_snapshot(db_path: Path) -> sqlite3.Connection:
    """A read-only connection inside one read transaction: one consistent view for the export."""
    if not db_path.is_file():
        raise ExportError("database", f"database {str(db_path)!r} does not exist")
    uri = f"file:{urllib.parse.quote(str(db_path.resolve()))}?mode=ro"
    conn = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
    conn.execute("PRAGMA busy_timeout = 5000")
    conn.execute("BEGIN")
    return conn


def read_stages(conn: sqlite3.Connection, stage: int | None) -> tuple[StageInfo, ...]:
    sql = "SELECT number, title FROM stages"
    params: tuple[Any, ...] = ()
    if stage is not None:
        sql += " WHERE number = ?"
        params = (stage,)
    rows = conn.execute(sql + " ORDER BY number", params).fetchall()
    return tuple(StageInfo(int(r[0]), str(r[1])) for r in rows)


def write_export(
    request: ExportRequest,
    *,
    progress: Progress | None = None,
    sheets: list[SheetWriter] | None = None,
) -> ExportResult:
    """Build the workbook for `request` and save it at `request.output`; blocking."""
    started = time.perf_counter()
    conn = open_snapshot(request.db_path)
    try:
        stages = read_stages(conn, request.stage)
        if request.stage is not None and not stages:
            raise ExportError("stage", f"there is no stage {request.stage}")
        now = request.now or dt.datetime.now(dt.UTC)
        book = XlsxBook(
            request.timezone,
            private_mark=None if request.public else request.labels.private_mark,
            page_footer=request.labels.page_footer,
            now=now,
        )
        ctx = SheetContext(conn, book, request, stages, now, progress)
        for writer in SHEETS if sheets is None else sheets:
            writer(ctx)
        ctx.report("save", 0, 0)
        path = book.save(request.output)
    finally:
        conn.close()
    return ExportResult(
        path=path,
        stage=request.stage,
        public=request.public,
        ideas=ctx.counts.get("ideas", 0),
        registrations=ctx.counts.get("registrations", 0),
        sheets=tuple(s.title for s in book.sheets),
        seconds=time.perf_counter() - started,
        size=path.stat().st_size,
    )


# --- Ringkasan -------------------------------------------------------------------------------

SUMMARY_COLUMNS = [
    Column("Keterangan", 38),
    Column("Nilai", 24),
    Column("", 16),
    Column("", 16),
    Column("", 16),
    Column("", 12),
]


@dataclass(frozen=True)
class _Totals:
    """What the summary sheet counts, read once."""

    regs: dict[int, dict[str, int]]  # stage → mode → registrations
    ideas: dict[int, dict[str, int]]  # stage → status → ideas
    grid: dict[str, dict[str, int]]  # dimension → horizon → active ideas

    @property
    def online(self) -> int:
        return sum(r["online"] for r in self.regs.values())

    @property
    def offline(self) -> int:
        return sum(r["offline"] for r in self.regs.values())

    def ideas_with(self, status: str) -> int:
        return sum(i[status] for i in self.ideas.values())


def summary_sheet(ctx: SheetContext) -> None:
    """Ringkasan: the workshop, counts per stage, dimension × horizon, institution, kecamatan."""
    reg_where, reg_params = ctx.stage_filter("r.stage")
    idea_where, idea_params = ctx.stage_filter("stage")
    totals = _count_totals(ctx, reg_where, reg_params, idea_where, idea_params)
    sheet = ctx.sheet("Ringkasan", SUMMARY_COLUMNS)
    _workshop_facts(ctx, sheet, totals)
    _per_stage(ctx, sheet, totals)
    _dimension_grid(ctx, sheet, totals)
    _attendance_modes(ctx, sheet, totals)
    # Per agency and per kecamatan (every one, with zeros): the Partisipasi sheet.
    decision_summary(ctx, sheet, idea_where, idea_params)  # issue 14: ideas by decision


def _count_totals(
    ctx: SheetContext,
    reg_where: str,
    reg_params: tuple[Any, ...],
    idea_where: str,
    idea_params: tuple[Any, ...],
) -> _Totals:
    conn = ctx.conn
    regs: dict[int, dict[str, int]] = {s.number: dict.fromkeys(MODES, 0) for s in ctx.stages}
    for stage, mode, n in conn.execute(
        f"SELECT r.stage, r.mode, COUNT(*) FROM registrations r WHERE {reg_where} "
        "GROUP BY r.stage, r.mode",
        reg_params,
    ):
        regs.setdefault(stage, dict.fromkeys(MODES, 0))[mode] = n
    ideas: dict[int, dict[str, int]] = {s.number: {"active": 0, "withdrawn": 0} for s in ctx.stages}
    for stage, status, n in conn.execute(
        f"SELECT stage, status, COUNT(*) FROM ideas WHERE {idea_where} GROUP BY stage, status",
        idea_params,
    ):
        ideas.setdefault(stage, {"active": 0, "withdrawn": 0})[status] = n
    grid = {d: dict.fromkeys(HORIZONS, 0) for d in DIMENSIONS}
    for dimension, horizon, n in conn.execute(
        f"SELECT dimension, horizon, COUNT(*) FROM ideas WHERE status = 'active' AND {idea_where} "
        "GROUP BY dimension, horizon",
        idea_params,
    ):
        grid[dimension][horizon] = n
    return _Totals(regs, ideas, grid)


def _workshop_facts(ctx: SheetContext, sheet: Sheet, totals: _Totals) -> None:
    """The opening key/value block: which workshop, when, and the headline counts."""
    labels = ctx.labels
    online, offline = totals.online, totals.offline
    if ctx.request.stage is None:
        stage_text = labels.all_stages
    else:
        stage_text = "; ".join(s.title for s in ctx.stages)
    for key, value in (
        ("Lokakarya", ctx.request.workshop_name),
        ("Wilayah", ctx.request.region),
        ("Tahap", stage_text),
        ("Waktu ekspor", ctx.book.local(ctx.now)),
        ("Zona waktu", f"{ctx.request.timezone} ({ctx.book.zone_label})"),
        ("Jenis workbook", labels.kind_public if ctx.request.public else labels.kind_full),
        ("Orang terdaftar (dihitung sekali)", _people_registered(ctx)),
        ("Pendaftaran (orang × tahap)", online + offline),
        (f"Peserta {labels.modes.get('online', 'online')}", online),
        (f"Peserta {labels.modes.get('offline', 'offline')}", offline),
        (f"Ide {labels.statuses.get('active', 'active')}", totals.ideas_with("active")),
        (f"Ide {labels.statuses.get('withdrawn', 'withdrawn')}", totals.ideas_with("withdrawn")),
    ):
        sheet.append([key, value])
    sheet.end_filter()


def _people_registered(ctx: SheetContext) -> int:
    where, params = ctx.stage_filter("stage")
    (people,) = ctx.conn.execute(
        f"SELECT COUNT(DISTINCT participant_id) FROM registrations WHERE {where}", params
    ).fetchone()
    return int(people)


def _per_stage(ctx: SheetContext, sheet: Sheet, totals: _Totals) -> None:
    labels = ctx.labels
    sheet.blank()
    sheet.header(["Per tahap"])
    sheet.header(
        [
            "Tahap",
            "Pendaftaran",
            labels.modes.get("online", "online"),
            labels.modes.get("offline", "offline"),
            f"Ide {labels.statuses.get('active', 'active')}",
        ]
    )
    for stage in ctx.stages:
        r = totals.regs.get(stage.number, dict.fromkeys(MODES, 0))
        sheet.append(
            [
                stage.title,
                r["online"] + r["offline"],
                r["online"],
                r["offline"],
                totals.ideas.get(stage.number, {}).get("active", 0),
            ]
        )


def _dimension_grid(ctx: SheetContext, sheet: Sheet, totals: _Totals) -> None:
    """Active ideas per dimension × horizon, with a stacked bar chart beside it."""
    labels = ctx.labels
    grid = totals.grid
    sheet.blank()
    sheet.header(["Ide per dimensi dan jangka waktu"])
    grid_header = sheet.rows + 1
    sheet.header(["Dimensi", *(labels.horizons.get(h, h) for h in HORIZONS), "Jumlah"])
    for dimension in DIMENSIONS:
        row = grid[dimension]
        sheet.append(
            [
                labels.dimensions.get(dimension, dimension),
                *(row[h] for h in HORIZONS),
                sum(row.values()),
            ]
        )
    sheet.append(
        [
            "Jumlah",
            *(sum(grid[d][h] for d in DIMENSIONS) for h in HORIZONS),
            totals.ideas_with("active"),
        ]
    )
    bar = BarChart()
    bar.type = "bar"
    bar.grouping = "stacked"
    bar.overlap = 100
    bar.title = "Ide per dimensi"
    bar.y_axis.title = "Jumlah ide"
    bar.height, bar.width = 9, 18
    data = Reference(
        sheet.ws,
        min_col=2,
        max_col=1 + len(HORIZONS),
        min_row=grid_header,
        max_row=grid_header + len(DIMENSIONS),
    )
    bar.add_data(data, titles_from_data=True)
    bar.set_categories(
        Reference(
            sheet.ws, min_col=1, min_row=grid_header + 1, max_row=grid_header + len(DIMENSIONS)
        )
    )
    bar.dataLabels = DataLabelList()
    bar.dataLabels.showVal = True
    bar.x_axis.scaling.orientation = "maxMin"  # dimensions top-down, as in the table
    # Beside its table (charts in the tables' order).
    sheet.ws.add_chart(bar, f"H{grid_header}")


def _attendance_modes(ctx: SheetContext, sheet: Sheet, totals: _Totals) -> None:
    """Participants online and offline, with a pie chart beside them."""
    labels = ctx.labels
    online, offline = totals.online, totals.offline
    sheet.blank()
    sheet.header(["Kehadiran daring dan luring"])
    mode_header = sheet.rows + 1
    sheet.header(["Kehadiran", "Pendaftaran"])
    sheet.append([labels.modes.get("online", "online"), online])
    sheet.append([labels.modes.get("offline", "offline"), offline])
    pie = PieChart()
    pie.title = "Peserta daring dan luring"
    pie.height, pie.width = 7.5, 12
    pie.add_data(
        Reference(sheet.ws, min_col=2, min_row=mode_header, max_row=mode_header + 2),
        titles_from_data=True,
    )
    pie.set_categories(
        Reference(sheet.ws, min_col=1, min_row=mode_header + 1, max_row=mode_header + 2)
    )
    pie.dataLabels = DataLabelList()
    pie.dataLabels.showVal = True
    pie.dataLabels.showPercent = True
    # Below the bar chart, which starts beside the table above this one and is 18 rows tall.
    sheet.ws.add_chart(pie, f"H{mode_header + 9}")


# --- Ide and one sheet per dimension ---------------------------------------------------------

IDEA_COLUMNS = [
    Column("Referensi", 10, trusted=True),
    Column("Tahap", 7, trusted=True),
    Column("Dimensi", 28, trusted=True),
    Column("Jangka waktu", 19, trusted=True),
    # 1, 5, 10; empty for "belum tahu" (storage.export_matrix.HORIZON_KEYS): sorts and pivots right.
    Column("Jangka (tahun)", 8, trusted=True),
    Column("Ide", 70, "wrap"),
    Column("Pengirim", 26),
    Column("Instansi", 30),
    Column("Kecamatan", 16),
    Column("Kehadiran", 19, trusted=True),
    Column("Saluran", 22, trusted=True),
    Column("Lampiran", 12, trusted=True),
    Column("File ID lampiran", 32, private=True),
    Column("Dikirim", 17, "when", trusted=True),
    Column("Terakhir diubah", 17, "when", trusted=True),
    Column("Status", 10, trusted=True),
    Column("Peringkat prioritas", 11, trusted=True),
    Column("Dukungan", 10, trusted=True),
    # The reference of the idea's group in the Matriks Program (its earliest idea).
    Column("Kelompok", 10, trusted=True),
]
# The same without the dimension (it is the sheet) and status (only active ideas are there).
_DIMENSION_KEEP = [i for i, c in enumerate(IDEA_COLUMNS) if c.header not in ("Dimensi", "Status")]
DIMENSION_COLUMNS = [IDEA_COLUMNS[i] for i in _DIMENSION_KEEP]

_IDEA_QUERY = (
    "SELECT i.id, i.stage, i.dimension, i.horizon, i.text, {author}, i.institution, "
    "i.kecamatan, r.mode, i.channel, i.attachment_type, i.attachment_file_id, i.created_at, "
    "i.updated_at, i.status, i.priority_rank, "
    "(SELECT COUNT(*) FROM idea_supports s WHERE s.idea_id = i.id) "
    "FROM ideas i JOIN participants p ON p.id = i.participant_id "
    "LEFT JOIN registrations r ON r.participant_id = i.participant_id AND r.stage = i.stage "
    "WHERE {where} ORDER BY {order}"
)
# A dimension sheet is read as a programme table: its 1-year ideas first, then 5, 10 and
# "belum tahu", each in the order they came in (the "Kelompok" column brings copies together).
_PROGRAMME_ORDER = (
    "i.dimension, CASE i.horizon WHEN '1' THEN 1 WHEN '5' THEN 2 WHEN '10' THEN 3 ELSE 4 END, i.id"
)


def idea_sheets(ctx: SheetContext) -> None:
    """Ide (every idea, withdrawn ones marked, as they came in) and one sheet of active ideas per
    dimension, by horizon."""
    labels = ctx.labels
    # In id order, which is the order they came in: SQLite reads the table straight through
    # ("+" keeps it off the stage index, which would need a sort of every row afterwards).
    where, params = ctx.stage_filter("+i.stage")
    (total,) = ctx.conn.execute(f"SELECT COUNT(*) FROM ideas i WHERE {where}", params).fetchone()
    # The team's decisions (issue 14): columns with drop-down lists, pre-filled from storage.
    decisions = DecisionCells(ctx.conn)
    all_ideas = ctx.sheet("Ide", [*IDEA_COLUMNS, *DECISION_COLUMNS])
    per_dimension = {
        d: ctx.sheet(labels.dimensions.get(d, d), DIMENSION_COLUMNS) for d in DIMENSIONS
    }
    links = ctx.request.attachment_links
    done = 0
    for idea_id, _, row in _idea_rows(ctx, where, params, "i.id"):
        link = links.get(idea_id) if links else None
        if link is not None:
            row = _linked(row, _ATTACHMENT_AT, all_ideas, link)
        all_ideas.append((*row, *decisions.cells(idea_id)))
        done += 1
        if done % PROGRESS_EVERY == 0:
            ctx.report("ideas", done, total)
    ctx.report("ideas", done, total)
    ctx.counts["ideas"] = done
    add_drop_downs(ctx, all_ideas)
    keep = _DIMENSION_KEEP
    active = f"i.status = 'active' AND {where}"
    for idea_id, dimension, row in _idea_rows(ctx, active, params, _PROGRAMME_ORDER):
        kept = tuple(row[i] for i in keep)
        link = links.get(idea_id) if links else None
        if link is not None:
            kept = _linked(kept, _DIMENSION_ATTACHMENT_AT, per_dimension[dimension], link)
        per_dimension[dimension].append(kept)


def _idea_rows(
    ctx: SheetContext, where: str, params: tuple[Any, ...], order: str
) -> Iterator[tuple[int, str, tuple[object, ...]]]:
    """(idea id, dimension key, row of IDEA_COLUMNS) for the ideas `where` says, in `order`."""
    labels = ctx.labels
    local = ctx.book.local
    group_of = program_matrix(ctx).group_of
    dims, hors, modes = labels.dimensions, labels.horizons, labels.modes
    channels, attachments, statuses = labels.idea_channels, labels.attachments, labels.statuses
    query = _IDEA_QUERY.format(where=where, order=order, author=author_sql(ctx))
    for (
        idea_id,
        stage,
        dimension,
        horizon,
        text,
        author,
        institution,
        kecamatan,
        mode,
        channel,
        att_type,
        att_file,
        created,
        updated,
        status,
        rank,
        supports,
    ) in ctx.conn.execute(query, params):
        sent = local(created)
        group = group_of.get(idea_id)
        yield (
            idea_id,
            dimension,
            (
                idea_ref(idea_id),
                stage,
                dims.get(dimension, dimension),
                hors.get(horizon, horizon),
                HORIZON_KEYS.get(horizon),
                text,
                author,
                institution,
                kecamatan,
                modes.get(mode, mode) if mode else None,
                channels.get(channel, channel),
                attachments.get(att_type, att_type) if att_type else None,
                att_file,
                sent,
                sent if updated == created else local(updated),
                statuses.get(status, status),
                rank,
                supports,
                idea_ref(group) if group is not None else None,
            ),
        )


# Where the "Lampiran" cell sits in a row of the Ide sheet and of a dimension sheet.
_ATTACHMENT_AT = [c.header for c in IDEA_COLUMNS].index("Lampiran")
_DIMENSION_ATTACHMENT_AT = [c.header for c in DIMENSION_COLUMNS].index("Lampiran")
_LINK_FONT = Font(color="0563C1", underline="single")


def _linked(row: tuple[Any, ...], at: int, sheet: Sheet, link: AttachmentLink) -> tuple[Any, ...]:
    """`row` with its "Lampiran" cell (at `at`) made the link (or note) for this sheet."""
    cell = WriteOnlyCell(sheet.ws, link.text)
    cell.data_type = "s"
    if link.target is not None:
        cell.hyperlink = link.target
        cell.font = _LINK_FONT
    return (*row[:at], cell, *row[at + 1 :])


# --- Peserta ---------------------------------------------------------------------------------

PARTICIPANT_COLUMNS = [
    Column("No. peserta", 11, trusted=True),
    Column("Tahap", 7, trusted=True),
    Column("Nama", 28, private=True),
    Column("Instansi", 30),
    Column("Kecamatan", 16),
    Column("Jabatan", 22, trusted=True),
    Column("Kehadiran", 19, trusted=True),
    Column("Cara mendaftar", 22, trusted=True),
    Column("Waktu daftar", 17, "when", trusted=True),
    Column("Bisa dihubungi lewat Telegram", 14, trusted=True),
    Column("Ide aktif", 9, trusted=True),
    Column("Telepon", 16, private=True),
    Column("ID Telegram", 14, private=True),
]

_PARTICIPANT_QUERY = (
    "SELECT p.id, r.stage, p.full_name, p.institution, p.kecamatan, p.position, r.mode, "
    "r.channel, r.registered_at, COALESCE(u.reachable, p.telegram_id IS NOT NULL), "
    "(SELECT COUNT(*) FROM ideas i WHERE i.participant_id = p.id AND i.stage = r.stage "
    "AND i.status = 'active'), p.phone, p.telegram_id "
    "FROM registrations r JOIN participants p ON p.id = r.participant_id "
    "LEFT JOIN users u ON u.telegram_id = p.telegram_id "
    "WHERE {where} ORDER BY r.stage, p.institution, p.full_name"
)


def participant_sheet(ctx: SheetContext) -> None:
    """Peserta: one row per participant and stage; phone and Telegram id in the full one only."""
    labels = ctx.labels
    where, params = ctx.stage_filter("r.stage")
    sheet = ctx.sheet("Peserta", PARTICIPANT_COLUMNS)
    count = 0
    for (
        pid,
        stage,
        name,
        institution,
        kecamatan,
        position,
        mode,
        channel,
        registered,
        reachable,
        n_ideas,
        phone,
        telegram_id,
    ) in ctx.conn.execute(_PARTICIPANT_QUERY.format(where=where), params):
        sheet.append(
            (
                f"P-{pid:04d}",
                stage,
                name,
                institution,
                kecamatan,
                labels.positions.get(position, position),
                labels.modes.get(mode, mode),
                labels.registration_channels.get(channel, channel),
                registered,
                labels.yes if reachable else labels.no,
                n_ideas,
                phone,
                # An identifier, not a quantity: text keeps Excel from rounding or reformatting it.
                str(telegram_id) if telegram_id is not None else None,
            )
        )
        count += 1
    ctx.counts["registrations"] = count


# The workbook's sheets, in order. Later features (attendance, polls, reminders, audit) append
# their writer here: a function taking a SheetContext that adds its own sheet(s).
SHEETS: list[SheetWriter] = [
    summary_sheet,
    matrix_sheets,  # Matriks Program and Quick win (issue 14): groups of similar ideas
    idea_sheets,
    participant_sheet,
    participation_sheet,  # Partisipasi (issue 14): people and registrations, agencies, kecamatan
    # @export-sheets
    attendance_sheets,  # Kehadiran and Daftar hadir (issue 5): only when there are sessions
    poll_sheet,  # Polling (issue 6): only when the stage has polls
    audit_sheet,  # Audit (issue 7): last, it is about the bot, not the workshop
]
