"""Officer sign-in: users, sessions, roles and CSRF (the officers' web page)."""

from __future__ import annotations

import functools
import math
from collections.abc import Callable
from datetime import timedelta
from typing import Any, TypeVar

from flask import (
    Blueprint,
    Flask,
    Request,
    abort,
    current_app,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask.typing import ResponseReturnValue

from docproc.core.errors import ForbiddenError
from docproc.store.accounts import Accounts, Casework, User
from docproc.store.sessions import Sessions
from web import csrf, html_errors, i18n, wording
from web.login_throttle import Attempt, LoginThrottle
from web.principal import Principal, authenticators, current_principal

F = TypeVar("F", bound=Callable[..., Any])
SESSION_KEY = "sid"  # the cookie holds only this random token; the server knows whose it is

bp = Blueprint("auth", __name__)


def accounts() -> Accounts:
    """The users store of this app."""
    return current_app.extensions["docproc.store.accounts"]  # type: ignore[no-any-return]


def casework() -> Casework:
    """Reviewed marks, assignments and check requests of this app."""
    return current_app.extensions["docproc.casework"]  # type: ignore[no-any-return]


def principal_of(user: User) -> Principal:
    """The Principal of a signed-in user: admins see every branch, others their own."""
    branches = frozenset() if user.role == "admin" else frozenset({user.branch})
    return Principal(kind="session", name=user.username, role=user.role, branches=branches)


def sessions() -> Sessions:
    """The server-side sessions of this app."""
    return current_app.extensions["docproc.store.sessions"]  # type: ignore[no-any-return]


def session_authenticator(_request: Request) -> Principal | None:
    """The officer whose live server-side session the cookie names (re-read, so disabling takes effect)."""
    token = session.get(SESSION_KEY)
    if not isinstance(token, str):
        return None
    username = sessions().user_of(token)
    user = accounts().find(username) if username else None
    if user is None or not user.active:
        session.pop(SESSION_KEY, None)
        return None
    return principal_of(user)


def officer() -> Principal | None:
    """The signed-in officer of this request, if any (API keys do not open the officers' page)."""
    principal = current_principal()
    return principal if principal is not None and principal.kind == "session" else None


def signed_in() -> Principal:
    """The signed-in officer (only inside views guarded by :func:`require_role`)."""
    principal = officer()
    if principal is None:
        abort(401)
    return principal


def _wants_json() -> bool:
    return csrf.HEADER in request.headers or request.accept_mimetypes.best == "application/json"


def require_role(*roles: str) -> Callable[[F], F]:
    """Guard a view: sign-in first (redirect, or 401 for fetch), then one of ``roles`` (else 403)."""

    def decorate(view: F) -> F:
        @functools.wraps(view)
        def guarded(*args: Any, **kwargs: Any) -> Any:
            principal = officer()
            if principal is None:
                if _wants_json():
                    abort(401)
                return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))
            if roles and principal.role not in roles:
                raise ForbiddenError("your role does not allow this page")
            return view(*args, **kwargs)

        return guarded  # type: ignore[return-value]

    return decorate


login_required = require_role()


def throttle() -> LoginThrottle:
    """The sign-in limits of this app."""
    return current_app.extensions["docproc.login_throttle"]  # type: ignore[no-any-return]


@bp.route("/login", methods=["GET", "POST"])
def login() -> ResponseReturnValue:
    """The sign-in form; on success a fresh session (no fixation) and back to where the officer was."""
    target = csrf.safe_path(request.values.get("next"), url_for("pages.applications.index"))
    if request.method == "GET":
        if officer() is not None:
            return redirect(target)
        return render_template("login.html", next=target, error=None)
    username = request.form.get("username", "").strip()
    attempt = Attempt(username=username, address=request.remote_addr or "unknown")
    wait = throttle().retry_after(attempt)
    if wait is not None:
        # Refused before the password is looked at, so the answer tells nothing about it.
        message = i18n.translate("too_many_logins").format(minutes=math.ceil(wait / 60))
        page = render_template("login.html", next=target, error=message, username=username)
        return page, 429, {"Retry-After": str(wait)}
    user = accounts().authenticate(username, request.form.get("password", ""))
    if user is None:
        throttle().failed(attempt)
        return render_template("login.html", next=target, error=i18n.translate("bad_login"), username=username), 401
    lang, earlier = session.get("lang"), session.get(SESSION_KEY)
    if isinstance(earlier, str):
        sessions().end(earlier)  # signing in again replaces the session, it does not add one
    session.clear()
    session.permanent = True
    session[SESSION_KEY] = sessions().open(user.username, lifetime=current_app.permanent_session_lifetime)
    if lang:
        session["lang"] = lang
    csrf.rotate()
    return redirect(target)


@bp.post("/logout")
def logout() -> ResponseReturnValue:
    """End the session here and on the server (POST with the CSRF token, so no page can sign an officer out)."""
    token = session.get(SESSION_KEY)
    if isinstance(token, str):
        sessions().end(token)
    lang = session.get("lang")
    session.clear()
    if lang:
        session["lang"] = lang
    return redirect(url_for("auth.login", out=1))


def init_app(app: Flask) -> None:
    """Register the session authenticator and the sign-in pages."""
    ctx = app.extensions["docproc"]
    app.extensions["docproc.store.accounts"] = Accounts(ctx.db)
    app.extensions["docproc.casework"] = Casework(ctx.db)
    app.extensions["docproc.store.sessions"] = Sessions(ctx.db.engine)
    app.extensions["docproc.login_throttle"] = LoginThrottle(ctx.settings)
    app.config.update(SESSION_COOKIE_HTTPONLY=True, SESSION_COOKIE_SAMESITE="Lax",
                      PERMANENT_SESSION_LIFETIME=timedelta(hours=ctx.settings.session_hours))
    authenticators(app).append(session_authenticator)
    csrf.init_app(app)
    i18n.init_app(app)
    wording.init_app(app)
    html_errors.init_app(app)
    app.register_blueprint(bp)

    @app.context_processor
    def who() -> dict[str, object]:
        return {"me": officer() if request else None}
