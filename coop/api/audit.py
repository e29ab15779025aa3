"""``c.audit``: the append-only, hash-chained log of every change (:mod:`coop.audit`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from coop.api.domain import Domain

if TYPE_CHECKING:
    from coop.audit import Anchor, AuditEvent, ChainReport

__all__ = ["Audit"]


class Audit(Domain):
    """The audit log: its events, its verification, and anchors noted outside the database."""

    def list_events(self, *, action: str | None = None) -> list[AuditEvent]:
        """Every event in order, or those whose action starts with ``action`` (``coop.motion``)."""
        from sqlalchemy import select

        from coop.audit import AuditEvent

        query = select(AuditEvent).order_by(AuditEvent.seq)
        if action:
            query = query.where(AuditEvent.action.startswith(action))
        return list(self.session.scalars(query))

    def verify_chain(self) -> ChainReport:
        """Recompute every hash in order and run the extra checks; ``report.intact`` says it all holds."""
        from coop.audit import verify_chain

        return verify_chain(self.session)

    def chain_anchor(self) -> Anchor | None:
        """The anchor of the last event (``str(anchor)`` is what the minutes print), None if empty."""
        from coop.audit import chain_anchor

        return chain_anchor(self.session)

    def check_anchor(self, anchor: str | Anchor) -> str | None:
        """Why the log no longer holds an anchored event unchanged, or None if it does.

        Raises AuditError for text that is no anchor.
        """
        from coop.audit import check_anchor, parse_anchor

        return check_anchor(self.session, parse_anchor(anchor) if isinstance(anchor, str) else anchor)
