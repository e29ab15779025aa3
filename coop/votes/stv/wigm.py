"""The weighted inclusive Gregory method (WIGM) and its statutory form, the Scottish STV rules
(The Scottish Local Government Elections Order 2007, articles 46 to 52), counted as Droop's ``wigm`` and
``scotland`` rules.

The rule in plain words:

- **Quota**: WIGM takes the ballots divided by seats + 1 (exactly, and a candidate must exceed it);
  the Scottish rules take the whole part of that, plus one, and a candidate needs to reach it.
- Each ballot counts for its current **weight** (1 at first) for the first continuing candidate it ranks.
- Candidates at or over the quota are elected. The **surplus** of one of them (the largest; a tie goes
  to the first in the tie order, or under the Scottish rules to the one who had more votes at the most
  recent earlier stage where they differed, and only then by lot) is transferred: *every* ballot
  counting for that candidate passes on at weight × surplus ÷ votes (inclusive Gregory), truncated to
  five decimals under the Scottish rules; the candidate keeps exactly a quota. One surplus per stage.
- When no surplus is waiting, the candidate with the fewest votes is excluded (a tie as above, but
  against the candidate with fewer votes earlier) and their ballots pass on at their current weight.
- A ballot with no continuing candidate left is non-transferable. When the continuing candidates are no
  more than the seats left they are elected; when the seats are filled the rest are excluded.
"""

from __future__ import annotations

from coop.errors import VoteError
from coop.i18n import _
from coop.votes.stv.arithmetic import FIXED_P5, RATIONAL, Arithmetic, Value
from coop.votes.stv.model import Event, Round, Snapshot, State, StvElection, StvResult, prepare_ballots


class _Ballot:
    __slots__ = ("count", "position", "ranking", "weight")

    def __init__(self, ranking: tuple[int, ...], count: int, weight: Value) -> None:
        self.ranking = ranking
        self.count = count
        self.weight = weight
        self.position = 0


def count_wigm(election: StvElection, arithmetic: Arithmetic = RATIONAL) -> StvResult:
    """Count ``election`` by the weighted inclusive Gregory method."""
    return _count(election, arithmetic, scottish=False)


def count_scottish(election: StvElection) -> StvResult:
    """Count ``election`` by the Scottish STV rules (fixed point, 5 decimals, truncated)."""
    return _count(election, FIXED_P5, scottish=True)


def _count(election: StvElection, ar: Arithmetic, *, scottish: bool) -> StvResult:
    names = election.candidates
    n = len(names)
    prepared = prepare_ballots(election)
    if prepared.equal:
        raise VoteError(
            _(
                "The {method} rules need one candidate per rank; a ballot ranks several candidates equal."
            ).format(method="Scottish STV" if scottish else "WIGM")
        )
    zero, one = ar.of(0), ar.of(1)
    tie_rank = election.tie_rank()
    withdrawn = {names.index(name) for name in election.withdrawn}
    state: list[State] = ["withdrawn" if c in withdrawn else "hopeful" for c in range(n)]
    pending: list[int] = []
    elected_order: list[int] = []
    votes: list[Value] = [zero] * n
    ballots = [_Ballot(ranking, count, one) for ranking, count in prepared.simple]
    exhausted: Value = zero
    history: list[list[Value]] = []  # the votes as each round began, for the Scottish ties

    if scottish:
        quota = ar.of(prepared.count // (election.seats + 1) + 1)
    elif ar.exact:
        quota = ar.divide_whole(ar.of(prepared.count), election.seats + 1)
    else:
        quota = ar.divide_whole(ar.of(prepared.count), election.seats + 1) + ar.epsilon

    def has_quota(c: int) -> bool:
        if scottish or not ar.exact:
            return ar.cmp(votes[c], quota) >= 0
        return ar.cmp(votes[c], quota) > 0

    def hopeful() -> list[int]:
        return [c for c in range(n) if state[c] == "hopeful"]

    def seats_left() -> int:
        return election.seats - len(elected_order)

    def transfer(ballot: _Ballot) -> None:
        nonlocal exhausted
        while ballot.position < len(ballot.ranking) and state[ballot.ranking[ballot.position]] != "hopeful":
            ballot.position += 1
        if ballot.position >= len(ballot.ranking):
            exhausted += ballot.weight * ballot.count
        else:
            votes[ballot.ranking[ballot.position]] += ballot.weight * ballot.count

    def snapshot() -> Snapshot:
        exact = ar.exact_value
        return Snapshot(
            votes={names[c]: exact(votes[c]) for c in range(n)},
            states={names[c]: state[c] for c in range(n)},
            quota=exact(quota),
            surplus=exact(sum((votes[c] - quota for c in pending), zero)),
            residual=exact(exhausted),
        )

    def break_tie(tied: list[int], highest: bool, events: list[Event], reason: str) -> int:
        tied = sorted(tied, key=lambda c: tie_rank[names[c]])
        if len(tied) == 1:
            return tied[0]
        if scottish:
            for past in reversed(history):
                extreme = (max if highest else min)(past[c] for c in tied)
                leaders = [c for c in tied if past[c] == extreme]
                if len(leaders) == 1:
                    others = [c for c in tied if c != leaders[0]]
                    events.append(
                        Event("tie", tuple(names[c] for c in [leaders[0], *others]), reason="earlier stage")
                    )
                    return leaders[0]
        events.append(Event("tie", tuple(names[c] for c in tied), reason=reason))
        return tied[0]

    def elect_pending(events: list[Event]) -> None:
        for c in sorted(hopeful(), key=lambda c: (votes[c], c), reverse=True):
            if has_quota(c):
                state[c] = "elected"
                pending.append(c)
                elected_order.append(c)
                events.append(Event("elected", (names[c],)))

    for ballot in ballots:
        votes[ballot.ranking[0]] += ballot.weight * ballot.count
    first = snapshot()
    rounds: list[Round] = []
    carried: list[Event] = []  # the Scottish rules elect before a stage begins
    if scottish:
        elect_pending(carried)

    while len(hopeful()) > seats_left() > 0:
        start = snapshot()
        history.append(list(votes))
        events: list[Event] = carried
        carried = []
        if not scottish:
            elect_pending(events)
        if pending:
            high = max(votes[c] for c in pending)
            chosen = break_tie([c for c in pending if votes[c] == high], True, events, "surplus")
            pending.remove(chosen)
            surplus = votes[chosen] - quota
            for ballot in ballots:
                if ballot.position < len(ballot.ranking) and ballot.ranking[ballot.position] == chosen:
                    if scottish:
                        ballot.weight = ar.muldiv(ballot.weight, surplus, votes[chosen])
                    else:
                        ballot.weight = ar.div(ar.mul(ballot.weight, surplus), votes[chosen])
                    transfer(ballot)
            votes[chosen] = quota
            events.append(Event("surplus", (names[chosen],), ar.exact_value(surplus)))
        elif hopeful():
            low = min(votes[c] for c in hopeful())
            loser = break_tie([c for c in hopeful() if votes[c] == low], False, events, "defeat")
            state[loser] = "defeated"
            events.append(Event("defeated", (names[loser],)))
            for ballot in ballots:
                if ballot.position < len(ballot.ranking) and ballot.ranking[ballot.position] == loser:
                    transfer(ballot)
            votes[loser] = zero
        if scottish:
            elect_pending(events)
        rounds.append(Round(len(rounds) + 1, start, tuple(events)))

    pending.clear()
    closing: list[Event] = list(carried)
    for c in hopeful():
        if len(elected_order) < election.seats:
            state[c] = "elected"
            elected_order.append(c)
            closing.append(Event("elected", (names[c],), reason="remaining"))
        else:
            state[c] = "defeated"
            closing.append(Event("defeated", (names[c],), reason="remaining"))
    if closing:
        if rounds:
            rounds[-1] = Round(rounds[-1].number, rounds[-1].start, rounds[-1].events + tuple(closing))
        else:
            rounds.append(Round(0, first, tuple(closing)))
    return StvResult(
        method="scottish" if scottish else "wigm",
        arithmetic=ar.name,
        display=ar.display,
        seats=election.seats,
        winners=tuple(names[c] for c in elected_order),
        first=first,
        rounds=tuple(rounds),
        final=snapshot(),
        ballots=prepared.count,
    )
