"""When an approved training plan closes a crew gap of a production plan's check (pure).

The production plan check finds a crew gap when, in a week, fewer members hold a skill at a level
than a routing's crew needs. The planned sessions of an approved training plan may close it:

* a trainee of a step (the sessions of one skill teaching one level) is certified at that level in
  the week of the step's last session, and counts in the crew from the week after (as the proposal
  plans it: :mod:`coop.training_plan.proposal`, rule 2);
* a trainee counts for the gap once certified at the gap's level or above, if not already one of
  the qualified members the check counted;
* the trainees certified earliest are taken, as many as the crew is short; the gap closes in the
  week the last of them counts, if that is no later than the gap's week;
* the sessions named are those of the steps that take those trainees there and that are not held
  yet: the gap closes *if they are held*; when all are held, it closes once the trainees are assessed.

Plain data in, plain data out; members are named by the labels the check uses.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

__all__ = ["Closing", "CrewGap", "PlannedSession", "closing"]


@dataclass(frozen=True)
class PlannedSession:
    number: int
    skill: str
    level: int  # the level the session teaches
    day: date
    held: bool
    trainees: tuple[str, ...]


@dataclass(frozen=True)
class CrewGap:
    skill: str
    level: int
    week: date  # the Monday of the week short of crew
    required: int
    qualified: tuple[str, ...]  # the members the check counted

    @property
    def short(self) -> int:
        return max(0, self.required - len(self.qualified))


@dataclass(frozen=True)
class Closing:
    """What the plan does for the gap: ``brings`` of the ``short`` members missing, counting from
    ``week`` (the week the last of them counts), once ``sessions`` (not held yet) are held."""

    short: int
    brings: int
    week: date
    sessions: tuple[int, ...]

    @property
    def closes(self) -> bool:
        return self.brings >= self.short


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def closing(gap: CrewGap, sessions: tuple[PlannedSession, ...] | list[PlannedSession]) -> Closing | None:
    """What the planned ``sessions`` do for ``gap`` (see the rules above); None when nothing."""
    if gap.short == 0:
        return None
    steps: dict[tuple[str, int], list[PlannedSession]] = defaultdict(list)
    for row in sessions:
        if row.skill == gap.skill:
            for trainee in row.trainees:
                steps[trainee, row.level].append(row)
    ready: list[tuple[date, str, tuple[PlannedSession, ...]]] = []
    counted = set(gap.qualified)
    for trainee in sorted({t for t, _level in steps} - counted):
        best: tuple[date, tuple[PlannedSession, ...]] | None = None
        for (who, level), rows in steps.items():
            if who != trainee or level < gap.level:
                continue
            counts_from = _monday(max(r.day for r in rows)) + timedelta(weeks=1)
            if best is None or counts_from < best[0]:
                # the steps below it take the trainee up to it: they are part of the way
                below = [r for (w, lv), rs in steps.items() if w == trainee and lv < level for r in rs]
                best = (counts_from, tuple(rows) + tuple(below))
        if best is not None and best[0] <= gap.week:
            ready.append((best[0], trainee, best[1]))
    if not ready:
        return None
    taken = sorted(ready)[: gap.short]
    numbers = sorted({r.number for _week, _who, rows in taken for r in rows if not r.held})
    return Closing(gap.short, len(taken), max(week for week, _who, _rows in taken), tuple(numbers))
