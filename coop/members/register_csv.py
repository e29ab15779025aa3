"""The register as CSV: an import that adds every member in a file or none, and the export it reads."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from coop import csvfiles
from coop.audit import record_events, record_import
from coop.db import in_values
from coop.errors import MemberError
from coop.i18n import _
from coop.members.actors import Actor, require_role
from coop.members.models import Member, Role
from coop.members.register import check_number_form, member_added, new_member, parse_roles
from coop.parsing import parse_day

# --- CSV import and export ----------------------------------------------------------------------

MEMBER_CSV_COLUMNS = ("number", "name", "section", "roles", "joined_on")


@dataclass(frozen=True)
class MemberRow:
    line: int
    number: str | None
    name: str
    section: str | None
    roles: tuple[Role, ...]
    joined_on: date | None


def read_member_csv(
    content: bytes, source: str, *, dialect: csvfiles.CsvDialect = csvfiles.DETECT
) -> list[MemberRow]:
    """Every row of a member CSV, or one error listing every bad line (nothing is imported)."""
    seen_numbers: dict[str, int] = {}

    def parse_member(row: csvfiles.CsvRow) -> MemberRow:
        name = " ".join(row.get("name").split())
        number = row.get("number").lstrip("#") or None
        if not name:
            raise MemberError(_("the name is empty"))
        roles = tuple(parse_roles(row.get("roles")))
        joined_text = row.get("joined_on")
        joined_on = (
            parse_day(
                joined_text,
                lambda value: MemberError(_("'{value}' is not a date like 2024-03-15").format(value=value)),
            )
            if joined_text
            else None
        )
        if number is not None:
            check_number_form(number)
            if number in seen_numbers:
                raise MemberError(
                    _("member number {number} is also on line {other}").format(
                        number=number, other=seen_numbers[number]
                    )
                )
            seen_numbers[number] = row.line
        return MemberRow(row.line, number, name, row.get("section") or None, roles, joined_on)

    return csvfiles.load_rows(
        content,
        source,
        MEMBER_CSV_COLUMNS,
        ("name",),
        parse_member,
        catch=MemberError,
        empty=_("{file} has no members in it."),
        dialect=dialect,
    )


def import_members(
    session: Session,
    *,
    actor: Actor,
    now: datetime,
    path: Path,
    dialect: csvfiles.CsvDialect = csvfiles.DETECT,
) -> list[Member]:
    """All rows or none: any bad line, or a number already in use, and nothing is added."""
    require_role(session, actor, Role.secretary, _("Importing members"))
    rows = read_member_csv(csvfiles.read_file(path), path.name, dialect=dialect)
    numbers = [r.number for r in rows if r.number]
    taken = (
        set(session.scalars(select(Member.number).where(in_values(Member.number, numbers))))
        if numbers
        else set()
    )
    # Checked against the register: numbers in use, dates after today, and names already there
    # (or twice in the file) with no number to tell the two apart. Listed in line order.
    known = {" ".join(m.name.split()).casefold() for m in session.scalars(select(Member))}
    clashes = []
    for r in rows:
        if r.number in taken:
            clashes.append(
                _("line {line}: member number {number} is already in use").format(
                    line=r.line, number=r.number
                )
            )
        if r.joined_on is not None and r.joined_on > now.date():
            clashes.append(
                _("line {line}: the joining date {day} is in the future").format(
                    line=r.line, day=r.joined_on.isoformat()
                )
            )
        if r.number is None and r.name.casefold() in known:
            clashes.append(
                _("line {line}: a member called {name} is already listed; give this one a number").format(
                    line=r.line, name=r.name
                )
            )
        known.add(r.name.casefold())
    if clashes:
        raise csvfiles.bad_lines(path.name, clashes)
    # Every line is checked above (numbers in use or twice in the file, dates, names): the members
    # are added at once, then one coop.member.added event each, in line order.
    members = [
        new_member(
            now=now, name=r.name, number=r.number, section=r.section, joined_on=r.joined_on, roles=r.roles
        )
        for r in rows
    ]
    session.add_all(members)
    session.flush()
    record_events(
        session, "coop.member.added", actor=actor.label, now=now, each=[member_added(m) for m in members]
    )
    record_import(session, "coop.members.imported", actor, now, path, count=len(members))
    return members


def member_csv_rows(members: Sequence[Member]) -> list[dict[str, str]]:
    """Rows in the same columns ``coop member import`` reads, so an export imports back."""
    return [
        {
            "number": m.number or "",
            "name": m.name,
            "section": m.section or "",
            "roles": ";".join(m.role_names),
            "joined_on": m.joined_on.isoformat() if m.joined_on else "",
        }
        for m in members
    ]
