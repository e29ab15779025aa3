"""An assembly typed the next morning from the secretary's notes, from the command line: the real
times reach the minutes, which say when the record was written; corrections print as errata."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.factories.programs import Cli


def _next_morning(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    """Six members; the assembly of 28 November, 18:05 to 20:40, typed on the 29th at 09:00."""
    monkeypatch.setenv("COOP_NOW", "2026-11-27T10:00")
    cli.add_members("Zofia Łukasiewicz", total=6)
    monkeypatch.setenv("COOP_NOW", "2026-11-29T09:00")
    steps = [
        (
            "assembly",
            "open",
            "--date",
            "2026-11-28",
            "--time",
            "18:00",
            "--place",
            "Comedor",
            "--chair",
            "0002",
            "--secretary",
            "0001",
            "--opened-at",
            "18:05",
        ),
        ("assembly", "attend", "1", "0001", "0002", "0003", "0004", "0005", "--at", "18:10"),
        ("motion", "propose", "1", "--by", "0003", "--title", "Horno", "--text", "Comprar un horno."),
        ("motion", "second", "1", "--by", "0004"),
        ("motion", "open-vote", "1", "--method", "show-of-hands", "--at", "18:30"),
        ("motion", "hand-count", "1", "--yes", "4", "--no", "1"),
        ("motion", "close", "1", "--at", "2026-11-28 18:50"),
        ("assembly", "leave", "1", "0005", "--at", "19:00"),
        ("assembly", "close", "1", "--closed-at", "2026-11-28T20:40"),
    ]
    for step in steps:
        result = cli(*step, actor="0001")
        assert result.exit_code == 0, f"{step}\n{result.output}{result.stderr}"


def test_a_whole_assembly_typed_the_next_morning(
    cli: Cli, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    _next_morning(cli, monkeypatch)
    shown = cli.json("assembly", "show", "1")
    assert shown["closed_at"] == "2026-11-28 20:40"
    assert cli("minutes", "1", "--out", str(tmp_path / "acta.html")).exit_code == 0
    html = (tmp_path / "acta.html").read_text(encoding="utf-8")
    assert "18:05" in html and "20:40" in html
    assert "Voting opened at 18:30 and closed at 18:50." in html
    assert "Entered in the record on 29 November 2026 from the secretary&#39;s notes." in html
    log = cli.json("audit", "log", "--action", "coop.assembly.opened")
    assert log[-1]["occurred_at"].startswith("2026-11-29 09:00")  # typed then, never back-dated
    assert log[-1]["data"]["at"] == "2026-11-28T18:05:00"


def test_each_time_out_of_order_is_one_sentence(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    _next_morning(cli, monkeypatch)
    cases = {
        ("assembly", "correct", "1", "--closed-at", "2026-11-30 10:00", "--reason", "x"): (
            "Error: The closing time 2026-11-30 10:00 is later than now (2026-11-29 09:00); "
            "give a time that has passed."
        ),
        ("assembly", "correct", "1", "--closed-at", "18:55", "--reason", "x"): (
            "Error: The closing time 18:55 is before a departure (19:00); give a time from 19:00 on."
        ),
        ("assembly", "attendance-fix", "1", "0005", "--left", "21:00", "--reason", "x"): (
            "Error: The departure time 21:00 is after assembly 1 closed (20:40); give a time up to 20:40."
        ),
        ("assembly", "correct", "1", "--closed-at", "half past eight", "--reason", "x"): (
            "Error: 'half past eight' is not a time like 18:30 or a date and time like 2026-11-25 18:30."
        ),
    }
    for argv, sentence in cases.items():
        result = cli(*argv, actor="0001")
        assert result.exit_code == 1, argv
        assert result.stderr.strip() == sentence


def test_corrections_print_as_errata_and_reopening_keeps_the_first_close(
    cli: Cli, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    _next_morning(cli, monkeypatch)
    steps = [
        ("assembly", "attendance-fix", "1", "0005", "--left", "19:20", "--reason", "La planilla dice 19:20"),
        ("assembly", "reopen", "1", "--reason", "Faltó anotar a 0006"),
        ("assembly", "attend", "1", "0006", "--at", "18:40"),
        ("assembly", "close", "1"),
    ]
    for step in steps:
        result = cli(*step, actor="0001")
        assert result.exit_code == 0, f"{step}\n{result.output}{result.stderr}"
    assert cli("minutes", "1", "--out", str(tmp_path / "acta.html")).exit_code == 0
    html = (tmp_path / "acta.html").read_text(encoding="utf-8")
    assert "Errata" in html
    assert "19:00 changed to 19:20." in html and "La planilla dice 19:20" in html
    assert "The assembly, closed at 20:40, was reopened to correct its record." in html
    assert "6 members attended" in html
    log = cli.json("audit", "log", "--action", "coop.assembly.reopened")
    assert log[-1]["data"]["reason"] == "Faltó anotar a 0006"
