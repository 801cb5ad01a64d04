"""check's problem messages and hints in Chinese, for ``check --lang zh``.

The readers word their problems in English (the JSON, GitHub and GitLab formats keep
them so, with stable codes); the clerk's view translates them here, one pattern per
template, the commonest mistakes of a quarter first. A message no pattern knows stays as
it is: the test of the zh check view lists those its sample produces.
"""

from __future__ import annotations

import re

from zjplan.errors import Problem

_Q = r"'(.*?)'"  # a quoted cell (sanitise.quoted)
_N = r"(-?[\d.,e+]+)"
_D = r"(\d{4}-\d{2}-\d{2})"
_CELL = re.compile(r"^([A-Z]{1,3}\d+: )")

MESSAGES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(p), zh)
    for p, zh in (
        (rf"{_Q} is not a target id of the plan", r"“\1”不是计划中的指标编号"),
        (rf"{_Q} is not a region of the plan", r"“\1”不是计划中的地区"),
        (r"the region is empty", "地区为空"),
        (r"no value for (\w+) \(empty, or an error or formula cell: an \.(\w+) file does not "
         r"say\)", r"\1 没有数值（为空，或是错误值、公式单元格：.\2 文件无法区分）"),
        (r"no value for (\w+) \(empty\)", r"\1 没有数值（为空）"),
        (r"no value for (\w+) \((.*)\)", r"\1 没有数值（\2）"),
        (rf"{_Q} is not a number", r"“\1”不是数字"),
        (rf"{_Q} is a bound or an approximate figure, not a number",
         r"“\1”是上下限或约数，不是确数"),
        (rf"{_Q} is too large to be a figure", r"“\1”过大，不可能是统计数"),
        (rf"{_Q} is not a calendar date", r"“\1”不是有效的日历日期"),
        (rf"{_Q} is not a date", r"“\1”不是日期"),
        (rf"{_Q} is not a rank", r"“\1”不是名次"),
        (rf"{_Q} is not a milestone state", r"“\1”不是任务进展状态"),
        (rf"{_D} is after today \({_D}\)", r"\1晚于今天（\2）"),
        (rf"{_Q} is read as an Excel date serial: {_D}", r"“\1”按 Excel 日期序号读作\2"),
        (r"(\d+) cells, the header needs (\d+)", r"本行\1格，表头需要\2格"),
        (r"(\d+) cells, the header has (\d+)", r"本行\1格，表头只有\2格"),
        (r"missing column\(s\): ([\w, ]+) \(sheets looked at: (.*)\)",
         r"缺少列：\1（已查看的工作表：\2）"),
        (r"missing column\(s\): ([\w, ]+)", r"缺少列：\1"),
        (r"column(?:\(s\))? (.*) (?:is|are) not ones? zjplan reads; (?:it is|they are) ignored",
         r"zjplan 不读取的列：\1，已忽略"),
        (r"column (.*) appears twice", r"列\1出现了两次"),
        (r"the file is empty", "文件为空"),
        (r"the same figure is already given at (.*)", r"同一数值已在\1给出"),
        (rf"(\w+) for (\S+) at {_D} is {_N} here but {_N} at (.*); neither is used",
         r"\1（\2，\3）此处为\4，而\6为\5；两者均不采用"),
        (rf"(\w+) for (\S+) at {_D} is {_N} here but {_N} at (.*), (\S+)'s own file: that "
         r"figure is used", r"\1（\2，\3）此处为\4，而\7自己的文件\6为\5：采用该值"),
        (rf"(\w+) for (\S+) at {_D} is {_N} here but {_N} at (.*), the newer file: that "
         r"figure is used", r"\1（\2，\3）此处为\4，而较新的文件\6为\5：采用该值"),
        (rf"(\d+) figure\(s\) dated {_D} \((\w+)\), not in (\w+) \({_D} – {_D}\); the date "
         r"looks like the day the form was filled in",
         r"\1个数据的日期为\2（\3），不在\4（\5至\6）内；该日期像是填表日期"),
        (rf"(\d+) figure\(s\) dated {_D} \((\w+)\), not in (\w+) \({_D} – {_D}\)",
         r"\1个数据的日期为\2（\3），不在\4（\5至\6）内"),
        (r"a (\.\w+|file without an extension) file is not one zjplan reads; its figures are "
         r"not used", r"zjplan 不读取\1文件，其中的数据未被采用"),
        (r"(\S+) is one merged cell: its value is read for each of its (\d+) rows",
         r"\1为合并单元格：其值用于所覆盖的\2行"),
        (rf"the cell is formatted as a percentage: it shows (\S+) but holds {_N}, the figure read",
         r"单元格为百分比格式：显示\1，实际值为\2（按此读取）"),
        (rf"the cell's number format (.*) shows another number than it holds \(it holds {_N}, "
         r"the figure read\)", r"单元格的数字格式\1显示的数与实际值不同（实际值\2，按此读取）"),
        (r"the cell holds the spreadsheet error (.*)", r"单元格为错误值\1"),
        (r"the cell holds a formula whose value was never computed or saved",
         "单元格为公式，但其值从未计算或保存"),
        (rf"{_N} (\S+) is not a whole number of things counted", r"\1\2不是整数（计数不应有小数）"),
        (r"hidden sheet\(s\) (.*) not read; read the visible sheet (.*)",
         r"隐藏的工作表\1未读取；已读取可见工作表\2"),
        (rf"(\w+) for (\S+) (jumps|drops) from {_N} \({_D}, (.*)\) to {_N}",
         r"\1（\2）由\4（\5，\6）变为\7，相差十倍以上"),
        (rf"(\w+) for (\S+) falls from {_N} \({_D}, (.*)\) to {_N}",
         r"\1（\2）由\3（\4，\5）降为\6"),
        (r"a (\S+) figure in what looks like (\S+)'s file \((.*)\)",
         r"看似\2的文件中有\1的数据（\3）"),
        (rf"{_Q}: unit {_Q} is not (\w+)'s unit {_Q}", r"“\1”：单位“\2”不是\3的单位“\4”"),
        (rf"unit {_Q} is not (\w+)'s unit {_Q}", r"单位“\1”不是\2的单位“\3”"),
        (r"(\w+) is judged on province figures only; a (\S+) figure is not used",
         r"\1只按全省数据判断；\2的数据不采用"),
    )
]  # fmt: skip
HINTS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(p), zh)
    for p, zh in (
        (r"did you mean (.*)\? the header needs target_id, region, as_of, value \(or 指标编号, "
         r"地区, 截至日期, 数值\)", r"是否为 \1？表头需要 指标编号、地区、截至日期、数值"),
        (r"the header needs target_id, region, as_of, value \(or 指标编号, 地区, 截至日期, 数值\)",
         "表头需要 指标编号、地区、截至日期、数值"),
        (r"did you mean (.*)\?", r"是否为 \1？"),
        (r"see `zjplan targets`", "指标编号见 zjplan targets"),
        (r"write a region of the plan as (\S+), (\S+) or (\S+)",
         r"请填写计划中的地区，如\1、\2或\3"),
        (r"fill it in on every row \(a merged 地区 cell: unmerge it and fill each row\)",
         "请逐行填写（地区为合并单元格的，取消合并后逐行填写）"),
        (r"a missing figure is not zero; fill it in when known", "缺报不等于零；有数据时再填"),
        (r"fill in every column", "请填满每一列"),
        (r"remove the extra cells, or quote a cell that contains a comma",
         "删除多余的单元格，或给含逗号的单元格加引号"),
        (r"write digits, e\.g\. 100000, 100,000, 10万 or 1\.5万",
         "请填写数字，如 100000、100,000、10万 或 1.5万"),
        (r"write the figure itself", "请填写确数"),
        (r"remove one of the two", "删除其中之一"),
        (r"keep the right figure and delete the other", "保留正确的数值，删除另一个"),
        (r"two files give this figure: remove the older one, or pass --prefer newest to use "
         r"the newer file's", "两个文件都给出了该数值：删除较旧的文件，或用 --prefer newest "
         "采用较新的文件"),
        (r"remove this row, or correct it", "删除或更正此行"),
        (r"remove the older file", "删除较旧的文件"),
        (r"check the date column, or check the file against its own period",
         "请检查日期列，或按文件自身的期次核对"),
        (rf"as_of is the date the figure describes: the period's last day, e\.g\. {_D}",
         r"截至日期是数据所指的日期，即期末，如\1"),
        (r"as_of is the date the figure describes, not a plan date", "截至日期是数据所指的日期"),
        (r"save it as \.xlsx or as CSV \(WPS: 另存为 \.xlsx\)",
         "请另存为 .xlsx 或 CSV（WPS：另存为 .xlsx）"),
        (r"unmerge it and fill in every row, so each row stands on its own",
         "取消合并，逐行填写"),
        (r"type the figure itself in a cell formatted as a number \(35 for 35%\)",
         "请在数字格式的单元格中直接填写数值（35% 填 35）"),
        (r"type the whole figure \(15000 for 1\.5万\) in a cell formatted as a number",
         "请在数字格式的单元格中填写完整数值（1.5万 填 15000）"),
        (r"open the file in Excel or WPS and save it, so the values are stored",
         "请用 Excel 或 WPS 打开并保存，使数值得以保存"),
        (r"fix the formula \(or type the figure\) and save again",
         "请修正公式（或直接填写数值）后保存"),
        (r"check the figure: a count has no fraction \(a percent-formatted cell\?\)",
         "请核对数值：计数不应有小数（是否为百分比格式的单元格？）"),
        (r"format the column as a date, or write 2019-12-31",
         "请将该列设为日期格式，或写作 2019-12-31"),
        (r"unhide the form's sheet", "请取消隐藏填报表"),
        (r"10x or more: a zero typed too many or too few, or 万 written twice or left out\?",
         "相差十倍以上：是否多打或少打了一个零，或重复、漏写了“万”？"),
        (r"a count since the start cannot go down; check both figures",
         "自开始日以来的累计数不应下降；请核对两个数据"),
        (r"check the region, or move the row to (\S+)'s file", r"请核对地区，或把此行移到\1的文件"),
        (r"add a header row", "请加上表头行"),
        (r"delete one of the two", "删除其中之一"),
        (r"check the year", "请核对年份"),
        (r"write 2019-12-31, 2019-12, 2019 or 2019Q4",
         "请写作 2019-12-31、2019-12、2019 或 2019Q4"),
        (r"report it for (\S+)", r"请按\1报送"),
        (r"write the place, e\.g\. 3 or 第3", "请填写名次，如 3 或 第3"),
        (r"write done, in_progress or not_started \(已完成, 推进中, 未启动\)",
         "请填写 已完成、推进中 或 未启动"),
    )
]  # fmt: skip
SEVERITY_ZH = {"error": "错误", "warning": "警告"}


def _translate(text: str, table: list[tuple[re.Pattern[str], str]]) -> str:
    for pattern, chinese in table:
        found = pattern.fullmatch(text)
        if found:
            return found.expand(chinese)
    return text


def message_zh(message: str) -> str:
    """A problem's message in Chinese; its cell (D14: ) stays in front."""
    cell = _CELL.match(message)
    prefix = cell.group(1) if cell else ""
    return prefix + _translate(message[len(prefix) :], MESSAGES)


def hint_zh(hint: str) -> str:
    return _translate(hint, HINTS)


def format_zh(problem: Problem) -> str:
    """``file:line:column: 错误[code]: 消息（提示）``, as Problem.format in Chinese."""
    where = problem.file
    if problem.line:
        where += f":{problem.line}:{problem.column or 1}"
    text = f"{where}: {SEVERITY_ZH.get(str(problem.severity), problem.severity)}[{problem.code}]: "
    text += message_zh(problem.message)
    return f"{text}（{hint_zh(problem.hint)}）" if problem.hint else text
