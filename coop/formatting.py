"""Dates, times and numbers as people of each language write them on paper."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from coop.i18n import _, current_language
from coop.numbers import written_number, written_quantity

_MONTHS_EN = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def format_date(day: date | datetime, language: str | None = None) -> str:
    """25 November 2026 in English; 25/11/2026 as an Argentine secretary writes it.

    Without ``language``, the language messages are translated into now.
    """
    if (language or current_language()) == "es":
        return f"{day.day:02d}/{day.month:02d}/{day.year}"
    return f"{day.day} {_MONTHS_EN[day.month - 1]} {day.year}"


def format_time(moment: datetime | None) -> str:
    return moment.strftime("%H:%M") if moment else ""


def format_number(
    value: int | Decimal | float, language: str | None = None, places: int | None = None
) -> str:
    """1,234.5 in English; 1.234,5 in Spanish (without ``language``: the current message language)."""
    return written_number(value, language or current_language(), places)


def format_quantity(value: int | Decimal, language: str | None = None) -> str:
    """A quantity in a message: 1,500 and 12.5 in English, 1.500 and 12,5 in Spanish (no trailing zeros)."""
    return written_quantity(value, language or current_language())


def yes_no(value: bool) -> str:
    return _("yes") if value else _("no")
