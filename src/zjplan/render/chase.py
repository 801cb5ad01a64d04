"""The chase list: who still owes which figure for the period, why, and a reminder to send.

One row per region and missing figure (region, state, target, cause, contact), and per
region a reminder in Chinese the clerk can send as it is ("截至2019年12月31日，以下指标尚未
报送或有误：…"). Written as CSV, xlsx or Markdown (``check --chase FILE``).
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from zjplan.csvtext import sheet_pieces, to_csv

if TYPE_CHECKING:
    from zjplan.model import Plan
    from zjplan.submissions import Completeness, RegionCompleteness

STATE_WORDS = {
    "en": {
        "complete": "complete",
        "partial": "partial",
        "sent_unreadable": "sent, unreadable",
        "wrong_period": "sent another period only",
        "not_sent": "not sent",
    },
    "zh": {
        "complete": "已报齐",
        "partial": "部分报送",
        "sent_unreadable": "已报送但无法读取",
        "wrong_period": "仅报送其他期次",
        "not_sent": "未报送",
    },
}
CAUSE_WORDS = {
    "en": {
        "not_sent": "not sent",
        "error": "has an error",
        "not_available": "given as N/A",
        "empty": "left empty",
        "formula": "a formula without its value",
        "wrong_period": "dated in another period",
        "conflict": "two files disagree",
        "unreadable": "the file cannot be read",
    },
    "zh": {
        "not_sent": "未报送",
        "error": "数据有误",
        "not_available": "填报为暂缺（N/A）",
        "empty": "数值未填写",
        "formula": "公式未计算出数值",
        "wrong_period": "日期不属本期",
        "conflict": "多个文件数据不一致",
        "unreadable": "文件无法读取",
    },
}
HEADERS = {
    "en": ("region", "state", "target_id", "target", "cause", "contact"),
    "zh": ("地区", "报送情况", "指标编号", "指标名称", "原因", "联系人"),
}


def chase_rows(c: Completeness, plan: Plan, lang: str) -> list[list[str]]:
    """One row per region and missing figure, in the plan's region order."""
    states, causes = STATE_WORDS[lang], CAUSE_WORDS[lang]
    rows = []
    for r in c.regions:
        for target_id in r.missing:
            target = plan.by_id[target_id]
            name = target.name_zh if lang == "zh" else target.name_en or target.name_zh
            cause = causes[r.causes.get(target_id, "not_sent")]
            rows.append([r.region, states[r.state], target_id, name, cause, r.contact or ""])
    return rows


def _day(c: Completeness) -> str:
    return f"{c.end.year}年{c.end.month}月{c.end.day}日"


def reminder(r: RegionCompleteness, c: Completeness, plan: Plan) -> str:
    """The reminder to a region that owes figures, in Chinese; "" when it owes none."""
    if not r.missing:
        return ""
    causes = CAUSE_WORDS["zh"]
    items = "；".join(
        f"{n}. {plan.by_id[t].name_zh}（{causes[r.causes.get(t, 'not_sent')]}）"
        for n, t in enumerate(r.missing, 1)
    )
    head = f"{r.contact}：" if r.contact else f"{r.region}："
    text = (
        f"{head}截至{_day(c)}，{r.region}以下{len(r.missing)}项指标尚未报送或有误：{items}。"
        "请核实后尽快补报。"
    )
    if r.state == "sent_unreadable":
        text += "所报文件无法读取，请另存为 .xlsx 或 CSV 后重新报送。"
    elif r.state == "wrong_period":
        text += f"所报数据不属于{c.period}，请按本期报送。"
    return text


def reminders(c: Completeness, plan: Plan) -> list[tuple[str, str]]:
    return [(r.region, text) for r in c.regions if (text := reminder(r, c, plan))]


def chase_csv(c: Completeness, plan: Plan, lang: str) -> str:
    """One row per missing figure; a region's first row carries its reminder in the last
    column (a filter on the region gives its rows and the text to send)."""
    notes = dict(reminders(c, plan))
    head = [*HEADERS[lang], "催报通知" if lang == "zh" else "reminder"]
    rows = [[*row, notes.pop(row[0], "")] for row in chase_rows(c, plan, lang)]
    return to_csv(head, rows)


def chase_markdown(c: Completeness, plan: Plan, lang: str) -> str:
    from zjplan.render.tabular import md_text, to_markdown

    title = f"催报清单 {c.period}" if lang == "zh" else f"Chase list {c.period}"
    lines = [f"# {title}", "", to_markdown(HEADERS[lang], chase_rows(c, plan, lang))]
    lines += ["", "## 催报通知" if lang == "zh" else "## Reminders", ""]
    for region, text in reminders(c, plan):
        lines += [f"### {md_text(region)}", "", md_text(text), ""]
    return "\n".join(lines) + "\n"


def chase_xlsx(c: Completeness, plan: Plan, lang: str) -> bytes:
    """A workbook: 催报清单 (the rows, filtered and frozen) and 催报通知 (one reminder a row),
    each printed as status.xlsx's sheets are: A4 landscape, a page wide, row 1 on each."""
    import xlsxwriter

    from zjplan.render.workbook import FittedSheet

    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True, "strings_to_formulas": False})
    bold = book.add_format({"bold": True, "bg_color": "#DDDDDD"})
    wrap = book.add_format({"text_wrap": True, "valign": "top"})
    sheet = FittedSheet(book.add_worksheet("催报清单" if lang == "zh" else "Chase list"), lang)
    head = HEADERS[lang]
    rows = chase_rows(c, plan, lang)
    for col, name in enumerate(head):
        sheet.text(0, col, name, bold)
    for r, row in enumerate(rows, 1):
        for col, value in enumerate(row):
            sheet.text(r, col, value)
    sheet.fit()
    sheet.sheet.freeze_panes(1, 0)
    sheet.sheet.autofilter(0, 0, max(len(rows), 1), len(head) - 1)
    notes = FittedSheet(book.add_worksheet("催报通知" if lang == "zh" else "Reminders"), lang)
    notes.text(0, 0, "地区" if lang == "zh" else "region", bold)
    notes.text(0, 1, "催报通知" if lang == "zh" else "reminder", bold)
    notes.widths[1] = 60  # a reminder wraps in its cell
    r = 0
    for region, text in reminders(c, plan):
        pieces = sheet_pieces(text)  # a reminder past a cell's limit goes on in the next rows
        for part, piece in enumerate(pieces, 1):
            r += 1
            more = f" ({part}/{len(pieces)})" if len(pieces) > 1 else ""
            notes.text(r, 0, region + more)
            notes.sheet.write_string(r, 1, piece, wrap)  # each line inert already, kept apart
    notes.fit()
    book.close()
    return out.getvalue()
