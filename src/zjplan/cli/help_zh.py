"""``--help`` in Chinese (``--lang zh``, ``$ZJPLAN_LANG=zh`` or a Chinese locale): each
command's and option's help text, keyed by the command's name and by the English text.
An English text without a Chinese one stays English (tests/test_help_zh.py fails then)."""

from __future__ import annotations

from typing import Any

ROOT = "计划各项目标的完成进度：谁的目标、差多少、较上期有何变化（内置：浙政办发〔2018〕10号）。"

COMMANDS = {
    "status": "各项目标的完成进度：已完成、正常推进、存在风险、滞后、未达成。\n\n"
    "格式：table（终端）、json、markdown（CI 摘要）、csv（Excel）、junit（测试报告）、"
    "html（单个网页）、xlsx（工作簿）、docx（Word 通报；--letterhead 加红头）。"
    "指定 --fail-on 时，写出报告后若有显示的目标达到该状态或更差，退出码为 1。",
    "report": "CI 需要发布的全部文件：status.md、status.json、status.html、status.xlsx、"
    "status.docx、junit.xml，以及每个市一页（region-ningbo.html 等）。",
    "cities": "各市对比：每个按市汇总的指标在各市的最新数据、占全省比重（或对分解目标的进度）、"
    "各市合计与全省数据；未报送的市显示“—”。",
    "explain": "一个目标的全部情况：原文、责任单位、所用数据、每项数值的公式。",
    "check": "检查计划和每份报送文件；逐条列出错误的位置和改法。\n\n"
    "每个问题一行：文件:行:列: error[代码]: 说明（提示）。没有错误时退出码为 0"
    "（--strict：也没有警告和缺报），有错误为 1，zjplan 无法运行（选项有误、计划无法读取）为 2。",
    "template": "报送模板：该地区应报的每个目标一行，数值留空。",
    "merge": "把无误的报送合并为一个标准 CSV（编号、地区全称、ISO 日期，排好序）。\n\n"
    "仍有错误时不写出，除非指定 --skip-errors（并列出未采用的行）。"
    "文件原子写入：失败时旧文件保持不变。",
    "targets": "按原文列出计划的每个目标。",
    "errors": "zjplan 报告的每个问题代码：严重程度、含义、改法。",
    "schema": "输出 zjplan 文件的 JSON Schema，供编辑器和其他工具使用。",
}

OPTIONS = {
    "The plan file.": "计划文件。",
    "A progress CSV file or a directory of them; repeat for more. Default: data/progress/ "
    "when it exists.": "进度数据 CSV 文件或其目录，可重复指定。默认：data/progress/（如存在）。",
    "Judge the plan as it stood on this date (2019-12-31, 2019-12, 2019Q4); default: the "
    "date of the latest figure.": "按此日期评估（2019-12-31、2019-12、2019Q4）；"
    "默认：多数数据所到的报告期末。",
    "A city (宁波市, 宁波 or Ningbo in the shipped plan); default: the province.": "某个市"
    "（宁波市、宁波或 Ningbo）；默认：全省。",
    "Only targets this 责任单位 owns.": "只看该责任单位的目标。",
    "Only these statuses, comma-separated, e.g. behind,at_risk.": "只看这些状态，逗号分隔，"
    "如 behind,at_risk。",
    "Output format; default: from --output's extension, else table.": "输出格式；默认：按 "
    "--output 的扩展名，否则为 table。",
    "Write the report here (atomically) instead of stdout.": "把报告（原子地）写入此文件，"
    "而不是标准输出。",
    "Exit 1 when a shown target is at this status or worse (at_risk < behind < missed), "
    "after writing the report.": "写出报告后，若有显示的目标达到此状态或更差"
    "（at_risk < behind < missed），退出码为 1。",
    "With --fail-on: an uncertain verdict (a sum some cities are missing from, a bound) "
    "fails too; by default it is listed and does not.": "配合 --fail-on：存疑的结论"
    "（缺市的合计、上下限数据）也算失败；默认只列出、不算失败。",
    "With --fail-on: gate on the rows that were read even when others had errors.": "配合 "
    "--fail-on：即使有行出错，也按已读取的行判断。",
    "Language of labels and names (default: $ZJPLAN_LANG, else en).": "标签和名称的语言"
    "（默认：$ZJPLAN_LANG，否则按系统语言）。",
    "Say how each file was read.": "说明每个文件是如何读取的。",
    "Only the headline and what needs attention, worst first.": "只显示概况和需关注的目标"
    "（最严重的在前）。",
    "Replace an output file even when it is read-only.": "即使输出文件只读也替换。",
    "document (default), status (worst first), gap (most behind schedule first) or owner "
    "(the most behind owner's targets first).": "document（默认，按原文顺序）、status（最严重"
    "在前）、gap（最落后于序时进度在前）或 owner（最落后的责任单位在前）。",
    "Only this section: 二(十六), (十六), 十六 or 16.": "只看这一部分："
    "二(十六)、(十六)、十六或 16。",
    "Compare with this earlier date or period (2019Q3, 2019-09-30): each target's figure "
    "and status then and now, and what moved.": "与此前的日期或期次比较（2019Q3、"
    "2019-09-30）：每个目标当时与现在的数据和状态，以及变化。",
    "List targets without data one by one (table only).": "逐个列出无数据的目标（仅 table）。",
    "A letterhead (YAML: issuer, number, to, signer, date, cc) for the Word 通报: 红头, "
    "发文字号, 主送, 落款 and 成文日期 as GB/T 9704-2012 lays them out.": "Word 通报的版头"
    "（YAML：issuer、number、to、signer、date、cc）：按 GB/T 9704-2012 排出红头、发文字号、"
    "主送机关、落款和成文日期。",
    "Folder to write into.": "写入的文件夹。",
    "The target's id (or a part naming one), e.g. robots.": "目标编号（或能唯一指出它的一部分、"
    "中文名的一部分），如 robots、机器人。",
    "Also show the target at this earlier date or period (2019Q3).": "同时显示该目标在此前"
    "日期或期次（2019Q3）的情况。",
    "Submission files (.csv, .xlsx) or folders; default: data/progress/.": "报送文件"
    "（.csv、.xlsx）或文件夹；默认：data/progress/。",
    "Output format.": "输出格式。",
    "Show who reported what for this period: 2019Q4, 2019-12, 2019.": "显示此期次各地区的"
    "报送情况：2019Q4、2019-12、2019。",
    "With --period: 'all', or the regions expected, comma-separated (宁波,杭州 in the "
    "shipped plan).": "配合 --period：'all'，或应报送的地区，逗号分隔（如 宁波,杭州）。",
    "Fail on warnings and missing figures too.": "有警告或缺报也算失败。",
    "newest: when two files of one region give one figure differently, use the newer "
    "file's (by modification time) instead of neither.": "newest：同一地区两个文件对同一数据"
    "不一致时，采用较新的文件（按修改时间），而不是都不采用。",
    "With --period: write the chase list here (.csv, .xlsx or .md): one row per region and "
    "missing figure with its cause, and a reminder to send.": "配合 --period：把催报清单写入"
    "此文件（.csv、.xlsx 或 .md）：每个地区每项缺报一行，附原因和催报提醒。",
    "The reporting region by name, short name or pinyin (e.g. 宁波 or Ningbo).": "报送地区，"
    "全称、简称或拼音（如 宁波或 Ningbo）。",
    "The period: 2019Q4, 2019-12 or 2019.": "期次：2019Q4、2019-12 或 2019。",
    "csv or xlsx; default: from --output, else csv.": "csv 或 xlsx；默认：按 --output，"
    "否则为 csv。",
    "Write here instead of stdout.": "写入此文件，而不是标准输出。",
    "Submission files or folders.": "报送文件或文件夹。",
    "The merged CSV to write.": "要写出的合并 CSV。",
    "Write the clean rows even when some have errors.": "即使有行出错，也写出无误的行。",
    "Only targets this 责任单位 owns, e.g. 省经信委.": "只看该责任单位的目标，如 省经信委。",
    "Only this section and its tasks, e.g. 二(九) or 一.": "只看这一部分及其任务，"
    "如 二(九) 或 一。",
    "One problem code, e.g. not-a-number.": "一个问题代码，如 not-a-number。",
    "Which schema.": "哪一种 Schema。",
    "Print the version.": "显示版本。",
    "Install completion for the current shell.": "为当前 shell 安装命令补全。",
    "Show completion for the current shell, to copy it or customize the installation.": "显示"
    "当前 shell 的命令补全脚本，以便复制或自行安装。",
}


def translate(command: Any) -> None:
    """Put the Chinese help on a click command (and its subcommands and options), keeping
    each English help's example lines (``Example: zjplan …``)."""
    name = getattr(command, "name", "")
    zh = ROOT if hasattr(command, "commands") and name not in COMMANDS else COMMANDS.get(name)
    if zh is not None and command.help:
        examples = [line for line in command.help.splitlines() if line.startswith("Example:")]
        command.help = zh + "".join(f"\n\n示例：{line[len('Example: ') :]}" for line in examples)
        command.short_help = zh.split("\n", 1)[0]
    for param in command.params:
        if getattr(param, "help", None) in OPTIONS:
            param.help = OPTIONS[param.help]
    for sub in getattr(command, "commands", {}).values():
        translate(sub)
