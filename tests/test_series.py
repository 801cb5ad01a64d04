"""The province's series from the store's columns equals the one made from tuples."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import ROOT
from tests.test_vector import PLAN_MODEL, REGIONS, store_of
from zjplan import engine
from zjplan.base import plain_data
from zjplan.engine import evaluate
from zjplan.progress import read_progress
from zjplan.progress.store import ORIGIN
from zjplan.series import Point, group, province_series, province_series_of_store

PROVINCE = PLAN_MODEL.province.name
# Targets 0 and 3 of the plan are summed over cities, 1 and 2 are not.
SUMMED = {t.id: t.aggregate == "sum" for t in PLAN_MODEL.targets}
# (target, region, day, value, file): values whose sums round differently in different
# orders (0.1 + 0.2 + 0.3), a negative zero, and sums that differ from the province's.
ROW = st.tuples(
    st.integers(0, 3),
    st.integers(0, REGIONS - 1),
    st.integers(0, 5),
    st.sampled_from([0.1, 0.2, 0.3, -0.0, 1.0, 7.0, 1e16, 3.0]),
    st.integers(0, 2),
)


def by_tuples(rows: list[tuple[int, int, int, float, int]]) -> dict[str, tuple[object, object]]:
    store = store_of(rows)
    kept, _ = store.sorted_unique()
    columns = province_series_of_store(PLAN_MODEL, store, kept)
    grouped = group(store.observations(kept))
    return {
        tid: (
            province_series(PROVINCE, grouped.get(tid, []), SUMMED[tid]),
            columns.get(tid, ([], [])),
        )
        for tid in PLAN_MODEL.by_id
    }


@settings(max_examples=300, deadline=None)
@given(st.lists(ROW, max_size=60))
def test_series_from_columns_equal_series_from_tuples(
    rows: list[tuple[int, int, int, float, int]],
) -> None:
    """Every target's points (value to the last bit, source, file, line) and warnings agree."""
    for tid, (expected, found) in by_tuples(rows).items():
        assert found == expected, tid


def test_series_from_columns_by_hand() -> None:
    """Cities summed until the province reports; its 16 against their 15 is a warning."""
    hangzhou, ningbo = 1, 2  # region indexes: 浙江省 is 0
    rows = [
        (0, hangzhou, 0, 10.0, 0),  # day 0: 杭州 10 -> the province is 10 (1 city)
        (0, ningbo, 1, 5.0, 1),  # day 1: 宁波 5 -> 15 (2 cities) ...
        (0, 0, 1, 16.0, 2),  # ... but the province reports 16: its figure wins
        (1, hangzhou, 0, 4.0, 0),  # target 1 is not summed: a city's figure is not the province's
    ]
    store = store_of(rows)
    kept, _ = store.sorted_unique()
    found = province_series_of_store(PLAN_MODEL, store, kept)
    day0, day1 = (date.fromordinal(ORIGIN + 7000 + d) for d in (0, 1))
    points, warnings = found["national_demo_zones"]
    assert points == [
        Point(day0, 10.0, PROVINCE, "sum of 1 cities"),
        Point(day1, 16.0, PROVINCE, "", "c.csv", 4),
    ]
    assert warnings == [f"{day1}: the province reports 16 but its cities add up to 15 (2 cities)"]
    assert "informatization_index" not in found


@pytest.mark.parametrize("as_of", [None, date(2019, 3, 31)])
def test_evaluate_on_a_large_store_equals_evaluate_on_tuples(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, as_of: date | None
) -> None:
    """With the column path forced on, the report on the shipped figures and two cities'
    (summed, and once against the province's own figure) is the same."""
    (tmp_path / "cities.csv").write_text(
        "target_id,region,as_of,value,unit,source\n"
        "industrial_robots_in_use,宁波市,2018-12-31,20000,台,宁波\n"
        "industrial_robots_in_use,杭州市,2019-03-31,41000,台,杭州\n"
        "industrial_robots_in_use,宁波市,2019-06-30,30000,台,宁波\n"
        "small_to_large_firms,宁波市,2019-06-30,900,家,宁波\n",
        encoding="utf-8",
    )
    paths = [ROOT / "data" / "progress", tmp_path]
    progress = read_progress(paths, PLAN_MODEL, today=date(2021, 6, 30))
    monkeypatch.setattr(engine, "VECTOR_ROWS", 0)
    from_columns = evaluate(PLAN_MODEL, progress, as_of=as_of)
    from_tuples = evaluate(PLAN_MODEL, list(progress.observations), as_of=as_of)
    assert plain_data(from_columns) == plain_data(from_tuples)
    robots = next(t for t in from_columns.targets if t.id == "industrial_robots_in_use")
    assert any(p.source.startswith("sum of") for p in robots.history)
