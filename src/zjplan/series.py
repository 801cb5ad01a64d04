"""The series each target is judged on: the province's figures, or the sums of its cities'.

Two ways to the same series: from Observation tuples (any caller, any size), and for a
large store from its columns (vector.province_series), so a million rows are never made
into tuples. A test checks that both give the same points and warnings.
"""

from __future__ import annotations

import calendar
import functools
import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date
from itertools import groupby
from operator import itemgetter
from typing import NamedTuple

from zjplan.model import FREQUENCY_MONTHS, Plan, Target
from zjplan.numbers import Qualifier
from zjplan.progress.store import Observation, Store
from zjplan.wording import says

AS_OF = itemgetter(2)  # Observation.as_of, read in C
VALUE = itemgetter(1)  # Point.value
MISMATCH = 0.005  # the province's own figure may differ from its cities' sum by this share


class Coverage(NamedTuple):
    """Which of the expected cities a sum of a reporting period holds: those that reported
    in the period, those carried from an earlier one (with their figure's date), and
    those missing (no figure yet)."""

    reported: tuple[str, ...]
    carried: tuple[tuple[str, date], ...]
    missing: tuple[str, ...]

    @property
    def expected(self) -> int:
        return len(self.reported) + len(self.carried) + len(self.missing)

    @property
    def complete(self) -> bool:
        """Every expected city reported in the period: the sum is exact."""
        return not self.carried and not self.missing


class Point(NamedTuple):
    """A value of the series a target is judged on: an observation, or a sum of cities.
    (A tuple: 84,000 of them for a large plan cost a quarter of frozen dataclasses.)"""

    as_of: date
    value: float
    region: str
    source: str
    file: str = ""
    line: int = 0
    qualifier: Qualifier = "exact"
    coverage: Coverage | None = None  # a sum of cities: which of them it holds
    shaky: bool = False  # a partial sum no bound describes: any status on it is uncertain
    band: float | None = None  # an about sum's half-width: its about parts' bands added


Series = tuple[list[Point], list[str]]  # the points, and warnings about them


class SumRule(NamedTuple):
    """How a target's cities are summed: the cities expected (the plan's, or its sum_of),
    the reporting period in months, and what a partial sum is (METHOD.md, Regions): a count
    never negative is bounded below by the cities that reported; a count that cannot fall
    (新增, 累计) keeps its best lower bound."""

    expected: tuple[str, ...]
    months: int
    counted: bool  # a count, never negative: a sum missing cities is a lower bound
    cannot_fall: bool  # new or cumulative: a carried figure is a lower bound too
    about_band: float = 0.05  # an about figure's half-width, as a share of it
    counties: frozenset[str] = frozenset()  # rolled up into their cities, never summed here


def sum_rule(plan: Plan, target: Target) -> SumRule:
    expected = tuple(target.sum_of) or tuple(r.name for r in plan.regions if r.level == "city")
    count = target.counts_things or target.cannot_fall
    return SumRule(
        expected,
        FREQUENCY_MONTHS[target.frequency],
        count,
        target.cannot_fall,
        plan.plan.about_band,
        frozenset(plan.county_parent),
    )


@functools.cache
def _sum_of(cities: int) -> str:
    """'sum of 5 cities': one sentence a number of cities (a large plan sums thousands of
    dates, and a sentence keeps its key and parameters)."""
    return says("sum-of-cities", n=cities)


def sum_qualifier(qualifiers: Iterable[Qualifier]) -> Qualifier:
    """What a sum of figures is: exact when each is; a lower bound when each is exact or a
    lower bound (likewise an upper bound); otherwise only about."""
    found = set(qualifiers) - {"exact"}
    if not found:
        return "exact"
    if len(found) == 1 and found != {"about"}:
        return found.pop()
    return "about"


def _mismatch(day: date, own: float, total: float, cities: int) -> str | None:
    """A warning when the province's figure and its cities' sum differ by over 0.5%."""
    if abs(own - total) <= MISMATCH * abs(own):
        return None
    return says("province-vs-cities", day=day, province=own, total=total, n=cities)


@functools.lru_cache(maxsize=8192)  # a plan's figures fall on a few hundred dates
def period_end(day: date, months: int) -> date:
    """The last day of the reporting period (of ``months`` months) that holds ``day``."""
    month = ((day.month - 1) // months + 1) * months
    return date(day.year, month, calendar.monthrange(day.year, month)[1])


def province_series(
    province: str,
    observations: Sequence[Observation],
    rule: SumRule | None,
    until: date | None = None,
) -> Series:
    """The province's value at each date (observations sorted by date).

    Without a rule (a target that is not summed), the province's own figures. With one,
    also a sum of the cities at the end of each reporting period in which one reported (at
    ``until`` for a period not over by then): each city's latest figure at or before it,
    with its coverage. A sum of every expected city is exact; a partial one is a lower
    bound for a count, and no bound (``shaky``) for a level, or for a count that can fall
    with a figure carried from an earlier period. The province's own figure of a date wins
    over the sum of that date's period (a complete sum that differs by over 0.5% is a
    warning: like is compared with like), and for a count that cannot fall an earlier,
    higher figure stays the figure: a partial sum below it is a warning, never a fall.
    """
    warnings: list[str] = []
    own = [o for o in observations if o[1] == province]
    points = list(map(point_of, own))
    if rule is None:
        return points, warnings
    own_days = {o.as_of: o for o in own}
    latest: dict[str, Observation] = {}
    counties = rule.counties
    cities = [o for o in observations if o[1] != province and o[1] not in counties]
    for end, in_period in groupby(cities, key=lambda o: period_end(o.as_of, rule.months)):
        reported = []
        for o in in_period:
            latest[o[1]] = o
            reported.append(o[1])
        day = min(end, until) if until is not None else end
        total = math.fsum(o.value for o in latest.values())
        named = dict.fromkeys(reported)
        coverage = Coverage(
            tuple(sorted(named)),
            tuple(sorted((c, o.as_of) for c, o in latest.items() if c not in named)),
            tuple(c for c in rule.expected if c not in latest),
        )
        if _own_wins(own_days.get(day), total, len(latest), coverage, warnings):
            continue
        qualifier = sum_qualifier(o.qualifier for o in latest.values())
        shaky = False
        if not coverage.complete:
            if rule.counted and (rule.cannot_fall or not coverage.carried):
                qualifier = "at_least" if qualifier in ("exact", "at_least") else "about"
            else:
                shaky = True
        band = None
        if qualifier == "about":  # only the about parts widen the sum
            band = math.fsum(
                abs(o.value) * rule.about_band for o in latest.values() if o.qualifier == "about"
            )
        point = Point(day, total, province, _sum_of(len(latest)), qualifier=qualifier,
                      coverage=coverage, shaky=shaky, band=band)  # fmt: skip
        best = None
        if rule.cannot_fall and qualifier == "at_least":  # the best figure before this sum
            best = max((p for p in points if p.as_of < day), key=VALUE, default=None)
        if best is not None and best.value > total:
            warnings.append(
                says(
                    "partial-sum-below", day=day, total=total, n=len(coverage.reported),
                    expected=coverage.expected, value=best.value, at=best.as_of,
                )
            )  # fmt: skip
            continue
        points.append(point)
    points.sort(key=lambda p: p.as_of)
    return points, warnings


def point_of(o: Observation) -> Point:
    """An observation as a point of a series."""
    return Point(o.as_of, o.value, o.region, o.source, o.file, o.line, o.qualifier)


def _own_wins(
    mine: Observation | None,
    total: float,
    cities: int,
    coverage: Coverage,
    warnings: list[str],
) -> bool:
    """Whether the province reported for a sum's date: its own figure wins, and differs
    from a complete sum by over 0.5% only with a warning (like is compared with like)."""
    if mine is None:
        return False
    if coverage.complete:
        warning = _mismatch(mine.as_of, mine.value, total, cities)
        if warning:
            warnings.append(warning)
    return True


def city_series(city: str, observations: Sequence[Observation]) -> list[Point]:
    return [point_of(o) for o in observations if o.region == city]


def group(observations: Iterable[Observation]) -> dict[str, list[Observation]]:
    """Observations per target, each list sorted by date (stable: file order within a date)."""
    by_target: dict[str, list[Observation]] = defaultdict(list)
    for o in observations:
        by_target[o[0]].append(o)
    for items in by_target.values():
        items.sort(key=AS_OF)
    return by_target


def series_for(
    plan: Plan,
    target: Target,
    observations: Sequence[Observation],
    region: str | None = None,
    until: date | None = None,
) -> Series:
    """The series a target is judged on, for the province or one city."""
    province = plan.province.name
    if region is None or region == province:
        rule = sum_rule(plan, target) if target.aggregate == "sum" else None
        return province_series(province, observations, rule, until)
    return city_series(region, observations), []


def province_series_of_store(
    plan: Plan, store: Store, rows: Sequence[int], until: date | None = None
) -> dict[str, Series]:
    """Every target's province series from the store's columns (for large stores): numpy
    keeps, of each city's rows, only the last of each reporting period (a sum reads no
    other), so a million rows become a few figures a city and period before any tuple is
    made; province_series then sums them as it sums any observations. ``rows`` are kept
    rows in (target, region, date) order, each key once, as Progress.rows are."""
    from zjplan.progress import vector

    name = plan.province.name
    province = store.region_index[name]
    months = [FREQUENCY_MONTHS[t.frequency] if t.aggregate == "sum" else 0 for t in plan.targets]
    kept = vector.period_lasts(store, rows, province, months)
    cities = sum(r.level == "city" for r in plan.regions)
    # Targets whose every period every city reported, exactly: summed from the columns,
    # as province_series sums them (a complete sum has no carried or missing city).
    complete = {
        t: periods
        for t, periods in vector.complete_periods(store, kept, province, months, cities).items()
        if not plan.targets[t].sum_of
    }
    region, target_of = store.region, store.target
    tuples = [i for i in kept if target_of[i] not in complete or region[i] == province]
    by_target = group(store.observations(tuples))
    result: dict[str, Series] = {}
    for t, target in enumerate(plan.targets):
        items = by_target.get(target.id, [])
        if t in complete:
            result[target.id] = _complete_sums(name, items, complete[t], store, until)
        elif items:
            result[target.id] = series_for(plan, target, items, until=until)
    return result


def _complete_sums(
    province: str,
    own: list[Observation],
    periods: list[tuple[int, list[int]]],
    store: Store,
    until: date | None,
) -> Series:
    """A target's series when every city reported every period exactly: the province's
    own figures, and each period's sum unless the province reported for its date."""
    points = list(map(point_of, own))
    own_days = {o.as_of: o for o in own}
    warnings: list[str] = []
    value, names = store.value, store.region_names
    for end, rows in periods:
        day = store.date(end)
        day = min(day, until) if until is not None else day
        total = math.fsum(value[i] for i in rows)
        coverage = Coverage(tuple(sorted(names[store.region[i]] for i in rows)), (), ())
        if _own_wins(own_days.get(day), total, len(rows), coverage, warnings):
            continue
        points.append(Point(day, total, province, _sum_of(len(rows)), coverage=coverage))
    points.sort(key=lambda p: p.as_of)
    return points, warnings
