"""Tests for coop.training.coverage: hand-computed cases, boundaries, properties, bad input."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal as D

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coop import i18n
from coop.errors import TrainingError
from coop.training.coverage import (
    EXPIRY_WINDOWS,
    Assessment,
    Attendance,
    CoverageStatus,
    CurrentLevel,
    Level,
    Prerequisite,
    SkillRequirement,
    Term,
    TermLimit,
    TrainingSession,
    check_prerequisites,
    coverage_risk,
    current_levels,
    expiring,
    expiring_by_window,
    is_in_training,
    is_qualified,
    level_label,
    member_levels,
    months_between,
    rotation_summary,
    skills_matrix,
    trainee_pipeline,
    training_hours,
)

# ana: WELD certified twice; PRESS independent, no expiry
# bea: KILN held at 3 without expiry, then certified at 4 until 2025-05-01
# cai: WELD supervised; PRESS planned exam in July (not yet a level)
# dan: WELD can train, certificate until 2025-09-01; KILN operates
HISTORY = (
    Assessment("ana", "WELD", Level.INDEPENDENT, date(2024, 1, 10), date(2025, 1, 10)),
    Assessment("ana", "WELD", Level.CAN_TRAIN, date(2024, 6, 1), date(2025, 6, 1)),
    Assessment("ana", "PRESS", Level.INDEPENDENT, date(2023, 3, 1)),
    Assessment("bea", "KILN", Level.INDEPENDENT, date(2024, 1, 1)),
    Assessment("bea", "KILN", Level.CAN_TRAIN, date(2024, 5, 1), date(2025, 5, 1)),
    Assessment("cai", "WELD", Level.SUPERVISED, date(2025, 2, 1)),
    Assessment("cai", "PRESS", Level.OPERATES, date(2025, 7, 1)),
    Assessment("dan", "WELD", Level.CAN_TRAIN, date(2023, 9, 1), date(2025, 9, 1)),
    Assessment("dan", "KILN", Level.OPERATES, date(2024, 11, 20)),
)
ON = date(2025, 5, 15)


# --------------------------------------------------------------------------- levels


def test_levels_and_labels():
    assert [int(level) for level in Level] == [0, 1, 2, 3, 4]
    assert [level.label for level in Level] == ["none", "supervised", "operates", "independent", "can train"]
    assert level_label(2) == "operates"


def test_level_labels_are_translated_when_asked(monkeypatch):
    class Marking:
        def gettext(self, message: str) -> str:
            return "[es] " + message

    monkeypatch.setattr(i18n, "_translation", Marking())
    assert Level.CAN_TRAIN.label == "[es] can train"


# --------------------------------------------------------------------------- current levels


def test_current_levels_by_hand():
    levels = current_levels(HISTORY, ON)
    assert list(levels) == [
        ("ana", "PRESS"),
        ("ana", "WELD"),
        ("bea", "KILN"),
        ("cai", "WELD"),
        ("dan", "KILN"),
        ("dan", "WELD"),
    ]  # cai's PRESS exam is after ON: not a level yet
    summary = {key: (int(c.level), c.expired) for key, c in levels.items()}
    assert summary == {
        ("ana", "PRESS"): (3, False),
        ("ana", "WELD"): (4, False),
        ("bea", "KILN"): (0, True),  # latest certificate lapsed on 2025-05-01
        ("cai", "WELD"): (1, False),
        ("dan", "KILN"): (2, False),
        ("dan", "WELD"): (4, False),
    }
    bea = levels[("bea", "KILN")]
    assert (bea.assessed_level, bea.expires_on, bea.assessment) == (
        Level.CAN_TRAIN,
        date(2025, 5, 1),
        HISTORY[4],
    )


def test_expiry_date_is_the_first_day_no_longer_valid():
    day_before = current_levels(HISTORY, date(2025, 5, 31))[("ana", "WELD")]
    expiry_day = current_levels(HISTORY, date(2025, 6, 1))[("ana", "WELD")]
    assert (day_before.level, day_before.expired) == (Level.CAN_TRAIN, False)
    assert (expiry_day.level, expiry_day.expired, expiry_day.assessed_level) == (
        Level.NONE,
        True,
        Level.CAN_TRAIN,
    )
    assert HISTORY[1].valid_on(date(2025, 5, 31)) and not HISTORY[1].valid_on(date(2025, 6, 1))


def test_an_expired_certificate_drops_to_none_not_to_an_older_level():
    # bea held KILN at 3 without expiry before; the lapsed level-4 certificate does not fall back to 3
    assert current_levels(HISTORY, date(2025, 4, 30))[("bea", "KILN")].level == Level.CAN_TRAIN
    assert current_levels(HISTORY, date(2025, 5, 1))[("bea", "KILN")].level == Level.NONE


def test_recertification_restores_the_level():
    renewed = (*HISTORY, Assessment("bea", "KILN", Level.INDEPENDENT, date(2025, 5, 10), date(2026, 5, 10)))
    current = current_levels(renewed, ON)[("bea", "KILN")]
    assert (current.level, current.expired) == (Level.INDEPENDENT, False)


def test_a_later_lower_assessment_replaces_a_higher_one():
    history = [
        Assessment("eva", "WELD", 3, date(2024, 1, 1)),
        Assessment("eva", "WELD", 2, date(2024, 6, 1)),
    ]
    assert current_levels(history, ON)[("eva", "WELD")].level == Level.OPERATES


def test_same_day_assessments_the_later_record_wins():
    history = [
        Assessment("eva", "WELD", 2, date(2024, 1, 1)),
        Assessment("eva", "WELD", 1, date(2024, 1, 1)),
    ]
    assert current_levels(history, ON)[("eva", "WELD")].level == Level.SUPERVISED
    assert current_levels(list(reversed(history)), ON)[("eva", "WELD")].level == Level.OPERATES


def test_an_assessment_counts_from_its_own_day():
    history = [Assessment("eva", "WELD", 2, ON)]
    assert current_levels(history, ON)[("eva", "WELD")].level == Level.OPERATES
    assert current_levels(history, ON - timedelta(days=1)) == {}


def test_member_levels_picks_one_member():
    levels = current_levels(HISTORY, ON)
    assert {skill: int(c.level) for skill, c in member_levels(levels, "dan").items()} == {
        "KILN": 2,
        "WELD": 4,
    }


# --------------------------------------------------------------------------- skills matrix


def test_skills_matrix_by_hand():
    matrix = skills_matrix(["dan", "ana", "bea", "cai"], ["WELD", "KILN", "PRESS"], HISTORY, ON)
    grid = [[(int(cell.level), cell.expired) for cell in row.cells] for row in matrix.rows]
    assert matrix.members == ("dan", "ana", "bea", "cai")  # the order given
    assert matrix.skills == ("WELD", "KILN", "PRESS")
    assert grid == [
        [(4, False), (2, False), (0, False)],  # dan
        [(4, False), (0, False), (3, False)],  # ana
        [(0, False), (0, True), (0, False)],  # bea: KILN expired
        [(1, False), (0, False), (0, False)],  # cai: PRESS exam still to come
    ]
    bea_kiln = matrix.rows[2].cell("KILN")
    assert (bea_kiln.assessed_level, bea_kiln.expires_on) == (Level.CAN_TRAIN, date(2025, 5, 1))
    assert matrix.level("ana", "PRESS") == Level.INDEPENDENT
    with pytest.raises(KeyError):
        matrix.level("zoe", "PRESS")


def test_skills_matrix_on_the_expiry_day():
    before = skills_matrix(["ana"], ["WELD"], HISTORY, date(2025, 5, 31)).rows[0].cells[0]
    on_the_day = skills_matrix(["ana"], ["WELD"], HISTORY, date(2025, 6, 1)).rows[0].cells[0]
    assert (before.level, before.expired) == (Level.CAN_TRAIN, False)
    assert (on_the_day.level, on_the_day.expired) == (Level.NONE, True)


def test_empty_matrix():
    matrix = skills_matrix([], ["WELD"], HISTORY, ON)
    assert matrix.rows == ()


# --------------------------------------------------------------------------- expiring


def test_expiring_within_windows_by_hand():
    on = date(2025, 4, 1)
    # bea KILN 2025-05-01 (30 days), ana WELD 2025-06-01 (61 days), dan WELD 2025-09-01 (153 days)
    assert [(e.member, e.skill, e.days_left) for e in expiring(HISTORY, on, 30)] == [("bea", "KILN", 30)]
    assert expiring(HISTORY, on, 29) == []
    assert [(e.member, e.days_left) for e in expiring(HISTORY, on, 90)] == [("bea", 30), ("ana", 61)]
    assert expiring(HISTORY, on, 90)[1].level == Level.CAN_TRAIN


def test_expiring_excludes_what_expired_today_and_renewed_certificates():
    assert expiring(HISTORY, date(2025, 5, 1), 90)[0].member == "ana"  # bea's expired today: not "expiring"
    renewed = (*HISTORY, Assessment("ana", "WELD", 4, date(2025, 5, 20), date(2026, 5, 20)))
    assert [e.member for e in expiring(renewed, date(2025, 5, 25), 30)] == []


def test_expiring_by_window_puts_each_in_its_first_window():
    buckets = expiring_by_window(HISTORY, date(2025, 4, 1))
    assert list(buckets) == list(EXPIRY_WINDOWS) == [30, 60, 90]
    assert [[e.member for e in bucket] for bucket in buckets.values()] == [["bea"], [], ["ana"]]
    assert expiring_by_window(HISTORY, date(2025, 4, 1), ()) == {}


def test_expiring_refuses_negative_days():
    with pytest.raises(TrainingError, match="zero or more"):
        expiring(HISTORY, ON, -1)


# --------------------------------------------------------------------------- training hours

SESSIONS = (
    TrainingSession("S1", "WELD", "dan", date(2025, 1, 15), D("3")),
    TrainingSession("S2", "KILN", "INTI (outside)", date(2025, 3, 31), D("2.5"), kind="theory"),
    TrainingSession("S3", "WELD", "dan", date(2024, 12, 31), D("4")),
)
ATTENDANCE = (
    Attendance("S1", "ana"),
    Attendance("S1", "bea", hours=D("2")),  # left early
    Attendance("S1", "cai", present=False),
    Attendance("S2", "ana"),
    Attendance("S3", "bea"),  # before the period
)


def test_training_hours_per_member_and_trainer_by_hand():
    hours = training_hours(SESSIONS, ATTENDANCE, (date(2025, 1, 1), date(2025, 3, 31)))
    assert [(r.who, r.hours, r.sessions) for r in hours.by_member] == [
        ("ana", D("5.5"), 2),
        ("bea", D("2"), 1),
    ]
    # a trainer's hours are the session's hours, however many attend
    assert [(r.who, r.hours, r.sessions) for r in hours.by_trainer] == [
        ("INTI (outside)", D("2.5"), 1),
        ("dan", D("3"), 1),
    ]
    assert (hours.member_hours, hours.trainer_hours) == (D("7.5"), D("5.5"))


def test_training_hours_period_is_inclusive_at_both_ends():
    last_day = training_hours(SESSIONS, ATTENDANCE, (date(2025, 3, 31), date(2025, 3, 31)))
    assert [r.who for r in last_day.by_member] == ["ana"]
    first_day = training_hours(SESSIONS, ATTENDANCE, (date(2024, 12, 31), date(2024, 12, 31)))
    assert [(r.who, r.hours) for r in first_day.by_member] == [("bea", D("4"))]
    assert training_hours(SESSIONS, ATTENDANCE, (date(2026, 1, 1), date(2026, 12, 31))).by_member == ()


def test_training_hours_bad_input():
    with pytest.raises(TrainingError, match="session S9, which does not exist"):
        training_hours(SESSIONS, [Attendance("S9", "ana")], (date(2025, 1, 1), date(2025, 3, 31)))
    with pytest.raises(TrainingError, match="before it starts"):
        training_hours(SESSIONS, ATTENDANCE, (date(2025, 3, 31), date(2025, 1, 1)))
    with pytest.raises(TrainingError, match="Session S1 is given twice"):
        training_hours([*SESSIONS, SESSIONS[0]], (), (date(2025, 1, 1), date(2025, 3, 31)))


@pytest.mark.parametrize("hours", [D(0), D("-1"), "abc"])
def test_session_hours_must_be_above_zero(hours):
    with pytest.raises(TrainingError):
        TrainingSession("S", "WELD", "dan", ON, hours)


def test_attendance_hours_cannot_be_negative():
    with pytest.raises(TrainingError, match="cannot be negative"):
        Attendance("S1", "ana", hours=D("-0.5"))
    assert Attendance("S1", "ana", hours="1.5").hours == D("1.5")


# --------------------------------------------------------------------------- coverage risk


def test_coverage_risk_by_hand():
    levels = current_levels(HISTORY, ON)
    report = coverage_risk(
        [
            SkillRequirement("WELD", 2),  # ana 4, dan 4 qualified at 3+: exactly the minimum
            SkillRequirement("KILN", 1),  # bea expired, dan at 2: nobody
            SkillRequirement("PRESS", 1, Level.OPERATES),  # ana 3
            SkillRequirement("WELD", 1, Level.SUPERVISED),  # ana, cai, dan
            SkillRequirement("PAINT", 0),  # nobody, but nobody is needed
        ],
        levels,
    )
    rows = [(r.skill, r.qualified, r.below_minimum, r.bus_factor, r.status, r.shortfall) for r in report]
    assert rows == [
        ("WELD", ("ana", "dan"), False, True, CoverageStatus.ONE_ABSENCE, 0),
        ("KILN", (), True, True, CoverageStatus.BELOW_MINIMUM, 1),
        ("PRESS", ("ana",), False, True, CoverageStatus.ONE_ABSENCE, 0),
        ("WELD", ("ana", "cai", "dan"), False, False, CoverageStatus.OK, 0),
        ("PAINT", (), False, False, CoverageStatus.OK, 0),
    ]
    assert report[0].qualified_count == 2


def test_bus_factor_boundary():
    def status(count: int, minimum: int) -> tuple[bool, bool]:
        levels = {(f"m{i}", "S"): Level.INDEPENDENT for i in range(count)}
        (row,) = coverage_risk([SkillRequirement("S", minimum)], levels)
        return row.below_minimum, row.bus_factor

    assert status(3, 2) == (False, False)  # one absence leaves 2: fine
    assert status(2, 2) == (False, True)  # one absence leaves 1 < 2
    assert status(1, 2) == (True, True)
    assert status(1, 0) == (False, False)


def test_coverage_risk_accepts_plain_levels_and_refuses_bad_minimum():
    (row,) = coverage_risk([SkillRequirement("S", 1, 4)], {("a", "S"): 4, ("b", "S"): 3})
    assert row.qualified == ("a",) and row.qualifying_level is Level.CAN_TRAIN
    with pytest.raises(TrainingError, match="zero or more"):
        SkillRequirement("S", -1)


# --------------------------------------------------------------------------- trainee pipeline


def test_trainee_pipeline_by_hand():
    levels = current_levels(HISTORY, ON)
    at_level_3 = [SkillRequirement(skill, 0, Level.INDEPENDENT) for skill in ("KILN", "PRESS", "WELD")]
    assert [(p.skill, p.supervised, p.operates) for p in trainee_pipeline(levels, at_level_3)] == [
        ("KILN", (), ("dan",)),
        ("PRESS", (), ()),
        ("WELD", ("cai",), ()),
    ]
    chosen = trainee_pipeline(levels, [SkillRequirement("PRESS", 0), SkillRequirement("WELD", 0)])
    assert [(p.skill, p.members) for p in chosen] == [("PRESS", ()), ("WELD", ("cai",))]


def test_qualified_and_in_training_follow_the_skills_own_qualifying_level():
    """The rule, for every level and every qualifying level: a member is qualified at the skill's
    qualifying level or above, in training above level 0 but below it, and never both."""
    for qualifying in (1, 2, 3, 4):
        for level in Level:
            assert is_qualified(level, qualifying) == (level >= qualifying)
            assert is_in_training(level, qualifying) == (0 < level < qualifying)
            assert not (is_qualified(level, qualifying) and is_in_training(level, qualifying))
            assert is_qualified(level, qualifying) or is_in_training(level, qualifying) or level == 0


@settings(max_examples=200, deadline=None)
@given(
    levels=st.dictionaries(
        st.tuples(st.sampled_from(["ana", "bea", "cai", "dan"]), st.sampled_from(["A", "B"])),
        st.integers(0, 4),
    ),
    qualifying=st.tuples(st.integers(1, 4), st.integers(1, 4)),
)
def test_coverage_and_pipeline_agree_on_who_is_qualified(levels, qualifying):
    """Every report reads one definition: the coverage's qualified members and the pipeline's
    trainees are those the rule names, whatever level each skill asks for."""
    requirements = [SkillRequirement("A", 1, qualifying[0]), SkillRequirement("B", 1, qualifying[1])]
    at = {r.skill: r.qualifying_level for r in requirements}
    covered = {c.skill: set(c.qualified) for c in coverage_risk(requirements, levels)}
    trainees = {p.skill: set(p.members) for p in trainee_pipeline(levels, requirements)}
    for skill in ("A", "B"):
        mine = {member: level for (member, s), level in levels.items() if s == skill}
        assert covered[skill] == {m for m, level in mine.items() if level >= at[skill]}
        assert trainees[skill] == {m for m, level in mine.items() if 0 < level < at[skill]}


def test_pipeline_of_a_skill_qualifying_at_level_2_lists_only_level_1():
    """SEG-EPP counts level 2 as qualified: its level-2 members are not "in training"."""
    levels = {("ana", "EPP"): 2, ("bea", "EPP"): 1, ("cai", "EPP"): 3, ("dan", "EPP"): 2}
    [pipeline] = trainee_pipeline(levels, [SkillRequirement("EPP", 3, Level.OPERATES)])
    assert (pipeline.supervised, pipeline.operates, pipeline.independent) == (("bea",), (), ())
    [at_four] = trainee_pipeline(levels, [SkillRequirement("EPP", 3, Level.CAN_TRAIN)])
    assert (at_four.supervised, at_four.operates, at_four.independent) == (
        ("bea",),
        ("ana", "dan"),
        ("cai",),
    )


# --------------------------------------------------------------------------- prerequisites

PREREQUISITES = (
    Prerequisite("KILN", "PRESS", Level.OPERATES),
    Prerequisite("KILN", "WELD", Level.SUPERVISED),
    Prerequisite("GLAZE", "KILN", Level.INDEPENDENT),
)


def test_prerequisites_met():
    levels = member_levels(current_levels(HISTORY, ON), "ana")  # PRESS 3, WELD 4
    assert check_prerequisites("KILN", PREREQUISITES, levels, "ana") == []


def test_prerequisites_unmet_with_messages():
    levels = member_levels(current_levels(HISTORY, ON), "cai")  # WELD 1, PRESS not yet
    (problem,) = check_prerequisites("KILN", PREREQUISITES, levels, "cai")
    assert (problem.requires, problem.min_level, problem.current_level, problem.expired) == (
        "PRESS",
        Level.OPERATES,
        Level.NONE,
        False,
    )
    assert problem.message == (
        "cai needs PRESS at level 2 (operates) before training in KILN; current level: 0 (none)."
    )


def test_an_expired_prerequisite_is_unmet_and_says_so():
    levels = member_levels(current_levels(HISTORY, ON), "bea")
    (problem,) = check_prerequisites("GLAZE", PREREQUISITES, levels, "bea")
    assert problem.expired and problem.current_level == Level.NONE
    assert problem.message.endswith("the certification in KILN expired on 2025-05-01.")


def test_prerequisites_with_plain_levels_and_no_member_name():
    problems = check_prerequisites("KILN", PREREQUISITES, {"PRESS": 1, "WELD": 0})
    assert [p.requires for p in problems] == ["PRESS", "WELD"]
    assert problems[0].message.startswith("The member needs PRESS")
    assert check_prerequisites("PAINT", PREREQUISITES, {}) == []
    with pytest.raises(TrainingError, match="its own prerequisite"):
        Prerequisite("KILN", "KILN", 1)


# --------------------------------------------------------------------------- rotation

TERMS = (
    Term("coordinator", "ana", date(2022, 1, 1), date(2022, 12, 31), "M-2021-14"),
    Term("coordinator", "ana", date(2023, 1, 1), date(2023, 12, 31), "M-2022-30"),
    Term("coordinator", "bea", date(2024, 1, 1), None, "M-2023-41"),
    Term("treasurer", "cai", date(2023, 7, 1), date(2024, 6, 30)),
    Term("coordinator", "dan", date(2025, 1, 1), None, "M-2024-50"),  # elected, starts later
)
TODAY = date(2024, 6, 30)
POOL = ("ana", "bea", "cai", "dan")


def test_months_between():
    assert months_between(date(2024, 1, 1), date(2025, 1, 1)) == 12
    assert months_between(date(2024, 1, 31), date(2024, 2, 29)) == 0
    assert months_between(date(2024, 1, 31), date(2024, 3, 1)) == 1
    assert months_between(date(2024, 5, 1), date(2024, 1, 1)) == 0


def test_rotation_summary_by_hand():
    coordinator, treasurer = rotation_summary(TERMS, TODAY, members=POOL, limit=TermLimit(max_terms=2))
    assert coordinator.role == "coordinator"
    held = [
        (t.member, t.terms, t.days, t.months, t.current, t.last_end, t.reached_limit)
        for t in coordinator.holders
    ]
    assert held == [
        ("ana", 2, 730, 24, False, date(2023, 12, 31), True),  # two full years, ends inclusive
        ("bea", 1, 182, 6, True, None, False),  # 1 Jan to 30 Jun 2024 inclusive
    ]
    assert coordinator.holders[0].motions == ("M-2021-14", "M-2022-30")
    assert coordinator.current == ("bea",)
    assert coordinator.at_limit == ("ana",)
    assert coordinator.eligible == ("cai", "dan", "bea")  # never held first, then least served
    assert treasurer.current == ("cai",)  # a term ending today is still current
    assert treasurer.eligible == ("ana", "bea", "dan", "cai")  # cai has 1 term of 2: eligible, last


def test_rotation_limit_in_months_and_per_role():
    by_months = rotation_summary(TERMS, TODAY, members=POOL, limit=TermLimit(max_months=6))
    assert by_months[0].at_limit == ("ana", "bea")
    assert by_months[0].eligible == ("cai", "dan")
    per_role = rotation_summary(TERMS, TODAY, members=POOL, limit={"treasurer": TermLimit(max_terms=1)})
    assert per_role[0].limit is None and per_role[0].eligible == ("cai", "dan", "bea", "ana")
    assert per_role[1].eligible == ("ana", "bea", "dan")


def test_rotation_without_pool_or_limit_and_with_new_roles():
    (coordinator,) = rotation_summary(TERMS, TODAY, roles=["coordinator"])
    assert coordinator.eligible == ("bea", "ana")  # holders only, least served first
    (secretary,) = rotation_summary(TERMS, TODAY, members=POOL, roles=["secretary"])
    assert (secretary.holders, secretary.eligible) == ((), POOL)


def test_rotation_ignores_terms_that_have_not_started():
    (coordinator, _treasurer) = rotation_summary(TERMS, date(2025, 1, 1))
    assert coordinator.current == ("bea", "dan")
    assert rotation_summary(TERMS, date(2021, 12, 31)) == []


def test_rotation_bad_input():
    with pytest.raises(TrainingError, match="before it starts"):
        Term("coordinator", "ana", date(2024, 1, 1), date(2023, 12, 31))
    with pytest.raises(TrainingError, match="at least 1"):
        TermLimit(max_terms=0)


# --------------------------------------------------------------------------- bad input


@pytest.mark.parametrize("level", [5, -1, "3", 2.0, True])
def test_assessment_level_must_be_0_to_4(level):
    with pytest.raises(TrainingError, match="from 0 to 4"):
        Assessment("ana", "WELD", level, ON)


def test_assessment_cannot_expire_before_it_starts():
    with pytest.raises(TrainingError, match="before it starts"):
        Assessment("ana", "WELD", 2, ON, ON)
    assert Assessment("ana", "WELD", 2, ON).level is Level.OPERATES


# --------------------------------------------------------------------------- properties

MEMBERS = ["m1", "m2", "m3"]
SKILLS = ["S1", "S2"]
START = date(2024, 1, 1)
days = st.integers(0, 800)


@st.composite
def assessments(draw):
    assessed = START + timedelta(days=draw(days))
    validity = draw(st.one_of(st.none(), st.integers(1, 400)))
    return Assessment(
        draw(st.sampled_from(MEMBERS)),
        draw(st.sampled_from(SKILLS)),
        draw(st.integers(0, 4)),
        assessed,
        None if validity is None else assessed + timedelta(days=validity),
    )


histories = st.lists(assessments(), max_size=12)


@given(histories, days, st.data())
@settings(max_examples=300)
def test_adding_a_higher_unexpired_assessment_never_lowers_a_level(history, offset, data):
    on = START + timedelta(days=offset)
    member, skill = data.draw(st.sampled_from(MEMBERS)), data.draw(st.sampled_from(SKILLS))
    before = current_levels(history, on).get((member, skill), CurrentLevel(member, skill))
    level = data.draw(st.integers(int(before.level), 4))
    assessed = on - timedelta(days=data.draw(st.integers(0, offset)))
    validity = data.draw(
        st.one_of(st.none(), st.integers((on - assessed).days + 1, (on - assessed).days + 400))
    )
    extra = Assessment(
        member, skill, level, assessed, None if validity is None else assessed + timedelta(validity)
    )
    assert extra.valid_on(on)
    after_levels = current_levels([*history, extra], on)
    assert after_levels[(member, skill)].level >= before.level
    for key, current in current_levels(history, on).items():  # other pairs are untouched
        if key != (member, skill):
            assert after_levels[key] == current


@given(histories, days)
def test_current_level_is_the_latest_or_none_if_it_lapsed(history, offset):
    on = START + timedelta(days=offset)
    for (member, skill), current in current_levels(history, on).items():
        relevant = [a for a in history if (a.member, a.skill) == (member, skill) and a.assessed_on <= on]
        latest_day = max(a.assessed_on for a in relevant)
        assert current.assessed_on == latest_day
        assert current.assessment in relevant
        if current.expired:
            assert current.level == Level.NONE and current.expires_on <= on
        else:
            assert current.level == current.assessed_level


@given(histories, days)
def test_matrix_agrees_with_current_levels(history, offset):
    on = START + timedelta(days=offset)
    levels = current_levels(history, on)
    matrix = skills_matrix(MEMBERS, SKILLS, history, on)
    for row in matrix.rows:
        for cell in row.cells:
            current = levels.get((row.member, cell.skill), CurrentLevel(row.member, cell.skill))
            assert (cell.level, cell.expired) == (current.level, current.expired)


@given(histories, days, st.integers(0, 120), st.integers(0, 120))
def test_a_wider_window_never_finds_fewer(history, offset, narrow, wide):
    on = START + timedelta(days=offset)
    narrow, wide = sorted((narrow, wide))
    small = {(e.member, e.skill) for e in expiring(history, on, narrow)}
    large = {(e.member, e.skill) for e in expiring(history, on, wide)}
    assert small <= large
    for item in expiring(history, on, wide):
        assert 0 < item.days_left <= wide
        assert current_levels(history, on)[(item.member, item.skill)].expired is False


@given(
    st.dictionaries(st.tuples(st.sampled_from(MEMBERS), st.sampled_from(SKILLS)), st.integers(0, 4)),
    st.integers(0, 4),
    st.integers(0, 4),
)
def test_qualified_count_and_bus_factor_rules(levels, minimum, qualifying):
    rows = coverage_risk([SkillRequirement(skill, minimum, qualifying) for skill in SKILLS], levels)
    for row in rows:
        expected = sorted(m for (m, s), level in levels.items() if s == row.skill and level >= qualifying)
        assert list(row.qualified) == expected
        assert row.below_minimum == (len(expected) < minimum)
        assert row.bus_factor == (minimum > 0 and len(expected) - 1 < minimum)
        raised = {key: 4 for key in levels}  # raising every level never loses anyone
        (again,) = coverage_risk([SkillRequirement(row.skill, minimum, qualifying)], raised)
        assert set(row.qualified) <= set(again.qualified)
