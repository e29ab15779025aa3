"""What the pure check gives back: findings with their severity, and the quantities and loads
behind them (material requirements, week loads, week capacities).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum

from coop import vocabulary
from coop.i18n import N_
from coop.plans.capacity.inputs import PlanLine
from coop.plans.capacity.quantities import HUNDRED, SIXTY, ZERO

# --------------------------------------------------------------------------- output types


class Severity(StrEnum):
    BLOCKING = "blocking"
    WARNING = "warning"
    INFO = "info"


vocabulary.define(
    Severity, {Severity.BLOCKING: N_("blocking"), Severity.WARNING: N_("warning"), Severity.INFO: N_("note")}
)


_SEVERITY_RANK = {Severity.BLOCKING: 0, Severity.WARNING: 1, Severity.INFO: 2}


class FindingCode(StrEnum):
    OVERLOAD = "overload"
    HIGH_LOAD = "high_load"
    SHORTAGE = "shortage"
    CREW_GAP = "crew_gap"
    CERTIFICATION_EXPIRING = "certification_expiring"
    SKILLS_NOT_CHECKED = "skills_not_checked"
    NO_ROUTING = "no_routing"
    # the weeks depart from the master plan the assembly chose (found by coop.master.weekly_check)
    MASTER_DEPARTURE = "master_departure"


vocabulary.define(
    FindingCode,
    {
        FindingCode.OVERLOAD: N_("overload"),
        FindingCode.HIGH_LOAD: N_("high load"),
        FindingCode.SHORTAGE: N_("shortage"),
        FindingCode.CREW_GAP: N_("crew short of qualified members"),
        FindingCode.CERTIFICATION_EXPIRING: N_("certification lapsing"),
        FindingCode.SKILLS_NOT_CHECKED: N_("crews not checked"),
        FindingCode.NO_ROUTING: N_("no routing"),
        FindingCode.MASTER_DEPARTURE: N_("departs from the master plan"),
    },
)


@dataclass(frozen=True)
class Finding:
    """One thing that could make the plan fail, with the numbers and the lines behind it.

    Numbers by code:

    * ``overload`` / ``high_load``: ``required`` load hours, ``available`` hours, ``percent``
      (``None`` when no hours are available);
    * ``shortage``: ``required`` quantity of ``material``, ``available`` stock, ``shortfall``;
      ``week`` is the first week it runs short;
    * ``crew_gap``: ``required`` crew size, ``available`` qualified count, ``members`` who qualify;
    * ``certification_expiring``: ``member``, ``expires_on``, ``week`` containing that day.
    """

    code: FindingCode
    severity: Severity
    message: str
    week: date | None = None
    work_centre: str | None = None
    product: str | None = None
    material: str | None = None
    skill: str | None = None
    skill_level: int | None = None
    member: str | None = None
    required: Decimal | None = None
    available: Decimal | None = None
    percent: Decimal | None = None
    expires_on: date | None = None
    members: tuple[str, ...] = ()
    lines: tuple[PlanLine, ...] = ()

    @property
    def shortfall(self) -> Decimal | None:
        if self.required is None or self.available is None:
            return None
        return max(self.required - self.available, ZERO)

    @property
    def blocking(self) -> bool:
        return self.severity is Severity.BLOCKING


def finding_sort_key(finding: Finding) -> tuple[object, ...]:
    return (
        _SEVERITY_RANK[finding.severity],
        finding.code.value,
        finding.week or date.min,
        finding.work_centre or "",
        finding.product or "",
        finding.material or "",
        finding.skill or "",
        finding.skill_level if finding.skill_level is not None else -1,
        finding.member or "",
    )


@dataclass(frozen=True)
class LineQuantity:
    line: PlanLine
    quantity: Decimal


@dataclass(frozen=True)
class MaterialRequirement:
    """Gross quantity of one material over the plan, and which lines need how much."""

    material: str
    quantity: Decimal
    contributions: tuple[LineQuantity, ...]

    @property
    def lines(self) -> tuple[PlanLine, ...]:
        return tuple(c.line for c in self.contributions)


@dataclass(frozen=True)
class LineLoad:
    line: PlanLine
    minutes: Decimal

    @property
    def hours(self) -> Decimal:
        return self.minutes / SIXTY


@dataclass(frozen=True)
class WeekLoad:
    """Load on one work centre in one week, exact, in minutes; ``contributions`` in plan order."""

    work_centre: str
    week: date
    minutes: Decimal
    contributions: tuple[LineLoad, ...]

    @property
    def hours(self) -> Decimal:
        return self.minutes / SIXTY

    @property
    def lines(self) -> tuple[PlanLine, ...]:
        return tuple(c.line for c in self.contributions)


@dataclass(frozen=True)
class WeekCapacity:
    """One bar of a load chart: load versus available hours for a work centre and week."""

    work_centre: str
    week: date
    load_minutes: Decimal
    available_hours: Decimal
    lines: tuple[PlanLine, ...]

    @property
    def load_hours(self) -> Decimal:
        return self.load_minutes / SIXTY

    @property
    def percent(self) -> Decimal | None:
        """Load as a percentage of the available hours, exact; ``None`` if none are available."""
        if self.available_hours == 0:
            return None
        return self.load_minutes / (self.available_hours * SIXTY) * HUNDRED

    @property
    def overloaded(self) -> bool:
        return self.load_minutes > self.available_hours * SIXTY
