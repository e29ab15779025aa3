"""``coop motion roll-call`` and ``coop motion withdraw-vote`` as a secretary types them."""

from __future__ import annotations

from pathlib import Path

from tests.factories.programs import Cli

CHOICES_ES = ("sí", "No", "abstención")


def _roll_call_open(cli: Cli) -> None:
    """Assembly 1 with members 0001-0032 present, 0040's proxy held by 0005, motion 1 in a roll call."""
    cli.add_members("Zofia Łukasiewicz", total=40, others="Socio Ibáñez {number}")
    cli.open_assembly()
    present = [f"{n:04d}" for n in range(1, 33)]
    steps = [
        ("assembly", "attend", "1", *present),
        ("assembly", "proxy", "1", "--from", "0040", "--to", "0005"),
        ("motion", "propose", "1", "--title", "Horno", "--text", "Comprar un horno.", "--by", "0003"),
        ("motion", "second", "1", "--by", "0004"),
        ("motion", "open-vote", "1", "--method", "roll-call"),
    ]
    for step in steps:
        done = cli(*step, actor="0001")
        assert done.exit_code == 0, done.output


def test_a_spanish_roll_call_of_30_lines_is_recorded_in_one_go(cli: Cli, tmp_path: Path) -> None:
    _roll_call_open(cli)
    lines = [f"{n:04d};{CHOICES_ES[n % 3]};" for n in range(1, 30)] + ["0005;Sí;0040"]
    sheet = tmp_path / "votación.csv"
    sheet.write_bytes(
        ("Número;Opción;En representación de\r\n" + "\r\n".join(lines) + "\r\n").encode("cp1252")
    )
    recorded = cli("--lang", "es", "motion", "roll-call", "1", "--file", str(sheet), actor="0001")
    assert recorded.exit_code == 0, recorded.output
    assert recorded.stdout == "Se registraron 30 votos.\n"
    assert cli("motion", "close", "1", actor="0001").exit_code == 0
    vote = cli.json("motion", "show", "1")["vote"]
    # n % 3: 0 sí (1..29: 9 of them, plus 0040 by proxy), 1 no (10), 2 abstención (10)
    assert (vote["yes"], vote["no"], vote["abstain"]) == (10, 10, 10)


def test_a_file_with_three_bad_lines_is_refused_naming_each_and_nothing_is_saved(
    cli: Cli, tmp_path: Path
) -> None:
    _roll_call_open(cli)
    sheet = tmp_path / "votes.csv"
    sheet.write_text("number,choice\n0003,yes\n0099,no\n0004,maybe\n0005,no\n0038,yes\n", encoding="utf-8")
    refused = cli("motion", "roll-call", "1", "--file", str(sheet), actor="0001")
    assert refused.exit_code == 1 and "Traceback" not in refused.output
    assert refused.stderr.splitlines() == [
        "Error: The roll call on 'Motion 1 (Horno)' has 3 refused votes, so no vote was recorded; "
        "correct them and enter the roll call again:",
        "  line 3: No member has the number or name '0099'; see the list with: coop member list",
        "  line 4: 'maybe' is not a choice; vote yes, no or abstain",
        "  line 6: Socio Ibáñez 38 (#0038) is not recorded as present, so cannot vote; "
        "record the arrival first",
    ]
    assert cli("audit", "log", "--action", "coop.vote.cast").stdout.count("coop.vote.cast") == 0
    sheet.write_text("number,choice\n0003,yes\n0004,no\n0005,no\n", encoding="utf-8")
    # Had the good lines been kept, they would now be refused as voted already.
    assert cli("motion", "roll-call", "1", "--file", str(sheet), actor="0001").stdout == "Recorded 3 votes.\n"


def test_typed_votes_twice_or_already_cast_are_refused(cli: Cli) -> None:
    _roll_call_open(cli)
    assert cli("motion", "vote", "1", "yes", "--member", "0006", actor="0001").exit_code == 0
    refused = cli("motion", "roll-call", "1", "0003=yes", "0006=no", "0003=no", "0007", actor="0001")
    assert refused.exit_code == 1
    assert "  0006=no: Socio Ibáñez 6 (#0006) has already voted on 'Motion 1 (Horno)'" in refused.stderr
    assert "  0003=no: Socio Ibáñez 3 (#0003) is also in the roll call at 0003=yes" in refused.stderr
    assert "  0007: write each vote as NUMBER=CHOICE, like 0004=yes" in refused.stderr
    nothing = cli("motion", "roll-call", "1", actor="0001")
    assert nothing.exit_code == 1 and "Give the votes as NUMBER=CHOICE entries" in nothing.stderr


def test_a_mistaken_vote_is_withdrawn_and_cast_again_in_spanish(cli: Cli) -> None:
    _roll_call_open(cli)
    assert cli("--lang", "es", "motion", "roll-call", "1", "0003=sí", "0004=no", actor="0001").exit_code == 0
    withdrawn = cli(
        "--lang", "es", "motion", "withdraw-vote", "1", "--member", "0004", "--reason", "Votó sí.",
        actor="0001",
    )  # fmt: skip
    assert withdrawn.exit_code == 0, withdrawn.output
    assert (
        withdrawn.stdout
        == "Se retiró el voto de Socio Ibáñez 4 (#0004); puede votar de nuevo (coop motion vote).\n"
    )
    log = cli("audit", "log", "--action", "coop.vote.withdrawn").stdout
    assert '"choice": "no"' in log and '"reason": "Votó sí."' in log
    assert cli("motion", "vote", "1", "sí", "--member", "0004", actor="0001").exit_code == 0
    assert cli("motion", "close", "1", actor="0001").exit_code == 0
    assert cli.json("motion", "show", "1")["vote"]["yes"] == 2
    closed = cli("motion", "withdraw-vote", "1", "--member", "0004", "--reason", "x", actor="0001")
    assert closed.exit_code == 1
    assert closed.stderr == (
        "Error: The vote on Motion 1 (Horno) is closed; "
        "a vote can be withdrawn only while its vote is open.\n"
    )
