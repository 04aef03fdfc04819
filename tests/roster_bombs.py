"""Hostile and large roster files, built with zipfile directly (an .xlsx is a zip of XML parts).

Used by tests/test_roster_limits.py and bench/roster_bombs.py. Every builder streams its parts
into the zip, so building a file that unpacks to hundreds of megabytes costs little memory.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable, Iterator

_NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
_REL_NS = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
    'relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.spreadsheetml.sharedStrings+xml"/>'
    "</Types>"
)
_ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'
)
_WORKBOOK = (
    f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook {_NS} {_REL_NS}>'
    '<sheets><sheet name="Peserta" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
_WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/worksheet" Target="worksheets/sheet1.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>'
)
HEADER = ("Nama lengkap", "Instansi", "Kecamatan", "Jabatan", "Telepon")


def column_letters(index: int) -> str:
    """1 → A, 27 → AA."""
    letters = ""
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _write(book: zipfile.ZipFile, name: str, chunks: Iterable[str]) -> None:
    info = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))
    info.compress_type = zipfile.ZIP_DEFLATED
    with book.open(info, "w", force_zip64=True) as part:
        buffer: list[str] = []
        size = 0
        for chunk in chunks:
            buffer.append(chunk)
            size += len(chunk)
            if size >= 1 << 20:
                part.write("".join(buffer).encode())
                buffer, size = [], 0
        part.write("".join(buffer).encode())


def xlsx(
    sheet: Iterable[str],
    shared: Iterable[str] = (),
    *,
    dimension: str | None = None,
    level: int = 9,
) -> bytes:
    """An .xlsx whose sheetData is the `sheet` chunks and whose shared strings are `shared`."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as book:
        book.writestr("[Content_Types].xml", _CONTENT_TYPES)
        book.writestr("_rels/.rels", _ROOT_RELS)
        book.writestr("xl/workbook.xml", _WORKBOOK)
        book.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
        dim = f'<dimension ref="{dimension}"/>' if dimension else ""

        def sheet_xml() -> Iterator[str]:
            yield f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet {_NS}>'
            yield f"{dim}<sheetData>"
            yield from sheet
            yield "</sheetData></worksheet>"

        def shared_xml() -> Iterator[str]:
            yield f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst {_NS}>'
            yield from shared
            yield "</sst>"

        _write(book, "xl/worksheets/sheet1.xml", sheet_xml())
        _write(book, "xl/sharedStrings.xml", shared_xml())
    return out.getvalue()


def _inline(row: int, values: Iterable[str]) -> str:
    cells = "".join(
        f'<c r="{column_letters(col)}{row}" t="inlineStr"><is><t>{value}</t></is></c>'
        for col, value in enumerate(values, start=1)
    )
    return f'<row r="{row}">{cells}</row>'


def header_row() -> str:
    return _inline(1, HEADER)


def legit_rows(rows: int) -> str:
    """Rows 2 to `rows` + 1 of a real-looking roster (inline strings, five columns)."""
    return "".join(
        _inline(n, (f"Peserta Nomor {n}", "Dinas Pertanian", "Cibal", "camat", f"0812{n:08d}"))
        for n in range(2, rows + 2)
    )


def legit_roster(rows: int) -> bytes:
    """A real-looking roster of `rows` participants."""
    return xlsx([header_row(), legit_rows(rows)], dimension=f"A1:E{rows + 1}")


def shared_strings_bomb(strings: int) -> bytes:
    """A header and one row pointing at a shared-strings table of `strings` tiny entries.

    About 15,000 strings per compressed kilobyte: 22 million strings are ~1.5 MB on the wire."""
    sheet = [header_row(), '<row r="2"><c r="A2" t="s"><v>0</v></c></row>']
    block = "".join(f"<si><t>{i % 10}</t></si>" for i in range(min(strings, 100_000)))
    shared = [block] * (strings // 100_000) + [block[: (strings % 100_000) * 16]]
    return xlsx(sheet, shared, dimension="A1:E2")


def one_huge_row(cells: int) -> bytes:
    """A header, then one row of `cells` numeric cells (no references: the smallest XML)."""
    row = ['<row r="2">', *("<c><v>1</v></c>" for _ in range(cells)), "</row>"]
    return xlsx([header_row(), *row])


def many_columns_rows(columns: int, rows: int = 20) -> str:
    """Rows 2 to `rows` + 1, each `columns` numeric cells wide."""
    return "".join(
        f'<row r="{n}">'
        + "".join(f'<c r="{column_letters(c)}{n}"><v>{c}</v></c>' for c in range(1, columns + 1))
        + "</row>"
        for n in range(2, rows + 2)
    )


def many_columns(columns: int, rows: int = 20) -> bytes:
    """A header, then `rows` rows each `columns` wide, its <dimension> saying so."""
    return xlsx(
        [header_row(), many_columns_rows(columns, rows)],
        dimension=f"A1:{column_letters(columns)}{rows + 1}",
    )


def wide_dimension_only() -> bytes:
    """A small sheet that claims (in <dimension>) to span XFD1048576."""
    return xlsx([header_row()], dimension="A1:XFD1048576")


def csv_bomb_line(length: int) -> bytes:
    """A CSV with a header and one line of `length` commas."""
    return ("Nama,Instansi\n" + "," * length + "\n").encode()
