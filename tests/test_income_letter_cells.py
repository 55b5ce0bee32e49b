"""Income letters of two kinds: an HR form whose boxed cells each hold a small label over its value (a name
cell that gives the sex too, the contracting entity as employer, annual and monthly pay side by side, the phone
under its label), and a letter whose prose names the employer with the person's department after it."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from docproc.core.models import BBox, DocType, Page, PageSource, RawDocument, Unit, Word
from docproc.extractors import EXTRACTORS
from tests.test_extractors import run
from tests.test_income_letter_forms import _grid


def _hr_form(*, words: bool = True) -> dict[str, object]:
    """A group's HR form for the subsidiary that signed the labour contract: labels above values, cell by cell."""
    rows = [
        [("宁夏正泰控股集团有限公司", 10)], [("人力资源服务中心", 10)], [("在职员工收入证明", 300)],
        [("经核实，以下员工的在职及收入信息真实有效：", 10)],
        [("员工姓名/性别", 20), ("证件号码（居民身份证）", 420)],
        [("魏月琳（女）", 20), ("640104196910079422", 420)],
        [("劳动合同签约主体", 20)], [("银川正泰新材料有限公司", 20)],
        [("所在岗位", 20), ("本司入职时间", 420), ("工作年限", 820)],
        [("项目经理", 20), ("2013-08-01", 420), ("13年", 820)],
        [("薪酬信息（税前/人民币元）", 20)],
        [("年度税前总收入（近12个月）", 20), ("月均应发收入（税前）", 620)],
        [("144000.00", 20), ("12000.00", 620)],
    ]
    if words:
        rows += [[("月平均税前收入（大写）", 20)], [("壹万贰仟元整", 20)]]
    rows += [
        [("人力资源部联系电话", 20)], [("0951-7350480", 20)],
        [("如需核实，请于工作日拨打上述电话查询。", 20)],
        [("（公司盖章）", 500)], [("2026年8月6日", 480)],
    ]
    return _grid(rows)


def test_a_name_cell_that_gives_the_sex_too() -> None:
    assert _hr_form()["name"] == "魏月琳"  # 员工姓名/性别 over 魏月琳（女）


def test_the_entity_that_signed_the_labour_contract_is_the_employer() -> None:
    assert _hr_form()["employer"] == "银川正泰新材料有限公司"  # not the group's letterhead


def test_a_start_date_label_that_names_the_company_as_us() -> None:
    got = _hr_form()
    assert got["position"] == "项目经理"  # not 本司, the head of 本司入职时间 beside it
    assert got["employment_start"] == date(2013, 8, 1)


def test_the_monthly_figure_beside_the_annual_one() -> None:
    assert _hr_form()["monthly_income"] == Decimal("12000.00")
    assert _hr_form(words=False)["monthly_income"] == Decimal("12000.00")


def test_the_phone_under_its_label() -> None:
    assert _hr_form()["employer_phone"] == "0951-7350480"


def test_an_employer_named_with_the_persons_department() -> None:
    got = run(DocType.INCOME_PROOF, None, [
        ["收入证明"],
        ["兹证明汤欣英（女，身份证号：420106197607180882）系武汉锦程医"],
        ["药有限公司市场营销部员工，于2019年09月01日入职，现任"], ["高级工程师。"],
        ["特此证明。"], ["联系电话：027-46369156"],
    ])
    assert got["employer"] == "武汉锦程医药有限公司"  # the prose's, wrapped, its department dropped
    assert got["position"] == "高级工程师"


def _letter(lines: list[tuple[str, float, float]]) -> dict[str, object]:
    """A letter of one OCR word a line: its text, left edge and confidence."""
    words = tuple(Word(text=t, bbox=BBox(x0=x, y0=40 * i, x1=x + 20 * len(t), y1=40 * i + 20), confidence=c, line=i)
                  for i, (t, x, c) in enumerate(lines))
    raw = RawDocument(file_id="f", doc_type=DocType.INCOME_PROOF, pages=(
        Page(file_id="f", number=1, width=1400, height=900, unit=Unit.PX, source=PageSource.OCR, words=words),))
    return {k: v.value for k, v in EXTRACTORS.get("income_proof")(raw, None).fields.items()}  # type: ignore[arg-type]


def test_the_line_a_name_wraps_onto_is_no_spelling_of_it() -> None:
    got = _letter([
        ("收入证明", 500, 0.99), ("兹证明汤欣英（女，身份证号：420106197607180882）系武汉锦程医", 80, 0.9),
        ("药有限公司市场营销部员工，于2019年09月01日入职。", 10, 0.99), ("特此证明。", 80, 0.99),
    ])
    assert got["employer"] == "武汉锦程医药有限公司"  # not 药有限公司, which opens the next line and reads better


def test_a_phone_and_a_date_a_column_apart_on_one_row() -> None:
    got = _grid([
        [("收入证明", 500)], [("兹证明汤欣英系武汉锦程医药有限公司员工，现任高级工程师。", 10)], [("特此证明。", 80)],
        [("部门负责人：李晓东", 10), ("武汉锦程医药有限公司", 900)],
        [("联系电话：027-46369156", 10), ("2026/07/08", 900)],
    ])
    assert got["employer_phone"] == "027-46369156"  # not 027-463691562026 (the date's year run on)
    assert got["issue_date"] == date(2026, 7, 8)


def test_a_letter_titled_proof_opens_with_its_own_proof_words() -> None:
    for title in ("证明", "在职证明"):
        got = run(DocType.INCOME_PROOF, None, [
            [title], ["兹证明郑佳蕾（女，身份证号：440305197602174465）系深圳市瑞丰"],
            ["软件有限公司综合管理部员工，于2008年10月15日入职，现"], ["任行政专员。"],
        ])
        assert got["name"] == "郑佳蕾"  # not 兹证明郑佳蕾 (the title's 证明 run on into the first line)
        assert got["employer"] == "深圳市瑞丰软件有限公司"
