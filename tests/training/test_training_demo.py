"""The demo plant's training records build through the services and print both documents."""

from __future__ import annotations

import io
import random
from datetime import date
from pathlib import Path

from pypdf import PdfReader
from sqlalchemy import func, select

from coop import db
from coop.demo.training import build_training_demo, print_training_documents
from coop.demo.training_data import SKILLS
from coop.members.actors import Actor
from coop.members.cooperative import set_up_cooperative
from coop.members.models import Role
from coop.members.register import add_member
from coop.training.models import RoleTerm, SkillAssessment, TrainingSession
from coop.training.picture import coverage_risk, training_picture
from tests.factories.context import FIXED_NOW

SECTIONS = ["Hornos", "Prensas", "Esmaltado", "Mantenimiento", "Logística", "Administración"]


def _demo_members(session, rng: random.Random) -> None:  # type: ignore[no-untyped-def]
    """The members coop.demo makes: a secretary, three trainers, 56 others in six sections."""
    set_up_cooperative(session, name="Cooperativa Cerámica Núñez Ltda.", language="es", now=FIXED_NOW)
    secretary = Actor(
        add_member(
            session,
            actor=Actor(None),
            now=FIXED_NOW,
            name="Ana Núñez",
            number="0001",
            section="Administración",
            roles=[Role.secretary],
        )
    )
    named = [
        ("Zofia Łukasiewicz", "Hornos", [Role.coordinator, Role.trainer]),
        ("Raúl Ibáñez", "Prensas", [Role.coordinator]),
        ("Inés Peña", "Esmaltado", [Role.trainer]),
        ("Óscar Muñoz", "Mantenimiento", [Role.trainer]),
    ]
    for number, (name, section, roles) in enumerate(named, start=2):
        add_member(
            session,
            actor=secretary,
            now=FIXED_NOW,
            name=name,
            number=f"{number:04d}",
            section=section,
            roles=roles,
        )
    for number in range(6, 61):
        add_member(
            session,
            actor=secretary,
            now=FIXED_NOW,
            name=f"Socia Domínguez {number}",
            number=f"{number:04d}",
            section=rng.choice(SECTIONS),
        )


def test_training_demo_builds_and_prints(sqlite_url: str, tmp_path: Path) -> None:
    engine = db.engine_for(sqlite_url)
    rng = random.Random(20261125)
    with db.session_scope(engine) as session:
        _demo_members(session, rng)
        lines = build_training_demo(session, now=FIXED_NOW, rng=rng)
    assert len(lines) == 4
    assert lines[0].startswith("Training: 25 skills in 7 categories")
    assert "certifications have lapsed" in lines[2]
    with db.session_scope(engine) as session:
        assert session.scalar(select(func.count(TrainingSession.id))) >= 30
        assert session.scalar(select(func.count(SkillAssessment.id))) > 200
        assert session.scalar(select(func.count(RoleTerm.id))) == 6
        picture = training_picture(session, FIXED_NOW.date())
        assert any(level.expired for level in picture.levels.values())
        statuses = {c.status.value for c in coverage_risk(picture)}
        assert "ok" in statuses and statuses & {"below_minimum", "one_absence"}
        planned = session.scalars(
            select(TrainingSession).where(TrainingSession.held_on > FIXED_NOW.date())
        ).all()
        assert len(planned) == 2 and all(s.planned for s in planned)
        printed = print_training_documents(session, tmp_path, on=date(2026, 11, 25))
    assert [line.split(": ")[0] for line in printed] == [
        "Printed the skills matrix",
        "Printed the training coverage report",
    ]
    matrix = PdfReader(io.BytesIO((tmp_path / "skills-matrix.pdf").read_bytes()))
    text = "\n".join(page.extract_text() for page in matrix.pages)
    assert "Zofia Łukasiewicz" in text and "25/11/2026" in text
    assert all(skill.code in text for skill in SKILLS)
    coverage = PdfReader(io.BytesIO((tmp_path / "training-coverage.pdf").read_bytes()))
    # The demo cooperative works in Spanish: its documents are in Spanish whatever messages use.
    assert "Informe de cobertura de capacitación" in coverage.pages[0].extract_text()
