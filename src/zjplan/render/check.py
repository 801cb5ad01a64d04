"""`zjplan check` for people: files, then every problem as a compiler would print it,
then who is missing, then the counts."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator, Sequence

from rich.console import Console, ConsoleOptions, Group, RenderableType
from rich.segment import Segment
from rich.style import Style
from rich.table import Table
from rich.text import Text

from zjplan.errors import Problem
from zjplan.model import Plan
from zjplan.sanitise import inert
from zjplan.submissions import CheckReport

MAX_FILE_ROWS = 1000  # files listed in the table; a batch of 200,000 is summarised


class Lines:
    """Problems printed one line each as they are (made inert), one segment a line: no
    wrapping or markup, so 40,000 problem lines cost what writing them costs. A line is made
    only as it is printed. Never cropped at the terminal's width (cli.app.print_out prints
    it with crop=False): a long line wraps where the terminal wraps it, whole."""

    crop = False

    def __init__(self, problems: Sequence[Problem], show: Callable[[Problem], str]) -> None:
        self.problems = problems
        self.show = show

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> Iterator[Segment]:
        error, warning = Style.parse("red"), Style.parse("yellow")
        newline = Segment.line()
        for p in self.problems:
            yield Segment(inert(self.show(p)), error if p.severity == "error" else warning)
            yield newline


# Problems a part of the view holds: the console keeps a part's lines until it is printed
# (cli.app.print_out prints a Group part by part), so 200,000 problems never sit in memory
# as lines at once.
LINES_A_PART = 2_000


WORDS = {
    "en": {
        "files": "Files",
        "columns": ("file", "read as", "owner", "regions", "rows", "used", "errors", "warnings"),
        "more": "… and {n:,} more file(s), {t:,} of them with problems "
        "(listed below; `--format json` lists every file)",
        "completeness": "Completeness {period} ({start} – {end})",
        "c_columns": ("region", "state", "reported", "missing (why)"),
        "summary": "{files} file(s), {rows} row(s), {used} used: {errors} error(s), "
        "{warnings} warning(s)",
        "missing": "; {n} figure(s) missing",
        "nothing_from": ", nothing from ",
        "sent": "sent: ",
    },
    "zh": {
        "files": "文件",
        "columns": ("文件", "读取方式", "所属地区", "涉及地区", "行数", "采用", "错误", "警告"),
        "more": "… 另有 {n:,} 个文件，其中 {t:,} 个有问题（见下文；`--format json` 列出全部文件）",
        "completeness": "报送情况 {period}（{start} 至 {end}）",
        "c_columns": ("地区", "报送情况", "已报", "缺报（原因）"),
        "summary": "{files} 个文件，{rows} 行，采用 {used} 行："
        "错误 {errors} 个，警告 {warnings} 个",
        "missing": "；缺报 {n} 项",
        "nothing_from": "，未收到：",
        "sent": "所报文件：",
    },
}


def check_view(report: CheckReport, plan: Plan, lang: str = "en") -> RenderableType:
    from zjplan.render.chase import CAUSE_WORDS, STATE_WORDS

    words = WORDS[lang]
    parts: list[RenderableType] = []
    files = Table(title=str(words["files"]), title_justify="left", pad_edge=False)
    numeric = set(words["columns"][4:])
    for column in words["columns"]:
        files.add_column(column, overflow="fold", justify="right" if column in numeric else "left")
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
        parts.append(Text(str(words["more"]).format(n=len(more), t=troubled), style="dim"))

    show: Callable[[Problem], str] = Problem.format  # English: the plain method, per line
    if lang != "en":
        show = functools.partial(Problem.format, lang=lang)
    problems = report.problems
    parts += (
        Lines(problems[i : i + LINES_A_PART], show) for i in range(0, len(problems), LINES_A_PART)
    )
    if report.completeness is not None:
        c = report.completeness
        title = str(words["completeness"]).format(period=c.period, start=c.start, end=c.end)
        table = Table(title=title, title_justify="left", pad_edge=False)
        for column in words["c_columns"]:
            table.add_column(column, overflow="fold")
        states, causes = STATE_WORDS[lang], CAUSE_WORDS[lang]
        for r in c.regions:
            style = "green" if not r.missing else ("bold red" if r.reported == 0 else "yellow")
            if r.state in ("not_sent", "sent_unreadable", "wrong_period") and r.missing:
                # one cause for all: the region's files, not its figures
                missing = f"{len(r.missing)}"
                if r.sent:
                    missing += f"; {words['sent']}" + ", ".join(r.sent)
            else:
                missing = (
                    "、".join(
                        f"{_name(plan, t, lang)} ({causes[r.causes.get(t, 'not_sent')]})"
                        for t in r.missing
                    )
                    or "—"
                )
            table.add_row(
                Text(inert(r.region)),
                Text(states[r.state], style=style),
                Text(f"{r.reported}/{r.expected}", style=style),
                Text(inert(missing)),
            )
        parts.append(table)
    s = report.summary
    line = Text(
        str(words["summary"]).format(
            files=s.files, rows=s.rows, used=s.used, errors=s.errors, warnings=s.warnings
        ),
        style="bold red" if s.errors else "bold green",
    )
    if report.completeness is not None:
        line.append(str(words["missing"]).format(n=s.missing_figures))
        if s.missing_regions:
            line.append(str(words["nothing_from"]) + "、".join(s.missing_regions))
    parts.append(line)
    return Group(*parts)


def _name(plan: Plan, target_id: str, lang: str) -> str:
    return plan.by_id[target_id].name_zh if lang == "zh" else target_id
