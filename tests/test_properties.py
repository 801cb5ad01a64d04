"""Property tests: whatever bytes or text come in, a result or located problems come out."""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Callable, Iterable
from datetime import date
from unittest import mock

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import MINIMAL_PLAN, PLAN
from zjplan.engine import evaluate
from zjplan.errors import ZjplanError
from zjplan.numbers import CellError, parse_date, parse_number
from zjplan.plan import load_plan, parse_plan
from zjplan.progress import Progress, sources
from zjplan.progress.reader import _Reader
from zjplan.progress.sources import SourceError, csv_rows, decode

PLAN_MODEL = load_plan(PLAN)
HEADER = b"target_id,region,as_of,value,unit,source\n"
CELLS = st.sampled_from(
    ["small_to_large_firms", "宁波市", "Ningbo", "2019", "2019Q4", "300", "10万", "N/A", "",
     "家", "\x1b[2J", "\u202e", '"', ",", "\n", "\r", "-5", "1e309", "第3", "已完成"]
)  # fmt: skip


def read_bytes_as_file(raw: bytes) -> Progress:
    reader = _Reader(PLAN_MODEL, date(2021, 6, 30))
    summary = reader.new_file("fuzz.csv")
    try:
        reader.read_rows(csv_rows(decode(raw).text), summary)
    except SourceError as exc:
        reader.problem(summary, exc.code, exc.message, exc.line, 1, exc.hint)
    return reader.finish()


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=400))
def test_any_bytes_are_a_result_or_problems(raw: bytes) -> None:
    """Arbitrary bytes as a progress file: observations and problems, never an exception."""
    progress = read_bytes_as_file(HEADER + raw)
    for p in progress.problems:
        assert p.line >= 0
        assert p.code
    evaluate(PLAN_MODEL, progress.observations)


@settings(max_examples=200)
@given(st.lists(st.lists(CELLS, min_size=0, max_size=8), max_size=6))
def test_csv_like_rows(rows: list[list[str]]) -> None:
    """Rows of tricky cells: every row is either used or reported, never lost silently."""
    body = "\n".join(",".join(r) for r in rows).encode()
    progress = read_bytes_as_file(HEADER + body)
    assert progress.observations is not None
    evaluate(PLAN_MODEL, progress.observations)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=300))
def test_any_text_is_a_plan_or_located_problems(text: str) -> None:
    """Arbitrary text as plan.yaml: a Plan or ZjplanError with located problems."""
    try:
        parse_plan(text, "fuzz.yaml")
    except ZjplanError as exc:
        assert exc.problems
        assert all(p.line >= 1 for p in exc.problems)


@settings(max_examples=200)
@given(st.integers(0, len(MINIMAL_PLAN) - 1), st.text(max_size=20))
def test_mutated_plans(position: int, insert: str) -> None:
    """The valid fixture plan with text inserted anywhere: a Plan or located problems."""
    text = MINIMAL_PLAN[:position] + insert + MINIMAL_PLAN[position:]
    try:
        parse_plan(text, "fuzz.yaml")
    except ZjplanError as exc:
        assert all(p.line >= 1 for p in exc.problems)


@given(st.text(max_size=30))
def test_any_cell_is_a_date_or_cell_error(text: str) -> None:
    """Any text as a date cell: a date or CellError."""
    try:
        assert isinstance(parse_date(text), date)
    except CellError as exc:
        assert exc.code == "bad-date"


@given(st.floats(min_value=0, max_value=1e14, allow_nan=False).map(lambda f: round(f, 3)))
def test_numbers_round_trip(value: float) -> None:
    """A number written plainly reads back as itself."""
    assert parse_number(repr(value))[0] == value


def _csv_run(rows: Iterable[list[str]], line_num: Callable[[], int]) -> list[object]:
    """Each row with the line csv says it ended on, then the error if reading failed."""
    out: list[object] = []
    try:
        for row in rows:
            out.append((row, line_num()))
    except csv.Error as exc:
        out.append(("error", str(exc), line_num()))
    return out


@settings(max_examples=400)
@given(
    st.text(alphabet='ab,"\n\r宁', max_size=80),
    st.sampled_from([1, 2, 3, 7, 1 << 20]),
)
def test_text_given_in_pieces_reads_as_one(text: str, piece: int) -> None:
    """csv reads the same rows, line numbers and errors whether the text is handed to it in
    pieces cut after line breaks (any size) or as one StringIO."""
    whole = csv.reader(io.StringIO(text, newline=""), strict=True)
    with mock.patch.object(sources, "LINES_PIECE", piece):
        pieces = csv_rows(text)
        assert _csv_run(pieces, lambda: pieces.line_num) == _csv_run(whole, lambda: whole.line_num)


def _rows_and_lines(rows: sources.Rows) -> list[tuple[list[str], int]]:
    """Each row with the line it ended on, as the reader sees them."""
    it = iter(rows)
    return [(row, rows.line_num) for row in it]


@settings(max_examples=600, deadline=None)
@given(
    st.text(alphabet=',;\t\n\r" a1中\0\x0b\x0c\x1c\x85\u2028\ufeff', max_size=60),
    st.sampled_from([",", ";", "\t"]),
    st.sampled_from([1 << 20, 1, 5, 16]),
)
def test_split_rows_are_what_csv_reads(text: str, delimiter: str, piece: int) -> None:
    """A text without quotes, NULs or lone CRs is split at the delimiter, a piece at a time,
    not parsed by csv (sources.SplitRows): the same rows and the same line numbers as
    csv.reader gives, for every text and piece size (any other text goes to csv itself)."""
    with mock.patch.object(sources, "LINES_PIECE", piece):  # pieces of a few characters too
        got = csv_rows(text, delimiter)
        _compare_with_csv(text, delimiter, got)


def _compare_with_csv(text: str, delimiter: str, got: sources.Rows) -> None:
    plain = not any(c in text for c in '"\0') and text.count("\r") == text.count("\r\n")
    assert isinstance(got, sources.SplitRows) == plain
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        expected = _rows_and_lines(reader)
    except csv.Error:
        assert not plain  # only a quote makes csv refuse a text, and csv reads those itself
        return
    assert _rows_and_lines(got) == expected


def test_split_rows_stop_at_a_cell_too_long_where_csv_does() -> None:
    """A cell over MAX_CELL characters: csv raises at its row, after the rows before it; so
    do the split rows, in the first piece or a later one."""
    long = "x" * (sources.MAX_CELL + 1)
    text = "a,b\n1,2\n3,4\n5," + long + "\n7,8\n"
    for piece in (1 << 20, 4):
        with mock.patch.object(sources, "LINES_PIECE", piece):
            rows = csv_rows(text)
            assert isinstance(rows, sources.SplitRows)
            seen: list[tuple[list[str], int]] = []

            def read_all(
                rows: sources.Rows = rows, seen: list[tuple[list[str], int]] = seen
            ) -> None:
                seen.extend((row, rows.line_num) for row in rows)

            with pytest.raises(csv.Error, match="field larger than field limit"):
                read_all()
            assert seen == [(["a", "b"], 1), (["1", "2"], 2), (["3", "4"], 3)]


@settings(max_examples=600, deadline=None)
@given(
    st.lists(st.text(alphabet=",;a1中 \t", max_size=12), max_size=8),
    st.sampled_from([",", ";", "\t"]),
    st.integers(min_value=0, max_value=6),
)
def test_columns_of_lines_are_their_rows_turned(
    lines: list[str], delimiter: str, width: int
) -> None:
    """fastpath.columns_of gives the columns of the lines' rows when every line has
    ``width`` cells (and width is 2 or more), and None whenever one has not: a line with a
    cell more and the next with a cell fewer cannot pass as two of the right width."""
    from zjplan.progress.fastpath import columns_of

    rows = [line.split(delimiter) for line in lines]
    got = columns_of(lines, delimiter, width)
    if lines and width >= 2 and all(len(row) == width for row in rows):
        assert got == [list(column) for column in zip(*rows, strict=True)]
    else:
        assert got is None or not lines


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet=",a1中\n", max_size=60),
    st.lists(st.integers(min_value=0, max_value=4), max_size=12),
    st.sampled_from([1 << 20, 1, 5]),
)
def test_split_rows_taken_as_lines_or_rows_are_the_same(
    text: str, takes: list[int], piece: int
) -> None:
    """SplitRows given partly as rows and partly as unsplit lines (take, which the fast
    path calls after the header): every line once, in order, and line_num counting each."""
    with mock.patch.object(sources, "LINES_PIECE", piece):
        whole = _rows_and_lines(csv_rows(text))
        rows = csv_rows(text)
        assert isinstance(rows, sources.SplitRows)
        seen: list[tuple[list[str], int]] = []

        def take(n: int) -> bool:
            lines = rows.take(n)
            first = rows.line_num - len(lines) + 1
            seen.extend(
                (line.split(",") if line else [], first + i) for i, line in enumerate(lines)
            )
            return bool(lines)

        it = iter(rows)
        for n in takes:
            if n:
                take(n)
            elif (row := next(it, None)) is not None:
                seen.append((row, rows.line_num))
        while take(3):
            pass
        assert seen == whole


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from([0, 1, 100, 32_767, 32_768, 40_000, 65_536, 65_537, 70_000]),
            st.sampled_from([b"\n", b",", b";", b"\t", b"\r"]),
        ),
        max_size=6,
    ),
    st.lists(st.integers(0, 400_000), max_size=4),
    st.sampled_from([b"", codecs.BOM_UTF8]),
)
def test_long_runs_read_piece_by_piece_are_found_as_whole(
    runs: list[tuple[int, bytes]], cuts: list[int], mark: bytes
) -> None:
    """sources.LongRuns, shown the bytes read so far at random cuts, refuses the text at
    the first run too long for a cell, on its line, exactly as one search of the whole."""
    from tests.test_progress import first_long_run
    from zjplan.progress import sources

    raw = mark + b"".join(b"x" * n + sep for n, sep in runs)
    line = first_long_run(raw, len(mark))
    inspect = sources.LongRuns()
    refused = None
    try:
        for cut in [*sorted(cuts), len(raw)]:
            inspect(raw[:cut])
    except sources.SourceError as exc:
        refused = exc.line
    assert refused == line
