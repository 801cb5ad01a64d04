"""Submission templates for a region and period, as CSV (UTF-8 with BOM) or xlsx."""

from __future__ import annotations

import io
from datetime import date

from zjplan.comparators import kind
from zjplan.csvtext import sheet_cell, to_csv
from zjplan.model import Plan, Region, Target
from zjplan.progress.sources import TEMPLATE_SHEET

# Chinese headers (accepted by every reader); 指标名称 and 口径说明 are guidance that readers skip.
HEADER = ("指标编号", "指标名称", "地区", "截至日期", "数值", "单位", "口径说明", "来源", "备注")
EDITABLE = frozenset({"数值", "来源", "备注"})
COMMENTS = {
    "指标编号": "请勿修改。(target_id: do not change.)",
    "指标名称": "指标名称，仅供参考，读取时忽略。(The target's name, for reference.)",
    "地区": "填报地区。(region: the reporting region.)",
    "截至日期": "数据所属日期（期末）。(as_of: the date the figure describes.)",
    "数值": "请填写：100000、10万、1.5万；任务填 已完成/推进中/未启动；不掌握的填 N/A。"
    "(value: fill in; N/A if unknown.)",
    "单位": "指标单位，请勿修改。(unit: leave as is.)",
    "口径说明": "统计口径：新增为规划开始以来新增，存量/累计为截至日期的水平。"
    "(What to count: 新增 since the plan's start; 存量/累计 the level at the date.)",
    "来源": "数据来源（文件、网址）。(source: where the figure comes from.)",
    "备注": "需要说明的情况。(note: anything the province should know.)",
}


def measure_text(target: Target, start: date) -> str:
    """What a figure for this target counts, in Chinese and English."""
    if target.figures == "change":
        unit = "个百分点" if target.points else "%"
        base = f"{target.baseline.as_of}" if target.baseline else f"{start}"
        return (
            f"比{base}的变化，写明升降，如 下降4.2{unit} / 提高4.2{unit} "
            f"(the change since {base}, with its way: 下降 or -, 提高 or +)"
        )
    match kind(target.comparator).reading, target.measure:
        case "state", _:
            return "任务进展：已完成 / 推进中 / 未启动 (done / in_progress / not_started)"
        case "rank", _:
            return "全国排名，如 3 (the national rank, e.g. 3)"
        case _, "new":
            return f"{start}以来新增累计数 (count since {start}, not of one quarter)"
        case _, "cumulative":
            return "截至日期的累计总数，含规划前 (running total at the date, all years)"
        case _, "annual":
            return "当年全年数量，填在12月31日 (the year's own figure, dated 12-31)"
        case _:
            return "截至日期的存量水平 (the level at the date)"


# The province's row of a target its cities sum: it may leave it blank.
OPTIONAL = "可不填：留空即按各市合计，填写则以本数为准。(optional: blank = the cities' sum) "


def template_rows(plan: Plan, region: Region, as_of: date) -> list[list[str]]:
    return [
        [
            t.id,
            t.name_zh,
            region.name,
            as_of.isoformat(),
            "",
            t.unit or "",
            (OPTIONAL if region.level == "province" and t.takes_city_figures else "")
            + measure_text(t, t.start),
            "",
            "",
        ]
        for t in plan.reportable(region)
    ]


def template_csv(plan: Plan, region: Region, as_of: date) -> str:
    """The template as CSV text; write it UTF-8 with BOM so Excel opens it right."""
    return to_csv(HEADER, template_rows(plan, region, as_of))


def template_xlsx(plan: Plan, region: Region, as_of: date) -> bytes:
    """The template as a workbook: guidance locked, a comment on every header cell."""
    import xlsxwriter

    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False})
    sheet = book.add_worksheet(TEMPLATE_SHEET)
    bold = book.add_format({"bold": True, "bg_color": "#DDEBF7", "locked": True})
    locked = book.add_format({"locked": True, "bg_color": "#F2F2F2"})
    open_cell = book.add_format({"locked": False})
    for col, name in enumerate(HEADER):
        sheet.write_string(0, col, name, bold)
        sheet.write_comment(0, col, COMMENTS[name], {"x_scale": 2, "y_scale": 1.5})
    for row, values in enumerate(template_rows(plan, region, as_of), start=1):
        for col, (name, value) in enumerate(zip(HEADER, values, strict=True)):
            cell = sheet_cell(value)  # plan text is untrusted: inert, within a cell's limit
            sheet.write_string(row, col, cell, open_cell if name in EDITABLE else locked)
    widths = (30, 28, 8, 12, 14, 6, 40, 30, 20)
    for col, width in enumerate(widths):
        sheet.set_column(col, col, width)
    sheet.freeze_panes(1, 0)
    sheet.protect("", {"format_columns": True, "format_rows": True})
    book.close()
    return buffer.getvalue()
