"""The plain data a training plan proposal reads and gives (see :mod:`coop.training_plan.proposal`).

Members, skills and trainers are named by references, codes and names (strings); weeks are the
``date`` of their Monday; hours are ``Decimal``. Everything is frozen, so the same inputs can be
handed to :func:`~coop.training_plan.proposal.propose` in any order and give the same proposal.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from functools import cached_property

from coop.training_plan.types import TEACHING_LEVEL, Gap  # a trainer teaches no level above their own


@dataclass(frozen=True)
class Settings:
    """How training is done; the defaults read: one level up = 8 hours in 2 sessions of at most 4 trainees.

    ``first_week`` is the Monday of the first week sessions may be held in (the proposal reads no clock).
    ``weekly_hours_cap`` caps a member's planned production plus training and teaching hours in a week.
    ``working_days`` is how many days of a week from Monday sessions may be held on (5: Monday to Friday).
    """

    first_week: date
    hours_per_level: int = 8
    sessions_per_level: int = 2
    max_trainees: int = 4
    weekly_hours_cap: int = 40
    teaching_level: int = TEACHING_LEVEL
    working_days: int = 5

    def __post_init__(self) -> None:
        if self.first_week.weekday() != 0:
            raise ValueError("first_week must be a Monday")
        if self.sessions_per_level < 1 or self.hours_per_level < 1 or self.max_trainees < 1:
            raise ValueError("sessions_per_level, hours_per_level and max_trainees must be at least 1")
        if not 1 <= self.working_days <= 7:
            raise ValueError("working_days must be between 1 and 7")

    @property
    def session_hours(self) -> Decimal:
        return Decimal(self.hours_per_level) / self.sessions_per_level


@dataclass(frozen=True)
class Member:
    """A member: their level per skill, planned production hours per week, and how often picked before."""

    reference: str
    name: str
    levels: tuple[tuple[str, int], ...] = ()  # (skill code, current level); a skill not named is level 0
    planned_hours: tuple[tuple[date, Decimal], ...] = ()  # (Monday of a week, planned hours in it)
    past_picks: int = 0  # how many times this member was picked as a trainee before (fairness)
    teaching_cap: Decimal = Decimal(8)  # at most this many hours of teaching a week
    leaves_on: date | None = None  # no training for a gap opening on or after this day

    @cached_property
    def _levels(self) -> dict[str, int]:
        return dict(self.levels)

    def level(self, skill: str) -> int:
        return self._levels.get(skill, 0)

    def planned(self, week: date) -> Decimal:
        return sum((hours for day, hours in self.planned_hours if day == week), Decimal(0))


@dataclass(frozen=True)
class OutsideTrainer:
    """A trainer from outside, teaching ``skills`` at any level, at most ``hours_cap`` hours a week."""

    name: str
    skills: tuple[str, ...]
    hours_cap: Decimal = Decimal(8)


@dataclass(frozen=True)
class Skill:
    """A skill: training in it needs each ``(required skill, min level)``; its ``centres`` close it."""

    code: str
    name: str
    prerequisites: tuple[tuple[str, int], ...] = ()
    centres: tuple[str, ...] = ()


@dataclass(frozen=True)
class Closure:
    """A day nothing can be scheduled: in the whole plant (``centre`` None) or in one work centre."""

    day: date
    centre: str | None = None


class Reason(enum.StrEnum):
    """Why (part of) a gap cannot be closed in time."""

    no_trainer = "no_trainer"  # no member may teach the level and no outside trainer teaches the skill
    no_candidate = "no_candidate"  # no (other) member below the level meets the skill's prerequisites
    no_time = "no_time"  # not enough open days before the gap opens, even with everyone free
    trainer_busy = "trainer_busy"  # every trainer is at their hours cap on the days left
    overloaded = "overloaded"  # every candidate's planned hours leave no room for the training


class Status(enum.StrEnum):
    closed = "closed"
    partly = "partly"  # some trainees certified in time, fewer than the shortfall
    open = "open"  # nobody can be certified in time
    none = "none"  # nothing to close: the gap has no shortfall


@dataclass(frozen=True)
class Session:
    """Session ``number``: ``trainer`` teaches ``skill`` up to ``level`` on ``day`` for ``hours``."""

    number: int
    skill: str
    level: int  # the level taught: trainees at level - 1 reach it after the last session of the step
    day: date
    hours: Decimal
    trainer: str  # a member reference, or an outside trainer's name
    trainer_name: str
    outside: bool
    trainees: tuple[str, ...]  # member references, in reference order

    @property
    def week(self) -> date:
        return self.day - timedelta(days=self.day.weekday())


@dataclass(frozen=True)
class GapOutcome:
    """What the proposal does for ``gap``: the trainees that cover it, the sessions, when it closes."""

    gap: Gap
    status: Status
    trainees: tuple[str, ...]  # members certified at the gap's level before it opens (reference order)
    sessions: tuple[int, ...]  # the sessions that take them there (numbers, ascending)
    closes_in: date | None  # the week the last of those trainees is certified (covering from the next)
    still_short: int  # how many qualified members are still missing when the gap opens
    reason: Reason | None  # why, when still_short > 0


@dataclass(frozen=True)
class Proposal:
    sessions: tuple[Session, ...]  # by number: by day, then skill, level and trainer
    outcomes: tuple[GapOutcome, ...]  # by week, skill, level (highest first)

    def session(self, number: int) -> Session:
        return self.sessions[number - 1]
