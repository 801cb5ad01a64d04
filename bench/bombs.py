"""Resource bombs from the second hostile-input round: each must run under 2 s and 200 MB
per file, or be refused early with a located message. `make bench` runs it; alone:
`python bench/bombs.py [--quick]` (prints the figures, writes nothing but bench/out/)."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out" / "bombs"
ZJPLAN = str(Path(sys.executable).parent / "zjplan")
PLAN = ROOT / "data" / "plan.yaml"
HEADER = "target_id,region,as_of,value\n"
sys.path.insert(0, str(ROOT))


def run(argv: list[str]) -> tuple[float, float, int, str]:
    """One run: wall seconds, its own peak MB (bench/launch.py), exit code, the last line
    it printed."""
    import tempfile

    from launch import measured

    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        proc, finish = measured(
            argv, stdout=out, stderr=err, stdin=subprocess.DEVNULL, cwd=ROOT,
            env={**os.environ, "ZJPLAN_TODAY": "2021-06-30"},
        )  # fmt: skip
        wall, peak_mb, proc.returncode = finish()
        out.seek(0)
        err.seek(0)
        lines = err.read().decode("utf-8", "replace").strip().splitlines()
        lines = lines or out.read().decode("utf-8", "replace").strip().splitlines() or [""]
    return wall, peak_mb, proc.returncode, lines[-1][:110]


def make(quick: bool) -> list[tuple[str, list[str], int]]:
    """Each bomb: its name, the command, and the number of files it reads."""
    from tests.hostile.xlsxparts import cell, form_rows, workbook

    OUT.mkdir(parents=True, exist_ok=True)
    scale = 10 if quick else 1
    cases: list[tuple[str, list[str], int]] = []

    dates = OUT / "bad-dates.csv"
    with dates.open("w", encoding="utf-8") as fh:
        fh.write(HEADER)
        for i in range(200_000 // scale):
            fh.write(f"small_to_large_firms,宁波市,2019-13-{i},1\n")
    cases.append(("200k rows of distinct bad dates", [ZJPLAN, "check", str(dates)], 1))

    ids = OUT / "unknown-ids.csv"
    with ids.open("w", encoding="utf-8") as fh:
        fh.write(HEADER)
        for i in range(100_000 // scale):
            fh.write(f"small_to_large_firm{i},宁波市,2019-12-31,1\n")
    cases.append(("100k unknown ids (did you mean)", [ZJPLAN, "check", str(ids)], 1))

    long_ids = OUT / "long-ids.csv"
    with long_ids.open("w", encoding="utf-8") as fh:
        fh.write(HEADER)
        for i in range(1_500 // scale):
            fh.write(f"{'x' * 120_000}{i},宁波市,2019-12-31,1\n")
    cases.append(("1,500 ids of 120 KB", [ZJPLAN, "check", str(long_ids)], 1))

    # Legal cells just short of too long (13,000 characters, 39 KB; a cell may hold
    # 16,384): the guard against too-long cells once tried each of their bytes as a start.
    notes = OUT / "long-notes.csv"
    with notes.open("w", encoding="utf-8") as fh:
        fh.write("target_id,region,as_of,value,note\n")
        for i in range(200 // scale):
            fh.write(f"small_to_large_firms,宁波市,{2000 + i % 20}-12-31,1,{'说' * 13_000}\n")
    cases.append(("200 notes of 13,000 characters", [ZJPLAN, "check", str(notes)], 1))

    line = OUT / "one-line.csv"
    with line.open("w", encoding="utf-8") as fh:  # written in pieces: see run()'s peak
        fh.write(HEADER)
        for _ in range(33):
            fh.write("x," * (1 << 20))
        fh.write("\n")
    cases.append(("one 99 MB line", [ZJPLAN, "check", str(line)], 1))

    count = 200_000 // scale
    empty = OUT / f"empty-files-{count}"
    if not empty.is_dir() or len(os.listdir(empty)) != count:
        empty.mkdir(exist_ok=True)
        for i in range(count):
            (empty / f"f{i:06d}.csv").touch()
    cases.append((f"{count:,} empty files (table)", [ZJPLAN, "check", str(empty)], count))

    plan = OUT / "plan-0001-9999.yaml"
    text = PLAN.read_text(encoding="utf-8").replace("start: 2018-01-01", "start: 0001-01-01", 1)
    plan.write_text(text.replace("deadline: 2020-12-31", "deadline: 9999-12-31", 1), "utf-8")
    cases.append(
        (
            "plan dated 0001 to 9999 (html)",
            [ZJPLAN, "status", "--plan", str(plan), "--format", "html"],
            1,
        )
    )

    row = ("small_to_large_firms", "宁波市", "2019-12-31", 1)
    for name, far in (
        ("row-4294967295", "A4294967295"),
        ("column-999-row-1048576", "ALK1048576"),
        ("column-26-row-1000000", "Z1000000"),
    ):
        number = far.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
        data = form_rows([row]) + f'<row r="{number}">{cell(far, 1)}</row>'
        book = workbook(OUT / f"{name}.xlsx", [("进度填报", "visible", data)])
        cases.append((f"2 KB xlsx, a cell at {far}", [ZJPLAN, "check", str(book)], 1))
    return cases


def main(quick: bool = False) -> list[tuple[str, float, float, bool]]:
    print("resource bombs (hostile input, round two): each < 2 s and < 200 MB per file")
    figures = []
    for name, argv, files in make(quick):
        # The median of three runs (one run of the 200,000 files): one slow moment of a
        # shared machine is not the figure.
        runs = sorted(run(argv) for _ in range(1 if files > 1000 else 3))
        wall, _, code, said = runs[len(runs) // 2]
        peak = max(r[1] for r in runs)
        per_file = wall / files
        ok = per_file < 2 and peak < 200 and code in (0, 1, 2)
        shown = f"{wall:6.2f} s" + (f" ({per_file * 1000:.2f} ms a file)" if files > 1 else "")
        print(f"  {name:<36} {shown}  peak {peak:6.1f} MB  exit {code}  {said}")
        figures.append((name, per_file, peak, ok))
    return figures


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    main(parser.parse_args().quick)
