"""Amounts booked to a side: an unsigned figure with its 借 / 贷 (DR / CR) flag, or its sign, printed after it.

A ledger with one amount column (发生额) prints the side each amount was booked to after it
(9,385.41 借), and a balance with the side it stands on (上期余额 89,294.66 贷). Seen from the bank, a
customer's deposit is owed to them: a credit (贷) comes into the account, a debit (借) goes out of it,
and a balance on the debit side is an overdraft. So 借 makes a figure negative and 贷 leaves it positive.
"""

from __future__ import annotations

import re
from decimal import Decimal

from docproc.cn.normalize import parse_amount, to_halfwidth

# the flag a bookkeeping side prints after an amount: 借 / 贷, or DR / CR (Dr. / Cr.)
SIDE = r"(?:借|贷|DR\.?|CR\.?)"
_BOOKED = re.compile(rf"(?P<amount>.*?\d)\s*[(（]?\s*(?P<side>{SIDE})\s*[)）]?", re.IGNORECASE)
# a sign printed after the amount (2,027.11- out, 492.56+ in), as counter-printed ledgers and many foreign
# banks do: only after the amount's decimals, so no date or code ends in one
TRAILING_SIGN = r"(?<=[.,]\d\d)\s*[-+−]"
_SIGNED_AFTER = re.compile(r"(?P<amount>[^-+−]*?\d[.,]\d\d)\s*(?P<sign>[-+−])")


def side_of(text: str) -> str | None:
    """The side a word flags on its own (借, 贷, DR, CR), as 借 or 贷; None for any other word."""
    match = re.fullmatch(SIDE, to_halfwidth(text).strip(), re.IGNORECASE)
    return None if match is None else ("借" if match.group(0)[0] in "借dD" else "贷")


def parse_booked(text: str) -> Decimal | None:
    """An amount, also one with its side after it (9,385.41 借 → -9385.41, 89,294.66 贷 → 89294.66) or its
    sign after it (2,027.11- → -2027.11); a figure that carries a sign of its own before it keeps it."""
    if (after := _SIGNED_AFTER.fullmatch(to_halfwidth(text).strip())) is not None:
        value = parse_amount(after.group("amount"))
        return None if value is None else -value if after.group("sign") != "+" else value
    match = _BOOKED.fullmatch(to_halfwidth(text).strip())
    if match is None:
        return parse_amount(text)
    value = parse_amount(match.group("amount"))
    if value is None:
        return None
    return -abs(value) if side_of(match.group("side")) == "借" and value > 0 else value


def cell_amount(text: str | None) -> Decimal | None:
    """A table cell's amount (see :func:`parse_booked`), spaces inside it ignored; None for an empty cell."""
    return None if not text else parse_booked(text.replace(" ", ""))
