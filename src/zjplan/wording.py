"""Words as data: every sentence zjplan makes is a key and parameters, said from one
bilingual catalogue.

A sentence is made with :func:`says` (``says("only-before-start", x=55000, day=...)``): a
:class:`Said`, which *is* its English text (so every output and the JSON show what they
showed before) and also carries its key and parameters. A renderer asks :func:`say` for
it in a language, which fills the same parameters into that language's template: no
sentence is parsed back to be translated, and the JSON carries ``params`` so a machine
need not parse English either. Adding a sentence is one entry in CATALOGUE (en and zh)
and its key in Key; tests/test_wording.py fails when either language is missing.

This round the engine's sentences (why a status or a number is what it is, its warnings,
the source of a sum) are here; the readers' problem messages are still translated by
render/zh_problems.py's patterns, and move here next.
"""

from __future__ import annotations

import functools
from datetime import date
from typing import Any, Literal, NamedTuple

from zjplan.sanitise import inert

Key = Literal[
    "no-figure-in-period",
    "only-before-start",
    "no-final-figure",
    "no-allocation",
    "not-computed-for",
    "needs-two-positive",
    "fold-no-rate",
    "zero-growth-target",
    "rate-not-level",
    "baseline-unknown",
    "target-is-baseline-no-change",
    "target-is-baseline",
    "progress-undefined",
    "deadline-passed",
    "needs-two-points",
    "baseline-after-deadline",
    "too-steep",
    "zero-target-no-rate",
    "baseline-zero",
    "needs-both-rates",
    "target-is-zero",
    "figure-is-zero",
    "achieved-earlier",
    "baseline-differs",
    "sum-of-cities",
    "province-vs-cities",
]


class Template(NamedTuple):
    en: str
    zh: str


CATALOGUE: dict[str, Template] = {
    "no-figure-in-period": Template(
        "no observation after the start and at or before the report date",
        "计划开始后、报告日前没有数据",
    ),
    "only-before-start": Template(
        "only figures from before the plan's start; latest {x:g} at {day}",
        "只有计划开始前的数据；最近一次为{day}的{x:g}",
    ),
    "no-final-figure": Template(
        "no figure for the final period (from {final}); latest {x:g} at {day}",
        "没有最后一期（{final}起）的数据，无法作出最终结论；最近一次为{day}的{x:g}",
    ),
    "no-allocation": Template(
        "the plan gives this region no allocation to judge against",
        "计划未给该地区分解任务，无从判断",
    ),
    "not-computed-for": Template(
        "not computed for a {comparator} target", "此类目标（{comparator}）不计算此项"
    ),
    "needs-two-positive": Template(
        "needs a first and a latest figure, both above zero, at different dates",
        "需要不同日期的首末两个大于零的数据",
    ),
    "fold-no-rate": Template(
        "growing {fold:g}-fold in {years:g} years is no rate",
        "{years:g}年增长{fold:g}倍，不能折算为增速",
    ),
    "zero-growth-target": Template(
        "a growth target of 0% has no ratio", "增速目标为0%，无法计算比值"
    ),
    "rate-not-level": Template(
        "not computed for an annual_growth target (a rate, not a level)",
        "年均增速目标不计算此项（目标是速度而非水平）",
    ),
    "baseline-unknown": Template("the baseline is unknown", "基数未知"),
    "target-is-baseline-no-change": Template(
        "the target equals the baseline: no change is required", "目标等于基数，无需变化"
    ),
    "target-is-baseline": Template("the target equals the baseline", "目标等于基数"),
    "progress-undefined": Template("the progress share is undefined", "完成进度无法计算"),
    "deadline-passed": Template("the deadline has passed at the report date", "报告日已过期限"),
    "needs-two-points": Template(
        "needs two points at different dates since the start", "需要计划开始后不同日期的两个数据"
    ),
    "baseline-after-deadline": Template(
        "the baseline is dated at or after the deadline", "基数日期不早于期限"
    ),
    "too-steep": Template(
        "the required change is too steep to be a rate", "所需变化过大，无法折算为增速"
    ),
    "zero-target-no-rate": Template("a target of 0 has no growth rate", "目标为0，无增速"),
    "baseline-zero": Template("the baseline is zero", "基数为0"),
    "needs-both-rates": Template(
        "needs both the actual and the required growth rate", "需要实际增速和所需增速"
    ),
    "target-is-zero": Template("the target is 0", "目标为0"),
    "figure-is-zero": Template("the figure is 0, at the target", "数据为0，已达目标"),
    "achieved-earlier": Template(
        "achieved at {day} ({value:g}); the latest figure ({x:g} at {last}) does not show it",
        "已于{day}达成（{value:g}）；最新数据（{last}的{x:g}）未体现",
    ),
    "baseline-differs": Template(
        "the plan's baseline is {plan:g} at {day}, but the data give {data:g} for that date",
        "计划给出的基数为{day}的{plan:g}，但数据中该日为{data:g}",
    ),
    "sum-of-cities": Template("sum of {n} cities", "{n}个市合计"),
    "province-vs-cities": Template(
        "{day}: the province reports {province:g} but its cities add up to {total:g} ({n} cities)",
        "{day}：全省数据为{province:g}，而各市（{n}个）合计为{total:g}",
    ),
}

Param = str | int | float | date


class Said(str):
    """A sentence: its English text, with the key and parameters it was said from."""

    key: str
    params: dict[str, Param]

    def __new__(cls, key: Key, params: dict[str, Param]) -> Said:
        said = super().__new__(cls, _fill(CATALOGUE[key].en, params))
        said.key, said.params = key, params
        return said

    def __reduce__(self) -> Any:  # copies and pickles keep the key and parameters
        return (Said, (self.key, self.params))

    def plain(self) -> dict[str, Any]:
        """The key and the parameters as JSON takes them (dates as ISO text)."""
        return {"key": self.key, **{k: _json(v) for k, v in self.params.items()}}


def says(key: Key, **params: Param) -> Said:
    """A sentence of the catalogue, with its parameters."""
    return Said(key, params) if params else _bare(key)


@functools.cache
def _bare(key: Key) -> Said:
    """A sentence without parameters, made once (the engine says 'the baseline is unknown'
    of many numbers of many targets)."""
    return Said(key, {})


def say(text: str | None, lang: str) -> str:
    """A sentence in the language asked for: a Said from its key and parameters, any
    other text (plan text, a file's source) as it is; '' for None."""
    if not text:
        return ""
    if lang == "en" or not isinstance(text, Said):
        return str(text)
    return _fill(getattr(CATALOGUE[text.key], lang, CATALOGUE[text.key].en), text.params)


def said_params(texts: dict[str, str | None]) -> dict[str, dict[str, Any]]:
    """The key and parameters of each text that was said from the catalogue, by name."""
    return {name: text.plain() for name, text in texts.items() if isinstance(text, Said)}


def is_said(text: object, key: Key) -> bool:
    """Whether ``text`` is the catalogue's sentence ``key`` (never its English compared)."""
    return isinstance(text, Said) and text.key == key


def _fill(template: str, params: dict[str, Param]) -> str:
    """The template with its parameters; text parameters made inert on the way in."""
    return template.format(**{k: inert(v) if isinstance(v, str) else v for k, v in params.items()})


def _json(value: Param) -> str | int | float:
    return value.isoformat() if isinstance(value, date) else value
