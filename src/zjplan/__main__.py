"""The console entry point (`zjplan`) and `python -m zjplan`. `zjplan --version` answers
here, before the command line and its libraries load (Typer, the models); everything else
goes to zjplan.cli."""

from __future__ import annotations

import sys


def main() -> None:
    if sys.argv[1:] == ["--version"]:
        from zjplan import __version__

        print(f"zjplan {__version__}")  # what the Typer app's --version prints too
        return
    from zjplan.cli import main as run

    run()


if __name__ == "__main__":
    main()
