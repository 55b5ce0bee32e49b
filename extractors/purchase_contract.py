"""商品房买卖合同: parties, property, price (digits and 大写), signing date, pages declared and present."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal
from typing import TYPE_CHECKING

from docproc.cn import vocab
from docproc.cn.addresses import flat_detail, is_flat_address, names_a_parcel
from docproc.cn.amount_words import CAPITAL, from_words, standard_capitals
from docproc.cn.id_number import IN_TEXT as ID_NUMBER_IN_TEXT
from docproc.cn.normalize import find_dates, parse_amount
from docproc.cn.orgs import organisation_name
from docproc.core.models import DocType, Field, RawDocument
from docproc.extractors._contract_number import bare_number, number_alone
from docproc.extractors._labels import Candidate, first_valid, labels_of
from docproc.extractors._margins import without_margin_column
from docproc.extractors._parties import find_parties, opens_entry, party_name
from docproc.extractors._party_table import party_rows, price_words_in_table
from docproc.extractors._priced_area import AREA_UNIT, area_pricing_the_total, priced_area
from docproc.extractors._signature import signature_columns, signed_on
from docproc.extractors._text import PageText, label_values
from docproc.extractors.registry import ExtractedFields, extractor

if TYPE_CHECKING:
    from docproc.reading.context import ReadingContext

CJK = r"\u4e00-\u9fff"
LABELS_OF = "purchase_contract"
LABELS = vocab.labels(LABELS_OF)
# The floor area with its unit after the figure (建筑面积98.56平方米, 建筑面积为/共/计/约 98.56㎡) or in
# brackets before it (建筑面积（㎡） | 98.56, 建筑面积共（平方米）：98.56); not the inner or shared area
# (套内建筑面积, 分摊建筑面积).
_AREA = re.compile(rf"(?<!套内)(?<!分摊)(?<!共有)(?<!公摊)建筑面积(?:[^0-9]{{0,12}}?([0-9]+(?:\.[0-9]+)?)\s*{AREA_UNIT}"
                   rf"|[^0-9(]{{0,4}}\(\s*{AREA_UNIT}[²2]?\s*\)[:]?\s*([0-9]+(?:\.[0-9]+)?))")
# The price after any of its labels (总价款, 总金额, 成交价格, 转让价款…; not 首期/剩余 parts): its figure with 元
# after it, or the ¥ sign before it (总价款（小写） | ¥4,800,921.00).
_PRICE_WORDS = "|".join(re.escape(w) for w in sorted(LABELS["total_price"], key=len, reverse=True))
_PRICE = re.compile("".join(f"(?<!{re.escape(w)})" for w in vocab.words(LABELS_OF, "not_after"))
                    + rf"(?:{_PRICE_WORDS})[^0-9¥￥]{{0,16}}(?:[¥￥]\s*([0-9][0-9,.]*\d)|([0-9][0-9,.]*\d)\s*元)")
_WORDS = re.compile(rf"大写[)）:：\]】\s]*(?:人民币)?[【\[“\"]?\s*(?:人民币)?({CAPITAL}{{2,30}})")  # （大写）【…】
# The price paid in two parts (首期房价款 … 余款 …): their sum is the total when the price line is unread.
_FIRST_PAYMENT = re.compile(r"首期(?:房价)?款[^0-9,.]{0,10}?([0-9][0-9,.]*\d)\s*元")
_REST_PAYMENT = re.compile(r"余款[^0-9,.]{0,10}?([0-9][0-9,.]*\d)\s*元")
_CLAUSE_END = re.compile(r"[,，。;；(（]|的|$")  # an address runs to the end of its clause
ADDRESS_REACH = 60  # characters an address may run over after the words that introduce it
PRICE_REACH = 60  # characters after a price label where its figure may stand (after the 大写 words)
_PRICE_FIGURE = re.compile(r"[¥￥]?([0-9][0-9,.]*\d)\s*元")
_MARKED_FIGURE = re.compile(r"(?:小写[)）\]】]?[:：]?\s*(?:人民币)?\s*[¥￥]?|[¥￥])\s*([0-9][0-9,.]*\d)")  # （小写：¥…）
_AREA_FIGURE = re.compile(rf"(?<![0-9.,，])([0-9]+(?:\.[0-9]+)?)\s*{AREA_UNIT}?$")
MIN_AREA, MAX_AREA = Decimal(5), Decimal(5000)  # square metres a flat's area may plausibly be
# A model text (示范文本) sets each filled-in value and chosen option in brackets (出卖人：【XX公司】, 建筑面积共【99.54】
# 平方米, OCR'd as [ ] at times): they are no part of the values, which read as if written on the form's lines.
VALUE_BRACKETS = "【】〖〗[]"
_DECLARED = re.compile(r"共\s*(\d{1,3})\s*页")
_NAME = re.compile(rf"^[{CJK}·]{{2,6}}")
# A party line labels the buyer with a colon (买受人：张三, 买受人（一）：李四, 买受人（乙方）：王五), or sets
# the name in the cell right of the label (a party table: 买受人 | 张三（证件号码）); clause text does
# neither (买受人应当…, 买受人出示…), so a colon or a cell's gap is required.
_BUYER = re.compile(r"买受人\s*(?:[(（](?:[一二三四1-4]|[甲乙丙]方|买方|签字|签名|签章)[)）])?\s*([:：]?)\s*"
                    r"([\u4e00-\u9fff]{2,4}?|[\u4e00-\u9fff]{1,8}·[\u4e00-\u9fff·]{1,12}?)"
                    r"(?=$|[^\u4e00-\u9fff·]|证件|身份|国籍|性别|出生|住所|地址|电话|联系|通讯|邮编|代理)")
CELL_GAP = 1.5  # a label and its value this many letter heights apart stand in cells of a table
# Words that label a cell, never a person: signature cues, column headings and the parties' roles
# (a party table headed 出卖人 | 买受人 puts one role word right of the other).
_ROLES = ("出卖人", "买受人", "出卖方", "买受方", "卖方", "买方", "甲方", "乙方", "当事人", "代理人")
_NOT_NAMES = frozenset({"签章", "签字", "盖章", "签名", "姓名", "名称", *_ROLES})
# A party table set in columns, one per party (当事人 | 买受人 | 出卖人, then rows 名称/姓名 | 张三 | XX公司,
# 证件号码 | 1101… | 9111…): the heading line holds the two role words and nothing else.
_ROLE = r"(出卖人|出卖方|卖方|买受人|买受方|买方)"
_PARTY_HEADING = re.compile(rf"^(?:当事人|当事方|项目)?\s*{_ROLE}\s*{_ROLE}$")
_NAME_ROW = re.compile(r"^(?:名称\s*/?\s*姓名|姓名\s*/?\s*名称|姓名|名称)")
_ID_ROW = re.compile(r"^(?:证件号码|证件号|身份证件号码|身份证号码|身份证号)")
PARTY_ROWS = 10  # lines under a party table's heading that may hold its rows
_SELLER_ROLES, _BUYER_ROLES = ("出卖人", "出卖方", "卖方"), ("买受人", "买受方", "买方")
_NAME_SEPARATORS = re.compile(r"[、,，;；/]")
_X_SIGN = str.maketrans({"×": "X", "✕": "X", "x": "X"})
# A signature block: the parties' (签章)/(签字) cues, then the date each signed on a line of its own
# (2026年9月2日 2026年9月2日, 二〇二六年九月二日), often with no 签订日期 label at all.
_CUE_WORD = r"(?:签\s*章|签\s*字|盖\s*章|签\s*名)"
_SIGNATURE_CUE = re.compile(rf"[(（]\s*{_CUE_WORD}(?:\s*[/、或和及]\s*{_CUE_WORD})?\s*[)）:：]")  # （签字/盖章）
_SIGNATURE_HEADING = re.compile(rf"^{_ROLE}\s*{_SIGNATURE_CUE.pattern}?\s*[:：]?\s*{_ROLE}\s*{_SIGNATURE_CUE.pattern}?\s*[:：]?$")


def _buyers(pages: list[PageText]) -> tuple[list[str], list[str], Field | None, Field | None]:
    """Buyer names (each 买受人 entry) and the id numbers printed near them."""
    names, numbers = [], []
    first_name, first_number = None, None
    for text in pages:
        for hit in text.finditer(_BUYER):
            name = hit.group(2)
            if name in _NOT_NAMES or not (opens_entry(text, hit.offset + hit.match.start()) if hit.group(1) else
                                          _apart(text, hit.offset + hit.match.end(1), hit.offset + hit.match.start(2))):
                continue
            if name not in names:
                names.append(name)
                first_name = first_name or hit.field(name, 2)
            # A cover line (买受人：甲、乙) names the buyers; the party block repeats each with its number.
            near = text.search(ID_NUMBER_IN_TEXT, start_line=hit.line)
            if near and near.line - hit.line <= 3 and near.group(1).upper() not in numbers:
                numbers.append(near.group(1).upper())
                first_number = first_number or near.field(near.group(1).upper())
    return names, numbers, first_name, first_number


def _column_of(word_x: float, centres: list[float]) -> int:
    """Index of the heading nearest across the page to a word's centre."""
    return min(range(len(centres)), key=lambda i: abs(word_x - centres[i]))


def _heading_centres(text: PageText, index: int, heading: re.Match[str], groups: tuple[int, int]) -> list[float]:
    """The x centre of each matched heading group on line ``index``."""
    start, centres = text.offsets[index], []
    for group in groups:
        boxes = [w.bbox for w in text.words_in(start + heading.start(group), start + heading.end(group))]
        centres.append(sum((b.x0 + b.x1) / 2 for b in boxes) / len(boxes) if boxes else 0.0)
    return centres


def _signed_names(texts: list[PageText]) -> tuple[list[str], Field | None]:
    """Buyers' names under the 买受人（签章） cue of a signature block set in two columns (出卖人（签章）：
    XX公司 | 买受人（签章）：张三), up to the representative's or agent's line."""
    for text in reversed(texts):
        for index, line in enumerate(text.lines):
            heading = _SIGNATURE_HEADING.match(line)
            if heading is None or (heading.group(1) in _BUYER_ROLES) == (heading.group(2) in _BUYER_ROLES):
                continue
            centres = _heading_centres(text, index, heading, (1, 2))
            buyer = 0 if heading.group(1) in _BUYER_ROLES else 1
            names, spans = [], []
            for row in range(index + 1, min(len(text.lines), index + 4)):
                if _SIGNATURE_CUE.search(text.lines[row]) or find_dates(text.lines[row]):
                    break
                for a, b, word in text.spans_of_line(row):
                    name = text.joined[a:b]
                    if (_column_of((word.bbox.x0 + word.bbox.x1) / 2, centres) == buyer and _NAME.fullmatch(name)
                            and name not in _NOT_NAMES and not organisation_name(name)):
                        names.append(name)
                        spans.append((a, b))
            if names:
                return names, text.field((spans[0][0], spans[-1][1]), names)
    return [], None


def _party_columns(text: PageText) -> dict[str, tuple[list[str], list[str], Field | None, Field | None]]:
    """Per role ("seller", "buyer") of a party table set in columns: names, id numbers and their fields.
    Each value belongs to the column whose heading stands nearest across the page (by x)."""
    for index, line in enumerate(text.lines):
        heading = _PARTY_HEADING.match(line)
        if heading is None or (heading.group(1) in _BUYER_ROLES) == (heading.group(2) in _BUYER_ROLES):
            continue
        centres = _heading_centres(text, index, heading, (1, 2))
        roles = ["buyer" if heading.group(g) in _BUYER_ROLES else "seller" for g in (1, 2)]
        out: dict[str, tuple[list[str], list[str], Field | None, Field | None]] = {r: ([], [], None, None) for r in roles}
        for row in range(index + 1, min(len(text.lines), index + 1 + PARTY_ROWS)):
            label = _NAME_ROW.match(text.lines[row]) or _ID_ROW.match(text.lines[row])
            if label is None:
                continue
            row_start = text.offsets[row]
            cells: dict[str, list[tuple[int, int]]] = {r: [] for r in roles}
            for a, b, word in text.spans_of_line(row):
                a = max(a, row_start + label.end())
                if a >= b:
                    continue
                cells[roles[_column_of((word.bbox.x0 + word.bbox.x1) / 2, centres)]].append((a, b))
            for role, spans in cells.items():
                if not spans:
                    continue
                span = (spans[0][0], spans[-1][1])
                value = text.joined[span[0]:span[1]].strip()
                names, numbers, name_field, number_field = out[role]
                if _NAME_ROW.match(text.lines[row]) and not names:
                    names = [n for n in (p.strip() for p in _NAME_SEPARATORS.split(value)) if n]
                    if role == "buyer":  # people, each a name and never a role word
                        names = [n for n in names if _NAME.fullmatch(n) and n not in _NOT_NAMES]
                    name_field = text.field(span, names) if names else None
                elif _ID_ROW.match(text.lines[row]):
                    for hit in ID_NUMBER_IN_TEXT.finditer(value.translate(_X_SIGN)):
                        if (number := hit.group(1).upper()) not in numbers:
                            numbers.append(number)
                            number_field = number_field or text.field(span, number)
                out[role] = (names, numbers, name_field, number_field)
        return out
    return {}


def _paid_in_parts(texts: list[PageText]) -> Field | None:
    """The total as down payment plus the rest (首期房价款 + 余款), both on one page: the payment clause of
    the model contract; used only when the price line, figures and words, could not be read (a sum
    set against a 大写 total could fail a contract whose payment plan has more parts)."""
    for text in texts:
        first, rest = text.search_joined(_FIRST_PAYMENT), text.search_joined(_REST_PAYMENT)
        if first is None or rest is None:
            continue
        down, remainder = parse_amount(first.group(1)), parse_amount(rest.group(1))
        if down is None or remainder is None:
            continue
        span = (first.offset + first.match.start(1), rest.offset + rest.match.end(1))
        if span[0] >= span[1]:
            continue
        derived = text.field(span, down + remainder)
        return derived.model_copy(update={"raw": f"首期 {down} + 余款 {remainder}"})
    return None


def extract_fields(texts: list[PageText]) -> dict[str, Field]:
    """Fields from the contract's pages (the first page that has each)."""
    fields: dict[str, Field] = {}
    filing: Field | None = None  # the housing bureau's filing number: the number of a contract that has none
    for text in texts:
        raw = label_values(text, LABELS)
        if "contract_number" in raw and "contract_number" not in fields:
            fields["contract_number"] = number_alone(raw["contract_number"])
        filing = filing or raw.get("filing_number")
        if "seller" not in fields and (seller := first_valid(labels_of(LABELS_OF).candidates(text, "seller"), _party)):
            fields["seller"] = seller
        if "signing" in raw and "signing_date" not in fields and (dates := find_dates(str(raw["signing"].value))):
            fields["signing_date"] = raw["signing"].model_copy(update={"value": dates[0][0]})
        for key, pattern in (("floor_area", _AREA), ("total_price", _PRICE)):
            if key not in fields and (hit := text.search_joined(pattern)):
                group = 1 if hit.group(1) else 2
                if (value := parse_amount(hit.group(group))) is not None:
                    fields[key] = hit.field(value, group)
        if "total_price_in_words" not in fields and (hit := text.search_joined(_WORDS)):
            fields["total_price_in_words"] = hit.field(standard_capitals(hit.group(1)))
        if "pages_declared" not in fields and (hit := text.search(_DECLARED)):
            fields["pages_declared"] = hit.field(int(hit.group(1)))
    if "contract_number" not in fields and (number := bare_number(texts) or filing) is not None:
        fields["contract_number"] = number_alone(number)
    if "floor_area" not in fields and (area := _area_below_heading(texts)) is not None:
        fields["floor_area"] = area  # under its heading in a table of the flat's facts
    if "total_price_in_words" not in fields and (in_cell := price_words_in_table(texts)) is not None:
        fields["total_price_in_words"] = in_cell  # in the 大写 column of a payment table
    if (confirmed := _price_in_words_confirms(texts, fields.get("total_price_in_words"))) is not None:
        fields["total_price"] = confirmed
    elif "total_price" not in fields and (marked := _price_in_figures(texts)) is not None:
        fields["total_price"] = marked  # its 大写 disagrees: both kept, for the check that compares them
    if "total_price" not in fields and "total_price_in_words" not in fields and (paid := _paid_in_parts(texts)):
        fields["total_price"] = paid
    if "floor_area" not in fields and "total_price" in fields and isinstance(total := fields["total_price"].value, Decimal) \
            and (priced := area_pricing_the_total(texts, total, MIN_AREA, MAX_AREA)) is not None:
        fields["floor_area"] = priced  # its label misread: the figure of square metres the price per metre prices
    if address := _property_address(texts):
        fields["property_address"] = address
    if signed := signed_on(texts):  # the last party's date in the signature block, over a label elsewhere
        fields["signing_date"] = signed
    names, numbers, name_field, number_field = _buyers(texts)
    parties = find_parties(texts) | {s: p for s, p in party_rows(texts).items() if p.name_field}  # a party table's rows
    if (buyer := parties["buyer"]).name_field is not None:  # party lines, however the contract words them
        names, name_field = buyer.names, buyer.name_field
        if buyer.number_field is not None:
            numbers, number_field = buyer.numbers, buyer.number_field
    if (selling := parties["seller"]).name_field is not None and len(selling.names) == 1:
        fields["seller"] = selling.name_field  # a party line (转让方（甲方）：…) over a label found in a clause
    for columns in (_party_columns(t) for t in texts):
        if "buyer" in columns and (columns["buyer"][2] or columns["buyer"][3]):
            table_names, numbers, table_name_field, number_field = columns["buyer"]
            if table_name_field is not None:
                names, name_field = table_names, table_name_field
            elif (under_signature := _signed_names(texts))[1] is not None:  # the name cell was not read
                names, name_field = under_signature
        seller_names, _, seller_field, _ = columns.get("seller", ([], [], None, None))
        if seller_field is not None and len(seller_names) == 1 and organisation_name(seller_names[0]):
            fields["seller"] = seller_field.model_copy(update={"value": seller_names[0]})
        if columns:
            break
    if name_field:
        fields["buyer_names"] = name_field.model_copy(update={"value": names})
    if number_field:
        fields["buyer_id_numbers"] = number_field.model_copy(update={"value": numbers})
    return fields


def _apart(text: PageText, end: int, start: int) -> bool:
    """Whether a label ending at character ``end`` and a value starting at ``start`` stand in cells of their
    own: in words set more than CELL_GAP letter heights apart (prose runs on without such a gap)."""
    left, right = text.words_in(end - 1, end), text.words_in(start, start + 1)
    if not left or not right or left[-1] is right[0]:
        return False
    a, b = left[-1].bbox, right[0].bbox
    return b.x0 - a.x1 > CELL_GAP * min(a.y1 - a.y0, b.y1 - b.y0)


def _area_below_heading(texts: list[PageText]) -> Field | None:
    """The floor area in the cell under its heading (建筑面积（㎡） | 145.22): a plain figure of square metres, or
    the figure of the row under it that times its unit price gives its total (cells read as one word)."""
    for text in texts:
        for candidate in labels_of(LABELS_OF).candidates(text, "floor_area", headings=True):
            if candidate.how == "below" and (priced := priced_area(text, text.line_at(candidate.start),
                                                                    MIN_AREA, MAX_AREA)) is not None:
                return priced
            # the figure ends the cell (a neighbouring cell's tail may run under the heading: …第4948890号 145.22)
            match = _AREA_FIGURE.search(candidate.value) if candidate.how == "below" else None
            if match and MIN_AREA <= (area := parse_amount(match.group(1)) or Decimal(0)) <= MAX_AREA:
                return candidate.field(area, match.span(1))
    return None


def _party(candidate: Candidate) -> Field | None:
    """A party's name: the value up to the first clause-like suffix, set apart from its label by a colon, in
    the cell below, or in the cell beside it when it is a name (甲方（卖方）承诺：… is clause text and names
    no one)."""
    value = re.split(r"[,，;；(（]", candidate.value)[0]
    if value in _NOT_NAMES or party_name(value) is None:
        return None  # a clause after a role word (出卖人：应当在…通知买受人), an entry's label (法定代表人) names no one
    beside = candidate.how == "right" and ":" not in candidate.gap \
        and not candidate.text.joined[:candidate.start].endswith(":")
    if beside and not _apart(candidate.text, candidate.start - len(candidate.gap), candidate.start):
        return None  # the other party's heading beside this one (甲方（出卖人） 乙方（买受人）) names no one
    return candidate.field(value, (0, len(value)))


def _address(candidate: Candidate) -> Field | None:
    """The candidate's clause as a flat's address, when it is one and the text after it does not make it
    a land parcel's (坐落于XX路以东的地块)."""
    end = _CLAUSE_END.search(candidate.value)
    value = candidate.value[: end.start() if end else len(candidate.value)]
    text = candidate.text
    if candidate.how == "right" and value == candidate.value and _ends_its_line(text, candidate.end):
        # a paragraph wrapped inside the address (…2单元2401 / 室（以下简称该房屋）): the next line's words up
        # to the clause's end belong to it when they complete a building or room part; a table's next row
        # (建筑面积（㎡） 96.91) does not. The wrapped part ends with its line: the line after it opens the next
        # sentence (该房屋建筑面积共…), which no punctuation parts from it in the joined text.
        line = text.line_at(candidate.end)
        line_end = text.offsets[line] + len(text.lines[line])
        rest = text.joined[candidate.end : min(line_end, candidate.end + ADDRESS_REACH)]
        rest = rest[: _CLAUSE_END.search(rest).start()]  # type: ignore[union-attr]  # $ always matches
        if flat_detail(value + rest) > flat_detail(value):
            value += rest
    after = text.joined[candidate.start + len(value) : candidate.start + len(value) + 6]
    if not is_flat_address(value) or names_a_parcel(after):
        return None
    return candidate.field(value, (0, len(value)))


def _ends_its_line(text: PageText, position: int) -> bool:
    """Whether character ``position`` of the joined text is where a line ends (and another follows)."""
    line = text.line_at(position - 1)
    return line + 1 < len(text.lines) and position == text.offsets[line] + len(text.lines[line])


def _property_address(texts: list[PageText]) -> Field | None:
    """The flat's address: after its label (房屋坐落：…), else where the prose places the flat (该商品房位于…室),
    the most detailed; never the land parcel's location, which the same words introduce."""
    labels = labels_of(LABELS_OF)
    labelled = [f for t in texts for c in labels.candidates(t, "property_address") if (f := _address(c))]
    if labelled:
        return labelled[0]
    cues = "|".join(re.escape(w) for w in sorted(vocab.words(LABELS_OF, "property_address_prose"), key=len, reverse=True))
    placed = [f for t in texts for m in re.finditer(cues, t.joined)
              if (f := _address(Candidate(t, m.end(), min(len(t.joined), m.end() + ADDRESS_REACH), "prose")))]
    if placed:
        return max(placed, key=lambda f: flat_detail(str(f.value)))
    wrapped = "|".join(re.escape(w) for w in sorted(vocab.words(LABELS_OF, "property_address_wrapped"), key=len, reverse=True))
    labelled = [f for t in texts for m in re.finditer(wrapped, t.joined)  # a label broken over a line (房屋坐 / 落：)
                if (f := _address(Candidate(t, m.end(), min(len(t.joined), m.end() + ADDRESS_REACH), "prose")))]
    return labelled[0] if labelled else None


def _price_clause_figures(texts: list[PageText], figure: re.Pattern[str]) -> Iterator[tuple[Field, Decimal]]:
    """Each figure ``figure`` finds in the prose after a price label, as a field of its own, with its value."""
    for text in texts:
        for candidate in labels_of(LABELS_OF).candidates(text, "total_price", reach=PRICE_REACH):
            for m in figure.finditer(candidate.value) if candidate.how == "prose" else ():
                if (value := parse_amount(m.group(1))) is not None:
                    yield candidate.field(value, m.span(1)), value


def _price_in_words_confirms(texts: list[PageText], words: Field | None) -> Field | None:
    """The figure near a price label that the 大写 total confirms (a 存量房 contract prints the words first:
    房款合计：人民币（大写）叁佰伍拾万元整（¥3,500,000.00元)); None without words or agreement."""
    try:
        expected = from_words(str(words.value)) if words is not None else None
    except ValueError:
        return None
    if expected is None:
        return None
    return next((f for f, value in _price_clause_figures(texts, _PRICE_FIGURE) if value == expected), None)


def _price_in_figures(texts: list[PageText]) -> Field | None:
    """The figure a price clause marks as the price in figures (（小写：¥2,569,718.00元） or ¥…) after its 大写
    words, when those words do not confirm it: the contract states two prices and the check compares them."""
    return next((f for f, _ in _price_clause_figures(texts, _MARKED_FIGURE)), None)


@extractor(DocType.PURCHASE_CONTRACT)
def extract_purchase_contract(doc: RawDocument, ctx: ReadingContext) -> ExtractedFields:
    """Fields over all pages plus the number of pages present."""
    texts = [PageText(without_margin_column(p), drop=VALUE_BRACKETS) for p in doc.pages]
    fields = extract_fields(texts)
    fields["pages_present"] = Field(value=len(doc.pages), confidence=1.0, page=doc.pages[0].number)
    columns = signature_columns(texts)  # whose seal belongs where, for the seal check
    return ExtractedFields(fields=fields, meta={"signature_columns": columns} if columns else {})
