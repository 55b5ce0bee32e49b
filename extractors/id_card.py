"""居民身份证: front (name, sex, ethnicity, birth date, address, id number) and back (authority, validity)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from docproc.cn.id_number import IN_TEXT as ID_NUMBER_IN_TEXT
from docproc.cn.id_number import parse_id_number
from docproc.cn.normalize import find_dates, parse_date
from docproc.cn.places import PROVINCES, from_first_region
from docproc.core.models import DocType, Field, RawDocument, Side
from docproc.extractors._card_back import CJK, extract_back
from docproc.extractors._card_read_again import front_read_again
from docproc.extractors._id_number_reread import cut_number_read_again, in_order, mended_number, pieces_read_again
from docproc.extractors._reread import DIGITS, reread
from docproc.extractors._text import Hit, PageText
from docproc.extractors.registry import ExtractedFields, extractor
from docproc.reading.overprint import RESTRICTION, without_overprint, without_trailing_piece

if TYPE_CHECKING:
    from docproc.reading.context import ReadingContext

# a speck read between label and name (姓名.张嘉雪); the label's second character lost at a row's start (姓邓洋)
_NAME = re.compile(rf"(?:姓?名|^姓(?![名别]))[:：.,，。、·]?([{CJK}][{CJK}·]{{1,7}})")  # 姓别: 性别 misread
# The 56 nationalities recognised in China, as a card prints them (without 族).
ETHNIC_GROUPS = (
    "汉", "蒙古", "回", "藏", "维吾尔", "苗", "彝", "壮", "布依", "朝鲜", "满", "侗", "瑶", "白", "土家", "哈尼", "哈萨克", "傣", "黎",
    "傈僳", "佤", "畲", "高山", "拉祜", "水", "东乡", "纳西", "景颇", "柯尔克孜", "土", "达斡尔", "仫佬", "羌", "布朗", "撒拉", "毛南", "仡佬",
    "锡伯", "阿昌", "普米", "塔吉克", "怒", "乌孜别克", "俄罗斯", "鄂温克", "德昂", "保安", "裕固", "京", "塔塔尔", "独龙", "鄂伦春", "赫哲",
    "门巴", "珞巴", "基诺",
)
_GROUP = "|".join(sorted(ETHNIC_GROUPS, key=len, reverse=True))
_SEX = re.compile(r"性别?[^男女\w]{0,2}([男女])|别([男女])")
# OCR drops or misreads the small grey labels: a value that opens its line after at most two label
# characters (性所女, 男) and is followed by the next label (民族) or the end of the line
_SEX_UNLABELLED = re.compile(r"^.{0,2}?([男女])(?=民|.族|$)")
_SEX_LINE_ETHNICITY = re.compile(rf"^.{{0,2}}?[男女].{{0,3}}?({_GROUP})族?$")
_BIRTH_LINE = re.compile(r"出?生([12]\d{3}.{2,12})")
# a label lost or misread: a year and 年 after at most two characters, or after 出 and one (出牛200110H19F)
_BIRTH_UNLABELLED = re.compile(r"^(?:.{0,2}?(?=[12]\d{3}\s*年)|出.)([12]\d{3}.{2,10})")
# a 复印无效 / 禁止复印 stamp laid over the fields of a photocopy: its words are not the address
_COPY_STAMP = re.compile(r".?印无效|复.?无效|无效|禁止复印")
_CARD_TITLE = re.compile(r"中华人民共和国|居民身份证")  # the other side's title, read on an address row beside it: no address
_ADDRESS_LABEL = re.compile(r"住?址")
_ID_LABEL = re.compile(r"公民身份号码|身份号码|公民身份|号码")
# the other side of a card copied on the same sheet (中华人民共和国, 居民身份证, 签发机关, 有效期限, read whole or in
# part): a front value ends where it begins, on the value's own row when the sides lie side by side; an address
# also ends at a run of the number's digits even with the number's row lost
_OTHER_SIDE = re.compile(r"中华人|华人民|民共和|居民身份|身份证|签发|发机关|有效期")
# the value ends at the next label, a digit, punctuation, or the other side's print on the same row (汉中华人民共和国)
_ETHNICITY = re.compile(rf"(?:民族|民.|.族)({_GROUP})族?(?=出|$|\d|[^{CJK}]|{_OTHER_SIDE.pattern})")
_ADDRESS_END = re.compile(rf"{_OTHER_SIDE.pattern}|\d{{10}}")
# the id number's row: seventeen digits or more in a run, its last character read or not
_NUMBER_ROW = re.compile(r"[1-9]\d{16}")
# not an address's print; nor a run of small Latin letters (a card prints at most a capital: A座, B1栋), which is
# noise of the copy read as letters (国泰家园crisrr20栋)
_ADDRESS_NOISE = re.compile(rf"[^{CJK}0-9A-Za-z\-—()（）]|[a-z]{{3,}}")


def _id_number(text: PageText) -> Field | None:
    hits = list(text.finditer(ID_NUMBER_IN_TEXT))
    if not hits:
        hit = text.search_joined(ID_NUMBER_IN_TEXT)
        hits = [hit] if hit else []
    if not any(parse_id_number(h.group(1)).valid_check_digit for h in hits) and (mended := mended_number(text)):
        return mended
    if not hits:
        return None
    # A number fused from two words whose digits hold no birth date is no reading of one (an address's 2403 run into
    # the digits of a number cut at the card's edge)
    hits = [h for h in hits if len(h.text.words_in(h.offset + h.match.start(1), h.offset + h.match.end(1))) == 1
            or parse_id_number(h.group(1)).birth_date]
    if not hits:
        return None
    # Prefer a number whose check digit holds; OCR noise elsewhere on the card rarely passes it.
    hits.sort(key=lambda h: parse_id_number(h.group(1)).valid_check_digit, reverse=True)
    best = hits[0]
    number = best.group(1).upper()
    field = best.field(number)
    if not parse_id_number(number).valid_check_digit:
        field = field.model_copy(update={"confidence": round(field.confidence * 0.6, 3)})
    return field


ADDRESS_ENDS = "号室户楼层栋幢座组村"  # how a resident address ends (or in a digit)
_ROOM_MISREAD = re.compile(r"(?<=\d)至$")  # 室 read as 至 after the room's number: no address ends in 至


def _address(text: PageText, start: int, end: int, label: tuple[int, int] | None = None,
             left_of: float | None = None) -> Field | None:
    """The address read from characters ``start:end`` of the page, less its ``label`` when that lies within, and
    less any word starting ``left_of`` or right of it (the other side of a sheet holding both, beside its rows)."""
    raw = text.joined[start:end]
    if label and start <= label[0] < label[1] <= end:
        raw = text.joined[start : label[0]] + text.joined[label[1] : end]
    if left_of is not None:
        lines = range(text.line_at(start), text.line_at(max(start, end - 1)) + 1)
        kept = [k for i in lines if i == lines.start or not _ROW_LABEL.match(text.lines[i])
                for a, b, w in text.spans_of_line(i) if w.bbox.x0 < left_of
                for k in range(max(a, start), min(b, end)) if not (label and label[0] <= k < label[1])]
        raw = "".join(text.joined[k] for k in kept)
    value = from_first_region(_ADDRESS_NOISE.sub("", _COPY_STAMP.sub("", RESTRICTION.sub("", _CARD_TITLE.sub("", raw)))))
    value = without_trailing_piece(value, ADDRESS_ENDS)  # a piece of an overprint glued to its end (…1204号印件)
    value = _ROOM_MISREAD.sub("室", value)
    if len(value) < 4:
        return None
    return text.field((start, end), value)


_ROW_LABEL = re.compile(r"(?:姓名|性别|民族|出生)")  # a row of another field, set among the address's rows by the read


def _labelled_row_above_birth(text: PageText) -> Hit | None:
    """住址 opening a row the read set above the birth date's (a tall word of the other side beside both rows
    ordered them so); the address still reads from there."""
    hit = text.search(re.compile(r"^住址"))
    return hit if hit and hit.line < _line_after(text, "出生") else None


def _other_side_beside(text: PageText, stop: int) -> float | None:
    """Where (x) the other side of the sheet begins when the address stops at it within a row, not at a row's
    start: its words stand right of the address's rows, which go on below."""
    if stop >= len(text.joined) or stop in text.offsets:
        return None
    if not _OTHER_SIDE.match(text.joined, stop):
        return None
    words = text.words_in(stop, stop + 1)
    return words[0].bbox.x0 if words else None


def _stop_past_other_side(text: PageText, line: int, stop: int) -> int:
    """Where an address that first stopped at the other side's words within one of its rows ends: past every such
    stop, at the id number's rows or at the other side's print opening a row (签发机关 under the address)."""
    while (more := _address_stop(text, line, stop)) > stop and _other_side_beside(text, more) is not None:
        stop = more
    return max(stop, more)


def _address_stop(text: PageText, line: int, start: int) -> int:
    """Where (in the joined text) an address that starts at ``start`` on ``line`` ends: at the row of the id
    number's label or of the number itself, whichever comes first (a tilted photo may put the number's line above
    its label's), or where the other side begins, within a row when the sides lie side by side."""
    def row_start(index: int) -> int:
        return text.offsets[index] if index < len(text.lines) else len(text.joined)
    other = next((h for h in text.finditer(_ADDRESS_END, start_line=line) if h.offset + h.match.start() > start), None)
    return min(
        row_start(next((h.line for h in text.finditer(_ID_LABEL, start_line=line + 1)), len(text.lines))),
        row_start(next((h.line for h in text.finditer(_NUMBER_ROW, start_line=line)), len(text.lines))),
        other.offset + other.match.start() if other else len(text.joined),
    )


def _first_row_above(text: PageText, line: int, after_label: int) -> int | None:
    """The address's first row when the read put it on a line of its own just above its label (a box grown over
    the label's end, or 住址 set between the address's two rows): the label stands alone on its row, and the row
    above runs on right of it, starts no further left, and ends less than a row's height above the label's top."""
    row_end = text.offsets[line] + len(text.lines[line])
    if text.joined[after_label:row_end].strip() or line == 0 or line - 1 <= _birth_row(text):
        return None
    label = text.words_in(text.offsets[line], row_end)
    above = [w for _, _, w in text.spans_of_line(line - 1)]
    if not label or not above:
        return None
    top, height = min(w.bbox.y0 for w in label), max(w.bbox.y1 - w.bbox.y0 for w in label)
    left, right = min(x.bbox.x0 for x in label), max(x.bbox.x1 for x in label)
    beside = all(w.bbox.x0 >= left and w.bbox.x1 > right + height for w in above)
    return line - 1 if beside and max(w.bbox.y1 for w in above) > top - height else None


def _unlabelled_address(text: PageText, after: int) -> Field | None:
    """An address whose label was lost (under an overprint, to glare): the first row after the birth date's that
    opens with a province, up to the id number's row, which must follow it."""
    number = next((h.line for h in text.finditer(_NUMBER_ROW, start_line=after)), None)
    for line in range(after, number or 0):
        row = "".join(text.lines[line].split())
        if from_first_region(row) != row or row.startswith(PROVINCES):
            return _address(text, text.offsets[line], _address_stop(text, line, text.offsets[line]))
    return None


_LABELS = re.compile(r"(?:姓名|性别|民族|出生|住址|公民身份|签发机关|有效期限)")


def _until_label(field: Field) -> Field:
    """Cut a value where the next label begins (rotated or tight cards merge lines) or the other side's print."""
    value = str(field.value)
    cuts = [m.start() for m in (_LABELS.search(value, 1), _OTHER_SIDE.search(value, 1)) if m is not None]
    return field if not cuts else field.model_copy(update={"value": value[: min(cuts)]})


_NAME_ALONE = re.compile(rf"[{CJK}][{CJK}·]{{1,5}}")


def _name_beside(text: PageText, line: int) -> Field | None:
    """The name on a line of its own just above or below its label's, the label followed by another (姓名 民族汉):
    a card photographed at an angle sets its rows apart."""
    for k in (line - 1, line + 1):
        if 0 <= k < len(text.lines) and _NAME_ALONE.fullmatch(text.lines[k]) and not _LABELS.search(text.lines[k]):
            return text.field((text.offsets[k], text.offsets[k] + len(text.lines[k])), text.lines[k])
    return None


def _name_above(text: PageText) -> Field | None:
    """A name whose label the read lost: the row just above the sex's, nothing but two to six characters of a name
    (a card prints the name first and the sex under it)."""
    sex = text.search(_SEX) or text.search(_SEX_UNLABELLED)
    if sex is None or sex.line == 0:
        return None
    row = text.lines[sex.line - 1]
    name = _LABEL_LEFT.sub("", row)
    if not _NAME_ALONE.fullmatch(name) or _LABELS.search(row) or _OTHER_SIDE.search(row):
        return None
    end = text.offsets[sex.line - 1] + len(row)
    return text.field((end - len(name), end), name)


_LABEL_LEFT = re.compile(r"^姓")  # what is left of 姓名 when its second character was lost


def _front(text: PageText) -> tuple[dict[str, Field], dict[str, str]]:
    """Fields of a front page, and for each field read without its label where it came from."""
    fields: dict[str, Field] = {}
    sources: dict[str, str] = {}
    if (hit := text.search(_NAME)) and not _LABELS.match(hit.group(1)):
        fields["name"] = _until_label(hit.field(hit.group(1)))
    elif hit and (beside := _name_beside(text, hit.line)) is not None:
        fields["name"] = beside
    if hit := text.search(_ETHNICITY) or text.search(_SEX_LINE_ETHNICITY):
        fields["ethnicity"] = hit.field(hit.group(1))
    id_field = _id_number(text)
    if id_field:
        fields["id_number"] = id_field
    encoded = parse_id_number(str(id_field.value)) if id_field else None
    if sex := _sex(text):
        fields["sex"], sources["sex"] = _confirmed(sex[0], sex[1], encoded.sex if encoded else None)
        if "name" not in fields and (alone := _name_above(text)) is not None:
            fields["name"], sources["name"] = _confirmed(alone, "unlabelled", None)
    if born := _birth_date(text, id_field):
        fields["birth_date"], sources["birth_date"] = _confirmed(
            born[0], born[1], encoded.birth_date if encoded else None)
    label = text.search(_ADDRESS_LABEL, start_line=_line_after(text, "出生")) or _labelled_row_above_birth(text)
    if label:
        start = text.offsets[label.line] + label.match.end()
        stop = _address_stop(text, label.line, start)
        if (above := _first_row_above(text, label.line, start)) is not None:
            start = text.offsets[above]
        label_span = (text.offsets[label.line] + label.match.start(), text.offsets[label.line] + label.match.end())
        other_x = _other_side_beside(text, stop)
        if other_x is not None:  # the sides side by side: the address's rows go on left of the other side's
            stop = _stop_past_other_side(text, label.line, stop)
        if addr := _address(text, start, stop, label_span, left_of=other_x):
            fields["address"] = addr
    elif addr := _unlabelled_address(text, _birth_row(text) + 1):
        fields["address"], sources["address"] = _confirmed(addr, "unlabelled", None)
    return fields, {k: v for k, v in sources.items() if v != "label"}


UNLABELLED_CONFIDENCE = 0.6  # share of the read's confidence kept by a value found without its label


def _confirmed(field: Field, source: str, encoded: object) -> tuple[Field, str]:
    """A printed value as read; one read without its label is trusted only as far as the id number agrees.

    The id number never supplies the value: a card whose printed date or sex disagrees with its
    number must show that disagreement to the id-number check.
    """
    if source == "label":
        return field, source
    if encoded is not None and encoded == field.value:
        return field, f"{source}, agrees with the id number"
    return field.model_copy(update={"confidence": round(field.confidence * UNLABELLED_CONFIDENCE, 3)}), source


def _sex(text: PageText) -> tuple[Field, str] | None:
    if hit := text.search(_SEX):
        return hit.field(hit.group(1) or hit.group(2)), "label"
    if hit := text.search(_SEX_UNLABELLED):
        return hit.field(hit.group(1)), "unlabelled"
    return None


def _birth_date(text: PageText, id_field: Field | None) -> tuple[Field, str] | None:
    """The printed birth date; 年/月/日 misread as digits are resolved with the id number's date."""
    source = "label"
    hit = text.search(_BIRTH_LINE)
    if hit is None:
        hit, source = text.search(_BIRTH_UNLABELLED), "unlabelled"
    if hit is None:
        return None
    digits = hit.group(1)
    parts = re.split(r"\D+", digits)
    if len(parts) >= 3 and (born := parse_date(f"{parts[0]}年{parts[1]}月{parts[2]}日")):
        return hit.field(born), source
    hint = parse_id_number(str(id_field.value)).birth_date if id_field else None
    if hint and in_order(re.sub(r"\D", "", digits), [f"{hint.year}", f"{hint.month}", f"{hint.day}"]):
        return hit.field(hint).model_copy(update={"confidence": round(hit.field(hint).confidence * 0.8, 3)}), source
    return None


REREAD_CONFIDENCE = 0.8  # a value a second read gave is never as sure as a clean first read


def _birth_read_again(text: PageText, fields: dict[str, Field], ctx: ReadingContext | None) -> Field | None:
    """A printed birth date read a second time from its own box (digits and 年月日 only): one that disagrees with
    the id number, before the disagreement stands, replaced only when the second read gives the number's date (a 5
    read as 6 on a fax; a card whose print really differs keeps its first read); one after its label that the first
    read could not parse (1971年9月日), taken as the second read gives it, for the id-number check to weigh."""
    number = fields.get("id_number")
    encoded = parse_id_number(str(number.value)).birth_date if number else None
    if "birth_date" not in fields:  # a labelled date the first read could not parse (1971年9月日): any one date read
        hit = text.search(_BIRTH_LINE)
        born, encoded = (hit.field(None), None) if hit else (None, None)
    else:
        born = fields["birth_date"]
        if encoded is None or born.value == encoded:
            return None
    if born is None or born.bbox is None:
        return None
    again = reread(ctx, text.page, born.bbox, whitelist=DIGITS + "年月日")
    found = find_dates(again[0]) if again else []
    if again is None or len(found) != 1 or encoded is not None and found[0][0] != encoded:
        return None
    confidence = round(min(born.confidence, again[1], REREAD_CONFIDENCE), 3)
    return born.model_copy(update={"value": found[0][0], "raw": again[0], "confidence": confidence})


def _birth_row(text: PageText) -> int:
    """The line of the printed birth date (-1 when none is read)."""
    hit = text.search(_BIRTH_LINE) or text.search(_BIRTH_UNLABELLED)
    return hit.line if hit else -1


def _line_after(text: PageText, cue: str) -> int:
    hit = text.search(re.escape(cue))
    return hit.line + 1 if hit else 0


@extractor(DocType.ID_CARD)
def extract_id_card(doc: RawDocument, ctx: ReadingContext) -> ExtractedFields:
    """Front or back fields from the document's first page, without a phrase overprinted across the copy."""
    text = PageText(without_overprint(doc.pages[0]))
    if doc.side == Side.BACK:
        return ExtractedFields(fields=extract_back(text))
    fields, sources = _front(text)
    if "id_number" not in fields and (whole := cut_number_read_again(text, ctx) or pieces_read_again(text, ctx)):
        fields["id_number"] = whole
    if (again := _birth_read_again(text, fields, ctx)) is not None:
        fields["birth_date"] = again
    block, where = front_read_again(text, fields, ctx, _front)  # rows the page's read lost, from the card's crop
    fields, sources = fields | block, sources | where
    return ExtractedFields(fields=fields, meta={"field_sources": sources} if sources else {})
