"""The fast path takes exactly the rows the checked path would, at the lines they are on.

Each comparison is three-way: bulk chunks, the fast path row by row, and the checked path
alone (``fast=False``), which is what every row would get without a fast path."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from unittest import mock

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import PLAN
from zjplan.plan import load_plan
from zjplan.progress import Progress, fastpath, read_progress_text
from zjplan.progress.fastpath import FastPath, line_starts

PLAN_MODEL = load_plan(PLAN)
TODAY = date(2021, 6, 30)
HEADER = ["target_id", "region", "as_of", "value", "unit", "source", "note"]
# Rows of the common shape, each with at most one cell from the pool of its column, which
# holds every way a cell can leave that shape (and some that keep it).
GOOD = [
    ("industrial_robots_in_use", "宁波市", "2019-12-31", "300", "台", "统计局", ""),
    ("small_to_large_firms", "Ningbo", "2020-06-30", "1200", "", "", "说明"),
    ("informatization_index", "浙江省", "2019-12-31", "98", "", "公报", ""),
]
POOLS = [
    ["industrial_robots_in_use", "small_to_large_firms", "informatization_index",
     "modern_entrepreneurs", "task_01", "robots?", ""],
    ["浙江省", "宁波市", "Ningbo", "杭州", "火星", ""],
    ["2019-12-31", "2020-06-30", "2019Q4", "2019", "2030-01-01", "1999-12-31", "2019-1-5"],
    ["300", "0", "1200", "10万", "1.5", "-5", "", "１２", "9" * 16, "已完成", " 7"],
    ["", "台", "家", "万台", "个"],
    ["", "统计局", " 公报 ", "a,b", 'say "x"', "two\nlines", "cr\rlf", "\x1b[2J"],
    ["", "说明", "\u202e", "x\ny"],
]  # fmt: skip


@st.composite
def rows_of(draw: st.DrawFn) -> list[tuple[str, ...]]:
    """Good rows with a few cells replaced: one odd row among good ones is the case to get
    right (a chunk must then not be taken in bulk)."""
    rows = [list(r) for r in draw(st.lists(st.sampled_from(GOOD), max_size=40))]
    for _ in range(draw(st.integers(0, 3)) if rows else 0):
        row = draw(st.sampled_from(rows))
        column = draw(st.integers(0, len(row) - 1))
        row[column] = draw(st.sampled_from(POOLS[column]))
    return [tuple(r) for r in rows]


ROWS = rows_of()


def as_csv(rows: list[tuple[str, ...]], quoting: int = csv.QUOTE_MINIMAL) -> str:
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\n", quoting=quoting)
    writer.writerow(HEADER)
    writer.writerows(rows)
    return out.getvalue()


@contextmanager
def row_by_row() -> Iterator[None]:
    """Every chunk taken a row at a time, as if the bulk check never passed."""
    with mock.patch.object(FastPath, "bulk", return_value=False):
        yield


def seen(progress: Progress) -> tuple[object, ...]:
    problems = [(p.code, p.line, p.column, p.message) for p in progress.problems]
    files = [(f.rows, f.used, f.errors, f.warnings) for f in progress.files]
    return problems, files, progress.observations


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(ROWS, st.sampled_from([1, 3, 1024]))
def test_bulk_and_row_by_row_agree(rows: list[tuple[str, ...]], chunk: int) -> None:
    """Whatever the rows and the chunk size, bulk reading gives the same figures and problems."""
    text = as_csv(rows)
    with mock.patch.object(fastpath, "CHUNK", chunk):
        bulk = seen(read_progress_text(text, PLAN_MODEL, today=TODAY))
        with row_by_row():
            single = seen(read_progress_text(text, PLAN_MODEL, today=TODAY))
    checked = seen(read_progress_text(text, PLAN_MODEL, today=TODAY, fast=False))
    assert bulk == single == checked


@pytest.mark.parametrize("step", [1, 2])
@pytest.mark.parametrize(
    ("column", "cell"), [(c, cell) for c, pool in enumerate(POOLS) for cell in pool]
)
def test_one_odd_cell_among_good_rows(column: int, cell: str, step: int) -> None:
    """Each odd cell, in every row or every other, is read the same in bulk as row by row."""
    rows = [list(r) for r in GOOD * 2]
    for row in rows[::step]:
        row[column] = cell
    text = as_csv([tuple(r) for r in rows])
    bulk = seen(read_progress_text(text, PLAN_MODEL, today=TODAY))
    with row_by_row():
        single = seen(read_progress_text(text, PLAN_MODEL, today=TODAY))
    checked = seen(read_progress_text(text, PLAN_MODEL, today=TODAY, fast=False))
    assert bulk == single == checked


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.sampled_from(["", "x", "a\nb", "a\r\nb", "a\rb", "\n\n", '"q"', "a,b"]), max_size=30
    )
)
def test_rows_keep_the_line_they_start_on(sources: list[str]) -> None:
    """Rows whose quoted cells span lines keep the line each row starts on, as csv counts them."""
    rows = [
        (
            "small_to_large_firms",
            "宁波市",
            str(date(2019, 1, 1) + timedelta(days=i)),
            str(i),
            "",
            s,
            "",
        )
        for i, s in enumerate(sources)
    ]
    text = as_csv(rows, csv.QUOTE_ALL)  # csv.writer leaves a lone \r unquoted otherwise
    reader = csv.reader(io.StringIO(text, newline=""))
    next(reader)
    starts, prev = [], reader.line_num
    for _ in reader:
        starts.append(prev + 1)
        prev = reader.line_num
    with mock.patch.object(fastpath, "CHUNK", 4):
        progress = read_progress_text(text, PLAN_MODEL, today=TODAY)
    assert {p.code for p in progress.problems} <= {"unsafe-text"}  # a line break is kept escaped
    assert sorted(o.line for o in progress.observations) == starts


def test_line_starts_count_each_kind_of_line_break() -> None:
    """A row spans one line plus each \\n, \\r\\n or \\r inside its cells."""
    assert line_starts([["a"], ["b\nc", "d\r\ne"], ["f\rg"], []], 1) == [2, 3, 6, 8]


def test_rows_before_a_malformed_row_are_kept() -> None:
    """A CSV error part-way through a chunk: the rows before it are read, the error located."""
    good = "".join(f"small_to_large_firms,宁波市,2019-0{m}-01,{m}00,,\n" for m in range(1, 6))
    text = "target_id,region,as_of,value,unit,source\n" + good + 'x,"unclosed\n'
    progress = read_progress_text(text, PLAN_MODEL, today=TODAY)
    assert len(progress.observations) == 5
    assert [(p.code, p.line) for p in progress.problems] == [("bad-csv", 7)]  # the bad row


@pytest.mark.parametrize("chunk", [1, 3, 1024])
def test_an_unclosed_quote_is_reported_where_its_row_starts(
    monkeypatch: pytest.MonkeyPatch, chunk: int
) -> None:
    """The row with the open quote starts at line 4 (after a row spanning lines 2-3); the
    file runs on to line 7, but the clerk is sent to line 4, wherever the chunk ends."""
    monkeypatch.setattr(fastpath, "CHUNK", chunk)
    text = (
        "target_id,region,as_of,value,unit,source\n"
        'small_to_large_firms,宁波市,2019-01-01,100,,"two\nlines"\n'
        'small_to_large_firms,宁波市,2019-02-01,"200,,\n'
        "small_to_large_firms,宁波市,2019-03-01,300,,\n"
        "small_to_large_firms,宁波市,2019-04-01,400,,\n"
        "small_to_large_firms,宁波市,2019-05-01,500,,\n"
    )
    progress = read_progress_text(text, PLAN_MODEL, today=TODAY)
    assert len(progress.observations) == 1
    [problem] = [p for p in progress.problems if p.code != "unsafe-text"]  # the line break
    assert (problem.code, problem.line) == ("bad-csv", 4)
    assert "runs to the end of the file" in problem.message
    assert "not closed" in problem.hint
