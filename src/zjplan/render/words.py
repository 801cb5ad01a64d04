"""Targets and figures in words for people: numbers as the document writes them (10万),
targets as it states them (≥10万台, ≈50个, 前列), a milestone's state in either language."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, assert_never

from zjplan.comparators import kind
from zjplan.model import Plan, Target
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
    """The target as the document says it: ≥10万台, ≈50个, 8000家, 前列(前5)."""
    unit = target.unit or ""
    comparator = target.comparator
    match comparator:
        case "at_least" | "about" | "reach" | "at_most":
            return f"{kind(comparator).symbol}{number(target.value)}{unit}"
        case "change_by":
            if lang == "zh":
                verb = "下降" if target.direction == "down" else "增长"
                return f"{verb}{number(target.value)}%"
            return f"{'−' if target.direction == 'down' else '+'}{number(target.value)}%"
        case "annual_growth":
            if lang == "zh":
                return f"年均增长{number(target.value)}%"
            return f"{number(target.value)}% a year"
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


def name(target: Target, lang: str) -> str:
    return target.name_zh if lang == "zh" else target.name_en


def latest_text(r: TargetResult, lang: str) -> str:
    """The figure a target is judged on, as people read it: 7.6万台 @2019-06-30."""
    if r.latest is None:
        return "—"
    if r.milestone_state is not None:
        value = MILESTONE_WORDS[lang][r.milestone_state]
    elif kind(r.comparator).reading == "rank":
        value = f"第{r.latest.value:g}" if lang == "zh" else f"#{r.latest.value:g}"
    else:
        mark = QUALIFIER_MARKS[lang][r.latest.qualifier]
        value = mark + number(r.latest.value) + (r.unit or "")
    return f"{value} @{r.latest.as_of}{coverage_text(r, lang)}"


def coverage_text(r: TargetResult, lang: str) -> str:
    """' · 5/11市' beside a sum that not every expected city reported for ('' for a
    complete sum, or a figure that is no sum)."""
    c = r.latest.coverage if r.latest is not None else None
    if c is None or c.complete:
        return ""
    return f" · {c.reported}/{c.expected}{'市' if lang == 'zh' else ' cities'}"
