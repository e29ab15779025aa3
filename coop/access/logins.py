"""Logins per person on PostgreSQL: grant a member a login of their own, revoke it, list them.

Only the database's owner (a login with CREATEROLE) grants and revokes logins: a login is a
PostgreSQL role, created with a SCRAM-SHA-256 verifier computed here, so that the password itself
never reaches the server, its log or the audit log. The login's group roles follow the member's
roles (:func:`coop.members.logins.sync_login_groups`). A revoked login keeps its row and its role,
without LOGIN: it cannot connect, and its name is not given to somebody else.
"""

from __future__ import annotations

import re
from datetime import datetime

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from coop.audit import record_event
from coop.errors import AccessError
from coop.i18n import _
from coop.members.actors import find_member
from coop.members.logins import on_postgres, sync_login_groups
from coop.members.models import Member, MemberLogin

# PostgreSQL's unquoted identifiers, lower case: a login people can type in a URL and ~/.pgpass.
LOGIN_NAME = re.compile(r"[a-z_][a-z0-9_]{0,62}")
RESERVED_PREFIXES = ("pg_", "coop_")
MINIMUM_PASSWORD = 10


def require_postgres(session: Session) -> None:
    """Logins exist only on PostgreSQL; on SQLite the file's permissions are the boundary."""
    if not on_postgres(session):
        raise AccessError(
            _(
                "Logins are for a shared PostgreSQL database; on a SQLite file the file's permissions "
                "decide who may act (see docs/shared-database.md)."
            )
        )


def require_owner(session: Session) -> str:
    """The connected login, if it may create roles (the owner who ran coop init); else refused."""
    login, may = session.execute(
        text("SELECT current_user, rolcreaterole OR rolsuper FROM pg_roles WHERE rolname = current_user")
    ).one()
    if not may:
        raise AccessError(
            _(
                "Only the database's owner (a login that may create roles) grants and revokes logins; "
                "you are connected as {login}."
            ).format(login=login)
        )
    return str(login)


def check_login_name(login: str) -> str:
    """A new login's name: lower-case letters, digits and _, not starting with pg_ or coop_."""
    name = login.strip()
    if not LOGIN_NAME.fullmatch(name) or name.startswith(RESERVED_PREFIXES):
        raise AccessError(
            _(
                "'{login}' cannot be a login: use up to 63 lower-case letters, digits and _, starting "
                "with a letter and not with pg_ or coop_ (for example anunez)."
            ).format(login=login)
        )
    return name


def check_password(password: str) -> None:
    if len(password) < MINIMUM_PASSWORD or "\x00" in password or password != password.strip():
        raise AccessError(
            _(
                "The password must have at least {count} characters, with no space at either end; "
                "nothing was changed."
            ).format(count=MINIMUM_PASSWORD)
        )


def live_login(session: Session, member: Member) -> MemberLogin | None:
    """The member's login that may connect now, if any."""
    return session.scalar(
        select(MemberLogin).where(MemberLogin.member_id == member.id, MemberLogin.revoked_at.is_(None))
    )


def _scram_verifier(session: Session, login: str, password: str) -> str:
    """The SCRAM-SHA-256 verifier of ``password``, computed by libpq on this side of the connection."""
    raw = session.connection().connection.driver_connection
    verifier = raw.pgconn.encrypt_password(password.encode(), login.encode(), b"scram-sha-256")  # type: ignore[union-attr]
    return bytes(verifier).decode("ascii")


def _run_role_statement(session: Session, template: str, login: str, verifier: str | None = None) -> None:
    """``template`` with the login quoted as an identifier and the verifier as a literal (psycopg's
    quoting: neither is ever pasted into SQL as typed)."""
    from psycopg import sql

    raw = session.connection().connection.driver_connection
    parts = [sql.Identifier(login)] + ([sql.Literal(verifier)] if verifier is not None else [])
    statement = sql.SQL(template).format(*parts).as_string(raw)  # type: ignore[arg-type]
    session.connection().exec_driver_sql(statement)


def grant_login(session: Session, *, now: datetime, reference: str, login: str, password: str) -> MemberLogin:
    """Give the member ``reference`` the PostgreSQL login ``login`` with ``password``, and the group
    roles of their roles, in one transaction. Only the owner may; PostgreSQL only."""
    require_postgres(session)
    owner = require_owner(session)
    member = find_member(session, reference)
    if not member.active:
        raise AccessError(
            _("{member} is not an active member; logins go to active members only.").format(
                member=member.label
            )
        )
    name = check_login_name(login)
    held = live_login(session, member)
    if held is not None:
        raise AccessError(
            _(
                "{member} already has the login {login}; to replace it, first run: coop access revoke {ref}"
            ).format(member=member.label, login=held.login, ref=member.reference)
        )
    row = session.scalar(select(MemberLogin).where(MemberLogin.login == name))
    if row is not None and row.member_id != member.id:
        raise AccessError(
            _("The login {login} was {other}'s; choose another name.").format(
                login=name, other=row.member.label
            )
        )
    if row is None and session.scalar(text("SELECT 1 FROM pg_roles WHERE rolname = :name"), {"name": name}):
        raise AccessError(
            _("A role named {login} already exists on this database server; choose another name.").format(
                login=name
            )
        )
    check_password(password)
    session.execute(text("SET LOCAL password_encryption = 'scram-sha-256'"))
    verifier = _scram_verifier(session, name, password)
    if row is None:
        _run_role_statement(session, "CREATE ROLE {} LOGIN PASSWORD {}", name, verifier)
        row = MemberLogin(member_id=member.id, login=name, granted_at=now)
        session.add(row)
    else:  # the member's own revoked login, given back with a new password
        _run_role_statement(session, "ALTER ROLE {} LOGIN PASSWORD {}", name, verifier)
        row.granted_at, row.revoked_at = now, None
    session.flush()
    sync_login_groups(session, member)
    record_event(
        session,
        "coop.login.granted",
        actor=owner,
        now=now,
        data={"member_id": member.id, "number": member.number, "login": name},
    )
    return row


def revoke_login(session: Session, *, now: datetime, reference: str) -> MemberLogin:
    """Take the member's login away: it can no longer connect and holds no group role."""
    require_postgres(session)
    owner = require_owner(session)
    member = find_member(session, reference)
    held = live_login(session, member)
    if held is None:
        raise AccessError(
            _("{member} has no login to revoke; see who has one with: coop access list").format(
                member=member.label
            )
        )
    _run_role_statement(session, "ALTER ROLE {} NOLOGIN PASSWORD NULL", held.login)
    held.revoked_at = now
    session.flush()
    sync_login_groups(session, member)
    record_event(
        session,
        "coop.login.revoked",
        actor=owner,
        now=now,
        data={"member_id": member.id, "number": member.number, "login": held.login},
    )
    return held
