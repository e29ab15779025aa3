"""The tabulator against every shared conformance case, round by round and as a whole.

The cases live outside the repository (``../shared/conformance/rcv``, or ``COOP_CONFORMANCE_DIR``)
and are read as they are: never copied, never edited.
"""

from __future__ import annotations

import json
from functools import cache
from typing import Any

import pytest

from coop.votes.ballot_files.conformance import conformance_json, read_conformance_case
from coop.votes.tally.count import tabulate
from coop.votes.tally.results import TallyResult
from tests.factories.conformance import CASES, CONFORMANCE_DIR
from tests.factories.tallies import accounted_for

pytestmark = pytest.mark.skipif(
    not CASES, reason=f"no conformance cases at {CONFORMANCE_DIR} (set COOP_CONFORMANCE_DIR to their folder)"
)


@cache
def counted(case: str) -> tuple[TallyResult, dict[str, Any], dict[str, Any]]:
    """(our result, our expected.json structure, the case's expected.json) for one case."""
    ballots, rules = read_conformance_case(CONFORMANCE_DIR / case)
    result = tabulate(ballots.ballots, rules)
    expected = json.loads((CONFORMANCE_DIR / case / "expected.json").read_text(encoding="utf-8"))
    return result, conformance_json(result), expected


def test_conformance_folder_holds_the_twenty_cases() -> None:
    assert len(CASES) >= 20
    for case in CASES:
        for name in ("ballots.csv", "rules.json", "expected.json", "SOURCE.md"):
            assert (CONFORMANCE_DIR / case / name).is_file(), f"{case}/{name} is missing"


@pytest.mark.parametrize("case", CASES)
def test_conformance_summary_matches(case: str) -> None:
    _result, ours, expected = counted(case)
    for key in ("format", "total_ballots", "ballots_with_no_rankings", "winners", "final_threshold"):
        assert ours[key] == expected[key], f"{case}: {key}"
    assert len(ours["rounds"]) == len(expected["rounds"]), f"{case}: number of rounds"


@pytest.mark.parametrize("case", CASES)
def test_conformance_rounds_match_one_by_one(case: str) -> None:
    _result, ours, expected = counted(case)
    for mine, theirs in zip(ours["rounds"], expected["rounds"], strict=False):
        number = theirs["round"]
        assert mine["round"] == number
        for key in (
            "threshold",
            "tally",
            "inactive",
            "elected",
            "eliminated",
            "transfers",
            "residual_surplus",
            "final_round_surplus",
        ):
            assert mine.get(key) == theirs.get(key), f"{case}, round {number}: {key}"
        assert list(mine) == list(theirs), f"{case}, round {number}: keys or their order"


@pytest.mark.parametrize("case", CASES)
def test_conformance_tie_resolutions_match(case: str) -> None:
    _result, ours, expected = counted(case)
    assert ours.get("tie_resolutions_derived") == expected.get("tie_resolutions_derived")


@pytest.mark.parametrize("case", CASES)
def test_conformance_whole_structure_equals_expected_json(case: str) -> None:
    _result, ours, expected = counted(case)
    assert ours == expected
    assert list(ours) == list(expected)
    # What `coop votes tabulate --format json` prints parses back to the same structure.
    assert json.loads(json.dumps(ours, ensure_ascii=False, indent=2)) == expected


@pytest.mark.parametrize("case", CASES)
def test_conformance_votes_are_conserved_in_every_round(case: str) -> None:
    result, _ours, _expected = counted(case)
    for round_result, accounted in zip(result.rounds, accounted_for(result), strict=True):
        assert accounted == result.total_ballots, f"{case}, round {round_result.number}"
