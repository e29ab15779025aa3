"""Members as commands and documents show them: frozen views, each with one ``as_json()``.

``as_json()`` is the one serializer of a member: ``coop member list/show/add --format json`` print
it, and the table output reads the same keys.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from coop.members.models import Member, Role


@dataclass(frozen=True)
class MemberView:
    """One member of the register, as listed."""

    number: str | None
    reference: str  # what names the member in any command: the number, or id:31 without one
    name: str
    section: str | None
    roles: tuple[str, ...]
    joined_on: date | None
    active: bool
    label: str  # how messages name the member: "Ana Núñez (#0012)"

    def as_json(self) -> dict[str, Any]:
        return {
            "number": self.number,
            "reference": self.reference,
            "name": self.name,
            "section": self.section,
            "roles": list(self.roles),
            "joined_on": self.joined_on.isoformat() if self.joined_on else None,
            "active": self.active,
        }


@dataclass(frozen=True)
class MemberRecordView:
    """One member's record as ``coop member show`` prints it: the listing plus how it ended."""

    member: MemberView
    deactivated_on: date | None
    deactivation_reason: str | None

    def as_json(self) -> dict[str, Any]:
        return self.member.as_json() | {
            "deactivated_on": self.deactivated_on.isoformat() if self.deactivated_on else None,
            "deactivation_reason": self.deactivation_reason,
        }


def member_view(member: Member) -> MemberView:
    """The view of one member."""
    return MemberView(
        number=member.number,
        reference=member.reference,
        name=member.name,
        section=member.section,
        roles=tuple(member.role_names),
        joined_on=member.joined_on,
        active=member.active,
        label=member.label,
    )


def member_record_view(member: Member) -> MemberRecordView:
    """The view of one member's whole record."""
    return MemberRecordView(
        member=member_view(member),
        deactivated_on=member.deactivated_on,
        deactivation_reason=member.deactivation_reason,
    )


def list_members(
    session: Session,
    *,
    include_inactive: bool = False,
    role: Role | None = None,
    section: str | None = None,
) -> list[MemberView]:
    """The register in its order (numbered members first), active members unless ``include_inactive``."""
    from coop.members.register import list_members as members_in_register

    return [
        member_view(member)
        for member in members_in_register(
            session, include_inactive=include_inactive, role=role, section=section
        )
    ]
