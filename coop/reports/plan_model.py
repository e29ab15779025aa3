"""What the printed production plan shows: frozen view models built by ``coop.plans.reports``.

The template (``plan_report.html.j2``) renders only this model. When the assembly approves a
plan, the whole model is stored as a JSON snapshot with its SHA-256 hash, so that a reprint of
the approved plan is identical even after products, stock or work centres change; only what
happens after the approval (``progress``: in progress, closed, planned versus actual) and the
hash line are added at print time. Numbers arrive as the strings to print, in the document's
language; charts arrive as SVG markup drawn by :mod:`coop.reports.charts`.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any


@dataclass(frozen=True)
class LineRow:
    position: int
    product: str  # code
    product_name: str
    quantity: str  # "1,200"
    unit: str
    due_week: str  # "2027-W03"
    due_dates: str  # "18–22 Jan"
    priority: int


@dataclass(frozen=True)
class GridRow:
    """One product: its unit, its quantity due each week ("·" where none) and the total."""

    product: str
    product_name: str
    figures: str  # aligned under ``GridBlock.heading`` in a monospaced face


@dataclass(frozen=True)
class GridBlock:
    """Up to 13 weeks side by side; a longer plan prints several blocks."""

    heading: str  # "Unit    W49    W50 ...  Total", aligned like the rows' figures
    rows: tuple[GridRow, ...]


@dataclass(frozen=True)
class FindingRow:
    key: str  # "overload:HORNO:2027-W03", what coop plan acknowledge takes
    severity: str  # "blocking", "warning", "info"
    message: str  # the whole finding in one sentence
    cells: tuple[str, ...]  # the same, in the columns of its group
    lines: str  # "lines 3, 7"
    acknowledged: bool
    reason: str | None  # the coordinators' reason, when acknowledged
    acknowledged_by: str | None
    acknowledged_on: str | None
    earlier_note: str | None  # an acknowledgement given for other figures, no longer valid


@dataclass(frozen=True)
class FindingGroup:
    """The findings of one kind (overloads, shortfalls, ...) as one table."""

    code: str
    severity: str
    severity_label: str
    title: str  # "Work centres over capacity"
    headings: tuple[str, ...]
    numeric: tuple[bool, ...]  # which columns hold numbers (right-aligned)
    rows: tuple[FindingRow, ...]


@dataclass(frozen=True)
class WeekCell:
    week: str  # "W03"
    load: str  # hours, "53.9"
    available: str  # hours, "48"
    percent: str  # "112.3 %", "—" without load, "closed" when no hours are available
    over: bool
    high: bool


@dataclass(frozen=True)
class CentreLoad:
    code: str
    name: str
    capacity: str  # "8 h × 3 shifts × 1 station × 85 %, Monday to Friday"
    total_load: str
    total_available: str
    peak: str  # "112.3 % in 2027-W03"
    closures: tuple[str, ...]  # "8 Dec: Feriado"
    chart_svg: str
    weeks: tuple[WeekCell, ...]
    overloaded_weeks: int


@dataclass(frozen=True)
class MaterialRow:
    code: str
    name: str
    unit: str
    required: str
    on_hand: str
    shortfall: str  # "" when none
    short_week: str  # first week it runs short, "" when none
    short: bool


@dataclass(frozen=True)
class CrewRow:
    work_centre: str
    skill: str  # code
    skill_name: str
    level: int
    crew: int  # people needed at a station
    qualified_now: int
    qualified_names: str  # up to a few names, "and 12 more"
    short_weeks: str  # "2027-W03, 2027-W04" or ""
    short: bool


@dataclass(frozen=True)
class ApprovalSection:
    """The assembly's decision on the plan: the motion and its vote."""

    adopted: bool
    assembly: str  # "Assembly 2, 23 November 2026, Comedor de la planta"
    motion: str  # "Motion 3: Production plan ..., version 1"
    proposer: str
    method: str  # "show of hands"
    yes: int
    no: int
    abstain: int
    rule: str  # "majority of votes cast"
    explanation: str
    quorum: str
    decided_on: str


@dataclass(frozen=True)
class OutcomeRow:
    position: int
    product: str
    product_name: str
    unit: str
    planned: str
    actual: str
    difference: str  # "+50", "−120"
    achieved: str  # "95.8 %"
    short: bool


@dataclass(frozen=True)
class Progress:
    """What happened after the approval; added at print time, never part of the snapshot."""

    status: str  # "in_progress" or "closed"
    status_label: str
    started_on: str | None
    closed_on: str | None
    outcome: tuple[OutcomeRow, ...]  # planned versus actual, once closed
    outcome_summary: str | None


@dataclass(frozen=True)
class PlanReport:
    cooperative: str
    language: str
    title: str  # "Production plan"
    plan_id: int
    name: str
    version: int
    label: str  # "#3 Plan verano v2"
    status: str  # at the time the model was built: draft, submitted, approved, ...
    status_label: str
    period: str  # "2026-W49 to 2027-W09"
    period_dates: str  # "30 November 2026 – 7 March 2027"
    weeks: int
    created: str  # "Drafted by ... on ..."
    submitted_on: str | None
    predecessor: str | None  # "This version revises #1 Plan verano v1."
    note: str | None
    checked_on: str
    grid: tuple[GridBlock, ...]  # what will be made, product by week
    lines: tuple[LineRow, ...]  # every line with its number and priority; empty for a long plan
    line_count: int
    summary: tuple[str, ...]  # sentences
    findings: tuple[FindingGroup, ...]
    blocking: int
    warnings: int
    acknowledged: int
    open_blocking: int
    centres: tuple[CentreLoad, ...]
    idle_centres: tuple[str, ...]  # work centres the plan does not load at all
    materials: tuple[MaterialRow, ...]
    crews: tuple[CrewRow, ...]
    crews_checked: bool
    approval: ApprovalSection | None
    progress: Progress | None = None
    snapshot_hash: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)
