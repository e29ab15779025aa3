"""Spanish from end to end: every command's help, and every table and show of the demo
cooperative, read in Spanish, holds none of the project's English value words.

The English value words are what coop stores and what its English screens print for them: the
stored values of every vocabulary (``show_of_hands``, ``adopted``) and their English labels and
typed words (``show of hands``, ``roll-call``), together with the raw keys a show must not print
(``level_label``). A snake_case word anywhere in a Spanish table or show is a raw key or a stored
value that reached a person.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import click
import pytest
import typer
from typer.testing import CliRunner

import coop.models  # noqa: F401  (every table's vocabulary)
from coop import db, vocabulary
from coop.i18n import using
from coop.members.bylaws import BYLAW_DEFINITIONS
from coop.rules.elections import CouncilRule
from tests.factories.demo import build_spanish_demo
from tests.factories.programs import CLEAN_ENV

# Spanish words spelled as an English value word: never a sign of an untranslated screen.
SHARED_WITH_SPANISH = {"no", "nominal", "a", "general", "total", "base", "plan", "error"}
# The list rules are named in Spanish in both languages (Ley 20.337's lists; GLOSSARY-es.md).
SHARED_WITH_SPANISH |= {"lista completa", "lista incompleta", "lista-completa", "lista-incompleta"}
# Names typed as they are in every language, like the commands: the counting rules' presets (ranked
# and by lists), the bylaws' keys (coop bylaws set tie_rule ...), and the counting methods named
# after a person or place (Schulze, Meek, the Scottish rules).
NAMES = {"irv", "stv-droop", "meek", "wigm", "scottish", "schulze", *(rule.value for rule in CouncilRule)}
NAMES |= set(BYLAW_DEFINITIONS)
# An identifier a person types back as it is: a bylaw key (threshold.ordinary), a finding's key
# (overload:HORNO-T:2027-W02), an audit action (coop.motion.closed).
IDENTIFIER = re.compile(r"\w[.:]\w")
# The audit log prints each event's data as recorded: the record itself, the same in every language.
RECORDED_DATA = re.compile(r"\{.*\}")


def _english_value_words() -> set[str]:
    words: set[str] = set()
    with using("en"):
        for enum in vocabulary.defined():
            for member in enum:
                for text in (str(member.value), vocabulary.label(member), vocabulary.word(member)):
                    words.add(text.lower())
    return {word for word in words if word not in SHARED_WITH_SPANISH and not word.isdigit()}


ENGLISH_VALUE_WORDS = sorted(_english_value_words(), key=len, reverse=True)
SNAKE_CASE = re.compile(r"\b[a-z]+(?:_[a-z]+)+\b")


def _command_tree() -> click.Group:
    from coop.cli.main import app

    return typer.main.get_command(app)  # type: ignore[return-value]


def _leaves(command: click.Command, path: tuple[str, ...] = ()) -> Iterator[tuple[str, ...]]:
    if isinstance(command, click.Group):
        for name, sub in command.commands.items():
            yield from _leaves(sub, (*path, name))
        yield path  # the group's own help
    else:
        yield path


def _names(command: click.Command) -> set[str]:
    """Every command and group name: the words a person types as they are, in any language."""
    names = {command.name or ""}
    if isinstance(command, click.Group):
        for sub in command.commands.values():
            names |= _names(sub)
    return names


TREE = _command_tree()
COMMAND_NAMES = _names(TREE)


def english_words_in(text: str, *, ignore: set[str] = frozenset()) -> list[str]:  # type: ignore[assignment]
    """The English value words and snake_case words of ``text`` (options and ``ignore`` aside)."""
    kept = " ".join(
        token
        for token in RECORDED_DATA.sub(" ", text).split()
        if not token.startswith("-")  # an option's name
        and not (token.isupper() and len(token) > 1)  # an argument's name (MEMBER, FILE)
        and not IDENTIFIER.search(token)
        and token.strip("()[],;:.").lower() not in NAMES
        and token not in ignore
    )
    found = [word for word in SNAKE_CASE.findall(kept)]
    lowered = kept.lower()
    for word in ENGLISH_VALUE_WORDS:
        if word in ignore:
            continue
        if re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", lowered):
            found.append(word)
    return sorted(set(found))


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    url = build_spanish_demo(tmp_path_factory.mktemp("demo"))
    yield url
    db.engine_for(url).dispose()


def run(*args: str) -> str:
    from coop.cli.main import app

    result = CliRunner().invoke(app, list(args), env={**CLEAN_ENV, "COOP_LANG": "es"})
    assert result.exit_code == 0, (args, result.output, result.stderr)
    return result.stdout


@pytest.mark.parametrize("path", sorted(_leaves(TREE)), ids=lambda path: " ".join(path) or "coop")
def test_every_help_page_is_spanish(path: tuple[str, ...]) -> None:
    page = run(*path, "--help")
    # The command line itself (usage, examples) names commands, which are typed as they are.
    english = english_words_in(page, ignore=COMMAND_NAMES)
    assert english == [], f"coop {' '.join(path)} --help in Spanish shows English: {english}\n{page}"


# Every table and show of the demo: what a person reads. A new listing or show must be added here
# (test_every_reading_command_is_walked fails until it is).
READINGS: list[tuple[str, ...]] = [
    ("cooperative", "show"),
    ("access", "list", "--all"),
    ("member", "list"),
    ("member", "list", "--all"),
    ("member", "show", "0001"),
    ("member", "show", "0002"),
    ("bylaws", "show"),
    ("bylaws", "preset", "list"),
    ("bylaws", "preset", "show", "ar-ley-20337"),
    ("assembly", "list"),
    ("assembly", "show", "1"),
    ("assembly", "show", "2"),
    ("assembly", "quorum", "2"),
    ("assembly", "agenda", "list", "2"),
    ("motion", "list", "1"),
    ("motion", "list", "2"),
    ("motion", "show", "1"),
    ("motion", "show", "3"),
    ("motion", "show", "4"),
    ("election", "list"),
    ("election", "show", "1"),
    ("election", "results", "1"),
    ("election", "show", "2"),
    ("election", "results", "2"),
    ("ballot", "show", "4"),
    ("ballot", "reconcile", "4"),
    ("ballot", "paper", "list", "4"),
    ("ballot", "key", "list"),
    ("skill", "list"),
    ("skill", "show", "SEG-EPP"),
    ("skill", "show", "HOR-QUEM"),
    ("training", "list"),
    ("training", "show", "1"),
    ("training", "history", "0001"),
    ("training", "hours"),
    ("training", "expiring"),
    ("training", "matrix"),
    ("training", "coverage"),
    ("training", "pipeline"),
    ("training", "plan", "needs"),
    ("training", "plan", "list"),
    ("training", "plan", "show", "1"),
    ("rotation", "list"),
    ("rotation", "report"),
    ("product", "list"),
    ("product", "show", "BALD-3030"),
    ("material", "list"),
    ("workcentre", "list"),
    ("workcentre", "show", "ESMALTADO"),
    ("workcentre", "routing", "list"),
    ("master", "plan", "list"),
    ("master", "plan", "show", "Año próximo"),
    ("master", "scenario", "list", "Año próximo"),
    ("master", "scenario", "show", "Año próximo", "Nivelada con stock"),
    ("plan", "list"),
    ("plan", "show", "1"),
    ("plan", "check", "1"),
    ("master", "order", "list"),
    ("master", "forecast", "list"),
    ("master", "schedule"),
    ("master", "accuracy"),
    ("audit", "log"),
    ("audit", "verify"),
    ("db", "status"),
]
# Readings whose argument comes from the demo's own records (looked up, not guessed).
READING_NAMES = {"list", "show", "results", "reconcile", "quorum", "history", "hours", "expiring"}
READING_NAMES |= {"matrix", "coverage", "pipeline", "report", "log", "verify", "status", "check"}
NOT_READINGS = {
    ("plan", "report"),  # prints a document to a file; its words are tested as a document
    ("training", "plan", "report"),  # the same, in tests/training_plan/test_plan_report.py
    ("training", "log"),  # records a training session
    ("ballot", "verify"),  # needs a voter's own tracker; its answer is tested with the ballots
    ("master", "report"),  # prints a document; its Spanish is tested in tests/master/test_master_report.py
}


def test_every_reading_command_is_walked() -> None:
    # A reading's command is its words up to its first argument (a number, a code, a preset's name).
    prefixes = {reading[:n] for reading in READINGS for n in range(1, len(reading) + 1)}
    missing = [
        " ".join(path)
        for path in _leaves(TREE)
        if path and path[-1] in READING_NAMES and path not in prefixes and path not in NOT_READINGS
    ]
    assert missing == [], f"add these readings to READINGS: {missing}"


@pytest.mark.parametrize("reading", READINGS, ids=" ".join)
def test_every_table_and_show_of_the_demo_is_spanish(demo: str, reading: tuple[str, ...]) -> None:
    shown = run("--db", demo, "--as", "0001", *reading)
    english = english_words_in(shown)
    assert english == [], f"coop {' '.join(reading)} in Spanish shows English: {english}\n{shown}"


def test_the_audit_log_names_who_acted_in_spanish_when_it_was_not_a_member(demo: str) -> None:
    # The record keeps "(setup)", "(secret ballot)" and "(voting code)" as recorded; the log shows
    # them in the reader's language, like every other word on the screen.
    shown = run("--db", demo, "--as", "0001", "audit", "log", "--limit", "5000")
    assert "(setup)" not in shown and "(secret ballot)" not in shown and "(voting code)" not in shown
    assert (
        "(configuración inicial)" in shown and "(voto secreto)" in shown and "(código de votación)" in shown
    )
