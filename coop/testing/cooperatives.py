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


def insert_members(secretary: Coop, count: int, *, name: str = "Socia {number}") -> None:
    """Add members 0002 to ``count`` (plain members, active since the secretary's moment), named by
    ``name`` with their number. Inserted in bulk, without audit events, as the assessments below."""
    from sqlalchemy import insert

    from coop.members.models import Member, MemberRole, Role

    numbers = [f"{n:04d}" for n in range(2, count + 1)]
    secretary.session.execute(
        insert(Member),
        [
            {"number": n, "name": name.format(number=n), "active": True, "created_at": secretary.now}
            for n in numbers
        ],
    )
    secretary.session.flush()
    added = set(numbers)
    ids = [member.id for member in secretary.members.list_members() if member.number in added]
    secretary.session.execute(
        insert(MemberRole), [{"member_id": i, "role": Role.member, "granted_at": secretary.now} for i in ids]
    )


def add_numbered_skills(
    secretary: Coop, count: int, *, name: str = "Habilidad {index}", minimum_qualified: bool = False
) -> list[Skill]:
    """Skills SK-00 to SK-``count - 1`` of the category "Planta"; every third one certified for 12
    months; with ``minimum_qualified``, 2 to 4 members wanted in each (by its index)."""
    return [
        secretary.training.add_skill(
            f"SK-{index:02d}",
            name.format(index=index),
            category="Planta",
            certified=index % 3 == 0,
            validity_months=12 if index % 3 == 0 else None,
            **({"minimum_qualified": 2 + index % 3} if minimum_qualified else {}),
        )
        for index in range(count)
    ]


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
