"""The Report as an Excel workbook for leaders (XlsxWriter): an overview sheet, then every
target as a row.

Numbers are numbers with formats, percentages percentages, dates dates; status cells are
coloured as in the HTML page, with a legend; the header is frozen and filtered; column
widths count CJK characters as two. Every text cell is written as a string (never a
formula or a link), so nothing from the data can run in Excel or WPS.
"""

from __future__ import annotations

import io
import unicodedata
from datetime import date, datetime
from typing import Any

from zjplan.cities import CityMatrix
from zjplan.comparators import kind
from zjplan.csvtext import sheet_cell
from zjplan.model import Plan
from zjplan.render.labels import GRADE_WORDS, LABELS, STATUS_HEX, STATUS_WORDS, counted, verdict
from zjplan.render.order import groups
from zjplan.render.screen import HEADLINE
from zjplan.render.words import coverage_text, goal_text, latest_value, owners_text
from zjplan.report import STATUSES, Report, TargetResult, attention, changes
from zjplan.wording import say

SHEETS = {"en": ("Overview", "Targets"), "zh": ("概览", "指标")}
# What a leader reads first, and prints (PRINTED columns, a page wide on A4 landscape);
# then what a data team filters on, beyond the print area.
COLUMNS = {
    "en": ("target", "goal", "latest", "as of", "progress", "序时进度", "gap",
           "needed / year", "status", "grade", "owners",
           "id", "section", "bound · cities", "stale", "uncertain", "warnings"),
    "zh": ("指标", "目标", "最新值", "截至", "完成进度", "序时进度", "差距", "每年需",
           "状态", "考核", "责任单位",
           "编号", "章节", "限定·报送", "数据较旧", "存疑", "提示"),
}  # fmt: skip
PRINTED = 11
WRAPPED = {0: 26, 1: 16, 10: 20, 16: 40}  # text columns wrapped at this many cells
YES = {"en": ("yes", ""), "zh": ("是", "")}
QUALIFIER = {
    "en": {"exact": "", "at_least": "at least", "at_most": "at most", "about": "about"},
    "zh": {"exact": "", "at_least": "不少于", "at_most": "不多于", "about": "约"},
}


def width(text: str) -> int:
    """Display width: East Asian wide and full-width characters count two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


class FittedSheet:
    """A worksheet that remembers each column's widest cell, for fit(): status.xlsx's
    sheets and the chase list's."""

    def __init__(self, sheet: Any, lang: str) -> None:
        self.sheet = sheet
        self.lang = lang
        self.widths: dict[int, int] = {}

    def text(self, row: int, col: int, value: str, fmt: Any = None, fit: bool = True) -> None:
        shown = sheet_cell(value, self.lang)  # inert; past Excel's limit, cut and said so
        self.sheet.write_string(row, col, shown, fmt)
        if fit:  # a title may run across the columns to its right
            self.widths[col] = max(self.widths.get(col, 0), min(width(shown), 60))

    def number(self, row: int, col: int, value: float | None, fmt: Any = None) -> None:
        if value is None:
            self.sheet.write_blank(row, col, None, fmt)
        else:
            self.sheet.write_number(row, col, value, fmt)
        self.widths[col] = max(self.widths.get(col, 0), 10)

    def day(self, row: int, col: int, value: date | None, fmt: Any) -> None:
        if value is None:
            self.sheet.write_blank(row, col, None, fmt)
        else:
            self.sheet.write_datetime(row, col, datetime(value.year, value.month, value.day), fmt)
        self.widths[col] = max(self.widths.get(col, 0), 11)

    def fit(self, wrapped: dict[int, int] | None = None) -> None:
        """Columns as wide as their cells, and a print as a leader reads it: A4 landscape,
        one page wide (as many pages down as it needs), row 1 (the header, or the overview's
        title) on every page."""
        for col, chars in self.widths.items():
            limit = (wrapped or {}).get(col)
            self.sheet.set_column(col, col, min(chars, limit) + 2 if limit else chars + 2)
        self.sheet.set_paper(9)  # A4
        self.sheet.set_landscape()
        self.sheet.fit_to_pages(1, 0)
        self.sheet.repeat_rows(0)


def report_xlsx(
    report: Report, plan: Plan, lang: str, *, matrix: CityMatrix | None = None
) -> bytes:
    """概览 (headline, attention, owners), 指标 (every target), with --since 变化 (what
    moved), and 各市 (the cities side by side) when the plan has cities and the figures
    were given."""
    import xlsxwriter

    buffer = io.BytesIO()
    options = {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False}
    book = xlsxwriter.Workbook(buffer, options)
    bold = book.add_format({"bold": True})
    header = book.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1})
    percent = book.add_format({"num_format": "0.0%"})
    plain = book.add_format({"num_format": "#,##0.##"})
    when = book.add_format({"num_format": "yyyy-mm-dd"})
    status_fmt = {
        s: book.add_format({"bg_color": STATUS_HEX[s], "font_color": "#FFFFFF", "bold": True})
        for s in STATUS_HEX
    }
    overview_name, targets_name = SHEETS[lang]
    overview = FittedSheet(book.add_worksheet(overview_name), lang)
    _overview(overview, report, lang, bold, header, status_fmt, plain)
    targets = FittedSheet(book.add_worksheet(targets_name), lang)
    wrap = book.add_format({"text_wrap": True, "valign": "top"})
    _targets(targets, report, plan, lang, header, percent, plain, when, status_fmt, wrap)
    if report.since is not None:
        _since(
            FittedSheet(book.add_worksheet(SINCE_SHEET[lang]), lang), report, lang, header, plain
        )
    if matrix is not None and matrix.cities:
        sheet = FittedSheet(book.add_worksheet(CITIES_SHEET[lang]), lang)
        _cities(sheet, matrix, plan, lang, header, plain, percent, status_fmt)
    book.close()
    return buffer.getvalue()


SINCE_SHEET = {"en": "Changes", "zh": "变化"}
CITIES_SHEET = {"en": "Cities", "zh": "各市"}
CITIES_NOTE = {
    "en": "Each city's figure is shaded by its status against the city's own allocation "
    "(unallocated where the plan gives the city none); the row under it is its share of the "
    "province's total of the same period.",
    "zh": "各市数值按其对本市分解目标的状态着色（计划未分解到该市的为“未分解”）；"
    "下一行为其占同期全省合计的比重。",
}


def _since(out: FittedSheet, report: Report, lang: str, header: Any, plain: Any) -> None:
    """One row per target that moved: status then and now, the figure then and now."""
    labels = LABELS[lang]
    names = (labels["id"], labels["name"], f"{labels['status']} ({labels['then']})",
             f"{labels['status']} ({labels['now']})", labels["then"], labels["now"],
             labels["change"])  # fmt: skip
    for col, name in enumerate(names):
        out.text(0, col, name, header)
    for row, r in enumerate(changes(report), start=1):
        then = r.since
        assert then is not None
        out.text(row, 0, r.id)
        out.text(row, 1, r.name_zh if lang == "zh" else r.name_en)
        out.text(row, 2, STATUS_WORDS[lang][then.status])
        out.text(row, 3, STATUS_WORDS[lang][r.status])
        out.number(row, 4, then.value, plain)
        out.number(row, 5, r.latest.value if r.latest else None, plain)
        out.number(row, 6, then.change, plain)
    out.sheet.freeze_panes(1, 2)
    out.fit()


def _cities(
    out: FittedSheet,
    matrix: CityMatrix,
    plan: Plan,
    lang: str,
    header: Any,
    plain: Any,
    percent: Any,
    status_fmt: dict[str, Any],
) -> None:
    """The summed targets × the cities: each city's figure (coloured by its status) and,
    in the next row, its share of the province; then the sum and the province's own."""
    labels = LABELS[lang]
    shorts = [plan.find_region(c) for c in matrix.cities]
    names = [labels["name"], *(r.short if r else c for r, c in zip(shorts, matrix.cities,
             strict=True)), "各市合计" if lang == "zh" else "cities' sum",
             "全省数据" if lang == "zh" else "province"]  # fmt: skip
    for col, name in enumerate(names):
        out.text(0, col, name, header)
    row = 1
    for line in matrix.rows:
        out.text(row, 0, line.name_zh if lang == "zh" else line.name_en)
        out.text(row + 1, 0, labels["share"])
        for col, cell in enumerate(line.cells, start=1):
            out.number(row, col, cell.value, status_fmt[cell.status] if cell.value else plain)
            out.number(row + 1, col, cell.share_of_province, percent)
        out.number(row, len(line.cells) + 1, line.cities_sum, plain)
        out.number(row, len(line.cells) + 2, line.province_value, plain)
        row += 2
    # What the colours mean: a leader reads the shading before any number.
    out.text(row + 1, 0, CITIES_NOTE[lang], fit=False)
    for col, status in enumerate(s for s in STATUSES if s in STATUS_HEX):
        out.text(row + 2, col, STATUS_WORDS[lang][status], status_fmt[status], fit=False)
    out.sheet.freeze_panes(1, 1)
    out.fit()


def _overview(
    out: FittedSheet,
    report: Report,
    lang: str,
    bold: Any,
    header: Any,
    status_fmt: dict[str, Any],
    plain: Any,
) -> None:
    words, labels = HEADLINE[lang], LABELS[lang]
    out.text(
        0, 0, f"{report.plan} · {report.region} · {labels['as_of']} {report.as_of or '—'}", bold
    )
    row = 2
    numeric = [r for r in report.targets if kind(r.comparator).reading != "state"]
    tasks = [r for r in report.targets if kind(r.comparator).reading == "state"]
    for title, group in ((words["numeric"], numeric), (words["tasks"], tasks)):
        if not group:
            continue
        out.text(row, 0, f"{len(group)} {title}", bold)
        for col, status in enumerate(STATUSES, start=1):
            count = sum(r.status == status for r in group)
            if count:
                out.text(row - 1, col, STATUS_WORDS[lang][status], status_fmt[status])
                out.number(row, col, count)
        row += 2
    for key in ("stale", "uncertain"):
        out.text(row, 0, labels[key])
        out.number(row, 1, getattr(report.summary, key))
        row += 1
    row += 1
    chosen = attention(report)
    heading = counted(words["attention"], len(chosen), lang) if chosen else words["none"]
    out.text(row, 0, heading, bold, fit=False)
    row += 1
    if chosen:
        for col, name in enumerate(
            (
                labels["status"],
                labels["name"],
                labels["id"],
                words["gap"],
                words["per_year"],
                labels["owners"],
            )
        ):
            out.text(row, col, name, header)
        for r in chosen:
            row += 1
            out.text(row, 0, verdict(r, lang), status_fmt[r.status])
            out.text(row, 1, r.name_zh if lang == "zh" else r.name_en)
            out.text(row, 2, r.id)
            out.number(row, 3, r.gap, plain)
            out.number(row, 4, r.required_per_year, plain)
            out.text(row, 5, owners_text(r.owners, r.owners_now, "zh"))
    row += 2
    shown = [s for s in STATUSES if any(c[s] for c in report.summary.by_owner.values())]
    out.text(row, 0, labels["owner"], header)
    for col, status in enumerate(shown, start=1):
        out.text(row, col, STATUS_WORDS[lang][status], status_fmt[status])
    for owner, counts in report.summary.by_owner.items():  # ranked by summarize
        row += 1
        out.text(row, 0, owner)
        for col, status in enumerate(shown, start=1):
            out.number(row, col, counts[status])
    out.fit()


def _targets(
    out: FittedSheet,
    report: Report,
    plan: Plan,
    lang: str,
    header: Any,
    percent: Any,
    plain: Any,
    when: Any,
    status_fmt: dict[str, Any],
    wrap: Any,
) -> None:
    names = COLUMNS[lang]
    for col, name in enumerate(names):
        out.text(0, col, name, header)
    ordered: list[TargetResult] = [r for _, rows in groups(report) for r in rows]
    yes, no = YES[lang]
    for row, r in enumerate(ordered, start=1):
        latest = r.latest
        out.text(row, 0, r.name_zh if lang == "zh" else r.name_en, wrap)
        out.text(row, 1, goal_text(r, plan, lang), wrap)
        if latest is not None and kind(r.comparator).reading == "number":
            out.number(row, 2, latest.value, plain)
        else:  # a rank (第3) or a task's state (推进中): never an empty 最新值 beside 滞后
            out.text(row, 2, latest_value(r, lang) if latest else "")
        out.day(row, 3, latest.as_of if latest else None, when)
        out.number(row, 4, r.progress_share, percent)
        out.number(row, 5, r.elapsed_share, percent)
        out.number(row, 6, r.gap, plain)
        out.number(row, 7, r.required_per_year, plain)
        out.text(row, 8, verdict(r, lang), status_fmt[r.status])
        out.text(row, 9, GRADE_WORDS[lang][r.grade] if r.grade else "")
        out.text(row, 10, owners_text(r.owners, r.owners_now, "zh"), wrap)
        out.text(row, 11, r.id)
        out.text(row, 12, report.section_title(r.section))
        bound = QUALIFIER[lang][latest.qualifier] if latest else ""
        out.text(row, 13, (bound + coverage_text(r, lang)).removeprefix(" · "))
        out.text(row, 14, yes if r.stale else no)
        out.text(row, 15, yes if r.uncertain else no)
        out.text(
            row, 16, ("；" if lang == "zh" else "; ").join(say(w, lang) for w in r.warnings), wrap
        )
    out.sheet.freeze_panes(1, 1)
    out.sheet.autofilter(0, 0, len(ordered), len(names) - 1)
    out.fit(WRAPPED)
    # The print: the leader's columns only, a page wide and as many pages down as needed.
    out.sheet.print_area(0, 0, len(ordered), PRINTED - 1)
