"""A phone bank's export lists its rows newest first: the transactions come out oldest first, the opening balance
is the oldest row's balance before it, and a dash in the counterparty's cell names nobody."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from docproc.core.models import DocType, PageSource, RawDocument
from docproc.extractors import EXTRACTORS
from tests.statement_pages import page

HEADER = [(20.0, "交易日期"), (140.0, "对方账户名"), (400.0, "交易摘要"), (560.0, "收入金额"), (680.0, "支出金额"),
          (800.0, "账户余额")]
ROWS = [("2026/09/09", "武汉新元食品有限公司", "工资性收入", "8400.00", "", "30017.61"),
        ("2026/09/03", "—", "ATM取款", "", "200.00", "21617.61"),
        ("2026/09/02", "上海寻梦信息技术有限公司", "快捷支付", "", "869.26", "21817.61"),
        ("2026/08/26", "韩冰", "手机银行转账", "", "1223.98", "22686.87")]


def test_rows_listed_newest_first_are_read_oldest_first() -> None:
    lines = [(0.0, HEADER)] + [(40.0 + 40 * i, [(20.0, d), (140.0, p), (400.0, t), (560.0, c), (680.0, o), (800.0, b)])
                               for i, (d, p, t, c, o, b) in enumerate(ROWS)]
    lines = [(top, [(x, text) for x, text in cells if text]) for top, cells in lines]
    raw = RawDocument(file_id="f", doc_type=DocType.BANK_STATEMENT, pages=(page(lines),))
    fields = EXTRACTORS.get("bank_statement")(raw, None).fields  # type: ignore[arg-type]
    rows = fields["transactions"].value
    assert [(r["date"], r["amount"], r["balance"], r["counterparty"]) for r in rows] == [  # type: ignore[attr-defined]
        (date(2026, 8, 26), Decimal("-1223.98"), Decimal("22686.87"), "韩冰"),
        (date(2026, 9, 2), Decimal("-869.26"), Decimal("21817.61"), "上海寻梦信息技术有限公司"),
        (date(2026, 9, 3), Decimal("-200.00"), Decimal("21617.61"), None),
        (date(2026, 9, 9), Decimal("8400.00"), Decimal("30017.61"), "武汉新元食品有限公司")]
    assert fields["opening_balance"].value == Decimal("23910.85")
    assert (fields["period_start"].value, fields["period_end"].value) == (date(2026, 8, 26), date(2026, 9, 9))


def test_a_heading_box_over_the_balance_and_the_other_side_and_a_dash_read_as_one() -> None:
    # a scan read 余额 and 交易对方 as one box; a dash in an ATM row's counterparty cell came out as 一
    header = [(20.0, "交易日期"), (260.0, "收入金额"), (400.0, "支出金额"), (560.0, "余额交易对方"), (900.0, "摘要")]
    cells = [[(20.0, "2026-10-09"), (400.0, "810.42"), (560.0, "76798.27"), (640.0, "北京三快科技有限公司"), (900.0, "消费")],
             [(20.0, "2026-10-06"), (400.0, "1884.65"), (560.0, "77608.69"), (640.0, "吴美红"), (900.0, "手机银行转账")],
             [(20.0, "2026-10-05"), (400.0, "800.00"), (560.0, "79493.34"), (640.0, "一"), (900.0, "ATM取款")]]
    p = page([(0.0, header), *((40.0 + 40 * i, c) for i, c in enumerate(cells))], source=PageSource.OCR)
    raw = RawDocument(file_id="f", doc_type=DocType.BANK_STATEMENT, pages=(p,))
    rows = EXTRACTORS.get("bank_statement")(raw, None).fields["transactions"].value  # type: ignore[arg-type]
    assert [(r["description"], r["counterparty"]) for r in rows] == [  # type: ignore[attr-defined]
        ("ATM取款", None), ("手机银行转账", "吴美红"), ("消费", "北京三快科技有限公司")]
