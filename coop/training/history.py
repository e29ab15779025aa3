"""Reading the skill history: current levels, who can train, unmet prerequisites, a member's record."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from coop.db import in_values
from coop.errors import TrainingError
from coop.i18n import _
from coop.members.models import Member
from coop.training import coverage
from coop.training.common import member_key
from coop.training.coverage import Level
from coop.training.models import (
    Skill,
    SkillAssessment,
)
from coop.training.skills import prerequisites_of
from coop.training.views import MemberSkill


def load_assessments(
    session: Session, *, member_ids: Iterable[int] | None = None, skill_ids: Iterable[int] | None = None
) -> list[coverage.Assessment]:
    """The history as coverage assessments (member key, skill code), in the order it was written."""
    query = (
        select(
            Member.number,
            Member.id,
            Skill.code,
            SkillAssessment.level,
            SkillAssessment.assessed_on,
            SkillAssessment.expires_on,
        )
        .join(Member, Member.id == SkillAssessment.member_id)
        .join(Skill, Skill.id == SkillAssessment.skill_id)
        .order_by(SkillAssessment.id)
    )
    if member_ids is not None:
        query = query.where(in_values(SkillAssessment.member_id, member_ids))
    if skill_ids is not None:
        query = query.where(in_values(SkillAssessment.skill_id, skill_ids))
    return [
        coverage.Assessment(
            number if number else f"id:{member_id}", code, Level(level), assessed_on, expires_on
        )
        for number, member_id, code, level, assessed_on, expires_on in session.execute(query)
    ]


def levels_of(session: Session, member: Member, on: date) -> dict[str, coverage.CurrentLevel]:
    """One member's current level per skill code (skills never assessed are missing: level 0)."""
    levels = coverage.current_levels(load_assessments(session, member_ids=[member.id]), on)
    return coverage.member_levels(levels, member_key(member))


def level_in(session: Session, member: Member, skill: Skill, on: date) -> coverage.CurrentLevel:
    levels = coverage.current_levels(
        load_assessments(session, member_ids=[member.id], skill_ids=[skill.id]), on
    )
    return levels.get((member_key(member), skill.code), coverage.CurrentLevel(member_key(member), skill.code))


def _describe_level(current: coverage.CurrentLevel) -> str:
    if current.expired and current.expires_on is not None:
        return _("level 0: the certification at level {level} expired on {day}").format(
            level=int(current.assessed_level), day=current.expires_on.isoformat()
        )
    return _("level {level} ({label})").format(level=int(current.level), label=current.level.label)


def require_can_teach(session: Session, person: Member, skill: Skill, on: date, *, level: int = 0) -> None:
    """``person`` may give a session in ``skill`` teaching ``level``: they hold the skill on ``on`` at
    :data:`~coop.training.coverage.TEACHING_LEVEL` or above, and at ``level`` or above."""
    need = max(coverage.TEACHING_LEVEL, level)
    current = level_in(session, person, skill, on)
    if current.level < need:
        raise TrainingError(
            _(
                "{person} cannot give a session in {skill}: that needs the skill at level {need} ({label}) "
                "or above, and on {day} {person} has {level}; name an outside trainer with --outside NAME "
                "instead."
            ).format(
                person=person.label,
                skill=skill.code,
                need=need,
                label=coverage.level_label(need),
                day=on.isoformat(),
                level=_describe_level(current),
            )
        )


def require_can_train(session: Session, person: Member, skill: Skill, on: date, doing: str) -> None:
    current = level_in(session, person, skill, on)
    if current.level < Level.CAN_TRAIN:
        raise TrainingError(
            _(
                "{person} cannot {doing} in {skill}: that needs the skill at level 4 (can train), "
                "and on {day} {person} has {level}; name an outside trainer with --outside NAME instead."
            ).format(
                person=person.label,
                doing=doing,
                skill=skill.code,
                day=on.isoformat(),
                level=_describe_level(current),
            )
        )


def unmet_prerequisites(
    session: Session, member: Member, skill: Skill, on: date
) -> list[coverage.UnmetPrerequisite]:
    if not skill.prerequisites:
        return []
    prerequisites = [p for p in prerequisites_of(session) if p.skill == skill.code]
    return coverage.check_prerequisites(
        skill.code, prerequisites, levels_of(session, member, on), member.label
    )


def prerequisite_refusal(problems: Sequence[coverage.UnmetPrerequisite]) -> TrainingError:
    return TrainingError(
        _(
            "Nothing was recorded because prerequisites are not met; train those first, or add "
            "--override-prerequisites if the trainer accepts it:\n  {problems}"
        ).format(problems="\n  ".join(p.message for p in problems))
    )


def member_history(session: Session, member: Member, skill: Skill | None = None) -> list[SkillAssessment]:
    query = (
        select(SkillAssessment)
        .options(selectinload(SkillAssessment.skill), selectinload(SkillAssessment.assessor))
        .where(SkillAssessment.member_id == member.id)
        .order_by(SkillAssessment.assessed_on, SkillAssessment.id)
    )
    if skill is not None:
        query = query.where(SkillAssessment.skill_id == skill.id)
    return list(session.scalars(query))


def member_skills(session: Session, member: Member, on: date) -> list[MemberSkill]:
    levels = levels_of(session, member, on)
    skills = {s.code: s for s in session.scalars(select(Skill).where(in_values(Skill.code, levels)))}
    return [
        MemberSkill(skills[code], levels[code])
        for code in sorted(levels, key=lambda c: (skills[c].category, c))
        if levels[code].level > Level.NONE or levels[code].expired
    ]
