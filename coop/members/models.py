"""The cooperative, its members and their roles, and the bylaws in force."""

from __future__ import annotations

import enum
from datetime import date, datetime

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from coop import vocabulary
from coop.columns import Id, LongText, Name
from coop.db import Base, string_enum
from coop.i18n import N_

# How a member without a number is named: ``id:31``. No member number may start with it.
ID_PREFIX = "id:"


class Role(enum.StrEnum):
    member = "member"
    coordinator = "coordinator"
    trainer = "trainer"
    secretary = "secretary"
    teller = "teller"  # counts ballots: enters paper ballots with a second teller


vocabulary.define(
    Role,
    {
        Role.member: N_("member"),
        Role.coordinator: N_("coordinator"),
        Role.trainer: N_("trainer"),
        Role.secretary: N_("secretary"),
        Role.teller: N_("teller"),
    },
)


class Cooperative(Base):
    __tablename__ = "cooperative"

    id: Mapped[Id]
    name: Mapped[Name]
    language: Mapped[str] = mapped_column(String(8), default="en")
    created_at: Mapped[datetime]


class Member(Base):
    __tablename__ = "members"

    id: Mapped[Id]
    number: Mapped[str | None] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(200), index=True)
    section: Mapped[str | None] = mapped_column(String(100))
    joined_on: Mapped[date | None]
    active: Mapped[bool] = mapped_column(default=True)
    deactivated_on: Mapped[date | None]
    deactivation_reason: Mapped[LongText | None]
    created_at: Mapped[datetime]

    roles: Mapped[list[MemberRole]] = relationship(
        back_populates="member", cascade="all, delete-orphan", order_by="MemberRole.role"
    )

    @property
    def role_names(self) -> list[str]:
        return sorted(r.role.value for r in self.roles)

    def has_role(self, role: Role) -> bool:
        return any(r.role is role for r in self.roles)

    @property
    def reference(self) -> str:
        """What names this member in any command: the number, else ``id:`` and the record's id.

        Members may be added without a number; the id keeps each of them reachable (and tells
        namesakes apart) without being mistaken for somebody's member number.
        """
        return self.number if self.number else f"{ID_PREFIX}{self.id}"

    @property
    def label(self) -> str:
        """How minutes and messages name a member: ``Ana Núñez (#0012)``, or ``Juan Pérez (id:31)``."""
        if self.number:
            return f"{self.name} (#{self.number})"
        return f"{self.name} ({self.reference})" if self.id is not None else self.name


class MemberRole(Base):
    __tablename__ = "member_roles"
    __table_args__ = (UniqueConstraint("member_id", "role"),)

    id: Mapped[Id]
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id"), index=True)
    role: Mapped[Role] = mapped_column(string_enum(Role))
    granted_at: Mapped[datetime]

    member: Mapped[Member] = relationship(back_populates="roles")


class Bylaw(Base):
    """One rule in force; its history is in the audit log (``coop.bylaw.changed``)."""

    __tablename__ = "bylaws"

    key: Mapped[str] = mapped_column(String(80), primary_key=True)
    value: Mapped[Name]
    article: Mapped[Name | None]
    changed_at: Mapped[datetime]
    changed_by: Mapped[Name | None]
    source: Mapped[Name | None]


class MemberLogin(Base):
    """A PostgreSQL login that is this member: whoever connects with it acts as the member.

    A revoked login keeps its row (``revoked_at``), so the record says who held which login when.
    """

    __tablename__ = "member_logins"

    id: Mapped[Id]
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id"), index=True)
    login: Mapped[str] = mapped_column(String(63), unique=True)
    granted_at: Mapped[datetime]
    revoked_at: Mapped[datetime | None]

    member: Mapped[Member] = relationship()
