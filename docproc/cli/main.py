"""The ``docproc`` command group: thin wrappers over the pipeline; errors become one line + exit code."""

from __future__ import annotations

import json
import logging
from datetime import date
from decimal import Decimal
from importlib.metadata import entry_points
from pathlib import Path

import click

from docproc.cli import tables
from docproc.cli.common import edge
from docproc.cli.common import parse_date_option as _date
from docproc.cli.common import parse_decimal_option as _decimal
from docproc.core.errors import InputError
from docproc.core.log_format import configure_logging
from docproc.core.log_masking import install_log_masking
from docproc.core.models import FileState
from docproc.core.settings import Settings
from docproc.service import pipeline, wire
from docproc.service.context import Context, build_context

SUPPORTED_SUFFIXES = {".pdf", ".jpg", ".jpeg", ".png", ".tif", ".tiff", ".bmp", ".webp", ".zip", ".gif"}


def expand_paths(paths: tuple[Path, ...]) -> list[Path]:
    """Files named, plus supported files inside named folders (sorted, hidden ones skipped)."""
    out: list[Path] = []
    for path in paths:
        if path.is_dir():
            out += sorted(
                p for p in path.rglob("*")
                if p.is_file() and p.suffix.lower() in SUPPORTED_SUFFIXES
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
        elif path.is_file():
            out.append(path)
        else:
            raise InputError(f"{path} does not exist")
    if not out:
        raise InputError("no PDF, image or zip files found in " + ", ".join(map(str, paths)))
    return out


@click.group()
@click.option("-v", "--verbose", is_flag=True, help="Log progress to stderr.")
@click.version_option(package_name="docproc")
def main(verbose: bool) -> None:
    """docproc: pre-review of home-loan document bundles."""
    install_log_masking()
    configure_logging(level=logging.INFO if verbose else logging.WARNING, log_format=_log_format())


def _log_format() -> str:
    try:
        return Settings().log_format
    except ValueError:  # a bad setting is reported by the command that reads it (exit 3), not here
        return "text"


def _context() -> Context:
    return build_context(Settings())


CHECK_CREATOR = "docproc check"  # the applications `docproc check` makes: trial runs, not handed in


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--profile", default="salaried", show_default=True, help="Applicant profile (policy).")
@click.option("--application-date", callback=_date, help="YYYY-MM-DD; default today.")
@click.option("--loan-amount", callback=_decimal, help="Requested loan amount (CNY).")
@click.option("--json", "as_json", is_flag=True, help="Print the checklist as JSON.")
@click.option("--all-items", is_flag=True, help="Also list items that do not apply.")
@edge
def check(paths: tuple[Path, ...], profile: str, application_date: date | None,
          loan_amount: Decimal | None, as_json: bool, all_items: bool) -> None:
    """Run the whole pre-review in-process on files or folders and print the checklist."""
    ctx = _context()
    files = expand_paths(paths)
    application = pipeline.create_application(
        ctx, profile=profile, application_date=application_date or date.today(), loan_amount=loan_amount,
        created_by=CHECK_CREATOR,
    )
    readable = 0
    for path in files:
        try:
            stored = pipeline.ingest(ctx, application.id, filename=path.name, data=path.read_bytes())
        except InputError as exc:
            click.echo(f"docproc: {path.name}: {exc.message}", err=True)
            continue
        for item in stored:
            pipeline.process_file(ctx, item.id)
            read = ctx.db.get_file(item.id)
            if read.state == FileState.ERROR:
                click.echo(f"docproc: {read.filename}: {read.error}", err=True)
            readable += read.state == FileState.DONE
    checklist = pipeline.check_application(ctx, application.id)
    # Its pages were compared with the applications handed in; a trial run is not one of them, so that
    # checking the same bundle again (or handing it in afterwards) does not find it "seen before".
    ctx.db.forget_page_hashes([application.id])
    if as_json:
        click.echo(json.dumps(wire.checklist_json(checklist), ensure_ascii=False, indent=2))
    else:
        click.echo(tables.checklist_table(checklist, show_na=all_items))
    if not readable:
        raise InputError(f"none of the {len(files)} file(s) could be read (reasons above): "
                         "upload scans, photos or PDFs")


@main.command()
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@edge
def extract(path: Path, as_json: bool) -> None:
    """Read one file and print the documents found with their fields and stamps."""
    ctx = _context()
    data = path.read_bytes()
    from docproc.reading import read as reading

    pages = reading.read_file(data, file_id=path.name, filename=path.name, ctx=ctx)
    docs = pipeline.documents_from_pages(ctx, pages)
    if as_json:
        payload = {"file": str(path), "pages": len(pages), "documents": [wire.field_json(d) for d in docs]}
        click.echo(json.dumps(payload, ensure_ascii=False, indent=2))
    else:
        click.echo(tables.documents_table(docs))


@main.command()
@click.option("--burst", is_flag=True, help="Exit when the queue is empty.")
@edge
def worker(burst: bool) -> None:
    """Run an rq worker on REDIS_URL (any number, on any number of machines)."""
    from docproc.service import jobs as rq_glue

    rq_glue.run_worker(Settings(), burst=burst)


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=int)
@click.option("--workers", "n_workers", default=None, type=int,
              help="Worker processes to start and keep running [default: 2 with the embedded Redis, 0 with REDIS_URL].")
@click.option("--web-workers", default=None, type=int,
              help="gunicorn web processes [default: DOCPROC_WEB_WORKERS, else the cores, at most 4].")
@click.option("--threads", default=None, type=int, help="Threads per web process [default: DOCPROC_WEB_THREADS, 4].")
@edge
def serve(host: str, port: int, n_workers: int | None, web_workers: int | None, threads: int | None) -> None:
    """Serve the web page and API under gunicorn; without REDIS_URL, start an embedded Redis and workers too.

    Workers that die are restarted, and files whose job was lost are queued again.
    """
    from web.server import run_server

    settings = Settings()
    updates = {k: v for k, v in (("web_workers", web_workers), ("web_threads", threads)) if v is not None}
    run_server(settings.model_copy(update=updates), host=host, port=port, n_workers=n_workers)


@main.command("eval")
@click.argument("corpus", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--json", "json_out", type=click.Path(dir_okay=False, path_type=Path), help="Also write the figures as JSON.")
@click.option("--data-dir", type=click.Path(file_okay=False, path_type=Path), help="Where to keep the run (default: a temporary folder).")
@click.option("--show-misses", default=30, show_default=True, help="How many individual misses to list.")
@click.option("--jobs", default=1, show_default=True, help="Processes that read files in parallel first.")
@click.option("--watchlist", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="A sanctions/PEP list (OpenSanctions simple CSV) to screen names against during the run.")
@click.option("--policy", "policy_file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Judge with this policy file instead of the configured one (a --credit-reports corpus: its policy.toml).")
@edge
def eval_(corpus: Path, json_out: Path | None, data_dir: Path | None, show_misses: int, jobs: int,
          watchlist: Path | None, policy_file: Path | None) -> None:
    """Run the product on a labelled corpus and print accuracy figures (last line: a summary)."""
    import tempfile

    from docproc.eval import benchmark
    from docproc.eval.report import format_report, report_json

    with tempfile.TemporaryDirectory(prefix="docproc-eval-") as tmp:
        settings = Settings().model_copy(update={"data_dir": data_dir or Path(tmp), "database_url": None})
        if policy_file is not None:  # asked for by name: a file lying in a corpus folder is never taken unasked
            settings = settings.model_copy(update={"policy_file": policy_file})
        elif (corpus / "policy.toml").is_file():
            click.echo(f"note: {corpus / 'policy.toml'} is not used unless passed with --policy", err=True)
        ctx = build_context(settings)
        if watchlist is not None:
            from docproc.store.watchlist import import_file

            click.echo(f"watch list: {import_file(ctx.db, watchlist)} entries from {watchlist.name}")
        if benchmark.is_third_party(corpus):
            report, title = benchmark.evaluate_third_party(ctx, corpus, jobs=jobs), f"third-party {corpus.name}"
        else:
            report, title = benchmark.evaluate_corpus(ctx, corpus, jobs=jobs), f"corpus {corpus.name}"
    for miss in report.misses[:show_misses]:
        click.echo(f"miss: {miss}")
    if len(report.misses) > show_misses:
        click.echo(f"... and {len(report.misses) - show_misses} more misses (see --json)")
    click.echo(format_report(report, title=title))
    if json_out:
        json_out.write_text(json.dumps(report_json(report), ensure_ascii=False, indent=2), encoding="utf-8")


from docproc.cli import admin as cli_admin  # noqa: E402  (command modules add to the group)
from docproc.cli import aml as cli_aml  # noqa: E402
from docproc.cli import batch as cli_batch  # noqa: E402
from docproc.cli import data as cli_data  # noqa: E402
from docproc.cli import db as cli_db  # noqa: E402
from docproc.cli import demo as cli_demo  # noqa: E402
from docproc.cli import reminders as cli_reminders  # noqa: E402


def _plugin_commands() -> list[click.Command]:
    """Commands other installed packages add under the entry-point group ``docproc.commands`` (the sample
    generator of a development checkout adds ``samples``; an installed wheel has no generator, so that one
    is skipped there); the product itself names none of them."""
    commands = []
    for entry in entry_points(group="docproc.commands"):
        try:
            commands.append(entry.load())
        except ModuleNotFoundError as exc:
            if exc.name != entry.module.split(".")[0]:
                raise  # the plugin is there but broken: say so
    return commands


for _command in [*cli_admin.COMMANDS, *cli_aml.COMMANDS, *cli_data.COMMANDS, *cli_batch.COMMANDS, *cli_db.COMMANDS,
                 *cli_reminders.COMMANDS, cli_demo.demo, *_plugin_commands()]:
    main.add_command(_command)


if __name__ == "__main__":
    main()
