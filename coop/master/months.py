"""Months as the ``date`` of their first day, and the master schedule's horizon. Pure.

A month is written ``2027-03`` by people and stored as ``date(2027, 3, 1)``. The horizon of a
master schedule is 6 to 18 whole months (``MIN_MONTHS``, ``MAX_MONTHS``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

from coop.errors import CoopError

MIN_MONTHS = 6
MAX_MONTHS = 18
DEFAULT_MONTHS = 12

_MONTH = re.compile(r"\s*(\d{4})-(\d{1,2})(?:-(\d{1,2}))?\s*")


def month_of(day: date) -> date:
    """The first day of the month ``day`` falls in."""
    return day.replace(day=1)


def add_months(month: date, count: int) -> date:
    """The first day of the month ``count`` months after (before, if negative) ``month``."""
    index = month.year * 12 + month.month - 1 + count
    return date(index // 12, index % 12 + 1, 1)


def months_between(first: date, last: date) -> int:
    """How many months ``last`` is after ``first`` (0 for the same month)."""
    return (last.year - first.year) * 12 + last.month - first.month


def month_range(first: date, count: int) -> list[date]:
    """``count`` consecutive months from ``first``."""
    return [add_months(month_of(first), index) for index in range(count)]


def month_label(month: date) -> str:
    """``2027-03``."""
    return f"{month.year:04d}-{month.month:02d}"


def parse_month(text: str | date, refuse: Callable[[str], CoopError]) -> date:
    """A month typed ``2027-03`` (or any day inside it, ``2027-03-15``), as its first day."""
    if isinstance(text, date):
        return month_of(text)
    match = _MONTH.fullmatch(str(text))
    if match is None:
        raise refuse(str(text).strip())
    year, month, day = int(match[1]), int(match[2]), int(match[3] or 1)
    try:
        return month_of(date(year, month, day))
    except ValueError:
        raise refuse(str(text).strip()) from None
