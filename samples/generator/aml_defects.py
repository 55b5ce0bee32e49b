"""Anti-money-laundering defects planted in a statement, and the watch list a corpus ships with.

- structuring: 3–5 cash deposits of 45,500–49,800 (just under the 50,000 reporting threshold) within 20 days;
- rapid_in_out: a transfer of 60,000–180,000 arrives and 92–100 % of it leaves within 1–3 days, 40+ days
  before the application (so that the late-deposit check's window does not see it);
- listed_counterparty: a payer of the statement is a name on the corpus's watch list (``watchlist.csv``
  beside the applicants, in the FollowTheMoney/OpenSanctions simple CSV; ``docproc eval --watchlist``).

Every name here is invented. Amounts are never a multiple of 10,000, so no other check sees a round sum.
"""

from __future__ import annotations

import csv
import io
import random
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from . import ledger
from .ledger import Entry
from .people import make_name

WATCHLIST_FILE = "watchlist.csv"
# (id, schema, name, aliases, dataset): invented people and companies only
LISTED: tuple[tuple[str, str, str, str, str], ...] = (
    ("gen-wl-001", "Company", "澜沧星际贸易有限公司", "Lancang Xingji Trading Co Ltd", "Generated sanctions list"),
    ("gen-wl-002", "Company", "琥珀湾远洋物流有限公司", "", "Generated sanctions list"),
    ("gen-wl-003", "Person", "柏岚澈", "Bo Lanche", "Generated PEP list"),
    ("gen-wl-004", "Company", "霁川汇通商贸有限公司", "", "Generated sanctions list"),
    ("gen-wl-005", "Person", "闫霁珩", "", "Generated PEP list"),
)
_HEADER = ("id", "schema", "name", "aliases", "birth_date", "countries", "addresses", "identifiers", "sanctions",
           "phones", "emails", "dataset", "first_seen", "last_seen", "last_change")


def watchlist_csv() -> str:
    """The corpus's watch list as an OpenSanctions simple CSV."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(_HEADER)
    for entry_id, schema, name, aliases, dataset in LISTED:
        writer.writerow([entry_id, schema, name, aliases, "", "cn", "", "", "", "", "", dataset,
                         "2026-01-01T00:00:00", "2026-11-30T00:00:00", "2026-11-30T00:00:00"])
    return out.getvalue()


def write_watchlist(out_dir: Path) -> Path:
    """Write the corpus's watch list beside its applicants."""
    path = out_dir / WATCHLIST_FILE
    path.write_text(watchlist_csv(), encoding="utf-8")
    return path


def _not_ten_thousand(amount: Decimal) -> Decimal:
    return amount + Decimal("370.00") if amount % 10000 == 0 else amount


def _day_in(start: date, end: date, day: date) -> date:
    return max(start, min(end, day))


def structuring(rng: random.Random, start: date, end: date) -> list[Entry]:
    """3–5 cash deposits just under 50,000 within 20 days, the last at most 25 days before the statement ends."""
    count = rng.randint(3, 5)
    first = _day_in(start, end, end - timedelta(days=rng.randint(25, 70)))
    days = sorted(first + timedelta(days=rng.randint(0, 20)) for _ in range(count - 1))
    out = []
    for day in (first, *days):
        amount = _not_ten_thousand(Decimal(rng.randrange(45_500, 49_900, 100)))
        out.append(Entry(_day_in(start, end, day), ledger.clock(rng, business=True),
                         rng.choice(("现金存入", "现金存款", "柜面存现", "ATM存现")), amount, "", "",
                         rng.choice(("柜面", "ATM")), "structuring"))
    return out


def rapid_in_out(rng: random.Random, start: date, end: date, applied: date) -> list[Entry]:
    """A large transfer in and nearly all of it out again within days, 40–120 days before the application."""
    day = _day_in(start, end - timedelta(days=3), applied - timedelta(days=rng.randint(40, 120)))
    amount = ledger.not_round(rng, 60_000, 180_000)
    sender, receivers = make_name(rng, rng.choice("男女")), rng.randint(1, 3)
    out = [Entry(day, ledger.clock(rng, business=True), rng.choice(("跨行转入", "转账存入", "网银转入")), amount, sender,
                 ledger.masked_account(rng), rng.choice(("手机银行", "网上银行")), "rapid_in")]
    left = amount * Decimal(str(round(rng.uniform(0.92, 1.0), 3)))
    for _ in range(receivers):
        part = (left / receivers).quantize(Decimal("0.01"))
        out.append(Entry(day + timedelta(days=rng.randint(1, 3)),
                         ledger.clock(rng, business=True), rng.choice(("转账支出", "跨行转出", "网银转出")), -part,
                         make_name(rng, rng.choice("男女")), ledger.masked_account(rng), "手机银行", "rapid_out"))
    return out


def listed_counterparty(rng: random.Random, start: date, end: date) -> list[Entry]:
    """One or two payments in from a listed company or person (everyday amounts, not round)."""
    _, _, name, _, _ = rng.choice(LISTED)
    out = []
    for _ in range(rng.randint(1, 2)):
        day = start + timedelta(days=rng.randint(0, max(0, (end - start).days)))
        out.append(Entry(day, ledger.clock(rng, business=True), rng.choice(("转账存入", "货款", "往来款")),
                         ledger.not_round(rng, 2_000, 18_000), name, ledger.masked_account(rng), "网上银行", "listed"))
    return out


def planted(rng: random.Random, defects: frozenset[str], *, start: date, end: date, applied: date) -> list[Entry]:
    """The entries the statement's AML defects add (none for a statement without them)."""
    out: list[Entry] = []
    if "structuring" in defects:
        out += structuring(rng, start, end)
    if "rapid_in_out" in defects:
        out += rapid_in_out(rng, start, end, applied)
    if "listed_counterparty" in defects:
        out += listed_counterparty(rng, start, end)
    return out
