"""Counties roll up into their cities, cities into the province (METHOD.md, Regions).

For a summed target, a city that has counties (regions of ``level: county`` naming it as
``parent``) and no figure of its own for a reporting period gets one: the sum of its
counties' latest figures at the period's end, dated there. The province then sums its
cities as always, and never a county twice. The rules of a partial sum are the
province's: every county reported in the period, the sum is exact (or the bound its
figures give); some missing or carried, a count is bounded below (it is never negative,
and a count that cannot fall keeps a carried figure as a lower bound), and any other level
has no city figure for the period (a sum of some of its parts says nothing of a level).
A city's own figure for the period always wins.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Sequence
from datetime import date
from itertools import compress
from operator import itemgetter

from zjplan.model import FREQUENCY_MONTHS, Plan, Target
from zjplan.numbers import QUALIFIERS, Qualifier
from zjplan.progress import Observation
from zjplan.progress.store import Store
from zjplan.series import AS_OF, period_end, sum_qualifier
from zjplan.wording import says

_DAY = itemgetter(0)
# A county's figure as the roll-up reads it: its date, its period's end, the county, the
# value and its qualifier.
Part = tuple[date, date, str, float, Qualifier]


def roll_up(
    plan: Plan, target: Target, items: Sequence[Observation], until: date | None = None
) -> list[Observation]:
    """``items`` (one target's observations) with a figure for each city of counties where
    the city has none for a period its counties reported in, in date order."""
    counties = plan.county_parent
    if not counties or not target.takes_city_figures:
        return list(items)
    end_of = _period_ends(target)
    own: set[tuple[str, date]] = set()
    by_city: dict[str, list[Part]] = defaultdict(list)
    for o in items:
        end = end_of(o[2])
        city = counties.get(o[1])
        if city is not None:
            by_city[city].append((o[2], end, o[1], o[3], o[8]))
        else:
            own.add((o[1], end))
    made = _sums(plan, target, by_city, own, until)
    if not made:
        return list(items)
    return sorted([*items, *made], key=AS_OF)


def roll_up_store(
    plan: Plan, target: Target, store: Store, rows: Sequence[int], until: date | None = None
) -> list[Observation]:
    """roll_up from the store's columns (``rows``: the target's, kept), for every view but
    a county's own: the rows that are not a county's, as observations in date order, with
    each city's sums of its counties. The counties' own rows are never made tuples: the
    province's series sums cities and a city's reads its own, and a county plan has far
    more of them than of anything else (5.6 million rows of 2,700 counties)."""
    parents = _parents(plan, store)
    region = store.region
    of_county = list(map(parents.__getitem__, map(region.__getitem__, rows)))
    items = store.observations(list(compress(rows, map(_none, of_county))))
    items.sort(key=AS_OF)
    if not target.takes_city_figures:
        return items
    end_of = _period_ends(target)
    own = {(o[1], end_of(o[2])) for o in items}
    by_city: dict[str, list[Part]] = defaultdict(list)
    county_rows = list(compress(rows, of_county))
    names = store.region_names
    days = list(map(store.day.__getitem__, county_rows))
    dates = store.dated(days)
    for r, d, value, q in zip(
        map(region.__getitem__, county_rows),
        days,
        map(store.value.__getitem__, county_rows),
        map(store.qualifier.__getitem__, county_rows),
        strict=True,
    ):
        day = dates[d]
        by_city[parents[r]].append((day, end_of(day), names[r], value, QUALIFIERS[q]))  # type: ignore[index]
    made = _sums(plan, target, by_city, own, until)
    return sorted([*items, *made], key=AS_OF) if made else items


def _none(value: object) -> bool:
    return value is None


def _parents(plan: Plan, store: Store) -> list[str | None]:
    """Each of the store's regions' city when it is a county, else None."""
    return list(map(plan.county_parent.get, store.region_names))


def _period_ends(target: Target) -> Callable[[date], date]:
    """A day's period end for the target's reporting period, worked out once a day."""
    months = FREQUENCY_MONTHS[target.frequency]
    ends: dict[date, date] = {}

    def end_of(day: date) -> date:
        end = ends.get(day)
        if end is None:
            end = ends[day] = period_end(day, months)
        return end

    return end_of


def _sums(
    plan: Plan,
    target: Target,
    by_city: dict[str, list[Part]],
    own: set[tuple[str, date]],
    until: date | None,
) -> list[Observation]:
    """Each city's sums of its counties' latest figures, a period at a time, where the city
    has no figure of its own for the period (``own``: (city, period end))."""
    counted = target.counts_things or target.cannot_fall
    made: list[Observation] = []
    for city, parts in by_city.items():
        expected = len(plan.counties_of(city))
        parts.sort(key=_DAY)  # by date: a period's figures together, a county's latest last
        latest: dict[str, tuple[float, Qualifier]] = {}
        i, n = 0, len(parts)
        while i < n:  # a period at a time: the figures dated in it
            end = parts[i][1]
            reported = set()
            while i < n and parts[i][1] == end:
                _, _, county, value, qualifier = parts[i]
                latest[county] = (value, qualifier)
                reported.add(county)
                i += 1
            if (city, end) in own:
                continue  # the city's own figure of the period wins
            figures = latest.values()
            qualifier = sum_qualifier(q for _, q in figures)
            carried = len(latest) > len(reported)
            if len(latest) < expected or carried:
                if not counted or (carried and not target.cannot_fall):
                    continue  # a part of a level, or a count that may have fallen: no bound
                qualifier = "at_least" if qualifier in ("exact", "at_least") else "about"
            day = min(end, until) if until is not None else end
            total = math.fsum(v for v, _ in figures)
            source = says("sum-of-counties", n=len(latest), expected=expected)
            made.append(Observation(target.id, city, day, total, source, "", 0, "", qualifier))
    return made
