"""CSV text that a spreadsheet opens safely: untrusted cells inert, formula-like text kept
as text. Every CSV zjplan writes (reports, templates, the merged file) goes through here."""

from __future__ import annotations

import csv
import io
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


def _csv_cell(cell: Cell) -> Cell:
    if not isinstance(cell, str):
        return cell
    text = inert(cell)
    # A spreadsheet runs text that starts like a formula; a leading quote keeps it text.
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text
