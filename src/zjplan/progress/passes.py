"""Whole-column passes over the store, by size: numpy (vector.py) from VECTOR_ROWS rows,
the store's Python loops below, so ordinary runs never import numpy. Both give the same
result (tests/test_vector.py)."""

from __future__ import annotations

from array import array
from collections.abc import Sequence

from zjplan.progress.store import VECTOR_ROWS, Repeat, Store


def sorted_unique(store: Store) -> tuple[array[int], list[Repeat]]:
    """Rows sorted by (target, region, date), each key once, and the repeats."""
    if len(store) >= VECTOR_ROWS:
        from zjplan.progress import vector  # numpy: imported only for large stores

        return vector.sorted_unique(store)
    return store.sorted_unique()


def region_counts(store: Store, rows: Sequence[int]) -> dict[int, dict[int, int]]:
    """For each file with kept rows, how many each region has."""
    if len(rows) >= VECTOR_ROWS:
        from zjplan.progress import vector

        return vector.region_counts(store, rows)
    return store.region_counts(rows)
