"""Every printed document in both languages, in the cooperative's language whoever prints it;
dates and numbers as each language writes them.

The documents are printed from the demo cooperative (Spanish), built once for this module with
the PDF step stubbed out (the documents are written as HTML here), and from a copy switched to
English. A Spanish document must contain no English text of the catalogue; an English one none of
the Spanish text of its template.
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterator
from datetime import date, datetime
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path

import pytest
from typer.testing import CliRunner

from coop import db, i18n
from coop.formatting import format_date, format_number
from coop.locale import build
from coop.reports import render
from tests.factories.context import REPO_ROOT
from tests.factories.demo import build_spanish_demo
from tests.factories.programs import CLEAN_ENV

SPANISH_PO = REPO_ROOT / "coop" / "locale" / "es" / "LC_MESSAGES" / "coop.po"

# document -> (template, command that prints it to FILE)
DOCUMENTS: dict[str, tuple[str, list[str]]] = {
    "approved minutes": ("minutes.html.j2", ["minutes", "1", "--out", "FILE"]),
    "draft minutes": ("minutes.html.j2", ["minutes", "2", "--out", "FILE"]),
    "bylaws": ("bylaws.html.j2", ["bylaws", "print", "--out", "FILE"]),
    "election results": ("election_results.html.j2", ["election", "results", "1", "--out", "FILE"]),
    "skills matrix": ("skills_matrix.html.j2", ["training", "matrix", "--out", "FILE"]),
    "training coverage": ("training_coverage.html.j2", ["training", "coverage", "--out", "FILE"]),
    "plan report": ("plan_report.html.j2", ["plan", "report", "1", "--out", "FILE"]),
    "draft plan report": ("plan_report.html.j2", ["plan", "report", "2", "--out", "FILE"]),
}


def coop(url: str, *args: str, **env: str):  # type: ignore[no-untyped-def]
    from coop.cli.main import app

    result = CliRunner().invoke(app, ["--db", url, *args], env={**CLEAN_ENV, **env})
    assert result.exit_code == 0, (args, result.output, result.stderr)
    return result


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The demo cooperative (Spanish): minutes, an election, training records, a production plan."""
    url = build_spanish_demo(tmp_path_factory.mktemp("demo"))
    coop(url, "--as", "0003", "plan", "revise", "1")  # plan 2: a draft, printed from the records
    yield url
    db.engine_for(url).dispose()


@pytest.fixture(scope="module")
def english_demo(demo: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A copy of the demo cooperative that works in English."""
    db.engine_for(demo).dispose()
    path = tmp_path_factory.mktemp("english") / "coop.db"
    shutil.copyfile(db.engine_for(demo).url.database or "", path)
    url = db.resolve_url(str(path))
    coop(url, "--as", "0001", "cooperative", "language", "en")
    yield url
    db.engine_for(url).dispose()


def print_document(url: str, name: str, folder: Path, *flags: str) -> str:
    _template, command = DOCUMENTS[name]
    out = folder / (name.replace(" ", "-") + "-" + "-".join(flags or ("default",)).strip("-") + ".html")
    coop(url, *flags, *[str(out) if part == "FILE" else part for part in command])
    return out.read_text(encoding="utf-8")


# --- what a document says -----------------------------------------------------------------------


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in {"style", "script"}:
            self.skipping += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in {"style", "script"}:
            self.skipping -= 1

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)


def visible_text(html: str) -> str:
    """The words a reader sees: the text, and the CSS ``content`` of page headers and footers."""
    parser = _Text()
    parser.feed(html)
    generated = re.findall(r"content:\s*([^;]*);", html)
    strings = [s for value in generated for s in re.findall(r'"([^"]*)"', value)]
    return " ".join(" ".join([*parser.parts, *strings]).split())


PLACEHOLDER = re.compile(r"%\([^)]*\)[sd]|\{[^}]*\}")


def _fragments(text: str) -> list[str]:
    return [" ".join(f.split()) for f in PLACEHOLDER.split(text) if f.strip()]


def _catalogue() -> list[tuple[str, str, set[str]]]:
    """(English, Spanish, files) of every entry, singular and plural forms."""
    entries = []
    for message in build.read_catalogue(SPANISH_PO):
        if not message.id:
            continue
        files = {Path(filename).name for filename, _line in message.locations}
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for index, english in enumerate(ids):
            entries.append((english, strings[min(index, len(strings) - 1)], files))
    return entries


CATALOGUE = _catalogue()
WORDY = re.compile(r"[A-Za-z]{2,}")


def english_left_in(text: str, template: str) -> list[str]:
    """English of the catalogue that shows in a Spanish document.

    Every text of the document's templates is looked for (a one-word text as a whole word); every
    other text of the catalogue (view-model builders, stored record) when it has three words or
    more. Texts that read the same in Spanish are not evidence of anything and are skipped.
    """
    found = []
    for english, spanish, files in CATALOGUE:
        if english == spanish:
            continue
        own = bool(files & {template, "base.html.j2"})
        for fragment in _fragments(english):
            words = fragment.split()
            if fragment in spanish or not WORDY.search(fragment) or not (own or len(words) >= 3):
                continue
            pattern = r"(?<!\w)" + re.escape(fragment) + r"(?!\w)"
            if re.search(pattern, text):
                found.append(fragment)
    return sorted(set(found))


def spanish_left_in(text: str, spanish_text: str, template: str) -> list[str]:
    """Spanish phrases of the document's templates that the English document still prints itself.

    The copies share their records (titles, names, texts stored when votes closed), which may hold
    the same Spanish words; so only phrases of three words or more count, and only if the English
    document shows them as often as the Spanish one, where the template printed them too.
    """
    found = []
    for english, spanish, files in CATALOGUE:
        if english == spanish or not files & {template, "base.html.j2"}:
            continue
        for fragment in _fragments(spanish):
            if fragment in english or len(fragment.split()) < 3:
                continue
            pattern = r"(?<!\w)" + re.escape(fragment) + r"(?!\w)"
            in_spanish = len(re.findall(pattern, spanish_text))
            if in_spanish and len(re.findall(pattern, text)) >= in_spanish:
                found.append(fragment)
    return sorted(set(found))


# --- the documents ------------------------------------------------------------------------------


@pytest.mark.parametrize("name", DOCUMENTS)
def test_document_of_a_spanish_cooperative_is_all_spanish(demo: str, tmp_path: Path, name: str) -> None:
    html = print_document(demo, name, tmp_path)
    assert '<html lang="es"' in html
    text = visible_text(html)
    assert english_left_in(text, DOCUMENTS[name][0]) == []
    assert not re.search(
        r"\b(January|February|March|April|May|June|July|August|September|October|"
        r"November|December)\b",
        text,
    )
    assert re.search(r"\b\d{2}/\d{2}/20\d{2}\b", text), "no date written as 25/11/2026"


@pytest.mark.parametrize(
    "name",
    [n for n in DOCUMENTS],
)
def test_document_stays_in_the_cooperative_language_whoever_prints_it(
    demo: str, tmp_path: Path, name: str
) -> None:
    spanish = print_document(demo, name, tmp_path)
    assert print_document(demo, name, tmp_path, "--lang", "en") == spanish
    result = coop(
        demo,
        "--lang",
        "en",
        *[str(tmp_path / "again.html") if p == "FILE" else p for p in DOCUMENTS[name][1]],
    )
    assert result.stdout.startswith("Wrote "), "the message about the file is in the reader's language"


FROZEN = {"approved minutes", "plan report"}  # printed from the snapshot stored at approval


@pytest.mark.parametrize("name", DOCUMENTS)
def test_document_of_an_english_cooperative_is_english(
    demo: str, english_demo: str, tmp_path: Path, name: str
) -> None:
    template = DOCUMENTS[name][0]
    spanish = print_document(demo, name, tmp_path)
    html = print_document(english_demo, name, tmp_path, "--lang", "es")
    if name in FROZEN:
        # An approved document keeps the words it was approved with, in the language of that day.
        assert '<html lang="es"' in html
        return
    assert '<html lang="en"' in html
    text = visible_text(html)
    assert spanish_left_in(text, visible_text(spanish), template) == []
    months = "January|February|March|April|May|June|July|August|September|October|November|December"
    assert re.search(rf"\b\d{{1,2}} ({months}) 20\d{{2}}\b", text), "no date written as 25 November 2026"


def _seconded_motion(url: str, *flags: str) -> str:
    """A motion "Prueba" proposed by 0003 at the open assembly 2 and seconded by 0004; its id."""
    proposed = coop(
        url,
        *flags,
        "motion",
        "propose",
        "2",
        "--title",
        "Prueba",
        "--text",
        "Texto.",
        "--by",
        "0003",
        "--format",
        "json",
    )
    motion = str(json.loads(proposed.stdout)["id"])
    coop(url, *flags, "motion", "second", motion, "--by", "0004")
    return motion


def _slips(url: str, out: Path, *flags: str) -> str:
    """Open a secret vote on a new motion at the open assembly 2 and print its voting slips."""
    motion = _seconded_motion(url, "--as", "0001")
    coop(url, "--as", "0001", "motion", "open-vote", motion, "--method", "secret")
    coop(url, "--as", "0001", *flags, "ballot", "codes", f"motion:{motion}", "--out", str(out))
    return out.read_text(encoding="utf-8")


def test_voting_slips_in_both_languages(demo: str, english_demo: str, tmp_path: Path) -> None:
    spanish = _slips(demo, tmp_path / "slips-es.html")
    assert '<html lang="es"' in spanish
    text = visible_text(spanish)
    assert english_left_in(text, "ballot_slips.html.j2") == []
    assert "Papeleta de votación" in text and ", asamblea 2" in text
    english = _slips(english_demo, tmp_path / "slips-en.html", "--lang", "es")
    assert '<html lang="en"' in english
    assert spanish_left_in(visible_text(english), text, "ballot_slips.html.j2") == []
    assert "Voting slip" in visible_text(english)


def test_voting_slips_stay_in_the_cooperative_language_whoever_prints_them(demo: str, tmp_path: Path) -> None:
    text = visible_text(_slips(demo, tmp_path / "slips.html", "--lang", "en"))
    assert ", assembly 2" not in text and ", asamblea 2" in text


def test_minutes_of_votes_taken_by_an_english_reader_are_spanish(demo: str, tmp_path: Path) -> None:
    db.engine_for(demo).dispose()
    path = tmp_path / "coop.db"
    shutil.copyfile(db.engine_for(demo).url.database or "", path)
    url = db.resolve_url(str(path))
    english = ("--as", "0001", "--lang", "en")
    motion = _seconded_motion(url, *english)
    coop(url, *english, "motion", "open-vote", motion, "--method", "show-of-hands")
    coop(url, *english, "motion", "hand-count", motion, "--yes", "30", "--no", "2")
    coop(url, *english, "motion", "close", motion)
    html = print_document(url, "draft minutes", tmp_path)
    db.engine_for(url).dispose()
    assert english_left_in(visible_text(html), "minutes.html.j2") == []


def test_rendering_switches_language_and_restores_it(tmp_path: Path) -> None:
    import dataclasses

    from coop.testing.minutes import sample_minutes

    minutes = dataclasses.replace(sample_minutes(), language="es")
    assert i18n.current_language() == "en"
    html = render.render_html("minutes.html.j2", minutes=minutes)
    assert "Acta" in html or "BORRADOR" in html
    assert i18n.current_language() == "en"
    english = render.render_html("minutes.html.j2", minutes=minutes, language="en")
    assert "DRAFT" in english and "BORRADOR" not in english
    with i18n.using("es"):
        written = render.write_document(tmp_path / "m.html", "minutes.html.j2", minutes=sample_minutes())
        assert i18n.current_language() == "es"
    assert "DRAFT" in written.read_text(encoding="utf-8")  # the model's language (en), not the messages'


# --- dates and numbers --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "language", "expected"),
    [
        (date(2026, 11, 25), "en", "25 November 2026"),
        (date(2026, 11, 25), "es", "25/11/2026"),
        (date(2027, 1, 5), "en", "5 January 2027"),
        (date(2027, 1, 5), "es", "05/01/2027"),
        (datetime(2026, 3, 9, 18, 30), "es", "09/03/2026"),
    ],
)
def test_dates_per_language(day: date, language: str, expected: str) -> None:
    assert format_date(day, language) == expected


@pytest.mark.parametrize(
    ("value", "language", "places", "expected"),
    [
        (Decimal("1234.5"), "en", None, "1,234.5"),
        (Decimal("1234.5"), "es", None, "1.234,5"),
        (1234567, "en", None, "1,234,567"),
        (1234567, "es", None, "1.234.567"),
        (Decimal("0.125"), "es", 2, "0,12"),
        (Decimal("4500000"), "es", 2, "4.500.000,00"),
        (12.5, "en", 1, "12.5"),
        (12.5, "es", 1, "12,5"),
    ],
)
def test_numbers_per_language(
    value: Decimal | int | float, language: str, places: int | None, expected: str
) -> None:
    assert format_number(value, language, places) == expected


def test_formatting_defaults_to_the_language_in_use() -> None:
    assert format_date(date(2026, 11, 25)) == "25 November 2026"
    assert format_number(Decimal("1234.5")) == "1,234.5"
    with i18n.using("es"):
        assert format_date(date(2026, 11, 25)) == "25/11/2026"
        assert format_number(Decimal("1234.5")) == "1.234,5"
