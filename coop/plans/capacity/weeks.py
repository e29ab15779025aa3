"""ISO weeks, each written as the ``date`` of its Monday."""

from __future__ import annotations

from datetime import date

from coop import parsing
from coop.errors import PlanError
from coop.parsing import week_of

__all__ = ["iso_week", "week_label", "week_of"]


def iso_week(year: int, week: int) -> date:
    """The Monday of ISO week ``week`` of ``year`` (``iso_week(2025, 7)`` is 2025-02-10)."""
    return parsing.iso_week(year, week, error=PlanError)


def week_label(week: date) -> str:
    """``"2025-W07"`` for any day of that ISO week."""
    iso = week.isocalendar()
    return f"{iso.year:04d}-W{iso.week:02d}"
