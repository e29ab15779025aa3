"""ISO weeks, each written as the ``date`` of its Monday."""

from __future__ import annotations

from datetime import date, timedelta

from coop.errors import PlanError
from coop.i18n import _


def week_of(day: date) -> date:
    """The Monday of the ISO week containing ``day``."""
    return day - timedelta(days=day.weekday())


def iso_week(year: int, week: int) -> date:
    """The Monday of ISO week ``week`` of ``year`` (``iso_week(2025, 7)`` is 2025-02-10)."""
    try:
        return date.fromisocalendar(year, week, 1)
    except ValueError:
        raise PlanError(_("{year}-W{week} is not an ISO week.").format(year=year, week=week)) from None


def week_label(week: date) -> str:
    """``"2025-W07"`` for any day of that ISO week."""
    iso = week.isocalendar()
    return f"{iso.year:04d}-W{iso.week:02d}"
