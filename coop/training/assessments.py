"""Assessments and certifications: record one, or load many from a CSV file, all or nothing."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from sqlalchemy.orm import Session

from coop import csvfiles
from coop.audit import record_import
from coop.changes import add_recorded
from coop.errors import MemberError, TrainingError
from coop.i18n import _
from coop.members.actors import Actor, find_member
from coop.members.models import Member
from coop.parsing import parse_day
from coop.training import coverage
from coop.training.common import (
    expiry_for,
    member_or_outsider,
    parse_level,
    read_file,
    require_active,
    require_trainer,
)
from coop.training.coverage import Level
from coop.training.history import prerequisite_refusal, require_can_train, unmet_prerequisites
from coop.training.models import (
    Skill,
    SkillAssessment,
)
from coop.training.skills import find_skill


def add_assessment(
    session: Session,
    *,
    now: datetime,
    actor: Actor,
    member: Member,
    skill: Skill,
    level: Level,
    assessed_on: date,
    assessor: Member | None,
    outside_assessor: str | None,
    session_id: int | None,
    note: str | None,
    overridden: Sequence[coverage.UnmetPrerequisite] = (),
) -> SkillAssessment:
    assessment = SkillAssessment(
        member_id=member.id,
        skill_id=skill.id,
        level=int(level),
        assessed_on=assessed_on,
        expires_on=expiry_for(skill, level, assessed_on),
        session_id=session_id,
        assessor_id=assessor.id if assessor else None,
        outside_assessor=outside_assessor,
        note=note,
        recorded_at=now,
        recorded_by=actor.label,
    )
    return add_recorded(
        session,
        actor,
        now,
        assessment,
        "coop.assessment.recorded",
        lambda recorded: {
            "assessment_id": recorded.id,
            "member": member.label,
            "skill": skill.code,
            "level": int(level),
            "assessed_on": assessed_on.isoformat(),
            "expires_on": recorded.expires_on.isoformat() if recorded.expires_on else None,
            "session_id": session_id,
            "assessor": assessor.label if assessor else None,
            "outside_assessor": outside_assessor,
            "prerequisites_overridden": [p.message for p in overridden],
        },
    )


def record_assessment(
    session: Session,
    *,
    actor: Actor,
    now: datetime,
    member: str,
    skill: Skill,
    level: Level,
    assessed_on: date,
    assessor: str | None = None,
    outside_assessor: str | None = None,
    note: str | None = None,
    override_prerequisites: bool = False,
) -> SkillAssessment:
    """Add one assessment to a member's history (outside a session: an exam, a licence, a check).

    The assessor is the acting member unless another member or an outside trainer is named.
    """
    require_trainer(session, actor, _("Recording an assessment"))
    assessed = require_active(find_member(session, member))
    level = parse_level(int(level))
    if assessed_on > now.date():
        raise TrainingError(
            _("{day} is in the future; record an assessment once it has been made.").format(
                day=assessed_on.isoformat()
            )
        )
    both = _("Name either a member as the assessor or an outside trainer, not both.")
    neither = _("Say who assessed: --assessor MEMBER, or --outside NAME for an outside trainer.")
    assessor_member, outside = member_or_outsider(session, actor, assessor, outside_assessor, both, neither)
    if assessor_member is not None:
        if assessor_member.id == assessed.id:
            raise TrainingError(
                _(
                    "{member} cannot assess themselves; another trainer, or an outside one, must do it."
                ).format(member=assessed.label)
            )
        require_can_train(session, assessor_member, skill, assessed_on, _("assess others"))
    problems = unmet_prerequisites(session, assessed, skill, assessed_on) if level > Level.NONE else []
    if problems and not override_prerequisites:
        raise prerequisite_refusal(problems)
    return add_assessment(
        session,
        now=now,
        actor=actor,
        member=assessed,
        skill=skill,
        level=level,
        assessed_on=assessed_on,
        assessor=assessor_member,
        outside_assessor=outside,
        session_id=None,
        note=(note or "").strip() or None,
        overridden=problems,
    )


ASSESSMENT_CSV_COLUMNS = ("member", "skill", "level", "assessed_on", "assessor", "outside_assessor", "note")


@dataclass(frozen=True)
class AssessmentRow:
    line: int
    member: str
    skill: Skill
    level: Level
    assessed_on: date
    assessor: str | None
    outside_assessor: str | None
    note: str | None


def _parse_day(text: str, what: str) -> date:
    return parse_day(
        text,
        lambda value: TrainingError(
            _("{what} '{value}' is not a date like 2025-03-15").format(what=what, value=value)
        ),
    )


def read_assessment_csv(
    session: Session,
    content: bytes,
    source: str,
    today: date,
    *,
    dialect: csvfiles.CsvDialect = csvfiles.DETECT,
) -> list[AssessmentRow]:
    """Every row of an assessment CSV with its member and skill found, or every bad line at once."""

    def parse_assessment(row: csvfiles.CsvRow) -> AssessmentRow:
        values = row.values
        reasons: list[str] = []
        try:
            find_member(session, values.get("member", ""))
        except MemberError as error:
            reasons.append(error.message)
        skill: Skill | None = None
        try:
            skill = find_skill(session, values.get("skill", "")) if values.get("skill") else None
            if skill is None:
                raise TrainingError(_("the skill is empty"))
        except TrainingError as error:
            reasons.append(error.message)
        level = Level.NONE
        assessed_on = today
        try:
            level = parse_level(values.get("level", ""))
        except TrainingError as error:
            reasons.append(error.message)
        try:
            assessed_on = _parse_day(values.get("assessed_on", ""), _("assessed_on"))
            if assessed_on > today:
                raise TrainingError(_("{day} is in the future").format(day=assessed_on.isoformat()))
        except TrainingError as error:
            reasons.append(error.message)
        assessor = values.get("assessor") or None
        outside = values.get("outside_assessor") or None
        if (assessor is None) == (outside is None):
            reasons.append(
                _("give either an assessor (member) or an outside_assessor (name), one of the two")
            )
        elif assessor is not None:
            try:
                find_member(session, assessor)
            except MemberError as error:
                reasons.append(_("assessor: {reason}").format(reason=error.message))
        if reasons:
            raise csvfiles.RowRefused([reason.split(";")[0] for reason in reasons])
        assert skill is not None
        return AssessmentRow(
            row.line,
            values["member"],
            skill,
            level,
            assessed_on,
            assessor,
            outside,
            values.get("note") or None,
        )

    return csvfiles.load_rows(
        content,
        source,
        ASSESSMENT_CSV_COLUMNS,
        ("member", "skill", "level", "assessed_on"),
        parse_assessment,
        catch=csvfiles.RowRefused,
        empty=_("{file} has no assessments in it."),
        dialect=dialect,
    )


def import_assessments(
    session: Session,
    *,
    actor: Actor,
    now: datetime,
    path: Path,
    override_prerequisites: bool = False,
    dialect: csvfiles.CsvDialect = csvfiles.DETECT,
) -> list[SkillAssessment]:
    """Add past assessments (paper records, licences) in date order: every row or none.

    Each row follows the same rules as ``record_assessment``, so an assessor must already hold
    the skill at level 4 on that day — from an earlier row of the file or from the history.
    """
    require_trainer(session, actor, _("Importing assessments"))
    rows = read_assessment_csv(session, read_file(path), path.name, now.date(), dialect=dialect)
    problems: list[str] = []
    added: list[SkillAssessment] = []
    with session.begin_nested() as savepoint:
        for row in sorted(rows, key=lambda r: (r.assessed_on, r.line)):
            try:
                added.append(
                    record_assessment(
                        session,
                        actor=actor,
                        now=now,
                        member=row.member,
                        skill=row.skill,
                        level=row.level,
                        assessed_on=row.assessed_on,
                        assessor=row.assessor,
                        outside_assessor=row.outside_assessor,
                        note=row.note,
                        override_prerequisites=override_prerequisites,
                    )
                )
            except (TrainingError, MemberError) as error:
                reason = error.message.split("\n")[0].rstrip(".:")
                problems.append(_("line {line}: {reason}").format(line=row.line, reason=reason))
        if problems:
            savepoint.rollback()
            raise csvfiles.bad_lines(path.name, sorted(problems, key=_line_number))
        record_import(session, "coop.assessments.imported", actor, now, path, count=len(added))
    return added


def _line_number(problem: str) -> int:
    digits = "".join(ch for ch in problem.split(":")[0] if ch.isdigit())
    return int(digits) if digits else 0
