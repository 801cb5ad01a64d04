"""numpy's whole-column passes give exactly what the store's Python loops give."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import PLAN
from zjplan.plan import load_plan
from zjplan.progress import vector
from zjplan.progress.crosscheck import JUMP, history_hits
from zjplan.progress.store import ORIGIN, Store

PLAN_MODEL = load_plan(PLAN)
TARGETS = len(PLAN_MODEL.targets)
REGIONS = len(PLAN_MODEL.regions)
# (target, region, day, value, file): few distinct keys and values, so repeats, conflicts,
# falls and jumps are common.
ROW = st.tuples(
    st.integers(0, 3),
    st.integers(0, REGIONS - 1),
    st.integers(0, 5),
    st.sampled_from([0.0, 1.0, 5.0, 20.0, 100.0]),
    st.integers(0, 2),
)


def store_of(rows: list[tuple[int, int, int, float, int]]) -> Store:
    store = Store(PLAN_MODEL)
    for name in ("a.csv", "b.csv", "c.csv"):
        store.add_file(name)
    for line, (target, region, day, value, file) in enumerate(rows, start=2):
        store.target.append(target)
        store.region.append(region)
        store.day.append(ORIGIN + 7000 + day)
        store.value.append(value)
        store.file.append(file)
        store.line.append(line)
        store.source.append(0)
        store.note.append(0)
        store.qualifier.append(0)
    return store


@settings(max_examples=200, deadline=None)
@given(st.lists(ROW, max_size=60))
def test_vector_passes_equal_the_python_loops(rows: list[tuple[int, int, int, float, int]]) -> None:
    """Sorting, repeats, conflicts, per-file region counts and history hits agree."""
    store = store_of(rows)
    kept, repeats = store.sorted_unique()  # the Python loop: far below VECTOR_ROWS
    assert vector.sorted_unique(store) == (kept, repeats)
    assert vector.region_counts(store, kept) == store.region_counts(kept)
    counts = [i % 2 == 0 for i in range(TARGETS)]
    numeric = [i != 3 for i in range(TARGETS)]
    assert vector.history_hits(store, kept, counts, numeric, JUMP) == history_hits(
        store, kept, counts, numeric
    )


def test_vector_sorted_unique_by_hand() -> None:
    """Two keys, one repeated with the same value and one in conflict: worked by hand."""
    store = store_of([(1, 0, 1, 5.0, 0), (0, 0, 0, 1.0, 0), (1, 0, 1, 5.0, 1), (0, 0, 0, 2.0, 2)])
    kept, repeats = vector.sorted_unique(store)
    assert list(kept) == [0]  # key (0,0,0) is in conflict; key (1,0,1) keeps its first row
    assert [tuple(r) for r in repeats] == [(1, 3), (0, 2)]


@settings(max_examples=100, deadline=None)
@given(st.lists(ROW, max_size=60, unique_by=lambda row: row[:3]))
def test_vector_passes_on_rows_stored_file_by_file(
    rows: list[tuple[int, int, int, float, int]],
) -> None:
    """As the reader stores them: each file's rows together, no key given twice (every row
    kept, the file and region pairs counted by their runs unless a file mixes regions)."""
    store = store_of(sorted(rows, key=lambda row: row[4]))
    kept, repeats = store.sorted_unique()
    assert repeats == []
    assert len(kept) == len(rows)
    assert vector.sorted_unique(store) == (kept, repeats)
    assert vector.region_counts(store, kept) == store.region_counts(kept)


def test_vector_region_counts_by_hand() -> None:
    """File 0 with regions 1, 1, 2 and file 1 with 0 after file 2's 3: counted by hand,
    all rows kept, then the last row dropped."""
    store = store_of(
        [(0, 1, 0, 1.0, 0), (1, 1, 0, 1.0, 0), (2, 2, 0, 1.0, 0), (0, 3, 1, 1.0, 2),
         (0, 0, 2, 1.0, 1)]
    )  # fmt: skip
    every = vector.sorted_unique(store)[0]
    assert sorted(every) == [0, 1, 2, 3, 4]
    assert vector.region_counts(store, every) == {0: {1: 2, 2: 1}, 1: {0: 1}, 2: {3: 1}}
    assert vector.region_counts(store, [0, 1, 3]) == {0: {1: 2}, 2: {3: 1}}
