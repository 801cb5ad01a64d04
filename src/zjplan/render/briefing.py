"""The Word briefing (通报): an A4 document an office circulates, written with python-docx.

Title with the plan's document number and the report date; the headline in a sentence
("截至2019年12月31日，25项量化指标中，已完成4项、序时推进5项、滞后5项、无数据11项"); what
needs attention as a table, each with its trend chart; a short paragraph per responsible
unit with its targets behind or at risk; what moved (with --since); then every target in
one table. Chinese fonts are named for the East Asian script (宋体 for text, 黑体 for
headings, 仿宋 for the body) so Word and WPS use them; pages are numbered in the footer; no
table row breaks across pages and header rows repeat.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING, Any

from zjplan.comparators import kind
from zjplan.letterhead import Letterhead, chinese_date
from zjplan.render.labels import LABELS, STATUS_HEX, STATUS_WORDS, verdict
from zjplan.render.order import groups, numeral_text
from zjplan.render.screen import change_text
from zjplan.render.words import gap_unit, goal_text, latest_text, number, owners_text, per_year
from zjplan.report import Report, TargetResult, attention, changes
from zjplan.sanitise import inert
from zjplan.statuses import STATUSES
from zjplan.wording import say, says

if TYPE_CHECKING:
    from zjplan.model import Plan

BODY_FONT = ("仿宋", "FangSong")  # (East Asian, Latin fallback shown when it is missing)
TABLE_FONT = ("宋体", "SimSun")
HEADING_FONT = ("黑体", "SimHei")
KAITI_FONT = ("楷体", "KaiTi")  # 二级标题
TITLE_FONT = ("方正小标宋简体", "SimSun")  # 标题 and 发文机关标志 (a serif CJK face if absent)
# Fonts a machine may lack, with the face Word and WPS substitute: (name, altName, family).
FALLBACKS = (("方正小标宋简体", "宋体", "roman"), ("楷体", "KaiTi", "roman"))


# 3号 (16 pt) body on a fixed 28 pt line (22 lines a page); 2号 (22 pt) title; a first line
# indented two characters.
BODY_PT, TITLE_PT, LINE_PT, INDENT_PT = 16, 22, 28, 32


def pt(points: float) -> Any:
    """python-docx's length of ``points`` (docx is imported only to write a briefing)."""
    from docx.shared import Pt

    return Pt(points)


WORDS: dict[str, dict[str, Any]] = {
    "zh": {
        "title": "实施进展通报",
        "as_of": "截至{day}",
        "numeric": "{n}项量化指标中，",
        "tasks": "{n}项任务中，",
        "count": "{word}{n}项",
        "stale": "{n}项数据较旧",
        "uncertain": "{n}项结论存疑",
        "extra": "另有{parts}，结论仅供参考。",
        "attention": "一、需关注的指标",
        "none": "没有滞后、存在风险或未达成的指标。",
        "owners": "二、各责任单位情况",
        "owner_line": "{owner}：牵头或参与的{n}项中，{parts}。",
        "owner_ok": "{owners}牵头或参与的指标均无滞后或风险。",
        "moved": "三、较上期变化（{day}以来）",
        "annex_note": "附件：全部指标情况表",
        "annex": "附件",
        "annex_title": "全部指标情况表",
        "all_columns": ("指标", "目标", "最新值", "完成进度 / 序时进度", "状态", "责任单位"),
        "goal": "目标",
        "latest": "最新值",
        "progress": "完成进度 / 序时进度",
        "gap_label": "差距",
        "per_year": "每年需",
        "owners_label": "责任单位",
        "why": "说明",
    },
    "en": {
        "title": "progress briefing",
        "as_of": "as of {day}",
        "numeric": "of {n} quantitative targets, ",
        "tasks": "of {n} tasks, ",
        "count": "{n} {word}",
        "stale": "{n} rest on stale figures",
        "uncertain": "{n} are uncertain",
        "extra": " {parts}.",
        "attention": "1. Targets that need attention",
        "none": "Nothing is behind, at risk or missed.",
        "owners": "2. By responsible unit",
        "owner_line": "{owner}: of {n} targets, {parts}.",
        "owner_ok": "None of the targets of {owners} is behind or at risk.",
        "moved": "3. Moved since {day}",
        "annex_note": "Annex: every target",
        "annex": "Annex",
        "annex_title": "Every target",
        "all_columns": ("target", "goal", "latest", "progress / 序时", "status", "owners"),
        "goal": "goal",
        "latest": "latest",
        "progress": "progress / 序时进度",
        "gap_label": "gap",
        "per_year": "needed a year",
        "owners_label": "owners",
        "why": "why",
    },
}
ORDER = STATUSES  # the status table's order (statuses.py)


def _day(report: Report, lang: str) -> str:
    day = report.as_of
    if day is None:
        return "—"
    return f"{day.year}年{day.month}月{day.day}日" if lang == "zh" else day.isoformat()


def headline_sentence(report: Report, lang: str) -> str:
    """'截至2019年12月31日，25项量化指标中，已完成4项、序时推进5项、……；22项任务中，……。'"""
    words = WORDS[lang]
    sep, end = ("、", "；") if lang == "zh" else (", ", "; ")
    parts = []
    for group, label in (
        ([r for r in report.targets if kind(r.comparator).reading != "state"], "numeric"),
        ([r for r in report.targets if kind(r.comparator).reading == "state"], "tasks"),
    ):
        if not group:
            continue
        counts = [
            words["count"].format(word=STATUS_WORDS[lang][s], n=n)
            for s in ORDER
            if (n := sum(r.status == s for r in group))
        ]
        parts.append(words[label].format(n=len(group)) + sep.join(counts))
    head = str(words["as_of"]).format(day=_day(report, lang))
    text = head + ("，" if lang == "zh" else ", ") + end.join(parts)
    text += "。" if lang == "zh" else "."
    flagged = [
        words[key].format(n=n)
        for key, n in (("stale", report.summary.stale), ("uncertain", report.summary.uncertain))
        if n
    ]  # never "另有0项数据较旧"
    if flagged:
        text += words["extra"].format(parts=("、" if lang == "zh" else " and ").join(flagged))
    if report.unreported:  # the cities that sent nothing: the sums above are short of them
        names = "、".join(report.unreported)
        text += (
            ("" if lang == "zh" else " ")
            + say(says("unreported", n=len(report.unreported), names=names), lang)
            + ("。" if lang == "zh" else ".")
        )
    return text


def owner_lines(report: Report, lang: str) -> list[str]:
    """One sentence per responsible unit, in the summary's order (most behind first)."""
    words = WORDS[lang]
    lines = []
    calm: list[str] = []
    for owner, counts in report.summary.by_owner.items():
        theirs = [r for r in report.targets if owner in r.owners]
        parts = []
        for status in ("missed", "behind", "at_risk"):
            chosen = [r for r in theirs if r.status == status]
            if not chosen:
                continue
            names = "、".join(_name(r, lang) for r in chosen)
            label = STATUS_WORDS[lang][status]
            parts.append(
                f"{label}{len(chosen)}项（{names}）"
                if lang == "zh"
                else f"{len(chosen)} {label} ({names})"
            )
        n = sum(counts.values())
        if parts:
            joined = "，".join(parts) if lang == "zh" else "; ".join(parts)
            lines.append(words["owner_line"].format(owner=owner, n=n, parts=joined))
        else:
            calm.append(owner)
    if calm:  # the units with nothing behind or at risk, in one sentence
        lines.append(words["owner_ok"].format(owners=("、" if lang == "zh" else ", ").join(calm)))
    return lines


def _name(r: TargetResult, lang: str) -> str:
    return inert(r.name_zh if lang == "zh" else r.name_en)


def report_docx(
    report: Report, plan: Plan, lang: str, letterhead: Letterhead | None = None
) -> bytes:
    """The 通报 as .docx bytes, laid out as GB/T 9704-2012 lays out a 公文: A4, the 版心
    156 × 225 mm, body 3号仿宋 (16 pt) on a fixed 28 pt line, headings 黑体 and 楷体, the
    title 2号小标宋, page numbers "— 1 —" (4号, odd pages right, even left), the annex as
    附件 on its own page. With a letterhead: the issuer in red above a red rule, the 发文字号,
    主送机关, 落款 and 成文日期 (and 抄送). Without one, a plain report of the same layout."""
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    words = WORDS[lang]
    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    # GB/T 9704 (党政机关公文格式) margins: top 37 mm, bottom 35 mm, left 28 mm, right 26 mm.
    section.top_margin, section.bottom_margin = Cm(3.7), Cm(3.5)
    section.left_margin, section.right_margin = Cm(2.8), Cm(2.6)
    normal = doc.styles["Normal"]
    _font(normal, BODY_FONT, pt(BODY_PT))
    normal.paragraph_format.line_spacing = pt(LINE_PT)  # 22 lines a page, fixed
    normal.paragraph_format.space_after = Pt(0)
    for name, font, size in (("Heading 1", HEADING_FONT, pt(BODY_PT)),
                             ("Heading 2", KAITI_FONT, pt(BODY_PT)),
                             ("Title", TITLE_FONT, pt(TITLE_PT))):  # fmt: skip
        style = doc.styles[name]
        _font(style, font, size, colour=True)
        style.font.bold = False
        style.paragraph_format.line_spacing = pt(LINE_PT) if name != "Title" else Pt(35)
        style.paragraph_format.space_before = Pt(0)
        style.paragraph_format.space_after = Pt(0)
        _no_border(style)
    _fallback_fonts(doc)
    core = doc.core_properties
    core.title = inert(_title(plan, lang))
    core.author = "zjplan"

    if letterhead is not None:
        _letterhead(doc, letterhead)
    title = doc.add_paragraph(style="Title")
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.add_run(inert(_title(plan, lang)))
    if letterhead is None:  # a plain report says what it is and its date under the title
        sub = doc.add_paragraph()
        sub.alignment = WD_ALIGN_PARAGRAPH.CENTER
        sub.add_run(f"（{inert(plan.plan.doc_number)} · {inert(report.region)} · "
                    + words["as_of"].format(day=_day(report, lang)) + "）")  # fmt: skip
    doc.add_paragraph()
    if letterhead is not None:
        doc.add_paragraph(inert(letterhead.to) + ("：" if lang == "zh" else ":"))
    _body(doc, headline_sentence(report, lang))

    doc.add_heading(words["attention"], level=1).paragraph_format.first_line_indent = pt(INDENT_PT)
    chosen = attention(report)
    if not chosen:
        _body(doc, words["none"])
    for i, r in enumerate(chosen, 1):
        _attention_block(doc, r, plan, lang, i)

    doc.add_heading(words["owners"], level=1).paragraph_format.first_line_indent = pt(INDENT_PT)
    for line in owner_lines(report, lang):
        _body(doc, inert(line))

    if report.since is not None:
        day = report.since
        shown = f"{day.year}年{day.month}月{day.day}日" if lang == "zh" else day.isoformat()
        heading = doc.add_heading(words["moved"].format(day=shown), level=1)
        heading.paragraph_format.first_line_indent = pt(INDENT_PT)
        moved = changes(report)
        if not moved:
            _body(doc, LABELS[lang]["unchanged"].format(day=report.since))
        for n, r in enumerate(moved, 1):
            _body(doc, inert(f"{n}. {_name(r, lang)}：{change_text(r, lang)}"))

    doc.add_paragraph()
    annex = doc.add_paragraph(words["annex_note"])
    annex.paragraph_format.first_line_indent = pt(INDENT_PT)
    if letterhead is not None:
        _signature(doc, letterhead, lang)

    doc.add_page_break()  # type: ignore[no-untyped-call]
    label = doc.add_paragraph()
    _font(label.add_run(words["annex"]), HEADING_FONT, pt(BODY_PT))
    annex_title = doc.add_paragraph(style="Title")
    annex_title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    annex_title.add_run(words["annex_title"])
    everything = [r for _, rows in groups(report) for r in rows]
    rows = [
        [
            _name(r, lang),
            _goal(r, plan, lang),
            inert(latest_text(r, lang)).replace(" @", "\n"),  # the date on a line of its own
            _progress(r),
            verdict(r, lang, symbol=False),
            inert(owners_text(r.owners, r.owners_now, lang)),
        ]
        for r in everything
    ]
    _table(
        doc, words["all_columns"], rows, [r.status for r in everything],
        (4.0, 2.2, 2.8, 2.2, 1.8, 2.6), small=True,
    )  # fmt: skip
    if letterhead is not None and letterhead.cc:
        _cc(doc, letterhead, lang)
    _page_numbers(doc, section)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _title(plan: Plan, lang: str) -> str:
    """The 通报's own title: 关于《…》实施进展情况的通报."""
    if lang == "zh":
        return f"关于《{plan.plan.title}》实施进展情况的通报"
    return f"Progress of {plan.plan.title_en}"


def _body(doc: Any, text: str) -> Any:
    """A body paragraph: 3号仿宋, first line indented two characters."""
    paragraph = doc.add_paragraph(text)
    paragraph.paragraph_format.first_line_indent = pt(INDENT_PT)
    return paragraph


def _progress(r: TargetResult) -> str:
    """完成进度 against 序时进度, as percentages: '49% / 60%' ('—' when undefined)."""
    if r.progress_share is None or r.elapsed_share is None:
        return "—"
    return f"{r.progress_share:.0%} / {r.elapsed_share:.0%}"


def _attention_block(doc: Any, r: TargetResult, plan: Plan, lang: str, n: int) -> None:
    """One target that needs attention: its name and verdict as a 二级标题, then its facts
    beside its trend chart (a row that never breaks across pages)."""
    from docx.shared import Cm, Pt

    words = WORDS[lang]
    head = doc.add_heading(
        f"（{numeral_text(n)}）{_name(r, lang)}：{verdict(r, lang, symbol=False)}"
        if lang == "zh" else f"({n}) {_name(r, lang)}: {verdict(r, lang, symbol=False)}",
        level=2,
    )  # fmt: skip
    head.paragraph_format.first_line_indent = pt(INDENT_PT)
    head.paragraph_format.keep_with_next = True
    facts = [
        (words["goal"], _goal(r, plan, lang)),
        (words["latest"], inert(latest_text(r, lang))),
        (words["progress"], _progress(r)),
        (words["gap_label"], f"{number(r.gap)}{gap_unit(r, lang)}" if r.gap else "—"),
        (words["per_year"], per_year(r, lang)),
        (words["owners_label"], inert(owners_text(r.owners, r.owners_now, lang))),
    ]
    if r.status_reason and (r.broken_at or r.years_short or r.within):
        facts.append((words["why"], inert(say(r.status_reason, lang))))
    from zjplan.render.charts import trend_png

    png = trend_png(r, lang)
    table = doc.add_table(rows=1, cols=2 if png else 1)
    table.autofit = False
    widths = (7.8, 7.8) if png else (15.6,)
    _row_rules(table.rows[0])
    for cell, width in zip(table.rows[0].cells, widths, strict=True):
        cell.width = Cm(width)
    left = table.rows[0].cells[0]
    left.text = ""
    for i, (label, value) in enumerate(facts):
        paragraph = left.paragraphs[0] if i == 0 else left.add_paragraph()
        paragraph.paragraph_format.line_spacing = 1.15
        _font(paragraph.add_run(f"{label}："), HEADING_FONT, Pt(12))
        _font(paragraph.add_run(value), TABLE_FONT, Pt(12))
    if png:
        picture = table.rows[0].cells[1].paragraphs[0]
        picture.paragraph_format.line_spacing = 1.0  # a fixed 28 pt line would clip it
        picture.add_run().add_picture(io.BytesIO(png), width=Cm(7.6))


def _letterhead(doc: Any, letterhead: Letterhead) -> None:
    """版头: the issuer in red 小标宋, the 发文字号, and the red rule under it."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt, RGBColor

    issuer = doc.add_paragraph()
    issuer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    issuer.paragraph_format.line_spacing = Pt(60)
    run = issuer.add_run(inert(letterhead.issuer))
    # As large as one line of the 156 mm 版心 holds (at most 42 pt): 12 characters, 36 pt.
    _font(run, TITLE_FONT, Pt(min(42, 440 // max(len(letterhead.issuer), 1))))
    run.font.color.rgb = RGBColor(0xFF, 0x00, 0x00)
    doc.add_paragraph()
    number_line = doc.add_paragraph()
    number_line.alignment = WD_ALIGN_PARAGRAPH.CENTER
    number_line.add_run(inert(letterhead.number))
    _border(number_line, "bottom", "FF0000", 12)  # the red rule (分隔线), 1.5 pt
    doc.add_paragraph()


def _signature(doc: Any, letterhead: Letterhead, lang: str) -> None:
    """落款: the signer, and under it the 成文日期, right-aligned four characters in."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    doc.add_paragraph()
    for text in (letterhead.signer, chinese_date(letterhead.date)):
        paragraph = doc.add_paragraph(inert(text))
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        paragraph.paragraph_format.right_indent = pt(INDENT_PT)


def _cc(doc: Any, letterhead: Letterhead, lang: str) -> None:
    """抄送 at the end, 4号仿宋 between two rules."""
    from docx.shared import Pt

    doc.add_paragraph()
    sep = "，" if lang == "zh" else ", "
    paragraph = doc.add_paragraph()
    run = paragraph.add_run(f"抄送：{sep.join(inert(c) for c in letterhead.cc)}。")
    _font(run, BODY_FONT, Pt(14))
    _border(paragraph, "top", "000000", 4)
    _border(paragraph, "bottom", "000000", 4)


def _border(paragraph: Any, side: str, colour: str, eighths: int) -> None:
    """A rule on one side of a paragraph (w:pBdr), ``eighths`` of a point thick."""
    from docx.oxml.ns import qn

    ppr = paragraph._p.get_or_add_pPr()
    borders = ppr.find(qn("w:pBdr"))
    if borders is None:
        borders = ppr.makeelement(qn("w:pBdr"), {})
        ppr.append(borders)
    rule = {"val": "single", "sz": str(eighths), "space": "4", "color": colour}
    borders.append(borders.makeelement(qn(f"w:{side}"), {qn(f"w:{k}"): v for k, v in rule.items()}))


def _no_border(style: Any) -> None:
    """The default template's Title has a rule under it; a 公文 title has none."""
    from docx.oxml.ns import qn

    ppr = style.element.get_or_add_pPr()
    for found in ppr.findall(qn("w:pBdr")):
        ppr.remove(found)


def _fallback_fonts(doc: Any) -> None:
    """Name a fallback for the fonts a machine may lack (方正小标宋简体, 楷体_GB2312): the
    font table's w:altName, a serif CJK face, which Word and WPS substitute."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    part = next(
        (rel.target_part for rel in doc.part.rels.values() if rel.reltype == RT.FONT_TABLE),
        None,
    )
    if part is None:
        return
    blob = part.blob.decode("utf-8")
    entries = "".join(
        f'<w:font w:name="{name}"><w:altName w:val="{alt}"/><w:charset w:val="86"/>'
        f'<w:family w:val="{family}"/></w:font>'
        for name, alt, family in FALLBACKS
    )
    part._blob = blob.replace("</w:fonts>", entries + "</w:fonts>").encode("utf-8")


def _goal(r: TargetResult, plan: Plan, lang: str) -> str:
    return inert(goal_text(r, plan, lang))


def _font(obj: Any, font: tuple[str, str], size: Any, colour: bool = False) -> None:
    """Set a style's (or run's) font for both scripts: Word takes East Asian text from
    w:eastAsia, which python-docx's font.name does not set."""
    from docx.oxml.ns import qn
    from docx.shared import RGBColor

    obj.font.name = font[1]
    obj.font.size = size
    if colour:
        obj.font.color.rgb = RGBColor(0, 0, 0)
    element = obj.element if hasattr(obj, "element") else obj._element
    rpr = element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.append(fonts)
    fonts.set(qn("w:eastAsia"), font[0])
    fonts.set(qn("w:ascii"), font[1])
    fonts.set(qn("w:hAnsi"), font[1])


def _table(
    doc: Any,
    head: tuple[str, ...],
    rows: list[list[str]],
    statuses: list[str],
    widths: tuple[float, ...],
    small: bool = False,
) -> None:
    """A bordered table with column ``widths`` in cm; its header repeats on every page and
    no row breaks across pages. The status cell is shaded in its status colour."""
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    table = doc.add_table(rows=1, cols=len(head))
    table.style = "Table Grid"
    table.autofit = False
    size = Pt(9 if small else 10.5)
    for cell, text in zip(table.rows[0].cells, head, strict=True):
        cell.text = ""
        cell.paragraphs[0].paragraph_format.line_spacing = 1.0  # not the body's fixed line
        run = cell.paragraphs[0].add_run(text)
        run.bold = True
        _font(run, HEADING_FONT, size)
    _row_rules(table.rows[0], header=True)
    status_col = head.index(next(h for h in head if h in ("状态", "status")))
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Cm(width)  # the grid LibreOffice lays out by; cells say it for Word
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = Cm(width)
    for values, status in zip(rows, statuses, strict=True):
        row = table.add_row()
        _row_rules(row)
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = Cm(width)
        for col, (cell, text) in enumerate(zip(row.cells, values, strict=True)):
            cell.text = ""
            paragraph = cell.paragraphs[0]
            paragraph.paragraph_format.space_after = Pt(0)
            paragraph.paragraph_format.line_spacing = 1.0
            run = paragraph.add_run(text)
            _font(run, TABLE_FONT, size)
            if col == status_col:
                shading = cell._tc.get_or_add_tcPr().makeelement(
                    qn("w:shd"),
                    {qn("w:val"): "clear", qn("w:color"): "auto",
                     qn("w:fill"): _tint(STATUS_HEX[status])},
                )  # fmt: skip
                cell._tc.get_or_add_tcPr().append(shading)
                run.bold = status in ("behind", "missed")


def _tint(colour: str) -> str:
    """A status colour mixed with three parts white: a shade text stays readable on."""
    rgb = [int(colour[i : i + 2], 16) for i in (1, 3, 5)]
    return "".join(f"{(c + 3 * 255) // 4:02X}" for c in rgb)


def _row_rules(row: Any, header: bool = False) -> None:
    """w:cantSplit (a row stays on one page) and, for the header, w:tblHeader (repeat)."""
    from docx.oxml.ns import qn

    trpr = row._tr.get_or_add_trPr()
    trpr.append(trpr.makeelement(qn("w:cantSplit"), {}))
    if header:
        trpr.append(trpr.makeelement(qn("w:tblHeader"), {}))


def _page_numbers(doc: Any, section: Any) -> None:
    """'— N —' in the footer (4号宋体, N a PAGE field Word and WPS fill in): on odd pages
    at the right, on even pages at the left, one character in (GB/T 9704-2012, 7.5)."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Pt

    doc.settings.odd_and_even_pages_header_footer = True
    for footer, align in ((section.footer, WD_ALIGN_PARAGRAPH.RIGHT),
                          (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT)):  # fmt: skip
        paragraph = footer.paragraphs[0]
        paragraph.alignment = align
        indent = Pt(14)
        if align == WD_ALIGN_PARAGRAPH.RIGHT:
            paragraph.paragraph_format.right_indent = indent
        else:
            paragraph.paragraph_format.left_indent = indent
        _font(paragraph.add_run("— "), TABLE_FONT, Pt(14))
        run = paragraph.add_run()
        _font(run, TABLE_FONT, Pt(14))
        for kind_, text in (("begin", None), (None, "PAGE"), ("end", None)):
            if kind_ is not None:
                field = run._r.makeelement(qn("w:fldChar"), {qn("w:fldCharType"): kind_})
            else:
                field = run._r.makeelement(qn("w:instrText"), {qn("xml:space"): "preserve"})
                field.text = text
            run._r.append(field)
        _font(paragraph.add_run(" —"), TABLE_FONT, Pt(14))
