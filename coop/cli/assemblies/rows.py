"""What the assembly and motion commands print: an assembly's row, a quorum, the quorum a closed
assembly's record holds, the sentence after arrivals or departures, a motion's row.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import typer

from coop.cli.output import OutputFormat, emit_object
from coop.i18n import _, ngettext

if TYPE_CHECKING:
    from coop.assemblies.models import Assembly, Motion


def assembly_row(assembly: Assembly) -> dict[str, Any]:
    return {
        "id": assembly.id,
        "kind": assembly.kind.value,
        "called_for": assembly.called_for.isoformat(sep=" ", timespec="minutes"),
        "place": assembly.place,
        "chair": assembly.chair.label,
        "secretary": assembly.secretary.label,
        "status": assembly.status.value,
        "second_call_at": assembly.second_call_at.isoformat(sep=" ", timespec="minutes")
        if assembly.second_call_at
        else None,
        "closed_at": assembly.closed_at.isoformat(sep=" ", timespec="minutes")
        if assembly.closed_at
        else None,
        "minutes": assembly.minutes_status.value,
    }


def quorum_row(check: Any) -> dict[str, Any]:
    return {
        "met": check.met,
        "present": check.present,
        "proxies": check.proxies_represented,
        "proxies_counted": check.proxies_counted,
        "required": check.required,
        "missing": check.missing,
        "at_second_call": check.at_second_call,
        "statement": check.explanation,
    }


def present_after(recorded: str, present: int) -> str:
    """The sentence after arrivals or departures ("...; 31 members present."), each in its plural."""
    now_present = ngettext("{present} member present", "{present} members present", present)
    return _("{recorded}; {present}.").format(recorded=recorded, present=now_present.format(present=present))


def say_quorum_record(record: Any, fmt: OutputFormat) -> None:
    """A closed assembly: nobody is in the room, so a count now would say 0 present; say the record."""
    if fmt is OutputFormat.json:
        emit_object(
            {
                "assembly_id": record.assembly_id,
                "status": "closed",
                "closed_at": record.closed_at.isoformat(sep=" ", timespec="minutes"),
                "attended": record.attended,
                "represented_by_proxy": record.represented_by_proxy,
                "second_call_at": record.second_call_at.isoformat(sep=" ", timespec="minutes")
                if record.second_call_at
                else None,
                "votes": [
                    {
                        "motion_id": v.motion_id,
                        "position": v.position,
                        "opened_at": v.opened_at.isoformat(sep=" ", timespec="minutes"),
                        "present": v.present,
                        "proxies": v.proxies,
                        "proxies_counted": v.proxies_counted,
                        "required": v.required,
                        "met": v.met,
                        "at_second_call": v.at_second_call,
                        "statement": v.statement,
                    }
                    for v in record.votes
                ],
            },
            fmt,
        )
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


def motion_row(motion: Motion) -> dict[str, Any]:
    vote = motion.vote
    row: dict[str, Any] = {
        "id": motion.id,
        "assembly_id": motion.assembly_id,
        "position": motion.position,
        "kind": motion.kind,
        "title": motion.title,
        "text": motion.text,
        "final_text": motion.final_text,
        "proposer": motion.proposer.label,
        "seconder": motion.seconder.label if motion.seconder else None,
        "status": motion.status.value,
        "amendment_of": motion.parent_id,
        "vote": None,
    }
    if vote is not None:
        row["vote"] = {
            "method": vote.method.value,
            "status": vote.status.value,
            "rule": vote.rule,
            "article": vote.article,
            "quorum": {
                "present": vote.quorum_present,
                "proxies": vote.quorum_proxies,
                "proxies_counted": vote.quorum_proxies_counted,
                "required": vote.quorum_required,
                "met": vote.quorum_met,
                "at_second_call": vote.quorum_at_second_call,
            },
            "yes": vote.yes_count,
            "no": vote.no_count,
            "abstain": vote.abstain_count,
            "required": vote.required,
            "basis": vote.basis,
            "basis_count": vote.basis_count,
            "adopted": vote.adopted,
            "explanation": vote.explanation,
        }
    row["objections"] = [
        {
            "id": o.id,
            "member": o.member.label,
            "reason": o.reason,
            "status": o.status.value,
            "resolution": o.resolution,
        }
        for o in motion.objections
    ]
    return row
