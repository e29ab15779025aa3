"""Role terms and rotation: record and end a term within the bylaws' limits; the rotation report."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from coop import vocabulary
from coop.audit import record_change
from coop.changes import add_recorded
from coop.errors import TrainingError
from coop.i18n import _, ngettext
from coop.members.actors import Actor, find_member, require_role
from coop.members.bylaws_record import bylaws_in_force
from coop.members.models import Member, Role
from coop.members.register import list_members
from coop.rules.terms import (
    TermRole,
    describe_term_limit,
    parse_term_limit,
)
from coop.training import coverage
from coop.training.common import member_key
from coop.training.models import (
    RoleTerm,
)


@dataclass(frozen=True)
class ElectingMotion:
    """The motion that elected a member to a term, as the assemblies domain describes it.

    Training stands below assemblies and never reads motions itself: whoever stands above both
    (the CLI) looks the motion up and passes this.
    """

    id: int
    title: str
    adopted: bool
    status: str  # the motion's state, as people read it


def _term_limits(session: Session) -> dict[str, coverage.TermLimit]:
    bylaws = bylaws_in_force(session)
    limits: dict[str, coverage.TermLimit] = {}
    for role in TermRole:
        value = bylaws.get(f"term_limit.{role.value}")
        limit = parse_term_limit(value.value) if value else None
        if limit is not None:
            limits[role.value] = limit
    return limits


def term_limit_for(session: Session, role: TermRole) -> coverage.TermLimit | None:
    return _term_limits(session).get(role.value)


def _check_end_while_member(holder: Member, ends_on: date) -> None:
    """Nobody holds office after leaving the cooperative."""
    left_on = holder.deactivated_on
    if not holder.active and left_on is not None and ends_on > left_on:
        raise TrainingError(
            _("{member} left the cooperative on {left}; their term cannot end later, on {end}.").format(
                member=holder.label, left=left_on.isoformat(), end=ends_on.isoformat()
            )
        )


def _plain_term(term: RoleTerm) -> coverage.Term:
    return coverage.Term(
        term.role.value,
        member_key(term.member),
        term.starts_on,
        term.ends_on,
        str(term.motion_id) if term.motion_id else None,
    )


def record_term(
    session: Session,
    *,
    actor: Actor,
    now: datetime,
    role: TermRole,
    member: str,
    starts_on: date,
    ends_on: date | None = None,
    elected_by: ElectingMotion | None = None,
    section: str | None = None,
) -> RoleTerm:
    """Record a term in a rotating role; the bylaw ``term_limit.<role>`` is applied at its start.

    ``elected_by`` is the motion that elected the member, looked up by the caller (assemblies
    stand above training); it must have been adopted.
    """
    require_role(session, actor, Role.secretary, _("Recording a term"))
    holder = find_member(session, member)
    if ends_on is None and not holder.active:
        raise TrainingError(
            _("{member} is not an active member; only a past term (with --end) can be recorded.").format(
                member=holder.label
            )
        )
    if ends_on is not None:
        _check_end_while_member(holder, ends_on)
    cleaned_section = " ".join((section or "").split()) or None
    if role is TermRole.section_coordinator and cleaned_section is None:
        raise TrainingError(_("A section coordinator's term needs the section: --section Hornos."))
    if role is not TermRole.section_coordinator and cleaned_section is not None:
        raise TrainingError(
            _("Only section coordinators have a section; leave out --section for the {role} role.").format(
                role=vocabulary.label(role)
            )
        )
    if ends_on is not None and ends_on < starts_on:
        raise TrainingError(
            _("The term ends on {end}, before it starts on {start}.").format(
                start=starts_on.isoformat(), end=ends_on.isoformat()
            )
        )
    if elected_by is not None and not elected_by.adopted:
        raise TrainingError(
            _(
                "Motion {id} ({title}) was not adopted (it is {status}); a term needs the motion "
                "that elected the member."
            ).format(id=elected_by.id, title=elected_by.title, status=elected_by.status)
        )
    motion_id = elected_by.id if elected_by is not None else None
    held = list(
        session.scalars(
            select(RoleTerm)
            .options(selectinload(RoleTerm.member))
            .where(RoleTerm.member_id == holder.id, RoleTerm.role == role)
            .order_by(RoleTerm.starts_on)
        )
    )
    for other in held:
        other_end = other.ends_on or date.max
        new_end = ends_on or date.max
        if other.starts_on <= new_end and starts_on <= other_end and other.section == cleaned_section:
            raise TrainingError(
                _(
                    "{member} already holds a term as {role} from {start} {until}; the terms would overlap."
                ).format(
                    member=holder.label,
                    role=vocabulary.label(role),
                    start=other.starts_on.isoformat(),
                    until=_("to {end}").format(end=other.ends_on.isoformat())
                    if other.ends_on
                    else _("with no end yet"),
                )
            )
    limit = term_limit_for(session, role)
    # Each section's coordination is its own rotation; other roles count every earlier term.
    earlier = [_plain_term(t) for t in held if t.starts_on < starts_on and t.section == cleaned_section]
    if limit is not None and earlier:
        summary = coverage.rotation_summary(
            earlier, starts_on - timedelta(days=1), roles=[role.value], limit=limit
        )
        tenure = next((t for t in summary[0].holders if t.member == member_key(holder)), None)
        if tenure is not None and tenure.reached_limit:
            raise TrainingError(
                _(
                    "{member} has already served {terms} ({months}) as {role}, and bylaw "
                    "term_limit.{key} allows {limit}; the assembly must elect someone else, "
                    "or change that bylaw first."
                ).format(
                    member=holder.label,
                    terms=ngettext("{count} term", "{count} terms", tenure.terms).format(count=tenure.terms),
                    months=ngettext("{count} month", "{count} months", tenure.months).format(
                        count=tenure.months
                    ),
                    role=vocabulary.label(role),
                    key=role.value,
                    limit=describe_term_limit(limit),
                )
            )
    term = RoleTerm(
        role=role,
        section=cleaned_section,
        member_id=holder.id,
        starts_on=starts_on,
        ends_on=ends_on,
        motion_id=motion_id,
        recorded_at=now,
        recorded_by=actor.label,
    )
    return add_recorded(
        session,
        actor,
        now,
        term,
        "coop.term.recorded",
        lambda recorded: {
            "term_id": recorded.id,
            "role": role.value,
            "section": cleaned_section,
            "member": holder.label,
            "starts_on": starts_on.isoformat(),
            "ends_on": ends_on.isoformat() if ends_on else None,
            "motion_id": motion_id,
        },
    )


def end_term(
    session: Session, *, actor: Actor, now: datetime, role: TermRole, member: str, ends_on: date
) -> RoleTerm:
    """Close a member's running term in ``role`` on ``ends_on`` (the last day in office)."""
    require_role(session, actor, Role.secretary, _("Ending a term"))
    holder = find_member(session, member)
    running = session.scalars(
        select(RoleTerm).where(
            RoleTerm.member_id == holder.id, RoleTerm.role == role, RoleTerm.ends_on.is_(None)
        )
    ).first()
    if running is None:
        raise TrainingError(
            _("{member} holds no running term as {role}; see the terms with: coop rotation report").format(
                member=holder.label, role=vocabulary.label(role)
            )
        )
    _check_end_while_member(holder, ends_on)
    if ends_on < running.starts_on:
        raise TrainingError(
            _("The term started on {start}; it cannot end before that, on {end}.").format(
                start=running.starts_on.isoformat(), end=ends_on.isoformat()
            )
        )
    running.ends_on = ends_on
    session.flush()
    record_change(
        session,
        "coop.term.ended",
        actor,
        now,
        {"term_id": running.id, "role": role.value, "member": holder.label, "ends_on": ends_on.isoformat()},
    )
    return running


def list_terms(session: Session, role: TermRole | None = None) -> list[RoleTerm]:
    query = select(RoleTerm).options(selectinload(RoleTerm.member)).order_by(RoleTerm.starts_on, RoleTerm.id)
    if role is not None:
        query = query.where(RoleTerm.role == role)
    return list(session.scalars(query))


@dataclass(frozen=True)
class RotationGroup:
    """One role (and section, for section coordinators) with its rotation summary."""

    role: TermRole
    section: str | None
    rotation: coverage.RoleRotation
    members: dict[str, Member]


def rotation_report(session: Session, today: date, role: TermRole | None = None) -> list[RotationGroup]:
    """Who held each role and how long, who holds it now, and who is eligible next, in rotation order.

    The pool of candidates is every active member (of the section, for a section coordinator).
    A role with a term limit but no terms yet still appears, so the assembly sees the pool.
    """
    terms = list_terms(session, role)
    active = list_members(session)
    limits = _term_limits(session)
    by_key = {member_key(t.member): t.member for t in terms} | {member_key(m): m for m in active}
    groups: dict[tuple[TermRole, str | None], list[RoleTerm]] = {}
    for term in terms:
        groups.setdefault((term.role, term.section), []).append(term)
    for limited in limits:
        wanted = TermRole(limited)
        if (role is None or role is wanted) and wanted is not TermRole.section_coordinator:
            groups.setdefault((wanted, None), [])
    result = []
    for (group_role, section), group_terms in sorted(
        groups.items(), key=lambda item: (list(TermRole).index(item[0][0]), item[0][1] or "")
    ):
        if section is not None:
            wanted_section = section.casefold()
            pool = [m for m in active if (m.section or "").casefold() == wanted_section]
        else:
            pool = active
        summary = coverage.rotation_summary(
            [_plain_term(t) for t in group_terms],
            today,
            members=[member_key(m) for m in pool],
            roles=[group_role.value],
            limit=limits.get(group_role.value),
        )
        result.append(RotationGroup(group_role, section, summary[0], by_key))
    return result
