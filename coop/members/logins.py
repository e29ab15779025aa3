"""Which member a PostgreSQL login is, and keeping the login's group roles in step with the
member's roles. SQLite has no logins: there the file's permissions decide who may act.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import exists, select, text
from sqlalchemy.orm import Session, selectinload

from coop.members.models import Member, MemberLogin, MemberRole, Role


def on_postgres(session: Session) -> bool:
    return session.get_bind().dialect.name == "postgresql"


@dataclass(frozen=True)
class Connected:
    """Who is connected: the PostgreSQL login, and the member it is (None for the owner)."""

    login: str
    member: Member | None


def connected(session: Session) -> Connected | None:
    """The login this session runs as and its member; None on SQLite."""
    if not on_postgres(session):
        return None
    login = session.scalar(text("SELECT current_user"))
    member = session.scalar(
        select(Member)
        .options(selectinload(Member.roles))
        .join(MemberLogin, MemberLogin.member_id == Member.id)
        .where(MemberLogin.login == login, MemberLogin.revoked_at.is_(None))
    )
    return Connected(login=str(login), member=member)


def secretary_has_login(session: Session) -> bool:
    """Does an active secretary hold a live login? From then on only logins act for members."""
    return bool(
        session.scalar(
            select(
                exists()
                .where(MemberLogin.revoked_at.is_(None))
                .where(MemberLogin.member_id == Member.id, Member.active.is_(True))
                .where(MemberRole.member_id == Member.id, MemberRole.role == Role.secretary)
            )
        )
    )


def sync_login_groups(session: Session, member: Member) -> None:
    """Grant and revoke the group roles of ``member``'s logins to match their roles, in this
    transaction (PostgreSQL only; a member without a login is left as is)."""
    if not on_postgres(session):
        return
    has_login = session.scalar(select(exists().where(MemberLogin.member_id == member.id)))
    if not has_login:
        return
    session.flush()  # the function reads the member's roles as this transaction has them
    session.execute(text("SELECT coop_sync_login_groups(:member)"), {"member": member.id})
