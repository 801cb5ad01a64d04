"""The HTML report in a real headless browser: it loads, logs nothing, and is not blank."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import PLAN
from zjplan.cli import app

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = [
    pytest.mark.skipif(
        CHROMIUM is None,
        reason="chromium is not installed; `apt-get install chromium` (as .ci/run does) enables it",
    ),
    pytest.mark.slow,  # a quick loop leaves it out: pytest -m "not slow"
]
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--enable-logging=stderr",
    "--v=0",
    "--window-size=1280,2000",
]


def screenshot(page: Path, tmp_path: Path) -> tuple[Path, str]:
    shot = tmp_path / "shot.png"
    assert CHROMIUM is not None
    done = subprocess.run(
        [CHROMIUM, *FLAGS, f"--user-data-dir={tmp_path / 'profile'}", f"--screenshot={shot}",
         page.as_uri()],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    return shot, done.stderr


def test_report_loads_cleanly_and_is_not_blank(tmp_path: Path) -> None:
    """The page loads with no console message and its screenshot has content."""
    import numpy as np
    from matplotlib import image

    data = tmp_path / "p.csv"
    data.write_text(
        "target_id,region,as_of,value,unit,source\n"
        "industrial_robots_in_use,浙江省,2018-12-31,66000,台,https://example.org\n"
        "industrial_robots_in_use,浙江省,2019-06-30,76000,台,<img src=x onerror=alert(1)>\n",
        encoding="utf-8",
    )
    page = tmp_path / "status.html"
    result = CliRunner().invoke(
        app, ["status", "--plan", str(PLAN), "--progress", str(data), "--output", str(page)]
    )
    assert result.exit_code == 0
    shot, log = screenshot(page, tmp_path)
    assert "CONSOLE" not in log
    pixels = np.asarray(image.imread(shot))
    assert pixels.shape[0] > 100
    assert float(pixels.std()) > 0.01  # not one flat colour


def test_console_messages_would_be_seen(tmp_path: Path) -> None:
    """The check above can fail: a page that logs to the console is caught."""
    page = tmp_path / "noisy.html"
    page.write_text("<html><body>x<script>console.error('boom')</script></body></html>")
    _, log = screenshot(page, tmp_path)
    assert "CONSOLE" in log


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) missing")
def test_the_print_on_a4_splits_no_card(tmp_path: Path) -> None:
    """Chromium prints the page to A4; each card's first line (its id) and its last (its
    source) are on the same page, for every card."""
    rows = ["target_id,region,as_of,value,unit,source"]
    ids = ["small_to_large_firms", "industrial_robots_in_use", "green_demo_factories",
           "provincial_innovation_centres", "international_standards", "green_demo_parks",
           "zhejiang_made_certified_firms", "brand_cultivation_firms"]  # fmt: skip
    for n, target in enumerate(ids):
        rows.append(f"{target},浙江省,2018-12-31,{n + 1},,src-{n}-first")
        rows.append(f"{target},浙江省,2019-12-31,{n + 3},,src-{n}-last")
    data = tmp_path / "p.csv"
    data.write_text("\n".join(rows) + "\n", encoding="utf-8")
    page = tmp_path / "status.html"
    result = CliRunner().invoke(
        app,
        ["status", "--plan", str(PLAN), "--progress", str(data), "--output", str(page)],
        env={"ZJPLAN_TODAY": "2021-06-30"},
    )
    assert result.exit_code == 0
    pdf = tmp_path / "status.pdf"
    assert CHROMIUM is not None
    subprocess.run(
        [CHROMIUM, *FLAGS, f"--user-data-dir={tmp_path / 'profile'}", "--no-pdf-header-footer",
         f"--print-to-pdf={pdf}", page.as_uri()],
        capture_output=True, timeout=120, check=True,
    )  # fmt: skip
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    pages = text.split("\f")
    assert len(pages) > 2  # enough cards to need several pages
    for n, target in enumerate(ids):
        first = [i for i, p in enumerate(pages) if target in p.replace(" ", "")]
        last = [i for i, p in enumerate(pages) if f"src-{n}-last" in p]
        assert last, target
        assert last[0] in first, (target, first, last)
