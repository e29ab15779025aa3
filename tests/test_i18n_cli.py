"""The CLI speaks the chosen language: how it is chosen, and every command's help in both languages.

Messages: ``--lang``, else ``COOP_LANG``, else the cooperative's setting (once the database is
open), else the system locale (``LANGUAGE``, ``LC_ALL``, ``LC_MESSAGES``, ``LANG``), else English.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import click
import pytest
from typer.main import get_command
from typer.testing import CliRunner

from coop import db, i18n
from coop.cli.main import app, initial_language, translate_help
from coop.cli.words import fill_word_lists
from coop.members.cooperative import set_up_cooperative
from tests.factories.context import FIXED_NOW
from tests.factories.programs import NO_LANGUAGE


def run(*args: str, **env: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(app, list(args), env={**NO_LANGUAGE, **env})


def _cooperative(path: Path, language: str) -> str:
    url = db.resolve_url(str(path))
    engine = db.engine_for(url)
    db.migrate(engine)
    with db.session_scope(engine) as session:
        set_up_cooperative(session, name="Cooperativa Núñez", language=language, now=FIXED_NOW)
    engine.dispose()
    return url


@pytest.fixture(scope="module")
def spanish_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    return _cooperative(tmp_path_factory.mktemp("es") / "coop.db", "es")


@pytest.fixture(scope="module")
def english_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    return _cooperative(tmp_path_factory.mktemp("en") / "coop.db", "en")


NOT_FOUND_ES = "Error: Ningún asociado tiene el número o el nombre '9999'"
NOT_FOUND_EN = "Error: No member has the number or name '9999'"


# --- how the language is chosen -----------------------------------------------------------------


def test_cooperative_language_applies_when_nothing_else_is_said(spanish_db: str, english_db: str) -> None:
    assert NOT_FOUND_ES in run("--db", spanish_db, "member", "show", "9999").stderr
    assert NOT_FOUND_EN in run("--db", english_db, "member", "show", "9999").stderr


def test_cooperative_language_wins_over_the_system_locale(spanish_db: str, english_db: str) -> None:
    assert NOT_FOUND_ES in run("--db", spanish_db, "member", "show", "9999", LANG="en_US.UTF-8").stderr
    assert NOT_FOUND_EN in run("--db", english_db, "member", "show", "9999", LANG="es_AR.UTF-8").stderr


def test_environment_wins_over_the_cooperative(spanish_db: str, english_db: str) -> None:
    assert NOT_FOUND_EN in run("--db", spanish_db, "member", "show", "9999", COOP_LANG="en").stderr
    assert NOT_FOUND_ES in run("--db", english_db, "member", "show", "9999", COOP_LANG="es_AR").stderr


def test_flag_wins_over_environment_and_cooperative(spanish_db: str) -> None:
    result = run("--lang", "en", "--db", spanish_db, "member", "show", "9999", COOP_LANG="es")
    assert NOT_FOUND_EN in result.stderr
    result = run("--db", spanish_db, "--lang=es", "member", "show", "9999", COOP_LANG="en")
    assert NOT_FOUND_ES in result.stderr


def test_table_headings_follow_the_language(spanish_db: str) -> None:
    spanish = run("--db", spanish_db, "member", "list").stdout
    english = run("--lang", "en", "--db", spanish_db, "member", "list").stdout
    assert spanish.splitlines()[:2] == ["Asociados", "Número  Nombre  Sección  Roles  Ingreso  Activo"]
    assert english.splitlines()[:2] == ["Members", "Number  Name  Section  Roles  Joined  Active"]


def test_without_a_database_the_system_locale_decides(tmp_path: Path) -> None:
    missing = str(tmp_path / "none.db")
    spanish = run("--db", missing, "member", "list", LANG="es_AR.UTF-8")
    assert spanish.exit_code == 1
    assert spanish.stderr.startswith("Error: No hay una base de datos de la cooperativa en")
    assert run("--db", missing, "member", "list", LANG="C.UTF-8").stderr.startswith(
        "Error: There is no cooperative database at"
    )
    assert run("--db", missing, "member", "list").stderr.startswith("Error: There is no cooperative")


def test_help_follows_flag_environment_and_locale() -> None:
    assert run("--lang", "es", "--help").stdout.startswith("Uso: coop [OPCIONES] COMANDO [ARGUMENTOS]...")
    assert run("--help", COOP_LANG="es").stdout.startswith("Uso: coop")
    assert run("member", "add", "--help", LANG="es_AR.UTF-8").stdout.startswith("Uso: coop member add")
    english = run("member", "add", "--help", LC_ALL="en_US.UTF-8", LANG="es_AR.UTF-8")
    assert english.stdout.startswith("Usage:")
    assert run("--help").stdout.startswith("Usage: coop [OPTIONS] COMMAND [ARGS]...")


def test_usage_errors_are_translated() -> None:
    result = run("--lang", "es", "member", "add")
    assert result.exit_code == 2
    assert "Error: Falta un argumento 'NAME'." in result.stderr
    assert "Pruebe 'coop member add --help' para ver la ayuda." in result.stderr


def test_an_unknown_language_is_refused_with_the_choices() -> None:
    result = run("--lang", "fr", "member", "list")
    assert result.exit_code == 2
    assert "fr is not a language coop speaks; choose one of: en, es." in result.stderr
    result = run("member", "list", COOP_LANG="klingon")
    assert result.exit_code == 2 and "klingon is not a language coop speaks" in result.stderr


def test_language_in_use_before_is_restored_after_a_command(spanish_db: str) -> None:
    assert i18n.current_language() == "en"
    run("--db", spanish_db, "member", "list")
    run("--lang", "es", "--help")
    assert i18n.current_language() == "en"
    with i18n.using("es"):
        run("--lang", "en", "--help")
        assert i18n.current_language() == "es"


@pytest.mark.parametrize(
    ("args", "environ", "expected"),
    [
        (["--lang", "es", "member", "list"], {}, "es"),
        (["--lang=es_AR.UTF-8", "member", "list"], {}, "es"),
        (["--db", "x.db", "--lang", "es", "member"], {"COOP_LANG": "en"}, "es"),
        (["--db", "--lang", "member", "list"], {}, "en"),  # --lang is the value of --db here
        (["member", "list", "--lang", "es"], {}, "en"),  # after the command: not the root option
        (["--lang", "fr", "member"], {"COOP_LANG": "es"}, "es"),  # refused later by --lang itself
        (["member", "list"], {"COOP_LANG": "es"}, "es"),
        (["member", "list"], {"LANG": "es_AR.UTF-8"}, "es"),
        (["member", "list"], {"LANG": "es_AR.UTF-8", "LC_ALL": "C"}, "en"),
        (["member", "list"], {"LANG": "en_GB.UTF-8", "LC_MESSAGES": "es_ES.UTF-8"}, "es"),
        (["member", "list"], {"LANGUAGE": "fr:es", "LANG": "en_US.UTF-8"}, "es"),
        (["member", "list"], {"LANG": "fr_FR.UTF-8"}, "en"),
        ([], {}, "en"),
    ],
)
def test_initial_language(args: list[str], environ: dict[str, str], expected: str) -> None:
    assert initial_language(args, environ, value_options=frozenset({"--db", "--as"})) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("es", "es"),
        ("ES", "es"),
        ("es_AR.UTF-8", "es"),
        ("es-AR", "es"),
        ("es_AR@euro", "es"),
        ("en_US", "en"),
        ("C", None),
        ("C.UTF-8", None),
        ("POSIX", None),
        ("fr", None),
        ("", None),
        (None, None),
    ],
)
def test_normalize_language(value: str | None, expected: str | None) -> None:
    assert i18n.normalize_language(value) == expected


# --- every command's help, in both languages ----------------------------------------------------

# Words that are the same in English and Spanish help: language codes, the values and names a user
# types (json, table, yes, no...), names of formats and methods, and words both languages share.
SAME_IN_BOTH = frozenset(
    {
        "a",
        "e",
        "en",
        "es",
        "no",
        "o",
        "coop",
        "table",
        "json",
        "csv",
        "blt",
        "pdf",
        "html",
        "htm",
        "yes",
        "abstain",
        "secret",
        "electoral",  # the key file's example name, junta-electoral.key, in both languages
        "majority",
        "none",
        "terms",
        "months",
        "or",
        "member",
        "coordinator",
        "trainer",
        "secretary",
        "president",
        "treasurer",
        "auditor",
        "theory",
        "practice",
        "shadowing",
        "exam",
        "ordinary",
        "extraordinary",
        "fails",
        "passes",
        "irv",
        "droop",
        "gregory",
        "total",
        "terminal",  # la terminal de votación
        "general",
        "anunez",  # a login in the examples: a name, typed the same in both languages
        "material",
        "plan",
        "rules",
        "weight",
        "pcs",
        "kg",
        "l",
        "h",
        "min",
        "sqlite",
        "postgresql",
        "openstv",
        "smoothing",  # a forecasting method's name, typed as is (--method smoothing)
        "factor",  # el factor de suavizado
        "error",  # el error porcentual
        "cooperativa",
        "verano",
        "hornos",
        "comedor",
        "feriado",
        "mantenimiento",
        "consejo",
        "de",
        "administración",
        "art",
        "rol",
        "roles",
        "stv",
        "traceback",
        "id",
        "m²",
        "number",
        "scripts",
        "hash",
        # counting rules named after people or named in Spanish in both languages (Ley 20.337's lists)
        "d",
        "hondt",
        "dhondt",
        "sainte",
        "laguë",
        "schulze",
        "n",  # a number in a typed example: SKILL=N, COMPETENCIA=N
        "meek",  # method names, typed as they are in both languages
        "wigm",
        "scottish",
        "lista",
        "completa",
        "incompleta",
        # the words of an election by lists, in Spanish in both languages (GLOSSARY-es.md), and a
        # list's name in the examples
        "titulares",
        "suplentes",
        "voto",
        "blanco",
        "celeste",
        "matrices",  # the plural of matrix and of matriz
    }
)

CODE = re.compile(
    r"""(?x)
    (?<![\w-])--?\w[\w-]*                        # an option: -h, --format
    | [\w-]*\w[_./=:@,|][\w./=:@,|-]*\w          # files, keys, columns: ballots.csv, code,name,unit
    | \S*\d\S*                                  # numbers and dates: 0.25, 2026-11-25, 1/3
    | \b[A-Z][A-Z0-9_]+(?:-[A-Z0-9]+)*\b        # a metavar, variable or code: MEMBER, COOP_ACTOR, HORNO-T
    | \b[a-z]+(?:-[a-z]+)+\b                    # a value or command typed as is: roll-call, stv-droop
    """
)
WORD = re.compile(r"[^\W\d_]+")
EXAMPLE_LINE = re.compile(r"^ +coop (?:[^\n]*\\\n)*[^\n]*", re.MULTILINE)  # with the lines it goes on to


def _commands() -> Iterator[tuple[list[str], click.Command]]:
    def walk(command: click.Command, path: list[str]) -> Iterator[tuple[list[str], click.Command]]:
        yield path, command
        for name, sub in sorted(getattr(command, "commands", {}).items()):
            yield from walk(sub, [*path, name])

    yield from walk(get_command(app), [])


def _help(path: list[str], language: str) -> str:
    """``coop PATH --help`` as it is printed in ``language``."""
    root = get_command(app)
    with i18n.using(language):
        translate_help(root)
        context = click.Context(root, info_name="coop")
        command: click.Command = root
        for name in path:
            command = command.commands[name]  # type: ignore[attr-defined]
            context = click.Context(command, info_name=name, parent=context)
        fill_word_lists(command)  # as coop.cli.main does for the command it is asked about
        return command.get_help(context)


def _all_names() -> set[str]:
    return {part for path, _command in _commands() for name in path for part in name.split("-")}


def _words(text: str, names: set[str]) -> set[str]:
    return {w.lower() for w in WORD.findall(CODE.sub(" ", text))} - names


COMMAND_PATHS = [path for path, _command in _commands()]
COMMAND_NAMES = _all_names()


def test_the_command_tree_is_walked() -> None:
    assert len(COMMAND_PATHS) > 100 and ["motion", "vote"] in COMMAND_PATHS and [] in COMMAND_PATHS


@pytest.mark.parametrize("path", COMMAND_PATHS, ids=lambda path: " ".join(["coop", *path]))
def test_help_is_translated(path: list[str]) -> None:
    english, spanish = _help(path, "en"), _help(path, "es")
    assert english.startswith("Usage: coop") and spanish.startswith("Uso: coop")
    # An example's command line is typed as is (the demo's names, places and codes) in both languages.
    english, spanish = EXAMPLE_LINE.sub(" ", english), EXAMPLE_LINE.sub(" ", spanish)
    names = COMMAND_NAMES  # command names are typed as they are, in every language
    untranslated = (_words(spanish, names) & _words(english, names)) - SAME_IN_BOTH
    assert not untranslated, f"English words in the Spanish help: {sorted(untranslated)}\n{spanish}"


def test_every_help_text_has_a_spanish_translation() -> None:
    missing = []
    with i18n.using("es"):
        for path, command in _commands():
            texts = [command.help, command.short_help, *(getattr(p, "help", None) for p in command.params)]
            for text in texts:
                if text and i18n._(text) == text and _words(text, set()) - SAME_IN_BOTH:
                    missing.append((" ".join(["coop", *path]), text))
    assert not missing, missing
