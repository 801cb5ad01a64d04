"""Every sentence zjplan makes, in each language: one template a key (see wording.py).

Two families share the catalogue: the engine's (why a status or a number is what it is)
and the readers' (a problem in a progress file, and its hint: keys beginning ``hint-``).
A template names its parameters (``{cell}``, ``{day}``); the JSON of ``check`` and
``status`` carries them as ``params``. A parameter that quotes a file's cell is a
``wording.Cell``: quoted '…' in English, “…” in Chinese.

Adding a sentence: its key in :data:`Key` and one :class:`Template` here, both languages
(tests/test_wording.py fails otherwise), then ``says(key, ...)`` where it is decided.
"""

from __future__ import annotations

from typing import Literal, NamedTuple


class Template(NamedTuple):
    en: str
    zh: str


EngineKey = Literal[
    "no-figure-in-period",
    "only-before-start",
    "only-after-deadline",
    "no-final-figure",
    "no-allocation",
    "above-band",
    "broken",
    "annual-flow",
    "no-year-end-figure",
    "years-missing",
    "years-short",
    "not-computed-for",
    "needs-two-positive",
    "fold-no-rate",
    "zero-growth-target",
    "rate-not-level",
    "baseline-unknown",
    "target-is-baseline-no-change",
    "target-is-baseline",
    "progress-undefined",
    "deadline-passed",
    "needs-two-points",
    "baseline-after-deadline",
    "too-steep",
    "zero-target-no-rate",
    "baseline-zero",
    "needs-both-rates",
    "target-is-zero",
    "figure-is-zero",
    "achieved-earlier",
    "met-earlier",
    "baseline-differs",
    "sum-of-cities",
    "sum-of-counties",
    "province-vs-cities",
    "partial-sum-below",
    "report-date-median",
    "report-date-today",
    "report-date-later",
    "flagged-targets",
    "unreported",
    "flagged-tasks",
]

ENGINE: dict[str, Template] = {
    "no-figure-in-period": Template(
        "no observation after the start and at or before the report date",
        "计划开始后、报告日前没有数据",
    ),
    "only-before-start": Template(
        "only figures from before the plan's start; latest {x:g} at {day}",
        "只有计划开始前的数据；最近一次为{day}的{x:g}",
    ),
    "only-after-deadline": Template(
        "no figure from the start to the deadline ({deadline}); the latest, {x:g} at {day}, "
        "is after it and cannot decide it",
        "计划开始至期限（{deadline}）之间没有数据；最新数据为{day}的{x:g}，晚于期限，不作为评判依据",
    ),
    "no-final-figure": Template(
        "no figure for the final period (from {final}); latest {x:g} at {day}",
        "没有最后一期（{final}起）的数据，无法作出最终结论；最近一次为{day}的{x:g}",
    ),
    "above-band": Template(
        "{x:g} is above the band's upper end {upper:g}: the target is to stay inside it",
        "{x:g}高于区间上限{upper:g}：目标是保持在区间内",
    ),
    "broken": Template(
        "not held: {x:g} at {day} fell short of {goal:g}",
        "未能保持：{day}的{x:g}未达到{goal:g}",
    ),
    "annual-flow": Template(
        "not computed for a yearly target (each year's figure is judged on its own)",
        "每年目标不计算此项（逐年判断）",
    ),
    "no-year-end-figure": Template(
        "no year's figure since the start (a yearly target reads figures dated 12-31)",
        "开始以来没有年度数据（每年目标只读取12月31日的数据）",
    ),
    "years-missing": Template("no figure for {years}", "{years}年没有数据"),
    "years-short": Template("short of the target in {years}", "{years}年未达到目标"),
    "no-allocation": Template(
        "the plan gives this region no allocation to judge against",
        "计划未给该地区分解任务，无从判断",
    ),
    "not-computed-for": Template(
        "not computed for a {comparator} target", "此类目标（{comparator}）不计算此项"
    ),
    "needs-two-positive": Template(
        "needs a first and a latest figure, both above zero, at different dates",
        "需要不同日期的首末两个大于零的数据",
    ),
    "fold-no-rate": Template(
        "growing {fold:g}-fold in {years:g} years is no rate",
        "{years:g}年增长{fold:g}倍，不能折算为增速",
    ),
    "zero-growth-target": Template(
        "a growth target of 0% has no ratio", "增速目标为0%，无法计算比值"
    ),
    "rate-not-level": Template(
        "not computed for an annual_growth target (a rate, not a level)",
        "年均增速目标不计算此项（目标是速度而非水平）",
    ),
    "baseline-unknown": Template("the baseline is unknown", "基数未知"),
    "target-is-baseline-no-change": Template(
        "the target equals the baseline: no change is required", "目标等于基数，无需变化"
    ),
    "target-is-baseline": Template("the target equals the baseline", "目标等于基数"),
    "progress-undefined": Template("the progress share is undefined", "完成进度无法计算"),
    "deadline-passed": Template("the deadline has passed at the report date", "报告日已过期限"),
    "needs-two-points": Template(
        "needs two points at different dates since the start", "需要计划开始后不同日期的两个数据"
    ),
    "baseline-after-deadline": Template(
        "the baseline is dated at or after the deadline", "基数日期不早于期限"
    ),
    "too-steep": Template(
        "the required change is too steep to be a rate", "所需变化过大，无法折算为增速"
    ),
    "zero-target-no-rate": Template("a target of 0 has no growth rate", "目标为0，无增速"),
    "baseline-zero": Template("the baseline is zero", "基数为0"),
    "needs-both-rates": Template(
        "needs both the actual and the required growth rate", "需要实际增速和所需增速"
    ),
    "target-is-zero": Template("the target is 0", "目标为0"),
    "figure-is-zero": Template("the figure is 0, at the target", "数据为0，已达目标"),
    "achieved-earlier": Template(
        "achieved at {day} ({value:g}); the latest figure ({x:g} at {last}) does not show it",
        "已于{day}达成（{value:g}）；最新数据（{last}的{x:g}）未体现",
    ),
    "met-earlier": Template(
        "the goal was met at {day} ({value:g}), but the latest figure decides ({x:g} at {last})",
        "曾于{day}达到目标（{value:g}），但以最新数据为准（{last}的{x:g}）",
    ),
    "baseline-differs": Template(
        "the plan's baseline is {plan:g} at {day}, but the data give {data:g} for that date",
        "计划给出的基数为{day}的{plan:g}，但数据中该日为{data:g}",
    ),
    "sum-of-counties": Template(
        "sum of {n} of {expected} counties", "{expected}个县（市、区）中{n}个的合计"
    ),
    "sum-of-cities": Template("sum of {n} cities", "{n}个市合计"),
    "province-vs-cities": Template(
        "{day}: the province reports {province:g} but its cities add up to {total:g} ({n} cities)",
        "{day}：全省数据为{province:g}，而各市（{n}个）合计为{total:g}",
    ),
    "partial-sum-below": Template(
        "{day}: the sum of the {n} of {expected} cities that reported, {total:g}, is below "
        "{value:g} of {at}, which stands (a count that cannot fall)",
        "{day}：已报送的{n}个市（共{expected}个）合计{total:g}，低于{at}的{value:g}，"
        "仍以后者为准（累计数不会下降）",
    ),
    "report-date-median": Template(
        "(period end of the median latest figure of {n} targets, {median}; see --as-of)",
        "（{n}个指标最新数据日期的中位数{median}所在期的期末；可用 --as-of 指定）",
    ),
    "report-date-today": Template(
        "(today: the median latest figure of {n} targets, {median}, is in this period)",
        "（今天：{n}个指标最新数据日期的中位数{median}所在期尚未结束；可用 --as-of 指定）",
    ),
    "report-date-later": Template(
        "{n} figure(s) dated after it are not used:", "另有{n}个数据晚于报告日，未采用："
    ),
    "unreported": Template(
        "{n} cities sent no figure for this period: {names}",
        "本期未报送的市（{n}个）：{names}",
    ),
    "flagged-targets": Template(
        "{n} target(s) on track rest on stale or uncertain figures (--all lists them)",
        "{n}个指标进度正常，但数据陈旧或不确定（--all 列出）",
    ),
    "flagged-tasks": Template(
        "{n} task(s) on track rest on stale states (--all lists them)",
        "{n}项任务进展正常，但状态陈旧（--all 列出）",
    ),
}

ProblemKey = Literal[
    # a row's cells
    "unknown-target",
    "milestone-row",
    "hint-milestone-row",
    "change-unsigned",
    "hint-change-sign",
    "part-exceeds-whole",
    "hint-part-exceeds-whole",
    "unknown-region",
    "ambiguous-region",
    "hint-full-region-name",
    "region-empty",
    "not-reported",
    "not-reported-empty",
    "not-reported-unknown",
    "not-a-number",
    "bound-not-number",
    "scripted-digits",
    "cell-too-long-for-number",
    "two-qualifiers",
    "too-large",
    "not-a-calendar-date",
    "not-a-date",
    "not-a-rank",
    "not-a-state",
    "date-in-future",
    "date-too-old",
    "excel-serial-date",
    "ragged-short",
    "ragged-long",
    "ambiguous-number",
    "unit-inline",
    "unit-scaled-twice",
    "unit-mismatch",
    "fractional-count",
    "negative-value",
    "not-aggregated",
    "unsafe-source",
    "unsafe-note",
    # the header
    "missing-columns",
    "missing-columns-sheets",
    "unknown-columns",
    "unknown-columns-more",
    "duplicate-column",
    "empty-file",
    # figures given twice, and across files
    "duplicate-row",
    "conflict-own",
    "conflict-newer",
    "conflicting-value",
    "value-falls",
    "value-jumps",
    "value-drops",
    "foreign-region",
    "owner-by-name",
    "owner-by-rows",
    "wrong-period",
    "wrong-period-fill-date",
    "too-many-problems",
    # files
    "file-not-read",
    "file-not-read-bare",
    "file-time-in-future",
    "file-name-gbk",
    "file-name-escaped",
    "folder-not-read",
    "cannot-read",
    "no-such-path",
    "not-regular",
    "not-expected-kind",
    "larger-than",
    "cannot-write",
    "would-lose-figures",
    "run-budget-spent",
    # text files
    "broken-utf16",
    "cell-too-long",
    "nul-bytes",
    "not-utf8-or-gb",
    "line-too-long",
    "csv-runs-to-end",
    "malformed-csv",
    "mixed-encoding",
    # workbooks
    "merged-cell",
    "hidden-sheets",
    "all-hidden",
    "percent-cell",
    "scaled-format",
    "cell-error",
    "formula-not-computed",
    "zip-bomb",
    "cell-twice",
    "cell-past-end",
    "bad-cell-reference",
    "used-range",
    "sheet-too-large",
    "too-wide",
    "used-ranges-repeat",
    "workbook-unreadable",
    "xlsx-unreadable",
    "reader-not-started",
    "severity-error",
    "severity-warning",
    "rows-skipped",
    "no-progress-files",
    "wrote",
    "wrote-files",
    "gate-nothing-read",
    "gate-skipped",
    "gate-failing",
    "gate-held",
    # hints
    "hint-did-you-mean",
    "hint-see-targets",
    "hint-region",
    "hint-fill-region",
    "hint-missing-not-zero",
    "hint-fill-every-column",
    "hint-extra-cells",
    "hint-digits",
    "hint-figure-itself",
    "hint-full-number",
    "hint-one-qualifier",
    "hint-remove-one",
    "hint-keep-right",
    "hint-two-files",
    "hint-remove-row",
    "hint-remove-older",
    "hint-check-date",
    "hint-period-end",
    "hint-describes",
    "hint-save-xlsx",
    "hint-unmerge",
    "hint-percent",
    "hint-scaled",
    "hint-save-values",
    "hint-fix-formula",
    "hint-fraction",
    "hint-date-format",
    "hint-unhide",
    "hint-ten-fold",
    "hint-cannot-fall",
    "hint-move-row",
    "hint-header-row",
    "hint-delete-one",
    "hint-check-year",
    "hint-right-file",
    "hint-closing-quote",
    "hint-export-csv",
    "hint-save-utf8",
    "hint-save-whole",
    "hint-short-lines",
    "hint-quote-open",
    "hint-check-quotes",
    "hint-save-again",
    "hint-not-spreadsheet",
    "hint-open-save",
    "hint-stray-cells",
    "hint-stray-or-csv",
    "hint-remove-escapes",
    "hint-separators",
    "hint-check-sign",
    "hint-unit-in",
    "hint-unit-index",
    "hint-unit-as",
    "hint-unit-as-none",
    "hint-unit-write",
    "hint-unit-none",
    "hint-fix-listed",
    "hint-check-path",
    "hint-readable",
    "hint-separate-run",
    "hint-clock",
    "hint-columns",
    "hint-header-needs",
    "hint-header-did-you-mean",
    "hint-date",
    "hint-report-for",
    "hint-rank",
    "hint-state",
    "hint-writable",
    "hint-force",
]

# "the {field} holds …": a source's and a note's problem are two sentences in Chinese.
PROBLEMS: dict[str, Template] = {
    "unknown-target": Template(
        "{cell} is not a target id of the plan", "{cell}不是计划中的指标编号"
    ),
    "milestone-row": Template(
        "{cell} is one milestone of {id}; figures are written under {id}",
        "{cell}是{id}的一个阶段目标；数据应填在{id}下",
    ),
    "hint-milestone-row": Template(
        "write the figure under {id}: every milestone is judged on it",
        "将数据填在{id}下：各阶段目标都据此判断",
    ),
    "change-unsigned": Template(
        "{cell} does not say whether it is a rise or a fall",
        "{cell}未说明是上升还是下降",
    ),
    "hint-change-sign": Template(
        "write the change as published: 下降4.2% or -4.2 for a fall, 提高4.2% or +4.2 for a rise",
        "按公布的写法填写变化：下降4.2%或-4.2表示下降，提高4.2%或+4.2表示上升",
    ),
    "part-exceeds-whole": Template(
        "{id} ({part:g}) is above its whole {whole_id} ({whole:g}) at {day} in {region}",
        "{id}（{part:g}）高于其总量{whole_id}（{whole:g}），{region}，{day}",
    ),
    "hint-part-exceeds-whole": Template(
        "a part (其中) cannot exceed its whole: check both figures",
        "其中项不应超过总量：请核对两个数据",
    ),
    "unknown-region": Template("{cell} is not a region of the plan", "{cell}不是计划中的地区"),
    "ambiguous-region": Template(
        "{cell} names more than one region ({names})", "{cell}对应多个地区（{names}）"
    ),
    "hint-full-region-name": Template(
        "write the region's full name (or its id)", "请填写地区全称（或其编号）"
    ),
    "region-empty": Template("the region is empty", "地区为空"),
    "not-reported": Template("no value for {id} ({cell})", "{id} 没有数值（{cell}）"),
    "not-reported-empty": Template("no value for {id} (empty)", "{id} 没有数值（为空）"),
    "not-reported-unknown": Template(
        "no value for {id} (empty, or an error or formula cell: an .{format} file does not say)",
        "{id} 没有数值（为空，或是错误值、公式单元格：.{format} 文件无法区分）",
    ),
    "not-a-number": Template("{cell} is not a number", "{cell}不是数字"),
    "bound-not-number": Template(
        "{cell} is a bound or an approximate figure, not a number", "{cell}是上下限或约数，不是确数"
    ),
    "scripted-digits": Template(
        "{cell} has superscript or subscript digits", "{cell}含有上标或下标数字"
    ),
    "cell-too-long-for-number": Template(
        "the cell is too long to be a number", "单元格过长，不可能是数字"
    ),
    "two-qualifiers": Template(
        "{cell} has more than one qualifier", "{cell}有不止一个限定词（超过、以上、约……）"
    ),
    "too-large": Template("{cell} is too large to be a figure", "{cell}过大，不可能是统计数"),
    "not-a-calendar-date": Template("{cell} is not a calendar date", "{cell}不是有效的日历日期"),
    "not-a-date": Template("{cell} is not a date", "{cell}不是日期"),
    "not-a-rank": Template("{cell} is not a rank", "{cell}不是名次"),
    "not-a-state": Template("{cell} is not a milestone state", "{cell}不是任务进展状态"),
    "date-in-future": Template("{day} is after today ({today})", "{day}晚于今天（{today}）"),
    "date-too-old": Template("{day} is before {earliest}", "{day}早于{earliest}"),
    "excel-serial-date": Template(
        "{cell} is read as an Excel date serial: {day}", "{cell}按 Excel 日期序号读作{day}"
    ),
    "ragged-short": Template(
        "{cells} cells, the header needs {width}", "本行{cells}格，表头需要{width}格"
    ),
    "ragged-long": Template(
        "{cells} cells, the header has {width}", "本行{cells}格，表头只有{width}格"
    ),
    "ambiguous-number": Template(
        "{cell} in a file whose cells are separated by ';'", "以分号分隔的文件中的{cell}"
    ),
    "unit-inline": Template(
        "{cell}: unit {unit} is not {id}'s unit {expected}",
        "{cell}：单位{unit}不是{id}的单位{expected}",
    ),
    "unit-scaled-twice": Template(
        "{cell} with unit {unit} writes {written} and {scale}: the value would be scaled twice",
        "{cell}配单位{unit}，同时写了{written}和{scale}：数值会被放大两次",
    ),
    "unit-mismatch": Template(
        "unit {unit} is not {id}'s unit {expected}", "单位{unit}不是{id}的单位{expected}"
    ),
    "fractional-count": Template(
        "{value:g} {unit} is not a whole number of things counted",
        "{value:g}{unit}不是整数（计数不应有小数）",
    ),
    "negative-value": Template(
        "{value:g} is negative; a count cannot be", "{value:g}为负数；计数不可能为负"
    ),
    "not-aggregated": Template(
        "{id} is judged on province figures only; a {region} figure is not used",
        "{id}只按全省数据判断；{region}的数据不采用",
    ),
    "unsafe-source": Template(
        "the source holds control or invisible characters; kept as {cell}",
        "来源中含有控制字符或不可见字符；已保留为{cell}",
    ),
    "unsafe-note": Template(
        "the note holds control or invisible characters; kept as {cell}",
        "备注中含有控制字符或不可见字符；已保留为{cell}",
    ),
    "missing-columns": Template("missing column(s): {names}", "缺少列：{names}"),
    "missing-columns-sheets": Template(
        "missing column(s): {names} (sheets looked at: {sheets})",
        "缺少列：{names}（已查看的工作表：{sheets}）",
    ),
    "unknown-columns": Template(
        "column(s) {names} are not ones zjplan reads; they are ignored",
        "zjplan 不读取的列：{names}，已忽略",
    ),
    "unknown-columns-more": Template(
        "column(s) {names} and {more} more are not ones zjplan reads; they are ignored",
        "zjplan 不读取的列：{names} 等（另有{more}列），已忽略",
    ),
    "duplicate-column": Template("column {cell} appears twice", "列{cell}出现了两次"),
    "empty-file": Template("the file is empty", "文件为空"),
    "duplicate-row": Template(
        "the same figure is already given at {where}", "同一数值已在{where}给出"
    ),
    "conflict-own": Template(
        "{id} for {region} at {day} is {value:g} here but {other:g} at {where}, "
        "{owner}'s own file: that figure is used",
        "{id}（{region}，{day}）此处为{value:g}，而{owner}自己的文件{where}为{other:g}：采用该值",
    ),
    "conflict-newer": Template(
        "{id} for {region} at {day} is {value:g} here but {other:g} at {where}, the newer "
        "file: that figure is used",
        "{id}（{region}，{day}）此处为{value:g}，而较新的文件{where}为{other:g}：采用该值",
    ),
    "conflicting-value": Template(
        "{id} for {region} at {day} is {value:g} here but {other:g} at {where}; neither is used",
        "{id}（{region}，{day}）此处为{value:g}，而{where}为{other:g}；两者均不采用",
    ),
    "value-falls": Template(
        "{id} for {region} falls from {before:g} ({day}, {where}) to {after:g}",
        "{id}（{region}）由{before:g}（{day}，{where}）降为{after:g}",
    ),
    "value-jumps": Template(
        "{id} for {region} jumps from {before:g} ({day}, {where}) to {after:g}",
        "{id}（{region}）由{before:g}（{day}，{where}）变为{after:g}，相差十倍以上",
    ),
    "value-drops": Template(
        "{id} for {region} drops from {before:g} ({day}, {where}) to {after:g}",
        "{id}（{region}）由{before:g}（{day}，{where}）变为{after:g}，相差十倍以上",
    ),
    "foreign-region": Template(
        "a {region} figure in what looks like {owner}'s file ({why})",
        "看似{owner}的文件中有{region}的数据（{why}）",
    ),
    "owner-by-name": Template("by its name", "据文件名判断"),
    "owner-by-rows": Template("by most of its rows", "据多数行判断"),
    "wrong-period": Template(
        "{n} figure(s) dated {day} ({label}), not in {period} ({start} – {end})",
        "{n}个数据的日期为{day}（{label}），不在{period}（{start}至{end}）内",
    ),
    "wrong-period-fill-date": Template(
        "{n} figure(s) dated {day} ({label}), not in {period} ({start} – {end}); the date "
        "looks like the day the form was filled in",
        "{n}个数据的日期为{day}（{label}），不在{period}（{start}至{end}）内；该日期像是填表日期",
    ),
    "too-many-problems": Template(
        "{total:,} problems in this file: {listed:,} are listed, the other {unlisted:,} "
        "({errors:,} errors) only counted",
        "此文件有{total:,}个问题：列出{listed:,}个，其余{unlisted:,}个（含{errors:,}个错误）只计数",
    ),
    "file-not-read": Template(
        "a {suffix} file is not one zjplan reads; its figures are not used",
        "zjplan 不读取{suffix}文件，其中的数据未被采用",
    ),
    "file-not-read-bare": Template(
        "a file without an extension file is not one zjplan reads; its figures are not used",
        "zjplan 不读取没有扩展名的文件，其中的数据未被采用",
    ),
    "file-time-in-future": Template(
        "the file says it was last changed on {when}, which has not come yet: it is never "
        "taken as the newer file (--prefer newest)",
        "文件的修改时间为{when}，尚未到来：不会被当作较新的文件（--prefer newest）",
    ),
    "file-name-gbk": Template(
        "the file name is not UTF-8; decoded as GB18030 (GBK)",
        "文件名不是 UTF-8 编码；已按 GB18030（GBK）解码",
    ),
    "file-name-escaped": Template(
        "the file name is not UTF-8; shown with its undecodable bytes escaped",
        "文件名不是 UTF-8 编码；无法解码的字节以转义形式显示",
    ),
    "folder-not-read": Template(
        "the folder cannot be listed ({why}): none of its files is read",
        "文件夹无法列出（{why}）：其中的文件均未读取",
    ),
    "cannot-read": Template("cannot read: {why}", "无法读取：{why}"),
    "no-such-path": Template("no such file or folder", "文件或文件夹不存在"),
    "not-regular": Template(
        "not a regular file (a FIFO, device or folder?)", "不是普通文件（管道、设备或文件夹？）"
    ),
    "not-expected-kind": Template("not a file of the kind expected here", "不是此处所需类型的文件"),
    "larger-than": Template("larger than {mib} MiB", "大于{mib} MiB"),
    "cannot-write": Template("cannot write: {why}", "无法写入：{why}"),
    "would-lose-figures": Template(
        "holds {held:,} figure(s) and the merge has {merged:,}: not replaced",
        "已有{held:,}个数据，而合并结果只有{merged:,}个：未替换",
    ),
    "run-budget-spent": Template(
        "not parsed: this run has already unpacked {spent:,} MiB of workbooks, and this one "
        "would take it past {limit:,} MiB",
        "未解析：本次运行已解压{spent:,} MiB 工作簿，再解压此文件将超过{limit:,} MiB",
    ),
    "broken-utf16": Template("broken UTF-16 text", "UTF-16 文本已损坏"),
    "cell-too-long": Template(
        "a cell is longer than {kib} KiB; reading stops here", "有单元格超过{kib} KiB，读取到此为止"
    ),
    "nul-bytes": Template(
        "the file contains NUL bytes: it is not a text file", "文件含有 NUL 字节：不是文本文件"
    ),
    "not-utf8-or-gb": Template(
        "the text is neither UTF-8 nor GB18030", "文本既不是 UTF-8 也不是 GB18030 编码"
    ),
    "line-too-long": Template(
        "a line is longer than {mib} MiB characters; reading stops here",
        "有一行超过{mib} MiB 字符，读取到此为止",
    ),
    "csv-runs-to-end": Template(
        "malformed CSV: the row that starts here runs to the end of the file",
        "CSV 格式错误：从此处开始的一行一直延续到文件末尾",
    ),
    "malformed-csv": Template("malformed CSV: {why}", "CSV 格式错误：{why}"),
    "mixed-encoding": Template(
        "the file mixes UTF-8 and GB18030 lines; each line was decoded on its own",
        "文件中混有 UTF-8 和 GB18030 编码的行；已逐行解码",
    ),
    "merged-cell": Template(
        "{span} is one merged cell: its value is read for each of its {rows} rows",
        "{span}为合并单元格：其值用于所覆盖的{rows}行",
    ),
    "hidden-sheets": Template(
        "hidden sheet(s) {names} not read; read the visible sheet {sheet}",
        "隐藏的工作表{names}未读取；已读取可见工作表{sheet}",
    ),
    "all-hidden": Template("every sheet of the workbook is hidden", "工作簿的所有工作表都已隐藏"),
    "percent-cell": Template(
        "the cell is formatted as a percentage: it shows {shown}% but holds {number}, the "
        "figure read",
        "单元格为百分比格式：显示{shown}%，实际值为{number}（按此读取）",
    ),
    "scaled-format": Template(
        "the cell's number format {format} shows another number than it holds (it holds "
        "{number}, the figure read)",
        "单元格的数字格式{format}显示的数与实际值不同（实际值{number}，按此读取）",
    ),
    "cell-error": Template("the cell holds the spreadsheet error {error}", "单元格为错误值{error}"),
    "formula-not-computed": Template(
        "the cell holds a formula whose value was never computed or saved",
        "单元格为公式，但其值从未计算或保存",
    ),
    "zip-bomb": Template(
        "the workbook unpacks to more than zjplan reads (a zip bomb?)",
        "工作簿解压后超过 zjplan 可读取的大小（压缩炸弹？）",
    ),
    "cell-twice": Template(
        "{cell} is given twice (or out of order) in the sheet's XML, so two programs could "
        "read two different values",
        "{cell}在工作表 XML 中出现两次（或顺序错乱），不同程序可能读出不同的值",
    ),
    "cell-past-end": Template(
        "a cell at row {row}, column {column} lies past the end of any sheet",
        "第{row}行第{column}列的单元格超出了任何工作表的范围",
    ),
    "bad-cell-reference": Template("a cell reference {cell} is not one", "单元格引用{cell}无效"),
    "used-range": Template(
        "the sheet's used range {range} is {rows:,} rows × {columns:,} columns; zjplan reads "
        "at most {cells:,} cells ({width} columns)",
        "工作表的使用范围{range}为{rows:,}行×{columns:,}列；zjplan 最多读取{cells:,}个单元格"
        "（{width}列）",
    ),
    "sheet-too-large": Template(
        "the sheet is too large to read (its used range, built whole, would take more than "
        "{mib} MiB or {seconds:g} s)",
        "工作表过大，无法读取（完整载入需超过{mib} MiB 或{seconds:g}秒）",
    ),
    "too-wide": Template("the sheet is over {width} columns wide", "工作表超过{width}列"),
    "used-ranges-repeat": Template(
        "the sheets' used ranges hold more than {cells:,} cells (a row or a column repeated "
        "{repeat:,} times?)",
        "各工作表的使用范围超过{cells:,}个单元格（某行或某列重复了{repeat:,}次？）",
    ),
    "workbook-unreadable": Template("not a readable workbook: {why}", "不是可读取的工作簿：{why}"),
    "xlsx-unreadable": Template(
        "not a readable .xlsx file: {why}", "不是可读取的 .xlsx 文件：{why}"
    ),
    "reader-not-started": Template(
        "not a readable workbook: the reader could not start: {why}",
        "不是可读取的工作簿：读取程序无法启动：{why}",
    ),
    "severity-error": Template("error", "错误"),
    "severity-warning": Template("warning", "警告"),
    "rows-skipped": Template(
        "zjplan: {skipped} row(s) skipped, {errors} error(s), {warnings} warning(s) in the "
        "progress files; run `zjplan check` to list them",
        "zjplan：进度文件中跳过{skipped}行，有{errors}个错误、{warnings}个警告；"
        "运行 zjplan check 查看",
    ),
    "no-progress-files": Template(
        "warning: no progress file was found in {where}", "警告：{where} 中没有找到进度文件"
    ),
    "wrote": Template("wrote {path}", "已写入 {path}"),
    "wrote-files": Template("wrote {n} files to {path}", "已写入{n}个文件到 {path}"),
    "gate-nothing-read": Template(
        "no figure was read, so nothing can pass the gate", "没有读到任何数据，门禁无法通过"
    ),
    "gate-skipped": Template(
        "{skipped} row(s) skipped because of {errors} error(s) (fix them, or pass "
        "--allow-errors to gate on the rest)",
        "因{errors}个错误跳过了{skipped}行（请修正，或加 --allow-errors 按其余数据判断）",
    ),
    "gate-failing": Template(
        "{n} target(s) at {level} or worse: {ids}", "{n}个指标为“{level}”或更差：{ids}"
    ),
    "gate-held": Template(
        "{n} target(s) at {level} or worse on uncertain figures (a partial sum, a bound), "
        "not failing (--fail-on-uncertain to fail them): {ids}",
        "{n}个指标为“{level}”或更差，但数据不确定（部分市合计或上下限），不判失败"
        "（加 --fail-on-uncertain 则判失败）：{ids}",
    ),
    # hints
    "hint-did-you-mean": Template("did you mean {guess}?", "是否为 {guess}？"),
    "hint-see-targets": Template("see `zjplan targets`", "指标编号见 zjplan targets"),
    "hint-region": Template(
        "write a region of the plan as {name}, {short} or {pinyin}",
        "请填写计划中的地区，如{name}、{short}或{pinyin}",
    ),
    "hint-fill-region": Template(
        "fill it in on every row (a merged 地区 cell: unmerge it and fill each row)",
        "请逐行填写（地区为合并单元格的，取消合并后逐行填写）",
    ),
    "hint-missing-not-zero": Template(
        "a missing figure is not zero; fill it in when known", "缺报不等于零；有数据时再填"
    ),
    "hint-fill-every-column": Template("fill in every column", "请填满每一列"),
    "hint-extra-cells": Template(
        "remove the extra cells, or quote a cell that contains a comma",
        "删除多余的单元格，或给含逗号的单元格加引号",
    ),
    "hint-digits": Template(
        "write digits, e.g. 100000, 100,000, 10万 or 1.5万",
        "请填写数字，如 100000、100,000、10万 或 1.5万",
    ),
    "hint-figure-itself": Template("write the figure itself", "请填写确数"),
    "hint-full-number": Template(
        "write the number in full: 100000, not 10⁵", "请写出完整的数字：100000，而不是 10⁵"
    ),
    "hint-one-qualifier": Template(
        "write one: 超过300, 300以上 or 约300", "只写一个：超过300、300以上 或 约300"
    ),
    "hint-remove-one": Template("remove one of the two", "删除其中之一"),
    "hint-keep-right": Template(
        "keep the right figure and delete the other", "保留正确的数值，删除另一个"
    ),
    "hint-two-files": Template(
        "two files give this figure: remove the older one, or pass --prefer newest to use "
        "the newer file's",
        "两个文件都给出了该数值：删除较旧的文件，或用 --prefer newest 采用较新的文件",
    ),
    "hint-remove-row": Template("remove this row, or correct it", "删除或更正此行"),
    "hint-remove-older": Template("remove the older file", "删除较旧的文件"),
    "hint-check-date": Template(
        "check the date column, or check the file against its own period",
        "请检查日期列，或按文件自身的期次核对",
    ),
    "hint-period-end": Template(
        "as_of is the date the figure describes: the period's last day, e.g. {end}",
        "截至日期是数据所指的日期，即期末，如{end}",
    ),
    "hint-describes": Template(
        "as_of is the date the figure describes, not a plan date", "截至日期是数据所指的日期"
    ),
    "hint-save-xlsx": Template(
        "save it as .xlsx or as CSV (WPS: 另存为 .xlsx)",
        "请另存为 .xlsx 或 CSV（WPS：另存为 .xlsx）",
    ),
    "hint-unmerge": Template(
        "unmerge it and fill in every row, so each row stands on its own", "取消合并，逐行填写"
    ),
    "hint-percent": Template(
        "type the figure itself in a cell formatted as a number (35 for 35%)",
        "请在数字格式的单元格中直接填写数值（35% 填 35）",
    ),
    "hint-scaled": Template(
        "type the whole figure (15000 for 1.5万) in a cell formatted as a number",
        "请在数字格式的单元格中填写完整数值（1.5万 填 15000）",
    ),
    "hint-save-values": Template(
        "open the file in Excel or WPS and save it, so the values are stored",
        "请用 Excel 或 WPS 打开并保存，使数值得以保存",
    ),
    "hint-fix-formula": Template(
        "fix the formula (or type the figure) and save again", "请修正公式（或直接填写数值）后保存"
    ),
    "hint-fraction": Template(
        "check the figure: a count has no fraction (a percent-formatted cell?)",
        "请核对数值：计数不应有小数（是否为百分比格式的单元格？）",
    ),
    "hint-date-format": Template(
        "format the column as a date, or write 2019-12-31",
        "请将该列设为日期格式，或写作 2019-12-31",
    ),
    "hint-unhide": Template("unhide the form's sheet", "请取消隐藏填报表"),
    "hint-ten-fold": Template(
        "10x or more: a zero typed too many or too few, or 万 written twice or left out?",
        "相差十倍以上：是否多打或少打了一个零，或重复、漏写了“万”？",
    ),
    "hint-cannot-fall": Template(
        "a count since the start cannot go down; check both figures",
        "自开始日以来的累计数不应下降；请核对两个数据",
    ),
    "hint-move-row": Template(
        "check the region, or move the row to {region}'s file",
        "请核对地区，或把此行移到{region}的文件",
    ),
    "hint-header-row": Template("add a header row", "请加上表头行"),
    "hint-delete-one": Template("delete one of the two", "删除其中之一"),
    "hint-check-year": Template("check the year", "请核对年份"),
    "hint-right-file": Template(
        "no figure needs that much text: check that this is the right file",
        "任何数据都不需要这么长的文本：请确认文件是否正确",
    ),
    "hint-closing-quote": Template(
        "no figure needs that much text: check for a missing closing quote",
        "任何数据都不需要这么长的文本：请检查是否漏了右引号",
    ),
    "hint-export-csv": Template(
        "export the sheet as CSV UTF-8, or send the .xlsx itself",
        "请将工作表导出为 CSV UTF-8，或直接报送 .xlsx",
    ),
    "hint-save-utf8": Template(
        "save the file as UTF-8 (CSV UTF-8 in Excel)",
        "请将文件另存为 UTF-8（Excel 中的 CSV UTF-8）",
    ),
    "hint-save-whole": Template(
        "save the whole file once as CSV UTF-8", "请将整个文件另存为 CSV UTF-8"
    ),
    "hint-short-lines": Template(
        "a progress file has short lines: check that this is the right file",
        "进度文件的行都很短：请确认文件是否正确",
    ),
    "hint-quote-open": Template(
        "a quote in this row is not closed: close it, or remove it",
        "此行有未闭合的引号：补上或删除",
    ),
    "hint-check-quotes": Template("check the quotes", "请检查引号"),
    "hint-save-again": Template(
        "save it again from Excel, or as CSV", "请用 Excel 重新保存，或另存为 CSV"
    ),
    "hint-not-spreadsheet": Template(
        "the file was not written by a spreadsheet program: save it again",
        "此文件不是电子表格程序写出的：请重新保存",
    ),
    "hint-open-save": Template(
        "open the file in Excel or WPS and save it again", "请用 Excel 或 WPS 打开后重新保存"
    ),
    "hint-stray-cells": Template(
        "delete the stray cells far below or to the right (Ctrl+End finds the last)",
        "请删除下方或右侧远处的多余单元格（Ctrl+End 可找到最后一个）",
    ),
    "hint-stray-or-csv": Template(
        "delete the stray cells far below or to the right, or save it as CSV",
        "请删除下方或右侧远处的多余单元格，或另存为 CSV",
    ),
    "hint-remove-escapes": Template(
        "remove terminal escapes, bidi overrides and zero-width characters",
        "请删除终端转义符、双向控制符和零宽字符",
    ),
    "hint-separators": Template(
        "such files (European Excel) write 7,5 for 7.5 and 8.000 for 8000: write the number "
        "without separators",
        "此类文件（欧洲版 Excel）把 7.5 写作 7,5、8000 写作 8.000：请写不带分隔符的数字",
    ),
    "hint-check-sign": Template("check the sign", "请核对正负号"),
    "hint-unit-in": Template("write the number in {unit}", "请以{unit}为单位填写数字"),
    "hint-unit-index": Template("write the number in index points", "请以指数点为单位填写数字"),
    "hint-unit-as": Template(
        "write the unit as {unit}, or the value without {written}",
        "单位写作{unit}，或数值中不写{written}",
    ),
    "hint-unit-as-none": Template(
        "write the unit as nothing, or the value without {written}",
        "单位留空，或数值中不写{written}",
    ),
    "hint-unit-write": Template("write {unit} (or 万{unit})", "请写{unit}（或 万{unit}）"),
    "hint-unit-none": Template("write nothing (or 万)", "单位留空（或写 万）"),
    "hint-fix-listed": Template(
        "fix the problems listed (often one mistake repeated on every row) and check again",
        "请修正列出的问题（往往是每行重复的同一错误）后再检查",
    ),
    "hint-check-path": Template("check the path", "请检查路径"),
    "hint-readable": Template(
        "make it readable or move it to a shorter path, then run again",
        "请使其可读，或移到较短的路径下，然后重新运行",
    ),
    "hint-separate-run": Template(
        "check this file in a separate run, or send large figures as CSV",
        "请单独运行检查此文件，或以 CSV 报送大量数据",
    ),
    "hint-clock": Template(
        "check the computer's clock; copy the file again to give it a true time",
        "请检查电脑时钟；重新复制文件，使其时间真实",
    ),
    "hint-columns": Template("columns: {names}", "可用的列：{names}"),
    "hint-header-needs": Template(
        "the header needs target_id, region, as_of, value (or 指标编号, 地区, 截至日期, 数值)",
        "表头需要 指标编号、地区、截至日期、数值（或 target_id, region, as_of, value）",
    ),
    "hint-header-did-you-mean": Template(
        "did you mean {guess}? the header needs target_id, region, as_of, value (or 指标编号, "
        "地区, 截至日期, 数值)",
        "是否为 {guess}？表头需要 指标编号、地区、截至日期、数值",
    ),
    "hint-date": Template(
        "write 2019-12-31, 2019-12, 2019 or 2019Q4", "请写作 2019-12-31、2019-12、2019 或 2019Q4"
    ),
    "hint-report-for": Template("report it for {region}", "请按{region}报送"),
    "hint-rank": Template("write the place, e.g. 3 or 第3", "请填写名次，如 3 或 第3"),
    "hint-state": Template(
        "write done, in_progress or not_started (已完成, 推进中, 未启动)",
        "请填写 已完成、推进中 或 未启动",
    ),
    "hint-writable": Template(
        "check that the folder exists and is writable, and that the disk has room",
        "请确认文件夹存在且可写，磁盘有空间",
    ),
    "hint-force": Template(
        "check the paths given (pass --force to replace it all the same)",
        "请检查所给路径（确需替换时加 --force）",
    ),
}

Key = EngineKey | ProblemKey
CATALOGUE: dict[str, Template] = {**ENGINE, **PROBLEMS}
