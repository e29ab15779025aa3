"""``c.plans``: products, work centres, routings and production plans, from a draft to the
assembly's approval (:mod:`coop.plans`)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from coop.api.domain import Domain, write_document

if TYPE_CHECKING:
    from coop.assemblies.models import Motion
    from coop.plans.check import CheckedFinding, PlanCheck
    from coop.plans.diff import PlanDiff
    from coop.plans.models import (
        BomLine,
        Closure,
        Plan,
        PlanLine,
        Product,
        RequiredSkill,
        Routing,
        StockLevel,
        WorkCentre,
    )
    from coop.plans.views import CentreSheet, MaterialStock

__all__ = ["Plans"]

Loaded = TypeVar("Loaded")


class Plans(Domain):
    """Production planning: master data, then a plan drafted, checked, submitted and approved."""

    def _load(
        self, load: Callable[..., Loaded], path: str | Path, delimiter: str | None, encoding: str | None
    ) -> Loaded:
        """A CSV import: ``load`` reads the whole file as the acting member, all lines or none.

        The file's delimiter and encoding are detected, or read as named (see :meth:`import_products`).
        """
        from coop.csvfiles import CsvDialect

        dialect = CsvDialect.named(delimiter=delimiter, encoding=encoding)
        return self._run(load, path=Path(path), dialect=dialect)

    def find_product(self, product: Product | str) -> Product:
        """The Product with that code (a Product is returned as it is). Raises PlanError."""
        from coop.plans.common import find_product
        from coop.plans.models import Product

        return product if isinstance(product, Product) else find_product(self.session, product)

    def find_work_centre(self, centre: WorkCentre | str) -> WorkCentre:
        """The WorkCentre with that code (a WorkCentre is returned as it is). Raises PlanError."""
        from coop.plans.common import find_work_centre
        from coop.plans.models import WorkCentre

        return centre if isinstance(centre, WorkCentre) else find_work_centre(self.session, centre)

    def find_plan(self, plan: Plan | int | str) -> Plan:
        """The Plan with that number (a Plan is returned as it is). Raises PlanError."""
        from coop.plans.common import find_plan
        from coop.plans.models import Plan

        return plan if isinstance(plan, Plan) else find_plan(self.session, plan)

    def list_plans(self) -> list[Plan]:
        """Every plan and version, in the order they were drafted."""
        from coop.plans.drafts import list_plans

        return list_plans(self.session)

    def add_product(self, code: str, name: str, *, unit: str) -> Product:
        """Add a product or material (coordinator or secretary). Returns the Product. Raises PlanError."""
        from coop.plans.catalogue import add_product

        return self._run(add_product, code=code, name=name, unit=unit)

    def update_product(
        self, product: Product | str, *, name: str | None = None, unit: str | None = None
    ) -> Product:
        """Change a product's name or unit. Returns the Product. Raises PlanError."""
        from coop.plans.catalogue import update_product

        found = self.find_product(product)
        return self._run(update_product, product=found, name=name, unit=unit)

    def products_and_kinds(self) -> list[tuple[Product, bool]]:
        """Every product by code, each with whether it is a material (it has no bill of materials)."""
        from coop.plans.catalogue import products_and_kinds

        return products_and_kinds(self.session)

    def import_products(
        self, path: str | Path, *, delimiter: str | None = None, encoding: str | None = None
    ) -> tuple[int, int]:
        """Add or update every product of a CSV, all or none. Returns (added, updated). Raises PlanError.

        Every import here reads its file's ``delimiter`` (``,`` ``;`` or ``tab``) and ``encoding``
        (``utf-8``, ``cp1252``, ``latin-1``) as named, or detects them; a name coop does not read
        raises InputFileError.
        """
        from coop.plans.catalogue_imports import import_products

        return self._load(import_products, path, delimiter, encoding)

    def import_bom(
        self, path: str | Path, *, delimiter: str | None = None, encoding: str | None = None
    ) -> int:
        """Add or change every bill-of-materials line of a CSV, all or none. Returns how many."""
        from coop.plans.catalogue_imports import import_bom

        return self._load(import_bom, path, delimiter, encoding)

    def import_stock(
        self, path: str | Path, *, delimiter: str | None = None, encoding: str | None = None
    ) -> int:
        """Record every stock count of a CSV, all or none. Returns how many. Raises PlanError."""
        from coop.plans.catalogue_imports import import_stock

        return self._load(import_stock, path, delimiter, encoding)

    def import_work_centres(
        self, path: str | Path, *, delimiter: str | None = None, encoding: str | None = None
    ) -> tuple[int, int]:
        """Add or change every work centre of a CSV, all or none. Returns (added, changed)."""
        from coop.plans.centres_imports import import_work_centres

        return self._load(import_work_centres, path, delimiter, encoding)

    def import_closures(
        self, path: str | Path, *, delimiter: str | None = None, encoding: str | None = None
    ) -> int:
        """Add every closure of a CSV, all or none. Returns how many. Raises PlanError."""
        from coop.plans.centres_imports import import_closures

        return self._load(import_closures, path, delimiter, encoding)

    def import_routings(
        self, path: str | Path, *, delimiter: str | None = None, encoding: str | None = None
    ) -> int:
        """Add or change every routing of a CSV, all or none. Returns how many. Raises PlanError."""
        from coop.plans.centres_imports import import_routings

        return self._load(import_routings, path, delimiter, encoding)

    def set_bom_line(
        self,
        parent: Product | str,
        component: Product | str,
        quantity: Decimal | str,
        *,
        scrap_pct: Decimal | str | None = None,
    ) -> BomLine:
        """How much of ``component`` one unit of ``parent`` takes. Returns the BomLine. Raises PlanError."""
        from coop.plans.catalogue import set_bom_line

        return self._run(
            set_bom_line,
            parent=self.find_product(parent),
            component=self.find_product(component),
            quantity=quantity,
            scrap_pct=scrap_pct,
        )

    def remove_bom_line(self, parent: Product | str, component: Product | str) -> tuple[Product, Product]:
        """Take ``component`` out of the bill of materials of ``parent``. Returns both. Raises PlanError."""
        from coop.plans.catalogue import remove_bom_line

        found_parent, found_component = self.find_product(parent), self.find_product(component)
        self._run(remove_bom_line, parent=found_parent, component=found_component)
        return found_parent, found_component

    def list_materials(self) -> list[MaterialStock]:
        """The materials (products with no bill of materials), each with its stock on hand."""
        from coop.plans.catalogue import list_materials

        return list_materials(self.session)

    def set_stock(
        self, product: Product | str, quantity: Decimal | str, *, counted_on: date | None = None
    ) -> StockLevel:
        """Record a material's counted stock. Returns the StockLevel. Raises PlanError."""
        from coop.plans.catalogue import set_stock

        return self._run(
            set_stock,
            product=self.find_product(product),
            quantity=quantity,
            counted_on=counted_on,
        )

    def add_work_centre(
        self,
        code: str,
        name: str,
        *,
        hours_per_shift: Decimal | str,
        shifts_per_day: int | str,
        **capacity: Any,
    ) -> WorkCentre:
        """Add a work centre and its weekly capacity. Returns the WorkCentre. Raises PlanError.

        ``capacity``: working_days (5), parallel (1, machines alike), efficiency_pct (100).
        """
        from coop.plans.centres import add_work_centre, check_centre_spec

        spec = check_centre_spec(
            code=code, name=name, hours_per_shift=hours_per_shift, shifts_per_day=shifts_per_day, **capacity
        )
        return self._run(add_work_centre, spec=spec)

    def list_work_centres(self) -> list[WorkCentre]:
        """Every work centre, by code."""
        from coop.plans.centres import list_work_centres

        return list_work_centres(self.session)

    def update_work_centre(self, centre: WorkCentre | str, **changes: Any) -> WorkCentre:
        """Change some of a work centre's figures. Returns the WorkCentre. Raises PlanError.

        ``changes``: name, hours_per_shift, shifts_per_day, working_days, parallel, efficiency_pct
        (None leaves a figure as it is).
        """
        from coop.plans.centres import update_work_centre

        found = self.find_work_centre(centre)
        return self._run(update_work_centre, centre=found, changes=changes)

    def work_centre_sheet(self, centre: WorkCentre | str, *, on: date | None = None) -> CentreSheet:
        """A work centre with its closures from ``on`` (default: today) and its routings. Raises PlanError."""
        from coop.plans.centres import centre_sheet

        return centre_sheet(self.session, self.find_work_centre(centre), on=on or self.now.date())

    def add_closure(
        self, centre: str | None, day: date | str, reason: str, *, plant: bool = False
    ) -> tuple[WorkCentre | None, Closure]:
        """Record a day a work centre (or, with ``plant``, the whole plant) does not work.

        Returns the work centre (None for the plant) and the Closure. Raises PlanError.
        """
        from coop.i18n import _
        from coop.plans.centres import add_closure, closure_place
        from coop.plans.common import parse_day

        target = closure_place(self.session, centre, plant=plant)
        closure = self._run(add_closure, centre=target, day=parse_day(day, _("The day")), reason=reason)
        return target, closure

    def remove_closure(
        self, centre: str | None, day: date | str, *, plant: bool = False
    ) -> tuple[WorkCentre | None, date]:
        """Remove a closure recorded by mistake or called off. Returns the work centre and the day."""
        from coop.i18n import _
        from coop.plans.centres import closure_place, remove_closure
        from coop.plans.common import parse_day

        target = closure_place(self.session, centre, plant=plant)
        when = parse_day(day, _("The day"))
        self._run(remove_closure, centre=target, day=when)
        return target, when

    def list_closures(
        self, centre: str | None = None, *, start: date | str | None = None, end: date | str | None = None
    ) -> list[Closure]:
        """Closures by day: one work centre's and the whole plant's, or all; from ``start`` to ``end``."""
        from coop.i18n import _
        from coop.plans.centres import list_closures
        from coop.plans.common import parse_day

        return list_closures(
            self.session,
            centre=self.find_work_centre(centre) if centre else None,
            start=parse_day(start, _("The first day")) if start else None,
            end=parse_day(end, _("The last day")) if end else None,
        )

    def set_routing(
        self,
        product: Product | str,
        centre: WorkCentre | str,
        *,
        minutes_per_unit: Decimal | str,
        **crew: Any,
    ) -> Routing:
        """Where a product is made and how long a unit takes there. Raises PlanError.

        ``crew``: crew_size (1), skill (a skill's code) and skill_level the crew needs.
        """
        from coop.plans.centres import check_routing_spec, set_routing

        spec = check_routing_spec(self.session, minutes_per_unit=minutes_per_unit, **crew)
        return self._run(
            set_routing,
            product=self.find_product(product),
            centre=self.find_work_centre(centre),
            spec=spec,
        )

    def remove_routing(self, product: Product | str, centre: WorkCentre | str) -> tuple[Product, WorkCentre]:
        """Take a work centre out of a product's routing. Returns both. Raises PlanError."""
        from coop.plans.centres import remove_routing

        found_product, found_centre = self.find_product(product), self.find_work_centre(centre)
        self._run(remove_routing, product=found_product, centre=found_centre)
        return found_product, found_centre

    def require_skill(
        self, centre: WorkCentre | str, skill: str, *, level: int | str | None = None, minimum: int | str = 1
    ) -> RequiredSkill:
        """Each week it works, ``centre`` needs ``minimum`` members at ``level`` (default: the skill's
        qualifying level) in ``skill``; replaces what it required of that skill. Raises PlanError."""
        from coop.plans.required_skills import check_requirement, set_required_skill

        spec = check_requirement(self.session, skill=skill, level=level, minimum=minimum)
        found = self.find_work_centre(centre)
        return self._run(set_required_skill, centre=found, spec=spec)

    def remove_required_skill(self, centre: WorkCentre | str, skill: str) -> WorkCentre:
        """``centre`` no longer requires ``skill``. Returns the WorkCentre. Raises PlanError."""
        from coop.plans.common import find_skill
        from coop.plans.required_skills import remove_required_skill

        found = self.find_work_centre(centre)
        self._run(remove_required_skill, centre=found, skill=find_skill(self.session, skill))
        return found

    def import_required_skills(
        self, path: str | Path, *, delimiter: str | None = None, encoding: str | None = None
    ) -> int:
        """Set every required skill of a CSV (work_centre,skill,min_level,min_qualified), all or none."""
        from coop.plans.required_skills import import_required_skills

        return self._load(import_required_skills, path, delimiter, encoding)

    def list_routings(
        self, *, product: Product | str | None = None, centre: WorkCentre | str | None = None
    ) -> list[Routing]:
        """Routings, optionally of one product or one work centre."""
        from coop.plans.centres import list_routings

        return list_routings(
            self.session,
            product=self.find_product(product) if product else None,
            centre=self.find_work_centre(centre) if centre else None,
        )

    def create_plan(self, name: str, *, period_start: date | str, **period: Any) -> Plan:
        """Draft a plan over whole weeks from ``period_start`` (``2026-W49`` or a day of that week).

        ``period``: period_end or weeks, and a note. Returns the Plan. Raises PlanError.
        """
        from coop.plans.drafts import create_plan

        return self._run(create_plan, name=name, period_start=period_start, **period)

    def add_plan_line(
        self,
        plan: Plan | int | str,
        product: Product | str,
        quantity: Decimal | str,
        *,
        due_week: date | str,
        priority: int = 0,
    ) -> PlanLine:
        """Add a quantity of a product due in a week to a draft plan. Raises PlanError."""
        from coop.i18n import _
        from coop.plans.common import parse_week
        from coop.plans.drafts import add_plan_line

        return self._run(
            add_plan_line,
            plan=self.find_plan(plan),
            product=self.find_product(product),
            quantity=quantity,
            due_week=parse_week(due_week, _("The due week")),
            priority=priority,
        )

    def remove_plan_line(self, plan: Plan | int | str, position: int) -> Plan:
        """Remove line ``position`` from a draft plan. Returns the Plan. Raises PlanError."""
        from coop.plans.drafts import remove_plan_line

        found = self.find_plan(plan)
        self._run(remove_plan_line, plan=found, position=position)
        return found

    def import_plan_lines(
        self,
        plan: Plan | int | str,
        path: str | Path,
        *,
        delimiter: str | None = None,
        encoding: str | None = None,
    ) -> int:
        """Add every line of a CSV to a draft plan, all or none. Returns how many. Raises PlanError.

        ``delimiter`` and ``encoding`` as in :meth:`import_products`.
        """
        from functools import partial

        from coop.plans.drafts import import_plan_lines

        return self._load(partial(import_plan_lines, plan=self.find_plan(plan)), path, delimiter, encoding)

    def check_plan(self, plan: Plan | int | str, *, on: date | None = None) -> PlanCheck:
        """Check a plan against capacity, stock and crews (default: today); changes nothing."""
        from coop.plans.check import check_plan

        return check_plan(self.session, self.find_plan(plan), on=on or self.now.date())

    def acknowledge_finding(self, plan: Plan | int | str, key: str, *, reason: str) -> CheckedFinding:
        """Acknowledge one finding of the check, with the reason. Raises PlanError."""
        from coop.plans.check import acknowledge_finding

        return self._run(acknowledge_finding, plan=self.find_plan(plan), key=key, reason=reason)

    def submit_plan(self, plan: Plan | int | str) -> PlanCheck:
        """Submit a draft for approval (refused while a blocking finding is open). Raises PlanError."""
        from coop.plans.lifecycle import submit_plan

        return self._run(submit_plan, plan=self.find_plan(plan))

    def propose_plan_approval(
        self,
        plan: Plan | int | str,
        assembly: int | str,
        *,
        proposer: str | None = None,
        item: int | None = None,
    ) -> Motion:
        """Put a submitted plan before an open assembly as a plan-approval motion (under its agenda
        item number ``item`` if given); its adoption approves the plan. Returns the Motion.
        Raises PlanError or AssemblyError."""
        from coop.plans.lifecycle import propose_plan_approval

        return self._run(
            propose_plan_approval,
            plan=self.find_plan(plan),
            assembly=assembly,
            proposer=proposer,
            agenda_item=item,
        )

    def start_plan(self, plan: Plan | int | str) -> Plan:
        """Start an approved plan. Returns the Plan. Raises PlanError."""
        from coop.plans.lifecycle import start_plan

        return self._run(start_plan, plan=self.find_plan(plan))

    def revise_plan(self, plan: Plan | int | str, *, name: str | None = None) -> Plan:
        """Draft a new version of an approved plan; the version revised stays as it was. Raises PlanError."""
        from coop.plans.lifecycle import revise_plan

        found = self.find_plan(plan)
        return self._run(revise_plan, plan=found, name=name)

    def close_plan(self, plan: Plan | int | str, actuals: Mapping[int, Decimal | str]) -> Plan:
        """Close a plan in progress with what was made, by line number. Returns the Plan. Raises PlanError."""
        from coop.plans.lifecycle import close_plan

        return self._run(close_plan, plan=self.find_plan(plan), actuals=actuals)

    def diff_plans(self, first: Plan | int | str, second: Plan | int | str) -> PlanDiff:
        """What changed from one plan or version to another: period, name and lines. Raises PlanError."""
        from coop.plans.diff import diff_plans

        return diff_plans(self.find_plan(first), self.find_plan(second))

    def write_plan_report(self, plan: Plan | int | str, path: str | Path, *, on: date | None = None) -> Path:
        """Print the plan report to ``path`` (.html or .pdf); an approved plan prints from its snapshot.

        Returns the path. Raises DocumentError.
        """
        from coop.plans.reports import plan_for_print

        model = plan_for_print(self.session, self.find_plan(plan), on=on or self.now.date())
        return write_document(path, "plan_report.html.j2", plan=model)
