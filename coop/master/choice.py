"""The assembly chooses a master plan's scenario: one motion per scenario, decided by the assembly's vote.

Why one motion per scenario rather than one ranked vote among them: the assembly's own rules for a
decision — quorum, threshold, secret ballot or roll call, the minutes — then apply unchanged, as for
production and training plans; a scenario is adopted only if the assembly's rule adopts it, never
because it ranked first among options nobody wanted. The coordinators put the scenario the
comparison favours first; if the assembly rejects it, the plan is open again for the next one.

``propose_choice`` puts a motion of kind ``master_scenario`` ("Adopt scenario X of master plan P")
before an open assembly; only one such motion per master plan may be pending, and while it is the
plan is *submitted* (its scenarios cannot change). Importing this module subscribes
:func:`record_decision` to ``motion.decided`` (see :mod:`coop.events`): an adopted motion
decides the plan and freezes the chosen scenario — its schedule, its rough cut, every scenario's
comparison figures and the vote — as canonical JSON with its SHA-256 hash; a rejected one leaves
the plan a draft. :func:`chosen` reads the choice back for reports.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from coop.assemblies.models import Motion
from coop.audit import record_change
from coop.errors import PlanError
from coop.i18n import _, for_the_record
from coop.master.models import MasterPlan, MasterPlanStatus, MasterScenario
from coop.master.months import add_months, month_label
from coop.members.actors import Actor
from coop.plans.assembly_approval import (
    is_pending,
    propose_approval,
    react_to_decisions,
    react_to_withdrawals,
    record_outcome,
    seal,
)
from coop.plans.common import quantity_text, require_planner
from coop.reports.master_model import DecisionLine

MOTION_KIND = "master_scenario"


@dataclass(frozen=True)
class Choice(DecisionLine):
    """The scenario an assembly chose for a master plan, the vote that chose it (its method as
    stored) and the frozen hash: the printed plan's decision line, as data."""

    def as_json(self) -> dict[str, object]:
        return {
            "scenario": self.scenario_name,
            "assembly_id": self.assembly_id,
            "motion_id": self.motion_id,
            "yes": self.yes,
            "no": self.no,
            "abstain": self.abstain,
            "method": self.method,
            "decided_at": self.decided_at.isoformat(timespec="seconds"),
            "hash": self.hash,
        }


def pending_motion(plan: MasterPlan) -> tuple[MasterScenario, Motion] | None:
    """The scenario of ``plan`` now before an assembly, with its motion, if any."""
    for scenario in plan.scenarios:
        if is_pending(scenario.motion):
            return scenario, scenario.motion
    return None


def propose_choice(
    session: Session,
    *,
    actor: Actor,
    now: datetime,
    plan: MasterPlan,
    scenario: MasterScenario,
    assembly: str | int,
    proposer: str | None = None,
    agenda_item: int | None = None,
) -> Motion:
    """Put ``scenario`` before an open assembly as a motion of kind ``master_scenario``."""
    from coop.master.scenarios import scenario_view

    require_planner(session, actor, _("Proposing a scenario to the assembly"))
    if plan.status is MasterPlanStatus.decided:
        raise PlanError(
            _("Master plan {plan} is decided already: the assembly chose scenario {scenario}.").format(
                plan=plan.name, scenario=_chosen_name(plan)
            )
        )
    pending = pending_motion(plan)
    if pending is not None:
        raise PlanError(
            _(
                "Scenario {scenario} of master plan {plan} is already before assembly {assembly} as motion "
                "{motion}; one scenario at a time, until that motion is decided or withdrawn."
            ).format(
                scenario=pending[0].name,
                plan=plan.name,
                assembly=pending[1].assembly_id,
                motion=pending[1].id,
            )
        )

    def wording() -> tuple[str, str]:
        view = scenario_view(scenario)
        with for_the_record(session):
            title = _("Adopt scenario {scenario} of master plan {plan}").format(
                scenario=scenario.name, plan=plan.name
            )
            text = _(
                "The assembly adopts scenario {scenario} of master plan {plan} for {months} months from "
                "{first} to {last} ({assumptions}). Once adopted, its schedule is frozen and the weekly "
                "production plans are checked against it; the plan's other scenarios are not chosen."
            ).format(
                scenario=scenario.name,
                plan=plan.name,
                months=plan.months,
                first=month_label(plan.first_month),
                last=month_label(add_months(plan.first_month, plan.months - 1)),
                assumptions="; ".join(assumption_sentences(view.assumptions.as_json())),
            )
            if view.note:
                text += " " + view.note
        return title[:300], text

    def attach(motion: Motion) -> None:
        scenario.motion = motion
        plan.status = MasterPlanStatus.submitted

    return propose_approval(
        session,
        actor=actor,
        now=now,
        assembly=assembly,
        kind=MOTION_KIND,
        wording=wording,
        proposer=proposer,
        agenda_item=agenda_item,
        attach=attach,
        event="coop.master_scenario.proposed",
        subject={"plan": plan.name, "scenario": scenario.name},
    )


def assumption_sentences(assumptions: dict[str, Any]) -> list[str]:
    """A scenario's assumptions, one short sentence each, in the language in force."""
    policy = _("level production") if assumptions["policy"] == "level" else _("production chasing demand")
    lines = [policy]
    if Decimal(str(assumptions["overtime_pct"])):
        lines.append(_("{pct} % overtime").format(pct=assumptions["overtime_pct"]))
    for skill, count in assumptions["extra_qualified"].items():
        lines.append(_("{count} more members qualified in {skill}").format(count=count, skill=skill))
    if assumptions["declined_orders"]:
        lines.append(
            _("orders declined: {orders}").format(
                orders=", ".join(str(i) for i in assumptions["declined_orders"])
            )
        )
    return lines


# --- the decision ----------------------------------------------------------------------------------


def snapshot_data(
    session: Session, *, plan: MasterPlan, scenario: MasterScenario, motion: Motion, now: datetime
) -> dict[str, Any]:
    """What is frozen: the chosen scenario's schedule and rough cut, every scenario's figures, the vote."""
    from coop.master.comparison import plan_scenarios
    from coop.master.scenarios import scenario_view

    comparison = plan_scenarios(session, now=now, plan=plan)
    result = next(r for r in comparison.results if r.name == scenario.name)
    vote = motion.vote
    decided = (vote.closed_at if vote is not None and vote.closed_at else now).replace(microsecond=0)
    return {
        "plan": {"name": plan.name, "from": month_label(plan.first_month), "months": plan.months},
        "scenario": scenario_view(scenario).as_json(),
        "not_chosen": [s.name for s in plan.scenarios if s.id != scenario.id],
        "decision": {
            "assembly_id": motion.assembly_id,
            "motion_id": motion.id,
            "title": motion.title,
            "yes": (vote.yes_count or 0) if vote else 0,
            "no": (vote.no_count or 0) if vote else 0,
            "abstain": (vote.abstain_count or 0) if vote else 0,
            "method": vote.method.value if vote else "",
            "decided_at": decided.isoformat(timespec="seconds"),
        },
        "schedule": [
            {
                "product": row.code,
                "month": month_label(row.month),
                "demand": quantity_text(row.demand),
                "production": quantity_text(row.production),
                "closing": quantity_text(row.closing),
                "shortfall": quantity_text(row.shortfall),
            }
            for row in result.rows
        ],
        "rough_cut": {k: v for k, v in result.as_json().items() if k in ("centres", "skills", "findings")},
        "comparison": comparison.as_json(),
    }


def freeze_choice(
    session: Session, *, plan: MasterPlan, scenario: MasterScenario, motion: Motion, now: datetime
) -> str:
    """Store the chosen scenario's snapshot as canonical JSON, in the record's language; its SHA-256."""
    with for_the_record(session):
        plan.choice_snapshot, plan.choice_hash = seal(
            snapshot_data(session, plan=plan, scenario=scenario, motion=motion, now=now)
        )
    return plan.choice_hash


def record_decision(
    session: Session, scenario: MasterScenario, *, motion: Motion, adopted: bool, actor: Actor, now: datetime
) -> MasterPlan:
    """Adopted: the plan is decided, the scenario frozen. Rejected: the plan is open for the next one."""
    plan = scenario.plan
    if plan.status is not MasterPlanStatus.submitted:
        return plan  # only a plan before the assembly is moved by its vote
    if adopted:
        plan.status = MasterPlanStatus.decided
        plan.choice_motion = motion
        plan.decided_at = now
    else:
        plan.status = MasterPlanStatus.draft
    record_outcome(
        session,
        motion=motion,
        adopted=adopted,
        actor=actor,
        now=now,
        events=("coop.master_scenario.chosen", "coop.master_scenario.rejected"),
        subject={"plan": plan.name, "scenario": scenario.name},
        freeze=lambda: freeze_choice(session, plan=plan, scenario=scenario, motion=motion, now=now),
    )
    return plan


react_to_decisions(MOTION_KIND, MasterScenario.motion_id, record_decision)


def record_withdrawal(
    session: Session, scenario: MasterScenario, *, motion: Motion, actor: Actor, now: datetime
) -> MasterPlan:
    """The scenario's motion was withdrawn before the vote: the plan is a draft again, as after a
    rejection, so its scenarios can change before the next one is proposed."""
    plan = scenario.plan
    if plan.status is not MasterPlanStatus.submitted:
        return plan
    plan.status = MasterPlanStatus.draft
    record_change(
        session,
        "coop.master_scenario.withdrawn",
        actor,
        now,
        {"plan": plan.name, "scenario": scenario.name, "motion_id": motion.id},
    )
    return plan


react_to_withdrawals(MOTION_KIND, MasterScenario.motion_id, record_withdrawal)


# --- reading the choice ----------------------------------------------------------------------------


def frozen(plan: MasterPlan) -> dict[str, Any] | None:
    """The decided plan's snapshot as stored, or None."""
    return json.loads(plan.choice_snapshot) if plan.choice_snapshot else None


def chosen(session: Session, plan: MasterPlan) -> Choice | None:
    """The scenario the assembly chose for ``plan`` with the vote and the hash; None while undecided."""
    data = frozen(plan)
    if data is None or plan.choice_hash is None or plan.choice_motion_id is None:
        return None
    decision = data["decision"]
    return Choice(
        scenario_name=data["scenario"]["name"],
        assembly_id=decision["assembly_id"],
        motion_id=decision["motion_id"],
        yes=decision["yes"],
        no=decision["no"],
        abstain=decision["abstain"],
        method=decision["method"],
        decided_at=datetime.fromisoformat(decision["decided_at"]),
        hash=plan.choice_hash,
    )


def _chosen_name(plan: MasterPlan) -> str:
    data = frozen(plan)
    return data["scenario"]["name"] if data else ""


def scenario_standing(plan: MasterPlan, scenario: MasterScenario) -> dict[str, object]:
    """Where a scenario stands with the assembly: ``open`` (never put), ``before_assembly``,
    ``rejected`` (its latest motion), ``withdrawn``, ``chosen`` or ``not_chosen``."""
    motion = scenario.motion
    motion_part: dict[str, object] = (
        {} if motion is None else {"assembly_id": motion.assembly_id, "motion_id": motion.id}
    )
    if plan.status is MasterPlanStatus.decided:
        state = "chosen" if motion is not None and motion.id == plan.choice_motion_id else "not_chosen"
    elif motion is None:
        state = "open"
    elif is_pending(motion):
        state = "before_assembly"
    else:
        state = motion.status.value  # rejected or withdrawn (an adopted one decides the plan)
    return {"standing": state, **motion_part}


def choice_json(session: Session, plan: MasterPlan) -> dict[str, object]:
    """A master plan with where each scenario stands and, once decided, the choice and its hash."""
    from coop.master.scenarios import plan_json

    found = chosen(session, plan)
    return {
        **plan_json(plan),
        "standing": {s.name: scenario_standing(plan, s) for s in plan.scenarios},
        "choice": found.as_json() if found else None,
    }


def latest_decided(session: Session) -> list[MasterPlan]:
    """Every decided master plan, the most recently decided first."""
    return list(
        session.scalars(
            select(MasterPlan)
            .where(MasterPlan.status == MasterPlanStatus.decided)
            .order_by(MasterPlan.decided_at.desc(), MasterPlan.id.desc())
        )
    )
