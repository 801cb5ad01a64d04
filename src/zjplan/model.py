"""The plan as validated data: regions, targets (quantitative, rank, milestone)."""

from __future__ import annotations

import re
from dataclasses import field
from datetime import date
from functools import cached_property
from typing import Annotated, Any, Literal, NoReturn

from zjplan.base import Check, Model
from zjplan.comparators import KEYED, STATE_COMPARATORS, Comparator, direction, kind
from zjplan.numbers import COUNT_UNITS, fold

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def fail(kind: str, message: str, context: dict[str, Any] | None = None) -> NoReturn:
    """Raise a validation error of our own type (its ``at`` locates it within the model)."""
    from pydantic_core import PydanticCustomError

    raise PydanticCustomError(kind, message, context)


def _iso_date(value: Any) -> Any:
    """Accept ``YYYY-MM-DD`` text (YAML dates stay text in our loader) and real dates."""
    if isinstance(value, str):
        if not _ISO_DATE.fullmatch(value):
            fail("date_format", "expected a date written YYYY-MM-DD")
        try:
            return date.fromisoformat(value)
        except ValueError:
            fail("date_value", "{value} is not a calendar date", {"value": value})
    return value


def _plan_years(value: date) -> date:
    """A plan's dates lie in its century's reach: 0001-01-01 or 9999-12-31 is a typo (and
    made a chart span ten thousand years)."""
    if not 1900 <= value.year <= 2199:
        fail("date_range", "a plan date must lie between 1900 and 2199")
    return value


IsoDate = Annotated[date, Check(before=_iso_date, after=_plan_years)]
Text = Annotated[str, Check(min_length=1)]
Id = Annotated[str, Check(pattern=r"^[a-z][a-z0-9_]*$", max_length=64)]


def _unique(values: list[str]) -> list[str]:
    if len(set(values)) != len(values):
        raise ValueError("entries must not repeat")
    return values


UniqueTexts = Annotated[list[Text], Check(after=_unique)]

Measure = Literal["stock", "new", "cumulative"]
# How often a target's figures come: a figure older than two periods is stale.
Frequency = Literal["monthly", "quarterly", "annual"]
FREQUENCY_MONTHS: dict[str, int] = {"monthly": 1, "quarterly": 3, "annual": 12}
Aggregate = Literal["sum", "none"]


class Baseline(Model):
    """A known level before the plan started: the b of METHOD.md."""

    value: Annotated[float, Check(ge=0)]
    as_of: IsoDate
    source: Text
    note: str | None = None


class Target(Model):
    """One target of the plan, or one task as a milestone."""

    id: Id
    section: Text
    name_zh: Text
    name_en: Text
    comparator: Comparator
    value: Annotated[float, Check(ge=0)] | None = None
    direction: Literal["up", "down"] | None = None
    tolerance: Annotated[float, Check(gt=0, lt=1)] | None = None
    top: Annotated[int, Check(ge=1)] | None = None
    assumption: Text | None = None
    unit: Text | None = None
    measure: Measure | None = None
    start: IsoDate
    deadline: IsoDate
    frequency: Frequency = "quarterly"
    task: Id | None = None
    owners: UniqueTexts = field(default_factory=list)
    miit_departments: UniqueTexts = field(default_factory=list)
    cities: UniqueTexts = field(default_factory=list)
    aggregate: Aggregate = "none"
    # The cities a sum expects (all the plan's cities when empty): coverage counts these.
    sum_of: UniqueTexts = field(default_factory=list)
    allocations: dict[Text, Annotated[float, Check(gt=0)]] = field(default_factory=dict)
    baseline: Baseline | None = None
    quote: Text
    note: str | None = None

    def _rules(self) -> None:
        """What each comparator needs and forbids (comparators.py's table)."""
        c = self.comparator
        table = kind(c)
        numeric = table.numeric
        a = "an" if c[0] in "aeiou" else "a"  # an annual_growth, an at_least target
        keyed = [
            (given is None and key in table.keys, key, f"{a} {c} target needs {key}")
            for key, given in ((k, getattr(self, k)) for k in KEYED)
        ] + [
            (given is not None and key not in table.keys, key, f"{a} {c} target takes no {key}")
            for key, given in ((k, getattr(self, k)) for k in KEYED)
        ]
        rules = [
            *keyed,
            (table.valued and self.value is None, "value", f"{a} {c} target needs a value"),
            (
                not table.valued and self.value is not None,
                "value",
                f"{a} {c} target takes no value",
            ),
            (
                table.needs_baseline and self.baseline is None and self.measure != "new",
                "baseline",
                f"{a} {c} target is measured from a baseline: give baseline (value, as_of, source)",
            ),
            (
                table.needs_baseline and self.measure == "new",
                "measure",
                f"{a} {c} target compares levels: its measure is stock or cumulative",
            ),
            (numeric and self.measure is None, "measure", "a numeric target needs a measure"),
            (not numeric and self.measure is not None, "measure", f"{a} {c} target has no measure"),
            ("owners" in table.keys and not self.owners, "owners", "a task needs its owners"),
            (not numeric and self.aggregate == "sum", "aggregate", f"{a} {c} cannot be summed"),
            (not numeric and self.baseline is not None, "baseline", f"{a} {c} has no baseline"),
            (
                self.measure == "new" and self.baseline is not None and self.baseline.value != 0,
                "baseline",
                "a 'new' target counts from zero at the start",
            ),
            (
                bool(self.allocations) and self.aggregate != "sum",
                "allocations",
                "only a summed target can be allocated to cities",
            ),
        ]
        for broken, key, message in rules:
            if broken:
                fail(
                    "target_rule", "{key}: {message}", {"key": key, "message": message, "at": [key]}
                )

    @property
    def counts_things(self) -> bool:
        """Whether the target counts things one by one (its unit is 台, 家, 个, 项, 名 or 座,
        with or without a 万, 千 or 亿 before it): its figures are whole and never negative.
        Other levels (a balance, a growth rate, a net figure) may be negative."""
        unit = (self.unit or "").lstrip("万千亿")
        return unit in COUNT_UNITS

    @property
    def cannot_fall(self) -> bool:
        """Whether the target counts what has been done since a start (新增 ``new``) or in
        all (累计 ``cumulative``): such a count cannot go down, a goal met once stays met,
        and a lower later sum is no fall."""
        return self.measure in ("new", "cumulative")

    @property
    def takes_city_figures(self) -> bool:
        """Whether a city's figure is read for this target: only a summed one's; any other
        target is judged on, and reported for, the province alone."""
        return self.aggregate == "sum"

    @cached_property
    def is_numeric(self) -> bool:
        return kind(self.comparator).numeric

    @cached_property
    def way(self) -> Literal["rises", "falls", "none"]:
        """Which way its figures must move (comparators.direction)."""
        return direction(self.comparator, self.direction)


class PlanInfo(Model):
    doc_number: Text
    title: Text
    title_en: Text
    issuer: Text
    issued: IsoDate
    start: IsoDate
    deadline: IsoDate
    frequency: Frequency = "quarterly"  # every target's, unless it says otherwise
    # An "about" figure (约300, 300左右) stands for this share either side of it.
    about_band: Annotated[float, Check(gt=0, lt=1)] = 0.05
    source: Text | None = None

    def _rules(self) -> None:
        if self.deadline <= self.start:
            fail("date_order", "deadline must come after start")


class Region(Model):
    name: Text
    short: Text
    pinyin: Annotated[str, Check(pattern=r"^[A-Z][a-z]+$")]
    level: Literal["province", "city"]
    # Who to write to about the region's figures (a chase list's reminder names it).
    contact: Text | None = None

    @property
    def aliases(self) -> tuple[str, str, str]:
        return (self.name, self.short, self.pinyin)


def _is_date(value: Any) -> bool:
    """True when ``value`` is a date the plan's date fields would accept (asked while
    pydantic validates a plan: _fill_defaults is Plan's _prepare)."""
    from pydantic_core import PydanticCustomError

    try:
        return isinstance(_iso_date(value), date)
    except PydanticCustomError:
        return False


def _fill_defaults(data: Any) -> Any:
    """Fill what a target leaves to others: start and deadline from the plan, owners and
    ministry counterparts from the task (milestone) that delivers it."""
    if not isinstance(data, dict) or not isinstance(data.get("targets"), list):
        return data
    info: dict[str, Any] = data["plan"] if isinstance(data.get("plan"), dict) else {}
    dates: dict[str, Any] = {k: info[k] for k in ("start", "deadline") if _is_date(info.get(k))}
    if info.get("frequency") in FREQUENCY_MONTHS:
        dates["frequency"] = info["frequency"]
    tasks = {
        t.get("id"): t
        for t in data["targets"]
        if isinstance(t, dict) and t.get("comparator") in STATE_COMPARATORS
    }
    targets = []
    for t in data["targets"]:
        if isinstance(t, dict):
            task = tasks.get(t.get("task"), {})
            t = {**dates, **t}
            for key in ("owners", "miit_departments"):
                if key not in t and key in task:
                    t[key] = task[key]
            _one_name_serves(t, "name_zh", "name_en")
        targets.append(t)
    if isinstance(data.get("plan"), dict):
        info = dict(info)
        _one_name_serves(info, "title", "title_en")
        data = {**data, "plan": info}
    return {**data, "targets": targets}


def _one_name_serves(entry: dict[str, Any], zh: str, en: str) -> None:
    """A plan in one language: the name it gives serves for the other too."""
    if zh in entry and en not in entry:
        entry[en] = entry[zh]
    elif en in entry and zh not in entry:
        entry[zh] = entry[en]


class Plan(Model):
    """The whole plan: what it is, where it applies, what it promises."""

    plan: PlanInfo
    regions: Annotated[list[Region], Check(min_length=1, max_length=65_535)]  # store: uint16
    targets: Annotated[list[Target], Check(min_length=1)]

    _prepare = staticmethod(_fill_defaults)

    def _rules(self) -> None:
        """Ids unique, region aliases unique, one province, every reference known."""
        seen: dict[str, int] = {}
        for index, target in enumerate(self.targets):
            if target.id in seen:
                fail(
                    "duplicate_id",
                    "id {id} is already used by target {first}",
                    {"id": target.id, "first": seen[target.id], "at": ["targets", index, "id"]},
                )
            seen[target.id] = index
        aliases: dict[str, str] = {}
        for index, region in enumerate(self.regions):
            for alias in region.aliases:
                # Unique as the reader matches them (NFKC, case-folded): ＮＢ and NB are one.
                other = aliases.setdefault(fold(alias), region.name)
                if other != region.name:
                    fail(
                        "duplicate_region",
                        "region alias {alias} is used by {other} too",
                        {"alias": alias, "other": other, "at": ["regions", index]},
                    )
        if [r.level for r in self.regions].count("province") != 1:
            fail("province_count", "exactly one region must be the province")
        names = {r.name for r in self.regions}
        for index, target in enumerate(self.targets):
            if target.deadline <= target.start:
                fail(
                    "date_order",
                    "deadline must come after start",
                    {"at": ["targets", index, "deadline"]},
                )
            if target.task is not None:
                task = self.targets[seen[target.task]] if target.task in seen else None
                if task is None or kind(task.comparator).reading != "state":
                    fail(
                        "unknown_task",
                        "task {task} is not a milestone of this plan",
                        {"task": target.task, "at": ["targets", index, "task"]},
                    )
            for city in (*target.cities, *target.allocations, *target.sum_of):
                if city not in names:
                    fail(
                        "unknown_region",
                        "{city} is not a region of this plan",
                        {"city": city, "at": ["targets", index, "cities"]},
                    )

    @cached_property
    def by_id(self) -> dict[str, Target]:
        return {t.id: t for t in self.targets}

    @cached_property
    def province(self) -> Region:
        return next(r for r in self.regions if r.level == "province")

    @cached_property
    def region_aliases(self) -> dict[str, Region]:
        """Every accepted spelling of a region (full, short, pinyin), folded (numbers.fold)."""
        return {fold(alias): r for r in self.regions for alias in r.aliases}

    def find_region(self, text: str) -> Region | None:
        return self.region_aliases.get(fold(text))

    def reportable(self, region: Region) -> list[Target]:
        """What a region reports: the province every target; a city the summed ones."""
        if region.level == "province":
            return list(self.targets)
        return [t for t in self.targets if t.aggregate == "sum"]
