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

from zjplan.wording import CATALOGUE, Key, Said, is_said, said_params, say, says


def fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_every_key_is_typed_and_said_in_both_languages() -> None:
    assert set(typing.get_args(Key)) == set(CATALOGUE)
    for key, template in CATALOGUE.items():
        assert template.en.strip(), key
        assert template.zh.strip(), key
        assert fields(template.en) == fields(template.zh), key
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
