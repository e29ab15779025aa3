"""Meek STV, counted as Droop's reference rule ``meek`` (B. L. Meek, 1969; Hill, Wichmann & Woodall 1987).

The rule in plain words:

- Every candidate has a **keep factor**, the share of each vote reaching them that they keep: 1 for a
  hopeful candidate, 0 for a defeated one, and for an elected one whatever keeps them at the quota.
- A ballot gives its first candidate that share of its whole value, passes the rest on to the next
  candidate ranked, who keeps their share of what arrives, and so on; what no one keeps is the
  **residual** (exhausted ballots). A candidate of ``equal`` rank splits what arrives evenly.
- The **quota** is the votes kept by all candidates divided by seats + 1 (Droop's quota, recalculated
  as ballots exhaust); a candidate is elected when their votes exceed it (reach it, in inexact
  arithmetic, where the quota is rounded up by the smallest unit).
- In each round the keep factors of the elected are lowered, ``kf × quota ÷ votes`` (rounded up), and
  the ballots counted again, until someone new reaches the quota, or the total **surplus** of the
  elected over the quota falls to **omega** (10^-10 in rational arithmetic, 10^-9 in guarded), or stops
  shrinking.
- Then candidates who could not catch up even with the whole surplus are defeated together
  (``defeat_batch=safe``); otherwise the candidate with fewest votes is defeated; candidates within the
  surplus of the lowest count as tied, and a tie goes against the first in the tie order (by default the
  order of the ballot file).
- When the hopeful are no more than the seats left, they are elected; when the seats are filled, the rest
  are defeated.
"""

from __future__ import annotations

from fractions import Fraction

from coop.votes.stv.arithmetic import GUARDED_P18_G9, Arithmetic, Value
from coop.votes.stv.model import Event, Round, Snapshot, State, StvElection, StvResult, prepare_ballots

Trie = dict[int, "Node"]


class Node:
    """A prefix shared by ballots: how many ballots go through it, and what they rank next."""

    __slots__ = ("children", "count")

    def __init__(self) -> None:
        self.count = 0
        self.children: Trie = {}


def _trie(ballots: list[tuple[tuple[int, ...], int]]) -> Trie:
    root: Trie = {}
    for ranking, weight in ballots:
        level = root
        for candidate in ranking:
            node = level.get(candidate)
            if node is None:
                node = level[candidate] = Node()
            node.count += weight
            level = node.children
    return root


def default_omega(arithmetic: Arithmetic) -> int:
    """Droop's default omega exponent: 10 in rational arithmetic, half the precision otherwise."""
    if arithmetic.kind == "rational":
        return 10
    if arithmetic.kind == "guarded":
        return arithmetic.precision // 2
    return arithmetic.precision * 2 // 3


def count_meek(
    election: StvElection, arithmetic: Arithmetic = GUARDED_P18_G9, *, omega: int | None = None
) -> StvResult:
    """Count ``election`` by Meek STV in ``arithmetic``, iterating until the surplus is at most 10^-omega."""
    ar = arithmetic
    names = election.candidates
    n = len(names)
    prepared = prepare_ballots(election)
    trie = _trie(prepared.simple)
    equal = prepared.equal
    one, zero = ar.of(1), ar.of(0)
    omega_exponent = default_omega(ar) if omega is None else omega
    omega_value = ar.div(one, ar.of(10**omega_exponent))
    tie_rank = election.tie_rank()
    withdrawn = {names.index(name) for name in election.withdrawn}
    state: list[State] = ["withdrawn" if c in withdrawn else "hopeful" for c in range(n)]
    kf: list[Value] = [zero if c in withdrawn else one for c in range(n)]
    votes: list[Value] = [zero] * n
    total = ar.of(prepared.count)
    residual: Value = zero
    elected_order: list[int] = []

    def seats_left() -> int:
        return election.seats - len(elected_order)

    def hopeful() -> list[int]:
        return [c for c in range(n) if state[c] == "hopeful"]

    def counted() -> list[int]:
        return [c for c in range(n) if state[c] in ("hopeful", "elected")]

    def quota_of(kept: Value) -> Value:
        quota = ar.divide_whole(kept, election.seats + 1)
        return quota if ar.exact else quota + ar.epsilon

    def has_quota(c: int) -> bool:
        return ar.cmp(votes[c], quota) > 0 if ar.exact else ar.cmp(votes[c], quota) >= 0

    def walk(level: Trie, weight: Value) -> None:
        for c, node in level.items():
            factor = kf[c]
            if not factor:
                walk(node.children, weight)
                continue
            keep = ar.mul(weight, factor)
            votes[c] += keep * node.count
            rest = ar.mul(weight, one - factor)
            if node.children and ar.cmp(rest, zero) > 0:
                walk(node.children, rest)

    def split(
        ranks: tuple[tuple[int, ...], ...], weight: int, active: set[int], position: int, value: Value
    ) -> None:
        """A ballot with equal ranks: what reaches a rank is shared evenly by its counted candidates."""
        if not value or position >= len(ranks):
            return
        present = [c for c in ranks[position] if c in active]
        if present:
            share = ar.divide_whole(value, len(present))
            for c in present:
                votes[c] += ar.mul(share, kf[c]) * weight
                split(ranks, weight, active, position + 1, ar.mul(share, one - kf[c]))

    def distribute() -> None:
        nonlocal residual
        for c in range(n):
            votes[c] = zero
        walk(trie, one)
        active = set(counted())
        for ranks, weight in equal:
            split(ranks, weight, active, 0, one)
        residual = total - sum(votes, zero)

    def snapshot(quota: Value, surplus: Value) -> Snapshot:
        exact = ar.exact_value
        return Snapshot(
            votes={names[c]: exact(votes[c]) for c in range(n)},
            states={names[c]: state[c] for c in range(n)},
            quota=exact(quota),
            surplus=exact(surplus),
            residual=exact(residual),
            keep_factors={names[c]: exact(kf[c]) for c in range(n)},
        )

    def by_tie(candidates: list[int]) -> list[int]:
        return sorted(candidates, key=lambda c: tie_rank[names[c]])

    def batch_defeat(surplus: Value) -> list[int]:
        ordered = sorted(hopeful(), key=lambda c: (votes[c], c))
        groups: list[list[int]] = []
        group: list[int] = []
        base = zero
        for c in ordered:
            if ar.cmp(base + surplus, votes[c]) >= 0:
                group.append(c)
            else:
                if group:
                    groups.append(group)
                group, base = [c], votes[c]
        if group:
            groups.append(group)
        most = len(hopeful()) - seats_left()
        below, chosen, size = zero, None, 0
        for index in range(len(groups) - 1):
            size += len(groups[index])
            if size > most:
                break
            below += sum((votes[c] for c in groups[index]), zero)
            if ar.cmp(below + surplus, votes[groups[index + 1][0]]) < 0:
                chosen = index
        return [c for g in groups[: chosen + 1] for c in g] if chosen is not None else []

    # Round 0: first preferences.
    for ranking, weight in prepared.simple:
        votes[ranking[0]] += one * weight
    for ranks, weight in equal:
        for c in ranks[0]:
            votes[c] += ar.divide_whole(one, len(ranks[0])) * weight
    quota = quota_of(total)
    surplus: Value = zero
    first = snapshot(quota, surplus)
    rounds: list[Round] = []

    while not (len(hopeful()) <= seats_left() or seats_left() <= 0):
        start = snapshot(quota, surplus)
        events: list[Event] = []
        status, batch, last_surplus = "", [], ar.of(prepared.count)
        while True:
            distribute()
            quota = quota_of(sum((votes[c] for c in counted()), zero))
            newly = [c for c in hopeful() if has_quota(c)]
            for c in newly:
                state[c] = "elected"
                elected_order.append(c)
                events.append(Event("elected", (names[c],)))
            surplus = sum((votes[c] - quota for c in range(n) if state[c] == "elected"), zero)
            if newly:
                status = "elected"
                break
            if ar.le(surplus, omega_value):
                status = "omega"
                break
            if ar.cmp(surplus, last_surplus) >= 0:
                status = "stable"
                break
            batch = batch_defeat(surplus)
            if batch:
                status = "batch"
                break
            last_surplus = surplus
            for c in range(n):
                if state[c] == "elected":
                    kf[c] = ar.div(ar.mul(kf[c], quota, up=True), votes[c], up=True)
        if status == "batch":
            for c in sorted(batch):
                state[c], kf[c], votes[c] = "defeated", zero, zero
                events.append(Event("defeated", (names[c],), reason="certain loser"))
                distribute()
        elif status in ("omega", "stable") and hopeful():
            low = min(votes[c] for c in hopeful())
            tied = by_tie([c for c in hopeful() if ar.cmp(low + surplus, votes[c]) >= 0])
            if len(tied) > 1:
                events.append(Event("tie", tuple(names[c] for c in tied), reason="defeat"))
            loser = tied[0]
            state[loser], kf[loser], votes[loser] = "defeated", zero, zero
            events.append(Event("defeated", (names[loser],), ar.exact_value(surplus), reason=status))
            distribute()
        rounds.append(Round(len(rounds) + 1, start, tuple(events)))

    closing: list[Event] = []
    for c in hopeful():
        if len(elected_order) < election.seats:
            state[c] = "elected"
            elected_order.append(c)
            closing.append(Event("elected", (names[c],), reason="remaining"))
        else:
            state[c], kf[c], votes[c] = "defeated", zero, zero
            closing.append(Event("defeated", (names[c],), reason="remaining"))
        distribute()
    if closing and rounds:
        last = rounds[-1]
        rounds[-1] = Round(last.number, last.start, last.events + tuple(closing))
    elif closing:
        rounds.append(Round(0, first, tuple(closing)))
    kept = sum((votes[c] for c in elected_order), zero)
    residual = total - kept
    final = snapshot(quota, surplus)
    return StvResult(
        method="meek",
        arithmetic=ar.name,
        display=ar.display,
        seats=election.seats,
        winners=tuple(names[c] for c in elected_order),
        first=first,
        rounds=tuple(rounds),
        final=final,
        ballots=prepared.count,
        omega=Fraction(1, 10**omega_exponent),
    )
