"""The plain data the training needs analysis gives and the training plan proposal reads.

Weeks are ISO weeks written as the ``date`` of their Monday (as in :mod:`coop.plans.capacity`).
Skills and members are named by their codes and references (strings), so that these types carry
no database rows and the pure modules can be tested with literals.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date

from coop.training.coverage import levels

# The level from which a member may teach a skill: the one rule ``coop training log`` keeps too.
TEACHING_LEVEL = int(levels.TEACHING_LEVEL)


class GapCause(enum.StrEnum):
    """Why fewer members are qualified than needed in a week (a gap may have several)."""

    load = "load"  # the plans need more qualified crew-hours or heads than the qualified members give
    minimum = "minimum"  # fewer qualified than the work centre's required minimum
    single_point = "single_point"  # fewer than the skill's bus-factor target (one person away stops work)
    lapse = "lapse"  # a certification lapses before or during the week
    rotation = "rotation"  # a qualified member's term in a rotating role starts and takes them away
    leaving = "leaving"  # a qualified member leaves the cooperative


@dataclass(frozen=True)
class CauseDetail:
    """One cause of a gap, with who and when, so it can be said in a sentence."""

    cause: GapCause
    member: str | None = None  # the member reference it concerns, if one
    on: date | None = None  # the day it happens (a lapse, a term's start, a departure)
    centre: str | None = None  # the work centre whose minimum or load it is
    needed: int | None = None  # how many members that centre's minimum, its load or the target asks for


@dataclass(frozen=True)
class Gap:
    """In ``week``, ``needed`` members qualified in ``skill`` at ``level`` or above, only ``available``."""

    skill: str  # skill code
    level: int
    week: date  # Monday of the ISO week the gap opens
    needed: int
    available: int
    causes: tuple[CauseDetail, ...]

    @property
    def short(self) -> int:
        return max(0, self.needed - self.available)
