"""What changed between two checklists of an application, and a summary over many (pure)."""

from __future__ import annotations

import hashlib
import json
from collections import Counter, defaultdict
from collections.abc import Iterable

from pydantic import BaseModel, ConfigDict
from pydantic import Field as PydanticField

from docproc.core.models import Checklist

ABSENT = "absent"  # a check id that one of the two checklists does not have


class Frozen(BaseModel):
    """Base for the change models."""

    model_config = ConfigDict(frozen=True)


class Flip(Frozen):
    """One check id whose verdict moved."""

    check_id: str
    before: str
    after: str


class ChecklistChange(Frozen):
    """How one application's checklist moved (``before`` None: it had none)."""

    application_id: str
    label: str | None = None
    status_before: str | None
    status_after: str | None
    flips: list[Flip] = PydanticField(default_factory=list)
    changed: bool
    error: str | None = None


class FlipCount(Frozen):
    """A flip seen across applications: how many, and where."""

    check_id: str
    before: str
    after: str
    count: int
    applications: list[str]


class StatusChange(Frozen):
    """An overall status move (e.g. ready → needs_supplement) and how often."""

    before: str | None
    after: str | None
    count: int


class ChangeSummary(Frozen):
    """The end-of-run report of ``docproc reprocess``."""

    total: int
    changed: int
    unchanged: int
    failed: int
    status_changes: list[StatusChange]
    flips: list[FlipCount]
    changed_applications: list[ChecklistChange]
    errors: list[ChecklistChange]


def content_key(checklist: Checklist) -> str:
    """A digest of what a reader of the checklist sees change (not its timestamp or document ids)."""
    content = {
        "status": checklist.status.value,
        "items": [
            [i.id, i.status.value, i.machine_status.value, i.reasons,
             i.override.model_dump(mode="json") if i.override else None]
            for i in checklist.items
        ],
        "supplement": [s.model_dump(mode="json") for s in checklist.supplement_request],
        "errors": checklist.errors,
    }
    return hashlib.sha256(json.dumps(content, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


class Snapshot(Frozen):
    """What a diff needs of a checklist: overall status, each item's status, the content digest."""

    status: str
    items: dict[str, str]
    key: str


def snapshot(checklist: Checklist) -> Snapshot:
    """A small stand-in for a checklist to compare against later (batches hold thousands)."""
    return Snapshot(status=checklist.status.value, items={i.id: i.status.value for i in checklist.items},
                    key=content_key(checklist))


def diff(before: Checklist | Snapshot | None, after: Checklist, *, label: str | None = None) -> ChecklistChange:
    """Flips between two checklists of one application (effective status, override included)."""
    old = snapshot(before) if isinstance(before, Checklist) else before
    new = snapshot(after)
    flips = [
        Flip(check_id=cid, before=old.items.get(cid, ABSENT), after=new.items.get(cid, ABSENT))
        for cid in sorted(old.items.keys() | new.items.keys())
        if old.items.get(cid, ABSENT) != new.items.get(cid, ABSENT)
    ] if old is not None else []
    return ChecklistChange(
        application_id=after.application, label=label,
        status_before=old.status if old else None, status_after=new.status,
        flips=flips, changed=old is None or old.key != new.key,
    )


def summarize_changes(changes: Iterable[ChecklistChange]) -> ChangeSummary:
    """Aggregate per-application changes into counts of status moves and check flips."""
    done = list(changes)
    ok = [c for c in done if c.error is None]
    moved = [c for c in ok if c.changed]
    statuses = Counter((c.status_before, c.status_after) for c in moved if c.status_before != c.status_after)
    where: dict[tuple[str, str, str], list[str]] = defaultdict(list)
    for change in moved:
        for flip in change.flips:
            where[(flip.check_id, flip.before, flip.after)].append(change.label or change.application_id)
    flips = [
        FlipCount(check_id=cid, before=b, after=a, count=len(apps), applications=sorted(apps))
        for (cid, b, a), apps in sorted(where.items(), key=lambda kv: (-len(kv[1]), kv[0]))
    ]
    return ChangeSummary(
        total=len(done), changed=len(moved), unchanged=len(ok) - len(moved), failed=len(done) - len(ok),
        status_changes=[StatusChange(before=b, after=a, count=n) for (b, a), n in statuses.most_common()],
        flips=flips, changed_applications=moved, errors=[c for c in done if c.error is not None],
    )


def summary_text(summary: ChangeSummary, *, max_places: int = 5) -> str:
    """The summary as a few readable lines for the terminal."""
    lines = [f"{summary.total} application(s) re-checked: {summary.changed} checklist(s) changed, "
             f"{summary.unchanged} unchanged, {summary.failed} failed"]
    if summary.status_changes:
        lines.append("status changes:")
        lines += [f"  {s.before or 'none'} → {s.after}: {s.count}" for s in summary.status_changes]
    if summary.flips:
        lines.append("check flips (check id: before → after, count, where):")
        for flip in summary.flips:
            places = ", ".join(flip.applications[:max_places])
            more = f" … (+{flip.count - max_places})" if flip.count > max_places else ""
            lines.append(f"  {flip.check_id}: {flip.before} → {flip.after}  ×{flip.count}  [{places}{more}]")
    for error in summary.errors[:max_places]:
        lines.append(f"  ERROR {error.label or error.application_id}: {error.error}")
    return "\n".join(lines)
