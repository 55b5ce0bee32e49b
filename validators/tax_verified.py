"""anomaly.tax_verified: the tax record as its issuing service knows it (third-party verification).

The service is asked before the checks run (docproc.service.tax_verify); this check only reads the
outcomes on the bundle. No service configured: ``not_applicable`` with that reason, never a silent pass.
"""

from __future__ import annotations

from docproc.core.models import Bundle, Category, DocType, Status
from docproc.core.policy import Policy
from docproc.core.tax_verification import TaxOutcome, TaxVerification
from docproc.validators._common import Said, evidence, said_by, say, where, where_zh
from docproc.validators.registry import Verdict, check

# Every sentence the check says, in one place (str.format fields filled by ``reason``).
REASONS: dict[object, tuple[str, str]] = {
    TaxOutcome.VERIFIED: ("{place}：{service}确认验证码{code}及其金额{said}",
                          "{place}: the {service} confirms code {code} and its amounts{said}"),
    TaxOutcome.MISMATCH: ("{place}：{service}中验证码{code}对应的金额与材料不符{held}{said}",
                          "{place}: the {service} holds code {code} with other figures than the document{held}{said}"),
    TaxOutcome.UNKNOWN_SERIAL: ("{place}：{service}查无验证码{code}的记录；可能是纸面验证码识别有误，或记录不真实：请对照原件并向核验方查询{said}",
                                "{place}: the {service} knows no record with code {code}; the code may be misread "
                                "from the paper, or the record is not genuine: compare it with the paper and ask the "
                                "service{said}"),
    TaxOutcome.UNAVAILABLE: ("{place}：无法向{service}查询{said}；请人工核验", "{place}: the {service} could not be asked{said}; verify the record by hand"),
    TaxOutcome.NOT_ASKED: ("{place}：未送{service}核验：{detail}", "{place}: not sent to the {service}: {detail}"),
    "no_record": ("材料中没有完税证明", "no tax record in the bundle"),
    "not_configured": ("未配置税务核验服务（DOCPROC_TAX_VERIFY_URL）：该记录未经开具方核验",
                       "no tax verification service is configured (DOCPROC_TAX_VERIFY_URL): the record was not "
                       "verified with its issuer"),
    "none_sent": ("完税证明未送核验", "the tax records were not sent for verification"),
}


def reason(key: object, **values: object) -> Said:
    """The sentence ``key`` with its values, in both languages."""
    return said_by(REASONS, key, **values)


def _reason(item: TaxVerification, place: Said, service: str) -> Said:
    answer = item.answer
    held = ", ".join(f"{name.replace('_', ' ')} {value}" for name, value in
                     (("total_income", answer.total_income), ("total_tax", answer.total_tax)) if value is not None)
    return reason(answer.outcome, place=place, service=service, code=item.serial or "?",
                  said=f" ({answer.detail})" if answer.detail else "", held=f": {held}" if held else "",
                  detail=answer.detail or say("无可发送的内容", "nothing to send"))


@check("anomaly.tax_verified", Category.ANOMALY, title=("税务数据第三方核验", "Tax record verified with its issuer"))
def tax_verified(bundle: Bundle, policy: Policy) -> Verdict:
    """Each tax record's code and amounts are confirmed by the issuing service (when one is configured)."""
    records = bundle.of_type(DocType.TAX_CERTIFICATE)
    if not records:
        return Verdict(Status.NOT_APPLICABLE, [reason("no_record")])
    facts = bundle.tax_verification
    if facts is None:
        return Verdict(Status.NOT_APPLICABLE, [reason("not_configured")])
    docs = {d.id: d for d in records}
    reasons, statuses, ev = [], [], []
    for item in facts.results:
        doc = docs.get(item.document_id)
        if doc is None:
            continue
        reasons.append(_reason(item, say(where_zh(doc), where(doc)), facts.service))
        ev.append(evidence(doc, "verification_code"))
        outcome = item.answer.outcome
        statuses.append(Status.PASS if outcome == TaxOutcome.VERIFIED else Status.FAIL
                        if outcome == TaxOutcome.MISMATCH else
                        Status(policy.tax_verification.unknown_serial) if outcome == TaxOutcome.UNKNOWN_SERIAL
                        else Status.REVIEW)
    if not statuses:
        return Verdict(Status.REVIEW, [reason("none_sent")], [evidence(d) for d in records])
    worst = next(s for s in (Status.FAIL, Status.REVIEW, Status.PASS) if s in statuses)
    return Verdict(worst, reasons, ev)
