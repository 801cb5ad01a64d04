"""CSV text that a spreadsheet opens safely: untrusted cells inert, formula-like text kept
as text. Every CSV zjplan writes (reports, templates, the merged file) goes through here."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence

from zjplan.sanitise import inert

Cell = str | int | float | None


def to_csv(header: Sequence[str], rows: Sequence[Sequence[Cell]]) -> str:
    """CSV text with untrusted cells made inert and formula-like text neutralised."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows([[_csv_cell(c) for c in row] for row in rows])
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
