"""A conformance case: its folder read as ballots and rules, and a result written as ``expected.json``."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

from coop.votes.ballot_files.ballots_csv import read_ballots_csv
from coop.votes.ballot_files.common import CONFORMANCE_FORMAT, BallotSet
from coop.votes.ballot_files.rules_json import read_rules_json
from coop.votes.tally.results import TallyResult
from coop.votes.tally.rules import (
    CountRules,
)


def read_conformance_case(folder: Path | str) -> tuple[BallotSet, CountRules]:
    """The ballots and rules of one conformance case folder."""
    folder = Path(folder)
    rules = read_rules_json(folder / "rules.json")
    return read_ballots_csv(folder / "ballots.csv", rules), rules


# --------------------------------------------------------------------------- expected.json


def _number(value: Decimal) -> str:
    return format(value, "f")


def conformance_json(result: TallyResult) -> dict[str, Any]:
    """The result in the conformance ``expected.json`` structure, key for key."""
    data: dict[str, Any] = {
        "format": CONFORMANCE_FORMAT,
        "total_ballots": str(result.total_ballots),
        "ballots_with_no_rankings": str(result.ballots_with_no_rankings),
        "winners": list(result.winners),
        "final_threshold": _number(result.final_threshold),
        "rounds": [],
    }
    for round_result in result.rounds:
        inactive = round_result.inactive
        transfers: dict[str, dict[str, str]] = {}
        for source, transfer in round_result.transfers.items():
            targets = {name: _number(amount) for name, amount in transfer.to_candidates.items()}
            if transfer.exhausted is not None:
                targets["exhausted"] = _number(transfer.exhausted)
            if transfer.residual_surplus is not None:
                targets["residual surplus"] = _number(transfer.residual_surplus)
            transfers[source] = dict(sorted(targets.items()))
        entry: dict[str, Any] = {
            "round": round_result.number,
            "threshold": _number(round_result.threshold),
            "tally": {name: _number(votes) for name, votes in round_result.tally.items()},
            "inactive": {
                "overvote": _number(inactive.overvote),
                "skipped_ranks": _number(inactive.skipped_ranks),
                "exhausted_choices": _number(inactive.exhausted_choices),
                "repeated_ranking": _number(inactive.repeated_ranking),
                # The cases give each cause with its arithmetic scale but the total plainly.
                "total": _number(inactive.total.normalize()),
            },
            "elected": list(round_result.elected),
            "eliminated": list(round_result.eliminated),
            "transfers": transfers,
        }
        if round_result.residual_surplus is not None:
            entry["residual_surplus"] = _number(round_result.residual_surplus)
        if round_result.final_round_surplus is not None and round_result is result.rounds[-1]:
            entry["final_round_surplus"] = _number(round_result.final_round_surplus)
        data["rounds"].append(entry)
    if result.tie_resolutions:
        data["tie_resolutions_derived"] = [
            {"round": tie.round, "tied": list(tie.tied), "selecting": tie.selecting, "selected": tie.selected}
            for tie in result.tie_resolutions
        ]
    return data
