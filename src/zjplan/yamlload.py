"""One hardened YAML loader: plain data only, every value with its line and column.

A plan is edited by many hands, so the loader refuses what YAML allows but a plan never
needs: aliases (expansion bombs), tags (object construction), duplicate keys (last-wins
would silently drop a value) and YAML 1.1's implicit retyping (``no`` -> False,
``010`` -> 8, ``12:30`` -> 750). Plain scalars are resolved by the YAML 1.2 core rules,
narrowed: decimal integers without leading zeros, decimal floats, true/false, null.
Everything else stays a string, so a pydantic model decides what it means.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from zjplan.errors import Problem, ZjplanError

Path = tuple[str | int, ...]

MAX_DEPTH = 64
_STR = "tag:yaml.org,2002:str"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"
_INT = re.compile(r"[-+]?(?:0|[1-9][0-9]{0,17})")
_FLOAT = re.compile(
    r"[-+]?(?:(?:0|[1-9][0-9]{0,17})(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]{1,2})?"
)

_Base: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _NoImplicitLoader(_Base):  # type: ignore[misc]
    """Resolves every untagged scalar to a string; :func:`_plain` types it afterwards."""

    yaml_implicit_resolvers: dict[str, Any] = {}  # noqa: RUF012 - class attribute PyYAML reads


@dataclass
class Located:
    """YAML data with the (line, column) of every value and every mapping key, 1-based."""

    data: Any
    values: dict[Path, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Path, tuple[int, int]] = field(default_factory=dict)

    def position(self, path: Path, *, key: bool = False) -> tuple[int, int]:
        """Where ``path`` (or its closest existing ancestor) starts in the file."""
        for n in range(len(path), -1, -1):
            sub = path[:n]
            if key and sub in self.keys:
                return self.keys[sub]
            if sub in self.values:
                return self.values[sub]
        return (1, 1)


def _plain(value: str) -> Any:
    if value in ("", "~", "null", "Null", "NULL"):
        return None
    if value in ("true", "True", "TRUE"):
        return True
    if value in ("false", "False", "FALSE"):
        return False
    if _INT.fullmatch(value):
        return int(value)
    if _FLOAT.fullmatch(value):
        return float(value)
    return value


def _mark(node: yaml.Node) -> tuple[int, int]:
    return (node.start_mark.line + 1, node.start_mark.column + 1)


class _Builder:
    def __init__(self, file: str, text: str) -> None:
        self.file = file
        self.text = text
        self.located = Located(None)
        self.problems: list[Problem] = []
        self.seen: set[int] = set()
        self.alias_reported = False

    def problem(self, code: str, message: str, at: tuple[int, int], hint: str = "") -> None:
        self.problems.append(Problem(code, message, self.file, at[0], at[1], hint=hint))

    def build(self, node: yaml.Node, path: Path, depth: int) -> Any:
        if id(node) in self.seen:
            self.report_aliases()
            return None
        self.seen.add(id(node))
        self.located.values[path] = _mark(node)
        if depth > MAX_DEPTH:
            self.problem("yaml-too-deep", f"nesting deeper than {MAX_DEPTH} levels", _mark(node))
            return None
        if isinstance(node, yaml.ScalarNode):
            if node.tag != _STR:
                self.problem("yaml-tag", f"tag {node.tag!r} is not accepted", _mark(node))
                return None
            return node.value if node.style else _plain(node.value)
        if isinstance(node, yaml.SequenceNode):
            if node.tag != _SEQ:
                self.problem("yaml-tag", f"tag {node.tag!r} is not accepted", _mark(node))
                return None
            return [self.build(item, (*path, i), depth + 1) for i, item in enumerate(node.value)]
        if isinstance(node, yaml.MappingNode):
            if node.tag != _MAP:
                self.problem("yaml-tag", f"tag {node.tag!r} is not accepted", _mark(node))
                return None
            return self.build_mapping(node, path, depth)
        raise TypeError(f"unexpected YAML node {node!r}")  # pragma: no cover - PyYAML's contract

    def build_mapping(self, node: yaml.MappingNode, path: Path, depth: int) -> dict[Any, Any]:
        out: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = self.key(key_node)
            if key is None:
                self.problem("wrong-type", "a mapping key must be plain text", _mark(key_node))
                continue
            if key in out:
                first = self.located.keys[(*path, key)]
                self.problem(
                    "duplicate-key",
                    f"key {key!r} appears twice (first at line {first[0]})",
                    _mark(key_node),
                    "keep one of the two",
                )
                continue
            self.located.keys[(*path, key)] = _mark(key_node)
            out[key] = self.build(value_node, (*path, key), depth + 1)
        return out

    def key(self, node: yaml.Node) -> str | int | None:
        """A mapping key: plain text or an integer, never a collection, alias or tag."""
        if id(node) in self.seen:
            self.report_aliases()
            return None
        self.seen.add(id(node))
        if not isinstance(node, yaml.ScalarNode) or node.tag != _STR:
            self.problem("wrong-type", "a mapping key must be plain text", _mark(node))
            return None
        key = node.value if node.style else _plain(node.value)
        if not isinstance(key, str | int) or isinstance(key, bool):
            return str(node.value)
        return key

    def report_aliases(self) -> None:
        """An alias was met: find every one by a linear event scan (nothing is expanded)."""
        if self.alias_reported:
            return
        self.alias_reported = True
        for event in yaml.parse(self.text, Loader=_Base):
            if isinstance(event, yaml.AliasEvent) and event.start_mark is not None:
                at = (event.start_mark.line + 1, event.start_mark.column + 1)
                self.problem(
                    "yaml-alias",
                    f"alias *{event.anchor} is not accepted",
                    at,
                    "write the value out in full",
                )


def load_yaml(text: str, file: str) -> Located:
    """Parse one YAML document into plain data with positions, or raise :class:`ZjplanError`."""
    loader = _NoImplicitLoader(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        at = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        message = " ".join(str(part) for part in (exc.context, exc.problem) if part)
        code = "yaml-too-deep" if "nesting depth" in message else "yaml-syntax"
        raise ZjplanError([Problem(code, message or "malformed YAML", file, *at)]) from exc
    except yaml.YAMLError as exc:
        raise ZjplanError([Problem("yaml-syntax", str(exc), file, 1, 1)]) from exc
    except RecursionError as exc:
        raise ZjplanError([Problem("yaml-too-deep", "nesting too deep", file, 1, 1)]) from exc
    finally:
        loader.dispose()
    builder = _Builder(file, text)
    if node is not None:
        builder.located.data = builder.build(node, (), 0)
    if builder.problems:
        raise ZjplanError(sorted(builder.problems, key=lambda p: (p.line, p.column)))
    return builder.located
