"""Ranked-choice tabulation: single-winner instant runoff (IRV) and multi-winner STV.

Pure: frozen dataclasses in (:class:`RankedBallot`, :class:`CountRules`), a frozen
:class:`TallyResult` out; no database, no clock, no I/O. The rule options and their meaning are
those of the conformance cases in ``shared/conformance/rcv`` (see their README); this module
reproduces those cases round by round, digit by digit.

How a count runs
----------------
Identical rankings are grouped first (a group is "``count`` ballots ranked the same way, each
worth ``value``"), so the work grows with the number of *distinct* rankings, not ballots. Each
candidate holds a pile of groups. In round 1 every group goes to its highest-ranked continuing
candidate; afterwards only the piles of the candidates decided in the previous round move, and
every ballot in a moving pile is looked at again from its first rank (applying the overvote,
skipped-rank and repeated-ranking rules on the way down).

Arithmetic
----------
Single-winner counts only ever add whole ballots, so they run on ``int``. STV surplus transfers
use exact :class:`~decimal.Decimal` arithmetic, every division and multiplication truncated
toward zero to ``decimal_places``, and always *per ballot*: a group of 3 ballots worth 0.2499
each transfers 3 x truncate(0.2499 x f), never truncate(0.7497 x f). Numbers keep the scale the
arithmetic gives them (``9452`` stays ``9452``; ``9452 + 0.0000`` is ``9452.0000``), exactly as
the reference tabulator (RCTab, Java ``BigDecimal``) reports them, so results compare as strings.

Where things live
-----------------
``rules``        the options of a count (:class:`CountRules`, its enums, :func:`default_rules`)
``ballots``      :class:`RankedBallot`, :data:`OVERVOTE`, :func:`group_rankings`
``results``      :class:`TallyResult` and what it is made of (rounds, transfers, ties)
``piles``        ballots compiled to candidate numbers, and how one is passed on to its next choice
``count``        :func:`tabulate`: the rounds, thresholds and surplus transfers
``tiebreak``     breaking ties by the rule given
``java_random``  Java's random generator and hash-set order, so seeded draws match RCTab's

Every module of the package is pure (a test checks their imports); the names below are
re-exported so that ``from coop.votes.tally import tabulate`` keeps working.
"""

from __future__ import annotations

from coop.votes.tally.ballots import OVERVOTE, RankedBallot, group_rankings
from coop.votes.tally.count import tabulate
from coop.votes.tally.java_random import JavaRandom, seeded_permutation
from coop.votes.tally.results import InactiveBallots, RoundResult, TallyResult, TieResolution, Transfer
from coop.votes.tally.rules import (
    CountRules,
    DuplicateRule,
    ElectionMode,
    OvervoteRule,
    ThresholdRule,
    TiebreakMode,
    TieBreakRule,
    default_rules,
)

__all__ = [
    "OVERVOTE",
    "CountRules",
    "DuplicateRule",
    "ElectionMode",
    "InactiveBallots",
    "JavaRandom",
    "OvervoteRule",
    "RankedBallot",
    "RoundResult",
    "TallyResult",
    "ThresholdRule",
    "TieBreakRule",
    "TieResolution",
    "TiebreakMode",
    "Transfer",
    "default_rules",
    "group_rankings",
    "seeded_permutation",
    "tabulate",
]
