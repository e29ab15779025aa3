"""The demo cooperative stands on top of the domains, in one package of its own.

``coop.demo`` may import every domain; no domain may import it (only the CLI, which also stands
on top, calls it), so that a domain can be read and tested without the demo plant. Its builders
live in ``coop/demo/`` only: none is left behind in a domain.
"""

from __future__ import annotations

from pathlib import Path

import coop
from tests.imports import imported_names

COOP = Path(coop.__file__).parent
ON_TOP = ("demo", "cli", "api")


def test_no_domain_imports_the_demo() -> None:
    below = [
        path
        for path in COOP.rglob("*.py")
        if path.relative_to(COOP).parts[0] not in ON_TOP and path.name != "__main__.py"
    ]
    importing = sorted(
        str(path.relative_to(COOP))
        for path in below
        if any(name == "coop.demo" or name.startswith("coop.demo.") for name in imported_names(path))
    )
    assert importing == [], f"these modules below the demo import it: {importing}"


def test_every_demo_builder_lives_in_the_demo_package() -> None:
    left_behind = sorted(
        str(path.relative_to(COOP))
        for path in COOP.rglob("*demo*.py")
        if path.relative_to(COOP).parts[0] != "demo"
    )
    assert left_behind == [], f"demo modules outside coop/demo: {left_behind}"
    assert (COOP / "demo" / "__init__.py").is_file()
