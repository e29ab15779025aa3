"""The skills a work centre requires: each week it works, ``min_qualified`` members qualified in a
skill at ``min_level`` or above must be available (the training needs analysis reads them).

Set or replaced one at a time (``coop workcentre require-skill``), removed, or imported from a CSV
file all lines or none; coordinators (or a secretary) write them, like every work-centre figure.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from coop.audit import record_change, record_import
from coop.changes import delete_recorded
from coop.csvfiles import DETECT, CsvDialect, CsvRow
from coop.errors import PlanError
from coop.i18n import _
from coop.members.actors import Actor
from coop.plans.capacity.quantities import MAX_LEVEL
from coop.plans.centres import list_work_centres
from coop.plans.common import check_code, earlier_line, find_skill, load_csv, parse_whole, require_planner
from coop.plans.models import RequiredSkill, WorkCentre
from coop.plans.views import RequiredSkillView
from coop.training.models import Skill

# A work centre asking for more qualified members than this each week is a typing mistake.
MAX_MIN_QUALIFIED = 999


@dataclass(frozen=True)
class RequirementSpec:
    skill: Skill
    min_level: int
    min_qualified: int


def check_requirement(
    session: Session, *, skill: str | Skill, level: str | int | None = None, minimum: str | int | None = None
) -> RequirementSpec:
    """A requirement as typed: the level defaults to the skill's qualifying level, the minimum to 1."""
    found = skill if isinstance(skill, Skill) else find_skill(session, skill)
    min_level = (
        parse_whole(level, _("The minimum level"), lowest=1, highest=MAX_LEVEL)
        if level is not None and str(level).strip()
        else found.qualifying_level
    )
    min_qualified = (
        parse_whole(minimum, _("The minimum of qualified members"), lowest=1, highest=MAX_MIN_QUALIFIED)
        if minimum is not None and str(minimum).strip()
        else 1
    )
    return RequirementSpec(found, min_level, min_qualified)


def _requirement(session: Session, centre: WorkCentre, skill: Skill) -> RequiredSkill | None:
    return session.scalars(
        select(RequiredSkill).where(
            RequiredSkill.work_centre_id == centre.id, RequiredSkill.skill_id == skill.id
        )
    ).first()


def _put(
    session: Session, centre: WorkCentre, spec: RequirementSpec, found: RequiredSkill | None
) -> RequiredSkill:
    if found is None:
        found = RequiredSkill(work_centre=centre, skill=spec.skill)
        session.add(found)
    found.min_level = spec.min_level
    found.min_qualified = spec.min_qualified
    return found


def set_required_skill(
    session: Session, *, actor: Actor, now: datetime, centre: WorkCentre, spec: RequirementSpec
) -> RequiredSkill:
    """``centre`` requires ``spec``: added, or replacing what it required of that skill before."""
    require_planner(session, actor, _("Setting a work centre's required skills"))
    found = _requirement(session, centre, spec.skill)
    old = RequiredSkillView.of(found).as_json() if found is not None else None
    found = _put(session, centre, spec, found)
    session.flush()
    new = RequiredSkillView.of(found).as_json()
    if new != old:
        record_change(session, "coop.required_skill.set", actor, now, {"old": old, "new": new})
    return found


def remove_required_skill(
    session: Session, *, actor: Actor, now: datetime, centre: WorkCentre, skill: Skill
) -> None:
    require_planner(session, actor, _("Setting a work centre's required skills"))
    found = _requirement(session, centre, skill)
    if found is None:
        raise PlanError(
            _(
                "{centre} does not require {skill}; see what it requires with: coop workcentre show {centre}"
            ).format(centre=centre.code, skill=skill.code)
        )
    delete_recorded(
        session, actor, now, found, "coop.required_skill.removed", RequiredSkillView.of(found).as_json()
    )


def list_required_skills(session: Session, centre: WorkCentre | None = None) -> list[RequiredSkill]:
    """Required skills by work centre code, then skill code."""
    query = (
        select(RequiredSkill)
        .join(WorkCentre, WorkCentre.id == RequiredSkill.work_centre_id)
        .join(Skill, Skill.id == RequiredSkill.skill_id)
        .options(selectinload(RequiredSkill.work_centre), selectinload(RequiredSkill.skill))
        .order_by(WorkCentre.code, Skill.code)
    )
    if centre is not None:
        query = query.where(RequiredSkill.work_centre_id == centre.id)
    return list(session.scalars(query))


REQUIRED_SKILL_COLUMNS = ("work_centre", "skill", "min_level", "min_qualified")


def import_required_skills(
    session: Session, *, actor: Actor, now: datetime, path: Path, dialect: CsvDialect = DETECT
) -> int:
    """Set every requirement of a CSV (``work_centre,skill,min_level,min_qualified``), all or none.

    A line for a centre and skill already required replaces it; returns how many lines were read.
    """
    require_planner(session, actor, _("Importing required skills"))
    centres = {c.code.casefold(): c for c in list_work_centres(session)}
    seen: dict[tuple[str, str], int] = {}

    def parse_requirement(row: CsvRow) -> tuple[WorkCentre, RequirementSpec]:
        code = check_code(row.get("work_centre"), _("A work centre"))
        centre = centres.get(code.casefold())
        if centre is None:
            raise PlanError(_("unknown work centre {code}").format(code=code))
        spec = check_requirement(
            session, skill=row.get("skill"), level=row.get("min_level"), minimum=row.get("min_qualified")
        )
        if (other := earlier_line(seen, (centre.code, spec.skill.code), row)) is not None:
            raise PlanError(
                _("{skill} at {centre} is also on line {other}").format(
                    skill=spec.skill.code, centre=centre.code, other=other
                )
            )
        return centre, spec

    wanted = load_csv(
        path, REQUIRED_SKILL_COLUMNS, ("work_centre", "skill"), parse_requirement, dialect=dialect
    )
    for centre, spec in wanted:
        _put(session, centre, spec, _requirement(session, centre, spec.skill))
    session.flush()
    record_import(
        session,
        "coop.required_skills.imported",
        actor,
        now,
        path,
        required_skills=[
            {
                "work_centre": centre.code,
                "skill": spec.skill.code,
                "min_level": spec.min_level,
                "min_qualified": spec.min_qualified,
            }
            for centre, spec in wanted
        ],
    )
    return len(wanted)
