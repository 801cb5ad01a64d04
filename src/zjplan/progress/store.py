"""Observations as columns: about 31 bytes a row, against ~180 for a tuple of objects.

The reader appends every accepted row here. Once reading ends, duplicates are found by
sorting packed integers (no per-row index is held while reading), and the cross-file
checks and completeness read the columns directly; Observation tuples are made only when
a caller asks for them (the engine, explain, merge).
"""

from __future__ import annotations

from array import array
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from typing import NamedTuple

from zjplan.model import Plan
from zjplan.numbers import EARLIEST, QUALIFIERS, Qualifier

ORIGIN = EARLIEST.toordinal()  # no figure is dated before it
DAY_BITS = 20  # 2**20 days from 2000 reach past the year 4800
SHARED_TEXTS = 65_536  # distinct texts looked up for sharing; more are stored as they come
VECTOR_ROWS = 150_000  # from this many rows, numpy does the whole-column passes (vector.py):
# numpy wins from ~100,000 rows (check on 1,000 files of 100 rows: 0.37 s against 0.40 s;
# on 700 files 0.31 s against 0.30 s), but importing it costs ~12 MB, and 100,000 one-row
# files must stay under 200 MB (tests/test_hostile.py): the threshold sits between the two.


class Observation(NamedTuple):
    """One figure: what, where, as of when, how much, and where it was read."""

    target_id: str
    region: str
    as_of: date
    value: float
    source: str
    file: str
    line: int
    note: str = ""
    qualifier: Qualifier = "exact"  # or a bound (at_least, at_most) or about


class Repeat(NamedTuple):
    """A later row with the same target, region and date as the first (row indexes)."""

    first: int
    later: int


class Store:
    """Columns of the rows read: target, region, day, value, file, line, source, note."""

    def __init__(self, plan: Plan) -> None:
        self.target_ids = [t.id for t in plan.targets]
        self.target_index = {tid: i for i, tid in enumerate(self.target_ids)}
        self.region_names = [r.name for r in plan.regions]
        self.region_index = {name: i for i, name in enumerate(self.region_names)}
        self.files: list[str] = []
        self.texts: list[str] = [""]
        self.text_index: dict[str, int] = {"": 0}
        self.target = array("H")
        self.region = array("H")  # up to 65,535 regions (a county-level plan has ~2,800)
        self.day = array("i")
        self.value = array("d")
        self.file = array("I")
        self.line = array("I")
        self.source = array("I")
        self.note = array("I")
        self.qualifier = array("B")  # QUALIFIERS' index: 0 exact
        self.dates: dict[int, date] = {}

    def __len__(self) -> int:
        return len(self.target)

    def add_file(self, name: str) -> int:
        self.files.append(name)
        return len(self.files) - 1

    def text_id(self, text: str) -> int:
        """The number of a text; a text seen before (among the first 65,536) is shared."""
        index = self.text_index.get(text)
        if index is None:
            index = len(self.texts)
            self.texts.append(text)
            if len(self.text_index) < SHARED_TEXTS:
                self.text_index[text] = index
        return index

    def add(self, o: Observation, file: int) -> None:
        """Append a row given as an Observation (the checked, slower path)."""
        self.target.append(self.target_index[o.target_id])
        self.region.append(self.region_index[o.region])
        self.day.append(o.as_of.toordinal())
        self.value.append(o.value)
        self.file.append(file)
        self.line.append(o.line)
        self.source.append(self.text_id(o.source))
        self.note.append(self.text_id(o.note))
        self.qualifier.append(QUALIFIERS.index(o.qualifier))

    def dated(self, ordinals: Iterable[int]) -> dict[int, date]:
        """The ordinal -> date table, holding each of ``ordinals`` (each made once a run).
        set.difference asks the table of each new ordinal; it never walks the table."""
        dates = self.dates
        for d in set(ordinals).difference(dates):
            dates[d] = date.fromordinal(d)
        return dates

    def date(self, ordinal: int) -> date:
        found = self.dates.get(ordinal)
        if found is None:
            found = self.dates[ordinal] = date.fromordinal(ordinal)
        return found

    def observation(self, i: int) -> Observation:
        """One row as a tuple (for a problem's message; rows in bulk: observations)."""
        texts = self.texts
        return Observation(
            self.target_ids[self.target[i]],
            self.region_names[self.region[i]],
            self.date(self.day[i]),
            self.value[i],
            texts[self.source[i]],
            self.files[self.file[i]],
            self.line[i],
            texts[self.note[i]],
            QUALIFIERS[self.qualifier[i]],
        )

    def observations(self, rows: Iterable[int]) -> list[Observation]:
        """The rows as tuples; one comprehension, no call a row (a million rows: ~0.6 s)."""
        targets, regions, texts, files = self.target_ids, self.region_names, self.texts, self.files
        target, region, day, value = self.target, self.region, self.day, self.value
        file, line, source, note = self.file, self.line, self.source, self.note
        qualifier = self.qualifier
        rows = rows if isinstance(rows, Sequence) else list(rows)
        dates = self.dated(map(day.__getitem__, rows))
        make = tuple.__new__  # Observation(...) would add a Python call a row
        return [
            make(
                Observation,
                (
                    targets[target[i]],
                    regions[region[i]],
                    dates[day[i]],
                    value[i],
                    texts[source[i]],
                    files[file[i]],
                    line[i],
                    texts[note[i]],
                    QUALIFIERS[qualifier[i]],
                ),
            )
            for i in rows
        ]

    def sort_key(self, i: int) -> tuple[int, int, int]:
        """The order rows are kept in: target, region, date."""
        return self.target[i], self.region[i], self.day[i]

    def sorted_unique(self) -> tuple[array[int], list[Repeat]]:
        """Rows sorted by (target, region, date), each key once, and the repeats (the
        Python loop; passes.sorted_unique picks numpy for large stores).

        Rows are packed as one integer each (key, then row number) and sorted: within a
        key, reading order. The first row of a key is kept unless a later one has another
        value (a conflict: then neither is)."""
        n = len(self)
        shift = max(n.bit_length(), 1)
        regions = max(len(self.region_names), 1)
        target, region, day = self.target, self.region, self.day
        packed = [
            (((target[i] * regions + region[i]) << DAY_BITS | (day[i] - ORIGIN)) << shift) | i
            for i in range(n)
        ]
        packed.sort()
        mask = (1 << shift) - 1
        kept = array("I")
        repeats: list[Repeat] = []
        value = self.value
        previous, first, conflict = -1, -1, False
        for item in packed:
            key, i = item >> shift, item & mask
            if key != previous:
                if first >= 0 and not conflict:
                    kept.append(first)
                previous, first, conflict = key, i, False
            else:
                repeats.append(Repeat(first, i))
                conflict = conflict or value[i] != value[first]
        if first >= 0 and not conflict:
            kept.append(first)
        return kept, repeats

    def region_counts(self, rows: Sequence[int]) -> dict[int, dict[int, int]]:
        """For each file with kept rows, how many rows each of its regions has (sparse: a
        county-level plan has 2,800 regions, and a file holds a few; a file without rows
        is left out: a batch may hold 200,000 empty files)."""
        counts: dict[int, dict[int, int]] = {}
        file, region = self.file, self.region
        for i in rows:
            found = counts.setdefault(file[i], {})
            r = region[i]
            found[r] = found.get(r, 0) + 1
        return {f: dict(sorted(found.items())) for f, found in counts.items()}


def target_runs(store: Store, rows: Sequence[int]) -> Iterator[tuple[str, int, int]]:
    """The kept rows (in target order) as one run per target: (target id, start, stop)
    positions in ``rows``; found by bisection, as the rows are sorted by target."""
    key = store.target.__getitem__
    start = 0
    while start < len(rows):
        t = key(rows[start])
        stop = bisect_right(rows, t, lo=start, key=key)
        yield store.target_ids[t], start, stop
        start = stop
