"""The bylaws as a lawyer reads them: each rule cites an authority it has, in the cooperative's words.

A rule changed "by a motion" must cite a motion that the assembly adopted and that could change
the bylaws; a changed value never keeps an article that does not say it; what a person reads
(the table, the confirmation, the printed document) says each rule in words, in the cooperative's
language, while JSON keeps the stable keys and values scripts rely on.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from coop import db
from coop.assemblies.models import Motion
from coop.assemblies.motion_votes import close_motion_vote, enter_hand_count, open_motion_vote
from coop.assemblies.motions import propose_motion, second_motion
from coop.cli.main import app
from coop.members.actors import resolve_actor
from coop.members.cooperative import get_cooperative
from coop.votes.models import VoteMethod
from tests.factories.context import FIXED_NOW
from tests.factories.meetings import open_meeting
from tests.factories.programs import Cli


def _decided_motion(session: Session, assembly, kind: str, yes: int, no: int) -> Motion:  # type: ignore[no-untyped-def]
    secretary = resolve_actor(session, "0001")
    motion = propose_motion(
        session,
        actor=secretary,
        now=FIXED_NOW,
        assembly=assembly,
        title=f"Reforma {kind} {yes}-{no}",
        text="Texto de la reforma.",
        kind=kind,
        proposer="0003",
    )
    second_motion(session, actor=secretary, now=FIXED_NOW, motion=motion, seconder="0004")
    open_motion_vote(session, actor=secretary, now=FIXED_NOW, motion=motion, method=VoteMethod.show_of_hands)
    enter_hand_count(
        session, actor=secretary, now=FIXED_NOW, motion=motion, yes=yes, no=no, abstain=45 - yes - no
    )
    close_motion_vote(session, actor=secretary, now=FIXED_NOW, motion=motion)
    return motion


@pytest.fixture
def motions(db_url: str) -> dict[str, int]:
    """An assembly of 45 with motions in every state a secretary might wrongly cite."""
    with db.session_scope(db.engine_for(db_url)) as session:
        meeting = open_meeting(session, FIXED_NOW)
        meeting.attend(*range(1, 46))
        secretary, assembly = meeting.secretary, meeting.assembly
        adopted = _decided_motion(session, assembly, "bylaws_amendment", 40, 2)
        rejected = _decided_motion(session, assembly, "bylaws_amendment", 20, 20)
        ordinary = _decided_motion(session, assembly, "ordinary", 40, 2)
        undecided = propose_motion(
            session,
            actor=secretary,
            now=FIXED_NOW,
            assembly=assembly,
            title="Reforma sin votar",
            text="Texto.",
            kind="bylaws_amendment",
            proposer="0003",
        )
        session.flush()
        return {
            "adopted": adopted.id,
            "rejected": rejected.id,
            "ordinary": ordinary.id,
            "undecided": undecided.id,
        }


def _bylaw(cli: Cli, key: str) -> dict[str, object]:
    return {b["key"]: b for b in cli.json("bylaws", "show")}[key]


@pytest.mark.parametrize(
    ("which", "says"),
    [
        ("rejected", "was not adopted"),
        ("undecided", "has not been voted"),
        ("ordinary", "ordinary motion"),
    ],
)
def test_bylaw_set_refuses_a_motion_that_did_not_adopt_a_bylaws_amendment(
    db_url: str, motions: dict[str, int], which: str, says: str
) -> None:
    cli = Cli(db_url)
    before = _bylaw(cli, "quorum")
    result = cli("bylaws", "set", "quorum", "2/5", "--motion", str(motions[which]), actor="0001")
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    message = result.stderr.strip()
    assert message.startswith("Error: ") and len(message.splitlines()) == 1
    assert says in message
    assert _bylaw(cli, "quorum") == before  # nothing saved


def test_bylaw_set_by_an_adopted_amendment_names_it(db_url: str, motions: dict[str, int]) -> None:
    cli = Cli(db_url)
    result = cli(
        "bylaws", "set", "quorum", "2/5", "--article", "Estatuto, art. 32",
        "--motion", str(motions["adopted"]), actor="0001",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "Reforma bylaws_amendment 40-2" in result.stdout  # the confirmation names the motion
    shown = _bylaw(cli, "quorum")
    assert shown["value"] == "2/5" and shown["article"] == "Estatuto, art. 32"
    assert "Reforma bylaws_amendment 40-2" in str(shown["source"])
    log = cli.json("audit", "log")
    assert log[-1]["action"] == "coop.bylaw.changed"


def test_a_new_value_without_an_article_does_not_keep_the_old_one(cli: Cli) -> None:
    assert cli("member", "add", "Ana Núñez", "--number", "0001", "--role", "secretary").exit_code == 0
    assert cli("bylaws", "preset", "apply", "ar-ley-20337", actor="0001").exit_code == 0
    assert _bylaw(cli, "quorum")["article"] == "Ley 20.337, art. 49"
    result = cli("bylaws", "set", "quorum", "2/5", actor="0001")
    assert result.exit_code == 0, result.output
    assert "no article cited" in result.stdout
    assert _bylaw(cli, "quorum")["article"] is None  # art. 49 does not say 2/5
    assert "no article cited" in cli("bylaws", "show").stdout
    # The same value again, with no article given, keeps the article that does say it.
    assert (
        cli("bylaws", "set", "quorum", "1/3", "--article", "Estatuto, art. 32", actor="0001").exit_code == 0
    )
    assert cli("bylaws", "set", "quorum", "1/3", actor="0001").exit_code == 0
    assert _bylaw(cli, "quorum")["article"] == "Estatuto, art. 32"


def _spanish_cooperative(path: Path) -> Cli:
    runner = CliRunner()
    made = runner.invoke(app, ["--db", str(path), "init", "--name", "Cooperativa Núñez", "--language", "es"])
    assert made.exit_code == 0, made.output
    cli = Cli(db.resolve_url(str(path)))
    assert cli("member", "add", "Ana Núñez", "--number", "0001", "--role", "secretary").exit_code == 0
    # Applied by a secretary who reads messages in English: the record is still in Spanish.
    assert cli("--lang", "en", "bylaws", "preset", "apply", "ar-ley-20337", actor="0001").exit_code == 0
    return cli


def test_bylaws_document_says_each_rule_in_the_cooperative_words(tmp_path: Path) -> None:
    cli = _spanish_cooperative(tmp_path / "coop.db")
    out = tmp_path / "estatuto.html"
    printed = cli("--lang", "en", "bylaws", "print", "--out", str(out))
    assert printed.exit_code == 0, printed.output
    html = out.read_text(encoding="utf-8")
    typed_words = ("majority_present", "two_thirds_present", "chair_decides", "2 terms", "'majority'")
    for raw in (*typed_words, ">none<", ">yes<", ">no<", "preset ar-ley"):
        assert raw not in html, raw
    assert "mayoría de los asociados presentes" in html
    assert "sin límite de mandatos" in html
    assert "modelo ar-ley-20337" in html


def test_bylaws_show_table_in_words_json_stable(tmp_path: Path) -> None:
    cli = _spanish_cooperative(tmp_path / "coop.db")
    table = cli("bylaws", "show").stdout
    ordinary = next(line for line in table.splitlines() if line.startswith("threshold.ordinary "))
    value_and_article = ordinary.split("Mayoría requerida: moción ordinaria")[1].split("Regla de decisión")[0]
    # The value is in words; only the hint on how to type one (after the meaning) shows the words typed.
    assert "mayoría de los asociados presentes" in value_and_article
    assert "majority_present" not in value_and_article
    as_json = {b["key"]: b for b in cli.json("bylaws", "show")}
    assert as_json["threshold.ordinary"]["value"] == "majority_present"
    assert as_json["quorum.proxies_count"]["value"] == "no"


# --- coop init on an existing database changes nothing --------------------------------------------


def _init(path: Path, *args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(app, ["--db", str(path), "init", *args], env={"COOP_ACTOR": ""})


def _cooperative(path: Path) -> tuple[str, str]:
    with db.session_scope(db.engine_for(db.resolve_url(str(path)))) as session:
        cooperative = get_cooperative(session)
        return cooperative.name, cooperative.language


def test_init_again_keeps_the_language_and_name(tmp_path: Path) -> None:
    path = tmp_path / "coop.db"
    assert _init(path, "--name", "Cooperativa Zanón", "--language", "es").exit_code == 0
    again = _init(path, "--name", "Cooperativa Zanón")  # no --language: nothing asked to change
    assert again.exit_code == 0, again.output
    assert _cooperative(path) == ("Cooperativa Zanón", "es")
    bare = _init(path)  # on an existing database --name is not needed
    assert bare.exit_code == 0, bare.output
    assert _cooperative(path) == ("Cooperativa Zanón", "es")


@pytest.mark.parametrize(
    ("args", "points_to"),
    [
        (["--name", "Otra Cooperativa"], "coop cooperative rename"),
        (["--name", "Cooperativa Zanón", "--language", "en"], "coop cooperative language"),
    ],
)
def test_init_refuses_to_rename_or_change_language(tmp_path: Path, args: list[str], points_to: str) -> None:
    path = tmp_path / "coop.db"
    assert _init(path, "--name", "Cooperativa Zanón", "--language", "es").exit_code == 0
    result = _init(path, *args)
    assert result.exit_code == 1
    assert points_to in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert _cooperative(path) == ("Cooperativa Zanón", "es")


def test_rename_and_language_are_a_secretary_audited_act(tmp_path: Path) -> None:
    path = tmp_path / "coop.db"
    assert _init(path, "--name", "Cooperativa Zanón", "--language", "es").exit_code == 0
    cli = Cli(db.resolve_url(str(path)))
    assert cli("member", "add", "Ana Núñez", "--number", "0001", "--role", "secretary").exit_code == 0
    assert cli("member", "add", "Zofia Łukasiewicz", "--number", "0002", actor="0001").exit_code == 0
    refused = cli("--lang", "en", "cooperative", "rename", "FaSinPat", "--reason", "Asamblea 3", actor="0002")
    assert refused.exit_code == 1 and "secretary" in refused.stderr
    no_reason = cli("--lang", "en", "cooperative", "rename", "FaSinPat", actor="0001")
    assert no_reason.exit_code == 2
    renamed = cli(
        "--lang", "en", "cooperative", "rename", "FaSinPat", "--reason", "Acta de asamblea 3", actor="0001"
    )
    assert renamed.exit_code == 0, renamed.output
    assert cli("--lang", "en", "cooperative", "language", "en", actor="0001").exit_code == 0
    assert _cooperative(path) == ("FaSinPat", "en")
    bad = cli("cooperative", "language", "fr", actor="0001")
    assert bad.exit_code == 1 and "fr" in bad.stderr
    log = cli.json("audit", "log")
    renamed_event = [e for e in log if e["action"] == "coop.cooperative.renamed"]
    assert renamed_event and renamed_event[0]["actor"] == "Ana Núñez (#0001)"
    assert renamed_event[0]["data"]["reason"] == "Acta de asamblea 3"
    assert [e["actor"] for e in log if e["action"] == "coop.cooperative.language_changed"] == [
        "Ana Núñez (#0001)"
    ]


def test_init_refuses_a_language_coop_does_not_speak(tmp_path: Path) -> None:
    path = tmp_path / "coop.db"
    result = _init(path, "--name", "Cooperativa", "--language", "fr")
    assert result.exit_code == 1 and "fr" in result.stderr
    assert json.dumps(result.stderr).count("Traceback") == 0


def test_correcting_the_article_keeps_the_motion_that_adopted_the_value(
    db_url: str, motions: dict[str, int]
) -> None:
    cli = Cli(db_url)
    adopted = str(motions["adopted"])
    assert cli("bylaws", "set", "quorum", "2/5", "--motion", adopted, actor="0001").exit_code == 0
    assert (
        cli("bylaws", "set", "quorum", "2/5", "--article", "Estatuto, art. 32", actor="0001").exit_code == 0
    )
    shown = _bylaw(cli, "quorum")
    assert shown["article"] == "Estatuto, art. 32"
    assert "Reforma bylaws_amendment 40-2" in str(shown["source"])  # still the authority for 2/5


def test_demo_never_replaces_a_cooperative_database(tmp_path: Path) -> None:
    path = tmp_path / "coop.db"
    assert _init(path, "--name", "Cooperativa Zanón").exit_code == 0
    result = CliRunner().invoke(app, ["demo", "--dir", str(tmp_path)], env={"COOP_ACTOR": ""})
    assert result.exit_code == 1
    assert "holds the records of Cooperativa Zanón, not the demo" in result.stderr
    assert "--dir" in result.stderr and "Traceback" not in result.output
    assert _cooperative(path) == ("Cooperativa Zanón", "en")


def test_preset_adopted_by_motion_cites_it_and_refuses_a_rejected_one(
    db_url: str, motions: dict[str, int]
) -> None:
    cli = Cli(db_url)
    before = cli.json("bylaws", "show")
    refused = cli(
        "bylaws", "preset", "apply", "ar-ley-20337", "--motion", str(motions["rejected"]), actor="0001"
    )
    assert refused.exit_code == 1 and "was not adopted" in refused.stderr
    assert cli.json("bylaws", "show") == before  # nothing saved
    applied = cli(
        "bylaws", "preset", "apply", "ar-ley-20337", "--motion", str(motions["adopted"]), actor="0001"
    )
    assert applied.exit_code == 0, applied.output
    quorum = _bylaw(cli, "quorum.second_call_minutes")
    assert "ar-ley-20337" in str(quorum["source"]) and "Reforma bylaws_amendment 40-2" in str(
        quorum["source"]
    )


def test_preset_articles_are_stored_in_the_cooperative_language(tmp_path: Path) -> None:
    path = tmp_path / "coop.db"
    assert _init(path, "--name", "Cooperativa Zanón", "--language", "es").exit_code == 0
    cli = Cli(db.resolve_url(str(path)))
    assert cli("member", "add", "Ana Núñez", "--number", "0001", "--role", "secretary").exit_code == 0
    assert cli("--lang", "en", "bylaws", "preset", "apply", "robert", actor="0001").exit_code == 0
    second_call = _bylaw(cli, "quorum.second_call_minutes")
    assert second_call["article"] == "Robert's Rules of Order (sin segunda convocatoria)"
    assert second_call["source"] == "modelo robert"
