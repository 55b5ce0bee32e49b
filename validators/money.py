"""Anomalies in the money: 数字 vs 大写, declared income vs salary credits, the running balance,
deposits just before the application, repeated rows, and the loan against the price."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import Any, NamedTuple

from docproc.cn.amount_words import UNITS, from_words
from docproc.core.models import BBox, Bundle, Category, DocType, Document, Evidence, Status
from docproc.core.policy import Policy
from docproc.validators._common import Said, every_declared_page_present, evidence, say, value, where, where_zh
from docproc.validators.registry import Verdict, check

_PAIRS = ((DocType.INCOME_PROOF, "monthly_income", "amount_in_words"),
          (DocType.PURCHASE_CONTRACT, "total_price", "total_price_in_words"))


@check("anomaly.amount_in_words", Category.ANOMALY, title=("金额大小写一致", "Amount in figures vs in words"))
def amounts_agree(bundle: Bundle, policy: Policy) -> Verdict:
    """Every amount printed in figures equals its 大写 twin."""
    compared, mismatched, ev = 0, 0, []
    problems: list[str] = []
    for doc_type, number_field, words_field in _PAIRS:
        for doc in bundle.of_type(doc_type):
            number, words = value(doc, number_field), value(doc, words_field)
            if number is None or not words:
                continue
            ev += [evidence(doc, number_field), evidence(doc, words_field)]
            if not UNITS.intersection(str(words)):  # 柒仟伍佰: the rest (叁拾伍元整) was not read
                problems.append(say(f"{where_zh(doc)}：大写金额“{words}”未能完整识别（在元、角或分之前中断）",
                                    f"{where(doc)}: the amount in words {words!r} could not be read whole "
                                    "(it stops before its 元, 角 or 分)"))
                continue
            try:
                spelled = from_words(str(words))
            except ValueError:
                problems.append(say(f"{where_zh(doc)}：大写金额“{words}”无法识别为金额",
                                    f"{where(doc)}: the amount in words {words!r} could not be read as an amount"))
                continue
            compared += 1
            if Decimal(str(number)) != spelled:
                mismatched += 1
                problems.append(say(f"{where_zh(doc)}：小写金额为{number}，大写金额为{words}（{spelled}）",
                                    f"{where(doc)}: figures say {number}, words say {words} ({spelled})"))
    if problems:
        return Verdict(Status.FAIL if mismatched else Status.REVIEW, problems, ev)
    if not compared:
        return Verdict(Status.NOT_APPLICABLE, [say("没有同时以小写和大写书写的金额", "no amount printed both in figures and in words")])
    return Verdict(Status.PASS, [say(f"{compared}处金额大小写一致", f"{compared} amount(s) agree in figures and words")], ev)


def _rows(doc: Document) -> list[dict[str, Any]]:
    rows = value(doc, "transactions")
    return rows if isinstance(rows, list) else []


def _row_evidence(doc: Document, index: int, row: dict[str, Any]) -> Evidence:
    boxes = doc.meta.get("transaction_rows") or []
    box = boxes[index] if index < len(boxes) else None
    field = doc.fields.get("transactions")
    unit = field.bbox.unit if field and field.bbox else None
    bbox = BBox(x0=box["bbox"][0], y0=box["bbox"][1], x1=box["bbox"][2], y1=box["bbox"][3], unit=unit) \
        if box and unit else None
    return Evidence(document_id=doc.id, file_id=doc.file_id, page=box["page"] if box else None, bbox=bbox,
                    field="transactions", value={k: str(v) for k, v in row.items() if v is not None})


def page_boundary_breaks(doc: Document) -> list[int]:
    """Row indexes where the balance chain breaks exactly where one page ends and the next begins.

    Such a break is what a missing statement page looks like, so it is reported as an incomplete
    document (completeness.pages.bank_statement), not as an edited one; unless the printed numbering
    shows every page present, when it is a break like any other (anomaly.balance_chain).
    """
    rows, boxes = _rows(doc), doc.meta.get("transaction_rows") or []
    if every_declared_page_present(doc):
        return []
    breaks = []
    for index in range(1, min(len(rows), len(boxes))):
        prev, row = rows[index - 1], rows[index]
        chained = Decimal(str(prev["balance"])) + Decimal(str(row["amount"])) == Decimal(str(row["balance"]))
        if not chained and _at_page_turn(doc, index):
            breaks.append(index)
    return breaks


def _at_page_turn(doc: Document, index: int) -> bool:
    """Row ``index`` is the first read on its page."""
    boxes = doc.meta.get("transaction_rows") or []
    return 0 < index < len(boxes) and boxes[index]["page"] != boxes[index - 1]["page"]


def _is_salary(row: dict[str, Any], policy: Policy, employer: str | None) -> bool:
    text = f"{row.get('description') or ''}{row.get('counterparty') or ''}".lower()
    by_words = any(word.lower() in text for word in policy.income.salary_words)
    by_employer = bool(employer) and str(employer) in str(row.get("counterparty") or "")
    return Decimal(str(row["amount"])) > 0 and (by_words or by_employer)


@check("anomaly.income", Category.ANOMALY, title=("收入与流水一致", "Declared income vs salary credits"))
def income_matches_statement(bundle: Bundle, policy: Policy) -> Verdict:
    """The monthly income on the income proof is borne out by salary credits in the statement."""
    letters, statements = bundle.of_type(DocType.INCOME_PROOF), bundle.of_type(DocType.BANK_STATEMENT)
    if not letters or not statements or value(letters[0], "monthly_income") is None:
        return Verdict(Status.NOT_APPLICABLE, [say("需要收入证明和银行流水", "needs an income proof and a bank statement")])
    declared = Decimal(str(value(letters[0], "monthly_income")))
    employer = value(letters[0], "employer")
    salaries = [(d, i, r) for d in statements for i, r in enumerate(_rows(d)) if _is_salary(r, policy, employer)]
    ev = [evidence(letters[0], "monthly_income")]
    if not salaries:
        return Verdict(Status.REVIEW, [say(f"申报月收入{declared}元，但流水中未找到工资入账",
                                           f"declared {declared}/month, but no salary credits were found in the statement")],
                       ev + [evidence(statements[0], "transactions")])
    by_month: dict[tuple[int, int], Decimal] = {}
    for _, _, row in salaries:
        key = (row["date"].year, row["date"].month) if hasattr(row["date"], "year") else (0, 0)
        by_month[key] = by_month.get(key, Decimal(0)) + Decimal(str(row["amount"]))
    average = sum(by_month.values(), Decimal(0)) / len(by_month)
    ev += [_row_evidence(d, i, r) for d, i, r in salaries[:6]]
    zh_reason = f"申报月收入{declared}元；{len(by_month)}个月的工资入账平均{average:.2f}元"
    en_reason = f"declared {declared}/month; salary credits average {average:.2f} over {len(by_month)} month(s)"
    limit = average * Decimal(str(1 + policy.income.tolerance))
    if declared > limit:
        tolerance = f"{policy.income.tolerance:.0%}"
        return Verdict(Status.FAIL, [say(f"{zh_reason}：高出{tolerance}以上", f"{en_reason}: more than {tolerance} above")], ev)
    return Verdict(Status.PASS, [say(zh_reason, en_reason)], ev)


def _one_digit_apart(a: Decimal, b: Decimal) -> bool:
    """Two amounts printed alike but for one digit misread, lost or doubled: what one character of a
    scan read wrongly makes."""
    if (a < 0) != (b < 0) or a == b:
        return False
    x, y = sorted((f"{abs(a):.2f}", f"{abs(b):.2f}"), key=len)
    if len(x) == len(y) and sum(p != q for p, q in zip(x, y, strict=True)) == 1:
        return True
    # a digit lost counts in the digits as read, the point with it or not (4,160.86 read 4160.6; 242.44 read 2424)
    x, y = sorted((_read_digits(a), _read_digits(b)), key=len)
    return len(y) - len(x) == 1 and any(y[:i] + y[i + 1:] == x for i in range(len(y)))


def _read_digits(amount: Decimal) -> str:
    """The digits of an amount as a read gives them, without the zeros its cents would add (4160.6: 41606)."""
    text = f"{abs(amount):f}"
    return (text.rstrip("0").rstrip(".") if "." in text else text).replace(".", "")


MISREAD_DIGITS = 2  # digits of one balance a scan may misread at once (37,312.71 read as 37312.15)


def _digits_apart(a: Decimal, b: Decimal) -> bool:
    """Two balances printed alike but for one digit lost or doubled, or up to MISREAD_DIGITS digits misread."""
    x, y = f"{abs(a):.2f}", f"{abs(b):.2f}"
    if (a < 0) != (b < 0) or x == y:
        return False
    if len(x) == len(y):
        return sum(p != q for p, q in zip(x, y, strict=True)) <= MISREAD_DIGITS
    return _one_digit_apart(a, b)


def _ocr_pages(doc: Document) -> set[int]:
    sources = doc.meta.get("page_sources") or []
    return {page for page, source in zip(doc.pages, sources, strict=False) if source == "ocr"}


SKIPPED_ROW_SHARE = 0.7  # extra space, in row heights, that a row the reader skipped leaves


def _skipped_row(doc: Document, index: int) -> bool:
    """The space above row ``index`` is wider than the usual space between rows by most of a row's
    height: room for a row the reader did not return (a row wrapped onto two lines is taller, not
    further away, and does not count). At a page turn, with every declared page present, the row
    may as well have been the last of one page or the first of the next."""
    boxes = doc.meta.get("transaction_rows") or []
    if index >= len(boxes):
        return False
    if _at_page_turn(doc, index):
        return every_declared_page_present(doc)
    page = [b["bbox"] for b in boxes if b["page"] == boxes[index]["page"]]
    if len(page) < 4:
        return False
    spaces = sorted(below[1] - above[3] for above, below in zip(page, page[1:], strict=False))
    heights = sorted(b[3] - b[1] for b in page)
    space = boxes[index]["bbox"][1] - boxes[index - 1]["bbox"][3]
    return space >= spaces[len(spaces) // 2] + SKIPPED_ROW_SHARE * heights[len(heights) // 2]


def _misread(doc: Document, rows: list[dict[str, Any]], index: int, carried: Decimal) -> tuple[Said, Decimal] | None:
    """Why a break on a scanned page may be the reader's and not the paper's, and the balance to go on from.

    A balance misread in a digit or two, lost or doubled in one (the next row chains from the computed
    balance); an amount misread in one digit, or its minus sign lost (the next row chains from the printed
    balance, or a row may be missing before it); both in one row; or a row skipped in a gap wider than a row:
    reported for a person to compare with the paper. A break with no such reading stays a failure.
    """
    row = rows[index]
    amount, printed = Decimal(str(row["amount"])), Decimal(str(row["balance"]))
    following = rows[index + 1] if index + 1 < len(rows) else None
    after = Decimal(str(following["amount"])) if following else None
    next_balance = Decimal(str(following["balance"])) if following else None
    next_follows = after is None or printed + after == next_balance or _skipped_row(doc, index + 1)
    for figure in (amount, -amount):  # as read, or with the minus sign the scan lost (or made up)
        expected = carried + figure
        if figure != amount and expected == printed and next_follows:
            return say(f"金额识别为{amount}；若为{figure}则连续", f"the amount reads {amount}; {figure} would chain"), printed
        if after is None or not _digits_apart(expected, printed) or expected + after != next_balance:
            continue
        if figure != amount:
            return say(f"金额识别为{amount}、余额识别为{printed}；若为{figure}、{expected}则连续",
                       f"the amount reads {amount} and the balance {printed}; {figure} and {expected} would chain"), expected
        return say(f"余额识别为{printed}；若为{expected}则连续", f"the balance reads {printed}; {expected} would chain"), expected
    if (amount == 0 or _one_digit_apart(printed - carried, amount)) and next_follows:
        # an amount read as nothing (300.00 read 000) says no figure at all: the balance moved, so it was not read
        return say(f"金额识别为{amount}；若为{printed - carried}则连续",
                   f"the amount reads {amount}; {printed - carried} would chain"), printed
    if _skipped_row(doc, index):
        if _at_page_turn(doc, index):
            return say("之前的换页处（所有页均在）可能有一行未能识别",
                       "the page turn before it (every declared page is present) may hold a row the scan did not yield"), printed
        return say("上方的空隙可能有一行未能识别", "the gap above it may hold a row the scan did not yield"), printed
    return None


class _Chain(NamedTuple):
    """One statement followed row by row: pairs checked, breaks, breaks a misreading explains, evidence."""

    checked: int
    broken: list[Said]
    misread: list[Said]
    evidence: list[Evidence]


def _follow_chain(doc: Document) -> _Chain:
    """Follow one statement's running balance."""
    rows, scanned = _rows(doc), _ocr_pages(doc)
    boxes = doc.meta.get("transaction_rows") or []
    boundary = set(page_boundary_breaks(doc))
    problems: list[Said] = []
    unclear: list[Said] = []
    ev: list[Evidence] = []
    checked = 0
    carried = Decimal(str(rows[0]["balance"]))
    for index, row in enumerate(rows[1:], start=1):
        printed = Decimal(str(row["balance"]))
        if index in boundary:
            carried = printed
            continue  # a missing page, reported by completeness.pages.bank_statement
        checked += 1
        expected = carried + Decimal(str(row["amount"]))
        if expected != printed:
            page = boxes[index]["page"] if index < len(boxes) else None
            explained = _misread(doc, rows, index, carried) if page in scanned else None
            ev.append(_row_evidence(doc, index, row))
            if explained:
                unclear.append(say(f"{where_zh(doc)}第{index + 1}行（{row['date']}，第{page}页）：{explained[0].zh}",
                                   f"{where(doc)} row {index + 1} ({row['date']}, page {page}): {explained[0].en}"))
                carried = explained[1]
                continue
            sums = f"{carried} + {row['amount']} = {expected}"
            problems.append(say(f"{where_zh(doc)}第{index + 1}行（{row['date']}）：{sums}，但印为{row['balance']}",
                                f"{where(doc)} row {index + 1} ({row['date']}): {sums}, printed {row['balance']}"))
        carried = printed
    seen: set[tuple[str, ...]] = set()
    for index, row in enumerate(rows):
        key = tuple(str(row.get(k)) for k in ("date", "description", "amount", "balance", "counterparty"))
        if key in seen:
            problems.append(say(f"{where_zh(doc)}第{index + 1}行与前面某行完全相同",
                                f"{where(doc)} row {index + 1} repeats an earlier row exactly"))
            ev.append(_row_evidence(doc, index, row))
        seen.add(key)
    return _Chain(checked, problems, unclear, ev)


@check("anomaly.balance_chain", Category.ANOMALY, title=("流水余额连续", "Running balance chain"))
def balance_chain(bundle: Bundle, policy: Policy) -> Verdict:
    """Every row: previous balance + amount = balance, to the cent; no row repeated.

    On a scanned page a break the reader can explain (one misread digit, a skipped row) asks a person
    to compare that row with the paper (review); any other break fails.
    """
    statements = [d for d in bundle.of_type(DocType.BANK_STATEMENT) if _rows(d)]
    if not statements:
        return Verdict(Status.NOT_APPLICABLE, [say("没有可核对的流水明细", "no statement rows to follow")])
    chains = [_follow_chain(d) for d in statements]
    problems = [p for c in chains for p in c.broken]
    unclear = [u for c in chains for u in c.misread]
    ev = [e for c in chains for e in c.evidence]
    if problems:
        return Verdict(Status.FAIL, [*problems, *unclear][:20], ev[:20])
    if unclear:
        return Verdict(Status.REVIEW, [say(f"扫描页上有{len(unclear)}处不连续疑为识别误差，请与纸质原件核对以下各行",
                                           f"{len(unclear)} break(s) on scanned pages look like misreadings; "
                                           "compare these rows with the paper"), *unclear[:19]], ev[:20])
    pairs = sum(c.checked for c in chains)
    return Verdict(Status.PASS, [say(f"{pairs}组相邻行余额精确到分均连续", f"{pairs} consecutive row pair(s) agree to the cent")],
                   [evidence(d, "transactions") for d in statements])


@check("anomaly.statement_deposits", Category.ANOMALY, title=("申请前大额或整数存入", "Large or round deposits before the application"))
def late_deposits(bundle: Bundle, policy: Policy) -> Verdict:
    """Large or round credits (other than salary) in the days just before the application."""
    statements = [d for d in bundle.of_type(DocType.BANK_STATEMENT) if _rows(d)]
    if not statements:
        return Verdict(Status.NOT_APPLICABLE, [say("没有可查看的流水明细", "no statement rows to look at")])
    rule = policy.deposits
    since = bundle.application.application_date - timedelta(days=rule.window_days)
    employer = next((value(d, "employer") for d in bundle.of_type(DocType.INCOME_PROOF)), None)
    flagged = []
    for doc in statements:
        for index, row in enumerate(_rows(doc)):
            amount = Decimal(str(row["amount"]))
            if amount <= 0 or not hasattr(row["date"], "year") or row["date"] < since or _is_salary(row, policy, employer):
                continue
            large = amount >= Decimal(str(rule.large_amount))
            round_ = amount >= 2 * Decimal(str(rule.round_unit)) and amount % Decimal(str(rule.round_unit)) == 0
            if large or round_:
                kind = " and ".join(k for k, on in (("large", large), ("round", round_)) if on)
                kind_zh = "、".join(k for k, on in (("大额", large), ("整数", round_)) if on)
                payer = row.get("counterparty")
                flagged.append((doc, index, row, say(f"{row['date']}：来自{payer or '未具名付款人'}的{kind_zh}存入{amount}元",
                                                     f"{row['date']}: {kind} deposit of {amount} from "
                                                     f"{payer or 'an unnamed payer'}")))
    if flagged:
        return Verdict(Status.FAIL, [f[3] for f in flagged], [_row_evidence(d, i, r) for d, i, r, _ in flagged])
    return Verdict(Status.PASS, [say(f"申请前{rule.window_days}天内没有大额或整数存入",
                                     f"no large or round deposits in the {rule.window_days} days before the application")],
                   [evidence(d, "transactions") for d in statements])


@check("anomaly.loan_to_value", Category.ANOMALY, title=("贷款成数", "Loan against the contract price"))
def loan_to_value(bundle: Bundle, policy: Policy) -> Verdict:
    """A requested loan stays within the policy's share of the contract price."""
    loan = bundle.application.loan_amount
    contracts = bundle.of_type(DocType.PURCHASE_CONTRACT)
    price = value(contracts[0], "total_price") if contracts else None
    if loan is None or price is None or Decimal(str(price)) <= 0:
        return Verdict(Status.NOT_APPLICABLE, [say("需要贷款金额和合同总价", "needs a loan amount and a contract price")])
    ratio = Decimal(str(loan)) / Decimal(str(price))
    reason = say(f"贷款{loan}元，总价{price}元：{ratio:.1%}（上限{policy.loan.max_ltv:.0%}）",
                 f"loan {loan} on a price of {price}: {ratio:.1%} (limit {policy.loan.max_ltv:.0%})")
    ev = [evidence(contracts[0], "total_price")]
    return Verdict(Status.FAIL if ratio > Decimal(str(policy.loan.max_ltv)) else Status.PASS, [reason], ev)
