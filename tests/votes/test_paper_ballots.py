"""Paper ballots for a secret vote: a motion's yes/no/abstain ballots, eight to a page, and an
election's ballots with the numbered candidates; nothing on them names a voter."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

import pytest

from coop import db
from tests.factories.meetings import open_meeting, secret_motion
from tests.factories.programs import Cli

CODE = re.compile(r"[2-9A-HJKMNP-Z]{4}(?:-[2-9A-HJKMNP-Z]{4}){3}")


@pytest.fixture
def ballot_cli(db_url: str, now: datetime) -> Cli:
    """Thirty members present, motion 1 open for a secret vote."""
    with db.session_scope(db.engine_for(db_url)) as session:
        secret_motion(open_meeting(session, now), present=range(1, 31))
    return Cli(db_url)


def test_a_motions_ballots_are_eight_to_a_page_with_three_boxes(ballot_cli: Cli, tmp_path: Path) -> None:
    from pypdf import PdfReader

    out = tmp_path / "boletas.pdf"
    printed = ballot_cli(
        "ballot", "paper", "print", "motion:1", "--count", "20", "--out", str(out), actor="0001"
    )
    assert printed.exit_code == 0, printed.output
    assert printed.stdout.strip().startswith("Wrote 20 paper ballots for vote 1 to ")
    pages = [page.extract_text() for page in PdfReader(out).pages]
    assert [text.count("Paper ballot · Vote 1") for text in pages] == [8, 8, 4]
    text = "\n".join(pages)
    assert text.count("Yes") == text.count("No") == text.count("Abstain") == 20
    assert not CODE.search(text) and "Núñez" not in text  # no code and no member on a paper ballot


def test_the_default_is_one_ballot_per_active_member(ballot_cli: Cli, tmp_path: Path) -> None:
    out = tmp_path / "boletas.html"
    printed = ballot_cli("ballot", "paper", "print", "1", "--out", str(out), actor="0001")
    assert printed.exit_code == 0, printed.output
    active = len(ballot_cli.json("member", "list"))
    assert out.read_text(encoding="utf-8").count('<div class="head">Paper ballot · Vote 1</div>') == active


def test_an_elections_ballots_number_the_candidates_in_spanish(cli: Cli, tmp_path: Path) -> None:
    from pypdf import PdfReader

    assert cli("member", "add", "Ana Núñez", "--number", "0001", "--role", "secretary").exit_code == 0
    for number, name in ((2, "Zofia Łukasiewicz"), (3, "Raúl Ibáñez"), (4, "Inés Peña")):
        assert cli("member", "add", name, "--number", f"{number:04d}", actor="0001").exit_code == 0
    assert cli("cooperative", "language", "es", actor="0001").exit_code == 0
    created = cli(
        "election", "create", "--title", "Consejo", "--seats", "2", "--rules", "stv-droop",
        "-c", "0002", "-c", "0003", "-c", "0004", actor="0001",
    )  # fmt: skip
    assert created.exit_code == 0, created.output
    assert cli("election", "open", "1", actor="0001").exit_code == 0
    out = tmp_path / "boletas.pdf"
    printed = cli("ballot", "paper", "print", "election:1", "--count", "3", "--out", str(out), actor="0001")
    assert printed.exit_code == 0, printed.output
    pages = [page.extract_text() for page in PdfReader(out).pages]
    assert len(pages) == 2  # two to a page
    text = "\n".join(pages)
    assert text.count("Boleta en papel · Votación 1") == 3
    for position, name in ((1, "Zofia Łukasiewicz"), (2, "Raúl Ibáñez"), (3, "Inés Peña")):
        assert text.count(f"{position}. {name}") == 3
    assert "Escriba 1 en la casilla de su primera preferencia" in text
    assert "para 2 cargos." in text


@pytest.mark.parametrize(
    ("args", "sentence"),
    [
        (["motion:1", "--count", "0"], "Print between 1 and 5000 paper ballots at a time, not 0."),
        (["motion:9"], "9"),
    ],
)
def test_bad_requests_are_one_sentence_and_write_nothing(
    ballot_cli: Cli, tmp_path: Path, args: list[str], sentence: str
) -> None:
    out = tmp_path / "boletas.pdf"
    refused = ballot_cli("ballot", "paper", "print", *args, "--out", str(out), actor="0001")
    assert refused.exit_code == 1 and sentence in refused.stderr
    assert len(refused.stderr.strip().splitlines()) == 1 and not out.exists()


def test_a_closed_vote_gets_no_ballots(ballot_cli: Cli, tmp_path: Path) -> None:
    assert ballot_cli("motion", "close", "1", "--confirm-empty", actor="0001").exit_code == 0
    refused = ballot_cli(
        "ballot", "paper", "print", "motion:1", "--out", str(tmp_path / "b.pdf"), actor="0001"
    )
    assert refused.exit_code == 1
    assert (
        refused.stderr.strip()
        == "Error: Vote 1 is closed; paper ballots are printed for a vote that is open."
    )
