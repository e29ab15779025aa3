"""Build the printed skills matrix and coverage report from the records (view models only).

The arithmetic comes from :mod:`coop.training.coverage` through the service's
:func:`~coop.training.picture.training_picture`; this module only arranges it for paper.
"""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy.orm import Session

from coop import vocabulary
from coop.formatting import format_date
from coop.i18n import _, in_cooperative_language, ngettext
from coop.members.cooperative import get_cooperative
from coop.reports import training_model as tm
from coop.training import coverage
from coop.training.coverage import Level, level_label
from coop.training.picture import (
    coverage_risk,
    expiring_certifications,
    skills_matrix,
    trainee_pipeline,
    training_picture,
)

SOON_DAYS = 30
HORIZON_DAYS = 90


def validity_text(months: int | None) -> str:
    if months is None:
        return ""
    return ngettext("{count} month", "{count} months", months).format(count=months)


@in_cooperative_language
def skills_matrix_document(
    session: Session,
    *,
    on: date,
    section: str | None = None,
    category: str | None = None,
    soon_days: int = SOON_DAYS,
) -> tm.SkillsMatrixDocument:
    """Active members × skills on ``on``: members by section and number, skills by category and code."""
    cooperative = get_cooperative(session)
    picture = training_picture(session, on, section=section, category=category)
    matrix = skills_matrix(picture)
    risk = {item.skill: item for item in coverage_risk(picture)}
    soon_limit = on + timedelta(days=soon_days)
    # Few distinct cells exist; sharing them keeps a 470 × 40 matrix small in memory.
    marks: dict[tuple[int, bool, int, bool], tm.MatrixMark] = {}
    expired = due_soon = 0
    lines = []
    for row in matrix.rows:
        member = picture.member(row.member)
        cells = []
        for cell in row.cells:
            soon = not cell.expired and cell.expires_on is not None and cell.expires_on <= soon_limit
            soon = soon and cell.level > Level.NONE
            key = (int(cell.level), cell.expired, int(cell.assessed_level) if cell.expired else 0, soon)
            mark = marks.get(key)
            if mark is None:
                mark = marks[key] = tm.MatrixMark(
                    level=key[0], expired=key[1], lapsed_level=key[2], due_soon=key[3]
                )
            expired += cell.expired
            due_soon += soon
            cells.append(mark)
        lines.append(
            (
                (member.section or "").casefold(),
                member.number or "",
                tm.MatrixMember(
                    number=member.number or "",
                    name=member.name,
                    section=member.section or "",
                    marks=tuple(cells),
                ),
            )
        )
    # Members grouped by section (those with none last), then by number.
    lines.sort(key=lambda item: (item[0] == "", item[0], item[1]))
    skills = tuple(
        tm.MatrixSkill(
            code=skill.code,
            name=skill.name,
            category=skill.category,
            safety_critical=skill.safety_critical,
            certified=skill.certified,
            validity=validity_text(skill.validity_months),
            minimum=skill.minimum_qualified,
            qualifying_level=skill.qualifying_level,
            qualified=risk[skill.code].qualified_count,
            status=risk[skill.code].status.value,
            status_label=vocabulary.label(risk[skill.code].status),
        )
        for skill in picture.skills
    )
    count = len(picture.members)
    if section:
        scope = ngettext(
            "Section {section}: {count} active member",
            "Section {section}: {count} active members",
            count,
        ).format(section=section, count=count)
    else:
        scope = ngettext("{count} active member", "{count} active members", count).format(count=count)
    if category:
        scope += " · " + _("skills of the category {category}").format(category=category)
    return tm.SkillsMatrixDocument(
        cooperative=cooperative.name,
        language=cooperative.language,
        title=_("Skills matrix"),
        as_of=format_date(on, cooperative.language),
        scope=scope,
        soon_days=soon_days,
        skills=skills,
        members=tuple(line for _section, _number, line in lines),
        expired_count=expired,
        due_soon_count=due_soon,
    )


def _status_order(line: tm.CoverageLine) -> tuple[int, bool, int, str]:
    order = {"below_minimum": 0, "one_absence": 1, "ok": 2}
    return (order[line.status], not line.safety_critical, -line.shortfall, line.code)


@in_cooperative_language
def coverage_document(session: Session, *, on: date, horizon_days: int = HORIZON_DAYS) -> tm.CoverageDocument:
    """Skills below their minimum or one absence away, what lapses by the horizon, and who is in training."""
    cooperative = get_cooperative(session)
    language = cooperative.language
    picture = training_picture(session, on)
    horizon = on + timedelta(days=horizon_days)
    today = coverage_risk(picture)
    later = {item.skill: item for item in coverage_risk(picture, horizon)}
    pipeline = {item.skill: item for item in trainee_pipeline(picture)}
    skills = {skill.code: skill for skill in picture.skills}

    def name(key: str) -> str:
        return picture.member(key).label

    lines = []
    for item in today:
        skill = skills[item.skill]
        still = set(later[item.skill].qualified)
        trainees = pipeline[item.skill]
        lines.append(
            tm.CoverageLine(
                code=skill.code,
                name=skill.name,
                category=skill.category,
                safety_critical=skill.safety_critical,
                minimum=item.minimum,
                qualifying_level=int(item.qualifying_level),
                qualifying_label=level_label(item.qualifying_level),
                qualified=item.qualified_count,
                status=item.status.value,
                status_label=vocabulary.label(item.status),
                shortfall=item.shortfall,
                qualified_at_horizon=len(still),
                holders=tuple(name(key) for key in item.qualified),
                trainees=tuple(
                    _("{member}, level {level}").format(member=name(key), level=int(level))
                    for level, keys in trainees.by_level()
                    for key in keys
                ),
                lapsing=tuple(name(key) for key in item.qualified if key not in still),
            )
        )
    lines.sort(key=lambda line: (line.category.casefold(), line.code))
    at_risk = sorted(
        (line for line in lines if line.status != "ok" or line.qualified_at_horizon < line.minimum),
        key=_status_order,
    )
    groups = []
    for window, items in expiring_certifications(picture, coverage.expiry_windows(horizon_days)).items():
        groups.append(
            tm.ExpiringGroup(
                within_days=window,
                lines=tuple(
                    tm.ExpiringLine(
                        member=name(item.member),
                        skill_code=item.skill,
                        skill_name=skills[item.skill].name,
                        level=int(item.level),
                        expires_on=format_date(item.expires_on, language),
                        days_left=item.days_left,
                    )
                    for item in items
                ),
            )
        )
    return tm.CoverageDocument(
        cooperative=cooperative.name,
        language=language,
        title=_("Training coverage report"),
        as_of=format_date(on, language),
        horizon_days=horizon_days,
        horizon_date=format_date(horizon, language),
        active_members=len(picture.members),
        below_minimum=sum(1 for line in lines if line.status == "below_minimum"),
        one_absence=sum(1 for line in lines if line.status == "one_absence"),
        lapse_risk=sum(1 for line in lines if line.qualified >= line.minimum > line.qualified_at_horizon),
        at_risk=tuple(at_risk),
        skills=tuple(lines),
        expiring=tuple(groups),
    )
