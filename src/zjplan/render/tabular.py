"""Plain-text tables shared by the renderers (CSV lives in zjplan.csvtext)."""

from __future__ import annotations

from collections.abc import Sequence

from zjplan.csvtext import Cell
from zjplan.sanitise import inert


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
