"""``coop ballot`` from the command line: JSON for scripts, one sentence per error, exit codes,
and nothing written when a command fails."""

from __future__ import annotations

import json
import re
from datetime import datetime
from pathlib import Path

import pytest

from coop import db
from tests.factories.keys import key_input, key_options
from tests.factories.meetings import open_meeting, secret_motion
from tests.factories.programs import Cli

CODE = re.compile(r"[2-9A-HJKMNP-Z]{4}(?:-[2-9A-HJKMNP-Z]{4}){3}")


@pytest.fixture
def ballot_cli(db_url: str, now: datetime) -> Cli:
    """Thirty members present, a proxy held by 0003 for 0040, motion 1 open for a secret vote."""
    with db.session_scope(db.engine_for(db_url)) as session:
        secret_motion(open_meeting(session, now), present=range(1, 31), proxies=[(40, 3)])
    return Cli(db_url)


def _codes(path: Path) -> list[str]:
    return CODE.findall(path.read_text(encoding="utf-8"))


def _one_sentence(result) -> str:  # type: ignore[no-untyped-def]
    assert result.exit_code == 1, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: ") and "Traceback" not in result.stderr, (
        result.stderr
    )
    return lines[0]


def _show(cli: Cli) -> dict:
    return cli.json("ballot", "show", "motion:1")


def test_secret_vote_by_codes_from_slips_to_recount(ballot_cli: Cli, tmp_path: Path) -> None:
    cli = ballot_cli
    slips = tmp_path / "slips.html"
    issued = cli.json("ballot", "codes", "motion:1", "--out", str(slips), "--spares", "2", actor="0001")
    assert issued == {
        "vote_id": 1,
        "slips": 33,
        "recipients": 31,
        "spares": 2,
        "serials": [1, 33],
        "file": str(slips),
    }
    codes = _codes(slips)
    assert len(codes) == len(set(codes)) == 33
    trackers = []
    for index, code in enumerate(codes[:20]):
        cast = cli.json("ballot", "cast", "motion:1", "--code", code, "yes" if index % 4 else "no")
        assert cast["vote_id"] == 1 and re.fullmatch(r"[0-9a-f]{4}(-[0-9a-f]{4}){3}", cast["tracker"])
        trackers.append(cast["tracker"])
    replay = cli("ballot", "cast", "1", "--code", codes[0], "yes")
    assert "This code has already been used" in _one_sentence(replay)
    assert _show(cli)["ballots"] == 20

    cancelled = cli("ballot", "cancel", "1", "21", "--paper", actor="0001")
    assert cancelled.exit_code == 0 and "handed in for a paper ballot" in cancelled.stdout
    first, second = tmp_path / "a.csv", tmp_path / "b.csv"
    first.write_text("choice\nno\n", encoding="utf-8")
    second.write_text("choice\nno\n", encoding="utf-8")
    for teller, path in (("0011", first), ("0012", second)):
        entered = cli.json(
            "ballot", "paper", "enter", "1", str(path), "--batch", "1", "--teller", teller, actor=teller
        )
    assert entered["agree"] is True
    assert cli("ballot", "paper", "accept", "1", "--batch", "1", actor="0001").exit_code == 0
    # The slips held unused are entered: 22–33 (1–20 voted, 21 was exchanged for paper).
    assert cli("ballot", "returned", "motion:1", "22-33", actor="0001").exit_code == 0
    reconciled = cli.json("ballot", "reconcile", "motion:1")
    assert reconciled["balanced"] is True and reconciled["ballots"] == 21 and reconciled["codes_used"] == 20

    unconfirmed = cli("motion", "close", "1", *key_options(), actor="0001", input=key_input())
    assert unconfirmed.exit_code == 1
    assert "only 21 ballots were cast" in _one_sentence(unconfirmed)
    assert "--confirm-empty" in unconfirmed.stderr
    closed = cli("motion", "close", "1", "--confirm-empty", *key_options(), actor="0001", input=key_input())
    assert closed.exit_code == 0, closed.output
    published = [row["tracker"] for row in cli.json("ballot", "trackers", "motion:1")]
    assert published == sorted(published) and len(published) == 21 and set(trackers) <= set(published)
    checked = cli.json("ballot", "verify", "motion:1", trackers[3])
    assert checked == {
        "vote_id": 1,
        "tracker": trackers[3],
        "in_ballot_box": True,
        "counted": True,
        "ballots": 21,
    }
    missing = cli("ballot", "verify", "1", "0000-0000-0000-0000")
    assert "is not among the 21 ballots of vote 1" in _one_sentence(missing)
    shown = _show(cli)
    assert shown["status"] == "closed" and re.fullmatch(r"[0-9a-f]{64}", shown["ballots_digest"])
    assert shown["count"] == {"yes": 15, "no": 6, "abstain": 0, "invalid": 0}
    assert cli("audit", "verify").exit_code == 0
    exported = tmp_path / "recount.csv"
    assert cli("ballot", "export", "motion:1", "--out", str(exported)).exit_code == 0
    lines = exported.read_text().splitlines()
    assert lines[0] == "choice" and sorted(lines[1:]) == sorted(["yes"] * 15 + ["no"] * 6)


def test_cast_asks_for_the_code_without_showing_it(ballot_cli: Cli, tmp_path: Path) -> None:
    cli = ballot_cli
    slips = tmp_path / "slips.html"
    assert cli("ballot", "codes", "1", "--out", str(slips), actor="0001").exit_code == 0
    code = _codes(slips)[0]
    result = cli("ballot", "cast", "1", input=f"{code}\nabstain\n")
    assert result.exit_code == 0, result.output
    assert code not in result.output and "Your tracker is" in result.stdout
    assert "Voting code (as printed on your slip):" in result.stderr  # asked on the screen, not the output
    assert result.stdout.startswith("Your ballot is in the box")
    assert _show(cli)["ballots"] == 1


def test_codes_errors_write_nothing(ballot_cli: Cli, tmp_path: Path) -> None:
    cli = ballot_cli
    no_out = cli("ballot", "codes", "motion:1", actor="0001")
    assert "Say where to write the slips" in _one_sentence(no_out)
    missing_folder = cli(
        "ballot", "codes", "motion:1", "--out", str(tmp_path / "nowhere" / "s.pdf"), actor="0001"
    )
    assert "the folder" in _one_sentence(missing_folder)
    wrong_suffix = cli("ballot", "codes", "motion:1", "--out", str(tmp_path / "s.txt"), actor="0001")
    assert "must end in .pdf, .html or .htm" in _one_sentence(wrong_suffix)
    not_officer = cli("ballot", "codes", "motion:1", "--out", str(tmp_path / "s.html"), actor="0009")
    assert "needs the secretary role" in _one_sentence(not_officer)
    assert not (tmp_path / "s.html").exists()
    assert _show(cli)["codes_printed"] == 0 and _show(cli)["slips_issued"] == 0
    existing = tmp_path / "old.html"
    existing.write_text("slips of yesterday")
    refused = cli("ballot", "codes", "motion:1", "--out", str(existing), actor="0001")
    assert "exists already and may hold slips not printed yet" in _one_sentence(refused)
    assert existing.read_text() == "slips of yesterday"
    unknown = cli("ballot", "codes", "motion:9", "--out", str(tmp_path / "x.html"), actor="0001")
    assert "There is no motion 9" in _one_sentence(unknown)
    bad_reference = cli("ballot", "show", "plan:2")
    assert "is not a vote: name it motion:ID, election:ID" in _one_sentence(bad_reference)


def test_cast_errors_write_nothing_and_bad_usage_exits_2(ballot_cli: Cli, tmp_path: Path) -> None:
    cli = ballot_cli
    no_codes = cli("ballot", "cast", "1", "--code", "K7QM-3XH9-PT4W-9C2R", "yes")
    assert "No voting codes were issued for vote 1" in _one_sentence(no_codes)
    slips = tmp_path / "slips.html"
    assert cli("ballot", "codes", "1", "--out", str(slips), actor="0001").exit_code == 0
    code = _codes(slips)[0]
    bad_choice = cli("ballot", "cast", "1", "--code", code, "maybe")
    assert "'maybe' is not a choice" in _one_sentence(bad_choice)
    typo = cli("ballot", "cast", "1", "--code", code[:-1] + ("2" if code[-1] != "2" else "3"), "yes")
    assert "typing mistake" in _one_sentence(typo)
    assert _show(cli)["ballots"] == 0 and _show(cli)["codes_used"] == 0
    assert cli("ballot", "cast").exit_code == 2
    assert cli("ballot", "trackers", "1", "--format", "xml").exit_code == 2
    still_open = cli("ballot", "trackers", "1")
    assert "is still open; the trackers are published when it closes" in _one_sentence(still_open)
    direct = cli("motion", "vote", "1", "yes", actor="0005")
    assert "Voting codes were issued" in _one_sentence(direct)


def test_paper_double_entry_reports_the_swapped_ballot(ballot_cli: Cli, tmp_path: Path) -> None:
    cli = ballot_cli
    first, second, bad = tmp_path / "a.csv", tmp_path / "b.csv", tmp_path / "bad.csv"
    first.write_text("yes\nno\nyes\nabstain\n", encoding="utf-8")
    second.write_text("yes\nyes\nno\nabstain\n", encoding="utf-8")
    bad.write_text("yes\nperhaps\n", encoding="utf-8")
    wrong = cli("ballot", "paper", "enter", "1", str(bad), "--batch", "1", "--teller", "0011", actor="0011")
    assert "bad.csv, line 2: 'perhaps' is not a choice" in _one_sentence(wrong)
    assert cli.json("ballot", "paper", "list", "1") == []
    other = cli("ballot", "paper", "enter", "1", str(first), "--batch", "1", "--teller", "0012", actor="0011")
    assert "Entering paper ballots for another teller needs the secretary role" in _one_sentence(other)
    entered = cli(
        "ballot", "paper", "enter", "1", str(first), "--batch", "1", "--teller", "0011", actor="0011"
    )
    assert entered.exit_code == 0 and "waits for the second teller" in entered.stdout
    half = cli("ballot", "paper", "compare", "1", "--batch", "1")
    assert "has 1 entry so far" in _one_sentence(half)
    by_secretary = cli(
        "ballot", "paper", "enter", "1", str(second), "--batch", "1", "--teller", "0012", actor="0001"
    )
    assert by_secretary.exit_code == 0 and "differ at 2 positions" in by_secretary.stdout
    compared = cli("ballot", "paper", "compare", "1", "--batch", "1", "--format", "json")
    assert compared.exit_code == 1 and "differ at 2 positions" in compared.stderr
    report = json.loads(compared.stdout)
    assert report["agree"] is False
    assert report["mismatches"] == [
        {"position": 2, "first": "no", "second": "yes"},
        {"position": 3, "first": "yes", "second": "no"},
    ]
    assert [e["teller"] for e in report["entries"]] == ["Socio 0011 (#0011)", "Socio 0012 (#0012)"]
    table = cli("ballot", "paper", "compare", "1", "--batch", "1")
    assert re.search(r"^2\s+no\s+yes$", table.stdout, re.MULTILINE)
    as_csv = cli("ballot", "paper", "compare", "1", "--batch", "1", "--format", "csv")
    assert as_csv.stdout.splitlines() == ["position,first,second", "2,no,yes", "3,yes,no"]
    refused = cli("ballot", "paper", "accept", "1", "--batch", "1", actor="0001")
    assert "differ at 2 positions (2, 3), so nothing was added" in _one_sentence(refused)
    assert _show(cli)["ballots"] == 0
    second.write_text("yes\nno\nyes\nabstain\n", encoding="utf-8")
    again = cli(
        "ballot", "paper", "enter", "1", str(second), "--batch", "1", "--teller", "0012", actor="0012"
    )
    assert again.exit_code == 0 and "agree (4 ballots)" in again.stdout
    agreed = cli("ballot", "paper", "compare", "1", "--batch", "1", "--format", "csv")
    assert (agreed.exit_code, agreed.stdout) == (0, "position,first,second\n")
    assert cli("ballot", "paper", "accept", "1", "--batch", "1", actor="0001").exit_code == 0
    listed = cli.json("ballot", "paper", "list", "1")
    assert listed == [
        {
            "batch": 1,
            "status": "accepted",
            "tellers": ["Socio 0011 (#0011)", "Socio 0012 (#0012)"],
            "entered": [4, 4],
            "mismatches": 0,
            "ballots": 4,
        }
    ]
    reconciled = cli.json("ballot", "reconcile", "1")
    assert reconciled["balanced"] is True and reconciled["paper_ballots"] == reconciled["ballots"] == 4
    slips = tmp_path / "slips.html"
    assert cli("ballot", "codes", "1", "--out", str(slips), actor="0001").exit_code == 0
    unbalanced = cli("ballot", "reconcile", "1", "--format", "json")
    assert unbalanced.exit_code == 1 and json.loads(unbalanced.stdout)["balanced"] is False
    assert "do not add up: 4 paper ballots were accepted but only 0 slips were handed in" in unbalanced.stderr


def test_lost_slip_reissued_from_the_command_line(ballot_cli: Cli, tmp_path: Path) -> None:
    cli = ballot_cli
    slips = tmp_path / "slips.html"
    assert cli("ballot", "codes", "1", "--out", str(slips), actor="0001").exit_code == 0
    lost = _codes(slips)[6]
    replacement = tmp_path / "slip-32.html"
    reissued = cli("ballot", "reissue", "1", "7", "--out", str(replacement), actor="0001")
    assert reissued.exit_code == 0 and "replaced by slip 32" in reissued.stdout
    html = replacement.read_text()
    assert "Replaces slip 007, which no longer works." in html
    (new_code,) = _codes(replacement)
    assert "was reported lost" in _one_sentence(cli("ballot", "cast", "1", "--code", lost, "yes"))
    assert cli("ballot", "cast", "1", "--code", new_code, "yes").exit_code == 0
    twice = cli("ballot", "reissue", "1", "7", "--out", str(tmp_path / "again.html"), actor="0001")
    assert "already replaced by slip 32" in _one_sentence(twice)
    assert not (tmp_path / "again.html").exists()


def test_election_by_codes_from_the_command_line(cli: Cli, tmp_path: Path) -> None:
    cli.add_members("Zofia Łukasiewicz", "Raúl Ibáñez", "Inés Peña", total=12)
    created = cli(
        "election",
        "create",
        "--title",
        "Consejo",
        "--rules",
        "irv",
        "-c",
        "0002",
        "-c",
        "0003",
        "-c",
        "0004",
        actor="0001",
    )
    assert created.exit_code == 0 and cli("election", "open", "1", actor="0001").exit_code == 0
    slips = tmp_path / "slips.html"
    issued = cli.json("ballot", "codes", "election:1", "--out", str(slips), actor="0001")
    assert issued["recipients"] == 12
    rankings = [["Raúl Ibáñez", "0002"], ["0004"], ["0002", "Inés Peña"]]
    for index, code in enumerate(_codes(slips)[:10]):
        assert cli("ballot", "cast", "election:1", "--code", code, *rankings[index % 3]).exit_code == 0
    prompted = cli("ballot", "cast", "election:1", input=f"{_codes(slips)[10]}\n0003, 0002\n")
    assert prompted.exit_code == 0, prompted.output
    assert "Candidates:\n  1. Zofia Łukasiewicz\n  2. Raúl Ibáñez\n  3. Inés Peña\n" in prompted.stderr
    twice = cli("ballot", "cast", "election:1", "--code", _codes(slips)[10], "0003")
    assert "This code has already been used" in _one_sentence(twice)
    assert cli("ballot", "returned", "election:1", "12", actor="0001").exit_code == 0  # the one unused slip
    closed = cli("election", "close", "1", *key_options(), actor="0001", input=key_input())
    assert closed.exit_code == 0 and "Counted 11 ballots" in closed.stdout
    assert cli.json("election", "show", "1")["ballots_cast"] == 11
    official = cli.json("election", "results", "1")
    as_csv, as_blt = tmp_path / "recount.csv", tmp_path / "recount.blt"
    assert cli("ballot", "export", "election:1", "--out", str(as_csv)).exit_code == 0
    assert cli("ballot", "export", "election:1", "--out", str(as_blt)).exit_code == 0
    rules = str(as_csv.with_suffix(".rules.json"))  # the election's rules, with its tie-break seed
    for recount in (
        cli("votes", "tabulate", str(as_csv), "--rules", rules, "--format", "json"),
        cli("votes", "tabulate", str(as_blt), "--input-format", "blt", "--rules", rules, "--format", "json"),
    ):
        assert recount.exit_code == 0 and json.loads(recount.stdout)["winners"] == official["winners"]
    assert len(cli.json("ballot", "trackers", "election:1")) == 11


def test_slips_print_as_a_pdf_eight_to_a_page(ballot_cli: Cli, tmp_path: Path) -> None:
    from pypdf import PdfReader

    slips = tmp_path / "slips.pdf"
    issued = ballot_cli.json(
        "ballot", "codes", "motion:1", "--out", str(slips), "--spares", "2", actor="0001"
    )
    reader = PdfReader(slips)
    assert len(reader.pages) == 5  # 33 slips
    text = "".join(page.extract_text() for page in reader.pages)
    printed = CODE.findall(text)
    assert len(printed) == len(set(printed)) == issued["slips"] == 33
    assert text.count("COUNTERFOIL") == 33 and "coop ballot cast 1" in text
    assert "Socio" not in text and "Ana Núñez" not in text  # no member is ever named on a slip


@pytest.mark.parametrize("language", ["en", "es"])
def test_every_page_of_slips_holds_eight_in_either_language(
    ballot_cli: Cli, tmp_path: Path, language: str
) -> None:
    """Spanish counterfoils are longer than English ones: a slip that grew past a quarter of the page
    pushed the last row over, and pages alternated 6 and 2 slips (420 slips took 105 pages)."""
    from pypdf import PdfReader

    if language != "en":  # the cooperative works in English until it says otherwise
        assert ballot_cli("cooperative", "language", language, actor="0001").exit_code == 0
    slips = tmp_path / "slips.pdf"
    ballot_cli.json("ballot", "codes", "motion:1", "--out", str(slips), "--spares", "2", actor="0001")
    per_page = [len(CODE.findall(page.extract_text())) for page in PdfReader(slips).pages]
    assert per_page == [8, 8, 8, 8, 1]  # 33 slips
