"""What reading a set of progress files gives: each file's tally, the problems, the rows."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from itertools import compress
from types import MappingProxyType
from typing import Any

from zjplan.errors import Problem
from zjplan.progress.store import Observation, Store, target_runs
from zjplan.wording import Words

NOTHING: Mapping[Any, Any] = MappingProxyType({})  # an empty mapping no one can fill


@dataclass(slots=True)
class FileSummary:
    """What one file held: its format, regions, rows read and used, problems."""

    file: str
    format: str = "csv"
    encoding: str = ""
    sheet: str = ""
    delimiter: str = ","
    # Spreadsheet cells that read as empty but hold an error or an uncomputed formula.
    # Empty by default without a container of its own, as columns: a batch may hold
    # 200,000 summaries, and three empty containers are ~180 bytes of each.
    special: Mapping[tuple[int, int], tuple[str, Words]] = field(default_factory=lambda: NOTHING)
    sheets_looked_at: Sequence[str] = ()
    mtime: float = 0.0  # when the file was last changed (--prefer newest)
    rows: int = 0
    used: int = 0
    regions: frozenset[str] = frozenset()
    owner: str | None = None
    errors: int = 0
    warnings: int = 0
    columns: Mapping[str, int] = field(default_factory=lambda: NOTHING)
    width: int = 0
    index: int = 0  # the file's number in the store
    unlisted: int = 0  # problems counted (in errors and warnings) but not listed
    unlisted_errors: int = 0


@dataclass
class Progress:
    """Everything read from a set of progress files. Rows are kept as columns (``store``);
    ``observations`` gives them as tuples, sorted by target, region and date (plan order),
    each (target, region, date) once, made on first use. Reading it changes nothing else:
    the columns stay, and every later reader of them sees the same rows."""

    problems: list[Problem] = field(default_factory=list)
    files: list[FileSummary] = field(default_factory=list)
    store: Store | None = None
    rows: Sequence[int] = ()  # the kept rows of the store, in (target, region, date) order
    skipped_files: list[tuple[str, str]] = field(default_factory=list)  # (path, why)
    # Figures given but not used, and why: (target id, region) -> error, not_available,
    # formula or conflict.
    failed: dict[tuple[str, str], str] = field(default_factory=dict)

    @cached_property
    def observations(self) -> list[Observation]:
        """The kept rows as Observation tuples (made once)."""
        return self.store.observations(self.rows) if self.store else []

    def observations_of(self, region: str) -> list[Observation]:
        """One region's kept rows as tuples, in the same order; no other row is made one (a
        national store holds millions: all of them as tuples took 1.1 GB)."""
        store = self.store
        index = store.region_index.get(region) if store is not None else None
        if store is None or index is None:
            return []
        of_region = map(index.__eq__, map(store.region.__getitem__, self.rows))
        return store.observations(list(compress(self.rows, of_region)))

    def observations_of_target(self, target_id: str) -> list[Observation]:
        """One target's kept rows as tuples (explain asks for one; a national store holds
        millions of rows of others)."""
        if self.store is None:
            return []
        for found, start, stop in target_runs(self.store, self.rows):
            if found == target_id:
                return self.store.observations(self.rows[start:stop])
        return []

    def sort_problems(self) -> None:
        """Problems in file order (as read), then line and column within a file."""
        order = {f.file: i + 1 for i, f in enumerate(self.files)}
        # One integer a key, not a tuple of three: 200,000 problems sort in ~20 MB less.
        self.problems.sort(key=lambda p: (order.get(p.file, 0) << 64 | p.line) << 32 | p.column)

    @property
    def errors(self) -> int:
        """Errors found, listed or not (a file lists at most MAX_LISTED problems)."""
        return sum(f.errors for f in self.files)

    @property
    def warnings(self) -> int:
        return sum(f.warnings for f in self.files)

    @property
    def skipped(self) -> int:
        return sum(f.rows - f.used for f in self.files)
