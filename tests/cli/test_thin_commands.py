"""The member, assembly, motion, election, ballot and audit commands run no query of their own:
a command body parses, makes one service or view call and prints. Queries live in the domains.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import coop.cli

CLI = Path(coop.cli.__file__).parent
# The command modules this test watches (plans and training have their own).
THIN_MODULES = sorted(
    [
        *CLI.glob("assemblies/*.py"),
        *CLI.glob("ballots/*.py"),
        *(CLI / name for name in ("members.py", "elections.py", "votes.py", "audit.py", "bylaws.py")),
        *(CLI / name for name in ("cooperative.py", "output.py", "options.py")),
    ]
)
QUERY = re.compile(r"\bselect\(|\bsession\.(execute|scalars?|get|query)\(")


@pytest.mark.parametrize("module", THIN_MODULES, ids=lambda path: str(path.relative_to(CLI)))
def test_a_command_module_runs_no_query(module: Path) -> None:
    found = [
        f"{module.name}:{number}: {line.strip()}"
        for number, line in enumerate(module.read_text(encoding="utf-8").splitlines(), start=1)
        if QUERY.search(line)
    ]
    assert found == [], "queries belong in a service or a view: " + "; ".join(found)
