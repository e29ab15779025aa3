"""``coop assembly``: open an assembly, record attendance and proxies, show its quorum, hold it at
second call and close it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import typer

from coop import display, vocabulary
from coop.cli import words
from coop.cli.assemblies.rows import present_after, say_quorum_record
from coop.cli.assemblies.shared import parse_clock, parse_day, time_given
from coop.cli.context import open_session
from coop.cli.options import (
    AssemblyArgument,
    DelimiterOption,
    EncodingOption,
    command_scope,
    emit_listing,
    emit_record,
    say_done,
)
from coop.cli.output import OutputFormat, emit_or_say, format_option
from coop.cli.words import listing
from coop.errors import AssemblyError
from coop.i18n import N_, _, ngettext

assembly_app = typer.Typer(
    help=_("Assemblies: open, attendance, proxies, quorum, close."), no_args_is_help=True
)

ASSEMBLY_COLUMNS = ("id", "kind", "called_for", "place", "status", "minutes")


def _record_movements(
    ctx: typer.Context, assembly: str, at: str | None, record: Callable[..., list[Any]], **who: Any
) -> tuple[int, int]:
    """Record arrivals or departures (``--at`` a time today, or now) with ``record(c.assemblies)``'s
    method; how many moved, how many are present."""
    from coop.assemblies.attendance import present_stays

    with command_scope(ctx) as c:
        found = c.assemblies.find_assembly(assembly)
        moved = record(c.assemblies)(found, at=time_given(at, c.now), **who)
        return len(moved), len(present_stays(found))


@assembly_app.command("open")
def open_(
    ctx: typer.Context,
    day: str = typer.Option(..., "--date", help=_("Date of the assembly (YYYY-MM-DD).")),
    called_time: str = typer.Option(..., "--time", help=_("The time it was called for (HH:MM).")),
    place: str = typer.Option(..., "--place", help=_("Where it meets.")),
    chair: str = typer.Option(..., "--chair", help=_("Member who chairs it.")),
    secretary: str = typer.Option(..., "--secretary", help=_("Member who takes the minutes.")),
    kind: str = typer.Option(
        "ordinary",
        "--kind",
        help=listing(N_("Kind of assembly: {words}."), words.assembly_kinds, default=words.ordinary_assembly),
    ),
    fmt: OutputFormat = format_option(),
) -> None:
    """Open an assembly (secretary)."""
    from coop.assemblies.views import assembly_view

    with command_scope(ctx) as c:
        called_for = datetime.combine(parse_day(day), parse_clock(called_time))
        assembly = assembly_view(
            c.assemblies.open_assembly(
                called_for=called_for, place=place, kind=kind, chair=chair, secretary=secretary
            )
        )
    row = assembly.as_json()
    emit_or_say(
        row,
        fmt,
        _("Opened assembly {id}: {kind}, {when}, {place}.").format(
            id=assembly.id, kind=vocabulary.label(assembly.kind), when=row["called_for"], place=assembly.place
        ),
    )


@assembly_app.command("list")
def list_(ctx: typer.Context, fmt: OutputFormat = format_option()) -> None:
    """List assemblies."""
    from coop.assemblies.views import AssemblyView, list_assemblies

    columns = display.headings(AssemblyView, ASSEMBLY_COLUMNS)
    emit_listing(ctx, list_assemblies, columns, fmt, title=_("Assemblies"))


@assembly_app.command("show")
def show(
    ctx: typer.Context,
    assembly: AssemblyArgument,
    fmt: OutputFormat = format_option(),
) -> None:
    """Show an assembly: who is present, proxies in force, quorum and motions."""
    from coop.assemblies import common
    from coop.assemblies.views import assembly_record_view

    emit_record(
        ctx, lambda session: assembly_record_view(session, common.find_assembly(session, assembly)), fmt
    )


@assembly_app.command("attend")
def attend(
    ctx: typer.Context,
    assembly: AssemblyArgument,
    members: list[str] = typer.Argument(None, help=_("Member numbers or names arriving.")),
    file: Path | None = typer.Option(None, "--file", help=_("CSV of member numbers (a 'number' column).")),
    at: str | None = typer.Option(None, "--at", help=_("Arrival time (HH:MM), if not now.")),
    delimiter: DelimiterOption = None,
    encoding: EncodingOption = None,
) -> None:
    """Record members arriving (a proxy they gave is revoked: they vote in person)."""
    if not members and file is None:  # said before the database is opened, as a usage mistake
        raise AssemblyError(_("Name the members arriving, or give --file with their numbers."))
    count, present = _record_movements(
        ctx,
        assembly,
        at,
        lambda a: a.record_arrivals,
        members=members or (),
        path=file,
        delimiter=delimiter,
        encoding=encoding,
    )
    recorded = ngettext("Recorded {count} arrival", "Recorded {count} arrivals", count)
    typer.echo(present_after(recorded.format(count=count), present))


@assembly_app.command("leave")
def leave(
    ctx: typer.Context,
    assembly: AssemblyArgument,
    members: list[str] = typer.Argument(..., help=_("Member numbers or names leaving.")),
    at: str | None = typer.Option(None, "--at", help=_("Departure time (HH:MM), if not now.")),
) -> None:
    """Record members leaving during the meeting."""
    count, present = _record_movements(ctx, assembly, at, lambda a: a.check_out, members=members)
    recorded = ngettext("Recorded {count} departure", "Recorded {count} departures", count)
    typer.echo(present_after(recorded.format(count=count), present))


@assembly_app.command("proxy")
def proxy(
    ctx: typer.Context,
    assembly: AssemblyArgument,
    giver: str = typer.Option(..., "--from", help=_("The absent member who gives the proxy.")),
    holder: str = typer.Option(..., "--to", help=_("The member who will vote for them.")),
    document: str | None = typer.Option(None, "--document", help=_("Reference of the written proxy.")),
) -> None:
    """Record a written proxy for this assembly (within the bylaws' cap per holder)."""
    say_done(
        ctx,
        lambda c: c.assemblies.grant_proxy(assembly, giver=giver, holder=holder, document=document),
        lambda granted: _("{holder} holds the proxy of {giver}.").format(
            holder=granted.holder.label, giver=granted.giver.label
        ),
    )


@assembly_app.command("quorum")
def quorum(
    ctx: typer.Context,
    assembly: AssemblyArgument,
    fmt: OutputFormat = format_option(),
) -> None:
    """Show whether the assembly has quorum now; for a closed one, the quorum its record holds."""
    from coop.assemblies import common
    from coop.assemblies.views import QuorumView, assembly_quorum

    with open_session(ctx) as session:
        found = assembly_quorum(session, common.find_assembly(session, assembly))
    if isinstance(found, QuorumView):
        emit_or_say(found.as_json(), fmt, found.statement)
    else:
        say_quorum_record(found, fmt)


@assembly_app.command("second-call")
def second_call(ctx: typer.Context, assembly: AssemblyArgument) -> None:
    """Hold the assembly at second call, once the bylaws' waiting time has passed."""
    from coop.assemblies.attendance import present_stays

    with command_scope(ctx) as c:
        found = c.assemblies.record_second_call(assembly)
        count = len(present_stays(found))
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
def close(ctx: typer.Context, assembly: AssemblyArgument) -> None:
    """Close the assembly; its minutes can then be printed and later approved."""
    say_done(
        ctx,
        lambda c: c.assemblies.close_assembly(assembly),
        lambda found: _("Closed assembly {id} at {time}.").format(
            id=found.id, time=found.closed_at.strftime("%H:%M") if found.closed_at else ""
        ),
    )


@assembly_app.command("sheet")
def sheet(
    ctx: typer.Context,
    assembly: AssemblyArgument,
    out: Path = typer.Option(..., "--out", "-o", help=_("File to write: .pdf or .html.")),
) -> None:
    """Print the attendance sheet members sign on arrival, with a column for proxy holders."""
    from coop.reports.render import print_ahead

    with print_ahead(out, "attendance_sheet.html.j2") as printout:
        with command_scope(ctx) as c:
            document = c.assemblies.attendance_sheet(assembly)
        written = printout.write(sheet=document)
    typer.echo(
        ngettext(
            "Wrote the attendance sheet ({count} member) to {file}.",
            "Wrote the attendance sheet ({count} members) to {file}.",
            len(document.lines),
        ).format(count=len(document.lines), file=written)
    )
