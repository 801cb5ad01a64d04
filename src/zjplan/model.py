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

# stock: a level; new (新增): counted from the start; cumulative (累计): all so far;
# annual (每年): each figure is one calendar year's flow, dated at the year's end.
Measure = Literal["stock", "new", "cumulative", "annual"]
# What a row of the target holds: its level, or (change_by) the change since the baseline.
Figures = Literal["level", "change"]
# How exact a baseline is: 约7.5万亿元 is about, 超过300 at_least (numbers.Qualifier).
BaselineQualifier = Literal["exact", "about", "at_least", "at_most"]
# How often a target's figures come: a figure older than two periods is stale.
Frequency = Literal["monthly", "quarterly", "annual"]
FREQUENCY_MONTHS: dict[str, int] = {"monthly": 1, "quarterly": 3, "annual": 12}
Aggregate = Literal["sum", "none"]


class Baseline(Model):
    """A known level before the plan started: the b of METHOD.md. It may be negative (a
    balance, a net figure) unless the target counts things."""

    value: float
    as_of: IsoDate
    source: Text
    qualifier: BaselineQualifier = "exact"
    note: str | None = None


class Milestone(Model):
    """One deadline of an indicator the plan sets several for (到2023年…，到2025年…):
    judged as ``ID@YYYY``."""

    deadline: IsoDate
    value: float
    upper: float | None = None


class Owner(Model):
    """A body as the plan names it, what it is called now, and other names people use
    (the 2018 机构改革: 省经信委 is now 省经济和信息化厅)."""

    name: Text
    now: Text | None = None
    aliases: UniqueTexts = field(default_factory=list)

    @property
    def names(self) -> tuple[str, ...]:
        """Every name of the body: as the plan names it, its aliases, its name now."""
        return (self.name, *self.aliases, *([self.now] if self.now else []))


class Target(Model):
    """One target of the plan, or one task as a milestone."""

    id: Id
    section: Text
    name_zh: Text
    name_en: Text
    comparator: Comparator
    value: float | None = None
    upper: float | None = None  # between: the upper end (value is the lower)
    within: bool = False  # between: a band to stay inside (above the upper end fails)
    direction: Literal["up", "down"] | None = None
    tolerance: Annotated[float, Check(gt=0, lt=1)] | None = None
    points: bool = False  # change_by: the value is in percentage points (个百分点)
    figures: Figures = "level"
    top: Annotated[int, Check(ge=1)] | None = None
    assumption: Text | None = None
    unit: Text | None = None
    measure: Measure | None = None
    sustained: bool = False  # 保持在…以上: every figure must meet it, not only the last
    milestones: list[Milestone] = field(default_factory=list)
    part_of: Id | None = None  # 其中: a part of another target of the plan
    binding: bool | None = None  # 约束性 (true) / 预期性 (false); unsaid when absent
    strive: bool = False  # 力争: the whole target
    stretch: float | None = None  # 达到X，力争Y: Y, judged beside the main verdict
    start: IsoDate
    deadline: IsoDate
    frequency: Frequency = "quarterly"
    task: Id | None = None
    # A task's owners; left out when the plan names none (未明确), never an empty list
    # (_fill_defaults refuses one: an empty list looks like an owner forgotten).
    owners: UniqueTexts = field(default_factory=list)
    # The units that count things beyond 台/家/个/项/名/座 (the plan's count_units).
    count_units: UniqueTexts = field(default_factory=list)
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
        """What each comparator needs and forbids (comparators.py's table), and what the
        qualifiers of a target (sustained, milestones, stretch, measure annual…) allow."""
        c = self.comparator
        table = kind(c)
        numeric = table.numeric
        a = "an" if c[0] in "aeiou" else "a"  # an annual_growth, an at_least target
        allowed = table.keys | table.optional
        keyed = [
            (given is None and key in table.keys, key, f"{a} {c} target needs {key}")
            for key, given in ((k, getattr(self, k)) for k in KEYED)
        ] + [
            (given is not None and key not in allowed, key, f"{a} {c} target takes no {key}")
            for key, given in ((k, getattr(self, k)) for k in KEYED)
        ]
        staged = bool(self.milestones)
        level = c in ("at_least", "about", "reach", "between", "at_most")
        rules = [
            *keyed,
            (
                table.valued and self.value is None and not staged,
                "value",
                f"{a} {c} target needs a value",
            ),
            (
                not table.valued and self.value is not None,
                "value",
                f"{a} {c} target takes no value",
            ),
            (
                staged and (self.value is not None or self.upper is not None),
                "value",
                "a target with milestones takes its values from them (one value per deadline)",
            ),
            (staged and not table.valued, "milestones", f"{a} {c} target has no milestones"),
            (
                c == "between"
                and self.value is not None
                and self.upper is not None
                and self.upper <= self.value,
                "upper",
                "a range's upper end must be above its lower end (value)",
            ),
            (self.within and c != "between", "within", "only a between target is a band"),
            (self.points and c != "change_by", "points", "only a change_by target is in points"),
            (
                self.figures == "change" and c != "change_by",
                "figures",
                "only a change_by target's figures can be changes",
            ),
            (
                self.figures == "change" and self.aggregate == "sum",
                "figures",
                "changes since a baseline cannot be summed over cities: report the province's",
            ),
            (
                c in ("change_by", "annual_growth") and (self.value or 0) < 0,
                "value",
                "give the size of the change and its way in direction (down: a fall), "
                "not a negative value",
            ),
            (
                table.needs_baseline
                and self.baseline is None
                and self.measure != "new"
                and self.figures != "change",
                "baseline",
                f"{a} {c} target is measured from a baseline: give baseline (value, as_of, source)",
            ),
            (
                table.needs_baseline and self.measure in ("new", "annual"),
                "measure",
                f"{a} {c} target compares levels: its measure is stock or cumulative",
            ),
            (
                self.measure == "annual" and not level,
                "measure",
                f"{a} {c} target cannot be measured every year",
            ),
            (self.sustained and not level, "sustained", f"{a} {c} target cannot be sustained"),
            (
                self.sustained and self.measure == "annual",
                "sustained",
                "an annual target is already judged year by year",
            ),
            (
                self.stretch is not None and not (level or c == "change_by"),
                "stretch",
                f"{a} {c} target has no stretch value",
            ),
            (
                self.stretch is not None
                and self.value is not None
                and (self.stretch - self.value) * (1 if self.way == "rises" else -1) <= 0
                and c != "change_by",
                "stretch",
                "a stretch value (力争) must go beyond the value in the target's direction",
            ),
            (
                c == "change_by" and self.stretch is not None and self.stretch <= (self.value or 0),
                "stretch",
                "a stretch value (力争) must be a larger change than the value",
            ),
            (numeric and self.measure is None, "measure", "a numeric target needs a measure"),
            (not numeric and self.measure is not None, "measure", f"{a} {c} target has no measure"),
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
            (
                self.counts_things and (self.value or 0) < 0,
                "value",
                f"a count of {self.unit} is never negative (levels in other units may be)",
            ),
            (
                self.counts_things and self.baseline is not None and self.baseline.value < 0,
                "baseline",
                f"a count of {self.unit} is never negative (levels in other units may be)",
            ),
        ]
        for broken, key, message in rules:
            if broken:
                fail(
                    "target_rule", "{key}: {message}", {"key": key, "message": message, "at": [key]}
                )
        years = [m.deadline.year for m in self.milestones]
        for index, m in enumerate(self.milestones):
            where = ["milestones", index]
            if years.count(m.deadline.year) > 1:
                fail("target_rule", "milestones: one milestone a year ({year})",
                     {"year": m.deadline.year, "at": where})  # fmt: skip
            if m.deadline <= self.start:
                fail("date_order", "a milestone's deadline must come after start", {"at": where})
            if (m.upper is not None) != (c == "between"):
                fail("target_rule", "milestones: upper is a between target's, and it needs one",
                     {"at": where})  # fmt: skip
            if m.upper is not None and m.upper <= m.value:
                fail("target_rule", "milestones: upper must be above value", {"at": where})
            if self.counts_things and m.value < 0:
                fail("target_rule", "milestones: a count is never negative", {"at": where})
        if staged and self.deadline != max(m.deadline for m in self.milestones):
            fail(
                "target_rule",
                "deadline: a target with milestones ends at its last milestone's deadline",
                {"at": ["deadline"]},
            )

    @property
    def counts_things(self) -> bool:
        """Whether the target counts things one by one (its unit is 台, 家, 个, 项, 名 or 座,
        with or without a 万, 千 or 亿 before it): its figures are whole and never negative.
        Other levels (a balance, a growth rate, a net figure) may be negative."""
        unit = (self.unit or "").lstrip("万千亿")
        return unit in COUNT_UNITS or unit in self.count_units

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
    # Units that count things beyond 台/家/个/项/名/座 (辆, 户, 艘…): whole, never negative.
    count_units: UniqueTexts = field(default_factory=list)
    source: Text | None = None

    def _rules(self) -> None:
        if self.deadline <= self.start:
            fail("date_order", "deadline must come after start")


class Region(Model):
    """A region of the plan: the province, a city, or a county of a city (``parent``).
    Its full name and its ``id`` (its pinyin, lower-cased, unless it gives one) are unique;
    a short name or pinyin that two regions share names neither (the reader asks for the
    full name)."""

    name: Text
    short: Text
    pinyin: Annotated[str, Check(pattern=r"^[A-Z][a-z]+$")]
    level: Literal["province", "city", "county"]
    parent: Text | None = None  # a county's city
    id: Annotated[str, Check(pattern=r"^[a-z][a-z0-9_-]*$", max_length=64)] | None = None
    # Who to write to about the region's figures (a chase list's reminder names it).
    contact: Text | None = None

    @property
    def aliases(self) -> tuple[str, ...]:
        """The spellings a row may give: full name, short name, pinyin, and its id."""
        return (self.name, self.short, self.pinyin, *([self.id] if self.id else []))

    @property
    def key(self) -> str:
        """The region's id: safe in a file name, unique in its plan (region-<key>.html)."""
        return self.id or self.pinyin.lower()


def milestone_id(indicator: str, deadline: date) -> str:
    """A milestone's id: its indicator's and the deadline's year (robots@2023)."""
    return f"{indicator}@{deadline.year}"


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
    for index, t in enumerate(data["targets"]):
        if isinstance(t, dict) and t.get("owners") == []:
            fail(
                "target_rule",
                "{key}: {message}",
                {
                    "key": "owners",
                    "message": "name the owners, or leave the key out when the plan names none",
                    "at": ["targets", index, "owners"],
                },
            )
        if isinstance(t, dict):
            task = tasks.get(t.get("task"), {})
            own = dict(dates)
            stages = t.get("milestones")
            if isinstance(stages, list) and stages:
                # A target with milestones ends at its last one (its own deadline is theirs).
                ends = [m.get("deadline") for m in stages if isinstance(m, dict)]
                if ends and all(_is_date(e) for e in ends):
                    own["deadline"] = max(ends, key=lambda e: _iso_date(e))
            if isinstance(info.get("count_units"), list):
                own["count_units"] = info["count_units"]
            t = {**own, **t}
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
    """The whole plan: what it is, where it applies, what it promises, and (optionally)
    the bodies it names and what they are called now."""

    plan: PlanInfo
    regions: Annotated[list[Region], Check(min_length=1, max_length=65_535)]  # store: uint16
    targets: Annotated[list[Target], Check(min_length=1)]
    owners: list[Owner] = field(default_factory=list)
    # Each section's name as the document gives it (二(十六): 开展国家标准化综合改革试点),
    # shown beside the bare numeral wherever a section is.
    sections: dict[Text, Text] = field(default_factory=dict)

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
        names_seen: dict[str, str] = {}
        keys: dict[str, str] = {}
        for index, region in enumerate(self.regions):
            # A full name is unique as the reader matches it (NFKC, case-folded: ＮＢ is NB),
            # and so is an id (a county's pinyin may repeat: give it an id).
            for table, alias, what in ((names_seen, fold(region.name), "region name"),
                                       (keys, region.key, "region id")):  # fmt: skip
                holder = table.setdefault(alias, region.name)
                if holder != region.name:
                    fail(
                        "duplicate_region",
                        "{what} {alias} is used by {other} too"
                        + ("; give each an id" if what == "region id" else ""),
                        {"what": what, "alias": alias, "other": holder, "at": ["regions", index]},
                    )
        if [r.level for r in self.regions].count("province") != 1:
            fail("province_count", "exactly one region must be the province")
        cities = {r.name for r in self.regions if r.level == "city"}
        for index, region in enumerate(self.regions):
            if (region.level == "county") != (region.parent is not None):
                fail("target_rule", "parent: a county names its city, and only a county does",
                     {"at": ["regions", index, "parent"]})  # fmt: skip
            if region.parent is not None and region.parent not in cities:
                fail("unknown_region", "parent: {city} is not a city of this plan",
                     {"city": region.parent, "at": ["regions", index, "parent"]})  # fmt: skip
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
            if target.part_of is not None:
                self._part_rules(target, index, seen)
        bodies: dict[str, str] = {}
        for index, owner in enumerate(self.owners):
            for alias in set(owner.names):
                other = bodies.setdefault(fold(alias), owner.name)
                if other != owner.name:
                    fail(
                        "duplicate_owner",
                        "owner name {alias} is used by {other} too",
                        {"alias": alias, "other": other, "at": ["owners", index]},
                    )

    def _part_rules(self, part: Target, index: int, seen: dict[str, int]) -> None:
        """其中: a part names a target of the plan, in the same unit, no larger than it."""
        at = {"at": ["targets", index, "part_of"]}
        whole = self.targets[seen[part.part_of]] if part.part_of in seen else None
        if whole is None or whole is part:
            fail("unknown_target", "part_of: {id} is not another target of this plan",
                 {"id": part.part_of, **at})  # fmt: skip
        if whole.unit != part.unit:
            fail("target_rule", "part_of: a part is counted in its whole's unit ({unit})",
                 {"unit": whole.unit or "none", **at})  # fmt: skip
        if whole.value is not None and part.value is not None and part.value > whole.value:
            fail(
                "target_rule",
                "part_of: the part ({part}) is larger than its whole {id} ({whole})",
                {"part": part.value, "whole": whole.value, "id": whole.id, **at},
            )

    @cached_property
    def judged(self) -> list[Target]:
        """The targets as the engine judges them: a target with milestones is one target
        for each, ``ID@YYYY``, with its deadline and value; the rest as written."""
        from zjplan.base import replace

        found: list[Target] = []
        for t in self.targets:
            if not t.milestones:
                found.append(t)
                continue
            found += (
                replace(t, id=milestone_id(t.id, m.deadline), value=m.value, upper=m.upper,
                        deadline=m.deadline, milestones=[])
                for m in t.milestones
            )  # fmt: skip
        return found

    @cached_property
    def indicator_of(self) -> dict[str, str]:
        """A milestone's id (``ID@YYYY``) -> the id its figures are written under."""
        return {milestone_id(t.id, m.deadline): t.id for t in self.targets for m in t.milestones}

    @cached_property
    def by_id(self) -> dict[str, Target]:
        """Every id a report or a row may name: the targets as written and as judged."""
        return {**{t.id: t for t in self.judged}, **{t.id: t for t in self.targets}}

    @cached_property
    def written(self) -> dict[str, Target]:
        """The ids figures are written under (never a milestone's ``ID@YYYY``)."""
        return {t.id: t for t in self.targets}

    @cached_property
    def owner_names(self) -> dict[str, Owner]:
        """Every name of a body in the owners table (as named, now, aliases), folded."""
        return {fold(alias): owner for owner in self.owners for alias in owner.names}

    def owner_now(self, name: str) -> str:
        """A body's name today (the owners table's ``now``), else as the plan names it."""
        owner = self.owner_names.get(fold(name))
        return owner.now or owner.name if owner is not None else name

    def same_owner(self, a: str, b: str) -> bool:
        """Whether two names are one body (the same text, or names of one table entry)."""
        if a == b:
            return True
        first, second = self.owner_names.get(fold(a)), self.owner_names.get(fold(b))
        return first is not None and first is second

    @cached_property
    def province(self) -> Region:
        return next(r for r in self.regions if r.level == "province")

    @cached_property
    def region_aliases(self) -> dict[str, Region]:
        """Every accepted spelling of a region (full, short, pinyin), folded (numbers.fold):
        a full name always; a short name or pinyin only when no other region has it."""
        ambiguous = self.ambiguous_aliases
        names = {folded[0]: r for r, folded in self.folded_aliases}
        ids = {fold(r.id): r for r in self.regions if r.id}
        found = {a: r for r, folded in self.folded_aliases for a in folded if a not in ambiguous}
        return {**found, **ids, **names}

    @cached_property
    def folded_aliases(self) -> list[tuple[Region, tuple[str, ...]]]:
        """Each region with its spellings folded (numbers.fold), its full name first: folded
        once (a plan of 2,800 regions has 11,000 of them)."""
        return [(r, tuple(map(fold, r.aliases))) for r in self.regions]

    @cached_property
    def ambiguous_aliases(self) -> dict[str, list[str]]:
        """A short name or pinyin two regions share (folded) -> their full names."""
        owners: dict[str, list[str]] = {}
        full: set[str] = set()
        for r, folded in self.folded_aliases:
            full.add(folded[0])
            if r.id:
                full.add(fold(r.id))
            for alias in set(folded):
                owners.setdefault(alias, []).append(r.name)
        return {a: n for a, n in owners.items() if len(n) > 1 and a not in full}

    def counties_of(self, city: str) -> list[Region]:
        """The counties a city's figures roll up from."""
        return self._counties.get(city, [])

    @cached_property
    def _counties(self) -> dict[str, list[Region]]:
        found: dict[str, list[Region]] = {}
        for r in self.regions:
            if r.parent is not None:
                found.setdefault(r.parent, []).append(r)
        return found

    @cached_property
    def county_parent(self) -> dict[str, str]:
        """Each county's city (empty for a plan without counties)."""
        return {r.name: r.parent for r in self.regions if r.parent is not None}

    def find_region(self, text: str) -> Region | None:
        return self.region_aliases.get(fold(text))

    def owed(self, region: Region) -> list[Target]:
        """What a region must report: a city (or county) its summed targets, unless its
        counties report them; the province every target the cities do not sum (a summed
        row it may leave blank: the cities' sum stands)."""
        if region.level == "city" and self.counties_of(region.name):
            return []  # its counties' figures make its own (rollup.py)
        province = region.level == "province"
        return [t for t in self.reportable(region) if not (province and t.takes_city_figures)]

    def reportable(self, region: Region) -> list[Target]:
        """What a region reports (each indicator once): the province every target; a city
        the summed ones."""
        if region.level == "province":
            return list(self.targets)
        return [t for t in self.targets if t.aggregate == "sum"]
