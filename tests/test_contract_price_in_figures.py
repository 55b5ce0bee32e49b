"""A contract whose price in figures and price in words disagree keeps both, so that the check comparing them can
fail it (a contract altered in one of the two places, or written carelessly)."""

from __future__ import annotations

from decimal import Decimal

from docproc.core.models import BBox, DocType, Page, PageSource, RawDocument, Unit, Word
from docproc.extractors import EXTRACTORS


def _contract(lines: list[str]) -> dict:
    words = [Word(text=text, bbox=BBox(x0=20, y0=30 * i, x1=20 + 12 * len(text), y1=30 * i + 20), confidence=0.95,
                  line=i) for i, text in enumerate(lines)]
    page = Page(file_id="f", number=1, width=1200, height=1600, unit=Unit.PX, source=PageSource.TEXT_LAYER,
                words=tuple(words))
    raw = RawDocument(file_id="f", doc_type=DocType.PURCHASE_CONTRACT, pages=(page,))
    return EXTRACTORS.get("purchase_contract")(raw, None).fields  # type: ignore[arg-type]


CLAUSE = [
    "第二条 成交价格",
    "经甲乙双方协商一致，该房屋成交总价为人民币（大写）{words}元整",
    "（小 写 ： ¥{figure}元）。该价格包括房屋及其附属设施设备、装饰装修的价款。",
    "乙方于本合同签订之日起三日内支付首付款人民币1027887.00元；",
]


def _fields(words: str, figure: str) -> dict:
    return _contract([line.format(words=words, figure=figure) for line in CLAUSE])


def test_a_price_in_figures_its_words_do_not_confirm_is_still_the_price() -> None:
    fields = _fields("贰佰陆拾伍万玖仟柒佰壹拾捌", "2569718.00")  # the words say 2,659,718
    assert fields["total_price"].value == Decimal("2569718.00")
    assert fields["total_price_in_words"].value == "贰佰陆拾伍万玖仟柒佰壹拾捌元整"


def test_a_price_its_words_confirm() -> None:
    fields = _fields("贰佰伍拾陆万玖仟柒佰壹拾捌", "2569718.00")
    assert fields["total_price"].value == Decimal("2569718.00")


def test_a_down_payment_is_not_taken_for_the_price() -> None:
    lines = [CLAUSE[0], "经甲乙双方协商一致，该房屋成交总价为人民币（大写）贰佰伍拾陆万玖仟柒佰壹拾捌元整",
             "详见附件。", CLAUSE[3]]
    assert "total_price" not in _contract(lines)
