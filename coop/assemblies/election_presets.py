"""The counting rules a preset names (irv, stv-droop; meek, wigm, scottish, schulze) for an election's
candidates and seats."""

from __future__ import annotations

from collections.abc import Sequence

from coop.assemblies.election_methods import RANKED_METHODS
from coop.errors import VoteError
from coop.i18n import _
from coop.votes.tally import (
    CountRules,
    DuplicateRule,
    ElectionMode,
    OvervoteRule,
    ThresholdRule,
    TiebreakMode,
    TieBreakRule,
)

RULE_PRESETS = ("irv", "stv-droop", *RANKED_METHODS)


def preset_rules(preset: str, candidates: Sequence[str], seats: int, title: str, seed: int) -> CountRules:
    """The rules a returning officer can name.

    ``irv``: one winner by instant runoff; a majority of continuing votes wins; an overvoted rank
    is skipped. ``stv-droop``: single transferable vote with the fractional Droop quota and
    Gregory-style fractional transfer of surpluses, to 4 decimal places. Both pass over blank
    and repeated ranks, and break ties by the earlier rounds' tallies, then by a seeded draw.
    ``meek``, ``wigm``, ``scottish`` and ``schulze``: see :mod:`coop.assemblies.election_methods`.
    """
    if preset == "schulze" and seats != 1:
        raise VoteError(
            _(
                "The schulze rules elect one person, not {seats}; for several seats use meek, "
                "wigm, scottish or stv-droop."
            ).format(seats=seats)
        )
    if preset in RANKED_METHODS:
        # What an export needs (candidates, seats, title); the count itself follows the method.
        return preset_rules("irv" if preset == "schulze" else "stv-droop", candidates, seats, title, seed)
    tiebreak = TieBreakRule(mode=TiebreakMode.PREVIOUS_ROUNDS_THEN_RANDOM, seed=seed)
    if preset == "irv":
        if seats != 1:
            raise VoteError(
                _("The irv rules elect one person; for {seats} seats use stv-droop or meek.").format(
                    seats=seats
                )
            )
        return CountRules(
            candidates=tuple(candidates),
            seats=1,
            election_mode=ElectionMode.SINGLE_WINNER,
            threshold=ThresholdRule.MAJORITY,
            overvote=OvervoteRule.SKIP_TO_NEXT_RANK,
            duplicate_ranking=DuplicateRule.IGNORE_DUPLICATE,
            tiebreak=tiebreak,
            title=title,
        )
    if preset == "stv-droop":
        mode = ElectionMode.STV_MULTIPLE_WINNERS_PER_ROUND if seats > 1 else ElectionMode.SINGLE_WINNER
        threshold = ThresholdRule.DROOP_FRACTIONAL if seats > 1 else ThresholdRule.MAJORITY
        return CountRules(
            candidates=tuple(candidates),
            seats=seats,
            election_mode=mode,
            threshold=threshold,
            decimal_places=4,
            overvote=OvervoteRule.SKIP_TO_NEXT_RANK,
            duplicate_ranking=DuplicateRule.IGNORE_DUPLICATE,
            tiebreak=tiebreak,
            title=title,
        )
    raise VoteError(
        _(
            "'{preset}' is not a rules preset; use irv, stv-droop, meek, wigm, scottish, schulze or a "
            "rules.json file."
        ).format(preset=preset)
    )
