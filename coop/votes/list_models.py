"""The lists (listas) of an election by lists: each names its titulares and suplentes in order.

A list election is an :class:`~coop.votes.models.Election` whose ``rules_preset`` is a list rule
(dhondt, sainte-lague, lista-completa, lista-incompleta); it has no candidates of its own, only
lists. A member stands on one list of an election at most, as a titular or as a suplente, which
the unique constraint on (election, member) keeps even against SQL written by hand.
"""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import ForeignKey, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

import coop.members.models  # registers the members table the list members name
import coop.votes.models  # noqa: F401  (registers the elections table the lists name)
from coop import vocabulary
from coop.columns import Id, Name
from coop.db import Base, string_enum
from coop.i18n import N_


class ListPlace(enum.StrEnum):
    titular = "titular"
    suplente = "suplente"


vocabulary.define(ListPlace, {ListPlace.titular: N_("titular"), ListPlace.suplente: N_("suplente")})


class ElectionList(Base):
    """A list registered for an election, in the order of registration (its number on the ballot)."""

    __tablename__ = "election_lists"
    __table_args__ = (
        UniqueConstraint("election_id", "name"),
        UniqueConstraint("election_id", "position"),
    )

    id: Mapped[Id]
    election_id: Mapped[int] = mapped_column(ForeignKey("elections.id"), index=True)
    name: Mapped[Name]
    position: Mapped[int]
    registered_at: Mapped[datetime]

    members: Mapped[list[ElectionListMember]] = relationship(
        back_populates="list", order_by="ElectionListMember.position"
    )


class ElectionListMember(Base):
    """A member on a list: a titular or a suplente, at a position within that group (1 = first)."""

    __tablename__ = "election_list_members"
    __table_args__ = (
        UniqueConstraint("election_id", "member_id"),
        UniqueConstraint("list_id", "place", "position"),
    )

    id: Mapped[Id]
    list_id: Mapped[int] = mapped_column(ForeignKey("election_lists.id"), index=True)
    election_id: Mapped[int] = mapped_column(ForeignKey("elections.id"))
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id"))
    place: Mapped[ListPlace] = mapped_column(string_enum(ListPlace, 10))
    position: Mapped[int]

    list: Mapped[ElectionList] = relationship(back_populates="members")
