"""data/plan.yaml encodes every target of the seed document, with its exact wording."""

from __future__ import annotations

import re

import pytest

from tests.conftest import PLAN
from zjplan.model import Plan, Target
from zjplan.plan import load_plan

# Phrases of the seed with a number and a unit that are not targets of the plan.
NOT_TARGETS = {
    "11 个重点发展产业": "a list of industries in safeguard 三(二), not a figure to reach",
    "11 项重点工程": "a list of projects in safeguard 三(二), not a figure to reach",
}
# Figures written in words, which the digit walk cannot see.
WORD_FIGURES = {"实施百项绿色制造示范项目": (100, "项")}
FIGURE = re.compile(r"(\d+(?:\.\d+)?)\s*(万)?\s*(个|家|项|名|台)")
INDEX = re.compile(r"指数达到\s*(\d+)")
TASK = re.compile(r"[(（]([一二三四五六七八九十]+)[)）]")
NUMERALS = "一二三四五六七八九十"


@pytest.fixture(scope="module")
def plan() -> Plan:
    return load_plan(PLAN)


def numeral(text: str) -> int:
    """一 -> 1, 十 -> 10, 十二 -> 12, 十九 -> 19."""
    if text.startswith("十"):
        return 10 + (NUMERALS.index(text[1]) + 1 if len(text) > 1 else 0)
    return NUMERALS.index(text) + 1


def covering(plan: Plan, seed: str, start: int, end: int) -> list[Target]:
    """Targets whose quote, where it stands in the seed, covers seed[start:end]."""
    found = []
    for t in plan.targets:
        for m in re.finditer(re.escape(t.quote), seed):
            if m.start() <= start and end <= m.end():
                found.append(t)
    return found


def test_plan_loads_with_every_kind(plan: Plan) -> None:
    """The shipped plan validates and holds numbers, ranks and the 22 milestones."""
    kinds = [t.comparator for t in plan.targets]
    assert kinds.count("milestone") == 22
    assert kinds.count("rank_top") == 2
    assert sum(t.is_numeric for t in plan.targets) == 23
    assert plan.plan.doc_number == "浙政办发〔2018〕10号"
    assert (plan.plan.start.isoformat(), plan.plan.deadline.isoformat()) == (
        "2018-01-01",
        "2020-12-31",
    )


def test_regions_are_the_province_and_its_11_cities(plan: Plan) -> None:
    """浙江省 and its 11 cities, each found by full name, short name and pinyin."""
    cities = [
        "杭州市",
        "宁波市",
        "温州市",
        "嘉兴市",
        "湖州市",
        "绍兴市",
        "金华市",
        "衢州市",
        "舟山市",
        "台州市",
        "丽水市",
    ]
    assert [r.name for r in plan.regions] == ["浙江省", *cities]
    for alias in ("宁波市", "宁波", "Ningbo", "ningbo", " NINGBO "):
        region = plan.find_region(alias)
        assert region is not None
        assert region.name == "宁波市"
    assert plan.find_region("宁波县") is None


def test_every_quote_is_in_the_seed(plan: Plan, seed_text: str) -> None:
    """Each target's quote is an exact phrase of the document, so a reader can find it."""
    missing = [t.id for t in plan.targets if t.quote not in seed_text]
    assert missing == []


def test_every_figure_of_the_seed_is_encoded_once(plan: Plan, seed_text: str) -> None:
    """Every number+unit phrase of the document is one target with that number and unit."""
    seen_ids: list[str] = []
    for m in FIGURE.finditer(seed_text):
        phrase = m.group(0)
        if any(seed_text.startswith(other, m.start()) for other in NOT_TARGETS):
            continue
        value = float(m.group(1)) * (10000 if m.group(2) else 1)
        hits = [
            t
            for t in covering(plan, seed_text, m.start(), m.end())
            if t.value == value and t.unit == m.group(3)
        ]
        assert len(hits) == 1, f"{phrase!r} at {m.start()} is encoded {len(hits)} times"
        seen_ids.append(hits[0].id)
    for m in INDEX.finditer(seed_text):
        hits = covering(plan, seed_text, m.start(), m.end())
        assert [(t.value, t.unit) for t in hits] == [(float(m.group(1)), None)]
        seen_ids.append(hits[0].id)
    for phrase, (value, unit) in WORD_FIGURES.items():
        hits = [t for t in plan.targets if t.quote == phrase]
        assert [(t.value, t.unit) for t in hits] == [(value, unit)]
        seen_ids.append(hits[0].id)
    numeric = sorted(t.id for t in plan.targets if t.is_numeric)
    assert sorted(seen_ids) == numeric, "a numeric target that quotes no figure of the seed"


def test_rank_targets_state_their_assumption(plan: Plan, seed_text: str) -> None:
    """Each 前列 of the document is a rank_top target with top and its reason stated."""
    ranks = [t for t in plan.targets if t.comparator == "rank_top"]
    assert len(ranks) == seed_text.count("前列")
    for t in ranks:
        assert t.top is not None
        assert t.assumption
        assert "前列" in t.quote


def _responsibilities(seed: str) -> dict[str, tuple[list[str], list[str]]]:
    """Parse every task's 责任单位 and 对接司局 from the seed, keyed by section."""
    flat = re.sub(r"\s+", "", seed)
    body = flat[flat.index("二、主要任务") :]
    section = "二"
    out: dict[str, tuple[list[str], list[str]]] = {}
    for m in re.finditer(r"(三、保障措施)|[(（]([一二三四五六七八九十]+)[)）]", body):
        if m.group(1):
            section = "三"
            continue
        text = body[m.end() :]
        resp = re.match(r".*?[(（]责任单位[:：](.*?)[)）]", text)
        assert resp is not None
        parts = re.split(r"[;；]", resp.group(1))
        owners = re.split(r"[、,，]", parts[0])
        miit = (
            re.split(r"[、,，]", parts[1].split("司局")[-1].lstrip(":：")) if len(parts) > 1 else []
        )
        key = f"{section}({m.group(2)})"
        out.setdefault(key, (owners, miit))
    return out


def test_milestones_carry_the_documents_owners(plan: Plan, seed_text: str) -> None:
    """Every task and safeguard is a milestone with 责任单位 and 对接司局 in document order."""
    expected = _responsibilities(seed_text)
    milestones = {t.section: t for t in plan.targets if t.comparator == "milestone"}
    assert len(expected) == 22
    assert sorted(milestones) == sorted(expected)
    for section, (owners, miit) in expected.items():
        t = milestones[section]
        assert (t.owners, t.miit_departments) == (owners, miit), section


def test_targets_are_linked_to_a_task_and_take_its_owners(plan: Plan) -> None:
    """A quantitative or rank target names the task delivering it and inherits its owners."""
    for t in plan.targets:
        if t.comparator == "milestone":
            continue
        assert t.task is not None, t.id
        task = plan.by_id[t.task]
        assert (t.owners, t.miit_departments) == (task.owners, task.miit_departments)
        if t.section != "一":
            assert t.section == task.section, t.id


def test_key_figures(plan: Plan) -> None:
    """Spot checks of the best-known figures against the document."""
    t = plan.by_id
    assert (t["industrial_robots_in_use"].value, t["industrial_robots_in_use"].unit) == (
        100000,
        "台",
    )
    assert t["small_to_large_firms"].value == 8000
    assert t["small_to_large_firms"].measure == "new"
    assert t["characteristic_towns"].comparator == "about"
    assert t["characteristic_towns"].tolerance == pytest.approx(0.05)
    assert t["informatization_index"].unit is None
    assert t["provincial_innovation_centres"].measure == "cumulative"
    assert t["specialised_sme_pool"].value == 50000
    assert t["task_16"].miit_departments == []


def test_cities_named_by_the_tasks(plan: Plan) -> None:
    """The cities a task names are recorded as regions of the plan."""
    t = plan.by_id
    assert t["task_07"].cities == ["湖州市", "温州市", "绍兴市", "舟山市"]
    assert t["task_14"].cities == ["杭州市", "宁波市", "湖州市"]
    assert t["task_08"].cities == ["杭州市", "嘉兴市"]
