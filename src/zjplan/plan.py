"""Load plan.yaml into a validated :class:`Plan`, or say exactly where it is wrong."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from zjplan.errors import Problem, ZjplanError
from zjplan.files import FileProblem, read_regular
from zjplan.model import Plan
from zjplan.wording import said, says

if TYPE_CHECKING:
    from zjplan.yamlload import Located

MAX_PLAN_BYTES = 5 * 1024 * 1024
DEFAULT_PLAN = Path("data/plan.yaml")

# pydantic error types -> our stable problem codes (a model is a dataclass: an unknown key
# is an unexpected keyword argument)
_CODES = {
    "extra_forbidden": "unknown-key",
    "unexpected_keyword_argument": "unknown-key",
    "missing": "missing-key",
    "duplicate_id": "duplicate-id",
    "unknown_task": "unknown-reference",
    "unknown_region": "unknown-reference",
}


def read_text(path: Path, limit: int) -> str:
    """Read a UTF-8 text file of at most ``limit`` bytes, or raise a located error."""
    return decode_text(read_bytes(path, limit), str(path))


def read_bytes(path: Path, limit: int) -> bytes:
    """A regular file's bytes (at most ``limit``), or a located error."""
    try:
        return read_regular(path, limit)
    except FileProblem as exc:
        hint = says("hint-check-path") if exc.code == "file-not-found" else ""
        raise ZjplanError(
            [Problem.said(exc.code, said(exc.message), str(path), hint=hint)]
        ) from exc


def decode_text(raw: bytes, name: str) -> str:
    """UTF-8 text (a BOM is dropped), or a located not-utf8 error."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise ZjplanError(
            [Problem("not-utf8", "not UTF-8 text", name, line, 1, hint="save it as UTF-8")]
        ) from exc


_RANGE = re.compile(r"\s*(-?[\d.]+)\s*[-~–—～至到]\s*([\d.]+)\s*%?\s*")
SHOWN_KEYS = 8  # valid keys an unknown-key message names, nearest first


def _problem(error: Any, located: Located, file: str, root: Any = Plan) -> Problem:
    kind = error["type"]
    ctx = error.get("ctx") or {}
    loc: tuple[str | int, ...] = tuple(error["loc"]) + tuple(ctx.get("at", ()))
    code = _CODES.get(kind)
    line, column = located.position(loc, key=code == "unknown-key")
    if code is None:
        code = "wrong-type" if kind.endswith(("_type", "_parsing")) else "invalid-value"
    where = ".".join(str(part) for part in loc)
    message, hint = f"{where}: {error['msg']}", ""
    if code == "unknown-key" and loc:
        keys = _keys_at(loc[:-1], root)
        if keys:
            near = _nearest(str(loc[-1]), keys)
            more = len(keys) - SHOWN_KEYS
            message = f"{where}: unknown key; valid keys, nearest first: {', '.join(near)}" + (
                f" and {more} more" if more > 0 else ""
            )
            hint = f"did you mean {near[0]}? zjplan schema plan lists every key"
    value = error.get("input")
    if loc and loc[-1] in ("value", "upper") and isinstance(value, str):
        m = _RANGE.fullmatch(value)
        if m is not None:  # 55-60: a range
            hint = f"a range is comparator: between, value: {m[1]}, upper: {m[2]}"
    return Problem(code, message, file, line, column, hint=hint)


def _keys_at(path: tuple[str | int, ...], root: Any = Plan) -> list[str]:
    """The keys the model at ``path`` takes: of a plan (plan, regions.N, targets.N,
    targets.N.baseline, targets.N.milestones.M, owners.N), or of another ``root`` model."""
    import dataclasses

    from zjplan import model

    names = [p for p in path if isinstance(p, str)]
    if root is not Plan:
        return [f.name for f in dataclasses.fields(root)] if not names else []
    found: Any = {
        (): model.Plan,
        ("plan",): model.PlanInfo,
        ("regions",): model.Region,
        ("targets",): model.Target,
        ("targets", "baseline"): model.Baseline,
        ("targets", "milestones"): model.Milestone,
        ("owners",): model.Owner,
    }.get(tuple(names))
    return [f.name for f in dataclasses.fields(found)] if found is not None else []


def _nearest(key: str, keys: list[str]) -> list[str]:
    """The first SHOWN_KEYS of ``keys``, the most like ``key`` first."""
    import difflib

    def likeness(k: str) -> float:
        return difflib.SequenceMatcher(None, key.casefold(), k).ratio()

    return sorted(keys, key=likeness, reverse=True)[:SHOWN_KEYS]


def parse_plan(text: str, file: str) -> Plan:
    """Validate plan text; every problem is reported with its line and column."""
    from pydantic import ValidationError  # (a cached plan needs neither pydantic nor YAML)

    from zjplan.base import validator
    from zjplan.yamlload import load_yaml

    located = load_yaml(text, file)
    try:
        plan: Plan = validator(Plan).validate_python(located.data)
        return plan
    except ValidationError as exc:
        problems = [_problem(e, located, file) for e in exc.errors(include_url=False)]
        raise ZjplanError(sorted(problems, key=lambda p: (p.line, p.column))) from exc


def load_plan(path: Path | str = DEFAULT_PLAN) -> Plan:
    """Read and validate a plan file (``data/plan.yaml`` by default): from the plan cache
    when these exact bytes were validated before (plancache.py), else validated and
    cached."""
    from zjplan import plancache

    path = Path(path)
    raw = read_bytes(path, MAX_PLAN_BYTES)
    cached = plancache.load(raw)
    if cached is not None:
        return cached  # type: ignore[no-any-return]
    plan = parse_plan(decode_text(raw, str(path)), str(path))
    plancache.store(raw, plan)
    return plan
