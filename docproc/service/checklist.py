"""summarize(bundle, results, overrides, policy) → Checklist with its supplement request. Pure."""

from __future__ import annotations

from docproc.core.clock import utcnow
from docproc.core.models import (
    Bundle,
    Category,
    Checklist,
    ChecklistItem,
    ChecklistStatus,
    CheckResult,
    FileState,
    Override,
    Status,
    SupplementItem,
)
from docproc.core.policy import Policy

_BLOCKING = {Status.FAIL, Status.MISSING}


def _item(result: CheckResult, override: Override | None, policy: Policy) -> ChecklistItem:
    status = override.status if override else result.status
    return ChecklistItem(
        id=result.id,
        category=result.category,
        title=result.title,
        status=status,
        machine_status=result.status,
        reasons=result.reasons,
        reasons_zh=result.reasons_zh,
        evidence=result.evidence,
        override=override,
        blocks_ready=status == Status.REVIEW and policy.review_blocks_ready.applies(result.id, result.category),
    )


def overall_status(items: list[ChecklistItem], *, processing: bool = False) -> ChecklistStatus:
    """flagged > needs_supplement > ready (an anomaly that failed flags the file). A review the policy lets
    hold the status (``blocks_ready``) keeps the file from ready: flagged, for an officer to look at."""
    if any(i.category == Category.ANOMALY and i.status == Status.FAIL for i in items):
        return ChecklistStatus.FLAGGED
    if any(i.status in _BLOCKING for i in items):
        return ChecklistStatus.NEEDS_SUPPLEMENT
    if processing:
        return ChecklistStatus.PROCESSING
    if any(i.blocks_ready for i in items):
        return ChecklistStatus.FLAGGED
    return ChecklistStatus.READY


def supplement_request(results: list[CheckResult], items: list[ChecklistItem]) -> list[SupplementItem]:
    """What the customer must bring: customer-fixable items that still fail after overrides."""
    effective = {i.id: i.status for i in items}
    out: list[SupplementItem] = []
    seen: set[str] = set()
    for result in results:
        status = effective[result.id]
        wanted = status in _BLOCKING or (status == Status.REVIEW and result.id.startswith("completeness.legibility"))
        if result.supplement and wanted and result.category != Category.ANOMALY and result.supplement.zh not in seen:
            seen.add(result.supplement.zh)
            out.append(SupplementItem(check_id=result.id, zh=result.supplement.zh, en=result.supplement.en))
    return out


def file_errors(bundle: Bundle) -> list[dict[str, str]]:
    """Files that could not be read, as shown on the checklist."""
    return [
        {"file_id": f.id, "filename": f.filename, "code": f.error_code or "error", "message": f.error or ""}
        for f in bundle.files
        if f.state == FileState.ERROR
    ]


def summarize(
    bundle: Bundle, results: list[CheckResult], *, overrides: list[Override], policy: Policy
) -> Checklist:
    """The checklist: items with overrides beside them, overall status and supplement request."""
    latest = {o.check_id: o for o in overrides}
    items = [_item(r, latest.get(r.id), policy) for r in results]
    errors = file_errors(bundle)
    requests = supplement_request(results, items)
    requests += [
        SupplementItem(
            check_id="file_error",
            zh=f"文件“{e['filename']}”无法读取，请重新提交",
            en=f"The file '{e['filename']}' could not be read: please submit it again ({e['message']})",
        )
        for e in errors
    ]
    busy = any(f.state in (FileState.RECEIVED, FileState.QUEUED, FileState.READING) for f in bundle.files)
    status = overall_status(items, processing=busy)
    if errors and status == ChecklistStatus.READY:  # a file that could not be read must be handed in again
        status = ChecklistStatus.NEEDS_SUPPLEMENT
    return Checklist(
        application=bundle.application.id,
        profile=bundle.application.profile,
        status=status,
        items=items,
        supplement_request=requests,
        documents=bundle.documents,
        errors=errors,
        policy_version=policy.version,
        application_date=bundle.application.application_date,
        created_at=utcnow(),
    )
