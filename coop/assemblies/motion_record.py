"""What a motion's close decides beside its vote, fixed in the vote's closing record and checked by
``coop audit verify``.

The closing record of a vote (``coop.vote.closing_recorded``, :mod:`coop.votes.closing_record`)
carries, for a motion, a ``motion`` part: the motion's id and new status (adopted or rejected), a
digest of its final text and of its objections, and for an adopted amendment the digest of the
final text it gave its main motion.

A motion's status may change after its vote only by an act that coop records: any later
``coop.motion.*`` event naming the motion and the status it moved ``to`` (no such move exists today:
adopted and rejected are final, and reopening or correcting an assembly leaves its motions alone).
So verify compares the motion's status with the last status the chain records for it, and names a
status that no event explains. A main motion's final text is compared with the last record that
fixed it: its own close, or the close of the last amendment adopted to it.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from coop.assemblies.lifecycle import status_label
from coop.assemblies.models import Motion, Objection
from coop.audit import AuditEvent, register_check
from coop.i18n import _
from coop.members.actors import Actor
from coop.votes.closing_record import closing_records, lines_digest, record_closing, text_digest

Facts = dict[str, Any]


def motion_facts(session: Session, motion_id: int) -> Facts | None:
    """The motion as the database holds it now (None if it is gone), read with a query."""
    session.flush()
    row = session.execute(select(Motion.status, Motion.final_text).where(Motion.id == motion_id)).first()
    if row is None:
        return None
    objections = session.execute(
        select(Objection.member_id, Objection.status, Objection.reason).where(
            Objection.motion_id == motion_id
        )
    ).all()
    return {
        "id": motion_id,
        "status": getattr(row.status, "value", row.status),
        "final_text_digest": text_digest(row.final_text),
        "objections_digest": lines_digest(
            f"{member}\t{getattr(status, 'value', status)}\t{text_digest(reason)}"
            for member, status, reason in objections
        ),
    }


def record_motion_close(session: Session, *, motion: Motion, actor: Actor, now: datetime) -> Facts:
    """The closing record of a motion's vote, with what it decided for the motion (and, for an
    adopted amendment, its main motion's new final text). Call it once the close is done."""
    assert motion.vote is not None  # a motion whose vote closes has its vote
    facts = motion_facts(session, motion.id)
    assert facts is not None
    if motion.parent_id is not None and facts["status"] == "adopted":
        parent = motion_facts(session, motion.parent_id)
        assert parent is not None
        facts["parent_id"] = motion.parent_id
        facts["parent_final_text_digest"] = parent["final_text_digest"]
    return record_closing(session, vote=motion.vote, actor=actor.label, now=now, about={"motion": facts})


def _later_statuses(session: Session) -> dict[int, list[tuple[int, str]]]:
    """Each motion's moves recorded in the chain: (event number, status it moved to)."""
    moves: dict[int, list[tuple[int, str]]] = {}
    rows = session.execute(
        select(AuditEvent.seq, AuditEvent.data)
        .where(AuditEvent.action.like("coop.motion.%"))
        .order_by(AuditEvent.seq)
    )
    for seq, data in rows:
        event = json.loads(data)
        if (
            isinstance(event, dict)
            and isinstance(event.get("motion_id"), int)
            and isinstance(event.get("to"), str)
        ):
            moves.setdefault(event["motion_id"], []).append((seq, event["to"]))
    return moves


def check_decided_motions(session: Session) -> list[str]:
    """One sentence per decided motion whose status, text or objections no recorded act explains."""
    problems: list[str] = []
    moves = _later_statuses(session)
    final_texts: dict[int, tuple[int, str | None, int]] = {}  # motion -> (event, digest, vote that fixed it)
    for seq, record in closing_records(session):
        motion = record.get("motion")
        if not isinstance(motion, dict) or not isinstance(motion.get("id"), int):
            continue
        motion_id = motion["id"]
        final_texts[motion_id] = (seq, motion.get("final_text_digest"), record.get("vote_id"))
        if isinstance(motion.get("parent_id"), int):
            final_texts[motion["parent_id"]] = (
                seq,
                motion.get("parent_final_text_digest"),
                record.get("vote_id"),
            )
        current = motion_facts(session, motion_id)
        if current is None:
            problems.append(
                _("motion {id} was decided by vote {vote} but is no longer in the database").format(
                    id=motion_id, vote=record.get("vote_id")
                )
            )
            continue
        name = _motion_name(session, motion_id)
        later = [(at, status) for at, status in moves.get(motion_id, []) if at > seq]
        if later and current["status"] != later[-1][1]:
            problems.append(
                _(
                    "{motion}'s status is '{status}' but the audit log last recorded '{recorded}' "
                    "(event {seq})"
                ).format(
                    motion=name,
                    status=_status_word(current["status"]),
                    recorded=_status_word(later[-1][1]),
                    seq=later[-1][0],
                )
            )
        elif not later and current["status"] != motion.get("status"):
            problems.append(
                _("{motion}'s status is '{status}' but its vote decided '{decided}'").format(
                    motion=name,
                    status=_status_word(current["status"]),
                    decided=_status_word(motion.get("status")),
                )
            )
        if current["objections_digest"] != motion.get("objections_digest"):
            problems.append(_("{motion}: its objections were changed after the close").format(motion=name))
    for motion_id, (_seq, digest, vote_id) in sorted(final_texts.items()):
        current = motion_facts(session, motion_id)
        if current is not None and current["final_text_digest"] != digest:
            problems.append(
                _("{motion}: its final text was changed after vote {vote} fixed it").format(
                    motion=_motion_name(session, motion_id), vote=vote_id
                )
            )
    return problems


def _motion_name(session: Session, motion_id: int) -> str:
    title = session.scalar(select(Motion.title).where(Motion.id == motion_id))
    return _("motion {id} ({title})").format(id=motion_id, title=title)


def _status_word(status: object) -> str:
    try:
        return status_label(str(status))
    except ValueError:
        return str(status)


register_check(check_decided_motions)
