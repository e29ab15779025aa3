"""Tests for coop.plans.capacity: hand-computed cases, properties, bad input.

The ceramics plant used throughout (numbers worked out by hand in the comments):

    TILE  -> BODY  1    per tile, 10 % scrap  -> 1.1  body / tile
    TILE  -> GLAZE 0.2  kg per tile, 5 % scrap -> 0.21 kg glaze / tile
    BODY  -> CLAY  2    kg per body            -> 2.2  kg clay / tile
    BODY  -> WATER 0.5  l per body, 20 % scrap -> 0.6 l / body -> 0.66 l / tile

    KILN : 8 h x 2 shifts x 1 kiln x 75 % = 12 h a day; closed Wed 2025-03-05
           -> 48 h in week 2025-W10, 60 h in 2025-W11
    PRESS: 7.5 h x 1 shift x 2 presses x 90 % = 13.5 h a day -> 67.5 h a week

    TILE  at KILN : 3 min a tile, crew of 2 with KILN_OP at level 3 or above
    BODY  at PRESS: 1.5 min a body
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal as D
from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coop import i18n
from coop.errors import PlanError
from coop.plans.capacity.bom import ensure_acyclic, explode_bom, find_bom_cycle, item_requirements
from coop.plans.capacity.findings import check_plan, qualified_members
from coop.plans.capacity.inputs import BomLine, PlanLine, Product, Qualification, Routing, WorkCentre
from coop.plans.capacity.load import available_hours, load_by_week, open_days, plan_period, weekly_capacity
from coop.plans.capacity.results import Finding, FindingCode, Severity
from coop.plans.capacity.weeks import iso_week, week_label, week_of

W10 = date(2025, 3, 3)  # Monday of ISO week 2025-W10
W11 = date(2025, 3, 10)
WED_W10 = date(2025, 3, 5)

BOM = (
    BomLine("TILE", "BODY", D("1"), D("10")),
    BomLine("TILE", "GLAZE", D("0.2"), D("5")),
    BomLine("BODY", "CLAY", D("2")),
    BomLine("BODY", "WATER", D("0.5"), D("20")),
)
KILN = WorkCentre("KILN", D("8"), 2, efficiency_pct=D("75"), closures=frozenset({WED_W10}))
PRESS = WorkCentre("PRESS", D("7.5"), 1, parallel=2, efficiency_pct=D("90"))
ROUTINGS = (
    Routing("TILE", "KILN", D("3"), crew_size=2, skill="KILN_OP", skill_level=3),
    Routing("BODY", "PRESS", D("1.5")),
)
PRODUCTS = (
    Product("TILE", "Floor tile", "pcs"),
    Product("BODY", "Pressed body", "pcs"),
    Product("CLAY", "Red clay", "kg"),
    Product("WATER", "Water", "l"),
    Product("GLAZE", "Glaze", "kg"),
)
STOCK = {"CLAY": D("4000"), "WATER": D("10000"), "GLAZE": D("300")}
QUALIFICATIONS = {
    "KILN_OP": [
        Qualification("ana", 4),
        Qualification("bea", 3, date(2025, 3, 13)),  # first invalid day: Thursday of W11
        Qualification("cai", 2),  # too low for the kiln crew
    ]
}
LINE_1 = PlanLine("TILE", D("1000"), W10, ref="1")
LINE_2 = PlanLine("TILE", D("1100"), W11, ref="2")


def by_code(findings: list[Finding], code: FindingCode) -> list[Finding]:
    return [f for f in findings if f.code is code]


# --------------------------------------------------------------------------- weeks


def test_week_of_moves_any_day_to_monday():
    assert week_of(date(2025, 3, 9)) == W10  # a Sunday
    assert week_of(W10) == W10
    assert PlanLine("TILE", D(1), date(2025, 3, 6)).due_week == W10


def test_iso_week_and_label_round_trip():
    assert iso_week(2025, 10) == W10
    assert week_label(W10) == "2025-W10"
    assert week_label(date(2024, 12, 30)) == "2025-W01"  # ISO year differs from calendar year
    with pytest.raises(PlanError, match="2025-W54 is not an ISO week"):
        iso_week(2025, 54)


def test_plan_period_runs_monday_to_sunday():
    assert plan_period([LINE_2, LINE_1]) == (W10, date(2025, 3, 16))


# --------------------------------------------------------------------------- bill of materials


def test_explode_bom_multi_level_with_scrap_by_hand():
    requirements = explode_bom([PlanLine("TILE", D("100"), W10)], BOM)
    assert list(requirements) == ["CLAY", "GLAZE", "WATER"]  # materials only, in code order
    assert requirements["CLAY"].quantity == D("220")  # 100 x 1.1 x 2
    assert requirements["WATER"].quantity == D("66")  # 100 x 1.1 x 0.5 x 1.2
    assert requirements["GLAZE"].quantity == D("21")  # 100 x 0.2 x 1.05


def test_scrap_convention_is_added_to_net_need():
    # gross = net x (1 + scrap %), not net / (1 - scrap %): 100 x 1.25 = 125, not 133.33
    requirements = explode_bom([PlanLine("P", D("100"), W10)], [BomLine("P", "M", D("1"), D("25"))])
    assert requirements["M"].quantity == D("125")
    assert BomLine("P", "M", D("2"), D("5")).gross_factor == D("2.1")


def test_explode_bom_sums_paths_and_lines_and_keeps_contributions():
    bom = [
        BomLine("LAMP", "BASE", D("1")),
        BomLine("LAMP", "STEEL", D("0.5")),
        BomLine("BASE", "STEEL", D("1.5"), D("10")),
    ]
    first = PlanLine("LAMP", D("10"), W10, ref="a")
    second = PlanLine("LAMP", D("4"), W11, ref="b")
    steel = explode_bom([first, second], bom)["STEEL"]
    # per lamp: 0.5 direct + 1 x 1.5 x 1.1 through the base = 2.15
    assert steel.quantity == D("30.10")
    assert [(c.line.ref, c.quantity) for c in steel.contributions] == [("a", D("21.50")), ("b", D("8.60"))]
    assert steel.lines == (first, second)


def test_a_planned_item_without_bom_lines_is_itself_a_material():
    requirements = explode_bom([PlanLine("CLAY", D("5"), W10)], BOM)
    assert requirements["CLAY"].quantity == D("5")


def test_item_requirements_lists_every_item_of_the_tree():
    assert item_requirements("TILE", BOM, D("10")) == {
        "BODY": D("11.0"),
        "CLAY": D("22.0"),
        "GLAZE": D("2.10"),
        "TILE": D("10"),
        "WATER": D("6.60"),
    }


def test_bom_cycle_is_refused_naming_the_cycle():
    bom = [BomLine("A", "B", D(1)), BomLine("B", "A", D(1))]
    with pytest.raises(PlanError) as raised:
        explode_bom([PlanLine("A", D(1), W10)], bom)
    assert str(raised.value) == "The bill of materials has a cycle: A → B → A."


def test_longer_cycle_below_the_planned_product_names_only_the_cycle():
    bom = [
        BomLine("TOP", "A", D(1)),
        BomLine("A", "B", D(1)),
        BomLine("B", "C", D(1)),
        BomLine("C", "A", D(1)),
        BomLine("C", "LEAF", D(1)),
    ]
    with pytest.raises(PlanError, match=r"cycle: A → B → C → A\.$"):
        load_by_week([PlanLine("TOP", D(1), W10)], bom, [])
    assert find_bom_cycle(bom) == ("A", "B", "C", "A")


def test_self_loop_is_a_cycle():
    assert find_bom_cycle([BomLine("A", "A", D(1))]) == ("A", "A")
    with pytest.raises(PlanError, match="cycle: A → A"):
        ensure_acyclic([BomLine("A", "A", D(1))])


def test_ensure_acyclic_checks_parts_no_plan_line_reaches():
    bom = [*BOM, BomLine("X", "Y", D(1)), BomLine("Y", "X", D(1))]
    assert explode_bom([PlanLine("TILE", D(1), W10)], bom)  # TILE's tree is fine
    with pytest.raises(PlanError, match="X → Y → X"):
        ensure_acyclic(bom)
    assert find_bom_cycle(BOM) is None
    ensure_acyclic(BOM)


def test_check_plan_refuses_a_cycle():
    bom = [BomLine("A", "B", D(1)), BomLine("B", "A", D(1))]
    with pytest.raises(PlanError, match="A → B → A"):
        check_plan([PlanLine("A", D(1), W10)], bom=bom)


# --------------------------------------------------------------------------- available hours


def test_available_hours_with_efficiency_and_a_closure():
    assert KILN.hours_per_day == D("12")  # 8 x 2 x 1 x 75 %
    assert available_hours(KILN, W10) == D("48")  # Wednesday closed: 4 days
    assert available_hours(KILN, W11) == D("60")
    assert available_hours(KILN, date(2025, 3, 7)) == D("48")  # any day names its week


def test_available_hours_with_parallel_capacity():
    assert available_hours(PRESS, W10) == D("67.5")  # 7.5 x 1 x 2 x 90 % x 5
    assert available_hours(replace(PRESS, parallel=4), W10) == D("135")


def test_closures_on_days_off_or_other_weeks_change_nothing():
    saturday, next_monday = date(2025, 3, 8), date(2025, 3, 10)
    centre = replace(PRESS, closures=frozenset({saturday, next_monday}))
    assert available_hours(centre, W10) == D("67.5")
    assert open_days(centre, W10) == [W10 + timedelta(days=i) for i in range(5)]
    assert available_hours(centre, W11) == D("54")  # Monday closed


def test_six_day_week_counts_saturday_and_efficiency_above_100():
    centre = WorkCentre("PACK", D("6"), 1, working_days_per_week=6, efficiency_pct=D("110"))
    assert available_hours(centre, W10) == D("39.6")  # 6 x 1.1 x 6
    closed = replace(centre, closures=frozenset({date(2025, 3, 8)}))
    assert available_hours(closed, W10) == D("33.0")


def test_a_week_of_closures_leaves_no_hours():
    closed = replace(PRESS, closures=frozenset(W10 + timedelta(days=i) for i in range(5)))
    assert available_hours(closed, W10) == 0
    assert open_days(closed, W10) == []


# --------------------------------------------------------------------------- load


def test_load_by_week_includes_component_routings_at_gross_quantity():
    loads = load_by_week([PlanLine("TILE", D("100"), W10, ref="1")], BOM, ROUTINGS)
    assert [(load.work_centre, load.week, load.minutes, load.hours) for load in loads] == [
        ("KILN", W10, D("300"), D("5")),  # 100 tiles x 3 min
        ("PRESS", W10, D("165.0"), D("2.75")),  # 110 bodies x 1.5 min
    ]
    assert loads[0].contributions[0].hours == D("5")


def test_load_by_week_splits_by_due_week_and_names_the_lines():
    extra = PlanLine("BODY", D("40"), W10, ref="3")
    loads = load_by_week([LINE_1, LINE_2, extra], BOM, ROUTINGS)
    press_w10 = next(load for load in loads if load.work_centre == "PRESS" and load.week == W10)
    assert press_w10.minutes == D("1710.0")  # (1100 + 40) bodies x 1.5
    assert press_w10.lines == (LINE_1, extra)
    assert [(c.line.ref, c.minutes) for c in press_w10.contributions] == [
        ("1", D("1650.0")),
        ("3", D("60.0")),
    ]
    kiln = [(load.week, load.hours) for load in loads if load.work_centre == "KILN"]
    assert kiln == [(W10, D("50")), (W11, D("55"))]


def test_a_product_through_several_work_centres_loads_each():
    routings = [*ROUTINGS, Routing("TILE", "PRESS", D("0.5")), Routing("TILE", "KILN", D("1"))]
    loads = load_by_week([PlanLine("TILE", D("60"), W10)], BOM, routings)
    assert {load.work_centre: load.minutes for load in loads} == {
        "KILN": D("240"),  # 60 x (3 + 1)
        "PRESS": D("129.0"),  # 66 bodies x 1.5 + 60 tiles x 0.5
    }


def test_weekly_capacity_fills_every_centre_and_week():
    grid = weekly_capacity([LINE_1, LINE_2], bom=BOM, work_centres=[PRESS, KILN], routings=ROUTINGS)
    rows = [(c.work_centre, c.week, c.load_hours, c.available_hours, c.overloaded) for c in grid]
    assert rows == [
        ("KILN", W10, D("50"), D("48"), True),
        ("KILN", W11, D("55"), D("60"), False),
        ("PRESS", W10, D("27.5"), D("67.5"), False),
        ("PRESS", W11, D("30.25"), D("67.5"), False),
    ]
    empty = weekly_capacity([LINE_1], bom=BOM, work_centres=[KILN], routings=ROUTINGS[:1], weeks=[W10, W11])
    assert [(c.week, c.load_minutes, c.percent, c.lines) for c in empty][1] == (W11, 0, 0, ())


# --------------------------------------------------------------------------- check_plan, by hand


def full_check(**overrides):
    arguments = {
        "bom": BOM,
        "work_centres": [KILN, PRESS],
        "routings": ROUTINGS,
        "stock": STOCK,
        "qualifications": QUALIFICATIONS,
        "products": PRODUCTS,
    }
    arguments.update(overrides)
    return check_plan([LINE_1, LINE_2], **arguments)


def test_check_plan_finds_everything_in_stable_order():
    findings = full_check()
    assert [
        (f.severity.value, f.code.value, f.week, f.work_centre or f.material or f.member) for f in findings
    ] == [
        ("blocking", "crew_gap", W11, "KILN"),
        ("blocking", "overload", W10, "KILN"),
        ("blocking", "shortage", W11, "CLAY"),
        ("blocking", "shortage", W11, "GLAZE"),
        ("warning", "certification_expiring", W11, "bea"),
        ("warning", "high_load", W11, "KILN"),
    ]
    assert full_check() == findings


def test_overload_finding_numbers_and_message():
    (overload,) = by_code(full_check(), FindingCode.OVERLOAD)
    # 1000 tiles x 3 min = 50 h against 48 h: 104.1666... %
    assert (overload.required, overload.available, overload.percent) == (D("50.00"), D("48.00"), D("104.2"))
    assert overload.severity is Severity.BLOCKING and overload.blocking
    assert overload.lines == (LINE_1,)
    assert overload.message == "KILN is loaded at 104.2 % in week 2025-W10: 50 h needed, 48 h available."


def test_high_load_warning_and_its_threshold():
    (high,) = by_code(full_check(), FindingCode.HIGH_LOAD)
    assert (high.required, high.available, high.percent) == (D("55.00"), D("60.00"), D("91.7"))
    assert high.severity is Severity.WARNING
    assert not by_code(full_check(high_load_pct=D("92")), FindingCode.HIGH_LOAD)
    assert not by_code(full_check(high_load_pct=None), FindingCode.HIGH_LOAD)


def test_exactly_full_capacity_is_not_an_overload():
    line = PlanLine("TILE", D("960"), W10)  # 960 x 3 min = 48 h = 100 %
    findings = check_plan(
        [line], work_centres=[KILN], routings=ROUTINGS[:1], high_load_pct=None, qualifications={}
    )
    assert not by_code(findings, FindingCode.OVERLOAD)
    one_more = check_plan([replace(line, quantity=D("961"))], work_centres=[KILN], routings=ROUTINGS[:1])
    assert by_code(one_more, FindingCode.OVERLOAD)[0].percent == D("100.1")


def test_load_in_a_closed_week_is_blocking_without_a_percentage():
    closed = replace(KILN, closures=frozenset(W10 + timedelta(days=i) for i in range(5)))
    (overload,) = by_code(
        check_plan([PlanLine("TILE", D(10), W10)], work_centres=[closed], routings=ROUTINGS[:1]),
        FindingCode.OVERLOAD,
    )
    assert overload.percent is None and overload.available == 0
    assert (
        overload.message
        == "KILN has no working hours in week 2025-W10 (closed), but the plan needs 0.5 h there."
    )


def test_shortage_numbers_week_and_lines():
    clay, glaze = by_code(full_check(), FindingCode.SHORTAGE)
    # clay: 2100 tiles x 2.2 kg = 4620 kg; 2200 kg in W10 fit in 4000, W11 does not
    assert (clay.material, clay.required, clay.available, clay.shortfall) == (
        "CLAY",
        D("4620.0"),
        D("4000"),
        620,
    )
    assert clay.week == W11 and clay.lines == (LINE_2,)
    assert (
        clay.message
        == "CLAY: 4,620 kg needed, 4,000 kg in stock, 620 kg short; it runs out in week 2025-W11."
    )
    assert (glaze.required, glaze.shortfall) == (D("441.00"), D("141.00"))  # 2100 x 0.21


def test_a_spanish_reader_reads_the_findings_numbers_with_decimal_comma_and_thousands_point():
    with i18n.using("es"):
        (overload,) = by_code(full_check(), FindingCode.OVERLOAD)
        clay, _glaze = by_code(full_check(), FindingCode.SHORTAGE)
    assert "104,2 %" in overload.message and "50 h" in overload.message
    assert "4.620 kg" in clay.message and "4.000 kg" in clay.message


def test_missing_stock_is_none_on_hand_and_unit_is_optional():
    findings = check_plan([PlanLine("TILE", D(10), W10)], bom=BOM)
    shortages = by_code(findings, FindingCode.SHORTAGE)
    assert [(f.material, f.available) for f in shortages] == [("CLAY", 0), ("GLAZE", 0), ("WATER", 0)]
    assert shortages[0].message == "CLAY: 22 needed, 0 in stock, 22 short; it runs out in week 2025-W10."


def test_shortage_shares_stock_by_week_then_priority():
    urgent = PlanLine("P", D("6"), W10, priority=1, ref="urgent")
    later = PlanLine("P", D("6"), W10, priority=5, ref="later")
    earlier_week = PlanLine("P", D("3"), date(2025, 2, 24), priority=9, ref="early")
    bom = [BomLine("P", "M", D(1))]
    (shortage,) = by_code(
        check_plan([later, urgent, earlier_week], bom=bom, stock={"M": D("10")}), FindingCode.SHORTAGE
    )
    # early (3) then urgent (6) fit in 10; later does not
    assert shortage.lines == (later,)
    assert shortage.week == W10
    (shortage,) = by_code(
        check_plan([later, urgent, earlier_week], bom=bom, stock={"M": D("2")}), FindingCode.SHORTAGE
    )
    assert shortage.lines == (earlier_week, urgent, later)
    assert shortage.week == date(2025, 2, 24)


def test_enough_stock_gives_no_shortage():
    assert not by_code(
        full_check(stock={**STOCK, "CLAY": D("4620"), "GLAZE": D("441")}), FindingCode.SHORTAGE
    )


def test_crew_gap_when_a_certificate_lapses_mid_plan():
    (gap,) = by_code(full_check(), FindingCode.CREW_GAP)
    # W10: ana and bea; W11: bea's certificate is invalid from Thursday, before Friday
    assert (gap.work_centre, gap.week, gap.skill, gap.skill_level) == ("KILN", W11, "KILN_OP", 3)
    assert (gap.required, gap.available, gap.members) == (2, 1, ("ana",))
    assert gap.lines == (LINE_2,)
    assert gap.message == (
        "KILN needs a crew of 2 holding KILN_OP at level 3 or above in week 2025-W11; qualified members: 1."
    )


@pytest.mark.parametrize(
    ("expires_on", "counts_in_w11"),
    [
        (date(2025, 3, 14), False),  # first invalid day is the last working day (Friday)
        (date(2025, 3, 15), True),  # valid through Friday
    ],
)
def test_crew_counts_a_certificate_valid_through_the_last_working_day(expires_on, counts_in_w11):
    qualifications = {"KILN_OP": [Qualification("ana", 4), Qualification("bea", 3, expires_on)]}
    gaps = by_code(full_check(qualifications=qualifications), FindingCode.CREW_GAP)
    assert (gaps == []) is counts_in_w11


def test_crew_gap_with_no_one_holding_the_skill():
    findings = full_check(qualifications={})
    assert [(f.week, f.available) for f in by_code(findings, FindingCode.CREW_GAP)] == [(W10, 0), (W11, 0)]
    assert not by_code(findings, FindingCode.CERTIFICATION_EXPIRING)


def test_crew_size_is_the_largest_of_the_routings_needing_the_same_skill_and_level():
    routings = [*ROUTINGS, Routing("BODY", "KILN", D("0.1"), crew_size=3, skill="KILN_OP", skill_level=3)]
    (gap_w10, gap_w11) = by_code(full_check(routings=routings), FindingCode.CREW_GAP)
    assert (gap_w10.week, gap_w10.required, gap_w10.available) == (W10, 3, 2)
    assert gap_w11.required == 3


def test_qualified_members_helper():
    entries = QUALIFICATIONS["KILN_OP"]
    assert qualified_members(entries, 3, date(2025, 3, 12)) == ("ana", "bea")
    assert qualified_members(entries, 3, date(2025, 3, 13)) == ("ana",)
    assert qualified_members(entries, 2, date(2025, 3, 13)) == ("ana", "cai")


def test_certification_expiring_inside_the_period():
    (expiring,) = by_code(full_check(), FindingCode.CERTIFICATION_EXPIRING)
    assert (expiring.member, expiring.skill, expiring.expires_on, expiring.week) == (
        "bea",
        "KILN_OP",
        date(2025, 3, 13),
        W11,
    )
    assert expiring.lines == (LINE_2,)
    assert expiring.message == (
        "bea's certification in KILN_OP (level 3) expires on 2025-03-13, inside the plan period. "
        "The plan still needs it after that at KILN."
    )


@pytest.mark.parametrize(
    ("expires_on", "warned"),
    [
        (W10, False),  # invalid on the first day: already expired, not "expiring"
        (W10 + timedelta(days=1), True),
        (date(2025, 3, 16), True),  # the last day of the period (Sunday of W11)
        (date(2025, 3, 17), False),  # valid through the whole period
    ],
)
def test_certification_expiring_period_boundaries(expires_on, warned):
    qualifications = {"KILN_OP": [Qualification("ana", 4), Qualification("bea", 3, expires_on)]}
    findings = by_code(full_check(qualifications=qualifications), FindingCode.CERTIFICATION_EXPIRING)
    assert bool(findings) is warned


def test_certification_expiring_uses_the_given_period_and_ignores_renewed_or_low_levels():
    qualifications = {
        "KILN_OP": [
            Qualification("ana", 4),
            Qualification("bea", 3, date(2025, 3, 13)),
            Qualification("bea", 3, date(2026, 3, 13)),  # already renewed
            Qualification("cai", 2, date(2025, 3, 12)),  # too low to matter
        ]
    }
    assert not by_code(full_check(qualifications=qualifications), FindingCode.CERTIFICATION_EXPIRING)
    later = full_check(period=(W10, date(2025, 12, 31)))
    assert by_code(later, FindingCode.CERTIFICATION_EXPIRING)
    short = full_check(period=(W10, date(2025, 3, 12)))
    assert not by_code(short, FindingCode.CERTIFICATION_EXPIRING)


def test_without_training_records_crew_checks_become_one_info():
    findings = full_check(qualifications=None)
    assert not by_code(findings, FindingCode.CREW_GAP)
    (info,) = by_code(findings, FindingCode.SKILLS_NOT_CHECKED)
    assert info.severity is Severity.INFO and info.lines == (LINE_1, LINE_2)
    assert findings[-1] == info
    assert info.message == "Crew qualifications were not checked: there are no training records for KILN_OP."


def test_a_line_with_no_routing_anywhere_is_reported_as_info():
    stray = PlanLine("GLAZE", D("5"), W10, ref="g")
    findings = check_plan([LINE_1, stray], bom=BOM, work_centres=[KILN, PRESS], routings=ROUTINGS)
    (info,) = by_code(findings, FindingCode.NO_ROUTING)
    assert (info.product, info.lines, info.severity) == ("GLAZE", (stray,), Severity.INFO)
    # a product routed only through its components is not "unrouted"
    body_only = [Routing("BODY", "PRESS", D("1.5"))]
    assert not by_code(
        check_plan([LINE_1], bom=BOM, work_centres=[PRESS], routings=body_only), FindingCode.NO_ROUTING
    )


def test_empty_plan_has_no_findings():
    assert check_plan([], bom=BOM, work_centres=[KILN], routings=ROUTINGS) == []


def test_routing_to_an_unknown_work_centre_is_refused():
    with pytest.raises(PlanError, match="names work centre OVEN, which does not exist"):
        check_plan([LINE_1], work_centres=[KILN], routings=[Routing("TILE", "OVEN", D(1))])
    with pytest.raises(PlanError, match="KILN is given twice"):
        check_plan([LINE_1], work_centres=[KILN, KILN])


def test_messages_go_through_the_translation_hook(monkeypatch):
    class Marking:
        def gettext(self, message: str) -> str:
            return "[es] " + message

    monkeypatch.setattr(i18n, "_translation", Marking())
    (overload,) = by_code(full_check(), FindingCode.OVERLOAD)
    assert overload.message.startswith("[es] KILN is loaded at 104.2 % in week 2025-W10")
    with pytest.raises(PlanError, match=r"^\[es\] The bill of materials has a cycle"):
        ensure_acyclic([BomLine("A", "A", D(1))])


# --------------------------------------------------------------------------- bad input


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (lambda: BomLine("A", "B", D(0)), "quantity per unit must be above zero"),
        (lambda: BomLine("A", "B", D(-1)), "quantity per unit must be above zero"),
        (lambda: BomLine("A", "B", D(1), D(100)), "scrap must be at least 0 % and below 100 %"),
        (lambda: BomLine("A", "B", D(1), D(-1)), "scrap must be at least 0 %"),
        (lambda: BomLine("A", "B", "lots"), "must be a number, not lots"),
        (lambda: BomLine("", "B", D(1)), "must not be empty"),
        (lambda: PlanLine("A", D(-5), W10), "quantity must be above zero, not -5"),
        (lambda: PlanLine("A", D(0), W10), "quantity must be above zero"),
        (lambda: PlanLine("A", D("NaN"), W10), "must be a number"),
        (lambda: PlanLine("A", D(1), "2025-W10"), "due week must be a date"),
        (lambda: WorkCentre("K", D(0), 1), "do not fit in a day"),
        (lambda: WorkCentre("K", D(9), 3), "do not fit in a day"),
        (lambda: WorkCentre("K", D(8), 0), "do not fit in a day"),
        (lambda: WorkCentre("K", D(8), 1, working_days_per_week=8), "from 1 to 7"),
        (lambda: WorkCentre("K", D(8), 1, parallel=0), "parallel capacity must be at least 1"),
        (lambda: WorkCentre("K", D(8), 1, efficiency_pct=D(0)), "efficiency must be above 0 %"),
        (lambda: WorkCentre("K", D(8), D("1.5")), "must be a whole number"),
        (lambda: Routing("A", "K", D(0)), "minutes per unit must be above zero"),
        (lambda: Routing("A", "K", D(1), crew_size=-1), "crew size cannot be negative"),
        (lambda: Routing("A", "K", D(1), skill="S", skill_level=5), "from 0 to 4"),
    ],
)
def test_bad_input_is_refused_with_a_plan_error(build, message):
    with pytest.raises(PlanError, match=message):
        build()


def test_numbers_given_as_int_str_or_float_become_decimals():
    line = BomLine("A", "B", 2, "5")
    assert (line.quantity, line.scrap_pct) == (D(2), D(5))
    assert PlanLine("A", 0.1, W10).quantity == D("0.1")
    assert WorkCentre("K", "7.5", 1).hours_per_shift == D("7.5")


# --------------------------------------------------------------------------- properties

ITEMS = [f"I{i}" for i in range(6)]
quantities = st.sampled_from([D("1"), D("2"), D("3"), D("0.5"), D("1.5"), D("2.5"), D("4"), D("7")])
scraps = st.sampled_from([D("0"), D("5"), D("10"), D("25")])


@st.composite
def acyclic_boms(draw):
    """Random BOMs over I0..I5 whose lines only point from a lower to a higher index."""
    pairs = [(p, c) for p in range(len(ITEMS)) for c in range(p + 1, len(ITEMS))]
    chosen = draw(st.lists(st.sampled_from(pairs), unique=True, max_size=10))
    return [BomLine(ITEMS[p], ITEMS[c], draw(quantities), draw(scraps)) for p, c in chosen]


@st.composite
def plans(draw):
    bom = draw(acyclic_boms())
    centres = ["C0", "C1", "C2"]
    routings = draw(
        st.lists(
            st.builds(
                Routing,
                st.sampled_from(ITEMS),
                st.sampled_from(centres),
                quantities,
                st.integers(0, 3),
                st.sampled_from([None, "S"]),
                st.integers(0, 4),
            ),
            max_size=8,
        )
    )
    weeks = [W10, W11, W11 + timedelta(days=7)]
    lines = draw(
        st.lists(
            st.builds(
                PlanLine, st.sampled_from(ITEMS), quantities, st.sampled_from(weeks), st.integers(0, 3)
            ),
            min_size=1,
            max_size=6,
        )
    )
    return bom, routings, lines


def doubled(lines):
    return [replace(line, quantity=line.quantity * 2) for line in lines]


@given(plans())
@settings(max_examples=200)
def test_doubling_every_quantity_doubles_every_load(plan):
    bom, routings, lines = plan
    single = load_by_week(lines, bom, routings)
    double = load_by_week(doubled(lines), bom, routings)
    assert [(x.work_centre, x.week) for x in single] == [(x.work_centre, x.week) for x in double]
    for one, two in zip(single, double, strict=True):
        assert two.minutes == 2 * one.minutes
        assert abs(two.hours - 2 * one.hours) < D("1e-20")
        assert [c.minutes for c in two.contributions] == [2 * c.minutes for c in one.contributions]


@given(plans())
@settings(max_examples=200)
def test_doubling_every_quantity_doubles_every_material_requirement(plan):
    bom, _routings, lines = plan
    single = explode_bom(lines, bom)
    double = explode_bom(doubled(lines), bom)
    assert list(single) == list(double)
    for material, requirement in single.items():
        assert double[material].quantity == 2 * requirement.quantity


@given(plans(), plans())
@settings(max_examples=100)
def test_requirements_and_loads_add_up_over_lines(first, second):
    bom, routings, lines_a = first
    _bom, _routings, lines_b = second
    together = explode_bom(lines_a + lines_b, bom)
    apart_a, apart_b = explode_bom(lines_a, bom), explode_bom(lines_b, bom)
    for material, requirement in together.items():
        expected = D(0)
        for part in (apart_a, apart_b):
            if material in part:
                expected += part[material].quantity
        assert requirement.quantity == expected
    total = sum((load.minutes for load in load_by_week(lines_a + lines_b, bom, routings)), D(0))
    parts = sum((load.minutes for load in load_by_week(lines_a, bom, routings)), D(0)) + sum(
        (load.minutes for load in load_by_week(lines_b, bom, routings)), D(0)
    )
    assert total == parts


@given(plans())
@settings(max_examples=100)
def test_materials_are_exactly_the_leaves_reached(plan):
    bom, _routings, lines = plan
    parents = {line.parent for line in bom}
    for material in explode_bom(lines, bom):
        assert material not in parents


@given(plans(), st.sampled_from([None, {}, QUALIFICATIONS]))
@settings(max_examples=100)
def test_check_plan_is_sorted_and_blocking_comes_first(plan, qualifications):
    bom, routings, lines = plan
    centres = [WorkCentre(code, D(8), 1) for code in ("C0", "C1", "C2")]
    findings = check_plan(
        lines, bom=bom, work_centres=centres, routings=routings, qualifications=qualifications
    )
    ranks = [("blocking", "warning", "info").index(f.severity.value) for f in findings]
    assert ranks == sorted(ranks)
    reversed_findings = check_plan(
        list(reversed(lines)), bom=bom, work_centres=centres, routings=routings, qualifications=qualifications
    )
    assert [(f.code, f.week, f.work_centre, f.material, f.skill) for f in findings] == [
        (f.code, f.week, f.work_centre, f.material, f.skill) for f in reversed_findings
    ]


@given(
    st.sampled_from(["1", "4", "7.5", "8"]),
    st.integers(1, 3),
    st.integers(1, 7),
    st.integers(1, 4),
    st.sampled_from(["50", "85", "100", "120"]),
    st.sets(st.dates(W10 - timedelta(days=3), W10 + timedelta(days=10))),
    st.dates(W10 - timedelta(days=3), W10 + timedelta(days=10)),
)
def test_available_hours_formula_and_closures_never_add_hours(
    hours, shifts, days, parallel, eff, closures, extra
):
    centre = WorkCentre("C", D(hours), shifts, days, parallel, D(eff), frozenset(closures))
    open_count = sum(1 for i in range(days) if W10 + timedelta(days=i) not in closures)
    assert available_hours(centre, W10) == D(hours) * shifts * parallel * D(eff) / 100 * open_count
    more_closed = replace(centre, closures=centre.closures | {extra})
    assert 0 <= available_hours(more_closed, W10) <= available_hours(centre, W10)
    assert available_hours(replace(centre, parallel=parallel * 2), W10) == 2 * available_hours(centre, W10)


@given(acyclic_boms(), st.data())
@settings(max_examples=200)
def test_a_back_edge_makes_a_cycle_that_is_named(bom, data):
    edges = {(line.parent, line.component) for line in bom}
    reachable = {item: {item} for item in ITEMS}
    for parent_index in reversed(range(len(ITEMS))):  # children have higher indices
        parent = ITEMS[parent_index]
        for p, c in edges:
            if p == parent:
                reachable[parent] |= reachable[c]
    candidates = [(a, b) for a in ITEMS for b in reachable[a]]
    top, bottom = data.draw(st.sampled_from(candidates))
    cyclic = [*bom, BomLine(bottom, top, D(1))]
    cycle = find_bom_cycle(cyclic)
    assert cycle is not None and cycle[0] == cycle[-1]
    all_edges = edges | {(bottom, top)}
    assert all((a, b) in all_edges for a, b in pairwise(cycle))
    with pytest.raises(PlanError, match=re.escape("The bill of materials has a cycle: " + " → ".join(cycle))):
        ensure_acyclic(cyclic)
    with pytest.raises(PlanError, match="has a cycle"):
        explode_bom([PlanLine(top, D(1), W10)], cyclic)


def test_qualifications_may_be_plain_tuples():
    as_tuples = {"KILN_OP": [("ana", 4, None), ("bea", 3, date(2025, 3, 13)), ("cai", 2, None)]}
    assert full_check(qualifications=as_tuples) == full_check()


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        (("ana", 5), "from 0 to 4"),
        (("", 3), "must not be empty"),
        (("ana", 3, "2025-01-01"), "must be a date"),
    ],
)
def test_bad_qualification_is_refused(entry, message):
    with pytest.raises(PlanError, match=message):
        Qualification(*entry)


def test_spanish_findings_write_numbers_the_spanish_way():
    with i18n.using("es"):
        (overload,) = by_code(full_check(), FindingCode.OVERLOAD)
        clay, _glaze = by_code(full_check(), FindingCode.SHORTAGE)
    assert overload.message == (
        "KILN está cargado al 104,2 % en la semana 2025-W10: se necesitan 50 h, hay 48 h disponibles."
    )
    assert clay.message == (
        "CLAY: se necesitan 4.620 kg, hay 4.000 kg en existencia, faltan 620 kg; "
        "se agota en la semana 2025-W11."
    )
