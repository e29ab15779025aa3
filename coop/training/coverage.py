"""Skill levels, certifications and coverage arithmetic: plain data in, plain data out.

This module is pure: it reads no database, no clock and no global state, and imports nothing
from coop but errors and the translation hook. The training services build the frozen
dataclasses below from their models and pass ``on``/``today`` explicitly.

Conventions (each is tested in ``tests/training/test_coverage.py``)
--------------------------------------------------------------------
Levels
    0 none, 1 supervised, 2 operates, 3 independent, 4 can train (:class:`Level`).

Expiry
    ``expires_on`` is the **first day the assessment is no longer valid**: an assessment with
    ``expires_on = 2025-03-01`` is valid on 2025-02-28 and expired on 2025-03-01. ``None``
    means it does not expire (skills that are not certified).

Current level
    The member's history is append-only. Only assessments made on or before ``on`` count
    (a later one is a planned exam, not a level). The current level is the level of the
    **latest** of them (latest ``assessed_on``; on the same day, the one later in the
    history). If that latest assessment has expired, the level is ``NONE`` and the cell is
    marked expired: a certified skill must be recertified, and an older certificate does not
    come back to life because a newer one lapsed. ``CurrentLevel.assessed_level`` keeps the
    level that lapsed so that a matrix can show "3, expired".

Expiring soon
    A current (latest, unexpired) assessment expires "within N days" of ``on`` when
    ``on < expires_on <= on + N days``. ``expiring_by_window`` puts each one in the first of
    the windows (30, 60, 90 days by default) that holds it.

Qualified, in training
    One definition for every report (:func:`is_qualified`, :func:`is_in_training`): a member
    is **qualified** in a skill at the skill's own ``qualifying_level`` or above, and **in
    training** above level 0 but below it. A skill that asks for level 2 counts its level-2
    members as qualified; one that asks for level 4 has its level-3 members in training.

Coverage and bus factor
    A member is qualified in a skill at ``qualifying_level`` or above. ``below_minimum``:
    fewer qualified members than the minimum. ``bus_factor``: one absence would leave fewer
    than the minimum, i.e. ``minimum > 0 and qualified - 1 < minimum`` (this also holds for a
    skill already below its minimum); ``status`` separates the two: ``below_minimum``,
    ``one_absence`` (exactly at the minimum) or ``ok``.

Prerequisites
    Only the direct prerequisites of a skill are checked (whoever holds the prerequisite
    skill has already met its own). An expired certification counts as level 0.

Rotation of roles
    A term runs from ``start`` to ``end`` **inclusive** (``end`` is the last day in office;
    ``None`` while it runs). Terms starting after ``today`` are ignored; a running term counts
    up to ``today`` inclusive. Time served is summed per term, in days and in whole calendar
    months (1 Jan–31 Dec is 12 months). A term limit counts every term ever held in that role:
    a member reaches it with ``max_terms`` terms or ``max_months`` months served, and is then
    not eligible for the next term. Eligible members come in rotation order: those who never
    held the role first (in the order the members were given), then by fewest terms and least
    time served.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation
from enum import IntEnum, StrEnum

from coop.errors import TrainingError
from coop.i18n import _

__all__ = [
    "EXPIRY_WINDOWS",
    "Assessment",
    "Attendance",
    "CoverageStatus",
    "CurrentLevel",
    "ExpiringCertification",
    "HoursTotal",
    "Level",
    "MatrixCell",
    "MatrixRow",
    "Pipeline",
    "Prerequisite",
    "RoleRotation",
    "SkillCoverage",
    "SkillRequirement",
    "SkillsMatrix",
    "Tenure",
    "Term",
    "TermLimit",
    "TrainingHours",
    "TrainingSession",
    "UnmetPrerequisite",
    "check_prerequisites",
    "coverage_risk",
    "current_levels",
    "expiring",
    "expiring_by_window",
    "is_in_training",
    "is_qualified",
    "level_label",
    "member_levels",
    "months_between",
    "rotation_summary",
    "skills_matrix",
    "trainee_pipeline",
    "training_hours",
]

ZERO = Decimal(0)
EXPIRY_WINDOWS: tuple[int, ...] = (30, 60, 90)


class Level(IntEnum):
    NONE = 0
    SUPERVISED = 1
    OPERATES = 2
    INDEPENDENT = 3
    CAN_TRAIN = 4

    @property
    def label(self) -> str:
        """The level's name for people, translated when ``_()`` is called (not at import)."""
        return level_label(self)


def level_label(level: int) -> str:
    labels = {
        Level.NONE: _("none"),
        Level.SUPERVISED: _("supervised"),
        Level.OPERATES: _("operates"),
        Level.INDEPENDENT: _("independent"),
        Level.CAN_TRAIN: _("can train"),
    }
    return labels[_level(level)]


def _level(value: object) -> Level:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TrainingError(
            _("A skill level must be a whole number from 0 to 4, not {value}.").format(value=value)
        )
    try:
        return Level(value)
    except ValueError:
        raise TrainingError(
            _("A skill level must be a whole number from 0 to 4, not {value}.").format(value=value)
        ) from None


def _hours(value: object, what: str) -> Decimal:
    try:
        if isinstance(value, bool):
            raise TypeError
        if isinstance(value, Decimal):
            result = value
        elif isinstance(value, int | str):
            result = Decimal(value)
        elif isinstance(value, float):
            result = Decimal(repr(value))
        else:
            raise TypeError
    except (TypeError, ValueError, InvalidOperation):
        raise TrainingError(
            _("{what} must be a number, not {value}.").format(what=what, value=value)
        ) from None
    if not result.is_finite():
        raise TrainingError(_("{what} must be a number, not {value}.").format(what=what, value=value))
    return result


def _set(obj: object, name: str, value: object) -> None:
    object.__setattr__(obj, name, value)


def _valid_on(expires_on: date | None, day: date) -> bool:
    """``expires_on`` is the first day no longer valid."""
    return expires_on is None or day < expires_on


# --------------------------------------------------------------------------- assessments


@dataclass(frozen=True)
class Assessment:
    """One entry of a member's append-only skill history.

    ``expires_on`` is the first day it is no longer valid (``None``: never expires).
    """

    member: str
    skill: str
    level: Level
    assessed_on: date
    expires_on: date | None = None

    def __post_init__(self) -> None:
        _set(self, "level", _level(self.level))
        if self.expires_on is not None and self.expires_on <= self.assessed_on:
            raise TrainingError(
                _(
                    "The assessment of {member} in {skill} on {assessed_on} would expire on {expires_on}, "
                    "before it starts."
                ).format(
                    member=self.member,
                    skill=self.skill,
                    assessed_on=self.assessed_on.isoformat(),
                    expires_on=self.expires_on.isoformat(),
                )
            )

    def valid_on(self, day: date) -> bool:
        return self.assessed_on <= day and _valid_on(self.expires_on, day)


@dataclass(frozen=True)
class CurrentLevel:
    """A member's level in a skill on a day.

    ``level`` is what counts (``NONE`` when the latest assessment expired); ``assessed_level``
    is the level of the latest assessment even if expired; ``assessment`` is that assessment
    (``None`` if the member was never assessed in the skill).
    """

    member: str
    skill: str
    level: Level = Level.NONE
    expired: bool = False
    assessed_level: Level = Level.NONE
    assessed_on: date | None = None
    expires_on: date | None = None
    assessment: Assessment | None = None


def _latest(assessments: Iterable[Assessment], on: date) -> dict[tuple[str, str], Assessment]:
    latest: dict[tuple[str, str], Assessment] = {}
    for assessment in assessments:
        if assessment.assessed_on > on:
            continue
        key = (assessment.member, assessment.skill)
        known = latest.get(key)
        # ">=": on the same day, the record later in the history wins
        if known is None or assessment.assessed_on >= known.assessed_on:
            latest[key] = assessment
    return latest


def _current(assessment: Assessment, on: date) -> CurrentLevel:
    expired = not _valid_on(assessment.expires_on, on)
    return CurrentLevel(
        assessment.member,
        assessment.skill,
        Level.NONE if expired else assessment.level,
        expired,
        assessment.level,
        assessment.assessed_on,
        assessment.expires_on,
        assessment,
    )


def current_levels(assessments: Iterable[Assessment], on: date) -> dict[tuple[str, str], CurrentLevel]:
    """Current level per (member, skill) that has any assessment on or before ``on``.

    Keys in (member, skill) order. A pair missing from the result is at ``Level.NONE``.
    """
    latest = _latest(assessments, on)
    return {key: _current(latest[key], on) for key in sorted(latest)}


def _level_value(value: CurrentLevel | int) -> Level:
    if isinstance(value, CurrentLevel):
        return value.level
    return _level(value)


def member_levels(levels: Mapping[tuple[str, str], CurrentLevel], member: str) -> dict[str, CurrentLevel]:
    """One member's current levels by skill, from :func:`current_levels`."""
    return {skill: level for (who, skill), level in levels.items() if who == member}


# --------------------------------------------------------------------------- skills matrix


@dataclass(frozen=True)
class MatrixCell:
    skill: str
    level: Level
    expired: bool = False
    assessed_level: Level = Level.NONE
    expires_on: date | None = None


@dataclass(frozen=True)
class MatrixRow:
    member: str
    cells: tuple[MatrixCell, ...]

    def cell(self, skill: str) -> MatrixCell:
        for cell in self.cells:
            if cell.skill == skill:
                return cell
        raise KeyError(skill)


@dataclass(frozen=True)
class SkillsMatrix:
    on: date
    members: tuple[str, ...]
    skills: tuple[str, ...]
    rows: tuple[MatrixRow, ...]

    def level(self, member: str, skill: str) -> Level:
        for row in self.rows:
            if row.member == member:
                return row.cell(skill).level
        raise KeyError(member)


def skills_matrix(
    members: Sequence[str], skills: Sequence[str], assessments: Iterable[Assessment], on: date
) -> SkillsMatrix:
    """Members × skills in the order given; each cell has the level and an expired mark."""
    levels = current_levels(assessments, on)
    rows = []
    for member in members:
        cells = []
        for skill in skills:
            current = levels.get((member, skill))
            if current is None:
                cells.append(MatrixCell(skill, Level.NONE))
            else:
                cells.append(
                    MatrixCell(
                        skill, current.level, current.expired, current.assessed_level, current.expires_on
                    )
                )
        rows.append(MatrixRow(member, tuple(cells)))
    return SkillsMatrix(on, tuple(members), tuple(skills), tuple(rows))


# --------------------------------------------------------------------------- expiry


@dataclass(frozen=True)
class ExpiringCertification:
    member: str
    skill: str
    level: Level
    expires_on: date
    days_left: int  # days from ``on`` to the first day it is no longer valid


def expiring(assessments: Iterable[Assessment], on: date, within_days: int) -> list[ExpiringCertification]:
    """Current certifications with ``on < expires_on <= on + within_days``.

    Only the latest assessment of each (member, skill) counts: a certificate already renewed
    does not appear. Sorted by expiry date, member, skill.
    """
    if isinstance(within_days, bool) or not isinstance(within_days, int) or within_days < 0:
        raise TrainingError(
            _("The number of days must be zero or more, not {days}.").format(days=within_days)
        )
    horizon = on + timedelta(days=within_days)
    found = [
        ExpiringCertification(a.member, a.skill, a.level, a.expires_on, (a.expires_on - on).days)
        for a in _latest(assessments, on).values()
        if a.expires_on is not None and on < a.expires_on <= horizon
    ]
    return sorted(found, key=lambda e: (e.expires_on, e.member, e.skill))


def expiring_by_window(
    assessments: Iterable[Assessment], on: date, windows: Sequence[int] = EXPIRY_WINDOWS
) -> dict[int, list[ExpiringCertification]]:
    """Certifications expiring within the largest window, each in the first window that holds it."""
    ordered = sorted(set(windows))
    if not ordered:
        return {}
    buckets: dict[int, list[ExpiringCertification]] = {window: [] for window in ordered}
    for item in expiring(assessments, on, ordered[-1]):
        window = next(w for w in ordered if item.days_left <= w)
        buckets[window].append(item)
    return buckets


# --------------------------------------------------------------------------- training hours


@dataclass(frozen=True)
class TrainingSession:
    """A session a trainer gave (``trainer`` may be an outside trainer's name)."""

    ref: str
    skill: str
    trainer: str
    held_on: date
    hours: Decimal
    kind: str = "practice"

    def __post_init__(self) -> None:
        hours = _hours(self.hours, _("Session hours"))
        if hours <= 0:
            raise TrainingError(
                _("Session {ref}: the hours must be above zero, not {hours}.").format(
                    ref=self.ref, hours=hours
                )
            )
        _set(self, "hours", hours)


@dataclass(frozen=True)
class Attendance:
    """A member at a session; ``hours`` defaults to the session's hours when present."""

    session: str
    member: str
    present: bool = True
    hours: Decimal | None = None

    def __post_init__(self) -> None:
        if self.hours is not None:
            hours = _hours(self.hours, _("Attendance hours"))
            if hours < 0:
                raise TrainingError(
                    _("{member} at session {ref}: the hours cannot be negative ({hours}).").format(
                        member=self.member, ref=self.session, hours=hours
                    )
                )
            _set(self, "hours", hours)


@dataclass(frozen=True)
class HoursTotal:
    who: str
    hours: Decimal
    sessions: int


@dataclass(frozen=True)
class TrainingHours:
    start: date
    end: date
    by_member: tuple[HoursTotal, ...]
    by_trainer: tuple[HoursTotal, ...]

    @property
    def member_hours(self) -> Decimal:
        return sum((row.hours for row in self.by_member), ZERO)

    @property
    def trainer_hours(self) -> Decimal:
        return sum((row.hours for row in self.by_trainer), ZERO)


def training_hours(
    sessions: Iterable[TrainingSession], attendance: Iterable[Attendance], period: tuple[date, date]
) -> TrainingHours:
    """Hours trained per member and taught per trainer in ``period`` (first, last day inclusive).

    A member's hours are their attendance hours at sessions held in the period, absences not
    counted. A trainer's hours are the hours of the sessions they gave (a three-hour session
    for five people is three hours of teaching). Rows are sorted by member / trainer.
    """
    start, end = period
    if end < start:
        raise TrainingError(
            _("The period ends on {end}, before it starts on {start}.").format(
                start=start.isoformat(), end=end.isoformat()
            )
        )
    by_ref: dict[str, TrainingSession] = {}
    for session in sessions:
        if session.ref in by_ref:
            raise TrainingError(_("Session {ref} is given twice.").format(ref=session.ref))
        by_ref[session.ref] = session
    in_period = {ref: s for ref, s in by_ref.items() if start <= s.held_on <= end}

    trainer_hours: dict[str, Decimal] = defaultdict(lambda: ZERO)
    trainer_sessions: dict[str, int] = defaultdict(int)
    for session in in_period.values():
        trainer_hours[session.trainer] += session.hours
        trainer_sessions[session.trainer] += 1

    member_hours: dict[str, Decimal] = defaultdict(lambda: ZERO)
    member_sessions: dict[str, set[str]] = defaultdict(set)
    for record in attendance:
        if record.session not in by_ref:
            raise TrainingError(
                _("{member} attended session {ref}, which does not exist.").format(
                    member=record.member, ref=record.session
                )
            )
        session = in_period.get(record.session)
        if session is None or not record.present:
            continue
        member_hours[record.member] += session.hours if record.hours is None else record.hours
        member_sessions[record.member].add(record.session)

    return TrainingHours(
        start,
        end,
        tuple(HoursTotal(m, member_hours[m], len(member_sessions[m])) for m in sorted(member_hours)),
        tuple(HoursTotal(t, trainer_hours[t], trainer_sessions[t]) for t in sorted(trainer_hours)),
    )


# --------------------------------------------------------------------------- qualified, in training


def is_qualified(level: Level | int, qualifying_level: Level | int) -> bool:
    """Qualified: at the skill's own qualifying level or above. Every report asks this."""
    return level >= qualifying_level


def is_in_training(level: Level | int, qualifying_level: Level | int) -> bool:
    """In training: assessed above level 0, but below the skill's qualifying level."""
    return level > Level.NONE and not is_qualified(level, qualifying_level)


# --------------------------------------------------------------------------- coverage risk


@dataclass(frozen=True)
class SkillRequirement:
    """The plant needs at least ``minimum`` members at ``qualifying_level`` or above."""

    skill: str
    minimum: int
    qualifying_level: Level = Level.INDEPENDENT

    def __post_init__(self) -> None:
        if isinstance(self.minimum, bool) or not isinstance(self.minimum, int) or self.minimum < 0:
            raise TrainingError(
                _(
                    "Skill {skill}: the minimum number of qualified members must be zero or more, "
                    "not {minimum}."
                ).format(skill=self.skill, minimum=self.minimum)
            )
        _set(self, "qualifying_level", _level(self.qualifying_level))


class CoverageStatus(StrEnum):
    BELOW_MINIMUM = "below_minimum"
    ONE_ABSENCE = "one_absence"
    OK = "ok"


@dataclass(frozen=True)
class SkillCoverage:
    skill: str
    minimum: int
    qualifying_level: Level
    qualified: tuple[str, ...]
    below_minimum: bool
    bus_factor: bool
    status: CoverageStatus

    @property
    def qualified_count(self) -> int:
        return len(self.qualified)

    @property
    def shortfall(self) -> int:
        return max(self.minimum - self.qualified_count, 0)


def coverage_risk(
    requirements: Iterable[SkillRequirement], levels: Mapping[tuple[str, str], CurrentLevel | int]
) -> list[SkillCoverage]:
    """Per skill (in the order given): who is qualified, and whether one absence would hurt.

    ``levels`` maps (member, skill) to a :class:`CurrentLevel` (from :func:`current_levels`,
    so expired certifications count as ``NONE``) or to a plain level; pass only the members
    who can actually be counted on (active members).
    """
    by_skill: dict[str, list[tuple[str, Level]]] = defaultdict(list)
    for (member, skill), value in levels.items():
        by_skill[skill].append((member, _level_value(value)))
    result = []
    for requirement in requirements:
        qualified = tuple(
            sorted(
                m
                for m, level in by_skill.get(requirement.skill, ())
                if is_qualified(level, requirement.qualifying_level)
            )
        )
        count = len(qualified)
        below = count < requirement.minimum
        bus = requirement.minimum > 0 and count - 1 < requirement.minimum
        if below:
            status = CoverageStatus.BELOW_MINIMUM
        elif bus:
            status = CoverageStatus.ONE_ABSENCE
        else:
            status = CoverageStatus.OK
        result.append(
            SkillCoverage(
                requirement.skill,
                requirement.minimum,
                requirement.qualifying_level,
                qualified,
                below,
                bus,
                status,
            )
        )
    return result


# --------------------------------------------------------------------------- trainee pipeline


@dataclass(frozen=True)
class Pipeline:
    """Who is in training in a skill (see :func:`is_in_training`), by level."""

    skill: str
    qualifying_level: Level
    supervised: tuple[str, ...]  # level 1
    operates: tuple[str, ...]  # level 2, when the skill asks for more
    independent: tuple[str, ...] = ()  # level 3, when the skill asks for level 4

    @property
    def members(self) -> tuple[str, ...]:
        """Every trainee, nearest to qualifying first."""
        return self.independent + self.operates + self.supervised

    def by_level(self) -> tuple[tuple[Level, tuple[str, ...]], ...]:
        """(level, members) from the highest level below qualifying down to level 1."""
        return (
            (Level.INDEPENDENT, self.independent),
            (Level.OPERATES, self.operates),
            (Level.SUPERVISED, self.supervised),
        )


def trainee_pipeline(
    levels: Mapping[tuple[str, str], CurrentLevel | int], requirements: Sequence[SkillRequirement]
) -> list[Pipeline]:
    """Members in training per skill, in the order of ``requirements`` (every one, even if empty).

    A skill's own qualifying level decides who is in training (:func:`is_in_training`).
    """
    by_skill: dict[str, dict[Level, list[str]]] = defaultdict(lambda: defaultdict(list))
    qualifying = {r.skill: r.qualifying_level for r in requirements}
    for (member, skill), value in levels.items():
        level = _level_value(value)
        if skill in qualifying and is_in_training(level, qualifying[skill]):
            by_skill[skill][level].append(member)
    result = []
    for requirement in requirements:
        trainees = by_skill.get(requirement.skill, {})
        result.append(
            Pipeline(
                requirement.skill,
                requirement.qualifying_level,
                supervised=tuple(sorted(trainees.get(Level.SUPERVISED, ()))),
                operates=tuple(sorted(trainees.get(Level.OPERATES, ()))),
                independent=tuple(sorted(trainees.get(Level.INDEPENDENT, ()))),
            )
        )
    return result


# --------------------------------------------------------------------------- prerequisites


@dataclass(frozen=True)
class Prerequisite:
    """Training in ``skill`` requires ``requires`` at ``min_level`` or above."""

    skill: str
    requires: str
    min_level: Level

    def __post_init__(self) -> None:
        _set(self, "min_level", _level(self.min_level))
        if self.skill == self.requires:
            raise TrainingError(_("Skill {skill} cannot be its own prerequisite.").format(skill=self.skill))


@dataclass(frozen=True)
class UnmetPrerequisite:
    member: str
    skill: str
    requires: str
    min_level: Level
    current_level: Level
    expired: bool
    message: str


def check_prerequisites(
    skill: str,
    prerequisites: Iterable[Prerequisite],
    levels: Mapping[str, CurrentLevel | int],
    member: str = "",
) -> list[UnmetPrerequisite]:
    """The prerequisites of ``skill`` that the member does not meet (an empty list: all met).

    ``levels`` is the member's current levels by skill (see :func:`member_levels`); a skill
    missing from it is level 0. ``prerequisites`` may hold those of other skills too.
    """
    problems = []
    for prerequisite in prerequisites:
        if prerequisite.skill != skill:
            continue
        value = levels.get(prerequisite.requires, Level.NONE)
        current = _level_value(value)
        if current >= prerequisite.min_level:
            continue
        expired = isinstance(value, CurrentLevel) and value.expired
        values = {
            "member": member or _("The member"),
            "skill": skill,
            "requires": prerequisite.requires,
            "min_level": int(prerequisite.min_level),
            "min_label": prerequisite.min_level.label,
            "level": int(current),
            "label": current.label,
        }
        if expired:
            assert isinstance(value, CurrentLevel) and value.expires_on is not None
            message = _(
                "{member} needs {requires} at level {min_level} ({min_label}) before training in {skill}; "
                "the certification in {requires} expired on {expires_on}."
            ).format(expires_on=value.expires_on.isoformat(), **values)
        else:
            message = _(
                "{member} needs {requires} at level {min_level} ({min_label}) before training in {skill}; "
                "current level: {level} ({label})."
            ).format(**values)
        problems.append(
            UnmetPrerequisite(
                member, skill, prerequisite.requires, prerequisite.min_level, current, expired, message
            )
        )
    return sorted(problems, key=lambda p: p.requires)


# --------------------------------------------------------------------------- rotation


@dataclass(frozen=True)
class Term:
    """``member`` held ``role`` from ``start`` to ``end`` inclusive (``None``: still holds it)."""

    role: str
    member: str
    start: date
    end: date | None = None
    motion: str | None = None

    def __post_init__(self) -> None:
        if self.end is not None and self.end < self.start:
            raise TrainingError(
                _("The term of {member} as {role} ends on {end}, before it starts on {start}.").format(
                    member=self.member, role=self.role, start=self.start.isoformat(), end=self.end.isoformat()
                )
            )


@dataclass(frozen=True)
class TermLimit:
    """At most ``max_terms`` terms and/or ``max_months`` months in a role (``None``: no limit)."""

    max_terms: int | None = None
    max_months: int | None = None

    def __post_init__(self) -> None:
        for value in (self.max_terms, self.max_months):
            if value is not None and (isinstance(value, bool) or not isinstance(value, int) or value < 1):
                raise TrainingError(
                    _("A term limit must be a whole number of at least 1, not {value}.").format(value=value)
                )

    def reached(self, terms: int, months: int) -> bool:
        return (self.max_terms is not None and terms >= self.max_terms) or (
            self.max_months is not None and months >= self.max_months
        )


def months_between(start: date, stop: date) -> int:
    """Whole calendar months from ``start`` up to (not including) ``stop``; 0 if none."""
    months = (stop.year - start.year) * 12 + stop.month - start.month
    if stop.day < start.day:
        months -= 1
    return max(months, 0)


@dataclass(frozen=True)
class Tenure:
    """How long ``member`` has held a role, up to ``today``."""

    member: str
    terms: int
    days: int
    months: int
    first_start: date
    last_end: date | None  # None: holds it now
    current: bool
    motions: tuple[str, ...]
    reached_limit: bool


@dataclass(frozen=True)
class RoleRotation:
    role: str
    limit: TermLimit | None
    holders: tuple[Tenure, ...]  # by first start
    current: tuple[str, ...]
    eligible: tuple[str, ...]  # rotation order: never held first
    at_limit: tuple[str, ...]


def _tenure(member: str, terms: Sequence[Term], today: date, limit: TermLimit | None) -> Tenure:
    days = months = 0
    current = False
    for term in terms:
        stop = today if term.end is None or term.end > today else term.end
        current = current or term.end is None or term.end >= today
        days += (stop - term.start).days + 1
        months += months_between(term.start, stop + timedelta(days=1))
    ends = [t.end for t in terms]
    last_end = None if current or None in ends else max(e for e in ends if e is not None)
    return Tenure(
        member,
        len(terms),
        days,
        months,
        min(t.start for t in terms),
        last_end,
        current,
        tuple(t.motion for t in terms if t.motion),
        limit.reached(len(terms), months) if limit else False,
    )


def rotation_summary(
    terms: Iterable[Term],
    today: date,
    *,
    members: Sequence[str] = (),
    roles: Sequence[str] | None = None,
    limit: TermLimit | Mapping[str, TermLimit] | None = None,
) -> list[RoleRotation]:
    """Who held each role and for how long, and who is eligible for its next term.

    ``members`` is the pool of candidates (active members, in the order to list them); when
    empty, only past and present holders are considered. ``roles`` defaults to every role
    with a term, in code order. ``limit`` is one limit for every role or one per role.
    """
    by_role: dict[str, dict[str, list[Term]]] = defaultdict(lambda: defaultdict(list))
    for term in terms:
        if term.start <= today:
            by_role[term.role][term.member].append(term)
    if roles is None:
        roles = sorted(by_role)
    result = []
    for role in roles:
        role_limit = limit.get(role) if isinstance(limit, Mapping) else limit
        held = by_role.get(role, {})
        tenures = sorted(
            (
                _tenure(member, sorted(ts, key=lambda t: t.start), today, role_limit)
                for member, ts in held.items()
            ),
            key=lambda t: (t.first_start, t.member),
        )
        by_member = {t.member: t for t in tenures}
        pool = list(dict.fromkeys(members)) if members else [t.member for t in tenures]
        candidates = [m for m in pool if m not in by_member or not by_member[m].reached_limit]

        order = {
            member: (by_member[member].terms, by_member[member].days, index)
            if member in by_member
            else (0, 0, index)
            for index, member in enumerate(pool)
        }
        result.append(
            RoleRotation(
                role,
                role_limit,
                tuple(tenures),
                tuple(t.member for t in tenures if t.current),
                tuple(sorted(candidates, key=order.__getitem__)),
                tuple(t.member for t in tenures if t.reached_limit),
            )
        )
    return result
