"""Breaking a tie between candidates, by the rule the count was given."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from coop.votes.tally.java_random import JavaRandom, java_hash_set_order, shuffled
from coop.votes.tally.piles import Number
from coop.votes.tally.results import TieResolution
from coop.votes.tally.rules import (
    CountRules,
    TiebreakMode,
)


class TieBreaker:
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
                self.order = shuffled(sorted(rules.candidates), self.generator)

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
            ordered = java_hash_set_order(contention)
            values = [votes.get(index[name], 0) for name in ordered]
            target = max(values) if selecting == "winner" else min(values)
            contention = [name for name, value in zip(ordered, values, strict=True) if value == target]
            if len(contention) == 1:
                return contention[0]
        return self._draw(contention)
