"""Load plan.yaml into a validated :class:`Plan`, or say exactly where it is wrong."""

from __future__ import annotations

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


def _problem(error: Any, located: Located, file: str) -> Problem:
    kind = error["type"]
    ctx = error.get("ctx") or {}
    loc: tuple[str | int, ...] = tuple(error["loc"]) + tuple(ctx.get("at", ()))
    code = _CODES.get(kind)
    line, column = located.position(loc, key=code == "unknown-key")
    if code is None:
        code = "wrong-type" if kind.endswith(("_type", "_parsing")) else "invalid-value"
    where = ".".join(str(part) for part in loc)
    return Problem(code, f"{where}: {error['msg']}", file, line, column)


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
