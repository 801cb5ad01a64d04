"""The console entry point (`zjplan`) and `python -m zjplan`. `zjplan --version` answers
here, before the command line and its libraries load (Typer, the models); everything else
goes to zjplan.cli, and the process then ends without tearing the interpreter down."""

from __future__ import annotations

import contextlib
import gc
import os
import sys


def main() -> None:
    if sys.argv[1:] == ["--version"]:
        from zjplan.version import __version__

        print(f"zjplan {__version__}")  # what the Typer app's --version prints too
        return
    # Loading the command line and its libraries makes ~29,000 objects the collector
    # tracks, none of them garbage: collecting while they are made is wasted work (2% of
    # `zjplan status`'s instructions), and once frozen no later collection walks them.
    gc.disable()
    from zjplan.cli import main as run

    gc.freeze()
    gc.enable()
    try:
        run()
    except SystemExit as done:
        leave(done.code)
    leave(0)


def leave(code: object) -> None:
    """End the process with ``code`` once stdout and stderr are flushed, skipping the
    interpreter's teardown: freeing every module and object one by one took 10-25 ms of
    each run (a tenth of `zjplan status`), and nothing is left to do by then. Every file
    zjplan writes is written and closed before its command returns (output.write_atomic),
    zjplan registers no exit handler, and a child process (a spreadsheet worker) has been
    waited for. A tool that saves at exit (coverage run -m zjplan) loses its data here:
    run zjplan.cli.main under it instead, as the tests do."""
    if isinstance(code, str):  # sys.exit("message"): Python prints it and exits 1
        print(code, file=sys.stderr)
        code = 1
    for stream in (sys.stdout, sys.stderr):
        if stream is None:  # started with a standard stream closed
            continue
        try:
            stream.flush()
        except (BrokenPipeError, ValueError):  # a reader gone, a closed stream
            pass
        except Exception as exc:  # a full disk: what was printed did not all arrive
            with contextlib.suppress(OSError):
                os.write(2, f"zjplan: error[cannot-write]: {exc}\n".encode())
            code = code or 2
    os._exit(code if isinstance(code, int) else 0)


if __name__ == "__main__":
    main()
