"""``c.training_plans``: training plans proposed from the needs, edited, submitted, approved, followed."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from coop.api.domain import Domain, write_document

if TYPE_CHECKING:
    from coop.assemblies.models import Motion
    from coop.reports.training_plan_model import TrainingPlanReport
    from coop.training.models import TrainingSession
    from coop.training_plan.models import TrainingPlan, TrainingPlanSession

__all__ = ["TrainingPlans"]


class TrainingPlans(Domain):
    """Training plans: ``propose`` a draft from the needs analysis, ``edit``, ``submit``, put it to the
    assembly, ``show`` (an approved plan from its frozen snapshot), ``progress``, ``write_report``."""

    def find(self, plan: TrainingPlan | int | str) -> TrainingPlan:
        from coop.training_plan.models import TrainingPlan
        from coop.training_plan.store import find_training_plan

        return plan if isinstance(plan, TrainingPlan) else find_training_plan(self.session, plan)

    def propose(
        self, name: str, *, start: date | str | None = None, weeks: int = 13
    ) -> tuple[TrainingPlan, list[str]]:
        """Store as a draft the proposal that closes the gaps of ``weeks`` weeks from ``start``
        (default: next week); returns the plan and one sentence per gap. Raises TrainingError."""
        from coop.training_plan.store import propose_training_plan

        return self._run(propose_training_plan, name=name, start=start, weeks=weeks)

    def list(self) -> list[dict[str, Any]]:
        """Every training plan, newest first: id, name, start, weeks, status, sessions."""
        from sqlalchemy import select

        from coop.training_plan.models import TrainingPlan

        plans = self.session.scalars(select(TrainingPlan).order_by(TrainingPlan.id.desc()))
        return [
            {
                "id": p.id,
                "name": p.name,
                "starts_on": p.starts_on.isoformat(),
                "weeks": p.weeks,
                "status": p.status.value,
                "sessions": len(p.sessions),
                "approved_hash": p.approved_hash,
            }
            for p in plans
        ]

    def show(self, plan: TrainingPlan | int | str) -> dict[str, Any]:
        """The plan as data; an approved plan from its snapshot, with ``approved_hash``."""
        from coop.training_plan.views import shown_data

        return shown_data(self.session, self.find(plan))

    def edit(
        self,
        plan: TrainingPlan | int | str,
        number: int,
        *,
        add_trainee: str | None = None,
        remove_trainee: str | None = None,
        week: str | None = None,
        trainer: str | None = None,
    ) -> TrainingPlanSession:
        """Change session ``number`` of a draft. Raises TrainingError."""
        from coop.training_plan.store import edit_training_plan

        return self._run(
            edit_training_plan,
            plan=self.find(plan),
            number=number,
            add_trainee=add_trainee,
            remove_trainee=remove_trainee,
            week=week,
            trainer=trainer,
        )

    def submit(self, plan: TrainingPlan | int | str) -> TrainingPlan:
        """Draft → submitted. Raises TrainingError."""
        from coop.training_plan.store import submit_training_plan

        return self._run(submit_training_plan, plan=self.find(plan))

    def propose_approval(
        self,
        plan: TrainingPlan | int | str,
        assembly: int | str,
        *,
        proposer: str | None = None,
        item: int | None = None,
    ) -> Motion:
        """Put a submitted plan before an open assembly as a ``training_plan`` motion; its adoption
        approves and freezes the plan. Raises TrainingError or AssemblyError."""
        from coop.training_plan.approval import propose_training_plan_approval

        return self._run(
            propose_training_plan_approval,
            plan=self.find(plan),
            assembly=assembly,
            proposer=proposer,
            agenda_item=item,
        )

    def progress(self, plan: TrainingPlan | int | str) -> dict[str, Any]:
        """Per planned session: planned, held, the trainees assessed at its level since; per gap:
        the members qualified today against those needed (closed or still open)."""
        from coop.training_plan.followup import plan_progress

        return plan_progress(self.session, self.find(plan), on=self.now.date())

    def log_planned(
        self,
        planned: str,
        *,
        held_on: date,
        hours: Decimal | str | None = None,
        kind: str = "practice",
        **details: Any,
    ) -> TrainingSession:
        """Log the session held for planned session ``PLAN:N`` of an approved plan, its skill,
        trainer and trainees as planned (``details``: trainer, outside_trainer, place, note override
        them); the planned session then points at it. Raises TrainingError."""
        from coop.training.common import parse_session_kind
        from coop.training_plan.followup import find_planned, log_planned_session

        return self._run(
            log_planned_session,
            planned=find_planned(self.session, planned),
            held_on=held_on,
            hours=hours,
            kind=parse_session_kind(kind),
            **details,
        )

    def report(self, plan: TrainingPlan | int | str) -> TrainingPlanReport:
        """The printed plan's data, in the cooperative's language: the gaps with their causes, the
        sessions week by week, trainees and trainers, coverage before and after, the assembly's
        decision, and the progress once a session was held. Raises TrainingError."""
        from coop.api.training_plans_report import training_plan_report

        return training_plan_report(self.session, self.find(plan), today=self.now.date())

    def write_report(self, plan: TrainingPlan | int | str, path: str | Path) -> Path:
        """Print the training plan to ``path`` (.pdf or .html); an approved plan as the assembly
        approved it. Returns the path. Raises TrainingError or DocumentError."""
        from coop.reports.render import document_format

        document_format(Path(path))  # a wrong suffix is refused before anything is read
        return write_document(path, "training_plan.html.j2", report=self.report(plan))
