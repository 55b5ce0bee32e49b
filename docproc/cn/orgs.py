"""Organisation names as seal legends print them: the legal form, the region and the distinctive part.

Two companies of one city share their region and legal form (天津……有限公司), so comparing whole
names cannot tell another company's seal from an OCR slip on the right one; the distinctive part
(宏达新材料 vs 瑞丰科技) can.
"""

from __future__ import annotations

from docproc.normalize import normalize_text, similarity
from docproc.places import REGIONS

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
