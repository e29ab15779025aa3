"""Every table of the schema, imported in one place for Alembic and the schema tests."""

from __future__ import annotations

from coop.assemblies.models import Assembly, Attendance, Motion, Objection, Proxy
from coop.audit import AuditEvent
from coop.db import Base
from coop.members.models import Bylaw, Cooperative, Member, MemberRole
from coop.votes.models import SecretBallot, Vote, VoteParticipation

__all__ = [
    "Assembly",
    "Attendance",
    "AuditEvent",
    "Base",
    "Bylaw",
    "Cooperative",
    "Member",
    "MemberRole",
    "Motion",
    "Objection",
    "Proxy",
    "SecretBallot",
    "Vote",
    "VoteParticipation",
]

metadata = Base.metadata
