"""Assemblies, attendance, proxies, motions with their amendments, and consent objections."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import Column, ForeignKey, ForeignKeyConstraint, Index, String, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from coop import vocabulary
from coop.columns import Digest, Id, LongText
from coop.db import Base, string_enum
from coop.i18n import N_
from coop.members.models import Member
from coop.training.models import RoleTerm
from coop.votes.models import Election, Vote


class AssemblyKind(enum.StrEnum):
    ordinary = "ordinary"
    extraordinary = "extraordinary"


vocabulary.define(
    AssemblyKind, {AssemblyKind.ordinary: N_("ordinary"), AssemblyKind.extraordinary: N_("extraordinary")}
)


class AssemblyStatus(enum.StrEnum):
    called = "called"  # convened, with its notice and agenda, not yet opened
    open = "open"
    closed = "closed"


vocabulary.define(
    AssemblyStatus,
    {
        AssemblyStatus.called: vocabulary.in_context("assembly", "called"),
        AssemblyStatus.open: vocabulary.in_context("assembly", "open"),
        AssemblyStatus.closed: vocabulary.in_context("assembly", "closed"),
    },
)


class MinutesStatus(enum.StrEnum):
    draft = "draft"
    approved = "approved"


vocabulary.define(
    MinutesStatus,
    {
        MinutesStatus.draft: vocabulary.in_context("minutes", "draft"),
        MinutesStatus.approved: vocabulary.in_context("minutes", "approved"),
    },
)


class MotionStatus(enum.StrEnum):
    proposed = "proposed"
    seconded = "seconded"
    postponed = "postponed"
    voting = "voting"
    adopted = "adopted"
    rejected = "rejected"
    withdrawn = "withdrawn"


vocabulary.define(
    MotionStatus,
    {
        MotionStatus.proposed: N_("proposed"),
        MotionStatus.seconded: N_("seconded"),
        MotionStatus.postponed: N_("postponed"),
        MotionStatus.voting: N_("being voted on"),
        MotionStatus.adopted: N_("adopted"),
        MotionStatus.rejected: N_("not adopted"),
        MotionStatus.withdrawn: N_("withdrawn"),
    },
)


class ObjectionStatus(enum.StrEnum):
    open = "open"
    resolved = "resolved"
    withdrawn = "withdrawn"


vocabulary.define(
    ObjectionStatus,
    {
        ObjectionStatus.open: vocabulary.in_context("objection", "open"),
        ObjectionStatus.resolved: N_("resolved"),
        ObjectionStatus.withdrawn: vocabulary.in_context("objection", "withdrawn"),
    },
)


class Assembly(Base):
    __tablename__ = "assemblies"

    id: Mapped[Id]
    kind: Mapped[AssemblyKind] = mapped_column(string_enum(AssemblyKind))
    called_for: Mapped[datetime]
    place: Mapped[str] = mapped_column(String(300))
    chair_id: Mapped[int] = mapped_column(ForeignKey("members.id"))
    secretary_id: Mapped[int] = mapped_column(ForeignKey("members.id"))
    status: Mapped[AssemblyStatus] = mapped_column(string_enum(AssemblyStatus))
    opened_at: Mapped[datetime | None]  # None while the assembly is only called
    second_call_at: Mapped[datetime | None]
    closed_at: Mapped[datetime | None]
    minutes_status: Mapped[MinutesStatus] = mapped_column(
        string_enum(MinutesStatus), default=MinutesStatus.draft
    )
    minutes_snapshot: Mapped[LongText | None]
    minutes_hash: Mapped[Digest | None]
    minutes_approved_at: Mapped[datetime | None]
    # No foreign key: a motion belongs to an assembly, so a key back would be circular.
    minutes_approved_by_motion: Mapped[int | None]

    chair: Mapped[Member] = relationship(foreign_keys=[chair_id])
    secretary: Mapped[Member] = relationship(foreign_keys=[secretary_id])
    attendance: Mapped[list[Attendance]] = relationship(back_populates="assembly", order_by="Attendance.id")
    proxies: Mapped[list[Proxy]] = relationship(back_populates="assembly", order_by="Proxy.id")
    motions: Mapped[list[Motion]] = relationship(
        back_populates="assembly", order_by="Motion.id", foreign_keys="Motion.assembly_id"
    )
    agenda: Mapped[list[AgendaItem]] = relationship(
        back_populates="assembly", order_by="AgendaItem.position", cascade="all, delete-orphan"
    )


class AgendaItem(Base):
    """One point of an assembly's agenda (orden del día), numbered by ``position`` from 1."""

    __tablename__ = "agenda_items"

    id: Mapped[Id]
    assembly_id: Mapped[int] = mapped_column(ForeignKey("assemblies.id"), index=True)
    position: Mapped[int]
    title: Mapped[str] = mapped_column(String(300))
    text: Mapped[LongText | None]
    motion_kind: Mapped[str | None] = mapped_column(String(40))
    # The election that decides this item (an election of officers is held under its item).
    election_id: Mapped[int | None] = mapped_column(ForeignKey("elections.id"), index=True, unique=True)

    assembly: Mapped[Assembly] = relationship(back_populates="agenda")
    motions: Mapped[list[Motion]] = relationship(back_populates="agenda_item", order_by="Motion.id")
    election: Mapped[Election | None] = relationship()


def _unique_while_null(name: str, *columns: str, null: str) -> Index:
    """A unique index over the rows whose ``null`` column is still empty (a stay not ended, a proxy
    not revoked), partial alike in SQLite and PostgreSQL."""
    return Index(
        name,
        *columns,
        unique=True,
        sqlite_where=text(f"{null} IS NULL"),
        postgresql_where=text(f"{null} IS NULL"),
    )


class Attendance(Base):
    """One stay in the room: arrival and, if the member left, departure."""

    __tablename__ = "attendance"
    __table_args__ = (
        # A member can be in the room only once at a time.
        _unique_while_null("uq_attendance_present", "assembly_id", "member_id", null="left_at"),
    )

    id: Mapped[Id]
    assembly_id: Mapped[int] = mapped_column(ForeignKey("assemblies.id"), index=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id"))
    arrived_at: Mapped[datetime]
    left_at: Mapped[datetime | None]

    assembly: Mapped[Assembly] = relationship(back_populates="attendance")
    member: Mapped[Member] = relationship()


class Proxy(Base):
    """A written proxy from one member to another for one assembly."""

    __tablename__ = "proxies"
    __table_args__ = (
        _unique_while_null("uq_proxies_in_force", "assembly_id", "giver_id", null="revoked_at"),
    )

    id: Mapped[Id]
    assembly_id: Mapped[int] = mapped_column(ForeignKey("assemblies.id"), index=True)
    giver_id: Mapped[int] = mapped_column(ForeignKey("members.id"))
    holder_id: Mapped[int] = mapped_column(ForeignKey("members.id"))
    document: Mapped[str | None] = mapped_column(String(300))
    granted_at: Mapped[datetime]
    revoked_at: Mapped[datetime | None]
    revoked_reason: Mapped[str | None] = mapped_column(String(300))

    assembly: Mapped[Assembly] = relationship(back_populates="proxies")
    giver: Mapped[Member] = relationship(foreign_keys=[giver_id])
    holder: Mapped[Member] = relationship(foreign_keys=[holder_id])


class Motion(Base):
    """A motion on the agenda; an amendment is a motion whose parent is the main motion.

    An amendment's ``text`` is the new wording it proposes for the main motion; when it is
    adopted that wording becomes the main motion's ``final_text``, which is what is voted.
    """

    __tablename__ = "motions"

    id: Mapped[Id]
    assembly_id: Mapped[int] = mapped_column(ForeignKey("assemblies.id"), index=True)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("motions.id"), index=True)
    position: Mapped[str] = mapped_column(String(20))
    kind: Mapped[str] = mapped_column(String(40))
    title: Mapped[str] = mapped_column(String(300))
    text: Mapped[LongText]
    final_text: Mapped[LongText]
    proposer_id: Mapped[int] = mapped_column(ForeignKey("members.id"))
    seconder_id: Mapped[int | None] = mapped_column(ForeignKey("members.id"))
    status: Mapped[MotionStatus] = mapped_column(string_enum(MotionStatus))
    status_before_postponing: Mapped[MotionStatus | None] = mapped_column(
        string_enum(MotionStatus, name="status_before_postponing")
    )
    vote_id: Mapped[int | None] = mapped_column(ForeignKey("votes.id"))
    minutes_of_assembly_id: Mapped[int | None] = mapped_column(ForeignKey("assemblies.id"))
    agenda_item_id: Mapped[int | None] = mapped_column(ForeignKey("agenda_items.id"), index=True)
    proposed_at: Mapped[datetime]

    assembly: Mapped[Assembly] = relationship(back_populates="motions", foreign_keys=[assembly_id])
    parent: Mapped[Motion | None] = relationship(remote_side="Motion.id", back_populates="amendments")
    amendments: Mapped[list[Motion]] = relationship(back_populates="parent", order_by="Motion.id")
    proposer: Mapped[Member] = relationship(foreign_keys=[proposer_id])
    seconder: Mapped[Member | None] = relationship(foreign_keys=[seconder_id])
    vote: Mapped[Vote | None] = relationship()
    objections: Mapped[list[Objection]] = relationship(back_populates="motion", order_by="Objection.id")
    agenda_item: Mapped[AgendaItem | None] = relationship(back_populates="motions")


class Objection(Base):
    """A reasoned objection to a consent motion, and how it was resolved."""

    __tablename__ = "objections"

    id: Mapped[Id]
    motion_id: Mapped[int] = mapped_column(ForeignKey("motions.id"), index=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id"))
    reason: Mapped[LongText]
    status: Mapped[ObjectionStatus] = mapped_column(string_enum(ObjectionStatus))
    resolution: Mapped[LongText | None]
    raised_at: Mapped[datetime]
    resolved_at: Mapped[datetime | None]

    motion: Mapped[Motion] = relationship(back_populates="objections")
    member: Mapped[Member] = relationship()


def _declare_foreign_key(table: str, column: str, referred: Column[int]) -> None:
    """A lower floor's key to a table of this one, declared here where both tables are known."""
    Base.metadata.tables[table].append_constraint(ForeignKeyConstraint([column], [referred]))


# An election's assembly and the motion that elected a role term are keys in tables below this
# floor. Declared here, every foreign key SQLAlchemy knows names a table already loaded, so a write
# needs no more models than the command imported (and the CLI need not load every model first).
_declare_foreign_key(Election.__tablename__, "assembly_id", Assembly.__table__.c.id)
_declare_foreign_key(RoleTerm.__tablename__, "motion_id", Motion.__table__.c.id)
