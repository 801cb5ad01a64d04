"""JSON Schemas of zjplan's files, generated from the models."""

from __future__ import annotations

import json


def schema_json(which: str) -> str:
    from zjplan.base import json_schema
    from zjplan.cities import CityMatrix
    from zjplan.model import Plan
    from zjplan.report import Report
    from zjplan.submissions import CheckReport

    models: dict[str, type] = {
        "plan": Plan,
        "report": Report,
        "check-report": CheckReport,
        "cities": CityMatrix,
    }
    schema = json_schema(models[which])
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"
