"""Shared paths and small builders for the tests."""

from __future__ import annotations

import os
from pathlib import Path
from typing import NamedTuple

import pytest
from hypothesis import settings

# Property tests search with a new random seed on a developer's machine (a fresh clone found
# an inf share that way) and with a fixed one in CI ($CI set), so CI's verdict on a commit
# does not depend on the draw. What a developer's run finds is pinned with @example.
settings.register_profile("ci", derandomize=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

ROOT = Path(__file__).resolve().parent.parent
PLAN = ROOT / "data" / "plan.yaml"
SHARED = ROOT.parent / "shared"
SEED = SHARED / "seed" / "zhejiang-made-in-china-2025-plan-2018.txt"

TODAY = "2021-06-30"  # the day the tests' runs take as today (ZJPLAN_TODAY)


class Ran(NamedTuple):
    """What one command printed, and its exit code."""

    code: int
    out: str
    err: str


def run(*args: str, lang: str = "", today: str = TODAY, columns: int = 200) -> Ran:
    """``zjplan ARGS`` in-process (typer's runner), as a user at a 200-column terminal in
    English on ``today`` runs it. An exception other than a clean exit fails the test: a
    traceback is never an answer. The one way the tests run a command."""
    from typer.testing import CliRunner

    from zjplan.cli import app

    env = {"ZJPLAN_LANG": lang, "COLUMNS": str(columns), "ZJPLAN_TODAY": today}
    result = CliRunner().invoke(app, list(args), env=env)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"zjplan {' '.join(args)}: {result.exception!r}") from (
            result.exception
        )
    return Ran(result.exit_code, result.stdout, result.stderr)


MINIMAL_PLAN = """\
plan:
  doc_number: X〔2018〕1号
  title: 测试方案
  title_en: A test plan
  issuer: 测试
  issued: 2018-01-23
  start: 2018-01-01
  deadline: 2020-12-31
regions:
  - {name: 浙江省, short: 浙江, pinyin: Zhejiang, level: province}
  - {name: 宁波市, short: 宁波, pinyin: Ningbo, level: city}
targets:
  - id: robots
    section: 二(九)
    name_zh: 工业机器人
    name_en: Robots
    comparator: at_least
    value: 100000
    unit: 台
    measure: stock
    task: task_09
    aggregate: sum
    quote: 工业机器人应用达到10万台以上
  - id: task_09
    section: 二(九)
    name_zh: 任务九
    name_en: Task nine
    comparator: milestone
    owners: [省经信委, 省科技厅]
    quote: 实施智能化技术改造专项行动
"""


@pytest.fixture
def seed_text() -> str:
    """The plan document's text; tests that need it skip when shared/ is absent."""
    if not SEED.exists():
        pytest.skip(f"the seed document is not at {SEED} (shared/ sits beside a dev checkout)")
    return SEED.read_text(encoding="utf-8")


@pytest.fixture
def plan_file(tmp_path: Path) -> Path:
    path = tmp_path / "plan.yaml"
    path.write_text(MINIMAL_PLAN, encoding="utf-8")
    return path


@pytest.fixture(autouse=True)
def english_locale(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests read English labels unless they ask for Chinese: without --lang and
    $ZJPLAN_LANG, zjplan follows the locale, which a developer's machine may set to zh."""
    monkeypatch.setenv("LANG", "C.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)


@pytest.fixture(autouse=True)
def own_plan_cache(
    monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """The plan cache of the test run is its own (one folder for the session, so tests see
    hits too), never the developer's ~/.cache/zjplan."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.getbasetemp() / "cache"))
    monkeypatch.delenv("ZJPLAN_CACHE", raising=False)
