"""The proposal's rules hold for any inputs, and the same inputs in any order give the same proposal."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from coop.training_plan.proposal import propose
from coop.training_plan.proposal_inputs import (
    Closure,
    Member,
    OutsideTrainer,
    Proposal,
    Settings,
    Skill,
    Status,
)
from coop.training_plan.types import Gap

MONDAY = date(2027, 1, 4)
SKILLS = ("kiln", "glaze", "press")
CENTRES = ("HOR", "ESM")


@dataclass(frozen=True)
class Case:
    gaps: list[Gap]
    members: list[Member]
    skills: list[Skill]
    settings: Settings
    outside: list[OutsideTrainer]
    closures: list[Closure]

    def run(self) -> Proposal:
        return propose(self.gaps, self.members, self.skills, self.settings, self.outside, self.closures)


weeks = st.integers(0, 7).map(lambda n: MONDAY + timedelta(weeks=n))


@st.composite
def members(draw: st.DrawFn, reference: str) -> Member:
    levels = tuple((s, draw(st.integers(0, 4))) for s in SKILLS if draw(st.booleans()))
    hours = tuple(
        (MONDAY + timedelta(weeks=w), Decimal(draw(st.integers(0, 44))))
        for w in range(8)
        if draw(st.booleans())
    )
    return Member(
        reference,
        f"Name {reference}",
        levels,
        hours,
        past_picks=draw(st.integers(0, 3)),
        teaching_cap=Decimal(draw(st.sampled_from([2, 4, 8, 12]))),
        leaves_on=draw(st.none() | weeks),
    )


@st.composite
def gaps_drawn(draw: st.DrawFn) -> Gap:
    available = draw(st.integers(0, 2))
    needed = available + draw(st.integers(0, 3))
    return Gap(draw(st.sampled_from(SKILLS)), draw(st.integers(1, 4)), draw(weeks), needed, available, ())


@st.composite
def cases(draw: st.DrawFn) -> Case:
    count = draw(st.integers(1, 9))
    people = [draw(members(f"{n:04d}")) for n in range(1, count + 1)]
    skills = [
        Skill(
            code,
            code.title(),
            tuple((r, draw(st.integers(1, 3))) for r in SKILLS if r != code and draw(st.integers(0, 3)) == 0),
            tuple(c for c in CENTRES if draw(st.booleans())),
        )
        for code in SKILLS
    ]
    gaps = draw(st.lists(gaps_drawn(), max_size=5))
    rules = Settings(
        first_week=MONDAY,
        hours_per_level=draw(st.sampled_from([4, 6, 8])),
        sessions_per_level=draw(st.integers(1, 3)),
        max_trainees=draw(st.integers(1, 4)),
        weekly_hours_cap=draw(st.sampled_from([40, 44])),
        working_days=draw(st.integers(1, 5)),
    )
    outside = [OutsideTrainer("INTI", tuple(s for s in SKILLS if draw(st.booleans())), Decimal(4))]
    closures = [
        Closure(MONDAY + timedelta(days=d), draw(st.none() | st.sampled_from(CENTRES)))
        for d in draw(st.sets(st.integers(0, 55), max_size=12))
    ]
    return Case(gaps, people, skills, rules, outside if draw(st.booleans()) else [], closures)


def _week(day: date) -> date:
    return day - timedelta(days=day.weekday())


@given(cases())
@settings(max_examples=300, deadline=None)
def test_every_rule_holds(case: Case) -> None:
    proposal = case.run()
    rules = case.settings
    by_ref = {m.reference: m for m in case.members}
    skill = {s.code: s for s in case.skills}
    closed = set(case.closures)
    seen: set[tuple[str, date]] = set()
    load: defaultdict[tuple[str, date], Decimal] = defaultdict(Decimal)
    teaching: defaultdict[tuple[str, date], Decimal] = defaultdict(Decimal)
    steps: defaultdict[tuple[str, str, int], list[int]] = defaultdict(list)
    assert [s.number for s in proposal.sessions] == list(range(1, len(proposal.sessions) + 1))
    for s in proposal.sessions:
        assert s.day >= rules.first_week and s.day.weekday() < rules.working_days
        assert Closure(s.day) not in closed
        assert all(Closure(s.day, c) not in closed for c in skill[s.skill].centres)
        assert 1 <= len(s.trainees) <= rules.max_trainees and s.hours == rules.session_hours
        for person in (*s.trainees, s.trainer):
            assert (person, s.day) not in seen  # nobody twice on one day
            seen.add((person, s.day))
            if person in by_ref:
                load[person, s.week] += s.hours
        teaching[s.trainer, s.week] += s.hours
        if s.outside:
            outsider = next(o for o in case.outside if o.name == s.trainer)
            assert s.skill in outsider.skills and teaching[s.trainer, s.week] <= outsider.hours_cap
        else:
            trainer = by_ref[s.trainer]
            assert trainer.level(s.skill) >= max(s.level, rules.teaching_level)
            assert teaching[s.trainer, s.week] <= trainer.teaching_cap
        for ref in s.trainees:
            assert by_ref[ref].level(s.skill) < s.level
            steps[ref, s.skill, s.level].append(s.number)
    for (ref, week), hours in load.items():
        assert by_ref[ref].planned(week) + hours <= rules.weekly_hours_cap
    for numbers in steps.values():
        assert len(numbers) == rules.sessions_per_level
    trained: set[tuple[str, str]] = set()
    for outcome in proposal.outcomes:
        gap = outcome.gap
        trained |= {(ref, gap.skill) for ref in outcome.trainees}
        assert len(outcome.trainees) + outcome.still_short == gap.short
        assert (outcome.status is Status.closed) == (gap.short > 0 and outcome.still_short == 0)
        assert (outcome.reason is None) == (outcome.still_short == 0)
        if outcome.status is Status.none:
            assert gap.short == 0 and outcome.trainees == ()
        for ref in outcome.trainees:
            member = by_ref[ref]
            assert member.level(gap.skill) < gap.level
            assert all(member.level(r) >= lv for r, lv in skill[gap.skill].prerequisites)
            assert member.leaves_on is None or member.leaves_on > gap.week
            last = [proposal.session(n) for n in steps[ref, gap.skill, gap.level]]
            assert last and all(s.number in outcome.sessions for s in last)
            assert max(s.week for s in last) < gap.week
        if outcome.trainees:
            assert outcome.closes_in is not None and outcome.closes_in < gap.week
    # nobody is trained who does not cover a gap
    assert {(ref, s.skill) for s in proposal.sessions for ref in s.trainees} <= trained


@given(cases(), st.randoms(use_true_random=False))
@settings(max_examples=150, deadline=None)
def test_same_inputs_in_any_order_give_the_same_proposal(case: Case, random: object) -> None:
    lists = [list(case.gaps), list(case.members), list(case.skills), list(case.outside), list(case.closures)]
    for part in lists:
        random.shuffle(part)  # type: ignore[attr-defined]
    shuffled = Case(lists[0], lists[1], lists[2], case.settings, lists[3], lists[4])
    assert shuffled.run() == case.run()
