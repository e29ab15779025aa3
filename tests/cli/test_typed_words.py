"""Words an operator types for a stored value (a vote's method, a choice, a kind, a role), in Spanish
as in English, with or without accents; refusals and help list the words in the operator's language."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result
from sqlalchemy.orm import Session

from coop import db
from coop.cli.words import listing
from tests.factories.context import FIXED_NOW
from tests.factories.keys import key_input, key_options
from tests.factories.meetings import open_meeting, secret_motion
from tests.factories.programs import Cli
from tests.factories.training import build_plant

# --- databases built once per module, copied for each test -----------------------------------------


def _build(
    factory: pytest.TempPathFactory, template: Path, build: Callable[[Session], Any]
) -> tuple[Path, Any]:
    path = factory.mktemp("built") / "coop.db"
    shutil.copyfile(template, path)
    engine = db.engine_for(db.resolve_url(str(path)))
    with db.session_scope(engine) as session:
        made = build(session)
    engine.dispose()  # folds the WAL into the file that each test copies
    return path, made


def _seconded_motion(session: Session) -> None:
    """Twelve members present; motion 1 proposed and seconded, its vote not open yet."""
    meeting = open_meeting(session, FIXED_NOW, size=12)
    meeting.attend(*range(1, 13))
    meeting.motion("Comprar un horno")


def _roll_call(session: Session) -> None:
    """As :func:`_seconded_motion`, with motion 1's roll-call vote open."""
    meeting = open_meeting(session, FIXED_NOW, size=12)
    meeting.attend(*range(1, 13))
    meeting.open_vote(meeting.motion("Comprar un horno"))


def _secret_codes(session: Session) -> list[str]:
    """Motion 1 open for a secret vote, with the codes of its slips."""
    motion = secret_motion(open_meeting(session, FIXED_NOW, size=12), present=range(1, 13))
    return [slip.code for slip in motion.issue().slips]


@pytest.fixture(scope="module")
def seconded_db(tmp_path_factory: pytest.TempPathFactory, sqlite_template: Path) -> Path:
    return _build(tmp_path_factory, sqlite_template, _seconded_motion)[0]


@pytest.fixture(scope="module")
def roll_call_db(tmp_path_factory: pytest.TempPathFactory, sqlite_template: Path) -> Path:
    return _build(tmp_path_factory, sqlite_template, _roll_call)[0]


@pytest.fixture(scope="module")
def secret_db(tmp_path_factory: pytest.TempPathFactory, sqlite_template: Path) -> tuple[Path, list[str]]:
    return _build(tmp_path_factory, sqlite_template, _secret_codes)


@pytest.fixture(scope="module")
def plant_db(tmp_path_factory: pytest.TempPathFactory, sqlite_template: Path) -> Path:
    """The training plant: 0001 secretary, 0002 and 0003 trainers, skill SEG-EPP; no assembly."""
    return _build(tmp_path_factory, sqlite_template, lambda session: build_plant(session, FIXED_NOW))[0]


@pytest.fixture
def copy_of(tmp_path: Path) -> Iterator[Callable[[Path], Cli]]:
    urls: list[str] = []

    def copy(built: Path) -> Cli:
        path = tmp_path / f"copy{len(urls)}.db"
        shutil.copyfile(built, path)
        urls.append(db.resolve_url(str(path)))
        return Cli(urls[-1])

    yield copy
    for url in urls:
        db.engine_for(url).dispose()


def _ok(result: Result) -> Result:
    assert result.exit_code == 0, result.output + (result.stderr or "")
    return result


def _refused(result: Result) -> str:
    """The one sentence a refusal prints, without its ``Error:`` prefix."""
    assert result.exit_code == 1, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr, result.stderr
    return lines[0].split(": ", 1)[1]


def _lang(language: str) -> list[str]:
    return ["--lang", language]


# --- accepted in either language -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "typed", "stored"),
    [
        ("es", "secreta", "secret"),
        ("es", "a-mano-alzada", "show_of_hands"),
        ("es", "A mano alzada", "show_of_hands"),
        ("es", "nominal", "roll_call"),
        ("es", "votación nominal", "roll_call"),
        ("es", "votacion nominal", "roll_call"),
        ("es", "roll-call", "roll_call"),
        ("en", "roll-call", "roll_call"),
        ("en", "show-of-hands", "show_of_hands"),
        ("en", "secret", "secret"),
        ("en", "Secreta", "secret"),
    ],
)
def test_motion_open_vote_takes_the_method_in_either_language(
    copy_of: Callable[[Path], Cli], seconded_db: Path, language: str, typed: str, stored: str
) -> None:
    cli = copy_of(seconded_db)
    _ok(cli(*_lang(language), "motion", "open-vote", "1", "--method", typed, actor="0001"))
    assert cli.json("motion", "show", "1")["vote"]["method"] == stored


@pytest.mark.parametrize(
    ("language", "typed", "stored"),
    [
        ("es", "aprobación-de-plan", "plan_approval"),
        ("es", "aprobacion de plan", "plan_approval"),
        ("es", "Reforma del estatuto", "bylaws_amendment"),
        ("es", "fusión", "merger"),
        ("es", "ordinaria", "ordinary"),
        ("en", "plan-approval", "plan_approval"),
        ("en", "bylaws_amendment", "bylaws_amendment"),
        ("en", "disolución", "dissolution"),
    ],
)
def test_motion_propose_takes_the_kind_in_either_language(
    copy_of: Callable[[Path], Cli], seconded_db: Path, language: str, typed: str, stored: str
) -> None:
    cli = copy_of(seconded_db)
    text = ["--title", "Plan", "--text", "Aprobar el plan.", "--by", "0003"]
    proposed = cli.json(*_lang(language), "motion", "propose", "1", *text, "--kind", typed, actor="0001")
    assert cli.json("motion", "show", str(proposed["id"]))["kind"] == stored


@pytest.mark.parametrize(
    ("language", "typed", "stored"),
    [
        ("es", "sí", "yes"),
        ("es", "si", "yes"),
        ("es", "SÍ", "yes"),
        ("es", "no", "no"),
        ("es", "abstención", "abstain"),
        ("es", "abstencion", "abstain"),
        ("es", "yes", "yes"),
        ("en", "yes", "yes"),
        ("en", "y", "yes"),
        ("en", "against", "no"),
        ("en", "abstain", "abstain"),
        ("en", "sí", "yes"),
    ],
)
def test_motion_vote_takes_the_choice_in_either_language(
    copy_of: Callable[[Path], Cli], roll_call_db: Path, language: str, typed: str, stored: str
) -> None:
    cli = copy_of(roll_call_db)
    _ok(cli(*_lang(language), "motion", "vote", "1", typed, "--member", "0005", actor="0001"))
    # the counts are shown once the vote is closed
    _ok(cli("motion", "close", "1", *key_options(), actor="0001", input=key_input()))
    counts = cli.json("motion", "show", "1")["vote"]
    assert {choice: counts[choice] for choice in ("yes", "no", "abstain")} == {
        choice: int(choice == stored) for choice in ("yes", "no", "abstain")
    }


def test_ballot_cast_takes_the_choices_in_spanish_with_or_without_accents(
    copy_of: Callable[[Path], Cli], secret_db: tuple[Path, list[str]]
) -> None:
    built, codes = secret_db
    cli = copy_of(built)
    for index, (code, typed) in enumerate(
        zip(codes, ["sí", "Si", "no", "abstención", "abstencion", "yes"], strict=False)
    ):
        vote = "moción:1" if index % 2 else "motion:1"  # the vote named in either language, too
        _ok(cli(*_lang("es"), "ballot", "cast", vote, "--code", code, typed))
    _ok(cli("ballot", "returned", "motion:1", f"7-{len(codes)}", actor="0001"))  # the slips held unused
    _ok(cli("motion", "close", "1", "--confirm-empty", *key_options(), actor="0001", input=key_input()))
    counts = cli.json("motion", "show", "1")["vote"]
    assert (counts["yes"], counts["no"], counts["abstain"]) == (3, 1, 2)


OPEN_ASSEMBLY = ["assembly", "open", "--date", "2026-11-25", "--time", "18:00", "--place", "Comedor"]
OPEN_ASSEMBLY += ["--chair", "0002", "--secretary", "0001"]


@pytest.mark.parametrize(
    ("language", "typed", "stored"),
    [
        ("es", "extraordinaria", "extraordinary"),
        ("es", "Ordinaria", "ordinary"),
        ("es", "extraordinary", "extraordinary"),
        ("en", "extraordinary", "extraordinary"),
        ("en", "extraordinaria", "extraordinary"),
    ],
)
def test_assembly_open_takes_the_kind_in_either_language(
    copy_of: Callable[[Path], Cli], plant_db: Path, language: str, typed: str, stored: str
) -> None:
    cli = copy_of(plant_db)
    _ok(cli(*_lang(language), *OPEN_ASSEMBLY, "--kind", typed, actor="0001"))
    assert cli.json("assembly", "show", "1")["kind"] == stored


@pytest.mark.parametrize(
    ("language", "typed", "stored"),
    [
        ("es", "teoría", "theory"),
        ("es", "teoria", "theory"),
        ("es", "Acompañamiento", "shadowing"),
        ("es", "examen", "exam"),
        ("en", "shadowing", "shadowing"),
        ("en", "práctica", "practice"),
    ],
)
def test_training_log_takes_the_kind_of_session_in_either_language(
    copy_of: Callable[[Path], Cli], plant_db: Path, language: str, typed: str, stored: str
) -> None:
    cli = copy_of(plant_db)
    _ok(cli(*_lang(language), "training", "log", "SEG-EPP", "--hours", "2", "--kind", typed, actor="0002"))
    assert [row["kind"] for row in cli.json("training", "list")] == [stored]


def test_training_log_by_default_is_practice_in_spanish_too(
    copy_of: Callable[[Path], Cli], plant_db: Path
) -> None:
    cli = copy_of(plant_db)
    _ok(cli(*_lang("es"), "training", "log", "SEG-EPP", "--hours", "2", actor="0002"))
    assert [row["kind"] for row in cli.json("training", "list")] == ["practice"]


@pytest.mark.parametrize(
    ("language", "typed", "level"),
    [
        ("es", "autónomo", 3),
        ("es", "Autonomo", 3),
        ("es", "supervisado", 1),
        ("es", "3", 3),
        ("en", "independent", 3),
        ("en", "can train", 4),
        ("en", "opera", 2),
    ],
)
def test_training_assess_takes_the_level_by_number_or_name_in_either_language(
    copy_of: Callable[[Path], Cli], plant_db: Path, language: str, typed: str, level: int
) -> None:
    cli = copy_of(plant_db)
    _ok(cli(*_lang(language), "training", "assess", "0004", "SEG-EPP", typed, actor="0002"))
    skills = cli.json("member", "show", "0004")["skills"]
    assert [(row["skill"], row["level"]) for row in skills] == [("SEG-EPP", level)]


@pytest.mark.parametrize(
    ("language", "typed", "stored"),
    [
        ("es", "capacitador", "trainer"),
        ("es", "Coordinador", "coordinator"),
        ("es", "secretario", "secretary"),
        ("en", "coordinator", "coordinator"),
        ("en", "capacitador", "trainer"),
    ],
)
def test_member_role_grant_revoke_and_list_take_the_role_in_either_language(
    copy_of: Callable[[Path], Cli], plant_db: Path, language: str, typed: str, stored: str
) -> None:
    cli = copy_of(plant_db)
    _ok(cli(*_lang(language), "member", "role", "grant", "0004", typed, actor="0001"))
    assert stored in cli.json("member", "show", "0004")["roles"]
    holders = [row["number"] for row in cli.json(*_lang(language), "member", "list", "--role", typed)]
    assert "0004" in holders
    _ok(cli(*_lang(language), "member", "role", "revoke", "0004", typed, actor="0001"))
    assert stored not in cli.json("member", "show", "0004")["roles"]


@pytest.mark.parametrize(
    ("language", "typed", "stored"),
    [
        ("es", "tesorero", "treasurer"),
        ("es", "síndico", "auditor"),
        ("es", "sindico", "auditor"),
        ("es", "coordinador-de-sección", "section_coordinator"),
        ("es", "coordinador de seccion", "section_coordinator"),
        ("en", "section-coordinator", "section_coordinator"),
        ("en", "section_coordinator", "section_coordinator"),
        ("en", "presidente", "president"),
    ],
)
def test_rotation_record_takes_the_role_in_either_language(
    copy_of: Callable[[Path], Cli], plant_db: Path, language: str, typed: str, stored: str
) -> None:
    cli = copy_of(plant_db)
    section = ["--section", "Hornos"] if stored == "section_coordinator" else []
    _ok(
        cli(
            *_lang(language),
            "rotation",
            "record",
            typed,
            "0004",
            "--start",
            "2024-03-01",
            *section,
            actor="0001",
        )
    )
    assert [row["role"] for row in cli.json("rotation", "list", "--role", typed)] == [stored]


# --- refused in the operator's language, with the words to type instead -------------------------

REFUSALS = [
    (
        "seconded",
        ["motion", "open-vote", "1", "--method", "secretísima"],
        "'secretísima' is not a way of voting; use roll-call, secret, show-of-hands or consent.",
        "'secretísima' no es una forma de votar; use nominal, secreta, a-mano-alzada o consentimiento.",
    ),
    (
        "seconded",
        ["motion", "propose", "1", "--title", "Plan", "--text", "Aprobar.", "--kind", "enmienda"],
        "'enmienda' is not a kind of motion; use ordinary, minutes-approval, plan-approval, training-plan, "
        "master-scenario, bylaws-amendment, close-debate, suspend-rules, object-change, merger, dissolution "
        "or consent.",
        "'enmienda' no es un tipo de moción; use ordinaria, aprobación-de-acta, aprobación-de-plan, "
        "plan-de-capacitación, escenario-plan-maestro, reforma-del-estatuto, cierre-del-debate, "
        "suspensión-del-reglamento, "
        "cambio-de-objeto, fusión, disolución o consentimiento.",
    ),
    (
        "roll_call",
        ["motion", "vote", "1", "tal vez", "--member", "0005"],
        "'tal vez' is not a choice; vote yes, no or abstain.",
        "'tal vez' no es una opción; vote sí, no o abstención.",
    ),
    (
        "plant",
        [*OPEN_ASSEMBLY, "--kind", "anual"],
        "'anual' is not a kind of assembly; use ordinary or extraordinary.",
        "'anual' no es un carácter de asamblea; use ordinaria o extraordinaria.",
    ),
    (
        "plant",
        ["training", "log", "SEG-EPP", "--hours", "2", "--kind", "charla"],
        "'charla' is not a kind of session; use theory, practice, shadowing or exam.",
        "'charla' no es un tipo de sesión; use teoría, práctica, acompañamiento o examen.",
    ),
    (
        "plant",
        ["training", "assess", "0004", "SEG-EPP", "experto"],
        "'experto' is not a skill level; use a number from 0 to 4 (0 none, 1 supervised, 2 operates, "
        "3 independent, 4 can train).",
        "'experto' no es un nivel de competencia; use un número de 0 a 4 (0 ninguno, 1 supervisado, 2 opera, "
        "3 autónomo, 4 puede capacitar).",
    ),
    (
        "plant",
        ["member", "role", "grant", "0004", "jefe"],
        "'jefe' is not a role; use member, coordinator, trainer, secretary or teller.",
        "'jefe' no es un rol; use asociado, coordinador, capacitador, secretario o escrutador.",
    ),
    (
        "plant",
        ["rotation", "record", "jefe", "0004", "--start", "2024-03-01"],
        "'jefe' is not a rotating role; use coordinator, section-coordinator, president, secretary, "
        "treasurer or auditor.",
        "'jefe' no es un rol rotativo; use coordinador, coordinador-de-sección, presidente, secretario, "
        "tesorero o síndico.",
    ),
]


@pytest.mark.parametrize(
    ("built", "args", "english", "spanish"),
    REFUSALS,
    ids=lambda v: v if isinstance(v, str) and " " not in v else None,
)
def test_an_unknown_word_is_refused_with_the_words_of_the_operators_language(
    request: pytest.FixtureRequest,
    copy_of: Callable[[Path], Cli],
    built: str,
    args: list[str],
    english: str,
    spanish: str,
) -> None:
    cli = copy_of(request.getfixturevalue(f"{built}_db"))
    actor = "0002" if args[0] == "training" else "0001"
    assert _refused(cli(*_lang("en"), *args, actor=actor)) == english
    assert _refused(cli(*_lang("es"), *args, actor=actor)) == spanish


def test_ballot_cast_refuses_a_choice_in_the_voters_language(
    copy_of: Callable[[Path], Cli], secret_db: tuple[Path, list[str]]
) -> None:
    built, codes = secret_db
    cli = copy_of(built)
    refused = _refused(cli(*_lang("es"), "ballot", "cast", "motion:1", "--code", codes[0], "quizás"))
    assert refused == "'quizás' no es una opción; vote sí, no o abstención."


# --- help lists the words in the operator's language -------------------------------------------

HELP = [
    (
        ["motion", "open-vote"],
        "How the vote is taken: roll-call, secret, show-of-hands or consent",
        "Cómo se vota: nominal, secreta, a-mano-alzada o consentimiento",
    ),
    (
        ["motion", "propose"],
        "Kind of motion (its decision rule comes from the bylaws): ordinary, minutes-approval,",
        "Tipo de moción (su regla de decisión sale del estatuto): ordinaria, aprobación-de-acta,",
    ),
    (
        ["assembly", "open"],
        "Kind of assembly: ordinary or extraordinary. [default: ordinary]",
        "Carácter de la asamblea: ordinaria o extraordinaria. [por defecto: ordinaria]",
    ),
    (
        ["training", "log"],
        "Kind of session: theory, practice, shadowing or exam. [default: practice]",
        "Tipo de sesión: teoría, práctica, acompañamiento o examen. [por defecto: práctica]",
    ),
    (
        ["member", "list"],
        "Only members holding this role: member, coordinator, trainer, secretary or teller.",
        "Solo los asociados que tienen este rol: asociado, coordinador, capacitador, secretario o "
        "escrutador.",
    ),
    (
        ["member", "role"],
        "Grant or revoke a role: member, coordinator, trainer, secretary or teller.",
        "Otorgar o quitar un rol: asociado, coordinador, capacitador, secretario o escrutador.",
    ),
    (
        ["rotation", "list"],
        "Only this rotating role: coordinator, section-coordinator, president, secretary, treasurer or "
        "auditor.",
        "Solo este rol rotativo: coordinador, coordinador-de-sección, presidente, secretario, tesorero o "
        "síndico.",
    ),
    (
        ["motion", "close"],
        "where the bylaws say chair_decides: yes or no.",
        "cuando el estatuto dice que desempata la presidencia: sí o no.",
    ),
]


@pytest.mark.parametrize(
    ("path", "english", "spanish"), HELP, ids=lambda v: " ".join(v) if isinstance(v, list) else None
)
def test_help_lists_the_words_in_the_operators_language(path: list[str], english: str, spanish: str) -> None:
    cli = Cli("sqlite://")  # help opens no database
    for language, expected in (("en", english), ("es", spanish)):
        shown = _ok(cli(*_lang(language), *path, "--help")).stdout
        # Lines joined as a person reads them (help wraps lines after a hyphen, too).
        assert expected in " ".join(shown.split()).replace("- ", "-"), shown


def test_a_help_text_lists_one_set_of_words() -> None:
    def other_words() -> str:
        return "a, b or c"

    with pytest.raises(ValueError, match="already lists other words"):
        listing("How the vote is taken: {words} (a consent motion needs none).", other_words)
