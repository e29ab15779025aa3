"""Training hours: hours trained per member and taught per trainer over a period.

Pure, like the whole package: see :mod:`coop.training.coverage` for the conventions.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from coop.errors import TrainingError
from coop.i18n import _
from coop.training.coverage.levels import ZERO, checked_hours, set_field


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
        hours = checked_hours(self.hours, _("Session hours"))
        if hours <= 0:
            raise TrainingError(
                _("Session {ref}: the hours must be above zero, not {hours}.").format(
                    ref=self.ref, hours=hours
                )
            )
        set_field(self, "hours", hours)


@dataclass(frozen=True)
class Attendance:
    """A member at a session; ``hours`` defaults to the session's hours when present."""

    session: str
    member: str
    present: bool = True
    hours: Decimal | None = None

    def __post_init__(self) -> None:
        if self.hours is not None:
            hours = checked_hours(self.hours, _("Attendance hours"))
            if hours < 0:
                raise TrainingError(
                    _("{member} at session {ref}: the hours cannot be negative ({hours}).").format(
                        member=self.member, ref=self.session, hours=hours
                    )
                )
            set_field(self, "hours", hours)


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
