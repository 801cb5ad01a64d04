"""A CI gate that cannot pass on nothing: exit codes, one truth for the gate and the reports,
annotations, JUnit as Jenkins reads it, and the documented workflows run as written."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml

from tests.conftest import PLAN, ROOT
from tests.test_reports import HEADER, run  # the same runner and header as the report tests
from zjplan.errors import Problem, Severity
from zjplan.render.annotations import fingerprint, github_line

ROWS = (
    "industrial_robots_in_use,浙江省,2019-06-30,76000,台,a\n"  # at_risk
    "small_to_large_firms,浙江省,2019-12-31,1500,家,b\n"  # behind
    "provincial_innovation_centres,浙江省,2019-06-09,10,家,c\n"  # achieved
    "zhejiang_made_standards,浙江省,2019-12-31,300,项,d\n"  # at_risk
)


@pytest.fixture
def data(tmp_path: Path) -> Path:
    path = tmp_path / "progress.csv"
    path.write_text(HEADER + ROWS, encoding="utf-8")
    return path


# --- exit codes ---------------------------------------------------------------------------------


@pytest.mark.parametrize("command", ["status", "report"])
def test_a_progress_path_that_does_not_exist_is_exit_2(command: str, tmp_path: Path) -> None:
    """--progress /nonexist is a usage error, never a gate that passes on nothing."""
    extra = ["--output-dir", str(tmp_path / "out")] if command == "report" else []
    code, _, err = run(
        command, "--plan", str(PLAN), "--progress", "/nonexist", "--fail-on", "behind", *extra
    )
    assert code == 2
    assert "/nonexist: error[file-not-found]" in err


def test_an_empty_folder_warns_and_fails_the_gate(tmp_path: Path) -> None:
    """No progress file: a warning; with --fail-on, exit 1 'no figure was read'."""
    empty = tmp_path / "empty"
    empty.mkdir()
    code, _, err = run("status", "--plan", str(PLAN), "--progress", str(empty))
    assert code == 0
    assert "no progress file was found" in err
    code, _, err = run(
        "status", "--plan", str(PLAN), "--progress", str(empty), "--fail-on", "behind"
    )
    assert code == 1
    assert "no figure was read" in err


def test_rows_skipped_by_errors_fail_the_gate_unless_allowed(tmp_path: Path) -> None:
    """A bad row with --fail-on missed (nothing missed): exit 1; --allow-errors: exit 0."""
    path = tmp_path / "p.csv"
    path.write_text(
        HEADER + "provincial_innovation_centres,浙江省,2019-06-09,10,家,c\nnope,浙江省,2019,1,,\n",
        encoding="utf-8",
    )
    code, _, err = run(
        "status", "--plan", str(PLAN), "--progress", str(path), "--fail-on", "missed"
    )
    assert code == 1
    assert "skipped because of 1 error(s)" in err
    code, _, _ = run(
        "status",
        "--plan",
        str(PLAN),
        "--progress",
        str(path),
        "--fail-on",
        "missed",
        "--allow-errors",
    )
    assert code == 0


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (("--version",), 0),
        (("targets",), 0),
        (("errors", "not-a-number"), 0),
        (("schema", "report"), 0),
        (("status",), 0),
        (("status", "--fail-on", "at_risk"), 1),
        (("status", "--format", "nope"), 2),
        (("status", "--output", "x.doc"), 2),
        (("explain", "nope"), 2),
        (("check", "data/progress"), 0),
        (("check", "data/progress", "--strict"), 0),
        (("check", "/nonexist"), 2),
        (("template", "--region", "火星", "--period", "2019Q4"), 2),
        (("merge", "data/progress", "--output", "/nonexist/dir/m.csv"), 2),
        (("status", "--plan", "/nonexist.yaml"), 2),
    ],
)
def test_every_command_exits_as_the_readme_says(
    args: tuple[str, ...], code: int, data: Path
) -> None:
    """The README's exit-code table, command by command."""
    argv = list(args)
    if args[0] == "status" and "--plan" not in args:
        argv += ["--plan", str(PLAN), "--progress", str(data)]
    got, _, err = run(*argv)
    assert got == code, err


def test_the_readme_lists_every_exit_code() -> None:
    """The table names 0, 1, 2, 70 and 130, and each command's exit 1."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    table = text.split("## Exit codes", 1)[1].split("\n## ", 1)[0]
    for code in ("0", "1", "2", "70", "130"):
        assert re.search(rf"^\| {code} \|", table, re.M), code
    for command in ("check", "merge", "status", "report", "--allow-errors", "no figure"):
        assert command in table


# --- one truth for the gate and the reports --------------------------------------------------------


@pytest.mark.parametrize("threshold", ["at_risk", "behind", "missed"])
def test_gate_junit_markdown_and_json_agree(threshold: str, data: Path, tmp_path: Path) -> None:
    """The targets that fail --fail-on are the JUnit failures, the Markdown ⛔ marks and the
    JSON's failing flags, at each threshold."""
    out = tmp_path / "out"
    code, _, err = run(
        "report",
        "--plan",
        str(PLAN),
        "--progress",
        str(data),
        "--output-dir",
        str(out),
        "--fail-on",
        threshold,
    )
    gate = set(re.findall(r"or worse: (.*)", err)[0].split(", ")) if "or worse" in err else set()
    assert code == (1 if gate else 0)
    junit = ET.parse(out / "junit.xml").getroot()
    failures = {
        c.get("name", "").split(":")[0]
        for c in junit.iter("testcase")
        if c.find("failure") is not None
    }
    report = json.loads((out / "status.json").read_text(encoding="utf-8"))
    flagged = {t["id"] for t in report["targets"] if t["failing"]}
    marked = {
        line.split(" | ")[0].strip("| ")
        for line in (out / "status.md").read_text(encoding="utf-8").splitlines()
        if "⛔" in line and line.startswith("| ")
    }
    assert gate == failures == flagged == marked
    expected = {"at_risk": 3, "behind": 1, "missed": 0}[threshold]
    assert len(gate) == expected
    assert report["fail_on"] == threshold


# --- annotations ------------------------------------------------------------------------------------


def test_github_annotations_are_escaped_as_github_documents() -> None:
    """%, CR and LF in the message; and : and , in properties too."""
    problem = Problem("not-a-number", "100% sure\r\nnext", "a,b:c.csv", 3, 4, Severity.ERROR, "x")
    assert github_line(problem) == (
        "::error file=a%2Cb%3Ac.csv,line=3,col=4,title=zjplan not-a-number::100%25 sure%0D%0Anext (x)"
    )


def test_check_annotations_name_the_cell_of_an_xlsx(tmp_path: Path) -> None:
    """A bad value in an xlsx: the annotation's message starts with the cell."""
    from tests.hostile.xlsxparts import form_rows, workbook

    book = workbook(
        tmp_path / "ningbo.xlsx",
        [
            (
                "进度填报",
                "visible",
                form_rows([("small_to_large_firms", "宁波市", "2019-12-31", "十万x")]),
            )
        ],
    )
    code, out, _ = run("check", "--plan", str(PLAN), str(book), "--format", "github")
    assert code == 1
    assert f"::error file={book},line=2,col=4,title=zjplan not-a-number::D2: " in out
    assert out.rstrip().splitlines()[-1].startswith("::notice title=zjplan check::")


def test_code_quality_fingerprints_are_stable(tmp_path: Path) -> None:
    """Two runs give the same fingerprints, one per problem, all distinct."""
    runs = [
        json.loads(
            run(
                "check",
                "--plan",
                str(PLAN),
                str(ROOT / "tests" / "hostile" / "progress-unknowns.csv"),
                "--format",
                "codequality",
            )[1]
        )
        for _ in range(2)
    ]
    assert runs[0] == runs[1]
    prints = [issue["fingerprint"] for issue in runs[0]]
    assert len(prints) == len(set(prints)) > 0
    assert {issue["severity"] for issue in runs[0]} <= {"major", "minor"}
    assert fingerprint(Problem("x-y", "m", "f", 1, 2)) == fingerprint(
        Problem("x-y", "m", "f", 1, 2)
    )


def test_check_markdown_is_a_job_summary(tmp_path: Path) -> None:
    """Counts, the files table, the problems, completeness."""
    code, out, _ = run(
        "check",
        "--plan",
        str(PLAN),
        str(ROOT / "tests" / "hostile" / "progress-unknowns.csv"),
        "--format",
        "markdown",
        "--period",
        "2019Q4",
    )
    assert code == 1
    assert out.startswith("## ❌ zjplan check")
    assert "### Problems" in out
    assert "### Completeness 2019Q4" in out


# --- JUnit as Jenkins reads it ------------------------------------------------------------------

# The elements and attributes of Jenkins' junit-10.xsd (the common JUnit XML format).
JUNIT_10 = {
    "testsuites": {"name", "time", "tests", "failures", "disabled", "errors"},
    "testsuite": {
        "name",
        "tests",
        "failures",
        "errors",
        "time",
        "disabled",
        "skipped",
        "timestamp",
        "hostname",
        "id",
        "package",
        "file",
        "log",
        "url",
        "version",
    },
    "testcase": {"name", "assertions", "time", "classname", "status", "file", "line"},
    "failure": {"message", "type"},
    "error": {"message", "type"},
    "skipped": {"message"},
    "system-out": set(),
    "system-err": set(),
    "properties": set(),
    "property": {"name", "value"},
}


def test_junit_uses_only_the_jenkins_schema(data: Path) -> None:
    """Every element and attribute is junit-10's, and junitparser reads the counts back."""
    from junitparser import JUnitXml

    code, out, _ = run(
        "status",
        "--plan",
        str(PLAN),
        "--progress",
        str(data),
        "--format",
        "junit",
        "--fail-on",
        "at_risk",
    )
    assert code == 1
    root = ET.fromstring(out)
    for element in root.iter():
        assert element.tag in JUNIT_10, element.tag
        assert set(element.attrib) <= JUNIT_10[element.tag], (element.tag, element.attrib)
    parsed = JUnitXml.fromstring(
        out.encode("utf-8")
    )  # bytes: lxml refuses a str with a declaration
    cases = [case for suite in parsed for case in suite]
    failed = [case for case in cases if any(type(r).__name__ == "Failure" for r in case.result)]
    assert len(cases) == 47
    assert len(failed) == 3  # the at-risk ones fail too at --fail-on at_risk


# --- the documented workflows run as written ---------------------------------------------------------


def steps_of_github() -> list[str]:
    workflow = yaml.safe_load(
        (ROOT / "docs" / "ci" / "github-actions.yml").read_text(encoding="utf-8")
    )
    return [step["run"] for step in workflow["jobs"]["status"]["steps"] if "run" in step]


def steps_of_gitlab() -> list[str]:
    job = yaml.safe_load((ROOT / "docs" / "ci" / "gitlab-ci.yml").read_text(encoding="utf-8"))
    return list(job["plan-status"]["script"])


def copy_of_repository(tmp_path: Path) -> Path:
    """The tracked files as they are in the working tree: a fresh clone of this checkout."""
    listed = subprocess.run(["git", "ls-files", "-z"], capture_output=True, cwd=ROOT, check=False)
    clone = tmp_path / "clone"
    names = [n for n in listed.stdout.decode().split("\0") if n] if listed.returncode == 0 else []
    if not names:  # not a git checkout: the shipped data and plan are what the steps need
        names = [str(p.relative_to(ROOT)) for p in (ROOT / "data").rglob("*") if p.is_file()]
    for name in names:
        source = ROOT / name
        if source.is_file():
            (clone / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, clone / name)
    return clone


def run_steps(steps: list[str], clone: Path, tmp_path: Path) -> list[int]:
    env = {
        **os.environ,
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
        "GITHUB_STEP_SUMMARY": str(tmp_path / "summary.md"),
        "ZJPLAN_TODAY": "2026-12-01",
    }
    codes = []
    for step in steps:
        if step.strip() == "python -m pip install .":
            continue  # zjplan is installed in the test's environment already
        done = subprocess.run(
            ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step],
            cwd=clone,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        codes.append(done.returncode)
    return codes


@pytest.mark.parametrize(
    "with_submissions", [False, True], ids=["shipped-data", "sample-submissions"]
)
def test_the_github_workflow_steps_run(with_submissions: bool, tmp_path: Path) -> None:
    """Each run: step of docs/ci/github-actions.yml exits 0 in a copy of the repository, with
    and without the sample submissions/ folder the docs say how to make."""
    clone = copy_of_repository(tmp_path)
    if with_submissions:
        make = (
            (ROOT / "docs" / "ci.md")
            .read_text(encoding="utf-8")
            .split("## A sample `submissions/` folder", 1)[1]
        )
        script = make.split("```sh\n", 1)[1].split("```", 1)[0]
        assert run_steps([script], clone, tmp_path) == [0]
    assert run_steps(steps_of_github(), clone, tmp_path) == [0, 0]
    assert (clone / "public" / "junit.xml").is_file()
    summary = (tmp_path / "summary.md").read_text(encoding="utf-8")
    assert "## " in summary
    if with_submissions:
        assert "zjplan check" in summary


def test_the_gitlab_script_runs(tmp_path: Path) -> None:
    """docs/ci/gitlab-ci.yml's script exits 0 on the shipped data."""
    clone = copy_of_repository(tmp_path)
    assert run_steps(steps_of_gitlab(), clone, tmp_path) == [0, 0]
    assert (clone / "public" / "status.md").is_file()


def test_the_github_workflow_declares_what_its_actions_need() -> None:
    """checks: write for the JUnit report action; every action pinned to an exact version."""
    workflow = yaml.safe_load(
        (ROOT / "docs" / "ci" / "github-actions.yml").read_text(encoding="utf-8")
    )
    assert workflow["permissions"]["checks"] == "write"
    for step in workflow["jobs"]["status"]["steps"]:
        if "uses" in step:
            assert re.fullmatch(r"[\w-]+/[\w-]+@v\d+\.\d+\.\d+", step["uses"]), step["uses"]


@pytest.mark.parametrize("name", ["github-actions.yml", "gitlab-ci.yml"])
def test_the_docs_show_the_workflow_files_as_they_are(name: str) -> None:
    """docs/ci.md includes each workflow file verbatim."""
    text = (ROOT / "docs" / "ci" / name).read_text(encoding="utf-8").rstrip()
    assert f"```yaml\n{text}\n```" in (ROOT / "docs" / "ci.md").read_text(encoding="utf-8")
