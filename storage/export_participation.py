"""The *Partisipasi* sheet of the export: participation that adds up, and who is who in it.

People and registrations are counted apart: one person registered for two stages is one person
and two registrations, so the "Jumlah" row of people is not the sum of the stages above it.
For each stage: people, registrations online and offline, people who checked in online and
offline, active ideas and their authors, valid poll answers and the people who gave them. For
each session: registrations of its stage and check-ins by mode, as a share of registrations.

Every agency (OPD) of the workshop file and every kecamatan is listed, with zeros where nobody
took part, so an absent one stands out. A village head's registrations count under the
kecamatan of their village: the workshop file maps villages and wards (desa / kelurahan) to
kecamatan, and the institution a participant typed ("Desa Golo Bilas", "Pemdes Golo Bilas,
Kec. Cibal") is matched to it tolerantly (case, accents, apostrophes, the words desa / kelurahan).

Also here: how the shareable workbook names an idea's author (participant number and position,
never the name). The sheet plugs into `storage.export.SHEETS` and reads the same snapshot.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from openpyxl.chart import BarChart, Reference
from openpyxl.chart.label import DataLabelList

from storage.workbook import Column, Sheet

if TYPE_CHECKING:
    from storage.export import SheetContext

SHEET_TITLE = "Partisipasi"
# Words that name the kind of place or office, not the place: dropped before matching.
_PLACE_WORDS = frozenset(
    {
        "desa",
        "ds",
        "kelurahan",
        "kel",
        "pemdes",
        "pemerintah",
        "kantor",
        "kepala",
        "kades",
        "lurah",
    }
)
_KECAMATAN_WORDS = ("kecamatan", "kec")
COLUMNS = [
    Column("Keterangan", 34),
    Column("", 12),
    Column("", 12),
    Column("", 12),
    Column("", 12),
    Column("", 12),
    Column("", 12),
    Column("", 12),
    Column("", 12),
    Column("", 12),
]
# Rows a chart takes (7.5 cm at the default row height of 0.53 cm, plus a gap).
CHART_ROWS = 16


def fold(text: str) -> str:
    """Lower case, no accents, apostrophes and punctuation as nothing or a space."""
    plain = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(ch for ch in plain if not unicodedata.combining(ch))
    plain = re.sub(r"['’`ʼ]", "", plain)
    return " ".join(re.sub(r"[^a-z0-9]+", " ", plain).split())


def _place_key(text: str) -> str:
    return " ".join(w for w in fold(text).split() if w not in _PLACE_WORDS)


@dataclass(frozen=True)
class Places:
    """Kecamatan of the workshop and its villages, for telling where a participant is from."""

    kecamatan: tuple[str, ...]
    villages: Mapping[str, str]  # village or ward name → its kecamatan (as the file writes it)
    _village_keys: tuple[tuple[str, str, str], ...] = field(default=(), repr=False)
    _kecamatan_keys: Mapping[str, str] = field(default_factory=dict, repr=False)

    @classmethod
    def of(cls, kecamatan: Iterable[str], villages: Mapping[str, str]) -> Places:
        names = tuple(kecamatan)
        by_key = {fold(k): k for k in names}
        # Longest names first, so "Golo Bilas Utara" wins over "Golo Bilas".
        keys = sorted(
            ((_place_key(v), v, by_key.get(fold(k), k)) for v, k in villages.items()),
            key=lambda item: -len(item[0]),
        )
        return cls(names, dict(villages), tuple(k for k in keys if k[0]), by_key)

    def village_of(self, institution: str) -> tuple[str, str] | None:
        """(village, kecamatan) named in an institution text, or None."""
        text = f" {_place_key(institution)} "
        # "Kecamatan Wae Rii" names the kecamatan, not its village of the same name.
        for word in _KECAMATAN_WORDS:
            for key in self._kecamatan_keys:
                text = text.replace(f" {word} {key} ", " ")
        for key, village, kecamatan in self._village_keys:
            if f" {key} " in text:
                return village, kecamatan
        return None

    def kecamatan_of(self, institution: str, kecamatan: str | None) -> str | None:
        """The kecamatan a participant belongs to: as registered, by village, or by name."""
        if kecamatan:
            return self._kecamatan_keys.get(fold(kecamatan), kecamatan)
        found = self.village_of(institution)
        if found is not None:
            return found[1]
        words = fold(institution).split()
        for index, word in enumerate(words[:-1]):
            if word in _KECAMATAN_WORDS:
                rest = " ".join(words[index + 1 :])
                for key, name in sorted(self._kecamatan_keys.items(), key=lambda i: -len(i[0])):
                    if rest == key or rest.startswith(key + " "):
                        return name
        return None


def author_sql(ctx: SheetContext) -> str:
    """The SQL of an idea row's author: the name, or in the shareable workbook the participant's
    number and position (`P-0007 · Kepala desa`)."""
    if not ctx.request.public:
        return "p.full_name"
    cases = " ".join(
        f"WHEN {_sql_text(key)} THEN {_sql_text(label)}"
        for key, label in ctx.labels.positions.items()
    )
    return f"printf('P-%04d', p.id) || ' · ' || CASE p.position {cases} ELSE p.position END"


def _sql_text(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


# --- counting --------------------------------------------------------------------------------


@dataclass
class _Tally:
    """What one group (a stage, an agency, a kecamatan) adds up to."""

    people: set[int] = field(default_factory=set)
    registrations: int = 0
    reg_online: int = 0
    reg_offline: int = 0
    present_online: set[int] = field(default_factory=set)
    present_offline: set[int] = field(default_factory=set)
    ideas: int = 0
    authors: set[int] = field(default_factory=set)
    votes: int = 0
    voters: set[int] = field(default_factory=set)

    def row(self) -> list[int]:
        return [
            len(self.people),
            self.registrations,
            self.reg_online,
            self.reg_offline,
            len(self.present_online),
            len(self.present_offline),
            self.ideas,
            self.votes,
            len(self.voters),
        ]


@dataclass(frozen=True)
class _Person:
    institution: str
    kecamatan: str | None
    village: str | None


def _people(ctx: SheetContext, places: Places) -> dict[int, _Person]:
    people: dict[int, _Person] = {}
    for pid, institution, kecamatan in ctx.conn.execute(
        "SELECT id, institution, kecamatan FROM participants"
    ):
        village = None if kecamatan else places.village_of(institution)
        people[pid] = _Person(
            institution,
            places.kecamatan_of(institution, kecamatan),
            village[0] if village else None,
        )
    return people


@dataclass
class Participation:
    """The counts, grouped every way the sheet shows them."""

    stages: dict[int, _Tally]
    total: _Tally
    agencies: dict[str, _Tally]
    kecamatan: dict[str, _Tally]
    villages: dict[tuple[str, str], _Tally]
    sessions: list[tuple[int, int, str, str, str, int, int, int]]


def count_participation(ctx: SheetContext, places: Places) -> Participation:
    """Read the snapshot once per kind of fact and add each fact to every group it counts in."""
    people = _people(ctx, places)
    stages = {s.number: _Tally() for s in ctx.stages}
    total = _Tally()
    agencies: dict[str, _Tally] = {
        str(name): _Tally()
        for (name,) in ctx.conn.execute(
            "SELECT name FROM institutions WHERE kind = 'opd' ORDER BY sort_order, name"
        )
    }
    kecamatan: dict[str, _Tally] = {name: _Tally() for name in places.kecamatan}
    villages: dict[tuple[str, str], _Tally] = {}

    def groups(pid: int | None, stage: int) -> list[_Tally]:
        found = [stages.setdefault(stage, _Tally()), total]
        person = people.get(pid) if pid is not None else None
        if person is None:
            return found
        if person.kecamatan is not None:
            found.append(kecamatan.setdefault(person.kecamatan, _Tally()))
            if person.village is not None:
                found.append(villages.setdefault((person.kecamatan, person.village), _Tally()))
        else:
            found.append(agencies.setdefault(person.institution, _Tally()))
        return found

    reg_where, reg_params = ctx.stage_filter("stage")
    for pid, stage, mode in ctx.conn.execute(
        f"SELECT participant_id, stage, mode FROM registrations WHERE {reg_where}", reg_params
    ):
        for tally in groups(pid, stage):
            tally.people.add(pid)
            tally.registrations += 1
            if mode == "online":
                tally.reg_online += 1
            else:
                tally.reg_offline += 1
    checkin_where, checkin_params = ctx.stage_filter("s.stage")
    for pid, stage, mode in ctx.conn.execute(
        "SELECT a.participant_id, s.stage, a.mode FROM attendance a "
        f"JOIN sessions s ON s.id = a.session_id WHERE {checkin_where}",
        checkin_params,
    ):
        for tally in groups(pid, stage):
            (tally.present_online if mode == "online" else tally.present_offline).add(pid)
    idea_where, idea_params = ctx.stage_filter("stage")
    for pid, stage, n in ctx.conn.execute(
        "SELECT participant_id, stage, COUNT(*) FROM ideas "
        f"WHERE status = 'active' AND {idea_where} GROUP BY participant_id, stage",
        idea_params,
    ):
        for tally in groups(pid, stage):
            tally.ideas += n
            tally.authors.add(pid)
    vote_where, vote_params = ctx.stage_filter("p.stage")
    for pid, stage, n in ctx.conn.execute(
        "SELECT c.participant_id, p.stage, COUNT(*) FROM poll_answers a "
        "JOIN poll_copies c ON c.id = a.copy_id JOIN polls p ON p.id = a.poll_id "
        f"WHERE a.valid = 1 AND {vote_where} GROUP BY c.participant_id, p.stage",
        vote_params,
    ):
        for tally in groups(pid, stage):
            tally.votes += n
            if pid is not None:
                tally.voters.add(pid)
    return Participation(stages, total, agencies, kecamatan, villages, _sessions(ctx))


def _sessions(ctx: SheetContext) -> list[tuple[int, int, str, str, str, int, int, int]]:
    where, params = ctx.stage_filter("s.stage")
    return [
        (sid, stage, day, start, title, int(regs), int(online or 0), int(offline or 0))
        for sid, stage, day, start, title, regs, online, offline in ctx.conn.execute(
            "SELECT s.id, s.stage, s.day, s.start_time, s.title, "
            "(SELECT COUNT(*) FROM registrations r WHERE r.stage = s.stage), "
            "(SELECT COUNT(*) FROM attendance a WHERE a.session_id = s.id AND a.mode = 'online'), "
            "(SELECT COUNT(*) FROM attendance a WHERE a.session_id = s.id "
            "AND a.mode = 'offline') "
            f"FROM sessions s WHERE {where} ORDER BY s.stage, s.day, s.start_time, s.id",
            params,
        )
    ]


# --- writing ---------------------------------------------------------------------------------

TALLY_HEADERS = [
    "Orang",
    "Pendaftaran",
    "Daftar daring",
    "Daftar luring",
    "Hadir daring (orang)",
    "Hadir luring (orang)",
    "Ide aktif",
    "Jawaban polling",
    "Pemilih (orang)",
]


@dataclass
class _Chart:
    title: str
    header_row: int
    first_row: int
    last_row: int
    columns: tuple[int, ...]


def participation_sheet(ctx: SheetContext) -> None:
    """Partisipasi: per stage, per session, per agency, per kecamatan and village; charts below."""
    places = Places.of(
        (
            str(name)
            for (name,) in ctx.conn.execute(
                "SELECT name FROM institutions WHERE kind = 'kecamatan' ORDER BY sort_order, name"
            )
        ),
        ctx.request.villages,
    )
    counts = count_participation(ctx, places)
    sheet = ctx.sheet(SHEET_TITLE, COLUMNS)
    sheet.append(
        [
            "Orang dihitung sekali per baris; pendaftaran dihitung per tahap. Jumlah orang "
            "seluruh tahap bukan penjumlahan tahap-tahap, karena satu orang bisa ikut "
            "beberapa tahap."
        ]
    )
    sheet.end_filter()
    charts: list[_Chart] = []

    def table(title: str, label: str, rows: Iterable[tuple[str, _Tally]], *, total: bool) -> None:
        sheet.blank()
        sheet.header([title])
        header = sheet.rows + 1
        sheet.header([label, *TALLY_HEADERS])
        for name, tally in rows:
            sheet.append([name, *tally.row()])
        last = sheet.rows
        if total:
            sheet.append(["Jumlah", *counts.total.row()])
        if last > header:
            charts.append(_Chart(title, header, header + 1, last, (2, 3)))

    stage_titles = {s.number: s.title for s in ctx.stages}
    table(
        "Per tahap",
        "Tahap",
        ((stage_titles.get(n, f"Tahap {n}"), t) for n, t in sorted(counts.stages.items())),
        total=True,
    )
    _session_table(sheet, counts)
    table("Per perangkat daerah dan instansi", "Instansi", counts.agencies.items(), total=False)
    table(
        "Per kecamatan (desa/kelurahan termasuk)",
        "Kecamatan",
        counts.kecamatan.items(),
        total=False,
    )
    if counts.villages:
        sheet.blank()
        sheet.header(["Desa/kelurahan (dihitung di kecamatannya)"])
        sheet.header(["Kecamatan", "Desa/kelurahan", *TALLY_HEADERS])
        for (kecamatan, village), tally in sorted(counts.villages.items()):
            sheet.append([kecamatan, village, *tally.row()])
    _charts(sheet, charts)


def _session_table(sheet: Sheet, counts: Participation) -> None:
    if not counts.sessions:
        return
    sheet.blank()
    sheet.header(["Per sesi"])
    sheet.header(
        [
            "Sesi",
            "Tahap",
            "Tanggal",
            "Mulai",
            "Terdaftar di tahap",
            "Hadir daring",
            "Hadir luring",
            "Hadir",
            "Hadir (%)",
        ]
    )
    for sid, stage, day, start, title, regs, online, offline in counts.sessions:
        present = online + offline
        sheet.append(
            [
                f"#{sid} {title}",
                stage,
                f"{day[8:10]}-{day[5:7]}-{day[:4]}",
                start,
                regs,
                online,
                offline,
                present,
                sheet.percent(present / regs if regs else 0),
            ]
        )


def _charts(sheet: Sheet, charts: list[_Chart]) -> None:
    """One bar chart per table, below the tables and in their order, values shown."""
    anchor = sheet.rows + 2
    for chart in charts:
        bar = BarChart()
        bar.type = "bar"
        bar.title = chart.title
        bar.height, bar.width = 7.5, 16
        for column in chart.columns:
            bar.add_data(
                Reference(
                    sheet.ws,
                    min_col=column,
                    min_row=chart.header_row,
                    max_row=chart.last_row,
                ),
                titles_from_data=True,
            )
        bar.set_categories(
            Reference(sheet.ws, min_col=1, min_row=chart.first_row, max_row=chart.last_row)
        )
        bar.dataLabels = DataLabelList()
        bar.dataLabels.showVal = True
        # Categories top-down in the table's order (a bar chart draws the first one lowest).
        bar.x_axis.scaling.orientation = "maxMin"
        rows = max(CHART_ROWS, (chart.last_row - chart.first_row + 1) + 6)
        bar.height = rows * 0.5
        sheet.ws.add_chart(bar, f"A{anchor}")
        anchor += rows + 1
