"""JSON of the reports: the plain writer (jsontext.py) for a small one, pydantic's serializer
for a large one; both give the same bytes (tests/test_reports.py, tests/test_submissions.py)."""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from zjplan.model import Plan
    from zjplan.report import Report
    from zjplan.submissions import CheckReport


# Below this many history points the plain writer (jsontext.py) writes the Report: it needs
# no pydantic imported and no serializer built (~0.1 s); above it pydantic's serializer is
# faster. A report of 84,000 points: 0.48 s plain (model to data 0.22, writing 0.26)
# against 0.10 s; of 8,400: 46 ms against pydantic's import and 17 ms. Both give the same
# JSON (a test).
PLAIN_JSON_POINTS = 25_000
# The same for a check report, counted in problems and files: 10,000 files take 70 ms
# plain (25 ms to data, 45 ms writing) against ~0.12 s by pydantic, its import included.
PLAIN_JSON_ITEMS = 20_000


def model_json(value: Any, large: bool = False) -> str:
    """A model as indented JSON: the plain writer's for a small one, pydantic's serializer
    for a large one (or a value the plain writer does not know)."""
    from zjplan.base import dump_json, plain_data
    from zjplan.sanitise import json_safe

    text = None
    if not large:
        from zjplan.jsontext import indented_json

        # A value the plain writer does not know: pydantic's says it as the schema does.
        with contextlib.suppress(TypeError, ValueError):
            text = indented_json(plain_data(value))
    return json_safe(dump_json(value) if text is None else text) + "\n"


def report_json(report: Report, plan: Plan, lang: str) -> str:
    """The Report as JSON (``zjplan schema report``)."""
    return model_json(report, sum(len(t.history) for t in report.targets) >= PLAIN_JSON_POINTS)


def check_json(report: CheckReport, plan: Plan, lang: str = "en") -> str:
    """The check report as JSON (``zjplan schema check-report``)."""
    return model_json(report, len(report.problems) + len(report.files) >= PLAIN_JSON_ITEMS)
