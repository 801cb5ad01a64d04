"""The command line (see app.py). Importing this package registers every command."""

from zjplan.cli.app import app, main

# The order commands are registered in is the order `zjplan --help` lists them: the
# planning office's first, then the clerk's, then reference.
from zjplan.cli import reports, submissions, reference  # isort: skip

__all__ = ["app", "main", "reference", "reports", "submissions"]
