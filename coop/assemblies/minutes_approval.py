"""The minutes a motion approves: adopting a ``minutes_approval`` motion freezes those minutes.

The motion's vote knows nothing of minutes: closing it emits ``motion.decided``
(:mod:`coop.events`), and importing this module subscribes :func:`on_motion_decided`
(``coop.events`` imports it the first time anything is emitted). The handler runs in the
transaction that closes the vote, so if the minutes cannot be approved the vote is not closed either.
"""

from __future__ import annotations

import dataclasses
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from coop.assemblies.minutes import build_minutes, snapshot_hash
from coop.assemblies.models import Assembly, AssemblyStatus, MinutesStatus, Motion
from coop.audit import canonical_json, record_change
from coop.errors import AssemblyError
from coop.events import subscribe
from coop.formatting import format_date
from coop.i18n import _, using
from coop.members.actors import Actor
from coop.members.cooperative import get_cooperative


def approve_minutes(
    session: Session, *, actor: Actor, now: datetime, assembly: Assembly, motion: Motion
) -> None:
    """Freeze the minutes: store the approved text as a snapshot with its hash."""
    if assembly.status is not AssemblyStatus.closed:
        raise AssemblyError(
            _("Assembly {id} is still open; its minutes can be approved once it is closed.").format(
                id=assembly.id
            )
        )
    if assembly.minutes_status is MinutesStatus.approved:
        raise AssemblyError(_("The minutes of assembly {id} are already approved.").format(id=assembly.id))
    approving = motion.assembly
    language = get_cooperative(session).language
    with using(language):  # the note is part of the minutes: in their language
        note = _("Approved by motion {position} of assembly {id} on {date}.").format(
            position=motion.position, id=approving.id, date=format_date(now, language)
        )
    minutes = dataclasses.replace(build_minutes(session, assembly), status="approved", approval_note=note)
    snapshot = canonical_json(minutes.to_dict())
    assembly.minutes_snapshot = snapshot
    assembly.minutes_hash = snapshot_hash(snapshot)
    assembly.minutes_status = MinutesStatus.approved
    assembly.minutes_approved_at = now
    assembly.minutes_approved_by_motion = motion.id
    record_change(
        session,
        "coop.minutes.approved",
        actor,
        now,
        {"assembly_id": assembly.id, "motion_id": motion.id, "hash": assembly.minutes_hash},
    )


def on_motion_decided(
    *, session: Session, motion: Motion, adopted: bool, actor: Actor, now: datetime, **_extra: Any
) -> None:
    if not adopted or motion.minutes_of_assembly_id is None:
        return
    approve_minutes(
        session,
        actor=actor,
        now=now,
        assembly=session.get(Assembly, motion.minutes_of_assembly_id),
        motion=motion,
    )


subscribe("motion.decided", on_motion_decided)
