"""Business operations on skills, training sessions, the skill history and role terms.

Every function takes the session, the acting member and ``now``; none commits; each change is
audited (``coop.<noun>.<past-tense verb>``). The arithmetic (current levels, expiry, coverage,
hours, rotation) is done by the pure :mod:`coop.training.coverage`; this module reads the
records into its dataclasses and writes what the rules allow.

Rules kept here:

- Trainers (the trainer role) log sessions and record attendance and assessments; a secretary
  may too. The secretary manages the skill catalogue and role terms.
- Whoever gives a session or assesses a member holds the skill at level 4 (can train) on that
  day, or is named as an outside trainer; nobody assesses themselves.
- A session in the future is refused unless it is marked as planned; attendance is recorded
  once the day has come. Hours are above zero.
- Prerequisites are checked for every attendee and every assessment above level 0; unmet ones
  are refused with the reason, unless the trainer explicitly overrides them (audited).
- The skill history is append-only; a certified skill's assessment lapses ``validity_months``
  after it was made (``expires_on`` is the first day it no longer counts).
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from coop import csvfiles
from coop.audit import record_event
from coop.db import get_by_number
from coop.errors import InputFileError, MemberError, TrainingError
from coop.i18n import _, for_the_record
from coop.members.models import Member, Role
from coop.members.service import Actor, bylaws_in_force, find_member, list_members, require_role
from coop.training import coverage
from coop.training.coverage import Level
from coop.training.models import (
    RoleTerm,
    SessionAttendance,
    SessionKind,
    Skill,
    SkillAssessment,
    SkillPrerequisite,
    TrainingSession,
)
from coop.training.terms import (
    ElectingMotion,
    TermRole,
    describe_term_limit,
    parse_term_limit,
    role_label,
)

MAX_HOURS = Decimal("9999.99")
CODE_CHARACTERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.")


# --- parsing what people type ------------------------------------------------------------------

_LEVEL_WORDS = {
    "none": Level.NONE,
    "supervised": Level.SUPERVISED,
    "operates": Level.OPERATES,
    "independent": Level.INDEPENDENT,
    "can train": Level.CAN_TRAIN,
    "trainer": Level.CAN_TRAIN,
}


def parse_level(text: str | int, *, lowest: int = 0) -> Level:
    """A level from ``0``–``4`` or its name (``independent``, ``can train``)."""
    cleaned = " ".join(str(text).strip().lower().replace("-", " ").replace("_", " ").split())
    level = _LEVEL_WORDS.get(cleaned)
    if level is None and cleaned.isdigit() and int(cleaned) <= 4:
        level = Level(int(cleaned))
    if level is None or level < lowest:
        raise TrainingError(
            _(
                "'{value}' is not a skill level; use a number from {lowest} to 4 "
                "(0 none, 1 supervised, 2 operates, 3 independent, 4 can train)."
            ).format(value=str(text).strip(), lowest=lowest)
        )
    return level


def parse_session_kind(text: str) -> SessionKind:
    try:
        return SessionKind(text.strip().lower())
    except ValueError:
        raise TrainingError(
            _("'{kind}' is not a kind of session; use theory, practice, shadowing or exam.").format(
                kind=text.strip()
            )
        ) from None


def kind_label(kind: SessionKind) -> str:
    labels = {
        SessionKind.theory: _("theory"),
        SessionKind.practice: _("practice"),
        SessionKind.shadowing: _("shadowing"),
        SessionKind.exam: _("exam"),
    }
    return labels[kind]


def parse_hours(text: str | Decimal | int) -> Decimal:
    """Hours as a decimal above zero, with at most two decimals."""
    try:
        hours = Decimal(str(text).strip().replace(",", "."))
    except InvalidOperation:
        raise TrainingError(
            _("'{value}' is not a number of hours, like 2 or 1.5.").format(value=text)
        ) from None
    if not hours.is_finite():
        raise TrainingError(_("'{value}' is not a number of hours, like 2 or 1.5.").format(value=text))
    if hours <= 0:
        raise TrainingError(_("The hours must be above zero, not {hours}.").format(hours=text))
    if hours > MAX_HOURS or hours != hours.quantize(Decimal("0.01")):
        raise TrainingError(
            _("{hours} hours cannot be recorded; give at most {max} hours with up to two decimals.").format(
                hours=text, max=MAX_HOURS
            )
        )
    return hours.quantize(Decimal("0.01"))


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later; the 31st becomes the last day of a shorter month."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def expiry_for(skill: Skill, level: int, assessed_on: date) -> date | None:
    """The first day an assessment no longer counts: certified skills lapse after their validity."""
    if not skill.certified or skill.validity_months is None or level == Level.NONE:
        return None
    return add_months(assessed_on, skill.validity_months)


def hours_text(hours: Decimal) -> str:
    """``2``, ``1.5``: hours as people write them (JSON keeps the string too)."""
    text = format(hours.normalize(), "f")
    return text


# --- who may do what ---------------------------------------------------------------------------


def _require_trainer(session: Session, actor: Actor, doing: str) -> None:
    """Trainers record training; a secretary may record it for them."""
    if actor.member is not None and actor.member.has_role(Role.secretary):
        return
    require_role(session, actor, Role.trainer, doing)


def _active(member: Member) -> Member:
    if not member.active:
        raise MemberError(_("{member} is not an active member.").format(member=member.label))
    return member


def member_key(member: Member) -> str:
    """How a member is named in the pure coverage arithmetic: what names them in any command."""
    return member.reference


# --- skills ------------------------------------------------------------------------------------


def normalise_code(text: str) -> str:
    return text.strip().upper()


def _check_code(code: str) -> str:
    cleaned = normalise_code(code)
    if not cleaned:
        raise TrainingError(_("A skill needs a code, like KILN-LOAD."))
    if len(cleaned) > 40 or not set(cleaned) <= CODE_CHARACTERS:
        raise TrainingError(
            _(
                "'{code}' cannot be a skill code; use up to 40 letters, digits and - _ . without spaces, "
                "like KILN-LOAD."
            ).format(code=code.strip())
        )
    return cleaned


def find_skill(session: Session, reference: str) -> Skill:
    """A skill by code (any case) or by exact name."""
    ref = reference.strip()
    skill = session.scalars(
        select(Skill).options(selectinload(Skill.prerequisites)).where(Skill.code == normalise_code(ref))
    ).first()
    if skill is not None:
        return skill
    wanted = " ".join(ref.split()).casefold()
    matches = [s for s in session.scalars(select(Skill).order_by(Skill.code)) if s.name.casefold() == wanted]
    if len(matches) == 1:
        return matches[0]
    raise TrainingError(
        _("There is no skill with the code or name '{ref}'; see the list with: coop skill list").format(
            ref=ref
        )
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
    cleaned_code = _check_code(code)
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


def _skill_data(skill: Skill) -> dict[str, object]:
    return {
        "skill_id": skill.id,
        "code": skill.code,
        "name": skill.name,
        "category": skill.category,
        "safety_critical": skill.safety_critical,
        "certified": skill.certified,
        "validity_months": skill.validity_months,
        "minimum_qualified": skill.minimum_qualified,
        "qualifying_level": skill.qualifying_level,
    }


def _category(session: Session, spec: SkillSpec) -> str:
    """The category given, else the general one, named in the cooperative's language (it is stored)."""
    if spec.category:
        return spec.category
    with for_the_record(session):
        return _("General")


def _insert_skill(session: Session, spec: SkillSpec, now: datetime) -> Skill:
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
    skill = _insert_skill(session, spec, now)
    session.flush()
    record_event(session, "coop.skill.added", actor=actor.label, now=now, data=_skill_data(skill))
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
    before = _skill_data(skill)
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
    after = _skill_data(skill)
    changed = {key: {"old": before[key], "new": after[key]} for key in after if before[key] != after[key]}
    if not changed:
        raise TrainingError(
            _("Nothing to change in skill {code}: give what should change.").format(code=skill.code)
        )
    session.flush()
    record_event(
        session,
        "coop.skill.changed",
        actor=actor.label,
        now=now,
        data={"skill_id": skill.id, "code": skill.code, "changes": changed},
    )
    return skill


def _prerequisite_graph(session: Session) -> dict[int, set[int]]:
    graph: dict[int, set[int]] = {}
    for skill_id, requires_id in session.execute(
        select(SkillPrerequisite.skill_id, SkillPrerequisite.requires_id)
    ):
        graph.setdefault(skill_id, set()).add(requires_id)
    return graph


def _reaches(graph: dict[int, set[int]], start: int, target: int) -> bool:
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
    if _reaches(_prerequisite_graph(session), requires.id, skill.id):
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
        record_event(
            session,
            "coop.prerequisite.changed",
            actor=actor.label,
            now=now,
            data={"skill": skill.code, "requires": requires.code, "old_level": old, "min_level": int(level)},
        )
        return existing
    prerequisite = SkillPrerequisite(skill_id=skill.id, requires_id=requires.id, min_level=int(level))
    skill.prerequisites.append(prerequisite)
    session.flush()
    record_event(
        session,
        "coop.prerequisite.added",
        actor=actor.label,
        now=now,
        data={"skill": skill.code, "requires": requires.code, "min_level": int(level)},
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
    record_event(
        session,
        "coop.prerequisite.removed",
        actor=actor.label,
        now=now,
        data={"skill": skill.code, "requires": requires.code, "min_level": existing.min_level},
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


# --- the skill CSV -----------------------------------------------------------------------------

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
        items.append((_check_code(code), parse_level(level, lowest=1)))
    return tuple(items)


def read_skill_csv(content: bytes, source: str) -> list[SkillRow]:
    """Every row of a skill CSV, or one error listing every bad line."""
    cells, problems = csvfiles.read_rows(content, source, SKILL_CSV_COLUMNS, ("code", "name"))
    rows: list[SkillRow] = []
    seen: dict[str, int] = {}
    for cell_row in cells:
        line, values = cell_row.line, cell_row.values
        try:
            certified = _yes_no(values.get("certified", ""), _("certified"))
            validity = _whole(values.get("validity_months", ""), _("validity_months"))
            spec = check_skill_spec(
                code=values.get("code", ""),
                name=values.get("name", ""),
                category=values.get("category"),
                safety_critical=_yes_no(values.get("safety_critical", ""), _("safety_critical")),
                certified=certified or validity is not None,
                validity_months=validity,
                minimum_qualified=_whole(values.get("minimum_qualified", ""), _("minimum_qualified")) or 0,
                qualifying_level=parse_level(values.get("qualifying_level") or "3", lowest=1),
                description=values.get("description"),
            )
            prerequisites = _prerequisite_cells(values.get("prerequisites", ""))
            if spec.code in seen:
                raise TrainingError(
                    _("skill {code} is also on line {other}").format(code=spec.code, other=seen[spec.code])
                )
            if any(code == spec.code for code, _level in prerequisites):
                raise TrainingError(_("skill {code} cannot be its own prerequisite").format(code=spec.code))
        except TrainingError as error:
            problems.append(_("line {line}: {reason}").format(line=line, reason=error.message.rstrip(".")))
            continue
        seen[spec.code] = line
        rows.append(SkillRow(line, spec, prerequisites))
    if problems:
        raise csvfiles.bad_lines(source, problems)
    if not rows:
        raise InputFileError(_("{file} has no skills in it.").format(file=source))
    return rows


def import_skills(session: Session, *, actor: Actor, now: datetime, path: Path) -> list[Skill]:
    """All rows or none: a bad line, a code already in use or an unknown prerequisite adds nothing."""
    require_role(session, actor, Role.secretary, _("Importing skills"))
    content = _read_file(path)
    rows = read_skill_csv(content, path.name)
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
        skills = {row.spec.code: _insert_skill(session, row.spec, now) for row in rows}
        session.flush()
        ids = existing | {code: skill.id for code, skill in skills.items()}
        graph = _prerequisite_graph(session)
        for row in rows:
            for code, _level in row.prerequisites:
                graph.setdefault(ids[row.spec.code], set()).add(ids[code])
        for row in rows:
            for code, _level in row.prerequisites:
                if _reaches(graph, ids[code], ids[row.spec.code]):
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
            record_event(
                session,
                "coop.skill.added",
                actor=actor.label,
                now=now,
                data=_skill_data(skills[row.spec.code]),
            )
        record_event(
            session,
            "coop.skills.imported",
            actor=actor.label,
            now=now,
            data={"file": path.name, "count": len(rows)},
        )
    return [skills[row.spec.code] for row in rows]


def _read_file(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as error:
        raise InputFileError(
            _("Cannot read {file}: {reason}.").format(file=path, reason=error.strerror)
        ) from None


# --- reading the skill history -----------------------------------------------------------------


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
        query = query.where(SkillAssessment.member_id.in_(list(member_ids)))
    if skill_ids is not None:
        query = query.where(SkillAssessment.skill_id.in_(list(skill_ids)))
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


def _require_can_train(session: Session, person: Member, skill: Skill, on: date, doing: str) -> None:
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


def _prerequisite_refusal(problems: Sequence[coverage.UnmetPrerequisite]) -> TrainingError:
    return TrainingError(
        _(
            "Nothing was recorded because prerequisites are not met; train those first, or add "
            "--override-prerequisites if the trainer accepts it:\n  {problems}"
        ).format(problems="\n  ".join(p.message for p in problems))
    )


# --- training sessions -------------------------------------------------------------------------


def find_session(session: Session, reference: str | int) -> TrainingSession:
    return get_by_number(
        session,
        TrainingSession,
        reference,
        error=TrainingError,
        missing=_("There is no training session {ref}; see them with: coop training list"),
        not_a_number=_("'{ref}' is not a session number; see them with: coop training list"),
    )


def log_session(
    session: Session,
    *,
    actor: Actor,
    now: datetime,
    skill: Skill,
    held_on: date,
    hours: Decimal | str,
    kind: SessionKind,
    trainer: str | None = None,
    outside_trainer: str | None = None,
    place: str | None = None,
    planned: bool = False,
    note: str | None = None,
) -> TrainingSession:
    """Log a session; the trainer (the acting member unless named) must hold the skill at level 4."""
    _require_trainer(session, actor, _("Logging a training session"))
    amount = parse_hours(hours)
    if held_on > now.date() and not planned:
        raise TrainingError(
            _(
                "{day} is in the future; to put a session on the calendar ahead of time, "
                "log it with --planned."
            ).format(day=held_on.isoformat())
        )
    outside = " ".join((outside_trainer or "").split()) or None
    trainer_member: Member | None = None
    if outside is not None and trainer is not None:
        raise TrainingError(_("Name either a member as the trainer or an outside trainer, not both."))
    if outside is None:
        if trainer is not None:
            trainer_member = _active(find_member(session, trainer))
        elif actor.member is not None:
            trainer_member = actor.member
        else:
            raise TrainingError(
                _("Say who gave the session: --trainer MEMBER, or --outside NAME for an outside trainer.")
            )
        _require_can_train(session, trainer_member, skill, held_on, _("give a session"))
    logged = TrainingSession(
        skill_id=skill.id,
        trainer_id=trainer_member.id if trainer_member else None,
        outside_trainer=outside,
        held_on=held_on,
        hours=amount,
        kind=kind,
        place=(place or "").strip() or None,
        planned=planned,
        note=(note or "").strip() or None,
        logged_at=now,
        logged_by=actor.label,
    )
    session.add(logged)
    session.flush()
    record_event(
        session,
        "coop.training_session.logged",
        actor=actor.label,
        now=now,
        data={
            "session_id": logged.id,
            "skill": skill.code,
            "held_on": held_on.isoformat(),
            "hours": str(amount),
            "kind": kind.value,
            "trainer": trainer_member.label if trainer_member else None,
            "outside_trainer": outside,
            "place": logged.place,
            "planned": planned,
        },
    )
    return logged


def list_sessions(
    session: Session,
    *,
    skill: Skill | None = None,
    trainer: Member | None = None,
    start: date | None = None,
    end: date | None = None,
) -> list[TrainingSession]:
    query = (
        select(TrainingSession)
        .options(
            selectinload(TrainingSession.skill),
            selectinload(TrainingSession.trainer),
            selectinload(TrainingSession.attendance),
        )
        .order_by(TrainingSession.held_on, TrainingSession.id)
    )
    if skill is not None:
        query = query.where(TrainingSession.skill_id == skill.id)
    if trainer is not None:
        query = query.where(TrainingSession.trainer_id == trainer.id)
    if start is not None:
        query = query.where(TrainingSession.held_on >= start)
    if end is not None:
        query = query.where(TrainingSession.held_on <= end)
    return list(session.scalars(query))


@dataclass(frozen=True)
class AttendanceRecord:
    attendance: SessionAttendance
    assessment: SkillAssessment | None
    overridden: tuple[coverage.UnmetPrerequisite, ...]


def record_attendance(
    session: Session,
    *,
    actor: Actor,
    now: datetime,
    training_session: TrainingSession,
    members: Sequence[str],
    present: bool = True,
    hours: Decimal | str | None = None,
    level: Level | None = None,
    override_prerequisites: bool = False,
) -> list[AttendanceRecord]:
    """Record members at a session, with the level the trainer assessed there if any.

    All members or none: an unknown member, someone already recorded, the trainer themselves,
    or an unmet prerequisite (unless overridden) and nothing is written.
    """
    _require_trainer(session, actor, _("Recording attendance"))
    held = training_session
    skill = held.skill
    if held.held_on > now.date():
        raise TrainingError(
            _("Session {id} is planned for {day}; record its attendance once it has taken place.").format(
                id=held.id, day=held.held_on.isoformat()
            )
        )
    if not members:
        raise TrainingError(_("Name at least one member who attended (or was expected and absent)."))
    amount: Decimal | None = None
    if hours is not None:
        amount = parse_hours(hours)
        if amount > held.hours:
            raise TrainingError(
                _("{hours} hours is more than session {id} lasted ({session_hours} hours).").format(
                    hours=hours_text(amount), id=held.id, session_hours=hours_text(held.hours)
                )
            )
    if not present and (amount is not None or level is not None):
        raise TrainingError(
            _("An absent member has no hours and cannot be assessed; leave out --hours and --level.")
        )
    if level is not None:
        level = parse_level(int(level))
    already = {a.member_id: a for a in held.attendance}
    found: list[Member] = []
    for reference in members:
        member = _active(find_member(session, reference))
        if member.id in {m.id for m in found}:
            raise TrainingError(_("{member} is named twice.").format(member=member.label))
        if member.id in already:
            raise TrainingError(
                _("{member} is already recorded at session {id}; the record stands as it is.").format(
                    member=member.label, id=held.id
                )
            )
        if held.trainer_id == member.id:
            if level is not None:
                raise TrainingError(
                    _(
                        "{member} gave session {id} and cannot assess themselves; another trainer must do it."
                    ).format(member=member.label, id=held.id)
                )
            raise TrainingError(
                _(
                    "{member} gave session {id}; a trainer's hours count as teaching, not as attendance."
                ).format(member=member.label, id=held.id)
            )
        found.append(member)
    unmet: dict[int, list[coverage.UnmetPrerequisite]] = {}
    if present:
        for member in found:
            problems = unmet_prerequisites(session, member, skill, held.held_on)
            if problems:
                unmet[member.id] = problems
    if unmet and not override_prerequisites:
        raise _prerequisite_refusal([p for problems in unmet.values() for p in problems])
    records: list[AttendanceRecord] = []
    for member in found:
        attendance = SessionAttendance(
            session_id=held.id,
            member_id=member.id,
            present=present,
            hours=amount,
            assessed_level=int(level) if level is not None else None,
            recorded_at=now,
        )
        held.attendance.append(attendance)
        assessment = None
        if level is not None:
            assessment = _add_assessment(
                session,
                now=now,
                actor=actor,
                member=member,
                skill=skill,
                level=level,
                assessed_on=held.held_on,
                assessor=held.trainer,
                outside_assessor=held.outside_trainer,
                session_id=held.id,
                note=None,
            )
        records.append(AttendanceRecord(attendance, assessment, tuple(unmet.get(member.id, ()))))
    session.flush()
    record_event(
        session,
        "coop.training_attendance.recorded",
        actor=actor.label,
        now=now,
        data={
            "session_id": held.id,
            "skill": skill.code,
            "members": [m.label for m in found],
            "present": present,
            "hours": str(amount) if amount is not None else None,
            "assessed_level": int(level) if level is not None else None,
            "prerequisites_overridden": [p.message for problems in unmet.values() for p in problems],
        },
    )
    return records


# --- assessments -------------------------------------------------------------------------------


def _add_assessment(
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
    session.add(assessment)
    session.flush()
    record_event(
        session,
        "coop.assessment.recorded",
        actor=actor.label,
        now=now,
        data={
            "assessment_id": assessment.id,
            "member": member.label,
            "skill": skill.code,
            "level": int(level),
            "assessed_on": assessed_on.isoformat(),
            "expires_on": assessment.expires_on.isoformat() if assessment.expires_on else None,
            "session_id": session_id,
            "assessor": assessor.label if assessor else None,
            "outside_assessor": outside_assessor,
            "prerequisites_overridden": [p.message for p in overridden],
        },
    )
    return assessment


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
    _require_trainer(session, actor, _("Recording an assessment"))
    assessed = _active(find_member(session, member))
    level = parse_level(int(level))
    if assessed_on > now.date():
        raise TrainingError(
            _("{day} is in the future; record an assessment once it has been made.").format(
                day=assessed_on.isoformat()
            )
        )
    outside = " ".join((outside_assessor or "").split()) or None
    assessor_member: Member | None = None
    if outside is not None and assessor is not None:
        raise TrainingError(_("Name either a member as the assessor or an outside trainer, not both."))
    if outside is None:
        if assessor is not None:
            assessor_member = _active(find_member(session, assessor))
        elif actor.member is not None:
            assessor_member = actor.member
        else:
            raise TrainingError(
                _("Say who assessed: --assessor MEMBER, or --outside NAME for an outside trainer.")
            )
        if assessor_member.id == assessed.id:
            raise TrainingError(
                _(
                    "{member} cannot assess themselves; another trainer, or an outside one, must do it."
                ).format(member=assessed.label)
            )
        _require_can_train(session, assessor_member, skill, assessed_on, _("assess others"))
    problems = unmet_prerequisites(session, assessed, skill, assessed_on) if level > Level.NONE else []
    if problems and not override_prerequisites:
        raise _prerequisite_refusal(problems)
    return _add_assessment(
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
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise TrainingError(
            _("{what} '{value}' is not a date like 2025-03-15").format(what=what, value=text.strip())
        ) from None


def read_assessment_csv(session: Session, content: bytes, source: str, today: date) -> list[AssessmentRow]:
    """Every row of an assessment CSV with its member and skill found, or every bad line at once."""
    cells, problems = csvfiles.read_rows(
        content, source, ASSESSMENT_CSV_COLUMNS, ("member", "skill", "level", "assessed_on")
    )
    rows: list[AssessmentRow] = []
    for cell_row in cells:
        line, values = cell_row.line, cell_row.values
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
            problems.extend(
                _("line {line}: {reason}").format(line=line, reason=reason.split(";")[0].rstrip("."))
                for reason in reasons
            )
            continue
        assert skill is not None
        rows.append(
            AssessmentRow(
                line,
                values["member"],
                skill,
                level,
                assessed_on,
                assessor,
                outside,
                values.get("note") or None,
            )
        )
    if problems:
        raise csvfiles.bad_lines(source, problems)
    if not rows:
        raise InputFileError(_("{file} has no assessments in it.").format(file=source))
    return rows


def import_assessments(
    session: Session, *, actor: Actor, now: datetime, path: Path, override_prerequisites: bool = False
) -> list[SkillAssessment]:
    """Add past assessments (paper records, licences) in date order: every row or none.

    Each row follows the same rules as ``record_assessment``, so an assessor must already hold
    the skill at level 4 on that day — from an earlier row of the file or from the history.
    """
    _require_trainer(session, actor, _("Importing assessments"))
    rows = read_assessment_csv(session, _read_file(path), path.name, now.date())
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
        record_event(
            session,
            "coop.assessments.imported",
            actor=actor.label,
            now=now,
            data={"file": path.name, "count": len(added)},
        )
    return added


def _line_number(problem: str) -> int:
    digits = "".join(ch for ch in problem.split(":")[0] if ch.isdigit())
    return int(digits) if digits else 0


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


@dataclass(frozen=True)
class MemberSkill:
    """A member's standing in one skill, for ``coop member show``."""

    skill: Skill
    current: coverage.CurrentLevel


def member_skills(session: Session, member: Member, on: date) -> list[MemberSkill]:
    levels = levels_of(session, member, on)
    skills = {s.code: s for s in session.scalars(select(Skill).where(Skill.code.in_(list(levels))))}
    return [
        MemberSkill(skills[code], levels[code])
        for code in sorted(levels, key=lambda c: (skills[c].category, c))
        if levels[code].level > Level.NONE or levels[code].expired
    ]


# --- reports: matrix, expiry, hours, coverage, pipeline ------------------------------------------


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
class HoursReport:
    hours: coverage.TrainingHours
    names: dict[str, str]  # member key or outside trainer -> how to print it


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
    return HoursReport(coverage.training_hours(plain_sessions, plain_attendance, (start, end)), names)


# --- role terms --------------------------------------------------------------------------------


def _term_limits(session: Session) -> dict[str, coverage.TermLimit]:
    bylaws = bylaws_in_force(session)
    limits: dict[str, coverage.TermLimit] = {}
    for role in TermRole:
        value = bylaws.get(f"term_limit.{role.value}")
        limit = parse_term_limit(value.value) if value else None
        if limit is not None:
            limits[role.value] = limit
    return limits


def term_limit_for(session: Session, role: TermRole) -> coverage.TermLimit | None:
    return _term_limits(session).get(role.value)


def _check_end_while_member(holder: Member, ends_on: date) -> None:
    """Nobody holds office after leaving the cooperative."""
    left_on = holder.deactivated_on
    if not holder.active and left_on is not None and ends_on > left_on:
        raise TrainingError(
            _("{member} left the cooperative on {left}; their term cannot end later, on {end}.").format(
                member=holder.label, left=left_on.isoformat(), end=ends_on.isoformat()
            )
        )


def _plain_term(term: RoleTerm) -> coverage.Term:
    return coverage.Term(
        term.role.value,
        member_key(term.member),
        term.starts_on,
        term.ends_on,
        str(term.motion_id) if term.motion_id else None,
    )


def record_term(
    session: Session,
    *,
    actor: Actor,
    now: datetime,
    role: TermRole,
    member: str,
    starts_on: date,
    ends_on: date | None = None,
    elected_by: ElectingMotion | None = None,
    section: str | None = None,
) -> RoleTerm:
    """Record a term in a rotating role; the bylaw ``term_limit.<role>`` is applied at its start.

    ``elected_by`` is the motion that elected the member, looked up by the caller (assemblies
    stand above training); it must have been adopted.
    """
    require_role(session, actor, Role.secretary, _("Recording a term"))
    holder = find_member(session, member)
    if ends_on is None and not holder.active:
        raise TrainingError(
            _("{member} is not an active member; only a past term (with --end) can be recorded.").format(
                member=holder.label
            )
        )
    if ends_on is not None:
        _check_end_while_member(holder, ends_on)
    cleaned_section = " ".join((section or "").split()) or None
    if role is TermRole.section_coordinator and cleaned_section is None:
        raise TrainingError(_("A section coordinator's term needs the section: --section Hornos."))
    if role is not TermRole.section_coordinator and cleaned_section is not None:
        raise TrainingError(
            _("Only section coordinators have a section; leave out --section for the {role} role.").format(
                role=role_label(role)
            )
        )
    if ends_on is not None and ends_on < starts_on:
        raise TrainingError(
            _("The term ends on {end}, before it starts on {start}.").format(
                start=starts_on.isoformat(), end=ends_on.isoformat()
            )
        )
    if elected_by is not None and not elected_by.adopted:
        raise TrainingError(
            _(
                "Motion {id} ({title}) was not adopted (it is {status}); a term needs the motion "
                "that elected the member."
            ).format(id=elected_by.id, title=elected_by.title, status=elected_by.status)
        )
    motion_id = elected_by.id if elected_by is not None else None
    held = list(
        session.scalars(
            select(RoleTerm)
            .options(selectinload(RoleTerm.member))
            .where(RoleTerm.member_id == holder.id, RoleTerm.role == role)
            .order_by(RoleTerm.starts_on)
        )
    )
    for other in held:
        other_end = other.ends_on or date.max
        new_end = ends_on or date.max
        if other.starts_on <= new_end and starts_on <= other_end and other.section == cleaned_section:
            raise TrainingError(
                _(
                    "{member} already holds a term as {role} from {start} {until}; the terms would overlap."
                ).format(
                    member=holder.label,
                    role=role_label(role),
                    start=other.starts_on.isoformat(),
                    until=_("to {end}").format(end=other.ends_on.isoformat())
                    if other.ends_on
                    else _("with no end yet"),
                )
            )
    limit = term_limit_for(session, role)
    # Each section's coordination is its own rotation; other roles count every earlier term.
    earlier = [_plain_term(t) for t in held if t.starts_on < starts_on and t.section == cleaned_section]
    if limit is not None and earlier:
        summary = coverage.rotation_summary(
            earlier, starts_on - timedelta(days=1), roles=[role.value], limit=limit
        )
        tenure = next((t for t in summary[0].holders if t.member == member_key(holder)), None)
        if tenure is not None and tenure.reached_limit:
            raise TrainingError(
                _(
                    "{member} has already served {terms} terms ({months} months) as {role}, and bylaw "
                    "term_limit.{key} allows {limit}; the assembly must elect someone else, "
                    "or change that bylaw first."
                ).format(
                    member=holder.label,
                    terms=tenure.terms,
                    months=tenure.months,
                    role=role_label(role),
                    key=role.value,
                    limit=describe_term_limit(limit),
                )
            )
    term = RoleTerm(
        role=role,
        section=cleaned_section,
        member_id=holder.id,
        starts_on=starts_on,
        ends_on=ends_on,
        motion_id=motion_id,
        recorded_at=now,
        recorded_by=actor.label,
    )
    session.add(term)
    session.flush()
    record_event(
        session,
        "coop.term.recorded",
        actor=actor.label,
        now=now,
        data={
            "term_id": term.id,
            "role": role.value,
            "section": cleaned_section,
            "member": holder.label,
            "starts_on": starts_on.isoformat(),
            "ends_on": ends_on.isoformat() if ends_on else None,
            "motion_id": motion_id,
        },
    )
    return term


def end_term(
    session: Session, *, actor: Actor, now: datetime, role: TermRole, member: str, ends_on: date
) -> RoleTerm:
    """Close a member's running term in ``role`` on ``ends_on`` (the last day in office)."""
    require_role(session, actor, Role.secretary, _("Ending a term"))
    holder = find_member(session, member)
    running = session.scalars(
        select(RoleTerm).where(
            RoleTerm.member_id == holder.id, RoleTerm.role == role, RoleTerm.ends_on.is_(None)
        )
    ).first()
    if running is None:
        raise TrainingError(
            _("{member} holds no running term as {role}; see the terms with: coop rotation report").format(
                member=holder.label, role=role_label(role)
            )
        )
    _check_end_while_member(holder, ends_on)
    if ends_on < running.starts_on:
        raise TrainingError(
            _("The term started on {start}; it cannot end before that, on {end}.").format(
                start=running.starts_on.isoformat(), end=ends_on.isoformat()
            )
        )
    running.ends_on = ends_on
    session.flush()
    record_event(
        session,
        "coop.term.ended",
        actor=actor.label,
        now=now,
        data={
            "term_id": running.id,
            "role": role.value,
            "member": holder.label,
            "ends_on": ends_on.isoformat(),
        },
    )
    return running


def list_terms(session: Session, role: TermRole | None = None) -> list[RoleTerm]:
    query = select(RoleTerm).options(selectinload(RoleTerm.member)).order_by(RoleTerm.starts_on, RoleTerm.id)
    if role is not None:
        query = query.where(RoleTerm.role == role)
    return list(session.scalars(query))


@dataclass(frozen=True)
class RotationGroup:
    """One role (and section, for section coordinators) with its rotation summary."""

    role: TermRole
    section: str | None
    rotation: coverage.RoleRotation
    members: dict[str, Member]


def rotation_report(session: Session, today: date, role: TermRole | None = None) -> list[RotationGroup]:
    """Who held each role and how long, who holds it now, and who is eligible next, in rotation order.

    The pool of candidates is every active member (of the section, for a section coordinator).
    A role with a term limit but no terms yet still appears, so the assembly sees the pool.
    """
    terms = list_terms(session, role)
    active = list_members(session)
    limits = _term_limits(session)
    by_key = {member_key(t.member): t.member for t in terms} | {member_key(m): m for m in active}
    groups: dict[tuple[TermRole, str | None], list[RoleTerm]] = {}
    for term in terms:
        groups.setdefault((term.role, term.section), []).append(term)
    for limited in limits:
        wanted = TermRole(limited)
        if (role is None or role is wanted) and wanted is not TermRole.section_coordinator:
            groups.setdefault((wanted, None), [])
    result = []
    for (group_role, section), group_terms in sorted(
        groups.items(), key=lambda item: (list(TermRole).index(item[0][0]), item[0][1] or "")
    ):
        if section is not None:
            wanted_section = section.casefold()
            pool = [m for m in active if (m.section or "").casefold() == wanted_section]
        else:
            pool = active
        summary = coverage.rotation_summary(
            [_plain_term(t) for t in group_terms],
            today,
            members=[member_key(m) for m in pool],
            roles=[group_role.value],
            limit=limits.get(group_role.value),
        )
        result.append(RotationGroup(group_role, section, summary[0], by_key))
    return result
