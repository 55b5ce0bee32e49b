"""The credit report's anomalies: amounts overdue now and overdue months in the last 24, hard inquiries, debt
payments against verified income, and loans whose repayments the bank statement does not show.

Each check is not_applicable without a credit report (a profile asks for one with ``{ type = "credit_report" }``
in its ``required``; completeness.credit_report then says when it is missing), so bundles without one are judged
as before.
"""

from __future__ import annotations

import calendar
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from docproc.core.models import BBox, Bundle, Category, DocType, Document, Evidence, Status
from docproc.core.policy import Policy
from docproc.validators._common import Said, evidence, months_between, say, value, where, where_zh
from docproc.validators.money import _is_salary, _row_evidence, _rows
from docproc.validators.registry import Verdict, check

_NO_REPORT = ("没有个人信用报告", "no credit report in the bundle")
_KIND_ZH = {"credit_card": "贷记卡", "mortgage": "住房贷款", "consumer": "消费贷款", "business": "经营贷款", "other": "贷款"}


def _report(bundle: Bundle) -> Document | None:
    """The newest credit report of the bundle."""
    docs = bundle.of_type(DocType.CREDIT_REPORT)
    dated = [d for d in docs if isinstance(value(d, "report_date"), date)]
    return max(dated, key=lambda d: value(d, "report_date")) if dated else (docs[0] if docs else None)


def _rows_of(doc: Document, name: str) -> list[dict[str, Any]]:
    rows = value(doc, name)
    return [r for r in rows if isinstance(r, dict)] if isinstance(rows, list) else []


def _row_ev(doc: Document, name: str, index: int, row: dict[str, Any]) -> Evidence:
    """Evidence of one account or inquiry: its page and box (meta ``account_rows`` / ``query_rows``)."""
    boxes = doc.meta.get("account_rows" if name == "accounts" else "query_rows") or []
    spot = boxes[index] if index < len(boxes) else {}
    field = doc.fields.get(name)
    unit = field.bbox.unit if field and field.bbox else None
    box = spot.get("bbox")
    bbox = BBox(x0=box[0], y0=box[1], x1=box[2], y1=box[3], unit=unit) if box and unit else None
    return Evidence(document_id=doc.id, file_id=doc.file_id, page=spot.get("page") or (field.page if field else None),
                    bbox=bbox, field=name, value={k: str(v) for k, v in row.items() if v is not None})


def _amount(row: dict[str, Any], key: str) -> Decimal | None:
    raw = row.get(key)
    try:
        return None if raw is None else Decimal(str(raw))
    except ArithmeticError:
        return None


def _late_months(row: dict[str, Any]) -> int:
    """Overdue months the report counts for the account: of the last 24 (detailed layout) or of five years (the
    simple layout's sentence); ``_window`` says which."""
    for key in ("overdue_months_24m", "overdue_months_5y"):
        if isinstance(row.get(key), int):
            return int(row[key])
    return 0


def _window(row: dict[str, Any]) -> tuple[str, str]:
    return ("近5年", "in five years") if "overdue_months_24m" not in row and isinstance(
        row.get("overdue_months_5y"), int) else ("近24个月", "in the last 24 months")


def _severity(row: dict[str, Any], policy: Policy) -> Said | None:
    """A late status worse than the policy lets pass on count alone (61–90 days late by default, or a bad debt,
    a guarantor's or an asset repayment), said for the account; None when there is none."""
    worst = str(row.get("worst_status_24m") or "N")
    if worst in ("D", "Z", "B") or (worst.isdigit() and int(worst) >= policy.credit.worst_status_review):
        words = {"B": ("呆账", "a bad debt"), "D": ("担保人代还", "repaid by a guarantor"),
                 "Z": ("以资抵债", "settled with assets")}
        zh, en = words.get(worst, (f"最长逾期状态{worst}", f"late status {worst} (up to {worst} months late)"))
        return say(f"{_account_zh(row)}近24个月出现{zh}", f"{_account_en(row)}: {en} in the last 24 months")
    return None


def _account_zh(row: dict[str, Any]) -> str:
    return f"{row.get('institution') or '未具名机构'}{_KIND_ZH.get(str(row.get('kind')), '账户')}"


def _account_en(row: dict[str, Any]) -> str:
    return f"{str(row.get('kind') or 'account').replace('_', ' ')} at {row.get('institution') or 'an unnamed institution'}"


@check("anomaly.credit_overdue", Category.ANOMALY, title=("征信逾期", "Overdue on the credit report"))
def credit_overdue(bundle: Bundle, policy: Policy) -> Verdict:
    """An amount overdue now fails; more overdue months in the last 24 than the policy allows asks for a review."""
    doc = _report(bundle)
    if doc is None:
        return Verdict(Status.NOT_APPLICABLE, [say(*_NO_REPORT)])
    accounts = _rows_of(doc, "accounts")
    if not accounts:
        return Verdict(Status.REVIEW, [say(f"{where_zh(doc)}上的信贷账户未能识别", f"the accounts on {where(doc)} could not be read")],
                       [evidence(doc)])
    now = [(i, a, amount) for i, a in enumerate(accounts) if (amount := _amount(a, "overdue_amount")) and amount > 0]
    if now:
        reasons = [say(f"{_account_zh(a)}当前逾期{amount}元", f"{_account_en(a)}: {amount} overdue now") for _, a, amount in now]
        return Verdict(Status.FAIL, reasons, [_row_ev(doc, "accounts", i, a) for i, a, _ in now])
    unread = [(i, a) for i, a in enumerate(accounts) if _amount(a, "overdue_amount") is None or a.get("history_unread_months")]
    if unread:  # an amount overdue or a month of history that was not read is not a clean record
        return Verdict(Status.REVIEW, [say(f"{_account_zh(a)}的当前逾期金额或还款记录未能完整识别",
                                           f"{_account_en(a)}: the amount overdue or part of the repayment history "
                                           "could not be read") for _, a in unread],
                       [_row_ev(doc, "accounts", i, a) for i, a in unread])
    months = sum(_late_months(a) for a in accounts)
    past = [(i, a) for i, a in enumerate(accounts) if _late_months(a)]
    limit = policy.credit.past_overdue_months_max
    window = _window(accounts[0]) if len({_window(a) for a in accounts}) == 1 else ("近24个月或近5年", "in 24 months or five years")
    summary = say(f"{window[0]}共{months}个月逾期（{len(past)}个账户）；上限{limit}个月",
                  f"{months} overdue month(s) {window[1]} over {len(past)} account(s); the policy allows {limit}")
    severe = [(i, a, said) for i, a in enumerate(accounts) if (said := _severity(a, policy)) is not None]
    if months > limit or severe:
        details = [say(f"{_account_zh(a)}：{w[0]}{_late_months(a)}个月逾期", f"{_account_en(a)}: {_late_months(a)} overdue "
                       f"month(s) {w[1]}") for _, a in past if (w := _window(a))]
        flagged = dict.fromkeys([*(i for i, _ in past), *(i for i, _, _ in severe)])
        return Verdict(Status.REVIEW, [summary, *details, *(said for _, _, said in severe)],
                       [_row_ev(doc, "accounts", i, accounts[i]) for i in flagged])
    return Verdict(Status.PASS, [say(f"{len(accounts)}个账户均无当前逾期", f"none of {len(accounts)} account(s) is overdue now"),
                                 summary], [evidence(doc, "accounts")])


def months_before(day: date, months: int) -> date:
    """The same day ``months`` calendar months earlier (the month's last day when it has fewer days)."""
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


@check("anomaly.credit_queries", Category.ANOMALY, title=("征信查询次数", "Hard inquiries on the credit report"))
def credit_queries(bundle: Bundle, policy: Policy) -> Verdict:
    """More loan or card approval inquiries in the recent months than the policy allows asks for a review."""
    doc = _report(bundle)
    if doc is None:
        return Verdict(Status.NOT_APPLICABLE, [say(*_NO_REPORT)])
    rule = policy.credit
    queries = _rows_of(doc, "queries")
    made = value(doc, "report_date")
    if not queries or not isinstance(made, date):
        return Verdict(Status.REVIEW, [say(f"{where_zh(doc)}上的查询记录或报告时间未能识别",
                                           f"the inquiries or the report date on {where(doc)} could not be read")], [evidence(doc)])
    since = months_before(made, rule.hard_query_months)
    hard = [(i, q) for i, q in enumerate(queries)
            if q.get("reason") in rule.hard_query_reasons and isinstance(q.get("date"), date) and q["date"] > since]
    reason = say(f"{since}之后（近{rule.hard_query_months}个月）贷款或信用卡审批查询{len(hard)}次；上限{rule.hard_queries_max}次",
                 f"{len(hard)} loan or card approval inquiry(ies) since {since} (last {rule.hard_query_months} months); "
                 f"the policy allows {rule.hard_queries_max}")
    if len(hard) > rule.hard_queries_max:
        return Verdict(Status.REVIEW, [reason], [_row_ev(doc, "queries", i, q) for i, q in hard])
    return Verdict(Status.PASS, [reason], [_row_ev(doc, "queries", i, q) for i, q in hard] or [evidence(doc, "queries")])


def verified_income(bundle: Bundle, policy: Policy) -> tuple[Decimal, Said, list[Evidence]] | None:
    """Monthly income as the papers bear it out: the salary credits of the bank statements averaged over the months
    that have any, else a tax record's income over the months of its period; None when neither is there."""
    employer = next((value(d, "employer") for d in bundle.of_type(DocType.INCOME_PROOF)), None)
    by_month: dict[tuple[int, int], Decimal] = {}
    ev: list[Evidence] = []
    for doc in bundle.of_type(DocType.BANK_STATEMENT):
        for index, row in enumerate(_rows(doc)):
            if hasattr(row.get("date"), "year") and _is_salary(row, policy, employer):
                key = (row["date"].year, row["date"].month)
                by_month[key] = by_month.get(key, Decimal(0)) + Decimal(str(row["amount"]))
                if len(ev) < 6:
                    ev.append(_row_evidence(doc, index, row))
    if by_month:
        # over the months the statements cover, not only those with pay: a missed salary lowers the average
        covered = max(len(by_month), _covered_months(bundle.of_type(DocType.BANK_STATEMENT)))
        average = (sum(by_month.values(), Decimal(0)) / covered).quantize(Decimal("0.01"))
        return average, say(f"流水覆盖{covered}个月，其中{len(by_month)}个月有工资入账，月均{average}元",
                            f"salary credits in {len(by_month)} of the {covered} month(s) the statement covers: "
                            f"{average} a month"), ev
    for doc in bundle.of_type(DocType.TAX_CERTIFICATE):
        total, start, end = value(doc, "total_income"), value(doc, "period_start"), value(doc, "period_end")
        if total is not None and isinstance(start, date) and isinstance(end, date) and end > start:
            months = max(1, round(months_between(start, end)))
            average = (Decimal(str(total)) / months).quantize(Decimal("0.01"))
            return average, say(f"纳税记录{months}个月收入{total}元，月均{average}元",
                                f"the tax record's income {total} over {months} month(s): {average} a month"), \
                [evidence(doc, "total_income")]
    return None


def _covered_months(statements: list[Document]) -> int:
    """Whole months between the earliest start and the latest end of the statements' periods (0 when unread)."""
    starts = [d for s in statements if isinstance(d := value(s, "period_start"), date)]
    ends = [d for s in statements if isinstance(d := value(s, "period_end"), date)]
    return round(months_between(min(starts), max(ends))) if starts and ends and max(ends) > min(starts) else 0


def annuity(principal: Decimal, *, rate: float, years: int) -> Decimal:
    """The monthly payment of an equal-instalment loan (等额本息), to the cent."""
    months, r = years * 12, rate / 12
    payment = float(principal) / months if r == 0 else float(principal) * r / (1 - (1 + r) ** -months)
    return Decimal(str(payment)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def _existing(accounts: list[dict[str, Any]], policy: Policy) -> tuple[Decimal, list[Said], list[int]]:
    """Monthly payments of the open accounts: printed, or for a card without one a share of its balance; the
    loans that print none are returned apart (their payments are unknown)."""
    total, notes, unknown = Decimal(0), [], []
    for index, account in enumerate(accounts):
        payment, read_balance = _amount(account, "monthly_payment"), _amount(account, "balance")
        balance = read_balance or Decimal(0)
        if payment is not None:
            total += payment
        elif read_balance is None and account.get("kind") != "credit_card":
            unknown.append(index)  # neither its payment nor its balance was read: it may be a loan being repaid
        elif account.get("kind") == "credit_card":
            estimate = (balance * Decimal(str(policy.credit.card_payment_share))).quantize(Decimal("0.01"))
            total += estimate
            notes.append(say(f"{_account_zh(account)}未印本月应还款，按已用额度的{policy.credit.card_payment_share:.0%}计{estimate}元",
                             f"{_account_en(account)} prints no monthly payment: counted as "
                             f"{policy.credit.card_payment_share:.0%} of its balance, {estimate}"))
        elif balance > 0:
            unknown.append(index)
    return total, notes, unknown


@check("anomaly.debt_to_income", Category.ANOMALY, title=("负债收入比", "Debt payments against income"))
def debt_to_income(bundle: Bundle, policy: Policy) -> Verdict:
    """(Existing monthly payments + the new loan's annuity) / verified monthly income: above the limit fails, a band
    below it asks for a review; not applicable without a loan amount, a verified income or a credit report."""
    doc, loan = _report(bundle), bundle.application.loan_amount
    if doc is None:
        return Verdict(Status.NOT_APPLICABLE, [say(*_NO_REPORT)])
    if loan is None or loan <= 0:
        return Verdict(Status.NOT_APPLICABLE, [say("申请未填贷款金额，无法计算新增月供", "no loan amount was entered: the new payment is unknown")])
    income = verified_income(bundle, policy)
    if income is None or income[0] <= 0:  # a report and a loan amount are there: the ratio is owed, not inapplicable
        return Verdict(Status.REVIEW, [say("没有可核实的收入（流水中的工资入账或纳税记录），负债收入比无法计算，请人工核实",
                                           "no verified income (salary credits in a bank statement, or a tax record): "
                                           "the debt-to-income ratio cannot be worked out; check it by hand")],
                       [evidence(doc)])
    monthly, income_reason, income_ev = income
    rule = policy.credit
    accounts = _rows_of(doc, "accounts")
    if not accounts:
        return Verdict(Status.REVIEW, [say(f"{where_zh(doc)}上的信贷账户未能识别，现有月还款未知",
                                           f"the accounts on {where(doc)} could not be read: existing payments are unknown")],
                       [evidence(doc)])
    existing, notes, unknown = _existing(accounts, policy)
    new = annuity(Decimal(str(loan)), rate=rule.new_loan_rate, years=rule.new_loan_years)
    ratio = (existing + new) / monthly
    reasons = [income_reason, *notes,
               say(f"现有月还款{existing}元，新增贷款{loan}元月供{new}元（年利率{rule.new_loan_rate:.2%}，{rule.new_loan_years}年）：负债收入比{ratio:.1%}，上限{rule.dti_limit:.0%}",
                   f"existing payments {existing} a month, the new loan of {loan} costs {new} ({rule.new_loan_rate:.2%} a year, "
                   f"{rule.new_loan_years} years): {ratio:.1%} of income; the limit is {rule.dti_limit:.0%}")]
    ev = [*income_ev, evidence(doc, "accounts")]
    if ratio > Decimal(str(rule.dti_limit)):
        return Verdict(Status.FAIL, reasons, ev)
    if unknown:
        reasons.append(say(f"{len(unknown)}笔贷款未印本月应还款，实际比例更高，请取得详版信用报告",
                           f"{len(unknown)} loan(s) print no monthly payment, so the ratio is higher than this: "
                           "ask for the detailed report"))
        return Verdict(Status.REVIEW, reasons, ev + [_row_ev(doc, "accounts", i, accounts[i]) for i in unknown])
    if ratio >= Decimal(str(rule.dti_review_from)):
        return Verdict(Status.REVIEW, reasons, ev)
    return Verdict(Status.PASS, reasons, ev)


def _months(first: date, last: date) -> int:
    return max(0, (last.year - first.year) * 12 + last.month - first.month + 1)


def _repaid(account: dict[str, Any], payment: Decimal, debits: list[tuple[date, Decimal]], period: tuple[date, date],
            policy: Policy) -> bool:
    """The payment is debited (to the yuan the report rounds to) in as many months as the policy asks, or as the
    loan has been repaid within the statement's period when it is younger; a one-off debit of that size is chance."""
    margin = max(Decimal("1"), payment * Decimal(str(policy.credit.repayment_tolerance)))
    opened = account.get("opened")
    first = period[0] if not isinstance(opened, date) else max(period[0], months_before(opened, -1))
    need = min(policy.credit.repayment_months_min, _months(first, period[1]))
    seen = {(day.year, day.month) for day, amount in debits if abs(amount - payment) <= margin}
    return len(seen) >= need


@check("anomaly.credit_hidden_debt", Category.ANOMALY, title=("贷款还款见于流水", "Loan repayments in the statement"))
def credit_hidden_debt(bundle: Bundle, policy: Policy) -> Verdict:
    """Every loan the report shows being repaid has a debit of its monthly payment in the bank statements; a loan
    repaid from somewhere the statements do not show asks for a review (another account, another income)."""
    doc = _report(bundle)
    statements = [d for d in bundle.of_type(DocType.BANK_STATEMENT) if _rows(d)]
    if doc is None or not statements:
        return Verdict(Status.NOT_APPLICABLE, [say("需要个人信用报告和银行流水明细", "needs a credit report and bank statement rows")])
    ends = [e for d in statements if isinstance(e := value(d, "period_end"), date)]
    debits = [(r["date"], -Decimal(str(r["amount"]))) for d in statements for r in _rows(d)
              if Decimal(str(r["amount"])) < 0 and isinstance(r.get("date"), date)]
    days = [day for day, _ in debits]
    starts = [s for d in statements if isinstance(s := value(d, "period_start"), date)]
    period = (min(starts or days or [date.min]), max(ends or days or [date.min]))
    accounts = _rows_of(doc, "accounts")
    if not accounts:
        return Verdict(Status.REVIEW, [say(f"{where_zh(doc)}上的信贷账户未能识别", f"the accounts on {where(doc)} could not be read")],
                       [evidence(doc)])
    loans = [(i, a) for i, a in enumerate(accounts)  # a balance not read may be a loan still being repaid
             if a.get("kind") != "credit_card" and ((b := _amount(a, "balance")) is None or b > 0)
             and not (isinstance(a.get("opened"), date) and ends and a["opened"] >= max(ends))]
    checked = [(i, a, p) for i, a in loans if (p := _amount(a, "monthly_payment")) and p > 0]
    if not loans:
        return Verdict(Status.PASS, [say("信用报告中没有在还的贷款", "the credit report shows no loan being repaid")],
                       [evidence(doc, "accounts")])
    if not checked:
        return Verdict(Status.NOT_APPLICABLE, [say(f"{len(loans)}笔贷款未印本月应还款，无法与流水核对",
                                                    f"{len(loans)} loan(s) print no monthly payment to look for in the statement")])
    missing = [(i, a, p) for i, a, p in checked if not _repaid(a, p, debits, period, policy)]
    if missing:
        reasons = [say(f"{_account_zh(a)}每月应还{p}元，流水中没有逐月相符的支出", f"{_account_en(a)}: {p} a month, "
                       "not debited month by month in the statement") for _, a, p in missing]
        return Verdict(Status.REVIEW, reasons, [_row_ev(doc, "accounts", i, a) for i, a, _ in missing]
                       + [evidence(d, "transactions") for d in statements])
    return Verdict(Status.PASS, [say(f"{len(checked)}笔贷款的月还款均见于流水", f"the monthly payment of each of {len(checked)} "
                                     "loan(s) is debited in the statement")],
                   [_row_ev(doc, "accounts", i, a) for i, a, _ in checked])
