"""Columns of scanned statements read in part: a time of day under its own heading (交易时间) read without its colons
(141019) or with one taken for a point (09.09:23) stays beside the date and never joins the amount; a misread
heading keeps its column where the next column's figures reach under it."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from docproc.core.models import PageSource
from docproc.extractors._table_header import find_header
from tests.statement_pages import page, rows

HEADER = [(20.0, "交易日期"), (150.0, "交易时间"), (260.0, "借/贷"), (360.0, "交易金额"), (500.0, "账户余额"),
          (640.0, "摘要")]


def _right(edge: float, text: str) -> tuple[float, str]:
    return edge - 10 * len(text), text


def _statement(first_time: str, second_time: str, amount: str) -> list[dict[str, object]]:
    lines = [(0.0, HEADER),
             (40.0, [(20.0, "2026/10/21"), (150.0, "09:12:40"), (270.0, "贷"), _right(440, "535.20"),
                     _right(580, "202306.09"), (640.0, "转账存入")]),
             (80.0, [(20.0, "2026/10/23"), (150.0, first_time), (270.0, "借"), _right(440, "167.62"),
                     _right(580, "202138.47"), (640.0, "网上支付")]),
             (120.0, [(20.0, "2026/10/23"), (150.0, second_time), _right(440, amount),  # 借 lost to the scan
                      _right(580, "201736.38"), (640.0, "代扣电费")]),
             (160.0, [(20.0, "2026/10/25"), (150.0, "16:02:11"), (270.0, "借"), _right(440, "2041.44"),
                      _right(580, "199694.94"), (640.0, "网上支付")])]
    return rows(page(lines, source=PageSource.OCR))


@pytest.mark.parametrize(("first_time", "second_time"), [("11:20:05", "141019"), ("112005", "14.10:19"),
                                                         ("11.20:05", "14:10.19")])
def test_a_time_read_without_its_colons_stays_beside_the_date(first_time: str, second_time: str) -> None:
    got = [(r["date"], r["amount"], r["balance"]) for r in _statement(first_time, second_time, "402.09")]
    assert got == [(date(2026, 10, 21), Decimal("535.20"), Decimal("202306.09")),
                   (date(2026, 10, 23), Decimal("-167.62"), Decimal("202138.47")),
                   (date(2026, 10, 23), Decimal("-402.09"), Decimal("201736.38")),
                   (date(2026, 10, 25), Decimal("-2041.44"), Decimal("199694.94"))]


def test_six_digits_under_the_amount_heading_are_still_an_amount() -> None:
    """A whole-yuan amount of six digits that could be a time (141019) is one where it stands under 交易金额."""
    got = _statement("11:20:05", "14:10:19", "141019")
    assert got[2]["amount"] in (Decimal("141019"), Decimal("-141019"))


def test_a_misread_channel_heading_keeps_its_column_beside_serial_numbers_reaching_under_it() -> None:
    """交易渠道 read 交易摄道 heads the channels (代收代付, 网上银行) printed from a little left of it; the serial
    numbers of the column after it, right-aligned under a heading read as nothing (日本号 for 流水号), reach far
    under its span. The channels are a column of their own, not the end of the counterparty's name."""
    header = [(0.0, "序号"), (30.0, "交易日期"), (150.0, "摘要"), (260.0, "发生额"), (400.0, "余额"), (520.0, "对方名称"),
              (760.0, "交易摄道"), (940.0, "日本号")]
    entries = [("20250521", "缴费", "-274.53", "16,990.20", "杭州自来水集团有限责任公司", "代收代付"),
               ("20250524", "消费", "-415.84", "16,574.36", "拉扎斯网络科技（上海）有限公司", "POS"),
               ("20250524", "服务费", "+4,406.97", "20,981.33", "杭州新元环保科技有限公司", "网上银行"),
               ("20250601", "货款", "-7,820.29", "13,161.04", "杭州华创汽车服务股份有限公司", "柜面"),
               ("20250602", "转账", "-1,121.98", "12,039.06", "吴婷", "电子渠道")]
    lines = [(0.0, header)] + [
        (40.0 * (i + 1), [(0.0, str(i + 1)), (30.0, day), (150.0, what), _right(360, amount), _right(500, balance), (520.0, name),
                          (730.0, channel), _right(990, f"0968{i}8271")])
        for i, (day, what, amount, balance, name, channel) in enumerate(entries)]
    scan = page(lines, source=PageSource.OCR)
    header_found = find_header(scan)
    assert header_found is not None and "channel" in [c.name for c in header_found[1]]
    assert [r["counterparty"] for r in rows(scan)] == [e[4] for e in entries]
