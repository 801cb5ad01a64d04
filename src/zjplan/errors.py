"""Problems found in input, the fatal error that carries them, and the exit codes."""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum, StrEnum
from typing import NamedTuple

from zjplan.numbers import EARLIEST
from zjplan.wording import NOT_TOLD, Said, Told, say, says, told


class ExitCode(IntEnum):
    """What zjplan's exit status means; documented in the README."""

    OK = 0
    FAILED = 1  # a check found errors, or a target is at or past --fail-on
    BAD_INPUT = 2  # bad option, unreadable or invalid plan
    SOFTWARE = 70  # a bug in zjplan
    INTERRUPTED = 130


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


class Entry(NamedTuple):
    """One problem code: its usual severity, what it means, and how to fix it."""

    severity: str
    where: str
    meaning: str
    fix: str


# Every problem code zjplan can report. docs/errors.md is generated from this table.
CATALOGUE: dict[str, Entry] = {
    # Files
    "file-not-found": Entry(
        "error",
        "any file",
        "The file does not exist or cannot be read.",
        "Check the path and the file's permissions.",
    ),
    "not-a-file": Entry(
        "error",
        "any file",
        "The path is a FIFO, a device or something else that is not a regular file (whatever its name: .xlsx, .yaml); it is not read.",
        "Name a regular file.",
    ),
    "file-time-in-future": Entry(
        "warning",
        "progress",
        "The file's modification time lies in the future (an old copy touched to 2099, or a wrong clock): under --prefer newest it is never taken as the newer file.",
        "Check the clock of the computer that wrote it, and copy the file again.",
    ),
    "would-lose-figures": Entry(
        "error",
        "merge",
        "The merged file to write already holds more figures than the merge made (an empty or wrong folder given, say): it is not replaced.",
        "Check the paths given; pass --force to replace it all the same.",
    ),
    "folder-not-read": Entry(
        "error",
        "progress",
        "A folder under the paths given cannot be listed (no permission, a path too long, an I/O error): none of its files is read, and the run says so as an error rather than leaving them out.",
        "Make the folder readable (or move it to a shorter path) and run again.",
    ),
    "file-too-large": Entry(
        "error",
        "any file",
        "The file is larger than zjplan reads (plan: 5 MiB, progress: 200 MiB).",
        "Split the file, or check that it is the right one.",
    ),
    "empty-file": Entry(
        "error",
        "progress",
        "The file has no header row.",
        "Add the header target_id,region,as_of,value (or 指标编号,地区,截至日期,数值).",
    ),
    "binary-file": Entry(
        "error",
        "progress",
        "The file contains NUL bytes: it is not text (a UTF-16 file without BOM, or a binary file).",
        "Export the sheet as CSV UTF-8, or send the .xlsx itself.",
    ),
    "not-utf8": Entry(
        "error", "plan", "The plan file is not valid UTF-8.", "Save the plan as UTF-8."
    ),
    "bad-encoding": Entry(
        "error", "progress", "A line is neither UTF-8 nor GB18030.", "Save the file as CSV UTF-8."
    ),
    "mixed-encoding": Entry(
        "warning",
        "progress",
        "The file mixes UTF-8 and GB18030 lines (pasted from two sources); each line was decoded on its own.",
        "Save the whole file once as CSV UTF-8.",
    ),
    "bad-csv": Entry(
        "error",
        "progress",
        "The CSV is malformed (a quote never closed, a stray quote). The rows before it are "
        "read; reading stops at the row that starts at the line given.",
        "Fix the quotes in the row starting at that line.",
    ),
    "cell-too-long": Entry(
        "error",
        "progress",
        "A cell is longer than 16 KiB (16,384 characters); reading stops at that line.",
        "Check for a missing closing quote.",
    ),
    "bad-xlsx": Entry(
        "error",
        "progress",
        "The .xlsx file cannot be read as a workbook.",
        "Save it again from Excel, or send CSV.",
    ),
    "xlsx-too-large": Entry(
        "error",
        "progress",
        "The workbook unpacks to more than 100 MiB, a sheet's used range is over 2,000,000 cells or 1000 columns (a cell far away), or a cell lies past any sheet's end; it is not parsed.",
        "Save it again from Excel, delete stray cells, or send CSV.",
    ),
    "run-budget-spent": Entry(
        "error",
        "progress",
        "The run has already unpacked 1 GiB of workbooks (the sum of their unzipped sizes, or their sizes for .xls and .xlsb); this workbook is not parsed, so that a folder of workbook bombs costs a bounded time.",
        "Check the files named in smaller batches, or send large figures as CSV.",
    ),
    "ambiguous-number": Entry(
        "error",
        "progress",
        "A number with a comma or a dot in a file separated by ';' (European Excel), where 7,5 means 7.5 and 8.000 means 8000; zjplan does not guess.",
        "Write the number without separators: 95125, 8000, 7.5 in a comma-separated file.",
    ),
    "cannot-write": Entry(
        "error",
        "output",
        "An output file or folder cannot be written: the folder is missing or read-only, the disk is full, or the path is a link, a device or a folder zjplan will not replace.",
        "Check the path, the folder's permissions and the free space; name a regular file (or - for standard output).",
    ),
    "cell-error": Entry(
        "error",
        "progress",
        "A spreadsheet cell holds an error (#DIV/0!, #REF!, #N/A …) instead of a figure; it is never read as empty.",
        "Fix the formula, or type the figure, and save again.",
    ),
    "formula-not-computed": Entry(
        "error",
        "progress",
        "A spreadsheet cell holds a formula whose value was never computed or saved (written by a program, not by Excel or WPS).",
        "Open the file in Excel or WPS and save it, so the values are stored.",
    ),
    "percent-cell": Entry(
        "warning",
        "progress",
        "A figure's cell is formatted as a percentage: it shows 35% but holds 0.35, and 0.35 is the figure read.",
        "Type the figure itself (35) in a cell formatted as a number.",
    ),
    "scaled-format": Entry(
        "warning",
        "progress",
        'A figure\'s number format shows another number than the cell holds (0"万" shows 1.5 as 2万; #,##0, divides by 1000); the number held is the figure read.',
        "Type the whole figure (15000) in a cell formatted as a number.",
    ),
    "merged-cell": Entry(
        "warning",
        "progress",
        "A merged cell spans several rows of the form (地区 merged down a city's rows): its value is read for each row it covers.",
        "Unmerge it and fill in every row, so each row stands on its own.",
    ),
    "excel-serial-date": Entry(
        "warning",
        "progress",
        "A date cell holds a five-digit number (43830): it is read as Excel's date serial (2019-12-31), with this warning.",
        "Format the column as a date, or write 2019-12-31.",
    ),
    "fractional-count": Entry(
        "warning",
        "progress",
        "A figure in a unit of things counted (家, 个, 项, 台, 名, 座) has a fraction: 3.5 项.",
        "Check the figure (a percent-formatted or scaled cell?).",
    ),
    "wrong-period": Entry(
        "warning",
        "progress",
        "With --period: figures dated outside the period checked (the message names the period the date is in, and when the date looks like the day the form was filled in).",
        "Write the date the figure describes (the period's last day), or check the file against its own period.",
    ),
    "file-not-read": Entry(
        "error",
        "progress",
        "A file in the submissions is of a kind zjplan does not read (.et, .numbers, .txt, .pdf …); it is listed, its figures are not used.",
        "Save it as .xlsx or CSV (WPS: 另存为 .xlsx) and check again.",
    ),
    "line-too-long": Entry(
        "error",
        "progress",
        "A line of the file is over a million characters long (no line breaks?); reading stops there.",
        "Check that this is the right file, saved as CSV.",
    ),
    "xlsx-repeated-cell": Entry(
        "error",
        "progress",
        "A cell is given twice (or out of order) in the sheet's XML, so two programs could read two different values; the sheet is not read.",
        "Open the file in Excel or WPS and save it again.",
    ),
    "hidden-sheet": Entry(
        "warning",
        "progress",
        "The workbook has hidden sheets; only visible sheets are read, the template's 进度填报 first.",
        "Unhide the form's sheet, or delete the hidden ones.",
    ),
    "file-name-encoding": Entry(
        "warning",
        "progress",
        "The file's name is not UTF-8 (a zip made on Chinese Windows); it is shown decoded as GB18030.",
        "Rename the file, or unzip with a tool that converts names.",
    ),
    # Plan (YAML)
    "yaml-syntax": Entry(
        "error",
        "plan",
        "The YAML is malformed (indentation, a tab, an unclosed bracket or quote).",
        "Fix the syntax at the position given.",
    ),
    "yaml-alias": Entry(
        "error",
        "plan",
        "YAML anchors and aliases (&a / *a) are refused: they can expand without bound.",
        "Write the value out in full.",
    ),
    "yaml-tag": Entry(
        "error",
        "plan",
        "A YAML tag (!!python/…, !!binary, !!set) is refused: the plan holds plain values only.",
        "Remove the tag.",
    ),
    "yaml-too-deep": Entry(
        "error",
        "plan",
        "The YAML nests deeper than any plan needs (64 levels).",
        "Flatten the structure.",
    ),
    "duplicate-key": Entry(
        "error",
        "plan",
        "A mapping has the same key twice; YAML would silently keep the last.",
        "Keep one of the two keys.",
    ),
    "unknown-key": Entry(
        "error",
        "plan",
        "A key the plan format does not define (often a typo).",
        "Remove or rename it; see `zjplan schema plan`.",
    ),
    "missing-key": Entry("error", "plan", "A required key is missing.", "Add the key."),
    "wrong-type": Entry(
        "error",
        "plan",
        "A value has the wrong type (text for a number, `yes` for true, `010`).",
        "Write a value of the type named.",
    ),
    "invalid-value": Entry(
        "error",
        "plan",
        "A value breaks a rule of the plan format (about without tolerance, rank_top without top, an impossible date).",
        "Follow the rule named in the message.",
    ),
    "duplicate-id": Entry(
        "error", "plan", "Two targets share one id.", "Give each target its own id."
    ),
    "unknown-reference": Entry(
        "error",
        "plan",
        "A target names a task or a region the plan does not define.",
        "Use a milestone id or region name of the plan.",
    ),
    # Progress: header and rows
    "missing-column": Entry(
        "error",
        "progress",
        "The header lacks a required column.",
        "The header needs target_id, region, as_of, value (or 指标编号, 地区, 截至日期, 数值).",
    ),
    "duplicate-column": Entry(
        "error",
        "progress",
        "A column appears twice in the header (e.g. value and 数值).",
        "Delete one of the two.",
    ),
    "unknown-column": Entry(
        "warning",
        "progress",
        "A column zjplan does not read; it is ignored.",
        "Remove it, or rename it to target_id, region, as_of, value, unit, source or note.",
    ),
    "ragged-row": Entry(
        "error",
        "progress",
        "A row has fewer cells than the header needs, or more than it has.",
        "Fill in every column; quote a cell that contains a comma.",
    ),
    "unknown-target": Entry(
        "error",
        "progress",
        "The target id is not one of the plan's.",
        "Use the id the hint suggests; see `zjplan targets`.",
    ),
    "milestone-row": Entry(
        "error",
        "progress",
        "The row names one milestone of a target (robots@2023); figures are written once,"
        " under the target's own id, and every milestone is judged on them.",
        "Write the figure under the id the message names.",
    ),
    "change-unsigned": Entry(
        "error",
        "progress",
        "The target's figures are changes since its baseline, and the cell says neither"
        " which way (下降, 提高) nor gives a sign: a fall and a rise cannot be told apart.",
        "Write the change as published: 下降4.2% or -4.2 for a fall, 提高4.2% or +4.2 for a rise.",
    ),
    "part-exceeds-whole": Entry(
        "warning",
        "progress",
        "A part (其中, the plan's `part_of`) is above its whole for the same region and date.",
        "Check both figures: one of them is likely in another unit or scope.",
    ),
    "unknown-region": Entry(
        "error",
        "progress",
        "The region is not one of the plan's.",
        "Write a region of the plan by its full name, short name or pinyin (宁波市, 宁波 or Ningbo in the shipped plan).",
    ),
    "bad-date": Entry(
        "error",
        "progress",
        "as_of is not a date, or not a calendar date.",
        "Write 2019-12-31, 2019-12, 2019 or 2019Q4.",
    ),
    "date-in-future": Entry(
        "error",
        "progress",
        "as_of is after today: it must be the date the figure describes.",
        "Check the year; a plan's deadline is not an as_of.",
    ),
    "date-too-old": Entry(
        "error", "progress", f"as_of is before {EARLIEST:%Y-%m-%d}.", "Check the year."
    ),
    "not-a-number": Entry(
        "error",
        "progress",
        "The value is not a number as people write it (十万, 1_000, nan, 1e309).",
        "Write digits: 100000, 100,000, 10万 or 1.5万.",
    ),
    "not-a-rank": Entry(
        "error", "progress", "A rank target's value is not a place.", "Write the place: 3 or 第3."
    ),
    "not-a-state": Entry(
        "error",
        "progress",
        "A task's value is not a milestone state.",
        "Write done, in_progress or not_started (已完成, 推进中, 未启动).",
    ),
    "unit-mismatch": Entry(
        "error",
        "progress",
        "The unit (in the unit column or after the number) is not the target's.",
        "Write the number in the target's unit, e.g. 台 or 万台.",
    ),
    "negative-value": Entry(
        "error", "progress", "A count or level is negative.", "Check the sign."
    ),
    "not-reported": Entry(
        "warning",
        "progress",
        "The value is N/A, - or empty: the figure is not reported (it is never read as zero).",
        "Fill it in when it is known.",
    ),
    "not-aggregated": Entry(
        "error",
        "progress",
        "A city figure for a target judged on province figures only (an index, a rank, a task).",
        "Report it for the province.",
    ),
    "unsafe-text": Entry(
        "warning",
        "progress",
        "A source or note holds control or invisible characters (terminal escapes, bidi overrides, zero-width); they are kept as visible escapes.",
        "Remove them from the cell.",
    ),
    # Across rows and files
    "duplicate-row": Entry(
        "warning",
        "progress",
        "The same figure (target, region, date, value) is given twice; one is used.",
        "Remove one of the two.",
    ),
    "conflicting-value": Entry(
        "error",
        "progress",
        "The same target, region and date have two different values, in one file or in two files of one region; neither is used.",
        "Keep the right figure and delete the other; of two files, remove the older one or pass --prefer newest.",
    ),
    "conflict-resolved": Entry(
        "warning",
        "progress",
        "Two figures for one target, region and date differ, and one stands: the region's own file beats another region's file, or (with --prefer newest) the newer file beats the older.",
        "Remove or correct the figure that gave way.",
    ),
    "foreign-region": Entry(
        "warning",
        "progress",
        "A row for another region in what looks like one city's file (by its name or most rows).",
        "Check the region, or move the row to that region's file.",
    ),
    "too-many-problems": Entry(
        "error or warning",
        "progress",
        "A file has more than 10,000 problems: 10,000 are listed, the rest only counted (in "
        "the totals and the exit code). An error when an unlisted one is.",
        "Fix the problems listed (often one mistake repeated on every row) and check again.",
    ),
    "value-decreased": Entry(
        "warning",
        "progress",
        "A count (新增, 累计, or a count unit) falls from one date to the next.",
        "Check both figures: a count since the start cannot go down.",
    ),
    "ten-fold-jump": Entry(
        "warning",
        "progress",
        "A value is 10× or more above or below the region's previous one (an extra or a missing zero, a 万 slip).",
        "Check both figures.",
    ),
}


def catalogue_markdown() -> str:
    """docs/errors.md: every problem code, its severity, meaning and fix."""
    lines = [
        "# zjplan problem codes",
        "",
        "Generated by `zjplan errors --format markdown` from `src/zjplan/errors.py`; a test",
        "fails when this file and the code differ. Each problem is printed as",
        "`file:line:column: severity[code]: message (hint)`.",
        "",
        "| code | severity | in | meaning | fix |",
        "|---|---|---|---|---|",
    ]
    for code, e in CATALOGUE.items():
        cells = (f"`{code}`", e.severity, e.where, e.meaning, e.fix)
        lines.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
    return "\n".join(lines) + "\n"


@dataclass(frozen=True, slots=True)
class Problem:
    """One located mistake in an input file."""

    code: str
    message: str
    file: str
    line: int = 0
    column: int = 0
    severity: Severity = Severity.ERROR
    hint: str = ""
    # The keys and values of the message and the hint, when they were said from the
    # catalogue (wording.py), packed: JSON writes them out as "params", so a machine need
    # not parse the English; the Chinese view fills the same values into its templates.
    params: Told = NOT_TOLD

    @classmethod
    def said(
        cls,
        code: str,
        message: Said,
        file: str,
        line: int = 0,
        column: int = 0,
        severity: Severity = Severity.ERROR,
        hint: str = "",
    ) -> Problem:
        """A problem whose message (and hint) come from the catalogue, with their params."""
        params = told(message, hint)
        return cls(code, str(message), file, line, column, severity, str(hint), params)

    def say(self, lang: str) -> tuple[str, str]:
        """The message and the hint in a language (as they are when not from the catalogue)."""
        if lang == "en" or not self.params:
            return self.message, self.hint
        return self.params.say(lang)

    @property
    def place(self) -> str:
        """``file:line:column``, or the file alone when the problem has no line."""
        return f"{self.file}:{self.line}:{self.column or 1}" if self.line else self.file

    def format(self, lang: str = "en") -> str:
        """The compiler-style one-liner: ``file:line:column: error[code]: message (hint)``;
        in Chinese ``…: 错误[code]: 消息（提示）``."""
        if lang == "en":
            text = f"{self.place}: {self.severity}[{self.code}]: {self.message}"
            return f"{text} ({self.hint})" if self.hint else text
        message, hint = self.say(lang)
        severity = say(says(f"severity-{self.severity}"), lang)  # type: ignore[arg-type]
        text = f"{self.place}: {severity}[{self.code}]: {message}"
        return f"{text}（{hint}）" if hint else text


class ZjplanError(Exception):
    """A fatal input error: the operation cannot go on. Carries every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(p.format() for p in problems))
        self.problems = problems
