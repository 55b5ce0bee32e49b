"""The manager's dashboard (数据看板): applications by state, branch and month, the supplement rate and its reasons,
time to ready, the customers' time to bring missing papers, overrides per check; as charts and as CSV.

Supervisors see their own branches, admins every branch. The figures come from :mod:`docproc.store.dashboard`.
"""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime, time, timedelta

import sqlalchemy as sa
from flask import Blueprint, Response, render_template, request
from flask.typing import ResponseReturnValue

from docproc.core.errors import InputError
from docproc.store.dashboard import Durations, Figures, Period, figures
from docproc.store.tables import applications
from docproc.validators.registry import CHECKS
from web.auth import require_role, signed_in
from web.i18n import current_lang, pick, translate
from web.officer.charts import Series, horizontal_bars, stacked_columns
from web.officer.common import ctx

bp = Blueprint("dashboard", __name__)
STATES = ("ready", "needs_supplement", "flagged", "processing", "new")
BUCKETS = ((1, "<1h"), (8, "1–8h"), (24, "8–24h"), (72, "1–3d"), (168, "3–7d"), (float("inf"), ">7d"))
DEFAULT_DAYS = 365


def _day(name: str, default: date) -> date:
    raw = request.args.get(name, "")
    try:
        return date.fromisoformat(raw) if raw else default
    except ValueError:
        raise InputError(f"{name} is not a date (YYYY-MM-DD)") from None


def branches_seen() -> list[str]:
    """The branches the signed-in supervisor or admin may look at (that have applications)."""
    with ctx().db.engine.connect() as conn:
        found = [r[0] for r in conn.execute(sa.select(applications.c.branch).distinct().order_by(applications.c.branch))]
    mine = signed_in().branches
    return [b for b in found if not mine or signed_in().role == "admin" or b in mine]


def period_asked() -> tuple[Period, date, date, str]:
    """The period of the request (``from``/``to`` dates, inclusive, UTC; ``branch``), within what the caller sees."""
    today = datetime.now(UTC).date()
    start, end = _day("from", today - timedelta(days=DEFAULT_DAYS)), _day("to", today)
    principal = signed_in()
    visible = None if principal.role == "admin" or not principal.branches else frozenset(principal.branches)
    branch = request.args.get("branch", "").strip()
    if branch and (visible is None or branch in visible):
        visible = frozenset({branch})
    else:
        branch = ""
    since = datetime.combine(start, time(), tzinfo=UTC)
    until = datetime.combine(end + timedelta(days=1), time(), tzinfo=UTC)
    return Period(since=since, until=until, branches=visible), start, end, branch


def check_label(check_id: str, lang: str | None = None) -> str:
    """A check as officers name it (its registered title); file errors and unknown ids as they are."""
    if check_id == "file_error":
        return translate("dash_file_error", lang)
    return pick(CHECKS.get(check_id).title, lang) if check_id in CHECKS else check_id


def _buckets(durations: Durations) -> list[tuple[str, float]]:
    counts = dict.fromkeys((label for _, label in BUCKETS), 0)
    for hours in durations.hours:
        counts[next(label for limit, label in BUCKETS if hours < limit)] += 1
    return list(counts.items())


def charts(data: Figures) -> dict[str, object]:
    """The dashboard's charts as inline SVG."""
    months = sorted({m for m, _, _, _ in data.by_month})
    branches = sorted({b for _, b, _, _ in data.by_month})

    def series(index: int, keys: list[str]) -> list[Series]:
        totals: dict[tuple[str, str], int] = {}
        for month, branch, state, count in data.by_month:
            key = (month if index == 0 else branch, state)
            totals[key] = totals.get(key, 0) + count
        return [Series(state, translate("st_" + state), [totals.get((k, state), 0) for k in keys]) for state in STATES]

    return {
        "by_month": stacked_columns(translate("dash_by_month"), months, series(0, months)),
        "by_branch": stacked_columns(translate("dash_by_branch"), branches, series(1, branches)),
        "reasons": horizontal_bars(translate("dash_top_reasons"), [(check_label(c), n) for c, n in data.reasons]),
        "to_ready": horizontal_bars(translate("dash_to_ready"), _buckets(data.to_ready)),
        "to_return": horizontal_bars(translate("dash_to_return"), _buckets(data.to_return)),
        "overrides": horizontal_bars(translate("dash_overrides"), [(check_label(c), n) for c, n, _ in data.overrides]),
    }


@bp.get("/dashboard")
@require_role("supervisor", "admin")
def dashboard() -> ResponseReturnValue:
    """The figures of the period as charts, tables and key numbers."""
    period, start, end, branch = period_asked()
    data = figures(ctx().db, period)
    return render_template("dashboard.html", data=data, charts=charts(data), start=start, end=end, branch=branch,
                           branches=branches_seen(), check_label=check_label, lang=current_lang())


def csv_rows(data: Figures, lang: str) -> list[list[object]]:
    """Every figure of the dashboard as rows of section, month, branch, status, check, label, value."""
    rows: list[list[object]] = [["section", "month", "branch", "status", "check", "label", "value"]]
    rows += [["applications", m, b, s, "", translate("st_" + s, lang), n] for m, b, s, n in data.by_month]
    rate = "" if data.supplement_rate is None else f"{data.supplement_rate:.6f}"
    rows += [["summary", "", "", "", "", key, value] for key, value in (
        ("total", data.total), ("checked", data.checked), ("supplemented", data.supplemented),
        ("supplement_rate", rate), ("waiting", data.waiting))]
    rows += [["supplement_reason", "", "", "", c, check_label(c, lang), n] for c, n in data.reasons]
    for name, durations in (("to_ready_hours", data.to_ready), ("to_return_hours", data.to_return)):
        rows.append([name, "", "", "", "", "count", durations.count])
        rows += [[name, "", "", "", "", key, "" if value is None else f"{value:.6f}"] for key, value in (
            ("median", durations.median), ("mean", durations.mean))]
    rows += [["overrides", "", "", "", c, check_label(c, lang), n] for c, n, _ in data.overrides]
    rows += [["overridden_applications", "", "", "", c, check_label(c, lang), a] for c, _, a in data.overrides]
    return rows


@bp.get("/dashboard.csv")
@require_role("supervisor", "admin")
def dashboard_csv() -> ResponseReturnValue:
    """The same figures as CSV (UTF-8 with a byte-order mark, so spreadsheet programs read the Chinese)."""
    period, start, end, branch = period_asked()
    out = io.StringIO()
    csv.writer(out).writerows(csv_rows(figures(ctx().db, period), current_lang()))
    name = f"dashboard-{start}-{end}{'-' + branch if branch else ''}.csv"
    return Response("\ufeff" + out.getvalue(), mimetype="text/csv",
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})
