"""Postponing an agenda item during the meeting, with its reason, and taking it up again.

An item is postponed by an officer while the assembly is open; the motions under it still proposed or
seconded are postponed with it, as ``coop motion postpone`` does one by one. The postponement and its
reason live in the audit log (read back by :func:`coop.assemblies.agenda.postponements`), and the
minutes print the item as postponed with the reason, apart from the items not reached.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from coop.assemblies.agenda import POSTPONED_ACTION, RESUMED_ACTION, find_item, postponements
from coop.assemblies.common import motion_label, require_officer, require_open
from coop.assemblies.models import AgendaItem, Assembly, Motion, MotionStatus
from coop.assemblies.motions import mark_postponed, mark_resumed
from coop.audit import record_change
from coop.errors import AssemblyError
from coop.i18n import _
from coop.members.actors import Actor

# The motions an item carries with it when it is postponed: those not yet put to the vote.
_POSTPONED_WITH_THE_ITEM = (MotionStatus.proposed, MotionStatus.seconded)


@dataclass(frozen=True)
class AgendaItemMoved:
    """An item postponed or taken up again, and the motions under it that moved with it."""

    item: AgendaItem
    motions: tuple[Motion, ...]


def _item_label(item: AgendaItem) -> str:
    return _("Item {number} ({title})").format(number=item.position, title=item.title)


def postpone_agenda_item(
    session: Session, *, actor: Actor, now: datetime, assembly: Assembly, number: int, reason: str
) -> AgendaItemMoved:
    """Postpone item ``number`` (chair or secretary, assembly open), with the motions under it that
    are still proposed or seconded; a motion being voted on must be closed first."""
    require_open(assembly)
    require_officer(session, actor, assembly, _("Postponing an agenda item"))
    item = find_item(assembly, number)
    if not reason.strip():
        raise AssemblyError(_('Say why item {number} is postponed: --reason "...".').format(number=number))
    if item.id in postponements(session, assembly):
        raise AssemblyError(
            _(
                "{item} is already postponed; take it up again with: "
                "coop assembly agenda resume {id} {number}"
            ).format(item=_item_label(item), id=assembly.id, number=number)
        )
    voting = next((m for m in item.motions if m.status is MotionStatus.voting), None)
    if voting is not None:
        raise AssemblyError(
            _("{motion} is being voted on; close its vote before postponing item {number}.").format(
                motion=motion_label(voting), number=number
            )
        )
    moved = tuple(m for m in item.motions if m.status in _POSTPONED_WITH_THE_ITEM)
    for motion in moved:
        mark_postponed(
            session,
            motion,
            actor=actor,
            now=now,
            data={"because": "agenda item postponed", "agenda_item": number},
        )
    return _recorded(session, POSTPONED_ACTION, actor, now, item, moved, reason=reason.strip())


def resume_agenda_item(
    session: Session, *, actor: Actor, now: datetime, assembly: Assembly, number: int
) -> AgendaItemMoved:
    """Take up postponed item ``number`` again (chair or secretary, assembly open); the motions
    postponed with it and still postponed return to where they were."""
    require_open(assembly)
    require_officer(session, actor, assembly, _("Taking up a postponed agenda item"))
    item = find_item(assembly, number)
    postponed = postponements(session, assembly).get(item.id)
    if postponed is None:
        raise AssemblyError(
            _("{item} is not postponed; only a postponed item can be taken up again.").format(
                item=_item_label(item)
            )
        )
    with_it = set(postponed.get("motion_ids", ()))
    moved = tuple(m for m in item.motions if m.id in with_it and m.status is MotionStatus.postponed)
    for motion in moved:
        mark_resumed(
            session,
            motion,
            actor=actor,
            now=now,
            data={"because": "agenda item resumed", "agenda_item": number},
        )
    return _recorded(session, RESUMED_ACTION, actor, now, item, moved)


def _recorded(
    session: Session,
    action: str,
    actor: Actor,
    now: datetime,
    item: AgendaItem,
    moved: tuple[Motion, ...],
    **details: str,
) -> AgendaItemMoved:
    """The item's postponement or resumption in the audit log, with the motions that moved with it."""
    record_change(
        session,
        action,
        actor,
        now,
        {
            "assembly_id": item.assembly_id,
            "item_id": item.id,
            "position": item.position,
            "title": item.title,
            **details,
            "motion_ids": [m.id for m in moved],
        },
    )
    return AgendaItemMoved(item=item, motions=moved)
