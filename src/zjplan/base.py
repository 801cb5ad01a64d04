"""The one base of every model (plan, report, check report): frozen dataclasses that pydantic
validates when asked to, and that cost a plain class's price on every other run.

A model is a subclass of :class:`Model`: a frozen, keyword-only dataclass that carries
pydantic's config (``__pydantic_config__``, a plain dict, read only when pydantic builds a
validator). What pydantic checks beyond the types is written in the annotations as
:class:`Check` metadata, which imports pydantic only when a validator or a JSON Schema is
built: ``zjplan status`` on a cached plan (plancache.py) imports no pydantic at all.
``validator(Plan)`` and ``json_schema(Report)`` build pydantic's adapters on demand.
"""

from __future__ import annotations

import dataclasses
import enum
from collections.abc import Callable
from datetime import date
from functools import cache
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar, dataclass_transform

if TYPE_CHECKING:
    from pydantic import GetCoreSchemaHandler, TypeAdapter
    from pydantic_core import CoreSchema

T = TypeVar("T")

# Unknown keys are errors, no coercion, no inf or NaN (pydantic's ConfigDict, as a dict).
CONFIG: dict[str, Any] = {"extra": "forbid", "strict": True, "allow_inf_nan": False}


@dataclass_transform(kw_only_default=True, frozen_default=True)
class Model:
    """A model: each subclass is made a frozen, keyword-only dataclass. It validates with
    strict fields, yet takes a mapping for the whole (pydantic's strict mode alone would
    take only an instance)."""

    __pydantic_config__: ClassVar[dict[str, Any]] = CONFIG

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        dataclasses.dataclass(frozen=True, kw_only=True)(cls)

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler) -> Any:
        """The dataclass's schema, with the class's own rules: ``_prepare(data)`` runs on
        the input, ``_rules(self)`` on the validated model (it raises pydantic_core's
        PydanticCustomError, located where the model is)."""
        from pydantic_core import core_schema

        schema: Any = handler(source)
        if schema.get("type") == "dataclass":
            schema["strict"] = False
        rules = getattr(cls, "_rules", None)
        if rules is not None:

            def after(value: Any) -> Any:
                rules(value)
                return value

            schema = core_schema.no_info_after_validator_function(after, schema)
        prepare = getattr(cls, "_prepare", None)
        if prepare is not None:
            schema = core_schema.no_info_before_validator_function(prepare, schema)
        return schema


class Check:
    """What pydantic checks on a field beyond its type, written in its annotation:
    ``Annotated[float, Check(ge=0)]``. ``constraints`` are pydantic Field's (ge, gt, lt,
    min_length, max_length, pattern); ``before`` runs on the input, ``after`` on the
    validated value. Nothing of pydantic is imported until a validator is built."""

    __slots__ = ("after", "before", "constraints")

    def __init__(
        self,
        *,
        before: Callable[[Any], Any] | None = None,
        after: Callable[[Any], Any] | None = None,
        **constraints: Any,
    ) -> None:
        self.constraints = constraints
        self.before = before
        self.after = after

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> CoreSchema:
        from typing import Annotated

        from pydantic import AfterValidator, BeforeValidator, Field

        meta: list[Any] = [Field(**self.constraints)] if self.constraints else []
        if self.before is not None:
            meta.append(BeforeValidator(self.before))
        if self.after is not None:
            meta.append(AfterValidator(self.after))
        if not meta:
            return handler(source)
        return handler.generate_schema(Annotated[(source, *meta)])


@cache
def validator(kind: Any) -> TypeAdapter[Any]:
    """pydantic's adapter for a model (or an annotated model type), built on first use."""
    from pydantic import TypeAdapter

    return TypeAdapter(kind)


def json_schema(kind: Any) -> dict[str, Any]:
    """The JSON Schema pydantic generates for a model."""
    return validator(kind).json_schema()


def dump_json(value: Any, indent: int | None = 2) -> str:
    """A model as pydantic writes it: the fast writer for a large value."""
    kind: Any = type(value)
    return validator(kind).dump_json(value, indent=indent).decode()


_SCALARS = frozenset({str, int, float, bool, type(None)})


@cache
def _field_names(kind: type) -> tuple[str, ...] | None:
    """A dataclass's field names in order; None for any other type."""
    if not dataclasses.is_dataclass(kind):
        return None
    return tuple(f.name for f in dataclasses.fields(kind))


def plain_data(value: Any) -> Any:
    """A model (any dataclass) as the JSON data pydantic's dump gives: fields in order,
    dates as ISO text, enums as their values, tuples as lists."""
    kind: Any = type(value)
    if kind in _SCALARS:
        return value
    names = _field_names(kind)
    if names is not None:  # scalars inline: most fields are, and a report has 10,000 files
        return {
            name: item if type(item) in _SCALARS else plain_data(item)
            for name in names
            for item in (getattr(value, name),)
        }
    if hasattr(kind, "json_data"):  # a value that says how JSON writes it
        return plain_data(value.json_data())
    if isinstance(value, list | tuple):
        return [item if type(item) in _SCALARS else plain_data(item) for item in value]
    if isinstance(value, dict):
        return {k: plain_data(v) for k, v in value.items()}
    if isinstance(value, enum.Enum):
        return plain_data(value.value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str | int | float | bool):  # a subclass (StrEnum is an Enum above)
        return value
    raise TypeError(f"no JSON for {type(value).__name__}")


def replace(model: T, /, **changes: Any) -> T:
    """A model with some fields changed (not validated again: the values are the caller's)."""
    return dataclasses.replace(model, **changes)  # type: ignore[type-var]
