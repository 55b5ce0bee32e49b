"""Statement cells that hold more than one thing: the other side's name and account under one heading."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from docproc.core.models import BBox, DocType, Page, PageSource, RawDocument, Unit, Word
from docproc.extractors import EXTRACTORS
from docproc.extractors._table_header import header_name

LINE = 20.0


def _page(lines: list[tuple[float, list[tuple[float, str]]]]) -> Page:
    words = [Word(text=text, bbox=BBox(x0=x, y0=top, x1=x + 10 * len(text), y1=top + LINE), confidence=0.95, line=i)
             for i, (top, cells) in enumerate(lines) for x, text in cells]
    return Page(file_id="f", number=1, width=1400, height=1600, unit=Unit.PX, source=PageSource.TEXT_LAYER,
                words=tuple(words))


def _rows(p: Page) -> list[dict[str, object]]:
    raw = RawDocument(file_id="f", doc_type=DocType.BANK_STATEMENT, pages=(p,))
    fields = EXTRACTORS.get("bank_statement")(raw, None).fields  # type: ignore[arg-type]
    return fields["transactions"].value if "transactions" in fields else []  # type: ignore[return-value]


def test_a_heading_naming_the_account_and_the_name_heads_the_counterparty() -> None:
    assert header_name("对方账号与户名") == "counterparty"
    assert header_name("对方账户/名称") == "counterparty"
    assert header_name("对方卡号及姓名") == "counterparty"
    assert header_name("对方账号") == "counter_account"  # the account alone stays the account


def test_a_cell_with_the_name_and_the_account_gives_the_name() -> None:
    x = [20, 130, 230, 330, 430, 560, 980]
    heading = ["交易日期", "时间", "收入", "支出", "余额", "对方账号与户名", "摘要"]
    p = _page([
        (0, list(zip(x, heading, strict=True))),
        (32, [(20, "20260304"), (130, "14:21:25"), (330, "174.34"), (430, "59,400.63"),
              (560, "中国石化销售股份有限公司"), (980, "POS"), (1020, "消费")]),
        (64, [(20, "20260306"), (130, "09:59:56"), (230, "11,186.50"), (430, "70,587.13"),
              (560, "成都安信生物技术股份有限公司"), (850, "2387594316946850"), (980, "技术服务费")]),
        (96, [(20, "20260325"), (130, "13:40:44"), (330, "980.47"), (430, "69,606.66"),
              (560, "吴佳芳"), (630, "006620******8685"), (980, "手机银行转账")]),
    ])
    rows = _rows(p)
    assert [(r["date"], r["amount"], r["balance"], r["counterparty"]) for r in rows] == [
        (date(2026, 3, 4), Decimal("-174.34"), Decimal("59400.63"), "中国石化销售股份有限公司"),
        (date(2026, 3, 6), Decimal("11186.50"), Decimal("70587.13"), "成都安信生物技术股份有限公司"),
        (date(2026, 3, 25), Decimal("-980.47"), Decimal("69606.66"), "吴佳芳")]


def test_a_scanned_amount_whose_point_was_read_as_a_comma_keeps_its_row() -> None:
    x = [20, 200, 300, 420, 560, 680, 800, 920]
    heading = ["日期", "凭证种类", "凭证号", "摘要", "转入金额", "转出金额", "结余", "对方信息"]
    p = _page([
        (0, list(zip(x, heading, strict=True))),
        (32, [(20, "2025年11月1日"), (200, "现金"), (300, "0340517"), (420, "加油"), (680, "682.71"),
              (800, "29,100.80"), (920, "中国石化销售股份有限公司")]),
        (64, [(20, "2025年11月2日"), (200, "现金"), (300, "0348436"), (420, "缴费"), (680, "97,48"),
              (800, "29,003.32"), (920, "青岛燃气集团有限责任公司")]),
        (96, [(20, "2025年11月3日"), (200, "转账"), (300, "0356355"), (420, "工资"), (560, "1,234.56"),
              (800, "30,237.88"), (920, "青岛某某有限公司")]),
    ]).model_copy(update={"source": PageSource.OCR})
    rows = _rows(p)
    assert [(r["date"], r["amount"], r["balance"]) for r in rows] == [
        (date(2025, 11, 1), Decimal("-682.71"), Decimal("29100.80")),
        (date(2025, 11, 2), Decimal("-97.48"), Decimal("29003.32")),
        (date(2025, 11, 3), Decimal("1234.56"), Decimal("30237.88"))]


def test_a_misread_heading_one_letter_from_two_columns_names_neither() -> None:
    # 收人 is one letter from 收入 (money in) and from 收支 (the direction): the page before tells
    from docproc.extractors._table_header import _misread_header_name

    assert _misread_header_name("收人", taken={"date", "debit", "balance"}) is None
    assert _misread_header_name("收人", taken={"date", "debit", "balance", "direction"}) == "credit"
    x = [20, 200, 330, 460, 600, 760, 1100]
    def page(number: int, heading: list[str], rows: list[list[tuple[float, str]]]) -> Page:
        p = _page([(0, list(zip(x, heading, strict=True))), *[(32.0 * (i + 1), r) for i, r in enumerate(rows)]])
        return p.model_copy(update={"source": PageSource.OCR, "number": number})
    first = page(1, ["交易日期", "时间", "收入", "支出金额", "余额", "对方账号与户名", "摘要"], [
        [(20, "20251215"), (200, "10:00:00"), (460, "100.00"), (600, "46,000.00"), (760, "国家电网有限公司"),
         (1100, "电费")]])
    second = page(2, ["交易日期", "时间", "收人", "支出金额", "余额", "对方账号与户名", "摘要"], [
        [(20, "20251217"), (200, "08:58:56"), (330, "10,624.23"), (600, "56,624.23"), (760, "南宁云帆电子股份有限公司"),
         (1100, "服务费")],
        [(20, "20251219"), (200, "12:46:02"), (460, "610.60"), (600, "56,013.63"), (760, "上海寻梦信息技术有限公司"),
         (1100, "快捷支付")]])
    raw = RawDocument(file_id="f", doc_type=DocType.BANK_STATEMENT, pages=(first, second))
    rows = EXTRACTORS.get("bank_statement")(raw, None).fields["transactions"].value  # type: ignore[arg-type]
    assert [(r["amount"], r["counterparty"], r["description"]) for r in rows] == [  # type: ignore[index]
        (Decimal("-100.00"), "国家电网有限公司", "电费"), (Decimal("10624.23"), "南宁云帆电子股份有限公司", "服务费"),
        (Decimal("-610.60"), "上海寻梦信息技术有限公司", "快捷支付")]


def test_a_scanned_description_whose_box_begins_over_the_end_of_a_long_name_is_the_description() -> None:
    x = [20, 200, 330, 460, 600, 760, 1100]
    heading = ["交易日期", "时间", "收入", "支出", "余额", "对方账号与户名", "摘要"]
    p = _page([
        (0, list(zip(x, heading, strict=True))),
        (32, [(20, "20251011"), (200, "08:05:12"), (460, "2,211.77"), (600, "48,598.45"), (760, "银联商务股份有限公司"),
              (1100, "POS消费")]),
        # the name and its account run up to the next column; the box of 转账存入 begins a little over them
        (64, [(20, "20251011"), (200, "10:58:33"), (330, "5,424.17"), (600, "54,022.62"),
              (790, "南宁博远生物技术股份有限公司875584******9772"), (1088, "转账存入")]),
        (96, [(20, "20251012"), (200, "11:05:46"), (460, "6,518.24"), (600, "47,504.38"), (760, "南宁博远生物技术股份有限公司"),
              (1102, "进货款")]),
    ]).model_copy(update={"source": PageSource.OCR})
    rows = _rows(p)
    assert [(r["counterparty"], r["description"]) for r in rows] == [
        ("银联商务股份有限公司", "POS消费"), ("南宁博远生物技术股份有限公司", "转账存入"), ("南宁博远生物技术股份有限公司", "进货款")]
