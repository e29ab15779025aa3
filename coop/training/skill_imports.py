"""Loading the skill catalogue from a CSV file, all or nothing."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from coop import csvfiles
from coop.audit import record_change, record_import
from coop.errors import TrainingError
from coop.i18n import _
from coop.members.actors import Actor, require_role
from coop.members.models import Role
from coop.training.common import parse_level, read_file
from coop.training.coverage import Level
from coop.training.models import (
    Skill,
    SkillPrerequisite,
)
from coop.training.skills import (
    SkillSpec,
    check_code,
    check_skill_spec,
    insert_skill,
    prerequisite_graph,
    reaches,
    skill_data,
)

SKILL_CSV_COLUMNS = (
    "code",
    "name",
    "category",
    "safety_critical",
    "certified",
    "validity_months",
    "minimum_qualified",
    "qualifying_level",
    "prerequisites",
    "description",
)
_TRUE = {"yes", "y", "true", "1", "si", "sí", "x"}
_FALSE = {"no", "n", "false", "0", ""}


@dataclass(frozen=True)
class SkillRow:
    line: int
    spec: SkillSpec
    prerequisites: tuple[tuple[str, Level], ...]


def _yes_no(value: str, what: str) -> bool:
    lowered = value.strip().lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise TrainingError(_("{what} '{value}' is not yes or no").format(what=what, value=value))


def _whole(value: str, what: str) -> int | None:
    if not value.strip():
        return None
    try:
        return int(value.strip())
    except ValueError:
        raise TrainingError(
            _("{what} '{value}' is not a whole number").format(what=what, value=value)
        ) from None


def _prerequisite_cells(value: str) -> tuple[tuple[str, Level], ...]:
    items = []
    for part in value.replace(",", ";").replace("|", ";").split(";"):
        if not part.strip():
            continue
        code, separator, level = part.partition(":")
        if not separator:
            raise TrainingError(
                _("prerequisite '{value}' needs a level: write CODE:LEVEL, like FIRST-AID:2").format(
                    value=part.strip()
                )
            )
        items.append((check_code(code), parse_level(level, lowest=1)))
    return tuple(items)


def read_skill_csv(
    content: bytes, source: str, *, dialect: csvfiles.CsvDialect = csvfiles.DETECT
) -> list[SkillRow]:
    """Every row of a skill CSV, or one error listing every bad line."""
    seen: dict[str, int] = {}

    def parse_skill(row: csvfiles.CsvRow) -> SkillRow:
        certified = _yes_no(row.get("certified"), _("certified"))
        validity = _whole(row.get("validity_months"), _("validity_months"))
        spec = check_skill_spec(
            code=row.get("code"),
            name=row.get("name"),
            category=row.values.get("category"),
            safety_critical=_yes_no(row.get("safety_critical"), _("safety_critical")),
            certified=certified or validity is not None,
            validity_months=validity,
            minimum_qualified=_whole(row.get("minimum_qualified"), _("minimum_qualified")) or 0,
            qualifying_level=parse_level(row.get("qualifying_level") or "3", lowest=1),
            description=row.values.get("description"),
        )
        prerequisites = _prerequisite_cells(row.get("prerequisites"))
        if spec.code in seen:
            raise TrainingError(
                _("skill {code} is also on line {other}").format(code=spec.code, other=seen[spec.code])
            )
        if any(code == spec.code for code, _level in prerequisites):
            raise TrainingError(_("skill {code} cannot be its own prerequisite").format(code=spec.code))
        seen[spec.code] = row.line
        return SkillRow(row.line, spec, prerequisites)

    return csvfiles.load_rows(
        content,
        source,
        SKILL_CSV_COLUMNS,
        ("code", "name"),
        parse_skill,
        catch=TrainingError,
        empty=_("{file} has no skills in it."),
        dialect=dialect,
    )


def import_skills(
    session: Session,
    *,
    actor: Actor,
    now: datetime,
    path: Path,
    dialect: csvfiles.CsvDialect = csvfiles.DETECT,
) -> list[Skill]:
    """All rows or none: a bad line, a code already in use or an unknown prerequisite adds nothing."""
    require_role(session, actor, Role.secretary, _("Importing skills"))
    content = read_file(path)
    rows = read_skill_csv(content, path.name, dialect=dialect)
    existing = {code: skill_id for skill_id, code in session.execute(select(Skill.id, Skill.code))}
    in_file = {row.spec.code for row in rows}
    problems: list[str] = []
    for row in rows:
        if row.spec.code in existing:
            problems.append(
                _("line {line}: skill {code} already exists").format(line=row.line, code=row.spec.code)
            )
        for code, _level in row.prerequisites:
            if code not in existing and code not in in_file:
                problems.append(
                    _(
                        "line {line}: unknown skill {code} in the prerequisites (neither in the file "
                        "nor in the catalogue)"
                    ).format(line=row.line, code=code)
                )
    if problems:
        raise csvfiles.bad_lines(path.name, problems)
    with session.begin_nested() as savepoint:
        skills = {row.spec.code: insert_skill(session, row.spec, now) for row in rows}
        session.flush()
        ids = existing | {code: skill.id for code, skill in skills.items()}
        graph = prerequisite_graph(session)
        for row in rows:
            for code, _level in row.prerequisites:
                graph.setdefault(ids[row.spec.code], set()).add(ids[code])
        for row in rows:
            for code, _level in row.prerequisites:
                if reaches(graph, ids[code], ids[row.spec.code]):
                    problems.append(
                        _("line {line}: {code} needs {requires}, which itself needs {code}").format(
                            line=row.line, code=row.spec.code, requires=code
                        )
                    )
        if problems:
            savepoint.rollback()
            raise csvfiles.bad_lines(path.name, problems)
        for row in rows:
            for code, level in row.prerequisites:
                skills[row.spec.code].prerequisites.append(
                    SkillPrerequisite(requires_id=ids[code], min_level=int(level))
                )
        session.flush()
        for row in rows:
            record_change(session, "coop.skill.added", actor, now, skill_data(skills[row.spec.code]))
        record_import(session, "coop.skills.imported", actor, now, path, count=len(rows))
    return [skills[row.spec.code] for row in rows]
