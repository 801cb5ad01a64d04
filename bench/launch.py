"""Run a command and measure it from a small process of its own.

Linux reports a child's peak memory as at least what its parent held when it forked (the
copied memory counts until exec, and exec keeps the high-water mark). The bench holds
tens of megabytes at times (the data it made), so a command started from it directly
reported 115 or 194 MB whatever it used. Here a bare interpreter (`python -S`, ~10 MB)
starts the command and times it, and tells its wall time, peak and exit status back
through a pipe: the figures are the command's own, over a floor of about 10 MB.
"""

from __future__ import annotations

import os
import subprocess
import sys
from typing import Any

# The launcher: fork, exec the command, wait for it; "seconds peak_kb status" to the pipe.
LAUNCHER = """
import os, sys, time
report, argv = int(sys.argv[1]), sys.argv[2:]
started = time.perf_counter()
pid = os.fork()
if pid == 0:
    os.close(report)
    try:
        os.execvp(argv[0], argv)
    finally:
        os._exit(127)
_, status, usage = os.wait4(pid, 0)
os.write(report, f"{time.perf_counter() - started} {usage.ru_maxrss} {status}".encode())
"""


def measured(argv: list[str], **popen: Any) -> tuple[subprocess.Popen[bytes], Any]:
    """Start ``argv`` under the launcher (``popen``: Popen's stdout, stderr, stdin, cwd,
    env); give the process and a function that waits for it and returns (wall seconds,
    peak MB, exit code)."""
    read, write = os.pipe()
    proc = subprocess.Popen(
        [sys.executable, "-S", "-c", LAUNCHER, str(write), *argv], pass_fds=(write,), **popen
    )
    os.close(write)

    def finish() -> tuple[float, float, int]:
        with os.fdopen(read, "rb") as pipe:
            report = pipe.read().decode()
        proc.wait()
        if not report:
            raise SystemExit(f"the launcher failed ({proc.returncode}): {' '.join(argv)}")
        seconds, peak_kb, status = report.split()
        return float(seconds), int(peak_kb) / 1024, os.waitstatus_to_exitcode(int(status))

    return proc, finish
