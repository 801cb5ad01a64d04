"""`zjplan status` on a terminal: one table grouped by section, then the summary."""

from __future__ import annotations

from itertools import groupby

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from zjplan.model import Plan
from zjplan.render.labels import LABELS, STATUS_STYLE, STATUS_WORDS, status_word, verdict
from zjplan.render.order import in_document_order
from zjplan.render.words import latest_text, number, target_text
from zjplan.report import STATUSES, Report, TargetResult
from zjplan.sanitise import inert

BAR = 16


def bar(share: float | None, elapsed: float | None, style: str) -> Text:
    """▰▰▰▰▱▱|▱▱ 47%: progress filled, the 序时进度 (elapsed share) marked with '|'."""
    if share is None:
        return Text("—", style="dim")
    filled = round(min(max(share, 0.0), 1.0) * BAR)
    mark = BAR if elapsed is None else min(round(elapsed * BAR), BAR)
    text = Text()

    def cells(start: int, stop: int) -> None:
        full = max(0, min(filled, stop) - start)
        text.append("▰" * full, style=style)
        text.append("▱" * (stop - start - full), style="dim")

    cells(0, mark)
    if elapsed is None:
        text.append(" ")  # no 序时进度: a blank keeps the columns aligned
    else:
        text.append("|", style="bold")
    cells(mark, BAR)
    text.append(f" {share * 100:4.0f}%")
    return text


def _latest(r: TargetResult, lang: str, region: str) -> Text:
    if r.latest is None:
        return Text("—", style="dim")
    text = Text(inert(latest_text(r, lang)))
    if r.latest.region != region:
        text.append(f" {inert(r.latest.region)}", style="dim")
    return text


def _status(r: TargetResult, lang: str) -> Text:
    _, style = STATUS_STYLE[r.status]
    return Text(verdict(r, lang), style=style)


def status_table(report: Report, plan: Plan, lang: str) -> RenderableType:
    labels = LABELS[lang]
    region = inert(report.region)
    title = Text(f"{inert(report.plan)} · {region} · {labels['as_of']} {report.as_of or '—'}")
    table = Table(title=title, title_style="bold", show_lines=False, pad_edge=False)
    table.add_column(labels["id"], style="cyan", no_wrap=True)
    table.add_column(labels["name"], overflow="fold", max_width=28)
    table.add_column(labels["goal"], no_wrap=True)
    table.add_column(labels["latest"], overflow="fold")
    table.add_column(labels["progress"], no_wrap=True)
    table.add_column(labels["gap"], justify="right", no_wrap=True)
    table.add_column(labels["status"], no_wrap=True)
    table.add_column(labels["owners"], overflow="fold", max_width=30)
    warned: list[TargetResult] = []
    for section, rows in groupby(in_document_order(report.targets), key=lambda r: r.section):
        table.add_section()
        table.add_row(Text(inert(section), style="bold magenta"), end_section=False)
        for r in rows:
            if r.warnings:
                warned.append(r)
            target = plan.by_id.get(r.id)
            goal = target_text(target, lang) if target else number(r.value)
            _, style = STATUS_STYLE[r.status]
            name = r.name_zh if lang == "zh" else r.name_en
            table.add_row(
                r.id + ("*" if r.warnings else ""),
                Text(inert(name)),
                Text(inert(goal)),
                _latest(r, lang, report.region),
                bar(r.progress_share, r.elapsed_share, style.replace("bold ", "")),
                number(r.gap) if r.gap else ("0" if r.gap == 0 else "—"),
                _status(r, lang),
                Text(inert("、".join(r.owners))),
            )
    from zjplan.render.attention import attention, headline

    first = [headline(report, lang), Text(""), attention(report, lang), Text("")]
    return Group(*first, table, *warning_lines(warned, lang), summary(report, lang))


def warning_lines(warned: list[TargetResult], lang: str) -> list[Text]:
    """Under the table: each warning of a target marked * in it."""
    if not warned:
        return []
    lines = [Text(""), Text(f"{LABELS[lang]['warnings']}:", style="bold yellow")]
    for r in warned:
        lines += [Text(f"* {r.id}: {inert(w)}") for w in r.warnings]
    return lines


def summary(report: Report, lang: str) -> RenderableType:
    labels = LABELS[lang]
    counts = report.summary.by_status
    line = Text(f"{labels['summary']}: ", style="bold")
    for status in STATUSES:
        if counts.get(status):
            _, style = STATUS_STYLE[status]
            line.append(f"{status_word(status, lang)} {counts[status]}", style=style)
            line.append("   ")
    for key in ("stale", "uncertain"):
        count = getattr(report.summary, key)
        if count:
            line.append(f"{labels[key]} {count}   ", style="yellow")
    owners = Table(show_header=True, header_style="bold", pad_edge=False, box=None)
    owners.add_column(labels["owner"])
    shown = [s for s in STATUSES if any(c[s] for c in report.summary.by_owner.values())]
    for status in shown:
        owners.add_column(STATUS_WORDS[lang][status], justify="right")
    ranked = sorted(
        report.summary.by_owner.items(),
        key=lambda item: (-(item[1]["behind"] + item[1]["missed"]), -item[1]["at_risk"], item[0]),
    )
    for owner, c in ranked:
        cells = [
            Text(str(c[s]), style=STATUS_STYLE[s][1] if c[s] and s in ("behind", "missed") else "")
            for s in shown
        ]
        owners.add_row(Text(inert(owner)), *cells)
    return Group(Text(""), line, Text(""), owners)
