"""Who is in the room: arrivals and departures (one by one or from a CSV of member numbers), and the
written proxies of absent members, with the bylaws' cap per holder.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from sqlalchemy.orm import Session

from coop import csvfiles
from coop.assemblies.common import require_active, require_officer, require_open
from coop.assemblies.models import Assembly, Attendance, Proxy
from coop.assemblies.moments import Moment, closing_before_reopening, moment_of, refuse_future, shown
from coop.audit import record_change
from coop.errors import AssemblyError, InputFileError, MemberError, VoteError
from coop.formatting import format_time
from coop.i18n import _, ngettext
from coop.members.actors import Actor, find_member
from coop.members.bylaws_record import bylaws_in_force
from coop.members.models import Member


def present_stays(assembly: Assembly) -> list[Attendance]:
    return [stay for stay in assembly.attendance if stay.left_at is None]


def present_member_ids(assembly: Assembly, at: datetime | None = None) -> set[int]:
    """Who is in the room now, or, given ``at``, who was in the room at that moment."""
    if at is None:
        return {stay.member_id for stay in present_stays(assembly)}
    return {
        stay.member_id
        for stay in assembly.attendance
        if stay.arrived_at <= at and (stay.left_at is None or stay.left_at > at)
    }


def assembly_began(assembly: Assembly) -> datetime:
    """The earliest moment of the assembly: the time it was called for, or opened if earlier.

    The secretary may open the record a little before the called time to start checking members in.
    """
    return min(assembly.called_for, assembly.opened_at or assembly.called_for)


def check_attendance_time(assembly: Assembly, moment: datetime, now: datetime, what: str) -> None:
    """Refuse an arrival or departure time that cannot be a time at this assembly: in the future,
    before it began, or after it closed."""
    refuse_future(moment, now, what)
    if assembly.closed_at is not None and moment > assembly.closed_at:
        time, closing = shown(moment, assembly.closed_at)
        raise AssemblyError(
            _(
                "The {what} time {time} is after assembly {id} closed ({closed}); give a time up to {closed}."
            ).format(what=what, time=time, id=assembly.id, closed=closing)
        )
    began = assembly_began(assembly)
    if moment < began:
        time, start = shown(moment, began)
        raise AssemblyError(
            _(
                "The {what} time {time} is before assembly {id} began ({began}); give a time from {began} on."
            ).format(what=what, time=time, id=assembly.id, began=start)
        )


def proxies_in_force(assembly: Assembly, at: datetime | None = None) -> list[Proxy]:
    """Proxies that count now (or at ``at``): not revoked, holder in the room, giver not."""
    present = present_member_ids(assembly, at)
    return [
        p
        for p in assembly.proxies
        if (p.revoked_at is None or (at is not None and p.revoked_at > at))
        and p.holder_id in present
        and p.giver_id not in present
    ]


def require_proxy(assembly: Assembly, holder: Member, giver: Member) -> None:
    """Refuse a vote cast for ``giver`` unless ``holder`` holds their proxy, in force now."""
    if not any(p.giver_id == giver.id and p.holder_id == holder.id for p in proxies_in_force(assembly)):
        raise VoteError(
            _("{holder} holds no proxy in force from {giver} at this assembly.").format(
                holder=holder.label, giver=giver.label
            )
        )


def _attendance_moment(
    session: Session, actor: Actor, assembly: Assembly, at: Moment | None, now: datetime, what: str
) -> datetime:
    """What every attendance entry checks first: an officer, an open assembly, a possible moment."""
    require_officer(session, actor, assembly, _("Recording attendance"))
    require_open(assembly)
    moment = moment_of(assembly, at, now)
    check_attendance_time(assembly, moment, now, what)
    first_close = closing_before_reopening(session, assembly)
    if first_close is not None and moment > first_close:
        time, closing = shown(moment, first_close)
        raise AssemblyError(
            _(
                "Assembly {id} was reopened to correct its record and had closed at {closed}; the {what} "
                "time {time} is later: give the real time with --at HH:MM."
            ).format(id=assembly.id, closed=closing, what=what, time=time)
        )
    return moment


def _record_attendance(
    session: Session,
    action: str,
    actor: Actor,
    now: datetime,
    assembly: Assembly,
    members: Sequence[Member],
    moment: datetime,
) -> None:
    """The one audit event of arrivals or departures: who, and at what time."""
    record_change(
        session,
        action,
        actor,
        now,
        {"assembly_id": assembly.id, "members": [m.id for m in members], "at": moment.isoformat()},
    )


def check_in(
    session: Session,
    *,
    actor: Actor,
    now: datetime,
    assembly: Assembly,
    members: Sequence[str],
    at: Moment | None = None,
) -> list[Member]:
    """Record arrivals; a proxy given by someone who arrives is revoked: they vote in person."""
    arrived_at = _attendance_moment(session, actor, assembly, at, now, _("arrival"))
    found = [require_active(find_member(session, reference)) for reference in members]
    present = present_member_ids(assembly)
    for member in found:
        if member.id in present:
            raise AssemblyError(_("{member} is already recorded as present.").format(member=member.label))
        last_left = max(
            (s.left_at for s in assembly.attendance if s.member_id == member.id and s.left_at), default=None
        )
        if last_left is not None and arrived_at < last_left:
            raise AssemblyError(
                _(
                    "{member} cannot return at {time}, before they left at {left}; give a time from "
                    "{left} on."
                ).format(member=member.label, time=format_time(arrived_at), left=format_time(last_left))
            )
        present.add(member.id)
        assembly.attendance.append(Attendance(member_id=member.id, arrived_at=arrived_at))
        for proxy in assembly.proxies:
            if proxy.giver_id == member.id and proxy.revoked_at is None:
                proxy.revoked_at = arrived_at
                proxy.revoked_reason = "giver_present"
                record_change(
                    session,
                    "coop.proxy.revoked",
                    actor,
                    now,
                    {"assembly_id": assembly.id, "proxy_id": proxy.id, "reason": "giver_present"},
                )
    _record_attendance(session, "coop.attendance.arrived", actor, now, assembly, found, arrived_at)
    return found


def read_member_numbers(
    content: bytes, source: str, *, dialect: csvfiles.CsvDialect = csvfiles.DETECT
) -> list[str]:
    """Member numbers from a CSV (a 'number' column, or one number per line)."""
    rows = csvfiles.read_cells(content, source, dialect=dialect)
    if rows and rows[0] and csvfiles.is_heading(rows[0][0], "number"):
        rows = rows[1:]
    numbers = [row[0].strip() for row in rows if row and row[0].strip()]
    if not numbers:
        raise InputFileError(_("{file} has no member numbers in it.").format(file=source))
    return numbers


def check_in_file(
    session: Session,
    *,
    actor: Actor,
    now: datetime,
    assembly: Assembly,
    path: Path,
    at: Moment | None = None,
    dialect: csvfiles.CsvDialect = csvfiles.DETECT,
) -> list[Member]:
    numbers = read_member_numbers(csvfiles.read_file(path), path.name, dialect=dialect)
    problems = []
    for line, number in enumerate(numbers, start=1):
        try:
            find_member(session, number)
        except MemberError as error:
            problems.append(_("entry {line}: {reason}").format(line=line, reason=error.message))
    if problems:
        raise InputFileError(
            _("{file} has unknown members, so no attendance was recorded:\n  {lines}").format(
                file=path.name, lines="\n  ".join(problems)
            )
        )
    return check_in(session, actor=actor, now=now, assembly=assembly, members=numbers, at=at)


def record_arrivals(
    session: Session,
    *,
    actor: Actor,
    now: datetime,
    assembly: Assembly,
    members: Sequence[str] = (),
    path: Path | None = None,
    at: Moment | None = None,
    dialect: csvfiles.CsvDialect = csvfiles.DETECT,
) -> list[Member]:
    """Arrivals named one by one, listed in a CSV of member numbers, or both (the file first)."""
    if not members and path is None:
        raise AssemblyError(_("Name the members arriving, or give --file with their numbers."))
    arrived: list[Member] = []
    if path is not None:
        arrived += check_in_file(
            session, actor=actor, now=now, assembly=assembly, path=path, at=at, dialect=dialect
        )
    if members:
        arrived += check_in(session, actor=actor, now=now, assembly=assembly, members=members, at=at)
    return arrived


def check_out(
    session: Session,
    *,
    actor: Actor,
    now: datetime,
    assembly: Assembly,
    members: Sequence[str],
    at: Moment | None = None,
) -> list[Member]:
    left_at = _attendance_moment(session, actor, assembly, at, now, _("departure"))
    found = [find_member(session, reference) for reference in members]
    leaving = []
    for member in found:
        stay = next((s for s in present_stays(assembly) if s.member_id == member.id), None)
        if stay is None:
            raise AssemblyError(_("{member} is not recorded as present.").format(member=member.label))
        if left_at < stay.arrived_at:
            raise AssemblyError(
                _(
                    "{member} cannot leave at {time}, before they arrived at {arrived}; give a time "
                    "from {arrived} on."
                ).format(member=member.label, time=format_time(left_at), arrived=format_time(stay.arrived_at))
            )
        leaving.append(stay)
    for stay in leaving:  # only once every member's time is known to be right
        stay.left_at = left_at
    _record_attendance(session, "coop.attendance.left", actor, now, assembly, found, left_at)
    return found


def grant_proxy(
    session: Session,
    *,
    actor: Actor,
    now: datetime,
    assembly: Assembly,
    giver: str,
    holder: str,
    document: str | None = None,
) -> Proxy:
    require_officer(session, actor, assembly, _("Recording a proxy"))
    require_open(assembly)
    giver_member = require_active(find_member(session, giver))
    holder_member = require_active(find_member(session, holder))
    if giver_member.id == holder_member.id:
        raise AssemblyError(_("A member cannot hold their own proxy."))
    if giver_member.id in present_member_ids(assembly):
        raise AssemblyError(
            _("{member} is present and votes in person; a proxy is for an absent member.").format(
                member=giver_member.label
            )
        )
    active_proxies = [p for p in assembly.proxies if p.revoked_at is None]
    if any(p.giver_id == giver_member.id for p in active_proxies):
        raise AssemblyError(
            _("{member} has already given a proxy for this assembly.").format(member=giver_member.label)
        )
    if any(p.giver_id == holder_member.id for p in active_proxies):
        raise AssemblyError(
            _("{member} has given their own proxy to someone else and cannot hold one.").format(
                member=holder_member.label
            )
        )
    cap = int(bylaws_in_force(session)["proxy.max_per_holder"].value)
    held = sum(1 for p in active_proxies if p.holder_id == holder_member.id)
    if held >= cap:
        raise AssemblyError(
            ngettext(
                "{member} already holds {held} proxy and the bylaws allow {cap} per member "
                "(proxy.max_per_holder).",
                "{member} already holds {held} proxies and the bylaws allow {cap} per member "
                "(proxy.max_per_holder).",
                held,
            ).format(member=holder_member.label, held=held, cap=cap)
        )
    proxy = Proxy(
        giver_id=giver_member.id,
        holder_id=holder_member.id,
        document=(document or "").strip() or None,
        granted_at=now,
    )
    assembly.proxies.append(proxy)
    session.flush()
    record_change(
        session,
        "coop.proxy.granted",
        actor,
        now,
        {
            "assembly_id": assembly.id,
            "proxy_id": proxy.id,
            "giver": giver_member.label,
            "holder": holder_member.label,
            "document": proxy.document,
        },
    )
    return proxy
