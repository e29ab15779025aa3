"""A stored training plan as plain data (``plan_data``) and as lines people read (``plan_lines``).

An approved plan is shown from its frozen snapshot, so it prints identically later."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from sqlalchemy.orm import Session

from coop import vocabulary
from coop.i18n import _, ngettext
from coop.training_plan.models import TrainingPlan


def plan_data(session: Session, plan: TrainingPlan) -> dict[str, Any]:
    """The plan, its sessions and gaps: snake_case keys, ISO dates, hours as strings."""
    return {
        "id": plan.id,
        "name": plan.name,
        "starts_on": plan.starts_on.isoformat(),
        "weeks": plan.weeks,
        "status": plan.status.value,
        "approval_motion_id": plan.approval_motion_id,
        "sessions": [
            {
                "number": row.number,
                "skill": row.skill.code,
                "skill_name": row.skill.name,
                "level": row.level,
                "day": row.held_on.isoformat(),
                "week": row.held_on.strftime("%G-W%V"),
                "hours": str(Decimal(row.hours).quantize(Decimal("0.01"))),
                "trainer": row.trainer.reference if row.trainer is not None else None,
                "trainer_name": row.trainer.name if row.trainer is not None else row.outside_trainer,
                "trainees": [t.member.reference for t in row.trainees],
                "trainee_names": [t.member.name for t in row.trainees],
            }
            for row in plan.sessions
        ],
        "gaps": [
            {
                "skill": gap.skill.code,
                "level": gap.level,
                "week": gap.week.isoformat(),
                "needed": gap.needed,
                "available": gap.available,
                "still_short": gap.short,
                "status": gap.status,
                "text": gap.reason,
            }
            for gap in plan.gaps
        ],
    }


def shown_data(session: Session, plan: TrainingPlan) -> dict[str, Any]:
    """What ``show`` prints: an approved plan from its snapshot (with its hash), else as it stands."""
    if plan.approved_snapshot is not None:
        data = json.loads(plan.approved_snapshot)
        data["status"] = plan.status.value
        data["approved_hash"] = plan.approved_hash
        return data
    data = plan_data(session, plan)
    data["approved_hash"] = None
    return data


def plan_lines(data: dict[str, Any]) -> list[str]:
    from coop.training_plan.models import TrainingPlanStatus

    status = vocabulary.label(TrainingPlanStatus(data["status"]))
    lines = [
        ngettext(
            "Training plan #{id} {name}: {weeks} week from {start}, {status}",
            "Training plan #{id} {name}: {weeks} weeks from {start}, {status}",
            data["weeks"],
        ).format(
            id=data["id"], name=data["name"], weeks=data["weeks"], start=data["starts_on"], status=status
        )
    ]
    if data.get("approved_hash"):
        lines.append(_("Approved snapshot SHA-256: {hash}").format(hash=data["approved_hash"]))
    lines.append(_("Sessions:") if data["sessions"] else _("No sessions."))
    for row in data["sessions"]:
        lines.append(
            _(
                "  {number}. {day} ({week}) {skill} level {level}, {hours} h, trainer {trainer}: {trainees}"
            ).format(
                number=row["number"],
                day=row["day"],
                week=row["week"],
                skill=row["skill_name"],
                level=row["level"],
                hours=row["hours"],
                trainer=row["trainer_name"],
                trainees=", ".join(row["trainee_names"]) or _("no trainees"),
            )
        )
    if data["gaps"]:
        lines.append(_("Gaps:"))
        lines.extend(f"  {gap['text']}" for gap in data["gaps"])
    return lines
