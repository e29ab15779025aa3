"""Corrections around the agenda: an item edited before the assembly opens, an item postponed during
it with its reason (and taken up again), and a motion's wording corrected before it is seconded.

The rules, as a secretary would say them:
- an agenda item can be corrected only while the assembly is called, and by the secretary;
- an item postponed during the meeting takes with it its motions not yet put to the vote, and the
  minutes say it was postponed and why, which is not the same as an item the assembly did not reach;
- a motion's wording can be corrected by its proposer or the secretary while it is only proposed;
  once seconded it changes only by an amendment.
"""

from __future__ import annotations

import itertools
import json
from pathlib import Path
from typing import Any

import pytest

from tests.factories.programs import Cli


@pytest.fixture(autouse=True)
def _today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COOP_NOW", "2026-11-25T10:00")


def _call(cli: Cli, *titles: str) -> None:
    """12 members, Ana Núñez (0001) the secretary, 0002 the chair; assembly 1 called for 18:00 today."""
    cli.add_members(total=12)
    called = cli(
        "assembly", "call", "--date", "2026-11-25", "--time", "18:00", "--place", "Comedor",
        "--chair", "0002", actor="0001",
    )  # fmt: skip
    assert called.exit_code == 0, called.output
    for title in titles:
        assert cli("assembly", "agenda", "add", "1", "--title", title, actor="0001").exit_code == 0


def _open(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COOP_NOW", "2026-11-25T18:05")
    assert cli("assembly", "open", "1", actor="0001").exit_code == 0
    assert cli("assembly", "attend", "1", *[f"{n:04d}" for n in range(1, 11)], actor="0001").exit_code == 0


def _propose(cli: Cli, item: str, title: str, by: str = "0003") -> int:
    motion = cli.json(
        "motion", "propose", "1", "--item", item, "--title", title, "--text", f"{title}.", "--by", by,
        actor="0001",
    )  # fmt: skip
    return int(motion["id"])


def _refused(result: Any, *words: str) -> None:
    assert result.exit_code == 1, result.output
    said = result.stderr.strip()
    assert len(said.splitlines()) == 1 and "Traceback" not in result.output, said
    for word in words:
        assert word in said, said


def _events(cli: Cli, action: str) -> list[dict[str, Any]]:
    rows = cli.json("audit", "log", "--action", action)
    return [row["data"] if isinstance(row["data"], dict) else json.loads(row["data"]) for row in rows]


def _status(cli: Cli, motion: int) -> str:
    return str(cli.json("motion", "show", str(motion))["status"])


def test_an_agenda_item_is_corrected_before_the_assembly_opens(
    cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    _call(cli, "Balance sheet", "Purchase of a kiln")
    edited = cli(
        "assembly", "agenda", "edit", "1", "2", "--title", "Purchase of an electric kiln",
        "--text", "Quotes from two suppliers.", "--kind", "ordinary", actor="0001",
    )  # fmt: skip
    assert edited.exit_code == 0, edited.output
    assert "Corrected item 2: Purchase of an electric kiln." in edited.stdout
    item = cli.json("assembly", "agenda", "list", "1")[1]
    assert (item["title"], item["text"], item["motion_kind"]) == (
        "Purchase of an electric kiln",
        "Quotes from two suppliers.",
        "ordinary",
    )
    (event,) = _events(cli, "coop.agenda.edited")
    assert event["from"] == {"title": "Purchase of a kiln", "text": None, "motion_kind": None}
    assert event["to"] == {
        "title": "Purchase of an electric kiln",
        "text": "Quotes from two suppliers.",
        "motion_kind": "ordinary",
    }
    # An empty --text removes the explanation; only what changed is in the event.
    assert cli("assembly", "agenda", "edit", "1", "2", "--text", "", actor="0001").exit_code == 0
    assert cli.json("assembly", "agenda", "list", "1")[1]["text"] is None
    assert _events(cli, "coop.agenda.edited")[-1]["from"] == {"text": "Quotes from two suppliers."}

    _refused(cli("assembly", "agenda", "edit", "1", "2", actor="0001"), "--title, --text or --kind")
    _refused(
        cli("assembly", "agenda", "edit", "1", "1", "--title", "Balance sheet", actor="0001"),
        "already reads so",
    )
    _refused(cli("assembly", "agenda", "edit", "1", "4", "--title", "X", actor="0001"), "no agenda item 4")
    _refused(cli("assembly", "agenda", "edit", "1", "1", "--title", "X", actor="0005"), "secretary")
    _open(cli, monkeypatch)
    _refused(
        cli("assembly", "agenda", "edit", "1", "1", "--title", "X", actor="0001"),
        "only before the assembly opens",
    )


def test_a_postponed_item_takes_its_pending_motions_and_the_minutes_say_why(
    cli: Cli, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    _call(cli, "Balance sheet", "Purchase of a kiln", "Uniforms", "Reform of the bylaws")
    _refused(
        cli("assembly", "agenda", "postpone", "1", "2", "--reason", "No quotes.", actor="0001"),
        "not open yet",
    )
    _open(cli, monkeypatch)
    kiln = _propose(cli, "2", "Buy the kiln")
    assert cli("motion", "second", str(kiln), "--by", "0004", actor="0001").exit_code == 0
    oven = _propose(cli, "2", "Repair the old oven")
    withdrawn = _propose(cli, "2", "Rent a kiln")
    assert cli("motion", "withdraw", str(withdrawn), actor="0001").exit_code == 0

    _refused(cli("assembly", "agenda", "postpone", "1", "2", "--reason", "  ", actor="0001"), "--reason")
    _refused(
        cli("assembly", "agenda", "postpone", "1", "2", "--reason", "No quotes.", actor="0005"),
        "Postponing an agenda item",
    )
    postponed = cli(
        "assembly", "agenda", "postpone", "1", "2", "--reason", "The quotes have not arrived.", actor="0002"
    )  # the chair
    assert postponed.exit_code == 0, postponed.output
    assert "Postponed item 2: Purchase of a kiln. Motions 1, 2 are postponed with it." in postponed.stdout
    assert "The quotes have not arrived." in postponed.stdout  # the listing's reason column
    assert [_status(cli, m) for m in (kiln, oven, withdrawn)] == ["postponed", "postponed", "withdrawn"]
    assert cli.json("assembly", "agenda", "list", "1")[1]["postponed"] == "The quotes have not arrived."
    assert "postponed" not in cli.json("assembly", "agenda", "list", "1")[0]
    assert cli.json("assembly", "show", "1")["agenda"][1]["postponed"] == "The quotes have not arrived."
    _refused(
        cli("assembly", "agenda", "postpone", "1", "2", "--reason", "Again.", actor="0001"),
        "already postponed",
        "coop assembly agenda resume 1 2",
    )
    _refused(
        cli("motion", "propose", "1", "--item", "2", "--title", "X", "--text", "Y.", actor="0001"),
        "is postponed",
        "coop assembly agenda resume 1 2",
    )

    _refused(
        cli("motion", "resume", str(kiln), actor="0001"),
        "stands under item 2, which is postponed",
        "coop assembly agenda resume 1 2",
    )

    # Taken up again, each motion returns to where it stood; postponed once more, it stays so.
    resumed = cli("assembly", "agenda", "resume", "1", "2", actor="0001")
    assert resumed.exit_code == 0, resumed.output
    assert (
        "Took up item 2 again: Purchase of a kiln. Motions 1, 2 are taken up again with it." in resumed.stdout
    )
    assert [_status(cli, m) for m in (kiln, oven)] == ["seconded", "proposed"]
    _refused(cli("assembly", "agenda", "resume", "1", "2", actor="0001"), "is not postponed")
    assert (
        cli(
            "assembly",
            "agenda",
            "postpone",
            "1",
            "2",
            "--reason",
            "The quotes have not arrived.",
            actor="0001",
        )
    ).exit_code == 0

    # A motion being voted on must be closed before its item is postponed.
    uniforms = _propose(cli, "3", "Buy uniforms")
    assert cli("motion", "second", str(uniforms), "--by", "0004", actor="0001").exit_code == 0
    assert cli("motion", "open-vote", str(uniforms), "--method", "show-of-hands", actor="0001").exit_code == 0
    _refused(
        cli("assembly", "agenda", "postpone", "1", "3", "--reason", "Late.", actor="0001"),
        "is being voted on",
    )
    assert cli("motion", "hand-count", str(uniforms), "--yes", "8", "--no", "1", actor="0001").exit_code == 0
    assert cli("motion", "close", str(uniforms), actor="0001").exit_code == 0
    # An item with no motion can be postponed too: postponed, not "not reached".
    assert (
        cli("assembly", "agenda", "postpone", "1", "4", "--reason", "Postponed to an extraordinary assembly",
            actor="0001")
    ).exit_code == 0  # fmt: skip
    monkeypatch.setenv("COOP_NOW", "2026-11-25T20:00")
    assert cli("assembly", "close", "1", actor="0001").exit_code == 0

    out = tmp_path / "minutes.html"
    assert cli("minutes", "1", "--out", str(out)).exit_code == 0
    html = out.read_text(encoding="utf-8")
    starts = [html.index(f"Item {n}:") for n in (1, 2, 3, 4)] + [len(html)]
    sections = [html[start:end] for start, end in itertools.pairwise(starts)]
    assert "This item was not reached." in sections[0]
    assert "This item was postponed: The quotes have not arrived." in sections[1]
    assert "This item was not reached." not in sections[1]
    assert "This item was" not in sections[2]  # its motion was decided
    assert "This item was postponed: Postponed to an extraordinary assembly." in sections[3]
    assert "not reached" not in sections[3]
    assert [e["motion_ids"] for e in _events(cli, "coop.agenda.postponed")] == [
        [kiln, oven],
        [kiln, oven],
        [],
    ]


def test_a_motion_s_wording_is_corrected_before_it_is_seconded(
    cli: Cli, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    _call(cli, "Purchase of a kiln")
    _open(cli, monkeypatch)
    kiln = _propose(cli, "1", "Buy the kiln", by="0003")
    edited = cli(
        "motion", "edit", str(kiln), "--text", "Buy the electric kiln for 2.4 million pesos.",
        "--reason", "The amount was missing.", actor="0003",
    )  # fmt: skip  # the proposer
    assert edited.exit_code == 0, edited.output
    assert "Motion 1 corrected" in edited.stdout
    shown = cli.json("motion", "show", str(kiln))
    assert shown["text"] == shown["final_text"] == "Buy the electric kiln for 2.4 million pesos."
    (event,) = _events(cli, "coop.motion.edited")
    assert event["reason"] == "The amount was missing."
    assert event["from"] == {"text": "Buy the kiln."}
    assert event["to"] == {"text": "Buy the electric kiln for 2.4 million pesos."}
    # The secretary may correct the title; another member may not; a reason is always needed.
    assert cli(
        "motion", "edit", str(kiln), "--title", "Buy the electric kiln", "--reason", "Typo.", actor="0001"
    ).exit_code == 0  # fmt: skip
    _refused(
        cli("motion", "edit", str(kiln), "--title", "Mine", "--reason", "Because.", actor="0005"),
        "Editing a motion someone else proposed",
    )
    _refused(cli("motion", "edit", str(kiln), "--title", "Buy", "--reason", " ", actor="0003"), "--reason")
    _refused(cli("motion", "edit", str(kiln), "--reason", "Nothing.", actor="0003"), "--title")
    _refused(
        cli(
            "motion", "edit", str(kiln), "--title", "Buy the electric kiln", "--reason", "Same.", actor="0003"
        ),
        "already reads so",
    )

    assert cli("motion", "second", str(kiln), "--by", "0004", actor="0001").exit_code == 0
    _refused(
        cli("motion", "edit", str(kiln), "--text", "Buy two.", "--reason", "More.", actor="0003"),
        "has been seconded",
        f"coop motion amend {kiln}",
    )
    # An amendment's wording too, by its proposer, until it is seconded.
    amended = cli("motion", "amend", str(kiln), "--by", "0005", "--text", "Buy two kilns.", actor="0001")
    assert amended.exit_code == 0, amended.output
    amendment = next(m for m in cli.json("motion", "list", "1") if m["position"] == "1.1")
    assert cli(
        "motion", "edit", str(amendment["id"]), "--text", "Buy two electric kilns.", "--reason", "Typo.",
        actor="0005",
    ).exit_code == 0  # fmt: skip
    assert cli.json("motion", "show", str(amendment["id"]))["text"] == "Buy two electric kilns."
    assert cli("motion", "second", str(amendment["id"]), "--by", "0006", actor="0001").exit_code == 0
    _refused(
        cli("motion", "edit", str(amendment["id"]), "--text", "Three.", "--reason", "More.", actor="0005"),
        "has been seconded",
        f"propose another amendment with: coop motion amend {kiln}",
    )
    # A motion with an amendment before it is no longer edited: the amendment proposes the wording.
    oven = _propose(cli, "1", "Repair the oven", by="0003")
    assert (
        cli("motion", "amend", str(oven), "--by", "0005", "--text", "Replace it.", actor="0001").exit_code
        == 0
    )
    _refused(
        cli("motion", "edit", str(oven), "--text", "Fix it.", "--reason", "Shorter.", actor="0003"),
        "already has amendments",
        f"coop motion amend {oven}",
    )
    monkeypatch.setenv("COOP_NOW", "2026-11-25T20:00")
    assert cli("assembly", "close", "1", actor="0001").exit_code == 0
    _refused(
        cli("motion", "edit", str(oven), "--text", "Fix it.", "--reason", "Shorter.", actor="0003"),
        "was closed",
    )
    out = tmp_path / "minutes.html"
    assert cli("minutes", "1", "--out", str(out)).exit_code == 0
    html = out.read_text(encoding="utf-8")
    assert "Buy the electric kiln for 2.4 million pesos." in html and "Buy the kiln." not in html
