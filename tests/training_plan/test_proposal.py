"""The proposed training plan, rule by rule (the rules of coop.training_plan.proposal's docstring)."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from coop.training_plan import proposal as proposal_module
from coop.training_plan.proposal import propose
from coop.training_plan.proposal_inputs import (
    Closure,
    Member,
    OutsideTrainer,
    Proposal,
    Reason,
    Settings,
    Skill,
    Status,
)
from coop.training_plan.types import CauseDetail, Gap, GapCause
from tests.imports import imported_names

MONDAY = date(2027, 1, 4)  # ISO week 2027-W01


def week(n: int) -> date:
    """The Monday of ISO week ``n`` of 2027."""
    return MONDAY + timedelta(weeks=n - 1)


KILN = Skill("kiln", "kiln operation", centres=("HOR",))
SETTINGS = Settings(first_week=week(1))
ZOFIA = Member("0002", "Zofia Łukasiewicz", (("kiln", 4),))


def gap(skill: str = "kiln", level: int = 3, opens: int = 5, short: int = 1, *causes: CauseDetail) -> Gap:
    return Gap(skill, level, week(opens), needed=short + 1, available=1, causes=causes)


def trainee(ref: str, level: int = 2, **kwargs: object) -> Member:
    return Member(ref, f"Member {ref}", (("kiln", level),), **kwargs)  # type: ignore[arg-type]


def plan(gaps: list[Gap], members: list[Member], **kwargs: object) -> Proposal:
    skills = kwargs.pop("skills", [KILN])
    settings = kwargs.pop("settings", SETTINGS)
    return propose(gaps, members, skills, settings, **kwargs)  # type: ignore[arg-type]


# Rule 1: a step is sessions_per_level sessions of hours_per_level / sessions_per_level hours, one trainer


def test_step_default_is_two_sessions_of_four_hours_with_one_trainer_on_distinct_days() -> None:
    proposal = plan([gap()], [ZOFIA, trainee("0010")])
    assert [(s.level, s.hours, s.trainer, s.trainees) for s in proposal.sessions] == [
        (3, Decimal(4), "0002", ("0010",)),
        (3, Decimal(4), "0002", ("0010",)),
    ]
    assert len({s.day for s in proposal.sessions}) == 2
    assert proposal.outcomes[0].sessions == (1, 2)


def test_step_follows_the_settings() -> None:
    settings = Settings(first_week=week(1), hours_per_level=6, sessions_per_level=3)
    proposal = plan([gap()], [ZOFIA, trainee("0010")], settings=settings)
    assert [s.hours for s in proposal.sessions] == [Decimal(2)] * 3


def test_step_two_levels_below_takes_two_steps_the_second_after_the_first_week() -> None:
    proposal = plan([gap(opens=6)], [ZOFIA, trainee("0010", level=1)])
    levels = [(s.level, s.week) for s in proposal.sessions]
    assert [lv for lv, _w in levels] == [2, 2, 3, 3]
    assert max(w for lv, w in levels if lv == 2) < min(w for lv, w in levels if lv == 3)
    assert proposal.outcomes[0].closes_in == week(2)


# Rule 2: sessions before the week the gap opens; certified in week w covers from w + 1


def test_gap_closes_in_the_week_of_the_last_session_before_it_opens() -> None:
    proposal = plan([gap(opens=2)], [ZOFIA, trainee("0010")])
    outcome = proposal.outcomes[0]
    assert outcome.status is Status.closed and outcome.closes_in == week(1)
    assert all(s.week < week(2) for s in proposal.sessions)


def test_gap_opening_in_the_first_week_has_no_time() -> None:
    proposal = plan([gap(opens=1)], [ZOFIA, trainee("0010")])
    assert proposal.sessions == ()
    assert (proposal.outcomes[0].status, proposal.outcomes[0].reason) == (Status.open, Reason.no_time)


def test_gap_two_levels_away_with_one_week_left_has_no_time() -> None:
    proposal = plan([gap(opens=2)], [ZOFIA, trainee("0010", level=1)])
    assert proposal.outcomes[0].reason is Reason.no_time


# Rule 3: closures, working days, one session a day per person


def test_closures_of_the_plant_and_of_the_skills_centre_are_skipped_others_not() -> None:
    closures = [
        Closure(week(1)),
        Closure(week(1) + timedelta(days=1), "HOR"),
        Closure(week(1) + timedelta(2), "ESM"),
    ]
    proposal = plan([gap()], [ZOFIA, trainee("0010")], closures=closures)
    assert [s.day for s in proposal.sessions] == [week(1) + timedelta(days=2), week(1) + timedelta(days=3)]


def test_a_closed_fortnight_before_the_gap_leaves_no_time() -> None:
    closures = [Closure(week(1) + timedelta(days=d)) for d in range(14)]
    proposal = plan([gap(opens=3)], [ZOFIA, trainee("0010")], closures=closures)
    assert proposal.outcomes[0].reason is Reason.no_time


def test_sessions_only_on_working_days() -> None:
    settings = Settings(first_week=week(1), working_days=1)  # Mondays only
    proposal = plan([gap()], [ZOFIA, trainee("0010")], settings=settings)
    assert [s.day for s in proposal.sessions] == [week(1), week(2)]


def test_nobody_is_at_two_sessions_on_one_day() -> None:
    glaze = Skill("glaze", "glazing")
    members = [ZOFIA, Member("0003", "Ines", (("glaze", 4),)), trainee("0010")]
    members[2] = Member("0010", "Ramón", (("kiln", 2), ("glaze", 2)))
    proposal = plan([gap(), gap("glaze")], members, skills=[KILN, glaze])
    days = [(s.day, ref) for s in proposal.sessions for ref in (*s.trainees, s.trainer)]
    assert len(days) == len(set(days)) and len(proposal.sessions) == 4


# Rule 4: trainers


def test_trainer_below_the_teaching_level_is_no_trainer() -> None:
    members = [Member("0002", "Two", (("kiln", 2),)), trainee("0010", level=1)]
    proposal = plan([gap(level=2)], members)
    assert proposal.outcomes[0].reason is Reason.no_trainer


def test_trainer_teaches_no_level_above_their_own_but_an_outside_trainer_may() -> None:
    members = [Member("0002", "Three", (("kiln", 3),)), trainee("0010", level=3)]
    assert plan([gap(level=4)], members).outcomes[0].reason is Reason.no_trainer
    outside = [OutsideTrainer("INTI", ("kiln",))]
    proposal = plan([gap(level=4)], members, outside_trainers=outside)
    assert {(s.trainer, s.outside) for s in proposal.sessions} == {("INTI", True)}


def test_member_trainer_comes_before_an_outside_trainer() -> None:
    proposal = plan([gap()], [ZOFIA, trainee("0010")], outside_trainers=[OutsideTrainer("INTI", ("kiln",))])
    assert {s.trainer for s in proposal.sessions} == {"0002"}


def test_trainer_hours_cap_spreads_the_sessions_over_weeks() -> None:
    zofia = Member("0002", "Zofia", (("kiln", 4),), teaching_cap=Decimal(4))
    proposal = plan([gap()], [zofia, trainee("0010")])
    assert [s.week for s in proposal.sessions] == [week(1), week(2)]


def test_trainer_at_the_cap_everywhere_is_busy() -> None:
    zofia = Member("0002", "Zofia", (("kiln", 4),), teaching_cap=Decimal(4))
    members = [zofia, trainee("0010"), trainee("0011")]
    settings = Settings(first_week=week(1), max_trainees=1)
    proposal = plan([gap(opens=3, short=2)], members, settings=settings)
    outcome = proposal.outcomes[0]
    assert (outcome.status, outcome.trainees, outcome.still_short) == (Status.partly, ("0010",), 1)
    assert outcome.reason is Reason.trainer_busy


def test_trainer_load_counts_their_planned_hours() -> None:
    zofia = Member("0002", "Zofia", (("kiln", 4),), planned_hours=((week(1), Decimal(40)),))
    proposal = plan([gap()], [zofia, trainee("0010")])
    assert all(s.week == week(2) for s in proposal.sessions)


def test_busy_trainers_take_turns_by_hours_taught() -> None:
    members = [ZOFIA, Member("0003", "Other", (("kiln", 3),)), trainee("0010"), trainee("0011")]
    settings = Settings(first_week=week(1), max_trainees=1)
    proposal = plan([gap(short=2)], members, settings=settings)
    assert Counter(s.trainer for s in proposal.sessions) == {"0002": 2, "0003": 2}


# Rule 5: candidates


def test_candidates_closest_to_the_level_first() -> None:
    members = [ZOFIA, trainee("0010", level=0), trainee("0011", level=2), trainee("0012", level=1)]
    assert plan([gap(opens=8)], members).outcomes[0].trainees == ("0011",)


def test_candidates_meet_the_prerequisites() -> None:
    kiln = Skill("kiln", "kiln operation", prerequisites=(("safety", 2),))
    ok = Member("0012", "Ok", (("kiln", 1), ("safety", 2)))
    members = [ZOFIA, trainee("0010"), Member("0011", "Low", (("kiln", 2), ("safety", 1))), ok]
    assert plan([gap(opens=8)], members, skills=[kiln]).outcomes[0].trainees == ("0012",)
    none = plan([gap(opens=8)], members[:3], skills=[kiln]).outcomes[0]
    assert (none.status, none.reason) == (Status.open, Reason.no_candidate)


def test_candidates_already_qualified_are_not_trained() -> None:
    proposal = plan([gap()], [ZOFIA, trainee("0010", level=3)])
    assert proposal.outcomes[0].reason is Reason.no_candidate and proposal.sessions == ()


def test_candidates_leaving_or_rotating_away_are_passed_over() -> None:
    leaving = trainee("0010", leaves_on=week(5))
    away = CauseDetail(GapCause.rotation, member="0011", on=week(5))
    members = [ZOFIA, leaving, trainee("0011"), trainee("0012"), trainee("0013", leaves_on=week(6))]
    rotating = Gap("kiln", 3, week(5), 3, 1, (away,))
    assert plan([rotating], members).outcomes[0].trainees == ("0012", "0013")


def test_fairness_fewer_past_picks_first_then_reference() -> None:
    members = [
        ZOFIA,
        trainee("0010", past_picks=2),
        trainee("0011", past_picks=1),
        trainee("0012", past_picks=1),
    ]
    assert plan([gap(short=2)], members).outcomes[0].trainees == ("0011", "0012")


def test_fairness_picks_spread_over_many_gaps() -> None:
    skills = [Skill(f"s{i:02d}", f"skill {i}") for i in range(12)]
    teacher = Member("0001", "T", tuple((s.code, 4) for s in skills), teaching_cap=Decimal(100))
    pool = [Member(f"00{n}", f"M{n}", tuple((s.code, 2) for s in skills)) for n in range(10, 14)]
    gaps = [Gap(s.code, 3, week(20), 2, 1, ()) for s in skills]
    settings = Settings(first_week=week(1), weekly_hours_cap=100)
    proposal = propose(gaps, [teacher, *pool], skills, settings)
    picked = Counter(ref for o in proposal.outcomes for ref in o.trainees)
    assert picked == {"0010": 3, "0011": 3, "0012": 3, "0013": 3}


# Rule 6: nobody overloaded


def test_overloaded_candidate_is_passed_over_for_the_next() -> None:
    busy = trainee("0010", planned_hours=tuple((week(w), Decimal(37)) for w in range(1, 6)))
    proposal = plan([gap()], [ZOFIA, busy, trainee("0011", level=2)])
    assert proposal.outcomes[0].trainees == ("0011",)


def test_overload_leaves_room_for_exactly_the_cap() -> None:
    loaded = trainee("0010", planned_hours=tuple((week(w), Decimal(36)) for w in range(1, 6)))
    proposal = plan([gap()], [ZOFIA, loaded])
    assert [s.week for s in proposal.sessions] == [week(1), week(2)]  # 36 + 4 = 40, not 36 + 8


def test_everyone_overloaded_is_the_reason() -> None:
    full = tuple((week(w), Decimal(40)) for w in range(1, 6))
    proposal = plan([gap()], [ZOFIA, trainee("0010", planned_hours=full)])
    assert (proposal.outcomes[0].status, proposal.outcomes[0].reason) == (Status.open, Reason.overloaded)


# Rule 7: exactly the shortfall


def test_exactly_the_shortfall_none_extra() -> None:
    members = [ZOFIA, *(trainee(f"00{n}") for n in range(10, 16))]
    proposal = plan([gap(short=3)], members)
    assert proposal.outcomes[0].trainees == ("0010", "0011", "0012")
    assert all(s.trainees == ("0010", "0011", "0012") for s in proposal.sessions)


def test_a_session_holds_at_most_max_trainees() -> None:
    members = [ZOFIA, *(trainee(f"00{n}") for n in range(10, 16))]
    proposal = plan([gap(short=6)], members)
    assert sorted(len(s.trainees) for s in proposal.sessions) == [2, 2, 4, 4]
    assert proposal.outcomes[0].status is Status.closed


def test_a_gap_over_several_weeks_is_closed_once() -> None:
    members = [ZOFIA, *(trainee(f"00{n}") for n in range(10, 16))]
    proposal = plan([gap(opens=7, short=2), gap(opens=5, short=2), gap(opens=6, short=3)], members)
    by_week = {o.gap.week: o.trainees for o in proposal.outcomes}
    assert by_week == {
        week(5): ("0010", "0011"),
        week(6): ("0010", "0011", "0012"),
        week(7): ("0010", "0011"),
    }
    assert len(proposal.sessions) == 4


def test_a_gap_with_no_shortfall_has_nothing_to_close() -> None:
    outcome = plan([Gap("kiln", 3, week(5), 2, 2, ())], [ZOFIA, trainee("0010")]).outcomes[0]
    assert (outcome.status, outcome.trainees, outcome.reason) == (Status.none, (), None)


# Rule 8: order of gaps


def test_the_earlier_gap_gets_the_earlier_days() -> None:
    zofia = Member("0002", "Zofia", (("kiln", 4),), teaching_cap=Decimal(8))
    members = [zofia, trainee("0010"), trainee("0011", level=1)]
    proposal = plan([gap(level=2, opens=9), gap(opens=3)], members)
    early = next(o for o in proposal.outcomes if o.gap.week == week(3))
    assert early.closes_in == week(1) and early.trainees == ("0010",)
    assert [o.gap.week for o in proposal.outcomes] == [week(3), week(9)]


def test_a_trainee_leaving_before_a_later_gap_does_not_close_it() -> None:
    members = [ZOFIA, trainee("0010", leaves_on=week(6)), trainee("0011")]
    proposal = plan([gap(opens=5), gap(opens=7)], members)
    assert [o.trainees for o in proposal.outcomes] == [("0010",), ("0011",)]


def test_a_trainee_already_at_a_lower_gaps_level_does_not_close_it() -> None:
    members = [ZOFIA, trainee("0010", level=1), trainee("0011", level=0)]
    proposal = plan([gap(level=3, opens=6), gap(level=1, opens=7)], members)
    assert [o.trainees for o in proposal.outcomes] == [("0010",), ("0011",)]


def test_the_proposal_modules_are_pure() -> None:
    folder = Path(proposal_module.__file__ or "").parent
    allowed = ("coop.formatting", "coop.i18n", "coop.training_plan.proposal", "coop.training_plan.types")
    for name in ("proposal", "proposal_inputs", "proposal_schedule", "proposal_words"):
        for imported in imported_names(folder / f"{name}.py", from_package=False):
            if imported.startswith("coop"):
                assert imported.startswith(allowed), f"{name} imports {imported}"
            else:
                assert imported.split(".")[0] not in ("sqlalchemy", "time", "random", "os"), imported


def test_member_trainer_comes_before_an_outside_trainer_who_taught_less() -> None:
    glaze = Skill("glaze", "glazing")
    zofia = Member("0002", "Zofia", (("kiln", 4), ("glaze", 4)), teaching_cap=Decimal(16))
    members = [zofia, trainee("0010"), Member("0011", "Glazer", (("glaze", 2),))]
    week_one_shut = [Closure(week(1) + timedelta(days=d), "HOR") for d in range(7)]
    outside = [OutsideTrainer("INTI", ("kiln",))]
    proposal = plan(
        [gap(), gap("glaze")], members, skills=[KILN, glaze], closures=week_one_shut, outside_trainers=outside
    )
    assert [(s.skill, s.trainer, s.week) for s in proposal.sessions if s.skill == "kiln"] == [
        ("kiln", "0002", week(2)),
        ("kiln", "0002", week(2)),
    ]


def test_settings_refuse_a_first_week_not_a_monday_and_empty_steps() -> None:
    with pytest.raises(ValueError, match="Monday"):
        Settings(first_week=week(1) + timedelta(days=1))
    with pytest.raises(ValueError, match="at least 1"):
        Settings(first_week=week(1), sessions_per_level=0)
    with pytest.raises(ValueError, match="working_days"):
        Settings(first_week=week(1), working_days=8)
