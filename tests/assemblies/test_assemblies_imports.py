"""A motion's vote does not reach up to what reacts to it: minutes and elections stand above the
assembly operations, so the operations never import them (imports inside functions included).

An adopted minutes-approval motion freezes its minutes through ``motion.decided`` in coop.events.
"""

from __future__ import annotations

from pathlib import Path

import coop.assemblies
from tests.imports import imported_names

OPERATIONS = ("attendance", "common", "meetings", "motion_votes", "motions", "objections")
ABOVE = ("coop.assemblies.minutes", "coop.assemblies.minutes_approval", "coop.assemblies.elections")


def test_assembly_operations_import_neither_minutes_nor_elections() -> None:
    package = Path(coop.assemblies.__file__).parent
    for name in OPERATIONS:
        for imported in imported_names(package / f"{name}.py"):
            assert not imported.startswith(ABOVE), f"{name}.py imports {imported}"
