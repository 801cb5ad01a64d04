"""zjplan: how far each target of Zhejiang's "Made in China 2025" plan is from being met.

The public API is what ``__all__`` lists; everything else is private. Names are imported
lazily, so ``zjplan --version`` does not pay for pydantic::

    from pathlib import Path
    from zjplan import load_plan, read_progress, check, evaluate

    plan = load_plan("data/plan.yaml")
    progress = read_progress([Path("data/progress")], plan)
    report = evaluate(plan, progress.observations)
    for target in report.targets:
        print(target.id, target.status)
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from zjplan.version import __version__

__all__ = [
    "CheckReport",
    "Observation",
    "Plan",
    "Problem",
    "Progress",
    "Report",
    "ZjplanError",
    "__version__",
    "check",
    "evaluate",
    "load_plan",
    "read_progress",
]

if TYPE_CHECKING:
    from zjplan.engine import evaluate
    from zjplan.errors import Problem, ZjplanError
    from zjplan.model import Plan
    from zjplan.plan import load_plan
    from zjplan.progress import Observation, Progress, read_progress
    from zjplan.report import Report
    from zjplan.submissions import CheckReport, check

_WHERE = {
    "CheckReport": "zjplan.submissions",
    "check": "zjplan.submissions",
    "evaluate": "zjplan.engine",
    "Problem": "zjplan.errors",
    "ZjplanError": "zjplan.errors",
    "Plan": "zjplan.model",
    "load_plan": "zjplan.plan",
    "Observation": "zjplan.progress",
    "Progress": "zjplan.progress",
    "read_progress": "zjplan.progress",
    "Report": "zjplan.report",
}


def __getattr__(attr: str) -> Any:
    if attr in _WHERE:
        import importlib

        return getattr(importlib.import_module(_WHERE[attr]), attr)
    raise AttributeError(f"module 'zjplan' has no attribute {attr!r}")
