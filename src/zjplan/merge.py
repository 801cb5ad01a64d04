"""Merge clean submissions into one canonical CSV that ``zjplan status`` reads."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from zjplan.comparators import kind
from zjplan.csvtext import Cell, chunked_csv
from zjplan.errors import Problem, Severity
from zjplan.model import Plan
from zjplan.numbers import CANONICAL_PREFIX, STATE_OF_VALUE
from zjplan.progress import Observation, Progress, read_progress
from zjplan.progress.sources import Inputs
from zjplan.progress.store import target_runs

HEADER = ("target_id", "region", "as_of", "value", "unit", "source", "note")


@dataclass
class Merged:
    """The canonical CSV text, and what was left out because of errors."""

    text: str
    rows: int
    progress: Progress

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.progress.problems if p.severity is Severity.ERROR]


def plain_number(value: float) -> str:
    """A number without exponent or trailing zeros: 100000, 0.5, 12345.678."""
    if value.is_integer():
        return str(int(value))
    return format(Decimal(repr(value)).normalize(), "f")


def canonical_value(plan: Plan, o: Observation) -> str:
    """The value in one spelling: a state's word, or a plain number behind its qualifier's
    canonical mark (>=300, <=300, ~300), which every reader reads as the same figure."""
    target = plan.by_id[o.target_id]
    if kind(target.comparator).reading == "state":
        return STATE_OF_VALUE[o.value]
    return CANONICAL_PREFIX[o.qualifier] + plain_number(o.value)


def merge(paths: Inputs, plan: Plan, today: date | None = None, prefer: str = "") -> Merged:
    """Read submissions and render their clean rows as one sorted, canonical CSV: by target
    id, region name and date. Made a target at a time: a shard of millions of rows never
    exists as tuples or cells at once (5.6 million took over 2 GB that way)."""
    progress = read_progress(paths, plan, today=today, prefer=prefer)
    days: dict[date, str] = {}  # a few hundred dates for millions of rows: each written once
    units = {t.id: t.unit or "" for t in plan.targets}
    store = progress.store
    if store is None:  # nothing was read
        return Merged(chunked_csv(HEADER, []), 0, progress)
    runs = {tid: (a, b) for tid, a, b in target_runs(store, progress.rows)}
    count = 0

    def rows_of(target_id: str) -> list[list[Cell]]:
        nonlocal count
        start, stop = runs[target_id]
        found = store.observations(progress.rows[start:stop])
        found.sort(key=lambda o: (o.region, o.as_of))
        count += len(found)
        return [
            [
                o.target_id,
                o.region,
                days.get(o.as_of) or days.setdefault(o.as_of, o.as_of.isoformat()),
                canonical_value(plan, o),
                units[o.target_id],
                o.source,
                o.note,
            ]
            for o in found
        ]

    # Free text never runs as a formula in a spreadsheet; readers take the guard off again.
    text = chunked_csv(HEADER, map(rows_of, sorted(runs)))
    return Merged(text, count, progress)
