"""Reading progress files: every mistake located, the good rows kept, any encoding."""

from __future__ import annotations

import codecs
import os
import re
from datetime import date
from pathlib import Path

import pytest

from tests.conftest import PLAN
from zjplan.errors import Problem
from zjplan.model import Plan
from zjplan.plan import load_plan
from zjplan.progress import Progress, read_progress, read_progress_text
from zjplan.progress.result import FileSummary

TODAY = date(2021, 6, 30)
HEADER = "target_id,region,as_of,value,unit,source\n"


@pytest.fixture(scope="module")
def plan() -> Plan:
    return load_plan(PLAN)


def read(plan: Plan, body: str, header: str = HEADER) -> Progress:
    return read_progress_text(header + body, plan, "t.csv", today=TODAY)


def found(progress: Progress) -> list[tuple[str, int, int]]:
    return [(p.code, p.line, p.column) for p in progress.problems]


def test_good_rows_become_observations(plan: Plan) -> None:
    """Aliases, 万 and quarter dates are read into canonical observations."""
    progress = read(
        plan,
        "industrial_robots_in_use,Ningbo,2019Q2,1.2万,台,市经信局\n"
        "industrial_robots_in_use,浙江,2019-06,7.6万台,,省统计局\n",
    )
    assert progress.problems == []
    by_region = {o.region: o for o in progress.observations}
    ningbo, province = by_region["宁波市"], by_region["浙江省"]
    assert (ningbo.as_of, ningbo.value, ningbo.line) == (date(2019, 6, 30), 12000, 2)
    assert (province.value, province.source) == (76000, "省统计局")
    # sorted by target, region and date, in the plan's order: the province before its cities
    assert [o.region for o in progress.observations] == ["浙江省", "宁波市"]


def test_every_mistake_is_located_and_the_rest_kept(plan: Plan) -> None:
    """One run lists every mistake with line and column; good rows are still used."""
    body = (
        "industrial_robot_in_use,宁波市,2019-12-31,100,台,x\n"  # 2 unknown target
        "industrial_robots_in_use,宁波县,2019-12-31,100,台,x\n"  # 3 unknown region
        "industrial_robots_in_use,宁波市,2019-13-01,100,台,x\n"  # 4 bad date
        "industrial_robots_in_use,宁波市,2030-01-01,100,台,x\n"  # 5 future
        "industrial_robots_in_use,宁波市,1999-12-31,100,台,x\n"  # 6 too old
        "industrial_robots_in_use,宁波市,2019-12-31,十万,台,x\n"  # 7 not a number
        "industrial_robots_in_use,宁波市,2019-12-31,100,家,x\n"  # 8 unit mismatch
        "industrial_robots_in_use,宁波市,2019-12-31,-5,台,x\n"  # 9 negative
        "informatization_index,宁波市,2019-12-31,90,,x\n"  # 10 city figure, aggregate none
        "industrial_robots_in_use,宁波市,2019-12-31,N/A,台,x\n"  # 11 not reported
        "industrial_robots_in_use,宁波市,2019-12-31,12000,台,x\n"  # 12 good
        "industrial_robots_in_use,宁波市\n"  # 13 ragged
        "informatization_rank,浙江省,2019,第三,,x\n"  # 14 not a rank
        "task_01,浙江省,2019,maybe,,x\n"  # 15 not a state
        "industrial_robots_in_use,宁波市,2019-12-31,5abc,,x\n"  # 16 unit in value
    )
    progress = read(plan, body)
    assert found(progress) == [
        ("unknown-target", 2, 1),
        ("unknown-region", 3, 2),
        ("bad-date", 4, 3),
        ("date-in-future", 5, 3),
        ("date-too-old", 6, 3),
        ("not-a-number", 7, 4),
        ("unit-mismatch", 8, 5),
        ("negative-value", 9, 4),
        ("not-aggregated", 10, 2),
        ("not-reported", 11, 4),
        ("ragged-row", 13, 3),
        ("not-a-rank", 14, 4),
        ("not-a-state", 15, 4),
        ("unit-mismatch", 16, 4),
    ]
    assert [o.line for o in progress.observations] == [12]
    assert progress.errors == 13
    assert progress.problems[0].hint == "did you mean industrial_robots_in_use?"


def test_chinese_headers_in_any_order(plan: Plan) -> None:
    """指标编号, 地区, 截至日期, 数值 are accepted, in any order."""
    progress = read(
        plan, "2019,宁波,300,small_to_large_firms\n", header="截至日期,地区,数值,指标编号\n"
    )
    assert progress.problems == []
    assert progress.observations[0].value == 300


def test_missing_and_duplicate_columns(plan: Plan) -> None:
    """A header without a required column, or with one twice, is one located error."""
    assert found(read(plan, "", header="target_id,region,value\n")) == [("missing-column", 1, 1)]
    dup = read(plan, "", header="target_id,region,as_of,value,数值\n")
    assert found(dup) == [("duplicate-column", 1, 5)]


def test_unknown_column_is_a_warning(plan: Plan) -> None:
    """An unknown column is ignored with a warning; template guidance columns silently."""
    progress = read(plan, "", header="target_id,region,as_of,value,colour,name_zh\n")
    assert found(progress) == [("unknown-column", 1, 5)]
    assert progress.errors == 0


def test_conflicting_values_across_files(plan: Plan, tmp_path: Path) -> None:
    """The same target/region/date with two values: both places named, neither used."""
    (tmp_path / "a.csv").write_text(HEADER + "small_to_large_firms,宁波市,2019,300,家,a\n")
    (tmp_path / "b.csv").write_text(
        HEADER
        + "small_to_large_firms,宁波,2019-12-31,310,家,b\nsmall_to_large_firms,宁波,2019,300,,a\n"
    )
    progress = read_progress([tmp_path], plan, today=TODAY)
    codes = [(p.code, Path(p.file).name, p.line) for p in progress.problems]
    assert codes == [("conflicting-value", "b.csv", 2), ("duplicate-row", "b.csv", 3)]
    assert "a.csv:2" in progress.problems[0].message
    assert progress.observations == []


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "gbk", "utf-16"])
def test_encodings(plan: Plan, tmp_path: Path, encoding: str) -> None:
    """UTF-8, UTF-8 with BOM, GB18030/GBK and UTF-16 are read correctly and recorded."""
    path = tmp_path / "p.csv"
    path.write_bytes(
        ("指标编号,地区,截至日期,数值,备注\nsmall_to_large_firms,宁波市,2019,300,备注\n").encode(
            encoding
        )
    )
    progress = read_progress([path], plan, today=TODAY)
    assert progress.problems == []
    assert progress.observations[0].region == "宁波市"
    expected = {"gbk": "gb18030", "utf-16": "utf-16"}.get(encoding, encoding)
    assert progress.files[0].encoding == expected


def test_empty_and_header_only_files(plan: Plan) -> None:
    """An empty file is an error; a header-only file is no rows and no error."""
    assert found(read_progress_text("", plan, "e.csv", today=TODAY)) == [("empty-file", 1, 1)]
    assert read(plan, "").problems == []


def test_many_empty_files_share_one_packed_message(plan: Plan, tmp_path: Path) -> None:
    """200,000 empty files list 200,000 problems: one sentence without values is packed
    once and shared (17 MB a bomb), and JSON still says it for each."""
    for name in ("a.csv", "b.csv"):
        (tmp_path / name).write_bytes(b"")
    first, second = read_progress([tmp_path], plan, today=TODAY).problems
    assert first.params is second.params
    assert first.params.json_data() == {
        "message": {"key": "empty-file"},
        "hint": {"key": "hint-header-row"},
    }


def test_problems_sort_by_file_then_line_then_column() -> None:
    """Files in reading order (a file not read first), then line and column: worked by hand,
    with a line past 2**32 and a column past a line's width."""
    progress = Progress(files=[FileSummary("b.csv"), FileSummary("a.csv")])
    spots = [("a.csv", 1, 2), ("b.csv", 2**40, 1), ("b.csv", 3, 70_000), ("?", 9, 9),
             ("a.csv", 1, 1), ("b.csv", 3, 4)]  # fmt: skip
    progress.problems = [Problem("x", "x", f, line, column) for f, line, column in spots]
    progress.sort_problems()
    assert [(p.file, p.line, p.column) for p in progress.problems] == [
        ("?", 9, 9),
        ("b.csv", 3, 4),
        ("b.csv", 3, 70_000),
        ("b.csv", 2**40, 1),
        ("a.csv", 1, 1),
        ("a.csv", 1, 2),
    ]


def test_unterminated_quote_is_located(plan: Plan) -> None:
    """Broken CSV quoting is a located error, not a traceback."""
    progress = read(plan, 'small_to_large_firms,宁波市,2019,"300\n')
    assert [p.code for p in progress.problems] == ["bad-csv"]


def test_missing_file(plan: Plan, tmp_path: Path) -> None:
    """A file that cannot be read is one problem."""
    progress = read_progress([tmp_path / "nope.csv"], plan, today=TODAY)
    assert [p.code for p in progress.problems] == ["file-not-found"]


def test_unit_column_with_scale(plan: Plan) -> None:
    """A unit column of 万台 scales the value; 台 leaves it."""
    progress = read(plan, "industrial_robots_in_use,浙江省,2016,4.2,万台,x\n")
    assert progress.observations[0].value == 42000


def test_milestone_and_rank_values(plan: Plan) -> None:
    """Milestone states and ranks are read into numbers the engine judges."""
    progress = read(plan, "task_01,浙江省,2019,推进中,,x\ninformatization_rank,浙江,2019,第3,,x\n")
    # observations come sorted by target, region and date
    assert [(o.target_id, o.value) for o in progress.observations] == [
        ("informatization_rank", 3),
        ("task_01", 0.5),
    ]


def test_shipped_progress_data_is_clean(plan: Plan) -> None:
    """data/progress/ has no problem, and every row cites a web source."""
    progress = read_progress([PLAN.parent / "progress"], plan)
    assert progress.problems == []
    assert progress.observations
    assert all(o.source.startswith(("http://", "https://")) for o in progress.observations)


def test_past_the_listing_limit_problems_are_counted_not_listed(
    plan: Plan, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With room for 3: five unknown targets and two falling figures give 3 listed
    problems and one too-many-problems error counting the other 4 (2 of them errors)."""
    from zjplan.progress import budget

    monkeypatch.setattr(budget, "MAX_LISTED", 3)
    body = "".join(f"nope{i},宁波市,2019,1,,\n" for i in range(5))
    body += "small_to_large_firms,宁波市,2019-03-31,500,,\n"
    body += "small_to_large_firms,宁波市,2019-06-30,400,,\n"  # falls: a warning, after reading
    body += "small_to_large_firms,宁波市,2019-09-30,300,,\n"  # falls again
    progress = read(plan, body)
    listed = [(p.code, p.line) for p in progress.problems]
    assert listed == [
        ("too-many-problems", 0),
        ("unknown-target", 2),
        ("unknown-target", 3),
        ("unknown-target", 4),
    ]
    [file] = progress.files
    assert (file.errors, file.warnings) == (5, 2)
    assert (progress.errors, progress.warnings) == (5, 2)
    more = progress.problems[0]
    assert more.severity == "error"
    assert more.message == (
        "7 problems in this file: 3 are listed, the other 4 (2 errors) only counted"
    )
    assert len(progress.observations) == 3  # the good rows are still used


def test_past_the_listing_limit_with_only_warnings(
    plan: Plan, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Unlisted warnings only: the closing line is a warning, so the file still passes."""
    from zjplan.progress import budget

    monkeypatch.setattr(budget, "MAX_LISTED", 1)
    body = "".join(f"small_to_large_firms,宁波市,2019-0{m}-01,{900 - m},,\n" for m in range(1, 5))
    progress = read(plan, body)
    assert [(p.code, p.severity) for p in progress.problems] == [
        ("too-many-problems", "warning"),
        ("value-decreased", "warning"),
    ]
    assert (progress.errors, progress.warnings) == (0, 3)


def test_check_totals_and_exit_count_unlisted_errors(
    plan: Plan, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """The check report's totals include what was counted but not listed, so it fails."""
    from zjplan.progress import budget
    from zjplan.submissions import check

    monkeypatch.setattr(budget, "MAX_LISTED", 2)
    (tmp_path / "ningbo.csv").write_text(
        HEADER + "".join(f"nope{i},宁波市,2019,1,,\n" for i in range(6)), encoding="utf-8"
    )
    report = check([tmp_path], plan, today=TODAY)
    assert (report.summary.errors, report.summary.warnings) == (6, 0)
    assert len(report.problems) == 3  # two listed, and the line saying 4 more
    assert report.files[0].errors == 6
    assert not report.passed()


def first_long_run(raw: bytes, begin: int = 0) -> int | None:
    """The line of the first run of bytes without a separator longer than a cell may be,
    found run by run (the reference the guard is held to)."""
    from zjplan.progress import sources

    for run in re.finditer(rb"[^,;\t\r\n]+", raw[begin:]):
        if len(run.group()) > sources.LONG_RUN:
            return raw.count(b"\n", 0, begin + run.start()) + 1
    return None


def _refused_at(raw: bytes, cuts: tuple[int, ...] = ()) -> int | None:
    """The line sources.LongRuns refuses ``raw`` at, shown it as a reader would: the bytes
    read so far at each cut, then the whole."""
    from zjplan.progress import sources

    runs = sources.LongRuns()
    try:
        for cut in (*cuts, len(raw)):
            runs(raw[:cut])
    except sources.SourceError as exc:
        return exc.line if exc.code == "cell-too-long" else -1
    return None


@pytest.mark.parametrize("offset", [0, 1, 32_767, 32_768, 50_000, 98_303])
@pytest.mark.parametrize("length", [32_768, 65_536, 65_537, 65_538, 131_072, 200_001])
@pytest.mark.parametrize("after", [b"", b",tail\n", b";x", b"\tx", b"\rx"])
@pytest.mark.parametrize("cuts", [(), (1,), (40_000,), (32_768, 65_536, 100_000, 150_001)])
def test_the_long_run_guard_finds_what_the_full_search_finds(
    offset: int, length: int, after: bytes, cuts: tuple[int, ...]
) -> None:
    """sources.LongRuns looks into stretches before it measures a run: it finds a run of
    bytes too long for any cell exactly when a search run by run does, on the same line,
    wherever the run starts and ends (the file's start, its end, a stretch's edge), and
    whether it is shown the file whole or piece by piece as it is read."""
    head = b"a,b\n" * (offset // 4) + b"x" * (offset % 4)
    raw = head + b"\n" + "中".encode() * (length // 3) + b"y" * (length % 3) + after
    line = first_long_run(raw)
    assert _refused_at(raw, cuts) == line
    # Past a UTF-8 byte-order mark, as decode reads the text; a UTF-16 text is csv's.
    assert _refused_at(codecs.BOM_UTF8 + raw, cuts) == line
    assert _refused_at(codecs.BOM_UTF16_LE + raw, cuts) is None


def test_a_later_long_run_is_found_past_a_shorter_one() -> None:
    """A stretch with no separator inside a run too short to refuse (40 KB) does not end
    the search: the 120 KB id two lines later is refused, at its line."""
    raw = b"a,b\n" + b"x" * 40_000 + b",1\n" + b"y" * 120_000 + b",1\n"
    assert _refused_at(raw) == 3


def test_a_note_just_short_of_too_long_is_read(plan: Plan, tmp_path: Path) -> None:
    """A note of 13,000 Chinese characters (39 KB, a cell may hold 16,384 characters) on
    each of 20 rows is read, not refused: each run is measured, and within the limit.
    (Its time is the bench's bombs: a regular expression took ~10 s on one such cell.)"""
    path = tmp_path / "ningbo.csv"
    note = "说" * 13_000
    path.write_text(
        "target_id,region,as_of,value,note\n"
        + "".join(f"small_to_large_firms,宁波市,{2000 + i}-12-31,1,{note}\n" for i in range(20)),
        encoding="utf-8",
    )
    progress = read_progress([path], plan, today=TODAY)
    assert found(progress) == []
    assert len(progress.observations) == 20


def test_a_text_refused_while_it_is_read(
    plan: Plan, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A CSV whose second line holds a 120 KB id is refused after its first pieces, at that
    line, never read whole (the 180 MB bomb of such ids took 195 MB; now ~35 MB)."""
    from zjplan import files

    monkeypatch.setattr(files, "READ_PIECE", 64 << 10)
    path = tmp_path / "ningbo.csv"
    rows = "small_to_large_firms,宁波市,2019,1,,\n" * 100_000  # 4 MB of good rows after it
    path.write_text(HEADER + "x" * 120_000 + ",宁波市,2019,1,,\n" + rows, encoding="utf-8")
    read = []
    real_read = os.read

    def counted(fd: int, n: int) -> bytes:
        chunk = real_read(fd, n)
        read.append(len(chunk))
        return chunk

    monkeypatch.setattr(os, "read", counted)
    progress = read_progress([path], plan, today=TODAY)
    assert found(progress) == [("cell-too-long", 2, 1)]
    assert sum(read) <= 4 * (64 << 10)


def test_find_files_records_the_paths_that_do_not_exist(tmp_path: Path) -> None:
    """A path named that does not exist is recorded (the command line refuses the run on
    it) and stays in its place among the files (a reader alone says file-not-found); a
    link to nothing exists, so it is only read, and its reading says why."""
    from zjplan.progress.sources import find_files

    (tmp_path / "a.csv").write_text(HEADER, encoding="utf-8")
    (tmp_path / "folder").mkdir()
    (tmp_path / "folder" / "b.csv").write_text(HEADER, encoding="utf-8")
    (tmp_path / "dangling.csv").symlink_to(tmp_path / "nowhere.csv")
    named = [tmp_path / n for n in ("a.csv", "gone.csv", "folder", "dangling.csv")]
    found = find_files(named)
    assert found.missing == [tmp_path / "gone.csv"]
    assert found.files == [
        tmp_path / "a.csv",
        tmp_path / "gone.csv",
        str(tmp_path / "folder" / "b.csv"),
        tmp_path / "dangling.csv",
    ]
