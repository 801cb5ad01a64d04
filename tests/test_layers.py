"""The import structure: no module of zjplan imports another in a circle, and the library
never imports the layers above it (render, then cli). Read from the source with ast, every
import counted: at the top, inside functions, and under TYPE_CHECKING."""

from __future__ import annotations

import ast
from pathlib import Path

from tests.conftest import ROOT

SRC = ROOT / "src"
PACKAGE = SRC / "zjplan"


def module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {module_name(p): p for p in PACKAGE.rglob("*.py")}


def imports_of(name: str) -> set[str]:
    """The zjplan modules ``name`` imports (``from pkg import sub`` counts as ``pkg.sub``)."""
    tree = ast.parse(MODULES[name].read_text(encoding="utf-8"))
    package = name if MODULES[name].name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(
                    [*package.split(".")[: len(package.split(".")) - node.level + 1], base]
                ).rstrip(".")
            for alias in node.names:
                sub = f"{base}.{alias.name}"
                found.add(sub if sub in MODULES else base)
    return {m for m in found if m in MODULES and m != name}


GRAPH = {name: imports_of(name) for name in MODULES}


def layer(name: str) -> int:
    """0 the library, 1 render, 2 cli; the package's own __init__ is outside the layers."""
    if name.startswith("zjplan.cli") or name == "zjplan.__main__":
        return 2
    if name.startswith("zjplan.render"):
        return 1
    return 0


def test_the_graph_is_read() -> None:
    """The reader finds the imports it should (the test can fail)."""
    assert "zjplan.progress.store" in GRAPH["zjplan.progress.reader"]
    assert "zjplan.progress.vector" in GRAPH["zjplan.progress.passes"]  # inside a function
    assert "zjplan.render.formats" in GRAPH["zjplan.cli.app"]


def test_nothing_imports_the_package_face() -> None:
    """zjplan/__init__.py names the public API for users; a module of zjplan that imported
    it (for its version, say) would close a loop the other tests could not see."""
    assert sorted(name for name, others in GRAPH.items() if "zjplan" in others) == []


def test_no_module_imports_from_a_layer_above_it() -> None:
    """The library imports neither render nor cli; render does not import cli."""
    upward = sorted(
        (name, other)
        for name, others in GRAPH.items()
        for other in others
        if layer(other) > layer(name)
    )
    assert upward == []


def test_no_import_circle() -> None:
    """No module reaches itself through the modules it imports."""
    circles = []
    state: dict[str, int] = {}  # 1 on the path, 2 done

    def visit(name: str, path: list[str]) -> None:
        state[name] = 1
        for other in sorted(GRAPH[name]):
            if state.get(other) == 1:
                circles.append([*path[path.index(other) :], other])
            elif other not in state:
                visit(other, [*path, other])
        state[name] = 2

    for name in sorted(GRAPH):
        if name not in state:
            visit(name, [name])
    assert circles == []


def test_the_layout_lists_every_module() -> None:
    """docs/architecture.md's layout tree names every module of src/zjplan, and no module
    that is gone."""
    text = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    tree = text.split("<!-- layout -->")[1]
    listed, folder = set(), ""
    for line in tree.splitlines():
        indent = len(line) - len(line.lstrip())
        entry = line.split()[0] if line.strip() else ""
        if indent == 2 and entry.endswith("/"):
            folder = entry
        elif indent == 2 and entry.endswith(".py"):
            listed.add(entry)
        elif indent == 4 and entry.endswith(".py"):
            listed.add(folder + entry)
    actual = {
        p.relative_to(PACKAGE).as_posix()
        for p in PACKAGE.rglob("*.py")
        if p.name != "__init__.py" or p.parent == PACKAGE
    }
    assert listed == actual


def test_the_library_changes_nothing_process_wide() -> None:
    """Reading a quoted CSV and importing the numpy passes leave csv's field limit and the
    environment as the embedding program set them: process-wide settings are the entry
    point's (cli.app.main), never the library's."""
    import csv
    import os
    import subprocess
    import sys

    code = (
        "import csv, os, sys\n"
        "from zjplan.plan import load_plan\n"
        "from zjplan.progress import read_progress_text\n"
        "from zjplan.progress import vector\n"
        "csv.field_size_limit(123456)\n"
        "before = dict(os.environ)\n"
        "read_progress_text('target_id,region,as_of,value\\n\"robots\",宁波,2019-12-31,1\\n', "
        "load_plan(sys.argv[1]))\n"
        "assert csv.field_size_limit() == 123456, csv.field_size_limit()\n"
        "assert dict(os.environ) == before\n"
        "assert 'OPENBLAS_NUM_THREADS' not in os.environ\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "OPENBLAS_NUM_THREADS"}
    done = subprocess.run(
        [sys.executable, "-c", code, str(ROOT / "data" / "plan.yaml")],
        capture_output=True, text=True, timeout=60, check=False, env=env,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert csv.field_size_limit() > 0


def test_what_needs_attention_is_decided_once_in_the_library() -> None:
    """The attention list and what moved are the library's (report.py), not the terminal
    renderer's: the page, the workbook, the 通报 and Markdown no longer import them from
    render/screen.py, and every renderer uses the same functions."""
    for name in ("zjplan.render.html", "zjplan.render.workbook", "zjplan.render.briefing",
                 "zjplan.render.markdown"):  # fmt: skip
        tree = ast.parse(MODULES[name].read_text(encoding="utf-8"))
        from_screen = {
            alias.name
            for node in ast.walk(tree)
            if isinstance(node, ast.ImportFrom) and node.module == "zjplan.render.screen"
            for alias in node.names
        }
        assert not from_screen & {"needs_attention", "worst_first", "changes"}, name
    tree = ast.parse(MODULES["zjplan.render.screen"].read_text(encoding="utf-8"))
    defined = {n.name for n in tree.body if isinstance(n, ast.FunctionDef)}
    assert not defined & {"needs_attention", "worst_first", "changes"}
