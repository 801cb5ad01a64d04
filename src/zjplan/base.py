"""The one base of every model: plan, report and check report alike."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class Strict(BaseModel):
    """Unknown keys are errors, no coercion, no inf or NaN, immutable."""

    # defer_build: a model builds its validator when it first validates, so a run that
    # takes the plan from the cache (plancache.py) never builds the plan's.
    model_config = ConfigDict(
        extra="forbid", frozen=True, strict=True, allow_inf_nan=False, defer_build=True
    )
