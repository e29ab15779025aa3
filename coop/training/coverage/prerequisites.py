"""Prerequisites: what a member must hold before training in a skill.

Pure, like the whole package: see :mod:`coop.training.coverage` for the conventions.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from coop.errors import TrainingError
from coop.i18n import _
from coop.training.coverage.levels import CurrentLevel, Level, as_level, level_value, set_field


@dataclass(frozen=True)
class Prerequisite:
    """Training in ``skill`` requires ``requires`` at ``min_level`` or above."""

    skill: str
    requires: str
    min_level: Level

    def __post_init__(self) -> None:
        set_field(self, "min_level", as_level(self.min_level))
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
        current = level_value(value)
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
