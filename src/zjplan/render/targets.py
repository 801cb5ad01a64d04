"""The plan's targets in every format of ``zjplan targets``."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from zjplan.base import plain_data
from zjplan.csvtext import to_csv
from zjplan.jsontext import indented_json
from zjplan.model import Plan, Target
from zjplan.render.tabular import to_markdown
from zjplan.render.words import name, owners_text, target_text
from zjplan.sanitise import inert, json_safe

if TYPE_CHECKING:
    from rich.console import RenderableType

_MEASURE_ZH = {"stock": "存量", "new": "新增", "cumulative": "累计", "annual": "每年"}
_HEADERS = {
    "en": ("id", "section", "name", "target", "measure", "owners"),
    "zh": ("编号", "章节", "名称", "目标", "口径", "责任单位"),
}


def _row(t: Target, lang: str, plan: Plan) -> list[str]:
    measure: str = t.measure or ""
    if lang == "zh":
        measure = _MEASURE_ZH.get(measure, "")
    owners = owners_text(t.owners, [plan.owner_now(o) for o in t.owners], lang)
    return [t.id, t.section, name(t, lang), target_text(t, lang), measure, owners]


def targets_table(plan: Plan, targets: Sequence[Target], lang: str) -> RenderableType:
    """The targets as a table, or on a narrow terminal two lines each: the id with its
    goal and section, then its name and owners (an id is never split)."""
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    from zjplan.render.fitted import Fitted

    title = Text(inert(plan.plan.doc_number))
    table = Table(title=title, show_lines=False, expand=False)
    for header in _HEADERS[lang]:
        table.add_column(header, overflow="fold")
    rows = [_row(t, lang, plan) for t in targets]
    for row in rows:
        table.add_row(*(Text(inert(c)) for c in row))
    narrow: list[RenderableType] = [Text(inert(plan.plan.doc_number), style="bold")]
    for tid, section, named, goal, measure, owners in rows:
        head = Text(inert(tid), style="cyan")
        head.append(f"  {inert(goal)}  {inert(section)}  {inert(measure)}".rstrip())
        tail = Text(f"  {inert(named)}")
        if owners:
            tail.append(f"  {inert(owners)}", style="dim")
        narrow += [head, tail]
    return Fitted(table, Group(*narrow))


def targets_json(plan: Plan, targets: Sequence[Target], lang: str) -> str:
    data: dict[str, Any] = {
        "plan": plain_data(plan.plan),
        "regions": plain_data(plan.regions),
        "targets": plain_data(list(targets)),
    }
    return json_safe(indented_json(data)) + "\n"


def targets_csv(plan: Plan, targets: Sequence[Target], lang: str) -> str:
    return to_csv(_HEADERS[lang], [_row(t, lang, plan) for t in targets])


def targets_markdown(plan: Plan, targets: Sequence[Target], lang: str) -> str:
    return to_markdown(_HEADERS[lang], [_row(t, lang, plan) for t in targets])
