"""``coop member ...``: the register of members and their roles."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from coop.cli.context import now, open_session
from coop.cli.options import MemberArgument, command_scope
from coop.cli.output import OutputFormat, emit_object, emit_or_say, emit_rows, format_option
from coop.i18n import _, ngettext

if TYPE_CHECKING:
    from coop.members.models import Member, Role

app = typer.Typer(help=_("Members of the cooperative and their roles."), no_args_is_help=True)
role_app = typer.Typer(
    help=_("Grant or revoke a role (member, coordinator, trainer, secretary)."), no_args_is_help=True
)
app.add_typer(role_app, name="role")

MEMBER_COLUMNS = [
    ("number", _("Number")),
    ("name", _("Name")),
    ("section", _("Section")),
    ("roles", _("Roles")),
    ("joined_on", _("Joined")),
    ("active", _("Active")),
]


def _parse_date(text: str | None, what: str) -> date | None:
    from coop.errors import MemberError
    from coop.parsing import parse_day

    if text is None:
        return None
    return parse_day(
        text,
        lambda value: MemberError(
            _("{what} '{value}' is not a date like 2024-03-15.").format(what=what, value=text)
        ),
    )


@app.command("add")
def add(
    ctx: typer.Context,
    name: str = typer.Argument(..., help=_("Full name, as it should appear on minutes.")),
    number: str | None = typer.Option(None, "--number", "-n", help=_("Member number (unique).")),
    section: str | None = typer.Option(None, "--section", "-s", help=_("Work section, e.g. Kilns.")),
    role: list[str] = typer.Option([], "--role", "-r", help=_("Extra role; repeat for several.")),
    joined: str | None = typer.Option(
        None, "--joined", help=_("Date of joining (YYYY-MM-DD); default today.")
    ),
    allow_duplicate_name: bool = typer.Option(
        False,
        "--allow-duplicate-name",
        help=_("Add a member without a number even though another member has the same name."),
    ),
    fmt: OutputFormat = format_option(),
) -> None:
    """Add a member to the register."""
    from coop.members import actors, register
    from coop.members.views import member_view

    with command_scope(ctx) as scope:
        member = register.add_member(
            scope.session,
            actor=scope.actor,
            now=scope.now,
            name=name,
            number=number,
            section=section,
            joined_on=_parse_date(joined, _("The joining date")),
            roles=register.parse_roles(role),
            allow_duplicate_name=allow_duplicate_name,
        )
        view = member_view(member)
        same_name = [m.label for m in actors.namesakes(scope.session, member.name) if m.id != member.id]
    if same_name:
        # Saved (a number or --allow-duplicate-name tells them apart), but worth a second look.
        typer.echo(
            ngettext(
                "Note: {members} has the same name.", "Note: {members} have the same name.", len(same_name)
            ).format(members=", ".join(same_name)),
            err=True,
        )
    emit_or_say(view.as_json(), fmt, _("Added {member}.").format(member=view.label))


@app.command("list")
def list_(
    ctx: typer.Context,
    include_inactive: bool = typer.Option(False, "--all", help=_("Include deactivated members.")),
    role: str | None = typer.Option(None, "--role", help=_("Only members holding this role.")),
    section: str | None = typer.Option(None, "--section", help=_("Only members of this section.")),
    fmt: OutputFormat = format_option(),
) -> None:
    """List members (active ones unless --all)."""
    from coop.members import register
    from coop.members.views import list_members

    with open_session(ctx) as session:
        wanted_role = register.parse_roles(role)[0] if role else None
        rows = [
            view.as_json()
            for view in list_members(
                session, include_inactive=include_inactive, role=wanted_role, section=section
            )
        ]
    if fmt is OutputFormat.table:
        # People need something to type for a member without a number: show its reference.
        rows = [row | {"number": row["reference"]} for row in rows]
    else:
        # Scripts keep the columns they had; the reference is in `member show`.
        rows = [{key: value for key, value in row.items() if key != "reference"} for row in rows]
    emit_rows(rows, MEMBER_COLUMNS, fmt, title=_("Members"))


@app.command("show")
def show(
    ctx: typer.Context,
    member: MemberArgument,
    fmt: OutputFormat = format_option(),
) -> None:
    """Show one member's record."""
    from coop.cli.training.shared import member_skill_rows
    from coop.members import actors
    from coop.members.views import member_record_view

    with open_session(ctx) as session:
        found = actors.find_member(session, member)
        data = member_record_view(found).as_json() | {
            "skills": member_skill_rows(session, found, now().date())
        }
    labels = dict(MEMBER_COLUMNS) | {
        "reference": _("Named in commands as"),
        "deactivated_on": _("Deactivated"),
        "deactivation_reason": _("Reason"),
        "skills": _("Skills and certifications"),
    }
    emit_object(data, fmt, labels=labels)


@app.command("import")
def import_(
    ctx: typer.Context,
    file: Path = typer.Argument(..., help=_("CSV with columns number,name,section,roles,joined_on.")),
) -> None:
    """Add every member listed in a CSV file: all lines or none."""
    from coop.members import register_csv

    with command_scope(ctx) as scope:
        count = len(register_csv.import_members(scope.session, actor=scope.actor, now=scope.now, path=file))
    imported = ngettext(
        "Imported {count} member from {file}.", "Imported {count} members from {file}.", count
    )
    typer.echo(imported.format(count=count, file=file.name))


@app.command("export")
def export(
    ctx: typer.Context,
    out: Path | None = typer.Option(None, "--out", "-o", help=_("Write to this file instead of the screen.")),
    include_inactive: bool = typer.Option(False, "--all", help=_("Include deactivated members.")),
) -> None:
    """Write the register as CSV, in the columns ``coop member import`` reads."""
    import csv
    import io

    from coop.members import register, register_csv

    with open_session(ctx) as session:
        rows = register_csv.member_csv_rows(register.list_members(session, include_inactive=include_inactive))
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(register_csv.MEMBER_CSV_COLUMNS), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    if out is None:
        typer.echo(buffer.getvalue(), nl=False)
    else:
        out.write_text(buffer.getvalue(), encoding="utf-8")
        wrote = ngettext("Wrote {count} member to {file}.", "Wrote {count} members to {file}.", len(rows))
        typer.echo(wrote.format(count=len(rows), file=out))


@app.command("deactivate")
def deactivate(
    ctx: typer.Context,
    member: MemberArgument,
    reason: str | None = typer.Option(None, "--reason", help=_("Why the membership ends.")),
) -> None:
    """End a membership; the member's history stays on record."""
    from coop.members import register

    with command_scope(ctx) as scope:
        label = register.deactivate_member(
            scope.session, actor=scope.actor, now=scope.now, reference=member, reason=reason
        ).label
    typer.echo(_("Deactivated {member}.").format(member=label))


def _change_role(
    ctx: typer.Context, member: str, role: str, change: Callable[..., Member]
) -> tuple[str, Role]:
    """Grant or revoke one role in one transaction: the member's label and the role, as read."""
    from coop.members.register import parse_roles

    with command_scope(ctx) as scope:
        label = change(
            scope.session,
            actor=scope.actor,
            now=scope.now,
            reference=member,
            role=(wanted := parse_roles(role)[0]),
        ).label
    return label, wanted


@role_app.command("grant")
def grant(
    ctx: typer.Context,
    member: MemberArgument,
    role: str = typer.Argument(..., help=_("member, coordinator, trainer or secretary.")),
) -> None:
    """Give a member a role."""
    from coop.members.register import grant_role

    label, wanted = _change_role(ctx, member, role, grant_role)
    typer.echo(_("{member} now holds the {role} role.").format(member=label, role=_(wanted.value)))


@role_app.command("revoke")
def revoke(
    ctx: typer.Context,
    member: MemberArgument,
    role: str = typer.Argument(..., help=_("coordinator, trainer or secretary.")),
) -> None:
    """Take a role away from a member."""
    from coop.members.register import revoke_role

    label, wanted = _change_role(ctx, member, role, revoke_role)
    typer.echo(_("{member} no longer holds the {role} role.").format(member=label, role=_(wanted.value)))
