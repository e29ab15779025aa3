"""The way through the assembly that production plans, training plans and master plans share.

Each puts a motion before an open assembly, records the proposal, reacts when the assembly's vote
decides that motion (``motion.decided``, see :mod:`coop.events`) and, once adopted, freezes what
was approved as canonical JSON with its SHA-256 hash, which every later print checks. The rules of
each plan (who may propose, which status it must be in, what it becomes) and its messages stay in
its own module: :mod:`coop.plans.approval`, :mod:`coop.training_plan.approval`,
:mod:`coop.master.choice`.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any, TypeGuard

from sqlalchemy import select
from sqlalchemy.orm import InstrumentedAttribute, Session

from coop.assemblies.common import find_assembly
from coop.assemblies.models import Motion
from coop.assemblies.motions import propose_motion
from coop.audit import canonical_json, record_change
from coop.events import subscribe
from coop.members.actors import Actor

# A motion in one of these states still waits for the assembly's decision.
PENDING_MOTION = ("proposed", "seconded", "voting", "postponed")


def is_pending(motion: Motion | None) -> TypeGuard[Motion]:
    """Whether ``motion`` is still before the assembly, not decided nor withdrawn."""
    return motion is not None and motion.status.value in PENDING_MOTION


def propose_approval(
    session: Session,
    *,
    actor: Actor,
    now: datetime,
    assembly: str | int,
    kind: str,
    wording: Callable[[], tuple[str, str]],
    proposer: str | None,
    agenda_item: int | None,
    attach: Callable[[Motion], None],
    event: str,
    subject: Mapping[str, object],
) -> Motion:
    """Put a motion of ``kind`` before the open ``assembly``, titled and worded by ``wording()``;
    ``attach`` links it to what it approves, and ``event`` records the proposal with ``subject``."""
    found = find_assembly(session, assembly)
    title, text = wording()
    motion = propose_motion(
        session,
        actor=actor,
        now=now,
        assembly=found,
        title=title,
        text=text,
        kind=kind,
        proposer=proposer,
        agenda_item=agenda_item,
    )
    attach(motion)
    session.flush()
    record_change(session, event, actor, now, {**subject, "motion_id": motion.id, "assembly_id": found.id})
    return motion


def react_to_decisions(
    kind: str, motion_column: InstrumentedAttribute[int | None], record: Callable[..., object]
) -> None:
    """When a motion of ``kind`` is decided, call ``record(session, subject, motion=..., adopted=...,
    actor=..., now=...)`` for the row whose ``motion_column`` names it (nothing when none does)."""
    _react_to("motion.decided", kind, motion_column, record)


def react_to_withdrawals(
    kind: str, motion_column: InstrumentedAttribute[int | None], record: Callable[..., object]
) -> None:
    """When a motion of ``kind`` is withdrawn, call ``record(session, subject, motion=..., actor=...,
    now=...)`` for the row whose ``motion_column`` names it (nothing when none does)."""
    _react_to("motion.withdrawn", kind, motion_column, record)


def _react_to(
    event: str, kind: str, motion_column: InstrumentedAttribute[int | None], record: Callable[..., object]
) -> None:
    def on_motion(*, session: Session, motion: Motion, **details: Any) -> None:
        if motion.kind != kind:
            return
        subject = session.scalars(select(motion_column.class_).where(motion_column == motion.id)).first()
        if subject is not None:
            record(session, subject, motion=motion, **details)

    subscribe(event, on_motion)


def record_outcome(
    session: Session,
    *,
    motion: Motion,
    adopted: bool,
    actor: Actor,
    now: datetime,
    events: tuple[str, str],
    subject: Mapping[str, object],
    freeze: Callable[[], str],
) -> None:
    """Record the assembly's decision on ``subject``: adopted, ``freeze()`` what was approved and
    record ``events[0]`` with its hash; rejected, record ``events[1]``."""
    data = {**subject, "motion_id": motion.id}
    if adopted:
        session.flush()
        data["snapshot_hash"] = freeze()
        record_change(session, events[0], actor, now, data)
    else:
        record_change(session, events[1], actor, now, data)


def approve_by_vote(
    kind: str,
    motion_column: InstrumentedAttribute[int | None],
    *,
    events: tuple[str, str],
    id_key: str,
    freeze: Callable[[Session, Any, datetime], str],
) -> None:
    """Let the vote on a motion of ``kind`` approve or reject the plan whose ``motion_column`` names
    it (a production or a training plan: both statuses name submitted, approved and rejected).
    Adopted, ``freeze(session, plan, now)`` stores its snapshot and returns the hash; ``events`` are
    recorded as in :func:`record_outcome`, with ``id_key`` naming the plan."""

    def record_decision(
        session: Session, plan: Any, *, motion: Motion, adopted: bool, actor: Actor, now: datetime
    ) -> None:
        statuses = type(plan.status)
        if plan.status is not statuses.submitted:
            # Only a submitted plan is linked to a motion, and only the vote moves it on; anything
            # else is left exactly as it is rather than undoing the assembly's vote.
            return
        plan.decided_at = now
        plan.status = statuses.approved if adopted else statuses.rejected
        record_outcome(
            session,
            motion=motion,
            adopted=adopted,
            actor=actor,
            now=now,
            events=events,
            subject={id_key: plan.id},
            freeze=lambda: freeze(session, plan, now),
        )

    react_to_decisions(kind, motion_column, record_decision)


def snapshot_hash(snapshot_json: str) -> str:
    """The SHA-256 of a frozen snapshot, as stored beside it."""
    return hashlib.sha256(snapshot_json.encode("utf-8")).hexdigest()


def seal(data: Any) -> tuple[str, str]:
    """``data`` frozen as canonical JSON, with its SHA-256 hash."""
    snapshot = canonical_json(data)
    return snapshot, snapshot_hash(snapshot)
