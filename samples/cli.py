"""`docproc samples ...`: generate synthetic applicant bundles with truth.json (registered by docproc.cli)."""

from __future__ import annotations

import time
from pathlib import Path

import click


@click.group("samples")
def samples() -> None:
    """Synthetic home-loan document bundles with ground truth (truth.json per applicant)."""


@samples.command("generate")
@click.argument("out", type=click.Path(file_okay=False, path_type=Path))
@click.option("--applicants", type=click.IntRange(min=1), default=10, show_default=True,
              help="number of applicant folders")
@click.option("--seed", type=int, default=0, show_default=True, help="same seed, same bytes")
@click.option("--workers", type=click.IntRange(min=1), default=None, help="processes (default: one per CPU)")
@click.option("--templates", type=click.Choice(["seen", "unseen", "unseen2", "unseen3", "unseen4", "unseen5", "unseen6",
                                              "unseen7", "unseen8", "unseen9", "unseen10", "unseen11",
                                              "unseen12", "unseen13", "unseen14", "unseen15", "unseen16",
                                              "unseen17", "unseen18", "unseen19",
                                              "all"]),
              default="seen", show_default=True,
              help="layout families: seen (the product may be tuned on them), unseen (first held-out batch), "
                   "unseen2 … unseen19 (second to nineteenth held-out batch, the first where a type has "
                   "none), all")
@click.option("--credit-reports", is_flag=True, default=False,
              help="every applicant also hands in a credit report (个人信用报告, detailed or simple layout), with its "
                   "planted defects; OUT/policy.toml makes every profile require it (docproc eval OUT --policy OUT/policy.toml)")
def generate_cmd(out: Path, applicants: int, seed: int, workers: int | None, templates: str,
                 credit_reports: bool) -> None:
    """Write OUT/<applicant>/ folders: the files an applicant hands in and their truth.json."""
    from samples.generator.corpus import generate

    start = time.monotonic()
    folders = generate(out, applicants=applicants, seed=seed, workers=workers, templates=templates,
                       credit_reports=credit_reports)
    click.echo(f"{len(folders)} applicant folders written to {out} in {time.monotonic() - start:.0f} s")


@samples.command("tiny")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="where to write it (default: samples/tiny)")
def tiny_cmd(out: Path | None) -> None:
    """Regenerate the committed tiny set (two salaried applicants, ID card and income proof)."""
    from samples.generator.tiny import TINY_DIR, build_tiny_set

    build_tiny_set(out or TINY_DIR)
    click.echo(f"tiny set written to {out or TINY_DIR}")


@samples.command("corpus")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="where to write it (default: samples/corpus)")
def corpus_cmd(out: Path | None) -> None:
    """Regenerate the committed demo corpus (eight applicants, all four profiles) and its manifest."""
    from samples.generator.corpus import CORPUS_DIR, build_committed_corpus

    folders = build_committed_corpus(out or CORPUS_DIR)
    click.echo(f"{len(folders)} applicant folders written to {out or CORPUS_DIR}")
