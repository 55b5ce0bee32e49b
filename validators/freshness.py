"""Freshness: every dated document is recent enough, relative to the application date."""

from __future__ import annotations

from datetime import date

from docproc.core.models import Bundle, Category, DocType, Side, Status
from docproc.core.policy import Policy
from docproc.validators._common import ask, en, evidence, field_name, say, value, where, where_zh, zh
from docproc.validators.registry import Verdict, check


def _issued_within(bundle: Bundle, *, doc_type: DocType, field: str, limit: int, verb: tuple[str, str]) -> Verdict:
    docs = bundle.of_type(doc_type)
    if not docs:
        return Verdict(Status.NOT_APPLICABLE, [say(f"没有{zh(doc_type)}", f"no {en(doc_type)} in the bundle")])
    applied = bundle.application.application_date
    dated = [(d, value(d, field)) for d in docs]
    dated = [(d, v) for d, v in dated if isinstance(v, date)]
    if not dated:
        return Verdict(Status.REVIEW, [say(f"{zh(doc_type)}的{field_name(field)}未能识别",
                                           f"the {field_name(field, 'en')} of the {en(doc_type)} could not be read")],
                       [evidence(d) for d in docs])
    doc, when = max(dated, key=lambda dv: dv[1])
    age = (applied - when).days
    ev = [evidence(doc, field)]
    if age < 0:
        return Verdict(Status.REVIEW, [say(f"{verb[0]}{when}，晚于申请日期{applied}共{-age}天",
                                           f"{verb[1]} {when}, {-age} days after the application date {applied}")], ev)
    reason = say(f"{verb[0]}{when}，距申请日{age}天；期限为{limit}天",
                 f"{verb[1]} {when}, {age} days before the application; the limit is {limit}")
    if age <= limit:
        return Verdict(Status.PASS, [reason], ev)
    return Verdict(
        Status.FAIL, [reason], ev,
        supplement=ask(f"{zh(doc_type)}已过期（{when}），请提供{limit}天内出具的{zh(doc_type)}",
                       f"The {en(doc_type)} ({when}) is too old: provide one issued within {limit} days"),
    )


@check("freshness.id_card", Category.FRESHNESS, title=("身份证有效期", "ID card validity"))
def id_card_valid(bundle: Bundle, policy: Policy) -> Verdict:
    """The ID card is valid on the application date; expiring soon asks for review."""
    backs = bundle.of_type(DocType.ID_CARD, Side.BACK)
    if not backs:
        return Verdict(Status.NOT_APPLICABLE if not bundle.of_type(DocType.ID_CARD) else Status.REVIEW,
                       [say("缺少身份证国徽面（载有有效期限）", "the ID card's emblem side (with the validity period) is not in the bundle")])
    doc = backs[0]
    until = value(doc, "valid_until")
    applied = bundle.application.application_date
    ev = [evidence(doc, "valid_until")]
    if until == "长期":
        return Verdict(Status.PASS, [say("长期有效", "valid long-term (长期)")], ev)
    if not isinstance(until, date):
        return Verdict(Status.REVIEW, [say(f"{where_zh(doc)}上的有效期限未能识别", f"the validity period on {where(doc)} could not be read")], ev)
    left = (until - applied).days
    if left < 0:
        return Verdict(
            Status.FAIL, [say(f"已于{until}过期，早于申请日期{applied}共{-left}天",
                              f"expired on {until}, {-left} days before the application date {applied}")], ev,
            supplement=ask(f"身份证已于{until}过期，请提供有效身份证", f"The ID card expired on {until}: provide a valid ID card"),
        )
    warn = policy.freshness.id_card_expiry_warning_days
    if left <= warn:
        return Verdict(Status.REVIEW, [say(f"有效期至{until}，申请后{left}天到期（提前{warn}天提醒）",
                                           f"valid until {until}: expires {left} days after the application (warning at {warn})")], ev)
    return Verdict(Status.PASS, [say(f"有效期至{until}，距申请日期还有{left}天", f"valid until {until}, {left} days after the application date")], ev)


@check("freshness.income_proof", Category.FRESHNESS, title=("收入证明时效", "Income proof freshness"))
def income_proof_fresh(bundle: Bundle, policy: Policy) -> Verdict:
    """The income proof was issued within the window."""
    return _issued_within(bundle, doc_type=DocType.INCOME_PROOF, field="issue_date",
                          limit=policy.freshness.income_proof_days, verb=("出具于", "issued"))


@check("freshness.bank_statement", Category.FRESHNESS, title=("银行流水时效", "Bank statement freshness"))
def bank_statement_fresh(bundle: Bundle, policy: Policy) -> Verdict:
    """The statement runs until close to the application date."""
    return _issued_within(bundle, doc_type=DocType.BANK_STATEMENT, field="period_end",
                          limit=policy.freshness.bank_statement_days, verb=("截止于", "ends"))


@check("freshness.tax_certificate", Category.FRESHNESS, title=("纳税记录时效", "Tax certificate freshness"))
def tax_certificate_fresh(bundle: Bundle, policy: Policy) -> Verdict:
    """The tax record was issued within the window."""
    return _issued_within(bundle, doc_type=DocType.TAX_CERTIFICATE, field="issue_date",
                          limit=policy.freshness.tax_certificate_days, verb=("出具于", "issued"))


@check("freshness.credit_report", Category.FRESHNESS, title=("信用报告时效", "Credit report freshness"))
def credit_report_fresh(bundle: Bundle, policy: Policy) -> Verdict:
    """The credit report was printed within the window."""
    return _issued_within(bundle, doc_type=DocType.CREDIT_REPORT, field="report_date",
                          limit=policy.freshness.credit_report_days, verb=("打印于", "printed"))


@check("freshness.business_license", Category.FRESHNESS, title=("营业执照有效期", "Business licence term"))
def business_license_term(bundle: Bundle, policy: Policy) -> Verdict:
    """The licence's business term has not ended."""
    docs = bundle.of_type(DocType.BUSINESS_LICENSE)
    if not docs:
        return Verdict(Status.NOT_APPLICABLE, [say("没有营业执照", "no business licence in the bundle")])
    doc = docs[0]
    until = value(doc, "business_term_until")
    ev = [evidence(doc, "business_term_until")]
    applied = bundle.application.application_date
    if until in ("长期", "永久"):
        return Verdict(Status.PASS, [say(f"营业期限：{until}", f"business term: {until}")], ev)
    if until is None and doc.meta.get("business_term_printed") is False:
        return Verdict(Status.PASS, [say("营业执照未载营业期限（个体工商户执照即如此）",
                                         "the licence prints no business term (as 个体工商户 licences do)")], ev)
    if not isinstance(until, date):
        return Verdict(Status.REVIEW, [say("营业期限未能识别", "the business term could not be read")], ev)
    if until < applied:
        return Verdict(Status.FAIL, [say(f"营业期限已于{until}届满，早于申请日期{applied}",
                                         f"the business term ended on {until}, before the application date {applied}")], ev,
                       supplement=ask("营业执照营业期限已届满，请提供有效营业执照", "The business licence term has ended: provide a valid licence"))
    return Verdict(Status.PASS, [say(f"营业期限至{until}", f"business term until {until}")], ev)
