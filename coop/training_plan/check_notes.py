"""The production plan check says when an approved training plan closes a crew gap.

Importing this module subscribes :func:`on_plan_checked` to ``plan.checked`` (emitted by
:func:`coop.plans.check.check_plan`, which knows nothing of training plans): each crew gap that the
planned sessions of an approved training plan would close gets a sentence added to its message,
e.g. "Training plan #1 Primer trimestre closes this gap in week 2027-W03 if sessions 3, 7 are held."
The arithmetic is the pure :mod:`coop.training_plan.gap_closing`.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from coop.events import subscribe
from coop.i18n import _, ngettext
from coop.plans.capacity.results import Finding, FindingCode
from coop.plans.capacity.weeks import week_label
from coop.training_plan.gap_closing import Closing, CrewGap, PlannedSession, closing
from coop.training_plan.models import TrainingPlan, TrainingPlanStatus


def planned_sessions(plan: TrainingPlan) -> list[PlannedSession]:
    return [
        PlannedSession(
            number=row.number,
            skill=row.skill.code,
            level=row.level,
            day=row.held_on,
            held=row.held_session_id is not None,
            trainees=tuple(t.member.label for t in row.trainees),
        )
        for row in plan.sessions
    ]


def closing_sentence(plan: TrainingPlan, found: Closing) -> str:
    """One sentence for people: when the gap closes (or how much of it), if which sessions are held."""
    numbers = ", ".join(str(n) for n in found.sessions)
    week = week_label(found.week)
    if found.closes and found.sessions:
        return ngettext(
            "Training plan {plan} closes this gap in week {week} if session {sessions} is held.",
            "Training plan {plan} closes this gap in week {week} if sessions {sessions} are held.",
            len(found.sessions),
        ).format(plan=plan.label, week=week, sessions=numbers)
    if found.closes:
        return _(
            "Training plan {plan} closes this gap in week {week} once the trainees of its sessions are "
            "assessed."
        ).format(plan=plan.label, week=week)
    if found.sessions:
        return ngettext(
            "Training plan {plan} brings {brings} of the {short} missing by week {week} if session "
            "{sessions} is held.",
            "Training plan {plan} brings {brings} of the {short} missing by week {week} if sessions "
            "{sessions} are held.",
            len(found.sessions),
        ).format(plan=plan.label, brings=found.brings, short=found.short, week=week, sessions=numbers)
    return _(
        "Training plan {plan} brings {brings} of the {short} missing by week {week} once the trainees "
        "of its sessions are assessed."
    ).format(plan=plan.label, brings=found.brings, short=found.short, week=week)


def crew_gap_note(finding: Finding, plans: list[TrainingPlan]) -> str | None:
    """What the first approved plan that closes the gap (else the one that brings most) says of it."""
    if finding.code is not FindingCode.CREW_GAP or finding.skill is None or finding.week is None:
        return None
    gap = CrewGap(
        finding.skill,
        finding.skill_level or 0,
        finding.week,
        int(finding.required or 0),
        finding.members,
    )
    best: tuple[TrainingPlan, Closing] | None = None
    for plan in plans:
        found = closing(gap, planned_sessions(plan))
        if found is not None and (
            best is None or (found.closes, found.brings) > (best[1].closes, best[1].brings)
        ):
            best = (plan, found)
    return closing_sentence(*best) if best is not None else None


def on_plan_checked(*, session: Session, findings: list[Finding], **_extra: Any) -> None:
    """Add to each crew gap of ``findings`` (in place) what an approved training plan does for it."""
    if not any(f.code is FindingCode.CREW_GAP for f in findings):
        return
    plans = list(
        session.scalars(
            select(TrainingPlan)
            .where(TrainingPlan.status == TrainingPlanStatus.approved)
            .order_by(TrainingPlan.id)
        )
    )
    if not plans:
        return
    for index, finding in enumerate(findings):
        note = crew_gap_note(finding, plans)
        if note is not None:
            findings[index] = replace(finding, message=f"{finding.message} {note}")


subscribe("plan.checked", on_plan_checked)
