"""A small plant for the training tests: a secretary, two trainers, nine members, three skills.

Zofia Łukasiewicz (0002) can train both kiln skills and protective equipment: an outside
trainer certified her on 2026-01-05. Inés Peña (0003) holds the trainer role but no level 4
yet. HOR-QUEM (gas burners) is safety-critical, certified for 12 months, needs SEG-EPP at
level 2 first, and the plant needs 2 members at level 3.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from coop.members import service as members
from coop.members.models import Cooperative, Role
from coop.training.assessments import record_assessment
from coop.training.coverage import Level
from coop.training.models import Skill
from coop.training.skills import add_prerequisite, add_skill, find_skill

CERTIFIED_ON = date(2026, 1, 5)


@dataclass
class Plant:
    session: Session
    now: datetime
    secretary: members.Actor
    zofia: members.Actor
    ines: members.Actor
    epp: Skill
    burners: Skill
    loading: Skill

    def skill(self, code: str) -> Skill:
        return find_skill(self.session, code)


def build_plant(session: Session, now: datetime) -> Plant:
    if session.scalars(select(Cooperative)).first() is None:  # the cli fixture may have named it
        members.set_up_cooperative(session, name="Cooperativa Cerámica Núñez", language="en", now=now)
    secretary = members.Actor(
        members.add_member(
            session,
            actor=members.Actor(None),
            now=now,
            name="Ana Núñez",
            number="0001",
            roles=[Role.secretary],
        )
    )
    zofia = members.add_member(
        session, actor=secretary, now=now, name="Zofia Łukasiewicz", number="0002", roles=[Role.trainer]
    )
    ines = members.add_member(
        session, actor=secretary, now=now, name="Inés Peña", number="0003", roles=[Role.trainer]
    )
    names = ["Óscar Muñoz", "Raúl Ibáñez", "Lucía Gómez", "Jan Acuña", "Iñaki Sosa", "Noelia Ríos"]
    for number, name in enumerate(names, start=4):
        members.add_member(
            session, actor=secretary, now=now, name=name, number=f"{number:04d}", section="Hornos"
        )
    epp = add_skill(
        session,
        actor=secretary,
        now=now,
        code="seg-epp",
        name="Equipos de protección personal",
        category="Seguridad",
        safety_critical=True,
        minimum_qualified=3,
        qualifying_level=2,
    )
    burners = add_skill(
        session,
        actor=secretary,
        now=now,
        code="HOR-QUEM",
        name="Quemadores a gas",
        category="Hornos",
        safety_critical=True,
        certified=True,
        validity_months=12,
        minimum_qualified=2,
    )
    loading = add_skill(
        session, actor=secretary, now=now, code="HOR-CARGA", name="Carga del horno", category="Hornos"
    )
    add_prerequisite(session, actor=secretary, now=now, skill=burners, requires=epp, min_level=2)
    for skill in (epp, burners, loading):
        record_assessment(
            session,
            actor=secretary,
            now=now,
            member="0002",
            skill=skill,
            level=Level.CAN_TRAIN,
            assessed_on=CERTIFIED_ON,
            outside_assessor="Inspectora gasista",
        )
    return Plant(session, now, secretary, members.Actor(zofia), members.Actor(ines), epp, burners, loading)


@pytest.fixture
def plant(session: Session, now: datetime) -> Plant:
    return build_plant(session, now)
