"""What the assembly commands say in sentences: the quorum a closed assembly's record holds and the
sentence after arrivals or departures (the records themselves are views: coop.assemblies.views).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer

from coop.cli.output import OutputFormat, emit_object
from coop.i18n import _, ngettext

if TYPE_CHECKING:
    from coop.assemblies.meetings import QuorumRecord


def present_after(recorded: str, present: int) -> str:
    """The sentence after arrivals or departures ("...; 31 members present."), each in its plural."""
    now_present = ngettext("{present} member present", "{present} members present", present)
    return _("{recorded}; {present}.").format(recorded=recorded, present=now_present.format(present=present))


def say_quorum_record(record: QuorumRecord, fmt: OutputFormat) -> None:
    """A closed assembly: nobody is in the room, so a count now would say 0 present; say the record."""
    from coop.assemblies.views import recorded_quorum_json

    if fmt is not OutputFormat.table:
        emit_object(recorded_quorum_json(record), fmt)
        return
    lines = [
        _("Assembly {id} was closed at {time}; this is the quorum its record holds, not a count now.").format(
            id=record.assembly_id, time=record.closed_at.strftime("%H:%M")
        ),
        ngettext("{count} member attended", "{count} members attended", record.attended).format(
            count=record.attended
        )
        + "; "
        + ngettext(
            "{count} member was represented by proxy.",
            "{count} members were represented by proxy.",
            record.represented_by_proxy,
        ).format(count=record.represented_by_proxy),
    ]
    if record.second_call_at is not None:
        lines.append(
            _("It was held at second call from {time}.").format(time=record.second_call_at.strftime("%H:%M"))
        )
    for v in record.votes:
        lines.append(
            _("{motion}, vote opened at {time}: {statement}").format(
                motion=v.motion, time=v.opened_at.strftime("%H:%M"), statement=v.statement
            )
        )
    if not record.votes:
        lines.append(_("No vote was taken, so no quorum was recorded with a vote."))
    typer.echo("\n".join(lines))
