"""The demo's assembly documents: the approved minutes of assembly 1 and the results of election 1."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.engine import Engine

from coop import db
from coop.assemblies.common import find_assembly
from coop.assemblies.election_report import election_report
from coop.assemblies.elections import find_election
from coop.assemblies.minutes import minutes_for_print
from coop.i18n import _
from coop.reports.render import write_document


def print_assembly_documents(engine: Engine, directory: Path) -> list[str]:
    """Print the minutes of assembly 1 and the results of election 1 into DIRECTORY; say where."""
    lines: list[str] = []
    with db.session_scope(engine) as session:
        minutes = minutes_for_print(session, find_assembly(session, 1))
    written = write_document(directory / "minutes-assembly-1.pdf", "minutes.html.j2", minutes=minutes)
    lines.append(_("Printed the approved minutes of assembly 1: {file}").format(file=written))
    with db.session_scope(engine) as session:
        report = election_report(session, find_election(session, 1))
    written = write_document(directory / "election-1-results.pdf", "election_results.html.j2", report=report)
    lines.append(_("Printed the results of election 1: {file}").format(file=written))
    return lines
