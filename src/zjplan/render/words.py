"""Targets and figures in words for people: numbers as the document writes them (10万),
targets as it states them (≥10万台, ≈50个, 前列), a milestone's state in either language."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, assert_never

from zjplan.comparators import kind
from zjplan.model import Plan, Target
from zjplan.numbers import COUNT_UNITS
from zjplan.render.labels import QUALIFIER_MARKS

if TYPE_CHECKING:
    from zjplan.report import TargetResult

MILESTONE_WORDS = {
    "en": {"done": "done", "in_progress": "in progress", "not_started": "not started"},
    "zh": {"done": "已完成", "in_progress": "推进中", "not_started": "未启动"},
}


def number(value: float | None) -> str:
    """A number as the plan writes it: 100000 -> 10万, 8000 -> 8000, 0.467 -> 0.467."""
    if value is None or not math.isfinite(value):
        return "—"
    if abs(value) >= 10000 and value % 100 == 0:
        return f"{value / 10000:g}万"
    if float(value).is_integer():
        return f"{int(value)}"
    return f"{value:.4g}" if abs(value) < 1000 else f"{round(value)}"


def percent(value: float | None) -> str:
    if value is None or not math.isfinite(value):
        return "—"
    return f"{value * 100:.1f}%"


def goal_text(r: TargetResult, plan: Plan, lang: str) -> str:
    """A judged target's goal as the document states it (its plan's wording), or its value
    alone for a target the plan no longer has: the one way every format says the goal."""
    target = plan.by_id.get(r.id)
    return target_text(target, lang) if target is not None else number(r.value)


def target_text(target: Target, lang: str = "zh") -> str:
    """The target as the document says it: ≥10万台, ≈50个, 3~5个, 8000家, 前列(前5); a
    target with milestones each of them (2023年≥60个；2025年≥120个)."""
    if target.milestones:
        from zjplan.base import replace

        staged = [
            replace(target, value=m.value, upper=m.upper, milestones=[], stretch=None,
                    binding=None, strive=False, measure=None, sustained=False)
            for m in target.milestones
        ]  # fmt: skip
        years = [m.deadline.year for m in target.milestones]
        parts = [
            f"{y}年{target_text(t, lang)}" if lang == "zh" else f"{target_text(t, lang)} by {y}"
            for y, t in zip(years, staged, strict=True)
        ]
        return ("；" if lang == "zh" else "; ").join(parts) + qualifiers(target, lang)
    unit = target.unit or ""
    comparator = target.comparator
    match comparator:
        case "at_least" | "about" | "reach" | "at_most":
            text = f"{kind(comparator).symbol}{number(target.value)}{unit}"
        case "between":  # as the document writes a range: 3~5个, 2.5%~3%
            low, high = number(target.value), number(target.upper)
            text = f"{low}~{high}{unit}" if unit != "%" else f"{low}%~{high}%"
            if target.within:
                text = f"控制在{text}" if lang == "zh" else f"within {text}"
        case "change_by":
            size = f"{number(target.value)}{'个百分点' if target.points else '%'}"
            if lang != "zh":
                size = f"{number(target.value)}{' points' if target.points else '%'}"
                text = f"{'−' if target.direction == 'down' else '+'}{size}"
            else:
                text = f"{'下降' if target.direction == 'down' else '提高'}{size}"
        case "annual_growth":
            tol = "左右" if target.tolerance and lang == "zh" else ""
            if lang == "zh":
                verb = "年均下降" if target.direction == "down" else "年均增长"
                text = f"{verb}{number(target.value)}%{tol}"
            else:
                sign = "−" if target.direction == "down" else ""
                about = "about " if target.tolerance else ""
                text = f"{about}{sign}{number(target.value)}% a year"
        case "monitor":
            if lang == "zh":
                return "监测(应降)" if target.direction == "down" else "监测(应升)"
            return "monitor ↓" if target.direction == "down" else "monitor ↑"
        case "rank_top":
            return f"前列(前{target.top})" if lang == "zh" else f"top {target.top}"
        case "milestone":
            return kind(comparator).label(lang)
        case _:
            assert_never(comparator)
    return text + qualifiers(target, lang)


def qualifiers(target: Target, lang: str) -> str:
    """What the plan says beside the number: 力争, 力争 Y, 每年, 保持, 约束性/预期性;
    '' when it says none of them."""
    zh = lang == "zh"
    parts = []
    if target.strive:
        parts.append("力争" if zh else "striving")
    if target.stretch is not None:
        unit = "%" if target.comparator == "change_by" and not target.points else target.unit
        y = f"{number(target.stretch)}{unit or ''}"
        parts.append(f"力争{y}" if zh else f"striving for {y}")
    if target.measure == "annual":
        parts.append("每年" if zh else "every year")
    if target.sustained:
        parts.append("保持" if zh else "held throughout")
    if target.part_of is not None:
        parts.append(f"其中项，属{target.part_of}" if zh else f"part of {target.part_of}")
    if target.binding is not None:
        zh_word, en_word = ("约束性", "binding") if target.binding else ("预期性", "expected")
        parts.append(zh_word if zh else en_word)
    if not parts:
        return ""
    return f"（{'，'.join(parts)}）" if zh else f" ({', '.join(parts)})"


def owners_text(owners: list[str], now: list[str] | None = None, lang: str = "zh") -> str:
    """Owners as people read them: joined with 、 (with ； when a name holds a 、 itself),
    a renamed body with its name today (省经信委（现省经济和信息化厅）), and 未明确 when
    the plan names none."""
    if not owners:
        return "未明确" if lang == "zh" else "not named"
    today = now if now and len(now) == len(owners) else owners
    shown = [
        o if n == o else (f"{o}（现{n}）" if lang == "zh" else f"{o} (now {n})")
        for o, n in zip(owners, today, strict=True)
    ]
    return ("；" if any("、" in o for o in owners) else "、").join(shown)


def name(target: Target, lang: str) -> str:
    return target.name_zh if lang == "zh" else target.name_en


def latest_text(r: TargetResult, lang: str) -> str:
    """The figure a target is judged on, as people read it: 7.6万台 @2019-06-30."""
    if r.latest is None:
        return "—"
    return f"{latest_value(r, lang)} @{r.latest.as_of}{coverage_text(r, lang)}"


def latest_value(r: TargetResult, lang: str) -> str:
    """The figure alone: 7.6万台, ≥3150家, 第3, 推进中, 下降5.6%（94.4）; '—' for none."""
    if r.latest is None:
        return "—"
    if r.milestone_state is not None:
        return MILESTONE_WORDS[lang][r.milestone_state]
    if kind(r.comparator).reading == "rank":
        return f"第{r.latest.value:g}" if lang == "zh" else f"#{r.latest.value:g}"
    if r.latest.change is not None:  # a change as published, and the level it makes
        value = published_change(r.latest.change, r.percentage_points, lang)
        return value + (
            f"（{number(r.latest.value)}）" if lang == "zh" else f" ({number(r.latest.value)})"
        )
    mark = QUALIFIER_MARKS[lang][r.latest.qualifier]
    return mark + number(r.latest.value) + (r.unit or "")


def published_change(change: float, points: bool, lang: str) -> str:
    """A change since the baseline as published: 下降5.6%, 提高2个百分点; −5.6%, +2 points."""
    size = number(abs(change))
    if lang == "zh":
        return f"{'下降' if change < 0 else '提高'}{size}{'个百分点' if points else '%'}"
    return f"{'−' if change < 0 else '+'}{size}{' points' if points else '%'}"


def coverage_text(r: TargetResult, lang: str) -> str:
    """' · 5/11市' beside a sum that not every expected city reported for ('' for a
    complete sum, or a figure that is no sum)."""
    c = r.latest.coverage if r.latest is not None else None
    if c is None or c.complete:
        return ""
    return f" · {c.reported}/{c.expected}{'市' if lang == 'zh' else ' cities'}"


def per_year(r: TargetResult, lang: str) -> str:
    """What is needed a year, with its unit; a count in whole things, rounded up (每年需
    1家, never 0.9973家); '—' when nothing is (or no time is left)."""
    if not r.required_per_year:
        return "—"
    value = r.required_per_year
    if (r.unit or "") in COUNT_UNITS:  # whole things (10万台 stays 10万: a scale's unit)
        value = math.ceil(value - 1e-9)
    return f"{number(value)}{gap_unit(r, lang)}"


def gap_unit(r: TargetResult, lang: str) -> str:
    """The unit a gap (or a yearly need) is in: 个百分点 for a change in points; none for
    the index a change in % makes; else the target's."""
    if r.percentage_points:
        return "个百分点" if lang == "zh" else " points"
    if r.figures == "change":
        return ""
    return r.unit or ""
