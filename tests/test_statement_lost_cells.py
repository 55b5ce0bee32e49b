"""Scanned ledger rows whose amount or balance the page's read lost: the cell read again from its crop, kept when
its digits are the figure the running balance implies; and a date the read returned in pieces, read again."""

from __future__ import annotations

from decimal import Decimal

from docproc.core.models import BBox, Page, PageSource
from docproc.extractors._lost_cells import mend_lost_cells
from docproc.extractors._table import rows_of
from docproc.extractors.bank_statement import transaction
from tests.test_extractors import table_page

HEADER = ["序号", "交易日期", "交易时间", "摘要", "交易金额", "账户余额", "对方户名"]
COLUMNS = [20, 70, 170, 260, 360, 470, 580]


def _rows(third: list[str]) -> list[list[str]]:
    return [["1", "20260301", "09:10:11", "消费", "-100.00", "9,900.00", "某超市"],
            ["2", "20260303", "10:10:11", "转账存入", "+500.00", "10,400.00", "张三"],
            third,
            ["4", "20260309", "12:10:11", "消费", "-50.00", "10,150.00", "某超市"],
            ["5", "20260311", "13:10:11", "取现", "-1,000.00", "9,150.00", "某超市"]]


def _page(third: list[str], source: PageSource = PageSource.OCR) -> Page:
    p = table_page([["中国邮政储蓄银行", "活期储蓄明细查询"], ["户名:", "张静"]], [HEADER, *_rows(third)], COLUMNS)
    return p.model_copy(update={"source": source})


def _mend(p: Page, *answers: str) -> tuple[list[dict], list[BBox]]:
    asked: list[BBox] = []

    def reader(answer: str):  # noqa: ANN202
        def read(page: Page, box: BBox) -> tuple[str, float]:
            asked.append(box)
            return answer, 0.9
        return read

    table, _ = mend_lost_cells(rows_of([p]), transaction, {p.number: p}, [reader(a) for a in answers])
    return [t for r in table if (t := transaction(r)) is not None], asked


def test_a_balance_the_read_lost_is_the_chains_when_its_cell_read_again_shows_those_digits() -> None:
    p = _page(["3", "20260305", "11:10:11", "消费", "-200.00", "", "某超市"])
    got, asked = _mend(p, "10.200.00")  # the separators misread: the digits are there
    assert [t["balance"] for t in got] == [Decimal(x) for x in ("9900.00", "10400.00", "10200.00", "10150.00", "9150.00")]
    assert len(asked) == 1 and asked[0].x0 >= 470 - 1 and asked[0].y0 == 30 * 5  # the balance column, the row's line
    assert len(_mend(p)[0]) == 4  # nothing to read with: the row stays out, as before


def test_an_amount_the_read_lost_is_the_chains_with_its_sign_when_its_cell_shows_the_digits() -> None:
    p = _page(["3", "20260305", "11:10:11", "消费", "", "10,200.00", "某超市"])
    got, _ = _mend(p, "ABC", "200.00")  # the first reader's text is no figure; the second's has no sign
    assert [t["amount"] for t in got][2] == Decimal("-200.00") and len(got) == 5


def test_a_reading_with_other_digits_mends_nothing() -> None:
    for answer in ("10,300.00", "1,020.00", "10,200.0"):
        got, _ = _mend(_page(["3", "20260305", "11:10:11", "消费", "-200.00", "", "某超市"]), answer)
        assert len(got) == 4, answer


def test_a_balance_run_into_the_next_cell_is_read_from_its_front() -> None:
    p = _page(["3", "20260305", "11:10:11", "消费", "-200.00", "", "10,200.0087679.****4332某超市"])
    got, asked = _mend(p)
    assert got[2]["balance"] == Decimal("10200.00") and got[2]["counterparty"] == "某超市" and not asked


def test_a_text_layer_row_is_not_read_again() -> None:
    got, asked = _mend(_page(["3", "20260305", "11:10:11", "消费", "-200.00", "", "某超市"], PageSource.TEXT_LAYER), "10,200.00")
    assert len(got) == 4 and not asked


def test_a_date_read_in_pieces_is_read_again_and_the_next_reader_asked_when_one_gives_no_date() -> None:
    p = _page(["3", "20260305", "11:10:11", "消费", "-200.00", "10,200.00", "某超市"])
    date = next(w for w in p.words if w.text == "20260305")  # read as 2026 and 5, the 030 lost
    pieces = [date.model_copy(update={"text": "2026", "bbox": date.bbox.model_copy(update={"x1": date.bbox.x0 + 36})}),
              date.model_copy(update={"text": "5", "bbox": date.bbox.model_copy(update={"x0": date.bbox.x1 - 9})})]
    p = p.model_copy(update={"words": tuple(w for w in p.words if w is not date) + tuple(pieces)})
    assert len([r for r in rows_of([p]) if transaction(r)]) == 4
    answers = iter(["2026035", "20260305"])  # digits only lost one; the page's engine read it whole
    rows = rows_of([p], [lambda page, box: (next(answers), 0.9)] * 2)
    assert [str(t["date"]) for r in rows if (t := transaction(r))][2] == "2026-03-05"


def test_a_date_the_detector_cut_into_two_overlapping_boxes_is_one_date_again() -> None:
    """2025. | .07.07: one print in two boxes that overlap where each read the same point; the point is not doubled."""
    from docproc.extractors._text import visual_lines

    p = _page(["3", "20260305", "11:10:11", "消费", "-200.00", "10,200.00", "某超市"])
    date = next(w for w in p.words if w.text == "20260305")
    left = date.model_copy(update={"text": "2026.", "bbox": date.bbox.model_copy(update={"x1": date.bbox.x0 + 52})})
    right = date.model_copy(update={"text": ".03.05", "line": date.line + 100,
                                    "bbox": date.bbox.model_copy(update={"x0": date.bbox.x0 + 46})})
    cut = p.model_copy(update={"words": tuple(w for w in p.words if w is not date) + (left, right)})
    assert [str(t["date"]) for r in rows_of([cut]) if (t := transaction(r))][2] == "2026-03-05"
    assert "2026.03.05" in [w.text for line in visual_lines(cut) for w in line]
    touching = right.model_copy(update={"bbox": date.bbox.model_copy(update={"x0": date.bbox.x0 + 50})})  # 2 px
    apart = cut.model_copy(update={"words": tuple(w for w in p.words if w is not date) + (left, touching)})
    assert "2026.03.05" not in [w.text for line in visual_lines(apart) for w in line]
    layer = cut.model_copy(update={"source": PageSource.TEXT_LAYER})  # a text layer's words are as printed
    assert "2026.03.05" not in [w.text for line in visual_lines(layer) for w in line]


def test_a_long_name_whose_first_part_stands_above_its_row_and_its_end_on_it_is_the_rows() -> None:
    """网银在线（北京）科技有限 | 公司: a name set in the middle of its row over two lines, the end read on the row's
    own line; the row above, which names no one, does not take the first part."""
    from docproc.core.models import Word

    p = _page(["3", "20260305", "11:10:11", "网上支付", "-200.00", "10,200.00", "公司"])
    p = p.model_copy(update={"words": tuple(w for w in p.words if w.text != "张三")})  # the row above: no one
    first = Word(text="网银在线（北京）科技有限", bbox=BBox(x0=580, y0=142, x1=688, y1=158), confidence=0.9, line=99)
    got = [t for r in rows_of([p.model_copy(update={"words": (*p.words, first)})]) if (t := transaction(r))]
    assert got[2]["counterparty"] == "网银在线（北京）科技有限公司" and got[1]["counterparty"] is None
