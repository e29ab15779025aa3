"""The skill catalogue and its prerequisites: find, list, add and change skills; link prerequisites."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from coop.audit import record_change
from coop.errors import TrainingError
from coop.i18n import _, for_the_record
from coop.lookup import get_by_code_or_name
from coop.members.actors import Actor, require_role
from coop.members.models import Role
from coop.parsing import parse_code
from coop.training import coverage
from coop.training.common import parse_level
from coop.training.coverage import Level
from coop.training.models import (
    Skill,
    SkillPrerequisite,
)
from coop.training.views import SkillView


def check_code(code: str) -> str:
    return parse_code(
        code,
        missing=lambda: TrainingError(_("A skill needs a code, like KILN-LOAD.")),
        refuse=lambda typed: TrainingError(
            _(
                "'{code}' cannot be a skill code; use up to 40 letters, digits and - _ . without spaces, "
                "like KILN-LOAD."
            ).format(code=typed)
        ),
    )


def find_skill(session: Session, reference: str) -> Skill:
    """A skill by code (any case) or by exact name."""
    missing = _("There is no skill with the code or name '{ref}'; see the list with: coop skill list")
    prerequisites = [selectinload(Skill.prerequisites)]
    return get_by_code_or_name(
        session, Skill, reference, error=TrainingError, missing=missing, options=prerequisites
    )


def list_skills(session: Session, *, category: str | None = None) -> list[Skill]:
    skills = list(
        session.scalars(
            select(Skill)
            .options(selectinload(Skill.prerequisites).selectinload(SkillPrerequisite.requires))
            .order_by(Skill.category, Skill.code)
        )
    )
    if category:
        wanted = category.strip().casefold()
        skills = [s for s in skills if s.category.casefold() == wanted]
    return skills


@dataclass(frozen=True)
class SkillSpec:
    """What defines a skill, checked; shared by ``add_skill`` and the CSV import."""

    code: str
    name: str
    category: str  # "" when none was given: the general category (see _category)
    safety_critical: bool
    certified: bool
    validity_months: int | None
    minimum_qualified: int
    qualifying_level: Level
    description: str | None


def check_skill_spec(
    *,
    code: str,
    name: str,
    category: str | None,
    safety_critical: bool,
    certified: bool,
    validity_months: int | None,
    minimum_qualified: int,
    qualifying_level: int,
    description: str | None,
) -> SkillSpec:
    cleaned_code = check_code(code)
    cleaned_name = " ".join(name.split())
    if not cleaned_name:
        raise TrainingError(_("Skill {code} needs a name.").format(code=cleaned_code))
    if validity_months is not None and validity_months < 1:
        raise TrainingError(
            _("A certification must be valid for at least 1 month, not {months}.").format(
                months=validity_months
            )
        )
    if validity_months is not None and not certified:
        raise TrainingError(
            _("Only certified skills lapse: mark skill {code} as certified to give it a validity.").format(
                code=cleaned_code
            )
        )
    if minimum_qualified < 0:
        raise TrainingError(
            _("The minimum number of qualified members cannot be negative ({minimum}).").format(
                minimum=minimum_qualified
            )
        )
    level = parse_level(qualifying_level, lowest=1)
    return SkillSpec(
        code=cleaned_code,
        name=cleaned_name,
        category=" ".join((category or "").split()),  # none given: see _category
        safety_critical=safety_critical,
        certified=certified,
        validity_months=validity_months,
        minimum_qualified=minimum_qualified,
        qualifying_level=level,
        description=(description or "").strip() or None,
    )


def skill_data(skill: Skill) -> dict[str, object]:
    """The skill as the audit log records it (the imports record it too)."""
    return SkillView.of(skill).audit_json()


def _category(session: Session, spec: SkillSpec) -> str:
    """The category given, else the general one, named in the cooperative's language (it is stored)."""
    if spec.category:
        return spec.category
    with for_the_record(session):
        return _("General")


def insert_skill(session: Session, spec: SkillSpec, now: datetime) -> Skill:
    skill = Skill(
        code=spec.code,
        name=spec.name,
        category=_category(session, spec),
        description=spec.description,
        safety_critical=spec.safety_critical,
        certified=spec.certified,
        validity_months=spec.validity_months,
        minimum_qualified=spec.minimum_qualified,
        qualifying_level=int(spec.qualifying_level),
        created_at=now,
    )
    session.add(skill)
    return skill


def add_skill(
    session: Session,
    *,
    actor: Actor,
    now: datetime,
    code: str,
    name: str,
    category: str | None = None,
    safety_critical: bool = False,
    certified: bool = False,
    validity_months: int | None = None,
    minimum_qualified: int = 0,
    qualifying_level: int = Level.INDEPENDENT,
    description: str | None = None,
) -> Skill:
    require_role(session, actor, Role.secretary, _("Adding a skill"))
    spec = check_skill_spec(
        code=code,
        name=name,
        category=category,
        safety_critical=safety_critical,
        certified=certified,
        validity_months=validity_months,
        minimum_qualified=minimum_qualified,
        qualifying_level=qualifying_level,
        description=description,
    )
    existing = session.scalars(select(Skill).where(Skill.code == spec.code)).first()
    if existing is not None:
        raise TrainingError(
            _("There is already a skill {code} ({name}); choose another code.").format(
                code=spec.code, name=existing.name
            )
        )
    skill = insert_skill(session, spec, now)
    session.flush()
    record_change(session, "coop.skill.added", actor, now, skill_data(skill))
    return skill


def update_skill(
    session: Session,
    *,
    actor: Actor,
    now: datetime,
    skill: Skill,
    name: str | None = None,
    category: str | None = None,
    safety_critical: bool | None = None,
    certified: bool | None = None,
    validity_months: int | None = None,
    clear_validity: bool = False,
    minimum_qualified: int | None = None,
    qualifying_level: int | None = None,
    description: str | None = None,
) -> Skill:
    """Change a skill's definition; assessments already made keep the expiry they were given."""
    require_role(session, actor, Role.secretary, _("Changing a skill"))
    before = skill_data(skill)
    new_certified = skill.certified if certified is None else certified
    new_validity = skill.validity_months
    if validity_months is not None:
        new_validity = validity_months
        new_certified = True if certified is None else certified
    elif clear_validity or not new_certified:
        new_validity = None
    spec = check_skill_spec(
        code=skill.code,
        name=skill.name if name is None else name,
        category=skill.category if category is None else category,
        safety_critical=skill.safety_critical if safety_critical is None else safety_critical,
        certified=new_certified,
        validity_months=new_validity,
        minimum_qualified=skill.minimum_qualified if minimum_qualified is None else minimum_qualified,
        qualifying_level=skill.qualifying_level if qualifying_level is None else qualifying_level,
        description=skill.description if description is None else description,
    )
    skill.name, skill.category, skill.description = spec.name, _category(session, spec), spec.description
    skill.safety_critical, skill.certified = spec.safety_critical, spec.certified
    skill.validity_months, skill.minimum_qualified = spec.validity_months, spec.minimum_qualified
    skill.qualifying_level = int(spec.qualifying_level)
    after = skill_data(skill)
    changed = {key: {"old": before[key], "new": after[key]} for key in after if before[key] != after[key]}
    if not changed:
        raise TrainingError(
            _("Nothing to change in skill {code}: give what should change.").format(code=skill.code)
        )
    session.flush()
    record_change(
        session,
        "coop.skill.changed",
        actor,
        now,
        {"skill_id": skill.id, "code": skill.code, "changes": changed},
    )
    return skill


def prerequisite_graph(session: Session) -> dict[int, set[int]]:
    graph: dict[int, set[int]] = {}
    for skill_id, requires_id in session.execute(
        select(SkillPrerequisite.skill_id, SkillPrerequisite.requires_id)
    ):
        graph.setdefault(skill_id, set()).add(requires_id)
    return graph


def reaches(graph: dict[int, set[int]], start: int, target: int) -> bool:
    seen: set[int] = set()
    stack = [start]
    while stack:
        node = stack.pop()
        if node == target:
            return True
        if node in seen:
            continue
        seen.add(node)
        stack.extend(graph.get(node, ()))
    return False


def add_prerequisite(
    session: Session, *, actor: Actor, now: datetime, skill: Skill, requires: Skill, min_level: int
) -> SkillPrerequisite:
    """Training in ``skill`` will need ``requires`` at ``min_level``; a second call changes the level."""
    require_role(session, actor, Role.secretary, _("Changing prerequisites"))
    level = parse_level(min_level, lowest=1)
    if skill.id == requires.id:
        raise TrainingError(_("Skill {code} cannot be its own prerequisite.").format(code=skill.code))
    if reaches(prerequisite_graph(session), requires.id, skill.id):
        raise TrainingError(
            _(
                "{requires} already needs {code}, directly or through other skills; "
                "{code} cannot also need {requires}."
            ).format(code=skill.code, requires=requires.code)
        )
    existing = next((p for p in skill.prerequisites if p.requires_id == requires.id), None)
    if existing is not None:
        if existing.min_level == level:
            raise TrainingError(
                _("{code} already needs {requires} at level {level}.").format(
                    code=skill.code, requires=requires.code, level=int(level)
                )
            )
        old = existing.min_level
        existing.min_level = int(level)
        session.flush()
        record_change(
            session,
            "coop.prerequisite.changed",
            actor,
            now,
            {"skill": skill.code, "requires": requires.code, "old_level": old, "min_level": int(level)},
        )
        return existing
    prerequisite = SkillPrerequisite(skill_id=skill.id, requires_id=requires.id, min_level=int(level))
    skill.prerequisites.append(prerequisite)
    session.flush()
    record_change(
        session,
        "coop.prerequisite.added",
        actor,
        now,
        {"skill": skill.code, "requires": requires.code, "min_level": int(level)},
    )
    return prerequisite


def remove_prerequisite(
    session: Session, *, actor: Actor, now: datetime, skill: Skill, requires: Skill
) -> None:
    require_role(session, actor, Role.secretary, _("Changing prerequisites"))
    existing = next((p for p in skill.prerequisites if p.requires_id == requires.id), None)
    if existing is None:
        raise TrainingError(
            _("{code} does not need {requires}; see its prerequisites with: coop skill show {code}").format(
                code=skill.code, requires=requires.code
            )
        )
    skill.prerequisites.remove(existing)
    session.flush()
    record_change(
        session,
        "coop.prerequisite.removed",
        actor,
        now,
        {"skill": skill.code, "requires": requires.code, "min_level": existing.min_level},
    )


def prerequisites_of(session: Session) -> list[coverage.Prerequisite]:
    rows = session.execute(
        select(Skill.code, SkillPrerequisite.min_level, SkillPrerequisite.requires_id).join(
            SkillPrerequisite, SkillPrerequisite.skill_id == Skill.id
        )
    ).all()
    codes = dict(session.execute(select(Skill.id, Skill.code)).tuples().all())
    return [
        coverage.Prerequisite(code, codes[requires_id], Level(level)) for code, level, requires_id in rows
    ]
