"""``docproc demo``: the demo account and two sample applicants in the data dir, ready to be looked at."""

from __future__ import annotations

from pathlib import Path

import click

from docproc.cli.common import edge
from docproc.core.settings import Settings
from docproc.service import demo as demo_data
from docproc.service.context import build_context

CORPUS = Path("samples") / "corpus"


@click.command("demo")
@click.option("--samples", "folder", type=click.Path(path_type=Path, file_okay=False), default=CORPUS,
              show_default=True, help="The sample corpus holding the demo applicants.")
@edge
def demo(folder: Path) -> None:
    """Create the demo account and read one complete and one flawed sample applicant (run before `serve`)."""
    ctx = build_context(Settings())
    demo_data.ensure_demo_account(ctx)
    loaded = demo_data.load_demo(ctx, folder, progress=lambda name: click.echo(f"  reading {name}", err=True))
    for name, checklist in loaded:
        click.echo(f"{name}: {checklist.status.value} ({checklist.application})")
    click.echo(f"sign in as {demo_data.DEMO_USER} / {demo_data.DEMO_PASSWORD} (also shown on the sign-in page of a "
               "development server)")
