"""Decision rules: table-driven cases for every rule, ties, proxies, bad input, properties."""

from __future__ import annotations

from dataclasses import FrozenInstanceError
from fractions import Fraction

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from coop import i18n
from coop.errors import VoteError
from coop.rules.decisions import (
    Basis,
    Choice,
    DecisionRule,
    ObjectionStatus,
    TieRule,
    describe_rule,
    parse_decision_rule,
    parse_tie_rule,
    rule_basis,
)
from coop.votes.thresholds.arithmetic import votes_needed
from coop.votes.thresholds.decide import decide
from coop.votes.thresholds.inputs import Decision, Objection, VoteContext, VoteCount

R = DecisionRule


# --- the worked example from the brief -----------------------------------------------------


def test_decide_example_majority_cast_adopted() -> None:
    d = decide(R.MAJORITY_CAST, VoteCount(20, 15, 10), VoteContext(present=45))
    assert d.adopted
    assert (d.basis, d.basis_count, d.required) == (Basis.VOTES_CAST, 35, 18)
    assert (d.yes, d.no, d.abstain, d.tie) == (20, 15, 10, False)
    assert d.explanation == (
        "Adopted: 20 yes is a majority of the 35 votes cast (15 no, 10 abstaining); 18 were needed."
    )


def test_decide_example_majority_present_not_adopted() -> None:
    d = decide(R.MAJORITY_PRESENT, VoteCount(20, 15, 10), VoteContext(present=45))
    assert not d.adopted
    assert (d.basis, d.basis_count, d.required) == (Basis.PRESENT, 45, 23)
    assert d.explanation == (
        "Not adopted: 20 yes is not a majority of the 45 members present (15 no, 10 abstaining); "
        "23 were needed."
    )


# --- every rule, table-driven --------------------------------------------------------------

# rule, (yes, no, abstain), (present, active, proxies, proxies_count), adopted, required, basis_count
CASES = [
    # majority of votes cast: abstentions never count
    (R.MAJORITY_CAST, (1, 0, 0), (1, 10, 0, False), True, 1, 1),
    (R.MAJORITY_CAST, (0, 1, 0), (1, 10, 0, False), False, 1, 1),
    (R.MAJORITY_CAST, (2, 1, 40), (43, 50, 0, False), True, 2, 3),
    (R.MAJORITY_CAST, (18, 17, 0), (35, 50, 0, False), True, 18, 35),
    (R.MAJORITY_CAST, (17, 18, 0), (35, 50, 0, False), False, 18, 35),
    (R.MAJORITY_CAST, (0, 0, 0), (35, 50, 0, False), False, 1, 0),
    (R.MAJORITY_CAST, (0, 0, 12), (35, 50, 0, False), False, 1, 0),
    (R.MAJORITY_CAST, (10, 10, 5), (25, 50, 0, False), False, 11, 20),  # tie, fails by default
    # two thirds of votes cast
    (R.TWO_THIRDS_CAST, (20, 10, 5), (35, 50, 0, False), True, 20, 30),  # exactly 2/3
    (R.TWO_THIRDS_CAST, (19, 10, 5), (35, 50, 0, False), False, 20, 29),
    (R.TWO_THIRDS_CAST, (20, 11, 0), (35, 50, 0, False), False, 21, 31),  # 20.67 rounds up
    (R.TWO_THIRDS_CAST, (2, 1, 0), (3, 50, 0, False), True, 2, 3),
    (R.TWO_THIRDS_CAST, (1, 0, 30), (31, 50, 0, False), True, 1, 1),
    (R.TWO_THIRDS_CAST, (0, 0, 3), (3, 50, 0, False), False, 1, 0),
    (R.TWO_THIRDS_CAST, (10, 10, 0), (20, 50, 0, False), False, 14, 20),
    # majority of members present: abstentions and silent members weigh against
    (R.MAJORITY_PRESENT, (23, 0, 22), (45, 60, 0, False), True, 23, 45),
    (R.MAJORITY_PRESENT, (22, 0, 0), (45, 60, 0, False), False, 23, 45),  # 23 did not vote
    (R.MAJORITY_PRESENT, (21, 20, 0), (40, 60, 2, True), False, 22, 42),  # proxies enlarge the basis
    (R.MAJORITY_PRESENT, (21, 19, 0), (40, 60, 2, False), True, 21, 40),  # proxies not counted
    (R.MAJORITY_PRESENT, (0, 0, 0), (45, 60, 0, False), False, 23, 45),
    (R.MAJORITY_PRESENT, (1, 0, 0), (1, 60, 0, False), True, 1, 1),  # second call, one member
    # two thirds of members present
    (R.TWO_THIRDS_PRESENT, (30, 0, 15), (45, 60, 0, False), True, 30, 45),
    (R.TWO_THIRDS_PRESENT, (29, 1, 0), (45, 60, 0, False), False, 30, 45),
    (R.TWO_THIRDS_PRESENT, (28, 0, 0), (40, 60, 2, True), True, 28, 42),
    (R.TWO_THIRDS_PRESENT, (27, 0, 0), (40, 60, 0, False), True, 27, 40),  # 26.67 rounds up
    (R.TWO_THIRDS_PRESENT, (26, 0, 0), (40, 60, 0, False), False, 27, 40),
    # majority of all active members
    (R.MAJORITY_MEMBERS, (31, 0, 0), (31, 60, 0, False), True, 31, 60),
    (R.MAJORITY_MEMBERS, (30, 0, 0), (31, 60, 0, False), False, 31, 60),  # tie: exactly half
    (R.MAJORITY_MEMBERS, (29, 1, 1), (31, 60, 0, False), False, 31, 60),
    (R.MAJORITY_MEMBERS, (31, 0, 0), (None, 61, 0, False), True, 31, 61),
    # unanimity: abstentions do not break it
    (R.UNANIMITY, (12, 0, 0), (12, 60, 0, False), True, 12, 12),
    (R.UNANIMITY, (12, 0, 30), (42, 60, 0, False), True, 12, 12),
    (R.UNANIMITY, (1, 0, 41), (42, 60, 0, False), True, 1, 1),
    (R.UNANIMITY, (41, 1, 0), (42, 60, 0, False), False, 42, 42),
    (R.UNANIMITY, (0, 0, 5), (5, 60, 0, False), False, 1, 0),
    (R.UNANIMITY, (0, 0, 0), (5, 60, 0, False), False, 1, 0),
]


@pytest.mark.parametrize(("rule", "votes", "ctx", "adopted", "required", "basis_count"), CASES)
def test_decide_table(
    rule: DecisionRule,
    votes: tuple[int, int, int],
    ctx: tuple[int | None, int, int, bool],
    adopted: bool,
    required: int,
    basis_count: int,
) -> None:
    count = VoteCount(*votes)
    context = VoteContext(*ctx)
    d = decide(rule, count, context)
    assert d.adopted is adopted
    assert d.required == required
    assert d.basis_count == basis_count
    assert d.basis is rule_basis(rule)
    assert d.rule is rule
    assert votes_needed(rule, context, count) == required
    assert d.explanation.startswith("Adopted" if adopted else "Not adopted")
    assert d.explanation.endswith(".")


def test_decide_accepts_rule_as_text() -> None:
    d = decide("two_thirds_present", VoteCount(30, 15, 0), VoteContext(45), tie_rule="passes")
    assert d.rule is R.TWO_THIRDS_PRESENT
    assert d.tie_rule is TieRule.PASSES
    assert d.adopted


def test_decide_without_context_for_cast_rules() -> None:
    assert decide(R.MAJORITY_CAST, VoteCount(3, 2, 0)).adopted
    assert decide(R.UNANIMITY, VoteCount(3, 0, 9)).adopted


def test_decision_is_frozen() -> None:
    d = decide(R.MAJORITY_CAST, VoteCount(3, 2, 0))
    assert isinstance(d, Decision)
    with pytest.raises(FrozenInstanceError):
        d.adopted = False  # type: ignore[misc]


# --- the article is carried into the decision and its sentence -----------------------------


def test_decide_carries_article() -> None:
    d = decide(
        R.TWO_THIRDS_PRESENT,
        VoteCount(31, 10, 4),
        VoteContext(present=45),
        article="art. 53, Ley 20.337",
    )
    assert d.article == "art. 53, Ley 20.337"
    assert d.explanation == (
        "Adopted: 31 yes reaches two thirds of the 45 members present (10 no, 4 abstaining); "
        "30 were needed (art. 53, Ley 20.337)."
    )


def test_decide_blank_article_is_none() -> None:
    d = decide(R.MAJORITY_CAST, VoteCount(3, 2, 0), article="   ")
    assert d.article is None
    assert "(" not in d.explanation.split(";")[-1]


def test_decide_explanation_two_thirds_short() -> None:
    d = decide(R.TWO_THIRDS_CAST, VoteCount(19, 10, 5))
    assert d.explanation == (
        "Not adopted: 19 yes falls short of two thirds of the 29 votes cast (10 no, 5 abstaining); "
        "20 were needed."
    )


def test_decide_explanation_nobody_voted() -> None:
    d = decide(R.MAJORITY_CAST, VoteCount(0, 0, 7), VoteContext(present=7))
    assert d.explanation == (
        "Not adopted: nobody voted yes or no (7 abstaining), and at least one yes vote is needed."
    )
    assert not d.tie


def test_decide_explanation_unanimity() -> None:
    yes = decide(R.UNANIMITY, VoteCount(12, 0, 3), article="art. 12 of the bylaws")
    assert yes.explanation == (
        "Adopted unanimously: 12 yes and no votes against (3 abstaining, which does not break "
        "unanimity) (art. 12 of the bylaws)."
    )
    no = decide(R.UNANIMITY, VoteCount(14, 1, 0))
    assert no.explanation == "Not adopted: unanimity was needed and 1 voted no (14 yes, 0 abstaining)."


def test_decide_explanation_majority_members() -> None:
    d = decide(R.MAJORITY_MEMBERS, VoteCount(31, 2, 0), VoteContext(present=40, active_members=60))
    assert d.explanation == (
        "Adopted: 31 yes is a majority of the 60 active members (2 no, 0 abstaining); 31 were needed."
    )


# --- ties -----------------------------------------------------------------------------------

# (rule, votes, present, active)
TIES = [
    (R.MAJORITY_CAST, (10, 10, 5), 30, 60),
    (R.MAJORITY_PRESENT, (20, 20, 0), 40, 60),
    (R.MAJORITY_PRESENT, (10, 10, 1), 21, 60),  # one more yes would be 11 of 21: the tie decides
    (R.MAJORITY_MEMBERS, (30, 30, 0), 60, 60),
    (R.MAJORITY_CAST, (1, 1, 0), 2, 2),
]


@pytest.mark.parametrize(("rule", "votes", "present", "active"), TIES)
@pytest.mark.parametrize(
    ("tie_rule", "casting_vote", "adopted", "opening"),
    [
        (TieRule.FAILS, None, False, "Not adopted: "),
        (TieRule.PASSES, None, True, "Adopted: "),
        (TieRule.CHAIR_DECIDES, Choice.YES, True, "Adopted on the chair's casting vote: "),
        (TieRule.CHAIR_DECIDES, Choice.NO, False, "Not adopted on the chair's casting vote: "),
        (TieRule.CHAIR_DECIDES, "yes", True, "Adopted on the chair's casting vote: "),
        (TieRule.CHAIR_DECIDES, "No", False, "Not adopted on the chair's casting vote: "),
    ],
)
def test_decide_tie_under_each_tie_rule(
    rule: DecisionRule,
    votes: tuple[int, int, int],
    present: int,
    active: int,
    tie_rule: TieRule,
    casting_vote: Choice | str | None,
    adopted: bool,
    opening: str,
) -> None:
    d = decide(
        rule, VoteCount(*votes), VoteContext(present, active), tie_rule=tie_rule, casting_vote=casting_vote
    )
    assert d.tie
    assert d.adopted is adopted
    assert d.tie_rule is tie_rule
    assert d.explanation.startswith(opening)
    assert "a tie" in d.explanation
    if tie_rule is TieRule.CHAIR_DECIDES:
        assert d.casting_vote is Choice(str(casting_vote).lower())
    else:
        assert d.casting_vote is None
    # the strict requirement is one more than the tied yes votes
    assert d.required == votes[0] + 1


def test_decide_tie_explanation_text() -> None:
    d = decide(R.MAJORITY_CAST, VoteCount(10, 10, 5), tie_rule=TieRule.FAILS, article="art. 40")
    assert d.explanation == (
        "Not adopted: 10 yes and 10 no are a tie among the 20 votes cast, and under the bylaws a tie "
        "fails (5 abstaining); 11 were needed (art. 40)."
    )


# The cases a secretary met: exactly half of the basis is neither a majority nor a tie.
@pytest.mark.parametrize("tie_rule", list(TieRule))
@pytest.mark.parametrize(
    ("rule", "votes", "present", "active", "basis"),
    [
        (R.MAJORITY_PRESENT, (10, 0, 10), 20, 30, "the 20 members present"),
        (R.MAJORITY_MEMBERS, (15, 0, 0), 15, 30, "the 30 active members"),
        (R.MAJORITY_PRESENT, (10, 9, 1), 20, 30, "the 20 members present"),
    ],
)
def test_exactly_half_is_neither_a_majority_nor_a_tie(
    rule: DecisionRule, votes: tuple[int, int, int], present: int, active: int, basis: str, tie_rule: TieRule
) -> None:
    # the chair's casting vote is offered, and must not be used: there is no tie to break
    casting = Choice.YES if tie_rule is TieRule.CHAIR_DECIDES else None
    d = decide(rule, VoteCount(*votes), VoteContext(present, active), tie_rule=tie_rule, casting_vote=casting)
    assert not d.adopted and not d.tie and d.casting_vote is None
    assert d.explanation.startswith(f"Not adopted: {votes[0]} yes is not a majority of {basis} ")
    assert "tie" not in d.explanation
    with i18n.using("es"):
        spanish = decide(
            rule, VoteCount(*votes), VoteContext(present, active), tie_rule=tie_rule, casting_vote=casting
        )
    assert "empate" not in spanish.explanation


def test_a_tie_that_even_broken_is_no_majority_simply_fails() -> None:
    """8 yes, 8 no, 4 abstaining of 20 present: a broken tie would give 9 of 20, still no majority."""
    d = decide(R.MAJORITY_PRESENT, VoteCount(8, 8, 4), VoteContext(20, 30), tie_rule=TieRule.CHAIR_DECIDES)
    assert not d.adopted and not d.tie and d.casting_vote is None
    assert d.explanation.startswith("Not adopted: 8 yes is not a majority of the 20 members present")


def test_decide_tie_chair_decides_without_casting_vote_asks_for_it() -> None:
    with pytest.raises(VoteError, match="record the chair's casting vote"):
        decide(R.MAJORITY_CAST, VoteCount(10, 10, 0), tie_rule=TieRule.CHAIR_DECIDES)


def test_decide_casting_vote_ignored_without_tie() -> None:
    d = decide(R.MAJORITY_CAST, VoteCount(11, 10, 0), tie_rule=TieRule.CHAIR_DECIDES, casting_vote="no")
    assert d.adopted
    assert not d.tie
    assert d.casting_vote is None


def test_decide_casting_vote_with_other_tie_rule_is_refused() -> None:
    with pytest.raises(VoteError, match="the chair does not decide ties"):
        decide(R.MAJORITY_CAST, VoteCount(10, 10, 0), tie_rule=TieRule.PASSES, casting_vote="yes")


def test_decide_bad_casting_vote() -> None:
    with pytest.raises(VoteError, match="casting vote must be yes or no"):
        decide(R.MAJORITY_CAST, VoteCount(10, 10, 0), tie_rule=TieRule.CHAIR_DECIDES, casting_vote="maybe")


@pytest.mark.parametrize(("typed", "adopted"), [("yes", True), ("sí", True), ("SI", True), ("no", False)])
def test_decide_casting_vote_in_either_language(typed: str, adopted: bool) -> None:
    d = decide(R.MAJORITY_CAST, VoteCount(10, 10, 0), tie_rule=TieRule.CHAIR_DECIDES, casting_vote=typed)
    assert d.tie and d.adopted is adopted


def test_decide_bad_casting_vote_is_refused_in_the_operators_words() -> None:
    with (
        i18n.using("es"),
        pytest.raises(VoteError, match=r"^Un voto de desempate debe ser sí o no, no 'quizás'\.$"),
    ):
        decide(R.MAJORITY_CAST, VoteCount(10, 10, 0), tie_rule=TieRule.CHAIR_DECIDES, casting_vote="quizás")


@pytest.mark.parametrize("tie_rule", list(TieRule))
def test_decide_no_votes_is_never_a_tie(tie_rule: TieRule) -> None:
    d = decide(R.MAJORITY_CAST, VoteCount(0, 0, 4), tie_rule=tie_rule)
    assert not d.tie
    assert not d.adopted


@pytest.mark.parametrize("tie_rule", list(TieRule))
@pytest.mark.parametrize(
    ("rule", "votes", "present"),
    [
        (R.TWO_THIRDS_CAST, (10, 10, 0), 20),
        (R.TWO_THIRDS_PRESENT, (20, 20, 0), 40),
        (R.UNANIMITY, (10, 10, 0), 20),
        (R.MAJORITY_PRESENT, (10, 10, 5), 25),  # yes == no, but yes is short of half of present
    ],
)
def test_decide_no_tie_outside_majority_boundary(
    rule: DecisionRule, votes: tuple[int, int, int], present: int, tie_rule: TieRule
) -> None:
    casting = Choice.YES if tie_rule is TieRule.CHAIR_DECIDES else None
    d = decide(rule, VoteCount(*votes), VoteContext(present), tie_rule=tie_rule, casting_vote=casting)
    assert not d.tie
    assert not d.adopted


# --- consent --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("objections", "adopted", "raised", "standing", "explanation"),
    [
        ((), True, 0, 0, "Adopted by consent: no reasoned objection was raised."),
        (
            (Objection("M-12", "the night shift loses its break", ObjectionStatus.OPEN),),
            False,
            1,
            1,
            "Not adopted: 1 reasoned objection still stands.",
        ),
        (
            (
                Objection("M-12", "breaks", "resolved"),
                Objection("M-3", "cost", ObjectionStatus.OPEN),
                Objection("M-4", "safety"),
            ),
            False,
            3,
            2,
            "Not adopted: 2 reasoned objections still stand.",
        ),
        (
            (Objection("M-12", "breaks", ObjectionStatus.RESOLVED),),
            True,
            1,
            0,
            "Adopted by consent: the 1 reasoned objection raised was resolved or withdrawn.",
        ),
        (
            (
                Objection("M-12", "breaks", ObjectionStatus.RESOLVED),
                Objection("M-3", "cost", ObjectionStatus.WITHDRAWN),
            ),
            True,
            2,
            0,
            "Adopted by consent: all 2 reasoned objections raised were resolved or withdrawn.",
        ),
        (
            (Objection("M-12", "   ", ObjectionStatus.OPEN), Objection("M-3", "", ObjectionStatus.OPEN)),
            True,
            0,
            0,
            "Adopted by consent: no reasoned objection was raised.",
        ),
    ],
)
def test_decide_consent(
    objections: tuple[Objection, ...], adopted: bool, raised: int, standing: int, explanation: str
) -> None:
    d = decide(R.CONSENT, VoteCount(yes=5, abstain=2), VoteContext(present=7), objections=objections)
    assert d.adopted is adopted
    assert (d.objections_raised, d.objections_standing) == (raised, standing)
    assert (d.basis, d.basis_count, d.required) == (Basis.OBJECTIONS, raised, 0)
    assert not d.tie
    assert d.explanation == explanation


def test_decide_consent_with_article_and_empty_count() -> None:
    d = decide("consent", VoteCount(), objections=[Objection("M-1", "cost", "withdrawn")], article="art. 9")
    assert d.adopted
    assert d.explanation == (
        "Adopted by consent: the 1 reasoned objection raised was resolved or withdrawn (art. 9)."
    )
    assert votes_needed(R.CONSENT, VoteContext()) == 0


def test_decide_consent_refuses_no_votes() -> None:
    with pytest.raises(VoteError, match="no 'no' votes"):
        decide(R.CONSENT, VoteCount(5, 1, 0))


def test_decide_objections_only_under_consent() -> None:
    with pytest.raises(VoteError, match="only under the consent rule"):
        decide(R.MAJORITY_CAST, VoteCount(5, 1, 0), objections=[Objection("M-1", "cost")])


def test_objection_unknown_status() -> None:
    with pytest.raises(VoteError, match="Unknown objection status 'pending'"):
        Objection("M-1", "cost", "pending")  # type: ignore[arg-type]


def test_decide_consent_rejects_non_objection() -> None:
    with pytest.raises(VoteError, match="Each objection"):
        decide(R.CONSENT, VoteCount(), objections=["too expensive"])  # type: ignore[list-item]


# --- proxies --------------------------------------------------------------------------------


def test_decide_proxies_count_as_present_when_asked() -> None:
    count = VoteCount(21, 0, 0)
    without = decide(
        R.MAJORITY_PRESENT, count, VoteContext(present=40, active_members=60, proxies_represented=4)
    )
    with_proxies = decide(
        R.MAJORITY_PRESENT,
        count,
        VoteContext(present=40, active_members=60, proxies_represented=4, proxies_count=True),
    )
    assert without.adopted and without.basis_count == 40
    assert not with_proxies.adopted and with_proxies.basis_count == 44
    assert with_proxies.required == 23


def test_decide_proxy_votes_need_proxies_counted() -> None:
    ctx = VoteContext(present=40, active_members=60, proxies_represented=4)
    with pytest.raises(VoteError, match="42 votes were counted but only 40 members are present"):
        decide(R.MAJORITY_CAST, VoteCount(30, 12, 0), ctx)
    counted = VoteContext(present=40, active_members=60, proxies_represented=4, proxies_count=True)
    assert decide(R.MAJORITY_CAST, VoteCount(30, 12, 0), counted).adopted
    with pytest.raises(VoteError, match="only 44 members are present or represented by proxy"):
        decide(R.MAJORITY_PRESENT, VoteCount(30, 12, 3), counted)


# --- quorum lost before the vote: present is taken at the moment of the vote ----------------


def test_decide_present_counts_at_the_moment_of_the_vote() -> None:
    count = VoteCount(22, 10, 3)
    at_opening = decide(R.MAJORITY_PRESENT, count, VoteContext(present=50))
    after_people_left = decide(R.MAJORITY_PRESENT, count, VoteContext(present=35))
    assert not at_opening.adopted
    assert after_people_left.adopted
    with pytest.raises(VoteError, match="35 votes were counted but only 30 members are present"):
        decide(R.MAJORITY_PRESENT, count, VoteContext(present=30))


# --- votes_needed ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rule", "context", "count", "needed"),
    [
        (R.MAJORITY_PRESENT, VoteContext(present=35), None, 18),
        (R.MAJORITY_PRESENT, VoteContext(present=34), None, 18),
        (R.TWO_THIRDS_PRESENT, VoteContext(present=35), None, 24),
        (R.TWO_THIRDS_PRESENT, VoteContext(present=36), None, 24),
        (R.TWO_THIRDS_PRESENT, VoteContext(present=1), None, 1),
        (R.TWO_THIRDS_PRESENT, VoteContext(present=30, proxies_represented=5, proxies_count=True), None, 24),
        (R.MAJORITY_MEMBERS, VoteContext(active_members=100), None, 51),
        (R.MAJORITY_MEMBERS, VoteContext(active_members=1), None, 1),
        (R.MAJORITY_CAST, VoteContext(), VoteCount(20, 15, 10), 18),
        (R.MAJORITY_CAST, VoteContext(), VoteCount(0, 0, 10), 1),
        (R.TWO_THIRDS_CAST, VoteContext(), VoteCount(20, 15, 10), 24),
        (R.TWO_THIRDS_CAST, VoteContext(), VoteCount(0, 0, 0), 1),
        (R.UNANIMITY, VoteContext(), VoteCount(20, 0, 10), 20),
        (R.UNANIMITY, VoteContext(), VoteCount(0, 0, 10), 1),
        (R.CONSENT, VoteContext(), None, 0),
        ("majority_present", VoteContext(present=45), None, 23),
    ],
)
def test_votes_needed(
    rule: DecisionRule | str, context: VoteContext, count: VoteCount | None, needed: int
) -> None:
    assert votes_needed(rule, context, count) == needed


def test_votes_needed_cast_rule_needs_count() -> None:
    with pytest.raises(VoteError, match="give the count"):
        votes_needed(R.TWO_THIRDS_CAST, VoteContext(present=35))


@pytest.mark.parametrize(
    ("rule", "context", "message"),
    [
        (R.MAJORITY_PRESENT, VoteContext(active_members=50), "needs the number of members present"),
        (R.TWO_THIRDS_PRESENT, VoteContext(), "needs the number of members present"),
        (R.MAJORITY_MEMBERS, VoteContext(present=20), "needs the number of active members"),
        (R.MAJORITY_PRESENT, VoteContext(present=0), "No members are present"),
        (R.MAJORITY_MEMBERS, VoteContext(active_members=0), "There are no active members"),
    ],
)
def test_decide_missing_or_empty_basis(rule: DecisionRule, context: VoteContext, message: str) -> None:
    with pytest.raises(VoteError, match=message):
        decide(rule, VoteCount(), context)
    with pytest.raises(VoteError, match=message):
        votes_needed(rule, context)


# --- invalid input --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"yes": -1}, r"yes votes cannot be negative \(got -1\)"),
        ({"no": -3}, "no votes cannot be negative"),
        ({"abstain": -1}, "abstentions cannot be negative"),
        ({"yes": 1.5}, "yes votes must be a whole number, not 1.5"),
        ({"no": "3"}, "no votes must be a whole number"),
        ({"yes": True}, "yes votes must be a whole number"),
    ],
)
def test_vote_count_invalid(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(VoteError, match=message):
        VoteCount(**kwargs)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"present": -1}, "members present cannot be negative"),
        ({"active_members": -5}, "active members cannot be negative"),
        ({"proxies_represented": -1}, "represented by proxy cannot be negative"),
        ({"present": 4.0}, "members present must be a whole number"),
        ({"proxies_count": "yes"}, "Whether proxies count must be true or false"),
        ({"present": 50, "active_members": 45}, "50 members present are more than the 45 active members"),
        ({"present": 40, "active_members": 45, "proxies_represented": 6}, "more than the 45 active members"),
    ],
)
def test_vote_context_invalid(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(VoteError, match=message):
        VoteContext(**kwargs)  # type: ignore[arg-type]


def test_decide_more_votes_than_present() -> None:
    with pytest.raises(VoteError, match="46 votes were counted but only 45 members are present"):
        decide(R.MAJORITY_PRESENT, VoteCount(20, 15, 11), VoteContext(present=45))


def test_decide_more_votes_than_members() -> None:
    with pytest.raises(VoteError, match="61 votes were counted but there are only 60 active members"):
        decide(R.MAJORITY_MEMBERS, VoteCount(40, 21, 0), VoteContext(active_members=60))


@pytest.mark.parametrize("rule", ["simple_majority", "", "MAJORITY"])
def test_decide_unknown_rule(rule: str) -> None:
    with pytest.raises(VoteError, match="Unknown decision rule") as info:
        decide(rule, VoteCount(1, 0, 0))
    assert "majority_cast, two_thirds_cast" in str(info.value)


def test_decide_unknown_tie_rule() -> None:
    with pytest.raises(
        VoteError, match="Unknown tie rule 'coin_toss'; use one of: fails, passes, chair_decides"
    ):
        decide(R.MAJORITY_CAST, VoteCount(1, 0, 0), tie_rule="coin_toss")


def test_decide_count_must_be_vote_count() -> None:
    with pytest.raises(VoteError, match="vote count is missing"):
        decide(R.MAJORITY_CAST, (1, 0, 0))  # type: ignore[arg-type]


def test_parse_rules() -> None:
    assert parse_decision_rule(" unanimity ") is R.UNANIMITY
    assert parse_tie_rule("chair_decides") is TieRule.CHAIR_DECIDES
    assert {r.value for r in DecisionRule} == {
        "majority_cast",
        "two_thirds_cast",
        "majority_present",
        "two_thirds_present",
        "majority_members",
        "unanimity",
        "consent",
    }


@pytest.mark.parametrize("rule", list(DecisionRule))
def test_describe_rule_every_rule(rule: DecisionRule) -> None:
    assert describe_rule(rule)
    assert describe_rule(rule.value) == describe_rule(rule)


def test_errors_are_one_sentence() -> None:
    with pytest.raises(VoteError) as info:
        decide(R.MAJORITY_PRESENT, VoteCount(20, 15, 11), VoteContext(present=45))
    message = str(info.value)
    assert message.endswith(".") and message.count(". ") == 0 and "\n" not in message


# --- properties -----------------------------------------------------------------------------

MAX = 60
rules_with_votes = st.sampled_from([r for r in DecisionRule if r is not R.CONSENT])
tie_rules = st.sampled_from(list(TieRule))
casting_votes = st.sampled_from([Choice.YES, Choice.NO])


@st.composite
def ballots(draw: st.DrawFn) -> tuple[VoteCount, VoteContext]:
    """A count and a context where at least one present member has not voted yet."""
    yes = draw(st.integers(0, MAX))
    no = draw(st.integers(0, MAX))
    abstain = draw(st.integers(0, MAX))
    proxies = draw(st.integers(0, 5))
    proxies_count = draw(st.booleans())
    room = proxies if proxies_count else 0
    present = draw(st.integers(max(1, yes + no + abstain + 1 - room), 3 * MAX + 2))
    active = draw(st.integers(present + proxies, present + proxies + MAX))
    return VoteCount(yes, no, abstain), VoteContext(present, active, proxies, proxies_count)


def _decide(
    rule: DecisionRule, count: VoteCount, context: VoteContext, tie_rule: TieRule, casting: Choice
) -> Decision:
    return decide(
        rule,
        count,
        context,
        tie_rule=tie_rule,
        casting_vote=casting if tie_rule is TieRule.CHAIR_DECIDES else None,
    )


@given(rules_with_votes, ballots(), tie_rules, casting_votes)
def test_property_another_yes_never_defeats(
    rule: DecisionRule, ballot: tuple[VoteCount, VoteContext], tie_rule: TieRule, casting: Choice
) -> None:
    count, context = ballot
    before = _decide(rule, count, context, tie_rule, casting)
    after = _decide(rule, VoteCount(count.yes + 1, count.no, count.abstain), context, tie_rule, casting)
    assert not before.adopted or after.adopted


@given(rules_with_votes, ballots(), tie_rules, casting_votes)
def test_property_another_no_never_adopts(
    rule: DecisionRule, ballot: tuple[VoteCount, VoteContext], tie_rule: TieRule, casting: Choice
) -> None:
    count, context = ballot
    before = _decide(rule, count, context, tie_rule, casting)
    after = _decide(rule, VoteCount(count.yes, count.no + 1, count.abstain), context, tie_rule, casting)
    # the one exception, which the bylaws make: the no vote creates a tie that they resolve in favour
    assert before.adopted or not after.adopted or (after.tie and tie_rule is not TieRule.FAILS)


@given(rules_with_votes, ballots(), tie_rules, casting_votes)
def test_property_another_abstention_changes_nothing(
    rule: DecisionRule, ballot: tuple[VoteCount, VoteContext], tie_rule: TieRule, casting: Choice
) -> None:
    """An abstention from a member already present neither adopts nor defeats a motion."""
    count, context = ballot
    before = _decide(rule, count, context, tie_rule, casting)
    after = _decide(rule, VoteCount(count.yes, count.no, count.abstain + 1), context, tie_rule, casting)
    assert before.adopted is after.adopted


@given(rules_with_votes, ballots())
def test_property_matches_exact_fractions(rule: DecisionRule, ballot: tuple[VoteCount, VoteContext]) -> None:
    """Integer arithmetic agrees with the rule stated in exact fractions (ties fail)."""
    count, context = ballot
    d = decide(rule, count, context)
    present = context.present_total
    assert present is not None and context.active_members is not None
    expected = {
        R.MAJORITY_CAST: count.yes > count.no,
        R.TWO_THIRDS_CAST: count.cast > 0 and Fraction(count.yes, count.cast) >= Fraction(2, 3),
        R.MAJORITY_PRESENT: Fraction(count.yes, present) > Fraction(1, 2),
        R.TWO_THIRDS_PRESENT: count.yes > 0 and Fraction(count.yes, present) >= Fraction(2, 3),
        R.MAJORITY_MEMBERS: Fraction(count.yes, context.active_members) > Fraction(1, 2),
        R.UNANIMITY: count.no == 0 and count.yes > 0,
    }[rule]
    assert d.adopted is expected
    if not d.tie:
        assert d.adopted is (count.yes >= d.required and (rule is not R.UNANIMITY or count.no == 0))


def plain_rule(
    rule: DecisionRule, yes: int, no: int, present: int, members: int, tie_rule: TieRule, casting: Choice
) -> tuple[bool, bool]:
    """(adopted, tie) as the rules are written for people, in exact fractions:

    a majority of a basis (votes cast = yes + no, members present, active members) is more than
    half of it, and exactly half is not; two thirds is at least two thirds (and one yes); unanimity
    is no vote against and one yes. A tie is as many yes as no (at least one each); the tie rule
    decides it only when one more yes vote would be a majority of the basis.
    """
    basis = {
        R.MAJORITY_CAST: yes + no,
        R.TWO_THIRDS_CAST: yes + no,
        R.UNANIMITY: yes + no,
        R.MAJORITY_PRESENT: present,
        R.TWO_THIRDS_PRESENT: present,
        R.MAJORITY_MEMBERS: members,
    }[rule]
    half, two_thirds = Fraction(1, 2), Fraction(2, 3)
    if rule in (R.MAJORITY_CAST, R.MAJORITY_PRESENT, R.MAJORITY_MEMBERS):
        if basis and Fraction(yes, basis) > half:
            return True, False
        if yes == no and yes >= 1 and Fraction(yes + 1, basis) > half:
            return {TieRule.FAILS: False, TieRule.PASSES: True, TieRule.CHAIR_DECIDES: casting is Choice.YES}[
                tie_rule
            ], True
        return False, False
    if rule in (R.TWO_THIRDS_CAST, R.TWO_THIRDS_PRESENT):
        return yes >= 1 and Fraction(yes, basis) >= two_thirds, False
    return no == 0 and yes >= 1, False


# Small numbers make exact halves, thirds and ties frequent; the examples are the ones met in use.
@given(
    rules_with_votes,
    st.integers(0, 12),
    st.integers(0, 12),
    st.integers(0, 12),
    st.integers(0, 12),
    st.integers(0, 25),
    tie_rules,
    casting_votes,
)
@example(R.MAJORITY_PRESENT, 10, 0, 10, 0, 10, TieRule.PASSES, Choice.YES)
@example(R.MAJORITY_MEMBERS, 15, 0, 0, 0, 15, TieRule.PASSES, Choice.YES)
@example(R.MAJORITY_PRESENT, 10, 9, 1, 0, 10, TieRule.FAILS, Choice.YES)
@example(R.MAJORITY_PRESENT, 8, 8, 4, 0, 10, TieRule.PASSES, Choice.YES)
def test_property_every_rule_and_tie_rule_matches_its_plain_statement(
    rule: DecisionRule,
    yes: int,
    no: int,
    abstain: int,
    silent: int,
    absent: int,
    tie_rule: TieRule,
    casting: Choice,
) -> None:
    present = yes + no + abstain + silent
    members = present + absent
    if present == 0:
        return  # no vote can be taken: refused, tested above
    d = _decide(rule, VoteCount(yes, no, abstain), VoteContext(present, members), tie_rule, casting)
    adopted, tie = plain_rule(rule, yes, no, present, members, tie_rule, casting)
    assert (d.adopted, d.tie) == (adopted, tie)
    # the explanation says what happened
    assert d.explanation.startswith("Adopted" if adopted else "Not adopted")
    assert ("a tie" in d.explanation) is tie
    assert (d.casting_vote is not None) is (tie and tie_rule is TieRule.CHAIR_DECIDES)
    if d.tie:
        assert d.required == d.yes + 1


@given(st.integers(1, MAX), st.integers(0, MAX), tie_rules, casting_votes)
def test_property_tie_follows_tie_rule(tied: int, abstain: int, tie_rule: TieRule, casting: Choice) -> None:
    d = _decide(R.MAJORITY_CAST, VoteCount(tied, tied, abstain), VoteContext(), tie_rule, casting)
    assert d.tie
    expected = {
        TieRule.FAILS: False,
        TieRule.PASSES: True,
        TieRule.CHAIR_DECIDES: casting is Choice.YES,
    }[tie_rule]
    assert d.adopted is expected


def test_a_basis_that_counts_proxies_says_so() -> None:
    """The minutes list who came in person: a basis of 20 holding 3 proxies must not read as 20 present."""
    d = decide(R.MAJORITY_PRESENT, VoteCount(11, 6, 0), VoteContext(17, 60, 3, True))
    assert d.adopted
    assert "the 20 members present or represented (17 in person, 3 by proxy)" in d.explanation
    uncounted = decide(R.MAJORITY_PRESENT, VoteCount(11, 6, 0), VoteContext(17, 60, 3, False))
    assert "the 17 members present (" in uncounted.explanation
