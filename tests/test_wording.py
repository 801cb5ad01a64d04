"""The catalogue of sentences (zjplan.wording): every key has both languages with the same
parameters, a sentence is its English text, and Chinese is said from the key and the
parameters, never parsed back from the English."""

from __future__ import annotations

import copy
import pickle
import string
import typing
from datetime import date

import pytest

from zjplan.catalogue import ENGINE
from zjplan.wording import CATALOGUE, Key, Said, is_said, said_params, say, says


def fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_every_key_is_typed_and_said_in_both_languages() -> None:
    typed = {key for family in typing.get_args(Key) for key in typing.get_args(family)}
    assert typed == set(CATALOGUE)
    for key, template in CATALOGUE.items():
        assert template.en.strip(), key
        assert template.zh.strip(), key
        assert fields(template.en) == fields(template.zh), key
        if key in ENGINE:  # a hint may name a Chinese column or word the clerk types
            assert not any("\u4e00" <= ch <= "\u9fff" for ch in template.en), key
        assert any("\u4e00" <= ch <= "\u9fff" for ch in template.zh), key


def test_a_sentence_is_its_english_and_says_chinese_from_its_parameters() -> None:
    sentence = says("only-before-start", x=55000.0, day=date(2017, 12, 31))
    assert sentence == "only figures from before the plan's start; latest 55000 at 2017-12-31"
    assert say(sentence, "en") == sentence
    assert say(sentence, "zh") == "只有计划开始前的数据；最近一次为2017-12-31的55000"
    assert sentence.plain() == {"key": "only-before-start", "x": 55000.0, "day": "2017-12-31"}
    assert is_said(sentence, "only-before-start")
    assert not is_said("only figures from before the plan's start", "only-before-start")


def test_text_that_was_not_said_is_shown_as_it_is() -> None:
    """A file's source or a plan's words are no sentence of the catalogue: never parsed,
    in any language."""
    assert say("the baseline is unknown", "zh") == "the baseline is unknown"
    assert say(None, "zh") == ""


def test_text_parameters_are_inert() -> None:
    sentence = says("not-computed-for", comparator="x\x1b[31m\u202e")
    assert "\x1b" not in sentence
    assert "\x1b" not in say(sentence, "zh")


@pytest.mark.parametrize(
    "clone", [copy.copy, copy.deepcopy, lambda s: pickle.loads(pickle.dumps(s))]
)
def test_a_sentence_keeps_its_key_when_copied(clone: typing.Callable[[Said], Said]) -> None:
    sentence = says("sum-of-cities", n=5)
    again = clone(sentence)
    assert again == "sum of 5 cities"
    assert say(again, "zh") == "5个市合计"


def test_params_name_where_each_sentence_stands() -> None:
    found = said_params({"status_reason": says("baseline-zero"), "latest.source": "统计公报"})
    assert found == {"status_reason": {"key": "baseline-zero"}}


def test_every_key_is_said_somewhere() -> None:
    """No template is left in the catalogue after the code that said it is gone."""
    from tests.conftest import ROOT

    source = "\n".join(
        path.read_text(encoding="utf-8")
        for path in (ROOT / "src" / "zjplan").rglob("*.py")
        if path.name != "catalogue.py"
    )
    unsaid = {key for key in CATALOGUE if f'"{key}"' not in source}
    unsaid -= {"severity-error", "severity-warning"}  # said as f"severity-{severity}"
    assert unsaid == set()


def test_a_listed_problem_is_packed_and_said_in_chinese() -> None:
    """The budget's path: English made once, the key and values packed small, Chinese
    filled from the same values, JSON given the values by name; a cell quoted '…' in
    English and “…” in Chinese, with the spreadsheet cell in front of both."""
    from zjplan.errors import Problem
    from zjplan.wording import cell, tell, words

    text, hint, told = tell(
        words("unknown-region", cell=cell("火星")), words("hint-region", name="宁波市",
        short="宁波", pinyin="ningbo"), "B3",
    )  # fmt: skip
    assert text == "B3: '火星' is not a region of the plan"
    assert hint == "write a region of the plan as 宁波市, 宁波 or ningbo"
    problem = Problem("unknown-region", text, "f.xlsx", 3, 2, hint=hint, params=told)
    assert problem.say("zh") == (
        "B3: “火星”不是计划中的地区",
        "请填写计划中的地区，如宁波市、宁波或ningbo",
    )
    assert problem.format("zh") == (
        "f.xlsx:3:2: 错误[unknown-region]: B3: “火星”不是计划中的地区"
        "（请填写计划中的地区，如宁波市、宁波或ningbo）"
    )
    assert told.json_data() == {
        "message": {"key": "unknown-region", "cell": "火星"},
        "hint": {"key": "hint-region", "name": "宁波市", "short": "宁波", "pinyin": "ningbo"},
    }


def test_a_quoted_cell_is_cut_and_escaped_as_before() -> None:
    from zjplan.sanitise import quoted
    from zjplan.wording import cell, tell, words

    for raw in ("abc", "x" * 200, "a\x1b[31mb\u202e", "it's"):
        text, _, told = tell(words("not-a-number", cell=cell(raw)))
        assert text == f"{quoted(raw)} is not a number"
        assert "\x1b" not in told.say("zh")[0]
