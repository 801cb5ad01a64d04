"""`zjplan status` as plain aligned text, for a pipe or a CI log: the same lines and cells
as the terminal's (render/screen.py), without rich (importing and laying out rich's table
was a third of a piped run's time). Columns are padded by their display width, so Chinese
stays aligned; no escape codes, no box drawing."""

from __future__ import annotations

from zjplan.model import Plan
from zjplan.render.labels import LABELS
from zjplan.render.screen import (
    first_screen,
    layout,
    owner_rows,
    summary_line,
    text_of,
    warning_lines,
    width,
)
from zjplan.report import Report


def _pad(text: str, room: int, right: bool = False) -> str:
    gap = " " * max(room - width(text), 0)
    return gap + text if right else text + gap


def _grid(head: list[str], rows: list[list[str]], right: set[int]) -> list[str]:
    """Rows of cells padded to their columns' widths; the last column is not padded."""
    widths = [max([width(head[i])] + [width(r[i]) for r in rows if i < len(r)])
              for i in range(len(head))]  # fmt: skip
    out = []
    for row in [head, ["─" * w for w in widths], *rows]:
        cells = [_pad(c, widths[i], i in right) for i, c in enumerate(row)]
        out.append("  ".join(cells).rstrip())
    return out


def status_plain(
    report: Report, plan: Plan, lang: str, *, all_rows: bool = False, room: int = 200
) -> str:
    labels = LABELS[lang]
    lines = [text_of(line) for line in first_screen(report, lang)]
    found = layout(report, plan, lang, room, all_rows)
    head = [labels[c] for c in found.columns]
    widths = [max(width(head[i]), found.fixed.get(c, 0)) for i, c in enumerate(found.columns)]
    if "name" in found.columns:
        i = found.columns.index("name")
        names = [width(text_of(r.get("name", []))) for k, r in found.rows if k != "rule"]
        widths[i] = max([width(head[i]), *names])
    right = {found.columns.index("gap")} if "gap" in found.columns else set()
    last = len(found.columns) - 1

    def row_text(cells: list[str]) -> str:
        padded = [c if i == last else _pad(c, widths[i], i in right) for i, c in enumerate(cells)]
        return "  ".join(padded).rstrip()

    lines.append(row_text(head))
    lines.append(row_text(["─" * w for w in widths]))
    for kind, row in found.rows:
        if kind == "rule":
            continue
        if kind == "section":  # the numeral, and the section's name when it has one
            name = text_of(row["name"]) if "name" in row and found.columns[0] != "name" else ""
            lines.append(f"{text_of(row[found.columns[0]])}  {name}".rstrip())
            continue
        cells = [text_of(row.get(c, [])) for c in found.columns]
        if kind == "fold" and "id" in found.columns and cells[0]:
            lines.append(f"{cells[0]}  {cells[found.columns.index('name')]}")
            continue
        lines.append(row_text(cells))
    lines += [text_of(line) for line in warning_lines(report, lang)]
    lines += ["", text_of(summary_line(report, lang)), ""]
    owners, counts = owner_rows(report, lang)
    grid = [[text for text, _ in row] for row in counts]
    if grid:  # a plan that names no owners: no table of them
        lines += _grid(owners, grid, set(range(1, len(owners))))
    return "\n".join(lines) + "\n"


def brief_plain(report: Report, lang: str) -> str:
    return "\n".join(text_of(line) for line in first_screen(report, lang, brief=True)) + "\n"
