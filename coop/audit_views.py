"""The audit log as ``coop audit log`` shows it: a frozen view per event, with one ``as_json()``."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any, ClassVar

from coop.i18n import N_, _
from coop.views import Converters, View

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


@dataclass(frozen=True)
class AuditEventView(View):
    """One event of the chain: what was done, by whom, when, with its recorded details."""

    # to the microsecond, as the chain recorded it (the other views show moments to the minute)
    json_convert: ClassVar[Converters] = {"occurred_at": lambda moment: moment.isoformat(sep=" ")}
    # The action and the details are the record's own words (``--action`` filters on them).
    headings: ClassVar[dict[str, str]] = {
        "seq": "#",
        "occurred_at": N_("When"),
        "action": N_("Action"),
        "actor": N_("Who"),
        "data": N_("Details"),
    }

    seq: int
    occurred_at: datetime
    action: str
    actor: str
    data: Any  # the details as recorded (parsed from the stored JSON)
    hash: str


def latest_events(session: Session, *, limit: int, action: str | None = None) -> list[AuditEventView]:
    """The ``limit`` latest events, oldest first; only actions starting with ``action`` if given."""
    from sqlalchemy import select

    from coop.audit import AuditEvent

    query = select(AuditEvent).order_by(AuditEvent.seq.desc()).limit(limit)
    if action:
        query = query.where(AuditEvent.action.startswith(action))
    return [
        AuditEventView.copied(event, actor=_shown_actor(event.actor), data=json.loads(event.data))
        for event in reversed(session.scalars(query).all())
    ]


def _shown_actor(actor: str) -> str:
    """Who, in the reader's language: the actors that are not members (the cooperative's setup, a
    ballot's anonymous actor) are recorded in English (the record is the same whoever reads it) and
    shown translated."""
    # As coop.members.actors (SETUP_ACTOR) and coop.votes.codes.symbols (SECRET_CAST_ACTOR,
    # CODE_ACTOR) record them; those domains stand above the audit log, which names them rather
    # than importing them.
    return {
        "(setup)": _("(setup)"),
        "(secret ballot)": _("(secret ballot)"),
        "(voting code)": _("(voting code)"),
    }.get(actor, actor)
