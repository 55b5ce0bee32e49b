"""Evidence of a change to a PDF after its issuer made it, read from the structural facts gathered while reading.

The authoring program is not evidence: letters and contracts are written in office suites, and
linearised or signed files have several revisions by design. What counts is what a later revision
changed, whether signatures still hold, and what is drawn on the pages (docproc.reading.pdf_structure).
"""

from __future__ import annotations

from typing import Any

from docproc.core.models import BBox, Document, Evidence, PageSource, Unit
from docproc.core.policy import Policy
from docproc.validators._common import Said, en, pages_zh, say, where, where_zh, zh

Finding = tuple[Said, Evidence]
_KIND_NAMES = {"form": ("表单域", "form fields"), "annotation": ("注释", "annotations"), "signature": ("签名", "signatures"),
               "metadata": ("元数据", "metadata"), "other": ("未被页面使用的对象", "objects no page uses")}


def _on(doc: Document, page: int | None) -> bool:
    """A file-level fact about ``page`` concerns this document (None: the file as a whole)."""
    return page is None or page in doc.pages


def content_updates(doc: Document, structure: dict[str, Any]) -> list[Finding]:
    """Incremental updates that replaced or added page content of this document."""
    found = []
    total = structure.get("revisions") or 1
    for update in structure.get("updates") or []:
        touched = [c for c in update["changes"] if c["change"] == "page_content" and _on(doc, c["page"])]
        if not touched:
            continue
        pages = sorted({c["page"] for c in touched if c["page"]}) or doc.pages[:1]
        objects = ", ".join(c["object"] for c in touched[:6]) + (" …" if len(touched) > 6 else "")
        added = all(c["added"] for c in touched)
        done = "added content to" if added else "replaced the content of"
        reason = say(f"{where_zh(doc)}：第{update['revision']}版（共{total}版，增量更新）{'在' if added else '替换了'}"
                     f"第{pages_zh(pages)}页{'添加了内容' if added else '的内容'}（对象{objects}）",
                     f"{where(doc)}: revision {update['revision']} of {total} (an incremental update) {done} page "
                     f"{', '.join(map(str, pages))} (objects {objects})")
        found += [(reason, Evidence(document_id=doc.id, file_id=doc.file_id, page=p,
                                    value=f"revision {update['revision']}: {objects}")) for p in pages]
    return found


def signature_problems(doc: Document, structure: dict[str, Any]) -> list[Finding]:
    """Signatures that no longer hold, leave their revision unsigned, or were followed by overrides."""
    found = []
    for sig in structure.get("signatures") or []:
        name = f"{sig['kind']} {sig['field']!r} (revision {sig['revision']})"
        name_zh = f"{'时间戳' if sig['kind'] == 'timestamp' else '签名'}“{sig['field']}”（第{sig['revision']}版）"
        if not sig["intact"]:
            problem = say(f"{name_zh}与签名时的内容不再一致：文件在签名后被修改",
                          f"{name} no longer matches the signed bytes: the file was changed after signing")
        elif sig["coverage"] == "partial":
            problem = say(f"{name_zh}未覆盖其所在版本的全部内容，无法区分后续修改与签名内容",
                          f"{name} leaves part of its own revision unsigned, so what later revisions changed "
                          "cannot be told from what was signed")
        elif sig["modification"] == "other" or not sig["permitted"]:
            problem = say(f"{name_zh}之后，后续版本覆盖了已签名版本中的对象，不是签名人可以添加的内容",
                          f"after {name}, a later revision overrides objects of the signed revision "
                          f"({sig['modification'].replace('_', ' ')}): {sig.get('detail') or 'not what a signer may add'}")
        else:
            continue
        found.append((say(f"{where_zh(doc)}：{problem.zh}", f"{where(doc)}: {problem.en}"), Evidence(document_id=doc.id, file_id=doc.file_id,
                                                           page=doc.pages[0] if doc.pages else None,
                                                           value=sig["field"])))
    return found


def overlays(doc: Document, structure: dict[str, Any]) -> list[Finding]:
    """Text written over a white box that hides earlier text."""
    found = []
    for o in structure.get("overlays") or []:
        if not _on(doc, o["page"]):
            continue
        box = o["bbox"]
        at = [round(v) for v in box]
        found.append((say(f"{where_zh(doc)}第{o['page']}页：“{o['written']}”写在一个白色方框上，方框遮住了“{o['hidden']}”（位置{at} pt）",
                          f"{where(doc)}, page {o['page']}: {o['written']!r} is written over a white box "
                          f"that hides {o['hidden']!r} at {at} pt"),
                      Evidence(document_id=doc.id, file_id=doc.file_id, page=o["page"],
                               bbox=BBox(x0=box[0], y0=box[1], x1=box[2], y1=box[3], unit=Unit.PT),
                               value=o["written"])))
    return found


def mixed_fonts(doc: Document) -> list[Finding]:
    """Figures whose characters come from two fonts (an edit inside one number)."""
    found = []
    for mixed in doc.meta.get("mixed_fonts") or []:
        box = mixed["bbox"]
        fonts = ", ".join(mixed["fonts"])
        found.append((say(f"{where_zh(doc)}：数字“{mixed['text']}”混用了字体{fonts}",
                          f"{where(doc)}: {mixed['text']!r} mixes fonts {fonts} inside one figure"),
                      Evidence(document_id=doc.id, file_id=doc.file_id, page=mixed.get("page", doc.pages[0]),
                               bbox=BBox(x0=box[0], y0=box[1], x1=box[2], y1=box[3], unit=Unit.PT),
                               value=mixed["text"])))
    return found


def producer_hint(doc: Document, facts: dict[str, Any], policy: Policy) -> Said | None:
    """An office suite or PDF editor as producer, on a type the policy says its issuer prints itself, where that
    program drew the page's text. A PDF whose every page is a picture (read by OCR: a scan or a photo wrapped by a
    scanner's software, a phone app or an office suite's 图片转PDF) says only who wrapped it; what a picture shows
    of an edit is anomaly.image_edit's to weigh."""
    rule = policy.pdf.producer_review
    sources = doc.meta.get("page_sources") or []
    if doc.type not in rule.doc_types or (sources and all(s == PageSource.OCR for s in sources)):
        return None
    tool = " ".join(str(facts.get(k) or "") for k in ("producer", "creator")).lower()
    if not any(p in tool for p in rule.producers):
        return None
    made_with = facts.get("producer") or facts.get("creator")
    return say(f"{where_zh(doc)}：该{zh(doc.type)}由{made_with}生成，而非出具机构的系统（未见编辑痕迹，请人工确认来源）",
               f"{where(doc)}: a {en(doc.type)} made with {made_with}, "
               "not by the issuer's system (no sign of an edit; a person should confirm the source)")


def summary(doc: Document, structure: dict[str, Any]) -> Said:
    """What was looked at and found harmless, for a passing verdict."""
    revisions = structure.get("revisions") or 1
    parts = [(f"共{revisions}个版本", f"{revisions} revision(s)")]
    if structure.get("linearized"):
        parts.append(("已线性化", "linearised"))
    if structure.get("updates"):
        kinds = sorted({_KIND_NAMES.get(c["change"], (c["change"], c["change"]))
                        for u in structure["updates"] for c in u["changes"]}, key=lambda k: k[1])
        parts.append((f"后续版本只改动了{'、'.join(k[0] for k in kinds) or '无'}，未改动页面内容",
                      f"later revisions touch only {', '.join(k[1] for k in kinds) or 'nothing'}, no page content"))
    sigs = structure.get("signatures") or []
    if sigs:
        parts.append((f"{len(sigs)}个签名/时间戳完好", f"{len(sigs)} signature(s)/timestamp(s) intact"))
    return say(f"{where_zh(doc)}：" + "，".join(p[0] for p in parts), f"{where(doc)}: " + ", ".join(p[1] for p in parts))
