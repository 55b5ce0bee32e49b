"""Fields found by the label vocabularies on layouts other than our generator's, and checked by what they must be."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import cv2
import numpy as np
import pytest

from docproc.cn.addresses import is_flat_address
from docproc.cn.orgs import find_bank, organisation_name
from docproc.core.models import BBox, DocType, Page, PageSource, RawDocument, Unit, Word
from docproc.extractors import EXTRACTORS
from docproc.extractors._text import PageText
from docproc.extractors.income_proof import extract_fields
from docproc.extractors.tax_certificate import extract_fields as tax_fields
from docproc.reading import read as reading
from docproc.service import pipeline
from docproc.service.context import Context
from tests.conftest import REALDOCS
from tests.test_extractors import run, statement_fields, table_page
from tests.test_ocr import render


def test_a_letter_in_prose_names_its_employer_only_in_the_letterhead_and_signs_in_chinese_numerals() -> None:
    got = run(DocType.INCOME_PROOF, None, [
        ["上海澄明医疗器械有限公司"], ["收入证明"],
        ["兹证明周文静女士(身份证号310104199203154427)系我单位员工,"],
        ["自2020年7月1日起在我单位工作,任财务主管,税前月收入为人民币"],
        ["18,600.00元(大写:壹万捌仟陆佰元整)。"],
        ["特此证明。本证明仅供中国建设银行办理个人住房贷款使用。"],
        ["二〇二六年十一月五日"],
    ])
    assert got["employer"] == "上海澄明医疗器械有限公司"  # not the bank the letter is for
    assert got["issue_date"] == date(2026, 11, 5)
    assert got["employment_start"] == date(2020, 7, 1)
    assert got["monthly_income"] == Decimal("18600.00")
    signed_only = run(DocType.INCOME_PROOF, None, [  # addressed to the bank; the name only under the seal
        ["中国建设银行上海市分行:"], ["兹证明周文静女士系我单位员工,月收入为人民币18,600.00元。"], ["特此证明。"],
        ["上海澄明医疗器械有限公司(盖章)"], ["二〇二六年十一月五日"],
    ])
    assert signed_only["employer"] == "上海澄明医疗器械有限公司"
    assert signed_only["issue_date"] == date(2026, 11, 5)


def test_a_letter_that_names_the_employer_in_its_prose_and_signs_under_a_seal_line() -> None:
    got = run(DocType.INCOME_PROOF, None, [
        ["在职收入证明"],
        ["兹证明何志强,男,身份证号码440106198507120031,系广州恒信达物流股份有限公司"],
        ["正式员工,于二〇一八年三月一日入职,现任运营经理,月均收入9,800.00元。"],
        ["以上情况属实。"],
        ["证明单位(公章):", "广州恒信达物流股份有限公司"],
        ["日期:", "二〇二六年十月二十八日"],
    ])
    assert got["employer"] == "广州恒信达物流股份有限公司"
    assert got["employment_start"] == date(2018, 3, 1)
    assert got["issue_date"] == date(2026, 10, 28)


def test_the_monthly_income_its_words_confirm_is_taken() -> None:
    got = run(DocType.INCOME_PROOF, None, [
        ["兹证明吴敏系我公司员工,月工资为2,000.00元津贴另计,税前月收入为人民币"],
        ["15,300.00元(大写:壹万伍仟叁佰元整)。特此证明。"],
    ])
    assert got["monthly_income"] == Decimal("15300.00")
    words_first = run(DocType.INCOME_PROOF, None, [
        ["兹证明吴敏系我公司员工,其月收入为人民币(大写)壹万贰仟元整(¥12,000.00),特此证明。"]])
    assert words_first["amount_in_words"] == "壹万贰仟元整"
    assert words_first["monthly_income"] == Decimal("12000.00")
    unlabelled_words = run(DocType.INCOME_PROOF, None, [["兹证明吴敏系我公司员工,月薪8,500.00元,即人民币捌仟伍佰元整。"]])
    assert unlabelled_words["amount_in_words"] == "捌仟伍佰元整"


def test_a_statement_header_whose_branch_label_lost_its_colon() -> None:
    p = table_page(
        [["个人客户交易明细"], ["户名", "李娜", "开户网点", "中国工商银行北京海淀支行"],
         ["卡号", "6212 2602 0015 2018 285", "币种", "人民币"]],
        [["交易日期", "摘要", "交易金额", "余额"], ["2026-05-10", "工资", "12,500.00", "20,500.00"]],
        [20, 140, 260, 380],
    )
    got = statement_fields(p)
    assert got["bank_name"] == "中国工商银行"  # no 开户网点 glued to it
    assert got["account_holder"] == "李娜" and got["account_number"] == "6212260200152018285"


def test_a_statement_header_with_a_bank_label_and_its_value_glued() -> None:
    p = table_page(
        [["账户交易明细清单"], ["开户机构中国建设银行股份有限公司上海分行"], ["客户名称:王建国"]],
        [["交易日期", "摘要", "交易金额", "余额"], ["2026-05-10", "工资", "12,500.00", "20,500.00"]],
        [20, 140, 260, 380],
    )
    got = statement_fields(p)
    assert got["bank_name"] == "中国建设银行"
    assert got["account_holder"] == "王建国"


def test_a_statement_header_in_cells_with_each_value_under_its_label() -> None:
    p = table_page(
        [["交通银行", "对账单"]],
        [["账号", "户名", "银行名称", ""], ["6222 6001 2345 6789 012", "陈雪梅", "交通银行股份有限公司苏州分行", ""],
         ["交易日期", "摘要", "交易金额", "余额"], ["2026-05-10", "工资", "12,500.00", "20,500.00"]],
        [20, 300, 520, 760],
    )
    got = statement_fields(p)
    assert got["account_holder"] == "陈雪梅" and got["account_number"] == "6222600123456789012"
    assert got["bank_name"] == "交通银行"


def test_a_contract_address_is_the_flat_not_the_land_parcel() -> None:
    got = run(DocType.PURCHASE_CONTRACT, None, [
        ["商品房买卖合同(预售)"], ["第一条 项目建设依据"],
        ["出卖人以出让方式取得坐落于杭州市余杭区良渚街道文化村北侧地块的建设用地使用权。"],
        ["该地块国有土地使用证号为杭余国用(2021)第012号。"],
        ["第二条 商品房基本情况"], ["房屋坐落:", "杭州市余杭区良渚街道玉鸟路18号3幢2单元1102室"],
    ])
    assert got["property_address"] == "杭州市余杭区良渚街道玉鸟路18号3幢2单元1102室"
    prose = run(DocType.PURCHASE_CONTRACT, None, [
        ["出卖人通过招拍挂方式取得位于南京市江宁区秣陵街道宁南大道以东G12地块的土地使用权。"],
        ["该商品房位于南京市江宁区秣陵街道胜太西路9号5幢1单元602室(以下简称该商品房)。"],
    ])
    assert prose["property_address"] == "南京市江宁区秣陵街道胜太西路9号5幢1单元602室"


def test_a_second_hand_house_contract() -> None:
    got = run(DocType.PURCHASE_CONTRACT, None, [
        ["存量房屋买卖合同"], ["甲方(卖方)"], ["姓名:", "刘海"], ["身份证号码:", "310104196805120417"],
        ["1.1.房屋基本信息"], ["房产证号:", "沪(2019)徐字不动产权第012345号"],
        ["坐落:", "上海市徐汇区漕溪北路88弄5号1203室"], ["建筑面积:", "89.50", "平方米"],
        ["该房屋全部转让价款(房款)合计:人民币(大写)叁佰伍拾万元整(¥3,500,000.00元)。"],
        ["第1页/共10页"],
    ])
    assert got["property_address"] == "上海市徐汇区漕溪北路88弄5号1203室"
    assert got["total_price"] == Decimal("3500000.00") and got["total_price_in_words"] == "叁佰伍拾万元整"
    assert got["seller"] == "刘海" and got["pages_declared"] == 10


def _contract(p: Page) -> dict[str, object]:
    raw = RawDocument(file_id="f", doc_type=DocType.PURCHASE_CONTRACT, pages=(p,))
    return {k: v.value for k, v in EXTRACTORS.get("purchase_contract")(raw, None).fields.items()}  # type: ignore[arg-type]


def test_a_contract_whose_parties_and_flat_stand_in_table_cells() -> None:
    parties = _contract(table_page([["商品房买卖合同(现售)"]], [
        ["当事人", "名称/姓名(证件号码)"], ["出卖人", "武汉江岸置业有限公司"], ["统一社会信用代码", "91420102MA4KXY1234"],
        ["买受人", "李娜(420102199005061228)"], ["通讯地址", "武汉市江岸区解放大道1088号"],
    ], [20, 320]))
    assert parties["seller"] == "武汉江岸置业有限公司"
    assert parties["buyer_names"] == ["李娜"] and parties["buyer_id_numbers"] == ["420102199005061228"]
    flat = _contract(table_page([["商品房基本情况"]], [
        ["房屋坐落", "武汉市江岸区解放大道1088号5栋2单元1701室"], ["建筑面积(㎡)", "102.36"], ["套内建筑面积(㎡)", "81.20"],
        ["总价款(小写)", "¥2,150,000.00"], ["总价款(大写)", "人民币贰佰壹拾伍万元整"],
    ], [20, 320]))
    assert flat["property_address"] == "武汉市江岸区解放大道1088号5栋2单元1701室"
    assert flat["floor_area"] == Decimal("102.36") and flat["total_price"] == Decimal("2150000.00")
    assert flat["total_price_in_words"] == "贰佰壹拾伍万元整"


def test_party_lines_tagged_with_their_role_and_a_signature_block() -> None:
    got = run(DocType.PURCHASE_CONTRACT, None, [
        ["存量房屋买卖合同"], ["买受人(乙方):", "王磊", "身份证号码:", "110105198703154419"],
        ["居间方(丙方):", "北京安居房地产经纪有限公司"], ["该房屋建筑面积88.20平方米,套内建筑面积70.15平方米。"],
    ])
    assert got["buyer_names"] == ["王磊"] and got["buyer_id_numbers"] == ["110105198703154419"]
    assert got["floor_area"] == Decimal("88.20")
    signed = run(DocType.PURCHASE_CONTRACT, None, [["出卖人(盖章):", "北京京西置业有限公司"], ["买受人(签字):"]])
    assert signed["seller"] == "北京京西置业有限公司" and "buyer_names" not in signed


def test_a_price_under_another_label_without_its_words() -> None:
    got = run(DocType.PURCHASE_CONTRACT, None, [
        ["第二条 成交价格与付款"], ["甲乙双方协商一致,该房屋成交价格为人民币1,980,000.00元,乙方于本合同签订之日"],
        ["支付首付款600,000.00元,剩余房价款1,380,000.00元以银行按揭贷款方式支付。"],
    ])
    assert got["total_price"] == Decimal("1980000.00")
    parts = run(DocType.PURCHASE_CONTRACT, None, [["首期房屋价款600,000.00元于签约当日支付。"]])
    assert "total_price" not in parts


def test_a_flat_address_wrapped_inside_its_room_number() -> None:
    got = run(DocType.PURCHASE_CONTRACT, None, [
        ["第一条 房屋基本情况"], ["甲方所有的房屋坐落:广州市天河区天河北路233号中信广场2栋1单元1803"],
        ["室(以下简称该房屋),不动产权证书号:粤(2020)广州市不动产权第0123456号。"],
    ])
    assert got["property_address"] == "广州市天河区天河北路233号中信广场2栋1单元1803室"


def test_clause_text_after_a_party_word_names_no_party() -> None:
    got = run(DocType.PURCHASE_CONTRACT, None, [
        ["出卖人", "应当在交付日期届满前30日通知买受人"], ["买受人应当在收到通知之日起10日内办理交付手续。"],
        ["由出卖人", "北京京西置业有限公司承担连带责任。"],
    ])
    assert "seller" not in got and "buyer_names" not in got


def test_what_a_bank_an_organisation_and_a_flat_address_must_be() -> None:
    assert find_bank("望京四元桥支行") is None and find_bank("银行名称") is None
    match = find_bank("开户行:浙江长兴联合村镇银行股份有限公司雉城支行")
    assert match is not None and match.group("bank") == "浙江长兴联合村镇银行" and match.group("branch") == "雉城支行"
    assert organisation_name("广州市公安局番禺区分局辅警办") == "广州市公安局番禺区分局辅警办"
    assert organisation_name("收入证明") is None and organisation_name("我单位") is None
    assert organisation_name("北京星河(集团)有限公司") == "北京星河(集团)有限公司"
    # a form's filling note, or a piece of one cut at a word that ends names (所, 局), names no one
    assert organisation_name("(由申请人所") is None and organisation_name("(全称)成都蓝海物流有限公司") is None
    assert is_flat_address("上海市徐汇区漕溪北路88弄5号1203室")
    assert not is_flat_address("杭州市余杭区良渚街道文化村北侧地块")


def _realdoc(name: str) -> bytes:
    path = REALDOCS / name
    if not path.exists():
        pytest.skip(f"{path} is not on this machine")
    return path.read_bytes()


def test_a_third_party_letter_template_gives_its_issuer_and_no_word_for_a_name(ctx: Context) -> None:
    name = "income_proof_cn/cn_income_proof_template_red_letterhead_mortgage_lo.pdf"
    pages = reading.read_file(_realdoc(name), file_id="f", filename=name, ctx=ctx)
    letter = {k: v.value for d in pipeline.documents_from_pages(ctx, pages) for k, v in d.fields.items()}
    assert letter["employer"] == "广州市公安局番禺区分局辅警办"  # the letterhead and signature of the issuer
    assert "name" not in letter  # 此证明仅限用于房贷，… names no one


@pytest.mark.slow  # its blank second page goes to OCR
def test_an_unfilled_letter_template_names_no_one(ctx: Context) -> None:
    plain = "income_proof_cn/cn_income_proof_template_plain_unsealed_2p_lo.pdf"
    pages = reading.read_file(_realdoc(plain), file_id="g", filename=plain, ctx=ctx)
    fields = {k for d in pipeline.documents_from_pages(ctx, pages) for k in d.fields}
    assert not fields & {"name", "employer"}  # 职工 ${name} 同志：the placeholder is unfilled


def test_a_blank_second_hand_house_contract_names_no_party(ctx: Context) -> None:
    name = "purchase_contracts_cn/cn_secondhand_house_purchase_contract_template_10p_lo.pdf"
    pages = reading.read_file(_realdoc(name), file_id="f", filename=name, ctx=ctx)
    raw = RawDocument(file_id="f", doc_type=DocType.PURCHASE_CONTRACT, pages=tuple(pages))
    got = {k: v.value for k, v in EXTRACTORS.get("purchase_contract")(raw, ctx).fields.items()}
    assert got == {"pages_declared": 10, "pages_present": 10}  # 甲方（卖方）承诺：… is no seller


def test_a_letter_with_its_facts_in_two_columns_of_labelled_entries() -> None:
    got = run(DocType.INCOME_PROOF, None, [
        ["杭州云帆信息技术有限公司"], ["在职收入证明"],
        ["职工姓名：王丽娟", "性别：女"],
        ["身份证号码：330106198804120026", "现任职务：人力资源主管"],
        ["入职时间：2017/04/10", "用途：购房贷款"],
        ["经核实，该员工近六个月平均月收入为¥18,500.00元（人民币壹万捌仟伍佰元整）。"],
        ["特此证明。"],
        ["单位全称：杭州云帆信息技术有限公司"], ["日期：2026/10/28"],
    ])
    assert got["name"] == "王丽娟"
    assert got["position"] == "人力资源主管"
    assert got["employment_start"] == date(2017, 4, 10)
    assert got["monthly_income"] == Decimal("18500.00")
    assert got["issue_date"] == date(2026, 10, 28)


def test_a_letter_as_a_ruled_table_gives_each_value_beside_its_label() -> None:
    got = run(DocType.INCOME_PROOF, None, [
        ["员工收入证明"],
        ["姓", "名", "陈志强"], ["身份证号码", "320502198011053017"], ["单位名称", "苏州华邦精密机械有限公司"],
        ["岗", "位", "质量主管"], ["入职日期", "2015年3月16日"], ["月收入（小写）", "¥12,800.00"],
        ["月收入（大写）", "壹万贰仟捌佰元整"], ["以上情况属实。"], ["苏州华邦精密机械有限公司（盖章）"], ["2026年9月30日"],
    ])
    assert got["name"] == "陈志强"
    assert got["position"] == "质量主管"
    assert got["employer"] == "苏州华邦精密机械有限公司"
    assert got["monthly_income"] == Decimal("12800.00")
    # A label's word inside the prose is no entry: 岗位工资 is a kind of pay, not a position.
    prose = run(DocType.INCOME_PROOF, None, [["兹证明刘洋，系我单位员工，月收入9,000.00元，其中岗位工资3,000.00元。"]])
    assert prose["name"] == "刘洋" and "position" not in prose


def test_a_bank_form_letter_signed_with_the_full_name_of_the_unit_and_a_chinese_date() -> None:
    got = run(DocType.INCOME_PROOF, None, [
        ["中国农业银行个人贷款"], ["收入证明"],
        ["兹证明孙晓梅，身份证号码370102198607153328，自2016年9月1日起在我单位工作，"],
        ["现任会计职务，其月收入为人民币（小写）8,600.00元，（大写）捌仟陆佰元整。"],
        ["特此证明。"], ["单位全称：济南泉润食品有限公司"], ["联系电话：0531-86012345"],
        ["（单位公章）"], ["二（）二六年三月十二日"],
    ])
    assert got["employer"] == "济南泉润食品有限公司"  # not the bank whose form it is
    assert got["position"] == "会计"
    assert got["issue_date"] == date(2026, 3, 12)


def test_a_monthly_income_in_ten_thousands_and_words_printed_with_no_cue() -> None:
    got = run(DocType.INCOME_PROOF, None, [["兹证明赵磊，系我公司员工，月均收入¥3.32万元（大写：叁万叁仟贰佰元整）。"]])
    assert got["monthly_income"] == Decimal("33200.00")
    uncued = run(DocType.INCOME_PROOF, None, [["兹证明赵磊，系我公司员工，月收入：¥9,600.00元（玖仟陆佰元整）。"]])
    assert uncued["amount_in_words"] == "玖仟陆佰元整"
    assert uncued["monthly_income"] == Decimal("9600.00")


def test_a_signing_date_the_first_read_garbled_is_read_again_from_its_box(ctx: Context) -> None:
    lines = ["特此证明。", "单位名称：杭州云帆信息技术有限公司", "日期：2026/10/28"]
    image = render(lines)
    first_read = ["特此证明。", "单位名称：杭州云帆信息技术有限公司", "日期：2026/10728"]  # a slash lost under a seal
    words = tuple(Word(text=t, bbox=BBox(x0=30, y0=20 + i * 72, x1=30 + 40 * len(t), y1=68 + i * 72),
                       confidence=0.86, line=i) for i, t in enumerate(first_read))
    ok, png = cv2.imencode(".png", image)
    page = Page(file_id="f", number=1, width=image.shape[1], height=image.shape[0], unit=Unit.PX,
                source=PageSource.OCR, words=words, render_sha256=ctx.blobs.put(png.tobytes()),
                render_width=image.shape[1], render_height=image.shape[0])
    got = extract_fields(PageText(page), ctx)["issue_date"]
    assert got.value == date(2026, 10, 28) and got.confidence <= 0.8
    assert "issue_date" not in extract_fields(PageText(page), None)  # nothing to read again: no date guessed


def _letter_foot_under_a_seal(lines: list[str]) -> np.ndarray:
    """A letter's last lines in blue-black ink with a red seal pressed over them, photographed (BGR)."""
    import random

    from PIL import Image, ImageDraw

    from samples.generator.fonts import font
    from samples.generator.seal import make_style, render_seal

    page = Image.new("RGB", (760, 330), (246, 244, 238))
    draw = ImageDraw.Draw(page)
    for i, line in enumerate(lines):
        draw.text((60, 30 + i * 90), line, font=font("sans", 40), fill=(52, 62, 120))
    rng = random.Random(5)
    ink = np.asarray(render_seal(rng, make_style(rng, "杭州东方医药有限责任公司"), 280).resize((280, 280))
                     .convert("RGBA"), np.float32) / 255.0
    out = np.asarray(page, np.float32).copy()
    alpha = ink[..., 3:4] * 0.95
    out[30:310, 230:510] = out[30:310, 230:510] * (1 - alpha) + alpha * ink[..., :3] * 255 * 0.97
    out = cv2.GaussianBlur(out, (0, 0), 1.0)
    return cv2.cvtColor(np.clip(out, 0, 255).astype(np.uint8), cv2.COLOR_RGB2BGR)


def test_a_date_in_chinese_numerals_under_the_seal_is_read_again_with_the_print_under_the_ink(ctx: Context) -> None:
    from docproc.reading.seals import detect_seals

    image = _letter_foot_under_a_seal(["特此证明。", "杭州东方医药有限责任公司", "二〇二六年九月十九日"])
    stamps = detect_seals(image)
    assert len(stamps) == 1
    first_read = ["特此证明。", "杭州东方医药有限责任公司", "二:D二六年九月十十:日"]  # the seal's ink over the date
    words = tuple(Word(text=t, bbox=BBox(x0=60, y0=30 + i * 90, x1=60 + 40 * len(t), y1=78 + i * 90),
                       confidence=0.86, line=i) for i, t in enumerate(first_read))
    ok, png = cv2.imencode(".png", image)
    page = Page(file_id="f", number=1, width=image.shape[1], height=image.shape[0], unit=Unit.PX,
                source=PageSource.OCR, words=words, stamps=tuple(stamps), render_sha256=ctx.blobs.put(png.tobytes()),
                render_width=image.shape[1], render_height=image.shape[0])
    got = extract_fields(PageText(page), ctx)["issue_date"]
    assert got.value == date(2026, 9, 19) and got.confidence <= 0.8
    assert "issue_date" not in extract_fields(PageText(page), None)  # nothing to read again: no date guessed


def test_a_tax_records_labelled_issue_date_the_seal_blurred_is_read_again_from_its_box(ctx: Context) -> None:
    lines = ["说明：可凭验证码查验本记录。", "开具日期：2026-09-05"]
    image = render(lines)
    first_read = ["说明：可凭验证码查验本记录。", "开具日期：.-09-05"]  # the year lost under the seal's ink
    words = tuple(Word(text=t, bbox=BBox(x0=30, y0=20 + i * 72, x1=30 + 40 * len(t), y1=68 + i * 72),
                       confidence=0.86, line=i) for i, t in enumerate(first_read))
    ok, png = cv2.imencode(".png", image)
    page = Page(file_id="f", number=1, width=image.shape[1], height=image.shape[0], unit=Unit.PX,
                source=PageSource.OCR, words=words, render_sha256=ctx.blobs.put(png.tobytes()),
                render_width=image.shape[1], render_height=image.shape[0])
    got = tax_fields(PageText(page), ctx)["issue_date"]
    assert got.value == date(2026, 9, 5) and got.confidence <= 0.8
    assert "issue_date" not in tax_fields(PageText(page), None)
