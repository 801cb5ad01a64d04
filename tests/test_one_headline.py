"""One headline in every format: the quantitative targets and the tasks counted apart, and
how the report's date was chosen (the terminal, the HTML page, the Word 通报)."""

from __future__ import annotations

import re
from pathlib import Path

from tests.conftest import PLAN, ROOT, run

QUARTER = ROOT / "tests" / "fixtures" / "quarter-2019q4"


def test_html_counts_targets_and_tasks_apart_as_the_terminal_does(tmp_path: Path) -> None:
    args = ("status", "--plan", str(PLAN), "--progress", str(QUARTER))
    screen = run(*args, lang="zh")
    page = run(*args, "--format", "html", lang="zh")
    assert screen.code == page.code == 0
    for text in (screen.out, re.sub(r"<[^>]+>", " ", page.out)):
        flat = re.sub(r"\s+", " ", text)
        assert re.search(r"25 项量化指标:? ✔? ?已完成 \d", flat) or "25 项量化指标" in flat
        assert "22 项任务" in flat
    assert "个指标最新数据日期的中位数" in page.out  # how the date was chosen


def test_the_briefing_counts_them_apart_too(tmp_path: Path) -> None:
    import docx

    out = tmp_path / "b.docx"
    ran = run("status", "--plan", str(PLAN), "--progress", str(QUARTER), "--output", str(out),
              lang="zh")  # fmt: skip
    assert ran.code == 0, ran.err
    text = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
    assert "25项量化指标中" in text
    assert "22项任务中" in text


def test_sections_carry_their_names_in_every_format() -> None:
    """二(十六) is 开展国家标准化综合改革试点 on the screen, in Markdown, HTML and JSON."""
    args = ("status", "--plan", str(PLAN), "--progress", str(QUARTER))
    name = "二(十二) 大力推进小微企业提质转型和“专精特新”发展"
    for fmt in ("markdown", "html"):
        ran = run(*args, "--format", fmt, lang="zh")
        assert name in ran.out, fmt
    data = run(*args, "--format", "json").out
    assert '"二(十二)": "大力推进小微企业提质转型和“专精特新”发展"' in data
    screen = run(*args, lang="zh", columns=200).out
    assert "二(十二)  大力推进小微企业提质转型" in screen  # cut to the name column


def test_explain_finds_a_target_by_its_chinese_name() -> None:
    for text, target in (
        ("机器人", "industrial_robots_in_use"),
        ("小升规", "small_to_large_firms"),
    ):
        ran = run("explain", text, "--plan", str(PLAN), lang="zh")
        assert ran.code == 0, ran.err
        assert ran.out.startswith(target)
    assert "二(十二) 大力推进小微企业提质转型" in run("explain", "小升规", lang="zh").out


def test_a_city_that_sent_nothing_is_said_to_have_sent_nothing(tmp_path: Path) -> None:
    """report's page for a city without a figure for the period says 未报送 (and when it last
    reported), never 'nothing is behind'."""
    out = tmp_path / "site"
    ran = run("report", "--plan", str(PLAN), "--progress", str(QUARTER), "--output-dir",
              str(out), lang="zh")  # fmt: skip
    assert ran.code == 0, ran.err
    lishui = (out / "region-lishui.html").read_text("utf-8")
    assert "丽水市本期（截至2019-12-31）未报送。此前也没有报送过数据。" in lishui
    assert "没有滞后" not in lishui
    shaoxing = (out / "region-shaoxing.html").read_text("utf-8")
    assert "最近一次报送的数据截至2019-09-30" in shaoxing
    assert "未报送" not in (out / "region-ningbo.html").read_text("utf-8")


def test_what_moved_says_when_only_the_schedule_moved(tmp_path: Path) -> None:
    """A task still 未启动 on the same report turns behind once half the period is gone:
    the figure did not change, only 序时进度 did, and the moved list says so."""
    data = tmp_path / "p.csv"
    data.write_text(
        "target_id,region,as_of,value,source\ntask_01,浙江省,2018-03-31,未启动,督查\n",
        encoding="utf-8",
    )
    ran = run("status", "--plan", str(PLAN), "--progress", str(data), "--as-of", "2019-12-31",
              "--since", "2019-03-31", "--brief", lang="zh")  # fmt: skip
    assert ran.code == 0, ran.err
    assert "较上期变化（2019-03-31以来，1项）：" in ran.out
    assert "正常推进 → 滞后；数据未更新，仅序时进度推进" in ran.out


def test_city_shares_are_of_one_total_and_add_up() -> None:
    """Each city's share is of the row's one total (the province's own figure of the
    report's period, else the cities' sum, a carried figure in it too): 绍兴's Q3 350 is
    350/3150, not 100% of a Q3 sum of itself; the province's figure carries its date."""
    import json

    ran = run("cities", "--plan", str(PLAN), "--progress", str(QUARTER), "--format", "json")
    assert ran.code == 0, ran.err
    rows = {row["id"]: row for row in json.loads(ran.out)["rows"]}
    firms = rows["small_to_large_firms"]
    shares = [c["share_of_province"] for c in firms["cells"] if c["value"] is not None]
    assert abs(sum(shares) - 1) < 1e-9
    shaoxing = next(c for c in firms["cells"] if c["region"] == "绍兴市")
    assert abs(shaoxing["share_of_province"] - 350 / 3150) < 1e-9
    robots = rows["industrial_robots_in_use"]
    assert robots["province_as_of"] == "2019-12-31"
    hangzhou = next(c for c in robots["cells"] if c["region"] == "杭州市")
    assert abs(hangzhou["share_of_province"] - hangzhou["value"] / 89000) < 1e-9
    screen = run("cities", "--plan", str(PLAN), "--progress", str(QUARTER), lang="zh",
                 columns=200).out  # fmt: skip
    assert "2019-06-09" in screen  # the province's own 10 is of June


def test_report_takes_a_region(tmp_path: Path) -> None:
    """report --region 宁波: the set is the city's view, and only its page."""
    out = tmp_path / "site"
    ran = run("report", "--plan", str(PLAN), "--progress", str(QUARTER), "--output-dir",
              str(out), "--region", "宁波", lang="zh")  # fmt: skip
    assert ran.code == 0, ran.err
    assert [p.name for p in out.glob("region-*.html")] == ["region-ningbo.html"]
    assert '"region": "宁波市"' in (out / "status.json").read_text("utf-8")
