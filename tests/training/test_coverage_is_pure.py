"""The coverage arithmetic stays pure: plain data in, plain data out; no database, clock or other coop."""

from __future__ import annotations

import ast
from pathlib import Path

import coop.training.coverage as coverage

ALLOWED = ("coop.errors", "coop.i18n", "coop.training.coverage")


def _imports(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.append(node.module)
    return found


def test_coverage_modules_import_only_errors_translation_and_each_other() -> None:
    package = Path(coverage.__file__).parent
    modules = sorted(package.glob("*.py"))
    assert len(modules) > 1
    for module in modules:
        for name in _imports(module):
            if name.startswith("coop"):
                assert name.startswith(ALLOWED), f"{module.name} imports {name}"
            else:
                assert name.split(".")[0] not in ("sqlalchemy", "time", "random", "os"), (
                    f"{module.name} imports {name}"
                )
