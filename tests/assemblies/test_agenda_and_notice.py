"""An assembly called before it opens: its agenda, its notice of meeting, minutes in the agenda's order."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.factories.programs import Cli


@pytest.fixture(autouse=True)
def _today(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every command runs on 25 November 2026 at 10:00 unless a test moves the clock."""
    monkeypatch.setenv("COOP_NOW", "2026-11-25T10:00")


def _call(cli: Cli, day: str = "2026-12-20", place: str = "Salón Güemes") -> None:
    """30 members, Ana Núñez (0001) the secretary; she calls assembly 1 for ``day`` at 18:00."""
    cli.add_members("Zofia Łukasiewicz", total=30, others="Socio Ibáñez {number}")
    called = cli(
        "assembly", "call", "--date", day, "--time", "18:00", "--place", place, "--chair", "0002",
        actor="0001",
    )  # fmt: skip
    assert called.exit_code == 0, called.output


def _agenda(cli: Cli, *titles: str) -> None:
    for title in titles:
        added = cli("assembly", "agenda", "add", "1", "--title", title, actor="0001")
        assert added.exit_code == 0, added.output


def _titles(cli: Cli) -> list[str]:
    return [item["title"] for item in cli.json("assembly", "agenda", "list", "1")]


def _open_in_one_step(cli: Cli) -> None:
    """Five members, and assembly 1 called and opened by one ``coop assembly open`` (no agenda)."""
    cli.add_members(total=5)
    cli.open_assembly()


def _one_sentence_error(result: object, *words: str) -> None:
    assert result.exit_code == 1  # type: ignore[attr-defined]
    said = result.stderr.strip()  # type: ignore[attr-defined]
    assert len(said.splitlines()) == 1 and "Traceback" not in result.output, said  # type: ignore[attr-defined]
    for word in words:
        assert word in said, said


def test_a_called_assembly_takes_its_agenda_and_opens_later(cli: Cli) -> None:
    _call(cli)
    assert cli.json("assembly", "list")[0]["status"] == "called"
    _one_sentence_error(
        cli("motion", "propose", "1", "--title", "Horno", "--text", "Comprar.", actor="0001"),
        "not open yet",
        "coop assembly open 1",
    )

    _agenda(cli, "Designation of two members to sign the minutes", "Purchase of a kiln")
    added = cli(
        "assembly", "agenda", "add", "1", "--title", "Amendment of article 32", "--kind", "bylaws-amendment",
        actor="0001",
    )  # fmt: skip
    assert "Added item 3 to the agenda of assembly 1: Amendment of article 32." in added.stdout
    moved = cli("assembly", "agenda", "move", "1", "3", "--to", "1", actor="0001")
    assert moved.exit_code == 0 and "Moved item 3 to 1: Amendment of article 32." in moved.stdout
    assert _titles(cli) == [
        "Amendment of article 32",
        "Designation of two members to sign the minutes",
        "Purchase of a kiln",
    ]
    assert [item["number"] for item in cli.json("assembly", "agenda", "list", "1")] == [1, 2, 3]
    assert cli("assembly", "agenda", "remove", "1", "2", actor="0001").exit_code == 0
    assert _titles(cli) == ["Amendment of article 32", "Purchase of a kiln"]
    _one_sentence_error(
        cli("assembly", "agenda", "move", "1", "5", "--to", "1", actor="0001"), "no agenda item 5", "1 to 2"
    )

    assert [item["title"] for item in cli.json("assembly", "show", "1")["agenda"]] == _titles(cli)
    _one_sentence_error(
        cli("minutes", "1", "--out", "acta.pdf"), "has not opened yet", "coop assembly notice 1"
    )
    _one_sentence_error(
        cli("assembly", "open", "1", "--date", "2026-12-21", actor="0001"), "open it without --date"
    )
    _one_sentence_error(cli("assembly", "open", actor="0001"), "--date", "--chair")
    opened = cli("assembly", "open", "1", actor="0001")
    assert opened.exit_code == 0, opened.output
    assert opened.stdout.startswith("Opened assembly 1: ordinary, 2026-12-20 18:00, Salón Güemes.")
    assert cli.json("assembly", "show", "1")["status"] == "open"
    _one_sentence_error(cli("assembly", "open", "1", actor="0001"), "already open")
    _one_sentence_error(
        cli("assembly", "agenda", "add", "1", "--title", "Late item", actor="0001"),
        "only before the assembly opens",
    )

    # Under item 1 the motion takes the kind the item names; a motion may also stand under no item.
    motion = cli.json(
        "motion", "propose", "1", "--item", "1", "--title", "Article 32", "--text", "New wording.",
        "--by", "0003", actor="0001",
    )  # fmt: skip
    assert motion["kind"] == "bylaws_amendment"
    assert cli("motion", "propose", "1", "--title", "Other", "--text", "Text.", actor="0001").exit_code == 0
    _one_sentence_error(
        cli("motion", "propose", "1", "--item", "7", "--title", "X", "--text", "Y.", actor="0001"),
        "no agenda item 7",
    )


def test_today_s_one_step_open_still_works(cli: Cli) -> None:
    _open_in_one_step(cli)
    assert cli.json("assembly", "show", "1")["status"] == "open"


def test_the_notice_in_spanish_lists_agenda_quorum_proxies_and_documents(cli: Cli, tmp_path: Path) -> None:
    from pypdf import PdfReader

    _call(cli)
    assert cli("cooperative", "language", "es", actor="0001").exit_code == 0
    assert cli("bylaws", "preset", "apply", "ar-ley-20337", actor="0001").exit_code == 0
    _agenda(cli, "Designación de dos asociados para firmar el acta", "Aprobación de la memoria y el balance")
    out = tmp_path / "convocatoria.pdf"
    printed = cli(
        "assembly", "notice", "1", "--out", str(out), "--documents-at", "Secretaría, de 8 a 16", actor="0001"
    )
    assert printed.exit_code == 0, printed.output
    assert printed.stderr == ""  # 25 days ahead: within the 15 days of art. 48
    assert f"Se escribió la convocatoria de la asamblea 1 en {out}." in printed.stdout
    text = "\n".join(page.extract_text() for page in PdfReader(out).pages)
    for expected in (
        "Convocatoria a asamblea ordinaria",
        "Se convoca a los asociados de Cooperativa de Prueba a la asamblea ordinaria que se realizará el "
        "20/12/2026 a las 18:00, en Salón Güemes.",
        "Primera convocatoria",
        "19:00, si no hay quórum en la primera convocatoria",
        "Orden del día",
        "Designación de dos asociados para firmar el acta",
        "Aprobación de la memoria y el balance",
        "Ley 20.337, art. 49",
        "Cartas poder",
        "Secretaría, de 8 a 16",
        "Zofia Łukasiewicz",
        "Emitida el 25/11/2026.",
        "Página 1 de",
    ):
        # Headings are printed in capitals, so the words are compared regardless of case.
        assert expected.casefold() in " ".join(text.split()).casefold(), expected
    assert text.index("Designación de dos") < text.index("Aprobación de la memoria")


def test_a_notice_printed_late_warns_and_still_prints(cli: Cli, tmp_path: Path) -> None:
    _call(cli, day="2026-12-01")  # six days after today (2026-11-25)
    out = tmp_path / "notice.pdf"
    printed = cli("assembly", "notice", "1", "--out", str(out))
    assert printed.exit_code == 0, printed.output
    assert out.exists()
    assert printed.stderr.strip() == (
        "Warning: This notice is printed 6 days before assembly 1, but the bylaws ask for 15 (notice.days); "
        "publish it anyway and record why."
    )
    assert cli("bylaws", "set", "notice.days", "5", actor="0001").exit_code == 0
    on_time = cli("assembly", "notice", "1", "--out", str(out), "--force")  # printed again over it
    assert on_time.exit_code == 0 and on_time.stderr == ""


def test_a_motion_under_an_item_of_an_assembly_without_agenda_is_refused(cli: Cli) -> None:
    _open_in_one_step(cli)
    _one_sentence_error(
        cli("motion", "propose", "1", "--item", "1", "--title", "X", "--text", "Y.", actor="0001"),
        "has no agenda; propose the motion without --item",
    )


def test_minutes_follow_the_agenda_and_say_what_was_not_reached_or_postponed(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COOP_NOW", "2026-11-05T10:00")
    _call(cli, day="2026-11-25")
    _agenda(cli, "Designation of two members to sign", "Purchase of a kiln", "Amendment of article 32")
    monkeypatch.setenv("COOP_NOW", "2026-11-25T18:05")
    assert cli("assembly", "open", "1", actor="0001").exit_code == 0
    assert cli("assembly", "attend", "1", *[f"{n:04d}" for n in range(1, 21)], actor="0001").exit_code == 0

    def propose(item: str | None, title: str) -> None:
        where = ["--item", item] if item else []
        proposed = cli(
            "motion",
            "propose",
            "1",
            *where,
            "--title",
            title,
            "--text",
            f"{title}.",
            "--by",
            "0003",
            actor="0001",
        )
        assert proposed.exit_code == 0, proposed.output

    propose("3", "New article 32")  # motion 1: postponed
    assert cli("motion", "second", "1", "--by", "0004", actor="0001").exit_code == 0
    assert cli("motion", "postpone", "1", actor="0001").exit_code == 0
    propose("2", "Buy the kiln")  # motion 2: adopted
    assert cli("motion", "second", "2", "--by", "0004", actor="0001").exit_code == 0
    assert cli("motion", "open-vote", "2", "--method", "show-of-hands", actor="0001").exit_code == 0
    assert cli("motion", "hand-count", "2", "--yes", "15", "--no", "3", actor="0001").exit_code == 0
    assert cli("motion", "close", "2", actor="0001").exit_code == 0
    propose(None, "Thanks to the kiln crew")  # motion 3: under no item
    monkeypatch.setenv("COOP_NOW", "2026-11-25T20:00")
    assert cli("assembly", "close", "1", actor="0001").exit_code == 0

    out = tmp_path / "minutes.html"
    assert cli("minutes", "1", "--out", str(out)).exit_code == 0
    html = out.read_text(encoding="utf-8")
    order = [
        "Item 1: Designation of two members to sign",
        "This item was not reached.",
        "Item 2: Purchase of a kiln",
        "Motion 2: Buy the kiln",
        "Item 3: Amendment of article 32",
        "Motion 1: New article 32",
        "This item was postponed.",
        "Other motions",
        "Motion 3: Thanks to the kiln crew",
    ]
    positions = [html.index(words) for words in order]
    assert positions == sorted(positions), list(zip(order, positions, strict=True))
    item_2 = html[html.index("Item 2:") : html.index("Item 3:")]
    assert "This item was" not in item_2  # its motion was decided
