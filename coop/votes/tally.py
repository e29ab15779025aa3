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
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_DOWN, ROUND_FLOOR, Context, Decimal, localcontext
from types import MappingProxyType
from typing import Final, Literal

from coop.errors import VoteError
from coop.i18n import _

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

Number = int | Decimal


# --------------------------------------------------------------------------- rules


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


# --------------------------------------------------------------------------- ballots

#: A rank where the voter marked several candidates and the rules make it irrelevant which.
OVERVOTE: Final = None

#: One rank of a ballot: ``()`` left blank, ``("A",)`` one candidate, ``("A", "B")`` several
#: candidates marked at the same rank, :data:`OVERVOTE` several candidates, names not kept.
Rank = tuple[str, ...] | None


@dataclass(frozen=True)
class RankedBallot:
    """``weight`` identical ballots; ``ranks[0]`` is the first choice."""

    ranks: tuple[Rank, ...]
    weight: int = 1

    @classmethod
    def from_names(cls, names: Sequence[str], weight: int = 1) -> RankedBallot:
        """A ballot that simply lists candidates in order of preference."""
        return cls(tuple((name,) for name in names), weight)

    @property
    def has_rankings(self) -> bool:
        return any(rank is None or rank for rank in self.ranks)


def group_rankings(rankings: Iterable[Sequence[str]]) -> tuple[RankedBallot, ...]:
    """Ballots given as plain lists of names (first choice first), identical ones grouped."""
    counts: dict[tuple[str, ...], int] = {}
    for ranking in rankings:
        key = tuple(ranking)
        counts[key] = counts.get(key, 0) + 1
    return tuple(RankedBallot.from_names(names, weight) for names, weight in counts.items())


# --------------------------------------------------------------------------- results


@dataclass(frozen=True)
class InactiveBallots:
    """Ballots (or parts of ballots, in STV) no longer counting for anyone, by cause; cumulative."""

    overvote: Decimal
    skipped_ranks: Decimal
    exhausted_choices: Decimal
    repeated_ranking: Decimal

    @property
    def total(self) -> Decimal:
        return self.overvote + self.skipped_ranks + self.exhausted_choices + self.repeated_ranking


@dataclass(frozen=True)
class Transfer:
    """Where the votes of a candidate decided in a round go in the next round."""

    to_candidates: Mapping[str, Decimal]
    exhausted: Decimal | None = None  # became inactive (or, for the last STV winners, surplus kept)
    residual_surplus: Decimal | None = None  # STV rounding remainder taken off a winner's tally


@dataclass(frozen=True)
class TieResolution:
    round: int
    tied: tuple[str, ...]
    selecting: Literal["winner", "loser"]
    selected: str


@dataclass(frozen=True)
class RoundResult:
    number: int
    threshold: Decimal
    tally: Mapping[str, Decimal]  # candidates still in the count (and, in STV, those elected), by name
    inactive: InactiveBallots
    elected: tuple[str, ...]
    eliminated: tuple[str, ...]
    transfers: Mapping[str, Transfer]
    residual_surplus: Decimal | None  # STV only: cumulative
    final_round_surplus: Decimal | None  # STV only, last round only


@dataclass(frozen=True)
class TallyResult:
    rules: CountRules
    total_ballots: int
    ballots_with_no_rankings: int
    winners: tuple[str, ...]  # in order of election
    rounds: tuple[RoundResult, ...]
    tie_resolutions: tuple[TieResolution, ...]

    @property
    def final_threshold(self) -> Decimal:
        return self.rounds[-1].threshold


# --------------------------------------------------------------------------- java.util.Random

_MASK_48 = (1 << 48) - 1
_MULTIPLIER = 0x5DEECE66D


class JavaRandom:
    """``java.util.Random`` reproduced bit for bit, so seeded tie-breaks match the reference tabulator."""

    def __init__(self, seed: int) -> None:
        self._state = (seed ^ _MULTIPLIER) & _MASK_48

    def _next(self, bits: int) -> int:
        self._state = (self._state * _MULTIPLIER + 0xB) & _MASK_48
        value = self._state >> (48 - bits)
        return value - (1 << bits) if bits == 32 and value >= 1 << 31 else value

    def next_double(self) -> float:
        return ((self._next(26) << 27) + self._next(27)) * 2.0**-53

    def next_int(self, bound: int) -> int:
        if bound <= 0:
            raise ValueError("bound must be positive")
        value = self._next(31)
        top = bound - 1
        if bound & top == 0:  # a power of two: take the high bits
            return (bound * value) >> 31
        while True:
            remainder = value % bound
            if value - remainder + top < 1 << 31:  # Java's int overflow test: retry only then
                return remainder
            value = self._next(31)


def seeded_permutation(names: Iterable[str], seed: int) -> tuple[str, ...]:
    """Names sorted by code point, then ``Collections.shuffle(list, new Random(seed))``."""
    return _shuffled(sorted(names), JavaRandom(seed))


def _shuffled(names: list[str], generator: JavaRandom) -> tuple[str, ...]:
    order = list(names)
    for size in range(len(order), 1, -1):
        other = generator.next_int(size)
        order[size - 1], order[other] = order[other], order[size - 1]
    return tuple(order)


def _java_string_hash(text: str) -> int:
    value = 0
    encoded = text.encode("utf-16-be")
    for offset in range(0, len(encoded), 2):
        value = (31 * value + ((encoded[offset] << 8) | encoded[offset + 1])) & 0xFFFFFFFF
    return value


def _java_hash_set_order(names: Sequence[str]) -> list[str]:
    """Iteration order of ``new HashSet<>(names)``: the reference tabulator hands that order to its draw."""
    capacity = 16
    wanted = max(int(len(names) / 0.75) + 1, 16)
    while capacity < wanted:
        capacity *= 2
    buckets: dict[int, list[str]] = {}
    for name in names:
        hashed = _java_string_hash(name)
        buckets.setdefault((hashed ^ (hashed >> 16)) & (capacity - 1), []).append(name)
    return [name for bucket in sorted(buckets) for name in buckets[bucket]]


# --------------------------------------------------------------------------- the count

# Exact arithmetic: with 100 digits no sum or product of vote values is ever rounded; divisions
# are truncated, never rounded up, before being cut to ``decimal_places``.
_EXACT = Context(prec=100, rounding=ROUND_DOWN)

# Inactive causes, in the order of InactiveBallots' fields; a walk result below zero is -1 - cause.
_OVERVOTE, _SKIPPED, _EXHAUSTED, _REPEATED = range(4)
# A marked rank of a compiled ballot: (rank number, candidate numbers marked there); no numbers
# means an overvote whose names were not kept.
_Mark = tuple[int, tuple[int, ...]]


def tabulate(ballots: Iterable[RankedBallot], rules: CountRules) -> TallyResult:
    """Count ``ballots`` under ``rules``; raises :class:`~coop.errors.VoteError` on bad input."""
    rules.check()
    with localcontext(_EXACT):
        return _Count(rules, ballots).run()


@dataclass
class _RoundRecord:
    """A round while it is being counted; frozen into a RoundResult at the end."""

    number: int
    threshold: Number
    tally: dict[int, Number]
    inactive: tuple[Number, ...]
    elected: list[int]
    eliminated: list[int]
    moves: dict[int, dict[int, Number]]  # source -> target (candidate, or -1 for exhausted) -> amount
    residuals: dict[int, Number]
    residual_surplus: Number
    final_round_surplus: Number | None = None


class _Count:
    def __init__(self, rules: CountRules, ballots: Iterable[RankedBallot]) -> None:
        self.rules = rules
        self.names = rules.counted_candidates
        self.index = {name: position for position, name in enumerate(self.names)}
        self.write_in = None if rules.undeclared_write_in is None else self.index[rules.undeclared_write_in]
        excluded = {self.index[name] for name in rules.excluded_candidates}
        self.continuing = [position not in excluded for position in range(len(self.names))]
        if not any(self.continuing):
            raise VoteError(_("Every candidate is excluded; there is nobody to count votes for."))
        self.candidates_in_count = sum(self.continuing)
        self.max_step = (
            None if rules.max_consecutive_skipped_ranks is None else rules.max_consecutive_skipped_ranks + 1
        )
        self.exhaust_at_duplicate = rules.duplicate_ranking is DuplicateRule.EXHAUST_AT_DUPLICATE
        self.overvote_rule = rules.overvote
        self.quantum = Decimal(1).scaleb(-rules.decimal_places)
        self._compile(ballots)
        self.piles: list[list[int]] = [[] for _name in self.names]
        self.tally: list[Number] = [0] * len(self.names)
        self.inactive: list[Number] = [0, 0, 0, 0]
        self.tie_breaker = _TieBreaker(rules, self.names)

    # -- ballots -------------------------------------------------------------------------

    def _compile(self, ballots: Iterable[RankedBallot]) -> None:
        """Group identical rankings and turn names into candidate numbers once."""
        weights: dict[tuple[Rank, ...], int] = {}
        total = 0
        for ballot in ballots:
            weight = ballot.weight
            if not isinstance(weight, int) or isinstance(weight, bool) or weight < 1:
                raise VoteError(
                    _("A ballot weight must be a whole number of at least 1, not {weight}.").format(
                        weight=weight
                    )
                )
            total += weight
            weights[ballot.ranks] = weights.get(ballot.ranks, 0) + weight
        self.total_ballots = total
        self.no_rankings = 0
        self.marks: list[tuple[_Mark, ...]] = []
        self.counts: list[int] = []
        self.values: list[Number] = []
        limit = self.rules.max_rankings
        for ranks, weight in weights.items():
            beyond_limit = ranks[limit:] if limit is not None else ()
            if any(rank is None or rank for rank in beyond_limit):
                raise VoteError(
                    _("A ballot ranks {count} choices but the rules allow {limit}.").format(
                        count=len(ranks), limit=limit
                    )
                )
            compiled = tuple(
                mark
                for position, rank in enumerate(ranks, start=1)
                if (mark := self._compile_rank(position, rank)) is not None
            )
            if not compiled:
                self.no_rankings += weight
                continue
            self.marks.append(compiled)
            self.counts.append(weight)
            self.values.append(1)

    def _compile_rank(self, position: int, rank: Rank) -> _Mark | None:
        if rank is None:
            if self.overvote_rule is OvervoteRule.EXHAUST_IF_MULTIPLE_CONTINUING:
                raise VoteError(
                    _(
                        "The overvote rule exhaust_if_multiple_continuing needs the names marked "
                        "at each overvoted rank, but a ballot has an overvote without names."
                    )
                )
            return (position, ())
        if not rank:
            return None
        numbers: list[int] = []
        for name in rank:
            number = self.index.get(name)
            if number is None:
                raise VoteError(_('A ballot ranks "{name}", who is not a candidate.').format(name=name))
            if number not in numbers:
                numbers.append(number)
        return (position, tuple(numbers))

    def _next_choice(self, marks: tuple[_Mark, ...]) -> int:
        """The ballot's highest-ranked continuing candidate, or -1 - cause when it becomes inactive."""
        continuing = self.continuing
        max_step = self.max_step
        seen: set[int] | None = set() if self.exhaust_at_duplicate else None
        last_rank = 0
        final = len(marks) - 1
        for position, (rank, marked) in enumerate(marks):
            if max_step is not None and rank - last_rank > max_step:
                return -1 - _SKIPPED
            last_rank = rank
            if seen is not None:
                for candidate in marked:
                    if candidate in seen:
                        return -1 - _REPEATED
                    seen.add(candidate)
            if len(marked) == 1:
                if continuing[marked[0]]:
                    return marked[0]
                continue
            if marked and self.overvote_rule is OvervoteRule.EXHAUST_IF_MULTIPLE_CONTINUING:
                found = -1
                for candidate in marked:
                    if continuing[candidate]:
                        if found >= 0:
                            return -1 - _OVERVOTE
                        found = candidate
                if found >= 0:
                    return found
                continue
            # An overvote under exhaust_immediately or skip_to_next_rank.
            if self.overvote_rule is OvervoteRule.EXHAUST_IMMEDIATELY:
                return -1 - _OVERVOTE
            if position == final:  # skipping past the last mark leaves nothing: exhausted choices
                return -1 - _EXHAUSTED
        return -1 - _EXHAUSTED

    def _assign_all(self) -> None:
        next_choice = self._next_choice
        piles, tally, inactive = self.piles, self.tally, self.inactive
        for group, marks in enumerate(self.marks):
            choice = next_choice(marks)
            if choice >= 0:
                piles[choice].append(group)
                tally[choice] += self.counts[group]
            else:
                inactive[-1 - choice] += self.counts[group]

    def _move_pile(self, source: int, moves: dict[int, Number]) -> None:
        """Send every ballot held by ``source`` on to its next choice; note what moved where."""
        next_choice = self._next_choice
        piles, tally, inactive = self.piles, self.tally, self.inactive
        counts, values, marks = self.counts, self.values, self.marks
        for group in piles[source]:
            value = values[group]
            amount = counts[group] * value
            choice = next_choice(marks[group])
            if choice >= 0:
                piles[choice].append(group)
                tally[choice] += amount
            else:
                inactive[-1 - choice] += amount
            if value > 0:  # a ballot worth nothing moves, but is not reported as a transfer
                target = choice if choice >= 0 else -1
                moves[target] = moves.get(target, 0) + amount
        piles[source] = []

    # -- thresholds and surplus ----------------------------------------------------------

    def _threshold(self, active_votes: Number) -> Number:
        rules, votes = self.rules, Decimal(active_votes)
        if rules.threshold is ThresholdRule.MAJORITY:
            return int((votes / 2).to_integral_value(rounding=ROUND_FLOOR)) + 1
        if rules.threshold is ThresholdRule.DROOP:
            return int((votes / (rules.seats + 1)).to_integral_value(rounding=ROUND_FLOOR)) + 1
        if rules.threshold is ThresholdRule.HARE:
            return int((votes / rules.seats).to_integral_value(rounding=ROUND_CEILING))
        return (votes / (rules.seats + 1)).quantize(self.quantum, rounding=ROUND_DOWN) + self.quantum

    def _apply_surplus(self, winner: int, threshold: Number) -> Number:
        """Keep each ballot's share of the winner's quota; the rest (truncated) travels on.

        Returns what the winner keeps (the sum of the kept shares). The surplus fraction is
        ``truncate((tally - threshold) / tally)``, zero when there is no surplus.
        """
        votes = self.tally[winner]
        extra = votes - threshold
        fraction: Number = (
            (Decimal(extra) / Decimal(votes)).quantize(self.quantum, rounding=ROUND_DOWN) if extra > 0 else 0
        )
        kept: Number = 0
        values, counts, quantum = self.values, self.counts, self.quantum
        for group in self.piles[winner]:
            value = values[group]
            travelling = (Decimal(value) * fraction).quantize(quantum, rounding=ROUND_DOWN)
            kept += counts[group] * (value - travelling)
            values[group] = travelling
        return kept

    # -- decisions -----------------------------------------------------------------------

    def _select_winners(
        self,
        active: list[int],
        threshold: Number,
        round_number: int,
        history: list[dict[int, Number]],
        seats_unfilled: int,
    ) -> list[int]:
        rules, tally, write_in = self.rules, self.tally, self.write_in
        if seats_unfilled <= 0:
            return []
        if write_in is not None and self.continuing[write_in] and tally[write_in] > 0:
            return []  # nobody is elected while undeclared write-ins hold votes
        electable = [candidate for candidate in active if candidate != write_in]
        if not electable:
            return []
        if len(electable) <= seats_unfilled:
            return electable
        leaders_only = rules.election_mode is ElectionMode.STV_ONE_WINNER_PER_ROUND or (
            rules.threshold_fixed_after_round_1
        )
        if rules.threshold_fixed_after_round_1 and len(active) - 1 == rules.seats:
            selected = self._top(electable)  # the threshold may be out of reach: the leader wins
        else:
            selected = [candidate for candidate in electable if tally[candidate] >= threshold]
        if not selected and rules.seats == 1 and len(active) == 2 and seats_unfilled == 1:
            selected = self._top(electable)  # two left, nobody at the threshold: more votes wins
        places = 1 if leaders_only else seats_unfilled
        if len(selected) <= places:
            return selected
        # More at the threshold than places: the leaders win, a tie at the edge is broken.
        chosen: list[int] = []
        waiting = list(selected)
        while len(chosen) < places:
            leaders = self._top(waiting)
            if len(chosen) + len(leaders) > places:
                leaders = [self.tie_breaker.pick(leaders, "winner", round_number, history)]
            chosen.extend(leaders)
            waiting = [candidate for candidate in waiting if candidate not in leaders]
        return chosen

    def _top(self, candidates: list[int]) -> list[int]:
        best = max(self.tally[candidate] for candidate in candidates)
        return [candidate for candidate in candidates if self.tally[candidate] == best]

    def _select_losers(
        self,
        active: list[int],
        round_number: int,
        history: list[dict[int, Number]],
        eliminated_so_far: int,
        seats_unfilled: int,
    ) -> list[int]:
        tally, write_in = self.tally, self.write_in
        if not active:
            return []
        if write_in is not None and self.continuing[write_in] and tally[write_in] > 0:
            return [write_in]
        if self.rules.batch_elimination:
            batch = self._batch(active, eliminated_so_far, seats_unfilled)
            if len(batch) > 1:
                return batch
        lowest = min(tally[candidate] for candidate in active)
        last = [candidate for candidate in active if tally[candidate] == lowest]
        if len(last) > 1:
            return [self.tie_breaker.pick(last, "loser", round_number, history)]
        return last

    def _batch(self, active: list[int], eliminated_so_far: int, seats_unfilled: int) -> list[int]:
        """The largest group of lowest candidates whose votes together stay below the next one up.

        The batch shrinks back to the previous smaller one when it would leave fewer candidates than
        seats still to fill, or (counting on until two remain) only the winner.
        """
        by_votes: dict[Number, list[int]] = {}
        for candidate in active:
            by_votes.setdefault(self.tally[candidate], []).append(candidate)
        running: Number = 0
        seen: list[int] = []
        batches: list[list[int]] = []  # each one larger than the one before
        for votes in sorted(by_votes):
            if running < votes and len(seen) > (len(batches[-1]) if batches else 0):
                batches.append(list(seen))
            running += votes * len(by_votes[votes])
            seen.extend(by_votes[votes])
        if (
            self.rules.continue_until_two_remain
            and batches
            and len(batches[-1]) + eliminated_so_far == self.candidates_in_count - 1
        ):
            batches.pop()
        electable = [candidate for candidate in active if candidate != self.write_in]
        while batches and len([c for c in electable if c not in batches[-1]]) < seats_unfilled:
            batches.pop()
        return batches[-1] if batches else []

    # -- the rounds ----------------------------------------------------------------------

    def run(self) -> TallyResult:
        rules = self.rules
        stv = rules.seats > 1
        records: list[_RoundRecord] = []
        history: list[dict[int, Number]] = []
        winners: list[int] = []
        eliminated_count = 0
        moving: list[int] = []  # candidates whose piles move at the start of the next round
        kept_by_new_winners: dict[int, Number] = {}  # STV: settled at the start of the next round
        shown_winner_tally: dict[int, Number] = {}
        residual_total: Number = 0
        final_surplus: Number = 0
        threshold: Number = 0
        winner_found = False
        final_round = False
        round_number = 0

        while True:
            round_number += 1
            if round_number == 1:
                self._assign_all()
            else:
                previous = records[-1]
                for source in moving:
                    moves = previous.moves[source]
                    if final_round and source in kept_by_new_winners:
                        # The last winners' surplus stays with them: reported, never transferred.
                        surplus = self._held_value(source)
                        if surplus:
                            moves[-1] = surplus
                            final_surplus += surplus
                    else:
                        self._move_pile(source, moves)
                moving = []
                for winner, kept in kept_by_new_winners.items():
                    residual = kept - threshold
                    if residual > 0:
                        residual_total += residual
                        previous.residuals[winner] = residual
                        shown_winner_tally[winner] = threshold
                    else:
                        shown_winner_tally[winner] = kept
                kept_by_new_winners = {}

            active = [candidate for candidate, alive in enumerate(self.continuing) if alive]
            tally_now = {candidate: self.tally[candidate] for candidate in active}
            if stv:
                tally_now.update(shown_winner_tally)
            recompute = not stv and not rules.threshold_fixed_after_round_1 and not winner_found
            if round_number == 1 or recompute:
                threshold = self._threshold(sum((self.tally[candidate] for candidate in active), 0))
            history.append(tally_now)
            record = _RoundRecord(
                number=round_number,
                threshold=threshold,
                tally=tally_now,
                inactive=tuple(self.inactive),
                elected=[],
                eliminated=[],
                moves={},
                residuals={},
                residual_surplus=residual_total,
            )
            records.append(record)

            unfilled = rules.seats - len(winners)
            elected = self._select_winners(active, threshold, round_number, history, unfilled)
            if elected:
                elected.sort(key=self.names.__getitem__)
                winners.extend(elected)
                winner_found = True
                record.elected = elected
                for winner in elected:
                    record.moves[winner] = {}
                    if stv:
                        self.continuing[winner] = False
                        kept_by_new_winners[winner] = self._apply_surplus(winner, threshold)
                        moving.append(winner)
            elif len(winners) < rules.seats or (
                rules.continue_until_two_remain and eliminated_count < self.candidates_in_count - 2
            ):
                losers = self._select_losers(active, round_number, history, eliminated_count, unfilled)
                losers.sort(key=self.names.__getitem__)
                record.eliminated = losers
                eliminated_count += len(losers)
                for loser in losers:
                    self.continuing[loser] = False
                    record.moves[loser] = {}
                    moving.append(loser)

            decided = bool(record.elected or record.eliminated)
            if not decided:
                break  # nothing changed: another round would be the same
            if rules.stop_after_round is not None and round_number >= rules.stop_after_round:
                break
            if rules.continue_until_two_remain:
                still_running = self.candidates_in_count - eliminated_count - len(winners) > 1
                if not (still_running or record.eliminated):
                    break
            elif len(winners) >= rules.seats or not any(self.continuing):
                if stv and record.elected:
                    final_round = True  # one more round shows the last winners at the threshold
                    continue
                break

        # Stopped early (stop_after_round) right after an elimination: still say where those votes go.
        for source in moving:
            if source not in kept_by_new_winners:
                self._move_pile(source, records[-1].moves[source])
        if stv:
            records[-1].final_round_surplus = final_surplus
        return self._result(records, winners, stv)

    def _held_value(self, candidate: int) -> Number:
        total: Number = 0
        for group in self.piles[candidate]:
            value = self.values[group]
            if value > 0:
                total += self.counts[group] * value
        return total

    def _result(self, records: list[_RoundRecord], winners: list[int], stv: bool) -> TallyResult:
        names = self.names

        def number(value: Number) -> Decimal:
            return value if isinstance(value, Decimal) else Decimal(value)

        rounds = []
        for record in records:
            transfers: dict[str, Transfer] = {}
            for source in sorted(record.moves, key=names.__getitem__):
                moves = record.moves[source]
                transfers[names[source]] = Transfer(
                    to_candidates=MappingProxyType(
                        {
                            names[target]: number(amount)
                            for target, amount in sorted(
                                ((t, a) for t, a in moves.items() if t >= 0), key=lambda item: names[item[0]]
                            )
                        }
                    ),
                    exhausted=number(moves[-1]) if -1 in moves else None,
                    residual_surplus=number(record.residuals[source]) if source in record.residuals else None,
                )
            rounds.append(
                RoundResult(
                    number=record.number,
                    threshold=number(record.threshold),
                    tally=MappingProxyType(
                        {
                            names[candidate]: number(votes)
                            for candidate, votes in sorted(
                                record.tally.items(), key=lambda item: names[item[0]]
                            )
                        }
                    ),
                    inactive=InactiveBallots(*(number(value) for value in record.inactive)),
                    elected=tuple(names[candidate] for candidate in record.elected),
                    eliminated=tuple(names[candidate] for candidate in record.eliminated),
                    transfers=MappingProxyType(transfers),
                    residual_surplus=number(record.residual_surplus) if stv else None,
                    final_round_surplus=(
                        number(record.final_round_surplus)
                        if stv and record.final_round_surplus is not None
                        else None
                    ),
                )
            )
        return TallyResult(
            rules=self.rules,
            total_ballots=self.total_ballots,
            ballots_with_no_rankings=self.no_rankings,
            winners=tuple(names[candidate] for candidate in winners),
            rounds=tuple(rounds),
            tie_resolutions=tuple(self.tie_breaker.resolutions),
        )


class _TieBreaker:
    def __init__(self, rules: CountRules, names: Sequence[str]) -> None:
        self.rule = rules.tiebreak
        self.names = names
        self.resolutions: list[TieResolution] = []
        self.generator = JavaRandom(self.rule.seed) if self.rule.seed is not None else None
        mode = self.rule.mode
        self.order: tuple[str, ...] = ()
        if mode is TiebreakMode.CANDIDATE_ORDER:
            self.order = self.rule.order or tuple(names)
        elif mode is TiebreakMode.SEEDED_PERMUTATION:
            if self.rule.permutation:
                self.order = self.rule.permutation
            else:
                assert self.generator is not None  # CountRules.check() asks for a seed
                self.order = _shuffled(sorted(rules.candidates), self.generator)

    def pick(
        self,
        tied: list[int],
        selecting: Literal["winner", "loser"],
        round_number: int,
        history: list[dict[int, Number]],
    ) -> int:
        tied_names = sorted(self.names[candidate] for candidate in tied)
        mode = self.rule.mode
        if mode in (TiebreakMode.CANDIDATE_ORDER, TiebreakMode.SEEDED_PERMUTATION):
            place = {name: position for position, name in enumerate(self.order)}
            unlisted = len(place)  # a name missing from the order counts as listed last
            ranked = sorted(tied_names, key=lambda name: place.get(name, unlisted))
            chosen = ranked[0] if selecting == "winner" else ranked[-1]
        elif mode is TiebreakMode.RANDOM:
            chosen = self._draw(tied_names)
        else:
            chosen = self._by_previous_rounds(tied_names, selecting, round_number, history)
        self.resolutions.append(TieResolution(round_number, tuple(tied_names), selecting, chosen))
        return self.names.index(chosen)

    def _draw(self, ordered: Sequence[str]) -> str:
        assert self.generator is not None  # CountRules.check() asks for a seed
        return ordered[int(self.generator.next_double() * len(ordered))]

    def _by_previous_rounds(
        self, tied_names: list[str], selecting: str, round_number: int, history: list[dict[int, Number]]
    ) -> str:
        index = {name: position for position, name in enumerate(self.names)}
        contention = tied_names
        for earlier in range(round_number - 1, 0, -1):
            votes = history[earlier - 1]
            # The reference tabulator narrows through a Java HashSet; its order feeds the final draw.
            ordered = _java_hash_set_order(contention)
            values = [votes.get(index[name], 0) for name in ordered]
            target = max(values) if selecting == "winner" else min(values)
            contention = [name for name, value in zip(ordered, values, strict=True) if value == target]
            if len(contention) == 1:
                return contention[0]
        return self._draw(contention)
