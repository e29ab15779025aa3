"""A cooperative with a secretary, a second officer and ordinary members, as most tests need."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from coop.members.actors import Actor
from coop.members.cooperative import set_up_cooperative
from coop.members.models import Cooperative, Role
from coop.members.register import add_member
from tests.factories.context import Context

COOPERATIVE_NAME = "Cooperativa Cerámica Núñez"


def name_cooperative(session: Session, now: datetime) -> None:
    """Set the cooperative up unless the ``cli`` fixture has already named it."""
    if session.scalars(select(Cooperative)).first() is None:
        set_up_cooperative(session, name=COOPERATIVE_NAME, language="en", now=now)


def admit_secretary(session: Session, now: datetime) -> Context:
    """Name the cooperative and admit Ana Núñez (0001), its secretary, who then acts."""
    name_cooperative(session, now)
    setup = Context(session, Actor(None), now)
    secretary = Actor(setup(add_member, name="Ana Núñez", number="0001", roles=[Role.secretary]))
    return setup.acting_as(secretary)


def admit_members(ctx: Context, names: Sequence[str], *, first: int, **details: object) -> None:
    """Admit ``names`` numbered from ``first`` on (``0004``, ``0005``...)."""
    for number, name in enumerate(names, start=first):
        ctx(add_member, name=name, number=f"{number:04d}", **details)


def build_cooperative(session: Session, now: datetime, size: int = 45) -> Actor:
    """Ana Núñez (0001) the secretary, Zofia Łukasiewicz (0002) a coordinator, Socio 0003... members."""
    ctx = admit_secretary(session, now)
    ctx(add_member, name="Zofia Łukasiewicz", number="0002", roles=[Role.coordinator])
    admit_members(ctx, [f"Socio {number:04d}" for number in range(3, size + 1)], first=3)
    return ctx.actor
