"""Stamps: the issuing organisation's seal is on the document, and its legend names that organisation."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from difflib import SequenceMatcher

from docproc.cn.normalize import normalize_text, similarity
from docproc.cn.orgs import (
    LEGAL_FORMS,
    SEAL_KINDS,
    distinctive,
    distinctive_similarity,
    looks_like_an_organisation,
    names_a_bank,
    names_cleanly,
    strip_seal_kind,
)
from docproc.core.models import Bundle, Category, DocType, Document, Evidence, Stamp, Status
from docproc.core.policy import Policy
from docproc.reading.legend_fit import LegendFit, fit_name
from docproc.validators._common import Said, ask, en, say, value, where, where_zh, zh
from docproc.validators.registry import Verdict, check


def _legend_score(legend: str, organisation: str) -> float:
    legend = strip_seal_kind(legend)  # ring legends add 财务专用章, 业务专用章 … after the name
    whole = similarity(legend, organisation)
    # A partly read ring still counts when what was read lines up with the name.
    part = similarity(legend, organisation[: len(legend)]) if 0 < len(legend) < len(organisation) else 0.0
    return max(whole, part * min(1.0, len(legend) / max(1, len(organisation)) + 0.3),
               _contained(legend, organisation))


def legend_match(reads: Sequence[str], name: str) -> float:
    """How surely ring reads carry ``name``: the share of its characters, and of its distinctive part, found in
    order in some rotation of a read (the legend is a circle and a read may start anywhere; OCR slips lower
    the share without zeroing it, and a name sharing only region and legal form scores low)."""
    whole, core = normalize_text(strip_seal_kind(name)), distinctive(name)
    if not whole or not core:
        return 0.0
    best = 0.0
    for read in reads:
        text = normalize_text(read)
        for i in range(len(text)):
            rotated = text[i:] + text[:i]
            best = max(best, min(_in_order(whole, rotated) / len(whole), _in_order(core, rotated) / len(core)))
    return round(best, 3)


def legends_in_reads(reads: Sequence[str]) -> list[str]:
    """Names a whole-ring read spells once turned to start where the legend starts: the rotation of its
    Chinese characters that ends in a legal form (也产有限公司昆明正泰 → 昆明正泰也产有限公司)."""
    found = []
    for read in reads:
        text = "".join(ch for ch in normalize_text(read) if "\u4e00" <= ch <= "\u9fff")
        found += [text[i:] + text[:i] for i in range(len(text)) if looks_like_an_organisation(text[i:] + text[:i])]
    return found


def _in_order(name: str, text: str) -> int:
    """Length of the longest common subsequence of two short strings."""
    row = [0] * (len(text) + 1)
    for a in name:
        prev_diag = 0
        for j, b in enumerate(text, 1):
            prev_diag, row[j] = row[j], prev_diag + 1 if a == b else max(row[j], row[j - 1])
    return row[-1]


def _contained(legend: str, organisation: str) -> float:
    """How well the organisation's name appears inside a longer legend (中信银行 in 中信银行股份有限公司天津和平支行).

    A short name must appear exactly (中国银行 is not 中信银行); a long one may differ by OCR slips.
    """
    size = len(organisation)
    if size < 2 or len(legend) <= size:
        return 0.0
    if organisation in legend:
        return 1.0
    if size < 6:
        return 0.0
    return max(similarity(legend[i : i + size], organisation) for i in range(len(legend) - size + 1))


_FORM_LETTERS = frozenset("".join(LEGAL_FORMS + SEAL_KINDS))
AGREED_OTHER = 3  # letters, none of them in the expected name, that two reads of one ring agree on


def _others_letters(stamp: Stamp, name: str, policy: Policy) -> str | None:
    """What two reads of the seal's ring agree on that the expected name does not have (呼和浩特蓝海咨询… read twice,
    …中科建设工程… expected: 蓝海咨询), when the reader's alignment of the name with the ring speaks against it in
    two reads or more and for it in none, and none of them shows the name nearly throughout: a garbled read of the
    right name seldom misreads the same letters alike twice, and another organisation's trade name is what both
    reads spell. None otherwise."""
    fit = legend_fit(stamp, name, policy)
    if fit is None or fit.supporting or fit.against < 2 or _nearly_carried(fit, policy):
        return None
    own = set(normalize_text(name)) | _FORM_LETTERS
    reads = ["".join(ch for ch in normalize_text(r) if "\u4e00" <= ch <= "\u9fff") for r in _reads(stamp)]
    for i, first in enumerate(reads):
        for second in reads[i + 1 :]:
            run = _common_run(first, second)
            if sum(ch not in own for ch in run) >= AGREED_OTHER:
                return run
    return None


def _nearly_carried(fit: LegendFit, policy: Policy) -> bool:
    """Whether one read of the ring, the best aligned, agrees with most of the name and contradicts none of it: the
    reads' other letters are then a misread the reads share (they see the same ink), not another name."""
    return fit.share >= policy.stamps.legend_verified_min and not fit.contradicted and not fit.inserted


def _common_run(a: str, b: str) -> str:
    """The longest run of letters two strings share (the first in ``a`` of the longest)."""
    match = SequenceMatcher(None, a, b, autojunk=False).find_longest_match(0, len(a), 0, len(b))
    return a[match.a : match.a + match.size]


def _stamp_evidence(doc: Document, stamp: Stamp) -> Evidence:
    return Evidence(document_id=doc.id, file_id=doc.file_id, page=stamp.page, bbox=stamp.bbox, field="stamp",
                    value=stamp.text)


BLOCK_REACH = 3.0  # seal heights under a signature block's headings where a party's seal may stand


def _placed_in(stamp: Stamp, blocks: object) -> dict[str, str] | None:
    """The column of a signature block set in columns (出卖人（签章） | 买受人（签章） | 经纪机构（签章）) that a seal
    stands in: on the block's page, its centre from half a seal above the headings to BLOCK_REACH seals
    under them; the columns part halfway between one heading's end and the next one's start. None for a
    seal elsewhere."""
    if not isinstance(blocks, list):
        return None
    x, y = (stamp.bbox.x0 + stamp.bbox.x1) / 2, (stamp.bbox.y0 + stamp.bbox.y1) / 2
    size = stamp.bbox.y1 - stamp.bbox.y0
    for block in blocks:
        if not isinstance(block, dict) or block.get("page") != stamp.page or not block.get("columns"):
            continue
        if not block["top"] - size / 2 <= y <= block["bottom"] + BLOCK_REACH * size:
            continue
        columns = sorted(block["columns"], key=lambda c: float(c["x0"]))
        column = columns[0]
        for left, right in zip(columns, columns[1:], strict=False):
            if x >= (float(left["x1"]) + float(right["x0"])) / 2:
                column = right
        return {"party": str(column["party"]), "role": str(column["role"])}
    return None


def _reads(stamp: Stamp) -> tuple[str, ...]:
    return (*stamp.legend_reads, *([stamp.text] if stamp.text else []))


def legend_fit(stamp: Stamp, name: str, policy: Policy) -> LegendFit | None:
    """``name`` aligned with what the recogniser saw along the seal's ring (None where that was not kept)."""
    return fit_name(stamp.legend_lattices, name, min_share=policy.stamps.legend_verified_min)


def carries(stamp: Stamp, name: str, policy: Policy) -> bool:
    """The seal's legend is ``name``: aligned with what was seen along its ring where the reader kept that (a
    garbled read still verifies the right name; a name differing in its trade name is not verified), else
    found in its free reads."""
    return _verified([stamp], name, ("", ""), policy) is not None


def _verified(seals: list[Stamp], name: str, organisation: tuple[str, str],
              policy: Policy) -> tuple[Stamp, Said] | None:
    """The first seal that carries ``name``, with the reason saying how that was found."""
    org_zh, org = organisation
    for stamp in seals:
        if not stamp.legend_lattices:
            match = legend_match(_reads(stamp), name)
            if match < policy.stamps.legend_verified_min:
                continue
            read = stamp.text or stamp.legend_reads[0]
            return stamp, say(f"印章文字与{org_zh}“{name}”相符（吻合度{match:.2f}；识别为“{read}”）",
                              f"seal legend verified against {org} {name!r} "
                              f"(legend_match {match:.2f}; read as {read!r})")
        fit = legend_fit(stamp, name, policy)
        if fit is None or not fit.verified:
            continue
        as_zh, as_en = ((f"（按分支机构前的单位名称“{fit.name}”）", f" (as {fit.name!r}, the organisation before its branch)")
                        if fit.branch_left_out else ("", ""))
        return stamp, say(f"印章文字与{org_zh}“{name}”{as_zh}逐字比对相符（{fit.characters}字中{fit.agreeing}字吻合，"
                          f"名称主干完整，无相悖字）",
                          f"seal legend verified against {org} {name!r}{as_en} by aligning the name with what was "
                          f"read along the ring ({fit.agreeing} of {fit.characters} characters agree, the distinctive "
                          f"part whole, none contradicted)")
    return None


def _in_others_columns(doc: Document, coloured: list[Stamp], name: str, owner_role: str,
                       policy: Policy) -> tuple[list[Stamp], list[dict[str, str]]]:
    """The seals, none of which reads as ``name``, that stand in other parties' columns of the signature block
    (when the block has a column of ``owner_role``), with those columns."""
    blocks = doc.meta.get("signature_columns")
    if not isinstance(blocks, list) or not any(
            isinstance(b, dict) and any(c.get("role") == owner_role for c in b.get("columns", [])) for b in blocks):
        return [], []
    if any(carries(s, name, policy) for s in coloured):
        return [], []
    placed = [(s, _placed_in(s, blocks)) for s in coloured]
    others = [(s, p) for s, p in placed if p is not None and p["role"] != owner_role]
    return [s for s, _ in others], [p for _, p in others]


def _not_the_owners(doc: Document, seals: list[Stamp], columns: list[dict[str, str]], name: str,
                    organisation: tuple[str, str], doc_type: DocType) -> Verdict:
    """Every seal stands in another party's column: fail when one's legend cleanly names an organisation
    (not the owner, whose name it does not read as), else review (a legend unread cannot tie it to anyone)."""
    org_zh, org = organisation
    parties = "、".join(dict.fromkeys(c["party"] for c in columns))
    ev = [_stamp_evidence(doc, s) for s in seals]
    clean = [legend for s in seals for legend in ([s.text] if s.text else []) + legends_in_reads(s.legend_reads)
             if looks_like_an_organisation(legend)]
    if clean:
        return Verdict(Status.FAIL, [say(f"{where_zh(doc)}上的印章盖在“{parties}”一栏，印章文字为“{clean[0]}”，"
                                         f"不是{org_zh}“{name}”的印章；未见{org_zh}盖章",
                                         f"the seal on {where(doc)} stands in the column headed {parties} and reads "
                                         f"{clean[0]!r}, not the {org} {name!r}: the {org}'s seal is missing")], ev,
                       supplement=ask(f"{zh(doc_type)}未见{org_zh}“{name}”的印章（仅有{parties}的印章），请提供{org_zh}盖章的合同",
                                      f"The {en(doc_type)} carries no seal of the {org} {name} (only that of {parties}): "
                                      f"provide the contract sealed by the {org}"))
    return Verdict(Status.REVIEW, [say(f"{where_zh(doc)}上的印章只盖在“{parties}”一栏，印章文字未能识别，"
                                       f"无法确认是{org_zh}“{name}”的印章，请人工核对",
                                       f"the only seal on {where(doc)} stands in the column headed {parties} and its legend "
                                       f"could not be read: it cannot be tied to the {org} {name}; check by eye")], ev)


def seal_verdict(bundle: Bundle, policy: Policy, *, doc_type: DocType, organisation_field: str | None,
                 organisation: tuple[str, str], legend_required: bool = True,
                 names_one: Callable[[str], bool] | None = None, owner_role: str | None = None) -> Verdict:
    """Shared logic: seal present → legend matches the organisation → pass; unreadable → review.

    ``names_one`` (names_a_bank for a bank): a legend read as another organisation must name one of that
    kind; a misread that does not is no evidence of a foreign seal. ``organisation``: who seals, in zh and en.
    ``owner_role`` (a contract's seller): where the document shows whose seal belongs where (a signature block
    in columns), a seal in another party's column is not the owner's, whatever its legend.
    """
    org_zh, org = organisation
    docs = bundle.of_type(doc_type)
    if not docs:
        return Verdict(Status.NOT_APPLICABLE, [say(f"没有{zh(doc_type)}", f"no {en(doc_type)} in the bundle")])
    doc = max(docs, key=lambda d: len(d.stamps))
    coloured = [s for s in doc.stamps if s.color in ("red", "blue")]
    if not coloured:
        grey = [s for s in doc.stamps if s.color == "black"]
        reason = (say(f"{where_zh(doc)}上只有黑色/灰色印章：是复印件，不是原件",
                      f"only a black/grey seal on {where(doc)}: a photocopy, not the original") if grey
                  else say(f"{where_zh(doc)}上未找到印章", f"no seal was found on {where(doc)}"))
        return Verdict(Status.FAIL, [reason], [Evidence(document_id=doc.id, file_id=doc.file_id, page=doc.pages[-1])],
                       supplement=ask(f"{zh(doc_type)}未见{org_zh}公章，请提供加盖公章的原件",
                                      f"The {en(doc_type)} carries no seal of the {org}: provide the sealed original"))
    name = str(value(doc, organisation_field) or "") if organisation_field else ""
    if owner_role and name:
        others, columns = _in_others_columns(doc, coloured, name, owner_role, policy)
        if others and len(others) == len(coloured):
            return _not_the_owners(doc, others, columns, name, organisation, doc_type)
        coloured = [s for s in coloured if s not in others]  # another party's seal is no evidence either way
    ev = [_stamp_evidence(doc, s) for s in coloured]
    legends = [s.text for s in coloured if s.text] + legends_in_reads([r for s in coloured for r in s.legend_reads])
    if not name or (not legends and not legend_required):
        return Verdict(Status.PASS, [say(f"{where_zh(doc)}上找到{len(coloured)}枚印章", f"{len(coloured)} seal(s) found on {where(doc)}")], ev)
    verified = _verified(coloured, name, organisation, policy)
    if verified is not None:
        matched, why = verified
        return Verdict(Status.PASS, [why],
                       [_stamp_evidence(doc, matched)] + [e for s, e in zip(coloured, ev, strict=True) if s is not matched])
    if not legends:
        return Verdict(Status.REVIEW, [say(f"{where_zh(doc)}上有印章，但印章文字未能识别，请人工与“{name}”比对",
                                           f"a seal is present on {where(doc)} but its legend could not be read; "
                                           f"compare it with {name} by eye")], ev)
    best = max(legends, key=lambda legend: _legend_score(legend, name))
    if not looks_like_an_organisation(best):  # a clean name spelt by a whole-ring read says more than a fragment
        best = next((legend for legend in legends if looks_like_an_organisation(legend)), best)
    score = _legend_score(best, name)
    reason = say(f"印章文字识别为“{best}”；{org_zh}为“{name}”（相似度{score:.2f}）",
                 f"seal legend read as {best!r}; {org} {name!r} (similarity {score:.2f})")
    contained = _contained(strip_seal_kind(best), name) == 1.0
    core = 1.0 if contained else distinctive_similarity(best, name)
    # Another organisation's seal: a cleanly read name (its legal form read whole) whose distinctive part
    # differs (瑞丰科技 is not 宏达新材料, though both are 天津……有限公司). A garbled read is judged whole.
    other = (names_cleanly(best) and (names_one is None or names_one(best))
             and core < policy.stamps.legend_mismatch_below) or (
        names_one is None and all(_others_letters(s, name, policy) for s in coloured))
    if not other and (score >= policy.stamps.legend_min_similarity or not legend_required):
        # Where only the seal's presence is required (bank, seller), an unverified legend is noted, not held against it.
        return Verdict(Status.PASS, [reason if score >= policy.stamps.legend_min_similarity
                                     else _then(reason, "：印章文字无法核实，但印章存在",
                                                ": the legend could not be verified; the seal is present")], ev)
    if other:
        return Verdict(Status.FAIL, [_then(reason, "：该印章属于其他单位", ": the seal is another organisation's")], ev,
                       supplement=ask(f"{zh(doc_type)}所盖印章与{org_zh}名称不符，请提供加盖正确公章的原件",
                                      f"The seal on the {en(doc_type)} is not the {org}'s: provide one sealed by it"))
    return Verdict(Status.REVIEW, [_then(reason, "：该印章可能不属于该单位", ": the seal may not be this organisation's")], ev)


def _then(reason: Said, zh_tail: str, en_tail: str) -> Said:
    """A reason with a conclusion added in both languages."""
    return say(reason.zh + zh_tail, reason.en + en_tail)


@check("stamp.income_proof", Category.STAMP, title=("收入证明单位公章", "Employer seal on the income proof"))
def income_proof_seal(bundle: Bundle, policy: Policy) -> Verdict:
    """The employer's seal is on the income proof and names the employer."""
    return seal_verdict(bundle, policy, doc_type=DocType.INCOME_PROOF, organisation_field="employer",
                        organisation=("单位", "employer"))


@check("stamp.bank_statement", Category.STAMP, title=("银行流水银行印章", "Bank seal on the statement"))
def bank_statement_seal(bundle: Bundle, policy: Policy) -> Verdict:
    """The bank's seal (业务专用章 or similar) is on the statement."""
    return seal_verdict(bundle, policy, doc_type=DocType.BANK_STATEMENT, organisation_field="bank_name",
                        organisation=("银行", "bank"), legend_required=False, names_one=names_a_bank)


@check("stamp.purchase_contract", Category.STAMP, title=("购房合同出卖人印章", "Seller seal on the contract"))
def purchase_contract_seal(bundle: Bundle, policy: Policy) -> Verdict:
    """The seller's seal is on the contract."""
    return seal_verdict(bundle, policy, doc_type=DocType.PURCHASE_CONTRACT, organisation_field="seller",
                        organisation=("出卖人", "seller"), legend_required=False, owner_role="seller")


@check("stamp.tax_certificate", Category.STAMP, title=("纳税记录税务机关印章", "Tax authority seal"))
def tax_certificate_seal(bundle: Bundle, policy: Policy) -> Verdict:
    """The tax authority's seal is on the tax record."""
    return seal_verdict(bundle, policy, doc_type=DocType.TAX_CERTIFICATE, organisation_field=None,
                        organisation=("税务机关", "tax authority"))
