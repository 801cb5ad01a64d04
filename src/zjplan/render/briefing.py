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
from zjplan.render.labels import LABELS, STATUS_HEX, STATUS_WORDS, verdict
from zjplan.render.order import groups
from zjplan.render.screen import change_text
from zjplan.render.words import goal_text, latest_text, number, owners_text
from zjplan.report import Report, TargetResult, attention, changes
from zjplan.sanitise import inert
from zjplan.statuses import STATUSES
from zjplan.wording import say, says

if TYPE_CHECKING:
    from zjplan.model import Plan

BODY_FONT = ("仿宋", "FangSong")  # (East Asian, Latin fallback shown when it is missing)
TABLE_FONT = ("宋体", "SimSun")
HEADING_FONT = ("黑体", "SimHei")
WORDS: dict[str, dict[str, Any]] = {
    "zh": {
        "title": "实施进展通报",
        "as_of": "截至{day}",
        "numeric": "{n}项量化指标中，",
        "tasks": "{n}项任务中，",
        "count": "{word}{n}项",
        "extra": "另有{stale}项数据较旧、{uncertain}项存疑，结论仅供参考。",
        "attention": "一、需关注的指标",
        "none": "没有滞后、有风险或未达成的指标。",
        "owners": "二、各责任单位情况",
        "owner_line": "{owner}：牵头或参与的{n}项中，{parts}。",
        "owner_ok": "{owners}牵头或参与的指标均无滞后或风险。",
        "moved": "三、较上期变化（{day}以来）",
        "all": "附表：全部指标",
        "chart": "图：{name}",
        "page": "第 {page} 页",
        "columns": ("指标", "目标", "最新值", "状态", "差距", "每年需", "责任单位"),
        "all_columns": ("指标", "目标", "最新值", "状态", "责任单位"),
        "gap": "差距{gap}",
    },
    "en": {
        "title": "progress briefing",
        "as_of": "as of {day}",
        "numeric": "of {n} quantitative targets, ",
        "tasks": "of {n} tasks, ",
        "count": "{n} {word}",
        "extra": "{stale} rest on stale figures and {uncertain} are uncertain.",
        "attention": "1. Targets that need attention",
        "none": "Nothing is behind, at risk or missed.",
        "owners": "2. By responsible unit",
        "owner_line": "{owner}: of {n} targets, {parts}.",
        "owner_ok": "None of the targets of {owners} is behind or at risk.",
        "moved": "3. Moved since {day}",
        "all": "Annex: every target",
        "chart": "Figure: {name}",
        "page": "page {page}",
        "columns": ("target", "goal", "latest", "status", "gap", "needed / year", "owners"),
        "all_columns": ("target", "goal", "latest", "status", "owners"),
        "gap": "gap {gap}",
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
    if report.summary.stale or report.summary.uncertain:
        text += words["extra"].format(
            stale=report.summary.stale, uncertain=report.summary.uncertain
        )
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


def report_docx(report: Report, plan: Plan, lang: str) -> bytes:
    """The briefing as .docx bytes."""
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
    _font(normal, BODY_FONT, Pt(14))
    normal.paragraph_format.line_spacing = 1.25
    for name in ("Heading 1", "Heading 2", "Title"):
        _font(doc.styles[name], HEADING_FONT, Pt(16 if name != "Title" else 22), colour=True)
    core = doc.core_properties
    core.title = inert(f"{report.plan} {words['title']}")
    core.author = "zjplan"

    title = doc.add_paragraph(style="Title")
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.add_run(inert(plan.plan.title if lang == "zh" else plan.plan.title_en))
    sub = doc.add_paragraph()
    sub.alignment = WD_ALIGN_PARAGRAPH.CENTER
    sub.add_run(f"（{inert(plan.plan.doc_number)}）{words['title']} · {inert(report.region)}")
    date_line = doc.add_paragraph()
    date_line.alignment = WD_ALIGN_PARAGRAPH.CENTER
    date_line.add_run(words["as_of"].format(day=_day(report, lang)))
    doc.add_paragraph(headline_sentence(report, lang))

    doc.add_heading(words["attention"], level=1)
    chosen = attention(report)
    if not chosen:
        doc.add_paragraph(words["none"])
    else:
        rows = [
            [
                _name(r, lang),
                _goal(r, plan, lang),
                inert(latest_text(r, lang)),
                verdict(r, lang, symbol=False),
                number(r.gap) if r.gap else "—",
                number(r.required_per_year) if r.required_per_year else "—",
                inert(owners_text(r.owners, r.owners_now)),
            ]
            for r in chosen
        ]
        widths = (3.6, 1.9, 2.4, 1.9, 1.6, 1.6, 2.6)  # cm: 15.6 of the 16.6 between margins
        _table(doc, words["columns"], rows, [r.status for r in chosen], widths)
        from zjplan.render.charts import trend_png

        for r in chosen:
            png = trend_png(r, lang)
            if png is None:
                continue
            picture = doc.add_paragraph()
            picture.alignment = WD_ALIGN_PARAGRAPH.CENTER
            picture.paragraph_format.keep_with_next = True
            picture.add_run().add_picture(io.BytesIO(png), width=Cm(12))
            caption = doc.add_paragraph(words["chart"].format(name=_name(r, lang)))
            caption.alignment = WD_ALIGN_PARAGRAPH.CENTER
            _font(caption.runs[0], TABLE_FONT, Pt(10.5))

    doc.add_heading(words["owners"], level=1)
    for line in owner_lines(report, lang):
        doc.add_paragraph(inert(line))

    if report.since is not None:
        day = report.since
        shown = f"{day.year}年{day.month}月{day.day}日" if lang == "zh" else day.isoformat()
        doc.add_heading(words["moved"].format(day=shown), level=1)
        moved = changes(report)
        if not moved:
            doc.add_paragraph(f"{LABELS[lang]['unchanged']} {report.since}.")
        for r in moved:
            doc.add_paragraph(
                inert(f"{_name(r, lang)}：{change_text(r, lang)}"), style="List Bullet"
            )

    doc.add_page_break()  # type: ignore[no-untyped-call]
    doc.add_heading(words["all"], level=1)
    everything = [r for _, rows in groups(report) for r in rows]
    rows = [
        [
            _name(r, lang),
            _goal(r, plan, lang),
            inert(latest_text(r, lang)),
            verdict(r, lang, symbol=False),
            inert(owners_text(r.owners, r.owners_now)),
        ]
        for r in everything
    ]
    _table(
        doc, words["all_columns"], rows, [r.status for r in everything], (5.4, 2.4, 3.0, 2.4, 2.4),
        small=True,
    )  # fmt: skip
    _page_numbers(section, words["page"])
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


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


def _page_numbers(section: Any, label: str) -> None:
    """'第 N 页' centred in the footer, N a PAGE field Word and WPS fill in."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn

    paragraph = section.footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    before, _, after = label.partition("{page}")
    paragraph.add_run(before)
    run = paragraph.add_run()
    for kind_, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind_ is not None:
            field = run._r.makeelement(qn("w:fldChar"), {qn("w:fldCharType"): kind_})
        else:
            field = run._r.makeelement(qn("w:instrText"), {qn("xml:space"): "preserve"})
            field.text = text
        run._r.append(field)
    paragraph.add_run(after)
