"""The findings of the check as the printed production plan groups and words them."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from decimal import Decimal

from coop import vocabulary
from coop.formatting import format_date
from coop.i18n import _
from coop.plans.capacity.results import Finding, FindingCode, Severity
from coop.plans.capacity.weeks import week_label
from coop.plans.check import CheckedFinding, PlanCheck
from coop.plans.report_paper import number, percent
from coop.plans.report_sections import line_refs
from coop.reports import plan_model as pm


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
        code.MASTER_DEPARTURE: (
            _("Departures from the approved master plan"),
            (_("Product"), _("Month"), _("This plan"), _("Master plan"), _("Difference")),
            (False, False, True, True, True),
        ),
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
    if finding.code is code.MASTER_DEPARTURE:
        unit = units.get(finding.product or "", "")
        return (
            finding.product or "",
            finding.week.strftime("%Y-%m") if finding.week else "",
            f"{amount(finding.available)} {unit}".strip(),
            f"{amount(finding.required)} {unit}".strip(),
            percent(finding.percent, language) if finding.percent is not None else "—",
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


def finding_groups(check: PlanCheck, language: str) -> tuple[pm.FindingGroup, ...]:
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
                lines=line_refs(item.finding.lines),
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
                severity_label=vocabulary.label(severity),
                title=title,
                headings=headings,
                numeric=numeric,
                rows=tuple(rows),
            )
        )
    return tuple(groups)
