"""Scanned spreadsheet prints of a statement: figures printed as a sheet's general format prints them (300 for
300.00, 88234.6 for 88234.60), a figure under a seal that only the detector's own box reads, an amount read as 0,
and dates whose separators the scan lost (2026/27 for 2026/2/7)."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from types import SimpleNamespace

from docproc.core.models import BBox, DocType, Page, PageSource, RawDocument, Word
from docproc.core.settings import Settings
from docproc.extractors._lost_cells import mend_lost_cells
from docproc.extractors._table import Row, rows_of
from docproc.extractors.bank_statement import transaction
from docproc.extractors.registry import EXTRACTORS
from tests.fakes import LineOcr, WhiteRender
from tests.test_extractors import table_page

HEADER = ["序号", "交易日期", "交易时间", "摘要", "交易金额", "账户余额", "对方户名"]
COLUMNS = [20, 70, 170, 260, 360, 470, 580]


def _page(third: list[str], *, days: tuple[str, ...] = ("20260301", "20260303", "20260309", "20260311")) -> Page:
    rows = [["1", days[0], "09:10:11", "消费", "-100.00", "9,900.00", "某超市"],
            ["2", days[1], "10:10:11", "转账存入", "+500.00", "10,400.00", "张三"],
            third,
            ["4", days[2], "12:10:11", "消费", "-50.00", "10,150.00", "某超市"],
            ["5", days[3], "13:10:11", "取现", "-1,000.00", "9,150.00", "某超市"]]
    p = table_page([["中国邮政储蓄银行", "活期储蓄明细查询"], ["户名:", "张静"]], [HEADER, *rows], COLUMNS)
    return p.model_copy(update={"source": PageSource.OCR})


def _mend(p: Page, read: object = None, third: object = None) -> list[dict]:
    table = rows_of([p])
    if third is not None:
        table[2] = third(table[2])  # type: ignore[operator]
    readers = [read] if read is not None else []
    mended, _ = mend_lost_cells(table, transaction, {p.number: p}, readers)  # type: ignore[arg-type]
    return [t for r in mended if (t := transaction(r)) is not None]


def _answer(text: str) -> object:
    return lambda page, box: (text, 0.9)


def test_a_lost_cell_read_as_a_sheet_prints_it_confirms_the_chains_figure() -> None:
    lost_balance = _page(["3", "20260305", "11:10:11", "消费", "-200.00", "", "某超市"])
    assert _mend(lost_balance, _answer("10200"))[2]["balance"] == Decimal("10200.00")  # 10200 is 10,200.00
    assert len(_mend(lost_balance, _answer("10200.1"))) == 4  # another figure: the row stays out
    assert _mend(lost_balance, _answer("10.200.00569"))[2]["balance"] == Decimal("10200.00")  # an account's digits after it
    assert len(_mend(lost_balance, _answer("10.200.05"))) == 4 and len(_mend(lost_balance, _answer("1020000569"))) == 4
    lost_amount = _page(["3", "20260305", "11:10:11", "消费", "", "10,200.00", "某超市"])
    assert _mend(lost_amount, _answer("200"))[2]["amount"] == Decimal("-200.00")


def test_a_lost_balance_read_again_may_confirm_the_amount_with_the_minus_the_read_lost() -> None:
    """200.00 read for -200.00 and the balance lost: the balance read again is the one the turned amount gives."""
    p = _page(["3", "20260305", "11:10:11", "消费", "200.00", "", "某超市"])
    got = _mend(p, _answer("10.200.00"))
    assert (got[2]["amount"], got[2]["balance"]) == (Decimal("-200.00"), Decimal("10200.00"))
    assert len(_mend(p, _answer("10.600.00"))) == 5 and _mend(p, _answer("10.600.00"))[2]["amount"] == Decimal("200.00")
    assert len(_mend(p, _answer("10.400.00"))) == 4  # neither the amount as read nor turned gives it
    signed = _page(["3", "20260305", "11:10:11", "消费", "+200.00", "", "某超市"])
    assert len(_mend(signed, _answer("10.200.00"))) == 4  # a sign printed is no sign lost


def _into(cell: str, text: str) -> object:
    """The row with ``cell`` read as ``text`` (a figure run into it)."""
    return lambda row: replace(row, cells={**row.cells, cell: text})


def test_a_figure_run_into_the_next_cell_as_a_sheet_prints_it_is_read_from_its_front() -> None:
    p = _page(["3", "20260305", "11:10:11", "ATM取款", "-200.00", "", "某超市"])
    for run in ("10200某超市", "10200.00某超市"):  # not 10200.0, leaving 0某超市
        table = rows_of([p])
        table[2] = _into("counterparty", run)(table[2])  # type: ignore[operator]
        mended, _ = mend_lost_cells(table, transaction, {p.number: p}, [])
        assert mended[2].cells["counterparty"] == "某超市" and transaction(mended[2])["balance"] == Decimal("10200.00"), run
    # the description, left of the lost balance's column, is no cell it ran into
    assert len(_mend(p, None, _into("description", "10200ATM取款"))) == 4


def test_a_serial_left_of_the_date_is_no_figure_run_into_it() -> None:
    """Row 200 whose amount of 200.00 was lost: its serial is not that amount."""
    assert len(_mend(_page(["200", "20260305", "11:10:11", "消费", "", "10,200.00", "某超市"]))) == 4


def _misread_in_the_description(row: Row) -> Row:
    """The amount read as letters (OOE for 200) and set at the front of the description's cell."""
    word = Word(text="OOE", bbox=BBox(x0=362, y0=150, x1=389, y1=170), confidence=0.5, line=5)
    return replace(row, cells={**row.cells, "description": "OOE 消费"}, words=(*row.words, word))


def test_a_figure_misread_as_letters_leaves_the_cell_it_was_set_in_once_its_column_is_read_again() -> None:
    p = _page(["3", "20260305", "11:10:11", "消费", "", "10,200.00", "某超市"])
    got = _mend(p, _answer("200"), _misread_in_the_description)
    assert got[2]["amount"] == Decimal("-200.00") and got[2]["description"] == "消费"


def test_a_figure_under_a_seal_is_read_from_the_detectors_own_box_when_the_columns_cut_misreads_it() -> None:
    """The column's cut takes more of the seal's ink and reads 35; the box the page's read found reads 200.00."""
    p = _page(["3", "20260305", "11:10:11", "消费", "", "10,200.00", "某超市"])
    asked: list[BBox] = []

    def read(page: Page, box: BBox) -> tuple[str, float]:
        asked.append(box)
        return ("200.00", 0.8) if box.x1 - box.x0 < 40 else ("35", 0.6)

    got = _mend(p, read, _misread_in_the_description)
    assert got[2]["amount"] == Decimal("-200.00") and len(asked) == 2 and asked[1].x0 == 362


def test_an_amount_read_as_zero_takes_the_sign_the_chain_gives_its_second_read() -> None:
    """200.00 out read as 0.00 on a debit row: 0 has no sign to keep, so the digits read again (200) are money out
    when that closes the chain."""
    p = _page(["3", "20260305", "11:10:11", "消费", "0.00", "10,200.00", "某超市"]).model_copy(
        update={"render_sha256": "render"})
    ctx = SimpleNamespace(settings=Settings(), blobs=WhiteRender(), ocr=LineOcr("200"), digits_ocr=LineOcr("200"))
    raw = RawDocument(file_id="f", doc_type=DocType.BANK_STATEMENT, pages=(p,))
    rows = EXTRACTORS.get("bank_statement")(raw, ctx).fields["transactions"].value  # type: ignore[arg-type]
    assert [r["amount"] for r in rows][:3] == [Decimal("-100.00"), Decimal("500.00"), Decimal("-200")]


SLASHED = ("2026/3/1", "2026/3/3", "2026/3/9", "2026/3/11")


def test_a_date_whose_separators_the_scan_lost_is_the_one_date_its_digits_make_between_its_rows() -> None:
    for read in ("2026/35", "32026/35", "2026//35", "202635"):  # 2026/3/5; the serial's 3 run into it
        p = _page(["3", read, "11:10:11", "消费", "-200.00", "10,200.00", "某超市"], days=SLASHED)
        rows = rows_of([p], [_answer("ATM")])  # type: ignore[list-item]  # the cell read again gives no date
        assert [str(t["date"]) for r in rows if (t := transaction(r))][2] == "2026-03-05", read


def test_a_date_misread_past_its_digits_is_read_again_and_its_digits_split_the_same_way() -> None:
    p = _page(["3", "E/9202", "11:10:11", "消费", "-200.00", "10,200.00", "某超市"], days=SLASHED)
    assert len([r for r in rows_of([p]) if transaction(r)]) == 4
    rows = rows_of([p], [_answer("5202635")])  # type: ignore[list-item]
    assert [str(t["date"]) for r in rows if (t := transaction(r))][2] == "2026-03-05"


def test_digits_that_split_into_two_dates_between_the_rows_give_none() -> None:
    """2026111 between 2026/1/1 and 2026/11/30: 1/11 and 11/1 both lie there."""
    days = ("2026/1/1", "2026/1/1", "2026/11/30", "2026/11/30")
    p = _page(["3", "2026111", "11:10:11", "消费", "-200.00", "10,200.00", "某超市"], days=days)
    assert len([r for r in rows_of([p], [_answer("ATM")]) if transaction(r)]) == 4  # type: ignore[list-item]
    p = _page(["3", "2026/91", "11:10:11", "消费", "-200.00", "10,200.00", "某超市"], days=SLASHED)
    assert len([r for r in rows_of([p], [_answer("ATM")]) if transaction(r)]) == 4  # type: ignore[list-item]
    # 9/1 is outside the rows around it
    # the table above sets the date column over the time cells' start, so the split itself is asked directly
    from datetime import date

    from docproc.extractors._row_date_reread import _date_of_digits

    assert _date_of_digits("2026111", date(2026, 1, 1), date(2026, 11, 30)) is None
    assert _date_of_digits("2026111", date(2026, 1, 1), date(2026, 6, 30)) == date(2026, 1, 11)  # only 1/11 lies there


def test_a_row_the_reader_numbered_as_two_lines_is_one_when_they_stand_level() -> None:
    """7 | 借 | 50873.01 numbered one line and 2026-05-02 | 2206.34 another, on the same level; the serial's loose
    box reaches 10 px into the date's. Two lines half a line apart stay two."""
    from docproc.extractors._text import visual_lines

    def word(text: str, x0: float, y0: float, x1: float, y1: float, line: int) -> Word:
        return Word(text=text, bbox=BBox(x0=x0, y0=y0, x1=x1, y1=y1), confidence=0.9, line=line)

    level = [word("7", 158, 534, 186, 555, 14), word("借", 387, 530, 414, 557, 14), word("50873.01", 876, 530, 961, 557, 14),
             word("2026-05-02", 176, 532, 282, 556, 15), word("2206.34", 652, 532, 724, 556, 15)]
    p = Page(file_id="f", number=1, width=2339, height=1655, unit="px", source=PageSource.OCR, words=tuple(level))
    assert [[w.text for w in line] for line in visual_lines(p)] == [["7", "2026-05-02", "借", "2206.34", "50873.01"]]
    apart = [*level[:3], *(w.model_copy(update={"bbox": w.bbox.model_copy(update={"y0": w.bbox.y0 + 11, "y1": w.bbox.y1 + 11})})
                           for w in level[3:])]
    assert len(visual_lines(p.model_copy(update={"words": tuple(apart)}))) == 2


class _WideOcr:
    """A page engine that reads a right-aligned figure whole only from a cut wider than the detector's box."""

    name = "wide"

    def __init__(self, narrow: str, wide: str) -> None:
        self.narrow, self.wide = narrow, wide

    def read_line(self, image: object, **_: object) -> tuple[str, float]:
        return (self.wide if image.shape[1] > 75 else self.narrow), 0.9  # type: ignore[attr-defined]


def _chain(wide: str) -> list[Decimal]:
    rows = [["1", "20260301", "09:10:11", "消费", "-100.00", "9,900.00", "某超市"],
            ["2", "20260303", "10:10:11", "转账存入", "+500.00", "10,400.00", "张三"],
            ["3", "20260305", "11:10:11", "消费", "-228.52", "8,171.48", "某超市"],  # 2,228.52: its first 2 cut off
            ["4", "20260309", "12:10:11", "消费", "-50.00", "8,121.48", "某超市"],
            ["5", "20260311", "13:10:11", "取现", "-1,000.00", "7,121.48", "某超市"]]
    p = table_page([["中国邮政储蓄银行", "活期储蓄明细查询"], ["户名:", "张静"]], [HEADER, *rows], COLUMNS)
    p = p.model_copy(update={"source": PageSource.OCR, "render_sha256": "render"})
    ctx = SimpleNamespace(settings=Settings(), blobs=WhiteRender(), ocr=_WideOcr("228.52", wide), digits_ocr=LineOcr(""))
    raw = RawDocument(file_id="f", doc_type=DocType.BANK_STATEMENT, pages=(p,))
    return [r["amount"] for r in EXTRACTORS.get("bank_statement")(raw, ctx).fields["transactions"].value]  # type: ignore[arg-type]


def test_a_figure_whose_first_digit_the_box_cut_off_is_read_across_its_column_where_the_chain_breaks() -> None:
    assert _chain("2228.52")[2] == Decimal("-2228.52")
    assert _chain("222852")[2] == Decimal("-2228.52")  # read without its point: the digits are the chain's
    assert _chain("3228.52")[2] == Decimal("-228.52")  # another figure: the row is left as read


def test_a_serial_read_into_one_box_with_a_date_printed_without_separators_is_set_apart() -> None:
    """14920260923: row 149 of 2026-09-23; a run of digits that is no serial and calendar day stays one word."""
    from docproc.extractors._ocr_cells import serial_apart

    def apart(text: str) -> list[str]:
        return [w.text for w in serial_apart(Word(text=text, bbox=BBox(x0=0, y0=0, x1=110, y1=20), confidence=0.9),
                                             first=True)]

    assert apart("14920260923") == ["149", "20260923"] and apart("120251211") == ["1", "20251211"]
    for whole in ("096894995", "3328054520172730902", "20260923", "12026139", "1920261301"):
        assert apart(whole) == [whole]
    alone = Word(text="13820251211", bbox=BBox(x0=0, y0=0, x1=110, y1=20), confidence=0.9)  # a mobile number
    assert [w.text for w in serial_apart(alone)] == ["13820251211"]  # only a line's first word may be a serial
    p = _page(["3", "20260305", "11:10:11", "消费", "-200.00", "10,200.00", "某超市"])
    fused = tuple(w.model_copy(update={"text": "320260305", "bbox": w.bbox.model_copy(update={"x0": 20})})
                  if w.text == "20260305" else w for w in p.words if w.text != "3")
    rows = rows_of([p.model_copy(update={"words": fused})])
    assert [str(t["date"]) for r in rows if (t := transaction(r))][2] == "2026-03-05"
