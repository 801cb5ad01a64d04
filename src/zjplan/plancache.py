"""The validated plan, cached as plain JSON: pydantic validates a plan once, when it changes.

An entry is keyed by the plan file's bytes, zjplan's version and the source of the models
that validate it (a change to any of them is a new key), and lives in the user's cache
folder: ``$XDG_CACHE_HOME/zjplan``, else ``~/.cache/zjplan``; ``ZJPLAN_CACHE=off`` turns it
off. The entry is JSON, never pickle: reading one can build only plain values, and each is
put back into the models' own types field by field (the types the models declare), then
into the models without validating again. An entry that cannot be read, is of another
key or format, or does not fit the models is ignored and written anew; a cache folder
that is missing, read-only or full costs only the speed it would have saved.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import types
import typing
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from zjplan import __version__

FORMAT = 1
SOURCES = ("model.py", "base.py", "comparators.py", "numbers.py", "plancache.py")
MAX_ENTRY_BYTES = 20 * 1024 * 1024


def folder() -> Path | None:
    """Where entries live; None when the cache is off."""
    if os.environ.get("ZJPLAN_CACHE", "").strip().lower() in ("off", "0", "no", "false"):
        return None
    base = os.environ.get("XDG_CACHE_HOME", "").strip()
    root = Path(base) if base and os.path.isabs(base) else Path.home() / ".cache"
    return root / "zjplan"


def key(raw: bytes) -> str:
    """The entry's name: the plan's bytes, zjplan's version, the models' source."""
    digest = hashlib.sha256()
    digest.update(f"{FORMAT}\0{__version__}\0".encode())
    here = Path(__file__).parent
    for name in SOURCES:
        try:
            digest.update((here / name).read_bytes())
        except OSError:
            digest.update(b"?" + name.encode())
    digest.update(b"\0")
    digest.update(raw)
    return digest.hexdigest()


def load(raw: bytes) -> Any | None:
    """The cached Plan for these plan bytes, or None (no entry, or one not to trust)."""
    where = folder()
    if where is None:
        return None
    name = key(raw)
    try:
        path = where / f"plan-{name}.json"
        if path.stat().st_size > MAX_ENTRY_BYTES:
            return None
        entry = json.loads(path.read_bytes())
        if not isinstance(entry, dict) or entry.get("format") != FORMAT or entry.get("key") != name:
            return None
        from zjplan.model import Plan

        return rebuild(Plan, entry["plan"])
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return None


def store(raw: bytes, plan: Any) -> None:
    """Write the entry for these bytes atomically; any OS error is ignored."""
    where = folder()
    if where is None:
        return
    name = key(raw)
    from zjplan.base import plain_data

    entry = {"format": FORMAT, "key": name, "plan": plain_data(plan)}
    try:
        where.mkdir(parents=True, exist_ok=True)
        from zjplan.output import write_atomic

        text = json.dumps(entry, ensure_ascii=False, separators=(",", ":"))
        write_atomic(where / f"plan-{name}.json", text, wait=1.0)
    except OSError:
        return


@cache
def _fields(model: type) -> dict[str, Any]:
    """A model's fields and the types they declare (annotations resolved, Annotated kept
    and unwrapped by _value)."""
    hints = typing.get_type_hints(model, include_extras=True)
    return {f.name: hints[f.name] for f in dataclasses.fields(model)}


def rebuild(model: Any, data: Any) -> Any:
    """A model from its JSON dump, each field put back into the type its annotation
    declares (dates from ISO text, nested models, lists, optional values), built without
    validating again: the dump came from a validated model."""
    if not isinstance(data, dict):
        raise TypeError(f"{model.__name__}: an object is needed")
    declared = _fields(model)
    unknown = set(data) - set(declared)
    if unknown:
        raise KeyError(f"{model.__name__}: unknown fields {sorted(unknown)}")
    fields = {name: _value(kind, data[name]) for name, kind in declared.items() if name in data}
    return model(**fields)


def _value(annotation: Any, value: Any) -> Any:
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _value(typing.get_args(annotation)[0], value)
    if origin in (typing.Union, types.UnionType):
        if value is None:
            return None
        options = [a for a in typing.get_args(annotation) if a is not type(None)]
        for option in options:
            try:
                return _value(option, value)
            except (TypeError, ValueError, KeyError):
                continue
        raise TypeError(f"{value!r} fits none of {options}")
    if origin is typing.Literal:
        if value not in typing.get_args(annotation):
            raise ValueError(f"{value!r} is not one of {typing.get_args(annotation)}")
        return value
    if origin in (list, tuple, frozenset, set):
        if not isinstance(value, list):
            raise TypeError("a list is needed")
        args = typing.get_args(annotation)
        items = [_value(args[0] if args else Any, v) for v in value]
        return origin(items) if origin is not list else items
    if origin is dict:
        if not isinstance(value, dict):
            raise TypeError("an object is needed")
        _, inner = typing.get_args(annotation) or (Any, Any)
        return {k: _value(inner, v) for k, v in value.items()}
    if isinstance(annotation, type) and dataclasses.is_dataclass(annotation):
        return rebuild(annotation, value)
    if annotation is date:
        if not isinstance(value, str):
            raise TypeError("a date is needed")
        return date.fromisoformat(value)
    if annotation is float:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise TypeError("a number is needed")
        return float(value)
    if annotation in (int, str, bool) and not isinstance(value, annotation):
        raise TypeError(f"{annotation.__name__} is needed")
    return value
