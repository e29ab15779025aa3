"""Meek, WIGM and the Scottish STV rules against Droop's reference counts (``../shared/conformance/
stv-droop``): every winner exactly, and each round's quota and every candidate's votes (and, for Meek,
keep factors) as Droop prints them, rounded to the arithmetic's displayed decimals."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from coop.votes.ballot_files.blt import read_blt
from coop.votes.stv import (
    FIXED_P5,
    GUARDED_P18_G9,
    RATIONAL,
    StvElection,
    StvResult,
    count_meek,
    count_scottish,
    count_wigm,
)
from coop.votes.stv.arithmetic import show_decimal
from coop.votes.stv.model import Snapshot
from tests.factories.conformance import CONFORMANCE_DIR

STV_DIR = CONFORMANCE_DIR.parent / "stv-droop"
REFERENCES = sorted(path.name for path in (STV_DIR / "ref").glob("*.json")) if STV_DIR.is_dir() else []


def _election_of(blt: Path) -> StvElection:
    read = read_blt(blt)
    return StvElection(
        candidates=read.candidates,
        seats=read.seats,
        ballots=read.ballots.ballots,
        withdrawn=read.withdrawn,
        tie_order=read.tie_order,
    )


def count_for(reference: str) -> StvResult:
    """Count the election a reference file names by the rule and arithmetic its name gives."""
    stem = reference.removesuffix(".json")
    for rule in (
        "-meek-o10-rational-d12",
        "-meek-o9-guarded-p18-g9-d18",
        "-wigm-rational-d12",
        "-scotland-fixed-p5-d5",
    ):
        if stem.endswith(rule):
            election = _election_of(STV_DIR / "blt" / (stem.removesuffix(rule) + ".blt"))
            break
    else:
        raise AssertionError(f"{reference}: a rule and arithmetic this test does not know")
    if rule == "-meek-o10-rational-d12":
        return count_meek(election, RATIONAL, omega=10)
    if rule == "-meek-o9-guarded-p18-g9-d18":
        return count_meek(election, GUARDED_P18_G9, omega=9)
    if rule == "-wigm-rational-d12":
        return count_wigm(election, RATIONAL)
    assert FIXED_P5.display == 5
    return count_scottish(election)


def _shown(snapshot: Snapshot, names: dict[str, str], places: int, meek: bool) -> dict[str, Any]:
    shown: dict[str, Any] = {
        "quota": show_decimal(snapshot.quota, places),
        "votes": {
            cid: show_decimal(snapshot.votes[name], places)
            for cid, name in names.items()
            if snapshot.states[name] != "withdrawn"
        },
        "state": {cid: snapshot.states[name] for cid, name in names.items()},
    }
    if meek:
        assert snapshot.keep_factors is not None
        shown["kf"] = {
            cid: show_decimal(snapshot.keep_factors[name], places)
            for cid, name in names.items()
            if snapshot.states[name] != "withdrawn"
        }
    return shown


def _reference_shown(action: dict[str, Any], meek: bool) -> dict[str, Any]:
    cstate = action["cstate"]
    shown: dict[str, Any] = {
        "quota": action["quota"],
        # A withdrawn candidate is reported with a state only.
        "votes": {cid: entry["vote"] for cid, entry in cstate.items() if entry["state"] != "withdrawn"},
        "state": {cid: entry["state"] for cid, entry in cstate.items()},
    }
    if meek:
        shown["kf"] = {cid: entry["kf"] for cid, entry in cstate.items() if entry["state"] != "withdrawn"}
    return shown


def test_every_reference_file_is_found() -> None:
    if not STV_DIR.is_dir():
        pytest.skip(f"no Droop conformance data at {STV_DIR}")
    assert len(REFERENCES) == 28


@pytest.mark.parametrize("reference", REFERENCES)
def test_droop_reference_count(reference: str) -> None:
    expected = json.loads((STV_DIR / "ref" / reference).read_text(encoding="utf-8"))
    result = count_for(reference)
    names = {cid: entry["name"] for cid, entry in expected["cdict"].items()}
    meek = expected["rule_name"] == "meek"
    places = int(expected["options"]["options"]["display"])
    assert result.display == places

    final_states = expected["actions"][-1]["cstate"]
    winners = {names[cid] for cid, entry in final_states.items() if entry["state"] == "elected"}
    assert set(result.winners) == winners
    assert len(result.winners) == expected["seats"]

    # The count as Droop reports it when each round begins, at the start and at the end.
    begins = {a["round"]: a for a in expected["actions"] if a["tag"] in ("begin", "round")}
    mine = {0: result.first} | {r.number: r.start for r in result.rounds if r.number > 0}
    assert sorted(mine) == sorted(begins), "the rounds counted"
    for number, action in sorted(begins.items()):
        assert _shown(mine[number], names, places, meek) == _reference_shown(action, meek), f"round {number}"
    end = expected["actions"][-1]
    assert end["tag"] == "end"
    assert _shown(result.final, names, places, meek) == _reference_shown(end, meek), "the end of the count"
