"""``coop assembly``: open an assembly, record attendance and proxies, show its quorum, hold it at
second call and close it.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import typer

from coop.cli.assemblies.rows import assembly_row, present_after, quorum_row, say_quorum_record
from coop.cli.assemblies.shared import acting, parse_clock, parse_day, time_given
from coop.cli.context import now, open_session
from coop.cli.output import OutputFormat, emit_object, emit_rows, format_option
from coop.errors import AssemblyError
from coop.i18n import _, ngettext

assembly_app = typer.Typer(
    help=_("Assemblies: open, attendance, proxies, quorum, close."), no_args_is_help=True
)


@assembly_app.command("open")
def open_(
    ctx: typer.Context,
    day: str = typer.Option(..., "--date", help=_("Date of the assembly (YYYY-MM-DD).")),
    called_time: str = typer.Option(..., "--time", help=_("The time it was called for (HH:MM).")),
    place: str = typer.Option(..., "--place", help=_("Where it meets.")),
    chair: str = typer.Option(..., "--chair", help=_("Member who chairs it.")),
    secretary: str = typer.Option(..., "--secretary", help=_("Member who takes the minutes.")),
    kind: str = typer.Option("ordinary", "--kind", help=_("ordinary or extraordinary.")),
    fmt: OutputFormat = format_option(),
) -> None:
    """Open an assembly (secretary)."""
    from coop.assemblies import meetings

    with open_session(ctx) as session:
        assembly = meetings.open_assembly(
            session,
            actor=acting(ctx, session),
            now=now(),
            called_for=datetime.combine(parse_day(day), parse_clock(called_time)),
            place=place,
            kind=meetings.parse_kind(kind),
            chair=chair,
            secretary=secretary,
        )
        row = assembly_row(assembly)
    if fmt is OutputFormat.json:
        emit_object(row, fmt)
    else:
        typer.echo(
            _("Opened assembly {id}: {kind}, {when}, {place}.").format(
                id=row["id"], kind=_(assembly.kind.value), when=row["called_for"], place=row["place"]
            )
        )


@assembly_app.command("list")
def list_(ctx: typer.Context, fmt: OutputFormat = format_option()) -> None:
    """List assemblies."""
    from coop.assemblies import meetings

    with open_session(ctx) as session:
        rows = [assembly_row(a) for a in meetings.list_assemblies(session)]
    emit_rows(
        rows,
        [
            ("id", "#"),
            ("kind", _("Kind")),
            ("called_for", _("Called for")),
            ("place", _("Place")),
            ("status", _("Status")),
            ("minutes", _("Minutes")),
        ],
        fmt,
        title=_("Assemblies"),
    )


@assembly_app.command("show")
def show(
    ctx: typer.Context,
    assembly: str = typer.Argument(..., help=_("Assembly number.")),
    fmt: OutputFormat = format_option(),
) -> None:
    """Show an assembly: who is present, proxies in force, quorum and motions."""
    from coop.assemblies import attendance, common, meetings

    with open_session(ctx) as session:
        found = common.find_assembly(session, assembly)
        row = assembly_row(found)
        present = {s.member_id for s in attendance.present_stays(found)}
        row["present"] = [s.member.label for s in found.attendance if s.left_at is None]
        row["attended"] = len({s.member_id for s in found.attendance})
        row["proxies_in_force"] = [
            {"giver": p.giver.label, "holder": p.holder.label} for p in attendance.proxies_in_force(found)
        ]
        row["quorum"] = (
            quorum_row(meetings.current_quorum(session, found))["statement"]
            if present or found.status.value == "open"
            else None
        )
        row["motions"] = [
            {"id": m.id, "position": m.position, "title": m.title, "status": m.status.value}
            for m in found.motions
        ]
    if fmt is OutputFormat.table:
        row["present"] = len(row["present"])
    emit_object(row, fmt)


@assembly_app.command("attend")
def attend(
    ctx: typer.Context,
    assembly: str = typer.Argument(..., help=_("Assembly number.")),
    members: list[str] = typer.Argument(None, help=_("Member numbers or names arriving.")),
    file: Path | None = typer.Option(None, "--file", help=_("CSV of member numbers (a 'number' column).")),
    at: str | None = typer.Option(None, "--at", help=_("Arrival time (HH:MM), if not now.")),
) -> None:
    """Record members arriving (a proxy they gave is revoked: they vote in person)."""
    from coop.assemblies import attendance, common

    if not members and file is None:  # said before the database is opened, as a usage mistake
        raise AssemblyError(_("Name the members arriving, or give --file with their numbers."))
    with open_session(ctx) as session:
        found = common.find_assembly(session, assembly)
        moment = now()
        arrived = attendance.record_arrivals(
            session,
            actor=acting(ctx, session),
            now=moment,
            assembly=found,
            members=members or (),
            path=file,
            at=time_given(at, moment),
        )
        present = len(attendance.present_stays(found))
        count = len(arrived)
    recorded = ngettext("Recorded {count} arrival", "Recorded {count} arrivals", count)
    typer.echo(present_after(recorded.format(count=count), present))


@assembly_app.command("leave")
def leave(
    ctx: typer.Context,
    assembly: str = typer.Argument(..., help=_("Assembly number.")),
    members: list[str] = typer.Argument(..., help=_("Member numbers or names leaving.")),
    at: str | None = typer.Option(None, "--at", help=_("Departure time (HH:MM), if not now.")),
) -> None:
    """Record members leaving during the meeting."""
    from coop.assemblies import attendance, common

    with open_session(ctx) as session:
        found = common.find_assembly(session, assembly)
        moment = now()
        left = attendance.check_out(
            session,
            actor=acting(ctx, session),
            now=moment,
            assembly=found,
            members=members,
            at=time_given(at, moment),
        )
        present = len(attendance.present_stays(found))
        count = len(left)
    recorded = ngettext("Recorded {count} departure", "Recorded {count} departures", count)
    typer.echo(present_after(recorded.format(count=count), present))


@assembly_app.command("proxy")
def proxy(
    ctx: typer.Context,
    assembly: str = typer.Argument(..., help=_("Assembly number.")),
    giver: str = typer.Option(..., "--from", help=_("The absent member who gives the proxy.")),
    holder: str = typer.Option(..., "--to", help=_("The member who will vote for them.")),
    document: str | None = typer.Option(None, "--document", help=_("Reference of the written proxy.")),
) -> None:
    """Record a written proxy for this assembly (within the bylaws' cap per holder)."""
    from coop.assemblies import attendance, common

    with open_session(ctx) as session:
        found = common.find_assembly(session, assembly)
        granted = attendance.grant_proxy(
            session,
            actor=acting(ctx, session),
            now=now(),
            assembly=found,
            giver=giver,
            holder=holder,
            document=document,
        )
        text = _("{holder} holds the proxy of {giver}.").format(
            holder=granted.holder.label, giver=granted.giver.label
        )
    typer.echo(text)


@assembly_app.command("quorum")
def quorum(
    ctx: typer.Context,
    assembly: str = typer.Argument(..., help=_("Assembly number.")),
    fmt: OutputFormat = format_option(),
) -> None:
    """Show whether the assembly has quorum now; for a closed one, the quorum its record holds."""
    from coop.assemblies import common, meetings

    with open_session(ctx) as session:
        found = common.find_assembly(session, assembly)
        if found.closed_at is not None:
            say_quorum_record(meetings.quorum_record(found), fmt)
            return
        row = quorum_row(meetings.current_quorum(session, found))
    if fmt is OutputFormat.json:
        emit_object(row, fmt)
    else:
        typer.echo(row["statement"])


@assembly_app.command("second-call")
def second_call(ctx: typer.Context, assembly: str = typer.Argument(..., help=_("Assembly number."))) -> None:
    """Hold the assembly at second call, once the bylaws' waiting time has passed."""
    from coop.assemblies import attendance, common, meetings

    with open_session(ctx) as session:
        found = meetings.record_second_call(
            session, actor=acting(ctx, session), now=now(), assembly=common.find_assembly(session, assembly)
        )
        count = len(attendance.present_stays(found))
        text = ngettext(
            "Assembly {id} is held at second call from {time}, with {count} member present.",
            "Assembly {id} is held at second call from {time}, with {count} members present.",
            count,
        ).format(
            id=found.id,
            time=found.second_call_at.strftime("%H:%M") if found.second_call_at else "",
            count=count,
        )
    typer.echo(text)


@assembly_app.command("close")
def close(ctx: typer.Context, assembly: str = typer.Argument(..., help=_("Assembly number."))) -> None:
    """Close the assembly; its minutes can then be printed and later approved."""
    from coop.assemblies import common, meetings

    with open_session(ctx) as session:
        found = meetings.close_assembly(
            session, actor=acting(ctx, session), now=now(), assembly=common.find_assembly(session, assembly)
        )
        text = _("Closed assembly {id} at {time}.").format(
            id=found.id, time=found.closed_at.strftime("%H:%M") if found.closed_at else ""
        )
    typer.echo(text)
