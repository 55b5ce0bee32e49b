"""Benchmark: watch-list import and screening look-ups, exact and near, on a synthetic list.

    python scripts/bench_watchlist.py [--entries 200000] [--names 60] [--runs 25] [--url sqlite:///...]

Writes a synthetic OpenSanctions-style simple CSV (organisations with CJK names and a Latin alias, persons
with 2-4 character CJK names, Latin persons with an alias), imports it (``docproc aml import-list``'s code)
and prints the import time, the rows of the near-match index and the database size; then screens batches of
``--names`` names (a third on the list, a third misread by one character, a third not listed), ``--runs`` times,
and prints the median and 90th-percentile time of the exact and of the near look-up per batch, with the time of
one near match found by a scan of every listed key, for comparison.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

import sqlalchemy as sa

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from docproc.core.screening import name_key, one_apart  # noqa: E402
from docproc.store import watchlist  # noqa: E402
from docproc.store.database import Database  # noqa: E402
from docproc.store.sealing import Keyring, generate_key  # noqa: E402
from docproc.store.tables import watchlist_names, watchlist_near  # noqa: E402

CHARS = [chr(c) for c in range(0x4E00, 0x4E00 + 3000)]
TRADES = ["商贸", "贸易", "科技", "实业", "投资", "物流", "建设", "国际贸易", "供应链管理", "信息技术"]
FORMS = ["有限公司", "有限责任公司", "股份有限公司", "集团有限公司"]
LATIN = "abcdefghijklmnopqrstuvwxyz"


def _word(rnd: random.Random, low: int, high: int) -> str:
    return "".join(rnd.choice(LATIN) for _ in range(rnd.randint(low, high))).capitalize()


def synthetic(entries: int, seed: int = 7) -> tuple[str, list[str]]:
    """The CSV text and the listed names."""
    rnd, lines, names = random.Random(seed), ["id,schema,name,aliases,dataset"], []
    for i in range(entries):
        kind = rnd.random()
        if kind < 0.6:
            name = "".join(rnd.choices(CHARS, k=rnd.randint(2, 4))) + rnd.choice(TRADES) + rnd.choice(FORMS)
            alias, schema = f"{_word(rnd, 4, 9)} {_word(rnd, 4, 9)} Trading Co Ltd", "Company"
        elif kind < 0.8:
            name, alias, schema = "".join(rnd.choices(CHARS, k=rnd.randint(2, 4))), "", "Person"
        else:
            name, schema = f"{_word(rnd, 3, 8)} {_word(rnd, 4, 10)}", "Person"
            alias = f"{name.split()[1]}, {name.split()[0]}"
        names.append(name)
        lines.append(f"bench-{i},{schema},{name},\"{alias}\",Synthetic list")
    return "\n".join(lines) + "\n", names


def misread(rnd: random.Random, name: str) -> str:
    i = rnd.randrange(len(name))
    pool = CHARS if "\u4e00" <= name[i] <= "\u9fff" else list(LATIN)
    return name[:i] + rnd.choice(pool) + name[i + 1:]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=200_000)
    parser.add_argument("--names", type=int, default=60)
    parser.add_argument("--runs", type=int, default=25)
    parser.add_argument("--url", default=None, help="database URL (default: a fresh SQLite file)")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench-watchlist-"))
    url = args.url or f"sqlite:///{work / 'bench.sqlite3'}"
    db = Database(url, keyring=Keyring.from_text(generate_key()))
    text, names = synthetic(args.entries)
    path = work / "list.csv"
    path.write_text(text, encoding="utf-8")
    started = time.perf_counter()
    count = watchlist.import_file(db, path)
    imported = time.perf_counter() - started
    with db.engine.connect() as conn:
        keys = conn.execute(sa.select(sa.func.count()).select_from(watchlist_names)).scalar_one()
        near_rows = conn.execute(sa.select(sa.func.count()).select_from(watchlist_near)).scalar_one()
        listed = list(conn.execute(sa.select(watchlist_names.c.key)).scalars())
    size = f", database {(work / 'bench.sqlite3').stat().st_size / 2**20:.0f} MB" if args.url is None else ""
    print(f"import: {count} entries, {keys} name keys, {near_rows} near-index rows in {imported:.1f} s{size}")
    rnd = random.Random(11)
    exact_ms, near_ms, found = [], [], 0
    for _ in range(args.runs):
        third = args.names // 3
        batch = (rnd.sample(names, third) + [misread(rnd, n) for n in rnd.sample(names, third)]
                 + [n[::-1] + "x" for n in rnd.sample(names, args.names - 2 * third)])
        batch_keys = [name_key(n) for n in batch]
        started = time.perf_counter()
        hits = watchlist.lookup(db, batch_keys)
        exact_ms.append((time.perf_counter() - started) * 1000)
        started = time.perf_counter()
        near = watchlist.lookup_near(db, (k for k in batch_keys if k not in hits))
        near_ms.append((time.perf_counter() - started) * 1000)
        found += len(near)
    scan_key = name_key(misread(rnd, next(n for n in names if len(n) >= 8)))
    started = time.perf_counter()
    scanned = [k for k in listed if one_apart(scan_key, k)]
    scan_ms = (time.perf_counter() - started) * 1000

    def p90(values: list[float]) -> float:
        return statistics.quantiles(values, n=10)[-1]

    print(f"screening {args.names} names a batch, {args.runs} batches:")
    print(f"  exact look-up: median {statistics.median(exact_ms):.1f} ms, p90 {p90(exact_ms):.1f} ms")
    print(f"  near look-up:  median {statistics.median(near_ms):.1f} ms, p90 {p90(near_ms):.1f} ms "
          f"({found / args.runs:.1f} names a batch found near a listed key)")
    print(f"  for comparison, one name against every listed key by scan: {scan_ms:.0f} ms ({len(scanned)} found)")


if __name__ == "__main__":
    main()
