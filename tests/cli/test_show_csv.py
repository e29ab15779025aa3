"""``--format csv`` on a command that shows one record: ``field,value`` rows, never the table.

Each show and reconcile command used to print its table for people whatever ``--format csv``
said; a script reading it got aligned text. Here every such command runs on the demo
cooperative and its CSV is checked against its own JSON: one row for every field (a nested
record's fields dotted, a list of records as its JSON text).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator, Mapping
from typing import Any

import pytest
from typer.testing import CliRunner

from coop import db
from coop.cli.main import app
from tests.factories.context import FIXED_NOW
from tests.factories.programs import NO_LANGUAGE


@pytest.fixture(scope="module")
def demo_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    from coop.demo import build_demo, demo_database_path

    folder = tmp_path_factory.mktemp("demo")
    build_demo(folder, now=FIXED_NOW)
    db.dispose_engines()
    return str(demo_database_path(folder))


def _run(url: str, *args: str) -> Any:
    return CliRunner().invoke(
        app, ["--db", url, "--lang", "en", "--as", "0001", *args], env={**NO_LANGUAGE, "COOP_ACTOR": ""}
    )


def _fields(data: Mapping[str, Any], prefix: str = "") -> Iterator[str]:
    for key, value in data.items():
        if isinstance(value, Mapping):
            yield from _fields(value, f"{prefix}{key}.")
        else:
            yield f"{prefix}{key}"


SHOWN = [
    ("member", "show", "0001"),
    ("product", "show", "ARC-BLANCA"),
    ("plan", "show", "1"),
    ("workcentre", "show", "HORNO-T"),
    ("skill", "show", "ESM-LAB"),
    ("training", "show", "1"),
    ("assembly", "show", "1"),
    ("assembly", "quorum", "1"),
    ("assembly", "quorum", "2"),
    ("motion", "show", "1"),
    ("election", "show", "1"),
    ("cooperative", "show"),
    ("ballot", "show", "4"),
    ("ballot", "reconcile", "4"),
]


@pytest.mark.parametrize("command", SHOWN, ids=" ".join)
def test_show_command_prints_csv_as_field_value_rows(demo_url: str, command: tuple[str, ...]) -> None:
    as_json = _run(demo_url, *command, "--format", "json")
    assert as_json.exit_code == 0, as_json.output
    as_csv = _run(demo_url, *command, "--format", "csv")
    assert as_csv.exit_code == 0, as_csv.output
    rows = list(csv.reader(io.StringIO(as_csv.stdout)))
    assert rows[0] == ["field", "value"]
    assert all(len(row) == 2 for row in rows), rows
    data = json.loads(as_json.stdout)
    assert [field for field, _value in rows[1:]] == list(_fields(data))


def test_a_list_of_records_is_one_cell_of_json(demo_url: str) -> None:
    rows = dict(csv.reader(io.StringIO(_run(demo_url, "plan", "show", "1", "--format", "csv").stdout)))
    lines = json.loads(rows["line_items"])
    assert len(lines) == int(rows["lines"]) > 0 and "product" in lines[0]


def test_a_nested_record_is_dotted(demo_url: str) -> None:
    shown = json.loads(_run(demo_url, "motion", "show", "1", "--format", "json").stdout)
    nested = next(key for key, value in shown.items() if isinstance(value, Mapping) and value)
    rows = dict(csv.reader(io.StringIO(_run(demo_url, "motion", "show", "1", "--format", "csv").stdout)))
    assert any(field.startswith(f"{nested}.") for field in rows)


def test_bylaws_show_honours_csv(demo_url: str) -> None:
    rows = list(csv.reader(io.StringIO(_run(demo_url, "bylaws", "show", "--format", "csv").stdout)))
    assert rows[0][:2] == ["key", "value"] and len(rows) > 5
