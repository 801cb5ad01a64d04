"""A plan of 2,801 regions (a province and 2,800 cities, as a county-level plan has): the
region column holds them all (it was 8-bit: region 256 crashed every command with exit 70,
and numpy read it back as 8-bit), on the checked, fast and numpy paths alike."""

from __future__ import annotations

import string
from datetime import date
from pathlib import Path

import pytest

from tests.conftest import run
from zjplan import engine
from zjplan.base import plain_data
from zjplan.engine import evaluate
from zjplan.plan import load_plan
from zjplan.progress import crosscheck, passes, read_progress

CITIES = 2_800


def pinyin(i: int) -> str:
    letters = ""
    while True:
        i, r = divmod(i, 26)
        letters += string.ascii_lowercase[r]
        if not i:
            return "C" + letters


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("many")
    regions = "".join(
        f"  - {{name: 县{i}, short: 县{i}短, pinyin: {pinyin(i)}, level: city}}\n"
        for i in range(CITIES)
    )
    plan = folder / "plan.yaml"
    plan.write_text(
        "plan: {doc_number: T-1, title: 县级测试, title_en: Counties, issuer: t,\n"
        "       issued: 2021-01-01, start: 2021-01-01, deadline: 2025-12-31}\n"
        "regions:\n  - {name: 全省, short: 省, pinyin: Province, level: province}\n"
        + regions
        + "targets:\n"
        "  - {id: firms, section: '1', name_en: Firms, comparator: reach, value: 100000,\n"
        "     unit: 家, measure: new, aggregate: sum, task: t, quote: 新增}\n"
        "  - {id: t, section: '1', name_en: Task, comparator: milestone, owners: [A], quote: do}\n",
        encoding="utf-8",
    )
    rows = "".join(f"firms,县{i},2021-12-31,{i % 7 + 1}\n" for i in range(CITIES))
    progress = folder / "progress.csv"
    progress.write_text("target_id,region,as_of,value\n" + rows, encoding="utf-8")
    return plan, progress


def test_every_region_is_read_and_summed(big: tuple[Path, Path]) -> None:
    plan_path, progress_path = big
    plan = load_plan(plan_path)
    progress = read_progress([progress_path], plan, today=date(2022, 6, 30))
    assert not progress.problems
    assert {o.region for o in progress.observations} == {f"县{i}" for i in range(CITIES)}
    report = evaluate(plan, progress, today=date(2022, 6, 30))
    firms = next(t for t in report.targets if t.id == "firms")
    assert firms.latest is not None
    assert firms.latest.value == sum(i % 7 + 1 for i in range(CITIES))
    assert firms.latest.coverage is not None
    assert firms.latest.coverage.complete


def test_the_numpy_passes_read_every_region(
    big: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """With numpy forced on (from 0 rows), the same figures and report."""
    plan_path, progress_path = big
    plan = load_plan(plan_path)
    python = read_progress([progress_path], plan, today=date(2022, 6, 30))
    for module in (passes, crosscheck, engine):
        monkeypatch.setattr(module, "VECTOR_ROWS", 0)
    vector = read_progress([progress_path], plan, today=date(2022, 6, 30))
    assert vector.observations == python.observations
    assert plain_data(evaluate(plan, vector)) == plain_data(evaluate(plan, python))


def test_the_commands_run(big: tuple[Path, Path]) -> None:
    plan_path, progress_path = big
    ran = run("check", "--plan", str(plan_path), str(progress_path), today="2022-06-30")
    assert ran.code == 0, ran.err
    ran = run("status", "--plan", str(plan_path), "--progress", str(progress_path), "--brief")
    assert ran.code == 0, ran.err
