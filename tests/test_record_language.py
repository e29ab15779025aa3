"""What is stored in the record is in the cooperative's language, whoever operates coop.

Motion titles and texts, vote titles, quorum statements, skill categories, audit descriptions and
snapshots end up in minutes, approved plans and a lawyer's hands: a Spanish cooperative's record
is Spanish even when its secretary reads messages in English, and an English one's is English.

The check is a comparison: the same work done by an operator reading English and by one reading
Spanish must leave exactly the same record behind (only random values are left out).
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import inspect, text
from typer.testing import CliRunner

from coop import db, i18n
from coop.reports import render
from tests.factories.context import FIXED_NOW
from tests.factories.programs import CLEAN_ENV

# Random by design: secret ballots (random ids, shuffled), and what is derived from them
# (hashes of the audit chain and of snapshots, digests of ballot boxes, tie-break seeds, the
# peppers that hide voting codes).
RANDOM_TABLES = {"secret_ballots", "voting_codes", "alembic_version"}
RANDOM_KEYS = ("hash", "digest", "seed", "anchor", "tracker", "pepper")


def _is_random(name: str) -> bool:
    return any(part in name for part in RANDOM_KEYS)


def _texts(value: Any, where: str, into: dict[str, str]) -> None:
    """Every string in ``value``, a JSON document read from a column, by its path in it."""
    if isinstance(value, dict):
        for key, item in value.items():
            if not _is_random(str(key)):
                _texts(item, f"{where}.{key}", into)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _texts(item, f"{where}[{index}]", into)
    elif isinstance(value, str):
        into[where] = value


def stored_texts(url: str) -> dict[str, str]:
    """Every text in the database, by table, column, row and path inside stored JSON."""
    engine = db.engine_for(url)
    found: dict[str, str] = {}
    with engine.connect() as connection:
        for table in sorted(set(inspect(connection).get_table_names()) - RANDOM_TABLES):
            rows = connection.execute(text(f'SELECT * FROM "{table}" ORDER BY 1')).mappings().all()
            for number, row in enumerate(rows):
                for column, value in row.items():
                    if not isinstance(value, str) or _is_random(column):
                        continue
                    where = f"{table}[{number}].{column}"
                    try:
                        document = json.loads(value)
                    except ValueError:
                        found[where] = value
                        continue
                    _texts(document, where, found)
    engine.dispose()
    return found


def differences(english_operator: dict[str, str], spanish_operator: dict[str, str]) -> list[str]:
    places = sorted(english_operator.keys() | spanish_operator.keys())
    return [
        f"{place}: {english_operator.get(place)!r} / {spanish_operator.get(place)!r}"
        for place in places
        if english_operator.get(place) != spanish_operator.get(place)
    ]


def coop(url: str, *args: str, operator: str) -> str:
    from coop.cli.main import app

    result = CliRunner().invoke(app, ["--db", url, *args], env={**CLEAN_ENV, "COOP_LANG": operator})
    assert result.exit_code == 0, (args, result.output, result.stderr)
    return result.stdout


# --- the demo cooperative -----------------------------------------------------------------------


def _build_demo(folder: Path, operator: str) -> str:
    from coop.demo import build_demo, demo_database_path

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(render, "html_to_pdf", lambda html: b"%PDF-1.7\n")  # the record is the point
        with i18n.using(operator):  # as `COOP_LANG=<operator> coop demo` runs
            build_demo(folder, now=FIXED_NOW)
    url = db.resolve_url(str(demo_database_path(folder)))
    db.engine_for(url).dispose()
    return url


@pytest.fixture(scope="module")
def demos(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """The demo cooperative (Spanish) built twice: by an operator reading English, and Spanish."""
    urls = {
        operator: _build_demo(tmp_path_factory.mktemp(f"demo-{operator}"), operator)
        for operator in ("en", "es")
    }
    yield urls
    for url in urls.values():
        db.engine_for(url).dispose()


def test_the_demo_record_is_the_same_whoever_builds_it(demos: dict[str, str]) -> None:
    english, spanish = stored_texts(demos["en"]), stored_texts(demos["es"])
    assert differences(english, spanish) == []
    titles = [
        value for place, value in spanish.items() if place.startswith("votes[") and place.endswith(".title")
    ]
    assert "Enmienda 1.1 (Tope de gasto)" in titles


# --- work done after the demo, in a Spanish and in an English cooperative -----------------------


def _copy(url: str, folder: Path, language: str) -> str:
    db.engine_for(url).dispose()
    path = folder / "coop.db"
    shutil.copyfile(db.engine_for(url).url.database or "", path)
    copy = db.resolve_url(str(path))
    if language != "es":  # the demo cooperative's documents are in Spanish; a secretary switches them
        coop(copy, "--as", "0001", "cooperative", "language", language, operator=language)
    return copy


def _work(url: str, operator: str) -> None:
    """A day's work that writes words into the record: motions, an amendment, votes, a plan, skills."""

    def run(*args: str) -> str:
        return coop(url, "--as", "0001", *args, operator=operator)

    def planner(*args: str) -> str:
        return coop(url, "--as", "0002", *args, operator=operator)

    def newest_motion() -> str:
        return str(max(m["id"] for m in json.loads(run("motion", "list", "2", "--format", "json"))))

    # A motion and an amendment without a title of its own; the amendment goes to a vote and closes.
    run("motion", "propose", "2", "--title", "Horario", "--text", "Texto.", "--by", "0003")
    run("motion", "amend", newest_motion(), "--text", "Otro texto.", "--by", "0004")
    amendment = newest_motion()
    run("motion", "second", amendment, "--by", "0005")
    run("motion", "open-vote", amendment, "--method", "show-of-hands")
    run("motion", "hand-count", amendment, "--yes", "30", "--no", "2")
    run("motion", "close", amendment)
    # A production plan, its findings acknowledged, put before the assembly and approved.
    planner("plan", "revise", "1")
    for finding in json.loads(planner("plan", "check", "2", "--format", "json")):
        if finding["blocks_submission"]:
            planner("plan", "acknowledge", "2", finding["key"], "--reason", "Se acepta.")
    planner("plan", "submit", "2")
    planner("plan", "propose-approval", "2", "--assembly", "2")
    proposal = newest_motion()
    run("motion", "second", proposal, "--by", "0005")
    run("motion", "open-vote", proposal, "--method", "show-of-hands")
    run("motion", "hand-count", proposal, "--yes", "30", "--no", "2")
    run("motion", "close", proposal)
    # An election held outside an assembly: open to every active member.
    run("election", "create", "--title", "Síndico 2027", "-c", "0003", "-c", "0004")
    run("election", "open", "4")
    # A skill without a category, and a bylaw preset adopted.
    run("skill", "add", "PALET", "Autoelevador")
    run("bylaws", "preset", "apply", "robert")


@pytest.mark.parametrize("language", ["es", "en"])
def test_work_is_recorded_in_the_cooperative_language_whoever_does_it(
    demos: dict[str, str], tmp_path: Path, language: str
) -> None:
    records = {}
    for operator in ("en", "es"):
        folder = tmp_path / operator
        folder.mkdir()
        url = _copy(demos["es"], folder, language)
        _work(url, operator)
        records[operator] = stored_texts(url)
    assert differences(records["en"], records["es"]) == []
    stored = set(records["en"].values())
    expected = {
        "es": ("Plan de producción Primer trimestre, versión 2", "Enmienda a Horario", "General"),
        "en": ("Production plan Primer trimestre, version 2", "Amendment to Horario", "General"),
    }[language]
    assert set(expected) <= stored
    statement = {"es": "Abierta a los 59 asociados activos.", "en": "Open to all 59 active members."}[
        language
    ]
    assert statement in stored
