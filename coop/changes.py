"""A row added or removed together with its audit event, in the caller's transaction.

Every change is audited in the same transaction as the change itself; these two functions are that
step for a whole row, so that a service states only the row, the action and what the log keeps.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy.orm import Session

from coop.audit import Labelled, record_change
from coop.db import Base

R = TypeVar("R", bound=Base)


def add_recorded(
    session: Session, actor: Labelled, now: datetime, row: R, action: str, data: Callable[[R], dict[str, Any]]
) -> R:
    """Add ``row`` and record ``action`` with ``data(row)``, read once the row has its id."""
    session.add(row)
    session.flush()
    record_change(session, action, actor, now, data(row))
    return row


def delete_recorded(
    session: Session, actor: Labelled, now: datetime, row: Base, action: str, data: dict[str, Any]
) -> None:
    """Delete ``row`` and record ``action`` with ``data`` (what the row held)."""
    session.delete(row)
    session.flush()
    record_change(session, action, actor, now, data)
