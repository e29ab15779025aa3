"""Every table of the schema, imported in one place for Alembic and the schema tests."""

from __future__ import annotations

from coop.audit import AuditEvent
from coop.db import Base
from coop.members.models import Bylaw, Cooperative, Member, MemberRole

__all__ = ["AuditEvent", "Base", "Bylaw", "Cooperative", "Member", "MemberRole"]

metadata = Base.metadata
