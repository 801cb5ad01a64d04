"""The fast path for well-formed rows: most rows of most files are of one common shape, and
are taken into the store's columns without the checked path's per-cell work.

Rows are read in chunks. A chunk whose rows are all of the common shape is checked a
column at a time (sets of the distinct ids, regions, units and dates; one pass over the
values) and appended in bulk, so the per-row work runs inside the interpreter's C loops.
A chunk with any other row is taken row by row: a row of the common shape with a few
lookups; any other is given back to the caller (:meth:`FastPath.read` yields it, with its
line), whose checked path says what is wrong with it. The fast path never calls back.

The common shape: the header's width, an exact target id and region, a plain date
(numbers.plain_date, or a date spelling the checked path has accepted before), a plain
figure (numbers.plain_figures), no unit or the target's own, a figure a city may report
(summed targets) or a province figure, printable source and note. This module only
decides whether a row has that shape: what a value or a date is, and the bounds it must
satisfy, are numbers.py's, the same functions and constants the checked path uses.
"""

from __future__ import annotations

import csv
from array import array
from collections.abc import Iterator, Sequence
from datetime import date
from itertools import islice
from typing import NamedTuple, cast

from zjplan.csvtext import plain_text
from zjplan.model import Plan
from zjplan.numbers import plain_date, plain_figure, plain_figures
from zjplan.progress.sources import Rows, SplitRows
from zjplan.progress.store import Store

CHUNK = 1024  # rows read at once: large enough to amortise, small enough to keep memory flat
REMEMBERED = 100_000  # date spellings remembered (a hostile file may write each one anew)

Fact = tuple[int, str, bool]  # a target: its number in the store, unit, whether cities report
Leftover = tuple[list[str], int]  # a row the fast path did not take, and its first line


class KnownDates:
    """Date spellings known good, to their ordinal: the fast path's own finds (plain ISO
    dates) and the spellings the checked path accepted (2019年12月, 2019Q4). One object the
    reader gives both paths, at most REMEMBERED spellings (a hostile file may write each
    one anew)."""

    def __init__(self) -> None:
        self.ordinals: dict[str, int] = {}

    def remember(self, text: str, day: date) -> None:
        if len(self.ordinals) < REMEMBERED:
            self.ordinals[text] = day.toordinal()

    def forget(self) -> None:
        self.ordinals = {}


def line_starts(chunk: Sequence[list[str]], prev: int) -> list[int]:
    """The first line of each row, given the line the previous row ended on: a row spans one
    line plus the line breaks (\\n, \\r\\n or \\r) kept inside its quoted cells."""
    starts = []
    for row in chunk:
        starts.append(prev + 1)
        prev += 1 + sum(c.count("\n") + c.count("\r") - c.count("\r\n") for c in row)
    return starts


def columns_of(lines: list[str], delimiter: str, width: int) -> list[list[str]] | None:
    """The cells of lines split at ``delimiter`` as columns, when every line has ``width``
    cells; else None. The lines are joined with a NUL cell between two and split once: a
    line of another width moves a NUL off its place. (No NUL reaches here: a text that has
    one is csv's to read, sources.csv_rows; a blank line, one cell, is never of width 2+.)"""
    cells = (delimiter + "\0" + delimiter).join(lines).split(delimiter)
    n, stride = len(lines), width + 1
    if width < 2 or len(cells) != n * stride - 1 or cells[width::stride].count("\0") != n - 1:
        return None
    return [cells[k::stride] for k in range(width)]


class UnreadableRow(Exception):
    """csv cannot read the row that starts at ``line``; the rows before it were taken."""

    def __init__(self, error: csv.Error, line: int) -> None:
        super().__init__(str(error))
        self.error = error
        self.line = line


class Sheet(NamedTuple):
    """What the fast path needs of the file being read."""

    columns: dict[str, int]  # canonical column name -> index
    width: int  # the header's number of cells
    file: int  # the file's number in the store


class FastPath:
    """What the fast path knows of the plan, and the dates seen so far."""

    def __init__(
        self, plan: Plan, store: Store, today: date, dates: KnownDates, enabled: bool = True
    ) -> None:
        self.store = store
        self.today = today
        self.enabled = enabled  # False: every row takes the checked path
        ambiguous = plan.ambiguous_aliases  # the checked path asks for a full name
        self.regions = {
            alias: store.region_index[r.name]
            for r, folded in plan.folded_aliases
            for alias, key in zip(r.aliases, folded, strict=True)
            if alias in (r.name, r.id) or key not in ambiguous
        }
        # Numeric targets whose rows hold levels: (number, unit, whether a city's figure is
        # taken); the rest (ranks, states, changes that must say which way) take the
        # checked path.
        self.facts: dict[str, Fact] = {
            t.id: (store.target_index[t.id], t.unit or "", t.takes_city_figures)
            for t in plan.targets
            if t.is_numeric and t.figures == "level"
        }
        self.targets = {tid: fact[0] for tid, fact in self.facts.items()}
        self.level_ids = frozenset(self.facts)
        self.city_ids = frozenset(tid for tid, fact in self.facts.items() if fact[2])
        self.ids_of_unit: dict[str, set[str]] = {}
        for tid, (_, unit, _) in self.facts.items():
            self.ids_of_unit.setdefault(unit, set()).add(tid)
        self.province = store.region_index[plan.province.name]
        self.known = dates
        self.taken = 0  # rows taken fast by the last read

    def iso_date(self, text: str) -> int | None:
        """The ordinal of a plain, in-range YYYY-MM-DD (remembered); None for anything else,
        which the checked path reads and reports."""
        dates = self.known.ordinals
        if len(dates) >= REMEMBERED:
            return None
        day = plain_date(text, self.today)
        if day is None:
            return None
        dates[text] = ordinal = day.toordinal()
        return ordinal

    def read(
        self, it: Iterator[list[str]], rows: Rows, prev: int, sheet: Sheet
    ) -> Iterator[Leftover]:
        """Every row after the header (``prev``: the header's last line): the rows of the
        common shape are taken (counted in ``taken``), the others yielded, in their order,
        for the checked path. A row csv cannot read raises UnreadableRow, once the rows
        before it are taken or yielded."""
        self.taken = 0
        if isinstance(rows, SplitRows):
            yield from self.read_lines(rows, sheet)
            return
        while True:
            chunk: list[list[str]] = []
            try:
                chunk.extend(islice(it, CHUNK))
            except Exception as exc:  # a malformed row: the rows before it still count
                starts = line_starts([*chunk, []], prev)  # the last: where the bad row starts
                yield from self.each(chunk, starts[:-1], sheet)
                if isinstance(exc, csv.Error):
                    raise UnreadableRow(exc, starts[-1]) from exc
                raise
            if not chunk:
                return
            end = rows.line_num
            yield from self.chunk(chunk, end, prev, sheet)
            prev = end

    def read_lines(self, rows: SplitRows, sheet: Sheet) -> Iterator[Leftover]:
        """The rest of a text split at its delimiter: each chunk of lines cut into columns
        (:func:`columns_of`) and taken whole when its rows are of the common shape, else
        split into rows and taken row by row."""
        delimiter = rows.delimiter
        while True:
            try:
                lines = rows.take(CHUNK)
            except csv.Error as exc:  # a cell too long, in the row after the last taken
                raise UnreadableRow(exc, rows.line_num + 1) from exc
            if not lines:
                return
            n = len(lines)
            first = rows.line_num - n + 1
            cells = columns_of(lines, delimiter, sheet.width) if self.enabled else None
            if cells is not None and self.bulk(cells, n, first, sheet):
                self.taken += n
                continue
            yield from self.each(rows.rows(lines), range(first, first + n), sheet)

    def chunk(
        self, chunk: list[list[str]], end: int, prev: int, sheet: Sheet
    ) -> Iterator[Leftover]:
        """One chunk of rows, ``prev`` and ``end`` the lines before and at its end."""
        if end - prev == len(chunk):  # no row spans lines
            if (
                self.enabled
                and chunk
                and set(map(len, chunk)) == {sheet.width}
                and self.bulk(list(zip(*chunk, strict=True)), len(chunk), prev + 1, sheet)
            ):
                self.taken += len(chunk)
                return iter(())
            return self.each(chunk, range(prev + 1, end + 1), sheet)
        return self.each(chunk, line_starts(chunk, prev), sheet)

    def bulk(self, cells: Sequence[Sequence[str]], n: int, first: int, sheet: Sheet) -> bool:
        """Take ``n`` rows given as columns of cells (each row one line, from ``first``) if
        every row is of the common shape; otherwise take nothing and say so."""
        columns = sheet.columns
        ids, regions = cells[columns["target_id"]], cells[columns["region"]]
        days, values = cells[columns["as_of"]], cells[columns["value"]]
        unit, source, note = columns.get("unit"), columns.get("source"), columns.get("note")
        if not self.combinations(ids, regions, cells[unit] if unit is not None else None):
            return False
        known = self.known.ordinals
        if any(self.iso_date(text) is None for text in set(days).difference(known)):
            return False
        figures = plain_figures(values)
        if figures is None:
            return False
        sources = cells[source] if source is not None else ("",) * n
        notes = cells[note] if note is not None else ("",) * n
        if not ("".join(sources).isprintable() and "".join(notes).isprintable()):
            return False
        store, text_id = self.store, self.store.text_id
        source_ids = {text: text_id(plain_text(text.strip())) for text in set(sources)}
        note_ids = {text: text_id(plain_text(text.strip())) for text in set(notes)}
        # array.fromlist(list(...)) is about three times faster than array.extend(map(...)),
        # and fromlist(ints) than extend(array("d", ints)).
        store.target.fromlist(list(map(self.targets.__getitem__, ids)))
        store.region.fromlist(list(map(self.regions.__getitem__, regions)))
        store.day.fromlist(list(map(known.__getitem__, days)))
        store.value.fromlist(cast("list[float]", figures))  # whole numbers, each exact
        store.file.extend(array("I", (sheet.file,)) * n)
        store.line.fromlist(list(range(first, first + n)))
        for column, ids_of, texts in (
            (store.source, source_ids, sources),
            (store.note, note_ids, notes),
        ):
            if len(ids_of) == 1:  # one source (or no note) for the whole chunk, as most files
                column.extend(array("I", ids_of.values()) * n)
            else:
                column.fromlist(list(map(ids_of.__getitem__, texts)))
        store.qualifier.frombytes(bytes(n))  # a plain figure is exact (extend: per byte)
        return True

    def combinations(
        self, ids: Sequence[str], regions: Sequence[str], units: Sequence[str] | None
    ) -> bool:
        """Whether every row's target, region and unit go together: known ids and regions,
        each row's unit empty or its target's, a city's figure only for a target that takes
        one (model.Target.takes_city_figures).
        Judged on the distinct values; pairs are looked at only when the sets are not enough."""
        facts, places, province = self.facts, self.regions, self.province
        distinct = set(ids)  # set operations and maps: C loops, not ours
        if not distinct <= self.level_ids:
            return False
        numbers = set(map(places.get, set(regions)))
        if None in numbers:
            return False
        if numbers != {province} and not distinct <= self.city_ids:
            pairs = set(zip(ids, regions, strict=True))
            if any(not facts[t][2] and places[r] != province for t, r in pairs):
                return False
        if units is None:
            return True
        given_units = set(units)
        given_units.discard("")
        if not given_units:
            return True
        if len(given_units) == 1 and distinct <= self.ids_of_unit.get(given_units.pop(), set()):
            return True
        given = set(zip(ids, units, strict=True))
        return all(u in ("", facts[t][1]) for t, u in given)

    def each(
        self, chunk: list[list[str]], lines: Sequence[int], sheet: Sheet
    ) -> Iterator[Leftover]:
        """A chunk row by row: a row of the common shape taken with a few lookups, any
        other yielded for the checked path."""
        columns, width, file = sheet
        get = columns.get
        ti, ri, ai, vi = columns["target_id"], columns["region"], columns["as_of"], columns["value"]
        ui, si, ni = get("unit"), get("source"), get("note")
        facts, regions, province = self.facts, self.regions, self.province
        dates = self.known.ordinals
        store = self.store
        add_target, add_region, add_day = store.target.append, store.region.append, store.day.append
        add_value, add_file, add_line = store.value.append, store.file.append, store.line.append
        add_source, add_note, text_id = store.source.append, store.note.append, store.text_id
        add_qualifier = store.qualifier.append
        for row, line in zip(chunk, lines, strict=True):
            if self.enabled and len(row) == width:
                fact = facts.get(row[ti])
                region = regions.get(row[ri])
                day = dates.get(row[ai]) or self.iso_date(row[ai])
                figure = plain_figure(row[vi])
                source = row[si] if si is not None else ""
                note = row[ni] if ni is not None else ""
                if (
                    fact is not None
                    and region is not None
                    and day is not None
                    and figure is not None
                    and (ui is None or row[ui] == "" or row[ui] == fact[1])
                    and (fact[2] or region == province)
                    and source.isprintable()
                    and note.isprintable()
                ):
                    add_target(fact[0])
                    add_region(region)
                    add_day(day)
                    add_value(figure)
                    add_file(file)
                    add_line(line)
                    add_source(text_id(plain_text(source.strip())))
                    add_note(text_id(plain_text(note.strip())) if note else 0)
                    add_qualifier(0)
                    self.taken += 1
                    continue
            yield row, line
