"""Who is acting: finding a member by what the messages print, the acting member, role checks."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session, selectinload

from coop import vocabulary
from coop.errors import MemberError, PermissionDenied
from coop.i18n import _
from coop.members.logins import Connected, connected, on_postgres, secretary_has_login
from coop.members.models import Member, MemberRole, Role

SETUP_ACTOR = "(setup)"


# --- who is acting -----------------------------------------------------------------------------


_ID_REFERENCE = re.compile(r"id\s*:?\s*(\d+)", re.IGNORECASE)


def _record_id(reference: str) -> int | None:
    """The id in ``id:31`` (also ``ID 31``), the reference of a member without a number."""
    found = _ID_REFERENCE.fullmatch(reference)
    return int(found.group(1)) if found else None


def find_member(session: Session, reference: str) -> Member:
    """A member by number (``0012`` or ``#0012``), by ``id:31`` (see ``Member.reference``) or by
    exact name, ignoring case."""
    ref = reference.strip()
    if not ref:
        raise MemberError(_("A member is needed: give a member number or a name."))
    number = ref[1:] if ref.startswith("#") else ref
    member = session.scalars(
        select(Member).options(selectinload(Member.roles)).where(Member.number == number)
    ).first()
    if member is not None:
        return member
    record_id = _record_id(ref)
    if record_id is not None:
        member = session.get(Member, record_id, options=[selectinload(Member.roles)])
        if member is not None:
            return member
    matches = namesakes(session, ref)
    if len(matches) == 1:
        return matches[0]
    if len(matches) > 1:
        raise MemberError(
            _("More than one member is called '{name}'; name them as listed instead: {references}.").format(
                name=ref, references=", ".join(m.reference for m in matches)
            )
        )
    raise MemberError(
        _("No member has the number or name '{ref}'; see the list with: coop member list").format(ref=ref)
    )


@dataclass(frozen=True)
class Actor:
    """Who is doing a change; ``member`` is None only while the cooperative is being set up."""

    member: Member | None

    @property
    def label(self) -> str:
        return self.member.label if self.member else SETUP_ACTOR


def resolve_actor(session: Session, reference: str | None) -> Actor:
    """The member acting: ``reference`` (``--as``) on SQLite; on PostgreSQL the member whose login
    is connected, and ``reference`` may only name that same member.

    The owner's login (no member's) keeps ``--as`` only until a secretary has a login of their own.
    """
    here = connected(session)
    if here is not None and here.member is not None:
        return _login_actor(session, here, here.member, reference)
    if reference is None or not reference.strip():
        return Actor(None)
    if here is not None and secretary_has_login(session):
        raise PermissionDenied(_owner_refusal(here.login))
    member = find_member(session, reference)
    return _active(member)


def _login_actor(session: Session, here: Connected, member: Member, reference: str | None) -> Actor:
    if reference is not None and reference.strip():
        named = find_member(session, reference)
        if named.id != member.id:
            raise PermissionDenied(
                _(
                    "You are connected as {member} (login {login}) and cannot act as {other}: "
                    "each person acts through their own login."
                ).format(member=member.label, login=here.login, other=named.label)
            )
    return _active(member)


def _owner_refusal(login: str) -> str:
    return _(
        "The database login {login} is no member's, and members act through their own logins here: "
        "connect with yours (COOP_DATABASE_URL), not with --as or COOP_ACTOR."
    ).format(login=login)


def _active(member: Member) -> Actor:
    if not member.active:
        raise PermissionDenied(
            _("{member} is no longer an active member and cannot act for the cooperative.").format(
                member=member.label
            )
        )
    return Actor(member)


def _has_any_secretary(session: Session) -> bool:
    return (
        session.scalar(
            select(func.count(MemberRole.id))
            .join(Member)
            .where(MemberRole.role == Role.secretary, Member.active.is_(True))
        )
        or 0
    ) > 0


def require_role(session: Session, actor: Actor, role: Role, doing: str) -> None:
    """Refuse unless the actor holds ``role``.

    While the cooperative has no active secretary yet, member and bylaw administration is
    open (that is how the first members are entered); from then on it needs the role.
    """
    if role is Role.secretary and actor.member is None and not _has_any_secretary(session):
        return
    if actor.member is None and on_postgres(session) and secretary_has_login(session):
        login = session.scalar(text("SELECT current_user"))
        raise PermissionDenied(_owner_refusal(str(login)))
    if actor.member is None:
        raise PermissionDenied(
            _(
                "{doing} needs a member with the {role} role: say who you are with --as MEMBER "
                "or the COOP_ACTOR variable."
            ).format(doing=doing, role=vocabulary.label(role))
        )
    if not actor.member.has_role(role):
        raise PermissionDenied(
            _("{doing} needs the {role} role, and {member} does not hold it.").format(
                doing=doing, role=vocabulary.label(role), member=actor.member.label
            )
        )


def namesakes(session: Session, name: str) -> list[Member]:
    """Every member (active or not) whose name is ``name``, ignoring case and spacing."""
    wanted = " ".join(name.split()).casefold()
    # Compared in Python: SQLite's lower() leaves non-ASCII letters (Ł, Ñ) as they are.
    ids = [i for i, n in session.execute(select(Member.id, Member.name)) if n.casefold() == wanted]
    if not ids:
        return []
    return list(
        session.scalars(
            select(Member).options(selectinload(Member.roles)).where(Member.id.in_(ids)).order_by(Member.id)
        )
    )
