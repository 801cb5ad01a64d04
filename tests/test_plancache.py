"""The plan cache: a cached plan is the validated plan, and an entry that is corrupt, of
another key, or does not fit the models is never trusted."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from tests.conftest import PLAN, ROOT
from zjplan import plancache
from zjplan.base import plain_data
from zjplan.cli import app
from zjplan.plan import load_plan, parse_plan

PLANS = [
    PLAN,
    *sorted((ROOT / "data" / "examples").glob("*/plan.yaml")),
    ROOT / "tests" / "fixtures" / "plan-kinds.yaml",
    ROOT / "tests" / "fixtures" / "plan-any.yaml",
    ROOT / "tests" / "fixtures" / "plan-engine.yaml",
]


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    return tmp_path / "xdg" / "zjplan"


def entry(cache: Path) -> Path:
    (found,) = cache.glob("plan-*.json")
    return found


def body(path: Path) -> dict[str, Any]:
    """An entry's JSON, past its signature line."""
    return json.loads(path.read_bytes().partition(b"\n")[2])  # type: ignore[no-any-return]


def signed(cache: Path, path: Path, data: bytes) -> bytes:
    """``data`` signed with the user's own key, as only zjplan (or the user) could write."""
    name = path.name.removeprefix("plan-").removesuffix(".json")
    return plancache._mac((cache / "key").read_bytes(), name, data) + b"\n" + data


@pytest.mark.parametrize("path", PLANS, ids=lambda p: p.parent.name + "/" + p.name)
def test_a_cached_plan_equals_a_freshly_validated_one(path: Path, cache: Path) -> None:
    fresh = parse_plan(path.read_text("utf-8-sig"), str(path))
    first = load_plan(path)  # validated, then written to the cache
    assert entry(cache).exists()
    again = load_plan(path)  # from the cache
    assert plancache.load(path.read_bytes()) is not None
    assert again == fresh
    assert plain_data(again) == plain_data(fresh) == plain_data(first)
    assert [type(t.start) for t in again.targets] == [type(t.start) for t in fresh.targets]


def test_a_corrupt_entry_is_ignored_and_written_anew(cache: Path) -> None:
    load_plan(PLAN)
    path = entry(cache)
    for broken in (b"\x00garbage", b"[]", b'{"format": 1}', b"{" * 100):
        for data in (broken, signed(cache, path, broken)):
            path.write_bytes(data)
            assert plancache.load(PLAN.read_bytes()) is None
            assert load_plan(PLAN) == parse_plan(PLAN.read_text("utf-8"), str(PLAN))
            assert body(path)["format"] == plancache.FORMAT  # rewritten


def test_an_entry_that_does_not_fit_the_models_is_not_trusted(cache: Path) -> None:
    """A hand-edited entry: a target's date as a number, an unknown field, another key."""
    load_plan(PLAN)
    path = entry(cache)
    good = body(path)
    wrong_type = json.loads(json.dumps(good))
    wrong_type["plan"]["targets"][0]["start"] = 20180101
    unknown = json.loads(json.dumps(good))
    unknown["plan"]["targets"][0]["evil"] = "x"
    foreign = {**good, "key": "0" * 64}
    for bad in (wrong_type, unknown, foreign):
        path.write_bytes(signed(cache, path, json.dumps(bad).encode()))
        assert plancache.load(PLAN.read_bytes()) is None


def test_a_changed_plan_is_a_new_entry(cache: Path, tmp_path: Path) -> None:
    copy = tmp_path / "plan.yaml"
    copy.write_bytes(PLAN.read_bytes())
    load_plan(copy)
    copy.write_bytes(PLAN.read_bytes().replace(b"8000", b"9000", 1))
    changed = load_plan(copy)
    assert len(list(cache.glob("plan-*.json"))) == 2
    assert changed.by_id["small_to_large_firms"].value == 9000


def test_off_and_unwritable_caches_only_cost_speed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ZJPLAN_CACHE", "off")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "off"))
    assert load_plan(PLAN).by_id
    assert not (tmp_path / "off").exists()
    monkeypatch.delenv("ZJPLAN_CACHE")
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))  # mkdir fails under it
    assert load_plan(PLAN).by_id
    readonly = tmp_path / "ro"
    readonly.mkdir()
    os.chmod(readonly, 0o555)
    monkeypatch.setenv("XDG_CACHE_HOME", str(readonly))
    try:
        assert load_plan(PLAN).by_id
    finally:
        os.chmod(readonly, 0o755)


def test_plan_errors_stay_located_with_the_cache_on(cache: Path, tmp_path: Path) -> None:
    broken = tmp_path / "plan.yaml"
    broken.write_text(PLAN.read_text("utf-8").replace("  doc_number:", "  doc_numbr:", 1))
    for _ in range(2):  # never cached: the second run reports the same problem
        result = CliRunner().invoke(app, ["targets", "--plan", str(broken)])
        assert result.exit_code == 2
        assert f"{broken}:" in result.stderr
        assert "unknown-key" in result.stderr
    assert not list(cache.glob("plan-*.json"))


def test_the_key_covers_every_module_that_builds_a_plan() -> None:
    """An edit to any module that loading and validating a plan imports (the YAML loader
    included) is a new key: no stale cached plan is served after it."""
    import subprocess
    import sys

    code = (
        "import json, sys; from zjplan.plan import load_plan; load_plan(sys.argv[1]); "
        "print(json.dumps(sorted(m.__file__ for n, m in sys.modules.items() "
        "if n.split('.')[0] == 'zjplan')))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(PLAN)],
        capture_output=True, text=True, check=True, timeout=60,
        env={**os.environ, "ZJPLAN_CACHE": "off"},
    )  # fmt: skip
    package = Path(plancache.__file__).parent
    used = {str(Path(f).relative_to(package)) for f in json.loads(done.stdout)}
    assert used <= set(plancache.SOURCES), used - set(plancache.SOURCES)


def test_a_killed_runs_leftovers_and_long_unused_entries_are_removed(cache: Path) -> None:
    """A run killed between writing and renaming leaves '.plan-*.tmp'; plans edited long
    ago leave entries of old keys. Writing an entry removes temporary ones over an hour
    old and entries unused for 90 days, so the folder does not grow for ever."""
    import time

    load_plan(PLAN)
    old_tmp, new_tmp, old_entry = (
        cache / ".plan-x.aaaa.tmp",
        cache / ".plan-y.bbbb.tmp",
        cache / ("plan-" + "0" * 64 + ".json"),
    )
    for path in (old_tmp, new_tmp, old_entry):
        path.write_text("left over")
    long_ago = time.time() - 100 * 86400
    os.utime(old_tmp, (time.time() - 7200,) * 2)
    os.utime(old_entry, (long_ago, long_ago))
    copy = cache.parent / "plan.yaml"
    copy.write_bytes(PLAN.read_bytes() + b"\n# edited\n")
    load_plan(copy)  # a miss: validated and written, which tidies the folder
    assert not old_tmp.exists()
    assert not old_entry.exists()
    assert new_tmp.exists()
    assert len(list(cache.glob("plan-*.json"))) == 2
