"""The register of members: admitting, listing, deactivating, and granting or revoking roles."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from coop import vocabulary
from coop.audit import record_change
from coop.errors import MemberError
from coop.i18n import _
from coop.members.actors import Actor, find_member, namesakes, require_role
from coop.members.logins import sync_login_groups
from coop.members.models import ID_PREFIX, Member, MemberRole, Role

# --- members -----------------------------------------------------------------------------------


def parse_role(text: str) -> Role:
    """``secretary``, ``capacitador``... (:func:`coop.vocabulary.parse`), or a MemberError listing them."""
    return vocabulary.parse(
        Role,
        text,
        lambda typed: MemberError(
            _("'{role}' is not a role; use {words}.").format(role=typed, words=vocabulary.words_text(Role))
        ),
    )


def parse_roles(text: str | Sequence[str]) -> list[Role]:
    parts = text if not isinstance(text, str) else text.replace("|", ";").replace(",", ";").split(";")
    roles: list[Role] = []
    for part in parts:
        if not part.strip():
            continue
        role = parse_role(part)
        if role not in roles:
            roles.append(role)
    return roles


def check_joining_date(joined_on: date, now: datetime) -> None:
    if joined_on > now.date():
        raise MemberError(
            _(
                "The joining date {day} is in the future; give the day the member joined, "
                "{today} at the latest."
            ).format(day=joined_on.isoformat(), today=now.date().isoformat())
        )


def check_number_form(number: str) -> None:
    if number.casefold().startswith(ID_PREFIX):
        raise MemberError(
            _("A member number cannot start with '{prefix}': that names members without a number.").format(
                prefix=ID_PREFIX
            )
        )


def _check_new_member(
    session: Session, name: str, number: str | None, *, allow_duplicate_name: bool = True
) -> tuple[str, str | None]:
    name = " ".join(name.split())
    if not name:
        raise MemberError(_("A member needs a name."))
    if number is not None:
        number = number.strip().lstrip("#") or None
    if number is None and not allow_duplicate_name:
        same = namesakes(session, name)
        if same:
            # Members are never deleted: a name entered twice by mistake would stay for good.
            raise MemberError(
                _(
                    "{member} already has that name; if this is another person, give their member "
                    "number with --number, or add them with --allow-duplicate-name."
                ).format(member=same[0].label)
            )
    if number is not None:
        check_number_form(number)
        existing = session.scalars(select(Member).where(Member.number == number)).first()
        if existing is not None:
            raise MemberError(
                _("Member number {number} already belongs to {member}; choose another number.").format(
                    number=number, member=existing.name
                )
            )
    return name, number


def add_member(
    session: Session,
    *,
    actor: Actor,
    now: datetime,
    name: str,
    number: str | None = None,
    section: str | None = None,
    joined_on: date | None = None,
    roles: Sequence[Role] = (),
    allow_duplicate_name: bool = False,
) -> Member:
    """Add a member; a name already in the register needs a number or ``allow_duplicate_name``."""
    require_role(session, actor, Role.secretary, _("Adding a member"))
    return insert_member(
        session,
        actor=actor,
        now=now,
        name=name,
        number=number,
        section=section,
        joined_on=joined_on,
        roles=roles,
        allow_duplicate_name=allow_duplicate_name,
    )


def insert_member(
    session: Session,
    *,
    actor: Actor,
    now: datetime,
    name: str,
    number: str | None,
    section: str | None,
    joined_on: date | None,
    roles: Sequence[Role],
    allow_duplicate_name: bool = True,
) -> Member:
    name, number = _check_new_member(session, name, number, allow_duplicate_name=allow_duplicate_name)
    if joined_on is not None:
        check_joining_date(joined_on, now)
    member = new_member(now=now, name=name, number=number, section=section, joined_on=joined_on, roles=roles)
    session.add(member)
    session.flush()
    record_change(session, "coop.member.added", actor, now, member_added(member))
    return member


def new_member(
    *,
    now: datetime,
    name: str,
    number: str | None,
    section: str | None,
    joined_on: date | None,
    roles: Sequence[Role],
) -> Member:
    """A member as admitted (not yet added to the session): the member role first, then ``roles``.

    The caller has checked the name, the number and the date (:func:`insert_member`, or an import
    that checks every line at once).
    """
    member = Member(
        name=name,
        number=number,
        section=(section or "").strip() or None,
        joined_on=joined_on or now.date(),
        active=True,
        created_at=now,
    )
    all_roles = [Role.member, *[r for r in roles if r is not Role.member]]
    member.roles = [MemberRole(role=role, granted_at=now) for role in all_roles]
    return member


def member_added(member: Member) -> dict[str, Any]:
    """The data of a ``coop.member.added`` event (the register of members is read from it)."""
    return {
        "member_id": member.id,
        "number": member.number,
        "name": member.name,
        "section": member.section,
        "roles": [r.role.value for r in member.roles],
    }


def list_members(
    session: Session,
    *,
    include_inactive: bool = False,
    role: Role | None = None,
    section: str | None = None,
) -> list[Member]:
    query = select(Member).options(selectinload(Member.roles))
    if not include_inactive:
        query = query.where(Member.active.is_(True))
    if role is not None:
        query = query.where(Member.roles.any(MemberRole.role == role))
    # Members without a number sort after numbered ones, by name.
    query = query.order_by(Member.number.is_(None), Member.number, Member.name, Member.id)
    members = list(session.scalars(query))
    if section:
        wanted = section.strip().casefold()
        members = [m for m in members if (m.section or "").casefold() == wanted]
    return members


def count_active_members(session: Session) -> int:
    return session.scalar(select(func.count(Member.id)).where(Member.active.is_(True))) or 0


def deactivate_member(
    session: Session, *, actor: Actor, now: datetime, reference: str, reason: str | None = None
) -> Member:
    member = _member_for_secretary(session, actor, _("Deactivating a member"), reference)
    if not member.active:
        raise MemberError(
            _("{member} was already deactivated on {day}.").format(
                member=member.label, day=member.deactivated_on
            )
        )
    if member.has_role(Role.secretary):
        _refuse_removing_the_last_secretary(session, member)
    member.active = False
    member.deactivated_on = now.date()
    member.deactivation_reason = (reason or "").strip() or None
    sync_login_groups(session, member)  # a former member's login keeps no group role
    _record_member_change(
        session, "coop.member.deactivated", actor, now, member, {"reason": member.deactivation_reason}
    )
    return member


def _refuse_removing_the_last_secretary(session: Session, member: Member) -> None:
    """The register never loses its last active secretary: without one it would fall back to the
    set-up, where anyone may add members and make themselves secretary."""
    others = session.scalar(
        select(func.count(MemberRole.id))
        .join(Member)
        .where(MemberRole.role == Role.secretary, Member.active.is_(True), Member.id != member.id)
    )
    if not others:
        raise MemberError(
            _("{member} is the only secretary; grant the role to someone else first.").format(
                member=member.label
            )
        )


def grant_role(session: Session, *, actor: Actor, now: datetime, reference: str, role: Role) -> Member:
    member = _member_for_secretary(session, actor, _("Granting a role"), reference)
    if not member.active:
        raise MemberError(
            _("{member} is not an active member; roles go to active members only.").format(
                member=member.label
            )
        )
    if member.has_role(role):
        raise MemberError(
            _("{member} already holds the {role} role.").format(
                member=member.label, role=vocabulary.label(role)
            )
        )
    member.roles.append(MemberRole(role=role, granted_at=now))
    sync_login_groups(session, member)  # a login follows its member's roles, in this transaction
    _record_member_change(session, "coop.role.granted", actor, now, member, {"role": role.value})
    return member


def revoke_role(session: Session, *, actor: Actor, now: datetime, reference: str, role: Role) -> Member:
    member = _member_for_secretary(session, actor, _("Revoking a role"), reference)
    if role is Role.member:
        raise MemberError(
            _("Every member holds the member role; to end a membership use: coop member deactivate")
        )
    held = next((r for r in member.roles if r.role is role), None)
    if held is None:
        raise MemberError(
            _("{member} does not hold the {role} role.").format(
                member=member.label, role=vocabulary.label(role)
            )
        )
    if role is Role.secretary:
        _refuse_removing_the_last_secretary(session, member)
    member.roles.remove(held)
    sync_login_groups(session, member)
    _record_member_change(session, "coop.role.revoked", actor, now, member, {"role": role.value})
    return member


def _member_for_secretary(session: Session, actor: Actor, doing: str, reference: str) -> Member:
    """The member ``reference`` names, once ``actor`` is known to be a secretary (else: ``doing`` refused)."""
    require_role(session, actor, Role.secretary, doing)
    return find_member(session, reference)


def _record_member_change(
    session: Session, action: str, actor: Actor, now: datetime, member: Member, detail: dict[str, object]
) -> None:
    """Audit a change to one member: the event names the member by id and number, then ``detail``."""
    record_change(session, action, actor, now, {"member_id": member.id, "number": member.number, **detail})
