"""An assembly from the command line, as the secretary runs it, down to the printed minutes."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.factories.programs import Cli, coop_program

ARTEFACTS = Path(__file__).resolve().parents[1] / "artefacts"


def _setup(cli: Cli, size: int = 30) -> None:
    cli.add_members("Zofia Łukasiewicz", total=size, others="Socio Ibáñez {number}")
    cli.open_assembly("--format", "json")


def test_assembly_flow_to_printed_minutes(cli: Cli, tmp_path: Path) -> None:
    _setup(cli)
    numbers = [f"{n:04d}" for n in range(1, 21)]
    attended = cli("assembly", "attend", "1", *numbers, actor="0001")
    assert attended.exit_code == 0 and "20 members present" in attended.stdout
    proposed = cli.json(
        "motion",
        "propose",
        "1",
        "--title",
        "Horno nuevo",
        "--text",
        "Comprar un horno.",
        "--by",
        "0003",
        actor="0001",
    )
    assert proposed["status"] == "proposed"
    refused = cli("motion", "open-vote", str(proposed["id"]), "--method", "roll-call", actor="0001")
    assert refused.exit_code == 1
    assert "has not been seconded" in refused.stderr
    assert cli("motion", "second", "1", "--by", "0004", actor="0001").exit_code == 0
    opened = cli("motion", "open-vote", "1", "--method", "roll-call", actor="0001")
    assert opened.exit_code == 0, opened.output
    for number in numbers[:14]:
        assert cli("motion", "vote", "1", "yes", "--member", number, actor="0001").exit_code == 0
    for number in numbers[14:]:
        assert cli("motion", "vote", "1", "no", "--member", number, actor="0001").exit_code == 0
    twice = cli("motion", "vote", "1", "yes", "--member", "0001", actor="0001")
    assert twice.exit_code == 1 and "has already voted" in twice.stderr
    closed = cli("motion", "close", "1", actor="0001")
    assert closed.exit_code == 0 and "Adopted: 14 yes" in closed.stdout
    shown = cli.json("motion", "show", "1")
    assert (
        shown["vote"]["yes"] == 14 and shown["vote"]["no"] == 6 and shown["vote"]["quorum"]["required"] == 16
    )
    as_table = cli("motion", "show", "1").stdout.splitlines()
    vote = as_table.index("Vote")  # the vote is a block of its own lines, not a dict on one line
    assert "  Method                   roll call" in as_table[vote:]  # the label, not the stored value
    assert "    Required         16" in as_table[vote:]
    assert not any("{" in line for line in as_table)
    assert cli("assembly", "close", "1", actor="0001").exit_code == 0

    out = tmp_path / "minutes.pdf"
    printed = cli("minutes", "1", "--out", str(out))
    assert printed.exit_code == 0, printed.output
    text = "\n".join(page.extract_text() for page in PdfReader(out).pages)
    for expected in (
        "Minutes of the ordinary assembly",
        "Comedor",
        "Zofia Łukasiewicz",
        "Ana Núñez",
        "Horno nuevo",
        "Comprar un horno.",
        "majority of votes cast",
        "Adopted",
        "Socio Ibáñez 3",
        "Page 1 of",
    ):
        assert expected in text, expected
    # The minutes carry the audit log's anchor; kept on paper, it checks the log later.
    anchor = re.search(r"printed: anchor (\d+:[0-9a-f]{16})", " ".join(text.split()))
    assert anchor is not None, text
    checked = cli("audit", "verify", "--anchor", anchor.group(1))
    assert checked.exit_code == 0 and "is still in it, unchanged" in checked.stdout
    if shutil.which("pdftoppm"):
        ARTEFACTS.mkdir(exist_ok=True)
        subprocess.run(
            ["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", str(out), str(ARTEFACTS / "cli-minutes")],
            check=True,
        )


def test_bad_minutes_suffix_and_unknown_assembly(cli: Cli, tmp_path: Path) -> None:
    _setup(cli, size=5)
    wrong = cli("minutes", "1", "--out", str(tmp_path / "minutes.docx"))
    assert wrong.exit_code == 1 and not (tmp_path / "minutes.docx").exists()
    missing = cli("minutes", "7", "--out", str(tmp_path / "m.pdf"))
    assert missing.exit_code == 1 and "There is no assembly 7" in missing.stderr


def test_the_coop_program_prints_the_minutes_the_code_prints(cli: Cli, tmp_path: Path) -> None:
    """The program prints through its helper process; the PDF must be the same, byte for byte."""
    _setup(cli)
    assert cli("assembly", "attend", "1", *[f"{n:04d}" for n in range(1, 21)], actor="0001").exit_code == 0
    assert cli("assembly", "close", "1", actor="0001").exit_code == 0
    folder = tmp_path / "documents"
    folder.mkdir()
    in_process = folder / "in-process.pdf"
    assert cli("minutes", "1", "--out", str(in_process)).exit_code == 0

    by_program = folder / "program.pdf"
    printed = coop_program("--db", cli.url, "minutes", "1", "--out", str(by_program))
    assert printed.returncode == 0, printed.stderr
    assert printed.stdout.startswith("Wrote the draft minutes of assembly 1")
    assert by_program.read_bytes() == in_process.read_bytes()

    failed = coop_program("--db", cli.url, "minutes", "7", "--out", str(folder / "none.pdf"))
    assert failed.returncode == 1
    assert len(failed.stderr.strip().splitlines()) == 1 and "Traceback" not in failed.stderr
    assert sorted(entry.name for entry in folder.iterdir()) == ["in-process.pdf", "program.pdf"]


def test_illegal_transition_message_names_state_and_choices(cli: Cli) -> None:
    _setup(cli, size=5)
    cli("motion", "propose", "1", "--title", "T", "--text", "X", "--by", "0003", actor="0001")
    assert cli("motion", "withdraw", "1", actor="0001").exit_code == 0
    result = cli("motion", "second", "1", "--by", "0004", actor="0001")
    assert result.exit_code == 1
    assert result.stderr.strip() == (
        "Error: Motion 1 (T) is withdrawn, so 'second' is not possible; nothing more can be done with it."
    )


@pytest.mark.parametrize("preset", ["robert", "ar-ley-20337"])
def test_bylaw_presets_from_the_cli(cli: Cli, preset: str, tmp_path: Path) -> None:
    _setup(cli, size=3)
    shown = cli.json("bylaws", "preset", "show", preset)
    assert all(rule["article"] for rule in shown)
    applied = cli.json("bylaws", "preset", "apply", preset, actor="0001")
    assert any(rule["changed"] for rule in applied)
    out = tmp_path / "bylaws.pdf"
    assert cli("bylaws", "print", "--out", str(out)).exit_code == 0
    text = " ".join(" ".join(page.extract_text() for page in PdfReader(out).pages).split())
    assert "Bylaws in force" in text and shown[0]["article"] in text


def test_attendance_from_csv_all_or_nothing(cli: Cli, tmp_path: Path) -> None:
    _setup(cli, size=6)
    bad = tmp_path / "present.csv"
    bad.write_text("number\n0001\n0099\n0003\n", encoding="utf-8")
    result = cli("assembly", "attend", "1", "--file", str(bad), actor="0001")
    assert result.exit_code == 1 and "entry 2" in result.stderr and "0099" in result.stderr
    assert cli.json("assembly", "quorum", "1")["present"] == 0
    good = tmp_path / "ok.csv"
    good.write_text("number\n0001\n0002\n0003\n0004\n", encoding="utf-8")
    assert cli("assembly", "attend", "1", "--file", str(good), actor="0001").exit_code == 0
    quorum = cli.json("assembly", "quorum", "1")
    assert (quorum["present"], quorum["required"], quorum["met"]) == (4, 4, True)


def _clock(monkeypatch: pytest.MonkeyPatch, hh_mm: str) -> None:
    monkeypatch.setenv("COOP_NOW", f"2026-11-25T{hh_mm}")


def test_attendance_times_outside_the_assembly_are_refused(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    """The assembly is called for 18:00; it is now 18:30."""
    _clock(monkeypatch, "18:00")
    _setup(cli, size=6)
    _clock(monkeypatch, "18:30")
    assert (
        cli("assembly", "attend", "1", "0001", "0002", "0003", "--at", "18:05", actor="0001").exit_code == 0
    )
    early = cli("assembly", "leave", "1", "0003", "--at", "17:00", actor="0001")
    assert early.exit_code == 1
    assert early.stderr.strip() == (
        "Error: The departure time 17:00 is before assembly 1 began (18:00); give a time from 18:00 on."
    )
    future = cli("assembly", "attend", "1", "0004", "--at", "19:15", actor="0001")
    assert future.exit_code == 1
    assert future.stderr.strip() == (
        "Error: The arrival time 19:15 is later than now (18:30); give a time that has passed."
    )
    before_arrival = cli("assembly", "leave", "1", "0003", "--at", "18:02", actor="0001")
    assert before_arrival.exit_code == 1 and "before they arrived at 18:05" in before_arrival.stderr
    assert "Traceback" not in early.output + future.output + before_arrival.output
    assert cli.json("assembly", "quorum", "1")["present"] == 3


def test_quorum_of_a_closed_assembly_reports_its_record_not_a_live_count(
    cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    """After the close nobody is in the room; the quorum that counts is the one recorded."""
    _clock(monkeypatch, "18:00")
    _setup(cli)
    assert cli("assembly", "attend", "1", *[f"{n:04d}" for n in range(1, 21)], actor="0001").exit_code == 0
    assert cli("assembly", "proxy", "1", "--from", "0025", "--to", "0003", actor="0001").exit_code == 0
    cli(
        "motion",
        "propose",
        "1",
        "--title",
        "Horno",
        "--text",
        "Comprar un horno.",
        "--by",
        "0003",
        actor="0001",
    )
    assert cli("motion", "second", "1", "--by", "0004", actor="0001").exit_code == 0
    _clock(monkeypatch, "18:20")
    assert cli("motion", "open-vote", "1", "--method", "show-of-hands", actor="0001").exit_code == 0
    assert cli("motion", "hand-count", "1", "--yes", "15", "--no", "5", actor="0001").exit_code == 0
    assert cli("motion", "close", "1", actor="0001").exit_code == 0
    _clock(monkeypatch, "18:40")
    assert cli("assembly", "leave", "1", "0020", actor="0001").exit_code == 0
    _clock(monkeypatch, "19:00")
    assert cli("assembly", "close", "1", actor="0001").exit_code == 0

    said = cli("assembly", "quorum", "1")
    assert said.exit_code == 0, said.output
    assert "more members are needed" not in said.stdout and not re.search(r"\b0 present", said.stdout)
    assert "Assembly 1 was closed at 19:00" in said.stdout
    assert "20 members attended; 1 member was represented by proxy." in said.stdout
    assert (
        "Motion 1 (Horno), vote opened at 18:20: "
        "Quorum reached: 20 present (1 proxy not counted), 16 required." in said.stdout
    )
    record = cli.json("assembly", "quorum", "1")
    assert record["status"] == "closed" and record["closed_at"] == "2026-11-25 19:00"
    assert record["attended"] == 20 and record["represented_by_proxy"] == 1
    assert [(v["position"], v["present"], v["required"], v["met"]) for v in record["votes"]] == [
        ("1", 20, 16, True)
    ]


def test_attendance_from_a_spanish_sign_in_sheet(cli: Cli, tmp_path: Path) -> None:
    _setup(cli, size=6)
    sheet = tmp_path / "presentes.csv"
    sheet.write_bytes("Número;Nombre\r\n0001;Ana Núñez\r\n0003;Socio Ibáñez 3\r\n".encode("cp1252"))
    wrong = cli("assembly", "attend", "1", "--file", str(sheet), "--encoding", "utf-8", actor="0001")
    assert wrong.exit_code == 1 and "presentes.csv is not utf-8 text (byte 0xFA" in wrong.stderr
    named = ["--delimiter", ";", "--encoding", "cp1252"]
    assert cli("assembly", "attend", "1", "--file", str(sheet), *named, actor="0001").exit_code == 0
    assert cli.json("assembly", "quorum", "1")["present"] == 2
    bad = cli("assembly", "attend", "1", "--file", str(sheet), "--delimiter", ":", actor="0001")
    assert bad.exit_code == 2 and "':' is not a delimiter coop reads" in bad.stderr
