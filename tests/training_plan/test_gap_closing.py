"""When an approved training plan closes a crew gap of the production plan check (pure rules of
coop.training_plan.gap_closing): a trainee counts from the week after the last session of the step
that certifies them at the gap's level or above; the earliest trainees are taken, as many as the
crew is short; the sessions named are those of their steps not held yet."""

from __future__ import annotations

from datetime import date, timedelta

from coop.training_plan.gap_closing import Closing, CrewGap, PlannedSession, closing

W10 = date(2027, 3, 8)  # Monday of 2027-W10


def day(week: int, weekday: int = 0) -> date:
    return W10 + timedelta(weeks=week - 10, days=weekday)


def step(first: int, level: int, week: int, *trainees: str, skill: str = "CARGA", held: bool = False):  # type: ignore[no-untyped-def]
    """Two sessions (numbers first, first + 1) on Monday and Tuesday of ``week``."""
    return [PlannedSession(first + n, skill, level, day(week, n), held, tuple(trainees)) for n in (0, 1)]


GAP = CrewGap("CARGA", 3, day(12), required=2, qualified=("Ana",))


def test_a_step_before_the_gaps_week_closes_it_if_its_sessions_are_held() -> None:
    assert closing(GAP, step(1, 3, 10, "Beto")) == Closing(1, 1, day(11), (1, 2))


def test_a_step_ending_in_the_gaps_week_is_too_late() -> None:
    assert closing(GAP, step(1, 3, 12, "Beto")) is None


def test_a_step_in_the_week_before_counts_from_the_gaps_week() -> None:
    assert closing(GAP, step(1, 3, 11, "Beto")) == Closing(1, 1, day(12), (1, 2))


def test_held_sessions_are_not_named_and_all_held_closes_once_assessed() -> None:
    found = closing(GAP, step(1, 3, 10, "Beto", held=True))
    assert found == Closing(1, 1, day(11), ()) and found.closes


def test_a_lower_level_or_another_skill_does_not_count() -> None:
    assert closing(GAP, step(1, 2, 10, "Beto") + step(3, 3, 10, "Caro", skill="ESMALTE")) is None


def test_a_higher_level_counts_with_the_steps_below_it() -> None:
    sessions = step(1, 3, 10, "Beto") + step(3, 4, 11, "Beto")
    # certified at level 3 in W10 already: the level 4 step is not needed for a level 3 gap
    assert closing(GAP, sessions) == Closing(1, 1, day(11), (1, 2))
    assert closing(CrewGap("CARGA", 4, day(12), 2, ("Ana",)), sessions) == Closing(
        1, 1, day(12), (1, 2, 3, 4)
    )


def test_the_earliest_trainees_as_many_as_short_and_partly() -> None:
    gap = CrewGap("CARGA", 3, day(13), required=3, qualified=("Ana",))
    sessions = step(1, 3, 10, "Beto") + step(3, 3, 11, "Caro") + step(5, 3, 9, "Dani")
    assert closing(gap, sessions) == Closing(2, 2, day(11), (1, 2, 5, 6))
    assert not closing(gap, step(1, 3, 10, "Beto")).closes  # type: ignore[union-attr]


def test_a_trainee_already_counted_or_no_shortage_is_nothing() -> None:
    assert closing(GAP, step(1, 3, 10, "Ana")) is None
    assert closing(CrewGap("CARGA", 3, day(12), 1, ("Ana",)), step(1, 3, 10, "Beto")) is None
