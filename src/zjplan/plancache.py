"""The validated plan, cached as plain JSON: pydantic validates a plan once, when it changes.

An entry is keyed by the plan file's bytes, zjplan's version and the source of every module
that builds a plan (a change to any of them is a new key), and lives in the user's cache
folder: ``$XDG_CACHE_HOME/zjplan``, else ``~/.cache/zjplan``; ``ZJPLAN_CACHE=off`` turns it
off.

The cache must never change a verdict, so an entry is trusted only when all of these hold:
the folder is a real folder (not a link) owned by the user and writable by no one else;
the entry is a regular file (opened without following a link, non-blocking: never a FIFO
or a device) owned by the user and under MAX_ENTRY_BYTES; and its first line is the
HMAC-SHA256 of the rest under the user's own secret key (``key`` in the folder, 0600, made
on first use), so an entry written by anyone without that key is refused. The rest is
JSON, never pickle, read as untrusted input all the same: each value is put back into the
type its model declares, field by field, and anything that does not fit (NaN, nesting,
a missing field, an impossible date) is a miss. A miss is validated anew and the entry
written again; a folder that is missing, shared, read-only or full costs only the speed
it would have saved.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import hmac
import json
import math
import operator
import os
import re
import stat
import types
import typing
from collections.abc import Callable
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from zjplan.base import Check
from zjplan.version import __version__

FORMAT = 2
# Every module a plan is built with (tests/test_plancache.py checks the list against what
# loading a plan imports): an edit to any of them must not be served an old entry.
SOURCES = (
    "__init__.py",
    "base.py",
    "catalogue.py",
    "comparators.py",
    "errors.py",
    "files.py",
    "model.py",
    "numbers.py",
    "plan.py",
    "plancache.py",
    "sanitise.py",
    "version.py",
    "wording.py",
    "yamlload.py",
)
MAX_ENTRY_BYTES = 20 * 1024 * 1024
KEY_BYTES = 32
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)


def folder() -> Path | None:
    """Where entries live; None when the cache is off."""
    if os.environ.get("ZJPLAN_CACHE", "").strip().lower() in ("off", "0", "no", "false"):
        return None
    base = os.environ.get("XDG_CACHE_HOME", "").strip()
    root = Path(base) if base and os.path.isabs(base) else Path.home() / ".cache"
    return root / "zjplan"


def key(raw: bytes) -> str:
    """The entry's name: the plan's bytes, zjplan's version, the source of the modules that
    build a plan."""
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


def _open_folder(where: Path, create: bool) -> int | None:
    """A descriptor of the cache folder if it is safe to trust (a real folder, not a link,
    the user's own, writable by no one else), else None. Made 0700 when missing."""
    if create:
        try:
            where.parent.mkdir(parents=True, exist_ok=True)
            where.mkdir(mode=0o700)
        except FileExistsError:
            pass
        except OSError:
            return None
    try:
        fd = os.open(where, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | _NOFOLLOW)
    except OSError:
        return None
    info = os.fstat(fd)
    if not _owned(info) or not stat.S_ISDIR(info.st_mode) or info.st_mode & 0o022:
        os.close(fd)
        return None
    return fd


def _owned(info: os.stat_result) -> bool:
    return not hasattr(os, "getuid") or info.st_uid == os.getuid()


def _read(name: str, dir_fd: int, limit: int, private: bool = False) -> bytes | None:
    """A regular file of the user's in the folder (``private``: readable by the user alone),
    at most ``limit`` bytes, never through a link, a FIFO or a device; None otherwise."""
    from zjplan.files import FileProblem, read_regular

    def ours(info: os.stat_result) -> bool:
        return _owned(info) and not (private and info.st_mode & 0o077)

    try:
        return read_regular(name, limit, dir_fd=dir_fd, follow=False, accept=ours)
    except FileProblem:
        return None


def _secret(dir_fd: int, create: bool) -> bytes | None:
    """The user's secret key (``key`` in the folder, readable by the user alone); made when
    missing and ``create`` is set."""
    data = _read("key", dir_fd, KEY_BYTES, private=True)
    if data is not None and len(data) == KEY_BYTES:
        return data
    if not create:
        return None
    with contextlib.suppress(OSError):  # a key not to trust (a link, shared, cut) is replaced
        os.unlink("key", dir_fd=dir_fd)
    new = os.urandom(KEY_BYTES)  # (secrets would import random: 2.6 ms of every run)
    try:
        fd = os.open("key", os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW, 0o600, dir_fd=dir_fd)
    except OSError:
        return None
    try:
        os.write(fd, new)
    finally:
        os.close(fd)
    return new


def _mac(secret: bytes, name: str, body: bytes) -> bytes:
    return hmac.new(secret, name.encode() + b"\0" + body, hashlib.sha256).hexdigest().encode()


def load(raw: bytes) -> Any | None:
    """The cached Plan for these plan bytes, or None (no entry, or one not to trust)."""
    where = folder()
    if where is None:
        return None
    dir_fd = _open_folder(where, create=False)
    if dir_fd is None:
        return None
    name = key(raw)
    try:
        secret = _secret(dir_fd, create=False)
        data = _read(f"plan-{name}.json", dir_fd, MAX_ENTRY_BYTES)
    finally:
        os.close(dir_fd)
    if secret is None or data is None:
        return None
    mac, _, body = data.partition(b"\n")
    if not hmac.compare_digest(mac, _mac(secret, name, body)):
        return None
    try:
        entry = json.loads(body, parse_constant=_no_constant)
        if not isinstance(entry, dict) or entry.get("format") != FORMAT or entry.get("key") != name:
            return None
        from zjplan.model import Plan

        return rebuild(Plan, entry["plan"])
    except Exception:  # an entry that does not fit the models is a miss, whatever it holds
        return None


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a figure")


def store(raw: bytes, plan: Any) -> None:
    """Write the entry for these bytes atomically, signed; any OS error is ignored."""
    where = folder()
    if where is None:
        return
    dir_fd = _open_folder(where, create=True)
    if dir_fd is None:
        return
    name = key(raw)
    from zjplan.base import plain_data

    entry = {"format": FORMAT, "key": name, "plan": plain_data(plan)}
    body = json.dumps(entry, ensure_ascii=False, separators=(",", ":")).encode()
    temporary = f".plan-{name}.{os.urandom(8).hex()}.tmp"
    try:
        _remove_leftovers(dir_fd)
        secret = _secret(dir_fd, create=True)
        if secret is None:
            return
        fd = os.open(
            temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW, 0o600, dir_fd=dir_fd
        )
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(_mac(secret, name, body) + b"\n" + body)
            os.replace(temporary, f"plan-{name}.json", src_dir_fd=dir_fd, dst_dir_fd=dir_fd)
        except OSError:
            with contextlib.suppress(OSError):
                os.unlink(temporary, dir_fd=dir_fd)
    except OSError:
        return
    finally:
        os.close(dir_fd)


STALE_SECONDS = 3600  # a temporary entry this old is a killed run's


def _remove_leftovers(dir_fd: int) -> None:
    """Temporary entries a killed run left (over an hour old; a live run's is seconds old),
    and entries of other keys not used for 90 days: the folder does not grow for ever."""
    import time

    now = time.time()
    with contextlib.suppress(OSError), os.scandir(dir_fd) as entries:
        for entry in entries:
            name = entry.name
            temporary = name.startswith(".plan-") and name.endswith(".tmp")
            if not (temporary or (name.startswith("plan-") and name.endswith(".json"))):
                continue
            with contextlib.suppress(OSError):
                info = entry.stat(follow_symlinks=False)
                age = now - (info.st_mtime if temporary else max(info.st_atime, info.st_mtime))
                if age > (STALE_SECONDS if temporary else 90 * 86400):
                    os.unlink(name, dir_fd=dir_fd)


_CONSTRAINTS: dict[str, Callable[[Any, Any], bool]] = {
    "ge": operator.ge,
    "gt": operator.gt,
    "le": operator.le,
    "lt": operator.lt,
    "min_length": lambda value, limit: len(value) >= limit,
    "max_length": lambda value, limit: len(value) <= limit,
    "pattern": lambda value, limit: limit.search(value) is not None,  # compiled: _tests
}
Test = tuple[str, Callable[[Any, Any], bool], Any]  # a constraint's name, test and limit


def _tests(constraints: dict[str, Any]) -> list[Test]:
    """pydantic's field constraints, as base.Check names them, made ready once."""
    return [
        (name, _CONSTRAINTS[name], re.compile(limit) if name == "pattern" else limit)
        for name, limit in constraints.items()
    ]


def _constraints(tests: list[Test], value: Any) -> None:
    """A rebuilt value held to its field's constraints."""
    for name, test, limit in tests:
        if not test(value, limit):
            shown = limit.pattern if name == "pattern" else limit
            raise ValueError(f"{value!r} breaks {name}={shown!r}")


@cache
def _fields(model: type) -> dict[str, Any]:
    """A model's fields and the types they declare (annotations resolved, Annotated kept
    and unwrapped by _converter)."""
    hints = typing.get_type_hints(model, include_extras=True)
    return {f.name: hints[f.name] for f in dataclasses.fields(model)}


def rebuild(model: Any, data: Any) -> Any:
    """A model from its JSON dump, each field put back into the type its annotation
    declares (dates from ISO text, nested models, lists, optional values), with the checks
    its annotations carry (base.Check) and the model's own rules, without pydantic: the
    entry is signed, and is read as untrusted input all the same. Raises on anything that
    does not fit."""
    if not isinstance(data, dict):
        raise TypeError(f"{model.__name__}: an object is needed")
    unknown = data.keys() - _fields(model).keys()
    if unknown:
        raise KeyError(f"{model.__name__}: unknown fields {sorted(unknown)}")
    fields = {
        name: convert(data[name]) for name, convert in _field_converters(model) if name in data
    }
    built = model(**fields)
    rules = getattr(model, "_rules", None)
    if rules is not None:
        rules(built)
    return built


@cache
def _field_converters(model: type) -> tuple[tuple[str, Callable[[Any], Any]], ...]:
    """Each field's name and converter, looked up once per model (a converter looked up
    for each value hashed its annotation each time: 2,843 models of a county plan)."""
    return tuple((name, _converter(kind)) for name, kind in _fields(model).items())


@cache
def _converter(annotation: Any) -> Callable[[Any], Any]:
    """The function that puts a value back into ``annotation``'s type, made once per
    annotation (a plan of 2,800 regions converts 43,000 values: inspecting the annotation
    for each cost 0.17 s of a run)."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        inner, *meta = typing.get_args(annotation)
        checks = [m for m in meta if isinstance(m, Check)]
        tests = [_tests(check.constraints) for check in checks]
        convert = _converter(inner)

        def annotated(value: Any) -> Any:
            for check in checks:
                value = check.before(value) if check.before is not None else value
            value = convert(value)
            for check, held in zip(checks, tests, strict=True):
                _constraints(held, value)
                value = check.after(value) if check.after is not None else value
            return value

        return annotated
    if origin in (typing.Union, types.UnionType):
        options = [_converter(a) for a in typing.get_args(annotation) if a is not type(None)]
        names = [a for a in typing.get_args(annotation) if a is not type(None)]

        def union(value: Any) -> Any:
            if value is None:
                return None
            for option in options:
                try:
                    return option(value)
                except (TypeError, ValueError, KeyError):
                    continue
            raise TypeError(f"{value!r} fits none of {names}")

        return union
    if origin is typing.Literal:
        allowed = typing.get_args(annotation)

        def literal(value: Any) -> Any:
            if value not in allowed:
                raise ValueError(f"{value!r} is not one of {allowed}")
            return value

        return literal
    if origin in (list, tuple, frozenset, set):
        args = typing.get_args(annotation)
        item = _converter(args[0] if args else Any)

        def sequence(value: Any) -> Any:
            if not isinstance(value, list):
                raise TypeError("a list is needed")
            items = [item(v) for v in value]
            return origin(items) if origin is not list else items

        return sequence
    if origin is dict:
        _, inner = typing.get_args(annotation) or (Any, Any)
        entry = _converter(inner)

        def mapping(value: Any) -> Any:
            if not isinstance(value, dict):
                raise TypeError("an object is needed")
            return {k: entry(v) for k, v in value.items()}

        return mapping
    if isinstance(annotation, type) and dataclasses.is_dataclass(annotation):
        return lambda value: rebuild(annotation, value)
    if annotation is date:
        return _date
    if annotation is float:
        return _float
    if annotation in (int, str, bool):

        def plain(value: Any) -> Any:
            if not isinstance(value, annotation):
                raise TypeError(f"{annotation.__name__} is needed")
            return value

        return plain
    return lambda value: value


def _date(value: Any) -> date:
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        raise TypeError("a date is needed")
    return date.fromisoformat(value)


def _float(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise TypeError("a number is needed")
    if not math.isfinite(value):
        raise ValueError("a finite number is needed")
    return float(value)
