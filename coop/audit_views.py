"""The audit log as ``coop audit log`` shows it: a frozen view per event, with one ``as_json()``."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


@dataclass(frozen=True)
class AuditEventView:
    """One event of the chain: what was done, by whom, when, with its recorded details."""

    seq: int
    occurred_at: datetime
    action: str
    actor: str
    data: Any  # the details as recorded (parsed from the stored JSON)
    hash: str

    def as_json(self) -> dict[str, Any]:
        return {
            "seq": self.seq,
            "occurred_at": self.occurred_at.isoformat(sep=" "),
            "action": self.action,
            "actor": self.actor,
            "data": self.data,
            "hash": self.hash,
        }


def latest_events(session: Session, *, limit: int, action: str | None = None) -> list[AuditEventView]:
    """The ``limit`` latest events, oldest first; only actions starting with ``action`` if given."""
    from sqlalchemy import select

    from coop.audit import AuditEvent

    query = select(AuditEvent).order_by(AuditEvent.seq.desc()).limit(limit)
    if action:
        query = query.where(AuditEvent.action.startswith(action))
    return [
        AuditEventView(
            seq=event.seq,
            occurred_at=event.occurred_at,
            action=event.action,
            actor=event.actor,
            data=json.loads(event.data),
            hash=event.hash,
        )
        for event in reversed(session.scalars(query).all())
    ]
