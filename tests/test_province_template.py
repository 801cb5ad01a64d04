"""The province's template: every target, the rows its cities sum marked optional (blank
means the cities' sum; a figure of its own still wins), a blank there no warning, and an
empty cell said to be empty, not N/A."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import PLAN, run


def test_the_province_may_leave_what_its_cities_sum_blank(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    made = run("template", "--plan", str(PLAN), "--region", "浙江省", "--period", "2019Q4",
               "--output", str(folder / "zhejiang.csv"))  # fmt: skip
    assert made.code == 0, made.err
    text = (folder / "zhejiang.csv").read_text("utf-8-sig")
    assert len(text.splitlines()) == 1 + 47  # every target once
    assert text.count("可不填：留空即按各市合计") == 19  # the summed ones
    assert text.splitlines()[0].startswith("指标编号")
    ran = run("check", "--plan", str(PLAN), str(folder), "--period", "2019Q4",
              "--format", "json", today="2021-06-30")  # fmt: skip
    found = json.loads(ran.out)
    warned = [p for p in found["problems"] if p["code"] == "not-reported"]
    assert len(warned) == 47 - 19  # a blank summed row is no warning
    province = next(r for r in found["completeness"]["regions"] if r["region"] == "浙江省")
    assert province["expected"] == 28
    assert set(province["causes"].values()) == {"empty"}  # left empty, not "given as N/A"


def test_a_figure_of_its_own_still_wins_and_is_read(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "zhejiang.csv").write_text(
        "target_id,region,as_of,value,source\n"
        "small_to_large_firms,浙江省,2019-12-31,,统计局\n"
        "industrial_robots_in_use,浙江省,2019-12-31,8.9万,统计局\n",
        encoding="utf-8",
    )
    ran = run("check", "--plan", str(PLAN), str(folder), "--format", "json",
              today="2021-06-30")  # fmt: skip
    found = json.loads(ran.out)
    assert found["summary"]["used"] == 1
    assert found["problems"] == []
