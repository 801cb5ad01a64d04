"""Chinese everywhere with --lang zh: every format of status, explain, cities, the check
view and the chase list are rendered in Chinese, and no English word is left outside the
allow-list (ids, units, codes, option names, file names and URLs, proper nouns the Chinese
names themselves use). JSON keeps its English keys and is not checked."""

from __future__ import annotations

import csv
import html
import io
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import PLAN, ROOT
from zjplan.cli import app
from zjplan.plan import load_plan
from zjplan.render.formats import StatusFormat, status_spec
from zjplan.report import METRICS

runner = CliRunner()
ROWS = (
    "target_id,region,as_of,value,unit,source\n"
    "small_to_large_firms,浙江省,2019-06-30,4000,家,来源甲\n"
    "small_to_large_firms,浙江省,2019-12-31,4300,家,来源乙\n"
    "small_to_large_firms,杭州市,2019-12-31,1800,家,来源丙\n"
    "industrial_robots_in_use,浙江省,2018-12-31,71000,台,来源丁\n"
    "industrial_robots_in_use,浙江省,2019-12-31,90000,台,来源戊\n"
    "provincial_innovation_centres,浙江省,2019-06-09,10,家,来源己\n"
    "zhejiang_made_standards,浙江省,2019-12-31,超过300,项,来源庚\n"
    "task_09,浙江省,2019-12-31,推进中,,来源辛\n"
)
ENV = {"ZJPLAN_TODAY": "2021-06-30", "COLUMNS": "200"}
# Codes, not words: the CSV's machine columns keep their values (the JSON's too).
CSV_CODES = ("name_en", "comparator", "measure", "latest_qualifier", "英文名称", "目标类型",
             "口径", "最新值限定")  # fmt: skip


def allowed() -> set[str]:
    plan = load_plan(PLAN)
    words = {w for t in plan.targets for w in re.findall(r"[A-Za-z]+", t.id)}
    words |= {w for t in plan.targets for w in re.findall(r"[A-Za-z]+", t.name_zh + t.quote)}
    words |= {w for name in METRICS for w in name.split("_")} | {"pace", "class", "max"}
    return words | {"METHOD", "md"}


def english(text: str) -> set[str]:
    text = re.sub(r"https?://\S+|[\w./-]+\.(?:csv|md|yaml|xlsx)\b|--[a-z-]+", " ", text)
    return set(re.findall(r"[A-Za-z]{2,}", text)) - allowed()


def visible_html(page: str) -> str:
    page = re.sub(r"<style>.*?</style>|<svg.*?</svg>|<title>.*?</title>", " ", page, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", " ", page))


@pytest.fixture
def data(tmp_path: Path) -> Path:
    path = tmp_path / "p.csv"
    path.write_text(ROWS, encoding="utf-8")
    return path


def status(data: Path, tmp_path: Path, fmt: StatusFormat) -> str:
    """The report in ``fmt`` and Chinese, as the text a person reads."""
    args = ["status", "--plan", str(PLAN), "--progress", str(data), "--as-of", "2019-12-31",
            "--since", "2019Q3", "--lang", "zh", "--format", fmt.value]  # fmt: skip
    out = tmp_path / f"s.{fmt.value}"
    binary = status_spec(fmt).payload == "bytes"
    result = runner.invoke(app, [*args, "--output", str(out)] if binary else args, env=ENV)
    assert result.exit_code == 0, result.stderr
    if fmt is StatusFormat.xlsx:
        from python_calamine import CalamineWorkbook

        book = CalamineWorkbook.from_path(str(out))
        cells = [c for n in book.sheet_names for row in book.get_sheet_by_name(n).to_python()
                 for c in row]  # fmt: skip
        return " ".join(map(str, cells)) + " " + " ".join(book.sheet_names)
    if fmt is StatusFormat.docx:
        import docx

        doc = docx.Document(str(out))
        cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
        return "\n".join([p.text for p in doc.paragraphs] + cells)
    text = result.stdout
    if fmt is StatusFormat.html:
        return visible_html(text)
    if fmt is StatusFormat.junit:  # what a CI page shows: names and messages, not the types
        found = re.findall(r'\s(?:name|message)="([^"]*)"', text)
        return "\n".join(found + re.findall(r">([^<]+)<", text))
    if fmt is StatusFormat.csv:
        rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
        return " ".join(f"{k} {v}" for row in rows for k, v in row.items() if k not in CSV_CODES)
    return text


@pytest.mark.parametrize("fmt", [f for f in StatusFormat if f is not StatusFormat.json])
def test_every_status_format_is_chinese(fmt: StatusFormat, data: Path, tmp_path: Path) -> None:
    assert english(status(data, tmp_path, fmt)) == set(), fmt


def test_explain_is_chinese(data: Path) -> None:
    result = runner.invoke(
        app, ["explain", "industrial_robots_in_use", "--plan", str(PLAN), "--progress",
              str(data), "--as-of", "2019-12-31", "--since", "2019Q3", "--lang", "zh"],
        env=ENV,
    )  # fmt: skip
    assert english(result.stdout) == set()


def test_cities_are_chinese(data: Path, tmp_path: Path) -> None:
    for fmt in ("table", "markdown", "html"):
        result = runner.invoke(
            app, ["cities", "--plan", str(PLAN), "--progress", str(data), "--lang", "zh",
                  "--format", fmt], env=ENV,
        )  # fmt: skip
        text = visible_html(result.stdout) if fmt == "html" else result.stdout
        assert english(text) == set(), fmt


def test_the_check_view_and_the_chase_list_are_chinese(data: Path, tmp_path: Path) -> None:
    """The check's own words (the file table, the completeness view, the summary) and the
    chase list; the problem lines (file:line: code: message) are left out: their messages
    are English for now (the closing note of this round says so)."""
    chase = tmp_path / "chase.md"
    result = runner.invoke(
        app, ["check", "--plan", str(PLAN), str(data), "--period", "2019Q4", "--lang", "zh",
              "--chase", str(chase)], env=ENV,
    )  # fmt: skip
    lines = [line for line in result.stdout.splitlines() if not re.search(r":\d+:\d+: ", line)]
    words = english("\n".join(lines[1:]))  # the first line names the plan file
    assert words <= {"csv", "xlsx", "utf"}, words  # the format and encoding read: codes
    assert english(chase.read_text("utf-8")) == set()


def test_checks_commonest_problems_are_chinese(tmp_path: Path) -> None:
    """The mistakes of a quarter, in the clerk's view with --lang zh: unknown ids and
    regions, an empty region, a word for a number, a bad date, N/A, a short row, the same
    figure twice, two figures that disagree, another period, a fraction of a count, a file
    zjplan cannot read, and the LibreOffice forms (merged cells, percent and 万 formats, an
    error cell). Each message and hint is Chinese (the cell data, codes and names aside)."""
    import shutil

    folder = tmp_path / "quarter"
    folder.mkdir()
    (folder / "宁波-2019Q4.csv").write_text(
        "指标编号,地区,截至日期,数值\n"
        "指标甲,宁波市,2019-12-31,1\n"
        "small_to_large_firms,火星,2019-12-31,1\n"
        "small_to_large_firms,,2019-12-31,1\n"
        "small_to_large_firms,宁波市,2019-12-31,很多\n"
        "small_to_large_firms,宁波市,2019-13-45,1\n"
        "green_demo_parks,宁波市,2019-12-31,N/A\n"
        "small_to_large_firms,宁波市\n"
        "small_to_large_firms,宁波市,2019-12-31,1500\n"
        "small_to_large_firms,宁波市,2019-12-31,1500\n"
        "green_demo_factories,宁波市,2019-12-31,5\n"
        "green_demo_factories,宁波市,2019-12-31,6\n"
        "green_demo_projects,宁波市,2019-09-30,3\n"
        "international_standards,宁波市,2019-12-31,2.5\n",
        encoding="utf-8",
    )
    (folder / "嘉兴-2019Q4.et").write_bytes(b"\xd0\xcf\x11\xe0 not read")
    for form in (ROOT / "tests" / "fixtures" / "forms").iterdir():
        shutil.copy(form, folder / form.name)
    result = runner.invoke(
        app, ["check", "--plan", str(PLAN), str(folder), "--period", "2019Q4", "--lang", "zh"],
        env={**ENV, "COLUMNS": "1000"},  # one problem a line, however long its paths
    )  # fmt: skip
    lines = [line for line in result.stdout.splitlines() if re.search(r":\d+:\d+: |\.et: ", line)]
    assert len(lines) >= 15
    assert all(("错误[" in line) or ("警告[" in line) for line in lines)
    text = "\n".join(lines)
    text = re.sub(r"\[[a-z-]+\]|(?:/[^\s/:]+)+\.(?:csv|xlsx|xls|ods|et)\b|\bSheet\d\b", " ", text)
    # Names, not words: file formats, programs, the command, a spreadsheet's error code and
    # the regions' pinyin (an alias people may type).
    names = {"CSV", "WPS", "xlsx", "xls", "et", "zjplan", "targets", "DIV", "Excel"}
    names |= {r.pinyin for r in load_plan(PLAN).regions}
    left = {line: english(line) - names for line in text.splitlines()}
    assert {line: words for line, words in left.items() if words} == {}


def test_the_hostile_corpus_is_reported_in_chinese() -> None:
    """Every problem the hostile corpus raises, in check --lang zh: no English left outside
    the cells quoted back (“…”), names and codes."""
    names = {"CSV", "WPS", "xlsx", "xls", "et", "zjplan", "targets", "DIV", "Excel", "UTF",
             "GB", "GBK", "KiB", "MiB", "NUL", "XML", "Ctrl", "End", "FIFO",
             "target", "id", "region", "as", "of", "value", "unit", "source", "note"}  # fmt: skip
    names |= {r.pinyin for r in load_plan(PLAN).regions}  # the column names are codes too
    left: dict[str, set[str]] = {}
    for path in sorted((ROOT / "tests" / "hostile").glob("progress-*.csv")):
        result = runner.invoke(
            app, ["check", "--plan", str(PLAN), str(path), "--lang", "zh"],
            env={**ENV, "COLUMNS": "1000"},
        )  # fmt: skip
        for line in result.stdout.splitlines():
            if not re.search(r":\d+:\d+: |\.csv: ", line):
                continue
            text = re.sub(r"“[^”]*”|'[^']*'|\[[a-z-]+\]|(?:/[^\s/:]+)+\.\w+\b", " ", line)
            words = english(text) - names
            if words:
                left[line] = words
    assert left == {}
