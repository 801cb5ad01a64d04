"""The Word briefing (status --format docx): read back with python-docx (paragraphs,
tables, images, fonts, page numbers, rows that never split) and, where LibreOffice is
installed, converted to PDF on A4."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import PLAN
from tests.test_officer import ROWS
from zjplan.cli import app

runner = CliRunner()


@pytest.fixture
def briefing(tmp_path: Path) -> Path:
    data = tmp_path / "p.csv"
    data.write_text(ROWS, encoding="utf-8")
    out = tmp_path / "通报.docx"
    result = runner.invoke(
        app, ["status", "--plan", str(PLAN), "--progress", str(data), "--as-of", "2019-12-31",
              "--since", "2019Q3", "--lang", "zh", "--output", str(out)],
        env={"ZJPLAN_TODAY": "2021-06-30"},
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    return out


def test_the_briefing_reads_back(briefing: Path) -> None:
    """Title with the document number and the date, the headline as a sentence, the
    attention table, one paragraph per unit behind, what moved, every target in the annex,
    and the trend chart of the target behind as an image."""
    import docx

    doc = docx.Document(str(briefing))
    text = [p.text for p in doc.paragraphs]
    assert any("浙政办发〔2018〕10号" in t for t in text)
    assert "截至2019年12月31日" in text
    headline = next(t for t in text if t.startswith("截至2019年12月31日，"))
    assert "25项量化指标中，" in headline
    assert "滞后1项" in headline
    assert "22项任务中，无数据22项" in headline
    assert any(t.startswith("省经信委：") and "滞后1项（新增“小升规”企业）" in t for t in text)
    assert any("正常推进 → 滞后；4000 → 4300 (+300)" in t for t in text)
    attention, annex = doc.tables
    assert [c.text for c in attention.rows[0].cells][:4] == ["指标", "目标", "最新值", "状态"]
    assert attention.rows[1].cells[0].text == "新增“小升规”企业"
    assert attention.rows[1].cells[3].text == "滞后"
    assert len(annex.rows) == 1 + 47
    images = [r for r in doc.part.rels.values() if "image" in r.reltype]
    assert len(images) >= 1


def test_fonts_rows_and_page_numbers_are_set_for_word_and_wps(briefing: Path) -> None:
    """East Asian fonts named explicitly (python-docx's font.name sets only the Latin one),
    every table row w:cantSplit, header rows repeated, A4, and a PAGE field in the footer."""
    with zipfile.ZipFile(briefing) as z:
        body = z.read("word/document.xml").decode("utf-8")
        styles = z.read("word/styles.xml").decode("utf-8")
        footer = "".join(
            z.read(n).decode("utf-8") for n in z.namelist() if n.startswith("word/footer")
        )
    assert 'w:eastAsia="仿宋"' in styles
    assert 'w:eastAsia="黑体"' in styles
    assert 'w:eastAsia="宋体"' in body
    assert body.count("<w:tr>") + body.count("<w:tr ") == body.count("<w:cantSplit/>")
    assert body.count("<w:tblHeader/>") == 2
    assert 'w:w="11906"' in body  # A4 in twentieths of a point
    assert 'w:h="16838"' in body
    assert "PAGE" in footer


@pytest.mark.skipif(
    shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed"
)
def test_libreoffice_prints_it_on_a4(briefing: Path, tmp_path: Path) -> None:
    """LibreOffice opens the briefing (Writer is needed: libreoffice-writer-nogui) and prints
    it as A4 pages."""
    done = subprocess.run(
        ["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/profile",
         "--convert-to", "pdf", "--outdir", str(tmp_path), str(briefing)],
        capture_output=True, timeout=180, check=False,
    )  # fmt: skip
    pdf = tmp_path / "通报.pdf"
    if not pdf.exists() and b"could not be loaded" in done.stderr + done.stdout:
        pytest.skip("LibreOffice has no Writer here (install libreoffice-writer-nogui)")
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF")
    pages = len(re.findall(rb"/Type\s*/Page(?![a-z])", data))
    assert 3 <= pages <= 10  # the first pages, then the annex of 47 rows
    sizes = set(re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)", data))
    assert sizes
    assert all(abs(float(w) - 595.3) < 1 and abs(float(h) - 841.9) < 1 for w, h in sizes)  # A4
