"""Append-only, hash-chained log of every change.

Each event's hash covers its sequence number, time, action, actor, data and the previous
event's hash, so editing, removing or reordering any row breaks the chain from that row on.

Removing the *last* events leaves a shorter chain that still verifies, and so would rewriting
the whole chain from some event on. What catches both is an anchor kept outside the database:
the number and fingerprint of the last event, printed in the minutes (``1234:3f2a9c0d5e6b7a81``).
``coop audit verify --anchor 1234:3f2a9c0d5e6b7a81`` later shows that event 1234 is still there,
unchanged, and therefore every event before it too.
"""

from __future__ import annotations

import hashlib
import importlib
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import Any, Protocol

from sqlalchemy import String, select, text
from sqlalchemy.orm import Mapped, Session, mapped_column

from coop.columns import LongText, Name
from coop.db import Base
from coop.errors import AuditError
from coop.i18n import _
from coop.numbers import whole_number

GENESIS_HASH = "0" * 64
# Hex digits of an event's hash printed in an anchor: 64 bits, short enough to copy by hand.
FINGERPRINT_LENGTH = 16
# Any fixed number: PostgreSQL advisory lock that serialises appends to the chain.
_CHAIN_LOCK_KEY = 7_210_331


class AuditEvent(Base):
    __tablename__ = "audit_events"

    seq: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    occurred_at: Mapped[datetime]
    action: Mapped[str] = mapped_column(String(80), index=True)
    actor: Mapped[Name | None]
    data: Mapped[LongText]
    prev_hash: Mapped[str] = mapped_column(String(64), unique=True)
    hash: Mapped[str] = mapped_column(String(64), unique=True)


def canonical_json(data: Any) -> str:
    """Stable JSON: sorted keys, no spaces, non-ASCII kept, dates and decimals as strings."""
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)


def event_hash(
    seq: int, occurred_at: datetime, action: str, actor: str | None, data: str, prev_hash: str
) -> str:
    payload = canonical_json(
        {
            "seq": seq,
            "occurred_at": occurred_at.isoformat(timespec="microseconds"),
            "action": action,
            "actor": actor,
            "data": data,
            "prev_hash": prev_hash,
        }
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def record_event(
    session: Session, action: str, *, actor: str | None, now: datetime, data: dict[str, Any] | None = None
) -> AuditEvent:
    """Append one event in the caller's transaction (``coop.<noun>.<past-tense verb>``)."""
    return record_events(session, action, actor=actor, now=now, each=[data or {}])[0]


def record_events(
    session: Session, action: str, *, actor: str | None, now: datetime, each: Sequence[dict[str, Any]]
) -> list[AuditEvent]:
    """Append one event per entry of ``each``, chained in that order, with one look at the chain's
    end and one write (an import of 200,000 members is 200,000 events)."""
    # Write the caller's pending changes first: the lock is held until commit, so take it last.
    session.flush()
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _CHAIN_LOCK_KEY})
    last = session.execute(
        select(AuditEvent.seq, AuditEvent.hash).order_by(AuditEvent.seq.desc()).limit(1)
    ).first()
    seq = last.seq if last else 0
    prev = last.hash if last else GENESIS_HASH
    occurred_at = now.replace(tzinfo=None)
    events = []
    for data in each:
        seq += 1
        body = canonical_json(data)
        digest = event_hash(seq, occurred_at, action, actor, body, prev)
        events.append(
            AuditEvent(
                seq=seq,
                occurred_at=occurred_at,
                action=action,
                actor=actor,
                data=body,
                prev_hash=prev,
                hash=digest,
            )
        )
        prev = digest
    session.add_all(events)
    session.flush()
    return events


class Labelled(Protocol):
    """Whoever acts: anything with a ``label`` (a members ``Actor``), so audit imports no domain."""

    @property
    def label(self) -> str: ...


def record_change(
    session: Session, action: str, actor: Labelled, now: datetime, data: dict[str, Any] | None = None, /
) -> AuditEvent:
    """``record_event`` for the usual case: an actor who acts (the log keeps their label) and the data."""
    return record_event(session, action, actor=actor.label, now=now, data=data)


def record_import(
    session: Session, action: str, actor: Labelled, now: datetime, path: Path, /, **imported: Any
) -> AuditEvent:
    """The one event of an imported file: its name and what its lines brought (every import's shape)."""
    return record_change(session, action, actor, now, {"file": path.name, **imported})


@dataclass(frozen=True)
class ChainProblem:
    seq: int
    action: str
    reason: str


@dataclass(frozen=True)
class ChainReport:
    events_checked: int
    problem: ChainProblem | None
    extra_checks: tuple[str, ...] = ()

    @property
    def intact(self) -> bool:
        return self.problem is None and not self.extra_checks


# Further checks of what the chain vouches for, e.g. that a frozen ballot box still matches its
# digest. Each returns one sentence per problem. Their modules are imported when the chain is
# verified (as events.SUBSCRIBER_MODULES), so the audit layer imports no domain.
CHECK_MODULES: tuple[str, ...] = ("coop.votes.ballot_box",)
ExtraCheck = Callable[[Session], list[str]]
_extra_checks: list[ExtraCheck] = []


def register_check(check: ExtraCheck) -> None:
    if check not in _extra_checks:
        _extra_checks.append(check)


def verify_chain(session: Session) -> ChainReport:
    """Recompute every hash in order, then run the registered extra checks."""
    for module in CHECK_MODULES:
        importlib.import_module(module)
    report = _verify_links(session)
    return replace(report, extra_checks=tuple(p for check in _extra_checks for p in check(session)))


def _verify_links(session: Session) -> ChainReport:
    """Recompute every hash in order; report the first event that does not fit."""
    expected_prev = GENESIS_HASH
    expected_seq = 1
    checked = 0
    rows = session.execute(select(AuditEvent).order_by(AuditEvent.seq)).scalars()
    for event in rows:
        checked += 1
        if event.seq != expected_seq:
            return ChainReport(
                checked,
                ChainProblem(
                    event.seq,
                    event.action,
                    _("event {expected} is missing (the next one found is {found})").format(
                        expected=expected_seq, found=event.seq
                    ),
                ),
            )
        if event.prev_hash != expected_prev:
            return ChainReport(
                checked,
                ChainProblem(event.seq, event.action, _("it does not follow the event before it")),
            )
        recomputed = event_hash(
            event.seq, event.occurred_at, event.action, event.actor, event.data, event.prev_hash
        )
        if recomputed != event.hash:
            return ChainReport(
                checked,
                ChainProblem(event.seq, event.action, _("its content was changed after it was written")),
            )
        expected_prev = event.hash
        expected_seq += 1
    return ChainReport(checked, None)


@dataclass(frozen=True)
class Anchor:
    """An event of the chain, named by its number and the start of its hash, kept outside the database."""

    seq: int
    fingerprint: str

    def __str__(self) -> str:
        return f"{self.seq}:{self.fingerprint}"


def chain_anchor(session: Session) -> Anchor | None:
    """The anchor of the chain's last event (None while the log is empty)."""
    last = session.execute(
        select(AuditEvent.seq, AuditEvent.hash).order_by(AuditEvent.seq.desc()).limit(1)
    ).first()
    return Anchor(last.seq, last.hash[:FINGERPRINT_LENGTH]) if last else None


def parse_anchor(text: str) -> Anchor:
    """``1234:3f2a9c0d5e6b7a81`` (as printed in the minutes) as an ``Anchor``."""
    number, _sep, fingerprint = text.strip().partition(":")
    fingerprint = fingerprint.strip().lower()
    seq = whole_number(number)
    if seq is None or len(fingerprint) < 8 or any(char not in "0123456789abcdef" for char in fingerprint):
        raise AuditError(
            _(
                "'{anchor}' is not an audit anchor; give the event number and its fingerprint as "
                "printed in the minutes, e.g. 1234:3f2a9c0d5e6b7a81."
            ).format(anchor=text)
        )
    return Anchor(seq, fingerprint)


def check_anchor(session: Session, anchor: Anchor) -> str | None:
    """Why the chain no longer holds ``anchor``'s event unchanged, or None if it does."""
    event = session.get(AuditEvent, anchor.seq)
    if event is None:
        last = chain_anchor(session)
        return _(
            "event {seq} of anchor {anchor} is missing: the log now ends at event {last}, so events "
            "were removed after the anchor was noted"
        ).format(seq=anchor.seq, anchor=anchor, last=last.seq if last else 0)
    if not event.hash.startswith(anchor.fingerprint):
        return _(
            "event {seq} no longer has the fingerprint of anchor {anchor}: the log was rewritten at or "
            "before that event"
        ).format(seq=anchor.seq, anchor=anchor)
    return None
