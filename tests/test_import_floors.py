"""Modules low in the house import nothing above them, even inside a function.

A loop between modules (db translates with i18n, i18n read the language through the members'
models, the models stand on db) means no module of the loop can be read, tested or loaded on
its own; and a loop between two report modules means neither is the one that owns the work.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import coop

COOP = Path(coop.__file__).parent


def _imports(module: str) -> set[str]:
    path = COOP.joinpath(*module.split(".")[1:]).with_suffix(".py")
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found |= {f"{node.module}.{alias.name}" for alias in node.names}
    return found


@pytest.mark.parametrize(
    ("module", "above_it"),
    [
        ("coop.i18n", ("coop.members", "coop.models", "coop.db")),
        ("coop.db", ("coop.members", "coop.models")),
        ("coop.reports.pdf", ("coop.reports.render",)),
    ],
)
def test_a_low_module_imports_nothing_above_it(module: str, above_it: tuple[str, ...]) -> None:
    upward = sorted(name for name in _imports(module) if name.startswith(above_it))
    assert upward == [], f"{module} imports {upward}, which stand above it"


def test_the_database_layer_loads_no_module_by_name() -> None:
    """db.py must not load the models through importlib either: that hides the same loop."""
    assert "import_module" not in (COOP / "db.py").read_text(encoding="utf-8")
