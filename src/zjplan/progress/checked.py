"""The checked path: one row of a progress file, cell by cell, every mistake reported.

Rows of the common shape never come here (fastpath.py takes them in bulk); this is where
each odd row is judged, so a city officer sees every mistake with its line and column.
"""

from __future__ import annotations

import difflib
import re
from datetime import date
from typing import assert_never

from zjplan.comparators import kind
from zjplan.csvtext import plain_text
from zjplan.errors import Severity
from zjplan.model import Plan, Target
from zjplan.numbers import (
    COUNT_UNITS,
    MILESTONE_VALUE,
    SCALES,
    CellError,
    Figure,
    date_problem,
    excel_serial_date,
    is_missing,
    normalise,
    parse_date,
    parse_figure,
    parse_rank,
    parse_state,
)
from zjplan.progress.budget import Budget
from zjplan.progress.fastpath import FastPath
from zjplan.progress.result import FileSummary
from zjplan.progress.store import Observation
from zjplan.sanitise import inert, quoted

# A comma or dot between digits: in a ;-separated file it may be a decimal mark or a
# thousands separator, and zjplan does not guess which.
_SEPARATED = re.compile(r"\d[.,]\d")


# Cells whose display format shows another number than they hold, and what to do.
DISPLAY_CODES = {
    "percent-cell": "type the figure itself in a cell formatted as a number (35 for 35%)",
    "scaled-format": "type the whole figure (15000 for 1.5万) in a cell formatted as a number",
}
SUGGESTED = 1_000  # distinct unknown ids a run looks for a "did you mean" for


class RowChecker:
    """Judges rows against the plan; knows today and the date spellings seen so far.
    Its problems go to the run's budget."""

    def __init__(self, plan: Plan, today: date, fast: FastPath, budget: Budget) -> None:
        self.plan = plan
        self.today = today
        self.fast = fast
        # Dates read so far: the date, or the problem (code, message, hint). A tuple, not
        # the CellError: an exception kept past its handler holds its frames in a cycle,
        # which the paused collector never frees (200,000 bad dates took 579 MB).
        self.dates: dict[str, date | tuple[str, str, str]] = {}
        self.suggestions: dict[str, str] = {}
        # Figures a row gave but that could not be used, and why (the chase list's causes):
        # (target id, region) -> error, not_available or formula.
        self.failed: dict[tuple[str, str], str] = {}
        self.budget = budget
        self.problem = budget.problem
        example = next((r for r in plan.regions if r.level == "city"), plan.province)
        self.region_hint = (
            f"write a region of the plan as {example.name}, {example.short} or {example.pinyin}"
        )

    def row(
        self, row: list[str], line: int, columns: dict[str, int], summary: FileSummary
    ) -> Observation | None:
        """The row's figure, or None when it has a mistake (each one reported) or is blank."""
        if summary.special and self.special(row, line, summary):
            return None
        if not any(cell.strip() for cell in row):
            return None  # blank lines are not rows
        summary.rows += 1
        width = max(columns.values()) + 1
        if len(row) < width:
            self.problem(
                summary,
                "ragged-row",
                f"{len(row)} cells, the header needs {width}",
                line,
                len(row) + 1,
                "fill in every column",
            )
            return None

        if len(row) > summary.width and any(c.strip() for c in row[summary.width :]):
            self.problem(
                summary,
                "ragged-row",
                f"{len(row)} cells, the header has {summary.width}",
                line,
                summary.width + 1,
                "remove the extra cells, or quote a cell that contains a comma",
            )
            return None

        def cell(name: str) -> str:
            index = columns.get(name)
            return row[index] if index is not None else ""

        def col(name: str) -> int:
            return columns[name] + 1

        target = self.target(cell("target_id"), line, col("target_id"), summary)
        region = self.region(cell("region"), line, col("region"), summary)
        as_of = self.as_of(cell("as_of"), line, col("as_of"), summary)
        if target is None or region is None or as_of is None:
            if target is not None and region is not None:
                self.fail(target.id, region, "error")
            return None
        raw = cell("value")
        if is_missing(raw):
            self.fail(target.id, region, "not_available")
            self.problem(
                summary,
                "not-reported",
                f"no value for {target.id} ({raw.strip() or self.empty(summary)})",
                line,
                col("value"),
                "a missing figure is not zero; fill it in when known",
                Severity.WARNING,
            )
            return None
        figure = self.value(target, raw, cell("unit"), line, columns, summary)
        if figure is None:
            self.fail(target.id, region, "error")
            return None
        if region != self.plan.province.name and target.aggregate == "none":
            self.problem(
                summary,
                "not-aggregated",
                f"{target.id} is judged on province figures only; a {region} figure is not used",
                line,
                col("region"),
                f"report it for {self.plan.province.name}",
            )
            return None
        return Observation(
            target.id,
            region,
            as_of,
            figure.value,
            self.text(cell("source"), "source", line, columns, summary),
            summary.file,
            line,
            self.text(cell("note"), "note", line, columns, summary),
            figure.qualifier,
        )

    @staticmethod
    def empty(summary: FileSummary) -> str:
        """What an empty value cell may be: in .xls and .xlsb files calamine reads an error
        cell and a formula without a value as empty too, and zjplan cannot tell them apart."""
        if summary.format in ("xls", "xlsb"):
            return f"empty, or an error or formula cell: an .{summary.format} file does not say"
        return "empty"

    def special(self, row: list[str], line: int, summary: FileSummary) -> bool:
        """Error cells and uncomputed formulas in the row (read as empty by calamine): each
        an error at its cell, never 'empty'. True when the row had one."""
        hits = [(col, summary.special[(line, col)]) for col in range(1, len(row) + 1)
                if (line, col) in summary.special]  # fmt: skip
        if not hits:
            return False
        failed = False
        for col, (code, message) in hits:
            if code in DISPLAY_CODES:  # the figure is read; the warning gives both numbers
                hint = DISPLAY_CODES[code]
                self.problem(summary, code, message, line, col, hint, Severity.WARNING)
                continue
            failed = True
            hint = (
                "open the file in Excel or WPS and save it, so the values are stored"
                if code == "formula-not-computed"
                else "fix the formula (or type the figure) and save again"
            )
            self.problem(summary, code, message, line, col, hint)
        summary.rows += failed
        if failed:
            self.fail_row(row, summary, "formula" if any(
                code == "formula-not-computed" for _, (code, _) in hits
            ) else "error")  # fmt: skip
        return failed

    def fail(self, target_id: str, region: str, cause: str) -> None:
        """Remember why a figure a row gave was not used (the first cause a figure has)."""
        if len(self.failed) < 100_000:
            self.failed.setdefault((target_id, region), cause)

    def fail_row(self, row: list[str], summary: FileSummary, cause: str) -> None:
        """As fail, for a row whose id and region were not read yet."""
        columns = summary.columns
        if "target_id" not in columns or "region" not in columns:
            return
        if max(columns["target_id"], columns["region"]) >= len(row):
            return
        target = self.plan.by_id.get(normalise(row[columns["target_id"]]))
        region = self.plan.find_region(normalise(row[columns["region"]]))
        if target is not None and region is not None:
            self.fail(target.id, region.name, cause)

    def text(
        self, raw: str, name: str, line: int, columns: dict[str, int], summary: FileSummary
    ) -> str:
        """Free text kept as given, except control and invisible characters: those are
        shown as escapes (\\x1b, \\u202e), with a warning, so no output can carry them live."""
        value = plain_text(raw.strip())  # a merged file's '=… reads back as =…
        if value.isprintable():
            return value
        safe = inert(value)
        self.problem(
            summary,
            "unsafe-text",
            f"the {name} holds control or invisible characters; kept as {quoted(safe[:60])}",
            line,
            columns[name] + 1,
            "remove terminal escapes, bidi overrides and zero-width characters",
            Severity.WARNING,
        )
        return safe

    def target(self, text: str, line: int, column: int, summary: FileSummary) -> Target | None:
        key = normalise(text)
        target = self.plan.by_id.get(key)
        if target is None and self.budget.listed(summary, Severity.ERROR):
            # The suggestion is looked for only when the problem is listed, once a spelling.
            self.budget.list_problem(
                summary,
                "unknown-target",
                f"{quoted(key)} is not a target id of the plan",
                line,
                column,
                self.suggest(key),
                Severity.ERROR,
            )
        return target

    def suggest(self, key: str) -> str:
        """'did you mean …?' for a mistyped id (ids are at most 64 characters)."""
        hint = self.suggestions.get(key)
        if hint is None:
            # At most SUGGESTED spellings a run are matched (~0.5 ms each): a file of
            # 100,000 distinct wrong ids gets its first thousand suggestions, not 50 s.
            close = (
                difflib.get_close_matches(key.lower(), list(self.plan.by_id), n=1, cutoff=0.5)
                if len(key) <= 64 and len(self.suggestions) < SUGGESTED
                else []
            )
            hint = f"did you mean {close[0]}?" if close else "see `zjplan targets`"
            if len(self.suggestions) < SUGGESTED:
                self.suggestions[key] = hint
        return hint

    def region(self, text: str, line: int, column: int, summary: FileSummary) -> str | None:
        region = self.plan.find_region(normalise(text))
        if region is None and not text.strip():
            self.problem(
                summary,
                "unknown-region",
                "the region is empty",
                line,
                column,
                "fill it in on every row (a merged 地区 cell: unmerge it and fill each row)",
            )
            return None
        if region is None:
            self.problem(
                summary,
                "unknown-region",
                f"{quoted(text.strip())} is not a region of the plan",
                line,
                column,
                self.region_hint,
            )
            return None
        return region.name

    def as_of(self, text: str, line: int, column: int, summary: FileSummary) -> date | None:
        parsed = self.dates.get(text)
        if parsed is None:
            try:
                parsed = parse_date(text)
            except CellError as exc:
                parsed = (exc.code, exc.message, exc.hint)
            if len(self.dates) < 100_000:
                self.dates[text] = parsed
        serial = excel_serial_date(text) if isinstance(parsed, tuple) else None
        if serial is not None:  # a date cell that lost its date format: 43830
            self.problem(
                summary,
                "excel-serial-date",
                f"{quoted(text.strip())} is read as an Excel date serial: {serial}",
                line,
                column,
                "format the column as a date, or write 2019-12-31",
                Severity.WARNING,
            )
            parsed = serial
        if isinstance(parsed, tuple):
            code, message, hint = parsed
            self.problem(summary, code, message, line, column, hint)
            return None
        bad = date_problem(parsed, self.today)
        if bad is not None:
            self.problem(summary, bad.code, bad.message, line, column, bad.hint)
            return None
        if serial is None:  # a serial is warned about on every row: never taken fast
            self.fast.remember(text, parsed)  # any spelling: rows key by ordinal
        return parsed

    def value(
        self,
        target: Target,
        raw: str,
        unit_cell: str,
        line: int,
        columns: dict[str, int],
        summary: FileSummary,
    ) -> Figure | None:
        """The figure of a value cell (with its unit cell), or None when it is wrong."""
        column = columns["value"] + 1
        try:
            reading = kind(target.comparator).reading
            match reading:
                case "state":
                    return Figure(MILESTONE_VALUE[parse_state(raw)], "", "exact")
                case "rank":
                    return Figure(parse_rank(raw), "", "exact")
                case "number":
                    if summary.delimiter == ";" and _SEPARATED.search(raw):
                        raise CellError(
                            "ambiguous-number",
                            f"{quoted(raw.strip())} in a file whose cells are separated by ';'",
                            "such files (European Excel) write 7,5 for 7.5 and 8.000 for 8000: "
                            "write the number without separators",
                        )
                    value, inline_unit, qualifier, written_scale = parse_figure(raw)
                case _:
                    assert_never(reading)
        except CellError as exc:
            self.problem(summary, exc.code, exc.message, line, column, exc.hint)
            return None
        expected = target.unit or ""
        if inline_unit and inline_unit != expected:
            self.problem(
                summary,
                "unit-mismatch",
                f"{quoted(raw.strip())}: unit {quoted(inline_unit)} is not "
                f"{target.id}'s unit {quoted(expected or '(none)')}",
                line,
                column,
                f"write the number in {expected or 'index points'}",
            )
            return None
        unit = normalise(unit_cell)
        if unit:
            scale = next((s for s in SCALES if unit == s + expected), "")
            if scale and written_scale:
                self.problem(
                    summary,
                    "unit-mismatch",
                    f"{quoted(raw.strip())} with unit {quoted(unit)} writes {written_scale} "
                    f"and {scale}: the value would be scaled twice",
                    line,
                    columns["unit"] + 1,
                    f"write the unit as {expected or 'nothing'}, "
                    f"or the value without {written_scale}",
                )
                return None
            if unit != scale + expected:
                self.problem(
                    summary,
                    "unit-mismatch",
                    f"unit {quoted(unit)} is not {target.id}'s unit {quoted(expected or '(none)')}",
                    line,
                    columns["unit"] + 1,
                    f"write {expected or 'nothing'} (or 万{expected})",
                )
                return None
            value *= SCALES.get(scale, 1.0)
        if target.unit in COUNT_UNITS and not value.is_integer():
            self.problem(
                summary,
                "fractional-count",
                f"{value:g} {target.unit} is not a whole number of things counted",
                line,
                column,
                "check the figure: a count has no fraction (a percent-formatted cell?)",
                Severity.WARNING,
            )
        if value < 0:
            self.problem(
                summary,
                "negative-value",
                f"{value:g} is negative; a count or level cannot be",
                line,
                column,
                "check the sign",
            )
            return None
        return Figure(value, unit, qualifier)
