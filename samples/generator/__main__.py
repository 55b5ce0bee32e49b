"""Command line: `python -m samples.generator tiny | corpus | generate OUT --applicants N --seed S`."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from .corpus import CORPUS_DIR, build_committed_corpus, generate
from .templates import MODES
from .tiny import TINY_DIR, build_tiny_set


def main(argv: list[str] | None = None) -> int:
    """Parse arguments and write the tiny set, the committed corpus or a seeded corpus."""
    parser = argparse.ArgumentParser(prog="python -m samples.generator", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    tiny = sub.add_parser("tiny", help="regenerate the committed tiny set (samples/tiny)")
    tiny.add_argument("--out", type=Path, default=TINY_DIR, help="where to write it (default: samples/tiny)")
    corpus = sub.add_parser("corpus", help="regenerate the committed corpus (samples/corpus)")
    corpus.add_argument("--out", type=Path, default=CORPUS_DIR, help="where to write it (default: samples/corpus)")
    gen = sub.add_parser("generate", help="write a seeded random corpus")
    gen.add_argument("out", type=Path)
    gen.add_argument("--applicants", type=int, default=10)
    gen.add_argument("--seed", type=int, default=0)
    gen.add_argument("--workers", type=int, default=None, help="processes (default: one per CPU)")
    gen.add_argument("--templates", choices=MODES, default="seen",
                     help="layout families: seen, unseen (first held-out batch), unseen2 … unseen19 "
                          "(second to nineteenth batch) or all")
    gen.add_argument("--credit-reports", action="store_true",
                     help="every applicant also hands in a credit report (OUT/policy.toml requires it)")
    args = parser.parse_args(argv)
    start = time.monotonic()
    if args.command == "tiny":
        build_tiny_set(args.out)
        print(f"tiny set written to {args.out}")
        return 0
    if args.command == "corpus":
        folders = build_committed_corpus(args.out)
        print(f"{len(folders)} applicant folders written to {args.out} in {time.monotonic() - start:.0f} s")
        return 0
    if args.applicants < 1:
        parser.error("--applicants must be at least 1")
    folders = generate(args.out, applicants=args.applicants, seed=args.seed, workers=args.workers,
                       templates=args.templates, credit_reports=args.credit_reports)
    print(f"{len(folders)} applicant folders written to {args.out} in {time.monotonic() - start:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
