"""Logins as ``coop access list`` shows them: one frozen view each, with one ``as_json()``."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import ClassVar

from sqlalchemy import select, text
from sqlalchemy.orm import Session, selectinload

from coop.i18n import N_
from coop.members.logins import on_postgres
from coop.members.models import Member, MemberLogin
from coop.views import View


@dataclass(frozen=True)
class LoginView(View):
    """One member's login: who uses it, since when, and the group roles it holds now."""

    json_omit: ClassVar[frozenset[str]] = frozenset({"label"})
    headings: ClassVar[dict[str, str]] = {
        "login": N_("Login"),
        "member": N_("Member"),
        "name": N_("Name"),
        "granted_at": N_("Granted"),
        "revoked_at": N_("Revoked"),
        "groups": N_("Group roles"),
    }

    login: str
    member: str  # what names the member in commands
    name: str
    granted_at: datetime
    revoked_at: datetime | None
    groups: tuple[str, ...]  # PostgreSQL group roles, as the server has them now
    label: str


def _groups(session: Session, login: str) -> tuple[str, ...]:
    if not on_postgres(session):
        return ()
    rows = session.scalars(
        text(
            "SELECT g.rolname FROM pg_auth_members a JOIN pg_roles g ON g.oid = a.roleid "
            "JOIN pg_roles l ON l.oid = a.member WHERE l.rolname = :login ORDER BY g.rolname"
        ),
        {"login": login},
    )
    return tuple(str(name) for name in rows)


def login_view(session: Session, row: MemberLogin) -> LoginView:
    """The view of one login."""
    member = row.member
    return LoginView.copied(
        row, member=member.reference, name=member.name, groups=_groups(session, row.login), label=member.label
    )


def list_logins(session: Session, *, include_revoked: bool = False) -> list[LoginView]:
    """Every login that may connect (``include_revoked``: every login ever granted), by login."""
    query = select(MemberLogin).options(selectinload(MemberLogin.member).selectinload(Member.roles))
    if not include_revoked:
        query = query.where(MemberLogin.revoked_at.is_(None))
    return [login_view(session, row) for row in session.scalars(query.order_by(MemberLogin.login))]
