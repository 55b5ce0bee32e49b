"""`python -m docproc.cli` runs the command group."""

from docproc.cli.main import main

main()
