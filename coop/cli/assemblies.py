"""``coop assembly ...`` and ``coop motion ...``: meetings, attendance, proxies, motions and votes."""

from __future__ import annotations

from datetime import date, datetime, time
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from coop.cli.context import now, open_session, state
from coop.cli.output import OutputFormat, emit_object, emit_rows, format_option
from coop.errors import AssemblyError
from coop.i18n import _, ngettext

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from coop.assemblies.models import Assembly, Motion
    from coop.members.service import Actor

assembly_app = typer.Typer(
    help=_("Assemblies: open, attendance, proxies, quorum, close."), no_args_is_help=True
)
motion_app = typer.Typer(help=_("Motions: propose, second, amend, vote and close."), no_args_is_help=True)


def _actor(ctx: typer.Context, session: Session) -> Actor:
    from coop.members.service import resolve_actor

    return resolve_actor(session, state(ctx).actor)


def _parse_day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise AssemblyError(_("'{value}' is not a date like 2026-11-25.").format(value=text)) from None


def _parse_clock(text: str) -> time:
    try:
        return time.fromisoformat(text)
    except ValueError:
        raise AssemblyError(_("'{value}' is not a time like 18:30.").format(value=text)) from None


def _at(text: str | None, current: datetime) -> datetime | None:
    """``--at 18:40`` means that time today; ``--at 2026-11-25T18:40`` a full date and time."""
    if text is None:
        return None
    if "T" in text or " " in text.strip():
        try:
            return datetime.fromisoformat(text.strip())
        except ValueError:
            raise AssemblyError(
                _("'{value}' is not a time like 18:30 or 2026-11-25T18:30.").format(value=text)
            ) from None
    return datetime.combine(current.date(), _parse_clock(text))


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
    from coop.assemblies import service

    with open_session(ctx) as session:
        assembly = service.open_assembly(
            session,
            actor=_actor(ctx, session),
            now=now(),
            called_for=datetime.combine(_parse_day(day), _parse_clock(called_time)),
            place=place,
            kind=service.parse_kind(kind),
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
    from coop.assemblies import service

    with open_session(ctx) as session:
        rows = [assembly_row(a) for a in service.list_assemblies(session)]
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


def _quorum_row(check: Any) -> dict[str, Any]:
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


@assembly_app.command("show")
def show(
    ctx: typer.Context,
    assembly: str = typer.Argument(..., help=_("Assembly number.")),
    fmt: OutputFormat = format_option(),
) -> None:
    """Show an assembly: who is present, proxies in force, quorum and motions."""
    from coop.assemblies import service

    with open_session(ctx) as session:
        found = service.find_assembly(session, assembly)
        row = assembly_row(found)
        present = {s.member_id for s in service.present_stays(found)}
        row["present"] = [s.member.label for s in found.attendance if s.left_at is None]
        row["attended"] = len({s.member_id for s in found.attendance})
        row["proxies_in_force"] = [
            {"giver": p.giver.label, "holder": p.holder.label} for p in service.proxies_in_force(found)
        ]
        row["quorum"] = (
            _quorum_row(service.current_quorum(session, found))["statement"]
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
    from coop.assemblies import service

    if not members and file is None:
        raise AssemblyError(_("Name the members arriving, or give --file with their numbers."))
    with open_session(ctx) as session:
        found = service.find_assembly(session, assembly)
        actor, moment = _actor(ctx, session), now()
        arrived = []
        if file is not None:
            arrived += service.check_in_file(
                session, actor=actor, now=moment, assembly=found, path=file, at=_at(at, moment)
            )
        if members:
            arrived += service.check_in(
                session, actor=actor, now=moment, assembly=found, members=members, at=_at(at, moment)
            )
        present = len(service.present_stays(found))
        count = len(arrived)
    recorded = ngettext("Recorded {count} arrival", "Recorded {count} arrivals", count)
    typer.echo(_present_after(recorded.format(count=count), present))


@assembly_app.command("leave")
def leave(
    ctx: typer.Context,
    assembly: str = typer.Argument(..., help=_("Assembly number.")),
    members: list[str] = typer.Argument(..., help=_("Member numbers or names leaving.")),
    at: str | None = typer.Option(None, "--at", help=_("Departure time (HH:MM), if not now.")),
) -> None:
    """Record members leaving during the meeting."""
    from coop.assemblies import service

    with open_session(ctx) as session:
        found = service.find_assembly(session, assembly)
        moment = now()
        left = service.check_out(
            session,
            actor=_actor(ctx, session),
            now=moment,
            assembly=found,
            members=members,
            at=_at(at, moment),
        )
        present = len(service.present_stays(found))
        count = len(left)
    recorded = ngettext("Recorded {count} departure", "Recorded {count} departures", count)
    typer.echo(_present_after(recorded.format(count=count), present))


def _present_after(recorded: str, present: int) -> str:
    """The sentence after arrivals or departures ("...; 31 members present."), each in its plural."""
    now_present = ngettext("{present} member present", "{present} members present", present)
    return _("{recorded}; {present}.").format(recorded=recorded, present=now_present.format(present=present))


@assembly_app.command("proxy")
def proxy(
    ctx: typer.Context,
    assembly: str = typer.Argument(..., help=_("Assembly number.")),
    giver: str = typer.Option(..., "--from", help=_("The absent member who gives the proxy.")),
    holder: str = typer.Option(..., "--to", help=_("The member who will vote for them.")),
    document: str | None = typer.Option(None, "--document", help=_("Reference of the written proxy.")),
) -> None:
    """Record a written proxy for this assembly (within the bylaws' cap per holder)."""
    from coop.assemblies import service

    with open_session(ctx) as session:
        found = service.find_assembly(session, assembly)
        granted = service.grant_proxy(
            session,
            actor=_actor(ctx, session),
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
    from coop.assemblies import service

    with open_session(ctx) as session:
        found = service.find_assembly(session, assembly)
        if found.closed_at is not None:
            _say_quorum_record(service.quorum_record(found), fmt)
            return
        row = _quorum_row(service.current_quorum(session, found))
    if fmt is OutputFormat.json:
        emit_object(row, fmt)
    else:
        typer.echo(row["statement"])


def _say_quorum_record(record: Any, fmt: OutputFormat) -> None:
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


@assembly_app.command("second-call")
def second_call(ctx: typer.Context, assembly: str = typer.Argument(..., help=_("Assembly number."))) -> None:
    """Hold the assembly at second call, once the bylaws' waiting time has passed."""
    from coop.assemblies import service

    with open_session(ctx) as session:
        found = service.record_second_call(
            session, actor=_actor(ctx, session), now=now(), assembly=service.find_assembly(session, assembly)
        )
        count = len(service.present_stays(found))
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
    from coop.assemblies import service

    with open_session(ctx) as session:
        found = service.close_assembly(
            session, actor=_actor(ctx, session), now=now(), assembly=service.find_assembly(session, assembly)
        )
        text = _("Closed assembly {id} at {time}.").format(
            id=found.id, time=found.closed_at.strftime("%H:%M") if found.closed_at else ""
        )
    typer.echo(text)


# --- motions ---------------------------------------------------------------------------------


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


def _motion_command(ctx: typer.Context, motion: str, operation: str, **options: Any) -> dict[str, Any]:
    """Run one service operation on a motion in one transaction and return the motion as a row."""
    from coop.assemblies import service

    with open_session(ctx) as session:
        found = service.find_motion(session, motion)
        getattr(service, operation)(session, actor=_actor(ctx, session), now=now(), motion=found, **options)
        return motion_row(found)


def _say_status(row: dict[str, Any]) -> None:
    from coop.assemblies.lifecycle import status_label

    typer.echo(
        _("Motion {position} ({title}) is now {status}.").format(
            position=row["position"], title=row["title"], status=status_label(row["status"])
        )
    )


@motion_app.command("propose")
def propose(
    ctx: typer.Context,
    assembly: str = typer.Argument(..., help=_("Assembly number.")),
    title: str = typer.Option(..., "--title", help=_("Short title.")),
    text: str = typer.Option(..., "--text", help=_("The text to be decided.")),
    kind: str = typer.Option(
        "ordinary", "--kind", help=_("Kind of motion; its decision rule comes from the bylaws.")
    ),
    by: str | None = typer.Option(None, "--by", help=_("The member who proposes it (default: --as).")),
    minutes_of: str | None = typer.Option(
        None, "--minutes-of", help=_("For minutes-approval: which assembly.")
    ),
    fmt: OutputFormat = format_option(),
) -> None:
    """Put a motion on the agenda."""
    from coop.assemblies import service

    with open_session(ctx) as session:
        motion = service.propose_motion(
            session,
            actor=_actor(ctx, session),
            now=now(),
            assembly=service.find_assembly(session, assembly),
            title=title,
            text=text,
            kind=service.parse_motion_kind(kind),
            proposer=by,
            minutes_of=minutes_of,
        )
        row = motion_row(motion)
    if fmt is OutputFormat.json:
        emit_object(row, fmt)
    else:
        typer.echo(_("Motion {position} proposed (id {id}): {title}.").format(**row))


@motion_app.command("second")
def second(
    ctx: typer.Context,
    motion: str = typer.Argument(..., help=_("Motion id.")),
    by: str | None = typer.Option(None, "--by", help=_("The seconder (default: --as).")),
) -> None:
    """Second a motion (another member than its proposer)."""
    _say_status(_motion_command(ctx, motion, "second_motion", seconder=by))


@motion_app.command("amend")
def amend(
    ctx: typer.Context,
    motion: str = typer.Argument(..., help=_("Motion id.")),
    text: str = typer.Option(..., "--text", help=_("The whole new wording proposed for the motion.")),
    title: str = typer.Option("", "--title", help=_("Short title of the amendment.")),
    by: str | None = typer.Option(None, "--by", help=_("The member who proposes it (default: --as).")),
) -> None:
    """Propose an amendment; it is voted before its motion."""
    from coop.assemblies import service

    with open_session(ctx) as session:
        amendment = service.amend_motion(
            session,
            actor=_actor(ctx, session),
            now=now(),
            motion=service.find_motion(session, motion),
            title=title,
            text=text,
            proposer=by,
        )
        row = motion_row(amendment)
    typer.echo(_("Amendment {position} proposed (id {id}).").format(**row))


@motion_app.command("withdraw")
def withdraw(ctx: typer.Context, motion: str = typer.Argument(..., help=_("Motion id."))) -> None:
    """Withdraw a motion (its proposer, or an officer)."""
    _say_status(_motion_command(ctx, motion, "withdraw_motion"))


@motion_app.command("postpone")
def postpone(ctx: typer.Context, motion: str = typer.Argument(..., help=_("Motion id."))) -> None:
    """Postpone a motion."""
    _say_status(_motion_command(ctx, motion, "postpone_motion"))


@motion_app.command("resume")
def resume(ctx: typer.Context, motion: str = typer.Argument(..., help=_("Motion id."))) -> None:
    """Take up a postponed motion again."""
    _say_status(_motion_command(ctx, motion, "resume_motion"))


@motion_app.command("open-vote")
def open_vote(
    ctx: typer.Context,
    motion: str = typer.Argument(..., help=_("Motion id.")),
    method: str | None = typer.Option(
        None, "--method", help=_("roll-call, secret or show-of-hands (consent motions need none).")
    ),
) -> None:
    """Open the vote; quorum is checked and recorded with it."""
    from coop.votes.service import parse_method

    row = _motion_command(ctx, motion, "open_motion_vote", method=parse_method(method) if method else None)
    _say_status(row)
    typer.echo(
        _("Quorum: present {present}, proxies {proxies}, required {required}.").format(
            **row["vote"]["quorum"]
        )
    )


@motion_app.command("vote")
def vote(
    ctx: typer.Context,
    motion: str = typer.Argument(..., help=_("Motion id.")),
    choice: str = typer.Argument(..., help=_("yes, no or abstain.")),
    member: str | None = typer.Option(None, "--member", help=_("The voter (default: --as).")),
    on_behalf_of: str | None = typer.Option(
        None, "--for", help=_("The absent member whose proxy the voter holds.")
    ),
) -> None:
    """Record one vote: roll call by an officer or the voter; a secret vote only by the voter."""
    from coop.assemblies import service
    from coop.votes.service import parse_choice

    with open_session(ctx) as session:
        result = service.cast_motion_vote(
            session,
            actor=_actor(ctx, session),
            now=now(),
            motion=service.find_motion(session, motion),
            choice=parse_choice(choice),
            voter=member,
            on_behalf_of=on_behalf_of,
        )
    if result.on_behalf_of:
        typer.echo(
            _("Vote recorded for {member} (proxy held by {holder}).").format(
                member=result.on_behalf_of, holder=result.voter
            )
        )
    else:
        typer.echo(_("Vote recorded for {member}.").format(member=result.voter))


@motion_app.command("hand-count")
def hand_count(
    ctx: typer.Context,
    motion: str = typer.Argument(..., help=_("Motion id.")),
    yes: int = typer.Option(..., "--yes", help=_("Hands for.")),
    no: int = typer.Option(..., "--no", help=_("Hands against.")),
    abstain: int = typer.Option(0, "--abstain", help=_("Abstentions.")),
    tellers: str | None = typer.Option(None, "--tellers", help=_("Names of the tellers who counted.")),
) -> None:
    """Enter the tellers' totals for a show of hands."""
    _motion_command(ctx, motion, "enter_hand_count", yes=yes, no=no, abstain=abstain, tellers=tellers)
    typer.echo(
        _("Totals entered: {yes} yes, {no} no, {abstain} abstaining.").format(yes=yes, no=no, abstain=abstain)
    )


@motion_app.command("object")
def object_(
    ctx: typer.Context,
    motion: str = typer.Argument(..., help=_("Motion id (a consent motion).")),
    reason: str = typer.Option(..., "--reason", help=_("Why: an objection must be reasoned.")),
    by: str | None = typer.Option(None, "--by", help=_("The objector (default: --as).")),
) -> None:
    """Record a reasoned objection to a consent motion."""
    from coop.assemblies import service

    with open_session(ctx) as session:
        objection = service.raise_objection(
            session,
            actor=_actor(ctx, session),
            now=now(),
            motion=service.find_motion(session, motion),
            reason=reason,
            member=by,
        )
        objection_id = objection.id
    typer.echo(_("Objection {id} recorded.").format(id=objection_id))


@motion_app.command("resolve-objection")
def resolve_objection(
    ctx: typer.Context,
    objection: int = typer.Argument(..., help=_("Objection id.")),
    resolution: str = typer.Option(..., "--resolution", help=_("How it was resolved.")),
    withdrawn: bool = typer.Option(False, "--withdrawn", help=_("The objector withdrew it.")),
) -> None:
    """Record how an objection was resolved."""
    from coop.assemblies import service

    with open_session(ctx) as session:
        found = service.resolve_objection(
            session,
            actor=_actor(ctx, session),
            now=now(),
            objection_id=objection,
            resolution=resolution,
            withdrawn=withdrawn,
        )
        status = found.status.value
    typer.echo(_("Objection {id} is {status}.").format(id=objection, status=_(status)))


@motion_app.command("close")
def close_motion(
    ctx: typer.Context,
    motion: str = typer.Argument(..., help=_("Motion id.")),
    casting_vote: str | None = typer.Option(
        None, "--casting-vote", help=_("The chair's vote on a tie, where the bylaws say chair_decides.")
    ),
    confirm_empty: bool = typer.Option(
        False,
        "--confirm-empty",
        help=_(
            "Close a roll-call or secret vote that received no ballot, or fewer ballots than voting "
            "codes handed out; the minutes state the number of ballots."
        ),
    ),
) -> None:
    """Close the vote: count, apply the bylaws' rule and announce the result."""
    from coop.assemblies import service

    with open_session(ctx) as session:
        found = service.find_motion(session, motion)
        decision = service.close_motion_vote(
            session,
            actor=_actor(ctx, session),
            now=now(),
            motion=found,
            casting_vote=casting_vote,
            confirm_empty=confirm_empty,
        )
        explanation = decision.explanation
        row = motion_row(found)
    typer.echo(explanation)
    _say_status(row)


@motion_app.command("list")
def list_motions(
    ctx: typer.Context,
    assembly: str = typer.Argument(..., help=_("Assembly number.")),
    fmt: OutputFormat = format_option(),
) -> None:
    """List an assembly's motions and amendments in agenda order."""
    from coop.assemblies import service

    with open_session(ctx) as session:
        rows = [motion_row(m) for m in service.find_assembly(session, assembly).motions]
    rows.sort(key=lambda r: [int(part) for part in r["position"].split(".")])
    emit_rows(
        rows,
        [
            ("id", "id"),
            ("position", "#"),
            ("title", _("Title")),
            ("kind", _("Kind")),
            ("proposer", _("Proposer")),
            ("status", _("Status")),
        ],
        fmt,
        title=_("Motions"),
    )


@motion_app.command("show")
def show_motion(
    ctx: typer.Context,
    motion: str = typer.Argument(..., help=_("Motion id.")),
    fmt: OutputFormat = format_option(),
) -> None:
    """Show a motion with its vote and objections."""
    from coop.assemblies import service
    from coop.assemblies.lifecycle import allowed_actions

    with open_session(ctx) as session:
        found = service.find_motion(session, motion)
        row = motion_row(found)
        row["next_steps"] = [a.value for a in allowed_actions(found.status.value)]
    emit_object(row, fmt)


def minutes(
    ctx: typer.Context,
    assembly: str = typer.Argument(..., help=_("Assembly number.")),
    out: Path = typer.Option(..., "--out", "-o", help=_("File to write: .pdf or .html.")),
) -> None:
    """Print an assembly's minutes (approved minutes print from their stored snapshot)."""
    from coop.reports.render import print_ahead

    with print_ahead(out, "minutes.html.j2") as printout:
        from coop.assemblies import service
        from coop.assemblies.minutes import minutes_for_print

        with open_session(ctx) as session:
            found = service.find_assembly(session, assembly)
            model = minutes_for_print(session, found)
        written = printout.write(minutes=model)
    typer.echo(
        _("Wrote the {status} minutes of assembly {id} to {file}.").format(
            status=_(model.status), id=assembly, file=written
        )
    )
