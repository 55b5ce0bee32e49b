"""Scanned statements whose column headings OCR lost: the columns come from the rows' shape (the balance
chains, dates begin the rows, the description starts each row after its date), and a whole-yuan balance
the rows refine."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from docproc.core.models import DocType, Page, PageSource, RawDocument
from docproc.extractors import EXTRACTORS
from tests.statement_pages import page, rows

Cells = list[tuple[float, str]]


def _right(edge: float, text: str) -> tuple[float, str]:
    """A figure right-aligned at ``edge`` (the page builder makes each character 10 units wide)."""
    return edge - 10 * len(text), text


# (date, description, debit, credit, balance): the balance chains through the amounts
_ENTRIES = [("2026-03-02", "网银转出", "2,815.34", "", "39,116.28"),
            ("2026-03-05", "代发工资", "", "15,800.00", "54,916.28"),
            ("2026-03-06", "POS消费", "1,949.27", "", "52,967.01"),
            ("2026-03-09", "缴费", "244.82", "", "52,722.19")]
_WANT = [(date(2026, 3, 2), "网银转出", Decimal("-2815.34"), Decimal("39116.28")),
         (date(2026, 3, 5), "代发工资", Decimal("15800.00"), Decimal("54916.28")),
         (date(2026, 3, 6), "POS消费", Decimal("-1949.27"), Decimal("52967.01")),
         (date(2026, 3, 9), "缴费", Decimal("-244.82"), Decimal("52722.19"))]


def _entry_lines(top: float, channel: bool = False) -> list[tuple[float, Cells]]:
    lines = []
    for i, (day, text, debit, credit, balance) in enumerate(_ENTRIES):
        cells: Cells = [(20, day), (180, text)]
        cells += [_right(560, debit)] if debit else []
        cells += [_right(720, credit)] if credit else []
        cells += [_right(900, balance)] + ([(960, "柜面")] if channel else [])
        lines.append((top + 40 * i, cells))
    return lines


def _got(p: Page) -> list[tuple[object, ...]]:
    return [(r["date"], r["description"], r["amount"], r["balance"]) for r in rows(p)]


def test_rows_of_a_scan_whose_heading_row_was_lost_entirely() -> None:
    p = page([(0.0, [(20.0, "户名"), (80.0, "陈怡月")]), *_entry_lines(40)], source=PageSource.OCR)
    assert _got(p) == _WANT


def test_the_balance_column_whose_heading_was_lost_is_the_one_whose_figures_chain() -> None:
    # 余额 misread past recognition; the figures under no heading are the balances, not more credits
    header: Cells = [(20, "交易日期"), (180, "摘要"), (480, "借方发生额"), (640, "贷方发生额"), (840, "荼颔")]
    p = page([(0.0, header), *_entry_lines(40)], source=PageSource.OCR)
    assert _got(p) == _WANT


def test_the_description_whose_heading_was_lost_is_the_text_column_after_the_date() -> None:
    # 摘要 dropped: the descriptions are not the cells of the 交易机构 column further right
    header: Cells = [(20, "交易日期"), (480, "借方发生额"), (640, "贷方发生额"), (860, "余额"), (960, "交易机构")]
    p = page([(0, header), *_entry_lines(40, channel=True)], source=PageSource.OCR)
    assert _got(p) == _WANT


def test_figures_that_chain_on_too_few_rows_make_no_rows_without_a_header() -> None:
    # one pair of rows in three chains (10.50 + 10.00 = 20.50): figures of some other list, not a statement
    figures = [("5.00", "10.50"), ("10.00", "20.50"), ("3.00", "7.50"), ("4.00", "100.25")]
    lines: list[tuple[float, Cells]] = [(40 * i, [(20, f"2026-03-0{i + 1}"), (180, "备注"), _right(560, a), _right(900, b)])
             for i, (a, b) in enumerate(figures)]
    assert rows(page(lines, source=PageSource.OCR)) == []


def test_a_whole_yuan_closing_balance_is_refined_by_the_rows() -> None:
    header: Cells = [(20, "交易日期"), (180, "摘要"), (480, "借方发生额"), (640, "贷方发生额"), (840, "余额")]
    p = page([(0.0, [(20.0, "期末余额:"), (120.0, "52722")]), (40.0, header), *_entry_lines(80)])
    raw = RawDocument(file_id="f", doc_type=DocType.BANK_STATEMENT, pages=(p,))
    fields = EXTRACTORS.get("bank_statement")(raw, None).fields  # type: ignore[arg-type]
    assert fields["closing_balance"].value == Decimal("52722.19")


def test_figure_columns_under_two_misread_side_headings_are_named_by_the_balance_they_move() -> None:
    # 借方 and 贷方 both misread: one plain 发生额 heading over the two columns; the first row is a debit
    header: Cells = [(20, "交易日期"), (180, "摘要"), (480, "假方发生额"), (640, "货方发生额"), (840, "余额")]
    p = page([(0.0, header), *_entry_lines(40)], source=PageSource.OCR)
    assert _got(p) == _WANT


def test_an_amount_whose_decimal_point_a_scan_lost_is_read_from_the_balance_chain() -> None:
    lines = _entry_lines(40)
    top, cells = lines[2]
    lines[2] = (top, [_right(560, "194927") if text == "1,949.27" else (x, text) for x, text in cells])
    header: Cells = [(20, "交易日期"), (180, "摘要"), (480, "借方发生额"), (640, "贷方发生额"), (840, "余额")]
    assert _got(page([(0.0, header), *lines], source=PageSource.OCR)) == _WANT


def _statement_fields(p: Page) -> dict[str, object]:
    raw = RawDocument(file_id="f", doc_type=DocType.BANK_STATEMENT, pages=(p,))
    return {k: v.value for k, v in EXTRACTORS.get("bank_statement")(raw, None).fields.items()}  # type: ignore[arg-type]


def _misread_block(number: str, holder: str) -> Page:
    # 账号 read as 服号, the holder's name cut to its surname; the table's 对方户名 read as 时方户名
    return page([(0, [(20, f"服号：{number}"), (400, f"户名：{holder}"), (600, "币种：人民币")]),
                 (40, [(20, "交易日期"), (200, "交易金额"), (340, "余额"), (460, "摘要"), (600, "时方户名"),
                       (800, "对方账号")]),
                 (80, [(20, "2026-01-08"), (200, "-1016.16"), (340, "37621.89"), (460, "自动还款"),
                       (600, "交通银行信用卡中心"), (800, "6222600810000000")]),
                 (120, [(20, "2026-01-09"), (200, "-331.18"), (340, "37290.71"), (460, "快捷支付"),
                        (600, "财付通支付科技有限公司")])], source=PageSource.OCR)


def test_a_card_number_whose_label_was_misread_is_the_account_and_a_heading_is_no_holder() -> None:
    fields = _statement_fields(_misread_block("6213350893721773916", "卢"))
    assert fields["account_number"] == "6213350893721773916"
    assert "account_holder" not in fields  # not 交通银行信用卡中心 under 时方户名, nor the heading beside it


def test_a_number_failing_its_check_digit_is_no_account() -> None:
    assert "account_number" not in _statement_fields(_misread_block("6213350893721773917", "卢晓冰"))
    assert _statement_fields(_misread_block("6213350893721773917", "卢晓冰"))["account_holder"] == "卢晓冰"


# a spreadsheet's print read from a scan: its 借/贷 and 摘要 headings lost; the flags stand in a column of
# their own before the unsigned amounts, the descriptions begin right after the balances
_FLAGGED = [("2026-03-02", "借", "2,815.34", "39,116.28", "网银转出", "陈怡月"),
            ("2026-03-05", "贷", "15,800.00", "54,916.28", "代发工资", "南宁锦程有限公司"),
            ("2026-03-06", "借", "1,949.27", "52,967.01", "POS消费", "银联商务有限公司"),
            ("2026-03-09", "借", "244.82", "52,722.19", "缴费", "国家电网有限公司")]
_FLAGGED_WANT = [(date(2026, 3, 2), "网银转出", Decimal("-2815.34"), Decimal("39116.28"), "陈怡月"),
                 (date(2026, 3, 5), "代发工资", Decimal("15800.00"), Decimal("54916.28"), "南宁锦程有限公司"),
                 (date(2026, 3, 6), "POS消费", Decimal("-1949.27"), Decimal("52967.01"), "银联商务有限公司"),
                 (date(2026, 3, 9), "缴费", Decimal("-244.82"), Decimal("52722.19"), "国家电网有限公司")]


def _flagged_page(party_x: float, header: Cells) -> Page:
    lines: list[tuple[float, Cells]] = [(0.0, header)]
    for i, (day, flag, amount, balance, text, party) in enumerate(_FLAGGED):
        lines.append((40.0 * (i + 1), [(20, str(i + 1)), (60, day), (200, flag), _right(460, amount),
                                       _right(700, balance), (720, text), (party_x, party), (1060, "南宁支行")]))
    return page(lines, source=PageSource.OCR)


def _with_party(p: Page) -> list[tuple[object, ...]]:
    return [(r["date"], r["description"], r["amount"], r["balance"], r["counterparty"]) for r in rows(p)]


def test_descriptions_after_the_balances_and_side_flags_keep_columns_their_headings_lost() -> None:
    header: Cells = [(20, "序号"), (60, "交易日期"), (380, "交易金额"), (560, "账户余额"), (820, "对方户名"),
                     (1060, "交易机构")]
    assert _with_party(_flagged_page(820, header)) == _FLAGGED_WANT


def test_names_begun_left_of_their_centred_heading_are_no_lost_description() -> None:
    # no description printed: the names start left of a 对方户名 centred over their wide column
    header: Cells = [(20, "序号"), (60, "交易日期"), (380, "交易金额"), (560, "账户余额"), (820, "对方户名"),
                     (1060, "交易机构")]
    lines: list[tuple[float, Cells]] = [(0.0, header)]
    for i, (day, flag, amount, balance, _text, party) in enumerate(_FLAGGED):
        lines.append((40.0 * (i + 1), [(20, str(i + 1)), (60, day), (200, flag), _right(460, amount),
                                       _right(700, balance), (740, party), (1060, "南宁支行")]))
    got = _with_party(page(lines, source=PageSource.OCR))
    assert [(d, a, b, c) for d, _, a, b, c in got] == [(d, a, b, c) for d, _, a, b, c in _FLAGGED_WANT]
