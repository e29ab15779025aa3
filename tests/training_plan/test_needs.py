"""The training needs analysis, against the rules stated in coop.training_plan.needs.

The plant of these tests: work centre HOR (a kiln, 5 days a week, 8 h × 1 shift) and ESM (a
glazing line, 6 days a week); skill CARGA (kiln loading). Weeks of December 2026 and January 2027.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coop.errors import TrainingError
from coop.plans.capacity import PlanLine, Routing, WorkCentre
from coop.training_plan.needs import find_gaps, horizon_weeks, untaught_skills
from coop.training_plan.needs_data import (
    Holding,
    NeedsInputs,
    PlanLoad,
    Requirement,
    SkillTarget,
    TermAway,
    Worker,
)
from coop.training_plan.types import CauseDetail, GapCause
from tests.imports import imported_names

TODAY = date(2026, 11, 25)  # a Wednesday of 2026-W48
W49 = date(2026, 11, 30)  # Monday of 2026-W49
W50 = W49 + timedelta(weeks=1)
W51 = W49 + timedelta(weeks=2)
FRIDAY_49 = W49 + timedelta(days=4)

HOR = WorkCentre("HOR", Decimal(8), 1, working_days_per_week=5, name="Horno")
ESM = WorkCentre("ESM", Decimal(8), 1, working_days_per_week=6, name="Esmaltado")


def members(*refs: str) -> tuple[Worker, ...]:
    return tuple(Worker(ref, f"Socia {ref}") for ref in refs)


def holders(skill: str, level: int, *refs: str, expires_on: date | None = None) -> tuple[Holding, ...]:
    return tuple(Holding(ref, skill, level, expires_on) for ref in refs)


def plant(**changes: object) -> NeedsInputs:
    """One week (2026-W49), two members at level 3 in CARGA, HOR requiring 2 of them."""
    base = NeedsInputs(
        today=TODAY,
        start=W49,
        weeks=1,
        workers=members("0001", "0002", "0003"),
        holdings=holders("CARGA", 3, "0001", "0002"),
        requirements=(Requirement("HOR", "CARGA", 3, 2),),
        work_centres=(HOR, ESM),
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def only_gap(inputs: NeedsInputs):  # type: ignore[no-untyped-def]
    gaps = find_gaps(inputs)
    assert len(gaps) == 1, gaps
    return gaps[0]


# --- the horizon ------------------------------------------------------------------------------------


def test_horizon_is_the_weeks_from_the_week_of_start() -> None:
    assert horizon_weeks(date(2026, 12, 3), 3, TODAY) == [W49, W50, W51]


def test_horizon_may_start_in_the_current_week() -> None:
    assert horizon_weeks(TODAY, 1, TODAY) == [date(2026, 11, 23)]


def test_horizon_in_the_past_is_refused() -> None:
    with pytest.raises(
        TrainingError, match=r"starts in 2026-W47, which has passed; start in this week \(2026-W48\)"
    ):
        horizon_weeks(date(2026, 11, 20), 4, TODAY)


@pytest.mark.parametrize("weeks", [0, -1, 105])
def test_horizon_of_zero_or_more_than_104_weeks_is_refused(weeks: int) -> None:
    with pytest.raises(TrainingError, match=f"from 1 to 104 weeks, not {weeks}"):
        find_gaps(plant(weeks=weeks))


def test_horizon_of_104_weeks_is_accepted() -> None:
    assert len(horizon_weeks(W49, 104, TODAY)) == 104


# --- (a) a work centre's minimum ------------------------------------------------------------------


def test_minimum_met_is_no_gap() -> None:
    assert find_gaps(plant()) == []


def test_minimum_above_the_qualified_members_is_a_gap_naming_the_centre() -> None:
    gap = only_gap(plant(requirements=(Requirement("HOR", "CARGA", 3, 3),)))
    assert (gap.skill, gap.level, gap.week, gap.needed, gap.available) == ("CARGA", 3, W49, 3, 2)
    assert gap.causes == (CauseDetail(GapCause.minimum, centre="HOR", needed=3),)
    assert gap.short == 1


def test_members_below_the_level_do_not_count_and_above_do() -> None:
    inputs = plant(holdings=(*holders("CARGA", 2, "0001"), *holders("CARGA", 4, "0002")))
    gap = only_gap(inputs)
    assert gap.available == 1


def test_no_minimum_in_a_week_the_centre_is_closed_on_every_working_day() -> None:
    closed = replace(HOR, closures=frozenset(W49 + timedelta(days=i) for i in range(5)))
    inputs = plant(work_centres=(closed, ESM), requirements=(Requirement("HOR", "CARGA", 3, 3),), weeks=2)
    assert [gap.week for gap in find_gaps(inputs)] == [W50]


def test_a_centre_open_one_day_of_the_week_still_needs_its_minimum() -> None:
    closed = replace(HOR, closures=frozenset(W49 + timedelta(days=i) for i in range(4)))
    inputs = plant(work_centres=(closed, ESM), requirements=(Requirement("HOR", "CARGA", 3, 3),))
    assert only_gap(inputs).week == W49


def test_the_largest_of_two_centres_minimums_is_needed_not_their_sum() -> None:
    inputs = plant(requirements=(Requirement("HOR", "CARGA", 3, 2), Requirement("ESM", "CARGA", 3, 2)))
    assert find_gaps(inputs) == []
    inputs = plant(requirements=(Requirement("HOR", "CARGA", 3, 3), Requirement("ESM", "CARGA", 3, 2)))
    gap = only_gap(inputs)
    assert gap.needed == 3
    assert gap.causes == (CauseDetail(GapCause.minimum, centre="HOR", needed=3),)


def test_each_week_short_is_its_own_gap() -> None:
    inputs = plant(requirements=(Requirement("HOR", "CARGA", 3, 3),), weeks=3)
    assert [gap.week for gap in find_gaps(inputs)] == [W49, W50, W51]


def test_levels_are_not_pooled() -> None:
    inputs = plant(
        holdings=(*holders("CARGA", 3, "0001"), *holders("CARGA", 2, "0002", "0003")),
        requirements=(Requirement("HOR", "CARGA", 3, 1), Requirement("ESM", "CARGA", 2, 3)),
    )
    assert find_gaps(inputs) == []  # level 2 or above: three members
    inputs = replace(inputs, requirements=(Requirement("HOR", "CARGA", 3, 2),))
    assert only_gap(inputs).level == 3


def test_a_requirement_of_an_unknown_centre_is_refused() -> None:
    with pytest.raises(TrainingError, match="CARGA names work centre PRENSA, which does not exist"):
        find_gaps(plant(requirements=(Requirement("PRENSA", "CARGA", 3, 1),)))


@pytest.mark.parametrize(("level", "minimum"), [(0, 1), (5, 1), (3, 0)])
def test_a_requirement_with_a_level_outside_1_to_4_or_a_minimum_below_1_is_refused(
    level: int, minimum: int
) -> None:
    with pytest.raises(TrainingError):
        Requirement("HOR", "CARGA", level, minimum)


# --- (b) the plans' load ------------------------------------------------------------------------------

# 600 bricks at 4 min each with a crew of 2: 40 load hours, 80 crew-hours.
BRICK = Routing("LAD", "HOR", Decimal(4), crew_size=2, skill="CARGA", skill_level=3)


def loaded(quantity: int, *routings: Routing, week: date = W49, asked: bool = False) -> NeedsInputs:
    line = PlanLine("LAD", Decimal(quantity), week)
    return plant(
        requirements=(), routings=routings or (BRICK,), plans=(PlanLoad("#2 Marzo v1", (line,), asked),)
    )


def test_a_crew_of_two_needs_two_heads() -> None:
    assert find_gaps(loaded(30)) == []  # 2 h of load, 4 crew-hours: two members
    gap = only_gap(replace(loaded(30), holdings=holders("CARGA", 3, "0001")))
    assert (gap.needed, gap.available) == (2, 1)
    assert gap.causes == (CauseDetail(GapCause.load, centre="HOR", needed=2),)


def test_crew_hours_beyond_what_the_crew_gives_in_a_week_need_more_heads() -> None:
    # 80 crew-hours at 40 h a member: exactly two members; 82 crew-hours: three
    assert find_gaps(loaded(600)) == []
    gap = only_gap(loaded(615))
    assert (gap.needed, gap.available) == (3, 2)


def test_hours_per_member_is_an_input() -> None:
    assert only_gap(replace(loaded(600), hours_per_member=Decimal(20))).needed == 4


def test_crews_at_two_centres_add_up() -> None:
    glaze = Routing("LAD", "ESM", Decimal(1), crew_size=1, skill="CARGA", skill_level=3)
    gap = only_gap(loaded(30, BRICK, glaze))
    assert (gap.needed, gap.available) == (3, 2)
    assert gap.causes == (
        CauseDetail(GapCause.load, centre="ESM", needed=1),
        CauseDetail(GapCause.load, centre="HOR", needed=2),
    )


def test_lines_due_outside_the_horizon_load_nothing() -> None:
    assert find_gaps(replace(loaded(10_000, week=W51), holdings=())) == []


def test_routings_with_no_skill_or_no_crew_need_nobody() -> None:
    plain = Routing("LAD", "HOR", Decimal(4), crew_size=5)
    empty = Routing("LAD", "HOR", Decimal(4), crew_size=0, skill="CARGA", skill_level=3)
    assert find_gaps(replace(loaded(600, plain), holdings=())) == []
    assert find_gaps(replace(loaded(600, empty), holdings=())) == []


def test_a_plan_asked_for_with_no_crews_is_refused() -> None:
    plain = Routing("LAD", "HOR", Decimal(4), crew_size=5)
    with pytest.raises(TrainingError, match=r"Plan #2 Marzo v1 puts no crew on any skill"):
        find_gaps(loaded(600, plain, asked=True))


def test_a_plan_asked_for_with_no_line_in_the_horizon_is_refused() -> None:
    with pytest.raises(TrainingError, match=r"Plan #2 Marzo v1 has no line due from 2026-W49 to 2026-W49"):
        find_gaps(loaded(600, week=W51, asked=True))


def test_the_minimum_and_the_load_the_larger_counts() -> None:
    inputs = replace(loaded(615), requirements=(Requirement("HOR", "CARGA", 3, 2),))
    gap = only_gap(inputs)
    assert gap.needed == 3
    assert [c.cause for c in gap.causes] == [GapCause.load]  # the minimum of 2 is met


# --- (c) the bus-factor target ------------------------------------------------------------------


def test_the_target_applies_every_week_even_with_no_centre() -> None:
    inputs = plant(requirements=(), targets=(SkillTarget("CARGA", 3, 3),), weeks=2)
    gaps = find_gaps(inputs)
    assert [(g.week, g.needed, g.available) for g in gaps] == [(W49, 3, 2), (W50, 3, 2)]
    assert gaps[0].causes == (CauseDetail(GapCause.single_point, needed=3),)


def test_a_target_of_zero_asks_for_nobody() -> None:
    assert find_gaps(plant(requirements=(), targets=(SkillTarget("CARGA", 3, 0),), holdings=())) == []


# --- who is available -----------------------------------------------------------------------------


def test_a_certification_counts_until_the_day_before_it_expires_on_the_last_working_day() -> None:
    # HOR works Monday to Friday: the week is judged on Friday 2026-12-04
    valid = plant(
        holdings=(
            *holders("CARGA", 3, "0001"),
            *holders("CARGA", 3, "0002", expires_on=FRIDAY_49 + timedelta(days=1)),
        )
    )
    assert find_gaps(valid) == []
    lapsed = replace(
        valid, holdings=(*holders("CARGA", 3, "0001"), *holders("CARGA", 3, "0002", expires_on=FRIDAY_49))
    )
    gap = only_gap(lapsed)
    assert gap.available == 1
    assert gap.causes[-1] == CauseDetail(GapCause.lapse, "0002", FRIDAY_49)


def test_a_six_day_centre_is_judged_on_saturday() -> None:
    saturday = FRIDAY_49 + timedelta(days=1)
    inputs = plant(
        requirements=(Requirement("ESM", "CARGA", 3, 2),),
        holdings=(*holders("CARGA", 3, "0001"), *holders("CARGA", 3, "0002", expires_on=saturday)),
    )
    assert only_gap(inputs).causes[-1] == CauseDetail(GapCause.lapse, "0002", saturday)


def test_a_member_who_leaves_before_the_week_is_not_available() -> None:
    left = date(2026, 11, 20)
    workers = (Worker("0001"), Worker("0002", active=False, left_on=left))
    gap = only_gap(plant(workers=workers))
    assert gap.available == 1
    assert gap.causes[-1] == CauseDetail(GapCause.leaving, "0002", left)


def test_a_member_leaving_after_the_day_the_week_is_judged_on_still_counts() -> None:
    workers = (Worker("0001"), Worker("0002", left_on=FRIDAY_49 + timedelta(days=1)))
    assert find_gaps(plant(workers=workers)) == []
    workers = (Worker("0001"), Worker("0002", left_on=FRIDAY_49))
    assert only_gap(plant(workers=workers)).causes[-1] == CauseDetail(GapCause.leaving, "0002", FRIDAY_49)


def test_a_departure_over_a_year_ago_is_no_cause() -> None:
    workers = (Worker("0001"), Worker("0002", active=False, left_on=date(2025, 6, 1)))
    gap = only_gap(plant(workers=workers))
    assert gap.causes == (CauseDetail(GapCause.minimum, centre="HOR", needed=2),)


def test_an_inactive_member_with_no_date_is_not_available_and_not_named() -> None:
    gap = only_gap(plant(workers=(Worker("0001"), Worker("0002", active=False))))
    assert gap.available == 1 and len(gap.causes) == 1


def test_a_coordinators_term_takes_the_member_off_the_floor() -> None:
    term = TermAway("0002", "coordinator", date(2026, 12, 1))
    gap = only_gap(plant(terms=(term,)))
    assert gap.causes[-1] == CauseDetail(GapCause.rotation, "0002", date(2026, 12, 1))


def test_a_term_ended_before_the_day_or_starting_after_it_takes_nobody_away() -> None:
    ended = TermAway("0002", "coordinator", date(2025, 1, 1), FRIDAY_49 - timedelta(days=1))
    later = TermAway("0002", "coordinator", FRIDAY_49 + timedelta(days=1))
    assert find_gaps(plant(terms=(ended, later))) == []
    ending_that_day = TermAway("0002", "coordinator", date(2025, 1, 1), FRIDAY_49)
    assert only_gap(plant(terms=(ending_that_day,))).available == 1


@pytest.mark.parametrize("role", ["section_coordinator", "president", "secretary", "treasurer", "auditor"])
def test_other_rotating_roles_are_held_alongside_production(role: str) -> None:
    assert find_gaps(plant(terms=(TermAway("0002", role, date(2026, 1, 1)),))) == []


def test_which_roles_take_members_off_the_floor_is_an_input() -> None:
    inputs = plant(
        terms=(TermAway("0002", "treasurer", date(2026, 1, 1)),), off_floor_roles=frozenset({"treasurer"})
    )
    assert only_gap(inputs).available == 1


def test_absent_members_are_named_by_date_after_the_demand() -> None:
    workers = (Worker("0001", active=False, left_on=date(2026, 11, 24)), Worker("0002"), Worker("0003"))
    inputs = plant(
        workers=workers,
        holdings=(
            *holders("CARGA", 3, "0001"),
            *holders("CARGA", 3, "0002", expires_on=date(2026, 11, 1)),
            *holders("CARGA", 3, "0003"),
        ),
        terms=(TermAway("0003", "coordinator", date(2026, 6, 1)),),
        targets=(SkillTarget("CARGA", 3, 1),),
    )
    gap = only_gap(inputs)
    assert gap.available == 0
    assert gap.causes == (
        CauseDetail(GapCause.minimum, centre="HOR", needed=2),
        CauseDetail(GapCause.single_point, needed=1),
        CauseDetail(GapCause.rotation, "0003", date(2026, 6, 1)),
        CauseDetail(GapCause.lapse, "0002", date(2026, 11, 1)),
        CauseDetail(GapCause.leaving, "0001", date(2026, 11, 24)),
    )


# --- who can teach --------------------------------------------------------------------------------


def test_a_skill_nobody_can_teach_is_named() -> None:
    inputs = plant(holdings=holders("CARGA", 2, "0001", "0002"))
    gaps = find_gaps(inputs)
    assert untaught_skills(inputs, gaps) == ["CARGA"]
    assert untaught_skills(replace(inputs, outside_trainers=frozenset({"CARGA"})), gaps) == []


def test_one_member_at_level_3_can_teach_unless_lapsed_or_gone() -> None:
    inputs = plant(requirements=(Requirement("HOR", "CARGA", 3, 3),))
    gaps = find_gaps(inputs)
    assert untaught_skills(inputs, gaps) == []
    lapsed = replace(inputs, holdings=holders("CARGA", 3, "0001", "0002", expires_on=TODAY))
    assert untaught_skills(lapsed, gaps) == ["CARGA"]
    gone = replace(
        inputs, workers=(Worker("0001", active=False), Worker("0002", active=False, left_on=TODAY))
    )
    assert untaught_skills(gone, gaps) == ["CARGA"]


# --- properties -------------------------------------------------------------------------------------


@settings(max_examples=150, deadline=None)
@given(
    levels=st.lists(st.integers(0, 4), min_size=0, max_size=6),
    expiries=st.lists(st.one_of(st.none(), st.integers(-10, 30)), min_size=6, max_size=6),
    minimum=st.integers(1, 6),
    level=st.integers(1, 4),
    weeks=st.integers(1, 5),
)
def test_available_is_the_count_of_holders_at_the_level_valid_on_friday(
    levels: list[int], expiries: list[int | None], minimum: int, level: int, weeks: int
) -> None:
    held = tuple(
        Holding(f"{i:04d}", "CARGA", lv, None if e is None else TODAY + timedelta(days=e))
        for i, (lv, e) in enumerate(zip(levels, expiries, strict=False))
    )
    inputs = plant(
        workers=members(*(f"{i:04d}" for i in range(6))),
        holdings=held,
        requirements=(Requirement("HOR", "CARGA", level, minimum),),
        weeks=weeks,
    )
    gaps = {gap.week: gap for gap in find_gaps(inputs)}
    for week in horizon_weeks(W49, weeks, TODAY):
        friday = week + timedelta(days=4)
        available = sum(1 for h in held if h.level >= level and h.valid_on(friday))
        if available >= minimum:
            assert week not in gaps
        else:
            assert (gaps[week].needed, gaps[week].available) == (minimum, available)
            lapses = {c.member for c in gaps[week].causes if c.cause is GapCause.lapse}
            assert lapses == {h.member for h in held if h.level >= level and not h.valid_on(friday)}


def test_the_analysis_is_pure() -> None:
    import coop.training_plan as package

    folder = Path(package.__file__).parent
    for module in ("needs.py", "needs_data.py", "types.py", "crew_hours.py"):
        for name in imported_names(folder / module, from_package=False):
            if name.startswith("coop"):
                pure = ("coop.errors", "coop.i18n", "coop.plans.capacity", "coop.training.coverage")
                assert name.startswith((*pure, "coop.training_plan")), name
            else:
                assert name.split(".")[0] not in ("sqlalchemy", "time", "random", "os"), name
