"""The series each target is judged on: the province's figures, or the sums of its cities'.

Two ways to the same series: from Observation tuples (any caller, any size), and for a
large store from its columns (vector.province_series), so a million rows are never made
into tuples. A test checks that both give the same points and warnings.
"""

from __future__ import annotations

import functools
import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date
from itertools import groupby
from operator import itemgetter
from typing import NamedTuple

from zjplan.model import Plan, Target
from zjplan.numbers import Qualifier
from zjplan.progress.store import ORIGIN, Observation, Store
from zjplan.wording import says

AS_OF = itemgetter(2)  # Observation.as_of, read in C
MISMATCH = 0.005  # the province's own figure may differ from its cities' sum by this share


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


Series = tuple[list[Point], list[str]]  # the points, and warnings about them


def _summed(
    day: date, province: str, total: float, cities: int, qualifier: Qualifier = "exact"
) -> Point:
    return Point(day, total, province, _sum_of(cities), qualifier=qualifier)


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


def province_series(province: str, observations: Sequence[Observation], summed: bool) -> Series:
    """The province's value at each date (observations sorted by date).

    Without summing, the province's own figures. With summing, at each date the sum of
    every city's latest figure at or before it, unless the province reported for that
    date: then its figure wins, and a difference over 0.5% from the cities' sum is a warning.
    """
    points: list[Point] = []
    warnings: list[str] = []
    city_latest: dict[str, float] = {}
    city_qualifier: dict[str, Qualifier] = {}
    for day, same_day in groupby(observations, key=AS_OF):
        own: Observation | None = None
        for o in same_day:
            if o[1] == province:
                own = o
            elif summed:
                city_latest[o[1]] = o[3]
                city_qualifier[o[1]] = o.qualifier
        if own is not None:
            points.append(
                Point(day, own.value, own.region, own.source, own.file, own.line, own.qualifier)
            )
            if summed and city_latest:
                total = math.fsum(city_latest.values())
                warning = _mismatch(day, own.value, total, len(city_latest))
                if warning:
                    warnings.append(warning)
        elif summed and city_latest:
            total = math.fsum(city_latest.values())
            qualifier = sum_qualifier(city_qualifier.values())
            points.append(_summed(day, province, total, len(city_latest), qualifier))
    return points, warnings


def city_series(city: str, observations: Sequence[Observation]) -> list[Point]:
    return [
        Point(o.as_of, o.value, o.region, o.source, o.file, o.line, o.qualifier)
        for o in observations
        if o.region == city
    ]


def group(observations: Iterable[Observation]) -> dict[str, list[Observation]]:
    """Observations per target, each list sorted by date (stable: file order within a date)."""
    by_target: dict[str, list[Observation]] = defaultdict(list)
    for o in observations:
        by_target[o[0]].append(o)
    for items in by_target.values():
        items.sort(key=AS_OF)
    return by_target


def series_for(
    plan: Plan, target: Target, observations: Sequence[Observation], region: str | None = None
) -> Series:
    """The series a target is judged on, for the province or one city."""
    province = plan.province.name
    if region is None or region == province:
        return province_series(province, observations, target.aggregate == "sum")
    return city_series(region, observations), []


def province_series_of_store(plan: Plan, store: Store, rows: Sequence[int]) -> dict[str, Series]:
    """Every target's province series from the store's columns (numpy; for large stores).

    ``rows`` are kept rows in (target, region, date) order, each key once, as
    Progress.rows are, every figure exact (the engine takes the tuple path otherwise).
    Gives, for each target with figures, what province_series gives on that target's
    observations."""
    from zjplan.progress import vector

    province = plan.province.name
    summed = [t.aggregate == "sum" for t in plan.targets]
    found = vector.province_series(store, rows, store.region_index[province], summed)
    texts, files = store.texts, store.files
    value, source, file, line = store.value, store.source, store.file, store.line
    result: dict[str, Series] = {}
    for t, day, own, total, cities in zip(*found, strict=True):
        points, warnings = result.setdefault(store.target_ids[t], ([], []))
        when = store.date(day + ORIGIN)
        if own < 0:
            points.append(_summed(when, province, total, cities))
            continue
        figure = value[own]
        points.append(
            Point(when, figure, province, texts[source[own]], files[file[own]], line[own])
        )
        warning = _mismatch(when, figure, total, cities) if cities else None
        if warning:
            warnings.append(warning)
    return result
