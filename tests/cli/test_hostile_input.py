"""No input a person can give ends in an internal error, and no output attacks its reader (issue 18).

Text is checked before it reaches the database, the same way on SQLite and PostgreSQL; a CSV cell a
spreadsheet would run is neutralised; a control character is never printed; an ``--out`` file that
exists is written over only with ``--force``; a database that is not one is named in one sentence.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from coop import display
from coop.cli.output import spreadsheet_safe
from tests.factories.programs import Cli

FORMULA = "=cmd|' /C calc'!A0"
ESCAPE = "\x1b]0;pwned\x07Ana"


def _secretary(cli: Cli) -> None:
    assert cli("member", "add", "Ana Peña", "--number", "0001", "--role", "secretary").exit_code == 0


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("Ana\x00Paz", "The name given holds a control character (U+0000)"),
        (ESCAPE, "The name given holds a control character (U+001B)"),
        ("A" * 300, "The name given is 300 characters long, more than the 200 it may have; shorten it."),
    ],
)
def test_text_no_column_holds_is_refused_alike_on_both_databases(cli: Cli, name: str, message: str) -> None:
    _secretary(cli)
    result = cli("member", "add", name, "--number", "0002", actor="0001")
    assert result.exit_code == 1
    assert message in result.stderr
    assert "internal error" not in result.output.lower()
    assert [m["number"] for m in cli.json("member", "list")] == ["0001"]


def test_an_imported_name_with_a_nul_is_refused_alike_on_both_databases(cli: Cli, tmp_path: Path) -> None:
    """A file read as Latin-1 may carry C1 control characters no text should hold."""
    _secretary(cli)
    file = tmp_path / "members.csv"
    file.write_bytes(b"number,name\n0002,Ana\x9bPaz\n")
    result = cli("member", "import", str(file), "--encoding", "latin-1", actor="0001")
    assert result.exit_code == 1
    assert "control character (U+009B)" in result.stderr


@pytest.mark.parametrize(
    ("cell", "shown"),
    [
        (FORMULA, "'" + FORMULA),
        ("+1+cmd", "'+1+cmd"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("-5", "-5"),
        ("+1.5", "+1.5"),
        ("Ana", "Ana"),
        ("", ""),
    ],
)
def test_a_cell_a_spreadsheet_would_run_is_neutralised(cell: str, shown: str) -> None:
    """OWASP: a cell starting with = + - @ tab or CR gets an apostrophe; a plain number runs nothing."""
    assert spreadsheet_safe(cell) == shown


def test_member_export_and_format_csv_neutralise_formulas_and_import_back(cli: Cli, tmp_path: Path) -> None:
    _secretary(cli)
    assert cli("member", "add", FORMULA, "--number", "0002", actor="0001").exit_code == 0
    out = tmp_path / "register.csv"
    assert cli("member", "export", "--out", str(out)).exit_code == 0
    exported = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert exported[2][1] == "'" + FORMULA
    listed = list(csv.reader(io.StringIO(cli("member", "list", "--format", "csv").stdout)))
    assert [row[1] for row in listed if row[0] == "0002"] == ["'" + FORMULA]
    # the apostrophe is the export's, not the name's: the file imports back as it was
    again = tmp_path / "again.csv"
    again.write_text(f"number,name\n0003,{exported[2][1]}\n", encoding="utf-8")
    assert cli("member", "import", str(again), actor="0001").exit_code == 0
    assert cli.json("member", "show", "0003")["name"] == FORMULA


def test_control_characters_are_never_printed() -> None:
    assert display.printable(ESCAPE) == "]0;pwnedAna"
    assert display.cell("a\tb\nc\x9b[31m") == "a\tb\nc[31m"


def test_an_out_file_that_exists_is_written_over_only_with_force(cli: Cli, tmp_path: Path) -> None:
    _secretary(cli)
    out = tmp_path / "register.csv"
    out.write_text("keep me", encoding="utf-8")
    refused = cli("member", "export", "--out", str(out))
    assert refused.exit_code == 1
    assert refused.stderr.strip() == (
        f"Error: {out} exists already; give another file name, or add --force to write over it."
    )
    assert out.read_text(encoding="utf-8") == "keep me"
    link = tmp_path / "link.pdf"
    link.symlink_to(tmp_path / "elsewhere.pdf")  # a link is never followed without --force
    assert cli("bylaws", "print", "--out", str(link)).exit_code == 1
    assert not (tmp_path / "elsewhere.pdf").exists()
    assert cli("member", "export", "--out", str(out), "--force").exit_code == 0
    assert out.read_text(encoding="utf-8").startswith("number,name")


def test_an_out_file_that_cannot_be_written_is_one_sentence(cli: Cli) -> None:
    _secretary(cli)
    result = cli("member", "export", "--out", "/dev/full", "--force")
    assert result.exit_code == 1
    assert result.stderr.strip() == "Error: Cannot write /dev/full: No space left on device."


@pytest.mark.parametrize(
    ("database", "message"),
    [
        ("/etc/passwd", "Error: /etc/passwd is not a coop database, nor any SQLite database"),
        ("postgresql://[::1", "is not a database URL; give a file path or a URL like"),
    ],
)
def test_a_database_that_is_none_is_one_sentence(database: str, message: str) -> None:
    result = Cli(database)("member", "list")
    assert result.exit_code == 1
    assert message in result.stderr
    assert "internal error" not in result.stderr.lower()


def test_init_over_a_file_that_is_not_sqlite_is_refused_and_leaves_it(tmp_path: Path) -> None:
    other = tmp_path / "notes.txt"
    other.write_text("root:x:0:0:root:/root:/bin/bash\n" * 50, encoding="utf-8")
    before = other.read_bytes()
    result = Cli(str(other))("init", "--name", "Cooperativa")
    assert result.exit_code == 1
    assert "is not a coop database, nor any SQLite database" in result.stderr
    assert other.read_bytes() == before


def test_pg_dump_gets_the_password_through_the_environment_not_its_command_line(tmp_path: Path) -> None:
    from sqlalchemy import create_engine

    from coop.backup import pg_dump_command

    engine = create_engine("postgresql+psycopg://ana:s3cret@db.example/coop")
    command, environment = pg_dump_command(engine, "pg_dump", partial=tmp_path / "b.partial")
    assert not any("s3cret" in part for part in command)
    assert command[-1] == "postgresql://ana@db.example/coop"
    assert environment["PGPASSWORD"] == "s3cret"


def test_a_postgres_backup_still_works(cli: Cli, tmp_path: Path) -> None:
    _secretary(cli)
    result = cli("db", "backup", str(tmp_path / "copy.backup"))
    assert result.exit_code == 0, result.output
    assert (tmp_path / "copy.backup").stat().st_size > 0


def test_a_document_never_prints_a_control_character() -> None:
    from markupsafe import Markup

    from coop.reports.render import environment

    template = environment().from_string("<p>{{ name }}</p>{{ safe }}")
    assert template.render(name=ESCAPE, safe=Markup('<b x="1">\x1b[31m</b>')) == (
        '<p>]0;pwnedAna</p><b x="1">[31m</b>'
    )


def test_output_to_a_full_disk_is_one_sentence(cli: Cli) -> None:
    from tests.factories.programs import coop_program

    _secretary(cli)
    with open("/dev/full", "w") as full:
        result = coop_program(
            "--db", cli.url, "--lang", "en", "member", "list", "--format", "csv", stdout=full
        )
    assert result.returncode == 1
    assert (
        result.stderr.strip() == "Error: Cannot write the output: No space left on device; nothing was saved."
    )


@pytest.mark.parametrize("entry", ["²", "#" + "9" * 5000, "9" * 5000, "٣"])
def test_a_candidate_typed_as_a_digit_no_number_reads_is_no_candidate(entry: str) -> None:
    """str.isdigit() says yes to "²", "٣" and 5,000 nines; int() refuses them all."""
    from coop.errors import VoteError
    from coop.votes.candidate_entry import Standing, find_candidate

    with pytest.raises(VoteError, match="is not a candidate"):
        find_candidate([Standing("Ana", "0002"), Standing("Bea", "0003")], entry)


@pytest.mark.parametrize("typed", ["²", "٣"])
def test_a_skill_level_typed_as_a_foreign_digit_is_one_sentence(typed: str) -> None:
    """Read as the digit it looks like, or refused in a sentence: never a ValueError from int()."""
    from coop.errors import TrainingError
    from coop.training.common import parse_level

    try:
        parse_level(typed)
    except TrainingError as refusal:
        assert "is not a skill level" in refusal.message


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["ballot", "show", "motion:²"], "'²' is not a motion number"),
        (["ballot", "show", "²"], "'²' is not a vote"),
        (["ballot", "show", "motion:" + "9" * 5000], "is not a motion number"),
        (["plan", "close", "1", "--actual", "³=10"], "'³=10' is not LINE=QUANTITY"),
        (["audit", "verify", "--anchor", "²:3f2a9c0d5e6b7a81"], "is not an audit anchor"),
    ],
)
def test_a_number_python_cannot_read_is_refused(cli: Cli, argv: list[str], message: str) -> None:
    """Digits that are not 0-9 (², ³) or too many of them are refused, never an internal error."""
    _secretary(cli)
    result = cli(*argv, actor="0001")
    assert result.exit_code in (1, 2), result.output
    assert message in result.stderr and "internal error" not in result.output
    assert len(result.stderr) < 400


def test_a_ballot_file_with_a_quote_left_open_is_refused_naming_its_line(cli: Cli, tmp_path: Path) -> None:
    """Counting streams the ballot file; a quote left open is refused, not read as one long cell."""
    ballots = tmp_path / "ballots.csv"
    ballots.write_text('weight,rank1,rank2\n1,Ana,Bea\n1,"Ana,Bea\n2,Bea,Ana\n', encoding="utf-8")
    rules = tmp_path / "rules.json"
    rules.write_text('{"candidates": ["Ana", "Bea"], "seats": 1}', encoding="utf-8")
    result = cli("votes", "tabulate", str(ballots), "--rules", str(rules))
    assert result.exit_code == 1
    assert 'line 3: a quote (") opens a cell and never closes' in result.stderr
