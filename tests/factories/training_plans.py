"""The training plan tests' plant: the tile plant of tests.factories.plans with its plan "Verano", and
0005 Carla holding HOR-CARGA at level 2, so that one session step takes her to level 3 before the
gaps of 2026-W49 and 2026-W50 open (3 members needed, 0003 and 0004 available)."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from click.testing import Result
from sqlalchemy import select
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from coop import db
from coop.assemblies.models import Motion
from coop.training.assessments import record_assessment
from coop.training.coverage import Level
from coop.training.models import Skill
from tests.factories.context import FIXED_NOW, Context, member_actor
from tests.factories.plans import TilePlant, build_tile_plant, decide_by_show_of_hands

ENV = {"COOP_ACTOR": "", "COOP_NOW": FIXED_NOW.isoformat(), "COOP_LANG": "", "COOP_DATABASE_URL": ""}


def build_trainee_plant(session: Session) -> TilePlant:
    """The tile plant at the tests' fixed moment, its plan made and 0005 assessed at level 2."""
    plant = build_tile_plant(session, FIXED_NOW)
    plant.plan()
    skill = session.scalars(select(Skill).where(Skill.code == "HOR-CARGA")).one()
    plant.acting(plant.secretary)(
        record_assessment,
        member="0005",
        skill=skill,
        level=Level.OPERATES,
        assessed_on=date(2026, 6, 1),
        outside_assessor="Técnico del horno",
    )
    return plant


class PlantProgram:
    """The plant's database, and the coop program run on it (acting as 0002, a coordinator)."""

    def __init__(self, url: str) -> None:
        self.url = url

    def __call__(self, *args: str, actor: str | None = "0002", lang: str = "en") -> Result:
        from coop.cli.main import app

        argv = ["--db", self.url, "--lang", lang, *(["--as", actor] if actor else []), *args]
        return CliRunner().invoke(app, argv, env=ENV)

    def json(self, *args: str, actor: str | None = "0002") -> Any:
        result = self(*args, "--format", "json", actor=actor)
        assert result.exit_code == 0, result.output + (result.stderr or "")
        return json.loads(result.stdout)

    def assess(self, member: str, level: Level) -> None:
        """0001 assesses ``member`` at ``level`` in HOR-CARGA today, with an outside assessor."""
        with db.session_scope(db.engine_for(self.url)) as session:
            skill = session.scalars(select(Skill).where(Skill.code == "HOR-CARGA")).one()
            Context(session, member_actor(session, "0001"), FIXED_NOW)(
                record_assessment,
                member=member,
                skill=skill,
                level=level,
                assessed_on=FIXED_NOW.date(),
                outside_assessor="Técnico del horno",
            )

    def vote(self, motion: int, *, yes: int, no: int) -> None:
        """The secretary chairs: the motion seconded, voted by a show of hands, closed."""
        with db.session_scope(db.engine_for(self.url)) as session:
            chair = Context(session, member_actor(session, "0001"), FIXED_NOW)
            decide_by_show_of_hands(chair, session.get_one(Motion, motion), yes=yes, no=no)

    def approve(self) -> None:
        """Submit plan 1 and have assembly 1 adopt it by a show of hands, 20 to 3."""
        self("training", "plan", "submit", "1")
        proposed = self("training", "plan", "propose-approval", "1", "--assembly", "1", actor="0001")
        self.vote(int(proposed.stdout.split("(id ")[1].split(")")[0]), yes=20, no=3)
