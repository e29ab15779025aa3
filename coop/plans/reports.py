"""Build the printed production plan (a frozen view model) from the records, or from its snapshot.

The arithmetic comes from :mod:`coop.plans.capacity` on the inputs the service reads
(:func:`coop.plans.check.load_inputs`); this module only arranges it for paper, draws the load
charts with :mod:`coop.reports.charts`, and freezes or thaws the approved snapshot.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections import defaultdict
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy.orm import Session

from coop.assemblies.minutes import from_dict, rule_title
from coop.assemblies.models import Motion
from coop.audit import canonical_json
from coop.errors import PlanError
from coop.formatting import format_date
from coop.i18n import _, in_cooperative_language, ngettext
from coop.members.service import get_cooperative
from coop.plans.capacity.bom import explode_bom
from coop.plans.capacity.findings import qualified_members
from coop.plans.capacity.inputs import PlanLine, Product, WorkCentre
from coop.plans.capacity.load import weekly_capacity
from coop.plans.capacity.quantities import DEFAULT_HIGH_LOAD_PCT
from coop.plans.capacity.results import Finding, FindingCode, Severity, WeekCapacity
from coop.plans.capacity.weeks import week_label
from coop.plans.check import CheckedFinding, PlanCheck, PlanInputs, check_plan
from coop.plans.drafts import status_label
from coop.plans.models import Plan, PlanStatus
from coop.reports import plan_model as pm
from coop.reports.charts import bar_chart_with_capacity_line
from coop.votes import service as votes

HUNDRED = Decimal(100)
NAMES_SHOWN = 4
REFS_SHOWN = 6
GRID_WEEKS = 13
# Up to this many lines the document also lists each line with its number and priority; a longer
# plan shows its product-by-week grid only (``coop plan show`` lists every line).
LINES_LISTED = 80


# --- numbers and dates for paper -------------------------------------------------------------------


def number(value: Decimal | int, language: str, places: int = 2) -> str:
    """``1,234.5`` in English, ``1.234,5`` in Spanish; rounded half up, no trailing zeros."""
    rounded = Decimal(value).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    text = f"{rounded:,f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    if text in ("-0", ""):
        text = "0"
    if language == "es":
        text = text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    return text


def percent(value: Decimal, language: str) -> str:
    return _("{value} %").format(value=number(value, language, 1))


def short_week(week: date) -> str:
    """``W03``: the week number alone, for chart labels."""
    return f"W{week.isocalendar().week:02d}"


def snapshot_hash(snapshot_json: str) -> str:
    return hashlib.sha256(snapshot_json.encode("utf-8")).hexdigest()


# --- the parts of the document -----------------------------------------------------------------


def _weeks(plan: Plan) -> list[date]:
    weeks, week = [], plan.period_start
    while week <= plan.period_end:
        weeks.append(week)
        week += timedelta(days=7)
    return weeks


def _line_refs(lines: tuple[PlanLine, ...]) -> str:
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


def _grid(plan: Plan, inputs: PlanInputs, language: str) -> tuple[pm.GridBlock, ...]:
    """What will be made, product by week, in blocks of 13 weeks.

    Each row's unit, weekly quantities and total are one string of right-aligned fields, under a
    heading aligned the same way and set in a monospaced face: a plan of 200 products prints as
    200 short rows instead of 3,000 table cells, which keeps a large plan's PDF quick to lay out.
    """
    weeks = _weeks(plan)
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


def _severity_label(severity: Severity) -> str:
    return {
        Severity.BLOCKING: _("blocking"),
        Severity.WARNING: _("warning"),
        Severity.INFO: _("note"),
    }[severity]


def _group_titles() -> dict[FindingCode, tuple[str, tuple[str, ...], tuple[bool, ...]]]:
    """Each kind of finding: the title of its table, its column headings, which columns are numbers."""
    code = FindingCode
    return {
        code.OVERLOAD: (
            _("Work centres over capacity"),
            (_("Work centre"), _("Week"), _("Needed h"), _("Available h"), _("Load")),
            (False, False, True, True, True),
        ),
        code.SHORTAGE: (
            _("Materials short of stock"),
            (_("Material"), _("Needed"), _("In stock"), _("Short"), _("Runs short in")),
            (False, True, True, True, False),
        ),
        code.CREW_GAP: (
            _("Crews without enough qualified members"),
            (_("Work centre"), _("Week"), _("Skill"), _("Crew"), _("Qualified")),
            (False, False, False, True, True),
        ),
        code.HIGH_LOAD: (
            _("Work centres close to capacity"),
            (_("Work centre"), _("Week"), _("Needed h"), _("Available h"), _("Load")),
            (False, False, True, True, True),
        ),
        code.CERTIFICATION_EXPIRING: (
            _("Certifications that lapse during the plan"),
            (_("Skill"), _("Level"), _("Lapsing"), _("Who, and the day it lapses")),
            (False, True, True, False),
        ),
        code.SKILLS_NOT_CHECKED: (_("Crews not checked"), (_("Finding"),), (False,)),
        code.NO_ROUTING: (_("Products that load no work centre"), (_("Finding"),), (False,)),
    }


def _cells(finding: Finding, units: dict[str, str], language: str) -> tuple[str, ...]:
    code = FindingCode
    week = week_label(finding.week) if finding.week else ""

    def amount(value: Decimal | None, places: int = 2) -> str:
        return number(value, language, places) if value is not None else ""

    if finding.code in (code.OVERLOAD, code.HIGH_LOAD):
        load = percent(finding.percent, language) if finding.percent is not None else _("closed")
        return (
            finding.work_centre or "",
            week,
            amount(finding.required, 1),
            amount(finding.available, 1),
            load,
        )
    if finding.code is code.SHORTAGE:
        unit = units.get(finding.material or "", "")
        return (
            finding.material or "",
            f"{amount(finding.required)} {unit}".strip(),
            f"{amount(finding.available)} {unit}".strip(),
            f"{amount(finding.shortfall)} {unit}".strip(),
            week,
        )
    if finding.code is code.CREW_GAP:
        return (
            finding.work_centre or "",
            week,
            _("{skill} at level {level}").format(skill=finding.skill, level=finding.skill_level),
            amount(finding.required, 0),
            amount(finding.available, 0),
        )
    return (finding.message,)


def _expiring_rows(items: list[CheckedFinding], language: str) -> list[pm.FindingRow]:
    """Lapsing certifications, one row per skill and level: a long list of members stays short."""
    by_skill: dict[tuple[str, int], list[CheckedFinding]] = defaultdict(list)
    for item in items:
        by_skill[(item.finding.skill or "", item.finding.skill_level or 0)].append(item)
    rows = []
    for (skill, level), group in sorted(by_skill.items()):
        group.sort(key=lambda item: (item.finding.expires_on or date.min, item.finding.member or ""))
        who = "; ".join(
            _("{member} on {date}").format(
                member=item.finding.member,
                date=format_date(item.finding.expires_on, language) if item.finding.expires_on else "",
            )
            for item in group
        )
        answers = [item.acknowledgement for item in group if item.acknowledgement is not None]
        rows.append(
            pm.FindingRow(
                key=group[0].key if len(group) == 1 else "",
                severity=group[0].finding.severity.value,
                message=" ".join(item.finding.message for item in group),
                cells=(skill, str(level), str(len(group)), who),
                lines="",
                acknowledged=len(answers) == len(group),
                reason="; ".join(dict.fromkeys(a.reason for a in answers)) or None,
                acknowledged_by="; ".join(dict.fromkeys(a.acknowledged_by for a in answers)) or None,
                acknowledged_on=format_date(max(a.acknowledged_at for a in answers), language)
                if answers
                else None,
                earlier_note=None,
            )
        )
    return rows


def _findings(check: PlanCheck, language: str) -> tuple[pm.FindingGroup, ...]:
    units = {code: product.unit for code, product in check.inputs.products.items()}
    titles = _group_titles()
    grouped: dict[FindingCode, list[pm.FindingRow]] = defaultdict(list)
    severities: dict[FindingCode, Severity] = {}
    expiring: list[CheckedFinding] = []
    for item in check.findings:
        severities[item.finding.code] = item.finding.severity
        if item.finding.code is FindingCode.CERTIFICATION_EXPIRING:
            expiring.append(item)
            continue
        given = item.acknowledgement
        earlier = None
        if item.earlier is not None:
            earlier = _(
                "Acknowledged on {date} by {who} for other figures ({reason}); "
                "the figures have changed since."
            ).format(
                date=format_date(item.earlier.acknowledged_at, language),
                who=item.earlier.acknowledged_by,
                reason=item.earlier.reason,
            )
        grouped[item.finding.code].append(
            pm.FindingRow(
                key=item.key,
                severity=item.finding.severity.value,
                message=item.finding.message,
                cells=_cells(item.finding, units, language),
                lines=_line_refs(item.finding.lines),
                acknowledged=given is not None,
                reason=given.reason if given else None,
                acknowledged_by=given.acknowledged_by if given else None,
                acknowledged_on=format_date(given.acknowledged_at, language) if given else None,
                earlier_note=earlier,
            )
        )
    if expiring:
        grouped[FindingCode.CERTIFICATION_EXPIRING] = _expiring_rows(expiring, language)
    order = [item.finding.code for item in check.findings]  # blocking first, then by code
    groups = []
    for finding_code, rows in sorted(grouped.items(), key=lambda entry: order.index(entry[0])):
        title, headings, numeric = titles[finding_code]
        severity = severities[finding_code]
        groups.append(
            pm.FindingGroup(
                code=finding_code.value,
                severity=severity.value,
                severity_label=_severity_label(severity),
                title=title,
                headings=headings,
                numeric=numeric,
                rows=tuple(rows),
            )
        )
    return tuple(groups)


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
        if cell.percent is not None
        and cell.load_minutes > 0
        and cell.percent >= DEFAULT_HIGH_LOAD_PCT
        else ""
        for cell in cells
    ]
    return texts if any(texts) else None


def _centres(
    plan: Plan, inputs: PlanInputs, language: str
) -> tuple[tuple[pm.CentreLoad, ...], tuple[str, ...], Decimal]:
    """A load chart and a week table per loaded work centre, the idle ones, the hours in all."""
    weeks = _weeks(plan)
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
                    high=share is not None
                    and not cell.overloaded
                    and share >= DEFAULT_HIGH_LOAD_PCT,
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


def _materials(inputs: PlanInputs, check: PlanCheck, language: str) -> tuple[pm.MaterialRow, ...]:
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


def _crews(inputs: PlanInputs, check: PlanCheck, on: date) -> tuple[pm.CrewRow, ...]:
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


def approval_section(session: Session, motion: Motion, language: str) -> pm.ApprovalSection | None:
    """The motion and the vote that decided the plan, once the vote is closed."""
    vote = motion.vote
    if vote is None or vote.closed_at is None:
        return None
    assembly = motion.assembly
    return pm.ApprovalSection(
        adopted=bool(vote.adopted),
        assembly=_("Assembly {id}, {date}, {place}").format(
            id=assembly.id, date=format_date(assembly.called_for, language), place=assembly.place
        ),
        motion=_("Motion {position}: {title}").format(position=motion.position, title=motion.title),
        proposer=motion.proposer.label,
        method=votes.method_label(vote.method),
        yes=vote.yes_count or 0,
        no=vote.no_count or 0,
        abstain=vote.abstain_count or 0,
        rule=rule_title(vote.rule),
        explanation=vote.explanation or "",
        quorum=vote.quorum_statement,
        decided_on=format_date(vote.closed_at, language),
    )


def _summary(
    inputs: PlanInputs,
    check: PlanCheck,
    centres: tuple[pm.CentreLoad, ...],
    hours: Decimal,
    materials: tuple[pm.MaterialRow, ...],
    language: str,
) -> tuple[str, ...]:
    products = len({line.product for line in inputs.lines})
    lines = ngettext("{count} line", "{count} lines", len(inputs.lines)).format(count=len(inputs.lines))
    sentences = [
        ngettext("{lines} for {count} product.", "{lines} for {count} products.", products).format(
            lines=lines, count=products
        )
    ]
    if centres:
        over = sum(c.overloaded_weeks for c in centres)
        loaded = ngettext(
            "It loads {count} work centre for {hours} hours in all;",
            "It loads {count} work centres for {hours} hours in all;",
            len(centres),
        ).format(count=len(centres), hours=number(hours, language, 1))
        weeks = ngettext(
            "{count} week over capacity at a work centre.",
            "{count} weeks over capacity at a work centre.",
            over,
        ).format(count=over)
        sentences.append(f"{loaded} {weeks}")
    short = sum(1 for m in materials if m.short)
    needed = ngettext("It needs {count} material;", "It needs {count} materials;", len(materials)).format(
        count=len(materials)
    )
    sentences.append(
        needed
        + " "
        + ngettext("{count} is short of stock.", "{count} are short of stock.", short).format(count=short)
    )
    counts = check.counts
    blocking = counts.get("blocking", 0)
    sentences.append(
        ngettext(
            "The check found {count} blocking finding ({acknowledged} acknowledged with a reason)",
            "The check found {count} blocking findings ({acknowledged} acknowledged with a reason)",
            blocking,
        ).format(count=blocking, acknowledged=sum(1 for f in check.findings if f.blocking and f.acknowledged))
        + " "
        + ngettext("and {count} warning.", "and {count} warnings.", counts.get("warning", 0)).format(
            count=counts.get("warning", 0)
        )
    )
    return tuple(sentences)


@in_cooperative_language
def build_plan_report(session: Session, plan: Plan, *, on: date) -> pm.PlanReport:
    """The plan as it stands, checked on ``on``."""
    cooperative = get_cooperative(session)
    language = cooperative.language
    check = check_plan(session, plan, on=on)
    inputs = check.inputs
    listed = inputs.lines if len(inputs.lines) <= LINES_LISTED else ()
    lines = tuple(
        pm.LineRow(
            position=int(line.ref),
            product=line.product,
            product_name=inputs.products[line.product].name,
            quantity=number(line.quantity, language),
            unit=inputs.products[line.product].unit,
            due_week=week_label(line.due_week),
            due_dates=format_date(line.due_week, language),
            priority=line.priority,
        )
        for line in listed
    )
    centres, idle, hours = _centres(plan, inputs, language)
    materials = _materials(inputs, check, language)
    predecessor = None
    if plan.predecessor is not None:
        predecessor = _("This version revises {plan} ({status}).").format(
            plan=plan.predecessor.label, status=status_label(plan.predecessor.status)
        )
    approval = None
    if plan.approval_motion is not None:
        approval = approval_section(session, plan.approval_motion, language)
    return pm.PlanReport(
        cooperative=cooperative.name,
        language=language,
        title=_("Production plan"),
        plan_id=plan.id,
        name=plan.name,
        version=plan.version,
        label=plan.label,
        status=plan.status.value,
        status_label=status_label(plan.status),
        period=_("{start} to {end}").format(
            start=week_label(plan.period_start), end=week_label(plan.period_end)
        ),
        period_dates=_("{start} to {end}").format(
            start=format_date(plan.period_start, language),
            end=format_date(plan.period_end + timedelta(days=6), language),
        ),
        weeks=len(_weeks(plan)),
        created=_("Drafted by {who} on {date}.").format(
            who=plan.created_by, date=format_date(plan.created_at, language)
        ),
        submitted_on=format_date(plan.submitted_at, language) if plan.submitted_at else None,
        predecessor=predecessor,
        note=plan.note,
        checked_on=format_date(on, language),
        grid=_grid(plan, inputs, language),
        lines=lines,
        line_count=len(inputs.lines),
        summary=_summary(inputs, check, centres, hours, materials, language),
        findings=_findings(check, language),
        blocking=check.counts.get("blocking", 0),
        warnings=check.counts.get("warning", 0),
        acknowledged=check.counts.get("acknowledged", 0),
        open_blocking=check.counts.get("open_blocking", 0),
        centres=centres,
        idle_centres=idle,
        materials=materials,
        crews=_crews(inputs, check, on),
        crews_checked=inputs.qualifications is not None,
        approval=approval,
    )


# --- the approved snapshot ---------------------------------------------------------------------


@in_cooperative_language
def freeze(session: Session, plan: Plan, *, now: datetime) -> str:
    """Store the plan as approved: the view model as canonical JSON, and its hash."""
    model = build_plan_report(session, plan, on=now.date())
    snapshot = canonical_json(model.to_dict())
    plan.approved_snapshot = snapshot
    plan.approved_hash = snapshot_hash(snapshot)
    return plan.approved_hash


def _progress(session: Session, plan: Plan, language: str) -> pm.Progress | None:
    if plan.status not in (PlanStatus.in_progress, PlanStatus.closed):
        return None
    outcome: list[pm.OutcomeRow] = []
    summary = None
    if plan.status is PlanStatus.closed:
        planned_total = actual_total = Decimal(0)
        for line in plan.lines:
            actual = line.actual_quantity if line.actual_quantity is not None else Decimal(0)
            difference = actual - line.quantity
            planned_total += line.quantity
            actual_total += actual
            sign = "+" if difference > 0 else ("−" if difference < 0 else "")
            outcome.append(
                pm.OutcomeRow(
                    position=line.position,
                    product=line.product.code,
                    product_name=line.product.name,
                    unit=line.product.unit,
                    planned=number(line.quantity, language),
                    actual=number(actual, language),
                    difference=sign + number(abs(difference), language),
                    achieved=percent(actual / line.quantity * HUNDRED, language),
                    short=actual < line.quantity,
                )
            )
        met = sum(1 for row in outcome if not row.short)
        summary = ngettext(
            "{met} of {count} line was made in full; {achieved} of the planned quantities in all.",
            "{met} of {count} lines were made in full; {achieved} of the planned quantities in all.",
            len(outcome),
        ).format(
            met=met,
            count=len(outcome),
            achieved=percent(actual_total / planned_total * HUNDRED, language) if planned_total else "–",
        )
    return pm.Progress(
        status=plan.status.value,
        status_label=status_label(plan.status),
        started_on=format_date(plan.started_at, language) if plan.started_at else None,
        closed_on=format_date(plan.closed_at, language) if plan.closed_at else None,
        outcome=tuple(outcome),
        outcome_summary=summary,
    )


@in_cooperative_language
def plan_for_print(session: Session, plan: Plan, *, on: date) -> pm.PlanReport:
    """An approved plan from its snapshot (checked against its hash), plus what happened since;
    any other plan from the record as it stands, checked on ``on``."""
    if plan.approved_snapshot is None:
        return build_plan_report(session, plan, on=on)
    if snapshot_hash(plan.approved_snapshot) != plan.approved_hash:
        raise PlanError(
            _(
                "The stored approved version of plan {plan} does not match its hash; it was altered after "
                "the approval. Check the database with: coop audit verify"
            ).format(plan=plan.label)
        )
    model = from_dict(pm.PlanReport, json.loads(plan.approved_snapshot))
    language = get_cooperative(session).language
    return dataclasses.replace(
        model, progress=_progress(session, plan, language), snapshot_hash=plan.approved_hash
    )
