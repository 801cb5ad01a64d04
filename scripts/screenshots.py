"""Screenshots of the HTML briefing, as a person sees it: `make screenshots`.

Renders status.html (Chinese, from a sample of figures with targets in every state) and
status.docx, then with headless Chromium takes a 1280 px wide screenshot and prints the page
to A4 PDF, and turns each printed page into a PNG (pdftoppm). Everything lands in
screenshots/ (not committed). Needs chromium and poppler-utils; for readable Chinese in the
pictures, a CJK font (Debian: fonts-noto-cjk).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "screenshots"
SAMPLE = (
    "target_id,region,as_of,value,unit,source\n"
    "small_to_large_firms,浙江省,2019-06-30,4000,家,来源-小升规-上半年\n"
    "small_to_large_firms,浙江省,2019-12-31,4300,家,来源-小升规-全年\n"
    "industrial_robots_in_use,浙江省,2018-12-31,71000,台,来源-机器人-2018\n"
    "industrial_robots_in_use,浙江省,2019-12-31,90000,台,来源-机器人-2019\n"
    "green_demo_factories,浙江省,2019-12-31,80,家,来源-绿色工厂\n"
    "provincial_innovation_centres,浙江省,2019-06-09,10,家,来源-创新中心\n"
    "zhejiang_made_standards,浙江省,2019-12-31,超过300,项,来源-品字标标准\n"
    "task_09,浙江省,2019-12-31,推进中,,来源-技改\n"
)
FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip


def chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        sys.exit("chromium not found: apt-get install chromium")
    return found


def render(folder: Path) -> Path:
    """status.html and status.docx of the sample, in Chinese; the page's path."""
    data = folder / "sample.csv"
    data.write_text(SAMPLE, encoding="utf-8")
    zjplan = [sys.executable, "-m", "zjplan", "status", "--plan", str(ROOT / "data" / "plan.yaml"),
              "--progress", str(data), "--as-of", "2019-12-31", "--since", "2019Q3", "--lang",
              "zh"]  # fmt: skip
    env = {"ZJPLAN_TODAY": "2021-06-30", "PATH": "/usr/bin:/bin"}
    for name in ("status.html", "status.docx"):
        subprocess.run([*zjplan, "--output", str(folder / name)], check=True, env=env)
    return folder / "status.html"


def print_pdf(page: Path, pdf: Path, profile: Path) -> None:
    subprocess.run(
        [chromium(), *FLAGS, f"--user-data-dir={profile}", "--no-pdf-header-footer",
         f"--print-to-pdf={pdf}", page.as_uri()],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip


def main() -> None:
    OUT.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        page = render(folder)
        shutil.copy(page, OUT / "status.html")
        shutil.copy(folder / "status.docx", OUT / "status.docx")
        subprocess.run(
            [chromium(), *FLAGS, f"--user-data-dir={folder / 'profile'}",
             "--window-size=1280,2400", f"--screenshot={OUT / 'status-1280.png'}", page.as_uri()],
            check=True, capture_output=True, timeout=180,
        )  # fmt: skip
        print_pdf(page, OUT / "status-a4.pdf", folder / "profile")
    for old in OUT.glob("status-a4-*.png"):
        old.unlink()
    subprocess.run(["pdftoppm", "-r", "60", "-png", str(OUT / "status-a4.pdf"),
                    str(OUT / "status-a4")], check=True)  # fmt: skip
    for path in sorted(OUT.iterdir()):
        print(path.relative_to(ROOT))


if __name__ == "__main__":
    main()
