"""The translation catalogues are complete, correct and compiled.

* every string the code and the templates mark for translation is in the catalogue (extracted
  again here with babel.cfg, exactly as ``make translations`` does), and nothing else is;
* every Spanish entry is translated, not fuzzy, and keeps the placeholders of its msgid;
* the committed ``.mo`` files are what their ``.po`` files compile to;
* the words Click and Typer print, and the words the code translates from a variable, are there too;
* the wheel ships the compiled catalogues.

When one of these fails after a change in what the code says: run ``make translations``, translate
the new entries in coop/locale/es/LC_MESSAGES/coop.po (and review the fuzzy ones), run it again.
"""

from __future__ import annotations

import ast
import enum
import gettext
import importlib
import io
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from babel.messages.catalog import Message
from babel.messages.extract import extract_from_file
from babel.messages.frontend import CommandLineInterface
from babel.messages.pofile import read_po

from coop import i18n
from coop.locale import build
from coop.locale.extract import command_docstrings
from coop.locale.library_messages import LIBRARY_MODULES
from tests.wheels import build_wheel

REPO_ROOT = Path(__file__).resolve().parents[1]
LOCALE_DIR = REPO_ROOT / "coop" / "locale"
SPANISH_PO = LOCALE_DIR / "es" / "LC_MESSAGES" / "coop.po"
HINT = "run `make translations`, translate what is new in coop/locale/es/LC_MESSAGES/coop.po, run it again"


def _ids(catalogue) -> set[str]:  # type: ignore[no-untyped-def]
    return {m.id if isinstance(m.id, str) else m.id[0] for m in catalogue if m.id}


@pytest.fixture(scope="module")
def extracted(tmp_path_factory: pytest.TempPathFactory) -> set[str]:
    """The msgids of the code and templates as they are now, extracted with babel.cfg."""
    pot = tmp_path_factory.mktemp("extract") / "coop.pot"
    CommandLineInterface().run(
        ["pybabel", "-q", "extract", "-F", str(REPO_ROOT / "babel.cfg"), "-o", str(pot), str(REPO_ROOT)]
    )
    with pot.open("rb") as stream:
        return _ids(read_po(stream))


def _spanish():  # type: ignore[no-untyped-def]
    return build.read_catalogue(SPANISH_PO)


def test_extraction_finds_code_templates_and_command_help(extracted: set[str]) -> None:
    assert any(text.startswith("Unexpected internal error") for text in extracted)  # Python code
    assert "Roll call on motion %(number)s" in extracted  # a template
    assert "Print an assembly's minutes (approved minutes print from their stored snapshot)." in extracted
    assert "Show this message and exit." in extracted  # Click's own words, listed for extraction
    assert len(extracted) > 1500


@pytest.mark.parametrize("po", build.po_files(), ids=lambda po: po.parent.parent.name)
def test_every_string_of_the_code_and_templates_is_in_the_catalogue(extracted: set[str], po: Path) -> None:
    catalogued = _ids(build.read_catalogue(po))
    missing = sorted(extracted - catalogued)
    stale = sorted(catalogued - extracted)
    assert not missing, f"{len(missing)} strings are not in {po.name} ({HINT}): {missing[:20]}"
    assert not stale, f"{len(stale)} catalogue entries are no longer in the code ({HINT}): {stale[:20]}"


def test_the_committed_template_is_current(extracted: set[str]) -> None:
    with (LOCALE_DIR / "coop.pot").open("rb") as stream:
        template = _ids(read_po(stream))
    assert template == extracted, f"coop/locale/coop.pot is out of date: {HINT}"


@pytest.mark.parametrize("po", build.po_files(), ids=lambda po: po.parent.parent.name)
def test_every_entry_is_translated_with_its_placeholders(po: Path) -> None:
    problems = build.catalogue_problems(po)
    assert not problems, f"{len(problems)} problems ({HINT}):\n" + "\n".join(problems[:40])


def test_compiled_catalogues_match_their_po_files() -> None:
    assert build.po_files(), "no catalogue found"
    for po in build.po_files():
        mo = po.with_suffix(".mo")
        assert mo.exists(), f"{mo} is missing: run `make translations`"
        committed = _messages(mo.read_bytes())
        expected = _messages(build.compile_catalogue(po))
        assert committed == expected, f"{mo} is older than {po.name}: run `make translations`"


def _messages(mo_bytes: bytes) -> dict[object, str]:
    """A compiled catalogue's translations without its header, which names the Babel version."""
    catalogue = gettext.GNUTranslations(io.BytesIO(mo_bytes))._catalog  # type: ignore[attr-defined]
    return {msgid: text for msgid, text in catalogue.items() if msgid != ""}


def test_compiled_catalogue_comparison_ignores_the_tool_version() -> None:
    po = build.po_files()[0]
    compiled = build.compile_catalogue(po)
    # Another Babel version, written over the same bytes so that the file's offsets stay valid.
    other_tool = re.sub(rb"(Generated-By: Babel )([0-9.]+)", lambda m: m[1] + b"9" * len(m[2]), compiled)
    assert other_tool != compiled
    assert _messages(other_tool) == _messages(compiled)


def test_spanish_is_available_and_translates() -> None:
    assert i18n.available_languages()[0] == "en" and "es" in i18n.available_languages()
    with i18n.using("es_AR.UTF-8"):
        assert i18n.current_language() == "es"
        assert i18n._("Minutes of the ordinary assembly") == "Acta de Asamblea Ordinaria"
        assert i18n.ngettext("{members} member", "{members} members", 1) == "{members} asociado"
        assert i18n.ngettext("{members} member", "{members} members", 3) == "{members} asociados"
        assert i18n.pgettext("no such context", "Adopted") == "Adopted"  # no entry: the English text
    assert i18n._("Minutes of the ordinary assembly") == "Minutes of the ordinary assembly"


def _message(msgid, msgstr, location="coop/x.py"):  # type: ignore[no-untyped-def]
    return Message(msgid, msgstr, locations=[(location, 1)])


@pytest.mark.parametrize(
    ("msgid", "msgstr", "location", "ok"),
    [
        ("Closed assembly {id} at {time}.", "Se cerró la asamblea {id} a las {time}.", "coop/x.py", True),
        ("Closed assembly {id} at {time}.", "Se cerró la asamblea {id}.", "coop/x.py", False),
        ("Closed assembly {id}.", "Se cerró la asamblea {number}.", "coop/x.py", False),
        ("Closed assembly {id}.", "Se cerró la asamblea {id.", "coop/x.py", False),
        ("{scrap} % scrap.", "{scrap} % de merma.", "coop/x.py", True),  # str.format: % is plain text
        ("Vote %(id)s", "Votación %(id)s", "templates/x.html.j2", True),
        ("Vote %(id)s", "Votación %(number)s", "templates/x.html.j2", False),
        ("Vote %(id)s", "Votación", "templates/x.html.j2", False),
        ("at 90 %% or more", "al 90 %% o más", "templates/x.html.j2", True),
        ("at 90 %% or more", "al 90 % o más", "templates/x.html.j2", False),  # breaks % formatting
        (("{n} line", "{n} lines"), ("{n} línea", "{n} líneas"), "coop/x.py", True),
        (("Elected:", "Elected:"), ("Electo:", "Electos:"), "templates/x.html.j2", True),
        (("1 was given", "{len} were given"), ("se dio 1", "se dieron {len}"), "coop/x.py", True),
        (("{n} line", "{n} lines"), ("{n} línea", "líneas"), "coop/x.py", False),
    ],
)
def test_placeholder_check(msgid, msgstr, location: str, ok: bool) -> None:  # type: ignore[no-untyped-def]
    problems = build.placeholder_problems(_message(msgid, msgstr, location))
    assert (problems == []) is ok, problems


def test_click_and_typer_words_are_in_the_catalogue() -> None:
    """coop.cli.main routes Click's and Typer's gettext to our catalogue: all their words must be in it."""
    catalogued = _ids(_spanish())
    missing = []
    for name in LIBRARY_MODULES:
        path = importlib.import_module(name).__file__
        assert path is not None
        for _lineno, message, _comments, _context in extract_from_file("python", path):
            text = message if isinstance(message, str) else message[0]
            if text not in catalogued:
                missing.append((name, text))
    assert not missing, f"add these to coop/locale/library_messages.py and translate them: {missing}"


def test_library_messages_are_routed_to_our_catalogue() -> None:
    import click.core
    import typer.core

    import coop.cli.main  # noqa: F401 - routes the lookups on import

    with i18n.using("es"):
        assert click.core._("Show this message and exit.") == "Mostrar este mensaje y salir."  # type: ignore[attr-defined]
        assert typer.core._("Arguments") == "Argumentos"  # type: ignore[attr-defined]
    assert click.core._("Show this message and exit.") == "Show this message and exit."  # type: ignore[attr-defined]


# ``_()`` calls whose argument is a variable: extraction cannot see the words, so each call site is
# registered here with the enum its values come from (None: the argument is a msgid found
# elsewhere, e.g. a help text or a table heading read at import time). The enum's values must be
# in the catalogue. A stored value's words come from its vocabulary (coop.vocabulary), marked where
# the enum is defined, so no call site translates an enum's value.
TRANSLATED_VARIABLES: dict[tuple[str, str], str | None] = {
    ("coop/cli/help_pages.py", "text"): None,
    ("coop/cli/words.py", "source"): None,  # a help text, as help_pages.py translates them
    ("coop/cli/output.py", "heading"): None,
    ("coop/cli/output.py", "title"): None,
    # the labels, words and headings of coop.vocabulary and the views, marked with N_ where written
    ("coop/display.py", "entry.heading"): None,
    ("coop/cli/plans/plan.py", "item.heading"): None,  # a plan's headings, marked with N_ in PlanView
    ("coop/vocabulary.py", "term.label"): None,
    ("coop/vocabulary.py", "term.word"): None,
}


def _translated_arguments(functions: set[str]) -> Iterator[tuple[Path, str, int, ast.expr]]:
    """Each message argument of a call to one of ``functions`` in coop's sources: the file, its
    source, the call's line and the argument (the first two of ngettext and pgettext, else the first)."""
    for path in sorted((REPO_ROOT / "coop").rglob("*.py")):
        source = path.read_text(encoding="utf-8")
        for node in ast.walk(ast.parse(source)):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
                continue
            if node.func.id not in functions:
                continue
            messages = node.args[:2] if node.func.id in {"ngettext", "pgettext"} else node.args[:1]
            for argument in messages:
                yield path, source, node.lineno, argument


def _translated_variables() -> list[tuple[str, str, int]]:
    found = []
    for path, source, line, argument in _translated_arguments({"_", "N_", "ngettext"}):
        if not (isinstance(argument, ast.Constant) and isinstance(argument.value, str)):
            segment = ast.get_source_segment(source, argument) or ""
            found.append((path.relative_to(REPO_ROOT).as_posix(), segment, line))
    return found


def test_no_translated_expression_holds_a_string_literal() -> None:
    """``_(row["kind"])``: Babel 2.18 extracted "kind" from it and 2.19 does not. An argument that
    is an expression must hold no string literal, so that every extractor version agrees."""
    holding = []
    for path, _source, line, argument in _translated_arguments({"_", "N_", "ngettext", "pgettext"}):
        if isinstance(argument, ast.Constant):
            continue
        inner_texts = (inner for inner in ast.walk(argument) if isinstance(inner, ast.Constant))
        if any(isinstance(inner.value, str) for inner in inner_texts):
            holding.append(f"{path.relative_to(REPO_ROOT)}:{line}")
    assert not holding, f"translate a plain variable or attribute instead (e.g. _(kind.value)): {holding}"


def test_words_translated_from_a_variable_are_registered_and_catalogued() -> None:
    unregistered = [site for site in _translated_variables() if site[:2] not in TRANSLATED_VARIABLES]
    assert not unregistered, (
        "_() of a variable that extraction cannot see; register the call in TRANSLATED_VARIABLES "
        f"(or show a stored value through coop.vocabulary.label): {unregistered}"
    )
    catalogued = _ids(_spanish())
    missing = []
    for target in {t for t in TRANSLATED_VARIABLES.values() if t}:
        module, name = target.split(":")
        kind = getattr(importlib.import_module(module), name)
        assert issubclass(kind, enum.Enum)
        missing += [f"{name}.{member.name}" for member in kind if member.value not in catalogued]
    assert not missing, f"mark these values for extraction and translate them: {missing}"


def test_extractor_takes_the_docstrings_of_commands_only() -> None:
    source = '''
import typer
app = typer.Typer()

@app.command("show")
def show(ctx: typer.Context, member: str = typer.Argument(...)) -> None:
    """Show one member's record."""

def minutes(ctx: typer.Context, out: str = typer.Option(...)) -> None:
    """Print the minutes.

    Second paragraph.
    """

def _helper(ctx: typer.Context, motion: str) -> None:
    """Not a command: a helper taking the context."""

def open_session(ctx: typer.Context, *, require_current: bool = True) -> None:
    """Not a command either."""
'''
    assert [text for _line, text in command_docstrings(source)] == [
        "Show one member's record.",
        "Print the minutes.\n\nSecond paragraph.",
    ]


@pytest.mark.slow
def test_wheel_ships_the_compiled_catalogues(tmp_path: Path) -> None:
    wheel = build_wheel(tmp_path)
    names = set(zipfile.ZipFile(wheel).namelist())
    for po in build.po_files():
        language = po.parent.parent.name
        assert f"coop/locale/{language}/LC_MESSAGES/coop.mo" in names
        assert f"coop/locale/{language}/LC_MESSAGES/coop.po" not in names
