"""Production planning for the demo ceramics plant, made through the same services users call.

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
from datetime import date, datetime, timedelta
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from coop.demo.plans_data import BOM, CENTRES, HOLIDAYS, PRODUCTS, REASONS, ROUTINGS, STOCK
from coop.i18n import _, ngettext
from coop.members.actors import Actor, find_member
from coop.plans.capacity.results import FindingCode
from coop.plans.capacity.weeks import week_label, week_of
from coop.plans.catalogue import add_product, set_bom_line, set_stock
from coop.plans.centres import (
    add_closure,
    add_work_centre,
    check_centre_spec,
    check_routing_spec,
    list_work_centres,
    set_routing,
)
from coop.plans.check import PlanCheck, acknowledge_finding, check_plan
from coop.plans.drafts import add_plan_line, create_plan, list_plans
from coop.plans.lifecycle import propose_plan_approval, submit_plan
from coop.plans.models import Plan, PlanStatus, Product, WorkCentre
from coop.training.models import Skill

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
    zofia = Actor(find_member(session, "0002"))
    raul = Actor(find_member(session, "0003"))
    setup_time = now - timedelta(days=20)
    products = _master_data(session, zofia, setup_time)
    centres = {c.code: c for c in list_work_centres(session)}
    first = week_of(now.date()) + timedelta(days=7)
    last = first + timedelta(days=7 * (PLAN_WEEKS - 1))
    closures = _closures(session, zofia, setup_time, centres, first, last)

    drafted = now - timedelta(days=9)
    plan = create_plan(
        session,
        actor=raul,
        now=drafted,
        name="Primer trimestre",
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
            add_plan_line(
                session,
                actor=raul,
                now=drafted,
                plan=plan,
                product=products[code],
                quantity=str(quantity),
                due_week=week,
                priority=priority,
            )
    maintenance = first + timedelta(days=7 * (MAINTENANCE_WEEK - 1))
    add_plan_line(
        session,
        actor=raul,
        now=drafted,
        plan=plan,
        product=products["PORC-4545"],
        quantity="1500",
        due_week=maintenance,
        priority=0,
    )

    checked = now - timedelta(days=5)
    check = check_plan(session, plan, on=checked.date())
    for item in check.open_blocking:
        acknowledge_finding(
            session,
            actor=zofia,
            now=checked,
            plan=plan,
            key=item.key,
            reason=REASONS.get(item.finding.code, REASONS[FindingCode.CREW_GAP]),
        )
    submit_plan(session, actor=zofia, now=checked, plan=plan)
    lines = [
        _(
            "Production: {products} products with bills of materials up to three levels deep, {materials} "
            "materials in stock, {centres} work centres, {closures} closures (holidays, kiln maintenance, "
            "an assembly day)."
        ).format(
            products=len(products),
            materials=len(STOCK),
            centres=len(centres),
            closures=closures,
        ),
        _describe_check(check, plan),
    ]
    lines.append(_approve(session, plan, now))
    return lines


def _master_data(session: Session, actor: Actor, when: datetime) -> dict[str, Product]:
    products = {
        code: add_product(session, actor=actor, now=when, code=code, name=name, unit=unit)
        for code, name, unit in PRODUCTS
    }
    for parent, component, quantity, scrap in BOM:
        set_bom_line(
            session,
            actor=actor,
            now=when,
            parent=products[parent],
            component=products[component],
            quantity=quantity,
            scrap_pct=scrap,
        )
    for code, quantity in STOCK:
        set_stock(session, actor=actor, now=when, product=products[code], quantity=quantity)
    for code, name, hours, shifts, days, parallel, efficiency in CENTRES:
        add_work_centre(
            session,
            actor=actor,
            now=when,
            spec=check_centre_spec(
                code=code,
                name=name,
                hours_per_shift=hours,
                shifts_per_day=shifts,
                working_days=days,
                parallel=parallel,
                efficiency_pct=efficiency,
            ),
        )
    centres = {c.code: c for c in list_work_centres(session)}
    known_skills = set(session.scalars(select(Skill.code)))
    for product, centre, minutes, crew, skill, level in ROUTINGS:
        has_skill = skill in known_skills
        set_routing(
            session,
            actor=actor,
            now=when,
            product=products[product],
            centre=centres[centre],
            spec=check_routing_spec(
                session,
                minutes_per_unit=minutes,
                crew_size=crew,
                skill=skill if has_skill else None,
                skill_level=level if has_skill else None,
            ),
        )
    return products


def _closures(
    session: Session,
    actor: Actor,
    when: datetime,
    centres: dict[str, WorkCentre],
    first: date,
    last: date,
) -> int:
    count = 0
    end = last + timedelta(days=6)
    for day, name in _holidays(first, end):
        for code in ("PRENSAS", "ESMALTADO", "MOLINO"):
            add_closure(
                session, actor=actor, now=when, centre=centres[code], day=day, reason=f"Feriado: {name}"
            )
            count += 1
    maintenance = first + timedelta(days=7 * (MAINTENANCE_WEEK - 1))
    for offset in (0, 1):
        add_closure(
            session,
            actor=actor,
            now=when,
            centre=centres["HORNO-T"],
            day=maintenance + timedelta(days=offset),
            reason="Mantenimiento anual: cambio de quemadores y revisión de vagonetas",
        )
        count += 1
    assembly_day = first + timedelta(days=7 * 9 + 4)  # a Friday in the tenth week
    add_closure(
        session,
        actor=actor,
        now=when,
        centre=None,
        day=assembly_day,
        reason="Asamblea general: la planta para",
    )
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


def _approve(session: Session, plan: Plan, now: datetime) -> str:
    """Put the plan to the open assembly, if there is one, and approve it by a show of hands."""
    from coop.assemblies.attendance import present_member_ids
    from coop.assemblies.meetings import list_assemblies
    from coop.assemblies.models import AssemblyStatus
    from coop.assemblies.motion_votes import close_motion_vote, enter_hand_count, open_motion_vote
    from coop.assemblies.motions import second_motion
    from coop.votes.models import VoteMethod

    open_assemblies = [a for a in list_assemblies(session) if a.status is AssemblyStatus.open]
    if not open_assemblies:
        return _("No assembly is open, so plan {plan} waits for one (coop plan propose-approval).").format(
            plan=plan.label
        )
    assembly = open_assemblies[-1]
    secretary = Actor(find_member(session, "0001"))
    zofia = Actor(find_member(session, "0002"))
    start = max(assembly.called_for, assembly.opened_at) + timedelta(minutes=60)
    motion = propose_plan_approval(session, actor=zofia, now=start, plan=plan, assembly=assembly.id)
    if motion.status.value == "proposed":
        second_motion(session, actor=secretary, now=start, motion=motion, seconder="0004")
    open_motion_vote(
        session,
        actor=secretary,
        now=start + timedelta(minutes=25),
        motion=motion,
        method=VoteMethod.show_of_hands,
    )
    present = len(present_member_ids(assembly))
    against, abstaining = 3, 2
    enter_hand_count(
        session,
        actor=secretary,
        now=start + timedelta(minutes=27),
        motion=motion,
        yes=present - against - abstaining,
        no=against,
        abstain=abstaining,
        tellers="Inés Peña, Óscar Muñoz",
    )
    close_motion_vote(session, actor=secretary, now=start + timedelta(minutes=28), motion=motion)
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
    from coop.plans.reports import plan_for_print
    from coop.reports.render import write_document

    lines = []
    for plan in list_plans(session):
        written = write_document(
            directory / f"production-plan-{plan.id}.pdf",
            "plan_report.html.j2",
            plan=plan_for_print(session, plan, on=on),
        )
        lines.append(_("Printed production plan {plan}: {file}").format(plan=plan.label, file=written))
    return lines
