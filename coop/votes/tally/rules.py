"""The options of a count (:class:`CountRules`) and their defaults; the conformance cases' names.

Pure, like the whole :mod:`coop.votes.tally` package.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass

from coop.errors import VoteError
from coop.i18n import _


class ElectionMode(enum.StrEnum):
    SINGLE_WINNER = "single_winner"
    STV_MULTIPLE_WINNERS_PER_ROUND = "stv_multiple_winners_per_round"
    STV_ONE_WINNER_PER_ROUND = "stv_one_winner_per_round"


class ThresholdRule(enum.StrEnum):
    MAJORITY = "majority"  # floor(V/2) + 1
    DROOP = "droop"  # floor(V/(S+1)) + 1
    DROOP_FRACTIONAL = "droop_fractional"  # truncate(V/(S+1), d) + 10^-d
    HARE = "hare"  # ceil(V/S)


class OvervoteRule(enum.StrEnum):
    EXHAUST_IMMEDIATELY = "exhaust_immediately"
    SKIP_TO_NEXT_RANK = "skip_to_next_rank"
    EXHAUST_IF_MULTIPLE_CONTINUING = "exhaust_if_multiple_continuing"


class DuplicateRule(enum.StrEnum):
    IGNORE_DUPLICATE = "ignore_duplicate"
    EXHAUST_AT_DUPLICATE = "exhaust_at_duplicate"


class TiebreakMode(enum.StrEnum):
    CANDIDATE_ORDER = "candidate_order"
    RANDOM = "random"
    SEEDED_PERMUTATION = "seeded_permutation"
    PREVIOUS_ROUNDS_THEN_RANDOM = "previous_rounds_then_random"


@dataclass(frozen=True)
class TieBreakRule:
    """How a tie for last place (who loses) or for election (who wins) is broken.

    ``candidate_order``: the tied candidate listed latest in ``order`` (default: the candidate
    list) loses; the one listed earliest wins. ``seeded_permutation``: the same with
    ``permutation``, computed from ``seed`` when not given. ``random``: tied names sorted by code
    point, index ``floor(nextDouble() * n)`` of ``java.util.Random(seed)`` is picked; one
    generator serves the whole count. ``previous_rounds_then_random``: the tied candidate with
    the fewest (loser) or most (winner) votes in the previous round, then the round before, ...;
    still tied after round 1: a seeded draw as in ``random``.
    """

    mode: TiebreakMode = TiebreakMode.CANDIDATE_ORDER
    seed: int | None = None
    order: tuple[str, ...] = ()
    permutation: tuple[str, ...] = ()


@dataclass(frozen=True)
class CountRules:
    """Every counting rule of one contest; the defaults are a plain single-winner IRV count."""

    candidates: tuple[str, ...]
    seats: int = 1
    election_mode: ElectionMode = ElectionMode.SINGLE_WINNER
    threshold: ThresholdRule = ThresholdRule.MAJORITY
    decimal_places: int = 4
    overvote: OvervoteRule = OvervoteRule.EXHAUST_IMMEDIATELY
    max_consecutive_skipped_ranks: int | None = None  # None: unlimited
    duplicate_ranking: DuplicateRule = DuplicateRule.IGNORE_DUPLICATE
    batch_elimination: bool = False
    continue_until_two_remain: bool = False
    threshold_fixed_after_round_1: bool = False
    excluded_candidates: tuple[str, ...] = ()
    undeclared_write_in: str | None = None
    max_rankings: int | None = None  # None: as many ranks as the longest ballot
    stop_after_round: int | None = None
    tiebreak: TieBreakRule = TieBreakRule()
    title: str = ""

    @property
    def is_stv(self) -> bool:
        return self.election_mode is not ElectionMode.SINGLE_WINNER

    @property
    def counted_candidates(self) -> tuple[str, ...]:
        """The names that can receive votes: declared candidates, then the write-in label."""
        if self.undeclared_write_in is None:
            return self.candidates
        return (*self.candidates, self.undeclared_write_in)

    def problems(self) -> list[tuple[str, str]]:
        """Every inconsistency as (rule name, one sentence); empty when the rules can be used."""
        found: list[tuple[str, str]] = []
        if not self.candidates:
            found.append(("candidates", _("The rules list no candidates.")))
        names = self.counted_candidates
        duplicates = sorted({name for name in names if names.count(name) > 1})
        if duplicates:
            found.append(
                (
                    "candidates",
                    _("Candidate names must be unique; repeated: {names}.").format(
                        names=", ".join(duplicates)
                    ),
                )
            )
        if any(not name or not name.strip() for name in names):
            found.append(("candidates", _("A candidate name is empty.")))
        unknown_excluded = [name for name in self.excluded_candidates if name not in self.candidates]
        if unknown_excluded:
            found.append(
                (
                    "excluded_candidates",
                    _("Excluded candidates must be in the candidate list: {names}.").format(
                        names=", ".join(unknown_excluded)
                    ),
                )
            )
        if isinstance(self.seats, bool) or not isinstance(self.seats, int) or self.seats < 1:
            found.append(("seats", _("The number of seats must be a whole number of at least 1.")))
        elif self.election_mode is ElectionMode.SINGLE_WINNER and self.seats != 1:
            found.append(
                (
                    "election_mode",
                    _(
                        "A single-winner count fills exactly one seat; use an STV mode for {seats} seats."
                    ).format(seats=self.seats),
                )
            )
        if not 0 <= self.decimal_places <= 20:
            found.append(("decimal_places", _("decimal_places must be between 0 and 20.")))
        if self.max_consecutive_skipped_ranks is not None and self.max_consecutive_skipped_ranks < 0:
            found.append(
                ("max_consecutive_skipped_ranks", _("max_consecutive_skipped_ranks cannot be negative."))
            )
        if self.max_rankings is not None and self.max_rankings < 1:
            found.append(("max_rankings", _("max_rankings must be at least 1.")))
        if self.stop_after_round is not None and self.stop_after_round < 1:
            found.append(("stop_after_round", _("stop_after_round must be at least 1.")))
        if self.continue_until_two_remain and self.seats != 1:
            found.append(
                (
                    "continue_until_two_remain",
                    _("continue_until_two_remain applies to single-winner counts only."),
                )
            )
        needs_seed = self.tiebreak.mode in (
            TiebreakMode.RANDOM,
            TiebreakMode.PREVIOUS_ROUNDS_THEN_RANDOM,
        ) or (self.tiebreak.mode is TiebreakMode.SEEDED_PERMUTATION and not self.tiebreak.permutation)
        if needs_seed and self.tiebreak.seed is None:
            found.append(
                (
                    "tiebreak",
                    _("The tie-break mode {mode} needs a seed.").format(mode=self.tiebreak.mode.value),
                )
            )
        return found

    def check(self) -> None:
        """Raise :class:`~coop.errors.VoteError` with the first problem, if any."""
        problems = self.problems()
        if problems:
            raise VoteError(problems[0][1])


def default_rules(candidates: Sequence[str], seats: int = 1, *, title: str = "") -> CountRules:
    """Sensible rules when nobody gave any: IRV for one seat, STV (Droop quota) for more.

    An overvote makes the ballot inactive, blank ranks are passed over, a repeated candidate is
    passed over, and ties go by the candidate list (listed latest loses, earliest wins).
    """
    single = seats == 1
    return CountRules(
        candidates=tuple(candidates),
        seats=seats,
        election_mode=ElectionMode.SINGLE_WINNER if single else ElectionMode.STV_MULTIPLE_WINNERS_PER_ROUND,
        threshold=ThresholdRule.MAJORITY if single else ThresholdRule.DROOP,
        title=title,
    )
