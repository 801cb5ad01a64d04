"""Words as data: every sentence zjplan makes is a key and parameters, said from one
bilingual catalogue.

A sentence is made with :func:`says` (``says("only-before-start", x=55000, day=...)``): a
:class:`Said`, which *is* its English text (so every output and the JSON show what they
showed before) and also carries its key and parameters. A renderer asks :func:`say` for
it in a language, which fills the same parameters into that language's template: no
sentence is parsed back to be translated, and the JSON carries ``params`` so a machine
need not parse English either. Adding a sentence is one entry in CATALOGUE (en and zh)
and its key in Key; tests/test_wording.py fails when either language is missing.

The readers' problems are made lazily: a site names its sentence as :data:`Words` (a key
and its parameters, :func:`words`), and the run's problem budget makes the Said only for
a problem it lists (a hostile file may repeat one mistake on a million rows).
"""

from __future__ import annotations

import functools
from datetime import date
from typing import Any

from zjplan.catalogue import CATALOGUE, Key
from zjplan.sanitise import QUOTED, inert


class Cell(str):
    """A parameter that quotes a file's cell (or a unit, a column name): '…' in English as
    before (Python's repr, which escapes what cannot be shown), “…” in Chinese. Cut at
    QUOTED characters with …: a 120 KB cell is not echoed whole."""

    __slots__ = ()


def cell(text: str, limit: int = QUOTED) -> Cell:
    """A quoted cell: ``text``, cut at ``limit`` characters."""
    return Cell(text if len(text) <= limit else text[:limit] + "…")


Param = str | int | float | date
Words = tuple[Key, dict[str, Param]]  # a sentence not made yet: its key and parameters


def words(key: Key, **params: Param) -> Words:
    """A sentence named, to be said only if it is shown (see progress/budget.py)."""
    return key, params


class Said(str):
    """A sentence: its English text, with the key and parameters it was said from, and the
    cell it is about (``D14: …``) when a spreadsheet's problem names one."""

    key: str
    params: dict[str, Param]
    cell: str

    def __new__(cls, key: Key, params: dict[str, Param], at: str = "") -> Said:
        text = _fill(CATALOGUE[key].en, params, "en")
        said = super().__new__(cls, f"{at}: {text}" if at else text)
        said.key, said.params, said.cell = key, params, at
        return said

    def __reduce__(self) -> Any:  # copies and pickles keep the key and parameters
        return (Said, (self.key, self.params, self.cell))

    def plain(self) -> dict[str, Any]:
        """The key and the parameters as JSON takes them (dates as ISO text)."""
        return _plain(self.key, self.params)


class Told(tuple[Any, ...]):
    """A problem's message and hint as keys and values, packed small (a file may list 10,000
    problems, a run 100,000): (message key, its values, the cell it is at, hint key or "",
    its values). The values are in the order their names first appear in the English
    template (:func:`names`). JSON writes it as ``{"message": {"key": …, name: value},
    "hint": {…}}``; empty for a problem not said from the catalogue."""

    __slots__ = ()

    def say(self, lang: str) -> tuple[str, str]:
        """The message (with its cell in front) and the hint, in a language."""
        if not self:
            return "", ""
        key, values, at, hint_key, hint_values = self
        text = _fill(_template(key, lang), _unpack(key, values), lang)
        hint = _fill(_template(hint_key, lang), _unpack(hint_key, hint_values), lang)
        return (f"{at}: {text}" if at else text), (hint if hint_key else "")

    def json_data(self) -> dict[str, dict[str, Any]]:
        if not self:
            return {}
        key, values, _, hint_key, hint_values = self
        message: dict[str, Any] = {"key": key}
        if values:
            message.update(zip(names(key), map(_json, values), strict=True))
        if not hint_key:
            return {"message": message}
        hint: dict[str, Any] = {"key": hint_key}
        if hint_values:
            hint.update(zip(names(hint_key), map(_json, hint_values), strict=True))
        return {"message": message, "hint": hint}

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: Any) -> Any:
        from pydantic_core import core_schema

        return core_schema.no_info_plain_validator_function(
            _told,
            serialization=core_schema.plain_serializer_function_ser_schema(
                lambda told: told.json_data(), return_schema=core_schema.dict_schema()
            ),
        )

    @classmethod
    def __get_pydantic_json_schema__(cls, schema: Any, handler: Any) -> dict[str, Any]:
        return {
            "type": "object",
            "description": "The key of the message (and of the hint) in zjplan's catalogue, "
            "with the values its template is filled with: a machine need not parse the "
            "English. Empty for a message not made from the catalogue.",
            "properties": {
                "message": {"type": "object", "properties": {"key": {"type": "string"}}},
                "hint": {"type": "object", "properties": {"key": {"type": "string"}}},
            },
        }


NOT_TOLD = Told()
NO_VALUES: tuple[Param, ...] = ()


def tell(message: Words, hint: Words | None = None, at: str = "") -> tuple[str, str, Told]:
    """A problem's English message (``at``: its cell, in front) and hint, and both packed
    (the problem budget's one call for each problem it lists)."""
    key, params = message
    text = _fill(CATALOGUE[key].en, params, "en")
    told_hint, hint_key, hint_values = _told_hint(hint) if hint is not None else _NO_HINT
    if params or at:
        told = Told((key, _pack(key, params), at, hint_key, hint_values))
    else:  # a sentence without values (200,000 empty files: "the file is empty"), told once
        told = _bare_told(key, hint_key, hint_values)
    return (f"{at}: {text}" if at else text), told_hint, told


@functools.lru_cache(maxsize=4096)  # bounded: a hint may carry values
def _bare_told(key: str, hint_key: str, hint_values: tuple[Param, ...]) -> Told:
    return Told((key, NO_VALUES, "", hint_key, hint_values))


_NO_HINT: tuple[str, str, tuple[Param, ...]] = ("", "", ())
# A hint's English and packed values, by the hint named: most hints are one constant a site
# names again and again (or one suggestion a run keeps), said once. Holding the Words keeps
# its id from being reused while it is a key.
_HINTS: dict[int, tuple[Words, tuple[str, str, tuple[Param, ...]]]] = {}


def _told_hint(hint: Words) -> tuple[str, str, tuple[Param, ...]]:
    found = _HINTS.get(id(hint))
    if found is not None and found[0] is hint:
        return found[1]
    hint_key, params = hint
    made = (_fill(CATALOGUE[hint_key].en, params, "en"), hint_key, _pack(hint_key, params))
    if len(_HINTS) >= 4096:
        _HINTS.clear()
    _HINTS[id(hint)] = (hint, made)
    return made


def told(message: Said, hint: str = "") -> Told:
    """The packed form of a message (and a hint) already said."""
    if not isinstance(message, Said):
        return NOT_TOLD
    hint_key, hint_values = "", NO_VALUES
    if isinstance(hint, Said):
        hint_key, hint_values = hint.key, _pack(hint.key, hint.params)
    key: Key = message.key  # type: ignore[assignment]
    return Told((key, _pack(key, message.params), message.cell, hint_key, hint_values))


def _told(value: Any) -> Told:
    if isinstance(value, Told):
        return value
    raise ValueError("a Told is made by zjplan, not read")


@functools.cache
def names(key: str) -> tuple[str, ...]:
    """The names of a template's parameters, in the order they first appear in English."""
    import string

    seen: dict[str, None] = {}
    for _, name, _, _ in string.Formatter().parse(CATALOGUE[key].en):
        if name:
            seen.setdefault(name, None)
    return tuple(seen)


def _pack(key: str, params: dict[str, Param]) -> tuple[Param, ...]:
    return tuple(map(params.__getitem__, names(key))) if params else ()


def _unpack(key: str, values: tuple[Param, ...]) -> dict[str, Param]:
    return dict(zip(names(key), values, strict=True)) if values else {}


def _template(key: str, lang: str) -> str:
    if not key:
        return ""
    return getattr(CATALOGUE[key], lang, CATALOGUE[key].en)


def _plain(key: str, params: dict[str, Param]) -> dict[str, Any]:
    return {"key": key, **{k: _json(v) for k, v in params.items()}}


def says(key: Key, **params: Param) -> Said:
    """A sentence of the catalogue, with its parameters."""
    return Said(key, params) if params else _bare(key)


def said(named: Words, at: str = "") -> Said:
    """The sentence :func:`words` named, made (at a cell, ``at``)."""
    key, params = named
    return Said(key, params, at) if params or at else _bare(key)


@functools.cache
def _bare(key: Key) -> Said:
    """A sentence without parameters, made once (the engine says 'the baseline is unknown'
    of many numbers of many targets)."""
    return Said(key, {})


def say(text: str | None, lang: str) -> str:
    """A sentence in the language asked for: a Said from its key and parameters, any
    other text (plan text, a file's source) as it is; '' for None."""
    if not text:
        return ""
    if lang == "en" or not isinstance(text, Said):
        return str(text)
    template = getattr(CATALOGUE[text.key], lang, CATALOGUE[text.key].en)
    filled = _fill(template, text.params, lang)
    return f"{text.cell}: {filled}" if text.cell else filled


def said_params(texts: dict[str, str | None]) -> dict[str, dict[str, Any]]:
    """The key and parameters of each text that was said from the catalogue, by name."""
    return {name: text.plain() for name, text in texts.items() if isinstance(text, Said)}


def is_said(text: object, key: Key) -> bool:
    """Whether ``text`` is the catalogue's sentence ``key`` (never its English compared)."""
    return isinstance(text, Said) and text.key == key


def _fill(template: str, params: dict[str, Param], lang: str) -> str:
    """The template with its parameters; text parameters made inert on the way in, cells
    quoted as the language quotes them."""
    if not params:
        return template
    shown: dict[str, Param] = {}
    for name, value in params.items():
        if type(value) is str:  # the common case: printable text as it is
            shown[name] = value if value.isprintable() else inert(value)
        elif isinstance(value, str):
            shown[name] = _shown(value, lang)
        else:
            shown[name] = value
    return template.format_map(shown)


def _shown(value: Param, lang: str) -> Param:
    if isinstance(value, Said):  # a phrase of the catalogue inside a sentence
        return say(value, lang)
    if isinstance(value, Cell):
        return repr(str(value)) if lang == "en" else f"“{inert(value)}”"
    return inert(value) if isinstance(value, str) else value


def _json(value: Param) -> Any:
    kind = type(value)
    if kind is str or kind is int or kind is float:
        return value
    if isinstance(value, Said):
        return value.plain()
    if isinstance(value, Cell):
        return inert(value)
    return value.isoformat() if isinstance(value, date) else value
