"""A new cooperative's database, made through the Python API, for the benchmarks' larger plants."""

from __future__ import annotations

import random
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from coop import db
from coop.api import Coop

if TYPE_CHECKING:
    from coop.training.models import Skill

SECRETARY = "0001"  # Ana Núñez, the first member


@contextmanager
def new_cooperative(
    url_or_path: str | Path, *, name: str, now: datetime, secretary_roles: Sequence[str] = ("secretary",)
) -> Iterator[Coop]:
    """Create the database of a Spanish-speaking cooperative whose first member, Ana Núñez (0001),
    is its secretary; yield a Coop acting as her at ``now``.

    Everything done in the block is one transaction, committed when it ends; then the database's
    connections are closed, so that other processes (the CLI a benchmark times) find it alone.
    """
    Coop.init(url_or_path, name=name, language="es", now=now)
    try:
        with Coop.open(url_or_path, now=now) as founding:
            founding.members.add_member("Ana Núñez", number=SECRETARY, roles=secretary_roles)
            yield founding.acting_as(SECRETARY)
    finally:
        db.engine_for(db.resolve_url(str(url_or_path))).dispose()


def insert_random_assessments(
    secretary: Coop,
    skills: Sequence[Skill],
    rng: random.Random,
    *,
    skipped: float,
    days_ago: tuple[int, int],
    levels: Sequence[int],
) -> int:
    """Give each active member a level in all but about ``skipped`` of ``skills``, assessed by an
    outside school ``days_ago`` (a range) before the secretary's moment; returns how many.

    Inserted in bulk, without audit events: a large plant's history in a second, for a benchmark.
    """
    from sqlalchemy import insert

    from coop.training.common import expiry_for
    from coop.training.models import SkillAssessment

    rows = []
    for member in secretary.members.list_members():
        for skill in skills:
            if rng.random() < skipped:
                continue
            assessed_on = secretary.now.date() - timedelta(days=rng.randint(*days_ago))
            level = rng.choice(levels)
            rows.append(
                {
                    "member_id": member.id,
                    "skill_id": skill.id,
                    "level": level,
                    "assessed_on": assessed_on,
                    "expires_on": expiry_for(skill, level, assessed_on),
                    "outside_assessor": "Escuela Técnica",
                    "recorded_at": secretary.now,
                    "recorded_by": secretary.actor.label,
                }
            )
    secretary.session.execute(insert(SkillAssessment), rows)
    return len(rows)
