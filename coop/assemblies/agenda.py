"""Calling an assembly and its agenda (orden del día): an assembly is called with its date, time,
place and kind, its agenda is drawn up item by item, and it is opened later (:mod:`.meetings`).

The agenda can change only while the assembly is called; once it opens, motions are proposed under
its items and the minutes follow its order. During the meeting an item can be postponed with a reason
and taken up again (:mod:`.agenda_postponing`); that is read back from the audit log, which holds
every postponement with its reason (:func:`postponements`).
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from coop.assemblies.common import require_active
from coop.assemblies.meetings import check_place, insert_assembly
from coop.assemblies.models import AgendaItem, Assembly, AssemblyKind, AssemblyStatus
from coop.audit import AuditEvent, record_change
from coop.errors import AssemblyError, VoteError
from coop.i18n import _
from coop.members.actors import Actor, find_member, require_role
from coop.members.models import Member, Role
from coop.votes.models import Candidate, Election, ElectionStatus


def _officer(session: Session, actor: Actor, reference: str | None, what: str) -> Member:
    """The member named, or the acting member when none is named."""
    if reference is not None:
        return require_active(find_member(session, reference))
    if actor.member is None:
        raise AssemblyError(
            _("Say who chairs the assembly: --chair MEMBER.")
            if what == "chair"
            else _("Say who takes the minutes of the assembly: --secretary MEMBER.")
        )
    return require_active(actor.member)


def call_assembly(
    session: Session,
    *,
    actor: Actor,
    now: datetime,
    called_for: datetime,
    place: str,
    kind: AssemblyKind,
    chair: str | None = None,
    secretary: str | None = None,
) -> Assembly:
    """Convene an assembly (secretary): it is ``called`` until it is opened."""
    require_role(session, actor, Role.secretary, _("Calling an assembly"))
    check_place(place)
    if called_for <= now:
        raise AssemblyError(
            _("An assembly is called for a moment still to come; {when} has passed.").format(
                when=called_for.strftime("%Y-%m-%d %H:%M")
            )
        )
    return insert_assembly(
        session,
        actor,
        now,
        "coop.assembly.called",
        kind=kind,
        called_for=called_for,
        place=place,
        chair=_officer(session, actor, chair, "chair"),
        secretary=_officer(session, actor, secretary, "secretary"),
        status=AssemblyStatus.called,
    )


def require_called(assembly: Assembly, doing: str) -> None:
    if assembly.status is not AssemblyStatus.called:
        raise AssemblyError(
            _(
                "{doing} is possible only before the assembly opens; assembly {id} is already open or closed."
            ).format(doing=doing, id=assembly.id)
        )


def find_item(assembly: Assembly, number: int) -> AgendaItem:
    """The agenda item at ``number`` (1 is the first), or an AssemblyError saying how many there are."""
    if 1 <= number <= len(assembly.agenda):
        return assembly.agenda[number - 1]
    if not assembly.agenda and assembly.status is AssemblyStatus.called:
        raise AssemblyError(
            _("Assembly {id} has no agenda items; add one with: coop assembly agenda add {id}").format(
                id=assembly.id
            )
        )
    if not assembly.agenda:
        raise AssemblyError(
            _("Assembly {id} has no agenda; propose the motion without --item.").format(id=assembly.id)
        )
    raise AssemblyError(
        _("Assembly {id} has no agenda item {number}; its items are numbered 1 to {last}.").format(
            id=assembly.id, number=number, last=len(assembly.agenda)
        )
    )


def _require_agenda_change(session: Session, actor: Actor, assembly: Assembly) -> None:
    """The agenda changes only by the secretary, and only before the assembly opens."""
    require_role(session, actor, Role.secretary, _("Changing the agenda"))
    require_called(assembly, _("Changing the agenda"))


def _record(
    session: Session,
    action: str,
    actor: Actor,
    now: datetime,
    place: tuple[Assembly, AgendaItem],
    **data: Any,
) -> None:
    """The audit event of a change to an item of an assembly's agenda: their ids, then ``data``."""
    assembly, item = place
    record_change(session, action, actor, now, {"assembly_id": assembly.id, "item_id": item.id, **data})


def _renumber(assembly: Assembly, items: list[AgendaItem]) -> None:
    for position, item in enumerate(items, start=1):
        item.position = position
    assembly.agenda[:] = items


def add_agenda_item(
    session: Session,
    *,
    actor: Actor,
    now: datetime,
    assembly: Assembly,
    title: str,
    text: str | None = None,
    motion_kind: str | None = None,
    position: int | None = None,
) -> AgendaItem:
    """Add an item at the end of the agenda, or at ``position`` (the items after it move down)."""
    _require_agenda_change(session, actor, assembly)
    if not title.strip():
        raise AssemblyError(_('An agenda item needs a title: --title "Approval of the balance sheet".'))
    items = list(assembly.agenda)
    at = len(items) + 1 if position is None else position
    if not 1 <= at <= len(items) + 1:
        raise AssemblyError(
            _("An item can be placed at positions 1 to {last}; {position} is outside them.").format(
                last=len(items) + 1, position=at
            )
        )
    item = AgendaItem(
        title=title.strip(),
        text=text.strip() if text and text.strip() else None,
        motion_kind=motion_kind,
        position=at,
    )
    items.insert(at - 1, item)
    _renumber(assembly, items)
    session.flush()
    _record(session, "coop.agenda.added", actor, now, (assembly, item), position=at, title=item.title)
    return item


def move_agenda_item(
    session: Session, *, actor: Actor, now: datetime, assembly: Assembly, number: int, to: int
) -> AgendaItem:
    """Move item ``number`` to position ``to``; the items between shift by one."""
    _require_agenda_change(session, actor, assembly)
    item = find_item(assembly, number)
    find_item(assembly, to)  # the same message for a place outside the agenda
    items = list(assembly.agenda)
    items.remove(item)
    items.insert(to - 1, item)
    _renumber(assembly, items)
    _record(session, "coop.agenda.moved", actor, now, (assembly, item), **{"from": number, "to": to})
    return item


def remove_agenda_item(
    session: Session, *, actor: Actor, now: datetime, assembly: Assembly, number: int
) -> AgendaItem:
    """Take item ``number`` off the agenda; the items after it move up."""
    _require_agenda_change(session, actor, assembly)
    item = find_item(assembly, number)
    items = [i for i in assembly.agenda if i is not item]
    _renumber(assembly, items)  # delete-orphan removes the row
    _record(session, "coop.agenda.removed", actor, now, (assembly, item), position=number, title=item.title)
    return item


def edit_agenda_item(
    session: Session,
    *,
    actor: Actor,
    now: datetime,
    assembly: Assembly,
    number: int,
    title: str | None = None,
    text: str | None = None,
    motion_kind: str | None = None,
) -> AgendaItem:
    """Correct item ``number``'s title, text or kind of motion before the assembly opens.

    ``text`` given as an empty string clears the item's text. The audit event keeps the old and the
    new value of every field that changed.
    """
    _require_agenda_change(session, actor, assembly)
    item = find_item(assembly, number)
    if title is None and text is None and motion_kind is None:
        raise AssemblyError(
            _("Say what to change in item {number}: --title, --text or --kind.").format(number=number)
        )
    if title is not None and not title.strip():
        raise AssemblyError(_('An agenda item needs a title: --title "Approval of the balance sheet".'))
    wanted = {
        "title": title.strip() if title is not None else item.title,
        "text": (text.strip() or None) if text is not None else item.text,
        "motion_kind": motion_kind if motion_kind is not None else item.motion_kind,
    }
    before = {"title": item.title, "text": item.text, "motion_kind": item.motion_kind}
    changed = [field for field in wanted if wanted[field] != before[field]]
    if not changed:
        raise AssemblyError(_("Item {number} already reads so; nothing was changed.").format(number=number))
    item.title, item.text, item.motion_kind = wanted["title"], wanted["text"], wanted["motion_kind"]
    _record(
        session,
        "coop.agenda.edited",
        actor,
        now,
        (assembly, item),
        position=number,
        **{
            "from": {field: before[field] for field in changed},
            "to": {field: wanted[field] for field in changed},
        },
    )
    return item


POSTPONED_ACTION = "coop.agenda.postponed"
RESUMED_ACTION = "coop.agenda.resumed"


def postponements(session: Session, assembly: Assembly) -> dict[int, dict[str, Any]]:
    """The items of ``assembly`` postponed and not taken up again: item id -> the postponing event's
    data (``reason``, ``motion_ids`` postponed with it), read from the audit log in its order."""
    found: dict[int, dict[str, Any]] = {}
    events = session.execute(
        select(AuditEvent.action, AuditEvent.data)
        .where(AuditEvent.action.in_((POSTPONED_ACTION, RESUMED_ACTION)))
        .order_by(AuditEvent.seq)
    )
    for action, body in events:
        data = json.loads(body)
        if data.get("assembly_id") != assembly.id:
            continue
        if action == POSTPONED_ACTION:
            found[data["item_id"]] = data
        else:
            found.pop(data["item_id"], None)
    return found


def item_for_election(assembly: Assembly | None, number: int) -> AgendaItem:
    """The agenda item an election decides: one of its assembly's, not already decided by another."""
    if assembly is None:
        raise VoteError(_("An election under an agenda item needs its assembly: --assembly ID --item N."))
    if not assembly.agenda:
        raise VoteError(
            _("Assembly {id} has no agenda; create the election without --item.").format(id=assembly.id)
        )
    item = find_item(assembly, number)
    if item.election_id is not None:
        raise VoteError(
            _("Agenda item {number} of assembly {id} is already decided by election {election}.").format(
                number=item.position, id=assembly.id, election=item.election_id
            )
        )
    return item


def store_draft_election(
    session: Session,
    *,
    actor: Actor,
    now: datetime,
    title: str,
    seats: int,
    rules_preset: str | None,
    rules_json: str,
    assembly: Assembly | None,
    item: AgendaItem | None,
    details: dict[str, Any],
    candidates: list[Candidate] | None = None,
) -> Election:
    """Store a new draft election, tie it to the agenda item it decides and record its creation.

    ``details`` are what the audit event says of its rules (and candidates) beside what every
    election's creation says."""
    election = Election(
        title=title.strip(),
        seats=seats,
        rules_preset=rules_preset,
        rules_json=rules_json,
        assembly_id=assembly.id if assembly else None,
        status=ElectionStatus.draft,
        created_at=now,
    )
    if candidates is not None:
        election.candidates = candidates
    session.add(election)
    session.flush()
    if item is not None:
        item.election_id = election.id
    record_change(
        session,
        "coop.election.created",
        actor,
        now,
        {
            "election_id": election.id,
            "title": election.title,
            "seats": seats,
            **details,
            "assembly_id": election.assembly_id,
            **({"agenda_item": item.position} if item else {}),
        },
    )
    return election
