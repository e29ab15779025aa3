"""The tabulator and the decision rules stay pure: plain data in, results out.

No database, no clock, no randomness of their own, no other coop code but errors and the
translation hook: a count or a decision can be re-run by anyone and gives the same result.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import coop.votes.tally as tally
import coop.votes.thresholds as thresholds


def _imports(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.append(node.module)
    return found


@pytest.mark.parametrize("package", [tally, thresholds], ids=["tally", "thresholds"])
def test_pure_modules_import_only_errors_translation_and_each_other(package: object) -> None:
    folder = Path(package.__file__).parent  # type: ignore[attr-defined]
    allowed = ("coop.errors", "coop.i18n", package.__name__)  # type: ignore[attr-defined]
    modules = sorted(folder.glob("*.py"))
    assert len(modules) > 1
    for module in modules:
        for name in _imports(module):
            if name.startswith("coop"):
                assert name.startswith(allowed), f"{module.name} imports {name}"
            else:
                assert name.split(".")[0] not in ("sqlalchemy", "time", "random", "os", "datetime"), (
                    f"{module.name} imports {name}"
                )
