"""Read progress reports (CSV or xlsx, one row per figure) into observations and problems.

Files are read one at a time and every row is checked on its own, so a city officer sees
every mistake of a file in one run while the good rows are still used.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import NamedTuple

from zjplan.errors import Problem, Severity
from zjplan.model import Plan, Target
from zjplan.numbers import (
    MILESTONE_VALUE,
    SCALES,
    CellError,
    is_missing,
    normalise,
    parse_date,
    parse_number,
    parse_rank,
    parse_state,
)
from zjplan.sources import Rows, SourceError, cell_ref, csv_rows, decode, find_files, read_bytes
from zjplan.sources import xlsx_rows as _xlsx_rows

EARLIEST = date(2000, 1, 1)
REQUIRED = ("target_id", "region", "as_of", "value")
OPTIONAL = ("unit", "source", "note")
HEADER_ALIASES = {
    "target_id": "target_id",
    "指标编号": "target_id",
    "region": "region",
    "地区": "region",
    "as_of": "as_of",
    "截至日期": "as_of",
    "value": "value",
    "数值": "value",
    "unit": "unit",
    "单位": "unit",
    "source": "source",
    "来源": "source",
    "note": "note",
    "备注": "note",
}
# Columns a submission template adds for the person filling it in; readers ignore them.
GUIDANCE = frozenset({"name_zh", "name_en", "measure", "指标名称", "口径", "口径说明", "说明"})


class Observation(NamedTuple):
    """One figure: what, where, as of when, how much, and where it was read."""

    target_id: str
    region: str
    as_of: date
    value: float
    source: str
    file: str
    line: int
    note: str = ""


@dataclass
class FileSummary:
    """What one file held: its format, regions, rows read and used, problems."""

    file: str
    format: str = "csv"
    encoding: str = ""
    sheet: str = ""
    rows: int = 0
    used: int = 0
    regions: set[str] = field(default_factory=set)
    owner: str | None = None
    errors: int = 0
    warnings: int = 0
    columns: dict[str, int] = field(default_factory=dict)


@dataclass
class Progress:
    """Everything read from a set of progress files."""

    observations: list[Observation] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    files: list[FileSummary] = field(default_factory=list)

    @property
    def errors(self) -> int:
        return sum(p.severity is Severity.ERROR for p in self.problems)

    @property
    def warnings(self) -> int:
        return len(self.problems) - self.errors

    @property
    def skipped(self) -> int:
        return sum(f.rows - f.used for f in self.files)


class _Reader:
    """Reads the files of one run; knows the plan and every figure seen so far."""

    def __init__(self, plan: Plan, today: date) -> None:
        self.plan = plan
        self.today = today
        self.progress = Progress()
        self.seen: dict[tuple[str, str, date], int] = {}
        self.conflicted: set[int] = set()
        self.dates: dict[str, date | CellError] = {}

    def problem(
        self,
        summary: FileSummary,
        code: str,
        message: str,
        line: int = 0,
        column: int = 0,
        hint: str = "",
        severity: Severity = Severity.ERROR,
    ) -> None:
        if severity is Severity.ERROR:
            summary.errors += 1
        else:
            summary.warnings += 1
        if summary.format == "xlsx" and line and column:
            message = f"{cell_ref(line, column)}: {message}"
        self.progress.problems.append(
            Problem(code, message, summary.file, line, column, severity, hint)
        )

    def read_file(self, path: Path) -> None:
        is_xlsx = path.suffix.lower() == ".xlsx"
        summary = FileSummary(str(path), "xlsx" if is_xlsx else "csv")
        self.progress.files.append(summary)
        try:
            if is_xlsx:
                summary.sheet, rows = _xlsx_rows(path)
            else:
                text, summary.encoding = decode(read_bytes(path))
                rows = csv_rows(text)
            self.read_rows(rows, summary)
        except SourceError as exc:
            self.problem(summary, exc.code, exc.message, exc.line, 1 if exc.line else 0, exc.hint)

    def read_rows(self, rows: Rows, summary: FileSummary) -> None:
        first = next(rows, None)
        while first is not None and not any(c.strip() for c in first[1]):
            first = next(rows, None)  # blank lines above the header
        if first is None:
            self.problem(summary, "empty-file", "the file is empty", 1, 1, "add a header row")
            return
        columns = self.header(first[0], first[1], summary)
        if columns is None:
            return
        summary.columns = columns
        for line, row in rows:
            self.row(row, line, columns, summary)

    def header(self, line: int, header: list[str], summary: FileSummary) -> dict[str, int] | None:
        columns: dict[str, int] = {}
        for index, name in enumerate(header):
            key = normalise(name).lstrip("\ufeff")
            canonical = HEADER_ALIASES.get(key.casefold())
            if canonical is None:
                if key and key not in GUIDANCE:
                    self.problem(
                        summary,
                        "unknown-column",
                        f"column {key!r} is not one zjplan reads; it is ignored",
                        line,
                        index + 1,
                        "columns: " + ", ".join(REQUIRED + OPTIONAL),
                        Severity.WARNING,
                    )
                continue
            if canonical in columns:
                self.problem(
                    summary,
                    "duplicate-column",
                    f"column {canonical!r} appears twice",
                    line,
                    index + 1,
                    "delete one of the two",
                )
                return None
            columns[canonical] = index
        missing = [c for c in REQUIRED if c not in columns]
        if missing:
            self.problem(
                summary,
                "missing-column",
                f"missing column(s): {', '.join(missing)}",
                line,
                1,
                "the header needs target_id, region, as_of, value "
                "(or 指标编号, 地区, 截至日期, 数值)",
            )
            return None
        return columns

    def row(self, row: list[str], line: int, columns: dict[str, int], summary: FileSummary) -> None:
        if not any(cell.strip() for cell in row):
            return  # blank lines are not rows
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
            return

        def cell(name: str) -> str:
            index = columns.get(name)
            return row[index] if index is not None else ""

        def col(name: str) -> int:
            return columns[name] + 1

        target = self.target(cell("target_id"), line, col("target_id"), summary)
        region = self.region(cell("region"), line, col("region"), summary)
        as_of = self.as_of(cell("as_of"), line, col("as_of"), summary)
        if target is None or region is None or as_of is None:
            return
        raw = cell("value")
        if is_missing(raw):
            self.problem(
                summary,
                "not-reported",
                f"no value for {target.id} ({raw.strip() or 'empty'})",
                line,
                col("value"),
                "a missing figure is not zero; fill it in when known",
                Severity.WARNING,
            )
            return
        value = self.value(target, raw, cell("unit"), line, columns, summary)
        if value is None:
            return
        if region != self.plan.province.name and target.aggregate == "none":
            self.problem(
                summary,
                "not-aggregated",
                f"{target.id} is judged on province figures only; a {region} figure is not used",
                line,
                col("region"),
                f"report it for {self.plan.province.name}",
            )
            return
        summary.regions.add(region)
        obs = Observation(
            target.id,
            region,
            as_of,
            value,
            cell("source").strip(),
            summary.file,
            line,
            cell("note").strip(),
        )
        self.add(obs, summary)

    def add(self, obs: Observation, summary: FileSummary) -> None:
        key = (obs.target_id, obs.region, obs.as_of)
        observations = self.progress.observations
        first_index = self.seen.get(key)
        if first_index is None:
            self.seen[key] = len(observations)
            observations.append(obs)
            summary.used += 1
            return
        first = observations[first_index]
        where = f"{first.file}:{first.line}"
        column = summary.columns["value"] + 1
        if first.value == obs.value:
            self.problem(
                summary,
                "duplicate-row",
                f"the same figure is already given at {where}",
                obs.line,
                column,
                "remove one of the two",
                Severity.WARNING,
            )
            return
        self.problem(
            summary,
            "conflicting-value",
            f"{obs.target_id} for {obs.region} at {obs.as_of} is {obs.value:g} here but "
            f"{first.value:g} at {where}; neither is used",
            obs.line,
            column,
            "keep the right figure and delete the other",
        )
        self.conflicted.add(first_index)

    def target(self, text: str, line: int, column: int, summary: FileSummary) -> Target | None:
        key = normalise(text)
        target = self.plan.by_id.get(key)
        if target is None:
            close = difflib.get_close_matches(key.lower(), list(self.plan.by_id), n=1, cutoff=0.5)
            self.problem(
                summary,
                "unknown-target",
                f"{key!r} is not a target id of the plan",
                line,
                column,
                f"did you mean {close[0]}?" if close else "see `zjplan targets`",
            )
        return target

    def region(self, text: str, line: int, column: int, summary: FileSummary) -> str | None:
        region = self.plan.find_region(normalise(text))
        if region is None:
            self.problem(
                summary,
                "unknown-region",
                f"{text.strip()!r} is not a region of the plan",
                line,
                column,
                "write a city as 宁波市, 宁波 or Ningbo",
            )
            return None
        return region.name

    def as_of(self, text: str, line: int, column: int, summary: FileSummary) -> date | None:
        parsed = self.dates.get(text)
        if parsed is None:
            try:
                parsed = parse_date(text)
            except CellError as exc:
                parsed = exc
            if len(self.dates) < 100_000:
                self.dates[text] = parsed
        if isinstance(parsed, CellError):
            self.problem(summary, parsed.code, parsed.message, line, column, parsed.hint)
            return None
        if parsed > self.today:
            self.problem(
                summary,
                "date-in-future",
                f"{parsed} is after today ({self.today})",
                line,
                column,
                "as_of is the date the figure describes, not a plan date",
            )
            return None
        if parsed < EARLIEST:
            self.problem(
                summary,
                "date-too-old",
                f"{parsed} is before {EARLIEST}",
                line,
                column,
                "check the year",
            )
            return None
        return parsed

    def value(
        self,
        target: Target,
        raw: str,
        unit_cell: str,
        line: int,
        columns: dict[str, int],
        summary: FileSummary,
    ) -> float | None:
        column = columns["value"] + 1
        try:
            if target.comparator == "milestone":
                return MILESTONE_VALUE[parse_state(raw)]
            if target.comparator == "rank_top":
                return parse_rank(raw)
            value, inline_unit = parse_number(raw)
        except CellError as exc:
            self.problem(summary, exc.code, exc.message, line, column, exc.hint)
            return None
        expected = target.unit or ""
        if inline_unit and inline_unit != expected:
            self.problem(
                summary,
                "unit-mismatch",
                f"{raw.strip()!r}: unit {inline_unit!r} is not "
                f"{target.id}'s unit {expected or '(none)'!r}",
                line,
                column,
                f"write the number in {expected or 'index points'}",
            )
            return None
        unit = normalise(unit_cell)
        if unit:
            scale = next((s for s in SCALES if unit == s + expected), "")
            if unit != scale + expected:
                self.problem(
                    summary,
                    "unit-mismatch",
                    f"unit {unit!r} is not {target.id}'s unit {expected or '(none)'!r}",
                    line,
                    columns["unit"] + 1,
                    f"write {expected or 'nothing'} (or 万{expected})",
                )
                return None
            value *= SCALES.get(scale, 1.0)
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
        return value

    def finish(self) -> Progress:
        from zjplan.crosscheck import cross_check

        progress = self.progress
        if self.conflicted:
            obs = progress.observations
            progress.observations = [o for i, o in enumerate(obs) if i not in self.conflicted]
            by_file = {f.file: f for f in progress.files}
            for i in self.conflicted:
                by_file[obs[i].file].used -= 1
        progress.problems += cross_check(self.plan, progress)
        order = {f.file: i for i, f in enumerate(progress.files)}
        progress.problems.sort(key=lambda p: (order.get(p.file, -1), p.line, p.column))
        return progress


def read_progress(paths: Iterable[Path], plan: Plan, today: date | None = None) -> Progress:
    """Read every CSV and xlsx file named, or found under the directories named."""
    reader = _Reader(plan, today or date.today())
    for path in find_files(paths):
        reader.read_file(path)
    return reader.finish()


def read_progress_text(
    text: str, plan: Plan, file: str = "<text>", today: date | None = None
) -> Progress:
    """Read one CSV document given as text (for tests and scripts)."""
    reader = _Reader(plan, today or date.today())
    summary = FileSummary(file, "csv", "text")
    reader.progress.files.append(summary)
    try:
        reader.read_rows(csv_rows(text), summary)
    except SourceError as exc:
        reader.problem(summary, exc.code, exc.message, exc.line, 1, exc.hint)
    return reader.finish()
