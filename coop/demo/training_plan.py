"""The demo plant's training plan, made through the Python API (:mod:`coop.api`), from proposal to
the first planned session held.

``build_training_plan_demo`` expects the demo cooperative with its training records
(:mod:`coop.demo.training`) and its production plan (:mod:`coop.demo.plans`). On the day of
assembly 2, the coordinator Raúl Ibáñez (0003) proposes a training plan for the production plan's
13 weeks from the needs analysis (its gaps: the plans' crews, the skills' bus-factor targets,
lapsing certifications) and submits it; that evening the assembly, still open, adopts it by a show
of hands after the production plan, which approves it and freezes it with its SHA-256. Then the
latest planned session whose day has come since the vote is held, its trainees present, and the
plan's progress (planned, held, assessed; gaps closed and still open) is said.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta

from sqlalchemy.orm import Session

from coop.api import Coop
from coop.assemblies.models import Assembly
from coop.demo.members import SECRETARY
from coop.demo.plans import PLAN_WEEKS
from coop.i18n import _, ngettext
from coop.plans.capacity.weeks import week_of
from coop.training_plan.models import TrainingPlan, TrainingPlanStatus

AGAINST, ABSTAINING = 2, 1


def build_training_plan_demo(session: Session, *, now: datetime) -> list[str]:
    """Propose, submit, approve and start following the demo's training plan; describe each step."""
    from coop.assemblies.models import AssemblyStatus

    secretary = Coop(session, actor=SECRETARY, now=now)
    open_assemblies = [a for a in secretary.assemblies.list_assemblies() if a.status is AssemblyStatus.open]
    assembly = open_assemblies[-1] if open_assemblies else None
    # proposed on the morning of the assembly's day (or today, with no assembly open)
    day = (assembly.called_for if assembly is not None else now).replace(hour=9, minute=0)
    raul = Coop(session, actor="0003", now=min(day, now))
    plan, _sentences = raul.training_plans.propose(
        "Primer trimestre", start=week_of(now.date()) + timedelta(days=7), weeks=PLAN_WEEKS
    )
    raul.at(raul.now + timedelta(minutes=30)).training_plans.submit(plan)
    closed = sum(1 for gap in plan.gaps if gap.status == "closed")
    lines = [
        ngettext(
            "Training plan {plan}: {count} session proposed for the {gaps} gaps of the needs analysis "
            "({closed} closed in time); submitted.",
            "Training plan {plan}: {count} sessions proposed for the {gaps} gaps of the needs analysis "
            "({closed} closed in time); submitted.",
            len(plan.sessions),
        ).format(plan=plan.label, count=len(plan.sessions), gaps=len(plan.gaps), closed=closed)
    ]
    if assembly is None:
        lines.append(_("No assembly is open, so training plan {plan} waits for one.").format(plan=plan.label))
        return lines
    lines.append(_approve(raul, plan, assembly))
    if plan.status is TrainingPlanStatus.approved:
        lines += _hold_first_session(secretary, plan)
    return lines


def _approve(raul: Coop, plan: TrainingPlan, assembly: Assembly) -> str:
    """After the production plan, the assembly votes the training plan by a show of hands."""
    from coop.assemblies.attendance import present_member_ids
    from coop.votes.models import VoteMethod

    opened = max(assembly.called_for, assembly.opened_at or assembly.called_for)
    start = opened + timedelta(minutes=95)
    chair = raul.acting_as(SECRETARY).at(start)
    motion = raul.at(start).training_plans.propose_approval(plan, assembly.id)
    if motion.status.value == "proposed":
        chair.votes.second_motion(motion, seconder="0004")
    chair.at(start + timedelta(minutes=10)).votes.open_motion_vote(motion, method=VoteMethod.show_of_hands)
    present = len(present_member_ids(assembly))
    yes = present - AGAINST - ABSTAINING
    chair.at(start + timedelta(minutes=12)).votes.enter_hand_count(
        motion, yes=yes, no=AGAINST, abstain=ABSTAINING, tellers="Inés Peña, Óscar Muñoz"
    )
    chair.at(start + timedelta(minutes=13)).votes.close_motion_vote(motion)
    if plan.status is not TrainingPlanStatus.approved:
        return _("Assembly {assembly} did not approve training plan {plan}.").format(
            assembly=assembly.id, plan=plan.label
        )
    return _(
        "Assembly {assembly} approved training plan {plan} by a show of hands ({yes} yes, {no} no, "
        "{abstain} abstaining); it is frozen with its SHA-256 {hash}…"
    ).format(
        assembly=assembly.id,
        plan=plan.label,
        yes=yes,
        no=AGAINST,
        abstain=ABSTAINING,
        hash=(plan.approved_hash or "")[:12],
    )


def _hold_first_session(secretary: Coop, plan: TrainingPlan) -> list[str]:
    """The latest planned session from the vote's day to today is held as planned.

    A session on the vote's own day is held that evening, after the assembly: whatever the weekday
    the demo is built on, one session is then due (the plan's first falls on the day it is proposed
    or the next working day)."""
    decided = plan.decided_at or secretary.now
    due = [row for row in plan.sessions if decided.date() <= row.held_on <= secretary.now.date()]
    lines = []
    if due:
        planned = due[-1]
        evening = max(datetime.combine(planned.held_on, time(17, 0)), decided + timedelta(minutes=90))
        logging = secretary.at(min(evening, secretary.now))
        held = logging.training_plans.log_planned(f"{plan.id}:{planned.number}", held_on=planned.held_on)
        lines.append(
            ngettext(
                "Session {number} of training plan {plan} held on {day} (training session {id}) by "
                "{trainer}, with {count} trainee present.",
                "Session {number} of training plan {plan} held on {day} (training session {id}) by "
                "{trainer}, with {count} trainees present.",
                len(planned.trainees),
            ).format(
                number=planned.number,
                plan=plan.label,
                day=planned.held_on.isoformat(),
                id=held.id,
                trainer=held.trainer_label,
                count=len(planned.trainees),
            )
        )
    else:
        lines.append(
            _("No session of training plan {plan} has come yet: the first is on {day}.").format(
                plan=plan.label, day=min(row.held_on for row in plan.sessions).isoformat()
            )
            if plan.sessions
            else _("Training plan {plan} plans no session.").format(plan=plan.label)
        )
    progress = secretary.training_plans.progress(plan)
    held_count = sum(1 for row in progress["sessions"] if row["held"])
    assessed = sum(len(row["assessed"]) for row in progress["sessions"])
    lines.append(
        _(
            "Progress of training plan {plan} on {day}: {held} of {sessions} sessions held, {assessed} "
            "trainees assessed at their level; gaps closed: {closed}, still open: {open} "
            "(coop training plan progress {id})."
        ).format(
            plan=plan.label,
            day=progress["on"],
            held=held_count,
            sessions=len(progress["sessions"]),
            assessed=assessed,
            closed=progress["gaps_closed"],
            open=progress["gaps_open"],
            id=plan.id,
        )
    )
    return lines
