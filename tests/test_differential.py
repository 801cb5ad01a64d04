"""The fast path and the checked path read every row alike: same figures, same problems.

``fast=False`` sends every row through the checked path. Each corpus (the hostile files,
the shipped data, generated rows of the common shape with edge values) is read both ways;
the two must agree to the problem and the bit. A table of edge cells pins what the one
shared rule (numbers.py) decides, so widening it for one path, or for both, fails here.
"""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import PLAN, ROOT
from zjplan.numbers import EARLIEST, MAX_FIGURE, PLAIN_DIGITS
from zjplan.plan import load_plan
from zjplan.progress import Progress, read_progress, read_progress_text

PLAN_MODEL = load_plan(PLAN)
TODAY = date(2021, 6, 30)
HEADER = "target_id,region,as_of,value,unit,source,note\n"
HOSTILE = sorted((ROOT / "tests" / "hostile").glob("progress-*"))


def seen(progress: Progress) -> tuple[object, ...]:
    problems = [
        (p.file, p.code, p.line, p.column, p.severity, p.message) for p in progress.problems
    ]
    files = [(f.file, f.rows, f.used, f.errors, f.warnings, f.owner) for f in progress.files]
    return problems, files, progress.observations


def both_ways_text(text: str) -> tuple[tuple[object, ...], tuple[object, ...]]:
    fast = seen(read_progress_text(text, PLAN_MODEL, today=TODAY))
    checked = seen(read_progress_text(text, PLAN_MODEL, today=TODAY, fast=False))
    return fast, checked


@pytest.mark.parametrize("path", HOSTILE, ids=[p.name for p in HOSTILE])
def test_hostile_files_read_alike(path: Path) -> None:
    """Every hostile progress file gives the same result with and without the fast path."""
    fast = seen(read_progress([path], PLAN_MODEL, today=TODAY))
    checked = seen(read_progress([path], PLAN_MODEL, today=TODAY, fast=False))
    assert fast == checked


def test_shipped_data_reads_alike() -> None:
    """The shipped progress files give the same result with and without the fast path."""
    folder = [ROOT / "data" / "progress"]
    fast = seen(read_progress(folder, PLAN_MODEL, today=TODAY))
    checked = seen(read_progress(folder, PLAN_MODEL, today=TODAY, fast=False))
    assert fast == checked
    assert fast[2]  # the shipped data has figures


TOO_MANY_DIGITS = "9" * (PLAIN_DIGITS + 1)
EDGE_VALUES = [
    "0",
    "7",
    "007",
    "9" * PLAIN_DIGITS,
    TOO_MANY_DIGITS,
    "1" + "0" * PLAIN_DIGITS,  # exactly MAX_FIGURE
    "1e15",
    "1e16",
    "+5",
    "-5",
    " 5",
    "5 ",
    "５",
    "1,000",
    "1.5",
    "10万",
    "",
]
EDGE_DATES = [
    EARLIEST.isoformat(),
    (EARLIEST - timedelta(days=1)).isoformat(),
    TODAY.isoformat(),
    (TODAY + timedelta(days=1)).isoformat(),
    "2019-02-29",
    "2019-12-31",
    "2019-1-5",
    "2019Q4",
    " 2019-12-31",
]


@st.composite
def edge_rows(draw: st.DrawFn) -> str:
    """Rows of the common shape (a summed target, a city or the province) with edge values."""
    rows = []
    for _ in range(draw(st.integers(1, 30))):
        target = draw(st.sampled_from(["small_to_large_firms", "industrial_robots_in_use"]))
        region = draw(st.sampled_from(["宁波市", "Ningbo", "浙江省", "ningbo", "宁波"]))
        day = draw(st.sampled_from(EDGE_DATES))
        value = draw(st.sampled_from(EDGE_VALUES))
        unit = draw(st.sampled_from(["", "家", "台", "万家"]))
        rows.append([target, region, day, value, unit, draw(st.sampled_from(["", "统计局"])), ""])
    out = io.StringIO(newline="")
    csv.writer(out, lineterminator="\n").writerows(rows)
    return HEADER + out.getvalue()


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(edge_rows())
def test_edge_rows_read_alike(text: str) -> None:
    """Generated rows with 15/16 digits, 1e15, leading zeros, signs, spaces, full-width digits
    and dates at the floor and today: both paths give the same figures and problems."""
    fast, checked = both_ways_text(text)
    assert fast == checked


# What the one rule says of each edge cell: the value read, or the problem code.
VALUE_VERDICTS = {
    "007": 7.0,
    "9" * PLAIN_DIGITS: float("9" * PLAIN_DIGITS),
    TOO_MANY_DIGITS: "not-a-number",
    "1" + "0" * PLAIN_DIGITS: MAX_FIGURE,
    "1e15": MAX_FIGURE,
    "1e16": "not-a-number",
    "+5": 5.0,
    "-5": "negative-value",
    " 5": 5.0,
    "５": 5.0,
    "1,000": 1000.0,
    "10万": 100000.0,
}
DATE_VERDICTS = {
    EARLIEST.isoformat(): EARLIEST,
    (EARLIEST - timedelta(days=1)).isoformat(): "date-too-old",
    TODAY.isoformat(): TODAY,
    (TODAY + timedelta(days=1)).isoformat(): "date-in-future",
    "2019-02-29": "bad-date",
    "2019-1-5": date(2019, 1, 5),
}


def verdict(value: str, day: str, fast: bool) -> object:
    out = io.StringIO(newline="")
    csv.writer(out, lineterminator="\n").writerow(
        ["small_to_large_firms", "宁波市", day, value, "", "", ""]
    )
    text = HEADER + out.getvalue()
    progress = read_progress_text(text, PLAN_MODEL, today=TODAY, fast=fast)
    if progress.observations:
        [o] = progress.observations
        return o.value, o.as_of
    [problem] = progress.problems
    return problem.code


@pytest.mark.parametrize("fast", [True, False], ids=["fast", "checked"])
@pytest.mark.parametrize(("cell", "expected"), VALUE_VERDICTS.items(), ids=repr)
def test_each_edge_value_has_one_verdict(cell: str, expected: object, fast: bool) -> None:
    """Each edge value is read as the table says, by either path."""
    got = verdict(cell, "2019-12-31", fast)
    assert got == (expected if isinstance(expected, str) else (expected, date(2019, 12, 31)))


@pytest.mark.parametrize("fast", [True, False], ids=["fast", "checked"])
@pytest.mark.parametrize(("cell", "expected"), DATE_VERDICTS.items(), ids=repr)
def test_each_edge_date_has_one_verdict(cell: str, expected: object, fast: bool) -> None:
    """Each edge date is read as the table says, by either path."""
    got = verdict("5", cell, fast)
    assert got == (expected if isinstance(expected, str) else (5.0, expected))


def test_rows_before_an_unreadable_row_count_alike() -> None:
    """Rows taken fast before a row csv cannot read are counted as read and used, as the
    checked path counts them (the file table said 0 rows, 0 used, of a file whose first two
    figures were used)."""
    text = (
        HEADER + "small_to_large_firms,宁波市,2019-12-31,1,,,\n"
        "industrial_robots_in_use,浙江省,2019-12-31,2,,,\n"
        'small_to_large_firms,杭州市,2019-12-31,"3\n'
    )
    fast, checked = both_ways_text(text)
    assert fast == checked
    files = fast[1]
    assert [(rows, used) for _, rows, used, *_ in files] == [(2, 2)]
