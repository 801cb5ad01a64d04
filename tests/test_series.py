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
from zjplan.series import (
    Coverage,
    group,
    province_series,
    province_series_of_store,
    sum_rule,
)

PROVINCE = PLAN_MODEL.province.name
# Targets 0 and 3 of the plan are summed over cities, 1 and 2 are not.
RULES = {
    t.id: sum_rule(PLAN_MODEL, t) if t.aggregate == "sum" else None for t in PLAN_MODEL.targets
}
# (target, region, day, value, file): values whose sums round differently in different
# orders (0.1 + 0.2 + 0.3), a negative zero, and sums that differ from the province's.
ROW = st.tuples(
    st.integers(0, 3),
    st.integers(0, REGIONS - 1),
    st.sampled_from([0, 1, 2, 30, 31, 95, 200, 400]),  # days of one quarter, and of others
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
            province_series(PROVINCE, grouped.get(tid, []), RULES[tid]),
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
    """Sums are made at each reporting period's end. Day 0 is 2019-03-02 (quarterly): 杭州
    10 in Q1 gives the Q1 sum 10 at 2019-03-31, a lower bound of a count with the other
    cities missing. In Q2 宁波 reports 5 and 杭州's 10 is carried: 15 at 2019-06-30, unless
    the province reports for that date: its 16 wins (the sum is partial: no warning, like
    is compared with like)."""
    hangzhou, ningbo = 1, 2  # region indexes: 浙江省 is 0
    rows = [
        (0, hangzhou, 0, 10.0, 0),  # 2019-03-02: 杭州 10
        (0, ningbo, 100, 5.0, 1),  # 2019-06-10: 宁波 5
        (1, hangzhou, 0, 4.0, 0),  # target 1 is not summed: a city's figure is not the province's
    ]
    store = store_of(rows)
    kept, _ = store.sorted_unique()
    found = province_series_of_store(PLAN_MODEL, store, kept)
    points, warnings = found["national_demo_zones"]
    cities = tuple(r.name for r in PLAN_MODEL.regions if r.level == "city")
    assert [(p.as_of, p.value, p.qualifier) for p in points] == [
        (date(2019, 3, 31), 10.0, "at_least"),
        (date(2019, 6, 30), 15.0, "at_least"),
    ]
    q1, q2 = (p.coverage for p in points)
    assert q1 == Coverage(("杭州市",), (), tuple(c for c in cities if c != "杭州市"))
    assert q2 is not None
    assert q2.reported == ("宁波市",)
    assert q2.carried == (("杭州市", date(2019, 3, 2)),)
    assert q2.expected == len(cities)
    assert warnings == []
    assert "informatization_index" not in found


def test_the_provinces_figure_of_a_periods_end_wins() -> None:
    hangzhou = 1
    day = (date(2019, 6, 30) - date(2019, 3, 2)).days  # day 0 is 2019-03-02
    rows = [(0, hangzhou, 0, 10.0, 0), (0, 0, day, 16.0, 2)]
    store = store_of(rows)
    kept, _ = store.sorted_unique()
    points, _ = province_series_of_store(PLAN_MODEL, store, kept)["national_demo_zones"]
    assert [(p.as_of, p.value, p.source) for p in points] == [
        (date(2019, 3, 31), 10.0, "sum of 1 cities"),
        (date(2019, 6, 30), 16.0, ""),
    ]


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


def test_complete_periods_from_columns_equal_the_tuple_path() -> None:
    """Every city in two quarters (the fast sums of the column path), the province's own
    figure at the first quarter's end (which wins, and differs: a warning), and a third
    quarter with one city missing (the tuple path again): the same points and warnings."""
    q1_end = (date(2019, 3, 31) - date(2019, 3, 2)).days
    rows = [(0, c, q1_end, 1.0 + c, 0) for c in range(1, REGIONS)]
    rows += [(0, 0, q1_end, 100.0, 1)]  # the province: 100 against the cities' 77
    rows += [(0, c, q1_end + 40, 2.0 + c, 0) for c in range(1, REGIONS)]  # Q2, all
    rows += [(3, c, 5, 0.1 * c, 2) for c in range(1, REGIONS)]  # target 3, Q1, all
    rows += [(3, c, 100, 0.2 * c, 2) for c in range(1, REGIONS - 1)]  # Q2: one city missing
    for tid, (expected, found) in by_tuples(rows).items():
        assert found == expected, tid
    points, warnings = by_tuples(rows)["national_demo_zones"][1]  # type: ignore[misc]
    assert [p.value for p in points] == [100.0, sum(2.0 + c for c in range(1, REGIONS))]
    assert len(warnings) == 1
