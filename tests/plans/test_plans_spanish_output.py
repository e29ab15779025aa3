"""What a Spanish-speaking coordinator reads from the planning commands, on the demo cooperative.

Every table and show prints labels, headings and numbers in Spanish: no stored English value
(``approved``, ``blocking``, ``whole plant``) and no raw key (``status_label``, ``hours_per_week``)
reaches the screen. ``--format json`` keeps the keys and English values scripts have always read.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pytest
from typer.testing import CliRunner

from coop import db, i18n
from coop.reports import render
from tests.factories.context import FIXED_NOW
from tests.factories.programs import CLEAN_ENV

# The planning domain's stored values and the English labels people used to read for them.
ENGLISH_VALUES = [
    "draft",
    "submitted",
    "approved",
    "rejected",
    "in_progress",
    "in progress",
    "closed",
    "submitted to the assembly",
    "approved by the assembly",
    "blocking",
    "warning",
    "info",
    "note",
    "overload",
    "high_load",
    "high load",
    "shortage",
    "crew_gap",
    "certification_expiring",
    "skills_not_checked",
    "no_routing",
    "added",
    "removed",
    "changed",
    "whole plant",
    "yes",
    "true",
    "false",
    "None",
]
# A work centre's hours in its JSON, in their order, as scripts read them.
CENTRE_KEYS = [
    "hours_per_shift",
    "shifts_per_day",
    "working_days",
    "parallel",
    "efficiency_pct",
    "hours_per_week",
]
# The keys of a plan's JSON, in their order, as scripts read them from plan list.
PLAN_KEYS = [
    "id",
    "name",
    "version",
    "status",
    "period_start",
    "period_end",
    "lines",
    "predecessor_id",
    "revised_by",
    "approval_motion_id",
    "created_by",
    "created_at",
    "submitted_at",
    "decided_at",
    "started_at",
    "closed_at",
    "approved_hash",
]
# The keys of the planning views' JSON, and English headings a table once printed as they were.
RAW_KEYS = [
    "code",
    "name",
    "unit",
    "stock",
    "counted_on",
    "bom",
    "component",
    "scrap_pct",
    "materials_per_unit",
    "routings",
    "closures",
    "centre",
    *CENTRE_KEYS,
    "work_centre",
    "minutes_per_unit",
    "crew_size",
    "skill",
    "skill_level",
    "date",
    "reason",
    *PLAN_KEYS,
    "status_label",
    "line_items",
    "versions",
    "acknowledgements",
    "acknowledged",
    "line",
    "product",
    "product_name",
    "quantity",
    "due_week",
    "priority",
    "actual_quantity",
    "key",
    "severity",
    "message",
    "change",
    "quantity_a",
    "quantity_b",
    "priority_a",
    "priority_b",
    "Revises",
    "Drafted",
    "Submitted",
    "Decided",
    "Started",
    "Fingerprint",
    "Component",
    "Scrap",
    "Bill of materials",
    "Coming closures",
    "Acknowledged",
]
# A finding's key (``overload:HORNO-T:2027-W02``) is an identifier the operator types back to
# acknowledge it, not a word to read: a word joined to others by ``-``, ``_`` or ``:`` is part of one.
ENGLISH = re.compile(
    r"(?<![\w:-])(" + "|".join(re.escape(word) for word in ENGLISH_VALUES + RAW_KEYS) + r")(?![\w:-])",
    re.IGNORECASE,
)

COMMANDS = [
    ("product", "list"),
    ("product", "show", "BALD-3030"),  # made: a bill of materials, materials for a unit, routings
    ("product", "show", "PIG-GRIS"),  # a material: its stock
    ("material", "list"),
    ("workcentre", "list"),
    ("workcentre", "show", "HORNO-T"),
    ("workcentre", "closures"),  # closures of the whole plant among them
    ("workcentre", "routing", "list"),
    ("plan", "list"),
    ("plan", "show", "1"),  # approved, with acknowledged findings
    ("plan", "show", "2"),  # a draft revision
    ("plan", "check", "1"),
    ("plan", "check", "2"),  # a revision: a finding no longer acknowledged for its new figures
    ("plan", "diff", "1", "2"),  # a line added, one removed, one changed, the name
]


def coop(url: str, *args: str) -> str:
    from coop.cli.main import app

    result = CliRunner().invoke(app, ["--db", url, *args], env=CLEAN_ENV)
    assert result.exit_code == 0, (args, result.output, result.stderr)
    return result.stdout


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The demo cooperative, with plan 2 revising plan 1: a line removed, one added, two changed."""
    from coop.demo import build_demo, demo_database_path

    directory = tmp_path_factory.mktemp("demo")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(render, "html_to_pdf", lambda html: b"%PDF-1.7\n")  # the plan's PDF is not read here
        with i18n.using("es"):
            build_demo(directory, now=FIXED_NOW)
    url = db.resolve_url(str(demo_database_path(directory)))
    plan = json.loads(coop(url, "plan", "show", "1", "--format", "json"))
    first, last = plan["period_start"], plan["period_end"]
    coordinator = ("--as", "0002")
    coop(url, *coordinator, "plan", "revise", "1", "--name", "Primer trimestre bis")
    coop(url, *coordinator, "plan", "line", "remove", "2", "1")
    coop(url, *coordinator, "plan", "line", "add", "2", "PORC-4545", "2500", first)
    coop(url, *coordinator, "plan", "line", "add", "2", "ESM-GRIS", "100", first)
    coop(url, *coordinator, "plan", "line", "add", "2", "BALD-3030", "1500,5", last, "--priority", "3")
    yield url
    db.engine_for(url).dispose()


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_a_spanish_table_or_show_has_no_english_value_or_raw_key(demo: str, command: tuple[str, ...]) -> None:
    shown = coop(demo, "--lang", "es", *command)
    found = sorted({match.group(0) for match in ENGLISH.finditer(shown)})
    assert found == [], f"{' '.join(command)} shows English words {found}:\n{shown}"


def test_spanish_tables_read_labels_and_numbers_the_spanish_way(demo: str) -> None:
    assert "aprobado por la asamblea" in coop(demo, "--lang", "es", "plan", "list")
    shown = coop(demo, "--lang", "es", "plan", "show", "2")
    assert "Estado" in shown and "borrador" in shown and "Revisa" in shown
    assert re.search(r"BALD-3030 .* 1\.500,5 ", shown)  # the line added, in its unit's quantity
    check = coop(demo, "--lang", "es", "plan", "check", "1")
    assert "bloqueante" in check and "131,3 %" in check and "141,8 h" in check
    diff = coop(demo, "--lang", "es", "plan", "diff", "1", "2")
    assert {"agregada", "quitada", "modificada"} <= set(diff.split())
    assert "Nombre: Primer trimestre → Primer trimestre bis" in diff
    assert "toda la planta" in coop(demo, "--lang", "es", "workcentre", "closures")
    materials = coop(demo, "--lang", "es", "material", "list")
    assert re.search(r"ARC-ROJA .* 1\.500\.000 ", materials)  # not 1.500.000,0000
    centres = coop(demo, "--lang", "es", "workcentre", "show", "HORNO-T")
    assert re.search(r"h/semana +151,2", centres) and "Próximos cierres" in centres


def test_an_english_table_reads_the_english_labels_not_the_stored_values(demo: str) -> None:
    diff = coop(demo, "--lang", "en", "plan", "diff", "1", "2")
    assert {"added", "removed", "changed"} <= set(diff.split())
    assert "  Name: Primer trimestre → Primer trimestre bis" in diff
    assert "whole plant" in coop(demo, "--lang", "en", "workcentre", "closures")
    assert "1,500.5" in coop(demo, "--lang", "en", "plan", "show", "2")


def _json(url: str, *command: str) -> Any:
    return json.loads(coop(url, "--lang", "es", *command, "--format", "json"))


def test_json_keeps_its_english_keys_and_values_for_scripts(demo: str) -> None:
    plan_keys = PLAN_KEYS
    listed = _json(demo, "plan", "list")
    assert [list(plan) for plan in listed] == [plan_keys, plan_keys]
    assert [plan["status"] for plan in listed] == ["approved", "draft"]

    shown = _json(demo, "plan", "show", "1")
    assert list(shown) == [*plan_keys, "status_label", "note", "versions", "line_items", "acknowledgements"]
    assert shown["status_label"] == "aprobado por la asamblea"  # as it always was: in the reader's words
    assert list(shown["line_items"][0]) == [
        "line",
        "product",
        "product_name",
        "quantity",
        "unit",
        "due_week",
        "priority",
        "actual_quantity",
    ]
    assert list(shown["acknowledgements"][0]) == ["key", "reason", "by", "at"]
    assert _json(demo, "plan", "show", "2")["line_items"][-1]["quantity"] == "1500.5"

    findings = _json(demo, "plan", "check", "1")
    blocking = [f for f in findings if f["severity"] == "blocking"]
    assert [(f["severity"], f["code"], f["percent"]) for f in blocking] == [
        ("blocking", "overload", "131.3"),
        ("blocking", "shortage", None),
    ]
    assert [f["acknowledged"] for f in blocking] == [True, True]
    # the departures from the master plan the assembly chose are warnings, in English for scripts
    assert {(f["severity"], f["code"]) for f in findings if f not in blocking} <= {
        ("warning", "master_departure")
    }

    diff = _json(demo, "plan", "diff", "1", "2")
    assert list(diff) == ["a", "b", "fields", "lines", "unchanged_lines"]
    assert diff["fields"] == [{"field": "name", "a": "Primer trimestre", "b": "Primer trimestre bis"}]
    assert [line["change"] for line in diff["lines"]] == ["removed", "added", "changed", "changed"]
    grown = diff["lines"][-1]
    assert Decimal(grown["quantity_b"]) - Decimal(grown["quantity_a"]) == Decimal("1500.5")
    assert grown["quantity_b"].endswith(".5") and grown["quantity_a"].isdigit()

    closures = _json(demo, "workcentre", "closures")
    assert {tuple(c) for c in closures} == {("date", "work_centre", "reason")}
    assert None in [c["work_centre"] for c in closures]  # the whole plant, as scripts have read it

    centre = _json(demo, "workcentre", "show", "HORNO-T")
    assert list(centre) == [
        "code",
        "name",
        *CENTRE_KEYS,
        "closures",
        "routings",
        "required_skills",
    ]
    assert (centre["hours_per_shift"], centre["hours_per_week"]) == ("8", "151.2")

    product = _json(demo, "product", "show", "BALD-3030")
    assert list(product) == ["code", "name", "unit", "material", "bom", "materials_per_unit", "routings"]
    assert product["materials_per_unit"][0] == {"material": "ARC-ROJA", "quantity": "19.0944", "unit": "kg"}
    assert product["bom"][0] == {"component": "BIZ-3030", "quantity": "1", "unit": "m²", "scrap_pct": "4"}
    assert _json(demo, "product", "show", "PIG-GRIS")["stock"] == "450"
    material = _json(demo, "material", "list")[0]
    assert list(material) == ["code", "name", "unit", "stock", "counted_on"]
    assert (material["code"], material["stock"]) == ("ARC-BLANCA", "520000")
