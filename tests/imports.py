"""What a module of coop imports, read from its source: the tests of floors and pure packages share it."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path


def imported_names(path: Path, *, from_package: bool = True) -> Iterator[str]:
    """Every dotted name the file imports, wherever the import stands (inside functions too).

    ``import a.b`` gives ``a.b``; ``from a import b`` gives ``a.b`` and, with ``from_package``, ``a``
    too (without it, "from coop.reports import charts" imports coop.reports.charts, not all of
    coop.reports); ``importlib.import_module("a")`` gives ``a``.
    """
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            assert node.level == 0, f"{path}: relative import of {node.module}; write the whole name"
            if node.module:
                if from_package:
                    yield node.module
                yield from (f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Call) and (module := _module_loaded_by_name(node)):
            yield module


def _module_loaded_by_name(node: ast.Call) -> str | None:
    """``x`` for ``importlib.import_module("x")`` or ``import_module("x")``; else None."""
    function = node.func
    name = function.attr if isinstance(function, ast.Attribute) else getattr(function, "id", None)
    if name != "import_module" or not node.args or not isinstance(node.args[0], ast.Constant):
        return None
    return node.args[0].value if isinstance(node.args[0].value, str) else None
