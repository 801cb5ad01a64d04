"""Cell parsers: numbers, dates, ranks and states as people type them."""

from __future__ import annotations

import math
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from zjplan.numbers import CellError, is_missing, parse_date, parse_number, parse_rank, parse_state
from zjplan.wording import said


@pytest.mark.parametrize(
    ("cell", "value", "unit"),
    [
        ("100000", 100000, ""),
        ("100,000", 100000, ""),
        ("10万", 100000, ""),
        ("1.5万", 15000, ""),
        ("8千", 8000, ""),
        ("１２３４", 1234, ""),
        ("10万台", 100000, "台"),
        (" 12 ", 12, ""),
        ("\u22125", -5, ""),
        ("1e3", 1000, ""),
        ("0.5", 0.5, ""),
        ("4.2 万台", 42000, "台"),
    ],
)
def test_numbers_as_people_type_them(cell: str, value: float, unit: str) -> None:
    """Separators, 万/千, full-width digits, U+2212 minus and an inline unit are read."""
    assert parse_number(cell) == (value, unit)


@pytest.mark.parametrize("cell", ["1e309", "nan", "inf", "1_000", "1,23", "abc", "", "十万"])
def test_not_numbers(cell: str) -> None:
    """Overflow, nan, inf, underscores and words are not numbers."""
    with pytest.raises(CellError) as info:
        parse_number(cell)
    assert info.value.code == "not-a-number"


@pytest.mark.parametrize("cell", ["N/A", "-", "", "  ", "—", "na", "暂无"])
def test_missing_cells(cell: str) -> None:
    """N/A, - and empty mean 'not reported', never zero."""
    assert is_missing(cell)


@pytest.mark.parametrize(
    ("cell", "day"),
    [
        ("2019-12-31", date(2019, 12, 31)),
        ("2019-12", date(2019, 12, 31)),
        ("2019-02", date(2019, 2, 28)),
        ("2020-02", date(2020, 2, 29)),
        ("2019", date(2019, 12, 31)),
        ("2019Q3", date(2019, 9, 30)),
        ("2019-Q1", date(2019, 3, 31)),
        ("2019q4", date(2019, 12, 31)),
        ("2019/3/5", date(2019, 3, 5)),
        ("2019年6月", date(2019, 6, 30)),
        ("２０１９－０６", date(2019, 6, 30)),
    ],
)
def test_dates(cell: str, day: date) -> None:
    """Dates, months, years and quarters end where the period ends."""
    assert parse_date(cell) == day


@pytest.mark.parametrize("cell", ["2019-02-30", "2019-13", "2019Q5", "19", "yesterday", ""])
def test_bad_dates(cell: str) -> None:
    """Impossible or unreadable dates are bad-date problems with a hint."""
    with pytest.raises(CellError) as info:
        parse_date(cell)
    assert info.value.code == "bad-date"
    assert info.value.hint is not None
    assert "2019Q4" in said(info.value.hint)


def test_ranks_and_states() -> None:
    """Ranks as 3 or 第3名; milestone states in English or Chinese."""
    assert parse_rank("第3名") == 3
    assert parse_rank("3") == 3
    assert parse_state("已完成") == "done"
    assert parse_state("In_Progress") == "in_progress"
    assert parse_state("未启动") == "not_started"
    with pytest.raises(CellError):
        parse_rank("0")
    with pytest.raises(CellError):
        parse_state("maybe")


@given(st.text(max_size=40))
def test_any_text_is_a_number_or_a_cell_error(text: str) -> None:
    """Whatever the cell, the parser returns a finite number or raises CellError."""
    try:
        value, _ = parse_number(text)
    except CellError:
        return
    assert math.isfinite(value)
    assert abs(value) <= 1e15


@given(st.integers(min_value=0, max_value=10**12))
def test_grouped_integers_round_trip(n: int) -> None:
    """A number written with thousands separators reads back as itself."""
    assert parse_number(f"{n:,}") == (n, "")
