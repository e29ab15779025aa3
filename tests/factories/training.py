"""A small plant for the training tests: a secretary, two trainers, nine members, three skills.

Zofia Łukasiewicz (0002) can train both kiln skills and protective equipment: an outside
trainer certified her on 2026-01-05. Inés Peña (0003) holds the trainer role but no level 4
yet. HOR-QUEM (gas burners) is safety-critical, certified for 12 months, needs SEG-EPP at
level 2 first, and the plant needs 2 members at level 3.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy.orm import Session

from coop.members.actors import Actor
from coop.members.models import Role
from coop.members.register import add_member
from coop.training.assessments import record_assessment
from coop.training.coverage import Level
from coop.training.models import SessionKind, Skill, TrainingSession
from coop.training.sessions import log_session
from coop.training.skills import add_prerequisite, add_skill, find_skill
from tests.factories.context import Context
from tests.factories.cooperative import admit_members, admit_secretary

CERTIFIED_ON = date(2026, 1, 5)
FURNACE_SECTION = ["Óscar Muñoz", "Raúl Ibáñez", "Lucía Gómez", "Jan Acuña", "Iñaki Sosa", "Noelia Ríos"]


@dataclass
class Plant:
    session: Session
    now: datetime
    secretary: Actor
    zofia: Actor
    ines: Actor
    epp: Skill
    burners: Skill
    loading: Skill

    def skill(self, code: str) -> Skill:
        return find_skill(self.session, code)

    def acting(self, actor: Actor | None = None) -> Context:
        """``actor`` (by default the secretary) acting now in the plant's session."""
        return Context(self.session, actor or self.secretary, self.now)

    def log(
        self, *, skill: Skill | None = None, actor: Actor | None = None, **changes: Any
    ) -> TrainingSession:
        """A 3-hour practice session on 2026-11-02, by default Zofia's in SEG-EPP."""
        values = {"held_on": date(2026, 11, 2), "hours": "3", "kind": SessionKind.practice} | changes
        return self.acting(actor or self.zofia)(log_session, skill=skill or self.epp, **values)


def build_plant(session: Session, now: datetime) -> Plant:
    ctx = admit_secretary(session, now)
    zofia = Actor(ctx(add_member, name="Zofia Łukasiewicz", number="0002", roles=[Role.trainer]))
    ines = Actor(ctx(add_member, name="Inés Peña", number="0003", roles=[Role.trainer]))
    admit_members(ctx, FURNACE_SECTION, first=4, section="Hornos")
    epp = ctx(
        add_skill,
        code="seg-epp",
        name="Equipos de protección personal",
        category="Seguridad",
        safety_critical=True,
        minimum_qualified=3,
        qualifying_level=2,
    )
    burners = ctx(
        add_skill,
        code="HOR-QUEM",
        name="Quemadores a gas",
        category="Hornos",
        safety_critical=True,
        certified=True,
        validity_months=12,
        minimum_qualified=2,
    )
    loading = ctx(add_skill, code="HOR-CARGA", name="Carga del horno", category="Hornos")
    ctx(add_prerequisite, skill=burners, requires=epp, min_level=2)
    for skill in (epp, burners, loading):
        ctx(
            record_assessment,
            member="0002",
            skill=skill,
            level=Level.CAN_TRAIN,
            assessed_on=CERTIFIED_ON,
            outside_assessor="Inspectora gasista",
        )
    return Plant(session, now, ctx.actor, zofia, ines, epp, burners, loading)
