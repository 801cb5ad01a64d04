"""Batch checks of submissions: every problem, each file's summary, and who is missing."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from zjplan.base import Model
from zjplan.errors import Problem, Severity
from zjplan.model import Plan
from zjplan.numbers import parse_period
from zjplan.progress import Progress, read_progress
from zjplan.progress.sources import Inputs
from zjplan.wording import says


@dataclass(frozen=True, slots=True)
class FileReport:
    """One file: how it was read, what it covers, how many rows it held and used.

    A slotted dataclass rather than a model: a batch may hold 100,000 of them."""

    file: str
    format: str
    encoding: str
    sheet: str
    owner: str | None
    regions: list[str]
    rows: int
    used: int
    errors: int
    warnings: int


# complete; partial; sent files none of which could be read; sent figures of another period
# only; sent nothing.
CompletenessState = Literal["complete", "partial", "sent_unreadable", "wrong_period", "not_sent"]


# Why a figure the region owes is missing: no row gave it; a row gave it with a mistake;
# N/A; a cell left empty; a formula saved without its value; dated in another period; two
# files disagree; the region's files could not be read.
MissingCause = Literal[
    "not_sent",
    "error",
    "not_available",
    "empty",
    "formula",
    "wrong_period",
    "conflict",
    "unreadable",
]


class RegionCompleteness(Model):
    """What one region reported for the period, and what it still owes."""

    region: str
    expected: int
    reported: int
    missing: list[str]
    files: list[str]
    state: CompletenessState = "not_sent"
    sent: list[str] = field(default_factory=list)  # files that look like the region's
    causes: dict[str, MissingCause] = field(default_factory=dict)  # missing id -> why
    contact: str | None = None  # from the plan's region, for the reminder


class Completeness(Model):
    period: str
    start: date
    end: date
    regions: list[RegionCompleteness]


class CheckSummary(Model):
    files: int
    rows: int
    used: int
    errors: int
    warnings: int
    missing_regions: list[str]
    missing_figures: int


class CheckReport(Model):
    """The result of ``zjplan check``; ``--format json`` is this model's dump."""

    plan: str
    files: list[FileReport]
    problems: list[Problem]
    completeness: Completeness | None
    summary: CheckSummary

    def passed(self, strict: bool = False) -> bool:
        """No error; with ``strict``, no warning and nothing missing either."""
        s = self.summary
        if strict:
            return s.errors == 0 and s.warnings == 0 and s.missing_figures == 0
        return s.errors == 0


def completeness(
    plan: Plan, progress: Progress, period: str, regions: Iterable[str] | None = None
) -> Completeness:
    """Which regions reported which targets for the period (figures dated within it)."""
    start, end, label = parse_period(period)
    reported: dict[str, set[str]] = defaultdict(set)
    files: dict[str, set[str]] = defaultdict(set)
    elsewhere: dict[str, int] = defaultdict(int)  # figures of another period, per region
    other_period: set[tuple[str, str]] = set()  # (region, target) dated outside the period
    store = progress.store
    if store is not None:
        first, last = start.toordinal(), end.toordinal()
        day, target, where, file = store.day, store.target, store.region, store.file
        for i in progress.rows:
            name = store.region_names[where[i]]
            if first <= day[i] <= last:
                reported[name].add(store.target_ids[target[i]])
                files[name].add(store.files[file[i]])
            else:
                elsewhere[name] += 1
                other_period.add((name, store.target_ids[target[i]]))
    sent: dict[str, list[str]] = defaultdict(list)
    for f in progress.files:
        for name in set(f.regions) | ({f.owner} if f.owner else set()):
            sent[name].append(f.file)
    wanted = [plan.find_region(r) for r in regions] if regions else list(plan.regions)
    rows = []
    for region in wanted:
        if region is None:
            continue
        owed = [t.id for t in plan.owed(region)]
        done = reported.get(region.name, set())
        count = sum(t in done for t in owed)
        state: CompletenessState = "complete" if count == len(owed) else "partial"
        if count == 0:
            state = "not_sent"
            if elsewhere.get(region.name):
                state = "wrong_period"
            elif sent.get(region.name):
                state = "sent_unreadable"
        missing = [t for t in owed if t not in done]
        causes: dict[str, MissingCause] = {}
        for t in missing:
            failed = progress.failed.get((t, region.name))
            if state == "sent_unreadable":
                causes[t] = "unreadable"
            elif failed is not None:
                causes[t] = failed  # type: ignore[assignment]
            elif (region.name, t) in other_period:
                causes[t] = "wrong_period"
            else:
                causes[t] = "not_sent"
        rows.append(
            RegionCompleteness(
                region=region.name,
                expected=len(owed),
                reported=count,
                missing=missing,
                files=sorted(files.get(region.name, ())),
                state=state,
                sent=sorted(set(sent.get(region.name, ()))),
                causes=causes,
                contact=region.contact,
            )
        )
    return Completeness(period=label, start=start, end=end, regions=rows)


def _period_of(day: date) -> str:
    return f"{day.year}Q{(day.month - 1) // 3 + 1}"


def wrong_period(progress: Progress, period: str) -> None:
    """A warning per file and date for figures dated outside the period checked: which
    period the date belongs to, and when it lies after the period's end on a day that is
    not a month's end, that it looks like the day the form was filled in."""
    import calendar

    store = progress.store
    if store is None:
        return
    start, end, label = parse_period(period)
    first, last = start.toordinal(), end.toordinal()
    seen: dict[tuple[int, int], list[int]] = {}  # (file, day) -> [first row, count]
    for i in progress.rows:
        d = store.day[i]
        if not first <= d <= last:
            entry = seen.setdefault((store.file[i], d), [i, 0])
            entry[1] += 1
    found: list[Problem] = []
    for (file, d), (row, count) in sorted(seen.items()):
        day = store.date(d)
        summary = progress.files[file]
        month_end = day.day == calendar.monthrange(day.year, day.month)[1]
        filled_in = day > end and not month_end  # the day the form was filled in?
        why = says(
            "wrong-period-fill-date" if filled_in else "wrong-period",
            n=count,
            day=day,
            label=_period_of(day),
            period=label,
            start=start,
            end=end,
        )
        hint = says("hint-period-end", end=end) if filled_in else says("hint-check-date")
        summary.warnings += 1
        found.append(
            Problem.said(
                "wrong-period",
                why,
                summary.file,
                store.line[row],
                summary.columns.get("as_of", 0) + 1,
                Severity.WARNING,
                hint,
            )
        )
    if found:
        progress.problems += found
        progress.sort_problems()


def check(
    paths: Inputs,
    plan: Plan,
    period: str | None = None,
    expect_regions: Iterable[str] | None = None,
    today: date | None = None,
    prefer: str = "",
) -> CheckReport:
    """Check submissions: read every file, run the cross-file checks, count what is missing.

    ``period`` (2019Q4, 2019-12, 2019) adds the completeness table for the regions in
    ``expect_regions`` (names or aliases; default every region of the plan).
    """
    progress = read_progress(paths, plan, today=today, prefer=prefer)
    if period:
        wrong_period(progress, period)
    table = completeness(plan, progress, period, expect_regions) if period else None
    missing_regions = [r.region for r in table.regions if r.reported == 0] if table else []
    # Built without re-validation: the reader made every value, and a batch of 100,000
    # files should not pay twice in time and memory. Files of one set of regions share its
    # sorted list (the reader shares the sets; no one changes a report).
    region_lists: dict[frozenset[str], list[str]] = {}

    def sorted_regions(regions: frozenset[str]) -> list[str]:
        found = region_lists.get(regions)
        if found is None:
            found = region_lists[regions] = sorted(regions)
        return found

    files = [
        FileReport(
            file=f.file,
            format=f.format,
            encoding=f.encoding,
            sheet=f.sheet,
            owner=f.owner,
            regions=sorted_regions(f.regions),
            rows=f.rows,
            used=f.used,
            errors=f.errors,
            warnings=f.warnings,
        )
        for f in progress.files
    ]
    # From the files' counts: past MAX_LISTED a file's problems are counted, not listed.
    errors, warnings = progress.errors, progress.warnings
    return CheckReport(
        plan=plan.plan.doc_number,
        files=files,
        problems=progress.problems,
        completeness=table,
        summary=CheckSummary(
            files=len(files),
            rows=sum(f.rows for f in files),
            used=sum(f.used for f in files),
            errors=errors,
            warnings=warnings,
            missing_regions=missing_regions,
            missing_figures=sum(len(r.missing) for r in table.regions) if table else 0,
        ),
    )
