"""The plan commands: targets, check, schema, --version, --help."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import PLAN, ROOT, run
from zjplan import __version__


def test_targets_json_lists_every_target() -> None:
    """--format json gives the plan and every target with the documented fields."""
    code, out, _ = run("targets", "--plan", str(PLAN), "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["plan"]["doc_number"] == "浙政办发〔2018〕10号"
    assert len(data["targets"]) == 47
    robots = next(t for t in data["targets"] if t["id"] == "industrial_robots_in_use")
    fields = "id section name_zh name_en comparator value unit measure deadline owners "
    fields += "miit_departments aggregate quote"
    assert set(fields.split()) <= set(robots)
    assert robots["value"] == 100000
    assert robots["deadline"] == "2020-12-31"
    assert robots["owners"] == ["省经信委", "省科技厅"]


def test_targets_table_shows_the_documents_wording() -> None:
    """The table writes targets as the document does: ≥10万台, ≈50个."""
    code, out, _ = run("targets", "--plan", str(PLAN), "--lang", "zh")
    assert code == 0
    assert "≥10万台" in out
    assert "≈50个" in out
    assert "前列(前5)" in out
    assert "\x1b[" not in out  # not a terminal: plain text


def test_targets_filters_by_owner_and_section() -> None:
    """--owner and --section narrow the list; a section includes its own tasks only."""
    code, out, _ = run("targets", "--plan", str(PLAN), "--format", "json", "--section", "二(十六)")
    assert code == 0
    ids = [t["id"] for t in json.loads(out)["targets"]]
    assert ids == [
        "standard_innovation_bases",
        "international_standards",
        "zhejiang_made_standards",
        "brand_cultivation_firms",
        "zhejiang_made_certified_firms",
        "task_16",
    ]
    code, out, _ = run("targets", "--plan", str(PLAN), "--format", "json", "--owner", "省委人才办")
    assert {t["id"] for t in json.loads(out)["targets"]} == {
        "task_19",
        "modern_entrepreneurs",
        "new_generation_entrepreneurs",
    }


def test_targets_csv_and_markdown() -> None:
    """CSV parses back with one row per target; Markdown has one table row per target."""
    code, out, _ = run("targets", "--plan", str(PLAN), "--format", "csv")
    assert code == 0
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0][0] == "id"
    assert len(rows) == 48
    code, out, _ = run("targets", "--plan", str(PLAN), "--format", "markdown")
    lines = out.strip().splitlines()
    assert lines[1].startswith("|---")
    assert len(lines) == 49


def test_check_valid_plan() -> None:
    """check exits 0 on the shipped plan."""
    code, out, _ = run("check", "--plan", str(PLAN))
    assert code == 0
    assert "ok" in out


def test_check_broken_plan(tmp_path: Path) -> None:
    """A broken plan gives one located line per problem and exit 2."""
    broken = tmp_path / "plan.yaml"
    broken.write_text(PLAN.read_text(encoding="utf-8").replace("value: 100000", "value: 十万"))
    code, _, err = run("check", "--plan", str(broken))
    assert code == 2
    line = next(
        i
        for i, text in enumerate(broken.read_text(encoding="utf-8").splitlines(), 1)
        if "十万" in text
    )
    assert f"{broken}:{line}:12: error[wrong-type]:" in err
    assert "Traceback" not in err


def test_missing_plan_is_a_clean_error(tmp_path: Path) -> None:
    """A plan that does not exist is one message and exit 2."""
    code, _, err = run("targets", "--plan", str(tmp_path / "nope.yaml"))
    assert code == 2
    assert "error[file-not-found]" in err


def test_schema_matches_the_shipped_schema_file() -> None:
    """`zjplan schema plan` is what data/plan.schema.json holds (regenerate it when not)."""
    code, out, _ = run("schema", "plan")
    assert code == 0
    schema = json.loads(out)
    assert schema["additionalProperties"] is False
    assert out == (ROOT / "data" / "plan.schema.json").read_text(encoding="utf-8")
    assert PLAN.read_text(encoding="utf-8").startswith(
        "# yaml-language-server: $schema=plan.schema.json"
    )


@pytest.mark.parametrize("command", ["targets", "check", "schema"])
def test_every_command_has_help_with_an_example(command: str) -> None:
    """--help works on every command and shows an example."""
    code, out, _ = run(command, "--help")
    assert code == 0
    assert "Example: zjplan" in out


def test_version_through_the_real_entry_point() -> None:
    """`python -m zjplan --version` prints the version and exits 0."""
    done = subprocess.run(
        [sys.executable, "-m", "zjplan", "--version"], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0
    assert done.stdout.strip() == f"zjplan {__version__}"


def test_usage_error_exit_code() -> None:
    """An unknown option is a usage error: exit 2, no traceback."""
    done = subprocess.run(
        [sys.executable, "-m", "zjplan", "targets", "--bogus"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2
    assert "No such option" in done.stderr
    assert "Traceback" not in done.stderr


def test_a_plan_error_reads_an_before_a_vowel(tmp_path: Path) -> None:
    """'an annual_growth target needs a value', not 'a annual_growth' (issue 28)."""
    from tests.conftest import MINIMAL_PLAN

    plan = tmp_path / "plan.yaml"
    plan.write_text(
        MINIMAL_PLAN.replace(
            "comparator: at_least\n    value: 100000", "comparator: annual_growth"
        ),
        encoding="utf-8",
    )
    code, _, err = run("targets", "--plan", str(plan))
    assert code == 2
    assert "an annual_growth target needs a value" in err


def test_a_plan_reads_its_own_progress_folder(tmp_path: Path) -> None:
    """Without --progress a plan reads the progress/ beside it, never the 2018 plan's
    data/progress/ (an example plan run from the root printed '20 error(s)')."""
    from tests.conftest import MINIMAL_PLAN

    plan = tmp_path / "plan.yaml"
    plan.write_text(MINIMAL_PLAN, encoding="utf-8")
    ran = run("status", "--plan", str(plan), "--format", "json")
    assert ran.code == 0
    assert "no progress file was found" in ran.err
    (tmp_path / "progress").mkdir()
    (tmp_path / "progress" / "p.csv").write_text(
        "target_id,region,as_of,value\nrobots,浙江省,2019-12-31,80000\n", encoding="utf-8"
    )
    ran = run("status", "--plan", str(plan), "--format", "json")
    robots = next(t for t in json.loads(ran.out)["targets"] if t["id"] == "robots")
    assert robots["latest"]["value"] == 80000
