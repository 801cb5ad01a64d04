"""zjplan: how far each target of Zhejiang's "Made in China 2025" plan is from being met.

The public API is what ``__all__`` lists; it is imported lazily so that
``zjplan --version`` does not pay for pydantic.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["Plan", "Problem", "ZjplanError", "__version__", "load_plan"]

if TYPE_CHECKING:
    from zjplan.errors import Problem, ZjplanError
    from zjplan.model import Plan
    from zjplan.plan import load_plan

_WHERE = {
    "Plan": "zjplan.model",
    "Problem": "zjplan.errors",
    "ZjplanError": "zjplan.errors",
    "load_plan": "zjplan.plan",
}


def __getattr__(attr: str) -> Any:
    if attr in _WHERE:
        import importlib

        return getattr(importlib.import_module(_WHERE[attr]), attr)
    raise AttributeError(f"module 'zjplan' has no attribute {attr!r}")
