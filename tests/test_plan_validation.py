"""A broken plan gets located, coded problems; the model's rules hold."""

from __future__ import annotations

import pytest

from tests.conftest import MINIMAL_PLAN
from zjplan.errors import ZjplanError
from zjplan.plan import parse_plan


def problems(text: str) -> list[tuple[str, int]]:
    with pytest.raises(ZjplanError) as info:
        parse_plan(text, "plan.yaml")
    return [(p.code, p.line) for p in info.value.problems]


def line_of(text: str, needle: str, nth: int = 1) -> int:
    """1-based line of the nth line containing ``needle``."""
    hits = [i for i, line in enumerate(text.splitlines(), 1) if needle in line]
    return hits[nth - 1]


def test_minimal_plan_is_valid() -> None:
    """The fixture plan validates and inherits start, deadline and owners."""
    plan = parse_plan(MINIMAL_PLAN, "plan.yaml")
    robots = plan.by_id["robots"]
    assert robots.owners == ["省经信委", "省科技厅"]
    assert robots.deadline.isoformat() == "2020-12-31"


def test_duplicate_id_points_at_the_second_id() -> None:
    """A duplicate id is reported on the line of the second one."""
    text = MINIMAL_PLAN.replace("id: task_09", "id: robots").replace("    task: task_09\n", "")
    assert problems(text) == [("duplicate-id", line_of(text, "id: robots", 2))]


def test_unknown_key_points_at_the_key() -> None:
    """An unknown key is reported where the key stands."""
    text = MINIMAL_PLAN.replace("    unit: 台\n", "    unit: 台\n    colour: red\n")
    assert problems(text) == [("unknown-key", line_of(text, "colour"))]


def test_wrong_type_points_at_the_value() -> None:
    """A value of the wrong type is reported on its own line."""
    text = MINIMAL_PLAN.replace("value: 100000", "value: 10万")
    assert problems(text) == [("wrong-type", line_of(text, "value: 10万"))]


def test_yaml_11_boolean_is_not_accepted_as_a_number() -> None:
    """`value: yes` stays text and fails as a number, rather than becoming 1."""
    text = MINIMAL_PLAN.replace("value: 100000", "value: yes")
    assert problems(text) == [("wrong-type", line_of(text, "value: yes"))]


def test_missing_key_points_at_its_mapping() -> None:
    """A missing required key is reported at the start of the mapping that lacks it."""
    text = MINIMAL_PLAN.replace("    quote: 工业机器人应用达到10万台以上\n", "")
    assert problems(text) == [("missing-key", line_of(text, "id: robots"))]


def test_syntax_error_is_located() -> None:
    """A YAML syntax error comes with its line."""
    text = MINIMAL_PLAN.replace("owners: [省经信委, 省科技厅]", "owners: [省经信委, 省科技厅")
    assert problems(text)[0][0] == "yaml-syntax"


@pytest.mark.parametrize(
    ("old", "new", "needle"),
    [
        ("comparator: at_least", "comparator: about", "comparator: about"),
        ("comparator: at_least\n    value: 100000", "comparator: rank_top", "comparator"),
        ("owners: [省经信委, 省科技厅]", "owners: []", "owners: []"),
        ("start: 2018-01-01", "start: 2021-01-01", "start"),
        ("issued: 2018-01-23", "issued: 2018-02-30", "issued"),
        ("task: task_09", "task: task_99", "task: task_99"),
        ("measure: stock", "measure: 存量", "measure"),
    ],
    ids=[
        "about-needs-tolerance",
        "rank-needs-top",
        "task-needs-owners",
        "deadline-after-start",
        "calendar-date",
        "unknown-task",
        "measure-enum",
    ],
)
def test_model_rules(old: str, new: str, needle: str) -> None:
    """Each rule of the plan format gives one located problem."""
    text = MINIMAL_PLAN.replace(old, new)
    found = problems(text)
    assert len(found) == 1
    assert found[0][1] >= line_of(text, needle) - 8  # at the field or its target's start
    assert found[0][0] in {"invalid-value", "wrong-type", "unknown-reference"}


def test_unknown_task_points_at_task_key() -> None:
    """A target linked to a task that does not exist is reported on its `task:` line."""
    text = MINIMAL_PLAN.replace("task: task_09", "task: task_99")
    assert problems(text) == [("unknown-reference", line_of(text, "task: task_99"))]


def test_every_problem_is_reported_at_once() -> None:
    """Two unrelated mistakes in two targets are both reported, in line order."""
    text = MINIMAL_PLAN.replace("unit: 台", "unit: 台\n    colour: red").replace(
        "name_en: Task nine", "name_en: 9"
    )
    assert problems(text) == [
        ("unknown-key", line_of(text, "colour")),
        ("wrong-type", line_of(text, "name_en: 9")),
    ]


def test_region_names_must_differ_as_the_reader_matches_them() -> None:
    """Ｎingbo市 and ningbo市 are one name once full-width letters and case are folded, as
    the reader folds a cell: two regions cannot share it. (A short name or pinyin may be
    shared since counties came: it then names neither, and a row must give the full name.)"""
    text = MINIMAL_PLAN.replace(
        "  - {name: 宁波市, short: 宁波, pinyin: Ningbo, level: city}\n",
        "  - {name: Ｎingbo市, short: 宁波, pinyin: Ningbo, level: city}\n"
        "  - {name: ningbo市, short: nb, pinyin: Wenzhou, level: city}\n",
    )
    assert problems(text) == [("invalid-value", line_of(text, "ningbo市, short: nb"))]
    shared = MINIMAL_PLAN.replace(
        "  - {name: 宁波市, short: 宁波, pinyin: Ningbo, level: city}\n",
        "  - {name: 宁波市, short: ＮＢ, pinyin: Ningbo, level: city}\n"
        "  - {name: 温州市, short: nb, pinyin: Wenzhou, level: city}\n",
    )
    assert (
        len(parse_plan(shared, "plan.yaml").regions)
        == len(parse_plan(MINIMAL_PLAN, "p").regions) + 1
    )
