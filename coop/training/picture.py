"""What the training reports read: skills and levels, matrix, expiry, coverage, pipeline, hours."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import ClassVar

from sqlalchemy.orm import Session

from coop.errors import TrainingError
from coop.i18n import N_, _
from coop.members.models import Member
from coop.members.register import list_members
from coop.training import coverage
from coop.training.common import member_key
from coop.training.coverage import CoverageStatus, Level
from coop.training.history import load_assessments
from coop.training.models import (
    Skill,
)
from coop.training.sessions import list_sessions
from coop.training.skills import find_skill, list_skills
from coop.training.views import SkillView
from coop.views import View


@dataclass(frozen=True)
class TrainingPicture:
    """Everything the reports read, for active members: skills, members, history, current levels."""

    on: date
    skills: tuple[Skill, ...]
    members: tuple[Member, ...]
    assessments: tuple[coverage.Assessment, ...]
    levels: dict[tuple[str, str], coverage.CurrentLevel]
    by_key: dict[str, Member]

    def member(self, key: str) -> Member:
        return self.by_key[key]


def training_picture(
    session: Session,
    on: date,
    *,
    section: str | None = None,
    category: str | None = None,
    skill_codes: Sequence[str] | None = None,
) -> TrainingPicture:
    skills = list_skills(session, category=category)
    if category and not skills:
        raise TrainingError(
            _("No skill is in the category '{category}'; see the categories with: coop skill list").format(
                category=category
            )
        )
    if skill_codes:
        wanted = [find_skill(session, code).code for code in skill_codes]
        skills = [s for s in skills if s.code in wanted]
    members = list_members(session, section=section)
    if section and not members:
        raise TrainingError(_("No active member works in the section '{section}'.").format(section=section))
    assessments = [a for a in load_assessments(session) if a.skill in {s.code for s in skills}]
    keys = {member_key(m) for m in members}
    assessments = [a for a in assessments if a.member in keys]
    return TrainingPicture(
        on=on,
        skills=tuple(skills),
        members=tuple(members),
        assessments=tuple(assessments),
        levels=coverage.current_levels(assessments, on),
        by_key={member_key(m): m for m in members},
    )


def skills_matrix(picture: TrainingPicture) -> coverage.SkillsMatrix:
    return coverage.skills_matrix(
        [member_key(m) for m in picture.members],
        [s.code for s in picture.skills],
        picture.assessments,
        picture.on,
    )


def requirements(skills: Iterable[Skill]) -> list[coverage.SkillRequirement]:
    return [coverage.SkillRequirement(s.code, s.minimum_qualified, Level(s.qualifying_level)) for s in skills]


def coverage_risk(picture: TrainingPicture, on: date | None = None) -> list[coverage.SkillCoverage]:
    """Coverage on ``picture.on`` (or a later day: certifications lapse, nobody new is counted)."""
    levels = picture.levels if on is None else coverage.current_levels(picture.assessments, on)
    return coverage.coverage_risk(requirements(picture.skills), levels)


def expiring_certifications(
    picture: TrainingPicture, windows: Sequence[int] = coverage.EXPIRY_WINDOWS
) -> dict[int, list[coverage.ExpiringCertification]]:
    return coverage.expiring_by_window(picture.assessments, picture.on, windows)


def trainee_pipeline(picture: TrainingPicture) -> list[coverage.Pipeline]:
    return coverage.trainee_pipeline(picture.levels, requirements(picture.skills))


@dataclass(frozen=True)
class SkillStanding:
    """One skill on a day: who is qualified, who is in training, its coverage, its sessions so far."""

    skill: Skill
    picture: TrainingPicture
    risk: coverage.SkillCoverage
    pipeline: coverage.Pipeline
    sessions: int


@dataclass(frozen=True)
class SkillSheet(View):
    """A skill on a day: its definition, who is qualified, its coverage, who is in training."""

    json_inline: ClassVar[str | None] = "skill"
    headings: ClassVar[dict[str, str]] = {
        "qualified": N_("Qualified"),
        "coverage": N_("Coverage"),
        "one_absence_away": N_("One absence away"),
        "in_training": N_("In training"),
        "sessions": N_("Sessions"),
    }

    skill: SkillView
    qualified: tuple[str, ...]
    coverage: CoverageStatus
    one_absence_away: bool
    in_training: tuple[str, ...]
    sessions: int

    @classmethod
    def of(cls, standing: SkillStanding) -> SkillSheet:
        picture = standing.picture
        return cls(
            SkillView.of(standing.skill),
            tuple(picture.member(key).label for key in standing.risk.qualified),
            standing.risk.status,
            standing.risk.bus_factor,
            tuple(picture.member(key).label for key in standing.pipeline.members),
            standing.sessions,
        )


def skill_standing(session: Session, reference: str, on: date) -> SkillStanding:
    found = find_skill(session, reference)
    picture = training_picture(session, on, skill_codes=[found.code])
    return SkillStanding(
        skill=found,
        picture=picture,
        risk=coverage_risk(picture)[0],
        pipeline=trainee_pipeline(picture)[0],
        sessions=len(list_sessions(session, skill=found)),
    )


def certifications_lapsing(
    session: Session, on: date, within_days: int
) -> tuple[TrainingPicture, dict[int, list[coverage.ExpiringCertification]]]:
    """Certifications lapsing within ``within_days`` of ``on``, in windows of 30, 60 and that many days."""
    picture = training_picture(session, on)
    return picture, expiring_certifications(picture, coverage.expiry_windows(within_days))


@dataclass(frozen=True)
class HoursReport:
    hours: coverage.TrainingHours
    names: dict[str, str]  # member key or outside trainer -> how to print it
    start: date
    end: date


HOURS_PERIOD = timedelta(days=364)  # the default period: a year, both ends counted


def hours_over_period(
    session: Session, *, today: date, start: date | None = None, end: date | None = None
) -> HoursReport:
    """Hours from ``start`` to ``end``: the last day defaults to today, the first to a year before it."""
    end = end if end is not None else today
    return training_hours(session, start if start is not None else end - HOURS_PERIOD, end)


def training_hours(session: Session, start: date, end: date) -> HoursReport:
    """Hours trained per member and taught per trainer from ``start`` to ``end`` inclusive."""
    sessions = list_sessions(session, start=start, end=end)
    names: dict[str, str] = {}
    plain_sessions = []
    plain_attendance = []
    for held in sessions:
        if held.trainer is not None:
            who = member_key(held.trainer)
            names[who] = held.trainer.label
        else:
            who = f"outside:{held.outside_trainer}"
            names[who] = held.trainer_label
        plain_sessions.append(
            coverage.TrainingSession(
                str(held.id), held.skill.code, who, held.held_on, held.hours, held.kind.value
            )
        )
        for attendance in held.attendance:
            member = attendance.member
            names[member_key(member)] = member.label
            plain_attendance.append(
                coverage.Attendance(str(held.id), member_key(member), attendance.present, attendance.hours)
            )
    return HoursReport(
        coverage.training_hours(plain_sessions, plain_attendance, (start, end)), names, start, end
    )
