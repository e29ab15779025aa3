"""The planning and training commands run no queries: a command body parses, calls a service
or a view, and prints; what it reads comes from ``coop.plans`` and ``coop.training``.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import coop

CLI = Path(coop.__file__).parent / "cli"
THIN_MODULES = sorted([*CLI.glob("plans/*.py"), *CLI.glob("training/*.py"), CLI / "commands.py"])

# A query written in the CLI: SQLAlchemy's select(), or a session asked for rows directly.
QUERY = re.compile(r"\bselect\(|\bsession\.(execute|scalars|scalar|get|query)\(")


@pytest.mark.parametrize("module", THIN_MODULES, ids=lambda path: f"{path.parent.name}/{path.name}")
def test_command_module_runs_no_query(module: Path) -> None:
    queries = [
        f"{module.name}:{number}: {line.strip()}"
        for number, line in enumerate(module.read_text(encoding="utf-8").splitlines(), start=1)
        if QUERY.search(line)
    ]
    assert queries == [], "move these reads into a service or a view:\n" + "\n".join(queries)


def test_the_query_pattern_finds_queries() -> None:
    assert QUERY.search("rows = session.scalars(select(Plan))")
    assert QUERY.search("found = session.get(Plan, 3)")
    assert not QUERY.search("rows = list_plans(session)")
