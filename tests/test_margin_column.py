"""A column of characters set down a contract's margin (a 网签 system's name along the edge), read a character or
two at a time: it is no part of the body, whose sentence carries on across the line it splits."""

from __future__ import annotations

from docproc.core.models import BBox, DocType, Page, PageSource, RawDocument, Unit, Word
from docproc.extractors import EXTRACTORS
from docproc.extractors._margins import without_margin_column

MARGIN = "南京房地产市场信息系统网上签约生成"


def _contract_page() -> Page:
    body = ["第一条出卖人与买受人依据《中华人民共和国民法典》订立本合同。", "第二条项目建设依据。出卖人取得土地使用权。",
            "第三条预售依据。该商品房已由主管部门批准预售。", "第四条商品房基本情况。该商品房坐落于江苏省南京市玄武区中山路523号云帆花园26号楼1",
            "单元1102室，用途为住宅。该商品房合同约定建筑面积共131.40平方米。", "第五条抵押情况。与该商品房有关的抵押情况为未抵押。"]
    words = [Word(text=char, bbox=BBox(x0=46, y0=220 + 24 * i, x1=72, y1=244 + 24 * i), confidence=0.9, line=i)
             for i, char in enumerate(MARGIN)]
    for k, text in enumerate(body):
        top = 220 + 48 * k + 12
        words.append(Word(text=text, bbox=BBox(x0=190, y0=top, x1=190 + 26 * len(text), y1=top + 28), confidence=0.95,
                          line=len(MARGIN) + k))
    return Page(file_id="f", number=1, width=1654, height=2339, unit=Unit.PX, source=PageSource.OCR, words=tuple(words))


def test_the_margin_column_is_dropped_and_the_body_kept() -> None:
    page = _contract_page()
    kept = without_margin_column(page).words
    assert len(kept) == 6 and all(len(w.text) > 3 for w in kept)


def test_an_address_split_by_a_margin_character_reads_whole() -> None:
    raw = RawDocument(file_id="f", doc_type=DocType.PURCHASE_CONTRACT, pages=(_contract_page(),))
    fields = EXTRACTORS.get("purchase_contract")(raw, None).fields  # type: ignore[arg-type]
    assert fields["property_address"].value == "江苏省南京市玄武区中山路523号云帆花园26号楼1单元1102室"


def test_short_words_starting_the_body_lines_under_indented_paragraphs_are_kept() -> None:
    # most long lines open an indented clause; short words begin the lines a clause wraps onto, left of them
    words = []
    for k in range(12):
        top = 300 + 48 * k
        if k % 2 == 0:
            words.append(Word(text="第七条付款方式及期限。买受人采取下列第3种方式付款：", bbox=BBox(x0=248, y0=top, x1=1400, y1=top + 28),
                              confidence=0.95, line=k))
        else:
            words.append(Word(text="元整", bbox=BBox(x0=190, y0=top, x1=242, y1=top + 28), confidence=0.95, line=k))
    page = Page(file_id="f", number=1, width=1654, height=2339, unit=Unit.PX, source=PageSource.OCR, words=tuple(words))
    assert without_margin_column(page).words == page.words
