"""Members as commands and documents show them: frozen views, each with one ``as_json()``.

``as_json()`` is the one serializer of a member: ``coop member list/show/add --format json`` print
it, and the table output reads the same keys.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, ClassVar

from coop.i18n import N_
from coop.members.models import Role
from coop.views import View

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from coop.members.models import Member


@dataclass(frozen=True)
class MemberView(View):
    """One member of the register, as listed."""

    json_omit: ClassVar[frozenset[str]] = frozenset({"label"})
    headings: ClassVar[dict[str, str]] = {
        "number": N_("Number"),
        "reference": N_("Named in commands as"),
        "name": N_("Name"),
        "section": N_("Section"),
        "roles": N_("Roles"),
        "joined_on": N_("Joined"),
        "active": N_("Active"),
    }

    number: str | None
    reference: str  # what names the member in any command: the number, or id:31 without one
    name: str
    section: str | None
    roles: tuple[Role, ...]  # JSON writes the stored words, a person reads their labels
    joined_on: date | None
    active: bool
    label: str  # how messages name the member: "Ana Núñez (#0012)"


@dataclass(frozen=True)
class MemberRecordView(View):
    """One member's record as ``coop member show`` prints it: the listing plus how it ended."""

    json_inline: ClassVar[str | None] = "member"
    headings: ClassVar[dict[str, str]] = {
        "deactivated_on": N_("Deactivated"),
        "deactivation_reason": N_("Reason"),
    }

    member: MemberView
    deactivated_on: date | None
    deactivation_reason: str | None


def member_view(member: Member) -> MemberView:
    """The view of one member."""
    roles = sorted((held.role for held in member.roles), key=lambda role: role.value)
    return MemberView.copied(member, roles=tuple(roles))


def member_record_view(member: Member) -> MemberRecordView:
    """The view of one member's whole record."""
    return MemberRecordView.copied(member, member=member_view(member))


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
