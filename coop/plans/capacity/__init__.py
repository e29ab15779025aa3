"""Capacity, material and crew checks for a production plan: plain data in, findings out.

This module is pure: it reads no database, no clock and no global state, and it imports
nothing from coop but errors and the translation hook. The plan services build the frozen
dataclasses below from their models, call :func:`check_plan` (or the smaller functions) and
store or print what comes back.

Conventions (each is tested in ``tests/plans/test_capacity.py``)
-----------------------------------------------------------------
Weeks
    A week is an ISO week, written as the ``date`` of its Monday. Every date given as a week
    (``PlanLine.due_week``, ``available_hours(..., week_start)``) is moved back to the Monday of
    its ISO week, so any day of the week names that week. :func:`iso_week` turns ``(2025, 7)``
    into that Monday and :func:`week_label` turns the Monday into ``"2025-W07"``.

Bills of materials and scrap
    A ``BomLine`` says that one unit of ``parent`` needs ``quantity`` units of ``component``.
    Scrap is a percentage *added* to the net need on that line::

        gross = net × (1 + scrap_pct / 100)

    so 100 bricks needing 2 kg of clay each with 5 % scrap need 100 × 2 × 1.05 = 210 kg. The
    gross quantity of a component is what must be made (or issued), so it is what is exploded
    further down and what loads the component's own routings. Scrap compounds level by level.
    Exact ``Decimal`` arithmetic is used throughout; nothing is rounded until a ``Finding`` is
    written (hours to 0.01, percentages to 0.1, half up).

Materials
    A material is any item that has no BOM lines of its own. A planned product with no BOM
    lines is therefore itself a material (something bought or taken from stock). Stock is only
    compared with material requirements: there is no netting of components on hand and no
    incoming receipts. A material runs short in the first due week at which the cumulative
    requirement (lines taken by due week, then priority, then plan order) exceeds the stock;
    the lines of a ``shortage`` finding are the ones that cannot be fully supplied.

Load
    The whole quantity of a plan line, and of every component in its BOM, is loaded in the
    line's due week (no lead-time offsetting). Load in hours = minutes per unit × gross
    quantity / 60, summed over every routing of every item of the explosion. A product may
    pass through several work centres (one ``Routing`` per operation).

Available hours
    hours per shift × shifts per day × parallel stations × efficiency % / 100 × open days,
    where the working days are the first ``working_days_per_week`` days of the ISO week
    (Monday to Friday for 5) and a closure on a working day removes that day. A closure on a
    day the centre does not work anyway changes nothing.

Overload
    load % = load / available × 100; a load above 100 % is ``blocking`` (exactly 100 % is not),
    a load at or above ``high_load_pct`` (90 % by default) is a ``warning``, and any load in a
    week with no available hours is ``blocking``.

Crew qualification and certifications
    ``Qualification.expires_on`` is the first day the certification is no longer valid (the
    same convention as ``coop.training.coverage``); ``None`` means it does not expire. A member
    counts for a week at a work centre if they hold the skill at the required level or above
    and the certification is still valid on the last working day of that week at that centre.
    For each (work centre, week, skill, level) in use, fewer such members than the largest crew
    size needed is ``blocking`` (``crew_gap``). The crew is compared with the members who could
    staff one station: the check does not try to spread people over shifts, parallel stations
    or work centres. A certification (at a level some used routing needs) whose holder has no
    later one and whose ``expires_on`` falls inside the plan period (valid on its first day,
    invalid on or before its last) is a ``warning`` (``certification_expiring``). When no
    qualification data is given at all (``qualifications=None``: no training records), crew
    checks are skipped and one ``info`` finding (``skills_not_checked``) says so.

Where things live
-----------------
This package is the pure check, split by subject; each module imports only the ones above it:

``quantities``  numbers: checked Decimals, rounding, numbers in sentences, the constants
``weeks``       ISO weeks as the dates of their Mondays: :func:`week_of`, :func:`iso_week`,
                :func:`week_label`
``inputs``      what the check reads: ``Product``, ``BomLine``, ``WorkCentre``, ``Routing``, ``PlanLine``,
                ``Qualification``
``results``     what it gives back: ``Finding`` (``Severity``, ``FindingCode``), ``MaterialRequirement``,
                ``WeekLoad``, ``WeekCapacity`` and the quantities behind them
``bom``         bills of materials: cycles and the explosion into gross quantities
``load``        hours of load and available hours per work centre and week, the plan period
``findings``    the checks, and :func:`check_plan` that runs them all

Import a name from its module; the names below are also re-exported here, the public face of the
check for the Python API.
"""

from coop.plans.capacity.bom import ensure_acyclic, explode_bom, find_bom_cycle, item_requirements
from coop.plans.capacity.findings import check_plan, qualified_members
from coop.plans.capacity.inputs import BomLine, PlanLine, Product, Qualification, Routing, WorkCentre
from coop.plans.capacity.load import available_hours, load_by_week, open_days, plan_period, weekly_capacity
from coop.plans.capacity.results import (
    Finding,
    FindingCode,
    LineLoad,
    LineQuantity,
    MaterialRequirement,
    Severity,
    WeekCapacity,
    WeekLoad,
)
from coop.plans.capacity.weeks import iso_week, week_label, week_of

__all__ = [
    "BomLine",
    "Finding",
    "FindingCode",
    "LineLoad",
    "LineQuantity",
    "MaterialRequirement",
    "PlanLine",
    "Product",
    "Qualification",
    "Routing",
    "Severity",
    "WeekCapacity",
    "WeekLoad",
    "WorkCentre",
    "available_hours",
    "check_plan",
    "ensure_acyclic",
    "explode_bom",
    "find_bom_cycle",
    "iso_week",
    "item_requirements",
    "load_by_week",
    "open_days",
    "plan_period",
    "qualified_members",
    "week_label",
    "week_of",
    "weekly_capacity",
]
