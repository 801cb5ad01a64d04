"""JSON of the reports: the json module's writer for a small one, pydantic's serializer for
a large one; both give the same bytes (tests/test_reports.py, tests/test_submissions.py)."""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from zjplan.model import Plan
    from zjplan.report import Report
    from zjplan.submissions import CheckReport


# Below this many history points the json module writes the Report: it needs no serializer
# built (~30 ms of a run's start-up); above it pydantic's serializer is faster (a report of
# 1,008,000 points: ~0.2 s against ~1.2 s). Both give the same JSON (a test).
PLAIN_JSON_POINTS = 50_000
# The same for a check report, counted in problems and files: 2,000 files take 27 ms by the
# json module against 90 ms by pydantic (its import and serializer included); 10,000 take
# 128 ms against 121 ms.
PLAIN_JSON_ITEMS = 10_000


def model_json(value: Any, large: bool = False) -> str:
    """A model as indented JSON: the json module's for a small one, pydantic's serializer
    for a large one (or a value the plain writer does not know)."""
    from zjplan.base import dump_json, plain_data
    from zjplan.sanitise import json_safe

    text = None
    if not large:
        import json

        # A value the plain writer does not know: pydantic's says it as the schema does.
        with contextlib.suppress(TypeError, ValueError):
            text = json.dumps(plain_data(value), ensure_ascii=False, indent=2, allow_nan=False)
    return json_safe(dump_json(value) if text is None else text) + "\n"


def report_json(report: Report, plan: Plan, lang: str) -> str:
    """The Report as JSON (``zjplan schema report``)."""
    return model_json(report, sum(len(t.history) for t in report.targets) >= PLAIN_JSON_POINTS)


def check_json(report: CheckReport, plan: Plan, lang: str = "en") -> str:
    """The check report as JSON (``zjplan schema check-report``)."""
    return model_json(report, len(report.problems) + len(report.files) >= PLAIN_JSON_ITEMS)
