"""`zjplan explain`: everything about one target, each number with its formula and inputs."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from zjplan.comparators import kind
from zjplan.model import Target
from zjplan.progress import Observation
from zjplan.render.labels import STATUS_STYLE, status_word, verdict
from zjplan.render.words import MILESTONE_WORDS, number, percent, target_text
from zjplan.report import TargetResult
from zjplan.sanitise import inert
from zjplan.series import Point


def formulas(r: TargetResult) -> list[tuple[str, float | None, str]]:
    """(name, value, formula with its inputs) for every number of METHOD.md."""
    if r.latest is None:
        return []
    x, t = r.latest.value, r.latest.as_of
    T, b, S, D = r.value, r.baseline, r.start, r.deadline
    tb = r.baseline_as_of or S
    fx, fT = f"{x:g}", "—" if T is None else f"{T:g}"
    span = (D - S).days
    rows: list[tuple[str, float | None, str]] = [
        ("elapsed_share", r.elapsed_share, f"(t − S)/(D − S) = {(t - S).days}/{span} days"),
    ]
    if not kind(r.comparator).numeric or T is None:
        return rows
    progress = (
        f"(x − b)/(T − b) = ({fx} − {b:g})/({fT} − {b:g})"
        if b is not None
        else f"x/T = {fx}/{fT} (baseline unknown)"
    )
    rows += [
        ("attainment", r.attainment, f"x/T = {fx}/{fT}"),
        ("progress_share", r.progress_share, progress),
        ("schedule_gap", r.schedule_gap, "progress_share − elapsed_share"),
        ("gap", r.gap, f"max(T − x, 0) = max({fT} − {fx}, 0)"),
        (
            "required_per_year",
            r.required_per_year,
            "gap / ((D − E)/365), E the report date",
        ),
        (
            "projection",
            r.projection,
            "least-squares line through the figures since S"
            + (f" and the baseline {b:g} at its date {tb}" if b is not None else "")
            + f", read at D = {D}",
        ),
        (
            "cagr_actual",
            r.cagr_actual,
            "(x/x₀)^(1/(t − t₀)) − 1, x₀ the baseline at its date, else the first figure since S",
        ),
        (
            "cagr_required",
            r.cagr_required,
            f"(T/b)^(1/(D − t_b)) − 1 = ({fT}/{b:g})^(1/{(D - tb).days / 365:g}) − 1"
            if b
            else "(T/b)^(1/(D − t_b)) − 1",
        ),
        ("pace_ratio", r.pace_ratio, "cagr_actual / |cagr_required|"),
        (
            "time_distance_years",
            r.time_distance_years,
            "years ahead (+) or behind (−) the line from (t_b, b) to (D, T)",
        ),
    ]
    return rows


def _shown(name: str, value: float | None) -> str:
    if value is None:
        return "—"
    if name in ("attainment", "progress_share", "elapsed_share", "schedule_gap") or name.startswith(
        "cagr"
    ):
        return percent(value)
    if name in ("pace_ratio", "time_distance_years"):
        return f"{value:.3f}"
    return number(value)


def trend(result: TargetResult, width: int = 40) -> RenderableType:
    """A small bar chart of the judged series against the target, one line per date."""
    goal = result.value or 0.0
    top = max([goal, *(p.value for p in result.history)]) or 1.0
    chart = Table(title="Trend", title_justify="left", box=None, pad_edge=False)
    chart.add_column("as of")
    chart.add_column("", no_wrap=True)
    chart.add_column("value", justify="right")
    mark = round(goal / top * width) if goal else None
    for p in result.history:
        filled = round(max(p.value, 0.0) / top * width)
        bar = Text("▰" * filled, style="cyan")
        bar.append("▱" * (width - filled), style="dim")
        if mark is not None and mark <= width:
            bar = bar[:mark] + Text("|", style="bold") + bar[mark:]
        chart.add_row(str(p.as_of), bar, number(p.value))
    chart.caption = Text(inert(f"| = target {number(goal)}{result.unit or ''}")) if goal else None
    chart.caption_justify = "left"
    return chart


def explain(
    target: Target,
    result: TargetResult,
    used: Sequence[Observation],
    series: Sequence[Point],
    lang: str,
) -> RenderableType:
    parts: list[RenderableType] = []
    name = target.name_zh if lang == "zh" else target.name_en
    head = Text(f"{target.id}  ", style="bold cyan")
    head.append(inert(name), style="bold")
    head.append(f"  [{inert(target.section)}]")
    parts.append(head)
    facts = Table.grid(padding=(0, 2))
    facts.add_column(style="bold")
    facts.add_column()
    facts.add_row("document", Text(inert(target.quote)))
    facts.add_row("target", Text(inert(target_text(target, lang))))
    if target.measure:
        facts.add_row("measure", target.measure)
    if target.assumption:
        facts.add_row("assumption", Text(inert(target.assumption)))
    facts.add_row("period", f"{target.start} → {target.deadline}")
    if target.baseline:
        facts.add_row(
            "baseline",
            Text(
                inert(
                    f"{target.baseline.value:g} at {target.baseline.as_of}, "
                    f"{target.baseline.source}"
                )
            ),
        )
    facts.add_row("owners (责任单位)", Text(inert("、".join(target.owners) or "—")))
    facts.add_row("MIIT (对接司局)", Text(inert("、".join(target.miit_departments) or "—")))
    _, style = STATUS_STYLE[result.status]
    facts.add_row("status", Text(verdict(result, lang), style=style))
    if result.status_reason:
        facts.add_row("why", Text(inert(result.status_reason)))
    if result.since is not None:
        from zjplan.render.attention import change_text

        then = result.since
        figure = f"{then.value:g} at {then.value_as_of}" if then.value is not None else "none"
        facts.add_row(
            f"at {then.as_of}",
            Text(
                f"{status_word(then.status, lang)} (figure: {figure}); since then: "
                + (inert(change_text(result, lang)) or "unchanged")
            ),
        )
    if result.latest is not None:
        age = result.figure_age_days
        facts.add_row(
            "figure",
            Text(
                f"{result.latest.qualifier}, {age} days old at the report date"
                + (f" (stale: {result.frequency} reporting)" if result.stale else "")
            ),
        )
    if result.baseline is not None:
        where = {
            "plan": "from the plan",
            "data": "the latest figure at or before the start (the plan gives none)",
            "new": "新增: counted from zero at the start",
        }[result.baseline_from or "plan"]
        facts.add_row(
            "baseline used", Text(f"{result.baseline:g} at {result.baseline_as_of}, {where}")
        )
    if result.milestone_state:
        facts.add_row("state", MILESTONE_WORDS[lang][result.milestone_state])
    if result.share_of_province is not None:
        facts.add_row("share of province", percent(result.share_of_province))
    parts += [facts, Text("")]

    observed = Table(title="Observations used", title_justify="left", pad_edge=False)
    for column in ("file:line", "region", "as of", "value", "source"):
        observed.add_column(column, overflow="fold")
    for o in used:
        observed.add_row(
            Text(inert(f"{o.file}:{o.line}")),
            Text(inert(o.region)),
            str(o.as_of),
            f"{o.value:g}",
            Text(inert(o.source)),
        )
    parts.append(observed if used else Text("No observations at or before the report date."))
    if any(p.source.startswith("sum of") for p in series):
        judged = Table(title="Province series (cities summed)", title_justify="left")
        for column in ("as of", "value", "from"):
            judged.add_column(column)
        for p in series:
            judged.add_row(str(p.as_of), f"{p.value:g}", Text(inert(p.source or p.region)))
        parts.append(judged)

    if result.history and kind(result.comparator).numeric:
        parts.append(trend(result))
    numbers = Table(title="Numbers (METHOD.md)", title_justify="left", pad_edge=False)
    for column in ("name", "value", "formula and inputs"):
        numbers.add_column(column, overflow="fold")
    for key, value, formula in formulas(result):
        shown = _shown(key, value)
        why = result.undefined.get(key)
        numbers.add_row(key, shown, Text(formula + (f"  — undefined: {why}" if why else "")))
    if result.pace_class:
        numbers.add_row("pace_class", result.pace_class, "R ≥ 0.95 / 0.60 / 0 thresholds")
    parts.append(numbers)
    undefined = [f"{k}: {v}" for k, v in result.undefined.items()]
    if result.latest is None and undefined:
        parts.append(Text(f"All numbers undefined: {next(iter(result.undefined.values()))}."))
    for warning in result.warnings:
        parts.append(Text(f"warning: {inert(warning)}", style="yellow"))
    return Group(*parts)
