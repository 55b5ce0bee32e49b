"""Letters and licences of forms filled in: a name before 是本单位职工, cells that stand apart from their labels, a
start date written into a form's blanks, prose that says 任何 (no position)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from docproc.core.models import BBox, DocType, Page, PageSource, RawDocument, Unit, Word
from docproc.extractors import EXTRACTORS
from tests.test_extractors import run


def _grid(rows: list[list[tuple[str, float]]]) -> dict[str, object]:
    """A letter whose words stand at given x positions (a form's cells), one row a line."""
    words = [Word(text=t, bbox=BBox(x0=x, y0=40 * i, x1=x + 20 * len(t), y1=40 * i + 20), confidence=0.9, line=i)
             for i, row in enumerate(rows) for t, x in row]
    raw = RawDocument(file_id="f", doc_type=DocType.INCOME_PROOF, pages=(
        Page(file_id="f", number=1, width=1200, height=900, unit=Unit.PX, source=PageSource.OCR, words=tuple(words)),))
    return {k: v.value for k, v in EXTRACTORS.get("income_proof")(raw, None).fields.items()}  # type: ignore[arg-type]


def test_a_name_written_before_is_our_employee_and_not_the_words_before_the_sex() -> None:
    got = run(DocType.INCOME_PROOF, None, [
        ["收入证明"], ["兹证明张艳", "是本单位职工，性别女"], ["身份证号码：610113198807080505"],
        ["自2019", "年", "11月_1日起在本单位工作，现任审计专员。"],
    ])
    assert got["name"] == "张艳"  # not 单位职工 (the four characters before ，性别)
    assert got["employment_start"] == date(2019, 11, 1)  # the blank's underline read as _
    assert got["position"] == "审计专员"


def test_the_words_before_the_sex_are_no_name() -> None:
    got = run(DocType.INCOME_PROOF, None, [["收入证明"], ["兹有以下单位职工，性别男，在我单位工作。"]])
    assert "name" not in got


def test_a_cell_apart_from_its_label_keeps_a_word_that_ends_another_label() -> None:
    got = _grid([
        [("工作收入证明", 400)],
        [("职工姓名", 10), ("赵林洋", 300)],
        [("任职单位", 10), ("北京金桥环保科技有限公司", 300)],
        [("岗位", 10), ("部门经理", 300)],  # 部门 ends 所在部门, a label: here it begins the value
        [("参加本单位工作时间", 10), ("2024-05-10", 300)],
        [("本证明仅用于办理贷款业务，单位对以上内容的真实性负责，不作任何担保之用。", 10)],
    ])
    assert got["position"] == "部门经理"
    assert got["employment_start"] == date(2024, 5, 10)


def test_any_is_no_lead_in_of_a_position() -> None:
    got = run(DocType.INCOME_PROOF, None, [["收入证明"], ["兹证明王芳在我单位工作。"], ["本证明不作任何担保之用。"]])
    assert "position" not in got


def test_an_hr_centres_grid_with_its_own_wordings() -> None:
    got = run(DocType.INCOME_PROOF, None, [
        ["收入证明"], ["姓名黄磊", "性别男"], ["任职单位", "上海新元环保科技有限责任公司"],
        ["任职岗位", "销售经理", "任职起始日", "2022年04月01日"],
        ["月均应发收入（税前）：人民币12,920.00元（大写：壹万贰仟玖佰贰拾元整）"],
    ])
    assert got["employment_start"] == date(2022, 4, 1)
    assert got["monthly_income"] == Decimal("12920.00")


def test_a_licence_whose_name_label_was_not_read_takes_the_name_on_its_own_line() -> None:
    got = run(DocType.BUSINESS_LICENSE, None, [
        ["企业法人营业执照"], ["（正本）"], ["统一社会信用代码：91430104518232551M"], ["长沙天域科技有限公司"], ["住所"],
        ["湖南省长沙市岳麓区金星中路21号9号楼1单元601号"], ["法定代表人姓名", "汪丽冰"], ["成立日期", "2022年7月8日"],
        ["登记机关"], ["长沙市岳麓区市场监督管理局"],
    ])
    assert got["company_name"] == "长沙天域科技有限公司"  # not the registration authority below


def test_a_licence_name_label_set_wide_with_its_first_character_read_on_a_line_of_its_own() -> None:
    got = run(DocType.BUSINESS_LICENSE, None, [
        ["营业执照"], ["（副本）"], ["名"], ["称西安海纳商贸有限责任公司"], ["类型", "有限责任公司（自然人独资）"],
        ["法定代表人", "赵涵瑶"], ["成立日期", "201.4年7月25日"],
    ])
    assert got["company_name"] == "西安海纳商贸有限责任公司"
    assert got["established_date"] == date(2014, 7, 25)  # a speck read as a point inside the year
