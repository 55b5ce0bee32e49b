"""Tax records (完税证明, 纳税清单, 纳税记录) in wordings and layouts beyond a label grid: the taxpayer in a
sentence, the period from the rows or a 自…至… sentence, totals the page vouches for, and pages that show only
the table. Word lists are written by hand, shaped like OCR output."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from docproc.core.models import BBox, DocType, Page, PageSource, RawDocument, Unit, Word
from docproc.extractors import EXTRACTORS
from docproc.reading.classify import label_page
from tests.fakes import LineOcr, WhiteRender
from tests.test_extractors import page as word_page

VALID_ID = "32010219900315013X"  # check digit holds
MISREAD_ID = "320102199003150130"  # the same number with its check digit misread


def page(lines: list[list[str]]) -> Page:
    return word_page(lines, height=900)


def fields(lines: list[list[str]]) -> dict[str, object]:
    raw = RawDocument(file_id="f", doc_type=DocType.TAX_CERTIFICATE, side=None, pages=(page(lines),))
    out = EXTRACTORS.get(DocType.TAX_CERTIFICATE.value)(raw, None)  # type: ignore[arg-type]
    return {k: v.value for k, v in out.fields.items()}


def test_taxpayer_and_period_written_in_a_sentence_wrapped_over_lines() -> None:
    got = fields([
        ["税收完税证明"],
        ["经查询，纳税人王晓东，证件号码", VALID_ID, "，在2024-01-01至"],
        ["2024-12-31期间缴纳个人所得税如下："],
        ["征收项目", "税款所属期", "入库日期", "实缴金额"],
        ["个人所得税", "2024-03", "2024-04-15", "12,000.00", "345.00"],
        ["防伪码：", "9KQ2MX7A1C"],
    ])
    assert got["name"] == "王晓东" and got["id_number"] == VALID_ID
    assert (got["period_start"], got["period_end"]) == (date(2024, 1, 1), date(2024, 12, 31))
    assert got["verification_code"] == "9KQ2MX7A1C"


def test_an_id_number_whose_check_digit_holds_wins_over_a_misread_one() -> None:
    got = fields([
        ["个人所得税完税证明"],
        ["身份证件号码", MISREAD_ID],
        ["兹证明", "李娜（公民身份号码", VALID_ID, "）于下列期间缴纳税款："],
    ])
    assert got["name"] == "李娜" and got["id_number"] == VALID_ID


def test_a_name_label_word_is_not_read_as_a_name_in_prose() -> None:
    got = fields([["纳税记录"], ["纳税人识别号：", VALID_ID]])
    assert "name" not in got and got["id_number"] == VALID_ID


def test_period_spans_the_earliest_and_latest_months_of_the_rows() -> None:
    got = fields([
        ["纳税清单"],
        ["扣缴单位", "所得类型", "所属时期", "收入额", "已缴税额"],
        ["武汉长江物流有限公司", "工资薪金", "2024年3月", "9,000.00", "120.00"],
        ["工资薪金", "2024年1月-2024年2月", "18,000.00", "240.00"],
        ["武汉楚天设计院", "劳务报酬", "2024年11月", "5,000.00", "800.00"],
        ["开具日期：2025-01-06"],
    ])
    assert (got["period_start"], got["period_end"]) == (date(2024, 1, 1), date(2024, 11, 30))
    assert got["issue_date"] == date(2025, 1, 6)


def test_totals_from_the_subtotals_when_the_grand_total_line_was_not_read() -> None:
    got = fields([
        ["纳税清单"],
        ["扣缴义务人", "所得项目", "所得期间", "收入", "已缴税额"],
        ["成都锦江会计事务所", "工资薪金所得", "2024.05", "20,000.00", "3,000.00"],
        ["小计", "20,000.00", "3,000.00"],
        ["成都天府软件有限公司", "稿酬所得", "2024.07", "15,000.00", "2,205.00"],
        ["小计", "15,000.00", "2,205.00"],
        ["大写金额：伍仟贰佰零伍元整"],
    ])
    assert (got["total_income"], got["total_tax"]) == (Decimal("35000.00"), Decimal("5205.00"))


def test_totals_beside_the_tax_in_words_when_rows_and_total_line_are_scrambled() -> None:
    got = fields([
        ["完税证明"], ["所得期间", "收入", "已缴税额"], ["2024.02"], ["8,000.00", "1,000.00"],
        ["15,400.00", "1,850.40"], ["计"], ["合"], ["税额合计（大写）：壹仟捌佰伍拾元肆角"],
    ])
    assert (got["total_income"], got["total_tax"]) == (Decimal("15400.00"), Decimal("1850.40"))


def _words_page(lines: list[str]) -> Page:
    return page([[line] for line in lines])


def test_a_page_showing_only_a_records_table_is_a_tax_record() -> None:
    table_only = _words_page([
        "扣缴义务人名称 所得项目 所得期间 收入 已缴税额",
        "杭州西湖茶业有限公司 经营所得 2024.04 12,800.00 256.00",
        "经营所得 2024.05 11,300.00 226.00", "合计 24,100.00 482.00",
    ])
    assert label_page(table_only).doc_type == DocType.TAX_CERTIFICATE
    other_title = _words_page(["税收完税证明", "纳税人名称 王晓东", "实缴(退)金额 345.00"])
    assert label_page(other_title).doc_type == DocType.TAX_CERTIFICATE


RECEIPT = [  # a 税收完税证明 receipt: one tax figure a row, the total with its amount in words, the income in 备注
    ["中华人民共和国"], ["税收完税证明", "No.36340435"],
    ["填发日期：2026年5月27日", "税务机关：国家税务总局北京市朝阳区税务局"],
    ["纳税人识别号", VALID_ID, "纳税人名称", "王晓东"],
    ["原凭证号", "税种", "品目名称", "税款所属时期", "入（退）库日期", "实缴（退）金额"],
    ["502956986740668529", "个人所得税", "经营所得", "2025-05-01至2025-05-31", "2025-06-11", "1,239.59"],
    ["513787264655707540", "个人所得税", "经营所得", "2025-06-01至2025-06-30", "2025-07-17", "886.84"],
    ["金额合计", "（大写）", "贰仟壹佰贰拾陆元肆角叁分", "¥", "2,126.43"],
    ["税务机关（盖章）", "填票人", "备注"], ["所得期间：2025-05-01至2025-06-30"],
    ["收入额合计：141,760.99元"], ["验证码：9P7FDJ3EVL6WPU1TM5"],
]


def test_a_receipts_tax_total_confirmed_by_its_amount_in_words_and_its_income_total_in_the_notes() -> None:
    got = fields(RECEIPT)
    assert (got["total_income"], got["total_tax"]) == (Decimal("141760.99"), Decimal("2126.43"))
    assert got["issue_date"] == date(2026, 5, 27) and got["name"] == "王晓东"


def test_a_receipts_total_whose_amount_in_words_disagrees_is_not_taken() -> None:
    misread = [line if line[0] != "金额合计" else ["金额合计", "（大写）", "贰仟壹佰贰拾陆元肆角叁分", "¥", "2,162.43"]
               for line in RECEIPT]
    assert "total_tax" not in fields(misread)


def test_a_receipts_total_marked_as_money_stands_without_words() -> None:
    plain = [line if line[0] != "金额合计" else ["金额合计", "￥2,126.43"] for line in RECEIPT]
    assert fields(plain)["total_tax"] == Decimal("2126.43")
    unmarked = [line if line[0] != "金额合计" else ["合计", "2,126.43"] for line in RECEIPT]
    assert "total_tax" not in fields(unmarked)  # one bare figure may be either total of a record


def test_the_taxpayers_name_ends_at_a_column_gap() -> None:
    """A word far right on the name's line (the receipt's copy mark 第二联 printed down its margin) is no part of it."""
    def word(text: str, x: float, line: int) -> Word:
        return Word(text=text, bbox=BBox(x0=x, y0=40 * line, x1=x + 24 * len(text), y1=40 * line + 24),
                    confidence=0.9, line=line)

    words = (word("税收完税证明", 900, 0), word("纳税人识别号", 200, 1), word(VALID_ID, 460, 1),
             word("纳税人名称", 1220, 1), word("徐子明", 1450, 1), word("第", 2185, 1))
    raw = RawDocument(file_id="f", doc_type=DocType.TAX_CERTIFICATE, side=None,
                      pages=(Page(file_id="f", number=1, width=2339, height=1654, unit=Unit.PX, source=PageSource.OCR,
                                  words=words),))
    got = EXTRACTORS.get(DocType.TAX_CERTIFICATE.value)(raw, None).fields  # type: ignore[arg-type]
    assert got["name"].value == "徐子明" and got["id_number"].value == VALID_ID


def test_a_photos_total_row_folded_off_its_line_and_its_tax_under_the_seal() -> None:
    """A skewed photo of a wide tax list: 合计 is read on a line of its own, its income figure on the line above
    (beside the last row's number), its tax not at all (under the seal). The 大写 gives the tax; the figure by 合计
    is the income when every figure of the rows, in whatever order, adds up to it and the tax."""
    heading = ["序号", "扣缴义务人名称", "所得项目", "税款所属期起", "税款所属期止", "收入额", "已缴税额", "入库日期"]
    rows = [
        ["长春中科网络科技有限责任公司", "劳务报酬所得", "2025-07-01", "2025-07-31", "7753.28", "1240.52", "2025-08-08"],
        ["长春正泰会计师事务所有限公司", "劳务报酬所得", "2025.08.01", "8645.12"],
        ["1383.22", "2025-09-12"],  # a row split over two lines by the skew
        ["长春安信生物技术股份有限公司", "2025-09-01", "2025-09-30", "1767.84", "11048.98"],  # its two figures swapped
    ]
    def page_with(beside: str) -> list[list[str]]:
        return [["个人所得税纳税清单"], ["税款所属期间：2025.07.01至2026.06.30"], heading, *rows,
                ["3", "938470318767878835", beside], ["合", "计"], ["已缴税额合计（大写）：肆仟叁佰玖拾壹元伍角捌分"]]

    got = fields(page_with("27447.38"))
    assert (got["total_income"], got["total_tax"]) == (Decimal("27447.38"), Decimal("4391.58"))
    # a figure by 合计 that the rows do not add up to (the last row's own, the total unread) is no total
    assert "total_income" not in fields(page_with("11048.98"))


def _dated(reread_as: str) -> dict[str, object]:
    from types import SimpleNamespace

    from docproc.core.settings import Settings

    lines = [["个人所得税纳税清单"], ["税款所属期间：2025.09.01至2026.08.31"],
             ["序号", "扣缴义务人名称", "所得项目", "税款所属期起", "税款所属期止", "收入额", "已缴税额"],
             ["1", "南宁市青秀区鼎盛茶叶店", "经营所得", "2026-07-01", "2026-07-31", "43278.46", "1298.35"],
             ["合计", "43278.46", "1298.35"], ["已缴税额合计（大写）：壹仟贰佰玖拾捌元叁角伍分"],
             ["国家税务总局南宁市青秀区税务局"], ["开县日期：202.08.30"], ["第1页/共1页"]]
    scanned = page(lines).model_copy(update={"render_sha256": "render"})
    ctx = SimpleNamespace(settings=Settings(), blobs=WhiteRender(), ocr=LineOcr(reread_as), digits_ocr=LineOcr(reread_as))
    raw = RawDocument(file_id="f", doc_type=DocType.TAX_CERTIFICATE, side=None, pages=(scanned,))
    out = EXTRACTORS.get(DocType.TAX_CERTIFICATE.value)(raw, ctx)  # type: ignore[arg-type]
    return {k: v.value for k, v in out.fields.items()}


def test_an_issue_date_under_the_seal_whose_label_was_misread_is_read_again() -> None:
    """开具日期：2026.08.30 under the seal read as 开县日期：202.08.30: the label's tail (日期：) is enough to find the
    date to read again, and a point the seal's ring hid (202608.30) is put back when month and day hold."""
    assert _dated("202608.30")["issue_date"] == date(2026, 8, 30)
    assert "issue_date" not in _dated("2026.0843")  # no day 43: nothing is guessed


def test_an_issue_date_whose_month_character_the_seal_hid_is_put_back_when_it_splits_one_way() -> None:
    """2026年8月30日 under the seal read as 2026年830日: 8 and 30 is the only month and day it can be."""
    assert _dated("2026年830日")["issue_date"] == date(2026, 8, 30)
    assert _dated("2026年1012日")["issue_date"] == date(2026, 10, 12)
    assert "issue_date" not in _dated("2026年112日")  # 1月12日 or 11月2日: nothing is guessed
    assert _dated("2026 8 30日")["issue_date"] == date(2026, 8, 30)  # 年 and 月 under the ink, their gaps read
    assert "issue_date" not in _dated("2026 13 30日")


_MONTH_HEADINGS = ["2025年01月", "2025年02月", "2025年03月", "2025年04月"]


def test_tax_record_with_months_for_columns_takes_the_totals_of_its_grand_total_rows() -> None:
    # each agent's 收入额 and 已缴税额 rows end in the row's total under 合计; the grand total rows are labelled 合 计
    got = fields([
        ["纳税人收入纳税明细"], ["纳税人姓名", "王芳", "所属期间", "2025年1月1日至2025年4月30日"],
        ["所得项目", "扣缴义务人", "项目", *_MONTH_HEADINGS, "合计"],
        ["工资薪金所得", "北京华泰科技有限公司", "收入额", "10,000.00", "10,000.00", "12,000.00", "32,000.00"],
        ["已缴税额", "290.00", "290.00", "350.00", "930.00"],
        ["劳务报酬所得", "北京远景咨询有限公司", "收入额", "5,000.00", "3,500.00", "8,500.00"],
        ["已缴税额", "150.00", "105.00", "255.00"],
        ["合", "计", "收入额", "10,000.00", "15,000.00", "12,000.00", "3,500.00", "40,500.00"],
        ["已缴税额", "290.00", "440.00", "350.00", "105.00", "1,185.00"],
        ["已缴税额合计（大写）：壹仟壹佰捌拾伍元整"],
    ])
    assert (got["total_income"], got["total_tax"]) == (Decimal("40500.00"), Decimal("1185.00"))


def test_tax_record_with_months_for_columns_whose_total_column_a_scan_drew_a_row_off() -> None:
    # each total stands a row above its own: the grand income row ends in the grand tax, its total is a row up
    got = fields([
        ["纳税人收入纳税明细"], ["所得项目", "扣缴义务人", "项目", *_MONTH_HEADINGS, "合计", "32,000.00"],
        ["北京华泰科技有限公司", "收入额", "10,000.00", "10,000.00", "12,000.00", "930.00"],
        ["已缴税额", "290.00", "290.00", "350.00", "8,500.00"],
        ["北京远景咨询有限公司", "收入额", "5,000.00", "3,500.00", "255.00"],
        ["已缴税额", "150.00", "105.00", "40,500.00"],
        ["合计", "收入额", "10,000.00", "15,000.00", "12,000.00", "3,500.00", "1,185.00"],
        ["已缴税额", "290.00", "440.00", "350.00", "105.00"],
    ])
    assert (got["total_income"], got["total_tax"]) == (Decimal("40500.00"), Decimal("1185.00"))


def test_tax_record_with_months_for_columns_whose_neighbouring_cells_ocr_read_as_one_word() -> None:
    got = fields([
        ["纳税人收入纳税明细"], ["所得项目", "扣缴义务人", "项目", *_MONTH_HEADINGS, "合计"],
        ["北京华泰科技有限公司", "收入额", "10,000.00", "10,000.0012,000.00", "32,000.00"],
        ["已缴税", "290.00", "290.00", "350.00", "930.00"],
        ["北京远景咨询有限公司", "收入额", "5,000.00", "3,500.00", "8,500.00"],
        ["已缴税额", "150.00", "105.00", "255.00"],
        ["收入额", "10,000.0015,000.0012,000.00", "3,500.00", "40,500.00"], ["合计"],
        ["已缴税额", "290.00", "440.00", "350.00105.00", "1,185.00"],
    ])
    assert (got["total_income"], got["total_tax"]) == (Decimal("40500.00"), Decimal("1185.00"))


def test_tax_record_with_months_for_columns_takes_a_grand_total_a_misread_month_no_longer_adds_up_to() -> None:
    got = fields([
        ["纳税人收入纳税明细"], ["所得项目", "扣缴义务人", "项目", *_MONTH_HEADINGS, "合计"],
        ["北京华泰科技有限公司", "收入额", "10,000.00", "10,000.00", "12,000.00", "32,000.00"],
        ["已缴税额", "290.00", "290.00", "350.00", "930.00"],
        ["北京远景咨询有限公司", "收入额", "5,000.00", "3,500.00", "8,500.00"],
        ["已缴税额", "150.00", "105.00", "255.00"],
        ["合计", "收入额", "10,000.00", "16,000.00", "12,000.00", "3,500.00", "40,500.00"],  # 15,000.00 misread
        ["已缴税额", "290.00", "440.00", "350.00", "105.00", "1,185.00"],
    ])
    assert (got["total_income"], got["total_tax"]) == (Decimal("40500.00"), Decimal("1185.00"))


def test_tax_record_with_months_for_columns_takes_the_tax_its_amount_in_words_states() -> None:
    # a month of the grand tax row misread (350.00 as 380.00) and its total pushed onto a line of its own
    got = fields([
        ["纳税人收入纳税明细"], ["所得项目", "扣缴义务人", "项目", *_MONTH_HEADINGS, "合计"],
        ["北京华泰科技有限公司", "收入额", "10,000.00", "10,000.00", "12,000.00", "32,000.00"],
        ["已缴税额", "290.00", "290.00", "350.00", "930.00"],
        ["北京远景咨询有限公司", "收入额", "5,000.00", "3,500.00", "8,500.00"],
        ["已缴税额", "150.00", "105.00", "255.00"],
        ["合计", "收入额", "10,000.00", "15,000.00", "12,000.00", "3,500.00", "40,500.00"],
        ["已缴税额", "290.00", "440.00", "380.00", "105.00"], ["1,185.00"],
        ["已缴税额合计（大写）：壹仟壹佰捌拾伍元整"],
    ])
    assert (got["total_income"], got["total_tax"]) == (Decimal("40500.00"), Decimal("1185.00"))


def test_tax_record_dated_after_a_misread_label_whose_date_reads_whole() -> None:
    got = fields([
        ["个人所得税纳税记录"], ["纳税人姓名", "赵磊"], ["所属期间", "2025年1月1日至2025年12月31日"],
        ["合计", "120,000.00", "3,480.00"], ["查验码：K7Q2M9X4P1"], ["开具人：王敏", "开具月期：2026年1月15日"],
    ])
    assert got["issue_date"] == date(2026, 1, 15)


def _tickets(statement: list[list[str]]) -> dict[str, object]:
    """A 税收完税证明 listing the tickets paid, each with its period, the day it was paid in and its amount."""
    return fields([
        ["税收完税证明"],
        ["纳税人识别号：", VALID_ID],
        ["纳税人名称：王晓东"],
        *statement,
        ["1. 原凭证号：332011250101 税种：个人所得税 品目名称：劳务报酬所得"],
        ["税款所属时期：2025-03-01至2025-03-31", "入（退）库日期：2025-04-12", "实缴（退）金额：￥1,415.94"],
        ["2. 原凭证号：332011250102 税种：个人所得税 品目名称：劳务报酬所得"],
        ["税款所属时期：2025-01-01至2025-01-31", "入（退）库日期：2025-02-11", "实缴（退）金额：￥913.75"],
        ["3. 原凭证号：332011250103 税种：个人所得税 品目名称：劳务报酬所得"],
        ["税款所属时期：2025-06-01至2025-06-30", "入（退）库日期：2025-07-14", "实缴（退）金额：￥2,112.45"],
        ["金额合计（大写）：肆仟肆佰肆拾贰元壹角肆分", "（小写）￥4,442.14"],
    ])


def test_a_list_of_tickets_covers_the_earliest_tickets_start_to_the_latest_ones_end() -> None:
    got = _tickets([])
    assert (got["period_start"], got["period_end"]) == (date(2025, 1, 1), date(2025, 6, 30))


def test_a_list_of_tickets_covers_the_period_it_states() -> None:
    got = _tickets([["兹证明纳税人王晓东在2024-12-01至2025-06-30期间缴纳税款如下（共3张原凭证）："]])
    assert (got["period_start"], got["period_end"]) == (date(2024, 12, 1), date(2025, 6, 30))


def test_a_labelled_period_ends_before_the_next_entry_on_its_line() -> None:
    got = fields([
        ["税收完税证明"],
        ["纳税人名称：王晓东"],
        ["税款所属期：2025-01-01至2025-12-31", "入库日期：2026-01-15"],
    ])
    assert (got["period_start"], got["period_end"]) == (date(2025, 1, 1), date(2025, 12, 31))


def test_a_labelled_periods_end_whose_year_the_scan_lost_is_the_next_such_day_after_its_start() -> None:
    got = fields([["个人所得税纳税记录"], ["纳税人姓名：罗宁超"], ["税款所属期：2025年9月1日至年8月31日"]])
    assert (got["period_start"], got["period_end"]) == (date(2025, 9, 1), date(2026, 8, 31))
    same_year = fields([["个人所得税纳税记录"], ["纳税人姓名：罗宁超"], ["税款所属期：2025年1月1日至12月31日"]])
    assert (same_year["period_start"], same_year["period_end"]) == (date(2025, 1, 1), date(2025, 12, 31))


def test_totals_whose_thousands_separators_were_read_as_points_stay_two_figures() -> None:
    """合计 | 376.939.18 | 18.846.98: each figure's commas read as points; the two words must not fuse into one."""
    got = fields([
        ["个人所得税纳税记录"], ["税款所属期 入库日期 所得项目 扣缴义务人 收入 已申报税额"],
        ["2025-09", "2025-10-15", "经营所得", "武汉市武昌区新元便利店", "26,650.31", "1,332.52"],
        ["合计", "376.939.18", "18.846.98"], ["已申报税额合计（大写）：壹万捌仟捌佰肆拾陆元玖角捌分"],
    ])
    assert (got["total_income"], got["total_tax"]) == (Decimal("376939.18"), Decimal("18846.98"))


def test_a_labelled_period_whose_line_runs_on_into_the_next_column_keeps_its_end_date() -> None:
    """A record app's screenshot: the cards of the months stand beside the facts, and a card's month is read on the
    period's line, glued to its end date (2026-06-302025-12)."""
    def word(text: str, x: float, line: int) -> Word:
        return Word(text=text, bbox=BBox(x0=x, y0=40 * line, x1=x + 20 * len(text), y1=40 * line + 24),
                    confidence=0.9, line=line)

    words = (word("纳税记录", 200, 0), word("纳税人姓名", 40, 1), word("邓英", 160, 1),
             word("身份证件号码", 40, 2), word(VALID_ID, 180, 2),
             word("税款所属期", 40, 3), word("2025-07-01至2026-06-30", 160, 3), word("2025-12", 700, 3),
             word("劳务报酬所得", 860, 3), word("开具日期", 40, 4), word("2026-07-26", 160, 4))
    raw = RawDocument(file_id="f", doc_type=DocType.TAX_CERTIFICATE, side=None,
                      pages=(Page(file_id="f", number=1, width=1200, height=1600, unit=Unit.PX, source=PageSource.OCR,
                                  words=words),))
    got = EXTRACTORS.get(DocType.TAX_CERTIFICATE.value)(raw, None).fields  # type: ignore[arg-type]
    assert (got["period_start"].value, got["period_end"].value) == (date(2025, 7, 1), date(2026, 6, 30))


def _placed(lines: list[list[tuple[float, str]]]) -> Page:
    """A scan's words at the given x, one line per list, each character 20 px wide."""
    words = [Word(text=t, bbox=BBox(x0=x, y0=40.0 * i, x1=x + 20 * len(t), y1=40.0 * i + 24), confidence=0.9, line=i)
             for i, cells in enumerate(lines) for x, t in cells]
    return Page(file_id="f", number=1, width=1000, height=900, unit=Unit.PX, source=PageSource.OCR, words=tuple(words))


def test_a_bilingual_record_with_each_value_under_its_label_and_the_english_under_the_value() -> None:
    p = _placed([
        [(10, "中华人民共和国个人所得税纳税记录")],
        [(10, "纳税人姓名身份证件类型")],  # two labels read as one box
        [(10, "田燕"), (230, "居民身份证ResidentIDCard")],
        [(10, "TaxpayerName"), (230, "IDType")],
        [(10, "身份证件号码"), (400, "税款所属期")],
        [(10, VALID_ID), (400, "2025-08-01至2026-07-31")],
        [(10, "ID No."), (400, "TaxPeriod")],
        [(10, "开具日期"), (400, "主管税务机关")],
        [(10, "2026-08-26"), (400, "国家税务总局上海市徐汇区税务局")],
        [(10, "Date of Issue"), (400, "TaxAuthority")],
        [(10, "验证码"), (80, "Verification Code："), (440, "DNGGN4SV1XHE6K9SGTCF")],
    ])
    raw = RawDocument(file_id="f", doc_type=DocType.TAX_CERTIFICATE, side=None, pages=(p,))
    got = {k: v.value for k, v in EXTRACTORS.get("tax_certificate")(raw, None).fields.items()}  # type: ignore[arg-type]
    assert (got["name"], got["id_number"], got["issue_date"]) == ("田燕", VALID_ID, date(2026, 8, 26))
    assert (got["period_start"], got["period_end"]) == (date(2025, 8, 1), date(2026, 7, 31))
    assert got["verification_code"] == "DNGGN4SV1XHE6K9SGTCF"
