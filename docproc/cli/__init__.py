"""The `docproc` command group (`docproc.cli.main`): thin, one module per command family."""
