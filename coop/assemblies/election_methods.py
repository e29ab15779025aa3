"""How an election in the database is counted, by the method its ``rules_preset`` names.

``irv`` and ``stv-droop`` (or a rules.json file) are counted by the RCTab tabulator
(:mod:`coop.votes.tally`) and stored in the ``rcv-conformance-case/1`` format. The ranked methods
added here are counted by the pure counts beside it:

``meek``      Meek STV (:mod:`coop.votes.stv.meek`), guarded arithmetic of 18 digits, omega 10^-9
``wigm``      the weighted inclusive Gregory method, in exact fractions (:mod:`coop.votes.stv.wigm`)
``scottish``  the Scottish STV rules (WIGM, 5 decimals truncated, statutory since 2007)
``schulze``   one winner by the Schulze method, winning votes (:mod:`coop.votes.schulze`)

Their results are stored as the plain JSON of those counts (formats ``coop-stv/1`` and
``coop-schulze/1``), with ``winners`` and ``total_ballots`` as every result has them. Ties in the STV
counts go by the tie order, which is the order of the ballot paper, as Droop counts a BLT file: so
the exported ballots (``coop election export N --out ballots.blt``) count the same anywhere.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from coop.i18n import _
from coop.votes.schulze import SCHULZE_FORMAT
from coop.votes.stv.methods import STV_FORMAT
from coop.votes.tally import CountRules, group_rankings

__all__ = ["RANKED_METHODS", "SCHULZE_FORMAT", "STV_FORMAT", "STV_METHODS", "count_ballots", "method_phrase"]

STV_METHODS = ("meek", "wigm", "scottish")
RANKED_METHODS = (*STV_METHODS, "schulze")


def is_ranked_method(preset: str | None) -> bool:
    """Whether the election is counted by Meek, WIGM, the Scottish rules or Schulze."""
    return preset in RANKED_METHODS


def count_ballots(preset: str | None, rules: CountRules, rankings: Sequence[Sequence[str]]) -> dict[str, Any]:
    """Count ``rankings`` (names, first choice first) under the election's method; the result to store."""
    ballots = group_rankings(rankings)
    if preset == "schulze":
        from coop.votes.schulze import schulze, schulze_json

        return {
            "format": SCHULZE_FORMAT,
            **schulze_json(schulze(rules.candidates, ballots)),
            "total_ballots": str(len(rankings)),
        }
    if preset in STV_METHODS:
        from coop.votes.stv.methods import StvMethod, count_stv, stv_json
        from coop.votes.stv.model import StvElection

        result = count_stv(
            StvElection(candidates=tuple(rules.candidates), seats=rules.seats, ballots=ballots),
            StvMethod(preset),
        )
        return {"format": STV_FORMAT, **stv_json(result), "total_ballots": str(len(rankings))}
    from coop.votes.ballot_files import conformance_json
    from coop.votes.tally import tabulate

    return conformance_json(tabulate(ballots, rules))


def counting_steps(result: dict[str, Any]) -> int:
    """How many rounds the count took (a Schulze count has none: it is one comparison of every pair)."""
    return len(result.get("rounds", ()))


def method_phrase(preset: str | None) -> str:
    """The counting method in a few words, as the minutes and reports name it."""
    phrases = {
        "irv": _("instant-runoff vote, majority of continuing votes"),
        "stv-droop": _("single transferable vote, fractional Droop quota"),
        "meek": _("single transferable vote by Meek's method"),
        "wigm": _("single transferable vote, weighted inclusive Gregory method"),
        "scottish": _("single transferable vote under the Scottish STV rules"),
        "schulze": _("Schulze method (a Condorcet method), winning votes"),
    }
    return phrases.get(preset or "", _("ranked-choice count under the rules filed with the election"))
