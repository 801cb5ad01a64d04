"""One run of a command that judges the plan: status, report, explain and cities.

Each used to repeat the same steps (load the plan, parse the dates, match the region, find
and read the figures, evaluate, apply --since), and each checked its options a little
differently. :meth:`Run.open` does them once, in one order, for all four: every option is
checked before anything is read, every output is checked against the inputs, and each
region is evaluated once however many renderers ask for it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

import typer

from zjplan.cli.app import (
    DEFAULT_PLAN,
    DEFAULT_PROGRESS,
    bundled,
    fail,
    find_inputs,
    outside_inputs,
    parse_as_of,
    region_name,
    today,
)
from zjplan.errors import ZjplanError

if TYPE_CHECKING:
    from zjplan.cities import CityMatrix
    from zjplan.model import Plan
    from zjplan.progress import Progress
    from zjplan.report import Report


class ChosenPlan(NamedTuple):
    """The plan a run reads, the file it came from, and whether that is the bundled 2018
    plan (which brings its bundled figures)."""

    plan: Plan
    path: Path
    bundled: bool


def choose_plan(path: Path) -> ChosenPlan:
    """--plan (or $ZJPLAN_PLAN), else ./data/plan.yaml, else the bundled 2018 plan; a plan
    that cannot be read or is invalid is exit 2 with its located problems."""
    import os

    from zjplan.plan import load_plan

    is_bundled = path == DEFAULT_PLAN and not os.path.lexists(path)
    if is_bundled:
        path = bundled("plan.yaml")
    try:
        return ChosenPlan(load_plan(path), path, is_bundled)
    except ZjplanError as exc:
        fail(exc.problems)


def inputs_of(paths: list[str] | None, chosen: ChosenPlan) -> list[Path]:
    """The progress paths named, else the plan's own: the progress/ folder beside the plan
    file (data/progress/ for data/plan.yaml); for the bundled plan, data/progress/ when
    there is one, else the bundled public figures. Never another plan's figures: an
    example plan run from the repository's root no longer reads the 2018 plan's."""
    if paths:
        return [Path(p) for p in paths]
    if chosen.bundled:
        found = DEFAULT_PROGRESS.is_dir()
        return [DEFAULT_PROGRESS] if found else [bundled("progress/public-reports.csv")]
    beside = chosen.path.parent / "progress"
    return [beside] if beside.is_dir() else []


class Run:
    """A plan, its figures and the options that say how to judge them, each checked alike.
    (A plain class: a dataclass costs a millisecond of every run to build.)"""

    def __init__(
        self,
        chosen: ChosenPlan,
        progress: Progress,
        as_of: date | None,
        region: str | None,
        since: date | None,
    ) -> None:
        self.chosen = chosen
        self.progress = progress
        self.as_of = as_of  # --as-of (None: the date of the latest figure)
        self.region = region  # --region, by its full name (None: the province)
        self.since = since  # --since
        self._reports: dict[tuple[date | None, str | None], Report] = {}

    @property
    def plan(self) -> Plan:
        return self.chosen.plan

    @classmethod
    def open(
        cls,
        plan: Path,
        progress: list[str] | None,
        *,
        as_of: str | None = None,
        region: str | None = None,
        since: str | None = None,
        writes: dict[str, Path | None] | None = None,
        holds_inputs: Path | None = None,
        check: Callable[[Plan], object] | None = None,
        lang: str = "en",
    ) -> Run:
        """Check every option, then read the figures: dates and periods parse, the region is
        the plan's, ``check`` passes (the command's own options that need the plan: a target
        id, an owner, a section), each path to read exists, no output lies inside them
        (``writes``, by option; ``holds_inputs``, a folder replaced whole). Each failure is
        exit 2, before a file is read."""
        from zjplan.progress import read_progress

        day = parse_as_of(as_of)
        then = parse_as_of(since, "--since")
        chosen = choose_plan(plan)
        city = region_name(chosen.plan, region)
        if check is not None:
            check(chosen.plan)
        inputs = inputs_of(progress, chosen)
        found = find_inputs(inputs)
        outside_inputs(inputs, writes or {}, holds_inputs)
        read = read_progress(found, chosen.plan, today=today())
        if not read.files:
            import sys

            from zjplan.wording import say, says

            where = ", ".join(str(p) for p in inputs) or str(chosen.path.parent / "progress")
            warning = says("no-progress-files", where=where)
            print(f"zjplan: {say(warning, lang)}", file=sys.stderr)
        return cls(chosen, read, day, city, then)

    def evaluate(self, as_of: date | None = None, region: str | None = None) -> Report:
        """The plan judged at ``as_of`` for ``region`` (the province for None): evaluated
        once, however often it is asked for."""
        from zjplan.engine import evaluate

        key = (as_of, region)
        if key not in self._reports:
            self._reports[key] = evaluate(
                self.plan, self.progress, as_of=as_of, region=region, today=today()
            )
        return self._reports[key]

    def report(self) -> Report:
        """The report the options ask for: at --as-of, for --region, with what moved since
        --since (a date before the report's own, else exit 2)."""
        from zjplan.report import compare

        now = self.evaluate(self.as_of, self.region)
        if self.since is None:
            return now
        if now.as_of is not None and self.since >= now.as_of:
            raise typer.BadParameter(
                f"{self.since} is not before the report's date {now.as_of}",
                param_hint="--since",
            )
        return compare(now, self.evaluate(self.since, self.region))

    def cities(self, as_of: date | None) -> dict[str, Report]:
        """Each city of the plan judged at ``as_of`` (the province report's date): judged
        together (engine.evaluate_regions), each kept for later asks."""
        from zjplan.engine import evaluate_regions

        names = [r.name for r in self.plan.regions if r.level == "city"]
        missing = [n for n in names if (as_of, n) not in self._reports]
        if missing:
            found = evaluate_regions(self.plan, self.progress, missing, as_of, today=today())
            self._reports.update({(as_of, n): report for n, report in found.items()})
        return {n: self._reports[(as_of, n)] for n in names}

    def matrix(self) -> CityMatrix:
        """The cities side by side at --as-of, from the reports this run already made."""
        from zjplan.cities import city_matrix

        province = self.evaluate(self.as_of, None)
        return city_matrix(
            self.plan, self.progress, self.as_of,
            province=province, by_city=self.cities(province.as_of),
        )  # fmt: skip
