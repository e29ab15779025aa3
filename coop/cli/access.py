"""``coop access grant|revoke|list``: one PostgreSQL login per person, run by the database's owner."""

from __future__ import annotations

import sys

import typer

from coop.cli.options import MemberArgument, command_group, command_scope, emit_listing
from coop.cli.output import OutputFormat, format_option
from coop.i18n import _

app = command_group(_("Logins on a shared PostgreSQL database: one per person, mapped to a member."))

LOGIN_KEYS = ("login", "member", "name", "granted_at", "revoked_at", "groups")


def _read_password(from_stdin: bool) -> str:
    """The password from standard input's first line, else asked twice without echoing it."""
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    return str(typer.prompt(_("Password"), hide_input=True, confirmation_prompt=_("The same password again")))


@app.command("grant")
def grant(
    ctx: typer.Context,
    member: MemberArgument,
    login: str = typer.Option(..., "--login", help=_("The login's name, e.g. anunez.")),
    password_stdin: bool = typer.Option(
        False, "--password-stdin", help=_("Read the password from standard input instead of asking for it.")
    ),
) -> None:
    """Give a member a PostgreSQL login of their own (the database owner only; SCRAM password)."""
    password = _read_password(password_stdin)
    with command_scope(ctx) as c:
        view = c.access.grant_login(member, login=login, password=password)
        groups = ", ".join(view.groups) or "-"
        done = _("{member} connects as {login} (group roles: {groups}).").format(
            member=view.label, login=view.login, groups=groups
        )
    typer.echo(done)


@app.command("revoke")
def revoke(ctx: typer.Context, member: MemberArgument) -> None:
    """Take a member's login away: it can no longer connect (the database owner only)."""
    with command_scope(ctx) as c:
        view = c.access.revoke_login(member)
        done = _("The login {login} of {member} can no longer connect.").format(
            login=view.login, member=view.label
        )
    typer.echo(done)


@app.command("list")
def list_(
    ctx: typer.Context,
    include_revoked: bool = typer.Option(False, "--all", help=_("Include revoked logins.")),
    fmt: OutputFormat = format_option(),
) -> None:
    """List the members' logins and the group roles each holds."""
    from coop import display
    from coop.access.views import LoginView, list_logins

    emit_listing(
        ctx,
        lambda session: list_logins(session, include_revoked=include_revoked),
        display.headings(LoginView, LOGIN_KEYS),
        fmt,
        title=_("Logins"),
    )
