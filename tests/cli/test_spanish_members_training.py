"""Members, bylaws and training as a Spanish reader meets them: every table and show of the demo
cooperative prints labels, not the English values coop stores nor raw JSON keys; and the JSON of the
same commands keeps those stored values and keys (the scripting contract)."""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from coop import db, i18n, vocabulary
from coop.members.bylaws import BYLAW_DEFINITIONS
from coop.members.models import Role
from coop.reports import render
from coop.rules.decisions import DecisionRule, TieRule
from coop.rules.terms import TermRole
from coop.training.coverage import CoverageStatus, Level
from coop.training.models import SessionKind
from tests.factories.context import FIXED_NOW
from tests.factories.programs import CLEAN_ENV

DOMAIN_ENUMS = (Role, TermRole, SessionKind, CoverageStatus, Level, DecisionRule, TieRule)

# Keys of this domain's JSON that a show once printed as they are.
RAW_KEYS = [
    "level_label",
    "lapsed_level",
    "assessed_on",
    "expires_on",
    "assessed_level",
    "skill_name",
    "outside_trainer",
    "deactivated_on",
    "deactivation_reason",
    "one_absence_away",
    "in_training",
    "qualified_at_horizon",
    "safety_critical",
    "validity_months",
    "minimum_qualified",
    "qualifying_level",
    "starts_on",
    "ends_on",
    "motion_id",
    "within_days",
    "days_left",
    "joined_on",
]


def _english_words() -> list[str]:
    """The stored values of this domain's vocabularies and their English labels and words."""
    words = set(RAW_KEYS)
    with i18n.using("en"):
        for enum in DOMAIN_ENUMS:
            for member in enum:
                words |= {str(member.value), vocabulary.label(member), vocabulary.word(member)}
    return sorted((word.lower() for word in words if not word.isdigit()), key=len, reverse=True)


ENGLISH_WORDS = _english_words()
SNAKE_CASE = re.compile(r"\b[a-z]+(?:_[a-z]+)+\b")
# A bylaw's key is typed as it is (coop bylaws set quorum.second_call_minutes 60), like a command name.
TYPED_NAMES = set(BYLAW_DEFINITIONS)


def english_in(text: str) -> list[str]:
    kept = " ".join(token for token in text.split() if token not in TYPED_NAMES).lower()
    found = set(SNAKE_CASE.findall(kept))
    found |= {word for word in ENGLISH_WORDS if re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", kept)}
    return sorted(found)


def _spanish_demo(folder: Path) -> str:
    from coop.demo import build_demo, demo_database_path

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(render, "html_to_pdf", lambda html: b"%PDF-1.7\n")  # the screens are the point
        with i18n.using("es"):
            build_demo(folder, now=FIXED_NOW)
    return db.resolve_url(str(demo_database_path(folder)))


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    url = _spanish_demo(tmp_path_factory.mktemp("demo"))
    yield url
    db.engine_for(url).dispose()


def run(url: str, *args: str, language: str = "es") -> str:
    from coop.cli.main import app

    result = CliRunner().invoke(
        app, ["--db", url, "--as", "0001", *args], env={**CLEAN_ENV, "COOP_LANG": language}
    )
    assert result.exit_code == 0, (args, result.output, result.stderr)
    return result.stdout


# Every reading of this domain is walked in Spanish by tests/cli/test_spanish_everywhere.py.


def test_a_show_prints_labels_where_json_keeps_the_stored_values(demo: str) -> None:
    shown = run(demo, "member", "show", "0002")
    assert "Roles" in shown and "coordinador, asociado, capacitador" in shown
    assert "Nivel: puede capacitar" in shown and "level_label" not in shown
    data = json.loads(run(demo, "member", "show", "0002", "--format", "json"))
    assert data["roles"] == ["coordinator", "member", "trainer"]
    skill = data["skills"][0]
    assert list(skill) == [
        "skill",
        "name",
        "level",
        "level_label",
        "assessed_on",
        "expires_on",
        "expired",
        "lapsed_level",
    ]
    assert skill["level"] == 4 and skill["level_label"] == "puede capacitar"

    session = run(demo, "training", "show", "1")
    assert re.search(r"Tipo\s+teoría", session) and re.search(r"Horas\s+4,00", session)
    session_data = json.loads(run(demo, "training", "show", "1", "--format", "json"))
    assert session_data["kind"] == "theory" and session_data["hours"] == "4.00"
    assert list(session_data["attendance"][0]) == ["member", "number", "present", "hours", "assessed_level"]

    skill_sheet = json.loads(run(demo, "skill", "show", "HOR-QUEM", "--format", "json"))
    assert skill_sheet["coverage"] == "below_minimum" and "por debajo del mínimo" in run(
        demo, "skill", "show", "HOR-QUEM"
    )


def test_listings_keep_their_json_for_scripts(demo: str) -> None:
    members = json.loads(run(demo, "member", "list", "--format", "json"))
    assert list(members[0]) == ["number", "name", "section", "roles", "joined_on", "active"]
    terms = json.loads(run(demo, "rotation", "list", "--format", "json"))
    assert {term["role"] for term in terms} <= {role.value for role in TermRole}
    coverage = json.loads(run(demo, "training", "coverage", "--format", "json"))
    assert {line["status"] for line in coverage} <= {status.value for status in CoverageStatus}
    assert all(isinstance(line["qualified_members"], list) for line in coverage)
    hours = json.loads(run(demo, "training", "hours", "--format", "json"))
    assert all(isinstance(row["hours"], str) and "." in row["hours"] for row in hours["members"])
    lapsing = json.loads(run(demo, "training", "expiring", "--format", "json"))
    assert list(lapsing[0]) == ["within_days", "member", "skill", "level", "expires_on", "days_left"]


def test_the_training_tables_print_numbers_the_spanish_way(demo: str) -> None:
    hours = run(demo, "training", "hours")
    assert re.search(r"\d+,\d\d", hours) and not re.search(r"\d+\.\d\d\b", hours)
    assert "Vence el" in run(demo, "training", "expiring")  # it printed (it failed before)
    assert "por debajo del mínimo" in run(demo, "training", "coverage")


def test_a_bylaw_rule_is_typed_in_the_readers_words(demo: str, tmp_path: Path) -> None:
    copy = tmp_path / "coop.db"
    with sqlite3.connect(demo.removeprefix("sqlite:///")) as source, sqlite3.connect(copy) as target:
        source.backup(target)  # the demo's latest writes may still be in its WAL file
    url = db.resolve_url(str(copy))
    run(url, "bylaws", "set", "tie_rule", "la presidencia de la asamblea desempata")
    run(url, "bylaws", "set", "threshold.ordinary", "Unanimidad")
    rules = {row["key"]: row["value"] for row in json.loads(run(url, "bylaws", "show", "--format", "json"))}
    assert rules["tie_rule"] == "chair_decides" and rules["threshold.ordinary"] == "unanimity"
    db.engine_for(url).dispose()
