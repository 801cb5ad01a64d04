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
from collections.abc import Sequence
from datetime import date
from operator import itemgetter

from zjplan.model import FREQUENCY_MONTHS, Plan, Target
from zjplan.progress import Observation
from zjplan.series import AS_OF, period_end, sum_qualifier
from zjplan.wording import says

_DAY = itemgetter(0)


def roll_up(
    plan: Plan, target: Target, items: Sequence[Observation], until: date | None = None
) -> list[Observation]:
    """``items`` (one target's observations) with a figure for each city of counties where
    the city has none for a period its counties reported in, in date order."""
    counties = plan.county_parent
    if not counties or not target.takes_city_figures:
        return list(items)
    months = FREQUENCY_MONTHS[target.frequency]
    ends: dict[date, date] = {}  # a day's period end, worked out once a day
    own: set[tuple[str, date]] = set()
    by_city: dict[str, list[tuple[date, date, Observation]]] = defaultdict(list)
    for o in items:
        end = ends.get(o[2])
        if end is None:
            end = ends[o[2]] = period_end(o[2], months)
        city = counties.get(o[1])
        if city is not None:
            by_city[city].append((o[2], end, o))
        else:
            own.add((o[1], end))
    counted = target.counts_things or target.cannot_fall
    made: list[Observation] = []
    for city, figures in by_city.items():
        expected = len(plan.counties_of(city))
        figures.sort(key=_DAY)  # by date: a period's figures together, a county's latest last
        latest: dict[str, Observation] = {}
        i, n = 0, len(figures)
        while i < n:  # a period at a time: the figures dated in it
            end = figures[i][1]
            reported = set()
            while i < n and figures[i][1] == end:
                o = figures[i][2]
                latest[o[1]] = o
                reported.add(o[1])
                i += 1
            if (city, end) in own:
                continue  # the city's own figure of the period wins
            parts = latest.values()
            qualifier = sum_qualifier(o.qualifier for o in parts)
            carried = len(latest) > len(reported)
            if len(latest) < expected or carried:
                if not counted or (carried and not target.cannot_fall):
                    continue  # a part of a level, or a count that may have fallen: no bound
                qualifier = "at_least" if qualifier in ("exact", "at_least") else "about"
            day = min(end, until) if until is not None else end
            total = math.fsum(o.value for o in parts)
            source = says("sum-of-counties", n=len(latest), expected=expected)
            made.append(Observation(target.id, city, day, total, source, "", 0, "", qualifier))
    if not made:
        return list(items)
    return sorted([*items, *made], key=AS_OF)
