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
    """The 通报's own title, the date, the headline as a sentence, each target that needs
    attention as a 二级标题 with its facts beside its chart, one paragraph per unit behind,
    what moved, and every target in the 附件 on its own page."""
    import docx

    doc = docx.Document(str(briefing))
    text = [p.text for p in doc.paragraphs]
    assert any(t.startswith("关于《") and t.endswith("实施进展情况的通报") for t in text)
    assert any("浙政办发〔2018〕10号" in t and "截至2019年12月31日" in t for t in text)
    headline = next(t for t in text if t.startswith("截至2019年12月31日，"))
    assert "25项量化指标中，" in headline
    assert "滞后1项" in headline
    assert "22项任务中，无数据22项" in headline
    assert "另有0项" not in headline
    assert "（一）新增“小升规”企业：滞后" in text
    assert any(t.startswith("省经信委：") and "滞后1项（新增“小升规”企业）" in t for t in text)
    assert any("正常推进 → 滞后；4000 → 4300 (+300)" in t for t in text)
    assert "附件：全部指标情况表" in text
    assert "附件" in text
    block, annex = doc.tables[0], doc.tables[-1]
    facts = block.rows[0].cells[0].text
    assert "完成进度 / 序时进度：" in facts
    assert "每年需：" in facts
    assert "家" in facts.split("每年需：")[1].splitlines()[0]  # with its unit
    assert [c.text for c in annex.rows[0].cells][:5] == [
        "指标", "目标", "最新值", "完成进度 / 序时进度", "状态",
    ]  # fmt: skip
    assert len(annex.rows) == 1 + 47
    images = [r for r in doc.part.rels.values() if "image" in r.reltype]
    assert len(images) >= 1


def test_fonts_rows_and_page_numbers_are_set_for_word_and_wps(briefing: Path) -> None:
    """GB/T 9704-2012: body 3号仿宋 (16 pt, w:sz 32) on a fixed 28 pt line, the title
    小标宋 (a serif fallback in the font table), East Asian fonts named explicitly
    (python-docx's font.name sets only the Latin one), every table row w:cantSplit, the
    annex's header row repeated, A4, and "— PAGE —" in the odd and even footers."""
    with zipfile.ZipFile(briefing) as z:
        body = z.read("word/document.xml").decode("utf-8")
        styles = z.read("word/styles.xml").decode("utf-8")
        fonts = z.read("word/fontTable.xml").decode("utf-8")
        settings = z.read("word/settings.xml").decode("utf-8")
        footers = [z.read(n).decode("utf-8") for n in z.namelist() if n.startswith("word/footer")]
    assert 'w:eastAsia="仿宋"' in styles
    assert 'w:eastAsia="黑体"' in styles
    assert 'w:eastAsia="方正小标宋简体"' in styles
    assert '<w:altName w:val="宋体"/>' in fonts
    assert 'w:eastAsia="宋体"' in body
    assert body.count("<w:tr>") + body.count("<w:tr ") == body.count("<w:cantSplit/>")
    assert body.count("<w:tblHeader/>") == 1
    assert 'w:w="11906"' in body  # A4 in twentieths of a point
    assert 'w:h="16838"' in body
    assert "<w:evenAndOddHeaders/>" in settings
    assert len(footers) == 2
    for footer in footers:
        assert re.search(r"— </w:t>.*PAGE.*<w:t[^>]*> —", footer, re.S)
    import docx

    doc = docx.Document(str(briefing))
    normal = doc.styles["Normal"]
    assert normal.font.size.pt == 16
    assert normal.paragraph_format.line_spacing.pt == 28


def test_a_letterhead_gives_the_red_head_number_addressee_and_signature(tmp_path: Path) -> None:
    """--letterhead: the issuer in red above a red rule, the 发文字号, the 主送机关, the 落款
    and 成文日期 (2020年1月20日), 抄送 at the end; a plain report without it."""
    import docx

    head = tmp_path / "head.yaml"
    head.write_text(
        "issuer: 浙江省经济和信息化厅\nnumber: 浙经信〔2020〕1号\nto: 各设区市经信局\n"
        "signer: 浙江省经济和信息化厅\ndate: 2020-01-20\ncc: [工业和信息化部规划司]\n",
        encoding="utf-8",
    )
    out = tmp_path / "通报.docx"
    result = runner.invoke(
        app, ["status", "--plan", str(PLAN), "--as-of", "2019-12-31", "--lang", "zh",
              "--letterhead", str(head), "--output", str(out)],
        env={"ZJPLAN_TODAY": "2021-06-30"},
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    doc = docx.Document(str(out))
    paragraphs = doc.paragraphs
    text = [p.text for p in paragraphs]
    issuer = paragraphs[0]
    assert issuer.text == "浙江省经济和信息化厅"
    assert str(issuer.runs[0].font.color.rgb) == "FF0000"
    number = next(p for p in paragraphs if p.text == "浙经信〔2020〕1号")
    assert 'w:color="FF0000"' in number._p.xml  # the red rule under it
    assert "各设区市经信局：" in text
    assert text.index("各设区市经信局：") < text.index("附件：全部指标情况表")
    signature = text.index("2020年1月20日")
    assert text[signature - 1] == "浙江省经济和信息化厅"
    assert text[-1] == "抄送：工业和信息化部规划司。"


def test_a_letterhead_with_a_mistake_is_refused_where_it_is(tmp_path: Path) -> None:
    head = tmp_path / "head.yaml"
    head.write_text("issuer: 省经信厅\nnumbr: 1号\n", encoding="utf-8")
    result = runner.invoke(
        app, ["status", "--plan", str(PLAN), "--format", "docx", "--output",
              str(tmp_path / "x.docx"), "--letterhead", str(head)],
        env={"ZJPLAN_TODAY": "2021-06-30"},
    )  # fmt: skip
    assert result.exit_code == 2
    assert "head.yaml:2:1: error[unknown-key]" in result.stderr
    assert "did you mean number?" in result.stderr


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


def test_a_letterhead_without_the_word_format_is_a_usage_error(tmp_path: Path) -> None:
    head = tmp_path / "head.yaml"
    head.write_text("issuer: 省经信厅\n", encoding="utf-8")
    result = runner.invoke(app, ["status", "--plan", str(PLAN), "--letterhead", str(head)],
                           env={"ZJPLAN_TODAY": "2021-06-30"})  # fmt: skip
    assert result.exit_code == 2
    assert "add --format docx" in result.stderr
