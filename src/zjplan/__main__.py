"""`python -m zjplan`."""

from zjplan.cli import main

main()
