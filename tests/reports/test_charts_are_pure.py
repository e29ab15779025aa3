"""Charts stay pure: plain data in, an SVG string out, the same bytes every time.

No database, no clock, no randomness, and no other coop code: a chart knows no words of its
own (its callers translate) and no records.
"""

from __future__ import annotations

import ast
from pathlib import Path

import coop.reports.charts as charts


def _imports(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.append(node.module)
    return found


def test_chart_modules_import_only_the_standard_library_and_each_other() -> None:
    modules = sorted(Path(charts.__file__).parent.glob("*.py"))
    assert len(modules) > 1
    for module in modules:
        for name in _imports(module):
            if name.startswith("coop"):
                assert name.startswith("coop.reports.charts"), f"{module.name} imports {name}"
            else:
                assert name.split(".")[0] not in ("sqlalchemy", "time", "random", "os", "datetime", "uuid"), (
                    f"{module.name} imports {name}"
                )
