"""Officer accounts: users, password hashes, roles and branches (tables on the shared metadata).

Also the officers' case-work records that the core pipeline does not keep: who marked an
application reviewed, who it is assigned to, and when its checks were last requested.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Literal, get_args

import sqlalchemy as sa
from werkzeug.security import check_password_hash, generate_password_hash

from docproc.core.clock import utcnow
from docproc.core.errors import InputError, NotFoundError
from docproc.core.models import Checklist
from docproc.store.database import Database
from docproc.store.sessions import Sessions
from docproc.store.tables import application_assignments, application_reviews, branches, check_requests, users

UserRole = Literal["officer", "supervisor", "admin"]
ROLES: tuple[str, ...] = get_args(UserRole)
MIN_PASSWORD = 8
_USERNAME = re.compile(r"^[A-Za-z0-9_.@-]{2,64}$")
# A hash to compare against when the user does not exist, so timing does not reveal usernames.
_DUMMY_HASH = generate_password_hash("not-a-real-password")



@dataclass(frozen=True)
class User:
    """An officer account (never carries the password hash out of this module)."""

    username: str
    role: UserRole
    branch: str
    active: bool
    created_at: datetime
    display_name: str | None = None  # as letters and pages name the officer (e.g. 王晓明); else the username

    @property
    def shown_name(self) -> str:
        """The display name, or the username when none was set."""
        return self.display_name or self.username


@dataclass(frozen=True)
class Review:
    """Who marked an application reviewed, and when."""

    application_id: str
    reviewed_by: str
    reviewed_at: datetime
    checklist_at: datetime | None = None  # the checklist version that was reviewed
    result: dict[str, str] | None = None  # its verdicts: check id → status, "" → the overall status
    comment: str | None = None

    def stale(self, checklist: Checklist | None) -> bool:
        """A newer checklist than the one reviewed changed the result (a re-check that came out the same is not)."""
        if checklist is None or self.result is None or checklist.created_at == self.checklist_at:
            return False
        return verdicts(checklist) != self.result


def verdicts(checklist: Checklist) -> dict[str, str]:
    """What a checklist says: each item's status and, under "", the overall status."""
    return {"": checklist.status.value, **{i.id: i.status.value for i in checklist.items}}


def _review(row: sa.Row) -> Review:  # type: ignore[type-arg]
    return Review(row.application_id, row.reviewed_by, _aware(row.reviewed_at),
                  checklist_at=_aware(row.checklist_at) if row.checklist_at else None, result=row.result,
                  comment=row.comment)


def _aware(moment: datetime) -> datetime:
    """SQLite gives naive datetimes back: they were stored as UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _user(row: sa.Row) -> User:  # type: ignore[type-arg]
    return User(username=row.username, role=row.role, branch=row.branch, active=bool(row.active),
                created_at=_aware(row.created_at), display_name=row.display_name)


def _validate(username: str, password: str | None, role: str, branch: str) -> None:
    if not _USERNAME.match(username):
        raise InputError("a username is 2–64 letters, digits or . _ @ -", zh="用户名为2–64个字母、数字或 . _ @ -")
    if password is not None and len(password) < MIN_PASSWORD:
        raise InputError(f"a password needs at least {MIN_PASSWORD} characters", zh=f"密码至少需要{MIN_PASSWORD}个字符")
    if role not in ROLES:
        raise InputError(f"unknown role {role!r}: choose one of {', '.join(ROLES)}", zh=f"未知角色“{role}”")
    if not branch.strip():
        raise InputError("a user needs a branch", zh="用户必须属于一个网点")


def _display(name: str | None) -> str | None:
    """A display name as stored: trimmed, at most 120 characters, None when blank."""
    clean = " ".join((name or "").split())[:120]
    return clean or None


class Accounts:
    """Users: create, authenticate, list, change role/branch/password, deactivate."""

    def __init__(self, db: Database) -> None:
        self.engine = db.engine

    def create(self, username: str, password: str, *, role: str, branch: str, display_name: str | None = None) -> User:
        """Add a user with a salted password hash; InputError when the name is taken or invalid."""
        _validate(username, password, role, branch)
        with self.engine.begin() as conn:
            if conn.execute(sa.select(users.c.username).where(users.c.username == username)).first():
                raise InputError(f"the username {username!r} is already taken", zh=f"用户名“{username}”已被占用")
            conn.execute(users.insert().values(
                username=username, password_hash=generate_password_hash(password), role=role,
                branch=branch_name(branch), active=True, created_at=utcnow(), display_name=_display(display_name)))
            _ensure_branch(conn, branch_name(branch))
        return self.get(username)

    def get(self, username: str) -> User:
        """One user; NotFoundError when absent."""
        with self.engine.begin() as conn:
            row = conn.execute(sa.select(users).where(users.c.username == username)).first()
        if row is None:
            raise NotFoundError(f"no user {username!r}")
        return _user(row)

    def find(self, username: str) -> User | None:
        """One user, or None."""
        try:
            return self.get(username)
        except NotFoundError:
            return None

    def authenticate(self, username: str, password: str) -> User | None:
        """The active user whose password matches, else None (same work either way)."""
        with self.engine.begin() as conn:
            row = conn.execute(sa.select(users).where(users.c.username == username)).first()
        stored = row.password_hash if row is not None else _DUMMY_HASH
        if not check_password_hash(stored, password) or row is None or not row.active:
            return None
        return _user(row)

    def list(self, *, branch: str | None = None) -> list[User]:
        """All users (of one branch), by branch then name."""
        query = sa.select(users).order_by(users.c.branch, users.c.username)
        if branch is not None:
            query = query.where(users.c.branch == branch)
        with self.engine.begin() as conn:
            return [_user(r) for r in conn.execute(query).all()]

    def update(self, username: str, *, role: str | None = None, branch: str | None = None,
               active: bool | None = None, password: str | None = None, display_name: str | None = None) -> User:
        """Change what is given; the password is re-hashed; a new password or disabling ends all sessions."""
        user = self.get(username)
        _validate(username, password, role or user.role, branch if branch is not None else user.branch)
        values: dict[str, object] = {}
        if role is not None:
            values["role"] = role
        if branch is not None:
            values["branch"] = branch_name(branch)
        if active is not None:
            values["active"] = active
        if display_name is not None:
            values["display_name"] = _display(display_name)
        if password is not None:
            values["password_hash"] = generate_password_hash(password)
        if values:
            with self.engine.begin() as conn:
                conn.execute(users.update().where(users.c.username == username).values(**values))
                if branch is not None:
                    _ensure_branch(conn, branch_name(branch))
        if password is not None or active is False:
            Sessions(self.engine).end_all(username)  # a copied cookie must not outlive the old password
        return self.get(username)

    def count(self) -> int:
        """How many users exist."""
        with self.engine.begin() as conn:
            return int(conn.execute(sa.select(sa.func.count()).select_from(users)).scalar_one())


class Casework:
    """Officer-side records per application: reviewed mark, assignee, last check request."""

    def __init__(self, db: Database) -> None:
        self.engine = db.engine

    def mark_reviewed(self, application_id: str, *, by: str, checklist: Checklist | None = None,
                      comment: str | None = None) -> Review:
        """Record that ``by`` reviewed the application now, as ``checklist`` showed it (replacing an earlier mark)."""
        review = Review(application_id=application_id, reviewed_by=by, reviewed_at=utcnow(),
                        checklist_at=checklist.created_at if checklist else None,
                        result=verdicts(checklist) if checklist else None, comment=comment or None)
        with self.engine.begin() as conn:
            conn.execute(application_reviews.delete().where(application_reviews.c.application_id == application_id))
            conn.execute(application_reviews.insert().values(
                application_id=application_id, reviewed_by=by, reviewed_at=review.reviewed_at,
                checklist_at=review.checklist_at, result=review.result, comment=review.comment))
        return review

    def unmark_reviewed(self, application_id: str) -> Review | None:
        """Withdraw the reviewed mark; returns the mark withdrawn, if there was one."""
        review = self.review_of(application_id)
        with self.engine.begin() as conn:
            conn.execute(application_reviews.delete().where(application_reviews.c.application_id == application_id))
        return review

    def reviews(self) -> dict[str, Review]:
        """Every reviewed mark, by application id."""
        with self.engine.begin() as conn:
            rows = conn.execute(sa.select(application_reviews)).all()
        return {r.application_id: _review(r) for r in rows}

    def review_of(self, application_id: str) -> Review | None:
        """The reviewed mark of one application, if any."""
        with self.engine.begin() as conn:
            row = conn.execute(sa.select(application_reviews).where(
                application_reviews.c.application_id == application_id)).first()
        return None if row is None else _review(row)

    def assign(self, application_id: str, *, to: str, by: str) -> None:
        """Make ``to`` the officer in charge of the application."""
        with self.engine.begin() as conn:
            conn.execute(application_assignments.delete().where(
                application_assignments.c.application_id == application_id))
            conn.execute(application_assignments.insert().values(
                application_id=application_id, assignee=to, assigned_by=by, assigned_at=utcnow()))

    def assignee_of(self, application_id: str) -> str | None:
        """Who the application was last handed to, if it ever was."""
        with self.engine.begin() as conn:
            row = conn.execute(sa.select(application_assignments.c.assignee).where(
                application_assignments.c.application_id == application_id)).first()
        return None if row is None else str(row.assignee)

    def assignees(self) -> dict[str, str]:
        """Assignee by application id (applications never reassigned are absent)."""
        with self.engine.begin() as conn:
            rows = conn.execute(sa.select(application_assignments)).all()
        return {r.application_id: r.assignee for r in rows}

    def request_check(self, application_id: str) -> datetime:
        """Note that new checks were asked for now (a checklist older than this is stale)."""
        now = utcnow()
        with self.engine.begin() as conn:
            conn.execute(check_requests.delete().where(check_requests.c.application_id == application_id))
            conn.execute(check_requests.insert().values(application_id=application_id, requested_at=now))
        return now

    def check_requested_at(self, application_id: str) -> datetime | None:
        """When checks were last asked for through the officers' page, if ever."""
        with self.engine.begin() as conn:
            row = conn.execute(sa.select(check_requests.c.requested_at).where(
                check_requests.c.application_id == application_id)).first()
        return None if row is None else _aware(row.requested_at)


def branch_name(name: str) -> str:
    """A branch name as stored: inner runs of spaces made one, none around it ("SH-Pudong " is "SH-Pudong")."""
    return " ".join(name.split())


def _ensure_branch(conn: sa.Connection, name: str) -> None:
    if name and conn.execute(sa.select(branches.c.name).where(branches.c.name == name)).first() is None:
        conn.execute(branches.insert().values(name=name, created_at=utcnow()))


class Branches:
    """The managed list of branches: users and applications belong to one of these (no free-text branches)."""

    def __init__(self, db: Database) -> None:
        self.engine = db.engine

    def list(self) -> list[str]:
        """Every branch name, sorted."""
        with self.engine.begin() as conn:
            return [r.name for r in conn.execute(sa.select(branches.c.name).order_by(branches.c.name))]

    def add(self, name: str) -> str:
        """Add a branch (spaces around it dropped; a name already listed is not added twice); returns its name."""
        name = branch_name(name)
        if not 0 < len(name) <= 64:
            raise InputError("a branch name is 1–64 characters")
        with self.engine.begin() as conn:
            _ensure_branch(conn, name)
        return name

    def known(self, name: str) -> bool:
        """Whether ``name`` is a listed branch."""
        with self.engine.begin() as conn:
            return conn.execute(sa.select(branches.c.name).where(branches.c.name == name)).first() is not None
