"""Decision rules for yes/no/abstain votes on a motion.

Pure arithmetic: plain numbers in, a frozen :class:`Decision` out; no database, no clock, no
I/O. Every comparison is made with whole numbers (two thirds is ``3 * yes >= 2 * basis``),
so a result never depends on rounding.

The rules, in the words a returning officer can defend
-------------------------------------------------------
``majority_cast`` (simple majority of the votes cast)
    Adopted when there are more yes votes than no votes. Abstentions, blank votes and members
    who do not vote are not counted at all. Needed: more than half of yes + no, that is half
    rounded down plus one (35 votes cast: 18 needed).
``two_thirds_cast`` (two thirds of the votes cast)
    Adopted when the yes votes are at least two thirds of yes + no (``3 x yes >= 2 x (yes +
    no)``); abstentions are not counted. Needed: two thirds rounded up, and at least one yes.
``majority_present`` (majority of the members present at the moment of the vote)
    Adopted when the yes votes are more than half of the members present when the vote is
    taken (Ley 20.337, art. 53). An abstention, or a member present who does not vote, weighs
    the same as a no. Members represented by proxy are added to those present only when the
    caller says proxies count (``proxies_count=True``). 45 present: 23 needed.
``two_thirds_present`` (two thirds of the members present)
    Adopted when the yes votes are at least two thirds of the members present at the moment of
    the vote (with proxies, as above), rounded up: 45 present, 30 needed. Ley 20.337, art. 53
    asks this for bylaw reform, change of purpose, merger and dissolution.
``majority_members`` (absolute majority of the membership)
    Adopted when the yes votes are more than half of all active members, present or not.
``unanimity``
    Adopted when nobody votes no and at least one member votes yes. Abstentions do not break
    unanimity: a member who wants to stop the motion must vote no. (It is unanimity of the
    votes cast, so a member can stand aside without blocking.)
``consent``
    Adopted unless a reasoned objection stands. Each objection is recorded with who raised it,
    its reason and whether it is still open, resolved (the proposal was amended or the objector
    is satisfied) or withdrawn. An objection given without a reason is recorded but does not
    block. There are no "no" votes under consent: an objection is the way to block, so a count
    with no votes is refused. Yes votes and abstentions (standing aside) may be recorded; they
    do not change the outcome.

Ties
----
A majority of a basis is more than half of it; exactly half is not a majority. Only the three
majority rules can tie, and a tie is as many yes votes as no votes, at least one each. The
bylaws' :class:`TieRule` applies to a tie, and only where the tie is what stands between the
motion and its adoption: when one more yes vote would make a majority of the basis. Under
``majority_cast`` that is every tie; under ``majority_present`` and ``majority_members`` the
yes votes of a tie must also fall just one short of a majority (20 present: 10 yes, 10 no; but
with 8 yes, 8 no and 4 abstaining even a broken tie leaves 9 of 20, so the motion simply fails).
The tie rule then decides: ``fails`` (the default: a majority was not reached), ``passes``, or
``chair_decides`` (the chair's casting vote, yes or no, decides; without it the decision
cannot be made and :class:`~coop.errors.VoteError` asks for it). Because a tie may be broken
in favour, one more no vote can adopt a motion under those two tie rules (10 yes, 9 no and an
abstention of 20 present fails; 10 yes and 10 no is a tie that the bylaws resolve): that is
what the bylaws say, and the explanation names it. Two thirds, unanimity and consent cannot
tie: reaching the threshold exactly adopts the motion. When nobody votes yes there is nothing
to break: the motion is not adopted.

Invalid input (negative or fractional counts, more votes than members present, an unknown
rule, a missing number the rule needs) raises :class:`~coop.errors.VoteError` with one
sentence the person at the terminal can act on.

Where things live
-----------------
``rules``       :class:`DecisionRule`, :class:`TieRule`, :class:`Basis` and friends, parsing and describing
``inputs``      :class:`VoteCount`, :class:`VoteContext`, :class:`Objection`, :class:`Decision`
``arithmetic``  majorities, two thirds, deciding ties, :func:`votes_needed`
``decide``      :func:`decide`: the outcome and the sentence for the record

Every module is pure (a test checks their imports); the names below are re-exported so that
``from coop.votes.thresholds import decide`` keeps working.
"""

from __future__ import annotations

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
from coop.votes.thresholds.arithmetic import is_deciding_tie, is_majority, reaches_two_thirds, votes_needed
from coop.votes.thresholds.decide import decide
from coop.votes.thresholds.inputs import Decision, Objection, VoteContext, VoteCount

__all__ = [
    "Basis",
    "Choice",
    "Decision",
    "DecisionRule",
    "Objection",
    "ObjectionStatus",
    "TieRule",
    "VoteContext",
    "VoteCount",
    "decide",
    "describe_rule",
    "is_deciding_tie",
    "is_majority",
    "parse_decision_rule",
    "parse_tie_rule",
    "reaches_two_thirds",
    "rule_basis",
    "votes_needed",
]
