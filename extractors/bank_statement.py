"""银行流水 / 个人账户交易明细: header fields and every transaction row, over all pages."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from docproc.cn import vocab
from docproc.cn.booked import SIDE, cell_amount
from docproc.cn.normalize import find_dates, parse_date
from docproc.cn.orgs import find_bank
from docproc.cn.year_last import YEAR_LAST, Order, column_order, year_last_date
from docproc.core.models import DocType, Field, RawDocument
from docproc.extractors._app_cards import Card, cards_of
from docproc.extractors._card_number import card_number_above_table
from docproc.extractors._chain_repair import repair_chain
from docproc.extractors._labels import Candidate, first_valid, labels_of
from docproc.extractors._lost_cells import mend_lost_cells
from docproc.extractors._print_stamp import print_stamp
from docproc.extractors._reread import DIGITS, cell_readers
from docproc.extractors._row_dates import newest_first
from docproc.extractors._table import Row, rows_of
from docproc.extractors._table_header import Column, find_header, header_name
from docproc.extractors._text import PageText, label_values, union_boxes
from docproc.extractors.registry import ExtractedFields, extractor

if TYPE_CHECKING:
    from docproc.reading.context import ReadingContext

LABELS = vocab.labels("bank_statement")
_ACCOUNT = re.compile(r"\d[\d\s*]{11,24}\d")
_HOLDER = re.compile(r"[\u4e00-\u9fff·]{2,20}|[A-Za-z][A-Za-z .]{1,40}[A-Za-z]")
_DAY = r"\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}日?"
_COMPACT_DAY = r"(?<!\d)(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])(?!\d)"  # 20260531
_DATE_RANGE = re.compile(rf"({_DAY}|{_COMPACT_DAY})\s*(?:至|到|~|～|—+|－|--?|to)\s*({_DAY}|{_COMPACT_DAY})", re.IGNORECASE)
_YEAR_LAST_RANGE = re.compile(rf"({YEAR_LAST})\s*(?:至|到|~|～|—+|－|--?|to)\s*({YEAR_LAST})", re.IGNORECASE)
# a counterparty cell that also prints the account, maybe masked, maybe with a point OCR saw in the stars
_TRAILING_ACCOUNT = re.compile(r"[\s/]*[\d*][\d*.]{5,}$")
_LEADING_ACCOUNT = re.compile(r"^[\d*][\d*.]{5,}[\s/]*(?=\D)")  # an account read into the name's box before it
# one digit of the balance beside it read again at the start of a Chinese name (5支付宝（中国）…): no name
# of a person or a company begins with a lone digit before its Chinese letters
_STRAY_DIGIT = re.compile(r"^\d(?=[\u4e00-\u9fff]{2})")
_DASH = re.compile(r"[—－\-/／一ー_]+")
_IN_READ_AS_PERSON = re.compile(r"(?<=[存转汇划调])人")  # 入 read as 人 (转账存人): no description says 存人
_OUTGOING = vocab.table_words("statement_table", "outgoing")
_CARRIED = vocab.table_words("statement_table", "carried")


def _alternatives(words: tuple[str, ...]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_INLINE_PARTY = re.compile(rf"(?:{_alternatives(vocab.table_words('statement_table', 'inline_party'))})\s*[:：]")
_INLINE_ACCOUNT = re.compile(rf"(?:{_alternatives(vocab.table_words('statement_table', 'inline_account'))})\s*[:：]")


def inline_party(text: str) -> tuple[str, str | None]:
    """A 摘要 cell that also names the other side after a label (转账存入对方：上海某某有限公司账号：6222…):
    the description before the labels and the name after its label, up to the account's label; a cell
    without such a label is the description alone."""
    party = _INLINE_PARTY.search(text)
    if party is None:
        return text, None
    before, after = _INLINE_ACCOUNT.search(text, 0, party.start()), _INLINE_ACCOUNT.search(text, party.end())
    name = text[party.end() : after.start() if after else len(text)].strip(" ，,;；")
    return text[: before.start() if before else party.start()].strip(" :：，,;；"), name or None


# a balance to the fen, then words that are not part of it (a piece of the seal's legend read after it: 79766.47行;
# the next label misread, with its own figure: 51142.84联来余:95325.14)
_BALANCE_THEN_WORDS = re.compile(rf"([-+]?[\d,]*\d\.\d\d\s*(?:{SIDE})?)(?:[^\d.,].*)?", re.IGNORECASE)


def _balance(text: str) -> Decimal | None:
    """A labelled balance: the amount (maybe booked to a side), also one a stray word was read after."""
    if (amount := cell_amount(text)) is not None:
        return amount
    rest = _BALANCE_THEN_WORDS.fullmatch(text.replace(" ", ""))
    return cell_amount(rest.group(1)) if rest else None


def _outgoing(direction: str) -> bool:
    """Whether a direction cell (支出, 借, -, DR) sends the row's unsigned amount out of the account."""
    key = re.sub(r"\s+", "", direction).lower()
    return key == "d" or any(word in key for word in _OUTGOING)


def carried_over(row: Row) -> bool:
    """Whether a ledger row only carries the page's totals and balance on (过次页, 转下页) or brings them
    from the page before (承前页), or states the period's opening balance (期初余额): dated and with
    figures, but no transaction."""
    text = re.sub(r"\s+", "", (row.cells.get("description") or row.cells.get("note") or "")).lower()
    return text.startswith(_CARRIED)


def _row_date(row: Row, order: Order | None = None) -> date | None:
    """The row's date; one printed with the year last (13/01/2026) is read in the column's ``order``."""
    day = row.cells.get("date", "").strip()
    return parse_date(re.split(r"\s|T", day)[0]) or next((d for d, _, _ in find_dates(day)), None) or (
        parse_date(start.group(0)) if (start := re.match(_DAY, day)) else None) or (  # 2026-03-1710:22:33
        year_last_date(day, order) if order else None)


def _period(fields: dict[str, Field]) -> tuple[date, date] | None:
    start, end = fields.get("period_start"), fields.get("period_end")
    if start and end and isinstance(start.value, date) and isinstance(end.value, date):
        return start.value, end.value
    return None


def date_order(rows: list[Row], fields: dict[str, Field]) -> Order | None:
    """Day or month first, for a table whose dates print the year last: decided from its whole date column
    and the statement's period."""
    return column_order((r.cells.get("date", "") for r in rows), _period(fields))


def opening_row(rows: list[Row], order: Order | None = None) -> tuple[Row, date, Decimal] | None:
    """The row a ledger opens with when it states the balance brought in (期初余额, 承前页): its date and
    balance begin the statement."""
    first = rows[0] if rows else None
    if first is None or not carried_over(first) or (when := _row_date(first, order)) is None:
        return None
    balance = cell_amount(first.cells.get("balance"))
    return (first, when, balance) if balance is not None else None


def transaction(row: Row, order: Order | None = None) -> dict[str, Any] | None:
    """A canonical transaction from a table row (signed amount: credit > 0); a carried-over row is none."""
    cells = row.cells
    if carried_over(row) or (when := _row_date(row, order)) is None:
        return None
    amount = cell_amount(cells.get("amount"))
    credit, debit = cell_amount(cells.get("credit")), cell_amount(cells.get("debit"))
    if amount is None and (credit or debit):
        amount = (credit or Decimal(0)) - abs(debit or Decimal(0))
    if amount is not None and amount > 0 and _outgoing(cells.get("direction", "")):
        amount = -amount  # unsigned amount with a 借/贷 (or 收/支) column beside it
    balance = cell_amount(cells.get("balance"))
    if amount is None or balance is None:
        return None
    description, named = _IN_READ_AS_PERSON.sub("入", (cells.get("description") or cells.get("note", "")).strip()), None
    if not cells.get("counterparty"):
        description, named = inline_party(description)
    counterparty = _LEADING_ACCOUNT.sub("", _TRAILING_ACCOUNT.sub("", (cells.get("counterparty") or named or "").strip()))
    counterparty = _STRAY_DIGIT.sub("", counterparty.strip())
    if _DASH.fullmatch(counterparty):
        counterparty = ""  # a dash (read as 一 too): no other side
    return {
        "date": when,
        "description": description,
        "amount": amount,
        "balance": balance,
        "counterparty": counterparty or None,
    }


def _labelled_period(value: str) -> tuple[date, date] | None:
    """The period a 起止日期/查询期间 label gives: the range its value states (2025/07/03-2026/08/02), else its first
    two dates in order. A header row read as the label's value also holds other dates after the period (生成时间,
    打印日期), so the last date there is not the period's end."""
    hit = _DATE_RANGE.search(value)
    start, end = (find_dates(hit.group(1)), find_dates(hit.group(2))) if hit else ([], [])
    if start and end and start[0][0] <= end[0][0]:
        return start[0][0], end[0][0]
    dates = [d for d, *_ in find_dates(value)]
    return (dates[0], dates[1]) if len(dates) >= 2 and dates[0] <= dates[1] else None


def _header_fields(text: PageText, table: tuple[int, list[Column]] | None) -> dict[str, Field]:
    raw = label_values(text, LABELS)
    labels = labels_of("bank_statement")
    fields: dict[str, Field] = {}
    # the holder is named above the table (``table``: its header), not by a heading in it (时方户名)
    held = [c for c in labels.candidates(text, "account_holder") if table is None or text.line_at(c.start) < table[0]]
    if holder := first_valid(held, _holder):
        fields["account_holder"] = holder
    if number := first_valid(labels.candidates(text, "account_number"), _account_number):
        fields["account_number"] = number
    if "period" in raw and (span := _labelled_period(str(raw["period"].value))):
        fields["period_start"] = raw["period"].model_copy(update={"value": span[0]})
        fields["period_end"] = raw["period"].model_copy(update={"value": span[1]})
    elif hit := text.search(_DATE_RANGE):  # an unlabelled (or unknown-label) "2026-05-12 至 2026-11-11"
        start, end = find_dates(hit.group(1)), find_dates(hit.group(2))
        if start and end and start[0][0] < end[0][0]:
            fields["period_start"], fields["period_end"] = hit.field(start[0][0], 1), hit.field(end[0][0], 2)
    elif (hit := text.search(_YEAR_LAST_RANGE)) and (order := column_order([hit.group(1), hit.group(2)])):
        first, last = year_last_date(hit.group(1), order), year_last_date(hit.group(2), order)  # 13/01/2026 至 …
        if first and last and first < last:
            fields["period_start"], fields["period_end"] = hit.field(first, 1), hit.field(last, 2)
    for name in ("period_start", "period_end"):
        if name not in fields and name in raw and (dates := find_dates(str(raw[name].value))):
            fields[name] = raw[name].model_copy(update={"value": dates[0][0]})
    if issued := first_valid(labels.candidates(text, "issue_date", reach=DATE_REACH), _date_first):
        fields["issue_date"] = issued
    elif "period" in raw and len(dates := find_dates(str(raw["period"].value))) == 1 and dates[0][1] == 0:
        # 查询日期 with one day, not a range: the day the query was run, which is the day it was printed
        fields["issue_date"] = raw["period"].model_copy(update={"value": dates[0][0]})
    for name in ("opening_balance", "closing_balance"):
        if name in raw and (amount := _balance(str(raw[name].value))) is not None:
            fields[name] = raw[name].model_copy(update={"value": amount})
    if bank := first_valid(labels.candidates(text, "bank_name"), _bank) or _bank_anywhere(text):
        fields["bank_name"] = bank
    return fields


_NOT_HOLDER = vocab.words("bank_statement", "not_holder")


def _holder(candidate: Candidate) -> Field | None:
    """A holder's name begins the value: letters only, two at least (张伟, 欧阳娜娜, JOHN), and no account
    product's word (存折, 活期, 借记卡: the next heading of a header row, not a name)."""
    match = _HOLDER.match(candidate.value)
    if match is None or any(match.group(0).startswith(word) for word in _NOT_HOLDER) or header_name(match.group(0)):
        return None  # nor a table's heading (对方户名 | 对方账号: the 户名 of a header row, its next heading)
    return candidate.field(match.group(0), match.span())


DATE_REACH = 16  # characters of prose a date may run over after its label (2026年8 | 月18日 across a line break)


_RANGE_ON = re.compile(rf"\s*(?:至|到|~|～|—+|－|--?|to)\s*(?:{_DAY}|{_COMPACT_DAY})", re.IGNORECASE)  # the date starts a range
_DATE_BEFORE_TIME = re.compile(r"\d{4}(?:[-/.]\d{1,2}[-/.]\d{1,2}|\d{4})(?=\d{1,2}:\d{2})")  # 2026110210:59:44


def _date_first(candidate: Candidate) -> Field | None:
    """A date begins the value (in prose, wrapped onto the next line or not), also one read fused with
    the time of day after it."""
    found = find_dates(candidate.value)
    if not found or found[0][1] != 0:
        fused = _DATE_BEFORE_TIME.match(candidate.value)
        day = parse_date(fused.group(0)) if fused else None
        return candidate.field(day, (0, fused.end())) if fused and day else None
    when, start, end = found[0]
    after = candidate.text.joined[candidate.start + end : candidate.start + end + 40]  # past a column gap too
    if _RANGE_ON.match(after):
        return None  # 查询时间: 2026-01-01 至 2026-06-30 is the period queried, not the day it was printed
    return candidate.field(when, (start, end))


def _account_number(candidate: Candidate) -> Field | None:
    """An account number begins the value: 13 to 26 digits, maybe spaced or masked."""
    match = _ACCOUNT.match(candidate.value)
    return candidate.field(re.sub(r"\s", "", match.group(0)), match.span()) if match else None


def _bank(candidate: Candidate) -> Field | None:
    """A banking institution begins the value (a branch alone, 望京支行, names no bank); the value is the
    institution, without its legal form or branch, which stay in ``raw``."""
    match = find_bank(candidate.value)
    if match is None or match.start() != 0:
        return None
    field = candidate.field(match.group("bank"), (0, len(match.group(0))))
    return field.model_copy(update={"value": match.group("bank")})


def _bank_anywhere(text: PageText) -> Field | None:
    """The first bank the page names, top down (a title such as 中国建设银行个人活期账户交易明细)."""
    for index, line in enumerate(text.lines):
        if (match := find_bank(line)) and (at := line.find(match.group("bank"))) >= 0:
            start = text.offsets[index] + at
            return text.field((start, start + len(match.group("bank"))), match.group("bank"))
    return None


def _from_rows(rows: Sequence[Row | Card], transactions: list[dict[str, Any]], fields: dict[str, Field],
               opening: tuple[Row, date, Decimal] | None = None) -> None:
    """Period and balances from the rows when the header does not print them (a ledger's opening row,
    期初余额, states where the period starts and its balance)."""
    if not transactions:
        return
    first, last = rows[0], rows[-1]

    def field(row: Row | Card, value: object) -> Field:
        return Field(value=value, confidence=round(row.confidence, 3), page=row.page, bbox=row.bbox)

    start = (opening[0], opening[1]) if opening else (first, transactions[0]["date"])
    fields.setdefault("period_start", field(*start))
    fields.setdefault("period_end", field(last, transactions[-1]["date"]))
    implied = {"opening_balance": (opening[0], opening[2]) if opening else (
                   first, transactions[0]["balance"] - transactions[0]["amount"]),
               "closing_balance": (last, transactions[-1]["balance"])}
    for name, (row, value) in implied.items():
        printed = fields.get(name)
        if printed is None:
            fields[name] = field(row, value)
        elif _lost_one_character(printed.value, value) or _whole_yuan(printed.value, value):
            fields[name] = printed.model_copy(update={"value": value})


def _whole_yuan(printed: object, value: Decimal) -> bool:
    """Whether a printed balance is the rows' one read without its 角 and 分 (231037 for 231037.19: the
    decimals lost, or cut off by the scan): the rows' figure refines it."""
    return isinstance(printed, Decimal) and printed == printed.to_integral_value() \
        and (value < 0) == (printed < 0) and 0 < abs(value) - abs(printed) < 1


def _lost_one_character(printed: object, value: Decimal) -> bool:
    """Whether a printed balance is the rows' one with a character the scan lost: the decimal point
    (70923.89 read as 7092389) or a digit (253694.65 read as 253694.5)."""
    if not isinstance(printed, Decimal) or printed == value:
        return False
    full = f"{value:.2f}"
    return any(Decimal(cut) == printed for i in range(len(full))
               if (cut := full[:i] + full[i + 1 :]).strip("-.") and cut.count(".") <= 1)


@extractor(DocType.BANK_STATEMENT)
def extract_bank_statement(doc: RawDocument, ctx: ReadingContext) -> ExtractedFields:
    """Header fields (first page that has each) and all transaction rows across pages."""
    fields: dict[str, Field] = {}
    headers, pages = [find_header(page) for page in doc.pages], {p.number: p for p in doc.pages}
    texts = [PageText(page) for page in doc.pages]
    for text, header in zip(texts, headers, strict=True):
        for name, value in _header_fields(text, header).items():
            fields.setdefault(name, value)
    if "issue_date" not in fields and (stamp := next(filter(None, map(print_stamp, reversed(texts))), None)):
        fields["issue_date"] = stamp  # no label on any page: the system's print stamp, its label misread (0时间：…)
    if "account_number" not in fields and (number := card_number_above_table(doc.pages[0], headers[0])):
        fields["account_number"] = number  # its label misread past knowing (服号 for 账号)
    table = rows_of(list(doc.pages), cell_readers(ctx, DIGITS + "-/."))
    order = date_order(table, fields)
    table, mended = mend_lost_cells(table, lambda r: transaction(r, order), pages, cell_readers(ctx, DIGITS + ".,-+"))
    rows = [r for r in table if transaction(r, order) is not None]
    transactions = [t for r in rows if (t := transaction(r, order)) is not None]
    if newest_first([t["date"] for t in transactions]):  # an app's export, newest first: the chain runs upwards
        rows.reverse()
        transactions.reverse()
    repaired = repair_chain(rows, transactions, pages, ctx)
    placed: list[Row | Card] = list(rows)
    if not transactions and (cards := cards_of(list(doc.pages), _period(fields))):
        placed, transactions = list(cards), [c.transaction for c in cards]  # a phone bank's cards, no table
    _from_rows(placed, transactions, fields, opening_row(table, order))
    if transactions:
        fields["transactions"] = Field(
            value=transactions,
            confidence=round(min(r.confidence for r in placed), 3),
            page=placed[0].page,
            bbox=union_boxes([r.bbox for r in placed if r.page == placed[0].page]),
        )
    return ExtractedFields(fields=fields, meta={"transaction_rows": [{"page": r.page, "bbox": r.bbox.as_list()} for r in placed],
                                                "reread_rows": repaired, "lost_cells_read": len(mended)})
