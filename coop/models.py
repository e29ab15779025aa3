"""Every table of the schema, imported in one place for Alembic, the schema tests and the programs.

A lower domain's table may refer to a higher one's (a role term names the motion that elected
the member) through a foreign key given by name, which SQLAlchemy resolves when it first writes.
The whole schema must therefore be registered before any session opens, so that a write never
depends on which models a command happened to import: whatever opens sessions for a program
(``coop.cli.context.open_session``, ``coop init``, ``coop.demo``) imports this module first.
"""

from __future__ import annotations

from coop.assemblies.models import Assembly, Attendance, Motion, Objection, Proxy
from coop.audit import AuditEvent
from coop.db import Base
from coop.members.models import Bylaw, Cooperative, Member, MemberRole
from coop.plans.models import (
    BomLine,
    Closure,
    FindingAcknowledgement,
    Plan,
    PlanLine,
    Product,
    Routing,
    StockLevel,
    WorkCentre,
)
from coop.training.models import (
    RoleTerm,
    SessionAttendance,
    Skill,
    SkillAssessment,
    SkillPrerequisite,
    TrainingSession,
)
from coop.votes.models import (
    Candidate,
    Election,
    PaperBatch,
    PaperBatchEntry,
    SecretBallot,
    SlipRecipient,
    Vote,
    VoteParticipation,
    VotingCode,
)

__all__ = [
    "Assembly",
    "Attendance",
    "AuditEvent",
    "Base",
    "BomLine",
    "Bylaw",
    "Candidate",
    "Closure",
    "Cooperative",
    "Election",
    "FindingAcknowledgement",
    "Member",
    "MemberRole",
    "Motion",
    "Objection",
    "PaperBatch",
    "PaperBatchEntry",
    "Plan",
    "PlanLine",
    "Product",
    "Proxy",
    "RoleTerm",
    "Routing",
    "SecretBallot",
    "SessionAttendance",
    "Skill",
    "SkillAssessment",
    "SkillPrerequisite",
    "SlipRecipient",
    "StockLevel",
    "TrainingSession",
    "Vote",
    "VoteParticipation",
    "VotingCode",
    "WorkCentre",
]

metadata = Base.metadata
