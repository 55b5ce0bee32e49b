"""Page classification and splitting on word lists shaped like real OCR output."""

from __future__ import annotations

from docproc.core.models import BBox, DocType, Page, PageSource, Side, Unit, Word
from docproc.reading.classify import cue_found, label_page, page_of, split


def page(lines: list[str], number: int = 1, file_id: str = "f") -> Page:
    words = tuple(
        Word(text=t, bbox=BBox(x0=10, y0=20 * i, x1=200, y1=20 * i + 15), confidence=0.9, line=i)
        for i, t in enumerate(lines)
    )
    return Page(file_id=file_id, number=number, width=800, height=600, unit=Unit.PX, source=PageSource.OCR, words=words)


FRONT = ["姓名 张伟", "性别 男 民族 汉", "出生 1988年4月2日", "住址 北京市海淀区中关村大街1号", "公民身份号码 110105198804021234"]
BACK = ["中华人民共和国", "居民身份证", "签发机关 北京市公安局海淀分局", "有效期限 2016.05.04-2036.05.04"]
INCOME = ["收入证明", "兹证明张伟（身份证号码：110105198804021234）自2019年3月1日起在我单位工作，",
          "现任工程师职务，月收入人民币12,500.00元（大写：壹万贰仟伍佰元整）。", "特此证明。"]


def test_id_card_sides_and_income_proof() -> None:
    assert (label_page(page(FRONT)).doc_type, label_page(page(FRONT)).side) == (DocType.ID_CARD, Side.FRONT)
    assert label_page(page(BACK)).side == Side.BACK
    label = label_page(page(INCOME))
    assert label.doc_type == DocType.INCOME_PROOF and label.confidence > 0.7


def test_ocr_noise_still_classifies() -> None:
    noisy = ["姓 名 张伟", "性剐 男 民蔟 汉", "出生 1988 年 4 月 2 日", "佳址 北京市", "公民身份号玛 110105198804021234"]
    assert label_page(page(noisy)).doc_type == DocType.ID_CARD
    assert cue_found("公民身份号码", "公民身份号玛") == 0.6
    assert cue_found("收入证明", "今天天气好") == 0.0


def test_unrelated_text_is_unknown() -> None:
    label = label_page(page(["会议纪要", "今天讨论了项目进度", "下次会议在周五"]))
    assert label.doc_type == DocType.UNKNOWN


def test_a_resale_contract_naming_its_parties_seller_and_buyer_is_a_purchase_contract() -> None:
    first = ["存量房屋买卖合同", "甲方（卖方）", "姓名： 身份证号码：", "乙方（买方）", "姓名： 身份证号码：",
             "第 1 页 / 共 10 页"]
    label = label_page(page(first))
    assert label.doc_type == DocType.PURCHASE_CONTRACT and label.page_of == (1, 10)


def test_page_numbers() -> None:
    assert page_of("本合同 第 3 页 共 12 页") == (3, 12)
    assert page_of("共12页 第3页") == (3, 12)
    assert page_of("Page 2 of 5") == (2, 5)
    assert page_of("打印日期 2026/11/20") is None


def test_split_groups_consecutive_pages_and_keeps_card_sides_apart() -> None:
    contract = [page(["商品房买卖合同", "出卖人 甲", "买受人 乙", f"第{i}页 共3页"], number=i) for i in (1, 2, 3)]
    pages = [page(FRONT, 1), page(BACK, 2), *[p.model_copy(update={"number": p.number + 2}) for p in contract]]
    pages.append(page(INCOME, 6))
    docs = split(pages, [label_page(p) for p in pages])
    assert [(d.doc_type, d.page_numbers) for d in docs] == [
        (DocType.ID_CARD, [1]), (DocType.ID_CARD, [2]), (DocType.PURCHASE_CONTRACT, [3, 4, 5]),
        (DocType.INCOME_PROOF, [6]),
    ]
    assert docs[2].printed_page_numbers == ((1, 3), (2, 3), (3, 3))


def test_page_one_starts_a_new_document_of_the_same_type() -> None:
    first = [page(["商品房买卖合同", "出卖人", f"第{i}页 共2页"], number=i) for i in (1, 2)]
    second = [page(["商品房买卖合同", "买受人", f"第{i}页 共2页"], number=i + 2) for i in (1, 2)]
    pages = first + second
    docs = split(pages, [label_page(p) for p in pages])
    assert [d.page_numbers for d in docs] == [[1, 2], [3, 4]]


def test_a_blurred_card_whose_outline_was_found_is_still_an_id_card() -> None:
    blurred = page(["中华人民共和国", "居展身份证"])  # the back's title, half read; nothing else legible
    assert label_page(blurred).doc_type == DocType.UNKNOWN  # two weak cues alone are not enough
    card = blurred.model_copy(update={"meta": {"card_warped": True}})
    label = label_page(card)
    assert (label.doc_type, label.side) == (DocType.ID_CARD, Side.BACK)
    assert label_page(page(["月度销售报表"]).model_copy(update={"meta": {"card_warped": True}})).doc_type == DocType.UNKNOWN
    shaken = page(["N2", "深州市公安属兴庆区分局", "中华人民共和国"]).model_copy(update={"meta": {"card_warped": True}})
    assert label_page(shaken).side == Side.BACK  # labels lost, the authority half read


def test_a_statement_page_without_title_or_readable_headings_is_known_by_its_rows() -> None:
    rows = [f"202601{d:02d} 人民币 -{d * 13}.25 {90000 - d * 13}.75 消费 某超市" for d in range(1, 7)]
    assert label_page(page(["记康目期 复币 交易金额 联机余锁 交易抽膜 对手信息", *rows])).doc_type == DocType.BANK_STATEMENT
    assert label_page(page(rows[:3])).doc_type == DocType.UNKNOWN  # a few dated lines are not a table
    monthly = [f"2026-{m:02d} 工资薪金所得 12,000.00 345.00" for m in range(1, 7)]  # a tax record's month rows
    assert label_page(page(monthly)).doc_type == DocType.UNKNOWN


def test_later_pages_of_an_app_bill_with_date_and_time_in_one_cell_are_statement_pages() -> None:
    # a bill export's later page: no title, a time of day after each date, OCR fusing some of them
    rows = [f"2026031{d} 0{d}:15:42 扫码付款 支 {d * 17}.30 {5000 - d * 17}.70 某便利店" for d in range(1, 4)]
    rows += [f"2026032{d}1{d}:05:09 转账收款 收 {d * 100}.00 {6000 + d}.00 李某" for d in range(1, 4)]
    label = label_page(page(["3/7", "记账时间 类别 收/支 金额 余额 对方", *rows], number=3))
    assert (label.doc_type, label.page_of) == (DocType.BANK_STATEMENT, (3, 7))


def test_an_e_statement_titled_only_duizhangdan_with_its_summary_box_is_a_statement() -> None:
    first = ["1/3", "某某银行 账户对账单", "户名 王芳 卡号 6228480012345678901",
             "期初余额 1,000.00 入账合计 2,000.00", "期末余额 2,500.00 出账合计 500.00"]
    assert label_page(page(first)).doc_type == DocType.BANK_STATEMENT


def test_a_misread_page_number_on_a_page_of_the_same_kind_does_not_end_the_document() -> None:
    rows = [f"2026-02-{d:02d} 消费 -{d}.50 {900 - d}.50" for d in range(1, 7)]
    numbers = ["1/4", "2/4", "3/4", "2/4"]  # the last page's 4/4 read as 2/4
    pages = [page(["个人账户交易明细", n, *rows], number=i + 1) for i, n in enumerate(numbers)]
    assert [d.page_numbers for d in split(pages, [label_page(p) for p in pages])] == [[1, 2, 3, 4]]


def test_a_page_whose_number_and_total_were_both_misread_stays_with_the_document_it_continues() -> None:
    rows = [f"2026-02-{d:02d} 消费 -{d}.50 {900 - d}.50" for d in range(1, 7)]
    numbers = ["1/3", "2/3", "6/6"]  # the last page's 3/3 read as 6/6
    pages = [page(["个人账户交易明细", n, *rows], number=i + 1) for i, n in enumerate(numbers)]
    assert [d.page_numbers for d in split(pages, [label_page(p) for p in pages])] == [[1, 2, 3]]
    # the document had ended (3 of 3): the next statement starts, whatever its first number read as
    ended = [page(["个人账户交易明细", n, *rows], number=i + 1) for i, n in enumerate(["1/2", "2/2", "2/5"])]
    assert [d.page_numbers for d in split(ended, [label_page(p) for p in ended])] == [[1, 2], [3]]


def test_a_page_blank_but_for_its_running_footer_stays_with_the_document_around_it() -> None:
    """A contract's page left blank before its signature page holds only 合同编号：… — 5 —: it is of no type, and
    neither it nor the signature page after it starts a new document."""
    clause = ["第十三条 交付时间和手续。出卖人应当在2027年12月30日前向买受人交付该商品房。", "出卖人 买受人 商品房买卖合同 房屋"]
    pages = [page(["存量房买卖合同", "出卖方：张伟", "买受方：李娜", *clause, "合同编号：YS2026816 — 1 —"], number=1),
             page([*clause, "合同编号：YS2026816 — 2 —"], number=2),
             page(["合同编号：YS2026816 — 3 —"], number=3),
             page(["（以下无正文，为签署页）", "出卖方（签章）：", "买受方（签字）：", "签订日期：2026年07月07日",
                   "商品房买卖合同 出卖人 买受人", "合同编号：YS2026816 — 4 —"], number=4)]
    labels = [label_page(p) for p in pages]
    assert labels[2].doc_type == DocType.UNKNOWN
    assert [(d.doc_type, d.page_numbers) for d in split(pages, labels)] == [(DocType.PURCHASE_CONTRACT, [1, 2, 3, 4])]
    # a page of no type with text of its own still stands apart
    other = [pages[0], page(["本页记录客户回访意见：客户对房屋朝向与采光表示满意，另询问了物业费收取标准与车位租赁办法。"], number=2)]
    assert len(split(other, [label_page(p) for p in other])) == 2


def test_an_attachment_page_numbered_after_the_page_before_it_stays_in_the_document() -> None:
    """A contract's 附件 (a table of fittings) says nothing a contract's page says, but its bare page number runs
    on from the page before: it and the pages after it stay one document."""
    clause = ["第十三条 交付时间和手续。出卖人应当在2027年12月30日前向买受人交付该商品房。", "出卖人 买受人 商品房买卖合同 房屋"]
    attachment = ["附件三 装饰装修及相关设备标准", "部位 标准", "外墙 真石漆及石材幕墙", "内墙 水泥砂浆抹灰，腻子找平",
                  "地面 水泥砂浆找平", "门窗 断桥铝合金中空玻璃窗，入户防盗门", "电梯 品牌电梯，每单元两部"]
    pages = [page(["商品房买卖合同", "出卖人：某某置业有限公司", "买受人：李娜", *clause, "- 1 -"], number=1),
             page([*clause, "- 2 -"], number=2),
             page([*attachment, "- 3 -"], number=3),
             page(["（以下无正文，为签署页）", "出卖人（签章）：", "买受人（签字）：", *clause, "- 4 -"], number=4)]
    labels = [label_page(p) for p in pages]
    assert labels[2].doc_type == DocType.UNKNOWN
    assert [(d.doc_type, d.page_numbers) for d in split(pages, labels)] == [(DocType.PURCHASE_CONTRACT, [1, 2, 3, 4])]
    unnumbered = [*pages[:2], page(attachment, number=3)]  # no number to run on: the table stands apart
    assert len(split(unnumbered, [label_page(p) for p in unnumbered])) == 2


def test_attachment_pages_under_the_contract_s_running_header_stay_in_the_document() -> None:
    """A floor plan and a payment table whose page numbers the scan lost, under the header every page of the
    contract carries (项目名 编号：Y20269031447): one document; the same pages under another number stand apart."""
    clause = ["第十三条 交付时间和手续。出卖人应当在2027年12月30日前向买受人交付该商品房。", "出卖人 买受人 商品房买卖合同 房屋"]
    head = "博远壹号院 编号：Y20269031447"
    plan = ["附件一 房屋平面图", "卧室 客厅 主卧", "厨房 卫生间", "建筑面积：136.27平方米 套内建筑面积：105.88平方米"]
    pay = ["附件二 付款方式和付款期限", "款项 金额（元） 支付时间", "首期房价款 609,944.00 2026年6月22日", "合计 2,033,148.00"]
    pages = [page([head, "商品房买卖合同", "出卖人：某某置业有限公司", "买受人：李娜", *clause], number=1),
             page([head, *clause], number=2), page([head, *plan], number=3), page([head, *pay], number=4),
             page([head, "签署页", "出卖人（签章）：", "买受人（签字）：", *clause], number=5)]
    labels = [label_page(p) for p in pages]
    assert labels[2].doc_type == labels[3].doc_type == DocType.UNKNOWN
    assert [(d.doc_type, d.page_numbers) for d in split(pages, labels)] == [
        (DocType.PURCHASE_CONTRACT, [1, 2, 3, 4, 5])]
    other = [*pages[:2], page(["项目 编号：X20260001234", *plan], number=3)]
    assert len(split(other, [label_page(p) for p in other])) == 2


def test_a_resale_contract_whose_seller_is_a_company_is_a_contract_not_a_licence() -> None:
    """The parties block quotes the seller's licence (证件名称：营业执照, 法定代表人); the page is still the
    contract's first page."""
    first = ["合同编号：SH2026-0415", "房地产买卖合同", "转让方（甲方）：杭州远景置业有限公司",
             "证件名称：营业执照 证件号码：91330106MA2H7X5L3Q", "法定代表人：周建国 联系电话：0571-88001234",
             "受让方（乙方）：张伟 证件名称：居民身份证 证件号码：110105198804021234",
             "甲乙双方就乙方购买甲方房地产事宜，经协商一致，订立本合同。"]
    assert label_page(page(first)).doc_type == DocType.PURCHASE_CONTRACT
    licence = ["营业执照", "统一社会信用代码 91330106MA2H7X5L3Q", "名称 杭州远景置业有限公司", "法定代表人 周建国",
               "注册资本 伍仟万元整", "成立日期 2012年05月08日", "经营范围 房地产开发经营"]
    assert label_page(page(licence)).doc_type == DocType.BUSINESS_LICENSE


def test_a_tax_office_certificate_that_says_it_is_no_income_proof_is_a_tax_record() -> None:
    cert = ["国家税务总局杭州市西湖区税务局", "个人所得税纳税证明", "兹证明张伟在2025年1月1日至2025年12月31日期间缴纳个人所得税如下：",
            "所属期 所得项目 扣缴单位 收入额 已缴税额", "2025-01 工资薪金所得 杭州远景置业有限公司 12,500.00 345.00",
            "特此证明。", "注：本证明不作为收入证明。"]
    assert label_page(page(cert)).doc_type == DocType.TAX_CERTIFICATE
    assert cue_found("收入证明", "本证明不作为收入证明") == 0.0
    assert cue_found("收入证明", "不作为收入证明,另附收入证明") == 1.0


def test_a_page_total_stated_in_the_text_counts_pages_numbered_without_one() -> None:
    """A contract numbers its pages — i — with no total at the foot and says 本合同共 n 页 in its text: its pages are
    counted against that total, so all of them pass and a page left out is named."""
    from docproc.core.models import Document, Status
    from docproc.core.policy import default_policy_text, parse_policy
    from docproc.validators.completeness import pages_complete
    from tests.test_checks import bundle

    clause = ["第十三条 交付时间和手续。出卖人应当在2027年12月30日前向买受人交付该商品房。", "出卖人 买受人 商品房买卖合同 房屋"]
    first = ["存量房买卖合同", "出卖方：张伟", "买受方：李娜", *clause, "合同编号：YS2026816 — 1 — 本合同共 4 页"]
    pages = [page(first, number=1), *[page([*clause, f"合同编号：YS2026816 — {i} —"], number=i) for i in (2, 3, 4)]]
    policy = parse_policy(default_policy_text())

    def verdict(kept: list[Page]) -> Status:
        (raw,) = split(kept, [label_page(p) for p in kept])
        doc = Document(id="doc_c", file_id="f", type=raw.doc_type, pages=raw.page_numbers,
                       meta={"printed_page_numbers": [list(n) if n else None for n in raw.printed_page_numbers]})
        return pages_complete(bundle(doc), policy, doc_type=DocType.PURCHASE_CONTRACT).status

    assert split(pages, [label_page(p) for p in pages])[0].printed_page_numbers == ((1, 4), (2, 4), (3, 4), (4, 4))
    assert verdict(pages) == Status.PASS
    assert verdict([pages[0], pages[1], pages[3]]) == Status.FAIL  # page 3 left out
    # numbered without a total and stating none: still not numbered, nothing can be counted as missing
    unstated = [page([*clause, f"合同编号：YS2026816 — {i} —"], number=i) for i in (1, 2, 3)]
    assert split(unstated, [label_page(p) for p in unstated])[0].printed_page_numbers == (None, None, None)


def test_page_numbers_without_a_total_and_totals_stated_in_the_text() -> None:
    from docproc.cn.page_numbers import bare_page_number, stated_page_total

    assert bare_page_number("合同编号：YS2026816 — 3 — 本合同共 6 页") == 3
    assert bare_page_number("说明\n第 2 页\n") == 2 and bare_page_number("Page 5") == 5
    assert bare_page_number("详见本合同第3页约定") is None  # a page named in a sentence is no page number
    assert bare_page_number("2026-3-05 联系电话：0951-5323088 金额 -698.58") is None
    assert bare_page_number("第 3 页 共 5 页") is None  # a numbering with its total is page_of's
    assert stated_page_total("本合同及附件共6页，一式四份，具有同等法律效力。") == 6
    assert stated_page_total("本证明共二页") == 2 and stated_page_total("本合同一式三份，共十二页") == 12
    assert stated_page_total("附件一共2页。本合同共8页。") == 8  # two totals: the one naming the document itself
    assert stated_page_total("第 1 页 共 5 页") is None  # a running page numbering, not a statement
    assert stated_page_total("共计 3 份") is None
