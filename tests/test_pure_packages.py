"""The pure cores stay pure: plain data in, plain data out, no database, no clock, no chance, no
other coop code than each names below. One table, so that a new pure package (or module) is one row."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest

from tests.imports import imported_names

NO_IO = ("sqlalchemy", "time", "random", "os")

# package, the coop modules it may import, the other modules it may not, whether __init__ counts
PURE_PACKAGES = [
    (
        "coop.rules",
        ("coop.errors", "coop.i18n", "coop.parsing", "coop.rules", "coop.vocabulary"),
        NO_IO,
        True,
    ),
    (
        "coop.plans.capacity",
        # the findings' numbers are written the reader's way (coop.formatting); their severities
        # and kinds have labels (coop.vocabulary)
        (
            "coop.errors",
            "coop.formatting",
            "coop.i18n",
            "coop.numbers",
            "coop.parsing",
            "coop.plans.capacity",
            "coop.vocabulary",
        ),
        NO_IO,
        True,
    ),
    (
        "coop.training.coverage",
        (
            "coop.errors",
            "coop.i18n",
            "coop.numbers",
            "coop.rules.terms",
            "coop.training.coverage",
            "coop.vocabulary",
        ),
        NO_IO,
        True,
    ),
    ("coop.votes.tally", ("coop.errors", "coop.i18n", "coop.votes.tally"), (*NO_IO, "datetime"), True),
    (
        "coop.votes.stv",
        ("coop.errors", "coop.i18n", "coop.votes.stv", "coop.votes.tally.ballots"),
        (*NO_IO, "datetime"),
        True,
    ),
    (
        "coop.votes.thresholds",
        ("coop.errors", "coop.i18n", "coop.rules.decisions", "coop.votes.thresholds"),
        (*NO_IO, "datetime"),
        True,
    ),
    # single modules beside the tally: seats to lists, and the Schulze method
    (
        "coop.votes.lists",
        ("coop.errors", "coop.i18n", "coop.votes.lists", "coop.votes.tally.java_random"),
        (*NO_IO, "datetime"),
        True,
    ),
    (
        "coop.votes.schulze",
        ("coop.errors", "coop.i18n", "coop.votes.schulze", "coop.votes.tally.ballots"),
        (*NO_IO, "datetime"),
        True,
    ),
    ("coop.reports.charts", ("coop.reports.charts",), (*NO_IO, "datetime", "uuid"), True),
    (
        # the builders; the package's __init__ is the one place that reads the database
        "coop.assemblies.election_report",
        (
            "coop.assemblies.election_report",
            "coop.formatting",
            "coop.i18n",
            "coop.reports.charts",
            "coop.reports.election_lists_model",
            "coop.reports.election_model",
            "coop.votes.lists",
            "coop.votes.stv",
            "coop.votes.tally",
        ),
        NO_IO,
        False,
    ),
    *[  # the printed training plan: plain data in, its view model out
        (
            f"coop.reports.training_plan_{part}",
            (
                "coop.formatting",
                "coop.i18n",
                "coop.numbers",
                "coop.reports.charts",
                "coop.reports.plan_model",
                "coop.reports.training_plan_",
            ),
            NO_IO,
            True,
        )
        for part in ("model", "rows", "chart")
    ],
]


@pytest.mark.parametrize(
    ("package", "allowed", "forbidden", "with_init"), PURE_PACKAGES, ids=[row[0] for row in PURE_PACKAGES]
)
def test_pure_package_imports_only_what_it_names(
    package: str, allowed: tuple[str, ...], forbidden: tuple[str, ...], with_init: bool
) -> None:
    source = Path(importlib.import_module(package).__file__ or "")
    if source.name != "__init__.py":  # a pure module on its own
        modules = [source]
    else:
        modules = sorted(
            path for path in source.parent.glob("*.py") if with_init or path.name != "__init__.py"
        )
        assert len(modules) > 1
    for module in modules:
        for name in imported_names(module, from_package=False):
            if name.startswith("coop"):
                assert name.startswith(allowed), f"{package}: {module.name} imports {name}"
            else:
                assert name.split(".")[0] not in forbidden, f"{package}: {module.name} imports {name}"
