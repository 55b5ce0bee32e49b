"""Values other makes give without the label we look for: a monthly figure only in brackets after a yearly
one, a numbered list of facts, a taxpayer's name followed by another label, a licence card of labels over values."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import cv2
import numpy as np

from docproc.core.models import BBox, DocType, Page, PageSource, RawDocument, Side, Unit, Word
from docproc.extractors import EXTRACTORS
from docproc.service.context import Context
from tests.test_extractors import run


def test_a_monthly_figure_in_brackets_after_the_yearly_pay_is_the_one_its_words_confirm() -> None:
    got = run(DocType.INCOME_PROOF, None, [
        ["兹证明韩辉（身份证号码：61011319860527773X）系我公司正式员工。"],
        ["该员工税前年薪为人民币85,200.00元（折合月均人民币7,100.00元，大写：柒仟壹佰元"],
        ["整），按月平均发放。"],
    ])
    assert got["amount_in_words"] == "柒仟壹佰元整"
    assert got["monthly_income"] == Decimal("7100.00")


def test_a_yearly_figure_its_words_confirm_is_no_monthly_income() -> None:
    got = run(DocType.INCOME_PROOF, None, [
        ["兹证明韩辉系我公司正式员工，税前年收入为人民币120,000.00元，大写：壹拾贰万元整。"]])
    assert "monthly_income" not in got


def test_a_label_after_a_numbered_facts_words_is_no_name() -> None:
    got = run(DocType.INCOME_PROOF, None, [
        ["现将我单位职工的有关情况证明如下："],
        ["（一）谭轩勇，男，居民身份证号码：500103199407158998。"],
        ["（三）该职工月收入（税前）为人民币10500.00元，大写：壹万零伍佰元整。"],
    ])
    assert got["name"] == "谭轩勇"


def test_a_taxpayers_name_ends_where_the_id_kind_label_begins() -> None:
    got = run(DocType.TAX_CERTIFICATE, None, [
        ["纳税人姓名：罗倩燕身份证件类型：居民身份证"], ["身份证件号码：440305200205150288"]])
    assert got["name"] == "罗倩燕"


def test_a_business_term_under_its_label() -> None:
    got = run(DocType.BUSINESS_LICENSE, None, [
        ["名称"], ["武汉正泰环保科技有限公司"], ["成立日期"], ["2024年1月15日"],
        ["营业期限"], ["2024年1月15日至2044年1月15日"], ["住所"], ["湖北省武汉市武昌区武珞路343号"],
    ])
    assert got["business_term_until"] == date(2044, 1, 15)
    open_ended = run(DocType.BUSINESS_LICENSE, None, [["营业期限"], ["2024年1月15日至长期"], ["住所"]])
    assert open_ended["business_term_until"] == "长期"


def test_an_id_number_cut_after_17_characters_is_read_again_from_its_widened_box(ctx: Context) -> None:
    from PIL import ImageFont

    from tests.test_ocr import cjk_font_path, render

    number = "61011319860527773X"
    image = render([f"公民身份号码 {number}"], px=40)
    font = ImageFont.truetype(cjk_font_path(), 40)
    label_end = 30 + font.getlength("公民身份号码 ")
    cut_end = label_end + font.getlength(number[:17])
    ok, png = cv2.imencode(".png", image)
    assert ok
    sha = ctx.blobs.put(png.tobytes())
    words = (Word(text="公民身份号码", bbox=BBox(x0=30, y0=20, x1=label_end - 10, y1=62), confidence=0.9, line=0),
             Word(text=number[:17], bbox=BBox(x0=label_end, y0=20, x1=cut_end, y1=62), confidence=0.9, line=0))
    cut = Page(file_id="f", number=1, width=image.shape[1], height=image.shape[0], unit=Unit.PX,
               source=PageSource.OCR, words=words, render_sha256=sha, render_width=image.shape[1],
               render_height=image.shape[0])
    raw = RawDocument(file_id="f", doc_type=DocType.ID_CARD, side=Side.FRONT, pages=(cut,))
    got = EXTRACTORS.get("id_card")(raw, ctx).fields
    assert got["id_number"].value == number
    assert "id_number" not in EXTRACTORS.get("id_card")(raw, None).fields  # nothing to read it again from


class _LineEngine:
    """An engine whose line reads give one fixed text (whatever the crop)."""

    name = "line"

    def __init__(self, line: str) -> None:
        self.line = line

    def read(self, image: object, **_: object) -> list[Word]:
        return []

    def read_line(self, image: object, **_: object) -> tuple[str, float]:
        return self.line, 0.9

    def orientation(self, image: object) -> int:
        return 0


def test_a_cut_number_the_digits_engine_misses_is_taken_from_the_page_engines_read(ctx: Context) -> None:
    """Half the last digit left at the card's edge: the digits engine drops it, the page's engine reads it."""
    number = "440106198711011163"
    page = Page(file_id="f", number=1, width=800, height=100, unit=Unit.PX, source=PageSource.OCR,
                words=(Word(text="公民身份号码", bbox=BBox(x0=10, y0=20, x1=200, y1=60), confidence=0.9, line=0),
                       Word(text=number[:17] + ".", bbox=BBox(x0=210, y0=20, x1=700, y1=60), confidence=0.9, line=0)),
                render_sha256=ctx.blobs.put(cv2.imencode(".png", np.full((100, 800, 3), 255, np.uint8))[1].tobytes()),
                render_width=800, render_height=100)
    raw = RawDocument(file_id="f", doc_type=DocType.ID_CARD, side=Side.FRONT, pages=(page,))

    def read_with(page_engine: str) -> object:
        engines = Context(settings=ctx.settings, db=ctx.db, blobs=ctx.blobs, policy=ctx.policy,
                          ocr=_LineEngine(page_engine), digits_ocr=_LineEngine(number[:17]))  # type: ignore[arg-type]
        got = EXTRACTORS.get("id_card")(raw, engines).fields
        return got["id_number"].value if "id_number" in got else None

    assert read_with(number) == number
    assert read_with(number[:17] + "8") is None  # a last digit its check digit does not hold is not taken


def _front_with_birth_read(ctx: Context, printed: str, first_read: str) -> dict[str, object]:
    from PIL import ImageFont

    from tests.test_ocr import cjk_font_path, render

    number = "32010519900307018X"
    image = render([f"出生 {printed}", f"公民身份号码 {number}"], px=40)
    font = ImageFont.truetype(cjk_font_path(), 40)
    ok, png = cv2.imencode(".png", image)
    assert ok
    label_end = 30 + font.getlength("出生 ")
    words = (Word(text="出生", bbox=BBox(x0=30, y0=20, x1=label_end - 10, y1=62), confidence=0.9, line=0),
             Word(text=first_read, bbox=BBox(x0=label_end, y0=20, x1=label_end + font.getlength(printed), y1=62),
                  confidence=0.9, line=0),
             Word(text=f"公民身份号码{number}", bbox=BBox(x0=30, y0=80, x1=700, y1=122), confidence=0.95, line=1))
    page = Page(file_id="f", number=1, width=image.shape[1], height=image.shape[0], unit=Unit.PX,
                source=PageSource.OCR, words=words, render_sha256=ctx.blobs.put(png.tobytes()),
                render_width=image.shape[1], render_height=image.shape[0])
    raw = RawDocument(file_id="f", doc_type=DocType.ID_CARD, side=Side.FRONT, pages=(page,))
    return {k: f.value for k, f in EXTRACTORS.get("id_card")(raw, ctx).fields.items()}


def test_a_birth_date_read_apart_from_the_id_number_is_read_again_before_the_disagreement_stands(ctx: Context) -> None:
    # a fax's 7 first read as 8: the second read of its box gives the number's date
    assert _front_with_birth_read(ctx, "1990年3月7日", "1990年3月8日")["birth_date"] == date(1990, 3, 7)
    # a card that prints another date than its number keeps it, for the id-number check to fail
    assert _front_with_birth_read(ctx, "1990年3月8日", "1990年3月8日")["birth_date"] == date(1990, 3, 8)
    # a day the first read lost (1990年3月日): the second read gives the date as printed, whatever the number says
    assert _front_with_birth_read(ctx, "1990年3月9日", "1990年3月日")["birth_date"] == date(1990, 3, 9)


def test_a_monthly_figure_whose_point_the_read_lost_is_the_amount_its_words_give() -> None:
    got = run(DocType.INCOME_PROOF, None, [
        ["兹有周宁，系我单位职工，月均税前收入人民币"], ["21，50000元，大写贰万壹仟伍佰元整。"]])
    assert got["monthly_income"] == Decimal("21500.00")
    well_formed = run(DocType.INCOME_PROOF, None, [["兹有周宁，系我单位职工，月均税前收入人民币2150000元，大写贰万壹仟伍佰元整。"]])
    assert well_formed["monthly_income"] == Decimal("2150000")  # a figure that reads as one stays itself


def test_a_letter_opening_with_the_person_and_the_sex_in_brackets_and_work_begun_on_a_wrapped_date() -> None:
    got = run(DocType.INCOME_PROOF, None, [
        ["收入证明"], ["王海（女，身份证号码32010519900307018X）是我单位正式职工，2019年"],
        ["3月2日起在本单位工作，职务为会计，每月税前工资收入9,600.00元（人"], ["民币玖纤陆佰元整）。"]])
    assert got["name"] == "王海"
    assert got["employment_start"] == date(2019, 3, 2)
    assert got["amount_in_words"] == "玖仟陆佰元整"  # 仟 read as 纤 on a scan
    assert got["monthly_income"] == Decimal("9600.00")


def test_a_monthly_pay_label_worded_as_no_list_holds_it_is_built_from_its_parts() -> None:
    # 每月 + 税前 + 工资收入, 每月 + 平均 + 实发 + 工资: worded by the grammar of the label, in no list
    for label in ("每月税前工资收入", "每月平均实发工资"):
        got = run(DocType.INCOME_PROOF, None, [["兹证明周宁系我单位职工，" + label + "为人民币8,800.00元，特此证明。"]])
        assert got["monthly_income"] == Decimal("8800.00"), label
