"""Corrections to the register that keep its history: a misspelt name, a wrong number or section, a
joining date typed wrong, a membership ended by mistake.

Nothing is overwritten silently: each correction is an act of the secretary with a reason, and the
audit log keeps the old and the new value (``coop audit log``; the register of members lists it
among the entries made since a day).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from coop.audit import record_change
from coop.errors import MemberError
from coop.i18n import _
from coop.members.actors import Actor, find_member, require_role
from coop.members.logins import sync_login_groups
from coop.members.models import Member, Role
from coop.members.register import check_joining_date, check_number_form

# The fields a correction may change, in the order messages and the audit log list them.
CORRECTABLE = ("name", "number", "section", "joined_on")


@dataclass(frozen=True)
class FieldChange:
    field: str  # one of CORRECTABLE
    before: str | None
    after: str | None


def field_words(field: str) -> str:
    """A correctable field (or any other field name, as it is) in words."""
    return {
        "name": _("name"),
        "number": _("member number"),
        "section": _("section"),
        "joined_on": _("joining date"),
    }.get(field, field)


def changes_words(changes: Iterable[FieldChange]) -> str:
    """Corrections in words, ``name 'Ana' → 'Ana María'; section …``: messages and the register say them."""
    return "; ".join(
        _("{field} '{before}' → '{after}'").format(
            field=field_words(change.field), before=change.before or "", after=change.after or ""
        )
        for change in changes
    )


def _reason(reason: str | None, doing: str) -> str:
    cleaned = " ".join((reason or "").split())
    if not cleaned:
        raise MemberError(
            _("{doing} needs a reason (--reason), which the audit log keeps with the old value.").format(
                doing=doing
            )
        )
    return cleaned


def _text(value: object) -> str | None:
    if value is None:
        return None
    return value.isoformat() if isinstance(value, date) else str(value)


def correct_member(
    session: Session,
    *,
    actor: Actor,
    now: datetime,
    reference: str,
    reason: str | None,
    name: str | None = None,
    number: str | None = None,
    section: str | None = None,
    joined_on: date | None = None,
) -> tuple[Member, list[FieldChange]]:
    """Correct what the register says of a member (secretary); the changes made, each with both values."""
    require_role(session, actor, Role.secretary, _("Correcting the register"))
    member = find_member(session, reference)
    why = _reason(reason, _("A correction"))
    wanted: dict[str, object] = {}
    if name is not None:
        cleaned = " ".join(name.split())
        if not cleaned:
            raise MemberError(_("A member needs a name."))
        wanted["name"] = cleaned
    if number is not None:
        cleaned_number = number.strip().lstrip("#")
        if not cleaned_number:
            raise MemberError(_("Give the corrected member number, e.g. --number 0042."))
        check_number_form(cleaned_number)
        holder = session.scalars(
            select(Member).where(Member.number == cleaned_number, Member.id != member.id)
        ).first()
        if holder is not None:
            raise MemberError(
                _("Member number {number} already belongs to {member}; choose another number.").format(
                    number=cleaned_number, member=holder.name
                )
            )
        wanted["number"] = cleaned_number
    if section is not None:
        wanted["section"] = " ".join(section.split()) or None
    if joined_on is not None:
        check_joining_date(joined_on, now)
        wanted["joined_on"] = joined_on
    if not wanted:
        raise MemberError(_("Say what to correct: --name, --number, --section or --joined (with --reason)."))
    changes = [
        FieldChange(field, _text(getattr(member, field)), _text(value))
        for field, value in wanted.items()
        if getattr(member, field) != value
    ]
    if not changes:
        raise MemberError(
            _("{member} already stands in the register so; nothing was corrected.").format(
                member=member.label
            )
        )
    old_number = member.number
    for field, value in wanted.items():
        setattr(member, field, value)
    record_change(
        session,
        "coop.member.corrected",
        actor,
        now,
        {
            "member_id": member.id,
            "number": member.number,
            "number_before": old_number,
            "changes": {change.field: [change.before, change.after] for change in changes},
            "reason": why,
        },
    )
    return member, changes


def reactivate_member(
    session: Session, *, actor: Actor, now: datetime, reference: str, reason: str | None
) -> Member:
    """Undo a membership's end (secretary, with a reason); the end stays in the audit log."""
    require_role(session, actor, Role.secretary, _("Reactivating a member"))
    member = find_member(session, reference)
    why = _reason(reason, _("Reactivating a member"))
    if member.active:
        raise MemberError(
            _("{member} is an active member; there is nothing to reactivate.").format(member=member.label)
        )
    record_change(
        session,
        "coop.member.reactivated",
        actor,
        now,
        {
            "member_id": member.id,
            "number": member.number,
            "deactivated_on": _text(member.deactivated_on),
            "deactivation_reason": member.deactivation_reason,
            "reason": why,
        },
    )
    member.active = True
    member.deactivated_on = None
    member.deactivation_reason = None
    sync_login_groups(session, member)  # a login of theirs gets its group roles back
    return member
