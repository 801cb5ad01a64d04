"""The officer's first screen, in a real pseudo-terminal: the headline and what needs
attention come first, worst first, within the first 24 lines at 80 columns."""

from __future__ import annotations

import os
import pty
import re
import select
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import PLAN, ROOT

ROWS = (
    "target_id,region,as_of,value,unit,source\n"
    "industrial_robots_in_use,浙江省,2019-06-30,76000,台,a\n"  # at risk
    "small_to_large_firms,浙江省,2019-12-31,1500,家,b\n"  # behind
    "provincial_innovation_centres,浙江省,2019-06-09,10,家,c\n"  # achieved, stale
    "zhejiang_made_standards,浙江省,2019-12-31,超过300,项,d\n"  # at risk? (a lower bound)
)
ANSI = re.compile(r"\x1b\[[0-9;?]*[a-zA-Z]|\x1b\][^\x07]*\x07")


def on_a_terminal(args: list[str], columns: int) -> list[str]:
    """What a person sees: the lines zjplan writes to a pty of that width."""
    main, child = pty.openpty()
    env = {**os.environ, "COLUMNS": str(columns), "LINES": "24", "TERM": "xterm-256color",
           "ZJPLAN_TODAY": "2021-06-30", "ZJPLAN_LANG": ""}  # fmt: skip
    proc = subprocess.Popen(
        [sys.executable, "-m", "zjplan", *args], stdin=child, stdout=child, stderr=child,
        cwd=ROOT, env=env, close_fds=True,
    )  # fmt: skip
    os.close(child)
    chunks = []
    while True:
        ready, _, _ = select.select([main], [], [], 30)
        if not ready:
            break
        try:
            data = os.read(main, 65536)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    proc.wait(timeout=30)
    os.close(main)
    return ANSI.sub("", b"".join(chunks).decode("utf-8", "replace")).replace("\r", "").splitlines()


@pytest.fixture
def data(tmp_path: Path) -> Path:
    path = tmp_path / "p.csv"
    path.write_text(ROWS, encoding="utf-8")
    return path


@pytest.mark.parametrize("columns", [80, 200])
def test_attention_comes_first_worst_first(columns: int, data: Path) -> None:
    """At 80 and 200 columns: the headline, then 'Needs attention' with the behind target
    before the at-risk ones (the achieved one, though stale, is not there), all within the
    first 24 lines; no status word is cut; no line of the headline runs past 80."""
    lines = on_a_terminal(["status", "--plan", str(PLAN), "--progress", str(data)], columns)
    first = lines[:24]
    assert first[0].startswith("浙政办发〔2018〕10号")
    assert any(line.startswith("25 quantitative targets:") for line in first)
    start = next(i for i, line in enumerate(first) if line.startswith("Needs attention (3):"))
    # achieved is never listed, stale or not (METHOD.md)
    assert not any("achieved" in line for line in first[start : start + 7])
    order = [
        line.split("  ")[1]
        for line in first[start + 1 :]
        if line.startswith("  ") and not line.startswith("      ")
    ]
    assert order[0].startswith("✗ behind")
    assert order[1].startswith("! at risk")
    assert "small_to_large_firms" in "\n".join(first)
    assert not any("no d…" in line or "behi…" in line for line in lines)
    assert all(len(line) <= 80 for line in first[: start + 7]) or columns > 80


def test_brief_is_the_first_screen_only(data: Path) -> None:
    """--brief prints the headline and the attention list, no table."""
    lines = on_a_terminal(["status", "--plan", str(PLAN), "--progress", str(data), "--brief"], 80)
    assert len(lines) < 24
    assert not any("┃" in line for line in lines)


def test_an_empty_selection_is_one_line(data: Path) -> None:
    """--only missed with nothing missed: one line saying so, never an empty frame."""
    lines = on_a_terminal(
        [
            "status",
            "--plan",
            str(PLAN),
            "--progress",
            str(data),
            "--only",
            "missed",
            "--owner",
            "经信委",
        ],
        80,
    )
    assert lines == ["no target is missed for 省经信委"]


def test_an_unknown_owner_suggests(data: Path) -> None:
    """--owner 经信 (a part of one owner) matches it; a name that is none is exit 2 with
    'did you mean'."""
    done = subprocess.run(
        [sys.executable, "-m", "zjplan", "status", "--plan", str(PLAN), "--owner", "省经信"],
        capture_output=True, text=True, cwd=ROOT, check=False,
    )  # fmt: skip
    assert done.returncode == 0
    done = subprocess.run(
        [sys.executable, "-m", "zjplan", "status", "--plan", str(PLAN), "--owner", "省经济委"],
        capture_output=True, text=True, cwd=ROOT, check=False,
    )  # fmt: skip
    assert done.returncode == 2
    assert "did you mean" in done.stderr


@pytest.mark.parametrize(
    ("env", "word"),
    [
        ({"LANG": "zh_CN.UTF-8"}, "需关注"),
        ({"LANG": "en_US.UTF-8"}, "Needs attention"),
        ({"LANG": "zh_CN.UTF-8", "ZJPLAN_LANG": "en"}, "Needs attention"),
    ],
)
def test_the_language_follows_the_locale(env: dict[str, str], word: str, data: Path) -> None:
    """Without --lang: $ZJPLAN_LANG, else the locale (LANG=zh_CN.UTF-8 → Chinese)."""
    environment = {
        k: v for k, v in os.environ.items() if k not in ("ZJPLAN_LANG", "LC_ALL", "LC_MESSAGES")
    }
    done = subprocess.run(
        [sys.executable, "-m", "zjplan", "status", "--plan", str(PLAN), "--progress", str(data), "--brief"],
        capture_output=True, text=True, cwd=ROOT, env={**environment, **env, "ZJPLAN_TODAY": "2021-06-30"}, check=False,
    )  # fmt: skip
    assert word in done.stdout


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_check_lines_are_never_cut_at_80_columns(lang: str) -> None:
    """In a terminal, each problem line arrives whole, its hint to the end, however narrow
    the terminal: the terminal wraps it (rich would crop it at the width)."""
    data = str(ROOT / "data" / "progress")
    args = ["check", "--plan", str(PLAN), data, "--period", "2019Q4", "--lang", lang]
    screen = "".join(on_a_terminal(args, 80))
    hint = "按文件自身的期次核对）" if lang == "zh" else "or check the file against its own period)"
    problems = [
        p for p in screen.split("data/progress/public-reports.csv:")[1:] if "[wrong-period]" in p
    ]
    assert len(problems) >= 5
    assert all(hint in p for p in problems)


def test_cities_fit_80_columns() -> None:
    """At 80 columns `cities` gives a block per target (name, sum and province, the cities
    in a wrapped line), not a table of eleven two-character columns that broke names into
    letters (264 lines); at 200 columns the table, as before."""
    quarter = str(ROOT / "tests" / "fixtures" / "quarter-2019q4")
    narrow = on_a_terminal(
        ["cities", "--plan", str(PLAN), "--progress", quarter, "--lang", "zh"], 80
    )
    assert len(narrow) < 100
    assert "省级制造业创新中心" in narrow
    assert "  各市合计 8 (5/11) · 全省数据 10 @2019-06-09" in narrow  # its date
    assert not any("┃" in line for line in narrow)
    wide = on_a_terminal(["cities", "--plan", str(PLAN), "--progress", quarter], 200)
    assert any("┃" in line for line in wide)


def test_targets_never_split_an_id_at_80_columns() -> None:
    narrow = on_a_terminal(["targets", "--plan", str(PLAN)], 80)
    assert "informatization_index  ≥100  一  stock" in narrow
    assert all(len(line) <= 80 for line in narrow)
    assert len(narrow) < 140  # the squeezed table took 258 lines
