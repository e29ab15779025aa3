"""``c.master``: demand (customer orders, forecasts) and the master production schedule
(:mod:`coop.master`)."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from coop.api.domain import Domain, write_document

if TYPE_CHECKING:
    from coop.assemblies.models import Motion
    from coop.master.choice import Choice
    from coop.master.comparison import Comparison, ScenarioResult
    from coop.master.forecasting import AccuracyRow, DerivedForecast
    from coop.master.models import CustomerOrder, DemandForecast, MasterPlan, ProductPlanning
    from coop.master.scenarios import ScenarioView
    from coop.master.schedule import Schedule
    from coop.plans.models import Product
    from coop.reports.master_model import DecisionLine, MasterPlanReport

__all__ = ["Master"]


class Master(Domain):
    """Long-range planning: what customers ordered, what is expected, and what to make each month."""

    def _product(self, product: Product | str) -> Product:
        from coop.plans.common import find_product
        from coop.plans.models import Product

        return product if isinstance(product, Product) else find_product(self.session, product)

    def add_order(
        self,
        customer: str,
        product: Product | str,
        quantity: str | Decimal,
        due_month: str | date,
        *,
        firm: bool = True,
    ) -> CustomerOrder:
        """Record a customer's order for a month (``2027-03``), firm or tentative (coordinator).

        Raises PlanError for an unknown product, a quantity not above 0, or a month outside the
        18-month horizon that starts this month.
        """
        from coop.master.demand import add_order

        found = self._product(product)
        return self._run(
            add_order,
            customer=customer,
            product=found,
            quantity=quantity,
            due_month=due_month,
            firm=firm,
        )

    def list_orders(self, *, since: str | date | None = None) -> list[CustomerOrder]:
        """Every customer order, by due month (from the month ``since`` on, if given)."""
        from coop.master.demand import list_orders, parse_month_text

        start = parse_month_text(since, "--from") if since is not None else None
        return list_orders(self.session, since=start)

    def import_orders(
        self, path: str | Path, *, delimiter: str | None = None, encoding: str | None = None
    ) -> int:
        """Add the orders of a CSV file (``customer,product,quantity,due_month,firm``), all or none.

        Returns how many. Raises PlanError listing every bad line.
        """
        from coop.csvfiles import CsvDialect
        from coop.master.demand import import_orders

        dialect = CsvDialect.named(delimiter=delimiter, encoding=encoding)
        return self._run(import_orders, path=Path(path), dialect=dialect)

    def set_forecast(
        self, product: Product | str, month: str | date, quantity: str | Decimal
    ) -> DemandForecast:
        """Set a product's expected demand in a month, replacing an earlier forecast. Raises PlanError."""
        from coop.master.demand import set_forecast

        found = self._product(product)
        return self._run(set_forecast, product=found, month=month, quantity=quantity)

    def import_forecasts(
        self, path: str | Path, *, delimiter: str | None = None, encoding: str | None = None
    ) -> int:
        """Set the forecasts of a CSV file (``product,month,quantity``), all or none. Returns how many."""
        from coop.csvfiles import CsvDialect
        from coop.master.demand import import_forecasts

        dialect = CsvDialect.named(delimiter=delimiter, encoding=encoding)
        return self._run(import_forecasts, path=Path(path), dialect=dialect)

    def list_forecasts(self, *, since: str | date | None = None) -> list[DemandForecast]:
        """Every forecast, by product and month (from the month ``since`` on, if given)."""
        from coop.master.demand import list_forecasts, parse_month_text

        start = parse_month_text(since, "--from") if since is not None else None
        return list_forecasts(self.session, since=start)

    def derive_forecasts(
        self,
        method: str,
        *,
        since: str | date | None = None,
        months: int = 12,
        alpha: str | Decimal = "0.3",
    ) -> list[DerivedForecast]:
        """Forecast every product from what closed plans made: ``same-month-trend`` or ``smoothing``.

        The forecasts start at the month ``since`` (default: next month) and cover ``months`` months
        (6 to 18); they replace earlier forecasts of those months. See :mod:`coop.master.forecasting`
        for each method in one sentence. Raises PlanError.
        """
        from coop.errors import PlanError
        from coop.i18n import _
        from coop.master.forecasting import ForecastMethod
        from coop.master.schedule import derive_forecasts, first_month
        from coop.parsing import read_decimal

        try:
            chosen = ForecastMethod(str(method).strip().lower())
        except ValueError:
            raise PlanError(
                _("'{method}' is not a forecasting method; use same-month-trend or smoothing.").format(
                    method=method
                )
            ) from None
        factor = alpha if isinstance(alpha, Decimal) else read_decimal(str(alpha).strip().replace(",", "."))
        if factor is None:
            raise PlanError(
                _("The smoothing factor --alpha '{alpha}' is not a number, like 0.3.").format(alpha=alpha)
            )
        return self._run(
            derive_forecasts,
            method=chosen,
            first=first_month(since, self.now),
            months=months,
            alpha=factor,
        )

    def accuracy(self) -> list[AccuracyRow]:
        """Each forecast against what closed plans made in its month, by product then month."""
        from coop.master.schedule import forecast_accuracy

        return forecast_accuracy(self.session)

    def set_planning(
        self,
        product: Product | str,
        *,
        make_to_stock: bool | None = None,
        safety_stock: str | Decimal | None = None,
        min_batch: str | Decimal | None = None,
        max_batch: str | Decimal | None = None,
        stock_on_hand: str | Decimal | None = None,
    ) -> ProductPlanning:
        """How the master schedule plans a product (what is not given stays). Raises PlanError."""
        from coop.master.demand import set_planning

        found = self._product(product)
        return self._run(
            set_planning,
            product=found,
            make_to_stock=make_to_stock,
            safety_stock=safety_stock,
            min_batch=min_batch,
            max_batch=max_batch,
            stock_on_hand=stock_on_hand,
        )

    def schedule(self, *, since: str | date | None = None, months: int = 12) -> Schedule:
        """The master production schedule from the month ``since`` (default: next month), 6 to 18 months.

        See :mod:`coop.master.mps` for its rules. Raises PlanError for a horizon outside 6 to 18.
        """
        from coop.master.schedule import first_month, master_schedule

        return master_schedule(self.session, now=self.now, first=first_month(since, self.now), months=months)

    # --- master plans and scenarios --------------------------------------------------------------

    def create_plan(self, name: str, *, since: str | date, months: int = 12) -> MasterPlan:
        """Create a draft master plan of ``months`` months (6 to 18) from the month ``since`` (coordinator).

        Raises PlanError for a name already used, a month not written like ``2027-01`` or a horizon
        outside 6 to 18 months.
        """
        from coop.master.scenarios import create_master_plan

        return self._run(create_master_plan, name=name, first=since, months=months)

    def plans(self) -> list[MasterPlan]:
        """Every master plan, by first month."""
        from coop.master.scenarios import list_master_plans

        return list_master_plans(self.session)

    def add_scenario(
        self,
        plan: str,
        name: str,
        *,
        policy: str | None = None,
        overtime_pct: str | Decimal | None = None,
        extra_qualified: Sequence[str] = (),
        declined_orders: Sequence[str | int] = (),
        note: str | None = None,
    ) -> ScenarioView:
        """Save a named scenario of a draft master plan with its assumptions (coordinator).

        ``policy`` is ``level`` (the same production every month, stock built before peaks) or
        ``chase`` (as the master schedule); ``overtime_pct`` adds that % to every centre's hours;
        ``extra_qualified`` items like ``"KILN-OP=6"`` count members still to train;
        ``declined_orders`` are customer order numbers left out. See :mod:`coop.master.policies`.
        Raises PlanError for a scenario without assumptions, a sixth scenario, a name used twice,
        an unknown skill or order, or an order due outside the plan.
        """
        from coop.master.scenarios import add_scenario, find_master_plan, parse_assumptions, scenario_view

        found = find_master_plan(self.session, plan)
        assumptions = parse_assumptions(
            self.session,
            found,
            policy=policy,
            overtime_pct=overtime_pct,
            extra_qualified=extra_qualified,
            declined_orders=declined_orders,
        )
        scenario = self._run(add_scenario, plan=found, name=name, assumptions=assumptions, note=note)
        return scenario_view(scenario)

    def scenarios(self, plan: str) -> list[ScenarioView]:
        """The scenarios of a master plan, in the order they were added."""
        from coop.master.scenarios import find_master_plan, scenario_views

        return list(scenario_views(find_master_plan(self.session, plan)))

    def scenario(self, plan: str, name: str) -> ScenarioView:
        """One scenario of a master plan. Raises PlanError when the plan or the scenario does not exist."""
        from coop.master.scenarios import find_master_plan, find_scenario, scenario_view

        return scenario_view(find_scenario(self.session, name, find_master_plan(self.session, plan)))

    def capacity(
        self,
        *,
        scenario: str | None = None,
        plan: str | None = None,
        since: str | date | None = None,
        months: int = 12,
        member_hours: str | Decimal = "120",
    ) -> ScenarioResult:
        """Rough-cut capacity: load per key work centre and crew-hours per skill, month by month.

        With ``scenario`` (in ``plan``, when several plans have one of that name), over the plan's
        horizon with the scenario's assumptions; without, the master schedule as it stands from
        ``since`` (default: next month). ``member_hours`` is what one qualified member gives a month.
        See :mod:`coop.master.roughcut` for the rules. Raises PlanError.
        """
        from coop.i18n import _
        from coop.master.comparison import scenario_result
        from coop.master.policies import Assumptions
        from coop.master.scenarios import find_master_plan, find_scenario, scenario_view
        from coop.master.schedule import first_month

        hours = self._member_hours(member_hours)
        if scenario is None:
            return scenario_result(
                self.session,
                now=self.now,
                first=first_month(since, self.now),
                months=months,
                name=_("master schedule"),
                assumptions=Assumptions(),
                member_hours=hours,
            )
        found = find_scenario(self.session, scenario, find_master_plan(self.session, plan) if plan else None)
        view = scenario_view(found)
        return scenario_result(
            self.session,
            now=self.now,
            first=found.plan.first_month,
            months=found.plan.months,
            name=view.name,
            assumptions=view.assumptions,
            member_hours=hours,
        )

    def compare(self, plan: str, *, member_hours: str | Decimal = "120") -> Comparison:
        """The scenarios of a master plan side by side: output, closing stock, overtime hours, unmet
        demand, training needed and the worst centre-month. Raises PlanError with fewer than two."""
        from coop.master.comparison import compare_scenarios
        from coop.master.scenarios import find_master_plan

        return compare_scenarios(
            self.session,
            now=self.now,
            plan=find_master_plan(self.session, plan),
            member_hours=self._member_hours(member_hours),
        )

    def report(
        self, plan: str, *, member_hours: str | Decimal = "120", decision: DecisionLine | None = None
    ) -> MasterPlanReport:
        """The printed master plan's view model: cover, comparison table, one page per scenario.

        ``decision`` is the assembly's choice among the scenarios, printed and marked when given.
        Raises PlanError for an unknown plan or one with fewer than two scenarios.
        """
        from coop.master.report_data import master_plan_report
        from coop.master.scenarios import find_master_plan

        found = find_master_plan(self.session, plan)
        return master_plan_report(
            self.session,
            now=self.now,
            plan=found,
            member_hours=self._member_hours(member_hours),
            decision=decision if decision is not None else self._decision_line(found),
        )

    def _decision_line(self, plan: MasterPlan) -> DecisionLine | None:
        """The assembly's choice as the printed plan words it (the vote's method by its label)."""
        from coop.master.choice import chosen
        from coop.reports.master_model import DecisionLine
        from coop.vocabulary import label
        from coop.votes.models import VoteMethod

        choice = chosen(self.session, plan)
        if choice is None:
            return None
        method = label(VoteMethod(choice.method)) if choice.method else ""
        return DecisionLine(**{**dataclasses.asdict(choice), "method": method})

    def write_report(self, plan: str, path: str | Path, *, member_hours: str | Decimal = "120") -> Path:
        """Print a master plan for the assembly to ``path`` (.pdf or .html), in the cooperative's language."""
        return write_document(
            path, "master_plan.html.j2", report=self.report(plan, member_hours=member_hours)
        )

    # --- the assembly chooses ---------------------------------------------------------------------

    def propose_choice(
        self,
        plan: str,
        scenario: str,
        assembly: int | str,
        *,
        proposer: str | None = None,
        item: int | None = None,
    ) -> Motion:
        """Put a scenario before an open assembly: a motion of kind ``master_scenario`` (coordinator).

        Its adoption chooses the scenario (see :mod:`coop.master.choice`); its rejection leaves the
        plan open for the next. Raises PlanError while another scenario of the plan is pending, for a
        decided plan or an unknown scenario; AssemblyError for an assembly that is not open.
        """
        from coop.master.choice import propose_choice
        from coop.master.scenarios import find_master_plan, find_scenario

        found = find_master_plan(self.session, plan)
        return self._run(
            propose_choice,
            plan=found,
            scenario=find_scenario(self.session, scenario, found),
            assembly=assembly,
            proposer=proposer,
            agenda_item=item,
        )

    def choice(self, plan: str) -> Choice | None:
        """The scenario the assembly chose for a master plan, with its vote and frozen hash; or None."""
        from coop.master.choice import chosen
        from coop.master.scenarios import find_master_plan

        return chosen(self.session, find_master_plan(self.session, plan))

    def plan_standing(self, plan: str) -> dict[str, object]:
        """A master plan as data: its horizon and status, where each scenario stands with the assembly,
        and once decided the choice with its hash."""
        from coop.master.choice import choice_json
        from coop.master.scenarios import find_master_plan

        return choice_json(self.session, find_master_plan(self.session, plan))

    def frozen_choice(self, plan: str) -> dict[str, object] | None:
        """The decided plan's frozen snapshot (schedule, rough cut, comparison, vote), or None."""
        from coop.master.choice import frozen
        from coop.master.scenarios import find_master_plan

        return frozen(find_master_plan(self.session, plan))

    def _member_hours(self, value: str | Decimal) -> Decimal:
        from coop.errors import PlanError
        from coop.i18n import _
        from coop.parsing import read_decimal

        hours = value if isinstance(value, Decimal) else read_decimal(str(value).strip().replace(",", "."))
        if hours is None or hours <= 0:
            raise PlanError(
                _("--member-hours '{value}' is not a number of hours above 0, like 120.").format(value=value)
            )
        return hours
