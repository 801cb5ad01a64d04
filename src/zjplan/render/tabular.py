"""Plain-text tables shared by the CSV and Markdown renderers."""

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


def to_markdown(header: Sequence[str], rows: Sequence[Sequence[Cell]]) -> str:
    """A GitHub-flavoured table; a ``|`` or newline in a cell cannot break it."""
    lines = [_md_row(header), "|" + "|".join("---" for _ in header) + "|"]
    lines += [_md_row(["" if c is None else str(c) for c in row]) for row in rows]
    return "\n".join(lines) + "\n"


def _md_row(cells: Sequence[str]) -> str:
    escaped = [
        inert(c.replace("\n", " ").replace("\r", " "))
        .replace("\\", "\\\\")
        .replace("|", "\\|")
        .replace("<", "&lt;")
        for c in cells
    ]
    return "| " + " | ".join(escaped) + " |"
