"""What officers call documents, card sides and fields, in Chinese and English (reasons and pages use these words)."""

from __future__ import annotations

from docproc.core.models import DocType, Side

DOC_NAMES: dict[DocType, tuple[str, str]] = {
    DocType.ID_CARD: ("身份证", "ID card"),
    DocType.INCOME_PROOF: ("收入证明", "income proof"),
    DocType.BANK_STATEMENT: ("银行流水", "bank statement"),
    DocType.PURCHASE_CONTRACT: ("商品房买卖合同", "home purchase contract"),
    DocType.TAX_CERTIFICATE: ("个人所得税纳税记录", "tax certificate"),
    DocType.BUSINESS_LICENSE: ("营业执照", "business licence"),
    DocType.CREDIT_REPORT: ("个人信用报告", "credit report"),
    DocType.UNKNOWN: ("未识别文件", "unrecognised document"),
}

SIDE_NAMES: dict[Side, tuple[str, str]] = {
    Side.FRONT: ("人像面", "portrait side (front)"),
    Side.BACK: ("国徽面", "emblem side (back)"),
}

# Canonical field names (SPEC §2) as printed on the documents and said at the counter.
FIELD_NAMES: dict[str, tuple[str, str]] = {
    "name": ("姓名", "name"),
    "sex": ("性别", "sex"),
    "ethnicity": ("民族", "ethnicity"),
    "birth_date": ("出生日期", "date of birth"),
    "address": ("住址", "address"),
    "id_number": ("身份证号码", "ID number"),
    "issuing_authority": ("签发机关", "issuing authority"),
    "valid_from": ("有效期起始日", "valid from"),
    "valid_until": ("有效期至", "valid until"),
    "employer": ("工作单位", "employer"),
    "position": ("职务", "position"),
    "employment_start": ("入职日期", "employed since"),
    "monthly_income": ("月收入", "monthly income"),
    "amount_in_words": ("月收入（大写）", "monthly income in words"),
    "issue_date": ("出具日期", "issue date"),
    "employer_phone": ("单位电话", "employer's phone"),
    "bank_name": ("银行名称", "bank"),
    "account_holder": ("户名", "account holder"),
    "account_number": ("账号", "account number"),
    "period_start": ("起始日期", "period start"),
    "period_end": ("截止日期", "period end"),
    "opening_balance": ("期初余额", "opening balance"),
    "closing_balance": ("期末余额", "closing balance"),
    "transactions": ("交易明细", "transactions"),
    "date": ("日期", "date"),
    "description": ("摘要", "description"),
    "amount": ("金额", "amount"),
    "balance": ("余额", "balance"),
    "counterparty": ("对方户名", "counterparty"),
    "contract_number": ("合同编号", "contract number"),
    "buyer_names": ("买受人", "buyers"),
    "buyer_id_numbers": ("买受人证件号码", "buyers' ID numbers"),
    "seller": ("出卖人", "seller"),
    "property_address": ("房屋坐落", "property address"),
    "floor_area": ("建筑面积", "floor area"),
    "total_price": ("总价款", "total price"),
    "total_price_in_words": ("总价款（大写）", "total price in words"),
    "signing_date": ("签订日期", "signing date"),
    "pages_declared": ("合同总页数", "pages declared"),
    "pages_present": ("实有页数", "pages present"),
    "total_income": ("收入合计", "total income"),
    "total_tax": ("已缴税额", "tax paid"),
    "verification_code": ("验证码", "verification code"),
    "company_name": ("名称", "company name"),
    "uscc": ("统一社会信用代码", "unified social credit code"),
    "legal_representative": ("法定代表人", "legal representative"),
    "registered_capital": ("注册资本", "registered capital"),
    "established_date": ("成立日期", "established"),
    "business_term_until": ("营业期限至", "business term until"),
    "report_number": ("报告编号", "report number"),
    "report_date": ("报告时间", "report date"),
    "accounts": ("账户", "accounts"),
    "queries": ("查询记录", "queries"),
    "overdue_accounts": ("逾期账户数", "overdue accounts"),
    "total_monthly_payment": ("月还款合计", "total monthly payment"),
    "institution": ("机构", "institution"),
    "kind": ("业务种类", "kind"),
    "opened": ("开立日期", "opened"),
    "limit_or_principal": ("授信额度/借款金额", "limit or principal"),
    "monthly_payment": ("本月应还款", "monthly payment"),
    "overdue_amount": ("当前逾期总额", "amount overdue"),
    "worst_status_24m": ("近24个月最差还款状态", "worst status in 24 months"),
    "overdue_months_24m": ("近24个月逾期月数", "overdue months in 24 months"),
    "reason": ("查询原因", "reason"),
    "stamp": ("印章", "seal"),
    "seal": ("印章", "seal"),
}

LANGS = ("zh", "en")


def doc_name(doc_type: DocType | str, lang: str = "zh") -> str:
    """A document type as officers say it (an unknown type as it is)."""
    try:
        return DOC_NAMES[DocType(doc_type)][LANGS.index(lang)]
    except ValueError:
        return str(doc_type)


def side_name(side: Side | str, lang: str = "zh") -> str:
    """An ID card side as officers say it."""
    try:
        return SIDE_NAMES[Side(side)][LANGS.index(lang)]
    except ValueError:
        return str(side)


def field_name(name: str, lang: str = "zh") -> str:
    """A field as officers say it (a field the table does not know keeps its key)."""
    pair = FIELD_NAMES.get(name)
    return pair[LANGS.index(lang)] if pair else name
