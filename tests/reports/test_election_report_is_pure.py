"""The results report's builders stay pure: an official result and its rules in, the view model out.

Only the package's entry point (``election_report``, in ``__init__``) reads the database; the builders
must not, so that a conformance case or an exported count prints exactly as a stored election does.
"""

from __future__ import annotations

import ast
from pathlib import Path

import coop.assemblies.election_report as election_report

ALLOWED = (
    "coop.assemblies.election_report",
    "coop.formatting",
    "coop.i18n",
    "coop.reports.charts",
    "coop.reports.election_model",
    "coop.votes.tally",
)


def _imports(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            # "from coop.reports import charts" imports coop.reports.charts, not all of coop.reports
            found += [f"{node.module}.{alias.name}" for alias in node.names]
    return found


def test_report_builders_import_no_database_and_no_other_domain_code() -> None:
    package = Path(election_report.__file__).parent
    builders = sorted(path for path in package.glob("*.py") if path.name != "__init__.py")
    assert len(builders) > 1
    for module in builders:
        for name in _imports(module):
            if name.startswith("coop"):
                assert name.startswith(ALLOWED), f"{module.name} imports {name}"
            else:
                assert name.split(".")[0] not in ("sqlalchemy", "time", "random", "os"), (
                    f"{module.name} imports {name}"
                )
