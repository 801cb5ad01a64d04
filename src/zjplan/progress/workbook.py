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
import itertools
import re
import zipfile
from collections.abc import Callable, Iterator
from pathlib import PurePosixPath
from typing import Any, NamedTuple, TypeVar

from zjplan.progress.header import HEADER_ROWS, header_index
from zjplan.progress.sources import (
    MAX_XLSX_COLUMNS,
    MAX_XLSX_RATIO,
    MAX_XLSX_UNZIPPED,
    TEMPLATE_SHEET,
    Merged,
    Rows,
    SheetRows,
    SourceError,
    cell_ref,
    cell_text,
)
from zjplan.sanitise import inert
from zjplan.wording import Cell, Words, words

MAX_SHEET_CELLS = 2_000_000  # rows × columns of the used range (a form needs a few thousand)
MAX_ROW = 1_048_576  # Excel's last row
RUN_UNPACKED = 1 << 30  # bytes of workbooks one run unpacks (each file is bounded too)
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
    hidden: tuple[str, ...]  # hidden sheets, never read (the first five, cut at 40 characters)
    # Cells to speak of: error cells and formulas without a value, which calamine reads as
    # empty, and numbers whose display format shows another number: (row, column) ->
    # (problem code, message).
    special: dict[tuple[int, int], tuple[str, Words]]
    looked_at: tuple[str, ...] = ()  # the sheets whose rows were looked at for the form's header
    merged: tuple[Merged, ...] = ()  # the merged ranges over several rows, whose value is spread


# A cell element with its content: an error cell (t="e") or a formula (<f>) without a value.
_CELL = re.compile(rb"<(?:[\w.-]+:)?c\b([^>]*?)(?:/>|>(.*?)</(?:[\w.-]+:)?c>)", re.S)
_VALUE = re.compile(rb"<(?:[\w.-]+:)?v\b[^>]*>(.*?)</(?:[\w.-]+:)?v>", re.S)
_FORMULA = re.compile(rb"<(?:[\w.-]+:)?f\b")
MAX_SPECIAL = 10_000  # special cells remembered for one sheet


_NUMFMT = re.compile(rb"<(?:[\w.-]+:)?numFmt\b([^>]*)>")
_CELLXFS = re.compile(rb"<(?:[\w.-]+:)?cellXfs\b[^>]*>(.*?)</(?:[\w.-]+:)?cellXfs>", re.S)
_XF = re.compile(rb"<(?:[\w.-]+:)?xf\b([^>]*)>")
_MERGE = re.compile(rb"<(?:[\w.-]+:)?mergeCell\b([^>]*)>")
PERCENT_FORMATS = frozenset({9, 10})  # Excel's built-in 0% and 0.00%
_THOUSANDS = re.compile(r"[0#?],+(?:[^0#?,]|$)")  # #,##0, shows thousands
_LITERAL_UNIT = re.compile(r'"[^"]*[万亿千百]|\\[万亿千百]')  # 0"万" and 0\万
_QUOTED = re.compile(r'"[^"]*"|\\.')


def format_kind(code: str) -> str:
    """'percent', 'scaled' (a format that shows another number: 0"万", #,##0, which divides
    by 1000) or '' for an Excel number format code."""
    section = code.split(";")[0]
    bare = _QUOTED.sub("", section)
    if "%" in bare:
        return "percent"
    if _THOUSANDS.search(bare) or _LITERAL_UNIT.search(section):
        return "scaled"
    return ""


def display_formats(styles: bytes) -> dict[str, str]:
    """The workbook's cell styles (their index, as a cell's ``s`` gives it) whose number
    format is a percentage or scales the number it shows."""
    codes = {}
    for raw in _NUMFMT.findall(styles):
        a = _attrs(raw)
        if a.get("numFmtId", "").isdigit():
            codes[int(a["numFmtId"])] = a.get("formatCode", "")
    xfs = _CELLXFS.search(styles)
    kinds: dict[str, str] = {}
    for index, raw in enumerate(_XF.findall(xfs.group(1)) if xfs else []):
        number = _attrs(raw).get("numFmtId", "0")
        fmt = int(number) if number.isdigit() else 0
        code = codes.get(fmt, "0%" if fmt == 9 else "0.00%")
        kind = "percent" if fmt in PERCENT_FORMATS else format_kind(codes.get(fmt, ""))
        if kind:
            kinds[str(index)] = f"{kind} {code[:40]}"
    return kinds


def merged_ranges(xml: bytes) -> list[Merged]:
    """The merged ranges of a sheet's XML that span more than one row."""
    found = []
    for raw in _MERGE.findall(xml):
        ends = _REF.findall(_attrs(raw).get("ref", "").encode())
        if len(ends) == 2:
            (c1, r1), (c2, r2) = ends
            span = (int(r1), _column_number(c1), int(r2), _column_number(c2))
            if span[2] > span[0] and span[2] - span[0] <= MAX_ROW:
                found.append(span)
    return found[:MAX_SPECIAL]


def special_cells(
    xml: bytes, formats: dict[str, str] | None = None
) -> dict[tuple[int, int], tuple[str, Words]]:
    """Error cells (#DIV/0!, #REF! …) and formulas saved without their value, by cell: both
    look empty to a reader of values, and neither is an empty cell. With ``formats`` (the
    styles of display_formats), numbers shown as percentages or scaled (35% holds 0.35;
    0"万" shows 1.5 as 2万)."""
    found: dict[tuple[int, int], tuple[str, Words]] = {}
    styled = bool(formats) and any(b's="%s"' % k.encode() in xml for k in formats or {})
    if b"<f" not in xml and b't="e"' not in xml and not styled:
        return found
    for match in _CELL.finditer(xml):
        attrs, body = _attrs(match.group(1)), match.group(2) or b""
        ref = _REF.fullmatch(attrs.get("r", "").encode())
        if ref is None:
            continue
        where = (int(ref.group(2)), _column_number(ref.group(1)))
        value = _VALUE.search(body)
        kind, _, fmt = (formats.get(attrs.get("s", ""), "") if formats else "").partition(" ")
        if kind and value is not None and attrs.get("t", "n") == "n":
            number = value.group(1).decode("ascii", "replace").strip()
            if kind == "percent":
                found[where] = ("percent-cell", _percent(number))
            else:
                found[where] = (
                    "scaled-format", words("scaled-format", format=inert(fmt), number=number)
                )  # fmt: skip
        elif attrs.get("t") == "e":
            error = html.unescape(value.group(1).decode("utf-8", "replace")) if value else "#N/A"
            found[where] = ("cell-error", words("cell-error", error=error[:20]))
        elif _FORMULA.search(body) and (value is None or not value.group(1).strip()):
            found[where] = ("formula-not-computed", FORMULA_NOT_COMPUTED)
        if len(found) >= MAX_SPECIAL:
            break
    return found


def _shown(number: str, times: int) -> str:
    try:
        return f"{float(number) * times:g}"
    except ValueError:
        return number


def _attrs(raw: bytes) -> dict[str, str]:
    return {k.decode(): html.unescape(v.decode("utf-8", "replace")) for k, v in _ATTR.findall(raw)}


def _column_number(letters: bytes) -> int:
    number = 0
    for ch in letters:
        number = number * 26 + ch - 64
    return number


def unpacked_size(data: bytes) -> int:
    """What a workbook costs to parse: a zip's declared unzipped size (each part at least
    its compressed size), else the file's size."""
    if not data.startswith(b"PK"):
        return len(data)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return sum(max(i.file_size, i.compress_size) for i in archive.infolist()) or len(data)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return len(data)


def zip_bounds(archive: zipfile.ZipFile) -> None:
    """The workbook's unzipped size and each part's compression ratio (a zip bomb)."""
    total = 0
    for info in archive.infolist():
        total += info.file_size
        ratio = info.file_size / max(info.compress_size, 1)
        if total > MAX_XLSX_UNZIPPED or (info.file_size > 1 << 20 and ratio > MAX_XLSX_RATIO):
            raise SourceError("xlsx-too-large", words("zip-bomb"), hint=words("hint-save-again"))


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


def candidates(found: list[SheetInfo]) -> tuple[list[SheetInfo], tuple[str, ...]]:
    """The visible sheets in the order the form is looked for in them (the template's sheet
    进度填报 first), and the hidden sheets (the first five), which are never read."""
    visible = [s for s in found if s.visible]
    if not visible:
        raise SourceError("bad-xlsx", words("all-hidden"), hint=words("hint-unhide"))
    visible.sort(key=lambda s: s.name != TEMPLATE_SHEET)
    hidden = [s.name for s in found if not s.visible]
    return visible, tuple(name[:40] for name in hidden[:5])


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
                raise SourceError("bad-xlsx", words("bad-cell-reference", cell=Cell(r[:20])))
            col, row = _column_number(m.group(1)), int(m.group(2))
        else:
            col += 1
        if row > MAX_ROW or col > 16_384:
            raise SourceError(
                "xlsx-too-large",
                words("cell-past-end", row=row, column=col),
                hint=words("hint-not-spreadsheet"),
            )
        if (row, col) <= last:
            raise SourceError(
                "xlsx-repeated-cell",
                words("cell-twice", cell=cell_ref(row, col)),
                row,
                hint=words("hint-open-save"),
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
            words(
                "used-range",
                range=where[:40],
                rows=rows,
                columns=cols,
                cells=MAX_SHEET_CELLS,
                width=MAX_XLSX_COLUMNS,
            ),
            hint=words("hint-stray-cells"),
        )


_ODS_TAG = re.compile(
    rb"<table:(table-row|table-cell|covered-table-cell|table)(?=[\s/>])([^>]*?)(/?)>|</table:table>"
)
_ODS_TEXT = re.compile(rb"<text:p\b[^>]*>(.*?)</text:p>", re.S)


Special = dict[tuple[int, int], tuple[str, Words]]


def ods_bounds(data: bytes) -> bytes | None:
    """An .ods workbook bounded before the worker inflates it: the zip's declared sizes,
    then content.xml inflated as it streams (at most MAX_XLSX_UNZIPPED bytes, whatever the
    zip declares), then the used range its repeated rows and columns describe: a row of
    values repeated a million times is a few bytes of XML and a dense block of a million
    rows in calamine. Only cells that hold something count (LibreOffice ends each sheet
    with empty rows repeated to the sheet's last row). SourceError past a bound; else the
    content.xml read (which ods_cells reads from), or None for no readable zip."""
    too_large = SourceError("xlsx-too-large", words("zip-bomb"), hint=words("hint-save-again"))
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            zip_bounds(archive)
            chunks, size = [], 0
            with archive.open("content.xml") as part:
                while chunk := part.read(1 << 20):
                    size += len(chunk)
                    if size > MAX_XLSX_UNZIPPED:
                        raise too_large
                    chunks.append(chunk)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, EOFError, RuntimeError):
        return None  # not a readable zip: the worker says why
    xml = b"".join(chunks)
    cells, bottom, right, row, col, repeat = 0, 0, 0, 0, 1, 1
    for match in _ODS_TAG.finditer(xml):
        tag, raw, empty = match.group(1), match.group(2) or b"", match.group(3) == b"/"
        if tag is None or tag == b"table":  # a sheet's end or start: its block is counted
            cells += bottom * right
            bottom, right, row, col, repeat = 0, 0, 0, 1, 1
        elif tag == b"table-row":
            row, col = row + repeat, 1
            repeat = _repeats(_attrs(raw).get("table:number-rows-repeated"))
        else:
            across = _repeats(_attrs(raw).get("table:number-columns-repeated"))
            if not empty or b"value-type" in raw or b"formula" in raw:
                bottom, right = max(bottom, row + repeat - 1), max(right, col + across - 1)
            col += across
        if right > MAX_XLSX_COLUMNS or bottom > MAX_ROW or cells + bottom * right > MAX_SHEET_CELLS:
            raise SourceError(
                "xlsx-too-large",
                words("used-ranges-repeat", cells=MAX_SHEET_CELLS, repeat=max(repeat, 1)),
                hint=words("hint-stray-or-csv"),
            )
    return xml


def ods_cells(xml: bytes, name: str) -> tuple[Special, list[Merged]]:
    """An .ods sheet's cells to speak of (error cells, formulas without a value, numbers
    formatted as percentages) and its merged ranges over several rows, from its content.xml
    as ods_bounds read it (calamine gives neither for .ods)."""
    special: Special = {}
    merged: list[Merged] = []
    inside, row, col, next_row = False, 0, 1, 1
    for match in _ODS_TAG.finditer(xml):
        tag, raw = match.group(1), match.group(2)
        if tag is None:  # </table:table>
            if inside:
                break
            continue
        attrs = _attrs(raw or b"")
        if tag == b"table":
            inside = attrs.get("table:name") == name
            row, col, next_row = 0, 1, 1
            continue
        if not inside:
            continue
        if tag == b"table-row":
            row, col = next_row, 1
            next_row += _count(attrs.get("table:number-rows-repeated"))
            continue
        where, col = (row, col), col + _count(attrs.get("table:number-columns-repeated"))
        if tag != b"table-cell" or len(special) >= MAX_SPECIAL:
            continue
        rows_spanned = _count(attrs.get("table:number-rows-spanned"))
        if rows_spanned > 1 and len(merged) < MAX_SPECIAL:
            right = where[1] + _count(attrs.get("table:number-columns-spanned")) - 1
            merged.append((row, where[1], row + rows_spanned - 1, right))
        kind = attrs.get("calcext:value-type") or attrs.get("office:value-type", "")
        if kind == "error":
            text = _ODS_TEXT.search(xml, match.end(), match.end() + 400)
            error = html.unescape(text.group(1).decode("utf-8", "replace")) if text else "#N/A"
            special[where] = ("cell-error", words("cell-error", error=error[:20]))
        elif kind == "percentage":
            number = attrs.get("office:value", "")
            special[where] = ("percent-cell", _percent(number))
        elif "table:formula" in attrs and match.group(3) != b"/" and kind == "":
            special[where] = ("formula-not-computed", FORMULA_NOT_COMPUTED)
    return special, merged


FORMULA_NOT_COMPUTED = words("formula-not-computed")


def _percent(number: str) -> Words:
    """A number shown as a percentage: what it shows, what it holds (the figure read)."""
    return words("percent-cell", shown=_shown(number, 100), number=number)


def _repeats(text: str | None) -> int:
    """A repeat count for bounding: a long number saturates instead of counting as 1."""
    text = (text or "").strip()
    return min(int(text[:12]), 1 << 40) if text.isascii() and text.isdigit() else 1


def _count(text: str | None) -> int:
    return int(text) if text and text.isdigit() and len(text) < 8 else 1


def answer_from(raw: bytes) -> tuple[Any, ...]:
    """The worker's JSON answer, checked as untrusted input: ("ok", sheet, hidden, top, left,
    rows of text cells, sheets looked at, merged ranges), ("too-large", "") or ("bad",
    why). Anything of another shape, size or type is a ("bad", …) answer, never a row."""
    import json

    from zjplan.progress.sheetworker import MAX_ANSWER

    if not raw or len(raw) > MAX_ANSWER:
        return ("too-large", "")
    bad = ("bad", "the reader's answer was malformed")

    def no_constant(name: str) -> Any:
        raise ValueError(name)

    try:
        answer = json.loads(raw, parse_constant=no_constant)
    except (ValueError, RecursionError):
        return bad
    if not isinstance(answer, list) or not answer or not isinstance(answer[0], str):
        return bad
    if answer[0] == "too-large":
        return ("too-large", "")
    if answer[0] == "bad" and len(answer) == 2 and isinstance(answer[1], str):
        return ("bad", answer[1][:300])
    if answer[0] != "ok" or len(answer) != 8:
        return bad
    _, name, hidden, top, left, rows, looked_at, merged = answer
    if not (_texts([name]) and _counts([top, left], MAX_ROW)):
        return bad
    if not (isinstance(hidden, list) and len(hidden) <= 5 and _texts(hidden)):
        return bad
    if not (isinstance(looked_at, list) and len(looked_at) <= 50 and _texts(looked_at)):
        return bad
    if not isinstance(rows, list) or len(rows) > MAX_ROW:
        return bad
    cells = 0
    for row in rows:
        if not isinstance(row, list) or not _texts(row):
            return bad
        cells += len(row)
        if cells > MAX_SHEET_CELLS:
            return ("too-large", "")
    if not isinstance(merged, list) or len(merged) > MAX_SPECIAL:
        return bad
    spans: list[Merged] = []
    for span in merged:
        if not (isinstance(span, list) and len(span) == 4 and _counts(span, MAX_ROW + 1)):
            return bad
        if min(span) < 1 or span[2] < span[0] or span[3] < span[1]:
            return bad
        spans.append((span[0], span[1], span[2], span[3]))
    return ("ok", name, hidden, top, left, rows, looked_at, spans)


def _texts(values: list[Any]) -> bool:
    return all(type(v) is str for v in values)


def _counts(values: list[Any], limit: int) -> bool:
    return all(type(v) is int and 0 <= v <= limit for v in values)


def guarded_rows(data: bytes) -> tuple[Chosen, Rows]:
    """An .xls, .xlsb or .ods workbook's form, read by sheetworker.py in an isolated child
    process with a memory cap, a CPU limit and a timeout; its answer is checked as
    untrusted input."""
    import subprocess

    from zjplan.progress import sheetworker

    # .ods: a zip, bounded before the child inflates it; its XML says what calamine does not
    content = ods_bounds(data) if data.startswith(b"PK") else None
    try:
        done = subprocess.run(
            sheetworker.command(TEMPLATE_SHEET),
            input=data, capture_output=True, timeout=sheetworker.TIMEOUT, check=False,
        )  # fmt: skip
        answer = answer_from(done.stdout)
    except subprocess.TimeoutExpired:
        answer = ("too-large", "")
    except OSError as exc:
        raise SourceError(
            "bad-xlsx", words("reader-not-started", why=exc.strerror or str(exc))
        ) from exc
    if answer[0] == "too-large":
        raise SourceError(
            "xlsx-too-large",
            words("sheet-too-large", mib=sheetworker.MEMORY >> 20, seconds=sheetworker.TIMEOUT),
            hint=words("hint-stray-or-csv"),
        )
    if answer[0] != "ok":
        raise SourceError("bad-xlsx", words("workbook-unreadable", why=answer[1]))
    _, name, hidden, top, left, rows, looked_at, merged = answer
    if rows and max(map(len, rows)) > MAX_XLSX_COLUMNS:
        raise SourceError("xlsx-too-large", words("too-wide", width=MAX_XLSX_COLUMNS))
    spans: list[Merged] = list(merged)
    special: dict[tuple[int, int], tuple[str, Words]] = {}
    if content is not None:
        special, ods_merged = ods_cells(content, name)
        spans = spans or ods_merged
    chosen = Chosen(name, tuple(hidden), special, tuple(looked_at), tuple(spans))
    return chosen, SheetRows(iter(rows), top, left, chosen.merged)


def xlsx_rows(data: bytes) -> tuple[Chosen, Rows]:
    """The form in an .xlsx (or .xlsm) workbook's bytes, as rows of text cells: the sheet
    进度填报, else the first visible sheet with a form's header in its first rows (a form
    behind an instructions sheet), else the first visible sheet. Each sheet looked into
    is bounded before calamine builds it; the others are never read."""
    from python_calamine import CalamineWorkbook

    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise SourceError("bad-xlsx", words("xlsx-unreadable", why=str(exc))) from exc
    with archive:
        try:
            zip_bounds(archive)
            visible, hidden = candidates(sheets(archive))
            try:
                formats = display_formats(archive.read("xl/styles.xml"))
            except KeyError:
                formats = {}
            book = _calamine(CalamineWorkbook.from_filelike, io.BytesIO(data))
            looked_at: list[str] = []
            for info in visible[:50]:
                xml = _bounded_part(archive, info)
                looked_at.append(info.name)
                top, left, rows = _calamine(_sheet_rows, book, info.name)
                head = _calamine(_head, rows)
                cells = [[""] * left + [cell_text(v) for v in row] for row in head]
                if len(visible) == 1 or header_index(cells) is not None:
                    break
            else:  # no sheet has the form's header: the first is read, and the error says so
                info = visible[0]
                xml = _bounded_part(archive, info)
                top, left, rows = _calamine(_sheet_rows, book, info.name)
                head = []
        except SourceError:
            raise
        except (zipfile.BadZipFile, KeyError, OSError, ValueError, EOFError) as exc:
            raise SourceError("bad-xlsx", words("xlsx-unreadable", why=str(exc))) from exc
    special = special_cells(xml, formats)
    chosen = Chosen(info.name, hidden, special, tuple(looked_at), tuple(merged_ranges(xml)))
    # calamine starts at the first used cell; keep the sheet's real row and column.
    return chosen, SheetRows(itertools.chain(head, rows), top, left, chosen.merged)


T = TypeVar("T")


def _calamine(call: Callable[..., T], *args: Any) -> T:
    """``call(*args)``, calamine's own error types for a broken workbook turned into a
    located problem."""
    try:
        return call(*args)
    except Exception as exc:
        raise SourceError("bad-xlsx", words("xlsx-unreadable", why=str(exc))) from exc


def _head(rows: Iterator[list[Any]]) -> list[list[Any]]:
    return list(itertools.islice(rows, HEADER_ROWS))


def _sheet_rows(book: Any, name: str) -> tuple[int, int, Iterator[list[Any]]]:
    sheet = book.get_sheet_by_name(name)
    top, left = sheet.start or (0, 0)
    return top, left, sheet.iter_rows()


def _bounded_part(archive: zipfile.ZipFile, info: SheetInfo) -> bytes:
    """A sheet's XML, its used range bounded (SourceError past the bounds)."""
    xml = archive.read(info.path) if info.path else b""
    used_range(xml)
    return xml
