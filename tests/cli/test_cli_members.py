"""The CLI as a user meets it: JSON output, one-sentence errors, exit codes, nothing half-written."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from coop import db
from coop.cli.main import app
from coop.members.cooperative import set_up_cooperative
from tests.factories.context import FIXED_NOW
from tests.factories.programs import Cli


def _bootstrap(cli: Cli) -> None:
    assert cli("member", "add", "Ana Núñez", "--number", "0001", "--role", "secretary").exit_code == 0
    assert (
        cli(
            "member", "add", "Zofia Łukasiewicz", "--number", "0002", "--section", "Hornos", actor="0001"
        ).exit_code
        == 0
    )


def test_member_add_list_show_json(cli: Cli) -> None:
    _bootstrap(cli)
    members = cli.json("member", "list")
    for member in members:
        assert member.pop("joined_on") is not None
    assert members == [
        {
            "number": "0001",
            "name": "Ana Núñez",
            "section": None,
            "roles": ["member", "secretary"],
            "active": True,
        },
        {
            "number": "0002",
            "name": "Zofia Łukasiewicz",
            "section": "Hornos",
            "roles": ["member"],
            "active": True,
        },
    ]
    shown = cli.json("member", "show", "Zofia Łukasiewicz")
    assert shown["number"] == "0002" and shown["deactivated_on"] is None


def test_member_list_csv_and_table(cli: Cli) -> None:
    _bootstrap(cli)
    as_csv = cli("member", "list", "--format", "csv")
    assert as_csv.exit_code == 0
    assert as_csv.stdout.splitlines()[0] == "number,name,section,roles,joined_on,active"
    assert "Łukasiewicz" in cli("member", "list").stdout


def test_unknown_member_is_one_sentence_exit_1(cli: Cli) -> None:
    _bootstrap(cli)
    result = cli("member", "show", "9999")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.strip() == (
        "Error: No member has the number or name '9999'; see the list with: coop member list"
    )
    assert "Traceback" not in result.output


def test_write_without_role_refused_and_nothing_written(cli: Cli) -> None:
    _bootstrap(cli)
    result = cli("member", "add", "Intruso", actor="0002")
    assert result.exit_code == 1
    assert "needs the secretary role" in result.stderr
    assert len(cli.json("member", "list")) == 2


def test_bad_csv_reports_lines_and_writes_nothing(cli: Cli, tmp_path: Path) -> None:
    _bootstrap(cli)
    bad = tmp_path / "bad.csv"
    bad.write_text("number,name,roles\n0003,Inés Peña,\n0004,,\n0005,Óscar Muñoz,jefe\n", encoding="utf-8")
    result = cli("member", "import", str(bad), actor="0001")
    assert result.exit_code == 1
    assert "bad.csv has 2 bad lines, so nothing was imported" in result.stderr
    assert "line 3: the name is empty" in result.stderr
    assert "line 4: 'jefe' is not a role" in result.stderr
    assert len(cli.json("member", "list")) == 2


def test_export_then_import_round_trip(cli: Cli, tmp_path: Path, sqlite_url: str) -> None:
    _bootstrap(cli)
    exported = tmp_path / "members.csv"
    assert cli("member", "export", "--out", str(exported)).exit_code == 0
    other = Cli(sqlite_url)
    with db.session_scope(db.engine_for(sqlite_url)) as session:
        set_up_cooperative(session, name="Otra", language="en", now=FIXED_NOW)
    result = other("member", "import", str(exported))
    assert result.exit_code == 0, result.output
    assert [(m["number"], m["roles"]) for m in other.json("member", "list")] == [
        ("0001", ["member", "secretary"]),
        ("0002", ["member"]),
    ]


def test_bad_bylaw_value_refused(cli: Cli) -> None:
    _bootstrap(cli)
    result = cli("bylaws", "set", "quorum", "1.7", actor="0001")
    assert result.exit_code == 1
    assert "Bylaw quorum not changed" in result.stderr and "1.7" in result.stderr
    bylaws = {b["key"]: b for b in cli.json("bylaws", "show")}
    assert bylaws["quorum"]["value"] == "majority"
    ok = cli("bylaws", "set", "quorum", "1/3", "--article", "Art. 32", actor="0001")
    assert ok.exit_code == 0, ok.output
    bylaws = {b["key"]: b for b in cli.json("bylaws", "show")}
    assert (bylaws["quorum"]["value"], bylaws["quorum"]["article"]) == ("1/3", "Art. 32")


@pytest.mark.no_officer_key
def test_audit_log_and_verify(cli: Cli) -> None:
    _bootstrap(cli)
    log = cli.json("audit", "log")
    assert [e["action"] for e in log] == [
        "coop.cooperative.created",
        "coop.member.added",
        "coop.member.added",
    ]
    assert log[1]["actor"] == "(setup)" and log[2]["actor"] == "Ana Núñez (#0001)"
    result = cli("audit", "verify")
    assert result.exit_code == 0 and "intact: 3 events" in result.stdout


def test_missing_database_is_refused(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.db"
    result = CliRunner().invoke(app, ["--db", str(missing), "member", "list"])
    assert result.exit_code == 1
    assert "There is no cooperative database at" in result.stderr
    assert "coop init" in result.stderr
    assert not missing.exists()


def test_database_behind_is_refused(tmp_path: Path) -> None:
    from sqlalchemy import text

    from coop import db

    path = tmp_path / "old.db"
    runner = CliRunner()
    assert runner.invoke(app, ["--db", str(path), "init", "--name", "Vieja"]).exit_code == 0
    with db.engine_for(db.resolve_url(str(path))).begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '0000_older'"))
    result = runner.invoke(app, ["--db", str(path), "member", "list"])
    assert result.exit_code == 1
    assert "run: coop db upgrade" in result.stderr


def test_bad_usage_exit_2(cli: Cli) -> None:
    result = cli("member", "list", "--format", "xml")
    assert result.exit_code == 2


def test_init_twice_keeps_data(tmp_path: Path) -> None:
    path = tmp_path / "coop.db"
    runner = CliRunner()
    first = runner.invoke(app, ["--db", str(path), "init", "--name", "Cooperativa Zanon"])
    assert first.exit_code == 0 and "Created the database of Cooperativa Zanon" in first.stdout
    assert runner.invoke(app, ["--db", str(path), "member", "add", "Ana"]).exit_code == 0
    again = runner.invoke(app, ["--db", str(path), "init", "--name", "Cooperativa Zanon"])
    assert "up to date" in again.stdout
    listed = runner.invoke(app, ["--db", str(path), "member", "list", "--format", "json"])
    assert [m["name"] for m in json.loads(listed.stdout)] == ["Ana"]


def test_db_status_and_backup(tmp_path: Path) -> None:
    import sqlite3

    path = tmp_path / "coop.db"
    runner = CliRunner()
    runner.invoke(app, ["--db", str(path), "init", "--name", "Cooperativa"])
    runner.invoke(app, ["--db", str(path), "member", "add", "Ana"])
    status = runner.invoke(app, ["--db", str(path), "db", "status"])
    assert status.exit_code == 0 and "(current)" in status.stdout
    copy = tmp_path / "copy.db"
    assert runner.invoke(app, ["--db", str(path), "db", "backup", str(copy)]).exit_code == 0
    with sqlite3.connect(copy) as connection:
        assert connection.execute("SELECT name FROM members").fetchall() == [("Ana",)]
    again = runner.invoke(app, ["--db", str(path), "db", "backup", str(copy)])
    assert again.exit_code == 1 and "already exists" in again.stderr


# --- members without a number, namesakes, dates ------------------------------------------------------


def _references_in(message: str) -> list[str]:
    """The references an ambiguity message offers: '... instead: id:3, id:4.' -> ['id:3', 'id:4']."""
    return [ref.strip() for ref in message.split("instead: ", 1)[1].strip().rstrip(".").split(", ")]


def test_every_member_is_addressable_by_what_the_messages_print(cli: Cli) -> None:
    """Two members with the same name and no number: every command taking MEMBER reaches each one
    by the reference the messages print, and the member list shows it too."""
    _bootstrap(cli)
    first = cli("member", "add", "Nuevo Socio", actor="0001")
    assert first.exit_code == 0, first.output
    assert first.stdout.strip() == "Added Nuevo Socio (id:3)."
    second = cli("member", "add", "Nuevo Socio", "--allow-duplicate-name", actor="0001")
    assert second.exit_code == 0, second.output
    assert second.stdout.strip() == "Added Nuevo Socio (id:4)."

    ambiguous = cli("member", "show", "Nuevo Socio")
    assert ambiguous.exit_code == 1
    assert ambiguous.stderr.strip() == (
        "Error: More than one member is called 'Nuevo Socio'; name them as listed instead: id:3, id:4."
    )
    references = _references_in(ambiguous.stderr)
    assert references == ["id:3", "id:4"]
    for reference in references:
        shown = cli.json("member", "show", reference)
        assert (shown["name"], shown["reference"]) == ("Nuevo Socio", reference)
        granted = cli("member", "role", "grant", reference, "trainer", actor="0001")
        assert granted.exit_code == 0, granted.output
        assert granted.stdout.strip() == f"Nuevo Socio ({reference}) now holds the trainer role."
        revoked = cli("member", "role", "revoke", reference, "trainer", actor="0001")
        assert revoked.exit_code == 0, revoked.output
        recorded = cli("rotation", "record", "auditor", reference, "--start", "2026-01-01", actor="0001")
        assert recorded.exit_code == 0, recorded.output
    shown_lines = cli("member", "show", "id:3").stdout.splitlines()
    assert any(line.split() == ["Named", "in", "commands", "as", "id:3"] for line in shown_lines)
    acting = cli("member", "role", "grant", "id:3", "secretary", actor="0001")
    assert acting.exit_code == 0
    assert cli("member", "add", "Tercera Persona", "--number", "0005", actor="id:3").exit_code == 0
    # The table shows, in the number column, what to type for a member without a number.
    lines = cli("member", "list").stdout.splitlines()
    assert any(line.split()[:3] == ["id:4", "Nuevo", "Socio"] for line in lines)
    deactivated = cli("member", "deactivate", "id:4", actor="0001")
    assert deactivated.stdout.strip() == "Deactivated Nuevo Socio (id:4)."
    # The machine-readable number stays what was given: none.
    assert [m["number"] for m in cli.json("member", "list") if m["name"] == "Nuevo Socio"] == [None]


def test_a_second_member_with_the_same_name_and_no_number_is_refused(cli: Cli) -> None:
    """Members are never deleted, so a name entered twice by mistake would stay for good: without a
    number to tell them apart, the second one needs --allow-duplicate-name."""
    _bootstrap(cli)
    assert cli("member", "add", "Nuevo Socio", actor="0001").exit_code == 0
    again = cli("member", "add", "nuevo  socio", actor="0001")
    assert again.exit_code == 1
    assert again.stderr.strip() == (
        "Error: Nuevo Socio (id:3) already has that name; if this is another person, give their member "
        "number with --number, or add them with --allow-duplicate-name."
    )
    assert [m["name"] for m in cli.json("member", "list")].count("Nuevo Socio") == 1
    # With a number the two can be told apart: saved, with a warning on stderr.
    numbered = cli("member", "add", "Nuevo Socio", "--number", "0009", actor="0001")
    assert numbered.exit_code == 0
    assert numbered.stdout.strip() == "Added Nuevo Socio (#0009)."
    assert numbered.stderr.strip() == "Note: Nuevo Socio (id:3) has the same name."


def test_a_joining_date_in_the_future_is_refused(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COOP_NOW", "2026-11-25T10:00")
    _bootstrap(cli)
    future = cli("member", "add", "Nuevo Socio", "--joined", "2030-01-01", actor="0001")
    assert future.exit_code == 1
    assert future.stderr.strip() == (
        "Error: The joining date 2030-01-01 is in the future; give the day the member joined, "
        "2026-11-25 at the latest."
    )
    today = cli("member", "add", "Nuevo Socio", "--joined", "2026-11-25", actor="0001")
    assert today.exit_code == 0, today.output
    listing = tmp_path / "members.csv"
    listing.write_text("number,name,joined_on\n0010,Inés Peña,2027-03-01\n", encoding="utf-8")
    imported = cli("member", "import", str(listing), actor="0001")
    assert imported.exit_code == 1
    assert "line 2: the joining date 2027-03-01 is in the future" in imported.stderr
    assert len(cli.json("member", "list")) == 3
