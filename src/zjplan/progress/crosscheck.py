"""Checks across rows and files: figures that fall, 10x jumps, rows of another city.

They run after every file is read, on the store's columns, and only warn: each names the
row to look at and the earlier row it is compared with. Problems are made one at a time
(with the number of the file they belong to), so a file that a reader lists only the
first problems of never has them all in memory.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from itertools import chain
from typing import NamedTuple

from zjplan.comparators import kind
from zjplan.errors import Problem, Severity
from zjplan.model import Plan
from zjplan.progress import passes
from zjplan.progress.result import FileSummary
from zjplan.progress.store import VECTOR_ROWS, Store
from zjplan.wording import says

JUMP = 10.0


Found = Iterator[tuple[int, Problem]]  # (the file's number, the problem)


class Owner(NamedTuple):
    """A file's regions (of its kept rows), the city it seems to belong to, and why."""

    regions: frozenset[str]
    city: str | None
    why: str


def value_columns(files: Sequence[FileSummary]) -> list[int]:
    """Each file's value column, 1-based (the column a figure's problem points at)."""
    return [f.columns.get("value", 0) + 1 for f in files]


def history_problems(
    plan: Plan, store: Store, rows: Sequence[int], files: Sequence[FileSummary]
) -> Found:
    """A count that falls, or a value over 10x the region's previous one.

    The kept rows are in (target, region, date) order, so each region's series of a
    target is a run of them, already in date order."""
    value_column = value_columns(files)
    # A count since the start (新增) or a running total (累计) of a rising target cannot go
    # down; a stock (robots in use, unicorn firms) can, and a fall of ten times or more is
    # the ten-fold check's (a 万 left out).
    counts = [
        t.way == "rises" and kind(t.comparator).valued and t.cannot_fall for t in plan.targets
    ]
    numeric = [t.is_numeric for t in plan.targets]
    if len(rows) >= VECTOR_ROWS:
        from zjplan.progress import vector

        hits = vector.history_hits(store, rows, counts, numeric, JUMP)
    else:
        hits = history_hits(store, rows, counts, numeric)
    for before, after, fell in hits:
        yield store.file[after], _history(store, fell, before, after, value_column)


def history_hits(
    store: Store, rows: Sequence[int], counts: list[bool], numeric: list[bool]
) -> list[tuple[int, int, bool]]:
    """(row before, row after, fell) for each figure of a numeric target that falls (counts
    only) or jumps past 10x the one before it in the same region's series."""
    target, region, value = store.target, store.region, store.value
    hits = []
    before = -1
    for after in rows:
        t = target[after]
        if before < 0 or target[before] != t or region[before] != region[after]:
            before = after
            continue
        if numeric[t]:
            old, new = value[before], value[after]
            if counts[t] and new < old:
                hits.append((before, after, True))
            elif old > 0 and new > 0 and (new >= JUMP * old or old >= JUMP * new):
                hits.append((before, after, False))
        before = after
    return hits


def _history(store: Store, fell: bool, before: int, after: int, column: list[int]) -> Problem:
    b, a = store.observation(before), store.observation(after)
    if fell:
        code, key, hint = "value-decreased", "value-falls", says("hint-cannot-fall")
    else:
        code, hint = "ten-fold-jump", says("hint-ten-fold")
        key = "value-jumps" if a.value > b.value else "value-drops"
    message = says(
        key,  # type: ignore[arg-type]  # one of the three above
        id=a.target_id,
        region=a.region,
        before=b.value,
        day=b.as_of,
        where=f"{b.file}:{b.line}",
        after=a.value,
    )
    return Problem.said(
        code, message, a.file, a.line, column[store.file[after]], Severity.WARNING, hint
    )


class Spellings:
    """Finds the regions' spellings (case-folded) in a file name, the longest first at each
    place (c001-x02, a county's id, before c001, its city's). A dictionary probed with each
    length a spelling has: 2,800 regions cost no 11,000-way regular expression (0.36 s to
    compile), a file name a few dozen lookups."""

    def __init__(self, names: dict[str, str]) -> None:
        self.names = names
        # the lengths of the spellings that begin with each character, longest first
        lengths: dict[str, set[int]] = {}
        for a in names:
            lengths.setdefault(a[0], set()).add(len(a))
        self.lengths = {c: sorted(n, reverse=True) for c, n in lengths.items()}

    def findall(self, text: str) -> list[str]:
        found, i, lengths, names = [], 0, self.lengths, self.names
        while i < len(text):
            for n in lengths.get(text[i], ()):  # most characters begin no spelling
                if text[i : i + n] in names:
                    found.append(text[i : i + n])
                    i += n
                    break
            else:
                i += 1
        return found


def city_pattern(plan: Plan) -> tuple[Spellings, dict[str, str]]:
    """What finds any city's or county's spelling in a file name (a spelling two regions
    share names neither), and the region each spelling names."""
    ambiguous = plan.ambiguous_aliases
    names = {
        a.casefold(): r.name
        for r, folded in plan.folded_aliases
        if r.level in ("city", "county")
        for a, key in zip(r.aliases, folded, strict=True)
        if key not in ambiguous and a
    }
    return Spellings(names), names


def apparent_owner(
    plan: Plan,
    file: str,
    regions: dict[str, int],
    cities: tuple[Spellings, dict[str, str]],
) -> tuple[str | None, str]:
    """The city a file seems to belong to: named in its file name, else most of its rows."""
    pattern, names = cities
    stem = os.path.splitext(os.path.basename(file))[0].casefold()
    named = {names[m] for m in pattern.findall(stem)}
    if len(named) == 1:
        return named.pop(), says("owner-by-name")
    if regions:
        region, count = max(regions.items(), key=lambda item: item[1])
        city = plan.find_region(region)
        if city is not None and city.level != "province" and count * 2 > sum(regions.values()):
            return region, says("owner-by-rows")
    return None, ""


def file_owners(
    plan: Plan, store: Store, rows: Sequence[int], files: Sequence[FileSummary]
) -> list[Owner]:
    """For each file: the regions its kept rows are of, and the city it seems to belong to."""
    names = store.region_names
    counts = passes.region_counts(store, rows)
    cities = city_pattern(plan)
    owners: list[Owner] = []
    shared: dict[frozenset[str], frozenset[str]] = {}  # 100,000 files share a few region sets
    for summary in files:
        found = {names[r]: n for r, n in counts.get(summary.index, {}).items()}
        regions = frozenset(found)
        regions = shared.setdefault(regions, regions)
        owners.append(Owner(regions, *apparent_owner(plan, summary.file, found, cities)))
    return owners


def foreign_rows(
    plan: Plan,
    store: Store,
    rows: Sequence[int],
    files: Sequence[FileSummary],
    owners: Sequence[Owner],
) -> Found:
    """Rows of another region in a city's file, as they are iterated."""
    foreign: dict[int, tuple[int, frozenset[int], str]] = {}  # file -> (owner, its regions, why)
    index = store.region_index
    for summary, owner in zip(files, owners, strict=True):
        if owner.city is None:
            continue
        # A city's file may hold its counties' rows: they roll up into it.
        own = {owner.city, *(r.name for r in plan.counties_of(owner.city))}
        if owner.regions - own:
            allowed = frozenset(index[r] for r in own)
            foreign[summary.index] = (index[owner.city], allowed, owner.why)
    return _foreign(store, rows, files, foreign) if foreign else iter(())


def _foreign(
    store: Store,
    rows: Sequence[int],
    files: Sequence[FileSummary],
    owners: dict[int, tuple[int, frozenset[int], str]],
) -> Found:
    names, file, region = store.region_names, store.file, store.region
    for i in rows:
        owned = owners.get(file[i])
        if owned is not None and region[i] not in owned[1]:
            o = store.observation(i)
            summary = files[file[i]]
            owner = names[owned[0]]
            yield (
                file[i],
                Problem.said(
                    "foreign-region",
                    says("foreign-region", region=o.region, owner=owner, why=owned[2]),
                    o.file,
                    o.line,
                    summary.columns.get("region", 0) + 1,
                    Severity.WARNING,
                    says("hint-move-row", region=o.region),
                ),
            )


def part_problems(
    plan: Plan, store: Store, rows: Sequence[int], files: Sequence[FileSummary]
) -> Found:
    """A part (其中, part_of) above its whole for the same region and date. Only a plan
    with parts pays for it: one pass over the kept rows."""
    index = store.target_index
    whole_of = {index[t.id]: index[t.part_of] for t in plan.targets if t.part_of is not None}
    if not whole_of:
        return
    wholes = set(whole_of.values())
    target, region, day, value = store.target, store.region, store.day, store.value
    figures = {
        (target[i], region[i], day[i]): i for i in rows if target[i] in wholes
    }  # the last row of a (whole, region, day) is the one kept
    value_column = value_columns(files)
    for i in rows:
        whole = whole_of.get(target[i])
        if whole is None:
            continue
        w = figures.get((whole, region[i], day[i]))
        if w is None or value[i] <= value[w]:
            continue
        part, big = store.observation(i), store.observation(w)
        message = says(
            "part-exceeds-whole",
            id=part.target_id,
            part=part.value,
            whole_id=big.target_id,
            whole=big.value,
            day=part.as_of,
            region=part.region,
        )
        yield (
            store.file[i],
            Problem.said(
                "part-exceeds-whole",
                message,
                part.file,
                part.line,
                value_column[store.file[i]],
                Severity.WARNING,
                says("hint-part-exceeds-whole"),
            ),
        )


def cross_check(
    plan: Plan,
    store: Store,
    rows: Sequence[int],
    files: Sequence[FileSummary],
    owners: Sequence[Owner],
) -> Found:
    """Every cross-file problem with its file's number."""
    return chain(
        history_problems(plan, store, rows, files),
        foreign_rows(plan, store, rows, files, owners),
        part_problems(plan, store, rows, files),
    )
