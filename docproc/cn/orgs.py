"""Organisation and bank names: what a name must be (a banking institution, an employer ending in its legal
form), and names as seal legends print them: the legal form, the region and the distinctive part.

Two companies of one city share their region and legal form (天津……有限公司), so comparing whole
names cannot tell another company's seal from an OCR slip on the right one; the distinctive part
(宏达新材料 vs 瑞丰科技) can.
"""

from __future__ import annotations

import re
from functools import cache

from docproc.cn.normalize import normalize_text, similarity, to_halfwidth
from docproc.cn.places import REGIONS
from docproc.cn.vocab import names

LEGAL_FORMS = ("股份有限公司", "有限责任公司", "有限公司", "集团公司", "分公司", "总公司", "公司", "集团", "合伙企业",
               "个体工商户", "营业部", "分行", "支行", "储蓄所", "税务局", "税务所", "分局", "银行")
SEAL_KINDS = ("财务专用章", "人事专用章", "业务专用章", "合同专用章", "发票专用章", "专用章", "公章")
_REGION_SUFFIXES = ("省", "市", "自治区", "特别行政区")


def strip_seal_kind(legend: str) -> str:
    """The legend without its seal kind (财务专用章…)."""
    for kind in SEAL_KINDS:
        legend = legend.replace(kind, "")
    return legend


def distinctive(name: str) -> str:
    """The name without leading regions and trailing legal forms: 天津宏达新材料有限责任公司 → 宏达新材料."""
    core = normalize_text(strip_seal_kind(name))
    # 招商银行股份有限公司厦门分行: what follows the legal form names a branch; the organisation is before it.
    for form in ("股份有限公司", "有限责任公司", "有限公司"):
        at = core.find(form)
        if at > 0 and at + len(form) < len(core):
            core = core[:at]
            break
    changed = True
    while changed:
        changed = False
        for form in LEGAL_FORMS:
            if core.endswith(form) and len(core) > len(form):
                core, changed = core[: -len(form)], True
        for region in REGIONS:
            if core.startswith(region) and len(core) > len(region):
                core, changed = core[len(region):], True
                for suffix in _REGION_SUFFIXES:
                    if core.startswith(suffix) and len(core) > len(suffix):
                        core = core[len(suffix):]
    return core


def looks_like_an_organisation(legend: str) -> bool:
    """A legend read cleanly enough to name someone: it ends in a legal form (…有限公司, …支行)."""
    text = normalize_text(strip_seal_kind(legend))
    return len(text) >= 6 and text.endswith(LEGAL_FORMS)


_WHOLE_LEGAL_FORMS = tuple(form for form in LEGAL_FORMS if form != "公司")


def names_cleanly(legend: str) -> bool:
    """A legend read cleanly enough to name another organisation: its legal form read whole (…有限公司,
    …有限责任公司, …支行), not a bare 公司 that a garbled read keeps after misread characters (…益任公司), and
    a place name read too (a registered name carries its province or city: at the start, in brackets after the
    trade name, or in a branch's name): 上生有工文立雅粉有限公司 is 上海致远地产股份有限公司 misread, not another
    company."""
    text = normalize_text(strip_seal_kind(legend))
    return (looks_like_an_organisation(legend) and text.endswith(_WHOLE_LEGAL_FORMS)
            and any(region in text for region in REGIONS))


# Banks known across the country by the name before 银行 (中国 read off: 中国光大 is 光大).
NATIONAL_BANKS = ("", "工商", "建设", "农业", "交通", "招商", "浦东发展", "浦发", "中信", "光大", "华夏", "民生", "广发",
                  "兴业", "平安", "恒丰", "浙商", "渤海", "邮政储蓄", "国家开发", "进出口", "农业发展")


def names_a_bank(legend: str) -> bool:
    """A legend that names a bank one could look up: a national bank (中国民生银行…) or one named after its
    province or city (吉林银行, 长春农村商业银行); 单变银行 is a misread, not another bank."""
    text = normalize_text(strip_seal_kind(legend))
    at = text.find("银行")
    if at < 0:
        return False
    head = text[:at]
    return head.removeprefix("中国") in NATIONAL_BANKS or (bool(head) and head.startswith(REGIONS))


def distinctive_similarity(a: str, b: str) -> float:
    """Similarity of the distinctive parts of two names; a longer one is also compared by its start
    (招商组行股纷有眼公司厦门 is a poor read that begins with 招商)."""
    da, db = distinctive(a), distinctive(b)
    short = min(len(da), len(db))
    return max(similarity(da, db), similarity(da[:short], db[:short]) if short >= 2 else 0.0)


def _plain(text: str) -> str:
    """Half-width, without spaces, with parentheses kept (北京星河(集团)有限公司 keeps its name as printed)."""
    return re.sub(r"\s+", "", to_halfwidth(text))


def _alternation(words: tuple[str, ...]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@cache
def _bank_pattern() -> re.Pattern[str]:
    """A banking institution: a bank known by name, a bank named after a region, or a rural or cooperative
    institution (whatever place precedes 农村商业银行, 村镇银行, 农村信用社 names it); then, kept apart, its
    legal form and branch."""
    regions = _alternation(REGIONS)
    rural = _alternation(names("banks", "rural_suffixes"))
    institution = (rf"(?:{_alternation(names('banks', 'named'))})"
                   rf"|(?:{regions})[\u4e00-\u9fff]{{0,8}}?(?:{rural}|银行)"
                   rf"|[\u4e00-\u9fff]{{2,10}}?(?:{rural})")
    forms, branches = _alternation(names("banks", "forms")), _alternation(names("banks", "branches"))
    return re.compile(rf"(?P<bank>{institution})(?:{forms})?(?P<branch>[\u4e00-\u9fff]{{0,16}}?(?:{branches}))?")


def find_bank(text: str) -> re.Match[str] | None:
    """The first banking institution named in ``text`` (group ``bank``: the institution alone, without its
    legal form or branch); None when the text names no bank (a branch alone, a label, a misread)."""
    return _bank_pattern().search(_plain(text))


@cache
def _organisation_pattern() -> re.Pattern[str]:
    return re.compile(rf"[\u4e00-\u9fff()A-Za-z0-9·]{{2,40}}?(?:{_alternation(names('organisations', 'endings'))})")


def organisation_name(text: str) -> str | None:
    """``text`` as an organisation's name when it is one: it ends in a legal form or the kind of body it is
    (…有限公司, …医院, …局), is at least four characters long, holds none of a letter's prose words and
    does not open with a bracket nor leave one unclosed (a form's filling note, (由借款人所在单位填写), or a
    piece of one is no name; 北京星河(集团)有限公司 is)."""
    value = _plain(text)
    if len(value) < 4 or any(word in value for word in names("organisations", "not_in_name")):
        return None
    if value.startswith("(") or not _brackets_balanced(value):
        return None
    return value if _organisation_pattern().fullmatch(value) else None


def _brackets_balanced(value: str) -> bool:
    depth = 0
    for char in value:
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth < 0:
            return False
    return depth == 0


def organisations_in(text: str) -> list[tuple[str, int, int]]:
    """Every organisation's name that ends somewhere in ``text``, as ``(name, start, end)``: the longest
    run before each legal-form word that is a name on its own (a line may hold a name and more)."""
    out: list[tuple[str, int, int]] = []
    for match in re.finditer(_alternation(names("organisations", "endings")), text):
        for start in range(max(0, match.end() - 40), match.end() - 3):
            if (name := organisation_name(text[start:match.end()])) is not None:
                out.append((name, start, match.end()))
                break
    return out
