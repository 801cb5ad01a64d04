"""`zjplan status` on a terminal: one table grouped by section, then the summary."""

from __future__ import annotations

from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.table import Table
from rich.text import Text

from zjplan.model import Plan
from zjplan.render.attention import rich_line
from zjplan.render.labels import LABELS
from zjplan.render.screen import (
    OWNERS_WIDTH,
    first_screen,
    layout,
    owner_rows,
    summary_line,
    warning_lines,
)
from zjplan.report import Report
from zjplan.sanitise import inert


class StatusTable:
    """The status table, laid out for the width it is printed at (console or file)."""

    def __init__(self, report: Report, plan: Plan, lang: str, all_rows: bool) -> None:
        self.report, self.plan, self.lang, self.all_rows = report, plan, lang, all_rows

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield self.table(options.max_width)

    def table(self, room: int) -> Table:
        report, lang = self.report, self.lang
        labels = LABELS[lang]
        found = layout(report, self.plan, lang, room, self.all_rows)
        title = Text(f"{inert(report.plan)} · {inert(report.region)} · {labels['as_of']} "
                     f"{report.as_of or '—'}")  # fmt: skip
        table = Table(title=title, title_style="bold", show_lines=False, pad_edge=False)
        for column in found.columns:
            table.add_column(
                labels[column],
                no_wrap=column != "owners",
                justify="right" if column == "gap" else "left",
                max_width=found.name_width if column == "name" else
                OWNERS_WIDTH if column == "owners" else None,
                min_width=found.fixed.get(column),
                overflow="fold" if column == "owners" else "ellipsis",
            )  # fmt: skip
        for kind, row in found.rows:
            if kind == "rule":
                table.add_section()
                continue
            table.add_row(*(rich_line(row.get(c, [])) for c in found.columns),
                          end_section=False)  # fmt: skip
        return table


def status_table(
    report: Report, plan: Plan, lang: str, *, all_rows: bool = False
) -> RenderableType:
    first = first_screen(report, lang)
    table = StatusTable(report, plan, lang, all_rows)
    after = [rich_line(line) for line in warning_lines(report, lang)]
    return Group(*map(rich_line, first), table, *after, summary(report, lang))


def summary(report: Report, lang: str) -> RenderableType:
    head, rows = owner_rows(report, lang)
    owners = Table(show_header=True, header_style="bold", pad_edge=False, box=None)
    for i, name in enumerate(head):
        owners.add_column(name, justify="right" if i else "left")
    for row in rows:
        owners.add_row(*(Text(text, style=style) for text, style in row))
    if not rows:  # a plan that names no owners: no table of them
        return Group(Text(""), rich_line(summary_line(report, lang)))
    return Group(Text(""), rich_line(summary_line(report, lang)), Text(""), owners)
