"""A proposed training plan: who learns what from whom, and when, to close the gaps of a needs analysis.

Pure: plain frozen data in (:mod:`coop.training_plan.proposal_inputs`), a :class:`Proposal` out; no
database, no clock; the same inputs in any order give the same proposal. The rules:

1. A *step* takes trainees one level up: ``sessions_per_level`` sessions of ``hours_per_level /
   sessions_per_level`` hours each, one trainer, at most ``max_trainees`` trainees, on distinct days.
   A trainee two levels below takes two steps, the second starting the week after the first ends.
2. A trainee whose last session is in week w is certified in week w and covers a gap from week w+1:
   every session of a gap is held from ``first_week`` on and before the week the gap opens.
3. No session is held on a closure day of the plant or of a work centre of the skill, nor on a day
   beyond the first ``working_days`` of the week; nobody is at two sessions on one day.
4. A trainer is a member at ``teaching_level`` (3) or above in the skill, teaching no level above their
   own, or an outside trainer of the skill; nobody teaches more than their weekly hours cap.
5. Candidates are the members below the gap's level who meet the skill's prerequisites, who are not
   leaving by then (nor named as leaving or rotating away in the gap's causes) and not already in
   training in that skill. They are taken closest to the level first (higher current level first);
   among equals, fewer picks first (picks before this proposal plus picks in it), then by reference.
6. Nobody is overloaded: in each week of their sessions, a member's planned production hours plus their
   training and teaching hours stay within ``weekly_hours_cap``. A candidate who does not fit is passed
   over for the next one.
7. Exactly enough trainees are taken to close the gap's shortfall, none extra; trainees already planned
   in the skill from below the level to it or above, certified before the gap opens and staying, count
   first (a gap that lasts several weeks is closed once).
8. Gaps are taken by week, then skill, then level (highest first); the earlier gap gets the earlier days.
9. A gap that cannot be (fully) closed says why: no trainer, no candidate, not enough weeks, every
   trainer busy, or every candidate overloaded (the reason met by the first candidate passed over).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from coop.training_plan.proposal_inputs import (
    Closure,
    GapOutcome,
    Member,
    OutsideTrainer,
    Proposal,
    Reason,
    Session,
    Settings,
    Skill,
    Status,
)
from coop.training_plan.proposal_schedule import Course, Ledger, Trainer, fit_step, open_days, trainers_for
from coop.training_plan.types import Gap, GapCause

__all__ = ["propose"]

_AWAY = (GapCause.leaving, GapCause.rotation)


@dataclass
class _Chain:
    """The steps that take trainees from ``start`` to the gap's level; everyone in it takes every step."""

    skill: str
    start: int
    level: int
    courses: list[Course]

    @property
    def certified_in(self) -> date:
        return self.courses[-1].ends_in


def _gap_order(gap: Gap) -> tuple[date, str, int, int, int, tuple[str, ...]]:
    causes = tuple(sorted(repr(c) for c in gap.causes))
    return (gap.week, gap.skill, -gap.level, gap.needed, gap.available, causes)


def _meets(member: Member, skill: Skill) -> bool:
    return all(member.level(required) >= level for required, level in skill.prerequisites)


class _Planner:
    def __init__(
        self,
        members: Sequence[Member],
        skills: dict[str, Skill],
        settings: Settings,
        outside: Sequence[OutsideTrainer],
        closures: set[Closure],
    ) -> None:
        self.members = members
        self.by_ref = {m.reference: m for m in members}
        self.skills = skills
        self.settings = settings
        self.closures = closures
        self.ledger = Ledger(settings)
        self.trainers = {code: trainers_for(code, members, outside, settings) for code in skills}
        self.picks = {m.reference: m.past_picks for m in members}
        self.chains: list[_Chain] = []
        self.chain_of: dict[tuple[str, str], _Chain] = {}  # (member, skill) -> the chain they are in
        self.days: dict[tuple[str, date, date], list[date]] = {}  # (skill, from, before) -> open days

    @staticmethod
    def _stays(member: Member, gap: Gap, away: set[str | None]) -> bool:
        """Not leaving by the week the gap opens, nor named as leaving or rotating away in its causes."""
        return (member.leaves_on is None or member.leaves_on > gap.week) and member.reference not in away

    def candidates(self, gap: Gap, skill: Skill) -> list[Member]:
        away = {c.member for c in gap.causes if c.cause in _AWAY}
        found = [
            m
            for m in self.members
            if m.level(gap.skill) < gap.level
            and _meets(m, skill)
            and self._stays(m, gap, away)
            and (m.reference, gap.skill) not in self.chain_of
        ]
        return sorted(found, key=lambda m: (-m.level(gap.skill), self.picks[m.reference], m.reference))

    def _open_days(self, skill: Skill, start: date, before: date) -> list[date]:
        key = (skill.code, start, before)
        if key not in self.days:
            self.days[key] = open_days(skill, start, before, self.settings, self.closures)
        return self.days[key]

    def _step_trainers(self, skill: str, level: int) -> list[Trainer]:
        return [t for t in self.trainers[skill] if t.level >= max(level, self.settings.teaching_level)]

    def _fit_chain(
        self, gap: Gap, skill: Skill, start: int, trainee: Member | None, strict_trainers: bool
    ) -> list[Course] | None:
        """The steps from ``start`` to the gap's level, each as early as it fits; None if one does not."""
        courses: list[Course] = []
        begin = self.settings.first_week
        for level in range(start + 1, gap.level + 1):
            days = self._open_days(skill, begin, gap.week)
            trainers = self._step_trainers(gap.skill, level)
            fitted = fit_step(self.ledger, trainers, trainee, days, strict_trainers=strict_trainers)
            if fitted is None:
                return None
            courses.append(Course(gap.skill, level, fitted[1], fitted[0]))
            begin = courses[-1].ends_in + timedelta(days=7)
        return courses

    def _why(self, gap: Gap, skill: Skill, start: int) -> Reason:
        """Why a candidate at ``start`` could not be fitted (called once the strict fit failed)."""
        if any(not self._step_trainers(gap.skill, lv) for lv in range(start + 1, gap.level + 1)):
            return Reason.no_trainer
        if self._fit_chain(gap, skill, start, None, strict_trainers=True) is not None:
            return Reason.overloaded
        if self._fit_chain(gap, skill, start, None, strict_trainers=False) is not None:
            return Reason.trainer_busy
        return Reason.no_time

    def _join(self, member: Member, chains: Iterable[_Chain], start: int) -> _Chain | None:
        for chain in chains:
            full = any(len(c.trainees) >= self.settings.max_trainees for c in chain.courses)
            if chain.start != start or full:
                continue
            if self.ledger.fits(member, [day for c in chain.courses for day in c.days]):
                return chain
        return None

    def _enrol(self, member: Member, chain: _Chain) -> None:
        days = [day for course in chain.courses for day in course.days]
        self.ledger.book_trainees(days, [member])
        for course in chain.courses:
            course.trainees.append(member.reference)
        self.chain_of[member.reference, chain.skill] = chain
        self.picks[member.reference] += 1

    def _covering(self, gap: Gap) -> list[tuple[str, _Chain]]:
        """Trainees planned in the skill from below the gap's level to it or above, certified in time."""
        away = {c.member for c in gap.causes if c.cause in _AWAY}
        found = [
            (reference, chain)
            for (reference, code), chain in self.chain_of.items()
            if code == gap.skill
            and chain.start < gap.level <= chain.level  # certified in time: earlier gaps come first
            and self._stays(self.by_ref[reference], gap, away)
        ]
        return sorted(found, key=lambda rc: (rc[1].certified_in, rc[0]))

    def close(self, gap: Gap) -> tuple[list[tuple[str, _Chain]], int, Reason | None]:
        """Plan the trainees that close ``gap``: who covers it, how many are still short, and why."""
        covering = self._covering(gap)[: gap.short]
        need = gap.short - len(covering)
        skill = self.skills.get(gap.skill, Skill(gap.skill, gap.skill))
        mine: list[_Chain] = []
        failures: list[Reason] = []
        known: dict[int, Reason] = {}  # trainer-side failures per start level: they only get worse
        trainers_free: set[int] = set()  # start levels a trainer could take if the trainee were free
        for member in self.candidates(gap, skill) if need > 0 else []:
            start = member.level(gap.skill)
            if start in known:
                failures.append(known[start])
                continue
            chain = self._join(member, mine, start)
            if chain is None:
                courses = self._fit_chain(gap, skill, start, member, strict_trainers=True)
                if courses is None:
                    reason = Reason.overloaded if start in trainers_free else self._why(gap, skill, start)
                    failures.append(reason)
                    if reason is Reason.overloaded:
                        trainers_free.add(start)  # true until someone else is booked
                    else:
                        known[start] = reason
                    continue
                for course in courses:
                    self.ledger.book_trainer(course)
                chain = _Chain(gap.skill, start, gap.level, courses)
                mine.append(chain)
                self.chains.append(chain)
            self._enrol(member, chain)
            if chain.courses[0].trainees == [member.reference] or start >= self.settings.teaching_level:
                trainers_free.clear()  # a trainer's days are taken (or a trainee who could teach is busy)
            covering.append((member.reference, chain))
            need -= 1
            if need == 0:
                break
        reason = None if need == 0 else (failures[0] if failures else Reason.no_candidate)
        return covering, need, reason


def _sessions(
    chains: Sequence[_Chain], hours: Decimal
) -> tuple[tuple[Session, ...], dict[int, tuple[int, ...]]]:
    """Every planned session, numbered by day, skill, level and trainer; each chain's session numbers."""
    rows = []
    for index, chain in enumerate(chains):
        for course in chain.courses:
            for day in course.days:
                rows.append((day, course.skill, course.level, course.trainer.key, index, course))
    rows.sort(key=lambda r: r[:5])
    sessions = []
    numbers: dict[int, list[int]] = {}
    for number, (day, skill, level, _key, index, course) in enumerate(rows, start=1):
        trainer = course.trainer
        sessions.append(
            Session(
                number=number,
                skill=skill,
                level=level,
                day=day,
                hours=hours,
                trainer=trainer.name if trainer.outside else trainer.key,
                trainer_name=trainer.name,
                outside=trainer.outside,
                trainees=tuple(sorted(course.trainees)),
            )
        )
        numbers.setdefault(index, []).append(number)
    return tuple(sessions), {index: tuple(found) for index, found in numbers.items()}


def propose(
    gaps: Iterable[Gap],
    members: Iterable[Member],
    skills: Iterable[Skill],
    settings: Settings,
    outside_trainers: Iterable[OutsideTrainer] = (),
    closures: Iterable[Closure] = (),
) -> Proposal:
    """The sessions that close ``gaps`` (see the rules above), and for each gap what they do for it."""
    ordered_members = sorted(members, key=lambda m: m.reference)
    skill_map = {s.code: s for s in sorted(skills, key=lambda s: s.code)}
    ordered_gaps = sorted(gaps, key=_gap_order)
    for gap in ordered_gaps:
        skill_map.setdefault(gap.skill, Skill(gap.skill, gap.skill))
    outside = sorted(outside_trainers, key=lambda o: o.name)
    planner = _Planner(ordered_members, skill_map, settings, outside, set(closures))
    planned = [(gap, *planner.close(gap)) for gap in ordered_gaps]
    sessions, numbers = _sessions(planner.chains, settings.session_hours)
    index = {id(chain): i for i, chain in enumerate(planner.chains)}
    outcomes = []
    for gap, covering, short, reason in planned:
        chains = {index[id(chain)] for _ref, chain in covering}
        if gap.short == 0:
            status = Status.none
        elif short == 0:
            status = Status.closed
        else:
            status = Status.partly if covering else Status.open
        outcomes.append(
            GapOutcome(
                gap=gap,
                status=status,
                trainees=tuple(sorted(ref for ref, _chain in covering)),
                sessions=tuple(sorted(n for i in chains for n in numbers[i])),
                closes_in=max((chain.certified_in for _ref, chain in covering), default=None),
                still_short=short,
                reason=reason,
            )
        )
    return Proposal(sessions, tuple(outcomes))
