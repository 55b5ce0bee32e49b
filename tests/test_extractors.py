"""Extractors on pages shaped like OCR output (real-OCR runs are in test_pipeline)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from docproc.models import BBox, DocType, Page, PageSource, RawDocument, Side, Unit, Word
from extractors import EXTRACTORS
from extractors._text import PageText


def page(lines: list[list[str]]) -> Page:
    words = []
    for i, tokens in enumerate(lines):
        x = 10.0
        for t in tokens:
            words.append(Word(text=t, bbox=BBox(x0=x, y0=30 * i, x1=x + 20 * len(t), y1=30 * i + 20),
                              confidence=0.9, line=i))
            x += 20 * len(t) + 15
    return Page(file_id="f", number=1, width=1000, height=700, unit=Unit.PX, source=PageSource.OCR, words=tuple(words))


def run(doc_type: DocType, side: Side | None, lines: list[list[str]]) -> dict[str, object]:
    raw = RawDocument(file_id="f", doc_type=doc_type, side=side, pages=(page(lines),))
    out = EXTRACTORS.get(doc_type.value)(raw, None)  # type: ignore[arg-type]
    return {k: v.value for k, v in out.fields.items()}


def test_id_front_fields_with_split_tokens_and_wrapped_address() -> None:
    got = run(DocType.ID_CARD, Side.FRONT, [
        ["姓", "名", "张伟"], ["性别", "男", "民族", "汉"], ["出生", "1988", "年", "4", "月", "2", "日"],
        ["住址", "北京市海淀区中关村"], ["大街1号院3号楼"], ["公民身份号码", "11010519880402123X"],
    ])
    assert got["name"] == "张伟" and got["sex"] == "男" and got["ethnicity"] == "汉"
    assert got["birth_date"] == date(1988, 4, 2)
    assert got["address"] == "北京市海淀区中关村大街1号院3号楼"
    assert got["id_number"] == "11010519880402123X"


def test_id_back_fields() -> None:
    got = run(DocType.ID_CARD, Side.BACK, [
        ["中华人民共和国"], ["居民身份证"], ["签发机关", "北京市公安局海淀分局"], ["有效期限", "2016.05.04-2036.05.04"],
    ])
    assert got == {"issuing_authority": "北京市公安局海淀分局", "valid_from": date(2016, 5, 4),
                   "valid_until": date(2036, 5, 4)}
    long_term = run(DocType.ID_CARD, Side.BACK, [["签发机关", "上海市公安局"], ["有效期限", "2010.01.02-长期"]])
    assert long_term["valid_until"] == "长期"


def test_income_letter_fields_across_wrapped_lines() -> None:
    got = run(DocType.INCOME_PROOF, None, [
        ["收入证明"],
        ["兹证明张伟（身份证号码：11010519880402123X）自2019年3月1日起在我单位"],
        ["工作，现任高级工程师职务，月收入人民币12,500.00元（大写：壹万贰仟伍佰"],
        ["元整）。特此证明。"],
        ["单位名称：北京星河科技有限公司"], ["联系电话：010-62345678"], ["2026年11月10日"],
    ])
    assert got["name"] == "张伟"
    assert got["id_number"] == "11010519880402123X"
    assert got["employment_start"] == date(2019, 3, 1)
    assert got["position"] == "高级工程师"
    assert got["monthly_income"] == Decimal("12500.00")
    assert got["amount_in_words"] == "壹万贰仟伍佰元整"
    assert got["employer"] == "北京星河科技有限公司"
    assert got["employer_phone"] == "010-62345678"
    assert got["issue_date"] == date(2026, 11, 10)


def test_field_boxes_cover_the_words_they_came_from() -> None:
    p = page([["姓名", "张伟"], ["公民身份号码", "11010519880402123X"]])
    hit = PageText(p).search(r"姓名(.+)")
    assert hit is not None
    field = hit.field(hit.group(1))
    assert field.bbox is not None and field.bbox.x0 >= 40 and field.bbox.y0 == 0
    assert field.page == 1 and field.confidence == 0.9
