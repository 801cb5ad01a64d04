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
    MILESTONE_VALUE,
    SCALES,
    CellError,
    Figure,
    date_problem,
    excel_serial_date,
    fold,
    is_missing,
    normalise,
    parse_change,
    parse_figure,
    parse_rank,
    parse_state,
    read_date,
)
from zjplan.progress.budget import Budget
from zjplan.progress.fastpath import REMEMBERED, KnownDates
from zjplan.progress.result import FileSummary
from zjplan.progress.store import Observation
from zjplan.sanitise import inert
from zjplan.wording import Words, cell, words

# A comma or dot between digits: in a ;-separated file it may be a decimal mark or a
# thousands separator, and zjplan does not guess which.
_SEPARATED = re.compile(r"\d[.,]\d")


# Cells whose display format shows another number than they hold, and what to do.
DISPLAY_CODES = {
    "percent-cell": words("hint-percent"),
    "scaled-format": words("hint-scaled"),
}
HINT_SAVE_VALUES = words("hint-save-values")
HINT_FIX_FORMULA = words("hint-fix-formula")
HINT_MISSING = words("hint-missing-not-zero")
HINT_REGION_EMPTY = words("hint-fill-region")
HINT_SEE_TARGETS = words("hint-see-targets")
REGION_EMPTY = words("region-empty")
NOT_A_DATE = date.min  # self.dates's mark of a spelling that is no date
SUGGESTED = 1_000  # distinct unknown ids a run looks for a "did you mean" for


def scaled_unit(unit: str) -> tuple[str, str]:
    """('亿', '吨') for a unit written with a scale before it ('亿吨'); ('', unit) else
    (百分点 and 百分比 are words, not a hundred 分点)."""
    if unit.startswith("百分"):
        return "", unit
    for prefix in sorted(SCALES, key=len, reverse=True):
        if unit.startswith(prefix) and len(unit) > len(prefix):
            return prefix, unit[len(prefix) :]
    return "", unit


class RowChecker:
    """Judges rows against the plan; knows today and the date spellings seen so far.
    Its problems go to the run's budget."""

    def __init__(self, plan: Plan, today: date, known: KnownDates, budget: Budget) -> None:
        self.plan = plan
        self.today = today
        self.known = known  # good date spellings, shared with the fast path
        # Dates read so far: the date, or NOT_A_DATE for a spelling that is none (its
        # problem, numbers.read_date's, is made again when it comes again: a file of
        # 200,000 distinct bad dates would otherwise keep 200,000 messages).
        self.dates: dict[str, date] = {}
        self.suggestions: dict[str, Words] = {}
        # Region cells read so far, as written, to the region they name (found ones only:
        # a region found says nothing, so reading it again from here changes nothing).
        self.regions: dict[str, str] = {}
        # Figures a row gave but that could not be used, and why (the chase list's causes):
        # (target id, region) -> error, not_available or formula.
        self.failed: dict[tuple[str, str], str] = {}
        self.columns: dict[str, int] = {}  # the last header a row came with, and the
        self.needed = 0  # cells a row of it needs
        self.budget = budget
        self.problem = budget.problem
        example = next((r for r in plan.regions if r.level == "city"), plan.province)
        self.region_hint = words(
            "hint-region", name=example.name, short=example.short, pinyin=example.pinyin
        )

    def row(
        self, row: list[str], line: int, columns: dict[str, int], summary: FileSummary
    ) -> Observation | None:
        """The row's figure, or None when it has a mistake (each one reported) or is blank."""
        if summary.special and self.special(row, line, summary):
            return None
        if not "".join(row).strip():
            return None  # blank lines are not rows
        summary.rows += 1
        if columns is not self.columns:  # a file's header, asked once a file
            self.columns, self.needed = columns, max(columns.values()) + 1
        width = self.needed
        if len(row) < width:
            self.problem(
                summary,
                "ragged-row",
                words("ragged-short", cells=len(row), width=width),
                line,
                len(row) + 1,
                words("hint-fill-every-column"),
            )
            return None

        if len(row) > summary.width and any(c.strip() for c in row[summary.width :]):
            self.problem(
                summary,
                "ragged-row",
                words("ragged-long", cells=len(row), width=summary.width),
                line,
                summary.width + 1,
                words("hint-extra-cells"),
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
        optional = region == self.plan.province.name and target.takes_city_figures
        if optional and not raw.strip():
            return None  # the province's blank for a summed target: the cities' sum stands
        if is_missing(raw):
            self.fail(target.id, region, "not_available" if raw.strip() else "empty")
            self.problem(
                summary,
                "not-reported",
                self.not_reported(target.id, raw, summary),
                line,
                col("value"),
                HINT_MISSING,
                Severity.WARNING,
            )
            return None
        figure = self.value(target, raw, cell("unit"), line, columns, summary)
        if figure is None:
            self.fail(target.id, region, "error")
            return None
        if region != self.plan.province.name and not target.takes_city_figures:
            self.problem(
                summary,
                "not-aggregated",
                words("not-aggregated", id=target.id, region=region),
                line,
                col("region"),
                words("hint-report-for", region=self.plan.province.name),
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
    def not_reported(target_id: str, raw: str, summary: FileSummary) -> Words:
        """A figure not given: as written (N/A, —), or empty, which in .xls and .xlsb files
        may also be an error cell or a formula without a value (calamine reads them as empty
        and zjplan cannot tell them apart)."""
        if raw.strip():
            return words("not-reported", id=target_id, cell=raw.strip())
        if summary.format in ("xls", "xlsb"):
            return words("not-reported-unknown", id=target_id, format=summary.format)
        return words("not-reported-empty", id=target_id)

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
            hint = HINT_SAVE_VALUES if code == "formula-not-computed" else HINT_FIX_FORMULA
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
        target = self.plan.written.get(normalise(row[columns["target_id"]]))
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
            words("unsafe-source" if name == "source" else "unsafe-note", cell=cell(safe)),
            line,
            columns[name] + 1,
            words("hint-remove-escapes"),
            Severity.WARNING,
        )
        return safe

    def target(self, text: str, line: int, column: int, summary: FileSummary) -> Target | None:
        key = normalise(text)
        target = self.plan.written.get(key)
        indicator = self.plan.indicator_of.get(key) if target is None else None
        if indicator is not None:  # robots@2023: the figure is the indicator's, for every year
            self.problem(
                summary,
                "milestone-row",
                words("milestone-row", cell=cell(key), id=indicator),
                line,
                column,
                words("hint-milestone-row", id=indicator),
            )
            return None
        if target is None and self.budget.listed(summary, Severity.ERROR):
            # The suggestion is looked for only when the problem is listed, once a spelling.
            self.budget.list_problem(
                summary,
                "unknown-target",
                words("unknown-target", cell=cell(key)),
                line,
                column,
                self.suggest(key),
                Severity.ERROR,
            )
        return target

    def suggest(self, key: str) -> Words:
        """'did you mean …?' for a mistyped id (ids are at most 64 characters)."""
        hint = self.suggestions.get(key)
        if hint is None:
            # At most SUGGESTED spellings a run are matched (~0.5 ms each): a file of
            # 100,000 distinct wrong ids gets its first thousand suggestions, not 50 s.
            close = (
                difflib.get_close_matches(key.lower(), list(self.plan.written), n=1, cutoff=0.5)
                if len(key) <= 64 and len(self.suggestions) < SUGGESTED
                else []
            )
            hint = words("hint-did-you-mean", guess=close[0]) if close else HINT_SEE_TARGETS
            if len(self.suggestions) < SUGGESTED:
                self.suggestions[key] = hint
        return hint

    def region(self, text: str, line: int, column: int, summary: FileSummary) -> str | None:
        name = self.regions.get(text)
        if name is not None:
            return name
        region = self.plan.find_region(normalise(text))
        if region is not None:
            if len(self.regions) < REMEMBERED:  # a hostile file may write each anew
                self.regions[text] = region.name
            return region.name
        if not text.strip():
            self.problem(
                summary,
                "unknown-region",
                REGION_EMPTY,
                line,
                column,
                HINT_REGION_EMPTY,
            )
            return None
        shared = self.plan.ambiguous_aliases.get(fold(normalise(text)))
        if shared:  # 鼓楼区 of two cities: the full name says which
            self.problem(
                summary,
                "unknown-region",
                words("ambiguous-region", cell=cell(text.strip()), names="、".join(shared[:5])),
                line,
                column,
                words("hint-full-region-name"),
            )
            return None
        self.problem(
            summary,
            "unknown-region",
            words("unknown-region", cell=cell(text.strip())),
            line,
            column,
            self.region_hint,
        )
        return None

    def as_of(self, text: str, line: int, column: int, summary: FileSummary) -> date | None:
        known = self.dates.get(text)
        parsed = read_date(text) if known is None or known is NOT_A_DATE else known
        if known is None and len(self.dates) < 100_000:
            self.dates[text] = parsed if isinstance(parsed, date) else NOT_A_DATE
        serial = excel_serial_date(text) if isinstance(parsed, tuple) else None
        if serial is not None:  # a date cell that lost its date format: 43830
            self.problem(
                summary,
                "excel-serial-date",
                words("excel-serial-date", cell=cell(text.strip()), day=serial),
                line,
                column,
                words("hint-date-format"),
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
            self.known.remember(text, parsed)  # any spelling: rows key by ordinal
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
                            words("ambiguous-number", cell=cell(raw.strip())),
                            words("hint-separators"),
                        )
                    read = parse_change if target.figures == "change" else parse_figure
                    value, inline_unit, qualifier, written_scale = read(raw)
                case _:
                    assert_never(reading)
        except CellError as exc:
            self.problem(summary, exc.code, exc.message, line, column, exc.hint)
            return None
        expected = target.unit or ""
        if target.points and inline_unit in ("个百分点", "百分点"):
            inline_unit = expected  # a change in points of a share in %
        prefix, base = scaled_unit(expected)
        if prefix and inline_unit == base:  # 4.0亿吨, 1800万吨 or 5吨 for a 亿吨 target
            value /= SCALES[prefix]
            inline_unit = expected
        if inline_unit and inline_unit != expected:
            self.problem(
                summary,
                "unit-mismatch",
                words(
                    "unit-inline",
                    cell=cell(raw.strip()),
                    unit=cell(inline_unit),
                    id=target.id,
                    expected=cell(expected or "(none)"),
                ),
                line,
                column,
                words("hint-unit-in", unit=expected) if expected else words("hint-unit-index"),
            )
            return None
        unit = normalise(unit_cell)
        if unit and prefix and unit != expected and not written_scale:
            # a unit column in another scale of the target's unit: 万吨 for a 亿吨 target
            given = next((s for s in ("", *SCALES) if unit == s + base), None)
            if given is not None:
                value *= SCALES.get(given, 1.0) / SCALES[prefix]
                unit = expected
        if unit:
            scale = next((s for s in SCALES if unit == s + expected), "")
            if scale and written_scale:
                self.problem(
                    summary,
                    "unit-mismatch",
                    words(
                        "unit-scaled-twice",
                        cell=cell(raw.strip()),
                        unit=cell(unit),
                        written=written_scale,
                        scale=scale,
                    ),
                    line,
                    columns["unit"] + 1,
                    words("hint-unit-as", unit=expected, written=written_scale)
                    if expected
                    else words("hint-unit-as-none", written=written_scale),
                )
                return None
            if unit != scale + expected:
                self.problem(
                    summary,
                    "unit-mismatch",
                    words(
                        "unit-mismatch",
                        unit=cell(unit),
                        id=target.id,
                        expected=cell(expected or "(none)"),
                    ),
                    line,
                    columns["unit"] + 1,
                    words("hint-unit-write", unit=expected)
                    if expected
                    else words("hint-unit-none"),
                )
                return None
            value *= SCALES.get(scale, 1.0)
        if target.counts_things and not value.is_integer():
            self.problem(
                summary,
                "fractional-count",
                words("fractional-count", value=value, unit=target.unit or ""),
                line,
                column,
                words("hint-fraction"),
                Severity.WARNING,
            )
        if value < 0 and target.counts_things:  # a balance or a rate may be negative
            self.problem(
                summary,
                "negative-value",
                words("negative-value", value=value),
                line,
                column,
                words("hint-check-sign"),
            )
            return None
        return Figure(value, unit, qualifier)
