"""``c.audit``: the append-only, hash-chained log of every change (:mod:`coop.audit`)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from coop.api.domain import Domain

if TYPE_CHECKING:
    from coop.audit import Anchor, AuditEvent, ChainReport
    from coop.keys.checkpoints import Checkpoint
    from coop.keys.material import OpenedKey

__all__ = ["Audit"]


class Audit(Domain):
    """The audit log: its events, its verification, anchors noted outside the database, and checkpoints
    signed with the returning officer's key."""

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

    def sign_checkpoint(self, opened_key: OpenedKey, *, anchors: str | Path | None = None) -> Checkpoint:
        """Sign the chain's last event with the officer's key (from ``c.keys.open``) and append the
        checkpoint ``coop.chain.signed``; with ``anchors``, its line (``checkpoint.line``) is appended
        to that file, created if missing, once the transaction commits.

        Raises AuditError with no acting member, for a key this cooperative never made, an anchors
        file that cannot be written, or a chain that does not verify (the holder would vouch for a
        forgery).
        """
        from coop.errors import AuditError
        from coop.i18n import _
        from coop.keys.checkpoints import sign_checkpoint

        if self.actor.member is None:
            raise AuditError(
                _(
                    "Say who signs the audit log with --as MEMBER or the COOP_ACTOR variable: the log keeps "
                    "who signed each checkpoint."
                )
            )
        return sign_checkpoint(
            self.session,
            opened_key,
            self.actor.label,
            self.now,
            anchors=Path(anchors) if anchors is not None else None,
        )

    def latest_checkpoint(self) -> Checkpoint | None:
        """The last signed checkpoint (the minutes print it), None before the first."""
        from coop.keys.checkpoints import latest_checkpoint

        return latest_checkpoint(self.session)

    def check_anchors_file(self, path: str | Path) -> tuple[int, list[str]]:
        """How many checkpoint lines the anchors file holds, and one sentence per line the log no
        longer bears out (a cut tail, a rewrite, a forged line).

        Raises AuditError for a missing file or a line that is no checkpoint line.
        """
        from coop.keys.anchors_file import check_anchors_file

        return check_anchors_file(self.session, Path(path))
