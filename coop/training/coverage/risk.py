"""Coverage risk and the trainee pipeline: how many are qualified, how many are on the way.

Pure, like the whole package: see :mod:`coop.training.coverage` for the conventions.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from coop import vocabulary
from coop.errors import TrainingError
from coop.i18n import N_, _
from coop.training.coverage.levels import (
    CurrentLevel,
    Level,
    as_level,
    is_in_training,
    is_qualified,
    level_value,
    set_field,
)

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
        set_field(self, "qualifying_level", as_level(self.qualifying_level))


class CoverageStatus(StrEnum):
    BELOW_MINIMUM = "below_minimum"
    ONE_ABSENCE = "one_absence"
    OK = "ok"


vocabulary.define(
    CoverageStatus,
    {
        CoverageStatus.BELOW_MINIMUM: N_("below minimum"),
        CoverageStatus.ONE_ABSENCE: N_("one absence away"),
        CoverageStatus.OK: N_("covered"),
    },
)


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
        by_skill[skill].append((member, level_value(value)))
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
        level = level_value(value)
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
