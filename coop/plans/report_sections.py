"""The load grid, the work centres, the materials and the crews of the printed production plan."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from coop.formatting import format_date
from coop.i18n import _, ngettext
from coop.plans.capacity.bom import explode_bom
from coop.plans.capacity.findings import qualified_members
from coop.plans.capacity.inputs import PlanLine, Product, WorkCentre
from coop.plans.capacity.load import weekly_capacity
from coop.plans.capacity.quantities import DEFAULT_HIGH_LOAD_PCT
from coop.plans.capacity.results import FindingCode, WeekCapacity
from coop.plans.capacity.weeks import week_label
from coop.plans.check import PlanCheck, PlanInputs
from coop.plans.models import Plan
from coop.plans.report_paper import GRID_WEEKS, NAMES_SHOWN, REFS_SHOWN, number, percent, short_week
from coop.reports import plan_model as pm
from coop.reports.charts import bar_chart_with_capacity_line

# --- the parts of the document -----------------------------------------------------------------


def weeks_of_plan(plan: Plan) -> list[date]:
    weeks, week = [], plan.period_start
    while week <= plan.period_end:
        weeks.append(week)
        week += timedelta(days=7)
    return weeks


def line_refs(lines: tuple[PlanLine, ...]) -> str:
    refs = [line.ref for line in lines if line.ref]
    if not refs:
        return ""
    if len(refs) > REFS_SHOWN:
        more = len(refs) - REFS_SHOWN
        return ngettext("lines {refs} and {more} more", "lines {refs} and {more} more", more).format(
            refs=", ".join(refs[:REFS_SHOWN]), more=more
        )
    return ngettext("line {refs}", "lines {refs}", len(refs)).format(refs=", ".join(refs))


def _aligned(unit: str, cells: list[str], total: str, widths: tuple[int, int, int]) -> str:
    unit_width, width, total_width = widths
    return unit.ljust(unit_width) + "".join(cell.rjust(width) for cell in cells) + total.rjust(total_width)


def grid_blocks(plan: Plan, inputs: PlanInputs, language: str) -> tuple[pm.GridBlock, ...]:
    """What will be made, product by week, in blocks of 13 weeks.

    Each row's unit, weekly quantities and total are one string of right-aligned fields, under a
    heading aligned the same way and set in a monospaced face: a plan of 200 products prints as
    200 short rows instead of 3,000 table cells, which keeps a large plan's PDF quick to lay out.
    """
    weeks = weeks_of_plan(plan)
    totals: dict[str, dict[date, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    for line in inputs.lines:
        totals[line.product][line.due_week] += line.quantity
    unit_heading, total_heading = _("Unit"), _("Total")
    blocks = []
    for start in range(0, len(weeks), GRID_WEEKS):
        block = weeks[start : start + GRID_WEEKS]
        rows: list[tuple[str, str, list[str], str]] = []
        for code in sorted(totals):
            by_week = totals[code]
            if not any(week in by_week for week in block):
                continue
            values = [number(by_week[week], language) if week in by_week else "·" for week in block]
            total = sum((by_week[week] for week in block if week in by_week), Decimal(0))
            rows.append((code, inputs.products[code].unit, values, number(total, language)))
        labels = [short_week(week) for week in block]
        width = (
            max([len(label) for label in labels] + [len(v) for *_r, values, _t in rows for v in values]) + 1
        )
        unit_width = max([len(unit_heading)] + [len(unit) for _c, unit, _v, _t in rows])
        total_width = max([len(total_heading)] + [len(total) for *_r, total in rows]) + 2

        widths = (unit_width, width, total_width)

        blocks.append(
            pm.GridBlock(
                heading=_aligned(unit_heading, labels, total_heading, widths),
                rows=tuple(
                    pm.GridRow(
                        product=code,
                        product_name=inputs.products[code].name,
                        figures=_aligned(unit, values, total, widths),
                    )
                    for code, unit, values, total in rows
                ),
            )
        )
    return tuple(blocks)


def _capacity_text(centre: WorkCentre, language: str) -> str:
    return _(
        "{hours} h a shift × {shifts} × {parallel} × {efficiency} % efficiency, {days} days a week: "
        "{week} h in a full week"
    ).format(
        hours=number(centre.hours_per_shift, language),
        shifts=ngettext("{n} shift", "{n} shifts", centre.shifts_per_day).format(n=centre.shifts_per_day),
        parallel=ngettext("{n} station", "{n} stations", centre.parallel).format(n=centre.parallel),
        efficiency=number(centre.efficiency_pct, language, 1),
        days=centre.working_days_per_week,
        week=number(centre.hours_per_day * centre.working_days_per_week, language),
    )


def _peaks(cells: list[WeekCapacity]) -> list[str] | None:
    """Figures over the bars that come close to the line (90 % or more), or None when no bar does:
    the table above the charts gives every week's share, and text is what makes a chart slow to lay out.
    """
    texts = [
        f"{cell.percent.quantize(Decimal(1), rounding=ROUND_HALF_UP)}%"
        if cell.percent is not None and cell.load_minutes > 0 and cell.percent >= DEFAULT_HIGH_LOAD_PCT
        else ""
        for cell in cells
    ]
    return texts if any(texts) else None


def centre_sections(
    plan: Plan, inputs: PlanInputs, language: str
) -> tuple[tuple[pm.CentreLoad, ...], tuple[str, ...], Decimal]:
    """A load chart and a week table per loaded work centre, the idle ones, the hours in all."""
    weeks = weeks_of_plan(plan)
    grid = weekly_capacity(
        inputs.lines,
        bom=inputs.bom,
        work_centres=inputs.work_centres,
        routings=inputs.routings,
        weeks=weeks,
    )
    by_centre: dict[str, list[WeekCapacity]] = defaultdict(list)
    for cell in grid:
        by_centre[cell.work_centre].append(cell)
    centres = {centre.code: centre for centre in inputs.work_centres}
    loads, idle = [], []
    hours = Decimal(0)
    for code in sorted(by_centre):
        cells = by_centre[code]
        name = inputs.centre_names.get(code, "")
        if not any(cell.load_minutes > 0 for cell in cells):
            idle.append(f"{code} {name}".strip())
            continue
        rows = []
        peak: tuple[Decimal, date] | None = None
        for cell in cells:
            share = cell.percent
            if share is None:
                text = (
                    _("closed")
                    if cell.load_minutes == 0
                    else _("closed, {hours} h needed").format(hours=number(cell.load_hours, language, 1))
                )
            elif cell.load_minutes == 0:
                text = "–"
            else:
                text = percent(share, language)
            if share is not None and (peak is None or share > peak[0]):
                peak = (share, cell.week)
            rows.append(
                pm.WeekCell(
                    week=short_week(cell.week),
                    load=number(cell.load_hours, language, 1),
                    available=number(cell.available_hours, language, 1),
                    percent=text,
                    over=cell.overloaded,
                    high=share is not None and not cell.overloaded and share >= DEFAULT_HIGH_LOAD_PCT,
                )
            )
        over = sum(1 for cell in cells if cell.overloaded)
        total_load = sum((cell.load_hours for cell in cells), Decimal(0))
        total_available = sum((cell.available_hours for cell in cells), Decimal(0))
        hours += total_load
        chart = bar_chart_with_capacity_line(
            [short_week(cell.week) for cell in cells],
            [cell.load_hours for cell in cells],
            [cell.available_hours for cell in cells],
            capacity_label=_("available"),
            value_texts=_peaks(cells),
            axis_unit="h",
            width_mm=170.0,
            height_mm=42.0,
            description=_("Weekly load of {code} against its available hours").format(code=code),
        )
        loads.append(
            pm.CentreLoad(
                code=code,
                name=name,
                capacity=_capacity_text(centres[code], language),
                total_load=number(total_load, language, 1),
                total_available=number(total_available, language, 1),
                peak=_("{percent} in {week}").format(
                    percent=percent(peak[0], language), week=week_label(peak[1])
                )
                if peak is not None
                else "",
                closures=tuple(
                    _("{date}: {reason}").format(date=format_date(day, language), reason=reason)
                    for day, reason in inputs.closures.get(code, ())
                ),
                chart_svg=chart,
                weeks=tuple(rows),
                overloaded_weeks=over,
            )
        )
    return tuple(loads), tuple(idle), hours


def material_rows(inputs: PlanInputs, check: PlanCheck, language: str) -> tuple[pm.MaterialRow, ...]:
    shortages = {
        item.finding.material: item.finding
        for item in check.findings
        if item.finding.code is FindingCode.SHORTAGE
    }
    rows = []
    for code, requirement in explode_bom(inputs.lines, inputs.bom).items():
        product = inputs.products.get(code, Product(code))
        on_hand = inputs.stock.get(code, Decimal(0))
        short = shortages.get(code)
        rows.append(
            pm.MaterialRow(
                code=code,
                name=product.name,
                unit=product.unit,
                required=number(requirement.quantity, language),
                on_hand=number(on_hand, language),
                shortfall=number(requirement.quantity - on_hand, language) if short else "",
                short_week=week_label(short.week) if short and short.week else "",
                short=short is not None,
            )
        )
    rows.sort(key=lambda row: (not row.short, row.code))
    return tuple(rows)


def _names(members: tuple[str, ...]) -> str:
    if not members:
        return ""
    shown = list(members[:NAMES_SHOWN])
    rest = len(members) - len(shown)
    text = "; ".join(shown)
    if rest:
        text += " " + ngettext("and {n} more", "and {n} more", rest).format(n=rest)
    return text


def crew_rows(inputs: PlanInputs, check: PlanCheck, on: date) -> tuple[pm.CrewRow, ...]:
    children: dict[str, list[str]] = defaultdict(list)
    for bom_line in inputs.bom:
        children[bom_line.parent].append(bom_line.component)
    used: set[str] = set()
    waiting = [line.product for line in inputs.lines]
    while waiting:  # every item in the trees of the plan's products
        item = waiting.pop()
        if item not in used:
            used.add(item)
            waiting.extend(children.get(item, ()))
    needs: dict[tuple[str, str, int], int] = {}
    for routing in inputs.routings:
        if routing.skill is None or routing.crew_size <= 0 or routing.product not in used:
            continue
        key = (routing.work_centre, routing.skill, routing.skill_level)
        needs[key] = max(needs.get(key, 0), routing.crew_size)
    gaps: dict[tuple[str, str, int], list[date]] = defaultdict(list)
    for item in check.findings:
        finding = item.finding
        if finding.code is FindingCode.CREW_GAP and finding.week is not None:
            gaps[(finding.work_centre or "", finding.skill or "", finding.skill_level or 0)].append(
                finding.week
            )
    rows = []
    for (centre, skill, level), crew in sorted(needs.items()):
        holders = (
            qualified_members(inputs.qualifications.get(skill, ()), level, on)
            if inputs.qualifications is not None
            else ()
        )
        short = sorted(gaps.get((centre, skill, level), []))
        rows.append(
            pm.CrewRow(
                work_centre=centre,
                skill=skill,
                skill_name=inputs.skill_names.get(skill, ""),
                level=level,
                crew=crew,
                qualified_now=len(holders),
                # Names only where the crew hangs on few people: elsewhere the count says enough.
                qualified_names=_names(holders) if len(holders) <= 2 * crew or short else "",
                short_weeks=", ".join(week_label(week) for week in short),
                short=bool(short),
            )
        )
    return tuple(rows)
