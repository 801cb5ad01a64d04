"""Checks across rows and files: figures that fall, 10x jumps, rows of another city.

They run after every file is read and only warn: each names the row to look at and the
earlier row it is compared with.
"""

from __future__ import annotations

import os
import re
from collections import Counter, defaultdict
from itertools import groupby, pairwise
from operator import itemgetter

from zjplan.errors import Problem, Severity
from zjplan.model import Plan
from zjplan.progress import Observation, Progress

COUNT_UNITS = frozenset({"台", "家", "个", "项", "名"})
JUMP = 10.0


def _place(o: Observation) -> str:
    return f"{o.file}:{o.line}"


def history_problems(plan: Plan, progress: Progress) -> list[Problem]:
    """A count that falls, or a value over 10x the region's previous one.

    Progress keeps its observations sorted by target, region and date, so each region's
    series of a target is a run of the list, already in date order."""
    value_column = {f.file: f.columns.get("value", 0) + 1 for f in progress.files}
    problems = []
    for (target_id, _), run in groupby(progress.observations, key=itemgetter(0, 1)):
        target = plan.by_id[target_id]
        if not target.is_numeric:
            continue
        counts = target.measure in ("new", "cumulative") or target.unit in COUNT_UNITS
        for before, after in pairwise(run):
            column = value_column.get(after.file, 1)
            if counts and after.value < before.value:
                problems.append(
                    Problem(
                        "value-decreased",
                        f"{target_id} for {after.region} falls from {before.value:g} "
                        f"({before.as_of}, {_place(before)}) to {after.value:g}",
                        after.file,
                        after.line,
                        column,
                        Severity.WARNING,
                        "a count since the start cannot go down; check both figures",
                    )
                )
            elif before.value > 0 and after.value > JUMP * before.value:
                problems.append(
                    Problem(
                        "ten-fold-jump",
                        f"{target_id} for {after.region} jumps from {before.value:g} "
                        f"({before.as_of}, {_place(before)}) to {after.value:g}",
                        after.file,
                        after.line,
                        column,
                        Severity.WARNING,
                        "more than 10x: was 万 written twice, or left out before?",
                    )
                )
    return problems


def city_pattern(plan: Plan) -> tuple[re.Pattern[str], dict[str, str]]:
    """One pattern that finds any city's spelling (case-folded) in a file name."""
    names = {a.casefold(): r.name for r in plan.regions if r.level == "city" for a in r.aliases}
    ordered = sorted(names, key=len, reverse=True)
    return re.compile("|".join(re.escape(a) for a in ordered)), names


def apparent_owner(
    plan: Plan,
    file: str,
    regions: Counter[str],
    cities: tuple[re.Pattern[str], dict[str, str]],
) -> tuple[str | None, str]:
    """The city a file seems to belong to: named in its file name, else most of its rows."""
    pattern, names = cities
    stem = os.path.splitext(os.path.basename(file))[0].casefold()
    named = {names[m] for m in pattern.findall(stem)}
    if len(named) == 1:
        return named.pop(), "by its name"
    if regions:
        region, count = regions.most_common(1)[0]
        city = plan.find_region(region)
        if city is not None and city.level == "city" and count * 2 > sum(regions.values()):
            return region, "by most of its rows"
    return None, ""


def foreign_rows(plan: Plan, progress: Progress) -> list[Problem]:
    """Rows of another region in a city's file."""
    by_file: dict[str, list[Observation]] = defaultdict(list)
    for o in progress.observations:
        by_file[o.file].append(o)
    problems = []
    cities = city_pattern(plan)
    for summary in progress.files:
        rows = by_file.get(summary.file, [])
        owner, why = apparent_owner(plan, summary.file, Counter(o.region for o in rows), cities)
        summary.owner = owner
        if owner is None:
            continue
        column = summary.columns.get("region", 0) + 1
        for o in rows:
            if o.region != owner:
                problems.append(
                    Problem(
                        "foreign-region",
                        f"a {o.region} figure in what looks like {owner}'s file ({why})",
                        o.file,
                        o.line,
                        column,
                        Severity.WARNING,
                        f"check the region, or move the row to {o.region}'s file",
                    )
                )
    return problems


def cross_check(plan: Plan, progress: Progress) -> list[Problem]:
    return history_problems(plan, progress) + foreign_rows(plan, progress)
