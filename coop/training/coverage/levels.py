"""Skill levels and current levels: the one reading of the skill history every report shares.

Pure, like the whole package: see :mod:`coop.training.coverage` for the conventions.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import IntEnum

from coop import vocabulary
from coop.errors import TrainingError
from coop.i18n import N_, _
from coop.numbers import finite_decimal

ZERO = Decimal(0)


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


# The one rule of who may teach: a member gives a session in a skill they hold at this level
# (independent) or above, and teaches no level above their own; ``coop training log`` and the training
# plan's proposal both read it. Assessing others (certifying a level) needs ``Level.CAN_TRAIN``.
TEACHING_LEVEL = Level.INDEPENDENT


# Read and typed in either language: ``3``, ``independent`` and ``autónomo`` name the same level.
vocabulary.define(
    Level,
    {
        Level.NONE: N_("none"),
        Level.SUPERVISED: N_("supervised"),
        Level.OPERATES: N_("operates"),
        Level.INDEPENDENT: N_("independent"),
        Level.CAN_TRAIN: N_("can train"),
    },
)


def level_label(level: int) -> str:
    return vocabulary.label(as_level(level))


def as_level(value: object) -> Level:
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


def checked_hours(value: object, what: str) -> Decimal:
    result = finite_decimal(value)
    if result is None:
        raise TrainingError(_("{what} must be a number, not {value}.").format(what=what, value=value))
    return result


def set_field(obj: object, name: str, value: object) -> None:
    object.__setattr__(obj, name, value)


def is_valid_on(expires_on: date | None, day: date) -> bool:
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
        set_field(self, "level", as_level(self.level))
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
        return self.assessed_on <= day and is_valid_on(self.expires_on, day)


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


def latest_assessments(assessments: Iterable[Assessment], on: date) -> dict[tuple[str, str], Assessment]:
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
    expired = not is_valid_on(assessment.expires_on, on)
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
    latest = latest_assessments(assessments, on)
    return {key: _current(latest[key], on) for key in sorted(latest)}


def level_value(value: CurrentLevel | int) -> Level:
    if isinstance(value, CurrentLevel):
        return value.level
    return as_level(value)


def member_levels(levels: Mapping[tuple[str, str], CurrentLevel], member: str) -> dict[str, CurrentLevel]:
    """One member's current levels by skill, from :func:`current_levels`."""
    return {skill: level for (who, skill), level in levels.items() if who == member}


# --------------------------------------------------------------------------- qualified, in training


def is_qualified(level: Level | int, qualifying_level: Level | int) -> bool:
    """Qualified: at the skill's own qualifying level or above. Every report asks this."""
    return level >= qualifying_level


def is_in_training(level: Level | int, qualifying_level: Level | int) -> bool:
    """In training: assessed above level 0, but below the skill's qualifying level."""
    return level > Level.NONE and not is_qualified(level, qualifying_level)
