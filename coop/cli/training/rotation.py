"""``coop rotation``: terms in rotating coordination roles, and who is eligible next."""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer

from coop.cli.commands import acting
from coop.cli.context import now, open_session
from coop.cli.output import OutputFormat, emit_object, emit_rows, format_option
from coop.cli.training.options import AsOnDay, OnlyRole
from coop.cli.training.shared import parse_day
from coop.i18n import _

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from coop.training.role_terms import ElectingMotion


rotation_app = typer.Typer(
    help=_("Terms in rotating coordination roles, and who is eligible next."), no_args_is_help=True
)


def electing_motion(session: Session, reference: str | int) -> ElectingMotion:
    """The motion numbered ``reference``, as a term's record needs it.

    Read here, where the CLI stands above both domains: training may not import assemblies.
    """
    from coop.assemblies.common import find_motion
    from coop.assemblies.lifecycle import status_label
    from coop.assemblies.models import MotionStatus
    from coop.training.role_terms import ElectingMotion

    motion = find_motion(session, reference)
    return ElectingMotion(
        id=motion.id,
        title=motion.title,
        adopted=motion.status == MotionStatus.adopted,
        status=status_label(str(motion.status)),
    )


@rotation_app.command("record")
def rotation_record(
    ctx: typer.Context,
    role: str = typer.Argument(
        ..., help=_("coordinator, section_coordinator, president, secretary, treasurer or auditor.")
    ),
    member: str = typer.Argument(..., help=_("Member number or name (id:N for a member without a number).")),
    start: str = typer.Option(..., "--start", help=_("First day in office (YYYY-MM-DD).")),
    end: str | None = typer.Option(None, "--end", help=_("Last day in office, for a past term.")),
    motion: int | None = typer.Option(None, "--motion", help=_("Number of the motion that elected them.")),
    section: str | None = typer.Option(None, "--section", help=_("For a section coordinator: the section.")),
) -> None:
    """Record a term in a rotating role (secretary); the bylaws' term limit is applied."""
    from coop.rules.terms import parse_term_role, role_label
    from coop.training.role_terms import record_term

    with open_session(ctx) as session:
        wanted = parse_term_role(role)
        term = record_term(
            session,
            actor=acting(ctx, session),
            now=now(),
            role=wanted,
            member=member,
            starts_on=parse_day(start, _("The start")),
            ends_on=parse_day(end, _("The end")) if end else None,
            elected_by=electing_motion(session, motion) if motion is not None else None,
            section=section,
        )
        text = _("Recorded {member} as {role} from {start}{until}.").format(
            member=term.member.label,
            role=role_label(wanted) + (f" ({term.section})" if term.section else ""),
            start=term.starts_on.isoformat(),
            until=_(" to {end}").format(end=term.ends_on.isoformat()) if term.ends_on else "",
        )
    typer.echo(text)


@rotation_app.command("end")
def rotation_end(
    ctx: typer.Context,
    role: str = typer.Argument(..., help=_("The role.")),
    member: str = typer.Argument(..., help=_("Member number or name (id:N for a member without a number).")),
    day: str = typer.Option(..., "--date", help=_("Last day in office (YYYY-MM-DD).")),
) -> None:
    """End a member's running term in a role."""
    from coop.rules.terms import parse_term_role, role_label
    from coop.training.role_terms import end_term

    with open_session(ctx) as session:
        wanted = parse_term_role(role)
        term = end_term(
            session,
            actor=acting(ctx, session),
            now=now(),
            role=wanted,
            member=member,
            ends_on=parse_day(day, _("The date")),
        )
        text = _("The term of {member} as {role} ends on {end}.").format(
            member=term.member.label, role=role_label(wanted), end=day
        )
    typer.echo(text)


@rotation_app.command("list")
def rotation_list(
    ctx: typer.Context,
    role: OnlyRole = None,
    fmt: OutputFormat = format_option(),
) -> None:
    """List every recorded term, oldest first."""
    from coop.rules.terms import parse_term_role, role_label
    from coop.training.role_terms import list_terms
    from coop.training.views import TermView

    with open_session(ctx) as session:
        terms = list_terms(session, parse_term_role(role) if role else None)
        rows = [TermView.of(term).as_json() for term in terms]
    if fmt is OutputFormat.table:
        # People read the role in their language; scripts keep the stored word.
        rows = [row | {"role": role_label(row["role"])} for row in rows]
    emit_rows(
        rows,
        [
            ("role", _("Role")),
            ("section", _("Section")),
            ("member", _("Member")),
            ("starts_on", _("From")),
            ("ends_on", _("To")),
            ("motion_id", _("Motion")),
        ],
        fmt,
        title=_("Terms"),
    )


ELIGIBLE_SHOWN = 10


@rotation_app.command("report")
def rotation_report(
    ctx: typer.Context,
    role: OnlyRole = None,
    on: AsOnDay = None,
    fmt: OutputFormat = format_option(),
) -> None:
    """Who has held each role and for how long, and who is eligible next (never held it first)."""
    from coop.rules.terms import describe_term_limit, parse_term_role, role_label
    from coop.training.role_terms import RotationGroup
    from coop.training.role_terms import rotation_report as report_on_rotation

    with open_session(ctx) as session:
        today = parse_day(on, _("The day"), now().date())
        groups = report_on_rotation(session, today, parse_term_role(role) if role else None)
        data = []
        for group in groups:
            rotation = group.rotation

            def label(key: str, group: RotationGroup = group) -> str:
                return group.members[key].label

            data.append(
                {
                    "role": group.role.value,
                    "role_label": role_label(group.role),
                    "section": group.section,
                    "term_limit": describe_term_limit(rotation.limit),
                    "current": [label(k) for k in rotation.current],
                    "holders": [
                        {
                            "member": label(t.member),
                            "terms": t.terms,
                            "months": t.months,
                            "days": t.days,
                            "first_start": t.first_start.isoformat(),
                            "last_end": t.last_end.isoformat() if t.last_end else None,
                            "current": t.current,
                            "reached_limit": t.reached_limit,
                        }
                        for t in rotation.holders
                    ],
                    "at_limit": [label(k) for k in rotation.at_limit],
                    "eligible": [label(k) for k in rotation.eligible],
                }
            )
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
