"""`coop votes tabulate` and `coop votes export-blt` as an auditor meets them: no database needed."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import Result
from typer.testing import CliRunner

from coop.cli import votes
from coop.cli.main import app

CONFORMANCE_DIR = Path(
    os.environ.get("COOP_CONFORMANCE_DIR")
    or Path(__file__).resolve().parents[2].parent / "shared" / "conformance" / "rcv"
)
needs_cases = pytest.mark.skipif(
    not (CONFORMANCE_DIR / "stv_3_seats_whole_quota").is_dir(),
    reason=f"no conformance cases at {CONFORMANCE_DIR}",
)

RULES = {
    "format": "rcv-conformance-case/1",
    "title": "Consejo 2026",
    "candidates": ["Ana", "Bruno", "Carmen"],
    "seats": 1,
    "max_rankings": 3,
    "overvote": "skip_to_next_rank",
}
GOOD_CSV = "weight,rank1,rank2,rank3\n4,Ana,Bruno,\n4,Bruno,,\n2,Carmen,Bruno,\n1,overvote,Ana,\n"


def coop(*args: str) -> Result:
    return CliRunner().invoke(app, list(args))


@pytest.fixture
def election(tmp_path: Path) -> tuple[Path, Path]:
    ballots = tmp_path / "ballots.csv"
    ballots.write_text(GOOD_CSV, encoding="utf-8")
    rules = tmp_path / "rules.json"
    rules.write_text(json.dumps(RULES, indent=2), encoding="utf-8")
    return ballots, rules


def assert_one_line_error(result: Result, *fragments: str) -> None:
    assert result.exit_code == 1, result.output
    assert result.stdout == ""
    message = result.stderr.strip()
    assert "\n" not in message and message.startswith("Error: "), message
    assert "Traceback" not in result.output
    for fragment in fragments:
        assert fragment in message, message


def test_votes_help_lists_both_commands_with_help_text() -> None:
    result = coop("votes", "--help")
    assert result.exit_code == 0
    assert "tabulate" in result.stdout and "export-blt" in result.stdout
    for command in ("tabulate", "export-blt"):
        shown = coop("votes", command, "--help")
        assert shown.exit_code == 0 and "--rules" in shown.stdout


@needs_cases
@pytest.mark.parametrize(
    "case",
    ["stv_3_seats_fractional_quota", "irv_tiebreak_previous_rounds", "irv_batch_elimination_until_two"],
)
def test_tabulate_json_prints_the_expected_json_structure(case: str) -> None:
    folder = CONFORMANCE_DIR / case
    result = coop(
        "votes",
        "tabulate",
        str(folder / "ballots.csv"),
        "--rules",
        str(folder / "rules.json"),
        "--format",
        "json",
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == json.loads((folder / "expected.json").read_text(encoding="utf-8"))


def test_tabulate_table_reads_round_by_round(election: tuple[Path, Path]) -> None:
    ballots, rules = election
    result = coop("votes", "tabulate", str(ballots), "--rules", str(rules))
    assert result.exit_code == 0, result.output
    text = result.stdout
    assert "Consejo 2026" in text
    assert "Round 1" in text and "Round 2" in text
    assert "Threshold: 6" in text  # 11 ballots: floor(11 / 2) + 1
    assert "Carmen's votes go to: Bruno 2" in text
    assert "Winner: Bruno" in text


def test_export_blt_then_tabulate_blt_gives_the_same_count(
    tmp_path: Path, election: tuple[Path, Path]
) -> None:
    ballots, rules = election
    out = tmp_path / "ballots.blt"
    csv_json = coop("votes", "tabulate", str(ballots), "--rules", str(rules), "-f", "json")
    exported = coop("votes", "export-blt", str(ballots), "--rules", str(rules), "--out", str(out))
    assert exported.exit_code == 1  # the "overvote" row has no names: BLT cannot hold it
    assert not out.exists()

    ballots.write_text(GOOD_CSV.replace("overvote", "Ana|Carmen"), encoding="utf-8")
    csv_json = coop("votes", "tabulate", str(ballots), "--rules", str(rules), "-f", "json")
    exported = coop("votes", "export-blt", str(ballots), "--rules", str(rules), "--out", str(out))
    assert exported.exit_code == 0, exported.output
    assert exported.stdout.strip() == f"Wrote 11 ballots (4 BLT lines) to {out}."
    assert out.read_text(encoding="utf-8").splitlines()[:2] == ["3 1", "4 1 2 0"]
    blt_json = coop("votes", "tabulate", str(out), "--rules", str(rules), "-f", "json")
    assert blt_json.exit_code == 0, blt_json.output
    assert json.loads(blt_json.stdout) == json.loads(csv_json.stdout)


def test_tabulate_blt_without_rules_counts_irv_or_stv_by_seats(tmp_path: Path) -> None:
    blt = tmp_path / "election.txt"
    blt.write_text('3 2\n4 1 2 0\n3 2 0\n2 3 1 0\n0\n"Ana"\n"Bruno"\n"Carmen"\n"Board"\n', encoding="utf-8")
    result = coop("votes", "tabulate", str(blt), "--input-format", "blt", "-f", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["winners"] == ["Ana", "Bruno"]
    assert "residual_surplus" in data["rounds"][0]  # two seats: STV


@pytest.mark.parametrize(
    ("ballots_text", "fragments"),
    [
        ("weight,rank1,rank2,rank3\n1,Ana,,\n1,Ana,Bruno\n", ("line 3", "expected 4 cells")),
        ("weight,rank1,rank2,rank3\n1,Ana,Zoe,\n", ("line 2", '"Zoe" is not one of the candidates')),
        ("weight,rank1,rank2,rank3\n1,Ana,,\n-3,Bruno,,\n", ("line 3", 'at least 1, not "-3"')),
        ("", ("line 1", "the file is empty")),
        ("1,Ana,Bruno,\n", ("line 1", "must be the header")),
        (b"weight,rank1,rank2,rank3\n1,Ana,,\n1,Jos\xe9,,\n", ("line 3", "not UTF-8")),
    ],
)
def test_tabulate_bad_ballot_file_is_one_sentence_exit_1(
    election: tuple[Path, Path], ballots_text: str | bytes, fragments: tuple[str, ...]
) -> None:
    ballots, rules = election
    if isinstance(ballots_text, bytes):
        ballots.write_bytes(ballots_text)
    else:
        ballots.write_text(ballots_text, encoding="utf-8")
    assert_one_line_error(
        coop("votes", "tabulate", str(ballots), "--rules", str(rules)), str(ballots), *fragments
    )


def test_tabulate_bad_rules_file_is_one_sentence_exit_1(election: tuple[Path, Path]) -> None:
    ballots, rules = election
    rules.write_text('{\n  "candidates": ["Ana"],\n  "overvote": "maybe"\n}\n', encoding="utf-8")
    assert_one_line_error(
        coop("votes", "tabulate", str(ballots), "--rules", str(rules)),
        f"{rules}, line 3",
        '"overvote" must be one of',
    )
    rules.write_text('{\n  "candidates": ["Ana"],,\n}\n', encoding="utf-8")
    assert_one_line_error(
        coop("votes", "tabulate", str(ballots), "--rules", str(rules)), f"{rules}, line 2", "not valid JSON"
    )


def test_tabulate_missing_file_and_missing_rules(tmp_path: Path, election: tuple[Path, Path]) -> None:
    _ballots, rules = election
    assert_one_line_error(
        coop("votes", "tabulate", str(tmp_path / "nope.csv"), "--rules", str(rules)), "no such file"
    )
    usage = coop("votes", "tabulate", str(tmp_path / "ballots.csv"))
    assert usage.exit_code == 2
    assert "--rules" in usage.stderr


def test_export_blt_bad_csv_writes_nothing_and_keeps_an_old_file(
    tmp_path: Path, election: tuple[Path, Path]
) -> None:
    ballots, rules = election
    out = tmp_path / "out" / "ballots.blt"
    out.parent.mkdir()
    ballots.write_text("weight,rank1,rank2,rank3\n1,Ana,,\n2,Ana,Zoe,\n", encoding="utf-8")
    assert_one_line_error(
        coop("votes", "export-blt", str(ballots), "--rules", str(rules), "--out", str(out)), "line 3", "Zoe"
    )
    assert list(out.parent.iterdir()) == []
    out.write_text("previous export\n", encoding="utf-8")
    ballots.write_text(GOOD_CSV, encoding="utf-8")  # its overvote has no names: BLT cannot hold it
    assert_one_line_error(
        coop("votes", "export-blt", str(ballots), "--rules", str(rules), "--out", str(out)),
        f"{out} exists already; give another file name, or add --force to write over it.",
    )
    assert_one_line_error(  # even told to write over it, a refused export keeps the old file
        coop("votes", "export-blt", str(ballots), "--rules", str(rules), "--out", str(out), "--force"),
        f"{ballots}, line 5",
        "write the marked names (A|B)",
    )
    assert out.read_text(encoding="utf-8") == "previous export\n"
    assert [path.name for path in out.parent.iterdir()] == ["ballots.blt"]


def test_progress_bar_only_for_a_person_at_a_terminal(
    monkeypatch: pytest.MonkeyPatch, election: tuple[Path, Path]
) -> None:
    ballots, rules = election
    monkeypatch.setattr(votes, "LARGE_FILE_BYTES", 0)
    quiet = coop("votes", "tabulate", str(ballots), "--rules", str(rules), "-f", "json")
    assert quiet.exit_code == 0 and quiet.stderr == ""  # not a terminal: no bar
    monkeypatch.setattr(votes, "_person_watching", lambda: True)
    watched = coop("votes", "tabulate", str(ballots), "--rules", str(rules), "-f", "json")
    assert watched.exit_code == 0, watched.output
    assert json.loads(watched.stdout) == json.loads(quiet.stdout)  # the bar never mixes into the output


def test_votes_commands_never_load_the_database_layer() -> None:
    probe = (
        "import sys; from coop.cli import votes; from coop.votes import ballot_files, tally; "
        "assert not [name for name in sys.modules if name.startswith('sqlalchemy')]"
    )
    subprocess.run([sys.executable, "-c", probe], check=True)


def test_tabulate_and_export_blt_read_a_spanish_spreadsheet(tmp_path: Path) -> None:
    """Semicolons are found in the header line; Windows-1252 (names with accents) is named."""
    rules = tmp_path / "rules.json"
    rules.write_text(json.dumps({**RULES, "candidates": ["Ana", "Bruno", "José Núñez"]}), encoding="utf-8")
    ballots = tmp_path / "boletas.csv"
    ballots.write_bytes(
        "weight;rank1;rank2;rank3\r\n4;Ana;Bruno;\r\n5;José Núñez;;\r\n2;Bruno;Ana;\r\n".encode("cp1252")
    )
    refused = coop("votes", "tabulate", str(ballots), "--rules", str(rules))
    assert_one_line_error(refused, "line 3", "not UTF-8 text", "--encoding")
    named = ["--encoding", "cp1252"]
    counted = coop("votes", "tabulate", str(ballots), "--rules", str(rules), *named, "-f", "json")
    assert counted.exit_code == 0, counted.output
    assert json.loads(counted.stdout)["winners"] == ["Ana"]
    blt = tmp_path / "boletas.blt"
    converted = coop("votes", "export-blt", str(ballots), "--rules", str(rules), "--out", str(blt), *named)
    assert converted.exit_code == 0, converted.output
    tabbed = ballots.read_bytes().replace(b";", b"\t")
    ballots.write_bytes(tabbed)
    again = coop(
        "votes", "tabulate", str(ballots), "--rules", str(rules), "--delimiter", "tab", *named, "-f", "json"
    )
    assert json.loads(again.stdout)["winners"] == ["Ana"]


def test_a_blt_file_takes_no_delimiter(election: tuple[Path, Path], tmp_path: Path) -> None:
    blt = tmp_path / "ballots.blt"
    blt.write_text('3 1\n4 1 2 0\n0\n"Ana"\n"Bruno"\n"Carmen"\n"Board"\n', encoding="utf-8")
    result = coop("votes", "tabulate", str(blt), "--delimiter", ";")
    assert result.exit_code == 2
    assert "a BLT file has no delimiter or encoding to name" in result.stderr
