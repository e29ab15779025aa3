"""``coop member ...``: the register of members and their roles."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from coop.cli import words
from coop.cli.context import now, open_session
from coop.cli.csv_command import counted, csv_import_command
from coop.cli.options import (
    DocumentOut,
    MemberArgument,
    command_group,
    command_scope,
    print_document,
    say_done,
)
from coop.cli.output import (
    OutputFormat,
    emit_or_say,
    emit_rows,
    emit_view,
    emit_views,
    format_option,
)
from coop.cli.words import listing
from coop.i18n import N_, _, ngettext

if TYPE_CHECKING:
    from coop.members.corrections import FieldChange
    from coop.members.models import Member

app = command_group(_("Members of the cooperative and their roles."))
role_app = command_group(listing(N_("Grant or revoke a role: {words}."), words.roles))
app.add_typer(role_app, name="role")

# The register's columns, as scripts read them (the headings are the view's own).
MEMBER_KEYS = ("number", "name", "section", "roles", "joined_on", "active")


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
    role: list[str] = typer.Option(
        [], "--role", "-r", help=listing(N_("Extra role, repeated for several: {words}."), words.roles)
    ),
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
    from coop.members.actors import namesakes
    from coop.members.views import member_view

    with command_scope(ctx) as c:
        member = c.members.add_member(
            name,
            number=number,
            section=section,
            joined_on=_parse_date(joined, _("The joining date")),
            roles=role,
            allow_duplicate_name=allow_duplicate_name,
        )
        view = member_view(member)
        same_name = [m.label for m in namesakes(c.session, member.name) if m.id != member.id]
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
    role: str | None = typer.Option(
        None, "--role", help=listing(N_("Only members holding this role: {words}."), words.roles)
    ),
    section: str | None = typer.Option(None, "--section", help=_("Only members of this section.")),
    fmt: OutputFormat = format_option(),
) -> None:
    """List members (active ones unless --all)."""
    from coop import display
    from coop.members import register
    from coop.members.views import MemberView, list_members

    with open_session(ctx) as session:
        wanted_role = register.parse_roles(role)[0] if role else None
        views = list_members(session, include_inactive=include_inactive, role=wanted_role, section=section)
    columns = display.headings(MemberView, MEMBER_KEYS)
    if fmt is OutputFormat.table:
        # People need something to type for a member without a number: its reference, under "Number".
        columns[0] = ("reference", columns[0][1])
        emit_views(views, columns, fmt, title=_("Members"))
        return
    # Scripts keep the columns they had; the reference is in `member show`.
    rows = [{key: value for key, value in view.as_json().items() if key != "reference"} for view in views]
    emit_rows(rows, columns, fmt, title=_("Members"))


@app.command("show")
def show(
    ctx: typer.Context,
    member: MemberArgument,
    fmt: OutputFormat = format_option(),
) -> None:
    """Show one member's record."""
    from coop.cli.training.shared import member_sheet
    from coop.members import actors

    with open_session(ctx) as session:
        sheet = member_sheet(session, actors.find_member(session, member), now().date())
    emit_view(sheet, fmt)


csv_import_command(
    app,
    "import",
    help=N_("Add every member listed in a CSV file: all lines or none."),
    columns=_("CSV with columns number,name,section,roles,joined_on."),
    load=lambda c: c.members.import_members,
    report=counted(
        lambda count: ngettext(
            "Imported {count} member from {file}.", "Imported {count} members from {file}.", count
        )
    ),
)


@app.command("export")
def export(
    ctx: typer.Context,
    out: Path | None = typer.Option(None, "--out", "-o", help=_("Write to this file instead of the screen.")),
    include_inactive: bool = typer.Option(False, "--all", help=_("Include deactivated members.")),
) -> None:
    """Write the register as CSV, in the columns that coop member import reads."""
    import io

    from coop.cli.output import write_csv, write_out
    from coop.members.register_csv import MEMBER_CSV_COLUMNS

    with command_scope(ctx) as c:
        rows = c.members.member_csv_rows(include_inactive=include_inactive)
    buffer = io.StringIO()
    write_csv(buffer, MEMBER_CSV_COLUMNS, ([row[column] for column in MEMBER_CSV_COLUMNS] for row in rows))
    if out is None:
        typer.echo(buffer.getvalue(), nl=False)
    else:
        write_out(out, buffer.getvalue())
        wrote = ngettext("Wrote {count} member to {file}.", "Wrote {count} members to {file}.", len(rows))
        typer.echo(wrote.format(count=len(rows), file=out))


@app.command("register")
def register(
    ctx: typer.Context,
    out: DocumentOut,
    since: str | None = typer.Option(
        None, "--since", help=_("Also list the admissions and leavings entered since this day (YYYY-MM-DD).")
    ),
) -> None:
    """Print the register of members the law asks for, in member-number order."""
    since_day = _parse_date(since, "--since")
    document, written = print_document(
        ctx,
        out,
        "member_register.html.j2",
        lambda c: c.members.member_register(since=since_day),
        name="register",
    )
    typer.echo(
        ngettext(
            "Wrote the register of members ({count} member) to {file}.",
            "Wrote the register of members ({count} members) to {file}.",
            len(document.entries),
        ).format(count=len(document.entries), file=written)
    )


@app.command("correct")
def correct(
    ctx: typer.Context,
    member: MemberArgument,
    name: str | None = typer.Option(None, "--name", help=_("The name as it should read.")),
    number: str | None = typer.Option(None, "--number", help=_("The right member number.")),
    section: str | None = typer.Option(None, "--section", help=_("The right work section.")),
    joined: str | None = typer.Option(None, "--joined", help=_("The right joining date (YYYY-MM-DD).")),
    reason: str | None = typer.Option(
        None, "--reason", help=_("Why: the audit log keeps it with the old value.")
    ),
) -> None:
    """Correct a member's name, number, section or joining date; the old values stay on record."""
    joined_on = _parse_date(joined, "--joined")

    def said(result: tuple[Member, list[FieldChange]]) -> str:
        found, changes = result
        from coop.members.corrections import changes_words

        return _("Corrected {member}: {changes}.").format(member=found.label, changes=changes_words(changes))

    say_done(
        ctx,
        lambda c: c.members.correct_member(
            member, reason=reason or "", name=name, number=number, section=section, joined_on=joined_on
        ),
        said,
    )


@app.command("reactivate")
def reactivate(
    ctx: typer.Context,
    member: MemberArgument,
    reason: str | None = typer.Option(None, "--reason", help=_("Why the membership was ended by mistake.")),
) -> None:
    """Undo a membership's end entered by mistake; the end stays in the audit log."""
    say_done(
        ctx,
        lambda c: c.members.reactivate_member(member, reason=reason or ""),
        lambda found: _("Reactivated {member}.").format(member=found.label),
    )


@app.command("deactivate")
def deactivate(
    ctx: typer.Context,
    member: MemberArgument,
    reason: str | None = typer.Option(None, "--reason", help=_("Why the membership ends.")),
) -> None:
    """End a membership; the member's history stays on record."""
    say_done(
        ctx,
        lambda c: c.members.deactivate_member(member, reason=reason),
        lambda found: _("Deactivated {member}.").format(member=found.label),
    )


def _change_role(ctx: typer.Context, member: str, role: str, granted: bool) -> None:
    """Grant or revoke one role in one transaction, and say so."""
    from coop import vocabulary
    from coop.members.register import parse_roles

    def said(found: Member) -> str:
        wanted = parse_roles(role)[0]
        words = {"member": found.label, "role": vocabulary.label(wanted)}
        if granted:
            return _("{member} now holds the {role} role.").format(**words)
        return _("{member} no longer holds the {role} role.").format(**words)

    say_done(
        ctx,
        lambda c: (c.members.grant_role if granted else c.members.revoke_role)(member, role),
        said,
    )


@role_app.command("grant")
def grant(
    ctx: typer.Context,
    member: MemberArgument,
    role: str = typer.Argument(..., help=listing(N_("The role: {words}."), words.roles)),
) -> None:
    """Give a member a role."""
    _change_role(ctx, member, role, granted=True)


@role_app.command("revoke")
def revoke(
    ctx: typer.Context,
    member: MemberArgument,
    role: str = typer.Argument(
        ..., help=listing(N_("The role to take away: {words}."), words.revocable_roles)
    ),
) -> None:
    """Take a role away from a member."""
    _change_role(ctx, member, role, granted=False)
