"""``coop rotation``: terms in rotating coordination roles, and who is eligible next."""

from __future__ import annotations

import typer

from coop.cli.commands import coop_scope, run
from coop.cli.options import command_group
from coop.cli.output import OutputFormat, emit_object, emit_rows, emit_views, format_option
from coop.cli.training.options import AsOnDay, MemberRef, OnlyRole, RotatingRole
from coop.cli.training.shared import parse_day
from coop.i18n import _

rotation_app = command_group(_("Terms in rotating coordination roles, and who is eligible next."))


@rotation_app.command("record")
def rotation_record(
    ctx: typer.Context,
    role: RotatingRole,
    member: MemberRef,
    start: str = typer.Option(..., "--start", help=_("First day in office (YYYY-MM-DD).")),
    end: str | None = typer.Option(None, "--end", help=_("Last day in office, for a past term.")),
    motion: int | None = typer.Option(None, "--motion", help=_("Number of the motion that elected them.")),
    section: str | None = typer.Option(None, "--section", help=_("For a section coordinator: the section.")),
) -> None:
    """Record a term in a rotating role (secretary); the bylaws' term limit is applied."""
    from coop import vocabulary

    starts_on = parse_day(start, _("The start"))
    ends_on = parse_day(end, _("The end")) if end else None
    with coop_scope(ctx) as c:
        term = c.training.record_term(
            role, member, starts_on=starts_on, ends_on=ends_on, motion=motion, section=section
        )
        text = _("Recorded {member} as {role} from {start}{until}.").format(
            member=term.member.label,
            role=vocabulary.label(term.role) + (f" ({term.section})" if term.section else ""),
            start=term.starts_on.isoformat(),
            until=_(" to {end}").format(end=term.ends_on.isoformat()) if term.ends_on else "",
        )
    typer.echo(text)


@rotation_app.command("end")
def rotation_end(
    ctx: typer.Context,
    role: RotatingRole,
    member: MemberRef,
    day: str = typer.Option(..., "--date", help=_("Last day in office (YYYY-MM-DD).")),
) -> None:
    """End a member's running term in a role."""
    from coop import vocabulary

    ends_on = parse_day(day, _("The date"))
    with coop_scope(ctx) as c:
        term = c.training.end_term(role, member, ends_on=ends_on)
        text = _("The term of {member} as {role} ends on {end}.").format(
            member=term.member.label, role=vocabulary.label(term.role), end=day
        )
    typer.echo(text)


@rotation_app.command("list")
def rotation_list(
    ctx: typer.Context,
    role: OnlyRole = None,
    fmt: OutputFormat = format_option(),
) -> None:
    """List every recorded term, oldest first."""
    from coop import display
    from coop.training.views import TermView

    views = run(ctx, lambda c: [TermView.of(term) for term in c.training.list_terms(role=role)])
    keys = ("role", "section", "member", "starts_on", "ends_on", "motion_id")
    emit_views(views, display.headings(TermView, keys), fmt, title=_("Terms"))


ELIGIBLE_SHOWN = 10


@rotation_app.command("report")
def rotation_report(
    ctx: typer.Context,
    role: OnlyRole = None,
    on: AsOnDay = None,
    fmt: OutputFormat = format_option(),
) -> None:
    """Who has held each role and for how long, and who is eligible next (never held it first)."""
    with coop_scope(ctx) as c:
        today = parse_day(on, _("The day"), c.now.date())
        data = [view.as_json() for view in c.training.rotation_report(role=role, on=today)]
    if fmt is not OutputFormat.table:
        if fmt is OutputFormat.json:
            emit_object({"on": today.isoformat(), "roles": data}, fmt)
        else:
            emit_rows(
                [{"role": g["role"], "section": g["section"], **h} for g in data for h in g["holders"]],
                [
                    ("role", "role"),
                    ("section", "section"),
                    ("member", "member"),
                    ("terms", "terms"),
                    ("months", "months"),
                    ("first_start", "first_start"),
                    ("last_end", "last_end"),
                    ("current", "current"),
                    ("reached_limit", "reached_limit"),
                ],
                fmt,
            )
        return
    if not data:
        typer.echo(
            _("No terms are recorded yet; record one with: coop rotation record ROLE MEMBER --start DATE")
        )
        return
    for index, g in enumerate(data):
        if index:
            typer.echo("")
        heading = g["role_label"] + (f" ({g['section']})" if g["section"] else "")
        typer.echo(
            _("{role} — {limit}").format(role=heading[:1].upper() + heading[1:], limit=g["term_limit"])
        )
        emit_rows(
            [
                h
                | {
                    "to": h["last_end"] or _("now"),
                    "note": _("limit reached") if h["reached_limit"] else "",
                }
                for h in g["holders"]
            ],
            [
                ("member", _("Member")),
                ("terms", _("Terms")),
                ("months", _("Months")),
                ("first_start", _("From")),
                ("to", _("To")),
                ("note", _("Note")),
            ],
            fmt,
        )
        eligible = g["eligible"]
        shown = ", ".join(eligible[:ELIGIBLE_SHOWN])
        more = len(eligible) - ELIGIBLE_SHOWN
        if more > 0:
            shown += _(" and {count} more").format(count=more)
        typer.echo(
            _("Eligible next ({count}, those who never held it first): {names}").format(
                count=len(eligible), names=shown or _("nobody")
            )
        )
