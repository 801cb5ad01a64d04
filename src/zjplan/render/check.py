"""`zjplan check` for people: files, then every problem as a compiler would print it,
then who is missing, then the counts."""

from __future__ import annotations

from collections.abc import Iterator

from rich.console import Console, ConsoleOptions, Group, RenderableType
from rich.segment import Segment
from rich.style import Style
from rich.table import Table
from rich.text import Text

from zjplan.model import Plan
from zjplan.sanitise import inert
from zjplan.submissions import CheckReport

MAX_FILE_ROWS = 1000  # files listed in the table; a batch of 200,000 is summarised


class Lines:
    """Lines printed as they are (already inert), one segment each: no wrapping or markup,
    so 40,000 problem lines cost what writing them costs."""

    def __init__(self, lines: list[tuple[str, str]]) -> None:
        self.lines = lines  # (text, style)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> Iterator[Segment]:
        styles = {name: Style.parse(name) for name in {style for _, style in self.lines}}
        newline = Segment.line()
        for text, style in self.lines:
            yield Segment(text, styles[style])
            yield newline


def check_view(report: CheckReport, plan: Plan) -> RenderableType:
    parts: list[RenderableType] = []
    files = Table(title="Files", title_justify="left", pad_edge=False)
    for column in ("file", "read as", "owner", "regions", "rows", "used", "errors", "warnings"):
        files.add_column(
            column,
            overflow="fold",
            justify="right" if column in ("rows", "used", "errors", "warnings") else "left",
        )
    for f in report.files[:MAX_FILE_ROWS]:
        read_as = (
            f.format
            + (f" {f.encoding}" if f.encoding else "")
            + (f" [{f.sheet}]" if f.sheet else "")
        )
        files.add_row(
            Text(inert(f.file)),
            Text(inert(read_as)),
            Text(inert(f.owner or "—")),
            Text(inert("、".join(f.regions) or "—")),
            str(f.rows),
            str(f.used),
            Text(str(f.errors), style="bold red" if f.errors else ""),
            Text(str(f.warnings), style="yellow" if f.warnings else ""),
        )
    parts.append(files)
    if len(report.files) > MAX_FILE_ROWS:
        more = report.files[MAX_FILE_ROWS:]
        troubled = sum(1 for f in more if f.errors or f.warnings)
        parts.append(
            Text(
                f"… and {len(more):,} more file(s), {troubled:,} of them with problems "
                "(listed below; `--format json` lists every file)",
                style="dim",
            )
        )
    parts.append(
        Lines(
            [
                (inert(p.format()), "red" if p.severity == "error" else "yellow")
                for p in report.problems
            ]
        )
    )
    if report.completeness is not None:
        c = report.completeness
        table = Table(
            title=f"Completeness {c.period} ({c.start} – {c.end})",
            title_justify="left",
            pad_edge=False,
        )
        for column in ("region", "reported", "missing"):
            table.add_column(column, overflow="fold")
        states = {
            "complete": "—",
            "not_sent": "nothing sent",
            "sent_unreadable": "sent, unreadable: ",
            "wrong_period": "sent figures of another period only: ",
        }
        for r in c.regions:
            style = "green" if not r.missing else ("bold red" if r.reported == 0 else "yellow")
            missing = states.get(r.state, ", ".join(r.missing))
            if r.state in ("sent_unreadable", "wrong_period"):
                missing += ", ".join(r.sent)
            table.add_row(
                Text(inert(r.region)),
                Text(f"{r.reported}/{r.expected}", style=style),
                Text(missing),
            )
        parts.append(table)
    s = report.summary
    line = Text(
        f"{s.files} file(s), {s.rows} row(s), {s.used} used: {s.errors} error(s), "
        f"{s.warnings} warning(s)",
        style="bold red" if s.errors else "bold green",
    )
    if report.completeness is not None:
        line.append(f"; {s.missing_figures} figure(s) missing")
        if s.missing_regions:
            line.append(", nothing from " + "、".join(s.missing_regions))
    parts.append(line)
    return Group(*parts)
