"""The demo's assembly documents: the approved minutes of assembly 1 and the results of election 1."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.engine import Engine

from coop import db
from coop.api import Coop
from coop.i18n import _


def print_assembly_documents(engine: Engine, directory: Path) -> list[str]:
    """Print the minutes of assembly 1 and the results of election 1 into DIRECTORY; say where."""
    with db.session_scope(engine) as session:
        written = Coop(session).assemblies.write_minutes(1, directory / "minutes-assembly-1.pdf")
    lines = [_("Printed the approved minutes of assembly 1: {file}").format(file=written)]
    with db.session_scope(engine) as session:
        written = Coop(session).elections.write_results(1, directory / "election-1-results.pdf")
    lines.append(_("Printed the results of election 1: {file}").format(file=written))
    return lines
