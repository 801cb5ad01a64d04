"""The Report as JUnit XML: one testsuite per section, one testcase per target.

The targets marked failing (at the report's fail_on threshold or worse: --fail-on's, else
behind) are failures, with the gap and owners in the message, exactly those that fail the
gate; `no_data` and `unallocated` are skipped, so CI test reporters show the plan as a test
run. Only the elements and attributes of Jenkins' junit-10 schema are written.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from itertools import groupby

from zjplan.model import Plan
from zjplan.render.labels import GRADE_WORDS, STATUS_WORDS
from zjplan.render.order import in_document_order
from zjplan.render.words import goal_text, latest_text, number, owners_text
from zjplan.report import Report, TargetResult
from zjplan.sanitise import inert
from zjplan.wording import say

SKIPPED = frozenset({"no_data", "unallocated"})


MESSAGE = {
    "en": {"latest": "latest {v}", "uncertain": "uncertain: the figure is a bound or approximate "
           "and does not imply this", "stale": "stale: the figure is {n} days old",
           "grade": "grade {g}", "gap": "gap {g}", "owners": "owners {o}", "sep": "; "},
    "zh": {"latest": "最新值 {v}", "uncertain": "存疑：数据为上下限或约数，不足以得出此结论",
           "stale": "数据较旧：已有{n}天", "grade": "考核等级 {g}", "gap": "差距 {g}",
           "owners": "责任单位 {o}", "sep": "；"},
}  # fmt: skip


def _message(r: TargetResult, plan: Plan, lang: str) -> str:
    words = MESSAGE[lang]
    goal = goal_text(r, plan, lang)
    status = STATUS_WORDS[lang][r.status] if lang == "zh" else r.status
    parts = [f"{status}: {goal}", words["latest"].format(v=latest_text(r, lang))]
    if r.uncertain:
        parts.append(words["uncertain"])
    if r.stale:
        parts.append(words["stale"].format(n=r.figure_age_days))
    if r.grade is not None:
        parts.append(
            words["grade"].format(g=GRADE_WORDS[lang][r.grade] if lang == "zh" else r.grade)
        )
    if r.status_reason:
        parts.append(say(r.status_reason, lang))
    if r.gap is not None:
        parts.append(words["gap"].format(g=f"{number(r.gap)}{r.unit or ''}"))
    parts.append(words["owners"].format(o=owners_text(r.owners, r.owners_now, "zh")))
    return inert(words["sep"].join(parts))


def report_junit(report: Report, plan: Plan, lang: str) -> str:
    ordered = in_document_order(report.targets)
    root = ET.Element("testsuites", name=inert(f"{report.plan} {report.region}"))
    totals = {"tests": 0, "failures": 0}
    for section, group in groupby(ordered, key=lambda r: r.section):
        rows = list(group)
        failures = sum(r.failing for r in rows)
        skipped = sum(r.status in SKIPPED and not r.failing for r in rows)
        suite = ET.SubElement(
            root,
            "testsuite",
            name=inert(section),
            tests=str(len(rows)),
            failures=str(failures),
            errors="0",
            skipped=str(skipped),
        )
        for r in rows:
            name = r.name_zh if lang == "zh" else r.name_en
            case = ET.SubElement(
                suite,
                "testcase",
                classname=inert(f"zjplan.{section}"),
                name=inert(f"{r.id}: {name}"),
                time="0",
            )
            message = _message(r, plan, lang)
            out = "\n".join([message, *(inert(say(w, lang)) for w in r.warnings)])
            if r.failing:
                failure = ET.SubElement(case, "failure", type=r.status, message=message)
                failure.text = message
                if r.warnings:
                    ET.SubElement(case, "system-out").text = out
            elif r.status in SKIPPED:
                ET.SubElement(case, "skipped", message=message)
                if r.warnings:
                    ET.SubElement(case, "system-out").text = out
            else:
                ET.SubElement(case, "system-out").text = out
        totals["tests"] += len(rows)
        totals["failures"] += failures
    for key, value in totals.items():
        root.set(key, str(value))
    root.set("errors", "0")
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
