"""The demo's assembly documents: the approved minutes of assembly 1, the results of election 1, the
notice of meeting and the attendance sheet of assembly 2, and the register of members."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy.engine import Engine

from coop import db
from coop.api import Coop
from coop.i18n import _


def print_assembly_documents(engine: Engine, directory: Path, *, now: datetime) -> list[str]:
    """Print the minutes of assembly 1, the results of election 1, the notice and the attendance sheet
    of assembly 2 and the register of members (as it stands at ``now``, with the entries of the last
    six weeks) into DIRECTORY; say where."""
    with db.session_scope(engine) as session:
        written = Coop(session).assemblies.write_minutes(1, directory / "minutes-assembly-1.pdf")
    lines = [_("Printed the approved minutes of assembly 1: {file}").format(file=written)]
    with db.session_scope(engine) as session:
        written = Coop(session).elections.write_results(1, directory / "election-1-results.pdf")
    lines.append(_("Printed the results of election 1: {file}").format(file=written))
    with db.session_scope(engine) as session:
        written = Coop(session, now=now).assemblies.write_notice(
            2, directory / "notice-assembly-2.pdf", documents_at="Administración, de 8 a 16 h"
        )
    lines.append(
        _("Printed the notice of meeting of assembly 2, with its agenda: {file}").format(file=written)
    )
    with db.session_scope(engine) as session:
        written = Coop(session).assemblies.write_attendance_sheet(
            2, directory / "attendance-sheet-assembly-2.pdf"
        )
    lines.append(_("Printed the attendance sheet of assembly 2: {file}").format(file=written))
    with db.session_scope(engine) as session:
        since = (now - timedelta(weeks=6)).date()
        written = Coop(session, now=now).members.write_member_register(
            directory / "register-of-members.pdf", since=since
        )
    lines.append(_("Printed the register of members: {file}").format(file=written))
    return lines
