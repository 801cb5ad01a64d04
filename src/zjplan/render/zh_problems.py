"""check's problem messages and hints in Chinese, for ``check --lang zh``.

The readers word their problems in English (the JSON, GitHub and GitLab formats keep
them so, with stable codes); the clerk's view translates them here, one pattern per
template, the commonest mistakes of a quarter first. A message no pattern knows stays as
it is: the test of the zh check view lists those its sample produces.
"""

from __future__ import annotations

import re

from zjplan.errors import Problem
from zjplan.render.zh import translate

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
        (rf"{_D} is before {_D}", r"\1早于\2"),
        (rf"{_Q} is read as an Excel date serial: {_D}", r"“\1”按 Excel 日期序号读作\2"),
        (r"(\d+) cells, the header needs (\d+)", r"本行\1格，表头需要\2格"),
        (r"(\d+) cells, the header has (\d+)", r"本行\1格，表头只有\2格"),
        (r"missing column\(s\): ([\w, ]+) \(sheets looked at: (.*)\)",
         r"缺少列：\1（已查看的工作表：\2）"),
        (r"missing column\(s\): ([\w, ]+)", r"缺少列：\1"),
        (r"column\(s\) (.*) and (\d+) more are not ones zjplan reads; they are ignored",
         r"zjplan 不读取的列：\1 等（另有\2列），已忽略"),
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
        (r"broken UTF-16 text", "UTF-16 文本已损坏"),
        (r"a cell is longer than (\d+) KiB; reading stops here",
         r"有单元格超过\1 KiB，读取到此为止"),
        (r"the file contains NUL bytes: it is not a text file", "文件含有 NUL 字节：不是文本文件"),
        (r"the text is neither UTF-8 nor GB18030", "文本既不是 UTF-8 也不是 GB18030 编码"),
        (r"a line is longer than (\d+) MiB characters; reading stops here",
         r"有一行超过\1 MiB 字符，读取到此为止"),
        (r"malformed CSV: the row that starts here runs to the end of the file",
         "CSV 格式错误：从此处开始的一行一直延续到文件末尾"),
        (r"malformed CSV: (.*)", r"CSV 格式错误：\1"),
        (r"the file mixes UTF-8 and GB18030 lines; each line was decoded on its own",
         "文件中混有 UTF-8 和 GB18030 编码的行；已逐行解码"),
        (r"the workbook unpacks to more than zjplan reads \(a zip bomb\?\)",
         "工作簿解压后超过 zjplan 可读取的大小（压缩炸弹？）"),
        (r"every sheet of the workbook is hidden", "工作簿的所有工作表都已隐藏"),
        (r"(\S+) is given twice \(or out of order\) in the sheet's XML, so two programs could "
         r"read two different values",
          r"\1在工作表 XML 中出现两次（或顺序错乱），不同程序可能读出不同的值"),
        (r"a cell at row (\d+), column (\d+) lies past the end of any sheet",
         r"第\1行第\2列的单元格超出了任何工作表的范围"),
        (r"the sheet's used range (\S+) is ([\d,]+) rows × ([\d,]+) columns; zjplan reads at "
         r"most ([\d,]+) cells \((\d+) columns\)",
         r"工作表的使用范围\1为\2行×\3列；zjplan 最多读取\4个单元格（\5列）"),
        (r"the sheet is too large to read \(its used range, built whole, would take more than "
         r"(\d+) MiB or (\S+) s\)", r"工作表过大，无法读取（完整载入需超过\1 MiB 或\2秒）"),
        (r"the sheet is over (\d+) columns wide", r"工作表超过\1列"),
        (r"the sheets' used ranges hold more than ([\d,]+) cells \(a row or a column repeated "
         r"([\d,]+) times\?\)", r"各工作表的使用范围超过\1个单元格（某行或某列重复了\2次？）"),
        (r"the folder cannot be listed \((.*)\): none of its files is read",
         r"文件夹无法列出（\1）：其中的文件均未读取"),
        (r"not parsed: this run has already unpacked ([\d,]+) MiB of workbooks, and this one "
         r"would take it past ([\d,]+) MiB",
         r"未解析：本次运行已解压\1 MiB 工作簿，再解压此文件将超过\2 MiB"),
        (r"the file says it was last changed on (.*), which has not come yet: it is never taken "
         r"as the newer file \(--prefer newest\)",
         r"文件的修改时间为\1，尚未到来：不会被当作较新的文件（--prefer newest）"),
        (r"not a readable (?:\.xlsx file|workbook): (.*)", r"不是可读取的工作簿：\1"),
        (r"cannot read: (.*)", r"无法读取：\1"),
        (r"not a regular file \(a FIFO, device or folder\?\)",
         "不是普通文件（管道、设备或文件夹？）"),
        (r"larger than (\d+) MiB", r"大于\1 MiB"),
        (r"the source holds control or invisible characters; kept as (.*)",
         r"来源中含有控制字符或不可见字符；已保留为\1"),
        (r"the note holds control or invisible characters; kept as (.*)",
         r"备注中含有控制字符或不可见字符；已保留为\1"),
        (rf"{_Q} in a file whose cells are separated by ';'", r"以分号分隔的文件中的“\1”"),
        (rf"{_N} is negative; a count or level cannot be", r"\1为负数；计数或水平值不可能为负"),
        (r"([\d,]+) problems in this file: ([\d,]+) are listed, the other ([\d,]+) \(([\d,]+) "
         r"errors\) only counted", r"此文件有\1个问题：列出\2个，其余\3个（含\4个错误）只计数"),
        (r"the file name is not UTF-8; decoded as GB18030 \(GBK\)",
         "文件名不是 UTF-8 编码；已按 GB18030（GBK）解码"),
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
        (r"no figure needs that much text: check that this is the right file",
         "任何数据都不需要这么长的文本：请确认文件是否正确"),
        (r"no figure needs that much text: check for a missing closing quote",
         "任何数据都不需要这么长的文本：请检查是否漏了右引号"),
        (r"export the sheet as CSV UTF-8, or send the \.xlsx itself",
         "请将工作表导出为 CSV UTF-8，或直接报送 .xlsx"),
        (r"save the file as UTF-8 \(CSV UTF-8 in Excel\)",
         "请将文件另存为 UTF-8（Excel 中的 CSV UTF-8）"),
        (r"save the whole file once as CSV UTF-8", "请将整个文件另存为 CSV UTF-8"),
        (r"a progress file has short lines: check that this is the right file",
         "进度文件的行都很短：请确认文件是否正确"),
        (r"a quote in this row is not closed: close it, or remove it",
         "此行有未闭合的引号：补上或删除"),
        (r"check the quotes", "请检查引号"),
        (r"save it again from Excel, or as CSV", "请用 Excel 重新保存，或另存为 CSV"),
        (r"the file was not written by a spreadsheet program: save it again",
         "此文件不是电子表格程序写出的：请重新保存"),
        (r"open the file in Excel or WPS and save it again", "请用 Excel 或 WPS 打开后重新保存"),
        (r"delete the stray cells far below or to the right \(Ctrl\+End finds the last\)",
         "请删除下方或右侧远处的多余单元格（Ctrl+End 可找到最后一个）"),
        (r"delete the stray cells far below or to the right, or save it as CSV",
         "请删除下方或右侧远处的多余单元格，或另存为 CSV"),
        (r"remove terminal escapes, bidi overrides and zero-width characters",
         "请删除终端转义符、双向控制符和零宽字符"),
        (r"such files \(European Excel\) write 7,5 for 7\.5 and 8\.000 for 8000: write the "
         r"number without separators",
          "此类文件（欧洲版 Excel）把 7.5 写作 7,5、8000 写作 8.000：请写不带分隔符的数字"),
        (r"check the sign", "请核对正负号"),
        (r"write the number in (\S+)", r"请以\1为单位填写数字"),
        (r"write (\S+) \(or 万(\S*)\)", r"请写\1（或 万\2）"),
        (r"fix the problems listed \(often one mistake repeated on every row\) and check again",
         "请修正列出的问题（往往是每行重复的同一错误）后再检查"),
        (r"check the path", "请检查路径"),
        (r"make it readable or move it to a shorter path, then run again",
         "请使其可读，或移到较短的路径下，然后重新运行"),
        (r"check this file in a separate run, or send large figures as CSV",
         "请单独运行检查此文件，或以 CSV 报送大量数据"),
        (r"check the computer's clock; copy the file again to give it a true time",
         "请检查电脑时钟；重新复制文件，使其时间真实"),
        (r"columns: (.*)", r"可用的列：\1"),
        (r"write 2019-12-31, 2019-12, 2019 or 2019Q4",
         "请写作 2019-12-31、2019-12、2019 或 2019Q4"),
        (r"report it for (\S+)", r"请按\1报送"),
        (r"write the place, e\.g\. 3 or 第3", "请填写名次，如 3 或 第3"),
        (r"write done, in_progress or not_started \(已完成, 推进中, 未启动\)",
         "请填写 已完成、推进中 或 未启动"),
    )
]  # fmt: skip
SEVERITY_ZH = {"error": "错误", "warning": "警告"}


def message_zh(message: str) -> str:
    """A problem's message in Chinese; its cell (D14: ) stays in front."""
    cell = _CELL.match(message)
    prefix = cell.group(1) if cell else ""
    rest = message[len(prefix) :]
    return prefix + (translate(rest, MESSAGES) or rest)


def hint_zh(hint: str) -> str:
    return translate(hint, HINTS) or hint


def format_zh(problem: Problem) -> str:
    """``file:line:column: 错误[code]: 消息（提示）``, as Problem.format in Chinese."""
    severity = SEVERITY_ZH.get(str(problem.severity), problem.severity)
    text = f"{problem.place}: {severity}[{problem.code}]: {message_zh(problem.message)}"
    return f"{text}（{hint_zh(problem.hint)}）" if problem.hint else text
