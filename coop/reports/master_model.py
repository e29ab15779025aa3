"""What the printed master plan shows, built from plain data: the view model of ``master_plan.html.j2``.

Pure: the caller (:mod:`coop.master.report_data`) reads the records and the computed scenarios and
hands them over as plain data (:class:`PlanFacts`, :class:`ScenarioFigures` and, once the assembly
has chosen, a :class:`DecisionLine`); :func:`build_master_report` turns them into the frozen
:class:`MasterPlanReport` whose every number is the string to print, in the document's language,
and whose charts are SVG drawn by :mod:`coop.reports.charts`. Run it in the document's language
(the caller does, with :func:`coop.i18n.for_the_record`).

The document: a cover (the cooperative, the plan, its horizon, every scenario's assumptions in
words, the assembly's choice once made), the comparison table (what ``coop master compare``
shows), then one page per scenario: its figures, closing stock against safety stock, load against
capacity of the key work centres, and crew-hours against qualified members of the key skills.
The key centres and skills are the same on every scenario's page, so that pages compare.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from coop.formatting import format_date
from coop.i18n import _, ngettext
from coop.reports.master_pages import (
    CentreRow,
    Chart,
    ScenarioPage,
    SkillRow,
    StockRow,
    month_text,
    number,
    scenario_pages,
)

__all__ = [
    "CentreRow",
    "Chart",
    "ScenarioPage",
    "SkillRow",
    "StockRow",
]

# --- what comes in ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class DeclinedOrder:
    number: int
    customer: str
    product: str
    quantity: Decimal
    unit: str
    month: date


@dataclass(frozen=True)
class Peak:
    work_centre: str
    month: date
    percent: Decimal | None  # None: load and no hours


@dataclass(frozen=True)
class ScenarioFigures:
    """One scenario as computed (its policy applied, its rough cut made), in plain data."""

    name: str
    note: str | None
    policy: str | None  # "level", "chase", or None (production as the master schedule)
    overtime_pct: Decimal
    extra_qualified: Mapping[str, int]
    declined: Sequence[DeclinedOrder]
    output: Decimal
    closing_stock: Decimal
    overtime_hours: Decimal
    unmet_demand: Decimal
    training_needed: Mapping[str, int]
    peak: Peak | None
    rows: Sequence[StockRow]
    centres: Sequence[CentreRow]
    skills: Sequence[SkillRow]


@dataclass(frozen=True)
class PlanFacts:
    cooperative: str
    language: str
    plan: str
    first_month: date
    months: int
    status: str  # draft, submitted, decided
    member_hours: Decimal
    skills_checked: bool
    printed_on: date
    centre_names: Mapping[str, str]
    skill_names: Mapping[str, str]


@dataclass(frozen=True)
class DecisionLine:
    """The assembly's choice among the scenarios (``coop.master.choice.Choice`` is one, its method as
    stored)."""

    scenario_name: str
    assembly_id: int
    motion_id: int
    yes: int
    no: int
    abstain: int
    method: str
    decided_at: datetime
    hash: str


# --- what goes out ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class MeasureRow:
    label: str
    values: tuple[str, ...]  # one per scenario
    numeric: bool


@dataclass(frozen=True)
class ScenarioSummary:
    """A scenario on the cover: its name, its assumptions in words, its note."""

    number: int
    name: str
    assumptions: tuple[str, ...]
    note: str | None
    chosen: bool


@dataclass(frozen=True)
class Decision:
    scenario: str
    sentence: str  # "Chosen by assembly 3, motion 7: ..."
    hash: str


@dataclass(frozen=True)
class MasterPlanReport:
    cooperative: str
    language: str
    title: str
    plan: str
    horizon: str  # "Jan 2027 to Dec 2027 (12 months)"
    status: str
    status_label: str
    printed_on: str
    member_hours: str
    scenarios: tuple[ScenarioSummary, ...]
    measures: tuple[MeasureRow, ...]
    measures_note: str
    pages: tuple[ScenarioPage, ...]
    skills_checked: bool
    decision: Decision | None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


# --- words and numbers -----------------------------------------------------------------------------


def percent(value: Decimal | None, language: str) -> str:
    return _("no hours") if value is None else f"{number(value, language, 1)} %"


def policy_words(policy: str | None) -> str:
    if policy == "level":
        return _("Level production: the same quantity every month, building stock before the peaks.")
    return _("Production follows demand: each month makes what that month needs.")


def assumption_lines(s: ScenarioFigures, facts: PlanFacts) -> tuple[str, ...]:
    """A scenario's assumptions as sentences a member reads aloud."""
    lang = facts.language
    lines = [policy_words(s.policy)]
    if s.overtime_pct:
        lines.append(
            _("Overtime: up to {pct} % more hours at every work centre.").format(
                pct=number(s.overtime_pct, lang, 1 if s.overtime_pct % 1 else 0)
            )
        )
    for skill, count in sorted(s.extra_qualified.items()):
        name = facts.skill_names.get(skill)
        lines.append(
            ngettext(
                "{count} more member qualified in {skill}{name}.",
                "{count} more members qualified in {skill}{name}.",
                count,
            ).format(count=count, skill=skill, name=f" ({name})" if name else "")
        )
    for order in s.declined:
        lines.append(
            _("Order {number} declined: {customer}, {quantity} {unit} of {product} due in {month}.").format(
                number=order.number,
                customer=order.customer,
                quantity=number(order.quantity, lang, 2 if order.quantity % 1 else 0),
                unit=order.unit,
                product=order.product,
                month=month_text(order.month),
            )
        )
    return tuple(lines)


def quantity(value: Decimal, language: str) -> str:
    # Level production spreads a total over the months, so a sum may carry a fraction below the
    # cent: it is printed whole when it rounds to a whole number, as the other columns are.
    cents = value.quantize(Decimal("0.01"))
    return number(cents, language, 2 if cents % 1 else 0)


def measure_rows(scenarios: Sequence[ScenarioFigures], facts: PlanFacts) -> tuple[MeasureRow, ...]:
    """The comparison table: the rows of ``coop master compare``, one column per scenario."""
    lang = facts.language
    policies = tuple(_("level") if s.policy == "level" else _("chase") for s in scenarios)
    overtime = tuple(number(s.overtime_pct, lang, 1 if s.overtime_pct % 1 else 0) for s in scenarios)
    rows = [
        MeasureRow(_("Production"), policies, False),
        MeasureRow(_("Overtime %"), overtime, True),
        MeasureRow(_("Output"), tuple(quantity(s.output, lang) for s in scenarios), True),
        MeasureRow(_("Closing stock"), tuple(quantity(s.closing_stock, lang) for s in scenarios), True),
        MeasureRow(_("Overtime hours"), tuple(number(s.overtime_hours, lang, 1) for s in scenarios), True),
        MeasureRow(_("Unmet demand"), tuple(quantity(s.unmet_demand, lang) for s in scenarios), True),
    ]
    skills = sorted({skill for s in scenarios for skill in s.training_needed})
    for skill in skills:
        rows.append(
            MeasureRow(
                _("Train in {skill}").format(skill=skill),
                tuple(str(s.training_needed.get(skill, 0)) for s in scenarios),
                True,
            )
        )
    if not skills:
        rows.append(MeasureRow(_("Members to train"), tuple("0" for _s in scenarios), True))
    peaks = [s.peak for s in scenarios]
    rows.append(MeasureRow(_("Peak centre"), tuple(p.work_centre if p else "—" for p in peaks), False))
    rows.append(MeasureRow(_("Peak month"), tuple(month_text(p.month) if p else "—" for p in peaks), False))
    rows.append(
        MeasureRow(_("Peak load"), tuple(percent(p.percent, lang) if p else "—" for p in peaks), True)
    )
    return tuple(rows)


def decision_view(decision: DecisionLine, language: str) -> Decision:
    sentence = _(
        "Chosen by assembly {assembly}, motion {motion}: {yes} yes, {no} no, {abstain} abstaining; "
        "{method}; {date}."
    ).format(
        assembly=decision.assembly_id,
        motion=decision.motion_id,
        yes=decision.yes,
        no=decision.no,
        abstain=decision.abstain,
        method=decision.method,
        date=format_date(decision.decided_at, language),
    )
    return Decision(decision.scenario_name, sentence, decision.hash)


def build_master_report(
    facts: PlanFacts, scenarios: Sequence[ScenarioFigures], decision: DecisionLine | None = None
) -> MasterPlanReport:
    """The printed master plan of ``scenarios`` (in their order), in the language in use."""
    lang = facts.language
    last = facts.first_month
    index = last.year * 12 + last.month - 1 + facts.months - 1
    last = date(index // 12, index % 12 + 1, 1)
    chosen = decision.scenario_name if decision else None
    summaries = tuple(
        ScenarioSummary(n, s.name, assumption_lines(s, facts), s.note, s.name == chosen)
        for n, s in enumerate(scenarios, start=1)
    )
    measures = measure_rows(scenarios, facts)
    hours = number(facts.member_hours, lang, 1 if facts.member_hours % 1 else 0)
    return MasterPlanReport(
        cooperative=facts.cooperative,
        language=lang,
        title=_("Master plan"),
        plan=facts.plan,
        horizon=ngettext(
            "{first} to {last} ({count} month)", "{first} to {last} ({count} months)", facts.months
        ).format(first=month_text(facts.first_month), last=month_text(last), count=facts.months),
        status=facts.status,
        status_label={"draft": _("draft"), "submitted": _("submitted"), "decided": _("decided")}.get(
            facts.status, facts.status
        ),
        printed_on=format_date(facts.printed_on, lang),
        member_hours=hours,
        scenarios=summaries,
        measures=measures,
        measures_note=_(
            "Output and stock in units of all products together; unmet demand: each product's largest "
            "backlog; train: members still to qualify in the worst month, at {hours} h a month each; "
            "peak: the most loaded work centre and month."
        ).format(hours=hours),
        pages=scenario_pages(
            scenarios,
            first_month=facts.first_month,
            months=facts.months,
            language=lang,
            centre_names=facts.centre_names,
            skill_names=facts.skill_names if facts.skills_checked else None,
            headings=[(n.number, n.assumptions, n.chosen) for n in summaries],
            figures=[tuple((row.label, row.values[i]) for row in measures) for i in range(len(scenarios))],
        ),
        skills_checked=facts.skills_checked,
        decision=decision_view(decision, lang) if decision else None,
    )
