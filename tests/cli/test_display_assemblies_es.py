"""Assemblies, motions, elections and ballots as a Spanish-speaking secretary reads them: every
value of a table or a show is a translated label (no stored English value, no raw JSON key), while
``--format json`` keeps the stored English keys and values that scripts rely on.
"""

from __future__ import annotations

import json
import re
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from coop import db
from coop.demo import build_demo, demo_database_path
from tests.factories.context import FIXED_NOW
from tests.factories.meetings import open_meeting, secret_motion
from tests.factories.programs import Cli

# The stored English values of this domain's enums and the raw JSON keys of its views: none may
# reach a person reading Spanish. (Words that are also Spanish, such as "no", are left out.)
ENGLISH_WORDS = (
    # assemblies, minutes, motions, objections, elections, votes, ballots
    "ordinary", "extraordinary", "open", "closed", "draft", "approved",
    "proposed", "seconded", "postponed", "voting", "adopted", "rejected", "withdrawn", "resolved",
    "yes_no", "ranked", "roll_call", "secret", "show_of_hands", "consent", "abstain",
    "entered", "accepted", "discarded", "issued", "used", "cancelled",
    # motion kinds, decision rules and what they are measured against, next steps
    "amendment", "bylaws_amendment", "minutes_approval", "plan_approval",
    "majority_cast", "votes_cast", "objections", "present", "members",
    "second", "amend", "withdraw", "postpone", "resume", "open-vote", "close",
    # election and round words
    "elected", "eliminated", "continuing", "file",
    # headings left in English, raw keys
    "status", "kind", "title", "proposer", "seconder", "method", "rule", "quorum", "explanation",
    "called_for", "second_call_at", "closed_at", "proxies_in_force", "attended", "assembly_id",
    "final_text", "amendment_of", "next_steps", "basis", "basis_count", "proxies_counted",
    "at_second_call", "required", "ballots_cast", "eligible", "winners", "result_hash",
    "vote_id", "reference", "uses_codes", "slips_issued", "codes_printed", "codes_used",
    "codes_cancelled", "spares_left", "paper_ballots", "paper_batches_pending", "ballots_digest",
    "count", "blank", "invalid", "codes_unused", "codes_cancelled_lost", "codes_cancelled_paper",
    "ballots_by_code", "paper_batches_accepted", "took_part_without_code", "problems", "balanced",
    "batch", "tellers", "mismatches", "entries", "agree", "position",
)  # fmt: skip
ENGLISH = re.compile(r"(?<![\w-])(" + "|".join(re.escape(w) for w in ENGLISH_WORDS) + r")(?![\w-])", re.I)

# Every listing and show of the domain on the demo cooperative, and what its JSON must keep.
SHOWN = (
    ("assembly", "list"),
    ("assembly", "show", "1"),
    ("assembly", "show", "2"),
    ("assembly", "quorum", "1"),
    ("assembly", "quorum", "2"),
    ("motion", "list", "1"),
    ("motion", "list", "2"),
    *(("motion", "show", str(motion)) for motion in range(1, 7)),
    ("election", "list"),
    ("election", "show", "1"),
    ("election", "results", "1"),
    ("ballot", "show", "motion:4"),
    ("ballot", "show", "election:1"),
    ("ballot", "reconcile", "motion:4"),
    ("ballot", "reconcile", "election:1"),
    ("ballot", "paper", "list", "motion:4"),
)


def english_words(text: str) -> list[str]:
    return ENGLISH.findall(text)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Cli:
    folder = tmp_path_factory.mktemp("demo")
    build_demo(folder, now=FIXED_NOW)
    return Cli(f"sqlite:///{demo_database_path(folder)}")


def _run(cli: Cli, language: str, *args: str, expect: int = 0) -> str:
    """What ``coop --lang LANGUAGE ARGS`` prints on the database of ``cli``."""
    from coop.cli.main import app

    result = cli.runner.invoke(app, ["--db", cli.url, "--lang", language, *args], env={"COOP_ACTOR": ""})
    assert result.exit_code == expect, result.output + (result.stderr or "")
    return result.stdout


@pytest.mark.parametrize("args", SHOWN, ids=" ".join)
def test_tables_and_shows_read_in_spanish(demo: Cli, args: tuple[str, ...]) -> None:
    text = _run(demo, "es", *args)
    assert text.strip()
    assert english_words(text) == [], text


def test_assembly_show_names_who_is_present_and_its_motions_in_words(demo: Cli) -> None:
    closed = _run(demo, "es", "assembly", "show", "1")
    assert re.search(r"^Estado\s+cerrada$", closed, re.M) and re.search(r"^Acta\s+aprobada$", closed, re.M)
    assert "Título: Reforma del artículo 34; Estado: no aprobada" in closed
    open_ = _run(demo, "es", "assembly", "show", "2")
    assert re.search(r"^Presentes ahora\s+Ana Núñez \(#0001\), Zofia Łukasiewicz \(#0002\)", open_, re.M)
    english = _run(demo, "en", "assembly", "show", "1")
    assert re.search(r"^Status\s+closed$", english, re.M)


def test_motion_show_prints_labels_under_spanish_headings(demo: Cli) -> None:
    shown = _run(demo, "es", "motion", "show", "1")
    for line in (
        r"^Tipo\s+moción ordinaria$",
        r"^Estado\s+aprobada$",
        r"^  Método\s+votación nominal$",
        r"^  Regla de decisión\s+mayoría simple de los votos emitidos$",
        r"^  Se mide sobre\s+votos emitidos$",
        r"^    Hay quórum\s+sí$",
    ):
        assert re.search(line, shown, re.M), (line, shown)
    consent = _run(demo, "es", "motion", "show", "3")
    assert "Estado: resuelta" in consent and re.search(
        r"^  Se mide sobre\s+objeciones planteadas$", consent, re.M
    )
    # In English the label may differ from the stored value: "roll call", not roll_call.
    assert re.search(r"^  Method\s+roll call$", _run(demo, "en", "motion", "show", "1"), re.M)


def test_listings_print_labels_in_spanish(demo: Cli) -> None:
    motions = _run(demo, "es", "motion", "list", "1")
    assert "decisión por consentimiento" in motions and "reforma del estatuto" in motions
    elections = _run(demo, "es", "election", "list")
    assert "voto único transferible (stv-droop)" in elections and "cerrada" in elections
    results = _run(demo, "es", "election", "results", "1")
    assert re.search(r"^1\s+9,5001\s", results, re.M)  # the threshold with a decimal comma
    box = _run(demo, "es", "ballot", "show", "motion:4")
    assert re.search(r"^Tipo\s+sí o no$", box, re.M) and re.search(r"^  A favor\s+24$", box, re.M)


def _keys(data: Any) -> Any:
    """The shape of a JSON document: its keys, nested, without the values."""
    if isinstance(data, dict):
        return {key: _keys(value) for key, value in data.items()}
    if isinstance(data, list):
        return [_keys(item) for item in data[:1]]
    return None


def test_json_keeps_stored_english_keys_and_values(demo: Cli) -> None:
    motion = json.loads(_run(demo, "es", "motion", "show", "1", "--format", "json"))
    assert list(motion) == [
        "id", "assembly_id", "position", "kind", "title", "text", "final_text", "proposer", "seconder",
        "status", "amendment_of", "vote", "objections", "next_steps",
    ]  # fmt: skip
    assert (motion["kind"], motion["status"], motion["next_steps"]) == ("ordinary", "adopted", [])
    vote = motion["vote"]
    assert (vote["method"], vote["status"], vote["rule"], vote["basis"]) == (
        "roll_call", "closed", "majority_cast", "votes_cast",
    )  # fmt: skip
    assert vote["quorum"] == {
        "present": 44, "proxies": 1, "proxies_counted": False, "required": 30, "met": True,
        "at_second_call": False,
    }  # fmt: skip
    consent = json.loads(_run(demo, "es", "motion", "show", "3", "--format", "json"))
    assert consent["objections"][0]["status"] == "resolved" and consent["vote"]["basis"] == "objections"

    assembly = json.loads(_run(demo, "es", "assembly", "show", "1", "--format", "json"))
    assert _keys(assembly) == {
        "id": None, "kind": None, "called_for": None, "place": None, "chair": None, "secretary": None,
        "status": None, "second_call_at": None, "closed_at": None, "minutes": None, "present": [],
        "attended": None, "proxies_in_force": [], "quorum": None,
        "motions": [{"id": None, "position": None, "title": None, "status": None}], "agenda": [],
    }  # fmt: skip
    assert (assembly["kind"], assembly["status"], assembly["minutes"]) == ("ordinary", "closed", "approved")
    assert assembly["motions"][3]["status"] == "rejected"
    listed = json.loads(_run(demo, "es", "assembly", "list", "--format", "json"))
    assert [row["status"] for row in listed] == ["closed", "open"]

    election = json.loads(_run(demo, "es", "election", "show", "1", "--format", "json"))
    assert (election["rules"], election["status"]) == ("stv-droop", "closed")
    results = json.loads(_run(demo, "es", "election", "results", "1", "--format", "json"))
    assert results["rounds"][0]["threshold"] == "9.5001"

    box = json.loads(_run(demo, "es", "ballot", "show", "motion:4", "--format", "json"))
    assert (box["kind"], box["status"]) == ("yes_no", "closed")
    assert list(box["count"]) == ["abstain", "invalid", "no", "yes"]
    ranked = json.loads(_run(demo, "es", "ballot", "show", "election:1", "--format", "json"))
    assert list(ranked["count"]) == ["blank", "invalid", "ranked"]
    reconciled = json.loads(_run(demo, "es", "ballot", "reconcile", "motion:4", "--format", "json"))
    assert list(reconciled) == [
        "vote_id", "eligible", "slips_issued", "codes_printed", "codes_used", "codes_unused",
        "codes_cancelled_lost", "codes_cancelled_paper", "spares_left", "slips_returned",
        "slips_unaccounted", "slips_contradicted", "ballots", "ballots_by_code",
        "paper_ballots", "paper_batches_accepted", "paper_batches_pending", "took_part_without_code",
        "problems", "balanced",
    ]  # fmt: skip
    assert reconciled["paper_batches_pending"] == [] and reconciled["balanced"] is True


@pytest.fixture
def paper_cli(db_url: str, now: datetime) -> Cli:
    """An open assembly (a proxy held by 0003 for 0040) and its motion 1 open for a secret vote."""
    with db.session_scope(db.engine_for(db_url)) as session:
        secret_motion(open_meeting(session, now), present=range(1, 31), proxies=[(40, 3)])
    return Cli(db_url)


def test_an_open_assembly_and_its_vote_read_in_spanish(paper_cli: Cli) -> None:
    assembly = _run(paper_cli, "es", "assembly", "show", "1")
    assert (
        "Cartas poder vigentes:\n  - Otorgada por: Socio 0040 (#0040); Apoderado: Socio 0003 (#0003)"
        in assembly
    )
    assert re.search(r"^Estado\s+abierta$", assembly, re.M) and english_words(assembly) == []
    motion = _run(paper_cli, "es", "motion", "show", "1")
    assert re.search(
        r"^Pasos posibles\s+registrar votos, plantear una objeción, cerrar la votación$", motion, re.M
    )
    assert re.search(r"^  Método\s+voto secreto$", motion, re.M) and english_words(motion) == []
    shown = json.loads(_run(paper_cli, "es", "motion", "show", "1", "--format", "json"))
    assert shown["next_steps"] == ["vote", "object", "close"] and shown["vote"]["method"] == "secret"


def test_paper_batches_read_in_spanish(paper_cli: Cli, tmp_path: Path) -> None:
    cli = paper_cli
    first, second = tmp_path / "a.csv", tmp_path / "b.csv"
    first.write_text("yes\nno\nabstain\n", encoding="utf-8")
    second.write_text("yes\nyes\nabstain\n", encoding="utf-8")
    for teller, path in (("0011", first), ("0012", second)):
        entered = cli(
            "ballot", "paper", "enter", "1", str(path), "--batch", "1", "--teller", teller, actor=teller
        )
        assert entered.exit_code == 0, entered.output
    listed = _run(cli, "es", "ballot", "paper", "list", "1")
    assert re.search(r"^Lote\s+Estado\s+Escrutadores", listed, re.M)
    assert re.search(r"^1\s+en carga\s", listed, re.M) and english_words(listed) == []
    compared = _run(cli, "es", "ballot", "paper", "compare", "1", "--batch", "1", expect=1)
    assert re.search(r"^Posición\s", compared, re.M) and re.search(r"^2\s+no\s+sí$", compared, re.M)
    assert (
        json.loads(_run(cli, "es", "ballot", "paper", "list", "1", "--format", "json"))[0]["status"]
        == "entered"
    )


def test_votes_tabulate_prints_shares_and_counts_with_a_decimal_comma(tmp_path: Path) -> None:
    ballots = tmp_path / "ballots.blt"
    ballots.write_text(
        '3 1\n1 1 0\n1 1 0\n1 2 0\n1 3 0\n0\n"Ana"\n"Raúl"\n"Inés"\n"Prueba"\n', encoding="utf-8"
    )
    from typer.testing import CliRunner

    from coop.cli.main import app

    result = CliRunner().invoke(app, ["--lang", "es", "votes", "tabulate", str(ballots)])
    assert result.exit_code == 0, result.output
    assert "50,0 %" in result.stdout and "25,0 %" in result.stdout and "50.0" not in result.stdout
