"""A scenario's assumptions and its production policy: level or chase. Pure.

Rules (tested in ``tests/master/test_roughcut.py``)
-----------------------------------------------------
Chase
    Production is the master schedule's (:mod:`coop.master.mps`): each month makes what it needs.

Level
    Each product is made at one rate every month: the smallest rate that never lets the closing stock
    fall below the safety stock, ``rate = max over k of (demand of months 1..k + safety − stock on
    hand) / k``, rounded up to 0.0001 (0 when that is not above 0). Stock is built before a peak
    instead of making it in the peak month. A product's maximum batch caps the rate; its minimum
    batch raises a rate above 0.

Unmet demand
    Per product, the largest backlog (a closing stock below 0) of any month, summed over products.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_CEILING, Decimal

from coop.errors import PlanError
from coop.i18n import _
from coop.master.mps import ScheduleRow

ZERO = Decimal(0)
QUANTUM = Decimal("0.0001")


class Policy(enum.StrEnum):
    chase = "chase"
    level = "level"


@dataclass(frozen=True)
class Assumptions:
    """What a scenario assumes, as a person reads it; stored as JSON (:meth:`as_json`)."""

    policy: Policy | None = None  # None: not stated, production as the master schedule (chase)
    overtime_pct: Decimal = ZERO
    extra_qualified: Mapping[str, int] = field(default_factory=dict)
    declined_orders: tuple[int, ...] = ()

    def __post_init__(self) -> None:
        if not ZERO <= self.overtime_pct <= 100:
            raise PlanError(
                _("Overtime must be from 0 % to 100 % of the available hours, not {pct} %.").format(
                    pct=self.overtime_pct
                )
            )
        for skill, count in self.extra_qualified.items():
            if count < 1:
                raise PlanError(
                    _("{skill}: give at least 1 more qualified member, like {skill}=6.").format(skill=skill)
                )

    @property
    def level(self) -> bool:
        return self.policy is Policy.level

    @property
    def empty(self) -> bool:
        return self == Assumptions()

    def as_json(self) -> dict[str, object]:
        return {
            "policy": self.policy.value if self.policy else None,
            "overtime_pct": f"{self.overtime_pct:f}",
            "extra_qualified": dict(sorted(self.extra_qualified.items())),
            "declined_orders": sorted(self.declined_orders),
        }

    @classmethod
    def from_json(cls, data: Mapping[str, object]) -> Assumptions:
        extra = data.get("extra_qualified") or {}
        declined = data.get("declined_orders") or []
        assert isinstance(extra, dict) and isinstance(declined, list)
        return cls(
            Policy(str(data["policy"])) if data.get("policy") else None,
            Decimal(str(data.get("overtime_pct", "0"))),
            {str(k): int(v) for k, v in extra.items()},
            tuple(int(i) for i in declined),
        )


def level_rows(
    rows: Sequence[ScheduleRow], min_batch: Decimal | None, max_batch: Decimal | None
) -> list[ScheduleRow]:
    """One product's schedule made at a level rate (see *Level*); ``rows`` are its months in order."""
    if not rows:
        return []
    opening = rows[0].opening
    safety = rows[0].safety_stock
    rate = ZERO
    cumulative = ZERO
    for k, row in enumerate(rows, start=1):
        cumulative += row.demand
        rate = max(rate, (cumulative + safety - opening) / k)
    rate = rate.quantize(QUANTUM, ROUND_CEILING)
    if rate > 0 and min_batch is not None:
        rate = max(rate, min_batch)
    if max_batch is not None:
        rate = min(rate, max_batch)
    result = []
    for row in rows:
        closing = opening + rate - row.demand
        shortfall = safety - closing if closing < safety else ZERO
        result.append(
            ScheduleRow(
                row.code,
                row.month,
                opening,
                row.firm_orders,
                row.tentative_orders,
                row.forecast,
                row.demand,
                rate,
                closing,
                safety,
                shortfall,
            )
        )
        opening = closing
    return result


def unmet_demand(rows: Sequence[ScheduleRow]) -> Decimal:
    """Per product the largest backlog of any month, summed (see *Unmet demand*)."""
    worst: dict[str, Decimal] = {}
    for row in rows:
        worst[row.code] = max(worst.get(row.code, ZERO), -row.closing)
    return sum(worst.values(), ZERO)


def closing_stock(rows: Sequence[ScheduleRow]) -> Decimal:
    """The stock left at the end of the horizon, summed over products (a backlog counts as 0)."""
    last: dict[str, Decimal] = {}
    for row in rows:
        last[row.code] = row.closing
    return sum((max(value, ZERO) for value in last.values()), ZERO)
