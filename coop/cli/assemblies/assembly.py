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
from coop.cli.assemblies.shared import parse_clock, parse_day, parse_when, when_option
from coop.cli.context import open_session
from coop.cli.options import (
    AssemblyArgument,
    DelimiterOption,
    DocumentOut,
    EncodingOption,
    command_group,
    command_scope,
    emit_listing,
    emit_record,
    print_document,
    say_done,
)
from coop.cli.output import OutputFormat, emit_or_say, format_option
from coop.cli.words import listing
from coop.errors import AssemblyError
from coop.i18n import N_, _, ngettext

assembly_app = command_group(_("Assemblies: call, agenda, notice, open, attendance, proxies, quorum, close."))

ASSEMBLY_COLUMNS = ("id", "kind", "called_for", "place", "status", "minutes")


def _record_movements(
    ctx: typer.Context, assembly: str, at: str | None, record: Callable[..., list[Any]], **who: Any
) -> tuple[int, int]:
    """Record arrivals or departures (``--at`` a time on the assembly's day, or now) with
    ``record(c.assemblies)``'s method; how many moved, how many are present."""
    from coop.assemblies.attendance import present_stays

    with command_scope(ctx) as c:
        found = c.assemblies.find_assembly(assembly)
        moved = record(c.assemblies)(found, at=parse_when(at), **who)
        return len(moved), len(present_stays(found))


def _kind_option() -> Any:
    return typer.Option(
        "ordinary",
        "--kind",
        help=listing(N_("Kind of assembly: {words}."), words.assembly_kinds, default=words.ordinary_assembly),
    )


@assembly_app.command("call")
def call(
    ctx: typer.Context,
    day: str = typer.Option(..., "--date", help=_("Date of the assembly (YYYY-MM-DD).")),
    called_time: str = typer.Option(..., "--time", help=_("The time of the first call (HH:MM).")),
    place: str = typer.Option(..., "--place", help=_("Where it meets.")),
    kind: str = _kind_option(),
    chair: str | None = typer.Option(None, "--chair", help=_("Member who will chair it (default: --as).")),
    secretary: str | None = typer.Option(
        None, "--secretary", help=_("Member who will take the minutes (default: --as).")
    ),
    fmt: OutputFormat = format_option(),
) -> None:
    """Call an assembly (secretary): draw up its agenda and print its notice before opening it."""
    from coop.assemblies.views import assembly_view

    with command_scope(ctx) as c:
        called_for = datetime.combine(parse_day(day), parse_clock(called_time))
        assembly = assembly_view(
            c.assemblies.call_assembly(
                called_for=called_for, place=place, kind=kind, chair=chair, secretary=secretary
            )
        )
    row = assembly.as_json()
    emit_or_say(
        row,
        fmt,
        _(
            "Called assembly {id}: {kind}, {when}, {place}. "
            "Add its agenda with: coop assembly agenda add {id}"
        ).format(
            id=assembly.id, kind=vocabulary.label(assembly.kind), when=row["called_for"], place=assembly.place
        ),
    )


@assembly_app.command("open")
def open_(
    ctx: typer.Context,
    assembly_number: str | None = typer.Argument(
        None,
        metavar="[ASSEMBLY]",
        help=_("A called assembly to open; without it, give --date, --time and --place."),
    ),
    day: str | None = typer.Option(None, "--date", help=_("Date of the assembly (YYYY-MM-DD).")),
    called_time: str | None = typer.Option(None, "--time", help=_("The time it was called for (HH:MM).")),
    place: str | None = typer.Option(None, "--place", help=_("Where it meets.")),
    chair: str | None = typer.Option(None, "--chair", help=_("Member who chairs it.")),
    secretary: str | None = typer.Option(None, "--secretary", help=_("Member who takes the minutes.")),
    kind: str = _kind_option(),
    opened_at: str | None = typer.Option(
        None,
        "--opened-at",
        help=_("When it really opened, if not now: HH:MM on its day, or a date and time (2026-11-28 18:05)."),
    ),
    fmt: OutputFormat = format_option(),
) -> None:
    """Open an assembly (secretary): a called one by its number, or a new one with --date and the rest.

    Entering it afterwards from paper notes, give the time it really opened with --opened-at.
    """
    from coop.assemblies.views import assembly_view

    if assembly_number is None:
        missing = [
            option
            for option, value in (
                ("--date", day),
                ("--time", called_time),
                ("--place", place),
                ("--chair", chair),
                ("--secretary", secretary),
            )
            if value is None
        ]
        if missing:
            raise AssemblyError(
                _("Name a called assembly to open, or give {options} to open a new one.").format(
                    options=", ".join(missing)
                )
            )
    elif day is not None or called_time is not None or place is not None:
        raise AssemblyError(
            _(
                "Assembly {id} was called with its date, time and place; "
                "open it without --date, --time or --place."
            ).format(id=assembly_number)
        )
    with command_scope(ctx) as c:
        if assembly_number is not None:
            opened = c.assemblies.open_called_assembly(
                assembly_number, chair=chair, secretary=secretary, opened_at=parse_when(opened_at)
            )
        else:
            assert day and called_time and place and chair and secretary  # checked above
            called_for = datetime.combine(parse_day(day), parse_clock(called_time))
            opened = c.assemblies.open_assembly(
                called_for=called_for,
                place=place,
                kind=kind,
                chair=chair,
                secretary=secretary,
                opened_at=parse_when(opened_at),
            )
        assembly = assembly_view(opened)
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
    at: str | None = when_option(
        _("Arrival time, if not now: HH:MM on the assembly's day, or a date and time (2026-11-28 18:05).")
    ),
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
    at: str | None = when_option(
        _("Departure time, if not now: HH:MM on the assembly's day, or a date and time (2026-11-28 18:05).")
    ),
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
def second_call(
    ctx: typer.Context,
    assembly: AssemblyArgument,
    at: str | None = when_option(
        _("When the second call was made, if not now: HH:MM on the assembly's day, or a date and time.")
    ),
) -> None:
    """Hold the assembly at second call, once the bylaws' waiting time has passed."""
    from coop.assemblies.attendance import present_member_ids

    with command_scope(ctx) as c:
        found = c.assemblies.record_second_call(assembly, at=parse_when(at))
        count = len(present_member_ids(found, found.second_call_at))
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
def close(
    ctx: typer.Context,
    assembly: AssemblyArgument,
    closed_at: str | None = typer.Option(
        None,
        "--closed-at",
        help=_("When it really closed, if not now: HH:MM on its day, or a date and time (2026-11-28 20:40)."),
    ),
) -> None:
    """Close the assembly; its minutes can then be printed and later approved.

    A reopened assembly closes again at the time it first closed, unless --closed-at says otherwise.
    """
    say_done(
        ctx,
        lambda c: c.assemblies.close_assembly(assembly, closed_at=parse_when(closed_at)),
        lambda found: _("Closed assembly {id} at {time}.").format(
            id=found.id, time=found.closed_at.strftime("%H:%M") if found.closed_at else ""
        ),
    )


@assembly_app.command("sheet")
def sheet(
    ctx: typer.Context,
    assembly: AssemblyArgument,
    out: DocumentOut,
) -> None:
    """Print the attendance sheet members sign on arrival, with a column for proxy holders."""
    document, written = print_document(
        ctx, out, "attendance_sheet.html.j2", lambda c: c.assemblies.attendance_sheet(assembly), name="sheet"
    )
    typer.echo(
        ngettext(
            "Wrote the attendance sheet ({count} member) to {file}.",
            "Wrote the attendance sheet ({count} members) to {file}.",
            len(document.lines),
        ).format(count=len(document.lines), file=written)
    )


@assembly_app.command("notice")
def notice(
    ctx: typer.Context,
    assembly: AssemblyArgument,
    out: DocumentOut,
    documents_at: str | None = typer.Option(
        None, "--documents-at", help=_('Where members can read the documents, e.g. "Office, 8 to 16".')
    ),
) -> None:
    """Print the notice of meeting for the notice board and the authority."""
    document, written = print_document(
        ctx,
        out,
        "notice.html.j2",
        lambda c: c.assemblies.notice(assembly, documents_at=documents_at),
        name="notice",
    )
    if document.late_warning:
        typer.echo(_("Warning: {warning}").format(warning=document.late_warning), err=True)
    typer.echo(_("Wrote the notice of assembly {id} to {file}.").format(id=assembly, file=written))
