"""Scanned ledger rows the page's read returned in part: a date cell the detector missed, read again from its crop
under the date column; a balance read fused with the masked account number printed after it."""

from __future__ import annotations

from decimal import Decimal

from docproc.core.models import BBox, Page, PageSource, Word
from docproc.extractors._table import rows_of
from docproc.extractors._table_words import split_merged
from docproc.extractors.bank_statement import transaction
from tests.test_extractors import table_page

HEADER = ["序号", "交易日期", "交易时间", "摘要", "交易金额", "账户余额", "对方户名"]
COLUMNS = [20, 70, 170, 260, 360, 470, 580]
ROWS = [["1", "20260301", "09:10:11", "消费", "-100.00", "9,900.00", "某超市"],
        ["2", "20260303", "10:10:11", "转账存入", "+500.00", "10,400.00", "张三"],
        ["3", "", "11:10:11", "消费", "-200.00", "10,200.00", "某超市"],  # the date the read did not return
        ["4", "20260309", "12:10:11", "消费", "-50.00", "10,150.00", "某超市"],
        ["5", "20260311", "13:10:11", "取现", "-1,000.00", "9,150.00", ""]]


def _scan() -> Page:
    p = table_page([["中国邮政储蓄银行", "活期储蓄明细查询"], ["户名:", "张静"]], [HEADER, *ROWS], COLUMNS)
    return p.model_copy(update={"source": PageSource.OCR})


def _days(rows: list) -> list[str]:
    return [str(t["date"]) for r in rows if (t := transaction(r)) is not None]


def test_a_row_whose_date_the_read_lost_gets_it_from_its_cell_read_again() -> None:
    asked: list[BBox] = []

    def read_cell(page: Page, box: BBox) -> tuple[str, float]:
        asked.append(box)
        return "/20260306-", 0.9  # the crop's padding catches a rule or two

    rows = rows_of([_scan()], [read_cell])
    assert _days(rows) == ["2026-03-01", "2026-03-03", "2026-03-06", "2026-03-09", "2026-03-11"]
    assert len(asked) == 1 and 70 <= asked[0].x0 < asked[0].x1 <= 70 + 9 * 8 + 1  # under the date column
    assert _days(rows_of([_scan()])) == ["2026-03-01", "2026-03-03", "2026-03-09", "2026-03-11"]  # nothing to read with


def test_a_read_that_is_no_date_between_its_neighbours_adds_no_row() -> None:
    for read in ("20260312", "2026031", "ATM"):
        assert len(rows_of([_scan()], [lambda page, box, read=read: (read, 0.9)])) == 4


def test_a_balance_read_fused_with_a_masked_account_number_is_cut_after_its_decimals() -> None:
    word = Word(text="50,364.78100930****3563", bbox=BBox(x0=0, y0=0, x1=230, y1=20), confidence=0.9)
    assert [w.text for w in split_merged(word)] == ["50,364.78", "100930****3563"]
    assert Decimal("50364.78") == Decimal(split_merged(word)[0].text.replace(",", ""))
    points = Word(text="35.313.79744314******6534", bbox=BBox(x0=0, y0=0, x1=250, y1=20), confidence=0.9)
    assert [w.text for w in split_merged(points)] == ["35.313.79", "744314******6534"]  # groups parted by points
    lost = Word(text="62,50417100930****3563", bbox=BBox(x0=0, y0=0, x1=250, y1=20), confidence=0.9)
    assert [w.text for w in split_merged(lost)] == ["62,504.17", "100930****3563"]  # its point lost too: put back


def test_a_balance_with_a_digit_of_the_next_cell_run_into_it_is_mended_where_the_chain_confirms() -> None:
    """48,103.982: the first digit of the account number printed close after the balance, read as its third
    decimal; the balance the chain implies has the same digits but that one, and the next row follows from it."""
    from tests.test_extractors import _statement

    rows = [["1", "20260301", "09:10:11", "消费", "-100.00", "9,900.00", "某超市"],
            ["2", "20260303", "10:10:11", "货款", "-200.00", "9,700.002", "成都新元软件有限公司"],
            ["3", "20260309", "12:10:11", "消费", "-50.00", "9,650.00", "某超市"]]
    p = table_page([["中国邮政储蓄银行", "活期储蓄明细查询"], ["户名:", "张静"]], [HEADER, *rows], COLUMNS)
    got = _statement(p.model_copy(update={"source": PageSource.OCR}))
    assert [r["balance"] for r in got] == [Decimal("9900.00"), Decimal("9700.00"), Decimal("9650.00")]
