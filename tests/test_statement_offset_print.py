"""A ledger printed off its pre-printed headings (a passbook's rows set a little left of 摘要, 对方户名): each
text column still goes to its own heading, by order and nearness, and a row number misread as letters once
(EZ for 23) makes no column of its own."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from docproc.core.models import Page, PageSource
from tests.statement_pages import page, rows

Cells = list[tuple[float, str]]
_HEADER: Cells = [(20, "行"), (80, "日期"), (240, "摘要"), (400, "支取"), (520, "存入"), (640, "结余"),
                  (760, "对方户名"), (1000, "网点"), (1100, "柜员")]
_SHIFT = 50  # the printer sets every row this far left of the headings


def _right(edge: float, text: str) -> tuple[float, str]:
    return edge - 10 * len(text) - _SHIFT, text


def _passbook(misread: tuple[int, ...], note: bool = False) -> tuple[Page, list[tuple[object, ...]]]:
    lines: list[tuple[float, Cells]] = [(0.0, _HEADER)]
    balance, want = Decimal("50000.00"), []
    for i in range(14):
        amount = Decimal(1000 + 37 * i) if i % 3 == 0 else -Decimal(200 + 11 * i)
        balance += amount
        day = date(2026, 3, 1 + i)
        serial = "EZ" if i in misread else f"{i + 1:02d}"
        text, party = ("劳务费", "南宁正泰科技有限公司") if amount > 0 else ("消费", "银联商务股份有限公司")
        cells: Cells = [(20 - _SHIFT + 30, serial), (80 - _SHIFT, day.strftime("%Y%m%d")), (240 - _SHIFT, text),
                        _right(520 if amount > 0 else 420, f"{abs(amount):.2f}"), _right(690, f"{balance:.2f}"),
                        (760 - _SHIFT + 10, party), (1000 - _SHIFT, "0395"), (1100 - _SHIFT, "13781")]
        lines.append((40.0 + 40 * i, cells))
        want.append((day, text, amount, balance, party))
    if note:  # the branch's note under the table, dates in its prose
        lines += [(620.0, [(20, "以上为王某某（账号6222000011112222333）"), (420, "2026.03.01"), (530, "至"),
                           (560, "2026.03.14"), (680, "存折交易明细复印件，经核对与原件一致。")]),
                  (660.0, [(20, "核对机构：某某银行股份有限公司某某支行"), (500, "核对日期："), (600, "2026年3月16日")])]
    return page(lines), want


def _got(p: Page) -> list[tuple[object, ...]]:
    return [(r["date"], r["description"], r["amount"], r["balance"], r["counterparty"]) for r in rows(p)]


def test_rows_printed_off_their_headings_keep_description_and_counterparty_apart() -> None:
    p, want = _passbook(misread=())
    assert _got(p) == want


def test_row_numbers_misread_alike_on_several_rows_make_no_text_column() -> None:
    p, want = _passbook(misread=(5, 9))
    assert _got(p) == want


def test_a_row_number_misread_as_letters_once_is_no_text_column() -> None:
    p, want = _passbook(misread=(5,))
    assert _got(p) == want


def test_a_note_under_the_table_that_names_dates_is_no_row_to_learn_the_columns_from() -> None:
    p, want = _passbook(misread=(), note=True)
    assert _got(p) == want


def test_a_balance_read_with_a_comma_for_its_point_and_run_into_the_name_after_it() -> None:
    # one OCR box over two cells (71697，23拉扎斯…): the balance keeps its fen, the name its own cell
    header: Cells = [(20, "日期"), (180, "摘要"), (400, "支取"), (520, "存入"), (640, "结余"), (760, "对方户名")]
    cells = [[(20, "20260325"), (180, "消费"), (350, "2290.34"), (590, "73815.03"), (710, "北京三快科技有限公司")],
             [(20, "20260326"), (180, "网上支付"), (350, "2117.80"), (590, "71697，23拉扎斯网络科技（上海）有限公司")],
             [(20, "20260326"), (180, "转账存入"), (470, "3000.00"), (590, "74697.23"), (710, "李芳")]]
    p = page([(0.0, header), *((40.0 + 40 * i, c) for i, c in enumerate(cells))], source=PageSource.OCR)
    assert [(r["balance"], r["counterparty"]) for r in rows(p)] == [
        (Decimal("73815.03"), "北京三快科技有限公司"), (Decimal("71697.23"), "拉扎斯网络科技(上海)有限公司"),
        (Decimal("74697.23"), "李芳")]


def test_a_date_one_misread_digit_made_impossible_is_the_day_between_its_neighbours() -> None:
    header: Cells = [(20, "日期"), (180, "摘要"), (400, "支取"), (520, "存入"), (640, "结余")]
    cells = [[(20, "20260222"), (180, "转账"), (350, "2229.63"), (590, "45539.38")],
             [(20, "20269223"), (180, "转账存入"), (470, "2331.00"), (590, "47870.38")],  # 0 read as 9
             [(20, "20260224"), (180, "消费"), (350, "659.08"), (590, "47211.30")]]
    p = page([(0.0, header), *((40.0 + 40 * i, c) for i, c in enumerate(cells))], source=PageSource.OCR)
    assert [(r["date"], r["balance"]) for r in rows(p)] == [
        (date(2026, 2, 22), Decimal("45539.38")), (date(2026, 2, 23), Decimal("47870.38")),
        (date(2026, 2, 24), Decimal("47211.30"))]


def test_a_spreadsheet_print_read_by_ocr_its_serials_run_into_dates_and_its_figures_short() -> None:
    # Excel's General format drops trailing zeros (500, 74895.6); OCR reads the serial into the date's box
    # (12025/12/21) and the balance into the description's (73904转账存入)
    header: Cells = [(20, "序号"), (80, "交易日期"), (260, "借贷"), (330, "交易金额"), (470, "余额"), (600, "摘要")]
    cells = [[(20, "12025/12/20"), (260, "借"), (330, "1451.7"), (470, "74871.12"), (600, "还款")],
             [(20, "22025/12/21"), (260, "贷"), (360, "24.48"), (470, "74895.6批量结息")],
             [(20, "32026/1/1"), (260, "借"), (370, "500"), (470, "74395.6"), (600, "ATM取款")],
             [(20, "42026/1/2"), (260, "贷"), (340, "205.45"), (470, "74601.05转账存入")]]
    lines = [(0.0, header), *((40.0 + 40 * i, [(x + (110 - 10 * len(t) if x in (330, 340, 360, 370) else 0), t)
                                              for x, t in c]) for i, c in enumerate(cells))]
    got = [(r["date"], r["amount"], r["balance"]) for r in rows(page(lines, source=PageSource.OCR))]
    assert got == [(date(2025, 12, 20), Decimal("-1451.7"), Decimal("74871.12")),
                   (date(2025, 12, 21), Decimal("24.48"), Decimal("74895.6")),
                   (date(2026, 1, 1), Decimal("-500"), Decimal("74395.6")),
                   (date(2026, 1, 2), Decimal("205.45"), Decimal("74601.05"))]
