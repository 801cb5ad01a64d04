"""CSV text and workbook cells that a spreadsheet opens safely: untrusted cells inert,
formula-like text kept as text, and nothing longer than a cell holds. Every CSV zjplan
writes (reports, templates, the merged file) and every text cell of the workbooks it
writes (status.xlsx, chase.xlsx, the template) goes through here."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence

from zjplan.sanitise import inert

Cell = str | int | float | None


def to_csv(header: Sequence[str], rows: Sequence[Sequence[Cell]]) -> str:
    """CSV text with untrusted cells made inert and formula-like text neutralised."""
    return chunked_csv(header, [rows])


def chunked_csv(header: Sequence[str], chunks: Iterable[Sequence[Sequence[Cell]]]) -> str:
    """to_csv of rows given a chunk at a time (merge: one target's at a time, so the rows
    of millions of figures never exist at once; only their text does)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    # Ids, names, units and sources repeat row after row: each text is made safe once (a
    # merge of 200,000 rows made 1.4 million cells safe one by one, 1.3 s of its 3).
    safe: dict[str, Cell] = {}

    def made_safe(cell: Cell) -> Cell:
        if not isinstance(cell, str):
            return cell
        found = safe.get(cell)
        if found is None:
            found = _csv_cell(cell)
            if len(safe) < 65_536:
                safe[cell] = found
        return found

    for rows in chunks:
        writer.writerows([list(map(made_safe, row)) for row in rows])
    return out.getvalue()


# A spreadsheet runs a cell that starts like a formula (=, +, -, @, their full-width forms,
# or a tab or CR before them). A leading ' keeps it text; quotes already there are kept by
# adding one more, so the escape can be undone exactly (see plain_text).
_FORMULA = re.compile("'*[=+\\-@\uff1d\uff0b\uff0d\uff20\t\r]")


def formula_safe(text: str) -> str:
    """``text`` as a spreadsheet shows it and never runs it."""
    return "'" + text if _FORMULA.match(text) else text


def plain_text(text: str) -> str:
    """The text formula_safe was given: one leading ' taken off what it protected. Readers
    apply it to free text, so a merged file reads back unchanged."""
    return text[1:] if text[:1] == "'" and _FORMULA.match(text, 1) else text


def _csv_cell(cell: Cell) -> Cell:
    if not isinstance(cell, str):
        return cell
    return formula_safe(inert(cell))


EXCEL_CELL = 32_767  # UTF-16 code units Excel keeps in one cell; it cuts the rest silently
_SEPARATORS = ("\n", "；", "。", "、", "，", "; ", ", ", " ")
_CUT = {
    "en": " … [{n:,} more characters not written: over Excel's limit of 32,767 a cell]",
    "zh": " …［另有{n:,}字未写入：超过Excel单元格上限32,767字］",
}


def _units(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def _fitting(text: str, room: int) -> int:
    """The longest prefix of ``text`` (in characters) within ``room`` UTF-16 units, ending
    at a separator where one lies in its second half."""
    end = min(len(text), room)
    while _units(text[:end]) > room:
        end -= max(1, (_units(text[:end]) - room) // 2)
    for separator in _SEPARATORS:
        at = text.rfind(separator, end // 2, end)
        if at > 0:
            return at + len(separator)
    return end


def sheet_cell(text: str, lang: str = "en") -> str:
    """Untrusted text for one workbook cell: inert, and within Excel's limit; text past it is
    cut at a separator and the cell says how much is missing (never a silent cut)."""
    text = inert(text)
    if _units(text) <= EXCEL_CELL:
        return text
    marker = _CUT["zh" if lang == "zh" else "en"]
    keep = _fitting(text, EXCEL_CELL - _units(marker.format(n=len(text))))
    return text[:keep] + marker.format(n=len(text) - keep)


def sheet_pieces(text: str) -> list[str]:
    """Untrusted text of several lines (a reminder) for as many cells as it needs: each
    line inert, split at line breaks (else at separators) into pieces that each fit a
    cell; nothing is lost."""
    text = "\n".join(inert(line) for line in text.split("\n"))
    pieces: list[str] = []
    while _units(text) > EXCEL_CELL:
        keep = _fitting(text, EXCEL_CELL)
        pieces.append(text[:keep])
        text = text[keep:]
    return [*pieces, text]
