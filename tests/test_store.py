"""The store's columns: runs of a target's rows."""

from __future__ import annotations

from tests.test_vector import store_of
from zjplan.progress.store import target_runs


def test_target_runs_by_hand() -> None:
    """Kept rows sorted by target give one (id, start, stop) run per target present."""
    store = store_of([(2, 0, 0, 1.0, 0), (0, 0, 0, 1.0, 0), (2, 1, 0, 1.0, 0), (0, 1, 1, 1.0, 0)])
    kept, _ = store.sorted_unique()
    assert list(kept) == [1, 3, 0, 2]
    ids = store.target_ids
    assert list(target_runs(store, kept)) == [(ids[0], 0, 2), (ids[2], 2, 4)]
    assert list(target_runs(store, [])) == []
