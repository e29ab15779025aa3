"""``c.training``: the skill catalogue, training sessions, assessments and the printed skills matrix
(:mod:`coop.training`)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from coop.api.domain import Domain, write_document

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from coop.members.models import Member
    from coop.reports.training_model import CoverageDocument
    from coop.rules.terms import TermRole
    from coop.training.coverage import Level
    from coop.training.models import RoleTerm, Skill, SkillAssessment, SkillPrerequisite, TrainingSession
    from coop.training.picture import SkillStanding
    from coop.training.report_views import HoursView, LapsingView, PipelineView, RotationView
    from coop.training.role_terms import ElectingMotion
    from coop.training.sessions import AttendanceRecord
    from coop.training.views import MemberSkill
    from coop.training_plan.needs_views import NeedsReport

__all__ = ["Training", "electing_motion"]


def _parse_level(level: int | str) -> Level:
    """A level as people write it (``3``, ``"independent"``), as the services take it."""
    from coop.training.common import parse_level

    return parse_level(level)


def electing_motion(session: Session, reference: int | str) -> ElectingMotion:
    """The motion numbered ``reference``, as a term's record needs it. Raises AssemblyError.

    Read here, where the API stands above both domains: training may not import assemblies.
    """
    from coop.assemblies.common import find_motion
    from coop.assemblies.lifecycle import status_label
    from coop.assemblies.models import MotionStatus
    from coop.training.role_terms import ElectingMotion

    motion = find_motion(session, reference)
    return ElectingMotion(
        id=motion.id,
        title=motion.title,
        adopted=motion.status == MotionStatus.adopted,
        status=status_label(str(motion.status)),
    )


class Training(Domain):
    """Training records: skills, sessions and their attendance, assessments, and the reports."""

    def find_skill(self, skill: Skill | str) -> Skill:
        """The Skill with that code (a Skill is returned as it is). Raises TrainingError."""
        from coop.training.models import Skill
        from coop.training.skills import find_skill

        return skill if isinstance(skill, Skill) else find_skill(self.session, skill)

    def list_skills(self, *, category: str | None = None) -> list[Skill]:
        """The skill catalogue, optionally one category."""
        from coop.training.skills import list_skills

        return list_skills(self.session, category=category)

    def add_skill(self, code: str, name: str, **details: Any) -> Skill:
        """Add a skill to the catalogue (secretary). Returns the Skill. Raises TrainingError.

        ``details``: category, safety_critical, certified, validity_months, minimum_qualified,
        qualifying_level (``3`` or ``"independent"``), description.
        """
        from coop.training.skills import add_skill

        if "qualifying_level" in details:
            details["qualifying_level"] = int(_parse_level(details["qualifying_level"]))
        return self._run(add_skill, code=code, name=name, **details)

    def update_skill(self, skill: Skill | str, **changes: Any) -> Skill:
        """Change a skill's definition (secretary); past assessments keep their expiry. Raises TrainingError.

        ``changes``: name, category, safety_critical, certified, validity_months, clear_validity,
        minimum_qualified, qualifying_level, description (None leaves one as it is).
        """
        from coop.training.skills import update_skill

        found = self.find_skill(skill)
        return self._run(update_skill, skill=found, **changes)

    def add_prerequisite(
        self, skill: Skill | str, requires: Skill | str, *, min_level: int | str
    ) -> tuple[Skill, Skill, SkillPrerequisite]:
        """Make training in ``skill`` need ``requires`` at ``min_level`` first (or change that level).

        Returns both skills and the SkillPrerequisite. Raises TrainingError (a skill needing itself, a cycle).
        """
        from coop.training.common import parse_level
        from coop.training.skills import add_prerequisite

        found, needed = self.find_skill(skill), self.find_skill(requires)
        level = parse_level(min_level, lowest=1)
        prerequisite = self._run(add_prerequisite, skill=found, requires=needed, min_level=level)
        return found, needed, prerequisite

    def remove_prerequisite(self, skill: Skill | str, requires: Skill | str) -> tuple[Skill, Skill]:
        """Training in ``skill`` no longer needs ``requires`` first. Returns both. Raises TrainingError."""
        from coop.training.skills import remove_prerequisite

        found, needed = self.find_skill(skill), self.find_skill(requires)
        self._run(remove_prerequisite, skill=found, requires=needed)
        return found, needed

    def skill_standing(self, skill: str, *, on: date | None = None) -> SkillStanding:
        """A skill on a day (default: today): who is qualified, who is in training, its coverage."""
        from coop.training.picture import skill_standing

        return skill_standing(self.session, skill, on or self.now.date())

    def import_skills(
        self, path: str | Path, *, delimiter: str | None = None, encoding: str | None = None
    ) -> list[Skill]:
        """Add every skill of a CSV to the catalogue, all or none. Raises TrainingError listing bad lines.

        The file's ``delimiter`` (``,`` ``;`` or ``tab``) and ``encoding`` (``utf-8``, ``cp1252``,
        ``latin-1``) are detected unless named; a name coop does not read raises InputFileError.
        """
        from coop.csvfiles import CsvDialect
        from coop.training.skill_imports import import_skills

        dialect = CsvDialect.named(delimiter=delimiter, encoding=encoding)
        return self._run(import_skills, path=Path(path), dialect=dialect)

    def find_session(self, training_session: TrainingSession | int | str) -> TrainingSession:
        """The session with that number (a TrainingSession is returned as it is). Raises TrainingError."""
        from coop.training.models import TrainingSession
        from coop.training.sessions import find_session

        if isinstance(training_session, TrainingSession):
            return training_session
        return find_session(self.session, training_session)

    def list_sessions(
        self,
        *,
        skill: Skill | str | None = None,
        trainer: str | None = None,
        start: date | None = None,
        end: date | None = None,
    ) -> list[TrainingSession]:
        """Training sessions, oldest first (planned ones included): of one skill, by one trainer, in days."""
        from coop.members.actors import find_member
        from coop.training.sessions import list_sessions

        return list_sessions(
            self.session,
            skill=self.find_skill(skill) if skill else None,
            trainer=find_member(self.session, trainer) if trainer else None,
            start=start,
            end=end,
        )

    def log_session(
        self,
        skill: Skill | str,
        *,
        held_on: date,
        hours: Decimal | str,
        kind: str = "practice",
        **details: Any,
    ) -> TrainingSession:
        """Log a training session (trainer): ``kind`` theory, practice, shadowing or exam.

        ``details``: trainer (a member), outside_trainer, place, planned, note.
        Returns the TrainingSession. Raises TrainingError.
        """
        from coop.training.common import parse_session_kind
        from coop.training.sessions import log_session

        return self._run(
            log_session,
            skill=self.find_skill(skill),
            held_on=held_on,
            hours=hours,
            kind=parse_session_kind(kind),
            **details,
        )

    def record_attendance(
        self,
        training_session: TrainingSession | int | str,
        members: Sequence[str],
        *,
        present: bool = True,
        hours: Decimal | str | None = None,
        level: int | str | None = None,
        override_prerequisites: bool = False,
    ) -> list[AttendanceRecord]:
        """Record who attended a session (and the level it gave them). Raises TrainingError."""
        from coop.training.sessions import record_attendance

        found = self.find_session(training_session)
        return self._run(
            record_attendance,
            training_session=found,
            members=members,
            present=present,
            hours=hours,
            level=None if level is None else _parse_level(level),
            override_prerequisites=override_prerequisites,
        )

    def record_assessment(
        self, member: str, skill: Skill | str, level: int | str, *, assessed_on: date, **details: Any
    ) -> SkillAssessment:
        """Record a member's assessed level in a skill (trainer). Raises TrainingError.

        ``details``: assessor (a member), outside_assessor, note, override_prerequisites.
        """
        from coop.training.assessments import record_assessment

        return self._run(
            record_assessment,
            member=member,
            skill=self.find_skill(skill),
            level=_parse_level(level),
            assessed_on=assessed_on,
            **details,
        )

    def import_assessments(
        self,
        path: str | Path,
        *,
        override_prerequisites: bool = False,
        delimiter: str | None = None,
        encoding: str | None = None,
    ) -> list[SkillAssessment]:
        """Record every assessment of a CSV, all or none. Raises TrainingError listing bad lines.

        ``delimiter`` and ``encoding`` as in :meth:`import_skills`.
        """
        from coop.csvfiles import CsvDialect
        from coop.training.assessments import import_assessments

        return self._run(
            import_assessments,
            path=Path(path),
            override_prerequisites=override_prerequisites,
            dialect=CsvDialect.named(delimiter=delimiter, encoding=encoding),
        )

    def member_history(
        self, member: Member | str, *, skill: Skill | str | None = None
    ) -> list[SkillAssessment]:
        """A member's whole skill history, oldest first, optionally in one skill. Raises MemberError."""
        from coop.members.actors import find_member
        from coop.members.models import Member
        from coop.training.history import member_history

        found = member if isinstance(member, Member) else find_member(self.session, member)
        return member_history(self.session, found, self.find_skill(skill) if skill else None)

    def member_skills(self, member: str, *, on: date | None = None) -> list[MemberSkill]:
        """A member's current level in each skill on a day (default: today). Raises MemberError."""
        from coop.members.actors import find_member
        from coop.training.history import member_skills

        return member_skills(self.session, find_member(self.session, member), on or self.now.date())

    def training_hours(self, *, start: date | None = None, end: date | None = None) -> HoursView:
        """Hours trained per member and taught per trainer, from ``start`` (default: a year before
        ``end``) to ``end`` (default: today)."""
        from coop.training.picture import hours_over_period
        from coop.training.report_views import HoursView

        return HoursView(hours_over_period(self.session, today=self.now.date(), start=start, end=end))

    def lapsing_certifications(self, *, within_days: int = 90, on: date | None = None) -> list[LapsingView]:
        """Certifications lapsing within 30, 60 and ``within_days`` days of ``on`` (default: today)."""
        from coop.training.picture import certifications_lapsing
        from coop.training.report_views import lapsing_views

        picture, windows = certifications_lapsing(self.session, on or self.now.date(), within_days)
        return lapsing_views(picture, windows)

    def trainee_pipeline(
        self, *, skill: Skill | str | None = None, on: date | None = None
    ) -> list[PipelineView]:
        """Trainees per skill (above level 0, below the qualifying level) on a day (default: today)."""
        from coop.training.picture import trainee_pipeline, training_picture
        from coop.training.report_views import pipeline_views

        codes = [self.find_skill(skill).code] if skill else None
        picture = training_picture(self.session, on or self.now.date(), skill_codes=codes)
        return pipeline_views(picture, trainee_pipeline(picture))

    def coverage(self, *, on: date | None = None, horizon_days: int = 90) -> CoverageDocument:
        """The coverage report: skills short of qualified people on a day and ``horizon_days`` later."""
        from coop.training.reports import coverage_document

        return coverage_document(self.session, on=on or self.now.date(), horizon_days=horizon_days)

    def record_term(
        self,
        role: TermRole | str,
        member: str,
        *,
        starts_on: date,
        ends_on: date | None = None,
        motion: int | str | None = None,
        section: str | None = None,
    ) -> RoleTerm:
        """Record a term in a rotating role (secretary), elected by ``motion`` if given; the bylaws'
        term limit is applied. Returns the RoleTerm. Raises TrainingError or AssemblyError."""
        from coop.rules.terms import parse_term_role
        from coop.training.role_terms import record_term

        return self._run(
            record_term,
            role=parse_term_role(role),
            member=member,
            starts_on=starts_on,
            ends_on=ends_on,
            elected_by=electing_motion(self.session, motion) if motion is not None else None,
            section=section,
        )

    def end_term(self, role: TermRole | str, member: str, *, ends_on: date) -> RoleTerm:
        """End a member's running term in a role. Returns the RoleTerm. Raises TrainingError."""
        from coop.rules.terms import parse_term_role
        from coop.training.role_terms import end_term

        wanted = parse_term_role(role)
        return self._run(end_term, role=wanted, member=member, ends_on=ends_on)

    def list_terms(self, *, role: TermRole | str | None = None) -> list[RoleTerm]:
        """Every recorded term, oldest first, optionally in one role."""
        from coop.rules.terms import parse_term_role
        from coop.training.role_terms import list_terms

        return list_terms(self.session, parse_term_role(role) if role else None)

    def rotation_report(
        self, *, role: TermRole | str | None = None, on: date | None = None
    ) -> list[RotationView]:
        """Who has held each rotating role and for how long, and who is eligible next, on a day."""
        from coop.rules.terms import parse_term_role
        from coop.training.report_views import RotationView
        from coop.training.role_terms import rotation_report

        groups = rotation_report(self.session, on or self.now.date(), parse_term_role(role) if role else None)
        return [RotationView(group) for group in groups]

    def write_skills_matrix(
        self,
        path: str | Path,
        *,
        on: date | None = None,
        section: str | None = None,
        category: str | None = None,
    ) -> Path:
        """Print the skills matrix to ``path`` (.html or .pdf). Returns the path. Raises DocumentError."""
        from coop.training.reports import skills_matrix_document

        document = skills_matrix_document(
            self.session, on=on or self.now.date(), section=section, category=category
        )
        return write_document(path, "skills_matrix.html.j2", matrix=document)

    def write_coverage_report(self, path: str | Path, *, on: date | None = None) -> Path:
        """Print the coverage report (where qualified people are short) to ``path``. Raises DocumentError."""
        from coop.training.reports import coverage_document

        report = coverage_document(self.session, on=on or self.now.date())
        return write_document(path, "training_coverage.html.j2", coverage=report)

    def training_needs(
        self,
        *,
        start: date | str | None = None,
        weeks: int = 13,
        plans: Sequence[int | str] = (),
        hours_per_member: Decimal | int | str = 40,
    ) -> NeedsReport:
        """The training gaps of ``weeks`` (1–104) from the week of ``start`` (``2027-W05`` or a day;
        default: next week): per skill, level and week, fewer members qualified and available than
        the centres' required minimums, the crews of ``plans`` (default: every current plan) and the
        bus-factor targets need, with the causes. Rules: :mod:`coop.training_plan.needs`."""
        from coop.training_plan.needs_inputs import training_needs

        return training_needs(
            self.session, today=self.now.date(), start=start, weeks=weeks, plans=plans, hours=hours_per_member
        )
