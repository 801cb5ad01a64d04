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
        assert re.search(r"25 项量化指标:? ✔? ?已达成 \d", flat) or "25 项量化指标" in flat
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
