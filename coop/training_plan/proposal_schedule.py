"""The calendar of a training plan proposal: open days, who is busy, and fitting one level step in.

A *step* takes trainees from one level to the next: ``sessions_per_level`` sessions with one trainer
on distinct open days. A *chain* is the steps from a trainee's current level to the gap's level, each
step starting the week after the one before ends. The :class:`Ledger` keeps who is busy on which day
and how many hours each person already has in a week; a step is only written to it once the whole
chain fits.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from functools import lru_cache

from coop.training_plan.proposal_inputs import Closure, Member, OutsideTrainer, Settings, Skill


@lru_cache(maxsize=4096)
def week_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


@dataclass(frozen=True)
class Trainer:
    """A member who may teach (``member`` set) or an outside trainer; ``key`` names them in the ledger."""

    key: str
    name: str
    level: int  # the highest level they may teach
    cap: Decimal  # teaching hours a week
    member: Member | None = None

    @property
    def outside(self) -> bool:
        return self.member is None


def trainers_for(
    skill: str, members: Sequence[Member], outside: Sequence[OutsideTrainer], settings: Settings
) -> list[Trainer]:
    """Everyone who may teach ``skill``: members at the teaching level or above, then outside trainers."""
    found = [
        Trainer(m.reference, m.name, m.level(skill), m.teaching_cap, m)
        for m in members
        if m.level(skill) >= settings.teaching_level
    ]
    top = max(settings.teaching_level, 4)
    found += [Trainer(f"outside:{o.name}", o.name, top, o.hours_cap) for o in outside if skill in o.skills]
    return found


def open_days(
    skill: Skill, start: date, before: date, settings: Settings, closed: set[Closure]
) -> list[date]:
    """The days from ``start`` to the day before ``before`` a session in ``skill`` may be held on."""
    days = []
    day = start
    while day < before:
        shut = Closure(day) in closed or any(Closure(day, centre) in closed for centre in skill.centres)
        if day.weekday() < settings.working_days and not shut:
            days.append(day)
        day += timedelta(days=1)
    return days


@dataclass
class Course:
    """One step, as planned: its sessions' days, its trainer and its trainees (member references)."""

    skill: str
    level: int
    days: tuple[date, ...]
    trainer: Trainer
    trainees: list[str] = field(default_factory=list)

    @property
    def ends_in(self) -> date:
        return week_of(self.days[-1])


@dataclass
class Ledger:
    """Who is busy on which day, and each person's training and teaching hours per week."""

    settings: Settings
    busy: set[tuple[str, date]] = field(default_factory=set)
    hours: defaultdict[tuple[str, date], Decimal] = field(default_factory=lambda: defaultdict(Decimal))
    teaching: defaultdict[tuple[str, date], Decimal] = field(default_factory=lambda: defaultdict(Decimal))
    taught: defaultdict[str, Decimal] = field(default_factory=lambda: defaultdict(Decimal))
    planned: dict[str, dict[date, Decimal]] = field(default_factory=dict)  # member -> week -> planned hours

    def _planned(self, member: Member, week: date) -> Decimal:
        weeks = self.planned.get(member.reference)
        if weeks is None:
            weeks = self.planned[member.reference] = defaultdict(Decimal)
            for monday, hours in member.planned_hours:
                weeks[monday] += hours
        return weeks.get(week, Decimal(0))

    def trainee_free(self, member: Member, day: date, extra: Decimal) -> bool:
        """Not busy that day, and planned + training hours of the week stay within the weekly cap."""
        if (member.reference, day) in self.busy:
            return False
        week = week_of(day)
        load = self._planned(member, week) + self.hours[member.reference, week] + extra
        return load <= self.settings.weekly_hours_cap

    def trainer_free(self, trainer: Trainer, day: date, extra: Decimal) -> bool:
        """Not busy that day, within the teaching cap, and (a member) within the weekly cap."""
        week = week_of(day)
        if (trainer.key, day) in self.busy or self.teaching[trainer.key, week] + extra > trainer.cap:
            return False
        return trainer.member is None or self.trainee_free(trainer.member, day, extra)

    def book_trainees(self, days: Sequence[date], members: Iterable[Member]) -> None:
        """Write sessions on ``days`` into the calendars of the trainees ``members``."""
        for member in members:
            for day in days:
                self.busy.add((member.reference, day))
                self.hours[member.reference, week_of(day)] += self.settings.session_hours

    def book_trainer(self, course: Course) -> None:
        """Write a course's sessions into its trainer's calendar (a member's weekly hours too)."""
        hours = self.settings.session_hours
        for day in course.days:
            week = week_of(day)
            self.busy.add((course.trainer.key, day))
            self.teaching[course.trainer.key, week] += hours
            self.taught[course.trainer.key] += hours
            if course.trainer.member is not None:
                self.hours[course.trainer.key, week] += hours

    def fits(self, member: Member, days: Sequence[date]) -> bool:
        """Can ``member`` join sessions already planned on ``days``?"""
        extra: defaultdict[date, Decimal] = defaultdict(Decimal)
        for day in days:
            extra[week_of(day)] += self.settings.session_hours
            if not self.trainee_free(member, day, extra[week_of(day)]):
                return False
        return True


def fit_step(
    ledger: Ledger,
    trainers: Sequence[Trainer],
    trainee: Member | None,
    days: Sequence[date],
    *,
    strict_trainers: bool = True,
) -> tuple[Trainer, tuple[date, ...]] | None:
    """The trainer and days that end a step soonest, or None; ``trainee`` None ignores the trainee's load.

    Among trainers who end equally soon: members before outside trainers, then whoever taught fewer
    hours in this proposal so far, then by reference or name.
    """
    settings = ledger.settings
    hours = settings.session_hours
    if trainee is not None:  # a day the trainee cannot take even one session on is no use to any trainer
        days = [day for day in days if ledger.trainee_free(trainee, day, hours)]
    if len(days) < settings.sessions_per_level:
        return None
    best: tuple[tuple[date, bool, Decimal, str], Trainer, tuple[date, ...]] | None = None
    for trainer in trainers:
        chosen: list[date] = []
        extra: defaultdict[date, Decimal] = defaultdict(Decimal)
        for day in days:
            if best is not None and day > best[0][0]:
                break
            added = extra[week_of(day)] + hours
            if strict_trainers and not ledger.trainer_free(trainer, day, added):
                continue
            if trainee is not None and not ledger.trainee_free(trainee, day, added):
                continue
            chosen.append(day)
            extra[week_of(day)] = added
            if len(chosen) == settings.sessions_per_level:
                break
        if len(chosen) == settings.sessions_per_level:
            key = (chosen[-1], trainer.outside, ledger.taught[trainer.key], trainer.key)
            if best is None or key < best[0]:
                best = (key, trainer, tuple(chosen))
    return None if best is None else (best[1], best[2])
