"""The store's whole-column passes done by numpy, for large stores only.

Sorting a million rows by (target, region, date), finding their repeats and comparing each
figure with the one before take about 1.5 s a million rows as Python loops and about
0.1 s here. numpy itself takes ~0.15 s to import, so the store uses these functions only
from VECTOR_ROWS rows; below that the Python loops are faster and numpy is never imported.
Each function returns exactly what its Python counterpart returns (tests compare them).
"""

from __future__ import annotations

from array import array
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from zjplan.progress.store import DAY_BITS, ORIGIN, Repeat, Store

Ints = npt.NDArray[np.int64]


def _column(values: array[int], dtype: type[np.generic]) -> Ints:
    """An array column as int64 (the array module's typecodes and numpy's dtypes agree)."""
    return np.frombuffer(values, dtype=dtype).astype(np.int64)


def _rows(rows: Sequence[int]) -> Ints:
    if isinstance(rows, array) and rows.typecode == "I":
        return _column(rows, np.uint32)
    return np.fromiter(rows, dtype=np.int64, count=len(rows))


def sorted_unique(store: Store) -> tuple[array[int], list[Repeat]]:
    """Store.sorted_unique with numpy: rows sorted by (target, region, date), the first of a
    key kept unless a later one has another value, and each later row as a Repeat."""
    regions = max(len(store.region_names), 1)
    # The key is built in place: a million rows take 8 MB a column of int64.
    key = _column(store.target, np.uint16)
    key *= regions
    key += np.frombuffer(store.region, dtype=np.uint16)
    key <<= DAY_BITS
    key |= np.frombuffer(store.day, dtype=np.int32) - ORIGIN
    order = np.argsort(key, kind="stable")  # within a key, reading order
    key = key[order]
    starts = np.ones(len(order), dtype=bool)
    np.not_equal(key[1:], key[:-1], out=starts[1:])
    del key
    if starts.all():  # no key given twice, as in most batches: every row is kept
        return _uint32(order), []
    firsts = order[starts]
    repeated = ~starts
    later = order[repeated]
    del order
    group = np.cumsum(starts)[repeated] - 1  # the key's number, for each later row
    first_of_later = firsts[group]
    value = np.frombuffer(store.value, dtype=np.float64)
    conflicted = group[value[later] != value[first_of_later]]
    keep = np.ones(len(firsts), dtype=bool)
    keep[conflicted] = False
    repeats = [
        Repeat(first, row)
        for first, row in zip(first_of_later.tolist(), later.tolist(), strict=True)
    ]
    return _uint32(firsts[keep]), repeats


def _uint32(rows: Ints) -> array[int]:
    """Row numbers as the store's array("I"), copied once."""
    found = array("I")
    found.frombytes(rows.astype(np.uint32).data.cast("B"))
    return found


def region_counts(store: Store, rows: Sequence[int]) -> dict[int, dict[int, int]]:
    """Store.region_counts with numpy: for each file with kept rows, how many rows each of
    its regions has. Grouped by (file, region) pairs, linear in the rows: never a dense
    files × regions table (2,000 files × 2,801 regions took 15 s and gigabytes)."""
    if not len(rows):
        return {}
    regions = max(len(store.region_names), 1)
    file = np.frombuffer(store.file, dtype=np.uint32)
    region = np.frombuffer(store.region, dtype=np.uint16)
    if len(rows) < len(store):  # some rows not kept: the counts are of the kept ones
        k = _rows(rows)
        file, region = file[k], region[k]
    pair = file.astype(np.int64)
    pair *= regions
    pair += region
    # Rows are stored file by file, and a file's rows are mostly of one region: the pairs
    # are then in order already, and counted by their runs without a sort.
    if len(pair) > 1 and not (pair[1:] >= pair[:-1]).all():
        pair.sort()
    starts = np.flatnonzero(np.r_[True, pair[1:] != pair[:-1]])
    counts = np.diff(np.r_[starts, len(pair)])
    result: dict[int, dict[int, int]] = {}
    for key, n in zip(pair[starts].tolist(), counts.tolist(), strict=True):
        f, r = divmod(key, regions)
        result.setdefault(f, {})[r] = n
    return result


def history_hits(
    store: Store, rows: Sequence[int], counts: list[bool], numeric: list[bool], jump: float
) -> list[tuple[int, int, bool]]:
    """crosscheck's history pass with numpy: (row before, row after, fell) for each figure
    of a numeric target that falls (counts only) or jumps past ``jump`` times the one
    before it in the same region's series."""
    k = _rows(rows)
    if len(k) < 2:
        return []
    # The columns as they are stored (16-bit), not widened: a third of the memory to touch.
    target = np.frombuffer(store.target, dtype=np.uint16)[k]
    region = np.frombuffer(store.region, dtype=np.uint16)[k]
    value = np.frombuffer(store.value, dtype=np.float64)[k]
    old, new = value[:-1], value[1:]
    same = (target[1:] == target[:-1]) & (region[1:] == region[:-1])
    same &= np.asarray(numeric, dtype=bool)[target[1:]]
    fell = same & np.asarray(counts, dtype=bool)[target[1:]] & (new < old)
    jumped = same & ~fell & (old > 0) & (new > 0) & ((new >= jump * old) | (old >= jump * new))
    positions = np.flatnonzero(fell | jumped)
    return [
        (int(k[p]), int(k[p + 1]), bool(fell[p]))
        for p in positions.tolist()  # the few figures to report
    ]


def period_lasts(
    store: Store, rows: Sequence[int], province: int, months: Sequence[int]
) -> list[int]:
    """The rows a province series reads, in their order: every row of the province, and
    of each summed target (``months``: its reporting period, 0 for a target not summed)
    each city's last row of each period (a period's sum reads no other). ``rows`` are in
    (target, region, date) order."""
    k = _rows(rows)
    if not len(k):
        return []
    target = _column(store.target, np.uint16)[k]
    region = _column(store.region, np.uint16)[k]
    day = _column(store.day, np.int32)[k]
    own = region == province
    period_months = np.asarray(months, dtype=np.int64)[target]
    city = ~own & (period_months > 0)
    # Months since 1970-01 (day 719163 in ordinals): periods are whole calendar quarters
    # and years, as series.period_end counts them.
    month = (day - 719163).astype("datetime64[D]").astype("datetime64[M]").astype(np.int64)
    period = month // np.maximum(period_months, 1)
    last = np.ones(len(k), dtype=bool)  # the last row of its (target, region, period)
    last[:-1] = (
        (target[1:] != target[:-1]) | (region[1:] != region[:-1]) | (period[1:] != period[:-1])
    )
    result: list[int] = k[own | (city & last)].tolist()
    return result


def complete_periods(
    store: Store, kept: Sequence[int], province: int, months: Sequence[int], cities: int
) -> dict[int, list[tuple[int, list[int]]]]:
    """For each summed target whose every period is complete and exact (each of the
    ``cities`` cities has a row in it, no figure a bound), its periods in order: (the
    period's end as a day ordinal, the city rows summed there). ``kept`` are
    period_lasts's rows. A target missing from the result takes the tuple path."""
    k = _rows(kept)
    if not len(k):
        return {}
    target = _column(store.target, np.uint16)[k]
    region = _column(store.region, np.uint16)[k]
    day = _column(store.day, np.int32)[k]
    qualified = np.frombuffer(store.qualifier, dtype=np.uint8)[k] != 0
    period_months = np.asarray(months, dtype=np.int64)[target]
    city = (region != province) & (period_months > 0)
    month = (day - 719163).astype("datetime64[D]").astype("datetime64[M]").astype(np.int64)
    period = month // np.maximum(period_months, 1)
    result: dict[int, list[tuple[int, list[int]]]] = {}
    bad = set(np.unique(target[qualified]).tolist())  # a bound: the tuple path's arithmetic
    c_target, c_period, c_rows = target[city], period[city], k[city]
    if not len(c_rows):
        return result
    order = np.lexsort((c_period, c_target))
    c_target, c_period, c_rows = c_target[order], c_period[order], c_rows[order]
    starts = np.flatnonzero(
        np.r_[True, (c_target[1:] != c_target[:-1]) | (c_period[1:] != c_period[:-1])]
    )
    sizes = np.diff(np.r_[starts, len(c_rows)])
    # Each period's last day, as an ordinal: the first day of the month after it, less one.
    after = (c_period[starts] + 1) * period_months[city][order][starts]
    ends = after.astype("datetime64[M]").astype("datetime64[D]").astype(np.int64) - 1 + 719163
    for start, size, end in zip(starts.tolist(), sizes.tolist(), ends.tolist(), strict=True):
        t = int(c_target[start])
        if t in bad:
            continue
        if size != cities:
            bad.add(t)
            result.pop(t, None)
            continue
        result.setdefault(t, []).append((end, c_rows[start : start + size].tolist()))
    return result


def run_maxima(days: array[int], rows: Sequence[int], starts: list[int]) -> list[int]:
    """The largest day of each run of ``rows`` (a run from each of ``starts`` to the next)."""
    k = _rows(rows)
    column = np.frombuffer(days, dtype=np.int32)[k]
    found: list[int] = np.maximum.reduceat(column, np.asarray(starts, dtype=np.int64)).tolist()
    return found
