"""Read one .xls, .xlsb or .ods workbook in a child process under a memory cap.

calamine builds a sheet as one dense block, and for these binary or repeated-cell formats
the used range cannot be bounded from the file's text before it is built (a cell at row
65535 of an .xls, a row repeated a million times in an .ods). So the read runs here, in a
process that may use at most MEMORY bytes, CPU seconds and TIMEOUT seconds: a hostile file
costs that and is refused with a located message, never the reader's memory.

The child is isolated from the folder being read: it starts as ``python -I`` (no current
folder, no PYTHONPATH, no user site on its import path), and its import path is then set
explicitly to zjplan's own package root followed by the parent's absolute entries (which
carry a user's PYTHONPATH, user site and editable installs), never the current folder, so
a ``zjplan/`` folder unpacked from a city's zip cannot answer for it. It dies with its
parent (a parent-death signal) and past its CPU limit. It gets the bytes on stdin and
answers with JSON, which the parent checks as untrusted input (:func:`answer_from`).
"""

from __future__ import annotations

import io
import itertools
import json
import sys
from collections.abc import Iterable, Sequence
from typing import Any

MEMORY = 1 << 30  # address space of the child
TIMEOUT = 30.0
CPU_SECONDS = 35  # a backstop for a child whose parent's timeout never fires
MAX_ANSWER = 256 * 1024 * 1024  # bytes of JSON the parent reads from the child

# Run as ``python -I -c BOOT PATHS SHEET PARENT``: the import path comes from PATHS, a JSON
# list; PARENT is the parent's process id.
BOOT = (
    "import json,sys;sys.path[:]=json.loads(sys.argv[1]);"
    "from zjplan.progress.sheetworker import main;main(sys.argv[2],int(sys.argv[3]))"
)


def read_sheet(
    data: bytes, preferred: str
) -> tuple[str, list[str], int, int, list[list[str]], list[str], list[tuple[int, int, int, int]]]:
    """(sheet, hidden sheets (the first five, cut at 40 characters), top row, left column,
    rows of text cells, sheets looked at, merged ranges over several rows) of the form: the
    preferred sheet if it is visible, else the first visible sheet with a form's header in
    its first rows, else the first visible."""
    from python_calamine import CalamineWorkbook, SheetVisibleEnum

    from zjplan.progress.header import HEADER_ROWS, header_index
    from zjplan.progress.sources import cell_text

    book = CalamineWorkbook.from_filelike(io.BytesIO(data))
    sheets = book.sheets_metadata
    visible = [s.name for s in sheets if s.visible == SheetVisibleEnum.Visible]
    if not visible:
        raise ValueError("every sheet of the workbook is hidden")
    visible.sort(key=lambda name: name != preferred)
    looked_at: list[str] = []

    def text_rows(cells: Iterable[Sequence[object]], left: int) -> list[list[str]]:
        return [[""] * left + [cell_text(v) for v in row] for row in cells]

    for name in visible[:50]:
        looked_at.append(name)
        sheet = book.get_sheet_by_name(name)
        top, left = sheet.start or (0, 0)
        cells = sheet.iter_rows()
        head = text_rows(itertools.islice(cells, HEADER_ROWS), left)
        if len(visible) == 1 or header_index(head) is not None:
            rows = head + text_rows(cells, left)  # only the chosen sheet is read whole
            break
    else:
        name = visible[0]
        sheet = book.get_sheet_by_name(name)
        top, left = sheet.start or (0, 0)
        rows = text_rows(sheet.iter_rows(), left)
    hidden = [s.name[:40] for s in sheets if s.visible != SheetVisibleEnum.Visible][:5]
    merged = [
        (r1 + 1, c1 + 1, r2 + 1, c2 + 1)
        for (r1, c1), (r2, c2) in (sheet.merged_cell_ranges or [])[:10_000]
        if r2 > r1
    ]
    return name, hidden, top, 0, rows, looked_at, merged


def command(preferred: str) -> list[str]:
    """The child's command line: isolated, its import path zjplan's own package root first,
    then the parent's absolute import path without the current folder."""
    import os

    # zjplan/progress/sheetworker.py -> the folder that holds the zjplan package
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    here = os.getcwd()
    paths = [root]
    for entry in sys.path:
        if entry and os.path.isabs(entry) and entry != here and entry not in paths:
            paths.append(entry)
    return [sys.executable, "-I", "-c", BOOT, json.dumps(paths), preferred, str(os.getpid())]


def _die_with_parent(parent: int) -> None:
    """Linux's parent-death signal: a killed zjplan takes its worker with it."""
    import ctypes
    import os
    import signal

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:  # the parent died before the signal was set
        os._exit(1)


def main(preferred: str = "", parent: int = 0) -> None:
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))
    resource.setrlimit(resource.RLIMIT_CPU, (CPU_SECONDS, CPU_SECONDS + 5))
    if parent and sys.platform.startswith("linux"):
        _die_with_parent(parent)
    data = sys.stdin.buffer.read()
    try:
        answer: tuple[Any, ...] = ("ok", *read_sheet(data, preferred))
    except MemoryError:
        answer = ("too-large", "")
    except Exception as exc:  # calamine's own errors for a broken workbook
        answer = ("bad", f"{type(exc).__name__}: {exc}"[:300])
    sys.stdout.buffer.write(json.dumps(answer, ensure_ascii=False).encode())
