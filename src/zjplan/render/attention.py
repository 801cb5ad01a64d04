"""The officer's first screen: a headline of counts, then what needs attention, worst first.

Attention: every target that is behind, at risk, missed, stale or uncertain, ordered by how
bad its status is, then by how far behind schedule it is, each with its gap, what is needed
per year, and its owners. The same list and order serve the terminal, --brief and any
format that opens with it."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.text import Text

from zjplan.comparators import kind
from zjplan.render.labels import LABELS, STATUS_STYLE, STATUS_WORDS, verdict
from zjplan.render.words import number
from zjplan.report import SEVERITY, Report, TargetResult
from zjplan.sanitise import inert

HEADLINE = {
    "en": {"numeric": "quantitative targets", "tasks": "tasks", "attention": "Needs attention",
           "none": "Nothing is behind, at risk, missed, stale or uncertain.",
           "gap": "gap", "per_year": "needed / year", "owners": "owners"},
    "zh": {"numeric": "项量化指标", "tasks": "项任务", "attention": "需关注",
           "none": "没有滞后、有风险、未达成、数据较旧或存疑的指标。",
           "gap": "差距", "per_year": "每年需", "owners": "责任单位"},
}  # fmt: skip


def needs_attention(r: TargetResult) -> bool:
    return r.status in ("at_risk", "behind", "missed") or r.stale or r.uncertain


def worst_first(targets: list[TargetResult]) -> list[TargetResult]:
    """By severity (missed, behind, at risk, then the rest), then the schedule gap (most
    behind first); the document's order breaks ties (the sort is stable)."""
    return sorted(
        targets,
        key=lambda r: (
            -SEVERITY.get(r.status, -1),
            r.schedule_gap if r.schedule_gap is not None else 0.0,
        ),
    )


def counts_line(results: list[TargetResult], lang: str) -> Text:
    line = Text()
    for status in ("achieved", "on_track", "at_risk", "behind", "missed", "no_data", "unallocated"):
        n = sum(r.status == status for r in results)
        if n:
            _, style = STATUS_STYLE[status]
            symbol = STATUS_STYLE[status][0]
            line.append(f"{symbol} {STATUS_WORDS[lang][status]} {n}", style=style)
            line.append("  ")
    return line


def headline(report: Report, lang: str) -> RenderableType:
    """Report date and plan, counts per status for quantitative targets and for tasks, stale
    and uncertain counts."""
    words = HEADLINE[lang]
    labels = LABELS[lang]
    numeric = [r for r in report.targets if kind(r.comparator).reading != "state"]
    tasks = [r for r in report.targets if kind(r.comparator).reading == "state"]
    title = Text(
        f"{inert(report.plan)} · {inert(report.region)} · {labels['as_of']} {report.as_of or '—'}",
        style="bold",
    )
    lines: list[RenderableType] = [title]
    if numeric:
        lines.append(
            Text(f"{len(numeric)} {words['numeric']}: ").append_text(counts_line(numeric, lang))
        )
    if tasks:
        lines.append(Text(f"{len(tasks)} {words['tasks']}: ").append_text(counts_line(tasks, lang)))
    extra = [
        f"{labels[k]} {getattr(report.summary, k)}"
        for k in ("stale", "uncertain")
        if getattr(report.summary, k)
    ]
    if extra:
        lines.append(Text("  ".join(extra), style="yellow"))
    return Group(*lines)


def attention(report: Report, lang: str) -> RenderableType:
    """What is behind or at risk (or stale, or uncertain), worst first, one line each."""
    words = HEADLINE[lang]
    chosen = worst_first([r for r in report.targets if needs_attention(r)])
    if not chosen:
        return Text(words["none"], style="green")
    lines: list[RenderableType] = [Text(f"{words['attention']} ({len(chosen)}):", style="bold")]
    for r in chosen:
        _, style = STATUS_STYLE[r.status]
        name = r.name_zh if lang == "zh" else r.name_en
        line = Text(f"  {verdict(r, lang)}", style=style)
        line.append(f"  {inert(name)}")
        detail = Text(f"      {r.id}", style="cyan")
        unit = r.unit or ""
        if r.gap:
            detail.append(f"  {words['gap']} {number(r.gap)}{unit}")
        if r.required_per_year:
            detail.append(f", {words['per_year']} {number(r.required_per_year)}{unit}")
        if r.owners:
            more = "…" if len(r.owners) > 3 else ""
            detail.append(f"  {inert('、'.join(r.owners[:3]))}{more}", style="dim")
        lines += [line, detail]
    return Group(*lines)


def brief(report: Report, plan: object, lang: str) -> RenderableType:
    """--brief: the headline and the attention list only (with --since, what moved)."""
    parts = [headline(report, lang), Text(""), attention(report, lang)]
    if report.since is not None:
        parts += [Text(""), moved(report, lang)]
    return Group(*parts)


MOVE_ORDER = {"worse": 0, "better": 1, "new": 2, "lost": 3, "same": 4}


def changes(report: Report) -> list[TargetResult]:
    """With --since: the targets whose status moved (worse first, then better, then those
    with no figure then), then those whose figure changed under the same status."""
    moved = [
        r
        for r in report.targets
        if r.since is not None and (r.since.movement != "same" or r.since.change)
    ]
    return sorted(moved, key=lambda r: MOVE_ORDER[r.since.movement] if r.since else 9)


def change_text(r: TargetResult, lang: str) -> str:
    """'on track → behind; 1200 → 1500 (+300)' for one target's since block."""
    since = r.since
    if since is None:
        return ""
    labels = LABELS[lang]
    words = STATUS_WORDS[lang]
    parts = []
    if since.status != r.status:
        parts.append(f"{words[since.status]} → {words[r.status]}")
    now = r.latest.value if r.latest else None
    if kind(r.comparator).reading == "state":  # a task: its state, never the state's code
        from zjplan.numbers import STATE_OF_VALUE
        from zjplan.render.words import MILESTONE_WORDS

        def shown(value: float | None) -> str:
            state = STATE_OF_VALUE.get(value) if value is not None else None
            return MILESTONE_WORDS[lang][state] if state else "—"

        if since.value is None:
            parts.append(f"{labels['no_figure_then']} → {shown(now)}")
        elif since.change:
            parts.append(f"{shown(since.value)} → {shown(now)}")
    elif since.value is None:
        parts.append(f"{labels['no_figure_then']} → {number(now)}")
    elif since.change:
        sign = "+" if since.change > 0 else "−"
        parts.append(f"{number(since.value)} → {number(now)} ({sign}{number(abs(since.change))})")
    return ("；" if lang == "zh" else "; ").join(parts)


def moved(report: Report, lang: str) -> RenderableType:
    """The 'moved' section of --since: one line a target, worst news first."""
    labels = LABELS[lang]
    if report.since is None:
        return Group()
    chosen = changes(report)
    head = f"{labels['moved']} {report.since}"
    if not chosen:
        return Text(f"{labels['unchanged']} {report.since}.", style="dim")
    lines: list[RenderableType] = [Text(f"{head} ({len(chosen)}):", style="bold")]
    for r in chosen:
        movement = r.since.movement if r.since else "same"
        style = {"worse": "bold red", "better": "green"}.get(movement, "")
        name = r.name_zh if lang == "zh" else r.name_en
        line = Text(f"  {'▼' if movement == 'worse' else '▲' if movement == 'better' else '·'} ")
        line.append(inert(change_text(r, lang)), style=style)
        line.append(f"  {inert(name)}")
        line.append(f"  {r.id}", style="cyan")
        lines.append(line)
    return Group(*lines)
