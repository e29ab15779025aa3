"""Imports point down only: every module of coop stands on a floor and imports nothing above it.

The floors, lowest first, are written once in ``FLOORS``. A module may import its own package and
any package on a lower floor; never one beside it, never one above, not inside a function, not
under ``if TYPE_CHECKING:`` and not through ``importlib.import_module("coop....")``. Where a lower
domain must react to a higher one, the higher one subscribes to an event in ``coop.events``.

A loop between modules (db translates with i18n, i18n read the language through the members'
models, the models stand on db) means no module of the loop can be read, tested or loaded on
its own; and a loop between two report modules means neither is the one that owns the work.
"""

from __future__ import annotations

import graphlib
from collections import defaultdict
from pathlib import Path

import pytest

import coop
from tests.imports import imported_names

COOP = Path(coop.__file__).parent

# Each row is one floor, the lowest first: the top-level modules and packages of coop standing on
# it. "coop" is the package's own __init__.
FLOORS: tuple[tuple[str, ...], ...] = (
    # import nothing from coop: errors, messages, packaged files, number and column kinds, the
    # view models' base, the Spanish headings of import files
    ("coop", "errors", "i18n", "resources", "events", "numbers", "columns", "views", "csvheadings"),
    # refusals cut to a screenful
    ("messages",),
    # typed input, files, the database; the words people read and type for stored values
    ("formatting", "parsing", "csvfiles", "db", "locale", "vocabulary"),
    # the database layer's own records and copies; views as people read them; records found by code or name
    ("audit", "backup", "display", "lookup"),
    # pure vocabularies of the bylaws; the documents' view models and their rendering (the domains
    # fill the view models, so reports imports no domain)
    # the returning officer's keys (sealing ballots, signing checkpoints of the chain)
    ("rules", "reports", "audit_views", "changes", "keys"),
    ("members",),
    ("votes", "training", "access"),  # beside each other: none imports another
    ("assemblies",),  # motions are decided by a vote
    ("plans",),  # approved through a motion; reads training
    # what the plant must learn (reads the plans' load and the training records); demand and the
    # master production schedule (read the plans' products and what closed plans made)
    ("training_plan", "master"),
    ("models",),  # every table in one place, for Alembic and the schema tests
    ("api",),  # the documented Python API over the services
    ("demo", "testing"),  # the demo cooperative, built through the services; sample data for tests
    ("cli",),
)
FLOOR = {name: level for level, row in enumerate(FLOORS) for name in row}


def _module_files() -> dict[str, Path]:
    """Every module of coop by dotted name (a package by its own name, for its __init__)."""
    modules = {}
    for path in sorted(COOP.rglob("*.py")):
        parts = ("coop", *path.relative_to(COOP).with_suffix("").parts)
        modules[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return modules


MODULES = _module_files()


def _coop_module(name: str) -> str | None:
    """The module of coop that an imported name loads: the longest prefix that is a module."""
    while name and name not in MODULES:
        name = name.rpartition(".")[0]
    return name or None


def _package(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "coop"


def _import_graph() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {}
    for module, path in MODULES.items():
        targets = {_coop_module(name) for name in imported_names(path) if name.startswith("coop")}
        graph[module] = {target for target in targets if target and target != module}
    return graph


GRAPH = _import_graph()


def test_every_package_of_coop_stands_on_a_floor() -> None:
    unplaced = sorted({_package(module) for module in MODULES} - FLOOR.keys())
    assert unplaced == [], f"put {unplaced} on a floor in FLOORS"


def test_no_import_points_up_or_beside() -> None:
    wrong = [
        f"{module} imports {target} ({_package(target)} is not below {_package(module)})"
        for module, targets in sorted(GRAPH.items())
        for target in sorted(targets)
        if _package(target) != _package(module) and FLOOR[_package(target)] >= FLOOR[_package(module)]
    ]
    assert wrong == []


def _cycle(graph: dict[str, set[str]]) -> list[str]:
    try:
        graphlib.TopologicalSorter(graph).prepare()
    except graphlib.CycleError as error:
        return list(error.args[1])
    return []


def test_no_cycle_between_modules() -> None:
    assert _cycle(GRAPH) == []


def test_no_cycle_between_packages() -> None:
    packages: dict[str, set[str]] = defaultdict(set)
    for module, targets in GRAPH.items():
        packages[_package(module)] |= {_package(t) for t in targets if _package(t) != _package(module)}
    assert _cycle(packages) == []


@pytest.mark.parametrize(
    ("module", "above_it"),
    [
        ("coop.i18n", ("coop.members", "coop.models", "coop.db")),
        ("coop.db", ("coop.members", "coop.models")),
        ("coop.reports.pdf", ("coop.reports.render",)),
    ],
)
def test_a_low_module_imports_nothing_above_it(module: str, above_it: tuple[str, ...]) -> None:
    upward = sorted(name for name in imported_names(MODULES[module]) if name.startswith(above_it))
    assert upward == [], f"{module} imports {upward}, which stand above it"


def test_the_database_layer_loads_no_module_by_name() -> None:
    """db.py must not load the models through importlib either: that hides the same loop."""
    assert "import_module" not in (COOP / "db.py").read_text(encoding="utf-8")
