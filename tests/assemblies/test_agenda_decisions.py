"""An election held under an agenda item decides that item: the minutes say whom it elected there,
and never call the item "not reached"."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.factories.keys import key_input, key_options
from tests.factories.programs import Cli


@pytest.fixture(autouse=True)
def _today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COOP_NOW", "2026-11-25T10:00")


def _called_with_agenda(cli: Cli) -> None:
    """Assembly 1 called for 20 December with two items, opened on the day with 20 members present."""
    cli.add_members("Zofia Łukasiewicz", total=30, others="Socio Ibáñez {number}")
    for argv in (
        ["assembly", "call", "--date", "2026-12-20", "--time", "18:00", "--place", "Salón Güemes"],
        ["assembly", "agenda", "add", "1", "--title", "Compra de un horno"],
        ["assembly", "agenda", "add", "1", "--title", "Elección del consejo"],
    ):
        done = cli(*argv, actor="0001")
        assert done.exit_code == 0, done.output


def _open_with_members(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COOP_NOW", "2026-12-20T18:00")
    for argv in (
        ["assembly", "open", "1"],
        ["assembly", "attend", "1", *(f"{n:04d}" for n in range(1, 21))],
    ):
        done = cli(*argv, actor="0001")
        assert done.exit_code == 0, done.output


def _election(cli: Cli, *extra: str) -> object:
    return cli(
        "election", "create", "--title", "Consejo", "--seats", "1", "--rules", "irv",
        "-c", "0002", "-c", "0003", *extra, actor="0001",
    )  # fmt: skip


def test_an_election_under_an_item_is_what_the_minutes_say_of_it(
    cli: Cli, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    _called_with_agenda(cli)
    _open_with_members(cli, monkeypatch)
    created = _election(cli, "--assembly", "1", "--item", "2")
    assert created.exit_code == 0, created.output  # type: ignore[attr-defined]
    assert cli("election", "open", "1", actor="0001").exit_code == 0
    for number in range(1, 21):  # 12 rank Zofia Łukasiewicz (0002) first, 8 the other candidate
        ranking = ["0002", "0003"] if number <= 12 else ["0003"]
        assert cli("election", "cast", "1", *ranking, actor=f"{number:04d}").exit_code == 0
    assert cli("election", "close", "1", *key_options(), actor="0001", input=key_input()).exit_code == 0
    assert cli("assembly", "close", "1", actor="0001").exit_code == 0

    minutes = cli("minutes", "1", "--out", str(tmp_path / "acta.html"))
    assert minutes.exit_code == 0, minutes.output
    html = (tmp_path / "acta.html").read_text(encoding="utf-8")
    item_2 = html[html.index("Item 2: Elección del consejo") :]
    assert "Decided by election 1 (its count is under Elections): elected Zofia Łukasiewicz." in item_2
    assert "This item was not reached." in html[: html.index("Item 2")]  # item 1 had no motion
    assert "This item was not reached." not in item_2


def test_an_item_takes_one_election_of_its_own_assembly(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    _called_with_agenda(cli)
    _open_with_members(cli, monkeypatch)
    without_assembly = _election(cli, "--item", "2")
    assert without_assembly.exit_code == 1  # type: ignore[attr-defined]
    assert "needs its assembly: --assembly ID --item N" in without_assembly.stderr  # type: ignore[attr-defined]
    no_such_item = _election(cli, "--assembly", "1", "--item", "5")
    assert "has no agenda item 5; its items are numbered 1 to 2" in no_such_item.stderr  # type: ignore[attr-defined]
    assert _election(cli, "--assembly", "1", "--item", "2").exit_code == 0  # type: ignore[attr-defined]
    twice = _election(cli, "--assembly", "1", "--item", "2")
    assert twice.exit_code == 1  # type: ignore[attr-defined]
    assert "Agenda item 2 of assembly 1 is already decided by election 1." in twice.stderr  # type: ignore[attr-defined]
    assert [e["id"] for e in cli.json("election", "list")] == [1]  # the refused ones left nothing


def test_an_assembly_without_an_agenda_takes_an_election_without_item(cli: Cli) -> None:
    cli.add_members("Zofia Łukasiewicz", total=10, others="Socio Ibáñez {number}")
    cli.open_assembly(at="10:00")
    refused = _election(cli, "--assembly", "1", "--item", "1")
    assert "Assembly 1 has no agenda; create the election without --item." in refused.stderr  # type: ignore[attr-defined]
