"""Page → (doc_type, side, confidence), then consecutive pages → raw documents.

Each type has cue phrases with weights; a cue counts when it appears in the page text with
spaces removed, or — to survive OCR noise — when all but one of its characters appear in order
within a short window. Page-number cues (第X页 共Y页, i/n) start and end multi-page documents.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from docproc.cn.normalize import to_halfwidth
from docproc.cn.page_numbers import bare_page_number, page_of, stated_page_total
from docproc.core.models import BBox, DocType, Page, PageLabel, RawDocument, Side


@dataclass(frozen=True)
class Cue:
    """A phrase that speaks for a document type (and side)."""

    text: str
    weight: float


CUES: dict[tuple[DocType, Side | None], tuple[Cue, ...]] = {
    (DocType.ID_CARD, Side.FRONT): (
        Cue("公民身份号码", 3), Cue("姓名", 1), Cue("性别", 1), Cue("民族", 1.5), Cue("出生", 1), Cue("住址", 1.5),
    ),
    (DocType.ID_CARD, Side.BACK): (
        Cue("居民身份证", 2.5), Cue("签发机关", 3), Cue("有效期限", 3), Cue("中华人民共和国", 1),
        Cue("公安局", 2),  # the issuing authority itself (××市公安局××分局), read when its label is not
    ),
    (DocType.INCOME_PROOF, None): (
        Cue("收入证明", 4), Cue("兹证明", 2), Cue("月收入", 2.5), Cue("特此证明", 2), Cue("在我单位", 1.5),
        Cue("职务", 0.5), Cue("年收入", 1.5),
    ),
    (DocType.BANK_STATEMENT, None): (
        Cue("交易明细", 3), Cue("账户明细", 3), Cue("流水", 2), Cue("余额", 1.5), Cue("交易日期", 2),
        Cue("对方户名", 2), Cue("账号", 1), Cue("借方", 1), Cue("贷方", 1), Cue("摘要", 1),
        # a statement titled 对账单 (电子对账单, 账户对账单) with its summary box and an internet bank's headings
        Cue("对账单", 3), Cue("期初余额", 1.5), Cue("期末余额", 1.5), Cue("交易对方", 1.5), Cue("交易时间", 1),
        # statements in English (foreign banks, branches abroad)
        Cue("statementofaccount", 3), Cue("accountstatement", 3), Cue("bankstatement", 3), Cue("statement", 1.5),
        Cue("openingbalance", 2), Cue("closingbalance", 2), Cue("balance", 1), Cue("deposits", 1),
        Cue("withdrawals", 1), Cue("accountnumber", 1.5),
    ),
    (DocType.PURCHASE_CONTRACT, None): (
        Cue("商品房买卖合同", 5), Cue("出卖人", 3), Cue("买受人", 3), Cue("建筑面积", 1.5), Cue("合同编号", 1.5),
        Cue("房屋坐落", 1.5), Cue("总价款", 1.5), Cue("违约责任", 1), Cue("本合同", 1),
        # resale (存量房/二手房) contracts name the parties 甲方（卖方）/乙方（买方） and call the price 房款/转让价款
        Cue("房屋买卖合同", 3), Cue("存量房", 1.5), Cue("卖方", 1), Cue("买方", 1), Cue("房款", 1),
        # any sale contract (二手房/房地产/不动产买卖合同), and a transfer's parties 转让方/受让方 with 甲方/乙方
        Cue("买卖合同", 3), Cue("转让方", 2), Cue("受让方", 2), Cue("甲方", 1), Cue("乙方", 1),
    ),
    (DocType.TAX_CERTIFICATE, None): (
        Cue("纳税记录", 3), Cue("完税证明", 3), Cue("个人所得税", 3), Cue("税款所属期", 2), Cue("实缴", 1.5),
        Cue("纳税人", 1),
        # other titles (纳税清单, 税收完税证明), and the table of a record grouped by withholding agent, which a
        # page that lost its header still shows (扣缴义务人名称 | 所得项目 | 所得期间 | 收入 | 已缴税额)
        Cue("纳税清单", 3), Cue("税收完税", 3), Cue("扣缴义务人", 2), Cue("所得项目", 1.5), Cue("所得期间", 1.5),
        Cue("已缴税额", 1.5), Cue("入库税款", 1.5), Cue("代扣代缴", 1.5),
        # a certificate issued by the tax office itself (个人所得税纳税证明, 国家税务总局…税务局)
        Cue("纳税证明", 3), Cue("税务局", 2), Cue("税务机关", 1.5), Cue("扣缴单位", 1.5),
    ),
    (DocType.BUSINESS_LICENSE, None): (
        Cue("营业执照", 4), Cue("统一社会信用代码", 3), Cue("法定代表人", 2), Cue("注册资本", 1.5),
        Cue("经营范围", 1.5), Cue("成立日期", 1), Cue("营业期限", 1),
        # a paper that quotes a licence as a party's credentials (证件名称：营业执照) between contracting parties is
        # not the licence
        Cue("证件名称", -3), Cue("本合同", -3), Cue("甲方", -1.5), Cue("乙方", -1.5),
    ),
    # 中国人民银行征信中心's 个人信用报告: its title and section headings, the inquiry table's headings and reasons,
    # the account grids' labels (a later page of accounts or inquiries prints no title)
    (DocType.CREDIT_REPORT, None): (
        Cue("个人信用报告", 5), Cue("征信中心", 3), Cue("信贷交易信息", 3), Cue("信贷记录", 2), Cue("查询记录", 2),
        Cue("查询原因", 2), Cue("被查询者", 2), Cue("贷后管理", 1.5), Cue("信用卡审批", 1.5), Cue("贷款审批", 1.5),
        Cue("管理机构", 1.5), Cue("发卡机构", 1.5), Cue("本月应还款", 1.5), Cue("当前逾期总额", 1.5),
        Cue("还款记录", 1.5), Cue("账户授信额度", 1.5), Cue("非循环贷账户", 2), Cue("贷记卡账户", 2),
        # papers of a loan file that name the report without being it: the applicant's consent to a credit
        # inquiry (征信查询授权书) and the loan application form's consent clause
        Cue("授权书", -6), Cue("授权人", -3), Cue("申请表", -4), Cue("本人同意", -3), Cue("兹授权", -3),
    ),
}
MIN_SCORE = 3.0
# A statement's later pages may print no title and a misread heading: rows that start with a full date
# and carry an amount in cents are its own evidence (tax records date their rows by month only); the
# time of day may follow the date, also read fused with it (2025091509:52:29).
_DATED_AMOUNT_ROW = re.compile(r"^\s*\d{4}(?:[-/.年]\d{1,2}[-/.月]\d{1,2}|\d{4})(?:(?!\d)|(?=\d{1,2}:\d{2}))"
                               r".*\d\.\d{2}(?!\d)")
MIN_DATED_ROWS = 5
DATED_ROWS_WEIGHT = MIN_SCORE
CARD_SHAPE_WEIGHT = 1.0  # with the card's outline, a blurred card's half-read title (居展身份证) still names it
# A card that carries a citizen id number whose check digit holds is a front, whatever its grey labels read as.
CARD_ID_NUMBER_WEIGHT = 2.0
_ID_NUMBER = re.compile(r"(?<!\d)\d{17}[\dXx](?!\d)")
def _compact(text: str) -> str:
    return re.sub(r"\s+", "", to_halfwidth(text)).lower()


# A cue named only to be denied (本证明不作为收入证明, 并非买卖合同) speaks for nothing.
_DENIAL = re.compile(r"(?:不作为|不能作为|不得作为|不作|并非|不是|不属于|非)$")


def cue_found(cue: str, text: str) -> float:
    """1.0 for an exact hit, 0.6 when one character is missing or misread, else 0; a cue that occurs only
    right after a denial counts 0."""
    if cue in text:
        starts = [m.start() for m in re.finditer(re.escape(cue), text)]
        return 0.0 if all(_DENIAL.search(text[max(0, i - 4) : i]) for i in starts) else 1.0
    if len(cue) < 3:
        return 0.0
    for skip in range(len(cue)):
        partial = cue[:skip] + cue[skip + 1 :]
        pattern = ".?".join(re.escape(c) for c in partial)
        if re.search(pattern, text):
            return 0.6
    return 0.0


def _valid_id_number(text: str) -> bool:
    # GB 11643 lives with the checks; imported late, no cycle
    from docproc.cn.id_number import mended_in_text, parse_id_number

    return any(parse_id_number(m.group(0)).valid_check_digit for m in _ID_NUMBER.finditer(text)) or bool(
        mended_in_text(text))


def label_page(page: Page) -> PageLabel:
    """Type, side and confidence of one page from its text."""
    text = _compact(page.text)
    scores = {
        key: sum(c.weight * cue_found(c.text, text) for c in cues) for key, cues in CUES.items()
    }
    if sum(1 for line in page.text.splitlines() if _DATED_AMOUNT_ROW.search(to_halfwidth(line))) >= MIN_DATED_ROWS:
        scores[(DocType.BANK_STATEMENT, None)] += DATED_ROWS_WEIGHT  # a page of transaction rows, whatever its headings
    if page.meta.get("card_warped"):  # a card-shaped object was found and flattened: either side of an ID card
        for card_side in (Side.FRONT, Side.BACK):
            scores[(DocType.ID_CARD, card_side)] += CARD_SHAPE_WEIGHT
        if _valid_id_number(text):
            scores[(DocType.ID_CARD, Side.FRONT)] += CARD_ID_NUMBER_WEIGHT
    (doc_type, side), best = max(scores.items(), key=lambda kv: kv[1])
    ranked = sorted(scores.values(), reverse=True)
    if best < MIN_SCORE:
        return PageLabel(doc_type=DocType.UNKNOWN, confidence=0.5, page_of=page_of(page.text))
    front, back = scores[(DocType.ID_CARD, Side.FRONT)], scores[(DocType.ID_CARD, Side.BACK)]
    if doc_type == DocType.ID_CARD and back >= MIN_SCORE > front and _valid_id_number(text):
        front = MIN_SCORE  # a back whose page also carries a citizen number: the front copied beside it, labels lost
    if doc_type == DocType.ID_CARD and min(front, back) >= MIN_SCORE:
        return PageLabel(doc_type=doc_type, side=Side.FRONT, confidence=round(min(1.0, min(front, back) / (MIN_SCORE * 2)), 3),
                         both_sides=True)
    if doc_type == DocType.ID_CARD:  # the other side's cues on the same card type are not a rival
        ranked = sorted((v for k, v in scores.items() if k[0] != DocType.ID_CARD), reverse=True)
        ranked.insert(0, best)
    margin = (best - ranked[1]) / best if best else 0.0
    confidence = round(min(1.0, 0.5 + 0.5 * margin) * min(1.0, best / (MIN_SCORE * 2)), 3)
    return PageLabel(doc_type=doc_type, side=side, confidence=max(confidence, 0.3), page_of=page_of(page.text))


def card_parts(page: Page) -> list[Page]:
    """One part per card of a page holding several (front and back copied on one sheet); else the page.

    A part keeps the page's number and render; only the words and stamps within its card's box
    (``meta["cards"]``, px of the render) are on it, so each card is labelled and read on its own.
    """
    cards = page.meta.get("cards") or []
    if len(cards) < 2:
        return [page]
    return [_card_part(page, index, card["box"]) for index, card in enumerate(cards)]


def _card_part(page: Page, index: int, box: list[float]) -> Page:
    x0, y0, x1, y1 = box

    def inside(b: BBox) -> bool:
        return x0 <= (b.x0 + b.x1) / 2 <= x1 and y0 <= (b.y0 + b.y1) / 2 <= y1

    return page.model_copy(update={
        "words": tuple(w for w in page.words if inside(w.bbox)),
        "stamps": tuple(s for s in page.stamps if inside(s.bbox)),
        "meta": {**page.meta, "card": index},
    })


def label_pages(pages: list[Page]) -> list[PageLabel]:
    """Labels for every page, in order."""
    return [label_page(p) for p in pages]


def _continues(prev: PageLabel, label: PageLabel) -> bool:
    """Whether ``label``'s page belongs to the document that ``prev``'s page is in."""
    if label.doc_type == DocType.ID_CARD or prev.doc_type == DocType.ID_CARD:
        return False  # each card side is its own document
    if label.page_of and label.page_of[0] == 1:
        return False
    if prev.page_of and label.page_of:
        # 第X页 共Y页 running on is stronger than any page's wording (a contract's parties page
        # quotes licence fields; a statement's last page may be all totals)
        same_total, step = label.page_of[1] == prev.page_of[1], label.page_of[0] - prev.page_of[0]
        if same_total and step == 1:
            return True
        # a page left out in between (3 of 9, then 5 of 9): still one document, whose completeness check
        # then names the missing page; a page number misread (8 of 9 read as 6 of 9) on a page of the same
        # kind does not end the document either (its first page, 1 of 9, would)
        if not same_total:
            # both figures misread (8 of 9, then 9 of 9 read as 6 of 6): a document with pages to come goes on
            # into a page of its kind that is no first page; a new one starts at its page 1
            return (label.doc_type == prev.doc_type != DocType.UNKNOWN and prev.page_of[0] < prev.page_of[1]
                    and label.page_of[0] > 1)
        return (step > 1 and label.doc_type in (prev.doc_type, DocType.UNKNOWN)
                or label.doc_type == prev.doc_type != DocType.UNKNOWN)
    return label.doc_type == prev.doc_type


BLANK_CHARS = 40  # a page of no type with no more characters than this holds no text of its own


def _blank(page: Page, label: PageLabel) -> bool:
    """A page inside a document with nothing on it but a running header or footer (a contract's page left blank
    before its signature page, 此页无正文): it belongs to the document around it, not to a new one."""
    return label.doc_type == DocType.UNKNOWN and len(_compact(page.text)) <= BLANK_CHARS


def _printed_numbers(pages: list[Page], labels: list[PageLabel]) -> tuple[tuple[int, int] | None, ...]:
    """Each page's (number, total). Pages numbered without a total (— 3 —) take the total the document states in its
    own text (本合同共6页), so that a page missing from them can be named."""
    printed = tuple(label.page_of for label in labels)
    if any(printed) or (total := stated_page_total("\n".join(p.text for p in pages))) is None:
        return printed
    numbers = [bare_page_number(p.text) for p in pages]
    if not any(numbers):
        return printed
    return tuple((n, total) if n and n <= total else None for n in numbers)


def _numbered_next(before: Page, page: Page) -> bool:
    """Whether a page's own number (— 4 —, no total) is the one after the page before it."""
    a, b = bare_page_number(before.text), bare_page_number(page.text)
    return a is not None and b == a + 1


HEAD_LINES = 2  # lines at a page's top where a running header stands
_CODE = re.compile(r"(?<![A-Za-z0-9])[A-Za-z0-9][A-Za-z0-9-]{5,}(?![A-Za-z0-9])")
_DATE_LIKE = re.compile(r"\d{4}-\d{1,2}-\d{1,2}|\d{8}")


def _running_codes(page: Page) -> set[str]:
    """Reference numbers in the page's running header (编号：Y20269031447 atop every page of a contract): runs of six
    or more letters and digits holding a digit, not a date."""
    head = to_halfwidth("\n".join(page.text.splitlines()[:HEAD_LINES]))
    return {c for c in _CODE.findall(head) if any(ch.isdigit() for ch in c) and not _DATE_LIKE.fullmatch(c)}


def _same_running_head(before: Page, page: Page) -> bool:
    """Whether a page carries the running header's reference number of the page before it: the same document."""
    return bool(_running_codes(before) & _running_codes(page))


def split(pages: list[Page], labels: list[PageLabel]) -> list[RawDocument]:
    """Group consecutive pages into documents by type and page-number cues."""
    groups: list[list[int]] = []
    numbered: set[int] = set()  # pages of no type taken in by their page number
    for index, label in enumerate(labels):
        if groups and _blank(pages[index], label) and labels[groups[-1][0]].doc_type != DocType.ID_CARD:
            groups[-1].append(index)  # a page left blank but for its running header or footer (此页无正文)
            continue
        kept = [i for i in groups[-1] if not _blank(pages[i], labels[i])] if groups else []
        if kept and label.doc_type == DocType.UNKNOWN and labels[groups[-1][0]].doc_type != DocType.ID_CARD and (
                _numbered_next(pages[kept[-1]], pages[index]) or _same_running_head(pages[kept[-1]], pages[index])):
            groups[-1].append(index)  # an attachment's table (附件三…) numbered — 4 — after — 3 —, or under the
            numbered.add(index)  # contract's running header (编号：…): the same document
            continue
        kept = [i for i in kept if i not in numbered] or kept
        if kept and _continues(labels[kept[-1]], label):
            groups[-1].append(index)
        else:
            groups.append([index])
    docs = []
    for group in groups:
        first = labels[group[0]]
        if first.both_sides:  # one page, two documents: each side's extractor reads its own fields
            docs += [
                RawDocument(file_id=pages[group[0]].file_id, doc_type=DocType.ID_CARD, side=side,
                            pages=(pages[group[0]],), confidence=first.confidence)
                for side in (Side.FRONT, Side.BACK)
            ]
            continue
        docs.append(
            RawDocument(
                file_id=pages[group[0]].file_id,
                doc_type=first.doc_type,
                side=first.side,
                pages=tuple(pages[i] for i in group),
                confidence=min(labels[i].confidence for i in group),
                printed_page_numbers=_printed_numbers([pages[i] for i in group], [labels[i] for i in group]),
            )
        )
    return docs
