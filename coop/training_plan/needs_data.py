"""What the training needs analysis reads: members, their levels, terms, requirements, plans.

Frozen dataclasses of plain values (codes, references, dates, numbers), so the analysis can be
tested with literals; the work centres, routings, BOM lines and plan lines are those of the pure
capacity check (:mod:`coop.plans.capacity.inputs`), whose load functions the analysis reuses.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from coop.errors import TrainingError
from coop.i18n import _
from coop.plans.capacity.inputs import BomLine, PlanLine, Routing, WorkCentre
from coop.training_plan.types import TEACHING_LEVEL  # noqa: F401  (read as needs_data.TEACHING_LEVEL)

MAX_LEVEL = 4
MAX_WEEKS = 104
HOURS_PER_MEMBER = Decimal(40)
# The rotating roles whose term takes a member off the production floor (see coop.training_plan.needs).
OFF_FLOOR_ROLES = frozenset({"coordinator"})


def _level(value: int, what: str) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_LEVEL:
        raise TrainingError(
            _("{what}: the level must be from 1 to 4, not {level}.").format(what=what, level=value)
        )


@dataclass(frozen=True)
class Worker:
    """A member: ``active`` now; ``left_on`` the day they stopped being one (None: still are)."""

    member: str
    name: str = ""
    active: bool = True
    left_on: date | None = None

    @property
    def label(self) -> str:
        return self.name or self.member


@dataclass(frozen=True)
class Holding:
    """``member``'s latest assessment in ``skill``: ``level``, valid until ``expires_on`` (excluded)."""

    member: str
    skill: str
    level: int
    expires_on: date | None = None

    def valid_on(self, day: date) -> bool:
        return self.expires_on is None or day < self.expires_on


@dataclass(frozen=True)
class TermAway:
    """``member`` holds rotating ``role`` from ``starts_on`` to ``ends_on`` inclusive (None: no end)."""

    member: str
    role: str
    starts_on: date
    ends_on: date | None = None

    def covers(self, day: date) -> bool:
        return self.starts_on <= day and (self.ends_on is None or day <= self.ends_on)


@dataclass(frozen=True)
class Requirement:
    """Each week ``centre`` works, ``minimum`` members qualified in ``skill`` at ``level`` or above."""

    centre: str
    skill: str
    level: int
    minimum: int

    def __post_init__(self) -> None:
        _level(self.level, f"{self.centre} / {self.skill}")
        if isinstance(self.minimum, bool) or not isinstance(self.minimum, int) or self.minimum < 1:
            raise TrainingError(
                _(
                    "{centre} / {skill}: the minimum of qualified members must be at least 1, not {minimum}."
                ).format(centre=self.centre, skill=self.skill, minimum=self.minimum)
            )


@dataclass(frozen=True)
class SkillTarget:
    """The skill's bus-factor target: ``minimum`` members at ``level`` (its qualifying level) or above."""

    skill: str
    level: int
    minimum: int
    name: str = ""

    def __post_init__(self) -> None:
        _level(self.level, self.skill)


@dataclass(frozen=True)
class PlanLoad:
    """A production plan whose lines load the horizon; ``asked``: the user named it, so it must crew."""

    ref: str
    lines: tuple[PlanLine, ...]
    asked: bool = False


@dataclass(frozen=True)
class NeedsInputs:
    """Everything the analysis reads. ``start`` is any day of the first week; ``today`` the day it runs."""

    today: date
    start: date
    weeks: int
    workers: tuple[Worker, ...] = ()
    holdings: tuple[Holding, ...] = ()
    terms: tuple[TermAway, ...] = ()
    requirements: tuple[Requirement, ...] = ()
    targets: tuple[SkillTarget, ...] = ()
    work_centres: tuple[WorkCentre, ...] = ()
    routings: tuple[Routing, ...] = ()
    bom: tuple[BomLine, ...] = ()
    plans: tuple[PlanLoad, ...] = ()
    hours_per_member: Decimal = HOURS_PER_MEMBER
    off_floor_roles: frozenset[str] = field(default=OFF_FLOOR_ROLES)
    outside_trainers: frozenset[str] = frozenset()  # skills an outside trainer has given
