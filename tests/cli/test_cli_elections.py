"""An election from the command line: set up, secret ranked ballots, count, results, recount export."""

from __future__ import annotations

import json
from pathlib import Path

from tests.factories.keys import key_input, key_options
from tests.factories.programs import Cli


def _setup(cli: Cli) -> None:
    cli.add_members("Zofia Łukasiewicz", "Raúl Ibáñez", "Inés Peña", "Óscar Muñoz", total=20)


def test_election_from_setup_to_recount(cli: Cli, tmp_path: Path) -> None:
    _setup(cli)
    created = cli.json(
        "election",
        "create",
        "--title",
        "Consejo 2027",
        "--seats",
        "2",
        "--rules",
        "stv-droop",
        "-c",
        "0002",
        "-c",
        "0003",
        "-c",
        "0004",
        "-c",
        "0005",
        actor="0001",
    )
    assert created["candidates"] == ["Zofia Łukasiewicz", "Raúl Ibáñez", "Inés Peña", "Óscar Muñoz"]
    assert cli("election", "open", "1", actor="0001").exit_code == 0
    rankings = [["0002", "0003"], ["Raúl Ibáñez", "0002"], ["0004"], ["0005", "0004"]]
    for number in range(1, 21):
        result = cli("election", "cast", "1", *rankings[number % 4], actor=f"{number:04d}")
        assert result.exit_code == 0, result.output
    again = cli("election", "cast", "1", "0002", actor="0001")
    assert again.exit_code == 1 and "has already voted" in again.stderr
    unknown = cli("election", "cast", "1", "Nadie", actor="0001")
    assert unknown.exit_code == 1 and "'Nadie' is not a candidate" in unknown.stderr
    closed = cli("election", "close", "1", *key_options(), actor="0001", input=key_input())
    assert closed.exit_code == 0 and "Counted 20 ballots" in closed.stdout
    official = cli.json("election", "results", "1")
    assert official["format"] == "rcv-conformance-case/1" and len(official["winners"]) == 2
    shown = cli.json("election", "show", "1")
    assert shown["ballots_cast"] == 20 and shown["winners"] == official["winners"]

    exported = tmp_path / "ballots.csv"
    assert cli("election", "export", "1", "--out", str(exported)).exit_code == 0
    rules = exported.with_suffix(".rules.json")
    recount = cli("votes", "tabulate", str(exported), "--rules", str(rules), "--format", "json")
    assert recount.exit_code == 0, recount.output
    assert json.loads(recount.stdout)["winners"] == official["winners"]
    blt = tmp_path / "ballots.blt"
    assert cli("election", "export", "1", "--out", str(blt)).exit_code == 0
    recount_blt = cli(
        "votes", "tabulate", str(blt), "--input-format", "blt", "--rules", str(rules), "--format", "json"
    )
    assert recount_blt.exit_code == 0, recount_blt.output
    assert json.loads(recount_blt.stdout)["winners"] == official["winners"]


def test_election_errors_are_one_sentence(cli: Cli) -> None:
    _setup(cli)
    bad_rules = cli("election", "create", "--title", "X", "--rules", "borda", "-c", "0002", actor="0001")
    refusal = "'borda' is not a rules preset (irv, stv-droop, meek, wigm, scottish, schulze)"
    assert bad_rules.exit_code == 1 and refusal in bad_rules.stderr
    not_open = cli("election", "results", "5")
    assert not_open.exit_code == 1 and "There is no election 5" in not_open.stderr
