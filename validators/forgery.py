"""Anomalies of the documents themselves: edited PDFs, retouched images, re-used pages, bad codes."""

from __future__ import annotations

from typing import Any

from docproc.cn.uscc import is_valid_uscc, uscc_check_char
from docproc.core.models import BBox, Bundle, Category, DocType, Document, Evidence, Status, Unit
from docproc.core.policy import Policy
from docproc.validators import _pdf_evidence as pdf_evidence
from docproc.validators._common import Said, evidence, say, value, where, where_zh
from docproc.validators.registry import Verdict, check


def _pdf_facts(doc: Document) -> dict[str, Any] | None:
    facts = doc.meta.get("pdf")
    return facts if isinstance(facts, dict) else None


def _pdf_findings(doc: Document, facts: dict[str, Any]) -> list[tuple[Said, Evidence]]:
    structure = facts.get("structure") or {}
    return (pdf_evidence.content_updates(doc, structure) + pdf_evidence.signature_problems(doc, structure)
            + pdf_evidence.overlays(doc, structure) + pdf_evidence.mixed_fonts(doc))


@check("anomaly.pdf_edit", Category.ANOMALY, title=("PDF编辑痕迹", "Signs of PDF editing"))
def pdf_edited(bundle: Bundle, policy: Policy) -> Verdict:
    """Page content replaced by an update, broken or overridden signatures, white-box overlays, a font change in a figure."""
    pdfs = [d for d in bundle.documents if _pdf_facts(d)]
    if not pdfs:
        return Verdict(Status.NOT_APPLICABLE, [say("没有PDF材料", "no PDF documents")])
    found = [f for doc in pdfs for f in _pdf_findings(doc, _pdf_facts(doc) or {})]
    if found:
        return Verdict(Status.FAIL, [reason for reason, _ in found], [ev for _, ev in found])
    structures = {d.id: (_pdf_facts(d) or {}).get("structure") or {} for d in pdfs}
    unexamined = [say(f"{where_zh(d)}：文件结构未能检查，请人工查看", f"{where(d)}: {structures[d.id]['error']}")
                  for d in pdfs if structures[d.id].get("error")]
    hints = [h for d in pdfs if (h := pdf_evidence.producer_hint(d, _pdf_facts(d) or {}, policy))]
    if unexamined or hints:
        return Verdict(Status.REVIEW, unexamined + hints, [evidence(d) for d in pdfs])
    reasons = [pdf_evidence.summary(d, structures[d.id]) for d in pdfs]
    return Verdict(Status.PASS, [say(f"{len(pdfs)}份PDF材料未见编辑痕迹", f"{len(pdfs)} PDF document(s) show no sign of editing"),
                                 *reasons],
                   [evidence(d) for d in pdfs])


# Documents their issuer seals. A "seal" found on an ID card or an unrecognised page is a coloured part
# of its design, and the print under it says nothing about a pasted patch.
_SEALED_TYPES = frozenset(DocType) - {DocType.ID_CARD, DocType.UNKNOWN}


def _soft_patches(doc: Document, policy: Policy) -> list[dict[str, Any]]:
    if doc.type not in _SEALED_TYPES:
        return []
    patches = doc.meta["image_forensics"].get("seal_patches") or []
    return [p for p in patches if p["sharpness"] < policy.images.patch_sharpness_fail]


def _box(region: dict[str, Any]) -> BBox:
    x0, y0, x1, y1 = region["bbox"]
    return BBox(x0=x0, y0=y0, x1=x1, y1=y1, unit=Unit.PX)


def _smooth_findings(doc: Document, policy: Policy) -> list[tuple[Status, Said, Evidence]]:
    """Compact regions whose grain was wiped out: painted over or in-painted."""
    rules, found = policy.images, []
    for region in doc.meta["image_forensics"].get("smooth_regions") or []:
        ratio = region["grain_ratio"]
        if region["share"] < rules.smooth_min_share or ratio > rules.smooth_grain_review:
            continue
        status = Status.FAIL if ratio <= rules.smooth_grain_fail else Status.REVIEW
        reason = say(f"{where_zh(doc)}第{region['page']}页：位于{region['bbox']}的区域纹理只有周围画面的{ratio:.0%}，疑被涂抹或修补",
                     f"{where(doc)}, page {region['page']}: the region at {region['bbox']} has {ratio:.0%} of the "
                     "grain of the picture around it: painted over or in-painted?")
        found.append((status, reason, Evidence(document_id=doc.id, file_id=doc.file_id, page=region["page"],
                                               bbox=_box(region), value=ratio)))
    return found


def _ghost_findings(doc: Document, policy: Policy) -> list[tuple[Status, Said, Evidence]]:
    """Regions with another JPEG history than the page around them: pasted from another picture."""
    found = []
    for region in doc.meta["image_forensics"].get("jpeg_ghosts") or []:
        if region["ghost_ratio"] > policy.images.ghost_ratio_review:
            continue
        reason = say(f"{where_zh(doc)}第{region['page']}页：位于{region['bbox']}的区域曾以约{region['quality']}的质量保存为JPEG，"
                     "与周围画面不同，疑从其他图片粘贴",
                     f"{where(doc)}, page {region['page']}: the region at {region['bbox']} was saved as a JPEG of "
                     f"quality ~{region['quality']} before, unlike the picture around it: pasted from another picture?")
        found.append((Status.REVIEW, reason, Evidence(document_id=doc.id, file_id=doc.file_id, page=region["page"],
                                                      bbox=_box(region), value=region["ghost_ratio"])))
    return found


def _pasted_seal_findings(doc: Document, policy: Policy) -> list[tuple[Status, Said, Evidence]]:
    """A seal on a patch pasted from another copy (print under it softer than beside it)."""
    return [(Status.FAIL, say(f"{where_zh(doc)}第{p['page']}页：印章下文字的清晰度只有旁边同行文字的{p['sharpness']:.0%}，"
                              "印章位于从其他副本粘贴的补丁上",
                              f"{where(doc)}, page {p['page']}: the print under the seal is {p['sharpness']:.0%} as sharp "
                              "as the same lines beside it: the seal sits on a patch pasted from another copy"),
             Evidence(document_id=doc.id, file_id=doc.file_id, page=p["page"], bbox=_box(p), value=p["sharpness"]))
            for p in _soft_patches(doc, policy)]


def _clone_findings(doc: Document, policy: Policy) -> list[tuple[Status, Said, Evidence]]:
    """Many keypoints repeating one region elsewhere at one shift (copy-move)."""
    clones = doc.meta["image_forensics"].get("clones") or 0
    if clones < policy.images.clone_matches_review:
        return []
    return [(Status.REVIEW, say(f"{where_zh(doc)}：{clones}个相同特征点把一个区域复制到了别处，疑为复制粘贴",
                                f"{where(doc)}: {clones} matching keypoints repeat one region elsewhere (copy-move?)"),
             evidence(doc))]


_IMAGE_FINDINGS = (_pasted_seal_findings, _smooth_findings, _ghost_findings, _clone_findings)


@check("anomaly.image_edit", Category.ANOMALY, title=("图片篡改痕迹", "Signs of image retouching"))
def image_edited(bundle: Bundle, policy: Policy) -> Verdict:
    """A seal on a pasted patch, a painted-over region, a region pasted from another picture or cloned regions."""
    images = [d for d in bundle.documents if d.meta.get("image_forensics")]
    if not images:
        return Verdict(Status.NOT_APPLICABLE, [say("没有需要检查的照片或扫描件", "no photos or scans to examine")])
    found = [f for d in images for finding in _IMAGE_FINDINGS for f in finding(d, policy)]
    if found:
        status = Status.FAIL if any(s == Status.FAIL for s, _, _ in found) else Status.REVIEW
        return Verdict(status, [r for _, r, _ in found], [e for _, _, e in found])
    return Verdict(Status.PASS, [say(f"{len(images)}张照片或扫描件：未见涂抹、复制、粘贴的区域或印章",
                                     f"{len(images)} photo(s) or scan(s): no painted-over or cloned region, "
                                     "no pasted region or seal")], [evidence(d) for d in images])


@check("anomaly.duplicate_document", Category.ANOMALY, title=("重复使用的材料", "Page already seen in another application"))
def duplicate_document(bundle: Bundle, policy: Policy) -> Verdict:
    """No page image of this bundle was already handed in with another application."""
    if not bundle.documents:
        return Verdict(Status.NOT_APPLICABLE, [say("没有材料", "no documents")])
    if not bundle.duplicates:
        return Verdict(Status.PASS, [say("没有页面在其他申请中出现过", "no page was seen in another application")])
    # The other application may belong to another branch: its ids are not this checklist's to show.
    reasons: list[str] = [
        say(f"{d.file_id}第{d.page}页与其他申请已提交的一页相同",
            f"{d.file_id} page {d.page} is the same page as one already handed in with another application")
        for d in bundle.duplicates]
    ev = [Evidence(file_id=d.file_id, page=d.page, value="another application") for d in bundle.duplicates]
    return Verdict(Status.FAIL, reasons, ev)


@check("anomaly.uscc", Category.ANOMALY, title=("统一社会信用代码校验", "USCC check character"))
def uscc_valid(bundle: Bundle, policy: Policy) -> Verdict:
    """The business licence's credit code has 18 characters and a valid GB 32100 check character."""
    licences = [d for d in bundle.of_type(DocType.BUSINESS_LICENSE) if value(d, "uscc")]
    if not licences:
        return Verdict(Status.NOT_APPLICABLE, [say("没有需要校验的统一社会信用代码", "no credit code to check")])
    problems: list[str] = []
    ev = []
    for doc in licences:
        code = str(value(doc, "uscc"))
        ev.append(evidence(doc, "uscc"))
        if len(code) != 18:
            problems.append(say(f"{where_zh(doc)}：{code}为{len(code)}位，不是18位", f"{where(doc)}: {code} has {len(code)} characters, not 18"))
        elif not is_valid_uscc(code):
            right = uscc_check_char(code[:17])
            problems.append(say(f"{where_zh(doc)}：{code}的校验码应为{right}", f"{where(doc)}: check character of {code} should be {right}"))
    if problems:
        return Verdict(Status.FAIL, problems, ev)
    return Verdict(Status.PASS, [say("统一社会信用代码校验码正确（GB 32100）", "the credit code's check character holds (GB 32100)")], ev)
