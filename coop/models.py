"""Every table of the schema, imported in one place for Alembic and the schema tests.

The programs need not import it: every foreign key a model declares names a table of its own floor
or one below, which its module imports; a key from a lower table to a higher one (a role term names
the motion that elected the member) is declared by the higher floor's models (see
:mod:`coop.assemblies.models`), so it exists only once both tables are loaded.
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
