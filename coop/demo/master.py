"""A year ahead for the demo ceramics plant: customer orders, a forecast, three scenarios and the
assembly's choice, made through the Python API (:mod:`coop.api`).

``build_master_demo`` expects the plant of :mod:`coop.demo.plans` (its tiles, skirting, work centres
and the 13-week plan "Primer trimestre") and, when one is open, assembly 2. Raúl Ibáñez (0003)
records a year of orders from the plant's customers — builders' merchants every month, two building
sites with their own timetable — and enters the sales sector's forecast: a quiet January (holidays),
a winter dip, and the building season from September to November, when the kiln cannot fire all the
chase plan asks. He sets the stock and safety stock of the three finished products and saves three
scenarios: level production building stock before the season, chasing demand with 15 % overtime,
and chasing demand with six more kiln loaders trained. The assembly first rejects the overtime
(the kiln sector asked not to work every weekend of the spring), then adopts level production;
the weekly plan is checked against it.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlalchemy.orm import Session

from coop.api import Coop
from coop.demo.members import SECRETARY
from coop.i18n import _, ngettext
from coop.master.months import add_months, month_label, month_of

MASTER_PLAN = "Año próximo"

# Square metres (tiles) or pieces (skirting) expected per month, January to December: the sales
# sector's forecast, on top of which the firm orders below come.
FORECAST = {
    "BALD-3030": (14000, 17000, 19000, 20000, 19000, 16000, 15000, 18000, 27000, 32000, 33000, 22000),
    "PORC-4545": (5500, 6500, 7500, 8000, 7500, 6500, 6000, 7000, 11000, 13000, 13500, 9000),
    "ZOC-0830": (24000, 28000, 31000, 33000, 31000, 27000, 25000, 30000, 44000, 52000, 54000, 36000),
}

# customer, product, quantity, month (1 = the plan's first month), firm
ORDERS = (
    ("Corralón El Hornero", "BALD-3030", 3000, 1, True),
    ("Corralón El Hornero", "ZOC-0830", 6000, 1, True),
    ("Distribuidora Litoral", "PORC-4545", 1800, 2, True),
    ("Cooperativa de Vivienda Los Aromos", "BALD-3030", 4500, 3, True),
    ("Cooperativa de Vivienda Los Aromos", "ZOC-0830", 9000, 3, True),
    ("Constructora Peñalba", "PORC-4545", 2500, 4, True),
    ("Hospital Regional (obra)", "PORC-4545", 3000, 5, True),
    ("Hospital Regional (obra)", "ZOC-0830", 5000, 5, True),
    ("Corralón El Hornero", "BALD-3030", 3500, 6, True),
    ("Distribuidora Litoral", "PORC-4545", 2000, 7, False),
    ("Cooperativa de Vivienda Los Aromos", "BALD-3030", 5000, 8, False),
    ("Constructora Peñalba", "PORC-4545", 4000, 9, False),
    ("Escuela Técnica N.º 3 (obra)", "BALD-3030", 6000, 10, False),
    ("Corralón El Hornero", "ZOC-0830", 8000, 11, False),
)

# product: stock on hand, safety stock, minimum batch (one kiln campaign); all made to stock
PLANNING = {
    "BALD-3030": ("9000", "4000", "5000"),
    "PORC-4545": ("3500", "2000", "2000"),
    "ZOC-0830": ("15000", "8000", "10000"),
}

SCENARIOS = (
    (
        "Nivelada con stock",
        {"policy": "level"},
        "El mismo ritmo todo el año: se arma stock en invierno para la temporada de septiembre a noviembre.",
    ),
    (
        "Horas extra en temporada",
        {"policy": "chase", "overtime_pct": "15"},
        "Se fabrica lo que se vende cada mes, con 15 % más de horas en todos los sectores.",
    ),
    (
        "Capacitar 6 cargadores",
        {"policy": "chase", "extra_qualified": ["HOR-CARGA=6"]},
        "Se fabrica lo que se vende cada mes, con seis compañeros más en carga de vagonetas.",
    ),
)


def _first_month(now: datetime) -> date:
    return add_months(month_of(now.date()), 1)


def build_master_demo(session: Session, *, now: datetime) -> list[str]:
    """Orders, forecast, three scenarios, the assembly's choice, and the weekly plan checked against it."""
    raul = Coop(session, actor="0003", now=now - timedelta(days=3))
    first = _first_month(now)
    for code, (stock, safety, batch) in PLANNING.items():
        raul.master.set_planning(code, stock_on_hand=stock, safety_stock=safety, min_batch=batch)
    for customer, code, quantity, month, firm in ORDERS:
        raul.master.add_order(customer, code, str(quantity), add_months(first, month - 1), firm=firm)
    for code, by_calendar_month in FORECAST.items():
        for index in range(12):
            month = add_months(first, index)
            raul.master.set_forecast(code, month, str(by_calendar_month[month.month - 1]))
    raul.master.create_plan(MASTER_PLAN, since=first, months=12)
    for name, assumptions, note in SCENARIOS:
        raul.master.add_scenario(
            MASTER_PLAN,
            name,
            policy=assumptions["policy"],
            overtime_pct=assumptions.get("overtime_pct"),
            extra_qualified=assumptions.get("extra_qualified", ()),
            note=note,
        )
    comparison = raul.master.compare(MASTER_PLAN)
    lines = [
        _(
            "Master plan {plan}: {orders} customer orders and a forecast for 12 months from {first}; "
            "three scenarios compared (level production with stock, overtime in the season, six more "
            "kiln loaders)."
        ).format(plan=MASTER_PLAN, orders=len(ORDERS), first=month_label(first)),
        _describe_peaks(comparison.as_json()),
    ]
    lines.append(_choose(raul.at(now), first))
    lines.append(_check_weekly_plan(raul.at(now)))
    return lines


def _describe_peaks(comparison: dict[str, object]) -> str:
    parts = []
    for scenario in comparison["scenarios"]:  # type: ignore[attr-defined]
        peak = scenario["peak"]
        parts.append(
            _("{scenario}: peak {percent} % at {centre} in {month}").format(
                scenario=scenario["scenario"],
                centre=peak["work_centre"] if peak else "—",
                percent=peak["percent"] if peak else "0",
                month=peak["month"] if peak else "—",
            )
        )
    return "; ".join(parts) + "."


def _vote(secretary: Coop, motion: object, *, present: int, no: int, abstain: int) -> tuple[int, int, int]:
    from coop.votes.models import VoteMethod

    if motion.status.value == "proposed":  # type: ignore[attr-defined]
        secretary.votes.second_motion(motion, seconder="0004")
    secretary.votes.open_motion_vote(motion, method=VoteMethod.show_of_hands)
    yes = present - no - abstain
    secretary.at(secretary.now + timedelta(minutes=2)).votes.enter_hand_count(
        motion, yes=yes, no=no, abstain=abstain, tellers="Inés Peña, Óscar Muñoz"
    )
    secretary.at(secretary.now + timedelta(minutes=3)).votes.close_motion_vote(motion)
    return yes, no, abstain


def _choose(raul: Coop, first: date) -> str:
    """The assembly rejects overtime, then adopts level production, each by a show of hands."""
    from coop.assemblies.attendance import present_member_ids
    from coop.assemblies.models import AssemblyStatus

    open_assemblies = [a for a in raul.assemblies.list_assemblies() if a.status is AssemblyStatus.open]
    if not open_assemblies:
        return _(
            "No assembly is open, so master plan {plan} waits for one (coop master propose-choice)."
        ).format(plan=MASTER_PLAN)
    assembly = open_assemblies[-1]
    start = max(assembly.called_for, assembly.opened_at or assembly.called_for) + timedelta(minutes=89)
    present = len(present_member_ids(assembly))
    secretary = raul.acting_as(SECRETARY)
    overtime = raul.at(start).master.propose_choice(MASTER_PLAN, "Horas extra en temporada", assembly.id)
    _vote(secretary.at(start + timedelta(minutes=1)), overtime, present=present, no=present - 9, abstain=2)
    level = raul.at(start + timedelta(minutes=5)).master.propose_choice(
        MASTER_PLAN, "Nivelada con stock", assembly.id
    )
    yes, no, abstain = _vote(
        secretary.at(start + timedelta(minutes=6)), level, present=present, no=4, abstain=3
    )
    choice = raul.master.choice(MASTER_PLAN)
    if choice is None:
        return _("Assembly {assembly} chose no scenario of master plan {plan}.").format(
            assembly=assembly.id, plan=MASTER_PLAN
        )
    return _(
        "Assembly {assembly} rejected overtime in the season and chose scenario {scenario} by a show of "
        "hands ({yes} yes, {no} no, {abstain} abstaining); frozen with SHA-256 {hash}…"
    ).format(
        assembly=assembly.id,
        scenario=choice.scenario_name,
        yes=yes,
        no=no,
        abstain=abstain,
        hash=choice.hash[:12],
    )


def _check_weekly_plan(raul: Coop) -> str:
    """The weekly plan of :mod:`coop.demo.plans`, checked against the master plan chosen."""
    from coop.plans.capacity.results import FindingCode

    plans = raul.plans.list_plans()
    if not plans:
        return ""
    plan = plans[0]
    departures = [
        item
        for item in raul.plans.check_plan(plan).findings
        if item.finding.code is FindingCode.MASTER_DEPARTURE
    ]
    return ngettext(
        "Plan {plan} checked against the master plan: {count} product-month departs by more than 10 % "
        "(coop plan check {id}).",
        "Plan {plan} checked against the master plan: {count} product-months depart by more than 10 % "
        "(coop plan check {id}).",
        len(departures),
    ).format(plan=plan.label, count=len(departures), id=plan.id)
