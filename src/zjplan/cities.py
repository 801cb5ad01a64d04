"""The cities side by side: each summed target × the plan's cities (``zjplan cities``).

Each cell is a city's latest figure at the report's date, its share of the province, its
progress against its allocation when the plan gives one, and its status; the total row
beside each target gives the cities' sum and the province's own figure, when both exist.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import field
from datetime import date

from zjplan.base import Model, replace
from zjplan.engine import evaluate, evaluate_regions, finite
from zjplan.model import FREQUENCY_MONTHS, Plan
from zjplan.numbers import Qualifier
from zjplan.progress import Progress
from zjplan.report import Report, Status
from zjplan.series import period_end


class CityCell(Model):
    """One city's standing on one target."""

    region: str
    value: float | None  # the city's latest figure; None: it has reported none
    as_of: date | None
    share_of_province: float | None
    progress_share: float | None  # against the city's allocation, when the plan gives one
    status: Status


class MatrixRow(Model):
    id: str
    section: str
    name_zh: str
    name_en: str
    unit: str | None
    province_value: float | None  # the province's own latest figure
    province_as_of: date | None
    province_qualifier: Qualifier = "exact"  # a bound (超过…) or about, as it was written
    cities_sum: float | None  # the cities' latest figures summed (those that reported)
    reported: int  # how many cities have a figure
    cells: list[CityCell]


class CityMatrix(Model):
    """``zjplan cities --format json`` is this model's dump (``zjplan schema cities``)."""

    plan: str
    as_of: date | None
    cities: list[str]
    rows: list[MatrixRow] = field(default_factory=list)


def place_among_cities(plan: Plan, report: Report, matrix: CityMatrix) -> Report:
    """A city's report with each summed target's place among the cities that reported it
    (by the latest figure: the highest first, the lowest first for a falling target)."""
    rows = {row.id: row for row in matrix.rows}
    targets = []
    for t in report.targets:
        row = rows.get(t.id)
        mine = next((c for c in row.cells if c.region == report.region), None) if row else None
        if row is None or mine is None or mine.value is None:
            targets.append(t)
            continue
        values = [c.value for c in row.cells if c.value is not None]
        falling = plan.by_id[t.id].way == "falls"
        better = sum((v < mine.value) if falling else (v > mine.value) for v in values)
        targets.append(replace(t, city_rank=better + 1, cities_ranked=len(values)))
    return replace(report, targets=targets)


def city_matrix(
    plan: Plan,
    progress: Progress,
    as_of: date | None = None,
    *,
    province: Report | None = None,
    by_city: Mapping[str, Report] | None = None,
) -> CityMatrix:
    """Every summed target × every city of the plan, judged at ``as_of``. A caller that has
    judged the province (at ``as_of``) and the cities (at its date) already passes those
    reports, so no region is evaluated twice."""
    if province is None:
        province = evaluate(plan, progress, as_of=as_of)
    cities = [r.name for r in plan.regions if r.level == "city"]
    if by_city is None:
        by_city = evaluate_regions(plan, progress, cities, as_of=province.as_of)
    targets_of = {city: {t.id: t for t in by_city[city].targets} for city in cities}
    # The province's own latest figure of each target (not the cities' sum the engine may
    # judge it on), at or before the report's date.
    own: dict[str, tuple[date, float, Qualifier]] = {}
    name = plan.province.name
    for o in progress.observations_of(name):
        if province.as_of is not None and o.as_of > province.as_of:
            continue
        if o.target_id not in own or o.as_of >= own[o.target_id][0]:
            own[o.target_id] = (o.as_of, o.value, o.qualifier)
    months = FREQUENCY_MONTHS[plan.plan.frequency]
    rows = []
    for total in province.targets:
        if total.aggregate != "sum":
            continue
        cells = []
        for city in cities:
            t = targets_of[city][total.id]
            mine = t.latest if t.latest is not None and t.latest.region == city else None
            cells.append(
                CityCell(
                    region=city,
                    value=mine.value if mine else None,
                    as_of=mine.as_of if mine else None,
                    share_of_province=t.share_of_province if mine else None,
                    progress_share=t.progress_share if mine and t.status != "unallocated" else None,
                    status=t.status if mine else "no_data",
                )
            )
        values = [c.value for c in cells if c.value is not None]
        figure = own.get(total.id)
        # Each city's share of one total for the whole row, so the column adds up: the
        # province's own figure when it is of the report's period (it wins over the sum),
        # else the cities' sum shown beside it (a carried figure counted in it too).
        current = (
            figure is not None
            and province.as_of is not None
            and period_end(figure[0], months) == period_end(province.as_of, months)
        )
        whole = figure[1] if current and figure is not None else (sum(values) if values else None)
        cells = [
            replace(c, share_of_province=finite(c.value / whole) if c.value is not None and whole
                    else None)
            for c in cells
        ]  # fmt: skip
        rows.append(
            MatrixRow(
                id=total.id,
                section=total.section,
                name_zh=total.name_zh,
                name_en=total.name_en,
                unit=total.unit,
                province_value=figure[1] if figure else None,
                province_as_of=figure[0] if figure else None,
                province_qualifier=figure[2] if figure else "exact",
                cities_sum=sum(values) if values else None,
                reported=len(values),
                cells=cells,
            )
        )
    return CityMatrix(plan=province.plan, as_of=province.as_of, cities=cities, rows=rows)
