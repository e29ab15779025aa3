"""Production planning for the demo ceramics plant, made through the Python API (:mod:`coop.api`).

``build_plans_demo`` expects the demo cooperative of :mod:`coop.demo` (0001 the secretary, 0002
Zofia Łukasiewicz and 0003 Raúl Ibáñez coordinators) and, when it has run, the training records
of :mod:`coop.demo.training`, whose skills the routings ask for (a skill missing from the
catalogue is simply not required). It adds tiles, their biscuits and glazes, raw materials with
their stock, four work centres with holidays, a kiln maintenance stop and an assembly day, and a
13-week plan starting next week. The plan has one overload (an extra order for a building site
lands in the kiln's maintenance week) and one shortfall (grey pigment for the porcelain tiles);
the coordinators acknowledge them with a reason, submit the plan, and — when an assembly is open —
put it to the vote, which approves it. ``print_plan_documents`` prints the plan report. The plant's data is in
:mod:`coop.demo.plans_data`.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path

from sqlalchemy.orm import Session

from coop.api import Coop
from coop.demo.members import SECRETARY
from coop.demo.plans_data import (
    BOM,
    CENTRES,
    HOLIDAYS,
    PRODUCTS,
    REASONS,
    REQUIRED_SKILLS,
    ROUTINGS,
    STOCK,
)
from coop.i18n import _, ngettext
from coop.plans.capacity.results import FindingCode
from coop.plans.capacity.weeks import week_label, week_of
from coop.plans.check import PlanCheck
from coop.plans.drafts import list_plans
from coop.plans.models import Plan, PlanStatus, Product

PLAN_WEEKS = 13
MAINTENANCE_WEEK = 6  # the kiln stops on Monday and Tuesday of the plan's 6th week


def _week_quantities(week: int, rng: random.Random) -> tuple[int, int, int]:
    """Square metres of red tiles and grey porcelain, and skirting pieces, due in one plan week."""
    red = 5000 + (250 if week % 4 == 1 else 0) - (250 if week % 4 == 3 else 0)
    grey = 2000
    skirting = 7500 + 100 * rng.randrange(0, 11)
    return red, grey, skirting


def _holidays(first: date, last: date) -> list[tuple[date, str]]:
    days = []
    for year in range(first.year, last.year + 1):
        for month, day, name in HOLIDAYS:
            when = date(year, month, day)
            if first <= when <= last and when.weekday() < 5:
                days.append((when, name))
    return sorted(days)


def build_plans_demo(session: Session, *, now: datetime, rng: random.Random) -> list[str]:
    """Add the demo plant's products, work centres and a 13-week plan; describe what was made."""
    zofia = Coop(session, actor="0002", now=now - timedelta(days=20))  # sets up the plant's data
    raul = Coop(session, actor="0003", now=now - timedelta(days=9))  # drafts the plan
    products = _master_data(zofia)
    first = week_of(now.date()) + timedelta(days=7)
    last = first + timedelta(days=7 * (PLAN_WEEKS - 1))
    closures = _closures(zofia, first, last)

    plan = raul.plans.create_plan(
        "Primer trimestre",
        period_start=first,
        period_end=last,
        note="Plan de producción acordado en las reuniones de sector de hornos, prensas y esmaltado.",
    )
    for index in range(PLAN_WEEKS):
        week = first + timedelta(days=7 * index)
        red, grey, skirting = _week_quantities(index + 1, rng)
        for code, quantity, priority in (
            ("BALD-3030", red, 1),
            ("PORC-4545", grey, 1),
            ("ZOC-0830", skirting, 2),
        ):
            raul.plans.add_plan_line(plan, products[code], str(quantity), due_week=week, priority=priority)
    maintenance = first + timedelta(days=7 * (MAINTENANCE_WEEK - 1))
    raul.plans.add_plan_line(plan, products["PORC-4545"], "1500", due_week=maintenance, priority=0)

    checking = zofia.at(now - timedelta(days=5))
    check = checking.plans.check_plan(plan)
    for item in check.open_blocking:
        reason = REASONS.get(item.finding.code, REASONS[FindingCode.CREW_GAP])
        checking.plans.acknowledge_finding(plan, item.key, reason=reason)
    checking.plans.submit_plan(plan)
    lines = [
        _(
            "Production: {products} products with bills of materials up to three levels deep, {materials} "
            "materials in stock, {centres} work centres, {closures} closures (holidays, kiln maintenance, "
            "an assembly day)."
        ).format(
            products=len(products),
            materials=len(STOCK),
            centres=len(CENTRES),
            closures=closures,
        ),
        _describe_check(check, plan),
    ]
    lines.append(_approve(zofia.at(now), plan))
    return lines


def _master_data(planner: Coop) -> dict[str, Product]:
    """The products with their bills of materials and stock, the work centres and the routings."""
    products = {code: planner.plans.add_product(code, name, unit=unit) for code, name, unit in PRODUCTS}
    for parent, component, quantity, scrap in BOM:
        planner.plans.set_bom_line(
            products[parent], products[component], Decimal(quantity), scrap_pct=scrap and Decimal(scrap)
        )
    for code, quantity in STOCK:
        planner.plans.set_stock(products[code], Decimal(quantity))
    for code, name, hours, shifts, days, parallel, efficiency in CENTRES:
        planner.plans.add_work_centre(
            code,
            name,
            hours_per_shift=Decimal(hours),
            shifts_per_day=shifts,
            working_days=days,
            parallel=parallel,
            efficiency_pct=Decimal(efficiency),
        )
    known_skills = {skill.code for skill in planner.training.list_skills()}
    for product, centre, minutes, crew, skill, level in ROUTINGS:
        has_skill = skill in known_skills
        planner.plans.set_routing(
            products[product],
            centre,
            minutes_per_unit=Decimal(minutes),
            crew_size=crew,
            skill=skill if has_skill else None,
            skill_level=level if has_skill else None,
        )
    for centre, skill, level, minimum in REQUIRED_SKILLS:
        if skill in known_skills:
            planner.plans.require_skill(centre, skill, level=level, minimum=minimum)
    return products


def _closures(planner: Coop, first: date, last: date) -> int:
    """Holidays, the kiln's maintenance stop and an assembly day over the plan's weeks; how many."""
    count = 0
    end = last + timedelta(days=6)
    for day, name in _holidays(first, end):
        for code in ("PRENSAS", "ESMALTADO", "MOLINO"):
            planner.plans.add_closure(code, day, reason=f"Feriado: {name}")
            count += 1
    maintenance = first + timedelta(days=7 * (MAINTENANCE_WEEK - 1))
    for offset in (0, 1):
        planner.plans.add_closure(
            "HORNO-T",
            maintenance + timedelta(days=offset),
            reason="Mantenimiento anual: cambio de quemadores y revisión de vagonetas",
        )
        count += 1
    assembly_day = first + timedelta(days=7 * 9 + 4)  # a Friday in the tenth week
    planner.plans.add_closure(None, assembly_day, reason="Asamblea general: la planta para", plant=True)
    return count + 1


def _describe_check(check: PlanCheck, plan: Plan) -> str:
    counts = check.counts
    overloads = [f for f in check.findings if f.finding.code is FindingCode.OVERLOAD]
    shortages = [f for f in check.findings if f.finding.code is FindingCode.SHORTAGE]
    return _(
        "Plan {plan}: {lines} lines over {weeks} weeks from {start}; the check found {overloads} and "
        "{shortages} ({blocking} blocking findings, all acknowledged with a reason, and {warnings} "
        "warnings); submitted."
    ).format(
        plan=plan.label,
        lines=len(plan.lines),
        weeks=PLAN_WEEKS,
        start=week_label(plan.period_start),
        overloads=ngettext("{count} overload", "{count} overloads", len(overloads)).format(
            count=len(overloads)
        ),
        shortages=ngettext("{count} shortfall", "{count} shortfalls", len(shortages)).format(
            count=len(shortages)
        ),
        blocking=counts.get("blocking", 0),
        warnings=counts.get("warning", 0),
    )


def _approve(zofia: Coop, plan: Plan) -> str:
    """Put the plan to the open assembly, if there is one, and approve it by a show of hands."""
    from coop.assemblies.attendance import present_member_ids
    from coop.assemblies.models import AssemblyStatus
    from coop.votes.models import VoteMethod

    open_assemblies = [a for a in zofia.assemblies.list_assemblies() if a.status is AssemblyStatus.open]
    if not open_assemblies:
        return _("No assembly is open, so plan {plan} waits for one (coop plan propose-approval).").format(
            plan=plan.label
        )
    assembly = open_assemblies[-1]
    start = max(assembly.called_for, assembly.opened_at or assembly.called_for) + timedelta(minutes=60)
    secretary = zofia.acting_as(SECRETARY).at(start)
    item = next((i.position for i in assembly.agenda if i.motion_kind == "plan_approval"), None)
    motion = zofia.at(start).plans.propose_plan_approval(plan, assembly.id, item=item)
    if motion.status.value == "proposed":
        secretary.votes.second_motion(motion, seconder="0004")
    secretary.at(start + timedelta(minutes=25)).votes.open_motion_vote(
        motion, method=VoteMethod.show_of_hands
    )
    present = len(present_member_ids(assembly))
    against, abstaining = 3, 2
    secretary.at(start + timedelta(minutes=27)).votes.enter_hand_count(
        motion,
        yes=present - against - abstaining,
        no=against,
        abstain=abstaining,
        tellers="Inés Peña, Óscar Muñoz",
    )
    secretary.at(start + timedelta(minutes=28)).votes.close_motion_vote(motion)
    if plan.status is PlanStatus.approved:
        return _(
            "Assembly {assembly} approved plan {plan} by a show of hands ({yes} yes, {no} no, {abstain} "
            "abstaining); the approved plan is stored with its hash."
        ).format(
            assembly=assembly.id,
            plan=plan.label,
            yes=present - against - abstaining,
            no=against,
            abstain=abstaining,
        )
    return _("Assembly {assembly} did not approve plan {plan}.").format(assembly=assembly.id, plan=plan.label)


def print_plan_documents(session: Session, directory: Path, *, on: date) -> list[str]:
    """Print every plan of the demo into ``directory``; describe what was written."""
    reader = Coop(session, now=datetime.combine(on, time()))
    lines = []
    for plan in list_plans(session):
        written = reader.plans.write_plan_report(plan, directory / f"production-plan-{plan.id}.pdf", on=on)
        lines.append(_("Printed production plan {plan}: {file}").format(plan=plan.label, file=written))
    for number, master_plan in enumerate(reader.master.plans(), start=1):
        written = reader.master.write_report(master_plan.name, directory / f"master-plan-{number}.pdf")
        lines.append(
            _("Printed master plan {plan}, its scenarios and the assembly's choice: {file}").format(
                plan=master_plan.name, file=written
            )
        )
    for training_plan in reversed(reader.training_plans.list()):
        written = reader.training_plans.write_report(
            training_plan["id"], directory / f"training-plan-{training_plan['id']}.pdf"
        )
        lines.append(
            _("Printed training plan #{id} {name} and its progress: {file}").format(
                id=training_plan["id"], name=training_plan["name"], file=written
            )
        )
    return lines
