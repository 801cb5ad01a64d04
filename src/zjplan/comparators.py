"""What each kind of target means: the one comparator table the rest of zjplan asks.

A comparator says how a target's figure is judged against its value. Everything that
asks "what kind of target is this" (the model's rules, the engine, the reader's cell
parser, the cross-checks, every renderer) asks :func:`kind` or matches on the comparator
and ends in ``assert_never``, so a new comparator is a type error wherever it is not yet
handled (mypy --strict runs in ``make test``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, assert_never, get_args

Comparator = Literal[
    "at_least",
    "about",
    "reach",
    "between",
    "at_most",
    "change_by",
    "annual_growth",
    "monitor",
    "rank_top",
    "milestone",
]
COMPARATORS: tuple[Comparator, ...] = get_args(Comparator)
# Which way a figure must move to meet the target: a rank or a task's state has none;
# "given" means the target's own `direction: up | down` says.
Direction = Literal["rises", "falls", "none", "given"]
# What a figure of the target is: a number, a place in a ranking, or a task's state.
Reading = Literal["number", "rank", "state"]

# The numbers of METHOD.md, in report order; a comparator takes some of them.
METRICS: tuple[str, ...] = (
    "attainment",
    "progress_share",
    "elapsed_share",
    "schedule_gap",
    "gap",
    "required_per_year",
    "projection",
    "cagr_actual",
    "cagr_required",
    "pace_ratio",
    "time_distance_years",
)
_SCHEDULE_ONLY = frozenset({"elapsed_share"})


@dataclass(frozen=True, slots=True)
class Kind:
    """One comparator: how its figures read and are judged, and how people write it."""

    direction: Direction
    reading: Reading
    symbol: str  # as the document writes the target: ≥10万台, ≈50个, 前列
    label_zh: str
    label_en: str
    formulas: frozenset[str]  # the METRICS it takes
    keys: frozenset[str] = frozenset()  # the plan keys it needs (and no other comparator takes)
    optional: frozenset[str] = frozenset()  # the plan keys it may take
    valued: bool = True  # takes a value T (a level; for change_by and annual_growth, a percent)
    needs_baseline: bool = False  # judged against the baseline b, which the plan must give

    @property
    def numeric(self) -> bool:
        """A value T, a unit and a measure; attainment, progress, the CAGRs and the rest."""
        return self.reading == "number"

    def label(self, lang: str) -> str:
        return self.label_zh if lang == "zh" else self.label_en


ALL = frozenset(METRICS)
# Each row: direction, reading, symbol, label_zh, label_en, formulas, keys.
AT_LEAST = Kind("rises", "number", "≥", "以上", "at least", ALL)
ABOUT = Kind("rises", "number", "≈", "左右", "about", ALL, frozenset({"tolerance"}))
REACH = Kind("rises", "number", "", "达到", "reach", ALL)
# 3~5个: met inside [value, upper]; above it achieved and flagged exceeded (with within: true,
# a band to stay inside, above it is not met); below it judged as at_least the lower end.
BETWEEN = Kind("rises", "number", "~", "区间", "between", ALL, frozenset({"upper"}))
_RANKED = frozenset({"top", "assumption"})
RANK_TOP = Kind("none", "rank", "前列", "前列", "top", _SCHEDULE_ONLY, _RANKED, valued=False)
MILESTONE = Kind("none", "state", "", "任务", "task", _SCHEDULE_ONLY, valued=False)
AT_MOST = Kind("falls", "number", "≤", "以下", "at most", ALL)
_DIRECTED = frozenset({"direction"})
CHANGE_BY = Kind("given", "number", "", "变化", "change by", ALL, _DIRECTED, needs_baseline=True)
_RATES = frozenset({"elapsed_share", "cagr_actual", "cagr_required", "pace_ratio", "attainment"})
# 年均增长 g% (direction: down, 年均下降 g%; tolerance: g%左右).
ANNUAL_GROWTH = Kind(
    "given",
    "number",
    "年均",
    "年均增长",
    "annual growth",
    _RATES,
    optional=frozenset({"direction", "tolerance"}),
    needs_baseline=True,
)
_MONITORED = frozenset({"elapsed_share", "cagr_actual"})
MONITOR = Kind("given", "number", "", "监测", "monitor", _MONITORED, _DIRECTED, valued=False)
# The keys only some comparators take; each must be given exactly where the table says.
KEYED = ("tolerance", "top", "assumption", "direction", "upper")


def kind(comparator: Comparator) -> Kind:
    """The table's row for ``comparator``."""
    match comparator:
        case "at_least":
            return AT_LEAST
        case "about":
            return ABOUT
        case "reach":
            return REACH
        case "between":
            return BETWEEN
        case "at_most":
            return AT_MOST
        case "change_by":
            return CHANGE_BY
        case "annual_growth":
            return ANNUAL_GROWTH
        case "monitor":
            return MONITOR
        case "rank_top":
            return RANK_TOP
        case "milestone":
            return MILESTONE
        case _:
            assert_never(comparator)


def direction(comparator: Comparator, given: str | None) -> Literal["rises", "falls", "none"]:
    """Which way a target's figures must move: the table's, or the target's own for
    change_by, annual_growth and monitor (up: rises, down: falls; annual_growth rises
    unless it says down)."""
    found = kind(comparator).direction
    if found == "given":
        return "falls" if given == "down" else "rises"
    return found


NUMERIC: frozenset[Comparator] = frozenset(c for c in COMPARATORS if kind(c).numeric)
# Comparators whose targets are tasks: other targets name one as their ``task``.
STATE_COMPARATORS: frozenset[Comparator] = frozenset(
    c for c in COMPARATORS if kind(c).reading == "state"
)
