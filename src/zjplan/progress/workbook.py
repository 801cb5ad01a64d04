"""Spreadsheets as rows of text cells, bounded before any parser builds a sheet.

A workbook is untrusted. Its bytes are read like any file (a regular file, under the size
limit: a FIFO or a device named .xlsx is refused unopened), its zip is bounded (unzipped
size, compression ratio), and the sheet to read is scanned as text before calamine sees
it: calamine builds a sheet as one dense block of rows × columns, so a single cell at row
4294967295 would ask for hundreds of gigabytes. The scan bounds the used range (from the
cell references and the declared dimension), refuses a cell given twice or out of order
(the XML says one thing to one reader and another to the next), and only visible sheets
are read.
"""

from __future__ import annotations

import html
import io
import re
import zipfile
from collections.abc import Iterator
from pathlib import PurePosixPath
from typing import Any, NamedTuple

from zjplan.progress.sources import (
    MAX_XLSX_COLUMNS,
    MAX_XLSX_RATIO,
    MAX_XLSX_UNZIPPED,
    TEMPLATE_SHEET,
    Rows,
    SheetRows,
    SourceError,
    cell_ref,
)

MAX_SHEET_CELLS = 2_000_000  # rows × columns of the used range (a form needs a few thousand)
MAX_ROW = 1_048_576  # Excel's last row
_TAG = re.compile(rb"<(?:[\w.-]+:)?(row|c|dimension)\b([^>]*)>")
_ATTR = re.compile(rb'([\w:.-]+)\s*=\s*"([^"]*)"')
_SHEET = re.compile(rb"<(?:[\w.-]+:)?sheet\b([^>]*)>")
_RELATION = re.compile(rb"<(?:[\w.-]+:)?Relationship\b([^>]*)>")
_REF = re.compile(rb"\$?([A-Z]{1,3})\$?([0-9]{1,10})")


class SheetInfo(NamedTuple):
    name: str
    visible: bool
    path: str  # the part inside the zip


class Chosen(NamedTuple):
    """The sheet read, and what the reader should say about the choice."""

    name: str
    note: str  # why it was chosen over a hidden one, or ""
    # Cells calamine reads as empty that are not: (row, column) -> (problem code, message).
    special: dict[tuple[int, int], tuple[str, str]]


# A cell element with its content: an error cell (t="e") or a formula (<f>) without a value.
_CELL = re.compile(rb"<(?:[\w.-]+:)?c\b([^>]*?)(?:/>|>(.*?)</(?:[\w.-]+:)?c>)", re.S)
_VALUE = re.compile(rb"<(?:[\w.-]+:)?v\b[^>]*>(.*?)</(?:[\w.-]+:)?v>", re.S)
_FORMULA = re.compile(rb"<(?:[\w.-]+:)?f\b")
MAX_SPECIAL = 10_000  # special cells remembered for one sheet


def special_cells(xml: bytes) -> dict[tuple[int, int], tuple[str, str]]:
    """Error cells (#DIV/0!, #REF! …) and formulas saved without their value, by cell: both
    look empty to a reader of values, and neither is an empty cell."""
    found: dict[tuple[int, int], tuple[str, str]] = {}
    if b"<f" not in xml and b't="e"' not in xml:
        return found
    for match in _CELL.finditer(xml):
        attrs, body = _attrs(match.group(1)), match.group(2) or b""
        ref = _REF.fullmatch(attrs.get("r", "").encode())
        if ref is None:
            continue
        where = (int(ref.group(2)), _column_number(ref.group(1)))
        value = _VALUE.search(body)
        if attrs.get("t") == "e":
            error = html.unescape(value.group(1).decode("utf-8", "replace")) if value else "#N/A"
            code = "cell-error"
            found[where] = (code, f"the cell holds the spreadsheet error {error[:20]}")
        elif _FORMULA.search(body) and (value is None or not value.group(1).strip()):
            code = "formula-not-computed"
            found[where] = (
                code,
                "the cell holds a formula whose value was never computed or saved",
            )
        if len(found) >= MAX_SPECIAL:
            break
    return found


def _attrs(raw: bytes) -> dict[str, str]:
    return {k.decode(): html.unescape(v.decode("utf-8", "replace")) for k, v in _ATTR.findall(raw)}


def _column_number(letters: bytes) -> int:
    number = 0
    for ch in letters:
        number = number * 26 + ch - 64
    return number


def zip_bounds(archive: zipfile.ZipFile) -> None:
    """The workbook's unzipped size and each part's compression ratio (a zip bomb)."""
    total = 0
    for info in archive.infolist():
        total += info.file_size
        ratio = info.file_size / max(info.compress_size, 1)
        if total > MAX_XLSX_UNZIPPED or (info.file_size > 1 << 20 and ratio > MAX_XLSX_RATIO):
            raise SourceError(
                "xlsx-too-large",
                "the workbook unpacks to more than zjplan reads (a zip bomb?)",
                hint="save it again from Excel, or as CSV",
            )


def sheets(archive: zipfile.ZipFile) -> list[SheetInfo]:
    """The workbook's sheets in order, with their visibility and XML part."""
    book = archive.read("xl/workbook.xml")
    try:
        rels = archive.read("xl/_rels/workbook.xml.rels")
    except KeyError:
        rels = b""
    targets = {}
    for raw in _RELATION.findall(rels):
        a = _attrs(raw)
        target = a.get("Target", "")
        part = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
        targets[a.get("Id", "")] = str(PurePosixPath(part))
    found = []
    for raw in _SHEET.findall(book):
        a = _attrs(raw)
        rid = next((v for k, v in a.items() if k.endswith(":id") or k == "id"), "")
        state = a.get("state", "visible")
        found.append(SheetInfo(a.get("name", ""), state == "visible", targets.get(rid, "")))
    return found


def choose(found: list[SheetInfo]) -> tuple[SheetInfo, str]:
    """The template's sheet (进度填报) if it is visible, else the first visible sheet."""
    visible = [s for s in found if s.visible]
    if not visible:
        raise SourceError(
            "bad-xlsx", "every sheet of the workbook is hidden", hint="unhide the form's sheet"
        )
    chosen = next((s for s in visible if s.name == TEMPLATE_SHEET), visible[0])
    hidden = [s.name for s in found if not s.visible]
    note = ""
    if hidden:
        names = ", ".join(repr(n[:40]) for n in hidden[:5])
        note = f"hidden sheet(s) {names} not read; read the visible sheet {chosen.name!r}"
    return chosen, note


def used_range(xml: bytes) -> tuple[int, int, int, int]:
    """(first row, first column, last row, last column) of the cells a sheet's XML gives,
    1-based; SourceError when a cell repeats or comes out of order, or the range (or the
    declared dimension) is past the bounds."""
    row = 0
    col = 0
    last = (0, 0)
    top = left = 1 << 62
    bottom = right = 0
    for match in _TAG.finditer(xml):
        tag, raw = match.group(1), match.group(2)
        if tag == b"dimension":
            ref = _attrs(raw).get("ref", "")
            ends = _REF.findall(ref.encode())
            if ends:
                rows = int(ends[-1][1]) - int(ends[0][1]) + 1
                cols = _column_number(ends[-1][0]) - _column_number(ends[0][0]) + 1
                _bound(rows, cols, ref)
            continue
        attrs = _ATTR.findall(raw)
        r = next((v for k, v in attrs if k == b"r"), None)
        if tag == b"row":
            row = int(r) if r is not None and r.isdigit() else row + 1
            col = 0
            continue
        if r is not None:
            m = _REF.fullmatch(r)
            if m is None:
                raise SourceError("bad-xlsx", f"a cell reference {r[:20]!r} is not one")
            col, row = _column_number(m.group(1)), int(m.group(2))
        else:
            col += 1
        if row > MAX_ROW or col > 16_384:
            raise SourceError(
                "xlsx-too-large",
                f"a cell at row {row}, column {col} lies past the end of any sheet",
                hint="the file was not written by a spreadsheet program: save it again",
            )
        if (row, col) <= last:
            raise SourceError(
                "xlsx-repeated-cell",
                f"{cell_ref(row, col)} is given twice (or out of order) in the sheet's XML, so "
                "two programs could read two different values",
                row,
                hint="open the file in Excel or WPS and save it again",
            )
        last = (row, col)
        top, left = min(top, row), min(left, col)
        bottom, right = max(bottom, row), max(right, col)
    if not bottom:
        return 1, 1, 0, 0
    _bound(bottom - top + 1, right - left + 1, f"{cell_ref(top, left)}:{cell_ref(bottom, right)}")
    return top, left, bottom, right


def _bound(rows: int, cols: int, where: str) -> None:
    if cols > MAX_XLSX_COLUMNS or rows * cols > MAX_SHEET_CELLS:
        raise SourceError(
            "xlsx-too-large",
            f"the sheet's used range {where[:40]} is {rows:,} rows × {cols:,} columns; "
            f"zjplan reads at most {MAX_SHEET_CELLS:,} cells ({MAX_XLSX_COLUMNS} columns)",
            hint="delete the stray cells far below or to the right (Ctrl+End finds the last)",
        )


def guarded_rows(data: bytes) -> tuple[Chosen, Rows]:
    """An .xls, .xlsb or .ods workbook's chosen sheet, read by sheetworker.py in a child
    process with a memory cap and a timeout."""
    import marshal
    import subprocess
    import sys

    from zjplan.progress import sheetworker

    try:
        done = subprocess.run(
            [sys.executable, "-m", "zjplan.progress.sheetworker", TEMPLATE_SHEET],
            input=data, capture_output=True, timeout=sheetworker.TIMEOUT, check=False,
        )  # fmt: skip
        answer: tuple[Any, ...] = marshal.loads(done.stdout) if done.stdout else ("too-large", "")
    except subprocess.TimeoutExpired:
        answer = ("too-large", "")
    except (ValueError, EOFError, TypeError):
        answer = ("bad", "the reader gave no answer")
    if answer[0] == "too-large":
        raise SourceError(
            "xlsx-too-large",
            "the sheet is too large to read (its used range, built whole, would take more "
            f"than {sheetworker.MEMORY >> 20} MiB or {sheetworker.TIMEOUT:g} s)",
            hint="delete the stray cells far below or to the right, or save it as CSV",
        )
    if answer[0] != "ok":
        raise SourceError("bad-xlsx", f"not a readable workbook: {answer[1]}")
    _, name, note, top, left, rows = answer
    if rows and max(map(len, rows)) > MAX_XLSX_COLUMNS:
        raise SourceError("xlsx-too-large", f"the sheet is over {MAX_XLSX_COLUMNS} columns wide")
    return Chosen(name, note, {}), SheetRows(iter(rows), top, left)


def xlsx_rows(data: bytes) -> tuple[Chosen, Rows]:
    """The chosen sheet of an .xlsx (or .xlsm) workbook's bytes, as rows of text cells."""
    from python_calamine import CalamineWorkbook

    special: dict[tuple[int, int], tuple[str, str]] = {}
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            zip_bounds(archive)
            chosen, note = choose(sheets(archive))
            if chosen.path:
                xml = archive.read(chosen.path)
                used_range(xml)
                special = special_cells(xml)
    except SourceError:
        raise
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, EOFError) as exc:
        raise SourceError("bad-xlsx", f"not a readable .xlsx file: {exc}") from exc
    try:
        book = CalamineWorkbook.from_filelike(io.BytesIO(data))
        sheet = book.get_sheet_by_name(chosen.name)
        top, left = sheet.start or (0, 0)
        rows: Iterator[list[Any]] = sheet.iter_rows()
    except Exception as exc:  # calamine raises its own error types for broken workbooks
        raise SourceError("bad-xlsx", f"not a readable .xlsx file: {exc}") from exc
    # calamine starts at the first used cell; keep the sheet's real row and column.
    return Chosen(chosen.name, note, special), SheetRows(rows, top, left)
