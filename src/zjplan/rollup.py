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

from zjplan.model import FREQUENCY_MONTHS, Plan, Target
from zjplan.progress import Observation
from zjplan.series import AS_OF, period_end, sum_qualifier
from zjplan.wording import says


def roll_up(
    plan: Plan, target: Target, items: Sequence[Observation], until: date | None = None
) -> list[Observation]:
    """``items`` (one target's observations, in date order) with a figure for each city of
    counties where the city has none for a period its counties reported in."""
    counties = plan.county_parent
    if not counties or not target.takes_city_figures:
        return list(items)
    months = FREQUENCY_MONTHS[target.frequency]
    ends: dict[date, date] = {}  # a day's period end, worked out once a day

    def end_of(day: date) -> date:
        found = ends.get(day)
        if found is None:
            found = ends[day] = period_end(day, months)
        return found

    own: set[tuple[str, date]] = set()
    by_city: dict[str, list[Observation]] = defaultdict(list)
    for o in items:
        city = counties.get(o[1])
        if city is not None:
            by_city[city].append(o)
        else:
            own.add((o[1], end_of(o[2])))
    made: list[Observation] = []
    for city, figures in by_city.items():
        expected = plan.counties_of(city)
        latest: dict[str, Observation] = {}
        figures.sort(key=AS_OF)
        i, n = 0, len(figures)
        for end in sorted({end_of(o[2]) for o in figures}):
            reported = set()
            while i < n and figures[i][2] <= end:
                o = figures[i]
                latest[o[1]] = o
                if end_of(o[2]) == end:
                    reported.add(o[1])
                i += 1
            if (city, end) in own:
                continue  # the city's own figure of the period wins
            qualifier = sum_qualifier(o.qualifier for o in latest.values())
            carried = len(latest) > len(reported)
            if len(latest) < len(expected) or carried:
                counted = target.counts_things or target.cannot_fall
                if not counted or (carried and not target.cannot_fall):
                    continue  # a part of a level, or a count that may have fallen: no bound
                qualifier = "at_least" if qualifier in ("exact", "at_least") else "about"
            day = min(end, until) if until is not None else end
            total = math.fsum(o.value for o in latest.values())
            source = says("sum-of-counties", n=len(latest), expected=len(expected))
            made.append(Observation(target.id, city, day, total, source, "", 0, "", qualifier))
    if not made:
        return list(items)
    return sorted([*items, *made], key=AS_OF)
