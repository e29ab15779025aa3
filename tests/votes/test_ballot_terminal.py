"""The voting terminal (``coop ballot cast`` asking its questions): the code is checked before the
choice is asked for, a mistyped answer is asked for again, candidates are listed by number and
named by number, member number or name; the one-line form refuses the same input in one sentence."""

from __future__ import annotations

import csv
import re
from collections import Counter
from datetime import datetime
from pathlib import Path

import pytest

from coop import db
from tests.factories.keys import key_input, key_options
from tests.factories.meetings import open_meeting, secret_motion
from tests.factories.programs import Cli

CODE = re.compile(r"[2-9A-HJKMNP-Z]{4}(?:-[2-9A-HJKMNP-Z]{4}){3}")


def _slips(cli: Cli, vote: str, tmp_path: Path) -> list[str]:
    slips = tmp_path / "slips.html"
    issued = cli("ballot", "codes", vote, "--out", str(slips), actor="0001")
    assert issued.exit_code == 0, issued.output
    return CODE.findall(slips.read_text(encoding="utf-8"))


def _mistyped(code: str) -> str:
    """The code with its last symbol changed: the check symbol no longer checks out."""
    return code[:-1] + ("2" if code[-1] != "2" else "3")


@pytest.fixture
def motion_cli(db_url: str, now: datetime) -> Cli:
    """Thirty members present at an assembly, motion 1 open for a secret vote."""
    with db.session_scope(db.engine_for(db_url)) as session:
        secret_motion(open_meeting(session, now), present=range(1, 31))
    return Cli(db_url)


@pytest.fixture
def election_cli(cli: Cli) -> Cli:
    """Election 1, open, with five candidates: 0002, 0003, 0004, 0005 and 0012, listed in that order."""
    cli.add_members("Zofia Łukasiewicz", "Raúl Ibáñez", "Inés Peña", "Inés Sáenz Peña", total=12)
    candidates = [part for number in ("0002", "0003", "0004", "0005", "0012") for part in ("-c", number)]
    created = cli("election", "create", "--title", "Consejo", "--rules", "irv", *candidates, actor="0001")
    assert created.exit_code == 0, created.output
    assert cli("election", "open", "1", actor="0001").exit_code == 0
    return cli


def _return_unused(cli: Cli, vote: str) -> None:
    """The tellers enter the slips held unused: these tests cast with the first slips, in order."""
    shown = cli.json("ballot", "show", vote)
    returned = cli(
        "ballot", "returned", vote, f"{shown['codes_used'] + 1}-{shown['codes_printed']}", actor="0001"
    )
    assert returned.exit_code == 0, returned.output


def _count(cli: Cli) -> dict[str, int]:
    _return_unused(cli, "motion:1")
    closed = cli("motion", "close", "1", "--confirm-empty", *key_options(), actor="0001", input=key_input())
    assert closed.exit_code == 0, closed.output
    return cli.json("ballot", "show", "motion:1")["count"]


def _one_sentence(result) -> str:  # type: ignore[no-untyped-def]
    assert result.exit_code == 1, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.stderr
    return lines[0]


def test_a_mistyped_code_is_asked_for_again_before_the_choice(motion_cli: Cli, tmp_path: Path) -> None:
    code = _slips(motion_cli, "motion:1", tmp_path)[0]
    answers = [_mistyped(code), "K7QM 3XH9", code, "maybe", "sí"]
    result = motion_cli("ballot", "cast", "motion:1", input="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.output
    screen = result.stderr
    assert screen.count("Voting code (as printed on your slip):") == 3
    assert "The code has a typing mistake (its last symbol does not check out)" in screen
    assert "That is not a voting code: a code has 16 letters and digits" in screen
    # The choice is asked for only once a code checks out, and asked again when mistyped.
    assert screen.index("That is not a voting code") < screen.index("Your vote: yes, no or abstain:")
    assert screen.count("Your vote: yes, no or abstain:") == 2
    assert "'maybe' is not a choice; vote yes, no or abstain." in screen
    assert code not in result.output and result.stdout.startswith("Your ballot is in the box of vote 1.")
    assert _count(motion_cli)["yes"] == 1


def test_a_used_code_is_refused_before_the_choice_and_an_empty_answer_leaves(
    motion_cli: Cli, tmp_path: Path
) -> None:
    codes = _slips(motion_cli, "motion:1", tmp_path)
    assert motion_cli("ballot", "cast", "1", "--code", codes[0], "no").exit_code == 0
    used = motion_cli("ballot", "cast", "1", input=f"{codes[0]}\n\n")
    assert used.exit_code == 1
    assert "This code has already been used" in used.stderr and "Your vote" not in used.stderr
    assert used.stderr.strip().endswith("Nothing was cast.") and "Traceback" not in used.stderr
    on_the_line = motion_cli("ballot", "cast", "1", "--code", codes[0], input="yes\n")
    assert "This code has already been used" in _one_sentence(on_the_line)  # and no choice asked for
    for left in ("", "\n", f"{codes[1]}\n"):  # Ctrl-D at the code, an empty code, Ctrl-D at the choice
        result = motion_cli("ballot", "cast", "1", input=left)
        assert result.exit_code == 1 and result.stdout == ""
        assert result.stderr.strip().endswith("Nothing was cast.") and "Error" not in result.stderr
    shown = motion_cli.json("ballot", "show", "motion:1")
    assert shown["ballots"] == 1 and shown["codes_used"] == 1


def test_the_terminal_gives_up_after_three_mistyped_answers(motion_cli: Cli, tmp_path: Path) -> None:
    code = _slips(motion_cli, "motion:1", tmp_path)[0]
    codes = motion_cli("ballot", "cast", "1", input=f"{_mistyped(code)}\nABC\n{_mistyped(code)}\n{code}\n")
    assert codes.exit_code == 1 and codes.stderr.count("Voting code") == 3
    assert codes.stderr.strip().splitlines()[-1] == (
        "Error: Nothing was cast after 3 tries; check your slip and start again with: coop ballot cast 1"
    )
    choices = motion_cli("ballot", "cast", "1", input=f"{code}\nmaybe\nperhaps\nwhatever\nyes\n")
    assert choices.exit_code == 1 and "Nothing was cast after 3 tries" in choices.stderr
    shown = motion_cli.json("ballot", "show", "motion:1")
    assert shown["ballots"] == 0 and shown["codes_used"] == 0


def test_the_terminal_numbers_the_candidates_and_takes_numbers_member_numbers_and_names(
    election_cli: Cli, tmp_path: Path
) -> None:
    cli = election_cli
    codes = _slips(cli, "election:1", tmp_path)
    first = cli("ballot", "cast", "election:1", input=f"{codes[0]}\nines\n9\n2 1 3\n")
    assert first.exit_code == 0, first.output
    assert (
        "Candidates:\n  1. Zofia Łukasiewicz\n  2. Raúl Ibáñez\n  3. Inés Peña\n  4. Inés Sáenz Peña\n"
        "  5. Socio 12\n" in first.stderr
    )
    assert "'ines' could be Inés Peña or Inés Sáenz Peña; type more of the name" in first.stderr
    assert "'9' is neither a number on the list (1 to 5) nor the member number of a candidate" in first.stderr
    answers = ["ines saenz pena, 12, ZOFIA LUKASIEWICZ", "0003 4", "Ines Pena; #0012"]
    for code, answer in zip(codes[1:], answers, strict=False):
        cast = cli("ballot", "cast", "election:1", input=f"{code}\n{answer}\n")
        assert cast.exit_code == 0, cast.stderr
    _return_unused(cli, "election:1")
    assert cli("election", "close", "1", *key_options(), actor="0001", input=key_input()).exit_code == 0
    exported = tmp_path / "ballots.csv"
    assert cli("ballot", "export", "election:1", "--out", str(exported)).exit_code == 0
    rows = list(csv.reader(exported.read_text(encoding="utf-8").splitlines()))[1:]
    counted = Counter({tuple(rank for rank in row[1:] if rank): int(row[0]) for row in rows})
    assert counted == Counter(
        {
            ("Raúl Ibáñez", "Zofia Łukasiewicz", "Inés Peña"): 1,
            ("Inés Sáenz Peña", "Socio 12", "Zofia Łukasiewicz"): 1,
            ("Raúl Ibáñez", "Inés Sáenz Peña"): 1,  # 4 on the list, though member 0004 stands too
            ("Inés Peña", "Socio 12"): 1,
        }
    )


def test_the_one_line_form_refuses_what_the_terminal_asks_again_for(
    election_cli: Cli, tmp_path: Path
) -> None:
    cli = election_cli
    code = _slips(cli, "election:1", tmp_path)[0]
    ambiguous = cli("ballot", "cast", "election:1", "--code", code, "2", "1")
    assert _one_sentence(ambiguous) == (
        "Error: '2' could be number 2 on the list (Raúl Ibáñez) or member number 0002 (Zofia Łukasiewicz); "
        "type the name, or the member number with its zeros."
    )
    two_names = cli("ballot", "cast", "election:1", "--code", code, "Ines")
    assert "'Ines' could be Inés Peña or Inés Sáenz Peña" in _one_sentence(two_names)
    unknown = cli("ballot", "cast", "election:1", "--code", code, "Nadie")
    assert "'Nadie' is not a candidate in this election" in _one_sentence(unknown)
    mistyped = cli("ballot", "cast", "election:1", "--code", _mistyped(code), "1")
    assert "typing mistake" in _one_sentence(mistyped)
    assert cli.json("ballot", "show", "election:1")["codes_used"] == 0
    cast = cli.json("ballot", "cast", "election:1", "--code", code, "12", "ines saenz pena", "0002")
    assert cast["vote_id"] == 1 and set(cast) == {"vote_id", "tracker"}


def test_the_terminal_speaks_spanish(motion_cli: Cli, tmp_path: Path) -> None:
    code = _slips(motion_cli, "motion:1", tmp_path)[0]
    voted = motion_cli(
        "--lang", "es", "ballot", "cast", "1", input=f"{_mistyped(code)}\n{code}\nquizás\nabstención\n"
    )
    assert voted.exit_code == 0, voted.output
    assert "El código tiene un error de tipeo" in voted.stderr
    assert "'quizás' no es una opción" in voted.stderr
    assert voted.stdout.startswith("Su voto está en la urna de la votación 1.")
    left = motion_cli("--lang", "es", "ballot", "cast", "1", input="\n")
    assert left.exit_code == 1 and left.stderr.strip().endswith("No se emitió ningún voto.")
    assert _count(motion_cli)["abstain"] == 1


def test_the_terminal_lists_and_matches_candidates_in_spanish(election_cli: Cli, tmp_path: Path) -> None:
    codes = _slips(election_cli, "election:1", tmp_path)
    ranked = election_cli("--lang", "es", "ballot", "cast", "election:1", input=f"{codes[0]}\nines\n5 4\n")
    assert ranked.exit_code == 0, ranked.output
    assert "Candidatos:\n  1. Zofia Łukasiewicz\n" in ranked.stderr
    assert "'ines' puede ser Inés Peña o Inés Sáenz Peña; escriba más del nombre" in ranked.stderr
    refused = election_cli("--lang", "es", "ballot", "cast", "election:1", "--code", codes[1], "3")
    assert _one_sentence(refused) == (
        "Error: '3' puede ser el número 3 de la lista (Inés Peña) o el número de asociado 0003 "
        "(Raúl Ibáñez); escriba el nombre, o el número de asociado con sus ceros."
    )
