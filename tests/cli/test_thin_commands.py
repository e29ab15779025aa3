"""No command module runs a query of its own: a command body parses, makes one service or view
call and prints. Queries live in the domains (their services and views.py).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import coop.cli

CLI = Path(coop.cli.__file__).parent
THIN_MODULES = sorted(CLI.rglob("*.py"))

# A query written in the CLI: SQLAlchemy's select(), or a session asked for rows directly.
QUERY = re.compile(r"\bselect\(|\bsession\.(execute|scalars?|get|query)\(")


@pytest.mark.parametrize("module", THIN_MODULES, ids=lambda path: str(path.relative_to(CLI)))
def test_a_command_module_runs_no_query(module: Path) -> None:
    found = [
        f"{module.name}:{number}: {line.strip()}"
        for number, line in enumerate(module.read_text(encoding="utf-8").splitlines(), start=1)
        if QUERY.search(line)
    ]
    assert found == [], "queries belong in a service or a view: " + "; ".join(found)


def test_the_query_pattern_finds_queries() -> None:
    assert QUERY.search("rows = session.scalars(select(Plan))")
    assert QUERY.search("found = session.get(Plan, 3)")
    assert QUERY.search("one = session.scalar(query)")
    assert not QUERY.search("rows = list_plans(session)")
