"""`zjplan explain`: everything about one target, each number with its formula and inputs."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from zjplan.comparators import kind
from zjplan.model import Target
from zjplan.progress import Observation
from zjplan.render.labels import QUALIFIER_MARKS, STATUS_STYLE, status_word, verdict
from zjplan.render.screen import change_text
from zjplan.render.words import (
    MILESTONE_WORDS,
    number,
    owners_text,
    percent,
    published_change,
    target_text,
)
from zjplan.render.zh import PACE_WORDS
from zjplan.report import TargetResult
from zjplan.sanitise import inert
from zjplan.series import Point
from zjplan.wording import is_said, say

FORMULA_ZH = {
    "days": "天",
    "(baseline unknown)": "（基数未知）",
    "gap / ((D − E)/365), E the report date": "差距 / ((D − E)/365)，E为报告日",
    "least-squares line through the figures since S": "开始日S以来各数据的最小二乘直线",
    " and the baseline": "及基数",
    " at its date": "（日期",
    ", read at D = ": "），在 D = ",
    "x₀ the baseline at its date, else the first figure since S":
        "x₀为基数（无基数时为S后的第一个数据）",
    "years ahead (+) or behind (−) the line from (t_b, b) to (D, T)":
        "相对 (t_b, b) 到 (D, T) 直线超前(+)或落后(−)的年数",
}  # fmt: skip
NAMES_ZH = {
    "elapsed_share": "序时进度", "attainment": "达成率", "progress_share": "完成进度",
    "schedule_gap": "进度差", "gap": "差距", "required_per_year": "每年需完成",
    "projection": "到期预测", "cagr_actual": "实际年均增速", "cagr_required": "所需年均增速",
    "pace_ratio": "速度比", "time_distance_years": "时间距离(年)", "pace_class": "推进速度",
}  # fmt: skip
WORDS: dict[str, dict[str, Any]] = {
    "en": {"document": "document", "target": "target", "measure": "measure",
           "assumption": "assumption", "period": "period", "baseline": "baseline",
           "owners": "owners (责任单位)", "miit": "MIIT (对接司局)", "status": "status",
           "why": "why", "figure": "figure", "baseline_used": "baseline used", "state": "state",
           "share": "share of province", "at": "at {day}", "observed": "Observations used",
           "province": "Province series (cities summed)", "numbers": "Numbers (METHOD.md)",
           "columns": ("name", "value", "formula and inputs"),
           "o_columns": ("file:line", "region", "as of", "value", "source"),
           "p_columns": ("as of", "value", "from"), "none": "No observations at or before "
           "the report date.", "undefined": "  — undefined: {why}",
           "all_undefined": "All numbers undefined: {why}.", "warning": "warning: {w}",
           "age": "{q}, {age} days old at the report date",
           "stale": " (stale: {f} reporting)", "from_plan": "from the plan",
           "from_data": "the latest figure at or before the start (the plan gives none)",
           "from_new": "新增: counted from zero at the start", "at_day": "{v} at {day}, {where}",
           "from_index": "an index of 100 at the start (the figures are changes; the plan "
           "gives no level)", "change": "as published: {c}", "stretch": "striving for",
           "met": "met", "not_met": "not met yet", "broken": "held until",
           "short": "years short", "missing": "years without a figure",
           "figure_at": "{v} at {day}",
           "then": "{status} (figure: {figure}); since then: {change}", "none_then": "none",
           "unchanged": "unchanged", "pace": "R ≥ 0.95 / 0.60 / 0 thresholds",
           "trend": "Trend", "t_columns": ("as of", "", "value"), "goal": "| = target {g}"},
    "zh": {"document": "原文", "target": "目标", "measure": "口径", "assumption": "假定",
           "period": "期间", "baseline": "基数", "owners": "责任单位", "miit": "对接司局",
           "status": "状态", "why": "原因", "figure": "数据", "baseline_used": "采用基数",
           "state": "进展", "share": "占全省比重", "at": "{day}时", "observed": "所用数据",
           "province": "全省序列（各市合计）", "numbers": "各项数值（METHOD.md）",
           "columns": ("名称", "数值", "公式与输入"),
           "o_columns": ("文件:行", "地区", "截至", "数值", "来源"),
           "p_columns": ("截至", "数值", "来自"), "none": "报告日前没有数据。",
           "undefined": "  — 无法计算：{why}", "all_undefined": "各项数值均无法计算：{why}。",
           "warning": "提示：{w}", "age": "{q}，报告日时已有{age}天",
           "stale": "（数据较旧：{f}报送）", "from_plan": "来自计划",
           "from_data": "开始日前最近的数据（计划未给出）", "from_new": "新增：自开始日从零计",
           "from_index": "开始日指数100（数据为变化幅度，计划未给出水平）",
           "change": "公布值：{c}", "stretch": "力争", "met": "已达到", "not_met": "尚未达到",
           "broken": "未能保持于", "short": "未达标年份", "missing": "缺数据年份",
           "at_day": "{day}的{v}，{where}", "figure_at": "{day}的{v}",
           "then": "{status}（数据：{figure}）；此后：{change}",
           "none_then": "无", "unchanged": "无变化", "pace": "阈值 R ≥ 0.95 / 0.60 / 0",
           "trend": "趋势", "t_columns": ("截至", "", "数值"), "goal": "| = 目标 {g}"},
}  # fmt: skip
MEASURE_ZH = {
    "stock": "存量（某日的水平）",
    "new": "新增（自开始日计）",
    "cumulative": "累计",
    "annual": "每年（当年数量）",
}
FREQUENCY_ZH = {"quarterly": "按季", "annual": "按年", "monthly": "按月", "semiannual": "按半年"}
QUALIFIER_ZH = {
    "exact": "确数",
    "at_least": "下限（超过）",
    "at_most": "上限（不到）",
    "about": "约数",
}


def _zh_formula(text: str) -> str:
    for en in sorted(FORMULA_ZH, key=len, reverse=True):  # a phrase before its parts
        text = text.replace(en, FORMULA_ZH[en])
    return text


def formulas(r: TargetResult, lang: str = "en") -> list[tuple[str, float | None, str]]:
    """(name, value, formula with its inputs) for every number of METHOD.md."""
    rows = _formulas(r)
    if lang == "zh":
        return [(name, value, _zh_formula(formula)) for name, value, formula in rows]
    return rows


def _formulas(r: TargetResult) -> list[tuple[str, float | None, str]]:
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


def trend(result: TargetResult, width: int = 40, lang: str = "en") -> RenderableType:
    """A small bar chart of the judged series against the target, one line per date."""
    words = WORDS[lang]
    goal = result.value or 0.0
    top = max([goal, *(p.value for p in result.history)]) or 1.0
    chart = Table(title=words["trend"], title_justify="left", box=None, pad_edge=False)
    for column in words["t_columns"]:
        chart.add_column(
            column, no_wrap=not column, justify="right" if column in ("value", "数值") else "left"
        )
    mark = round(goal / top * width) if goal else None
    for p in result.history:
        filled = round(max(p.value, 0.0) / top * width)
        bar = Text("▰" * filled, style="cyan")
        bar.append("▱" * (width - filled), style="dim")
        if mark is not None and mark <= width:
            bar = bar[:mark] + Text("|", style="bold") + bar[mark:]
        chart.add_row(str(p.as_of), bar, QUALIFIER_MARKS[lang][p.qualifier] + number(p.value))
    shown = f"{number(goal)}{result.unit or ''}"
    chart.caption = Text(inert(words["goal"].format(g=shown))) if goal else None
    chart.caption_justify = "left"
    return chart


def explain(
    target: Target,
    result: TargetResult,
    used: Sequence[Observation],
    series: Sequence[Point],
    lang: str,
    section_name: str = "",
) -> RenderableType:
    words = WORDS[lang]
    zh = lang == "zh"
    parts: list[RenderableType] = []
    name = target.name_zh if zh else target.name_en
    head = Text(f"{target.id}  ", style="bold cyan")
    head.append(inert(name), style="bold")
    head.append(f"  [{inert(f'{target.section} {section_name}'.strip())}]")
    parts.append(head)
    facts = Table.grid(padding=(0, 2))
    facts.add_column(style="bold")
    facts.add_column()
    facts.add_row(words["document"], Text(inert(target.quote)))
    facts.add_row(words["target"], Text(inert(target_text(target, lang))))
    if target.measure:
        facts.add_row(
            words["measure"],
            MEASURE_ZH.get(target.measure, target.measure) if zh else target.measure,
        )
    if target.assumption:
        facts.add_row(words["assumption"], Text(inert(target.assumption)))
    facts.add_row(words["period"], f"{target.start} → {target.deadline}")
    if target.baseline:
        b = target.baseline
        mark = QUALIFIER_MARKS[lang][b.qualifier]  # 约7.5万亿元
        facts.add_row(
            words["baseline"],
            Text(
                inert(words["at_day"].format(v=mark + f"{b.value:g}", day=b.as_of, where=b.source))
            ),
        )
    facts.add_row(words["owners"], Text(inert(owners_text(target.owners, result.owners_now, lang))))
    facts.add_row(words["miit"], Text(inert("、".join(target.miit_departments) or "—")))
    _, style = STATUS_STYLE[result.status]
    facts.add_row(words["status"], Text(verdict(result, lang), style=style))
    if result.status_reason:
        facts.add_row(words["why"], Text(inert(say(result.status_reason, lang))))
    if result.since is not None:
        then = result.since
        figure = words["none_then"]
        if then.value is not None:
            figure = words["figure_at"].format(v=f"{then.value:g}", day=then.value_as_of)
        facts.add_row(
            words["at"].format(day=then.as_of),
            Text(
                words["then"].format(
                    status=status_word(then.status, lang),
                    figure=figure,
                    change=inert(change_text(result, lang)) or words["unchanged"],
                )
            ),
        )
    if result.latest is not None:
        q = result.latest.qualifier
        text = words["age"].format(q=QUALIFIER_ZH[q] if zh else q, age=result.figure_age_days)
        if result.stale:
            f = result.frequency
            text += words["stale"].format(f=FREQUENCY_ZH.get(f, f) if zh else f)
        facts.add_row(words["figure"], Text(text))
    if result.baseline is not None:
        where = {
            "plan": words["from_plan"],
            "data": words["from_data"],
            "new": words["from_new"],
            "index": words["from_index"],
        }[result.baseline_from or "plan"]
        facts.add_row(
            words["baseline_used"],
            Text(
                words["at_day"].format(
                    v=f"{result.baseline:g}", day=result.baseline_as_of, where=where
                )
            ),
        )
    if result.latest is not None and result.latest.change is not None:
        shown = published_change(result.latest.change, result.percentage_points, lang)
        facts.add_row(words["figure"], Text(words["change"].format(c=shown)))
    if result.stretch is not None:
        met = words["met"] if result.stretch_met else words["not_met"]
        facts.add_row(words["stretch"], Text(f"{number(result.stretch)}{result.unit or ''}: {met}"))
    if result.broken_at is not None:
        facts.add_row(words["broken"], Text(str(result.broken_at)))
    for key, years in (("short", result.years_short), ("missing", result.years_missing)):
        if years:
            facts.add_row(words[key], Text("、".join(map(str, years))))
    if result.milestone_state:
        facts.add_row(words["state"], MILESTONE_WORDS[lang][result.milestone_state])
    if result.share_of_province is not None:
        facts.add_row(words["share"], percent(result.share_of_province))
    parts += [facts, Text("")]

    observed = Table(title=words["observed"], title_justify="left", pad_edge=False)
    for column in words["o_columns"]:
        observed.add_column(column, overflow="fold")
    for o in used:
        observed.add_row(
            Text(inert(f"{o.file}:{o.line}")),
            Text(inert(o.region)),
            str(o.as_of),
            QUALIFIER_MARKS[lang][o.qualifier] + f"{o.value:g}",
            Text(inert(o.source)),
        )
    parts.append(observed if used else Text(words["none"]))
    if any(is_said(p.source, "sum-of-cities") for p in series):
        judged = Table(title=words["province"], title_justify="left")
        for column in words["p_columns"]:
            judged.add_column(column)
        for p in series:
            source = say(p.source, lang) if p.source else p.region
            c = p.coverage
            cover = f" · {len(c.reported)}/{c.expected}" if c is not None else ""
            judged.add_row(
                str(p.as_of),
                QUALIFIER_MARKS[lang][p.qualifier] + f"{p.value:g}" + cover,
                Text(inert(source)),
            )
        parts.append(judged)

    if result.history and kind(result.comparator).numeric:
        parts.append(trend(result, lang=lang))
    numbers = Table(title=words["numbers"], title_justify="left", pad_edge=False)
    for column in words["columns"]:
        numbers.add_column(column, overflow="fold")
    for key, value, formula in formulas(result, lang):
        shown = _shown(key, value)
        why = result.undefined.get(key)
        label = f"{NAMES_ZH.get(key, key)} {key}" if zh else key
        note = words["undefined"].format(why=say(why, lang)) if why else ""
        numbers.add_row(label, shown, Text(formula + note))
    if result.pace_class:
        label = f"{NAMES_ZH['pace_class']} pace_class" if zh else "pace_class"
        word = PACE_WORDS[lang][result.pace_class]
        numbers.add_row(label, word, words["pace"])
    parts.append(numbers)
    if result.latest is None and result.undefined:
        why = say(next(iter(result.undefined.values())), lang)
        parts.append(Text(words["all_undefined"].format(why=why)))
    for warning in result.warnings:
        parts.append(Text(words["warning"].format(w=inert(say(warning, lang))), style="yellow"))
    return Group(*parts)
